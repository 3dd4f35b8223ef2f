# frozen_string_literal: true

require "json"
require "rack"

# Bodies still open: the server must close each one after its request.
$dw_open_bodies = 0

# A body that counts itself open until the server closes it.
class ClosingBody
  def initialize(*parts)
    $dw_open_bodies += 1
    @parts = parts
  end

  def each(&block)
    @parts.each(&block)
  end

  def close
    $dw_open_bodies -= 1
  end
end

# Echoes the Rack env it got, so that every field of the answer checks
# one field of the request the adapter built.
class EchoApp
  ECHO = %w[REQUEST_METHOD SCRIPT_NAME PATH_INFO QUERY_STRING SERVER_NAME SERVER_PORT
            SERVER_PROTOCOL HTTPS rack.url_scheme REMOTE_ADDR CONTENT_TYPE CONTENT_LENGTH
            HTTP_HOST HTTP_COOKIE HTTP_ACCEPT HTTP_X_CUSTOM].freeze
  PNG = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 255, 254].pack("C*")

  def call(env)
    case env["PATH_INFO"]
    when "/echo" then echo(env)
    when "/binary" then [200, { "Content-Type" => "image/png" }, ClosingBody.new(PNG)]
    when "/cookies"
      [200, { "Content-Type" => "text/plain", "Set-Cookie" => "a=1; Path=/\nb=2; Path=/; HttpOnly" },
       ClosingBody.new("two ", "cookies")]
    when "/redirect" then [302, { "Location" => "https://example.com/next" }, ClosingBody.new]
    when "/boom" then raise "boom: the app failed"
    else [404, { "Content-Type" => "text/plain" }, ClosingBody.new("not found: #{env['PATH_INFO']}")]
    end
  end

  def echo(env)
    body = env["rack.input"].read
    req = Rack::Request.new(env)
    out = ECHO.to_h { |k| [k, env[k]] }
    out["params"] = req.GET
    out["form"] = req.POST if req.form_data?
    text = body.dup.force_encoding(Encoding::UTF_8)
    out["body"] = text.valid_encoding? ? text : [body].pack("m0")
    out["body_bytes"] = body.bytesize
    out["url"] = req.url
    out["request_id"] = env["lambda.context"].aws_request_id
    [200, { "Content-Type" => "application/json" }, ClosingBody.new(JSON.generate(out))]
  end
end
