# A handler whose file cannot load: Lambda reports an init error
# (Init<LoadError>) before any event.
require "a_library_that_is_not_installed"

def handler(event:, context:)
  { statusCode: 200 }
end
