# frozen_string_literal: true

# The handler for events that are not HTTP requests, named by
# DOCKWRIGHT_EVENT_HANDLER=lib/events.Events.handle.
module Events
  def self.handle(event:, context:)
    { "handled_by" => "Events.handle",
      "source" => event["source"] || event.dig("Records", 0, "eventSource"),
      "request_id" => context.aws_request_id }
  end
end
