require "json"
require "pg"

def handler(event:, context:)
  { statusCode: 200, body: JSON.generate(ok: true) }
end
