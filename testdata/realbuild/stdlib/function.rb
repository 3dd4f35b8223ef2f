require "json"

# A handler on Ruby's standard library alone: the app has no Gemfile, so
# the image has no bundle step and no gems but the runtime client.
def handle(event:, context:)
  source = if event.dig("requestContext", "elb") then "alb"
           elsif event["version"] == "2.0" then "http-api"
           else "rest-api"
           end
  query = event["queryStringParameters"] || {}
  body = JSON.generate(greeting: (event["rawPath"] || event["path"]).delete_prefix("/"),
                       name: query["name"], gems: Gem.loaded_specs.keys.sort)
  response = { statusCode: 200, headers: { "content-type" => "application/json", "x-dw-source" => source },
               body: body, isBase64Encoded: false }
  response[:statusDescription] = "200 OK" if source == "alb"
  response
end
