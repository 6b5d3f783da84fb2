/* anv-test-util.c — what the tests share: fresh databases, pinned dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "anv-schema.h"
#include "anv-test-util.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fs.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "anv-approvals.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-municipalities.h"
#include "anv-providers.h"
#include "anv-summary.h"

char *
anv_test_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("anvisa-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
anv_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        anv_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static char *template_dir;

static void
remove_template (void)
{
  anv_test_remove_dir (template_dir);
  g_clear_pointer (&template_dir, g_free);
}

/* A new database, made once per test program: every migration with the
 * reference data takes a tenth of a second, and fifty times as long under
 * valgrind. Closed, so that it is one file. */
static const char *
get_template (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvDb) db = NULL;

      template_dir = anv_test_make_dir ();
      path = g_build_filename (template_dir, "template.db", NULL);
      db = anv_schema_open (path, "tester", &error);
      g_assert_no_error (error);
      g_clear_object (&db);
      atexit (remove_template);
    }
  return path;
}

AnvDb *
anv_test_open_db (char **out_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  char *dir = anv_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  gsize length = 0;
  AnvDb *db;

  /* A copy of the one made first, as the owner's own file */
  g_file_get_contents (get_template (), &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (path, contents, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600,
                            &error);
  g_assert_no_error (error);
  db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  *out_dir = dir;
  return db;
}

void
anv_test_close_db (AnvDb **db,
                   char  **dir)
{
  g_clear_object (db);
  anv_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
}

void
anv_test_date (GDate *date,
               guint  year,
               guint  month,
               guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

char *
anv_test_write_file (const char *dir,
                     const char *name,
                     const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
anv_test_approve_krom_provider (AnvDb *db)
{
  static const char *const umea[] = { "2480", "2482", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  GDate today, from;

  anv_test_date (&today, 2020, 4, 6);
  anv_test_date (&from, 2020, 3, 30);
  provider = anv_providers_add (db, "202100-2114", "Rusta Norr AB", "2480", &today, &error);
  g_assert_no_error (error);
  g_assert_true (anv_areas_add (db, "Umeåregionen", ANV_SERVICE_KROM, umea, &error));
  g_assert_no_error (error);
  g_assert_true (anv_providers_approve (db, "202100-2114", "Umeåregionen", &from, NULL, &today,
                                        &error));
  g_assert_no_error (error);
}

GPtrArray *
anv_test_load_personnummer (const char *from,
                            const char *before,
                            gboolean    unique,
                            guint       wanted)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "skatteverket_testpersonnummer.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array) && (wanted == 0 || numbers->len < wanted);
       i++)
    {
      const char *number = json_array_get_string_element (array, i);

      if ((from != NULL && strncmp (number, from, strlen (from)) < 0)
          || (before != NULL && strncmp (number, before, strlen (before)) >= 0)
          || (unique && !g_hash_table_add (seen, (gpointer) number)))
        continue;
      g_ptr_array_add (numbers, g_strdup (number));
    }
  if (wanted > 0)
    g_assert_cmpuint (numbers->len, ==, wanted);
  return numbers;
}

gint64
anv_test_query_int (AnvDb      *db,
                    const char *sql,
                    const char *text,
                    gint64      number)
{
  g_autoptr (GError) error = NULL;
  /* The text is its own key: one key, one text. */
  AnvDbStmt *stmt = anv_db_prepare (db, sql, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  if (text != NULL)
    anv_db_bind_text (stmt, 1, text);
  if (strstr (sql, "?2") != NULL)
    anv_db_bind_int64 (stmt, 2, number);
  g_assert_cmpint (anv_db_step (stmt, &error), ==, ANV_DB_ROW);
  value = anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  return value;
}

gint64
anv_test_raw_query_int (sqlite3    *handle,
                        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
anv_test_read_fd (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, (gsize) n);
  close (fd);
  return g_string_free (text, FALSE);
}

void
anv_test_assert_integrity (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "test/integrity-check", "PRAGMA integrity_check",
                                    &error);

  g_assert_no_error (error);
  g_assert_cmpint (anv_db_step (stmt, &error), ==, ANV_DB_ROW);
  g_assert_cmpstr (anv_db_column_text (stmt, 0), ==, "ok");
  anv_db_reset (stmt);
}

/* Every count of a summary row, for a message; "?" for an unknown split. */
static const char *
format_row (const AnvSummaryRow *r)
{
  static char text[4][512];
  static guint next;
  const guint counts[] = {
    r->decided_women, r->decided_men, r->started, r->started_women, r->started_men,
    r->ended_job, r->ended_job_women, r->ended_job_men, r->ended_studies,
    r->ended_studies_women, r->ended_studies_men, r->ended_interrupted,
    r->ended_interrupted_women, r->ended_interrupted_men, r->active_end, r->active_women,
    r->active_men, r->participating, r->participating_women, r->participating_men,
    r->waiting, r->waiting_women, r->waiting_men, r->overdue_end, r->ended_before_start,
    r->ended_before_start_women, r->ended_before_start_men,
  };
  char *out = text[next++ % G_N_ELEMENTS (text)];

  out[0] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      char one[16];

      if (counts[i] == ANV_SUMMARY_UNKNOWN)
        g_strlcpy (one, "?", sizeof one);
      else
        g_snprintf (one, sizeof one, "%u", counts[i]);
      if (i > 0)
        g_strlcat (out, "/", 512);
      g_strlcat (out, one, 512);
    }
  return out;
}

void
anv_test_assert_summary_matches_recount (AnvDb      *db,
                                         const char *from,
                                         const char *to,
                                         const char *county)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, county };
  g_autoptr (GArray) kept = anv_summary_read (db, &query, &error);
  g_autoptr (GArray) counted = NULL;

  g_assert_no_error (error);
  counted = anv_summary_recompute (db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, counted->len);

  for (guint i = 0; i < kept->len; i++)
    {
      const AnvSummaryRow *a = &g_array_index (kept, AnvSummaryRow, i);
      const AnvSummaryRow *b = &g_array_index (counted, AnvSummaryRow, i);

      if (memcmp (a, b, sizeof *a) != 0)
        g_error ("summary differs at %s %s %s (level %d): kept %s, counted %s",
                 anv_service_code (a->service), a->code, a->month, a->level,
                 format_row (a), format_row (b));
    }
}

void
anv_test_assert_parts_match_recount (AnvDb      *db,
                                     const char *from,
                                     const char *to,
                                     const char *county)
{
  static const AnvSummaryDimension kept[] = {
    ANV_SUMMARY_BY_PROVIDER, ANV_SUMMARY_BY_LEVEL, ANV_SUMMARY_BY_AGE,
  };

  for (guint d = 0; d < G_N_ELEMENTS (kept); d++)
    {
      g_autoptr (GError) error = NULL;
      AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, county, kept[d] };
      g_autoptr (GArray) parts = anv_summary_read_parts (db, &query, &error);
      g_autoptr (GArray) counted = NULL;

      g_assert_no_error (error);
      counted = anv_summary_recompute_parts (db, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (parts->len, ==, counted->len);
      for (guint i = 0; i < parts->len; i++)
        {
          const AnvSummaryPart *a = &g_array_index (parts, AnvSummaryPart, i);
          const AnvSummaryPart *b = &g_array_index (counted, AnvSummaryPart, i);

          g_assert_cmpstr (a->part, ==, b->part);
          if (memcmp (&a->counts, &b->counts, sizeof a->counts) != 0)
            g_error ("breakdown %s differs at part %s, %s %s: kept %s, counted %s",
                     anv_summary_dimension_code (kept[d]), a->part,
                     anv_service_code (a->counts.service), a->counts.month,
                     format_row (&a->counts), format_row (&b->counts));
        }
    }
}

/* Wherever a split is known, its halves add up to its total, and those
 * taking part and those waiting to the active, in every row. With
 * @all_known, no split may be unknown (no retention ran). */
void
anv_test_assert_summary_splits_add_up (AnvDb      *db,
                                       const char *from,
                                       const char *to,
                                       gboolean    all_known)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, NULL };
  g_autoptr (GArray) rows = anv_summary_read (db, &query, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *r = &g_array_index (rows, AnvSummaryRow, i);
      const struct { guint total, women, men; } counts[] = {
        { r->started, r->started_women, r->started_men },
        { r->ended_job, r->ended_job_women, r->ended_job_men },
        { r->ended_studies, r->ended_studies_women, r->ended_studies_men },
        { r->ended_interrupted, r->ended_interrupted_women, r->ended_interrupted_men },
        { r->ended_before_start, r->ended_before_start_women, r->ended_before_start_men },
        { r->active_end, r->active_women, r->active_men },
        { r->participating, r->participating_women, r->participating_men },
        { r->waiting, r->waiting_women, r->waiting_men },
      };

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          gboolean known = counts[c].women != ANV_SUMMARY_UNKNOWN;

          if (all_known || known)
            {
              if (counts[c].women == ANV_SUMMARY_UNKNOWN || counts[c].men == ANV_SUMMARY_UNKNOWN
                  || counts[c].women + counts[c].men != counts[c].total)
                g_error ("split %u does not add up at %s %s %s (level %d): %s", c,
                         anv_service_code (r->service), r->code, r->month, r->level,
                         format_row (r));
            }
          else
            g_assert_cmpuint (counts[c].men, ==, ANV_SUMMARY_UNKNOWN);
        }
      if (r->participating != ANV_SUMMARY_UNKNOWN
          && r->participating + r->waiting != r->active_end)
        g_error ("deltar + väntar is not the active at %s %s %s (level %d): %s",
                 anv_service_code (r->service), r->code, r->month, r->level, format_row (r));
    }
}

gboolean
anv_test_set_immutable (const char *path,
                        gboolean    immutable)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  int flags = 0;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok)
    {
      flags = immutable ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
      ok = ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
  close (fd);
  return ok;
}

/* gettext's count of loaded catalogues: a change makes it look again */
extern int _nl_msg_cat_cntr;

void
anv_test_set_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  ++_nl_msg_cat_cntr;
}

gboolean
anv_test_masked_group (const AnvPublishMask mask,
                       guint                split)
{
  return mask[split][0] || mask[split][1];
}

/* No suppressed split of a line follows from the line above it (county,
 * national) and the splits shown: in each county, none or two or more of
 * its municipalities have the split suppressed, or the county has it
 * suppressed too; the same for the counties and the national line. */
void
anv_test_assert_nothing_follows (AnvDb          *db,
                                 const GArray   *rows,
                                 AnvPublishMask *masks)
{
  for (guint t = 0; t < rows->len; t++)
    {
      const AnvSummaryRow *total = &g_array_index (rows, AnvSummaryRow, t);

      if (total->level == ANV_SUMMARY_MUNICIPALITY)
        continue;
      for (guint s = 0; s < ANV_PUBLISH_N_SPLITS; s++)
        {
          guint n = 0;

          for (guint i = 0; i < rows->len; i++)
            {
              const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

              if (row->service != total->service || strcmp (row->month, total->month) != 0
                  || !anv_test_masked_group (masks[i], s))
                continue;
              if (total->level == ANV_SUMMARY_COUNTY && row->level == ANV_SUMMARY_MUNICIPALITY
                  && strcmp (anv_municipalities_lookup (db, row->code, NULL)->county_code,
                             total->code) == 0)
                n++;
              if (total->level == ANV_SUMMARY_NATIONAL && row->level == ANV_SUMMARY_COUNTY)
                n++;
            }
          if (n == 1 && !anv_test_masked_group (masks[t], s))
            g_error ("%s %s %s: split %u of one line below follows from it",
                     anv_service_code (total->service), total->month, total->code, s);
        }
    }
}
