# A plain Rack app: answers GET /hello?name=NAME.
app = lambda do |env|
  req = Rack::Request.new(env)
  if req.path_info == "/hello"
    [200, { "content-type" => "text/plain", "x-dw-app" => "rack" },
     ["hello #{req.params["name"]} from rack #{Rack.release}"]]
  else
    [404, { "content-type" => "text/plain" }, ["not found: #{req.path_info}"]]
  end
end
run app
