require "bundler/setup"
require "json"
require "mustermann"

ROUTE = Mustermann.new("/:greeting")

# Answers API Gateway REST (payload 1.0), HTTP API (2.0) and ALB events in
# the shape each source expects, without a framework.
def handle(event:, context:)
  source = if event.dig("requestContext", "elb") then "alb"
           elsif event["version"] == "2.0" then "http-api"
           else "rest-api"
           end
  path = event["rawPath"] || event["path"]
  query = event["queryStringParameters"] || {}
  params = ROUTE.params(path)
  status = params ? 200 : 404
  body = JSON.generate(greeting: params && params["greeting"], name: query["name"],
                       source: source, request_id: context.aws_request_id)
  response = { statusCode: status, headers: { "content-type" => "application/json", "x-dw-source" => source },
               body: body, isBase64Encoded: false }
  response[:statusDescription] = "#{status} #{status == 200 ? "OK" : "Not Found"}" if source == "alb"
  response
end
