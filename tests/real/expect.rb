# tests/real/expect.rb - check fields of a JSON document (a Lambda response
# or error the Runtime API emulator recorded).
#
# usage: ruby expect.rb FILE CHECK...
#   PATH=VALUE   the field's value, as text, is VALUE (null for nil)
#   PATH~REGEX   the field's value, as text, matches REGEX
#   PATH?        the field exists
#   !PATH        the field does not exist
# PATH is keys separated by "/", a number indexes an array
# (multiValueHeaders/content-type/0); a key with the suffix @json reads that
# field's string as JSON (body@json/name).  Prints every mismatch and exits
# 1, so a failing test shows the document's actual values.
require 'json'

MISSING = Object.new.freeze

def dig(doc, path)
  path.split('/').reduce(doc) do |node, key|
    json = key.delete_suffix!('@json')
    node = if node.is_a?(Hash) && node.key?(key) then node[key]
           elsif node.is_a?(Array) && key.match?(/\A\d+\z/) && key.to_i < node.size then node[key.to_i]
           else MISSING
           end
    node = JSON.parse(node) if json && node.is_a?(String)
    return MISSING if node.equal?(MISSING)
    node
  end
end

def text(v)
  v.nil? ? 'null' : v.to_s
end

file = ARGV.shift or abort 'usage: expect.rb FILE CHECK...'
doc = begin
  JSON.parse(File.read(file))
rescue StandardError => e
  abort "#{file}: #{e.message}"
end
bad = ARGV.reject do |check|
  case check
  when /\A!(.+)\z/ then dig(doc, Regexp.last_match(1)).equal?(MISSING)
  when /\A([^=~]+)\?\z/ then !dig(doc, Regexp.last_match(1)).equal?(MISSING)
  when /\A([^=~]+)=(.*)\z/m
    v = dig(doc, Regexp.last_match(1))
    !v.equal?(MISSING) && text(v) == Regexp.last_match(2)
  when /\A([^=~]+)~(.*)\z/m
    v = dig(doc, Regexp.last_match(1))
    re = Regexp.new(Regexp.last_match(2))
    !v.equal?(MISSING) && re.match?(text(v))
  else abort "expect.rb: bad check '#{check}'"
  end
end
exit 0 if bad.empty?
bad.each { |c| puts "#{file}: expected #{c}" }
puts "#{file}: #{JSON.generate(doc)[0, 2000]}"
exit 1
