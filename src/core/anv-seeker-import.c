/* anv-seeker-import.c — registering many job seekers from a CSV file
 *
 * Two passes over the file (one for a pipe, which cannot be read twice).
 * The first checks every row without taking the database's write lock, so that other officers go on working while a
 * file with errors is read and its errors are reported. Only a file with
 * no wrong row is read again and inserted, in one transaction that is
 * committed only if no row was wrong then either (a personnummer already
 * stored, or twice in the file); what that pass finds is reported after
 * the rollback, never while the lock is held. The rows are streamed, so a
 * file of millions of rows needs no more memory than a few batches of
 * them: a second thread reads and checks the rows while this one reports
 * or inserts the checked rows, so the two halves of the work overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-csv-reader.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-import-report.h"
#include "anv-municipalities.h"
#include "anv-seeker-import.h"
#include "anv-seekers-private.h"

#define PROGRESS_EVERY 4096

G_DEFINE_QUARK (anv-import-error-quark, anv_import_error)

enum { COL_PNR, COL_NAME, COL_MUNICIPALITY, COL_POSTAL, COL_PROTECTED, N_COLS };

static const char *const column_names[] = {
  "personnummer|pnr|personal_number|samordningsnummer",
  "name|namn",
  "municipality|municipality_code|kommun|kommunkod",
  "postal_code|postnummer|postnr",
  "protected|protected_identity|skyddad|skyddad_identitet|skyddade_personuppgifter",
  NULL
};

typedef struct
{
  AnvDb           *db;
  AnvCsvReader    *reader;
  AnvImportReport *report;
  const GDate     *today;
  char             registered_on[11];
  int              columns[N_COLS];
  char            *headings[N_COLS];   /* as written in the file, or NULL */
  gint64           last_id_before;
  gboolean         row_bad;
  gboolean         writing;            /* the second pass, in the transaction */
  GArray          *seen;               /* guint64: the first pass's personnummer */
  GArray          *deferred;           /* Problem with line: found while writing */
  guint64          n_deferred_dropped; /* beyond ANV_IMPORT_MAX_LISTED_ERRORS */
  sqlite3_stmt    *insert;             /* the prepared inserts, for the whole file: */
  sqlite3_stmt    *insert_group;       /* of one row, and of ANV_SEEKER_INSERT_GROUP */
} Import;

/* A checked row, ready to insert, or with its problems. */
typedef struct
{
  int   column;
  char *message;
  guint line;                  /* in Import.deferred only */
} Problem;

typedef struct
{
  guint     line;
  char      digits[13];
  char     *name;
  char     *municipality;
  char     *postal;
  gboolean  protected_identity;
  GArray   *problems;          /* Problem, or NULL when the row is good */
} Row;

#define BATCH_ROWS 1024
#define N_BATCHES  4

typedef struct
{
  Row      rows[BATCH_ROWS];
  guint    n_rows;
  guint64  bytes_read;
  gboolean last;
  GError  *error;              /* the file could not be read on (last batch) */
} Batch;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->municipality, g_free);
  g_clear_pointer (&row->postal, g_free);
  if (row->problems != NULL)
    {
      for (guint i = 0; i < row->problems->len; i++)
        g_free (g_array_index (row->problems, Problem, i).message);
      g_clear_pointer (&row->problems, g_array_unref);
    }
}

static void
batch_clear (Batch *batch)
{
  for (guint i = 0; i < batch->n_rows; i++)
    row_clear (&batch->rows[i]);
  batch->n_rows = 0;
  batch->last = FALSE;
  g_clear_error (&batch->error);
}

static void
import_clear (Import *import)
{
  for (guint i = 0; i < N_COLS; i++)
    g_clear_pointer (&import->headings[i], g_free);
  g_clear_pointer (&import->seen, g_array_unref);
  if (import->deferred != NULL)
    {
      for (guint i = 0; i < import->deferred->len; i++)
        g_free (g_array_index (import->deferred, Problem, i).message);
      g_clear_pointer (&import->deferred, g_array_unref);
    }
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static const char *
field (Import       *import,
       AnvCsvReader *reader,
       int           column)
{
  if (import->columns[column] < 0)
    return "";
  return anv_csv_reader_field (reader, (guint) import->columns[column]);
}

static gsize
field_length (Import       *import,
              AnvCsvReader *reader,
              int           column)
{
  if (import->columns[column] < 0)
    return 0;
  return anv_csv_reader_field_length (reader, (guint) import->columns[column]);
}

/* The column's heading as the file has it (AnvRowErrorFunc). */
static const char *
heading (Import *import,
         int     column)
{
  static const char *const english[] = {
    "personnummer", "name", "municipality", "postal_code", "protected"
  };
  return import->headings[column] ? import->headings[column] : english[column];
}

static void
add_problem (Row        *row,
             int         column,
             const char *message)
{
  /* A message may quote a field that is not UTF-8. */
  Problem problem = { column, g_utf8_make_valid (message, -1) };

  if (row->problems == NULL)
    row->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_append_val (row->problems, problem);
}

static void
report (Import     *import,
        guint       line,
        int         column,
        const char *message)
{
  import->row_bad = TRUE;
  if (import->writing)
    {
      /* Kept until the transaction is rolled back, so that no one waits
       * for the write lock while the errors are shown. */
      Problem problem = { column, NULL, line };

      if (import->deferred->len >= ANV_IMPORT_MAX_LISTED_ERRORS)
        {
          import->n_deferred_dropped++;
          return;
        }
      problem.message = g_strdup (message);
      g_array_append_val (import->deferred, problem);
      return;
    }
  anv_import_report_row_error (import->report, line,
                               column >= 0 ? heading (import, column) : NULL, message);
}

/* After the rollback: what the second pass found. */
static void
report_deferred (Import *import)
{
  for (guint i = 0; i < import->deferred->len; i++)
    {
      Problem *problem = &g_array_index (import->deferred, Problem, i);

      anv_import_report_row_error (import->report, problem->line,
                                   problem->column >= 0 ? heading (import, problem->column)
                                                        : NULL,
                                   problem->message);
    }
  import->report->n_errors += import->n_deferred_dropped;
}

static gboolean
parse_protected (const char *text,
                 gboolean   *out)
{
  static const char *const yes[] = { "1", "ja", "j", "yes", "y", "true", "x", NULL };
  static const char *const no[] = { "", "0", "nej", "n", "no", "false", NULL };
  g_autofree char *value = g_ascii_strdown (text, -1);

  g_strstrip (value);
  *out = g_strv_contains (yes, value);
  return *out || g_strv_contains (no, value);
}

static gboolean
has_nul (Import       *import,
         AnvCsvReader *reader,
         int           column)
{
  return strlen (field (import, reader, column)) != field_length (import, reader, column);
}

/* In the reading thread: everything about the row that needs no database
 * (the municipality tables are loaded before the thread starts). */
static void
check_row (Import       *import,
           AnvCsvReader *reader,
           Row          *row)
{
  g_autoptr(GError) error = NULL;
  AnvPersonnummer pnr;

  row->line = anv_csv_reader_line (reader);
  row->digits[0] = '\0';

  if (!anv_csv_reader_check_width (reader, &error))
    add_problem (row, -1, error->message);
  g_clear_error (&error);

  if (has_nul (import, reader, COL_PNR))
    add_problem (row, COL_PNR, _("The personnummer contains a NUL character."));
  else if (!anv_csv_check_not_scientific (field (import, reader, COL_PNR), &error))
    add_problem (row, COL_PNR, error->message);
  else if (!anv_personnummer_parse (field (import, reader, COL_PNR), import->today, &pnr, &error))
    add_problem (row, COL_PNR, error->message);
  else
    memcpy (row->digits, pnr.digits, sizeof row->digits);
  g_clear_error (&error);

  row->name = anv_seeker_clean_name (field (import, reader, COL_NAME),
                                     field_length (import, reader, COL_NAME), &error);
  if (row->name == NULL)
    add_problem (row, COL_NAME, error->message);
  g_clear_error (&error);

  if (has_nul (import, reader, COL_MUNICIPALITY) || has_nul (import, reader, COL_POSTAL))
    add_problem (row, has_nul (import, reader, COL_POSTAL) ? COL_POSTAL : COL_MUNICIPALITY,
                 _("The field contains a NUL character."));
  else
    {
      row->municipality = anv_seeker_resolve_municipality (import->db,
                                                           field (import, reader, COL_MUNICIPALITY),
                                                           field (import, reader, COL_POSTAL),
                                                           &row->postal, &error);
      if (row->municipality == NULL)
        add_problem (row,
                     g_error_matches (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_POSTAL_CODE)
                     || import->columns[COL_MUNICIPALITY] < 0 ? COL_POSTAL : COL_MUNICIPALITY,
                     error->message);
      g_clear_error (&error);
    }

  if (!parse_protected (field (import, reader, COL_PROTECTED), &row->protected_identity))
    add_problem (row, COL_PROTECTED,
                 _("Write ja or nej (or leave it empty for nej) for protected identity."));
}

/* In the calling thread, in file order: reports the row's problems, or
 * inserts it. */
static void
insert_row (Import *import,
            Row    *row)
{
  g_autoptr(GError) error = NULL;

  import->row_bad = FALSE;
  if (row->problems != NULL)
    {
      for (guint i = 0; i < row->problems->len; i++)
        {
          Problem *problem = &g_array_index (row->problems, Problem, i);
          report (import, row->line, problem->column, problem->message);
        }
      return;
    }

  if (!anv_seeker_insert_with (import->db, import->insert, row->digits, row->name,
                               row->municipality, row->postal, row->protected_identity, NULL,
                               &error))
    {
      if (g_error_matches (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE)
          && import->last_id_before >= 0)
        {
          g_autofree char *masked = anv_personnummer_format_masked (row->digits);
          g_autoptr(GError) again = NULL;
          g_autoptr(AnvSeeker) other = anv_seekers_get (import->db, row->digits, import->today,
                                                        &again);

          if (other != NULL && other->id > import->last_id_before)
            {
              g_autofree char *message = g_strdup_printf (
                _("%s appears on an earlier line of this file too. Keep one of the rows."),
                masked);
              report (import, row->line, COL_PNR, message);
              return;
            }
        }
      report (import, row->line, error->domain == ANV_DB_ERROR ? -1 : COL_PNR,
              error->message);
    }
}

/* Inserts rows from the start of @rows (of @n_available) and returns how
 * many it took: a group in one statement where that can be done, and one
 * row at a time up to a row with problems, at the end of the file, and
 * through a group that failed, to learn which row failed and why. */
static guint
insert_group (Import *import,
              Row    *rows,
              guint   n_available)
{
  AnvNewRow group[ANV_SEEKER_INSERT_GROUP];
  guint n = 0;

  if (n_available >= ANV_SEEKER_INSERT_GROUP)
    {
      while (n < ANV_SEEKER_INSERT_GROUP && rows[n].problems == NULL)
        {
          group[n] = (AnvNewRow) { rows[n].digits, rows[n].name, rows[n].municipality,
                                   rows[n].postal, rows[n].protected_identity };
          n++;
        }
      if (n == ANV_SEEKER_INSERT_GROUP && anv_seeker_insert_rows (import->insert_group, group, n))
        return n;
      n = MIN (n + 1, ANV_SEEKER_INSERT_GROUP);
    }
  else
    n = 1;

  for (guint i = 0; i < n; i++)
    {
      insert_row (import, &rows[i]);
      if (import->row_bad)
        import->report->n_bad_rows++;
    }
  return n;
}

/* The reading threads. Checking a row takes most of the time, so in the
 * first pass N_READERS threads each read the whole file (parsing is quick)
 * and check every N_READERSth batch of rows; this thread takes the batches
 * in turn, in file order. The second pass has one reading thread: this one
 * inserts, and a second reader would only compete with it for the
 * processor. So has a pipe, which cannot be opened twice. */

#define N_READERS 2

typedef struct
{
  Import       *import;
  AnvCsvReader *reader;
  guint         index;          /* checks batches index, index + n, … */
  guint         n;              /* of producers */
  GAsyncQueue  *free_batches;
  GAsyncQueue  *full_batches;
  Batch        *batches;        /* N_BATCHES */
  GThread      *thread;
} Producer;

static gpointer
read_rows_thread (gpointer data)
{
  Producer *producer = data;
  AnvCsvReader *reader = producer->reader;
  Batch *batch = g_async_queue_pop (producer->free_batches);
  GError *error = NULL;
  guint64 n_read = 0;

  while (anv_csv_reader_next (reader, &error))
    {
      if ((n_read++ / BATCH_ROWS) % producer->n != producer->index)
        continue;
      check_row (producer->import, reader, &batch->rows[batch->n_rows++]);
      if (batch->n_rows == BATCH_ROWS)
        {
          batch->bytes_read = anv_csv_reader_bytes_read (reader);
          g_async_queue_push (producer->full_batches, batch);
          batch = g_async_queue_pop (producer->free_batches);
        }
    }

  batch->bytes_read = anv_csv_reader_bytes_read (reader);
  batch->last = TRUE;
  batch->error = error;
  g_async_queue_push (producer->full_batches, batch);
  return NULL;
}

/* The first pass: reports the problems of a batch's rows. */
static void
report_rows (Import *import,
             Batch  *batch,
             guint64 total)
{
  for (guint i = 0; i < batch->n_rows; i++)
    {
      Row *row = &batch->rows[i];

      if (row->digits[0] != '\0')
        {
          guint64 number = g_ascii_strtoull (row->digits, NULL, 10);

          g_array_append_val (import->seen, number);
        }
      if (row->problems != NULL)
        {
          import->report->n_bad_rows++;
          for (guint j = 0; j < row->problems->len; j++)
            {
              Problem *problem = &g_array_index (row->problems, Problem, j);
              report (import, row->line, problem->column, problem->message);
            }
        }
      import->report->n_rows++;
      if (import->report->progress != NULL && import->report->n_rows % PROGRESS_EVERY == 0)
        import->report->progress (batch->bytes_read / 2, total, import->report->user_data);
    }
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static AnvCsvReader *open_file (Import      *import,
                                const char  *path,
                                GError     **error);

/* After the first pass: a personnummer on more than one line is reported
 * on every line after the first. The first pass keeps only the numbers
 * (8 bytes a row, the only memory that grows with the file); when one is
 * there twice, which is rare, the file is read once more for the lines. */
static GError *
report_repeated (Import     *import,
                 const char *path)
{
  g_autoptr(GHashTable) repeated = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  g_autoptr(AnvCsvReader) reader = NULL;
  const guint64 *numbers;
  GError *error = NULL;

  g_array_sort (import->seen, compare_numbers);
  numbers = (const guint64 *) (gpointer) import->seen->data;
  for (guint i = 1; i < import->seen->len; i++)
    if (numbers[i] == numbers[i - 1])
      g_hash_table_insert (repeated, g_memdup2 (&numbers[i], sizeof numbers[i]), NULL);
  g_clear_pointer (&import->seen, g_array_unref);
  if (g_hash_table_size (repeated) == 0)
    return NULL;

  reader = open_file (import, path, &error);
  if (reader == NULL)
    return error;
  while (anv_csv_reader_next (reader, &error))
    {
      Row row = { 0 };
      guint64 number;
      gpointer first;

      check_row (import, reader, &row);
      number = g_ascii_strtoull (row.digits, NULL, 10);
      if (row.digits[0] != '\0'
          && g_hash_table_lookup_extended (repeated, &number, NULL, &first))
        {
          if (first == NULL)
            g_hash_table_insert (repeated, g_memdup2 (&number, sizeof number),
                                 GUINT_TO_POINTER (row.line));
          else
            {
              g_autofree char *masked = anv_personnummer_format_masked (row.digits);
              g_autofree char *message = g_strdup_printf (
                /* Translators: %1$s is a masked personnummer, %2$u a line of the file */
                _("%1$s is on line %2$u of this file too. Keep one of the rows."),
                masked, GPOINTER_TO_UINT (first));

              report (import, row.line, COL_PNR, message);
              if (row.problems == NULL)
                import->report->n_bad_rows++;
            }
        }
      row_clear (&row);
    }
  import->reader = NULL;
  return error;
}

/* The second pass: inserts a batch's rows. */
static void
insert_batch (Import  *import,
              Batch   *batch,
              guint64  total)
{
  for (guint i = 0; i < batch->n_rows; )
    {
      guint n = insert_group (import, batch->rows + i, batch->n_rows - i);

      for (guint end = i + n; i < end; i++)
        {
          import->report->n_rows++;
          if (import->report->progress != NULL
              && import->report->n_rows % PROGRESS_EVERY == 0)
            import->report->progress (total / 2 + batch->bytes_read / 2, total,
                                      import->report->user_data);
        }
    }
}

/* Reports (first pass) or inserts (second pass, import->writing) what the
 * reading threads checked, batch by batch, until the last. @reader is
 * open past the header row; the other threads open the file again.
 * Returns the reading error, if the file could not be read to its end. */
static GError *
run_pass (Import        *import,
          AnvCsvReader **reader,
          const char    *path,
          guint64        total)
{
  Producer producers[N_READERS];
  GError *read_error = NULL;
  guint done = 0;
  guint n = g_file_test (path, G_FILE_TEST_IS_REGULAR) && !import->writing ? N_READERS : 1;

  memset (producers, 0, sizeof producers);
  for (guint i = 0; i < n; i++)
    {
      Producer *p = &producers[i];

      p->reader = i == 0 ? g_steal_pointer (reader) : open_file (import, path, &read_error);
      if (p->reader == NULL)
        break;
      p->import = import;
      p->index = i;
      p->n = n;
      p->free_batches = g_async_queue_new ();
      p->full_batches = g_async_queue_new ();
      p->batches = g_new0 (Batch, N_BATCHES);
      for (guint j = 0; j < N_BATCHES; j++)
        g_async_queue_push (p->free_batches, &p->batches[j]);
    }

  if (read_error == NULL)
    {
      for (guint i = 0; i < n; i++)
        producers[i].thread = g_thread_new ("anvisa-import", read_rows_thread, &producers[i]);

      for (guint b = 0; ; b++)
        {
          Producer *p = &producers[b % n];
          Batch *batch = g_async_queue_pop (p->full_batches);
          gboolean last = batch->last;

          if (import->writing)
            insert_batch (import, batch, total);
          else
            report_rows (import, batch, total);
          read_error = g_steal_pointer (&batch->error);
          batch_clear (batch);
          g_async_queue_push (p->free_batches, batch);
          if (last)
            {
              done = b % n;
              break;
            }
        }

      /* The others read to the end too: take their last batch. */
      for (guint i = 0; i < n; i++)
        if (i != done)
          for (gboolean last = FALSE; !last; )
            {
              Batch *batch = g_async_queue_pop (producers[i].full_batches);

              last = batch->last;
              batch_clear (batch);
              g_async_queue_push (producers[i].free_batches, batch);
            }
      for (guint i = 0; i < n; i++)
        g_thread_join (producers[i].thread);
    }

  for (guint i = 0; i < n; i++)
    {
      Producer *p = &producers[i];

      g_clear_pointer (&p->reader, anv_csv_reader_free);
      g_clear_pointer (&p->free_batches, g_async_queue_unref);
      g_clear_pointer (&p->full_batches, g_async_queue_unref);
      g_free (p->batches);
    }
  import->reader = NULL;
  return read_error;
}

static gboolean
read_header (Import  *import,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!anv_csv_reader_next (import->reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_EMPTY,
                             _("The file is empty. It needs a header row (personnummer, "
                               "name, municipality or postal_code) and a row per job "
                               "seeker."));
      return FALSE;
    }

  if (!anv_csv_reader_map_header (import->reader, column_names, import->columns, error))
    return FALSE;
  for (guint i = 0; i < N_COLS; i++)
    if (import->columns[i] >= 0)
      {
        const char *text = anv_csv_reader_field (import->reader, (guint) import->columns[i]);
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        g_free (import->headings[i]);
        import->headings[i] = g_utf8_make_valid (stripped, -1);
      }

  if (import->columns[COL_PNR] < 0 || import->columns[COL_NAME] < 0
      || (import->columns[COL_MUNICIPALITY] < 0 && import->columns[COL_POSTAL] < 0))
    {
      g_set_error_literal (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER,
                           _("The header row must name the columns personnummer and name, "
                             "and municipality or postal_code (or both); protected is "
                             "optional. Swedish headings work too: personnummer, namn, "
                             "kommun, postnummer, skyddad."));
      return FALSE;
    }
  return TRUE;
}

static gint64
last_seeker_id (AnvDb   *db,
                GError **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db, "SELECT coalesce (max (id), 0) FROM seeker",
                                         error);
  gint64 id = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    anv_db_set_error (db, rc, NULL, error);
  sqlite3_reset (stmt);
  return id;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

static gboolean
finish (Import      *import,
        const char  *path,
        GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *details = g_strdup_printf ("%" G_GUINT64_FORMAT " rows from %s",
                                              import->report->n_rows, basename);

  if (!anv_seeker_index_names (import->db, import->last_id_before, error)
      || !anv_audit_append (import->db, "seeker.import", "seeker", NULL, details, error)
      || !anv_db_commit (import->db, error))
    {
      anv_db_rollback (import->db);
      return FALSE;
    }
  import->report->n_stored = import->report->n_rows;
  return TRUE;
}

static gboolean
fail_bad_rows (Import  *import,
               GError **error)
{
  g_set_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u row is wrong, so nothing was imported. "
                            "Correct it and import the file again.",
                            "%u rows are wrong, so nothing was "
                            "imported. Correct them and import the file again.",
                            (gulong) import->report->n_bad_rows),
               (guint) import->report->n_bad_rows);
  return FALSE;
}

/* Opens @path and reads its header row, for either pass. */
static AnvCsvReader *
open_file (Import      *import,
           const char  *path,
           GError     **error)
{
  g_autoptr(AnvCsvReader) reader = anv_csv_reader_new_for_path (path, error);

  if (reader == NULL)
    return NULL;
  import->reader = reader;
  if (!read_header (import, error))
    {
      import->reader = NULL;
      return NULL;
    }
  return g_steal_pointer (&reader);
}

/* The second pass, with the write lock. */
static gboolean
write_rows (Import      *import,
            const char  *path,
            guint64      total,
            GError     **error)
{
  g_autoptr(AnvCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  AnvDb *db = import->db;

  reader = open_file (import, path, error);
  if (reader == NULL)
    return FALSE;

  if (!anv_db_begin (db, error))
    return FALSE;
  import->writing = TRUE;
  import->deferred = g_array_new (FALSE, FALSE, sizeof (Problem));
  import->report->n_rows = 0;
  import->last_id_before = last_seeker_id (db, error);
  if (import->last_id_before < 0)
    {
      anv_db_rollback (db);
      return FALSE;
    }

  import->insert = anv_seeker_insert_statement (db, 1, import->registered_on, error);
  import->insert_group = import->insert == NULL ? NULL
    : anv_seeker_insert_statement (db, ANV_SEEKER_INSERT_GROUP, import->registered_on, error);
  if (import->insert_group == NULL)
    {
      anv_db_rollback (db);
      return FALSE;
    }

  local_error = run_pass (import, &reader, path, total);
  if (import->report->progress != NULL)
    import->report->progress (total, total, import->report->user_data);

  if (local_error != NULL)
    {
      anv_db_rollback (db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (import->report->n_bad_rows > 0)
    {
      anv_db_rollback (db);
      report_deferred (import);
      return fail_bad_rows (import, error);
    }
  return finish (import, path, error);
}

gboolean
anv_seekers_import (AnvDb            *db,
                    const char       *path,
                    const GDate      *today,
                    AnvImportReport  *report,
                    GError          **error)
{
  g_autoptr(AnvCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  AnvImportReport quiet = { 0 };
  g_auto(Import) import = { 0 };
  guint64 total = file_size (path);

  import.db = db;
  import.today = today;
  import.report = report ? report : &quiet;
  import.report->n_rows = import.report->n_bad_rows = import.report->n_stored = 0;
  import.report->n_errors = import.report->n_listed = 0;
  anv_date_format (today, import.registered_on);

  /* The tables the reading thread looks municipalities up in, loaded here
   * where the database may be used. */
  if (!anv_municipalities_load_lookups (db, error))
    return FALSE;

  /* A pipe cannot be read twice: its rows are checked as they are
   * inserted, with the lock held from the start, and what is wrong is
   * reported after the rollback. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_file_test (path, G_FILE_TEST_EXISTS))
    return write_rows (&import, path, total, error);

  /* The first pass: checks, with no lock held. */
  reader = open_file (&import, path, error);
  if (reader == NULL)
    return FALSE;
  import.seen = g_array_new (FALSE, FALSE, sizeof (guint64));
  local_error = run_pass (&import, &reader, path, total);
  if (local_error == NULL)
    local_error = report_repeated (&import, path);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (import.report->n_bad_rows > 0)
    return fail_bad_rows (&import, error);

  return write_rows (&import, path, total, error);
}
