Jets.deploy.configure do
  config.dockerfile.install.awscli = false
  config.dockerfile.apt.packages.deployment_stage = ["tzdata"]
  config.docker.tag = ":GIT_SHA"
  config.lambda.memory = 1536
end
