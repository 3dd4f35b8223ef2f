def handler(event:, context:)
  { statusCode: 200 }
end
