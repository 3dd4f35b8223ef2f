# A function on Ruby's standard library: no Gemfile, no bundle step.
require "json"

def handler(event:, context:)
  { statusCode: 200, body: JSON.generate(ok: true) }
end
