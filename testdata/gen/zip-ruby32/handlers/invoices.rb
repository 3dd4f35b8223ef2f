# frozen_string_literal: true

require "pg"

module Billing
  # Turns queued invoices into rows.
  class Invoices
    class Error < StandardError; end

    def self.process(event:, context:)
      event.fetch("Records", []).size
    end

    def save(event:, context:)
      # an instance method: not a handler
    end
  end
end
