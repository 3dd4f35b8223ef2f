require "jets"

def lambda_handler(event:, context:)
  Jets.process(event, context)
end
