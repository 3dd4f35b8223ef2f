module Reports
  class << self
    def nightly(event:, context:)
      :done
    end
  end
end
