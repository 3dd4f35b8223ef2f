def lambda_handler(event:, context:)
  { statusCode: 200, body: "hello" }
end
