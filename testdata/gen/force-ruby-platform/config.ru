# A Ruby app that uses nokogiri, served by Rack.
require "nokogiri"
run ->(env) { [200, { "content-type" => "text/plain" }, [Nokogiri::VERSION]] }
