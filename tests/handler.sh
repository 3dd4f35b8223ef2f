#!/bin/sh
# SPDX-License-Identifier: MIT
# The generated handlers, proven by invocation.  Speaks TAP.
#
# For each fixture app under testdata/handler/apps/ (a plain Rack 2 app, a
# Sinatra app, a Rack-3-shaped app, an app with its own handler, a Jets 6
# app whose jets/shim is a recording stub), on a copy of the app:
#   - `dockwright gen -o Dockerfile` writes the Dockerfile and the handler
#     file; `dockwright lint --context` passes;
#   - tests/lambda_runner.rb takes the handler from the Dockerfile's CMD,
#     requires its file from the app directory as the runtime interface
#     client does, and calls it with every event of testdata/handler/events/
#     (AWS's documented formats); every field of every answer must equal
#     testdata/handler/expected/APP/EVENT.json;
#   - end to end, for every app: the real aws_lambda_ric (../shared/ric,
#     skipped when absent) against tests/lambda-emu answers every event
#     with the same expected answers (a handler exception as Lambda's
#     Function<Class> error) and writes nothing in the app; a Rack app
#     that cannot boot is reported as Lambda's init error.
# Needs Debian's ruby, ruby-rack and ruby-sinatra (scripts/install-deps);
# skips with a message where they are missing.
# DW_GOLDEN_UPDATE=1 rewrites the expected files: review the git diff.
set -u

dw_test_name=handler; . "$(dirname "$0")/lib.sh"
data=$srcdir/testdata/handler
n=0
fields=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
diag() { sed 's/^/# /'; }

if ! command -v ruby >/dev/null 2>&1; then
	echo "1..0 # SKIP ruby is not installed (scripts/install-deps installs it)"
	exit 0
fi
if ! ruby -e 'require "rack"; require "sinatra/base"' >/dev/null 2>&1; then
	echo "1..0 # SKIP ruby-rack or ruby-sinatra is not installed (scripts/install-deps installs them)"
	exit 0
fi
# The Jets handler requires bundler/setup: give it a bundle with no gems,
# so it loads offline (jets/shim comes from the stub directory).
mkdir -p "$tmp/bundle"
printf 'source "https://rubygems.org"\n' >"$tmp/bundle/Gemfile"
BUNDLE_GEMFILE=$tmp/bundle/Gemfile
export BUNDLE_GEMFILE

# gen -o on a copy of the app; sets $handler from the Dockerfile's CMD.
generate() {
	app=$1
	rm -rf "$tmp/$app" && cp -R "$data/apps/$app" "$tmp/$app" || return 1
	if ! "$dw" gen -q -o "$tmp/$app/Dockerfile" "$tmp/$app" 2>"$tmp/err"; then
		notok "$app: gen -o failed"; diag <"$tmp/err"; return 1
	fi
	handler=$(sed -n 's/^CMD \["\(.*\)"\]$/\1/p' "$tmp/$app/Dockerfile")
	if "$dw" lint --format gnu --failure-threshold warning --context "$tmp/$app" \
		"$tmp/$app/Dockerfile" >"$tmp/lint" 2>&1 && [ -n "$handler" ]; then
		ok "$app: gen -o writes a Dockerfile (CMD $handler) that lint --context passes"
	else
		notok "$app: lint --context or no CMD"; diag <"$tmp/lint"; return 1
	fi
}

# Run the runner; renumber its TAP lines into ours and add up the fields.
invoke() {
	app=$1 expected=$2
	shift 2
	ruby -I"$data/stubs" "$srcdir/tests/lambda_runner.rb" "$tmp/$app" "$handler" \
		"$data/expected/$expected" "$@" >"$tmp/run" 2>"$tmp/runerr"
	relay "$app"
}

# The runner's TAP lines, renumbered into ours; its fields added up.
relay() {
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "${line#ok - }" ;;
		"not ok - "*) notok "${line#not ok - }" ;;
		"# fields "*) fields=$((fields + ${line#\# fields })) ;;
		esac
	done <"$tmp/run"
	grep -q '^# fields' "$tmp/run" || { notok "$1: the runner failed"; diag <"$tmp/runerr"; }
}

events=$(ls "$data"/events/*.json)
nevents=$(echo "$events" | wc -l | tr -d ' ')
for app in rack sinatra rack3 own jets6; do
	generate "$app" || continue
	[ "${DW_GOLDEN_UPDATE:-}" = 1 ] && mkdir -p "$data/expected/$app"
	# As in the image: the framework's environment (JETS_ENV for Jets 6).
	# shellcheck disable=SC2086
	JETS_ENV=production RACK_ENV=production invoke "$app" "$app" $events
done

# The Rack adapter hands non-HTTP events to DOCKWRIGHT_EVENT_HANDLER.
if generate rack; then
	[ "${DW_GOLDEN_UPDATE:-}" = 1 ] && mkdir -p "$data/expected/rack-events"
	DOCKWRIGHT_EVENT_HANDLER=lib/events.Events.handle invoke rack rack-events \
		"$data/events/14-sqs.json" "$data/events/18-eventbridge.json"
fi

# Jets 6: the image sets JETS_ENV, and the shim was booted once for all events.
if grep -q 'JETS_ENV="production"' "$tmp/jets6/Dockerfile" 2>/dev/null &&
	grep -q '"boots": 1,' "$data/expected/jets6/20-handler-exception.json"; then
	ok "jets6: JETS_ENV=production in the image; Jets::Shim.boot ran once for $nevents events"
else
	notok "jets6: JETS_ENV or the boot count"
fi

# ---- end to end: the real runtime interface client and the emulator ----
# The real aws_lambda_ric (its source in ../shared/ric, read in place)
# runs the Rack app's generated handler against tests/lambda-emu, which
# serves every event once over the Runtime API and records each answer.
shared=${DOCKWRIGHT_SHARED:-$srcdir/../shared}
ric=$shared/ric
emu=$builddir/tests/lambda-emu

# run_ric APP OUTDIR EVENT...: the emulator and the client until every
# event has an answer (or an init error); $emu_rc is the emulator's status.
run_ric() {
	app=$1 out=$2
	shift 2
	mkdir -p "$out"
	"$emu" -t 120 127.0.0.1:0 "$out" "$@" 2>"$out/emu.log" &
	emu_pid=$!
	for _ in $(seq 200); do [ -s "$out/ready" ] && break; sleep 0.05; done
	# The client reads the handler only from _HANDLER (Lambda sets it from
	# CMD) and requires its file from the current directory (WORKDIR).
	(cd "$tmp/$app" && exec env _HANDLER="$handler" \
		AWS_LAMBDA_RUNTIME_API="$(cat "$out/ready")" RACK_ENV=production \
		BUNDLE_GEMFILE="$tmp/rackbundle/Gemfile" HOME="$tmp/home" TMPDIR="$tmp" \
		JETS_ENV=production ruby -I"$ric/lib" -I"$data/stubs" "$ric/bin/aws_lambda_ric") \
		>"$out/ric.log" 2>&1 &
	ric_pid=$!
	wait "$emu_pid"
	emu_rc=$?
	kill "$ric_pid" 2>/dev/null
	wait "$ric_pid" 2>/dev/null
}

# One app end to end: every event through the Runtime API, the recorded
# answers against the app's expected ones, and nothing written in the app.
ric_app() {
	app=$1
	generate "$app" || return
	touch "$tmp/stamp"
	# shellcheck disable=SC2086
	run_ric "$app" "$tmp/emu-$app" $events
	if [ "$emu_rc" -eq 0 ]; then
		ok "$app: aws_lambda_ric answered all $nevents events through the Runtime API"
	else
		notok "$app: the emulator exited $emu_rc"; diag <"$tmp/emu-$app/ric.log"
	fi
	# shellcheck disable=SC2086
	env -u DW_GOLDEN_UPDATE ruby "$srcdir/tests/lambda_runner.rb" --recorded "$tmp/emu-$app" \
		"$data/expected/$app" $events >"$tmp/run" 2>"$tmp/runerr"
	relay "$app"
	# Lambda's filesystem is read-only: the app directory stays as built.
	written=$(find "$tmp/$app" -newer "$tmp/stamp" -print | head -5)
	if [ -z "$written" ]; then
		ok "$app: the handler and the app wrote nothing in the app directory"
	else
		notok "$app: files written in the app directory: $written"
	fi
}

if [ ! -f "$ric/bin/aws_lambda_ric" ]; then
	echo "# SKIP end to end: no runtime interface client source in $ric"
elif [ ! -x "$emu" ]; then
	echo "# SKIP end to end: $emu is not built"
else
	# bin/aws_lambda_ric requires bundler/setup: a bundle of the Debian gems.
	mkdir -p "$tmp/rackbundle"
	printf 'source "https://rubygems.org"\ngem "rack"\ngem "sinatra"\n' >"$tmp/rackbundle/Gemfile"
	for app in rack sinatra rack3 own jets6; do
		ric_app "$app"
	done
	# The app's exception, as Lambda reports it: an invocation error with
	# the client's error-type header and the app's own stack.
	i=$(($(echo "$events" | grep -n '20-handler-exception' | cut -d: -f1) - 1))
	if grep -q '^lambda-runtime-function-error-type: Function<UserException>' \
		"$tmp/emu-rack/$i.error.headers" 2>/dev/null &&
		grep -q '"stackTrace":\["[^"]*/app.rb:[0-9]*:in' "$tmp/emu-rack/$i.error"; then
		ok "rack: a handler exception is posted to /error with its type header and stack"
	else
		notok "rack: the handler exception's error record"; diag <"$tmp/emu-rack/$i.error"
	fi
	# An app that cannot boot is Lambda's init error, posted to init/error.
	printf 'raise "cannot boot: the database is gone"\n' >"$tmp/rack/config.ru"
	handler=handlers/dockwright_rack.lambda_handler
	run_ric rack "$tmp/emu-init" "$data/events/13-not-found.json"
	if [ "$emu_rc" -eq 3 ] && grep -q '"errorType":"Init<RuntimeError>"' "$tmp/emu-init/init.error" &&
		grep -q 'cannot boot: the database is gone' "$tmp/emu-init/init.error"; then
		ok "aws_lambda_ric: a boot failure is reported as Init<RuntimeError> on init/error"
	else
		notok "init error: emulator exit $emu_rc"; diag <"$tmp/emu-init/ric.log"
	fi
fi

echo "# $nevents event fixtures; $fields response fields compared"
echo "1..$n"
