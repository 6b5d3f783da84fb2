/* fuzz-common.h — what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry points, declared for -Wmissing-prototypes. */
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* Makes warnings and criticals (a g_return_if_fail() that hostile input
 * reaches) abort, so that the fuzzer reports them as crashes. */
void fuzz_make_warnings_fatal (void);

/* A valid reference date from the first four bytes of the input, which are
 * consumed: any year from 1 to 9999, so that the far past and future are
 * tried as well as today. Fewer than four bytes give 2024-06-01. */
void fuzz_take_date           (const uint8_t **data,
                               size_t         *size,
                               GDate          *date);

/* The input as a NUL-terminated string (a NUL inside ends it early). */
char *fuzz_dup_string         (const uint8_t  *data,
                               size_t          size);

/* Whether @text is valid UTF-8 and not empty: every message must be. */
gboolean fuzz_is_message      (const char     *text);

G_END_DECLS
