/* SPDX-License-Identifier: MIT */
/*
 * bench_parse - parser throughput and peak memory.
 *
 *   bench_parse --header                  print the table header
 *   bench_parse [OPTS] FILE...            parse the concatenated files
 *   bench_parse [OPTS] --generate MB      parse a generated Dockerfile of MB
 *                                         megabytes (10^6 bytes)
 *   bench_parse --emit --generate MB      print that Dockerfile instead
 * OPTS: --label TEXT (first column), --min-time SECONDS (default 0.5)
 *
 * The input is parsed again and again until at least --min-time seconds
 * have passed, so that short inputs are measured over many runs.  Peak RSS
 * (getrusage) covers the whole process, input included, so run one
 * measurement per process: bench/bench.sh does.  It is printed as a
 * multiple of the input size too, which is the number that tells whether
 * the parser's memory stays proportional to its input.
 */
#include "dockwright.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MB 1e6

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
peak_rss_bytes(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)ru.ru_maxrss * 1024.0; /* Linux reports KiB */
}

static void
print_header(void)
{
	printf("%-24s %9s %9s %10s %7s %10s %9s\n", "input", "size MB",
	       "MB/s", "ms/parse", "parses", "peak RSS", "RSS/input");
}

static int
read_into(const char *path, dw_buf *out)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		fprintf(stderr, "bench_parse: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		dw_buf_put(out, chunk, n);
	if (ferror(f)) {
		fprintf(stderr, "bench_parse: %s: read error\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* Keep files apart: a file may end inside a continuation line. */
	if (out->len > 0 && out->ptr[out->len - 1] != '\n')
		dw_buf_putc(out, '\n');
	return 0;
}

/* A small deterministic PRNG, so that every run parses the same text. */
static uint32_t
rnd(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/*
 * One stage of a realistic multi-stage file: comments, ARG/ENV with
 * continuation lines, a long apt-get RUN, COPY with flags, a RUN heredoc,
 * exec-form CMD.  The mix is what real Ruby/Lambda Dockerfiles look like.
 */
static void
gen_stage(dw_buf *b, uint32_t n, uint32_t *rs)
{
	static const char *const pkgs[] = {
		"build-essential", "libpq-dev", "libyaml-dev", "libxml2-dev",
		"libxslt1-dev", "zlib1g-dev", "git", "curl", "ca-certificates",
		"libvips", "imagemagick", "default-libmysqlclient-dev",
	};
	enum { NPKGS = sizeof pkgs / sizeof pkgs[0] };
	uint32_t npkgs = 2 + rnd(rs) % 8, first, i;

	dw_buf_printf(b, "\n# stage %u: gems and code for service %u\n", n, n);
	dw_buf_printf(b, "FROM ruby:3.3.%u-slim AS stage%u\n", rnd(rs) % 7, n);
	dw_buf_printf(b, "ARG BUNDLER_VERSION=2.5.%u\n", rnd(rs) % 20);
	dw_buf_printf(b, "ENV APP_HOME=/srv/app%u \\\n"
	                 "    RACK_ENV=production \\\n"
	                 "    BUNDLE_PATH=/usr/local/bundle \\\n"
	                 "    PATH=/srv/app%u/bin:$PATH\n", n, n);
	dw_buf_puts(b, "WORKDIR $APP_HOME\n");
	dw_buf_puts(b, "RUN apt-get update \\\n"
	               " && apt-get install -y --no-install-recommends \\\n");
	/* A run of distinct packages from a random start. */
	first = rnd(rs) % NPKGS;
	for (i = 0; i < npkgs; i++)
		dw_buf_printf(b, "      %s \\\n", pkgs[(first + i) % NPKGS]);
	dw_buf_puts(b, " && rm -rf /var/lib/apt/lists/*\n");
	dw_buf_puts(b, "COPY --chown=1000:1000 Gemfile Gemfile.lock ./\n");
	if (n > 0)
		dw_buf_printf(b, "COPY --from=stage%u /usr/local/bundle /usr/local/bundle\n",
		              rnd(rs) % n);
	dw_buf_printf(b, "RUN <<EOF\n"
	                 "set -eu\n"
	                 "gem install bundler -v \"$BUNDLER_VERSION\" --no-document\n"
	                 "bundle config set --local without 'development test'\n"
	                 "bundle install --jobs %u --retry 3\n"
	                 "chmod -R a+rX \"$APP_HOME\" /usr/local/bundle\n"
	                 "EOF\n", 1 + rnd(rs) % 8);
	dw_buf_puts(b, "COPY --chown=1000:1000 --chmod=0755 bin/ ./bin/\n");
	dw_buf_printf(b, "LABEL org.opencontainers.image.revision=\"%08x\" \\\n"
	                 "      org.opencontainers.image.title=\"service %u\"\n",
	              rnd(rs), n);
	dw_buf_printf(b, "EXPOSE %u\n", 8000 + rnd(rs) % 1000);
	dw_buf_puts(b, "USER 1000:1000\n");
	dw_buf_puts(b, "CMD [\"bundle\", \"exec\", \"puma\", \"-C\", \"config/puma.rb\"]\n");
}

static void
generate(dw_buf *b, size_t size)
{
	uint32_t rs = 2463534242u, n = 0;

	dw_buf_grow(b, size + 4096);
	dw_buf_puts(b, "# syntax=docker/dockerfile:1\n"
	               "ARG RUBY_VERSION=3.3.6\n");
	while (b->len < size)
		gen_stage(b, n++, &rs);
}

static void
usage(void)
{
	fputs("usage: bench_parse --header\n"
	      "       bench_parse [--label TEXT] [--min-time S] FILE...\n"
	      "       bench_parse [--label TEXT] [--min-time S] --generate MB\n"
	      "       bench_parse --emit --generate MB\n",
	      stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	dw_buf in = DW_BUF_INIT;
	const char *label = NULL;
	double min_time = 0.5, gen_mb = 0, t0, elapsed, rss;
	dw_parse_opts opts;
	unsigned long parses = 0;
	int i, emit = 0;

	memset(&opts, 0, sizeof opts);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--header") == 0) {
			print_header();
			return 0;
		} else if (strcmp(argv[i], "--emit") == 0) {
			emit = 1;
		} else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc) {
			label = argv[++i];
		} else if (strcmp(argv[i], "--min-time") == 0 && i + 1 < argc) {
			min_time = atof(argv[++i]);
		} else if (strcmp(argv[i], "--generate") == 0 && i + 1 < argc) {
			gen_mb = atof(argv[++i]);
			if (gen_mb <= 0)
				usage();
		} else {
			usage();
		}
	}
	if (gen_mb > 0) {
		if (i != argc)
			usage();
		generate(&in, (size_t)(gen_mb * MB));
		if (emit) {
			fwrite(in.ptr, 1, in.len, stdout);
			dw_buf_free(&in);
			return 0;
		}
	} else {
		if (i == argc || emit)
			usage();
		for (; i < argc; i++)
			if (read_into(argv[i], &in) != 0)
				return 2;
	}
	if (label == NULL)
		label = gen_mb > 0 ? "generated" : "files";

	t0 = now();
	do {
		dw_diags d = DW_DIAGS_INIT;
		dw_dockerfile *df = dw_parse(in.ptr, in.len, label, &opts, &d);

		if (df == NULL) {
			dw_buf msg = DW_BUF_INIT;
			size_t k;

			for (k = 0; k < d.n; k++) {
				dw_diag_format(&d.v[k], &msg);
				dw_buf_putc(&msg, '\n');
			}
			fprintf(stderr, "bench_parse: %s does not parse:\n%s", label,
			        dw_buf_cstr(&msg));
			dw_buf_free(&msg);
			dw_diags_free(&d);
			return 1;
		}
		dw_dockerfile_free(df);
		dw_diags_free(&d);
		parses++;
		elapsed = now() - t0;
	} while (elapsed < min_time);

	rss = peak_rss_bytes();
	printf("%-24s %9.2f %9.1f %10.2f %7lu %7.1f MB %8.1fx\n", label,
	       (double)in.len / MB, (double)in.len * (double)parses / elapsed / MB,
	       elapsed * 1000.0 / (double)parses, parses, rss / MB,
	       in.len ? rss / (double)in.len : 0.0);
	dw_buf_free(&in);
	return 0;
}
