/* anv-i18n.h — the language Anvisa speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds Anvisa's translations
 * (from $ANVISA_LOCALEDIR when set: the tests use the build tree's). Where
 * the requested locale is not installed — LANG=sv_SE.UTF-8 on a machine
 * without it — the program still runs in UTF-8 and still speaks the
 * requested language. */
void  anv_i18n_init     (void);

/* @n as a person reads it in their language, with its digits grouped by
 * three from 1,000 on: "12 199" in Swedish, "12,199" in English. Only for
 * showing: files Anvisa writes have plain digits. */
char *anv_format_count  (guint64 n);

G_END_DECLS
