/* anv-end-reasons.c — why a referral ends: results and interruptions
 *
 * No official code list is public, so the reasons are a table that an
 * office can extend; Anvisa ships the ones named in DOMAIN.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-end-reasons"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-db-private.h"
#include "anv-end-reasons.h"
#include "anv-text.h"

#define MAX_LABEL_CHARS 120

G_DEFINE_QUARK (anv-end-reason-error-quark, anv_end_reason_error)

void
anv_end_reason_free (AnvEndReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->code);
  g_free (reason->label_sv);
  g_free (reason->label_en);
  g_free (reason);
}

static gboolean
ui_is_swedish (void)
{
  const char *const *languages = g_get_language_names_with_category ("LC_MESSAGES");

  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "sv"))
        return TRUE;
      if (g_str_has_prefix (languages[i], "en") || strcmp (languages[i], "C") == 0)
        return FALSE;
    }
  return FALSE;
}

const char *
anv_end_reason_label (const AnvEndReason *reason)
{
  return ui_is_swedish () ? reason->label_sv : reason->label_en;
}

const char *
anv_end_kind_to_string (AnvEndKind kind)
{
  return kind == ANV_END_KIND_RESULT ? "result" : "interruption";
}

gboolean
anv_end_kind_parse (const char  *text,
                    AnvEndKind  *out,
                    GError     **error)
{
  g_autofree char *word = g_strstrip (g_ascii_strdown (text ? text : "", -1));

  if (strcmp (word, "result") == 0 || strcmp (word, "resultat") == 0)
    *out = ANV_END_KIND_RESULT;
  else if (strcmp (word, "interruption") == 0 || strcmp (word, "avbrott") == 0)
    *out = ANV_END_KIND_INTERRUPTION;
  else
    {
      g_autofree char *shown = anv_text_quote (text ? text : "");

      g_set_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_KIND,
                   _("“%s” is not a kind of end: write result (jobb, studier) or "
                     "interruption (avbrott)."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

static gpointer
reason_from_row (AnvDbStmt *stmt,
                 gpointer   user_data)
{
  AnvEndReason *reason = g_new0 (AnvEndReason, 1);

  reason->code = anv_db_column_dup (stmt, 0);
  reason->kind = g_strcmp0 (anv_db_column_text (stmt, 1), "result") == 0
                   ? ANV_END_KIND_RESULT : ANV_END_KIND_INTERRUPTION;
  reason->label_sv = anv_db_column_dup (stmt, 2);
  reason->label_en = anv_db_column_dup (stmt, 3);
  reason->active = anv_db_column_int (stmt, 4) != 0;
  return reason;
}

GPtrArray *
anv_end_reasons_list (AnvDb     *db,
                      gboolean   include_inactive,
                      GError   **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "end-reasons/list",
    "SELECT code, kind, label_sv, label_en, active FROM end_reason "
    "WHERE active <> 0 OR ?1 <> 0 ORDER BY kind = 'interruption', rowid", error);

  if (stmt == NULL)
    return NULL;

  anv_db_bind_int64 (stmt, 1, include_inactive);
  return anv_db_collect (stmt, reason_from_row, NULL, (GDestroyNotify) anv_end_reason_free,
                         error);
}

AnvEndReason *
anv_end_reasons_get (AnvDb       *db,
                     const char  *code,
                     GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "end-reasons/get",
    "SELECT code, kind, label_sv, label_en, active FROM end_reason WHERE code = ?1", error);
  AnvEndReason *reason = NULL;
  AnvDbStep step;

  if (stmt == NULL)
    return NULL;

  anv_db_bind_text (stmt, 1, code);
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_ROW)
    {
      reason = reason_from_row (stmt, NULL);
      anv_db_reset (stmt);
    }
  else if (step == ANV_DB_DONE)
    {
      g_autofree char *shown = anv_text_quote (code ? code : "");

      g_set_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_NOT_FOUND,
                   _("There is no end reason with the code “%s”. "
                     "“anvisa-cli end-reason list” shows them."),
                   shown);
    }
  return reason;
}

static gboolean
check_code (const char  *code,
            GError     **error)
{
  gsize length = code ? strlen (code) : 0;
  gboolean ok = length >= 1 && length <= 40;

  for (gsize i = 0; ok && i < length; i++)
    ok = g_ascii_islower (code[i]) || g_ascii_isdigit (code[i]) || code[i] == '_';

  if (!ok)
    {
      g_autofree char *shown = anv_text_quote (code ? code : "");

      g_set_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_CODE,
                   _("“%s” cannot be an end reason’s code: use 1 to 40 small letters a–z, "
                     "digits and _, for example “flyttat”."),
                   shown);
    }
  return ok;
}

/* The label as stored (trimmed, on one line, no direction controls), or
 * NULL with @error set; @what names it in messages. */
static char *
clean_label (const char  *label,
             const char  *what,
             GError     **error)
{
  /* Translators: %1$s is “The end reason’s name” or “The end reason’s English name” */
  g_autofree char *empty = g_strdup_printf (_("%1$s is empty: an end reason needs a name of "
                                              "1 to %2$d characters."), what, MAX_LABEL_CHARS);

  return anv_text_clean_line (label, label ? strlen (label) : 0, MAX_LABEL_CHARS, what,
                              ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_LABEL, empty, error);
}

static gboolean
insert_reason (AnvDb       *db,
               const char  *code,
               AnvEndKind   kind,
               const char  *label_sv,
               const char  *label_en,
               GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "end-reasons/insert",
    "INSERT INTO end_reason (code, kind, label_sv, label_en) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  anv_db_bind_text (stmt, 1, code);
  anv_db_bind_text (stmt, 2, anv_end_kind_to_string (kind));
  anv_db_bind_text (stmt, 3, label_sv);
  anv_db_bind_text (stmt, 4, label_en ? label_en : label_sv);
  return anv_db_step_done (stmt, error);
}

gboolean
anv_end_reasons_add (AnvDb       *db,
                     const char  *code,
                     AnvEndKind   kind,
                     const char  *label_sv,
                     const char  *label_en,
                     GError     **error)
{
  g_autoptr (AnvEndReason) existing = NULL;
  g_autoptr (GError) lookup_error = NULL;
  g_autofree char *clean_sv = NULL;
  g_autofree char *clean_en = NULL;

  if (!check_code (code, error)
      || (clean_sv = clean_label (label_sv, _("The end reason’s name"), error)) == NULL
      || (label_en != NULL
          && (clean_en = clean_label (label_en, _("The end reason’s English name"),
                                      error)) == NULL))
    return FALSE;

  existing = anv_end_reasons_get (db, code, &lookup_error);
  if (lookup_error != NULL
      && !g_error_matches (lookup_error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_DUPLICATE,
                   _("The end reason “%1$s” exists already (“%2$s”). Choose another code."),
                   code, anv_end_reason_label (existing));
      return FALSE;
    }

  if (!anv_db_begin (db, error))
    return FALSE;
  if (!insert_reason (db, code, kind, clean_sv, clean_en, error)
      || !anv_audit_append (db, "end_reason.add", "end_reason", code, clean_sv, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_end_reasons_set_active (AnvDb       *db,
                            const char  *code,
                            gboolean     active,
                            GError     **error)
{
  g_autoptr (AnvEndReason) existing = anv_end_reasons_get (db, code, error);
  AnvDbStmt *stmt;

  if (existing == NULL)
    return FALSE;
  if (!anv_db_begin (db, error))
    return FALSE;

  stmt = anv_db_prepare (db, "end-reasons/set-active",
                         "UPDATE end_reason SET active = ?1 WHERE code = ?2", error);
  if (stmt != NULL)
    {
      anv_db_bind_int64 (stmt, 1, active);
      anv_db_bind_text (stmt, 2, code);
    }
  if (stmt == NULL
      || !anv_db_step_done (stmt, error)
      || !anv_audit_append (db, active ? "end_reason.activate" : "end_reason.deactivate",
                            "end_reason", code, NULL, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_end_reasons_load_reference (AnvDb   *db,
                                GError **error)
{
  static const struct
  {
    const char *code;
    AnvEndKind  kind;
    const char *label_sv;
    const char *label_en;
  } reasons[] = {
    { "jobb", ANV_END_KIND_RESULT, "Arbete", "Work" },
    { "studier", ANV_END_KIND_RESULT, "Studier", "Studies" },
    { "tiden_ute", ANV_END_KIND_INTERRUPTION, "Tiden tog slut utan resultat",
      "Time ran out without a result" },
    { "sjuk", ANV_END_KIND_INTERRUPTION, "Sjukdom eller inte tillgänglig",
      "Illness or not available" },
    { "aterkallad", ANV_END_KIND_INTERRUPTION,
      "Återkallad (misskötsamhet eller särskilda skäl)",
      "Revoked (misconduct or special reasons)" },
    { "flyttat", ANV_END_KIND_INTERRUPTION, "Flyttat eller avaktualiserad",
      "Moved or deregistered" },
    { "tjansten_upphort", ANV_END_KIND_INTERRUPTION, "Tjänsten upphörde i området",
      "The service ended in the area" },
    { "ovrigt", ANV_END_KIND_INTERRUPTION, "Övrigt", "Other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (!insert_reason (db, reasons[i].code, reasons[i].kind, reasons[i].label_sv,
                        reasons[i].label_en, error))
      return FALSE;
  return TRUE;
}
