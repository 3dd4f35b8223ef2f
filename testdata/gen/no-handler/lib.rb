# Not a handler: it takes no event: and context:.
def handler(event)
  event
end
