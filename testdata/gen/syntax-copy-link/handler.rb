# An events-only function: the app has its own handler.
require "aws-sdk-s3"

def handler(event:, context:)
  event.fetch("Records", []).map { |r| r.dig("s3", "object", "key") }
end
