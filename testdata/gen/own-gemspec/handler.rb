require "own_worker/version"

def do_something(event:, context:)
  { result: event["a"] * event["b"], version: OwnWorker::VERSION }
end
