/* SPDX-License-Identifier: MIT */
/* argv.c - the command lines of each builder, the build args, and the
 * registry facts (ECR addresses, configured credentials). */
#include "drv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../app/config.h"

extern char **environ;

/* The builders, in the order auto tries them (buildkit only when an
 * address is configured: it builds nowhere else). */
static const struct {
	const char *name;
	const char *program;
} builders[] = {
	[DRV_DOCKER] = { "docker", "docker" },
	[DRV_PODMAN] = { "podman", "podman" },
	[DRV_BUILDAH] = { "buildah", "buildah" },
	[DRV_BUILDKIT] = { "buildkit", "buildctl" },
};

enum { NBUILDERS = sizeof builders / sizeof builders[0] };

const char *
drv_builder_name(drv_builder b)
{
	return builders[b].name;
}

const char *
drv_builder_program(drv_builder b)
{
	return builders[b].program;
}

int
drv_builder_parse(const char *name, bool buildkit_addr, drv_builder *out)
{
	for (int i = 0; i < NBUILDERS; i++)
		if (strcmp(name, builders[i].name) == 0) {
			*out = (drv_builder)i;
			return 0;
		}
	if (strcmp(name, "auto") != 0)
		return -1;
	if (buildkit_addr && drv_which(builders[DRV_BUILDKIT].program)) {
		*out = DRV_BUILDKIT;
		return 0;
	}
	for (int i = 0; i < NBUILDERS; i++)
		if (i != DRV_BUILDKIT && drv_which(builders[i].program)) {
			*out = (drv_builder)i;
			return 0;
		}
	return -1;
}

/* The secret ids follow the lower-cased variable names, as dockerfile-rails
 * and BuildKit's docs do: RUN --mount=type=secret,id=aws_access_key_id. */
const drv_secret drv_aws_secrets[3] = {
	{ "aws_access_key_id", "AWS_ACCESS_KEY_ID", NULL },
	{ "aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", NULL },
	{ "aws_session_token", "AWS_SESSION_TOKEN", NULL },
};

/* ---- masking ----------------------------------------------------------- */

bool
drv_credential_arg(const char *name, const char *value)
{
	return strncasecmp(name, "BUNDLE_", 7) == 0 || strncasecmp(name, "AWS_", 4) == 0 ||
	       dw_secret_value(value);
}

bool
drv_secret_arg(const char *name, const char *value, bool from_env, bool public)
{
	if (drv_credential_arg(name, value))
		return true;
	if (public)
		return false;
	return from_env || dw_secret_name(name);
}

void
drv_aws_credentials_file(dw_buf *out)
{
	bool any = false;

	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(drv_aws_secrets[i].env);

		if (v && *v) {
			if (!any)
				dw_buf_puts(out, "[default]\n");
			any = true;
			dw_buf_printf(out, "%s = %s\n", drv_aws_secrets[i].id, v);
		}
	}
}

void
drv_cache_spec(const char *value, bool export, dw_buf *out)
{
	dw_buf_clear(out);
	if (strchr(value, '='))
		dw_buf_puts(out, value);
	else
		dw_buf_printf(out, "type=registry,ref=%s%s", value, export ? ",mode=max" : "");
}

static void
add_opt(drv_cmd *c, const char *flag, const char *value)
{
	if (value) {
		drv_cmd_add(c, flag);
		drv_cmd_add(c, value);
	}
}

static void
add_secrets(const drv_build *b, drv_cmd *c)
{
	for (size_t i = 0; i < b->nsecrets; i++) {
		drv_cmd_add(c, "--secret");
		if (b->secrets[i].env)
			drv_cmd_addf(c, "id=%s,env=%s", b->secrets[i].id, b->secrets[i].env);
		else
			drv_cmd_addf(c, "id=%s,src=%s", b->secrets[i].id, b->secrets[i].src);
	}
}

/* The cache flags: --cache-from/--cache-to for docker buildx, which take
 * BuildKit's specs too; --import-cache/--export-cache for buildctl. */
static void
add_cache(const drv_build *b, const char *from_flag, const char *to_flag, drv_cmd *c)
{
	dw_buf spec = DW_BUF_INIT;

	if (b->bk && b->bk->cache_from) {
		drv_cache_spec(b->bk->cache_from, false, &spec);
		add_opt(c, from_flag, spec.ptr);
	}
	if (b->bk && b->bk->cache_to) {
		drv_cache_spec(b->bk->cache_to, true, &spec);
		add_opt(c, to_flag, spec.ptr);
	}
	dw_buf_free(&spec);
}

/*
 * buildctl: the Dockerfile frontend built into the daemon, the context
 * and the Dockerfile's directory as two local sources (only they travel
 * to a remote daemon), everything the Dockerfile reads as --opt, and the
 * image straight to the registry: nothing is loaded anywhere.
 */
static void
buildctl_globals(const drv_buildkit *bk, drv_cmd *c)
{
	drv_cmd_add(c, "buildctl");
	if (bk) {
		add_opt(c, "--addr", bk->addr);
		add_opt(c, "--tlscacert", bk->tlscacert);
		add_opt(c, "--tlscert", bk->tlscert);
		add_opt(c, "--tlskey", bk->tlskey);
		add_opt(c, "--tlsservername", bk->tlsservername);
	}
}

void
drv_argv_buildkit_probe(const drv_buildkit *bk, drv_cmd *c)
{
	buildctl_globals(bk, c);
	drv_cmd_add(c, "debug");
	drv_cmd_add(c, "workers");
}

static void
argv_buildctl(const drv_build *b, drv_cmd *c)
{
	const drv_buildkit *bk = b->bk;
	const char *slash = strrchr(b->dockerfile, '/');

	buildctl_globals(bk, c);
	drv_cmd_add(c, "build");
	/* Plain progress: one line per step, CACHED ones named, in CI logs. */
	add_opt(c, "--progress", "plain");
	add_opt(c, "--frontend", "dockerfile.v0");
	drv_cmd_addf(c, "--local=context=%s", b->context);
	if (slash == NULL)
		drv_cmd_add(c, "--local=dockerfile=.");
	else
		drv_cmd_addf(c, "--local=dockerfile=%.*s",
		             slash == b->dockerfile ? 1 : (int)(slash - b->dockerfile),
		             b->dockerfile);
	drv_cmd_addf(c, "--opt=filename=%s", slash ? slash + 1 : b->dockerfile);
	if (b->platform)
		drv_cmd_addf(c, "--opt=platform=%s", b->platform);
	if (b->target)
		drv_cmd_addf(c, "--opt=target=%s", b->target);
	if (b->network) {
		/* The frontend's RUN network; host also needs the daemon's
		 * network.host entitlement, which --allow asks for. */
		drv_cmd_addf(c, "--opt=force-network-mode=%s", b->network);
		if (strcmp(b->network, "host") == 0)
			drv_cmd_add(c, "--allow=network.host");
	}
	for (size_t i = 0; b->args && i < b->args->n; i++) {
		const drv_kv *kv = &b->args->v[i];
		dw_buf opt = DW_BUF_INIT;

		/* buildctl reads build args from its command line only, and
		 * the daemon keeps them in its build history: a credential
		 * goes as a secret of its own name, from our environment. */
		if (drv_credential_arg(kv->name, kv->value)) {
			drv_cmd_add(c, "--secret");
			drv_cmd_addf(c, "id=%s,env=%s", kv->name, kv->name);
			drv_cmd_setenv(c, kv->name, kv->value);
			continue;
		}
		dw_buf_printf(&opt, "--opt=build-arg:%s=", kv->name);
		if (kv->secret) {
			size_t keep = opt.len;

			dw_buf_puts(&opt, kv->value);
			drv_cmd_add_secret(c, opt.ptr, keep);
		} else {
			dw_buf_puts(&opt, kv->value);
			drv_cmd_add(c, opt.ptr);
		}
		dw_buf_free(&opt);
	}
	add_secrets(b, c);
	add_cache(b, "--import-cache", "--export-cache", c);
	drv_cmd_addf(c, "--output=type=image,name=%s%s", b->ref,
	             bk && bk->push ? ",push=true" : "");
	if (bk && bk->metadata_file)
		drv_cmd_addf(c, "--metadata-file=%s", bk->metadata_file);
}

void
drv_argv_build(const drv_build *b, drv_cmd *c)
{
	if (b->builder == DRV_BUILDKIT) {
		argv_buildctl(b, c);
		return;
	}
	drv_cmd_add(c, drv_builder_name(b->builder));
	if (b->builder == DRV_DOCKER) {
		/* BuildKit through buildx; without the two flags it pushes an
		 * image index with attestations, which Lambda rejects.  --load
		 * puts the result into the engine, for `docker push`. */
		drv_cmd_add(c, "buildx");
		drv_cmd_add(c, "build");
		drv_cmd_add(c, "--provenance=false");
		drv_cmd_add(c, "--sbom=false");
		drv_cmd_add(c, "--load");
		/* A buildx builder by name (a remote driver, say); without
		 * it, buildx's own choice: BUILDX_BUILDER, then the current. */
		if (b->bk)
			add_opt(c, "--builder", b->bk->buildx_builder);
		add_cache(b, "--cache-from", "--cache-to", c);
	} else {
		/* Docker v2s2 keeps HEALTHCHECK and is what Lambda expects. */
		drv_cmd_add(c, "build");
		drv_cmd_add(c, "--format");
		drv_cmd_add(c, "docker");
	}
	if (b->platform) {
		drv_cmd_add(c, "--platform");
		drv_cmd_add(c, b->platform);
	}
	/* All three take the same flag; a daemon without a default bridge
	 * needs it for any RUN (docker: default, host or none). */
	if (b->network) {
		drv_cmd_add(c, "--network");
		drv_cmd_add(c, b->network);
	}
	add_opt(c, "--target", b->target);
	drv_cmd_add(c, "-f");
	drv_cmd_add(c, b->dockerfile);
	drv_cmd_add(c, "-t");
	drv_cmd_add(c, b->ref);
	for (size_t i = 0; b->args && i < b->args->n; i++) {
		const drv_kv *kv = &b->args->v[i];

		drv_cmd_add(c, "--build-arg");
		if (kv->secret) {
			/* By name alone: docker, podman and buildah take the
			 * value from their environment.  A command line is
			 * readable by every user of the machine (ps); the
			 * environment only by ours. */
			drv_cmd_add(c, kv->name);
			drv_cmd_setenv(c, kv->name, kv->value);
		} else {
			drv_cmd_addf(c, "%s=%s", kv->name, kv->value);
		}
	}
	add_secrets(b, c);
	drv_cmd_add(c, "--"); /* every operand after it is one, never an option */
	drv_cmd_add(c, b->context);
}

void
drv_argv_tag(drv_builder b, const char *src, const char *dst, drv_cmd *c)
{
	drv_cmd_add(c, drv_builder_program(b));
	drv_cmd_add(c, "tag");
	drv_cmd_add(c, "--");
	drv_cmd_add(c, src);
	drv_cmd_add(c, dst);
}

void
drv_argv_pull(drv_builder b, const char *ref, const char *platform, drv_cmd *c)
{
	drv_cmd_add(c, drv_builder_program(b));
	drv_cmd_add(c, "pull");
	if (platform) {
		drv_cmd_add(c, "--platform");
		drv_cmd_add(c, platform);
	}
	drv_cmd_add(c, "--");
	drv_cmd_add(c, ref);
}

void
drv_argv_push(drv_builder b, const char *ref, const char *digestfile, drv_cmd *c)
{
	drv_cmd_add(c, drv_builder_program(b));
	drv_cmd_add(c, "push");
	if (b == DRV_DOCKER) {
		drv_cmd_add(c, "--");
		drv_cmd_add(c, ref);
		return;
	}
	drv_cmd_add(c, "--format");
	drv_cmd_add(c, "docker");
	if (digestfile) {
		drv_cmd_add(c, "--digestfile");
		drv_cmd_add(c, digestfile);
	}
	drv_cmd_add(c, "--");
	drv_cmd_add(c, ref);
	drv_cmd_addf(c, "docker://%s", ref);
}

void
drv_argv_repo_digests(const char *ref, drv_cmd *c)
{
	drv_cmd_add(c, "docker");
	drv_cmd_add(c, "image");
	drv_cmd_add(c, "inspect");
	drv_cmd_add(c, "--format");
	drv_cmd_add(c, "{{range .RepoDigests}}{{println .}}{{end}}");
	drv_cmd_add(c, "--");
	drv_cmd_add(c, ref);
}

void
drv_argv_ecr_password(const char *region, drv_cmd *c)
{
	drv_cmd_add(c, "aws");
	drv_cmd_add(c, "ecr");
	drv_cmd_add(c, "get-login-password");
	drv_cmd_add(c, "--region");
	drv_cmd_add(c, region);
}

void
drv_argv_login(drv_builder b, const char *registry, drv_cmd *c)
{
	drv_cmd_add(c, drv_builder_program(b));
	drv_cmd_add(c, "login");
	drv_cmd_add(c, "--username");
	drv_cmd_add(c, "AWS");
	drv_cmd_add(c, "--password-stdin");
	drv_cmd_add(c, "--");
	drv_cmd_add(c, registry);
}

/* ---- build args -------------------------------------------------------- */

void
drv_kvs_add(drv_kvs *k, const char *name, const char *value, bool secret)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i].name, name) == 0) {
			/* The first stage that names it wins, but a mask is
			 * never lost: BUNDLE_X under build_args stays masked. */
			k->v[i].secret = k->v[i].secret || secret;
			return;
		}
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->v = dw_realloc(k->v, k->cap * sizeof *k->v);
	}
	k->v[k->n].name = dw_strdup(name);
	k->v[k->n].value = dw_strdup(value);
	k->v[k->n].secret = secret;
	k->n++;
}

void
drv_kvs_free(drv_kvs *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->v[i].name);
		free(k->v[i].value);
	}
	free(k->v);
	memset(k, 0, sizeof *k);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the BUNDLE_* variables of our environment, sorted. */
static void
bundle_names(dw_strv *names)
{
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');

		if (eq && strncmp(*e, "BUNDLE_", 7) == 0 && eq - *e > 7)
			dw_strv_push(names, *e, (size_t)(eq - *e));
	}
	if (names->n)
		qsort(names->v, names->n, sizeof *names->v, cmp_str);
}

static bool
shell_name(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!(isalnum((unsigned char)*p) || *p == '_'))
			return false;
	return *s && !isdigit((unsigned char)*s);
}

void
drv_bundle_env_file(dw_buf *out, dw_strv *skipped)
{
	dw_strv names = DW_STRV_INIT;

	bundle_names(&names);
	for (size_t i = 0; i < names.n; i++) {
		const char *v = getenv(names.v[i]);

		if (!shell_name(names.v[i])) {
			dw_strv_push(skipped, names.v[i], strlen(names.v[i]));
			continue;
		}
		/* Single quotes keep every byte; a quote is closed, escaped
		 * and reopened. */
		dw_buf_printf(out, "%s='", names.v[i]);
		for (const char *p = v; *p; p++)
			if (*p == '\'')
				dw_buf_puts(out, "'\\''");
			else
				dw_buf_putc(out, *p);
		dw_buf_puts(out, "'\n");
	}
	dw_strv_free(&names);
}

void
drv_build_args(const dw_config *c, bool aws_as_args, drv_kvs *out)
{
	static const dw_ckey maps[] = {
		DW_CFG_BUILD_ARGS_AT_TOP, DW_CFG_BUILD_ARGS_BUILD_STAGE,
		DW_CFG_BUILD_ARGS_DEPLOYMENT_STAGE
	};
	const dw_strv *pub = dw_cfg_list(c, DW_CFG_BUILD_ARGS_PUBLIC);

	for (size_t m = 0; m < sizeof maps / sizeof maps[0]; m++) {
		const dw_strv *keys = dw_cfg_list(c, maps[m]);
		const dw_strv *vals = dw_cfg_map_values(c, maps[m]);

		for (size_t i = 0; keys && i < keys->n; i++) {
			const char *env = getenv(keys->v[i]);
			const char *v = env ? env : (vals && i < vals->n ? vals->v[i] : "");
			bool public = false;

			for (size_t j = 0; pub && j < pub->n && !public; j++)
				public = strcmp(pub->v[j], keys->v[i]) == 0;
			drv_kvs_add(out, keys->v[i], v,
			            drv_secret_arg(keys->v[i], v, env != NULL, public));
		}
	}
	if (aws_as_args)
		for (size_t i = 0; i < 3; i++) {
			const char *v = getenv(drv_aws_secrets[i].env);

			if (v && *v)
				drv_kvs_add(out, drv_aws_secrets[i].env, v, true);
		}
}

/* ---- registries ---------------------------------------------------------- */

char *
drv_registry_of(const char *repo)
{
	const char *slash = strchr(repo, '/');
	size_t n;

	if (slash == NULL)
		return NULL;
	n = (size_t)(slash - repo);
	if (memchr(repo, '.', n) || memchr(repo, ':', n) ||
	    (n == 9 && strncmp(repo, "localhost", 9) == 0))
		return dw_strndup(repo, n);
	return NULL;
}

static bool
all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool
drv_ecr_region(const char *registry, dw_buf *region)
{
	static const char *const suffixes[] = { ".amazonaws.com", ".amazonaws.com.cn", NULL };
	const char *dot = strchr(registry, '.'), *r, *end = NULL;
	size_t n = strlen(registry);

	/* ACCOUNT(12 digits).dkr.ecr[-fips].REGION.amazonaws.com[.cn] */
	if (dot == NULL || !all_digits(registry, (size_t)(dot - registry)) ||
	    dot - registry != 12)
		return false;
	if (strncmp(dot, ".dkr.ecr.", 9) == 0)
		r = dot + 9;
	else if (strncmp(dot, ".dkr.ecr-fips.", 14) == 0)
		r = dot + 14;
	else
		return false;
	for (size_t i = 0; suffixes[i]; i++) {
		size_t sl = strlen(suffixes[i]);

		if (n > sl && strcmp(registry + n - sl, suffixes[i]) == 0) {
			end = registry + n - sl;
			break;
		}
	}
	if (end == NULL || end <= r)
		return false;
	for (const char *p = r; p < end; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
			return false;
	if (region) {
		dw_buf_clear(region);
		dw_buf_put(region, r, (size_t)(end - r));
	}
	return true;
}

/* Does the auth file at path have auths[registry] or credHelpers[registry]? */
static bool
auth_file_has(const char *path, const char *registry)
{
	dw_buf src = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	dw_ydoc *doc = NULL;
	bool found = false;

	/* JSON is YAML: the one tree loader reads both. */
	if (dw_file_read(path, &src, &d) == 0)
		doc = dw_yaml_load(src.ptr ? src.ptr : "", src.len, path, &d);
	if (doc && doc->root && doc->root->kind == DW_Y_MAP) {
		static const char *const sections[] = { "auths", "credHelpers" };

		for (size_t i = 0; i < 2 && !found; i++) {
			const dw_ynode *m = dw_yaml_get(doc->root, sections[i]);
			dw_buf key = DW_BUF_INIT;

			if (m && m->kind == DW_Y_MAP) {
				dw_buf_printf(&key, "https://%s", registry);
				found = dw_yaml_get(m, registry) || dw_yaml_get(m, key.ptr);
			}
			dw_buf_free(&key);
		}
	}
	dw_yaml_free(doc);
	dw_buf_free(&src);
	dw_diags_free(&d);
	return found;
}

bool
drv_auth_configured(drv_builder b, const char *registry)
{
	const char *home = getenv("HOME"), *v;
	dw_buf p = DW_BUF_INIT;
	bool found = false;

	if (b == DRV_DOCKER || b == DRV_BUILDKIT) {
		v = getenv("DOCKER_CONFIG");
		if (v && *v)
			dw_buf_printf(&p, "%s/config.json", v);
		else if (home)
			dw_buf_printf(&p, "%s/.docker/config.json", home);
		found = p.len && auth_file_has(p.ptr, registry);
		dw_buf_free(&p);
		return found;
	}
	/* containers-auth.json(5): the first file that exists is used for
	 * writing, but lookups fall through to Docker's file. */
	v = getenv("REGISTRY_AUTH_FILE");
	if (v && *v)
		found = auth_file_has(v, registry);
	if (!found && (v = getenv("XDG_RUNTIME_DIR")) && *v) {
		dw_buf_printf(&p, "%s/containers/auth.json", v);
		found = auth_file_has(p.ptr, registry);
	} else if (!found && getuid() == 0) {
		found = auth_file_has("/run/containers/0/auth.json", registry);
	}
	if (!found && home) {
		dw_buf_clear(&p);
		dw_buf_printf(&p, "%s/.config/containers/auth.json", home);
		found = auth_file_has(p.ptr, registry);
		dw_buf_clear(&p);
		dw_buf_printf(&p, "%s/.docker/config.json", home);
		found = found || auth_file_has(p.ptr, registry);
	}
	dw_buf_free(&p);
	return found;
}

bool
drv_valid_repository(const char *repo)
{
	const char *last = strrchr(repo, '/');

	if (*repo == '\0' || *repo == '-' || strchr(repo, '@') || repo[strlen(repo) - 1] == '/')
		return false;
	/* A tag belongs in --tag, not in the repository. */
	if (strchr(last ? last : repo, ':'))
		return false;
	for (const char *p = repo; *p; p++)
		if (isspace((unsigned char)*p) || isupper((unsigned char)*p) ||
		    (unsigned char)*p >= 0x80)
			return false;
	return true;
}

bool
drv_valid_image(const char *ref)
{
	/* A leading '-' would reach the builder as an option
	 * (docker.image: --tls-verify=false). */
	if (*ref == '\0' || *ref == '-')
		return false;
	for (const char *p = ref; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}
