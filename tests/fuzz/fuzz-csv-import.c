/* fuzz-csv-import.c — libFuzzer harness: CSV files through the real imports
 *
 * Input: one byte choosing the import ('s' job seekers, 'p' providers, 'a'
 * availability periods; any other byte one of them), then the file. The
 * bytes go first through the CSV reader alone, its header row mapped to
 * that import's columns, then through the import into a database made
 * once; an import that stores anything is undone by going back to a copy
 * of the empty database, so that every input meets the same database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-fuzz"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "anv-availability.h"
#include "anv-csv-reader.h"
#include "anv-db.h"
#include "anv-provider-import.h"
#include "anv-providers.h"
#include "anv-schema.h"
#include "anv-seeker-import.h"
#include "fuzz-common.h"

typedef enum { IMPORT_SEEKERS, IMPORT_PROVIDERS, IMPORT_AVAILABILITY, N_IMPORTS } ImportKind;

static char *dir;
static char *db_path;
static char *csv_path;
static char *pristine;      /* the empty database's bytes */
static gsize pristine_len;
static AnvDb *db;

static const char *const seeker_columns[] = {
  "personnummer|pnr", "name|namn", "municipality|kommun", "postal_code|postnummer", NULL
};
static const char *const provider_columns[] = {
  "orgnr|organisationsnummer", "name|namn", "municipality|kommun", NULL
};
static const char *const availability_columns[] = {
  "service|tjänst", "municipality|kommun", "valid_from|från", "valid_to|till", NULL
};

static void
open_db (void)
{
  g_autoptr (GError) error = NULL;

  db = anv_schema_open (db_path, "fuzzer", &error);
  g_assert_no_error (error);
}

static void
reset_db (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_clear_object (&db);
  g_unlink (wal);
  g_unlink (shm);
  g_file_set_contents_full (db_path, pristine, (gssize) pristine_len,
                            G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  open_db ();
}

static void
remove_files_atexit (void)
{
  g_autoptr (GDir) listing = NULL;
  const char *name;

  g_clear_object (&db);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr (GError) error = NULL;

  fuzz_make_warnings_fatal ();
  g_setenv ("LANGUAGE", "", TRUE);
  dir = g_dir_make_tmp ("anvisa-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "anvisa.db", NULL);
  csv_path = g_build_filename (dir, "input.csv", NULL);

  /* Made once, closed so that its file is complete, and kept as bytes. */
  open_db ();
  g_clear_object (&db);
  g_file_get_contents (db_path, &pristine, &pristine_len, &error);
  g_assert_no_error (error);
  open_db ();
  atexit (remove_files_atexit);
  return 0;
}

static void
row_error_cb (guint       line,
              const char *column,
              const char *message,
              gpointer    user_data)
{
  guint *n_errors = user_data;

  g_assert_cmpuint (line, >=, 2);
  g_assert_true (column == NULL || g_utf8_validate (column, -1, NULL));
  g_assert_true (fuzz_is_message (message));
  (*n_errors)++;
}

/* Whether a field is plainly text in Windows-1252 ("ANSI"): ASCII letters
 * and spaces, and at least one byte of À–ÿ (all letters there, bar × and
 * ÷), which cannot be UTF-8. */
static gboolean
windows_1252_letters (const char *text,
                      gsize       length)
{
  gboolean high = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      guchar byte = (guchar) text[i];

      if (byte >= 0xc0 && byte != 0xd7 && byte != 0xf7)
        high = TRUE;
      else if (!g_ascii_isalpha (byte) && byte != ' ')
        return FALSE;
    }
  return high;
}

/* The reader alone, from memory: every field is as long as it says. */
static void
read_all (const uint8_t     *data,
          size_t             size,
          const char *const *names)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) size,
                                                                        NULL);
  g_autoptr (AnvCsvReader) reader = anv_csv_reader_new (stream);
  g_autoptr (GError) error = NULL;
  guint last_line = 0;
  gboolean header = TRUE;
  gboolean mapped = FALSE;
  gboolean utf8_seen = FALSE;   /* a field so far holds a letter in UTF-8 */

  while (anv_csv_reader_next (reader, &error))
    {
      guint n = anv_csv_reader_n_fields (reader);

      g_assert_cmpuint (anv_csv_reader_line (reader), >=, MAX (last_line, 1));
      last_line = anv_csv_reader_line (reader);
      for (guint i = 0; i <= n; i++)
        {
          const char *text = anv_csv_reader_field (reader, i);

          g_assert_nonnull (text);
          g_assert_cmpuint (strlen (text), <=, anv_csv_reader_field_length (reader, i));
          for (const char *p = text; *p != '\0' && !utf8_seen; p++)
            if ((guchar) *p >= 0x80
                && g_utf8_validate (text, (gssize) anv_csv_reader_field_length (reader, i),
                                    NULL))
              utf8_seen = TRUE;
        }
      /* A file saved as Windows-1252 is refused at its first such row
       * after the header, as a whole: no such row comes back. */
      for (guint i = 0; i < n && mapped && !utf8_seen; i++)
        g_assert_false (windows_1252_letters (anv_csv_reader_field (reader, i),
                                              anv_csv_reader_field_length (reader, i)));
      if (header)
        {
          int columns[4];
          g_autoptr (GError) header_error = NULL;

          if (!anv_csv_reader_map_header (reader, names, columns, &header_error))
            g_assert_true (fuzz_is_message (header_error->message));
          else
            mapped = TRUE;
          header = FALSE;
        }
    }
  if (error != NULL)
    {
      g_assert_true (error->domain == ANV_CSV_ERROR);
      g_assert_true (fuzz_is_message (error->message));
    }
  /* A file in another format, or with a record past the limit, is
   * refused without being read to its end. */
  if (g_error_matches (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT)
      || g_error_matches (error, ANV_CSV_ERROR, ANV_CSV_ERROR_TOO_LONG))
    g_assert_cmpuint (anv_csv_reader_bytes_read (reader), <=,
                      MIN (size, ANV_CSV_MAX_RECORD_BYTES + 128 * 1024));
  else
    g_assert_cmpuint (anv_csv_reader_bytes_read (reader), ==, size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  guint n_errors = 0;
  AnvImportReport report = { row_error_cb, NULL, &n_errors, 0, 0, 0 };
  ImportKind kind;
  GDate today;
  gboolean ok = FALSE;

  if (size < 1)
    return 0;
  /* The seeds begin with the import's letter: s, p or a */
  switch (data[0])
    {
    case 's':
      kind = IMPORT_SEEKERS;
      break;
    case 'p':
      kind = IMPORT_PROVIDERS;
      break;
    case 'a':
      kind = IMPORT_AVAILABILITY;
      break;
    default:
      kind = (ImportKind) (data[0] % N_IMPORTS);
      break;
    }
  data++;
  size--;

  read_all (data, size, kind == IMPORT_PROVIDERS ? provider_columns
                        : kind == IMPORT_AVAILABILITY ? availability_columns : seeker_columns);

  g_file_set_contents (csv_path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2024);

  switch (kind)
    {
    case IMPORT_SEEKERS:
      ok = anv_seekers_import (db, csv_path, &today, &report, &error);
      break;
    case IMPORT_PROVIDERS:
      ok = anv_providers_import (db, csv_path, &today, &report, &error);
      break;
    case IMPORT_AVAILABILITY:
      ok = anv_availability_import (db, csv_path, &report, &error);
      break;
    case N_IMPORTS:
    default:
      g_assert_not_reached ();
    }

  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (n_errors, ==, 0);
      g_assert_cmpuint (report.n_bad_rows, ==, 0);
      g_assert_cmpuint (report.n_stored, ==, report.n_rows);
      reset_db ();
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (fuzz_is_message (error->message));
      g_assert_cmpuint (report.n_stored, ==, 0);
      /* Every bad row has at least one message. */
      g_assert_cmpuint (n_errors, >=, report.n_bad_rows);
    }
  return 0;
}
