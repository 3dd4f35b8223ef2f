# frozen_string_literal: true

require "json"
require "sinatra/base"

# The same routes as the plain Rack app, the Sinatra way.
class App < Sinatra::Base
  ECHO = %w[REQUEST_METHOD SCRIPT_NAME PATH_INFO QUERY_STRING SERVER_NAME SERVER_PORT
            SERVER_PROTOCOL HTTPS rack.url_scheme REMOTE_ADDR CONTENT_TYPE CONTENT_LENGTH
            HTTP_HOST HTTP_COOKIE HTTP_ACCEPT HTTP_X_CUSTOM].freeze

  set :environment, :production

  get("/echo") { echo }
  post("/echo") { echo }
  delete("/echo") { echo }

  def echo
    body = request.body.read
    out = ECHO.to_h { |k| [k, env[k]] }
    out["params"] = request.GET
    out["form"] = request.POST if request.form_data?
    text = body.dup.force_encoding(Encoding::UTF_8)
    out["body"] = text.valid_encoding? ? text : [body].pack("m0")
    out["body_bytes"] = body.bytesize
    out["url"] = request.url
    out["request_id"] = env["lambda.context"].aws_request_id
    content_type :json
    JSON.generate(out)
  end

  get "/binary" do
    content_type "image/png"
    [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 255, 254].pack("C*")
  end

  get "/cookies" do
    response.set_cookie("a", value: "1", path: "/")
    response.set_cookie("b", value: "2", path: "/", httponly: true)
    "two cookies"
  end

  get("/redirect") { redirect "https://example.com/next" }
  get("/boom") { raise "boom: the app failed" }
end
