/* SPDX-License-Identifier: MIT */
/*
 * fuzz_config.c - the configuration loaders: the input is applied as a
 * dockwright.yml (YAML) and, separately, imported as a Jets deploy.rb;
 * then the effective configuration is printed and every key read back.
 *
 * Invariants: a failure comes with an error; printing works on whatever
 * was loaded; no string value holds a control character (the loaders
 * must reject them, since values end up in Dockerfiles).
 */
#include "fuzz.h"

#include <string.h>

#include "config.h"
#include "config_priv.h"
#include "dockwright.h"

static void
check_values(const dw_config *c)
{
	for (size_t k = 0; k < DW_CFG__COUNT; k++) {
		const dw_cvalue *v = &c->v[k];

		for (const char *p = v->s; p && *p; p++)
			FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
		for (size_t i = 0; i < v->list.n; i++)
			for (const char *p = v->list.v[i]; *p; p++)
				FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
	}
}

static void
finish(dw_config *c)
{
	dw_buf out = DW_BUF_INIT;

	check_values(c);
	dw_config_print(c, &out);
	dw_buf_free(&out);
	dw_config_free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_ydoc *doc = dw_yaml_load((const char *)data, size, "dockwright.yml", &d);
	dw_config c;

	if (doc) {
		size_t before = dw_diags_count(&d, DW_SEV_ERROR);

		dw_config_init(&c);
		if (dw_config_apply_yaml(&c, doc, &d) < 0)
			FUZZ_CHECK(dw_diags_count(&d, DW_SEV_ERROR) > before);
		finish(&c);
		dw_yaml_free(doc);
	}
	dw_config_init(&c);
	if (dw_config_apply_deployrb(&c, (const char *)data, size, "config/jets/deploy.rb", &d) < 0)
		FUZZ_CHECK(dw_diags_count(&d, DW_SEV_ERROR) > 0);
	finish(&c);
	dw_diags_free(&d);
	return 0;
}
