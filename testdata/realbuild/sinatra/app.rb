require "sinatra/base"

# A modular Sinatra app: answers GET /hello?name=NAME.
class App < Sinatra::Base
  get "/hello" do
    content_type "text/plain"
    headers "x-dw-app" => "sinatra"
    "hello #{params["name"]} from sinatra #{Sinatra::VERSION}"
  end
end
