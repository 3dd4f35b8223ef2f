Jets.deploy.configure do |config|
  config.docker.image = "from-rb:1"
end
