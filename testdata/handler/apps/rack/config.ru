# A plain Rack 2 app: the routes the handler tests call.
require_relative "app"

# Rack::Lint checks the env the adapter builds against the Rack 2 SPEC.
use Rack::Lint

run EchoApp.new
