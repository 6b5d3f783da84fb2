/* anv-import-report.c — how an import tells what it found
 *
 * The cap on listed errors lives here so that the window and anvisa-cli
 * list the same errors and say the same sentence about the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-i18n.h"
#include "anv-import-report.h"

void
anv_import_report_row_error (AnvImportReport *report,
                             guint            line,
                             const char      *column,
                             const char      *message)
{
  if (report == NULL)
    return;
  report->n_errors++;
  if (report->n_listed >= ANV_IMPORT_MAX_LISTED_ERRORS)
    return;
  report->n_listed++;
  if (report->row_error != NULL)
    report->row_error (line, column, message, report->user_data);
}

char *
anv_import_report_describe_more (const AnvImportReport *report)
{
  g_autofree char *listed = NULL;
  g_autofree char *all = NULL;

  if (report->n_errors <= report->n_listed)
    return NULL;

  listed = anv_format_count (report->n_listed);
  all = anv_format_count (report->n_errors);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %1$s and %2$s are numbers */
                                       "The first %1$s of %2$s error are listed.",
                                       "The first %1$s of %2$s errors are listed.",
                                       (gulong) MIN (report->n_errors, G_MAXULONG)),
                          listed, all);
}
