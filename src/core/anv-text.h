/* anv-text.h — names and other one-line text as Anvisa stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A name as stored: valid UTF-8, NFC, trimmed, on one line (no control
 * characters), 1 to @max_chars characters. @length is the bytes given, so
 * that a NUL inside is noticed. On a problem sets @error in @domain with
 * @code; @empty_message says what to do when nothing is left. */
char *anv_text_clean_name (const char  *text,
                           gsize        length,
                           guint        max_chars,
                           GQuark       domain,
                           gint         code,
                           const char  *empty_message,
                           GError     **error);

G_END_DECLS
