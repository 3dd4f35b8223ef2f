# A plain Rack 2 app: the routes the handler tests call.
require_relative "app"

run EchoApp.new
