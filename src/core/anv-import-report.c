/* anv-import-report.c — how an import tells what it found
 *
 * The cap on listed errors lives here so that the window and anvisa-cli
 * list the same errors and say the same sentence about the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-import-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-i18n.h"
#include "anv-import-report.h"

typedef struct
{
  guint  line;
  char  *column;
  char  *message;
} HeldError;

struct _AnvImportHeld
{
  GArray  *errors;      /* HeldError */
  guint64  n_dropped;
};

static void
held_error_clear (gpointer data)
{
  HeldError *held_error = data;

  g_free (held_error->column);
  g_free (held_error->message);
}

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

void
anv_import_report_set_bad_rows (const AnvImportReport  *report,
                                GQuark                  domain,
                                gint                    code,
                                GError                **error)
{
  g_autofree char *count = anv_format_count (report->n_bad_rows);

  g_set_error (error, domain, code,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s row is wrong, so nothing was imported. "
                            "Correct it and import the file again.",
                            "%s rows are wrong, so nothing was "
                            "imported. Correct them and import the file again.",
                            (gulong) MIN (report->n_bad_rows, G_MAXULONG)),
               count);
}

AnvImportHeld *
anv_import_held_new (void)
{
  AnvImportHeld *held = g_new0 (AnvImportHeld, 1);

  held->errors = g_array_new (FALSE, FALSE, sizeof (HeldError));
  g_array_set_clear_func (held->errors, held_error_clear);
  return held;
}

void
anv_import_held_add (AnvImportHeld *held,
                     guint          line,
                     const char    *column,
                     const char    *message)
{
  HeldError held_error = { line, NULL, NULL };

  if (held->errors->len >= ANV_IMPORT_MAX_LISTED_ERRORS)
    {
      held->n_dropped++;
      return;
    }
  held_error.column = g_strdup (column);
  held_error.message = g_strdup (message);
  g_array_append_val (held->errors, held_error);
}

void
anv_import_held_report (AnvImportHeld   *held,
                        AnvImportReport *report)
{
  for (guint i = 0; i < held->errors->len; i++)
    {
      HeldError *held_error = &g_array_index (held->errors, HeldError, i);

      anv_import_report_row_error (report, held_error->line, held_error->column,
                                   held_error->message);
    }
  if (report != NULL)
    report->n_errors += held->n_dropped;
  anv_import_held_free (held);
}

void
anv_import_held_free (AnvImportHeld *held)
{
  if (held == NULL)
    return;
  g_array_unref (held->errors);
  g_free (held);
}
