/* SPDX-License-Identifier: MIT */
/*
 * lambda_emu.c - a Lambda Runtime API emulator for tests.
 *
 * usage: lambda-emu [-v] [-t SECONDS] HOST:PORT OUTDIR EVENT_FILE...
 *
 * It plays the part of Lambda's side of the Runtime API (version
 * 2018-06-01) for a runtime interface client under test: each event file is
 * handed out once, in order, on GET /runtime/invocation/next, and what the
 * runtime sends back is recorded in OUTDIR:
 *
 *   N.response, N.response.headers   POST /runtime/invocation/ID/response
 *   N.error, N.error.headers         POST /runtime/invocation/ID/error
 *   init.error, init.error.headers   POST /runtime/init/error
 *
 * N is the 0-based index of the event.  Headers are written one per line,
 * "name: value", names in lower case, as received.
 *
 * Port 0 picks a free port.  Once it listens, OUTDIR/ready holds the actual
 * HOST:PORT (written to a temp file and renamed, so a reader never sees half
 * of it).  Exit status: 0 when every event has an answer, 3 after an init
 * error, 4 when SECONDS (default 60) pass first, 2 on usage or I/O errors.
 *
 * Why our own and not AWS's emulator: the Runtime Interface Emulator is a
 * Go program that is not packaged for Debian and cannot be fetched offline;
 * the protocol is a handful of plain HTTP/1.1 calls with Content-Length
 * bodies, which is all this speaks.  Every answer says "Connection: close",
 * which the Ruby client's Net::HTTP honours (it opens one connection per
 * call anyway).
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define API "/2018-06-01/runtime"
#define MAX_HEAD (64 * 1024)          /* request line + headers */
#define MAX_BODY (32 * 1024 * 1024)   /* Lambda caps responses at 6 MB */
#define FUNCTION_ARN "arn:aws:lambda:us-east-1:123456789012:function:dw-test"
/* The deadline each invocation is given: Lambda's default timeout is 3 s,
 * but a cold Ruby app under ASan or on a busy CI machine needs more. */
#define INVOKE_MS 30000

enum { EXIT_DONE = 0, EXIT_USAGE = 2, EXIT_INIT_ERROR = 3, EXIT_TIMEOUT = 4 };

typedef struct event {
	char *body;
	size_t len;
} event;

typedef struct emu {
	const char *outdir;
	event *events;
	size_t nevents;
	size_t served;      /* events handed out so far */
	size_t answered;    /* events with a response or an error */
	char *pending;      /* pending[i]: event i handed out, not answered */
	int verbose;
} emu;

typedef struct request {
	char method[16];
	char path[512];
	char *head;         /* the raw header lines, after the request line */
	char *body;
	size_t body_len;
} request;

static void fail(const char *fmt, ...)
{
	va_list ap;
	fputs("lambda-emu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_USAGE);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	if (!f)
		fail("%s: %s", path, strerror(errno));
	do {
		if (n + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (!(buf = realloc(buf, cap)))
				fail("out of memory");
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	if (ferror(f))
		fail("%s: read error", path);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Write a file whole, or die: a lost record would turn into a wrong test
 * verdict, which is worse than a loud failure. */
static void save(const char *outdir, const char *name, const char *data, size_t len)
{
	char path[4096], tmp[4200];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (!(f = fopen(tmp, "wb")) || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		fail("%s: %s", tmp, strerror(errno));
	if (rename(tmp, path) != 0)
		fail("%s: %s", path, strerror(errno));
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void reply(int fd, int code, const char *extra_headers, const char *body, size_t len)
{
	const char *reason = code == 200 ? "OK" : code == 202 ? "Accepted" :
	                     code == 400 ? "Bad Request" : code == 404 ? "Not Found" :
	                     code == 413 ? "Payload Too Large" : "Error";
	char head[2048];
	int n = snprintf(head, sizeof head,
	                 "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\nConnection: close\r\n%s\r\n",
	                 code, reason, len, extra_headers ? extra_headers : "");
	if (n > 0 && (size_t)n < sizeof head && write_all(fd, head, (size_t)n) == 0)
		write_all(fd, body, len);
}

static void reply_json(int fd, int code, const char *json)
{
	reply(fd, code, "Content-Type: application/json\r\n", json, strlen(json));
}

/* Read until the blank line that ends the headers.  Returns the number of
 * bytes read (head plus any body bytes that came with it), 0 on failure. */
static size_t read_head(int fd, char *buf, size_t cap, size_t *head_end)
{
	size_t n = 0;
	while (n < cap - 1) {
		ssize_t r = read(fd, buf + n, cap - 1 - n);
		char *end;
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		n += (size_t)r;
		buf[n] = '\0';
		if ((end = strstr(buf, "\r\n\r\n"))) {
			*head_end = (size_t)(end - buf) + 4;
			return n;
		}
	}
	return 0;
}

static const char *header_value(const char *head, const char *name, char *val, size_t cap)
{
	size_t nl = strlen(name);
	for (const char *l = head; l && *l; l = strstr(l, "\r\n") ? strstr(l, "\r\n") + 2 : NULL) {
		if (strncasecmp(l, name, nl) == 0 && l[nl] == ':') {
			const char *v = l + nl + 1, *e = strstr(v, "\r\n");
			size_t len;
			while (*v == ' ' || *v == '\t')
				v++;
			len = e ? (size_t)(e - v) : strlen(v);
			if (len >= cap)
				len = cap - 1;
			memcpy(val, v, len);
			val[len] = '\0';
			return val;
		}
	}
	return NULL;
}

/* Parse one request from fd.  Returns 0, or an HTTP status to answer with. */
static int read_request(int fd, request *rq)
{
	static const size_t cap = MAX_HEAD;
	char *buf = malloc(cap), *eol, cl[32];
	size_t n, head_end = 0, have;
	unsigned long long len = 0;
	memset(rq, 0, sizeof *rq);
	if (!buf)
		fail("out of memory");
	if (!(n = read_head(fd, buf, cap, &head_end))) {
		free(buf);
		return 400;
	}
	eol = strstr(buf, "\r\n");
	*eol = '\0';
	if (sscanf(buf, "%15s %511s", rq->method, rq->path) != 2) {
		free(buf);
		return 400;
	}
	rq->head = buf;
	memmove(buf, eol + 2, n - (size_t)(eol + 2 - buf) + 1);
	head_end -= (size_t)(eol + 2 - buf);
	n -= (size_t)(eol + 2 - buf);
	if (header_value(buf, "Content-Length", cl, sizeof cl)) {
		char *end;
		len = strtoull(cl, &end, 10);
		if (*end || len > MAX_BODY)
			return 413;
	}
	if (!(rq->body = malloc(len + 1)))
		fail("out of memory");
	have = n - head_end;
	if (have > len)
		have = len;
	memcpy(rq->body, buf + head_end, have);
	while (have < len) {
		ssize_t r = read(fd, rq->body + have, len - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 400;
		have += (size_t)r;
	}
	rq->body[len] = '\0';
	rq->body_len = len;
	buf[head_end - 2] = '\0';  /* end the header block after its last line */
	return 0;
}

/* The header block as "name: value" lines, names in lower case. */
static char *headers_text(const char *head, size_t *len)
{
	size_t n = strlen(head);
	char *out = malloc(n + 2), *o = out;
	int in_name = 1;
	if (!out)
		fail("out of memory");
	for (const char *p = head; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			*o++ = '\n';
			in_name = 1;
			continue;
		}
		if (*p == ':')
			in_name = 0;
		*o++ = in_name && *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	}
	if (o > out && o[-1] != '\n')
		*o++ = '\n';
	*len = (size_t)(o - out);
	return out;
}

static void record(emu *e, const char *name, const request *rq)
{
	char hname[256];
	size_t hlen;
	char *h = headers_text(rq->head, &hlen);
	save(e->outdir, name, rq->body, rq->body_len);
	snprintf(hname, sizeof hname, "%s.headers", name);
	save(e->outdir, hname, h, hlen);
	free(h);
}

/* Request ids are UUID-shaped and predictable, so tests can look for them:
 * the last group is the event's 1-based index. */
static void request_id(size_t i, char *out, size_t cap)
{
	snprintf(out, cap, "c0ffee00-0000-4000-8000-%012zx", i + 1);
}

static void serve_next(emu *e, int fd)
{
	char id[64], headers[1024];
	long long deadline = (long long)(now() * 1000) + INVOKE_MS;
	size_t i = e->served;
	if (i >= e->nevents)  /* nothing left: the runtime's call fails and it exits */
		return;
	request_id(i, id, sizeof id);
	snprintf(headers, sizeof headers,
	         "Content-Type: application/json\r\n"
	         "Lambda-Runtime-Aws-Request-Id: %s\r\n"
	         "Lambda-Runtime-Deadline-Ms: %lld\r\n"
	         "Lambda-Runtime-Invoked-Function-Arn: %s\r\n"
	         "Lambda-Runtime-Trace-Id: Root=1-%08llx-%024zx;Parent=0000000000000000;Sampled=0\r\n",
	         id, deadline, FUNCTION_ARN, (unsigned long long)(deadline / 1000), i + 1);
	reply(fd, 200, headers, e->events[i].body, e->events[i].len);
	e->pending[i] = 1;
	e->served++;
}

/* POST .../invocation/ID/response or .../ID/error.  Returns the index. */
static int serve_answer(emu *e, int fd, const request *rq, const char *rest)
{
	const char *slash = strchr(rest, '/');
	const char *kind = slash ? slash + 1 : "";
	char id[64], name[64];
	for (size_t i = 0; i < e->served; i++) {
		request_id(i, id, sizeof id);
		if (!slash || (size_t)(slash - rest) != strlen(id) || strncmp(rest, id, strlen(id)))
			continue;
		if (!e->pending[i] || (strcmp(kind, "response") && strcmp(kind, "error")))
			break;
		snprintf(name, sizeof name, "%zu.%s", i, kind);
		record(e, name, rq);
		e->pending[i] = 0;
		e->answered++;
		reply_json(fd, 202, "{\"status\":\"OK\"}");
		return (int)i;
	}
	reply_json(fd, 400, "{\"errorMessage\":\"unknown or answered request id\","
	                    "\"errorType\":\"InvalidRequestID\"}");
	return -1;
}

/* Handle one connection.  Returns an exit status to stop with, or -1. */
static int serve(emu *e, int fd)
{
	request rq;
	int status = read_request(fd, &rq), stop = -1;
	const char *inv = API "/invocation/";
	if (status) {
		reply_json(fd, status, "{\"errorMessage\":\"bad request\",\"errorType\":\"BadRequest\"}");
	} else if (!strcmp(rq.method, "GET") && !strcmp(rq.path, API "/invocation/next")) {
		serve_next(e, fd);
	} else if (!strcmp(rq.method, "POST") && !strncmp(rq.path, inv, strlen(inv))) {
		serve_answer(e, fd, &rq, rq.path + strlen(inv));
		if (e->answered == e->nevents)
			stop = EXIT_DONE;
	} else if (!strcmp(rq.method, "POST") && !strcmp(rq.path, API "/init/error")) {
		record(e, "init.error", &rq);
		reply_json(fd, 202, "{\"status\":\"OK\"}");
		stop = EXIT_INIT_ERROR;
	} else {
		reply_json(fd, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
	}
	if (e->verbose)
		fprintf(stderr, "lambda-emu: %s %s\n", rq.method[0] ? rq.method : "?", rq.path);
	free(rq.head);
	free(rq.body);
	return stop;
}

static int listen_on(const char *hostport, char *actual, size_t cap)
{
	char host[256];
	const char *colon = strrchr(hostport, ':');
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t salen = sizeof sa;
	char *end;
	long port;
	int fd, one = 1;
	if (!colon || (size_t)(colon - hostport) >= sizeof host)
		fail("%s: expected HOST:PORT", hostport);
	memcpy(host, hostport, (size_t)(colon - hostport));
	host[colon - hostport] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		fail("%s: expected an IPv4 address and a port", hostport);
	sa.sin_port = htons((unsigned short)port);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 16) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &salen) < 0)
		fail("%s: %s", hostport, strerror(errno));
	snprintf(actual, cap, "%s:%u\n", host, (unsigned)ntohs(sa.sin_port));
	return fd;
}

static int run(emu *e, int lfd, double seconds)
{
	double deadline = now() + seconds;
	struct timeval rcv = { .tv_sec = 10 };
	for (;;) {
		double left = deadline - now();
		struct pollfd p = { .fd = lfd, .events = POLLIN };
		int fd, stop;
		if (left <= 0)
			break;
		if (poll(&p, 1, left > 1 ? 1000 : (int)(left * 1000) + 1) <= 0)
			continue;
		if ((fd = accept(lfd, NULL, NULL)) < 0)
			continue;
		/* A client that stalls mid-request must not stall the test. */
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &rcv, sizeof rcv);
		stop = serve(e, fd);
		close(fd);
		if (stop >= 0)
			return stop;
	}
	fprintf(stderr, "lambda-emu: timed out after %.0f s: %zu of %zu events answered\n",
	        seconds, e->answered, e->nevents);
	return EXIT_TIMEOUT;
}

int main(int argc, char **argv)
{
	emu e = { 0 };
	double seconds = 60;
	char actual[300];
	int opt, lfd, status;
	while ((opt = getopt(argc, argv, "vt:")) != -1) {
		if (opt == 'v') {
			e.verbose = 1;
		} else if (opt == 't') {
			char *end;
			seconds = strtod(optarg, &end);
			if (*end || seconds <= 0)
				fail("-t %s: expected a positive number of seconds", optarg);
		} else {
			fail("usage: lambda-emu [-v] [-t SECONDS] HOST:PORT OUTDIR EVENT_FILE...");
		}
	}
	if (argc - optind < 3)
		fail("usage: lambda-emu [-v] [-t SECONDS] HOST:PORT OUTDIR EVENT_FILE...");
	signal(SIGPIPE, SIG_IGN);
	e.outdir = argv[optind + 1];
	e.nevents = (size_t)(argc - optind - 2);
	if (!(e.events = calloc(e.nevents, sizeof *e.events)) ||
	    !(e.pending = calloc(e.nevents, 1)))
		fail("out of memory");
	for (size_t i = 0; i < e.nevents; i++)
		e.events[i].body = slurp(argv[optind + 2 + (int)i], &e.events[i].len);
	lfd = listen_on(argv[optind], actual, sizeof actual);
	save(e.outdir, "ready", actual, strlen(actual));
	status = run(&e, lfd, seconds);
	close(lfd);
	for (size_t i = 0; i < e.nevents; i++)
		free(e.events[i].body);
	free(e.events);
	free(e.pending);
	return status;
}
