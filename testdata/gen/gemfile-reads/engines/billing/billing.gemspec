Gem::Specification.new do |s|
  s.name = "billing"
  s.version = "0.1.0"
  s.summary = "billing engine"
  s.files = ["lib/billing.rb"]
end
