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

/* Anvisa's one order of names shown to people, Swedish as in SAOL and
 * CLDR's Swedish collation (what ICU, and so PostgreSQL's "sv-SE-x-icu",
 * does): spaces, then punctuation and symbols, then digits, then the
 * letters a–z (w its own letter after v, as since SAOL 13), then å, ä
 * and ö. Without case, and a letter with another accent as its base
 * letter (é as e, ç as c, ł as l); as in Swedish, ü and ű as y, æ and ę
 * as ä, ø, ő, œ and ô as ö, ð and đ as d, þ as th and ß as ss. "Aa" is
 * two a's (Danish would sort it as å). Where that says nothing, the
 * plain letter before the accented one, then lower case before upper,
 * then the bytes: two different texts never compare equal, so the order
 * is the same every time. Letters of other scripts come after ö, by
 * code point. Text as Anvisa stores it (NFC; a combining mark on its own
 * is ignored but for the last rule); NULL before everything; bytes that
 * are not UTF-8 sort as punctuation. No allocation, no locale: SQLite
 * calls it for every pair it sorts, as the collation "anvisa_sv"
 * (ANV_TEXT_COLLATION, registered by the database driver). */
#define ANV_TEXT_COLLATION "anvisa_sv"
int   anv_text_collate     (const char  *a,
                            const char  *b);
/* The same for texts of @a_length and @b_length bytes (-1: up to a NUL). */
int   anv_text_collate_len (const char  *a,
                            gssize       a_length,
                            const char  *b,
                            gssize       b_length);

G_END_DECLS
