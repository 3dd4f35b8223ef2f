/* SPDX-License-Identifier: MIT */
/* instr.c - the one table of Dockerfile instructions and their flags. */
#include "instr.h"

#include <string.h>

static const dw_flag_spec from_flags[] = {
	{ "platform", DW_FLAG_STRING, NULL },
	{ NULL, 0, NULL }
};
static const dw_flag_spec run_flags[] = {
	{ "mount", DW_FLAG_MULTI, NULL },
	{ "network", DW_FLAG_STRING, "default,none,host" },
	{ "security", DW_FLAG_STRING, "sandbox,insecure" },
	{ "device", DW_FLAG_MULTI, NULL },
	{ NULL, 0, NULL }
};
static const dw_flag_spec copy_flags[] = {
	{ "from", DW_FLAG_STRING, NULL },
	{ "chown", DW_FLAG_STRING, NULL },
	{ "chmod", DW_FLAG_STRING, NULL },
	{ "link", DW_FLAG_BOOL, NULL },
	{ "parents", DW_FLAG_BOOL, NULL },
	{ "exclude", DW_FLAG_MULTI, NULL },
	{ NULL, 0, NULL }
};
static const dw_flag_spec add_flags[] = {
	{ "chown", DW_FLAG_STRING, NULL },
	{ "chmod", DW_FLAG_STRING, NULL },
	{ "link", DW_FLAG_BOOL, NULL },
	{ "keep-git-dir", DW_FLAG_BOOL, NULL },
	{ "checksum", DW_FLAG_STRING, NULL },
	{ "unpack", DW_FLAG_BOOL, NULL },
	{ "exclude", DW_FLAG_MULTI, NULL },
	{ NULL, 0, NULL }
};
static const dw_flag_spec health_flags[] = {
	{ "interval", DW_FLAG_STRING, NULL },
	{ "timeout", DW_FLAG_STRING, NULL },
	{ "start-period", DW_FLAG_STRING, NULL },
	{ "start-interval", DW_FLAG_STRING, NULL },
	{ "retries", DW_FLAG_STRING, NULL },
	{ NULL, 0, NULL }
};
static const dw_flag_spec no_flags[] = {
	{ NULL, 0, NULL }
};

/* Indexed by dw_kind. */
static const dw_instr_spec specs[DW_I__COUNT] = {
	[DW_I_UNKNOWN] = { NULL, no_flags },
	[DW_I_ADD] = { "add", add_flags },
	[DW_I_ARG] = { "arg", no_flags },
	[DW_I_CMD] = { "cmd", no_flags },
	[DW_I_COPY] = { "copy", copy_flags },
	[DW_I_ENTRYPOINT] = { "entrypoint", no_flags },
	[DW_I_ENV] = { "env", no_flags },
	[DW_I_EXPOSE] = { "expose", no_flags },
	[DW_I_FROM] = { "from", from_flags },
	[DW_I_HEALTHCHECK] = { "healthcheck", health_flags },
	[DW_I_LABEL] = { "label", no_flags },
	[DW_I_MAINTAINER] = { "maintainer", no_flags },
	[DW_I_ONBUILD] = { "onbuild", no_flags },
	[DW_I_RUN] = { "run", run_flags },
	[DW_I_SHELL] = { "shell", no_flags },
	[DW_I_STOPSIGNAL] = { "stopsignal", no_flags },
	[DW_I_USER] = { "user", no_flags },
	[DW_I_VOLUME] = { "volume", no_flags },
	[DW_I_WORKDIR] = { "workdir", no_flags },
};

const dw_instr_spec *
dw_instr_spec_of(dw_kind k)
{
	if ((unsigned)k >= DW_I__COUNT)
		k = DW_I_UNKNOWN;
	return &specs[k];
}

const char *
dw_kind_name(dw_kind k)
{
	return dw_instr_spec_of(k)->name;
}

dw_kind
dw_kind_lookup(const char *word, size_t len)
{
	/* Keywords are short; anything longer than the longest is unknown. */
	if (len == 0 || len > 11)
		return DW_I_UNKNOWN;
	for (int k = 1; k < DW_I__COUNT; k++) {
		const char *n = specs[k].name;
		size_t i;

		/* ASCII case folding by hand: this runs once per instruction. */
		for (i = 0; i < len && n[i] && ((unsigned char)(word[i] | 0x20)) == (unsigned char)n[i]; i++)
			;
		if (i == len && n[i] == '\0')
			return (dw_kind)k;
	}
	return DW_I_UNKNOWN;
}

const dw_flag_spec *
dw_flag_lookup(dw_kind k, const char *name, size_t len)
{
	for (const dw_flag_spec *f = dw_instr_spec_of(k)->flags; f->name; f++)
		if (strlen(f->name) == len && memcmp(f->name, name, len) == 0)
			return f;
	return NULL;
}
