# frozen_string_literal: true

# A stand-in for jets/shim (Jets 6), which cannot be installed here: it
# records how often the handler booted it and hands each event back with
# what the handler passed, so the test sees the call the real shim gets.
require "json"

module Jets
  module Shim
    @boots = 0

    class << self
      attr_reader :boots

      def boot
        @boots += 1
      end

      def handler(event, context)
        keys = event.is_a?(Hash) ? event.keys.sort : []
        { "statusCode" => 200,
          "body" => JSON.generate("shim" => "Jets::Shim.handler", "boots" => boots,
                                  "jets_env" => ENV["JETS_ENV"], "keys" => keys.first(6),
                                  "request_id" => context.aws_request_id) }
      end
    end
  end
end
