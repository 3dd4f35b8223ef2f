# The Lambda handler named by CMD: handlers/controller.lambda_handler.
require "bundler/setup"
require "json"

def lambda_handler(event:, context:)
  { statusCode: 200, body: JSON.generate(ok: true, request: context.aws_request_id) }
end
