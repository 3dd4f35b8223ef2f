lib = File.expand_path("lib", __dir__)
$LOAD_PATH.unshift(lib) unless $LOAD_PATH.include?(lib)
require "own_worker/version"

Gem::Specification.new do |spec|
  spec.name = "own_worker"
  spec.version = OwnWorker::VERSION
  spec.authors = ["dockwright"]
  spec.summary = "a Lambda worker packaged as a gem"
  spec.files = Dir["lib/**/*.rb"]
  spec.require_paths = ["lib"]
  spec.add_dependency "base64"
end
