/* anv-text.h — names and other one-line text as Anvisa stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A name, or other one-line text, as stored: valid UTF-8, NFC, trimmed,
 * on one line (no control characters, no line separators, no
 * bidirectional overrides or marks), without invisible characters (zero
 * width space, soft hyphen, U+FEFF and the like: refused, saying where),
 * every kind of space stored as the ordinary space, 1 to @max_chars
 * characters. @length
 * is the bytes given, so that a NUL inside is noticed. On a problem sets
 * @error in @domain with @code, naming the field by @what (translated, as
 * the subject of a sentence: "The name", "The reason"); @empty_message
 * says what to do when nothing is left. */
char *anv_text_clean_line (const char  *text,
                           gsize        length,
                           guint        max_chars,
                           const char  *what,
                           GQuark       domain,
                           gint         code,
                           const char  *empty_message,
                           GError     **error);

/* @text as a message may quote it: valid UTF-8, with every character that
 * would act on a terminal or turn the text around (control and format
 * characters, line separators) shown as U+FFFD, and cut after
 * ANV_TEXT_QUOTE_MAX_CHARS characters with “…”. NULL gives "". */
#define ANV_TEXT_QUOTE_MAX_CHARS 40
char *anv_text_quote      (const char  *text);
/* The same for a file's path, which the person needs whole to find the
 * folder: cut only after ANV_TEXT_QUOTE_PATH_MAX_CHARS characters. */
#define ANV_TEXT_QUOTE_PATH_MAX_CHARS 1024
char *anv_text_quote_path (const char  *path);

/* @text as names are compared, to find "the same name" and to search: in
 * Unicode's compatibility form (NFKC: a ligature, a full-width letter or a
 * superscript digit counts as the plain one) and without case; å, ä and ö
 * stay letters of their own. Spaces are kept as they are: trim first. NULL
 * or text that is not UTF-8 gives "". */
char *anv_text_fold       (const char  *text);

G_END_DECLS
