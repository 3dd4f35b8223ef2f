# A handler that raises: Lambda reports a function error (Function<ArgumentError>).
def handler(event:, context:)
  raise ArgumentError, "raised on purpose by errors/raises.rb"
end
