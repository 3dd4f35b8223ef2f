#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/doc_examples.sh - the documentation says what the programs do.
#
# 1. Every example command of README.md (a line starting with "$ " in a
#    fenced block; the lines after it, up to the next "$ " or the fence,
#    are its standard output) and of the man pages' EXAMPLES sections
#    (lines starting with "$ ", "dockwright" or VAR=value dockwright) runs
#    as printed: with the build directory first on PATH, in a copy of
#    examples/rails-app, offline.  Exit status 0, or 1 (findings, a stale
#    file) is what the pages promise; 2 and up, or "not found", fail.
#    A README line in a fence that starts with `dockwright` but no "$ " must
#    be a synopsis (with [ or |), so a new example cannot escape the test.
# 2. Facts the pages repeat from the code: the BuildKit secret ids, the
#    secret-looking names, the deploy.rb example of dockwright.yml(5), the
#    pages the docs link to, the placeholder clone URLs.
# Speaks TAP.
dw_test_name=docex
. "$(dirname "$0")/lib.sh"

# Commands that cannot run offline, and why: keep this list short.
offline_impossible() {
	case $1 in
	"dockwright-build -b buildah -r 123456789012.dkr.ecr."*)
		echo "builds for real (pulls docker.io/library/ruby) and pushes to Amazon ECR" ;;
	"DOCKWRIGHT_DOCKER_IMAGE=my/image:v1 dockwright-build --pull -r "*)
		echo "pulls my/image:v1 from Docker Hub and pushes it to a registry" ;;
	"dockwright-build -b buildkit --buildkit-addr tcp://buildkitd:1234 "* | \
	"dockwright-build --builder buildkit "*)
		echo "needs a BuildKit daemon and a registry (make check-buildkit runs both)" ;;
	*) return 1 ;;
	esac
}

fail=0
# Descriptions hold commands: printf, not echo, which would expand \n.
ok() { n=$((n + 1)); printf 'ok %d - %s\n' "$n" "$1"; }
not_ok() {
	n=$((n + 1))
	fail=1
	printf 'not ok %d - %s\n' "$n" "$1"
	[ -f "$tmp/err" ] && sed 's/^/# err: /' "$tmp/err" | head -n 8
	return 0
}

# ---- 1. the examples -------------------------------------------------------

ex=$tmp/ex
mkdir "$ex"
# The awk functions both extractors share: an example is a command (its
# '$ ' prompt removed, lines continued with a backslash joined) and, when
# prompted, the output lines that follow it.  Numbered ex/N.cmd, N.where
# and N.out files; base counts the examples of the documents before.
awk_examples='
	function flush() { if (cur) close(dir "/" cur ".out"); cur = "" }
	function emit() {
		cur = ++nex + base
		print c > (dir "/" cur ".cmd"); close(dir "/" cur ".cmd")
		print src ":" start > (dir "/" cur ".where"); close(dir "/" cur ".where")
		printf "" > (dir "/" cur ".out")
		if (!prompt) { close(dir "/" cur ".out"); cur = "" }
	}
	# 1 while the command goes on in the next line (a trailing backslash).
	function goes_on() {
		if (c !~ /\\$/) return 0
		sub(/[ \t]*\\$/, "", c)
		return 1
	}
	function begin_cmd(line) {
		flush()
		prompt = (line ~ /^\$ /); c = line; start = NR
		sub(/^\$ /, "", c)
		return goes_on()
	}
	function add_line(line) { sub(/^[ \t]+/, "", line); c = c " " line; return goes_on() }
	cont { if (!(cont = add_line($0))) emit(); next }
'
# extract_md FILE: the examples of a markdown file; an unprompted command
# is written to ex/unprompted.
extract_md() {
	awk -v dir="$ex" -v src="$1" "$awk_examples"'
	/^```/ { fence = !fence; flush(); next }
	!fence { next }
	/^\$ / { if (!(cont = begin_cmd($0))) emit(); next }
	cur { print >> (dir "/" cur ".out"); next }
	/^(\.\/)?dockwright(-build)?( |$)/ && !/[[|]/ {
		print src ":" NR ": " $0 >> (dir "/unprompted")
	}
	' base="$(ls "$ex" | grep -c '\.cmd$')" "$srcdir/$1"
}
# extract_man FILE: the same for a man page's EXAMPLES, roff escapes undone
# (before a continued line is joined).
extract_man() {
	awk -v dir="$ex" -v src="$1" '
	/^\.SH / { inex = ($0 ~ /^\.SH EXAMPLES/); flush(); next }
	!inex { next }
	/^\.(EX|nf)/ { block = 1; next }
	/^\.(EE|fi)/ { block = 0; flush(); next }
	!block { next }
	{
		gsub(/\\-/, "-"); gsub(/\\\(aq/, "\047"); gsub(/\\\(rs/, "\\");
		gsub(/\\\(dq/, "\""); gsub(/\\e/, "\\"); gsub(/\\\\/, "\\"); gsub(/\\&/, "")
	}
	'"$awk_examples"'
	/^\$ / || /^([A-Z_]+=[^ ]+ )*dockwright(-build)?( |$)/ {
		if (!(cont = begin_cmd($0))) emit()
		next
	}
	/^#/ || /^$/ { flush(); next }
	cur { print >> (dir "/" cur ".out") }
	' base="$(ls "$ex" | grep -c '\.cmd$')" "$srcdir/$1"
}

# A stub builder after the real PATH: `dockwright-build --dry-run` needs
# one to name, and runs nothing.
mkdir "$tmp/stubs"
printf '#!/bin/sh\necho "stub builder: $*" >&2\nexit 1\n' >"$tmp/stubs/buildah"
chmod +x "$tmp/stubs/buildah"
export PATH="$builddir:$PATH:$tmp/stubs"
# dockwright-build --dry-run keeps its folder for a replay: keep it in ours.
export TMPDIR=$tmp

# fresh_app NAME: a copy of the example app to run one document's examples in.
fresh_app() {
	rm -rf "$tmp/$1"
	cp -R "$srcdir/examples/rails-app" "$tmp/$1"
	chmod -R u+w "$tmp/$1"
}

# run_examples DOC DIR: run the examples of DOC not yet run, in DIR.
ran=0 listed=0 skipped=0
run_examples() {
	for c in $(ls "$ex" | sed -n 's/\.cmd$//p' | sort -n); do
		[ -f "$ex/$c.done" ] && continue
		: >"$ex/$c.done"
		cmd=$(cat "$ex/$c.cmd") where=$(cat "$ex/$c.where")
		if why=$(offline_impossible "$cmd"); then
			listed=$((listed + 1))
			n=$((n + 1)); printf 'ok %d - %s: %s # SKIP cannot run offline: %s\n' "$n" "$where" "$cmd" "$why"
			continue
		fi
		case $cmd in *"| jq "*)
			if ! command -v jq >/dev/null 2>&1; then
				skipped=$((skipped + 1))
				n=$((n + 1)); printf 'ok %d - %s: %s # SKIP jq is not installed\n' "$n" "$where" "$cmd"
				continue
			fi ;;
		esac
		ran=$((ran + 1))
		(cd "$2" && sh -c "$cmd") >"$tmp/out" 2>"$tmp/err"
		st=$?
		if [ "$st" -ge 2 ] || grep -q 'not found' "$tmp/err"; then
			not_ok "$where: $cmd (exit $st)"
		elif [ -s "$ex/$c.out" ] && ! cmp -s "$ex/$c.out" "$tmp/out"; then
			diff "$ex/$c.out" "$tmp/out" | sed 's/^/# /' | head -n 10
			not_ok "$where: $cmd prints what the page shows"
		else
			ok "$where: $cmd (exit $st)"
		fi
	done
}

fresh_app readme
extract_md README.md
run_examples README.md "$tmp/readme"
if [ -s "$ex/unprompted" ]; then
	sed 's/^/# /' "$ex/unprompted"
	not_ok "README examples start with '\$ ' (the lines above do not, so no test runs them)"
else
	ok "README examples start with '\$ '"
fi

for page in dockwright.1 dockwright-gen.1 dockwright-lint.1 dockwright-build.1; do
	fresh_app "$page"
	# What the pages' examples name: the app's Dockerfile and an editor buffer.
	(cd "$tmp/$page" && "$builddir/dockwright" gen -q -o Dockerfile . &&
		cp "$srcdir/examples/lambda/Dockerfile" buffer) 2>"$tmp/err" ||
		not_ok "$page: the example app is set up"
	extract_man "man/$page.in"
	run_examples "man/$page" "$tmp/$page"
done
echo "# examples: $ran run, $listed listed as impossible offline, $skipped skipped"
[ "$ran" -ge 15 ] && ok "at least 15 examples ran ($ran)" || not_ok "only $ran examples ran"

# ---- 2. facts the pages repeat -------------------------------------------

# The secret ids dockwright-build passes, as its dry run prints them with
# every kind of credential set: every `id=` a page names for a build secret
# must be one of them.
fresh_app secrets
(cd "$tmp/secrets" && AWS_ACCESS_KEY_ID=AKIAEXAMPLEEXAMPLE00 AWS_SECRET_ACCESS_KEY=x \
	AWS_SESSION_TOKEN=y BUNDLE_GEMS__EXAMPLE__COM=user:pass "$builddir/dockwright-build" -b buildah --dry-run \
	-r registry.example.com/demo) >"$tmp/out" 2>"$tmp/err"
grep -o -- '--secret id=[A-Za-z0-9_]*' "$tmp/out" "$tmp/err" | sed 's/.*id=//' | sort -u >"$tmp/ids"
sed 's/\\-/-/g' "$srcdir/README.md" "$srcdir/man/dockwright-build.1.in" |
	grep -o -- '\(--secret \|type=secret,\)id=[A-Za-z0-9_]*' | sed 's/.*id=//' |
	grep -v '^[A-Z]*$' | sort -u >"$tmp/doc-ids" # ID, NAME: a synopsis's metavariables
bad=$(comm -13 "$tmp/ids" "$tmp/doc-ids" | tr '\n' ' ')
if [ -s "$tmp/ids" ] && [ -s "$tmp/doc-ids" ] && [ -z "$bad" ]; then
	ok "the secret ids the docs name are the ones dockwright-build passes ($(tr '\n' ' ' <"$tmp/ids"))"
else
	not_ok "secret ids in the docs that dockwright-build does not pass: '$bad' (it passes: $(tr '\n' ' ' <"$tmp/ids"))"
fi

# The secret-looking name parts of lib/secret.c, in README and the man page.
parts=$(sed -n '/dw_secret_name/,/NULL/p' "$srcdir/lib/secret.c" | grep -o '"[A-Z_]*"' | tr -d '"')
missing=
for p in $parts; do
	grep -q -- "$p" "$srcdir/README.md" || missing="$missing README:$p"
	grep -q -- "$p" "$srcdir/man/dockwright-build.1.in" || missing="$missing man:$p"
done
if [ -n "$parts" ] && [ -z "$missing" ]; then ok "every secret-looking name part of lib/secret.c is documented"
else not_ok "secret-looking name parts not documented:$missing"; fi

# dockwright.yml(5)'s deploy.rb example sets what its YAML example sets
# for gen, every line imported; lint's keys are the YAML's alone.
awk '/^\.SH EXAMPLES/{e=1} e && /^\.EX/{b++; inb=1; next} /^\.EE/{inb=0; next}
	inb && b==1 {print > yml} inb && b==2 {print > rb}' \
	yml="$tmp/ex.yml" rb="$tmp/ex.rb" "$builddir/man/dockwright.yml.5"
sed -i 's/\\-/-/g' "$tmp/ex.yml" "$tmp/ex.rb"
mkdir -p "$tmp/cy" "$tmp/cr/config/jets"
cp "$tmp/ex.yml" "$tmp/cy/dockwright.yml"
cp "$tmp/ex.rb" "$tmp/cr/config/jets/deploy.rb"
# set_keys DIR: the keys print-config shows as set, with their values.
set_keys() { "$dw" gen --print-config "$1" 2>>"$tmp/err" | grep -v '# default$' | sed 's/  #.*//'; }
: >"$tmp/err"
set_keys "$tmp/cy" | grep -v '^lint\.' >"$tmp/yml.keys"
set_keys "$tmp/cr" >"$tmp/rb.keys"
if [ -s "$tmp/yml.keys" ] && cmp -s "$tmp/yml.keys" "$tmp/rb.keys" && ! grep -q skipped "$tmp/err"; then
	ok "dockwright.yml(5): the deploy.rb example imports what the YAML one sets ($(wc -l <"$tmp/rb.keys") keys)"
else
	diff "$tmp/yml.keys" "$tmp/rb.keys" | sed 's/^/# /'
	not_ok "dockwright.yml(5): the deploy.rb example differs from the YAML one"
fi

if grep -q '^lint:' "$tmp/ex.yml" && ! grep -q 'lint\.' "$tmp/ex.rb"; then
	# The deploy.rb example leaves lint's keys out: the page must say why.
	if sed -n '/^\.SH EXAMPLES/,$p' "$builddir/man/dockwright.yml.5" | grep -q 'reads no deploy.rb'; then
		ok "dockwright.yml(5) says where lint's settings go with a deploy.rb"
	else
		not_ok "dockwright.yml(5): the deploy.rb example drops the lint: keys without a word"
	fi
fi

# Pages the docs point at exist: relative Markdown links, and docs/*.md
# named anywhere (the hooks file says where the sample config is).
missing=
for f in README.md docs/*.md .pre-commit-hooks.yaml man/*.in; do
	d=$(dirname "$f")
	for l in $(grep -o '](\([^)#:]*\))' "$srcdir/$f" | sed 's/^](//; s/)$//'); do
		[ -e "$srcdir/$d/$l" ] || missing="$missing $f:$l"
	done
	for l in $(grep -o 'docs/[A-Za-z0-9_-]*\.md' "$srcdir/$f"); do
		[ -e "$srcdir/$l" ] || missing="$missing $f:$l"
	done
done
if [ -z "$missing" ]; then ok "the pages the docs link to exist"
else not_ok "links to missing pages:$missing"; fi
page=$(sed -n 's/.*sample .pre-commit-config.yaml is in \(docs\/[a-z-]*\.md\).*/\1/p' "$srcdir/.pre-commit-hooks.yaml")
if [ -n "$page" ] && grep -q '^repos:' "$srcdir/$page" && grep -q 'id: dockwright-lint' "$srcdir/$page"; then
	ok ".pre-commit-hooks.yaml points at the page with the sample config ($page)"
else
	not_ok ".pre-commit-hooks.yaml points at '$page', which has no sample .pre-commit-config.yaml"
fi

# A placeholder clone URL is said to be one, on the page that uses it.
missing=
for f in README.md docs/*.md; do
	grep -q 'example\.invalid' "$srcdir/$f" || continue
	grep -q 'placeholder' "$srcdir/$f" || missing="$missing $f"
done
if [ -z "$missing" ]; then ok "placeholder clone URLs are explained where they are used"
else not_ok "example.invalid without a word that it is a placeholder:$missing"; fi

echo "1..$n"
[ "$fail" -eq 0 ]
