# frozen_string_literal: true

# lambda_runner.rb - do what the Lambda runtime interface client does with
# a handler, for many events in one process, and check every field of
# every answer.
#
#   ruby tests/lambda_runner.rb APP_DIR HANDLER EXPECTED_DIR EVENT.json...
#
# Like aws_lambda_ric: put APP_DIR (the image's WORKDIR) first on the load
# path, split HANDLER (the image's CMD) into FILE.METHOD or
# FILE.Module::Class.METHOD, `require` FILE once, and for each event call
# METHOD(event:, context:) and turn the result into JSON with #to_json.
# The answer, parsed, must equal EXPECTED_DIR/EVENT.json; a handler
# exception is compared as {"errorType", "errorMessage"}.  After each
# event no body the app handed out may be left open ($dw_open_bodies,
# kept by the fixture apps).  Prints TAP lines (without a plan; the
# caller counts), and the number of fields compared on a "# fields N"
# line.  DW_GOLDEN_UPDATE=1 writes the expected files instead.
#
#   ruby tests/lambda_runner.rb --recorded OUTDIR EXPECTED_DIR EVENT.json...
#
# checks the answers the real client sent to the Runtime API emulator.
require "json"

# The context the client passes: the same readers as LambdaContext.
class RunnerContext
  attr_reader :aws_request_id, :invoked_function_arn, :log_group_name, :log_stream_name,
              :function_name, :memory_limit_in_mb, :function_version, :identity,
              :client_context, :deadline_ms

  def initialize(index)
    # The ids tests/lambda-emu hands out, so both runs expect the same.
    @aws_request_id = format("c0ffee00-0000-4000-8000-%012x", index + 1)
    @invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:app"
    @function_name = "app"
    @function_version = "$LATEST"
    @memory_limit_in_mb = "512"
    @log_group_name = "/aws/lambda/app"
    @log_stream_name = "2026/11/30/[$LATEST]0123456789abcdef"
    @deadline_ms = (Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond) + 30_000)
  end

  def get_remaining_time_in_millis
    [@deadline_ms - Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond), 0].max
  end
end

# A JSON body is compared as what it says, field by field (the answer's
# body is a string of JSON; the apps under test echo their Rack env in it).
def normalize(answer)
  body = answer.is_a?(Hash) ? answer["body"] : nil
  return answer unless body.is_a?(String) && body.start_with?("{")

  answer.merge("body" => { "json" => JSON.parse(body) })
rescue JSON::ParserError
  answer
end

# Leaves of a JSON value: how many fields a comparison checked.
def leaves(v)
  case v
  when Hash then v.values.sum { |x| leaves(x) } + (v.empty? ? 1 : 0)
  when Array then v.sum { |x| leaves(x) } + (v.empty? ? 1 : 0)
  else 1
  end
end

# The first difference of two JSON values, as "path: want X, got Y".
def difference(want, got, path = "$")
  if want.is_a?(Hash) && got.is_a?(Hash)
    (want.keys | got.keys).each do |k|
      d = difference(want[k], got[k], "#{path}.#{k}") if want.key?(k) && got.key?(k)
      return d if d
      return "#{path}.#{k}: want #{want[k].inspect}, got no such field" unless got.key?(k)
      return "#{path}.#{k}: unexpected field (#{got[k].inspect})" unless want.key?(k)
    end
    nil
  elsif want.is_a?(Array) && got.is_a?(Array) && want.size == got.size
    want.each_index { |i| (d = difference(want[i], got[i], "#{path}[#{i}]")) and return d }
    nil
  elsif want != got
    "#{path}: want #{want.inspect}, got #{got.inspect}"
  end
end

# Compare, print and count one answer; returns the fields compared.
def check(label, name, got, want_path, open_bodies)
  File.write(want_path, "#{JSON.pretty_generate(got)}\n") if ENV["DW_GOLDEN_UPDATE"] == "1"
  want = File.exist?(want_path) ? JSON.parse(File.read(want_path)) : nil
  diff = want.nil? ? "no #{want_path}" : difference(want, got)
  if diff
    puts "not ok - #{label} #{name}: #{diff}"
  elsif open_bodies.positive?
    puts "not ok - #{label} #{name}: #{open_bodies} response bodies left open"
  else
    puts "ok - #{label} #{name}: #{leaves(want)} fields"
    return leaves(want)
  end
  0
end

# --recorded OUTDIR: the answers the real runtime client posted to the
# Runtime API emulator (N.response, or N.error as Lambda reports it:
# errorType "Function<Class>"), against the same expected files.
if ARGV[0] == "--recorded"
  _, outdir, expected_dir, *events = ARGV
  fields = 0
  events.each_with_index do |path, i|
    name = File.basename(path, ".json")
    resp = File.join(outdir, "#{i}.response")
    err = File.join(outdir, "#{i}.error")
    got = if File.exist?(resp) then normalize(JSON.parse(File.read(resp)))
          elsif File.exist?(err)
            e = JSON.parse(File.read(err))
            { "errorType" => e["errorType"].to_s[/\AFunction<(.*)>\z/, 1] || e["errorType"],
              "errorMessage" => e["errorMessage"] }
          else { "missing" => "no #{i}.response or #{i}.error" }
          end
    fields += check("aws_lambda_ric", name, got, File.join(expected_dir, "#{name}.json"), 0)
  end
  puts "# fields #{fields}"
  exit 0
end

app_dir, handler, expected_dir, *events = ARGV
abort "usage: lambda_runner.rb APP_DIR HANDLER EXPECTED_DIR EVENT.json...\n" \
      "       lambda_runner.rb --recorded OUTDIR EXPECTED_DIR EVENT.json..." if events.empty?
parts = handler.split(".")
abort "lambda_runner: bad handler #{handler}" unless [2, 3].include?(parts.size)
file, klass, meth = parts.size == 3 ? parts : [parts[0], nil, parts[1]]

Dir.chdir(app_dir)
$LOAD_PATH.unshift(app_dir)
begin
  require file
rescue Exception => e # rubocop:disable Lint/RescueException -- the client does the same
  puts "not ok - #{handler}: init error #{e.class}: #{e.message}"
  exit 1
end
target = klass ? Kernel.const_get(klass) : self
fields = 0
events.each_with_index do |path, i|
  name = File.basename(path, ".json")
  event = JSON.parse(File.read(path))
  got = begin
    normalize(JSON.parse(target.__send__(meth, event: event, context: RunnerContext.new(i)).to_json))
  rescue StandardError => e
    { "errorType" => e.class.name, "errorMessage" => e.message }
  end
  open = defined?($dw_open_bodies) ? $dw_open_bodies : 0
  fields += check(handler, name, got, File.join(expected_dir, "#{name}.json"), open)
end
puts "# fields #{fields}"
