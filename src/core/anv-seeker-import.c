/* anv-seeker-import.c — registering many job seekers from a CSV file
 *
 * One pass over the file, a file or a pipe alike. A second thread reads
 * and checks the rows while this one inserts the checked rows, in one
 * transaction that holds the database's write lock and is committed only
 * if no row was wrong; so a good file is read once. At the first wrong row
 * (a field, or a personnummer already stored or twice in the file) the
 * transaction is rolled back at once, which releases the lock, and the
 * rest of the file is only checked, with no lock held: other officers go
 * on working while it is read and while its errors are reported, which is
 * always after the rollback. The rows are streamed, so a file of millions
 * of rows needs no more memory than a few batches of them and 8 bytes for
 * each personnummer (16 from a pipe), kept to find one that is there twice.
 * The header, the counts, the one "N rows are wrong" error and the commit
 * are the import driver's (anv-csv-import.c), as for the other imports;
 * the loop over the rows is this file's own, for speed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-seeker-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-csv-import.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-import-report.h"
#include "anv-municipalities.h"
#include "anv-seeker-import.h"
#include "anv-seekers-private.h"

#define PROGRESS_EVERY 4096

enum { COL_PNR, COL_NAME, COL_MUNICIPALITY, COL_POSTAL, COL_PROTECTED, N_COLS };

static const char *const column_names[] = {
  "personnummer|pnr|personal_number|samordningsnummer",
  "name|namn",
  "municipality|municipality_code|kommun|kommunkod",
  "postal_code|postnummer|postnr",
  "protected|protected_identity|skyddad|skyddad_identitet|skyddade_personuppgifter",
  NULL
};

static const char *const column_headings[] = {
  "personnummer", "name", "municipality", "postal_code", "protected"
};

static gboolean
check_header (const int  *index,
              GError    **error)
{
  if (index[COL_PNR] < 0 || index[COL_NAME] < 0
      || (index[COL_MUNICIPALITY] < 0 && index[COL_POSTAL] < 0))
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

/* Rows are read by run_pass(), not by the driver's loop. */
static const AnvCsvImportKind kind = {
  .columns = column_names,
  .headings = column_headings,
  .empty_message = N_("The file is empty. It needs a header row (personnummer, name, "
                      "municipality or postal_code) and a row per job seeker."),
  .check_header = check_header,
  .audit_action = "seeker.import",
  .audit_table = "seeker",
};

typedef struct
{
  AnvDb           *db;
  AnvImportReport *report;
  const GDate     *today;
  char             registered_on[11];
  int              columns[N_COLS];
  char            *headings[N_COLS];   /* as written in the file, or NULL */
  gint64           last_id_before;
  gboolean         row_bad;
  gboolean         writing;            /* inserting, in the transaction */
  gboolean         from_pipe;          /* which cannot be read twice */
  GArray          *seen;               /* guint64 (or Seen from a pipe): every
                                        * personnummer read, to find repeats */
  AnvDbStmt       *insert;             /* the prepared inserts, for the whole file: */
  AnvDbStmt       *insert_group;       /* of one row, and of ANV_SEEKER_INSERT_GROUP */
} Import;

/* A checked row, ready to insert, or with its problems. */
typedef struct
{
  int   column;
  char *message;
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
  return import->headings[column] ? import->headings[column] : column_headings[column];
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

/* Never called with the write lock held, so that no one waits for it
 * while the errors are shown. */
static void
report (Import     *import,
        guint       line,
        int         column,
        const char *message)
{
  g_assert (!import->writing);
  import->row_bad = TRUE;
  anv_import_report_row_error (import->report, line,
                               column >= 0 ? heading (import, column) : NULL, message);
}

/* At the first wrong row: nothing of the file will be stored, so the
 * transaction ends here and the lock with it. */
static void
stop_writing (Import *import)
{
  if (!import->writing)
    return;
  anv_db_rollback (import->db);
  import->writing = FALSE;
}

/* A personnummer of the file, when the row has one, for report_repeated(). */
typedef struct
{
  guint64  number;
  guint    line;
  gboolean bad;                /* the row has problems of its own */
} Seen;

static void
remember (Import    *import,
          const Row *row)
{
  guint64 number;

  if (row->digits[0] == '\0')
    return;
  number = g_ascii_strtoull (row->digits, NULL, 10);
  if (import->from_pipe)
    {
      Seen seen = { number, row->line, row->problems != NULL };

      g_array_append_val (import->seen, seen);
    }
  else
    g_array_append_val (import->seen, number);
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
  g_autoptr (GError) error = NULL;
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

/* In the calling thread, in file order, once the transaction has ended:
 * reports the row's problems. */
static void
check_only_row (Import *import,
                Row    *row)
{
  import->row_bad = FALSE;
  if (row->problems == NULL)
    return;
  import->report->n_bad_rows++;
  for (guint i = 0; i < row->problems->len; i++)
    {
      Problem *problem = &g_array_index (row->problems, Problem, i);
      report (import, row->line, problem->column, problem->message);
    }
}

/* In the calling thread, in file order, in the transaction: inserts the
 * row, or ends the transaction and reports why it cannot be. A
 * personnummer on an earlier line of the file too is reported by
 * report_repeated(), with that line, once the whole file is read. */
static void
insert_row (Import *import,
            Row    *row)
{
  g_autoptr (GError) error = NULL;

  import->row_bad = FALSE;
  if (row->problems != NULL)
    {
      stop_writing (import);
      check_only_row (import, row);
      return;
    }

  if (!anv_seeker_insert_with (import->db, import->insert, row->digits, row->name,
                               row->municipality, row->postal, row->protected_identity, NULL,
                               &error))
    {
      if (g_error_matches (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE)
          && import->last_id_before >= 0)
        {
          g_autoptr (GError) again = NULL;
          g_autoptr (AnvSeeker) other = anv_seekers_get (import->db, row->digits, import->today,
                                                        &again);

          if (other != NULL && other->id > import->last_id_before)
            {
              stop_writing (import);
              import->row_bad = TRUE;
              return;
            }
        }
      stop_writing (import);
      import->report->n_bad_rows++;
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
        return i + 1;
    }
  return n;
}

/* The reading thread: reads and checks the rows, a batch at a time, while
 * this one inserts (or, after the first wrong row, reports) the batch
 * before. One reader, for a file as for a pipe: a second would only compete
 * with the inserting thread for the processor. */

typedef struct
{
  Import       *import;
  AnvCsvReader *reader;
  GAsyncQueue  *free_batches;
  GAsyncQueue  *full_batches;
} Producer;

static gpointer
read_rows_thread (gpointer data)
{
  Producer *producer = data;
  AnvCsvReader *reader = producer->reader;
  Batch *batch = g_async_queue_pop (producer->free_batches);
  GError *error = NULL;

  while (anv_csv_reader_next (reader, &error))
    {
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

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static int
compare_seen (gconstpointer a,
              gconstpointer b)
{
  const Seen *x = a, *y = b;

  if (x->number != y->number)
    return x->number < y->number ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static AnvCsvReader *open_file (Import      *import,
                                const char  *path,
                                GError     **error);

static void
report_repeat (Import     *import,
               guint64     number,
               guint       line,
               guint       first_line,
               gboolean    bad)
{
  char digits[13];
  g_autofree char *masked = NULL;
  g_autofree char *message = NULL;

  g_snprintf (digits, sizeof digits, "%012" G_GUINT64_FORMAT, number);
  masked = anv_personnummer_format_masked (digits);
  message = g_strdup_printf (
    /* Translators: %1$s is a masked personnummer, %2$u a line of the file */
    _("%1$s is on line %2$u of this file too. Keep one of the rows."),
    masked, first_line);
  report (import, line, COL_PNR, message);
  if (!bad)
    import->report->n_bad_rows++;
}

/* From a pipe, every personnummer was kept with its line: the repeats are
 * found by sorting, and reported in the order of their lines. */
typedef struct
{
  guint    line;
  guint    first_line;
  guint64  number;
  gboolean bad;
} Repeat;

static int
compare_repeats (gconstpointer a,
                 gconstpointer b)
{
  const Repeat *x = a, *y = b;

  return x->line < y->line ? -1 : x->line > y->line;
}

static void
report_repeated_from_pipe (Import *import)
{
  g_autoptr (GArray) repeats = g_array_new (FALSE, FALSE, sizeof (Repeat));
  const Seen *seen;

  g_array_sort (import->seen, compare_seen);
  seen = (const Seen *) (gconstpointer) import->seen->data;
  for (guint i = 1, first = 0; i < import->seen->len; i++)
    {
      Repeat repeat = { seen[i].line, seen[first].line, seen[i].number, seen[i].bad };

      if (seen[i].number != seen[first].number)
        first = i;
      else
        g_array_append_val (repeats, repeat);
    }
  g_clear_pointer (&import->seen, g_array_unref);

  g_array_sort (repeats, compare_repeats);
  for (guint i = 0; i < repeats->len; i++)
    {
      const Repeat *repeat = &g_array_index (repeats, Repeat, i);

      report_repeat (import, repeat->number, repeat->line, repeat->first_line, repeat->bad);
    }
}

/* After the whole file is read, when a row was wrong: a personnummer on
 * more than one line is reported on every line after the first. Only the
 * numbers of a file are kept (8 bytes a row, the only memory that grows
 * with the file); when one is there twice, which is rare, the file is read
 * once more for the lines. */
static GError *
report_repeated (Import     *import,
                 const char *path)
{
  g_autoptr (GHashTable) repeated = NULL;
  g_autoptr (AnvCsvReader) reader = NULL;
  const guint64 *numbers;
  GError *error = NULL;

  if (import->from_pipe)
    {
      report_repeated_from_pipe (import);
      return NULL;
    }

  repeated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_array_sort (import->seen, compare_numbers);
  numbers = (const guint64 *) (gconstpointer) import->seen->data;
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
            report_repeat (import, number, row.line, GPOINTER_TO_UINT (first),
                           row.problems != NULL);
        }
      row_clear (&row);
    }
  return error;
}

/* Inserts a batch's rows, while the transaction lasts, and reports the
 * problems of the rows after it has ended. */
static void
take_batch (Import  *import,
            Batch   *batch,
            guint64  total)
{
  for (guint i = 0; i < batch->n_rows; )
    {
      guint n = 1;

      if (import->writing)
        n = insert_group (import, batch->rows + i, batch->n_rows - i);
      else
        check_only_row (import, &batch->rows[i]);

      for (guint end = i + n; i < end; i++)
        {
          remember (import, &batch->rows[i]);
          import->report->n_rows++;
          if (import->report->progress != NULL
              && import->report->n_rows % PROGRESS_EVERY == 0)
            import->report->progress (batch->bytes_read, total, import->report->user_data);
        }
    }
}

/* Inserts or reports what the reading thread checked, batch by batch,
 * until the last. @reader is open past the header row. Returns the reading
 * error, if the file could not be read to its end. */
static GError *
run_pass (Import        *import,
          AnvCsvReader **reader,
          guint64        total)
{
  g_autofree Batch *batches = g_new0 (Batch, N_BATCHES);
  Producer producer = { import, g_steal_pointer (reader), g_async_queue_new (),
                        g_async_queue_new () };
  GError *read_error = NULL;
  GThread *thread;

  for (guint j = 0; j < N_BATCHES; j++)
    g_async_queue_push (producer.free_batches, &batches[j]);
  thread = g_thread_new ("anvisa-import", read_rows_thread, &producer);

  for (gboolean last = FALSE; !last; )
    {
      Batch *batch = g_async_queue_pop (producer.full_batches);

      last = batch->last;
      take_batch (import, batch, total);
      read_error = g_steal_pointer (&batch->error);
      batch_clear (batch);
      g_async_queue_push (producer.free_batches, batch);
    }
  g_thread_join (thread);

  anv_csv_reader_free (producer.reader);
  g_async_queue_unref (producer.free_batches);
  g_async_queue_unref (producer.full_batches);
  return read_error;
}

static gint64
last_seeker_id (AnvDb   *db,
                GError **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "seeker-import/last-id",
                                    "SELECT coalesce (max (id), 0) FROM seeker", error);
  AnvDbStep step;
  gint64 id;

  if (stmt == NULL)
    return -1;
  step = anv_db_step (stmt, error);
  if (step == ANV_DB_FAILED)
    return -1;
  /* An aggregate gives one row, always. */
  id = step == ANV_DB_ROW ? anv_db_column_int64 (stmt, 0) : 0;
  if (step == ANV_DB_ROW)
    anv_db_reset (stmt);
  return id;
}

static gboolean
finish (Import      *import,
        const char  *path,
        GError     **error)
{
  if (!anv_seeker_index_names (import->db, import->last_id_before, error))
    {
      anv_db_rollback (import->db);
      return FALSE;
    }
  return anv_csv_import_commit (import->db, path, &kind, import->report, error);
}

/* Opens @path and reads its header row, for either pass. */
static AnvCsvReader *
open_file (Import      *import,
           const char  *path,
           GError     **error)
{
  g_autoptr (AnvCsvReader) reader = anv_csv_reader_new_for_path (path, error);

  if (reader == NULL
      || !anv_csv_import_read_header (reader, &kind, import->columns, import->headings, error))
    return NULL;
  return g_steal_pointer (&reader);
}

gboolean
anv_seekers_import (AnvDb            *db,
                    const char       *path,
                    const GDate      *today,
                    AnvImportReport  *report,
                    GError          **error)
{
  g_autoptr (AnvCsvReader) reader = NULL;
  g_autoptr (GError) local_error = NULL;
  AnvImportReport quiet = { 0 };
  g_auto (Import) import = { 0 };
  guint64 total = anv_csv_import_file_size (path);

  import.db = db;
  import.today = today;
  import.report = report ? report : &quiet;
  anv_csv_import_report_start (import.report);
  anv_date_format (today, import.registered_on);

  /* The tables the reading thread looks municipalities up in, loaded here
   * where the database may be used. */
  if (!anv_municipalities_load_lookups (db, error))
    return FALSE;

  /* A pipe cannot be read again to find the lines of a repeated
   * personnummer: they are kept with the numbers. */
  import.from_pipe = !anv_csv_import_can_reread (path);
  reader = open_file (&import, path, error);
  if (reader == NULL)
    return FALSE;
  import.seen = g_array_new (FALSE, FALSE, import.from_pipe ? sizeof (Seen) : sizeof (guint64));

  if (!anv_db_begin (db, error))
    return FALSE;
  import.writing = TRUE;
  import.last_id_before = last_seeker_id (db, error);
  import.insert = import.last_id_before < 0 ? NULL
    : anv_seeker_insert_statement (db, 1, import.registered_on, error);
  import.insert_group = import.insert == NULL ? NULL
    : anv_seeker_insert_statement (db, ANV_SEEKER_INSERT_GROUP, import.registered_on, error);
  if (import.insert_group == NULL)
    {
      stop_writing (&import);
      return FALSE;
    }

  local_error = run_pass (&import, &reader, total);
  if (local_error == NULL && !import.writing)
    {
      /* A row was wrong, and the transaction ended there: the rest of the
       * file was checked with no lock held, and so is this. */
      local_error = report_repeated (&import, path);
    }
  if (local_error != NULL)
    {
      stop_writing (&import);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (import.report->progress != NULL)
    import.report->progress (total, total, import.report->user_data);
  if (!import.writing)
    return anv_csv_import_fail_bad_rows (import.report, error);

  g_clear_pointer (&import.seen, g_array_unref);
  return finish (&import, path, error);
}
