# frozen_string_literal: true

# A Rack-3-shaped app: it uses only what the Rack 3 SPEC allows and asks
# for, and nothing of the rack gem itself, so that it runs under the rack
# gem this machine has.  Response headers are a Hash of lowercase names,
# several values of one header are an Array (not "\n"-joined as in Rack 2),
# rack.input may be absent, and /stream answers with a streaming body (a
# callable that writes to the stream it is given); /echo asks, through
# rack.response_finished, to count the requests it completed.
require "json"

$dw_open_bodies = 0
# Requests whose rack.response_finished callback has run (Rack 3.1).
$dw_finished = 0

# An Enumerable body that counts itself open until the server closes it.
class Rack3Body
  def initialize(*parts)
    $dw_open_bodies += 1
    @parts = parts
  end

  def each(&block) = @parts.each(&block)

  def close
    $dw_open_bodies -= 1
  end
end

ECHO = %w[REQUEST_METHOD SCRIPT_NAME PATH_INFO QUERY_STRING SERVER_NAME SERVER_PORT
          SERVER_PROTOCOL HTTPS rack.url_scheme REMOTE_ADDR CONTENT_TYPE CONTENT_LENGTH
          HTTP_HOST HTTP_COOKIE HTTP_ACCEPT HTTP_X_CUSTOM].freeze

echo = lambda do |env|
  body = env["rack.input"] ? env["rack.input"].read.to_s : ""
  out = ECHO.to_h { |k| [k, env[k]] }
  text = body.dup.force_encoding(Encoding::UTF_8)
  out["body"] = text.valid_encoding? ? text : [body].pack("m0")
  out["body_bytes"] = body.bytesize
  out["request_id"] = env["lambda.context"].aws_request_id
  out["finished_before"] = $dw_finished
  env["rack.response_finished"] << ->(_env, status, _headers, _error) { $dw_finished += 1 if status == 200 }
  [200, { "content-type" => "application/json" }, Rack3Body.new(JSON.generate(out))]
end

run(lambda do |env|
  case env["PATH_INFO"]
  when "/echo" then echo.call(env)
  when "/binary"
    [200, { "content-type" => "image/png" },
     Rack3Body.new([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 255, 254].pack("C*"))]
  when "/cookies"
    [200, { "content-type" => "text/plain", "set-cookie" => ["a=1; path=/", "b=2; path=/; httponly"] },
     Rack3Body.new("two ", "cookies")]
  when "/stream"
    [200, { "content-type" => "text/plain" }, ->(stream) { stream.write("streamed "); stream.write("body"); stream.close }]
  when "/redirect" then [302, { "location" => "https://example.com/next" }, []]
  when "/boom" then raise "boom: the app failed"
  else [404, { "content-type" => "text/plain" }, Rack3Body.new("not found: #{env['PATH_INFO']}")]
  end
end)
