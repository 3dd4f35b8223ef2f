def handle(event:, context:)
  { ok: true }
end
