/* test-export.c — tests for the CSV writer and the exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is written is read back with a small RFC 4180 parser of this file's
 * own, so that the writer is never checked against itself. Every
 * personnummer is one of Skatteverket's published test numbers
 * (data/skatteverket_testpersonnummer.json).
 */
#define G_LOG_DOMAIN "anvisa-test-export"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "anv-approvals.h"
#include "anv-audit.h"
#include "anv-backup.h"
#include "anv-csv-writer.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-export.h"
#include "anv-i18n.h"
#include "anv-output.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-test-util.h"

#define BOM "\xEF\xBB\xBF"

static const AnvCsvProfile profiles[] = { ANV_CSV_PROFILE_EXCEL_SV, ANV_CSV_PROFILE_RFC4180 };

/* An independent RFC 4180 reader */

typedef struct
{
  char     *text;
  gboolean  quoted;
} Field;

static void
field_free (Field *field)
{
  g_free (field->text);
  g_free (field);
}

/* Parses @data strictly: every record ends with CRLF, a CR or LF outside
 * quotes is an error, a quote in an unquoted field is an error. Returns a
 * GPtrArray of records, each a GPtrArray of Field. */
static GPtrArray *
parse_csv (const char *data,
           gsize       length,
           char        separator)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gsize pos = 0;

  while (pos < length)
    {
      GPtrArray *record = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

      g_ptr_array_add (records, record);
      for (;;)
        {
          Field *field = g_new0 (Field, 1);
          GString *text = g_string_new (NULL);

          if (data[pos] == '"')
            {
              field->quoted = TRUE;
              pos++;
              for (;;)
                {
                  if (pos >= length)
                    g_error ("a quoted field is never closed");
                  if (data[pos] == '"' && pos + 1 < length && data[pos + 1] == '"')
                    {
                      g_string_append_c (text, '"');
                      pos += 2;
                    }
                  else if (data[pos] == '"')
                    {
                      pos++;
                      break;
                    }
                  else
                    g_string_append_c (text, data[pos++]);
                }
            }
          else
            {
              while (pos < length && data[pos] != separator && data[pos] != '\r'
                     && data[pos] != '\n')
                {
                  if (data[pos] == '"')
                    g_error ("a quote inside an unquoted field at byte %" G_GSIZE_FORMAT, pos);
                  g_string_append_c (text, data[pos++]);
                }
            }
          field->text = g_string_free (text, FALSE);
          g_ptr_array_add (record, field);

          if (pos >= length)
            g_error ("the last record does not end with CRLF");
          if (data[pos] == separator)
            {
              pos++;
              continue;
            }
          if (data[pos] == '\r' && pos + 1 < length && data[pos + 1] == '\n')
            {
              pos += 2;
              break;
            }
          g_error ("byte %" G_GSIZE_FORMAT " (0x%02x) where a separator or CRLF belongs",
                   pos, (guchar) data[pos]);
        }
    }
  return records;
}

static char
separator_of (AnvCsvProfile profile)
{
  return profile == ANV_CSV_PROFILE_EXCEL_SV ? ';' : ',';
}

/* Checks the byte order mark of the profile and parses the rest. */
static GPtrArray *
parse_profile (const char    *data,
               gsize          length,
               AnvCsvProfile  profile)
{
  gboolean has_bom = length >= 3 && memcmp (data, BOM, 3) == 0;

  if (profile == ANV_CSV_PROFILE_EXCEL_SV)
    {
      g_assert_true (has_bom);
      data += 3;
      length -= 3;
    }
  else
    g_assert_false (has_bom);
  g_assert_true (g_utf8_validate (data, (gssize) length, NULL));
  return parse_csv (data, length, separator_of (profile));
}

static GPtrArray *
read_export (const char    *path,
             AnvCsvProfile  profile)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return parse_profile (data, length, profile);
}

static const Field *
cell (GPtrArray *records,
      guint      row,
      guint      column)
{
  GPtrArray *record;

  g_assert_cmpuint (row, <, records->len);
  record = g_ptr_array_index (records, row);
  g_assert_cmpuint (column, <, record->len);
  return g_ptr_array_index (record, column);
}

static const char *
cell_text (GPtrArray *records,
           guint      row,
           guint      column)
{
  return cell (records, row, column)->text;
}

/* The parser itself, on hand-written input. */
static void
test_parser (void)
{
  const char input[] = "a;\"b;\"\"c\"\"\r\nd\";;\"\"\r\n1;2;3;4\r\n";
  g_autoptr (GPtrArray) records = parse_csv (input, sizeof input - 1, ';');

  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, 0))->len, ==, 4);
  g_assert_cmpstr (cell_text (records, 0, 0), ==, "a");
  g_assert_cmpstr (cell_text (records, 0, 1), ==, "b;\"c\"\r\nd");
  g_assert_true (cell (records, 0, 1)->quoted);
  g_assert_cmpstr (cell_text (records, 0, 2), ==, "");
  g_assert_false (cell (records, 0, 2)->quoted);
  g_assert_cmpstr (cell_text (records, 0, 3), ==, "");
  g_assert_true (cell (records, 0, 3)->quoted);
  g_assert_cmpstr (cell_text (records, 1, 3), ==, "4");
}

/* The writer */

typedef struct
{
  const char *value;
  const char *expected;   /* NULL: the value itself */
} TextCase;

static const TextCase text_cases[] = {
  { "plain", NULL },
  { "", NULL },
  { "with \"quotes\" inside", NULL },
  { "\"", NULL },
  { "semi;colon", NULL },
  { "com,ma", NULL },
  { "cr\rinside", NULL },
  { "lf\ninside", NULL },
  { "crlf\r\ninside", NULL },
  { "ends with crlf\r\n", NULL },
  { "Åsa Öberg-Ängström, Malmö; \"Lillan\"", NULL },
  { "=1+2", "'=1+2" },
  { "=HYPERLINK(\"http://example.invalid\";\"klicka\")",
    "'=HYPERLINK(\"http://example.invalid\";\"klicka\")" },
  { "+46 90 123", "'+46 90 123" },
  { "-5", "'-5" },
  { "@SUM(A1:A2)", "'@SUM(A1:A2)" },
  { "\tTab first", "'\tTab first" },
  { "\rCR first", "'\rCR first" },
  { "\nLF first", "'\nLF first" },
  { "=a;b", "'=a;b" },
  { "-\"x\"", "'-\"x\"" },
  { "a=b", NULL },
  { "'quoted already", NULL },
  { " space first", NULL },
};

static void
write_all_cases (AnvCsvWriter *writer)
{
  g_autoptr (GError) error = NULL;

  /* A heading row, then one row per text case with numbers around it. */
  anv_csv_writer_add_text (writer, "Text");
  anv_csv_writer_add_text (writer, "Number");
  anv_csv_writer_add_text (writer, "Decimal");
  anv_csv_writer_add_text (writer, "Date");
  anv_csv_writer_add_text (writer, "Negative");
  anv_csv_writer_end_row (writer, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      anv_csv_writer_add_text (writer, text_cases[i].value);
      anv_csv_writer_add_number (writer, 1234567 + i);
      anv_csv_writer_add_decimal (writer, 1234.5 + i, 2);
      anv_csv_writer_add_date (writer, "2020-04-30");
      anv_csv_writer_add_number (writer, -42);
      anv_csv_writer_end_row (writer, &error);
      g_assert_no_error (error);
    }
  anv_csv_writer_flush (writer, &error);
  g_assert_no_error (error);
}

static void
check_all_cases (GPtrArray     *records,
                 AnvCsvProfile  profile)
{
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (text_cases) + 1);
  g_assert_cmpstr (cell_text (records, 0, 0), ==, "Text");
  g_assert_cmpstr (cell_text (records, 0, 4), ==, "Negative");

  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      const TextCase *c = &text_cases[i];
      const char *expected = c->expected ? c->expected : c->value;
      g_autofree char *number = g_strdup_printf ("%u", 1234567 + i);
      g_autofree char *decimal = g_strdup_printf ("%u%c50", 1234 + i,
                                                  profile == ANV_CSV_PROFILE_EXCEL_SV ? ','
                                                                                      : '.');
      const Field *decimal_cell;

      g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, i + 1))->len, ==, 5);
      g_assert_cmpstr (cell_text (records, i + 1, 0), ==, expected);
      g_assert_cmpstr (cell_text (records, i + 1, 1), ==, number);
      g_assert_false (cell (records, i + 1, 1)->quoted);

      decimal_cell = cell (records, i + 1, 2);
      g_assert_cmpstr (decimal_cell->text, ==, decimal);
      /* A decimal comma needs no quotes where the separator is ';'. */
      g_assert_false (decimal_cell->quoted && profile == ANV_CSV_PROFILE_EXCEL_SV);

      g_assert_cmpstr (cell_text (records, i + 1, 3), ==, "2020-04-30");
      g_assert_false (cell (records, i + 1, 3)->quoted);
      g_assert_cmpstr (cell_text (records, i + 1, 4), ==, "-42");
      g_assert_false (cell (records, i + 1, 4)->quoted);
    }
}

static void
test_writer_stream (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    {
      g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
      g_autoptr (AnvCsvWriter) writer = anv_csv_writer_new_for_stream (stream, profiles[p]);
      g_autoptr (GPtrArray) records = NULL;
      const char *data;
      gsize length;

      g_assert_cmpint (anv_csv_writer_get_separator (writer), ==, separator_of (profiles[p]));
      write_all_cases (writer);
      g_assert_cmpuint (anv_csv_writer_get_n_rows (writer), ==, G_N_ELEMENTS (text_cases) + 1);

      data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
      records = parse_profile (data, length, profiles[p]);
      check_all_cases (records, profiles[p]);
    }
}

static void
test_writer_file (void)
{
  g_autofree char *dir = anv_test_make_dir ();

  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    {
      g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
      g_autoptr (AnvCsvWriter) writer = NULL;
      g_autoptr (GPtrArray) records = NULL;
      FILE *file = g_fopen (path, "wb");

      g_assert_nonnull (file);
      writer = anv_csv_writer_new_for_file (file, profiles[p]);
      write_all_cases (writer);
      g_assert_cmpint (fclose (file), ==, 0);

      records = read_export (path, profiles[p]);
      check_all_cases (records, profiles[p]);
    }
  anv_test_remove_dir (dir);
}

/* Many rows: the buffer is written out in blocks, and nothing is lost or
 * doubled between them. */
static void
test_writer_many_rows (void)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (AnvCsvWriter) writer = anv_csv_writer_new_for_stream (stream,
                                                                  ANV_CSV_PROFILE_RFC4180);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    {
      anv_csv_writer_add_number (writer, i);
      anv_csv_writer_add_text (writer, "Ängel, \"Åke\"");
      anv_csv_writer_end_row (writer, &error);
      g_assert_no_error (error);
    }
  anv_csv_writer_flush (writer, &error);
  g_assert_no_error (error);

  records = parse_profile (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                           g_memory_output_stream_get_data_size (
                             G_MEMORY_OUTPUT_STREAM (stream)),
                           ANV_CSV_PROFILE_RFC4180);
  g_assert_cmpuint (records->len, ==, n);
  for (guint i = 0; i < n; i += 997)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);

      g_assert_cmpstr (cell_text (records, i, 0), ==, number);
      g_assert_cmpstr (cell_text (records, i, 1), ==, "Ängel, \"Åke\"");
    }
}

/* Numbers never get the locale's separators, whatever the locale. */
static void
test_writer_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (AnvCsvWriter) writer = anv_csv_writer_new_for_stream (stream,
                                                                  ANV_CSV_PROFILE_RFC4180);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL && setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_test_message ("no locale with a decimal comma installed; checked in C only");

  anv_csv_writer_add_number (writer, 1234567);
  anv_csv_writer_add_decimal (writer, 1234567.25, 2);
  anv_csv_writer_add_decimal (writer, 0.5, 0);
  anv_csv_writer_add_decimal (writer, NAN, 2);
  anv_csv_writer_end_row (writer, &error);
  g_assert_no_error (error);
  anv_csv_writer_flush (writer, &error);
  g_assert_no_error (error);
  setlocale (LC_ALL, saved);

  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  /* printf rounds 0.5 to even: 0. */
  g_assert_cmpstr (text, ==, "1234567,1234567.25,0,\r\n");
}

/* Exports: helpers */

static void
set_today (GDate *today)
{
  anv_test_date (today, 2026, 11, 22);
}

typedef struct
{
  guint       number;          /* index into the test numbers */
  const char *name;
  const char *municipality;
  gboolean    protected_identity;
} SeekerCase;

static const SeekerCase seeker_cases[] = {
  { 0, "Åsa Öberg-Ängström", "2480", FALSE },
  { 1, "=HYPERLINK(\"http://example.invalid\";\"Klicka här\")", "0180", FALSE },
  { 2, "Hemlig Person", "0180", TRUE },
  { 3, "Bo \"Bosse\" Ek; Jr, d.y.", "1280", FALSE },
  { 4, "-Anna", "0180", FALSE },
  { 5, "+Per", "0180", FALSE },
  { 6, "@Cia", "0180", FALSE },
  { 7, "Skyddad Två", "2480", TRUE },
};

/* The test numbers of the seekers, as added. */
static GPtrArray *
add_seekers (AnvDb *db)
{
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer (NULL, NULL, FALSE, 0);
  GPtrArray *digits = g_ptr_array_new_with_free_func (g_free);
  GDate today;

  set_today (&today);
  for (guint i = 0; i < G_N_ELEMENTS (seeker_cases); i++)
    {
      const SeekerCase *c = &seeker_cases[i];
      AnvSeekerInput input = { g_ptr_array_index (numbers, c->number), c->name,
                               c->municipality, NULL, c->protected_identity };
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvSeeker) seeker = anv_seekers_add (db, &input, &today, &error);

      g_assert_no_error (error);
      g_ptr_array_add (digits, g_strdup (seeker->personnummer));
    }
  return digits;
}

static guint
n_entries (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* No temporary file of an export is left in @dir. */
static void
assert_no_temp_files (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] == '.' && (strstr (name, ".csv.") != NULL
                           || g_str_has_prefix (name, ".anvisa-export-")))
      g_error ("a temporary file was left: %s", name);
}

static void
assert_private_file (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static AnvAuditEntry *
last_audit (AnvDb      *db,
            const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = anv_audit_list (db, NULL, NULL, NULL, 1000, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      AnvAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0)
        return g_ptr_array_steal_index (entries, i);
    }
  return NULL;
}

static guint
count_audit (AnvDb      *db,
             const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = anv_audit_list (db, NULL, NULL, NULL, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_has_prefix (((AnvAuditEntry *) g_ptr_array_index (entries, i))->action, prefix))
      n++;
  return n;
}

static void
export_ok (AnvDb                  *db,
           const AnvExportOptions *options,
           const char             *path,
           AnvExportCounts        *counts)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (anv_export_write_counted (db, options, path, counts, &error));
  g_assert_no_error (error);
}

/* A code cell: the formula that keeps its leading zeros in a spreadsheet */
static void
assert_code (GPtrArray  *records,
             guint       row,
             guint       column,
             const char *code)
{
  g_autofree char *expected = g_strdup_printf ("=\"%s\"", code);

  g_assert_cmpstr (cell_text (records, row, column), ==, expected);
  g_assert_true (cell (records, row, column)->quoted);
}

/* Exports: job seekers */

static void
test_seekers (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    for (int full = 0; full <= 1; full++)
      {
        g_autofree char *dir = NULL;
        g_autoptr (AnvDb) db = anv_test_open_db (&dir);
        g_autoptr (GPtrArray) digits = add_seekers (db);
        g_autofree char *path = g_build_filename (dir, "arbetssökande.csv", NULL);
        g_autoptr (GPtrArray) records = NULL;
        g_autoptr (GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);
        g_autoptr (AnvAuditEntry) entry = NULL;
        AnvExportOptions options = { ANV_EXPORT_SEEKERS, profiles[p], full, NULL };
        AnvExportCounts counts = { 0 };

        export_ok (db, &options, path, &counts);
        g_assert_cmpuint (counts.rows, ==, 6);
        g_assert_cmpuint (counts.protected_left_out, ==, 2);
        assert_private_file (path);
        assert_no_temp_files (dir);

        records = read_export (path, profiles[p]);
        g_assert_cmpuint (records->len, ==, 7);
        g_assert_cmpstr (cell_text (records, 0, 0), ==, "Personnummer");
        g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, 0))->len, ==, 5);

        /* Each row is a person who is not protected, with every value. */
        for (guint i = 0; i < G_N_ELEMENTS (seeker_cases); i++)
          if (!seeker_cases[i].protected_identity)
            {
              const char *d = g_ptr_array_index (digits, i);
              char *shown = full ? g_strdup_printf ("%.8s-%s", d, d + 8)
                                 : g_strdup_printf ("%.8s-****", d);

              g_hash_table_insert (expected, shown, (gpointer) &seeker_cases[i]);
            }
        for (guint row = 1; row < records->len; row++)
          {
            const char *number = cell_text (records, row, 0);
            const SeekerCase *c = g_hash_table_lookup (expected, number);
            g_autofree char *name = NULL;

            g_assert_nonnull (c);
            g_assert_true (g_hash_table_remove (expected, number));
            name = strchr ("=+-@", c->name[0]) ? g_strconcat ("'", c->name, NULL)
                                                : g_strdup (c->name);
            g_assert_cmpstr (cell_text (records, row, 1), ==, name);
            assert_code (records, row, 2, c->municipality);
            g_assert_cmpstr (cell_text (records, row, 4), ==, "2026-11-22");
            if (strcmp (c->municipality, "2480") == 0)
              g_assert_cmpstr (cell_text (records, row, 3), ==, "Umeå");
          }
        g_assert_cmpuint (g_hash_table_size (expected), ==, 0);

        /* Nothing of the protected people, anywhere in the file. */
        {
          g_autofree char *data = NULL;
          g_autofree char *birth2 = g_strndup (g_ptr_array_index (digits, 2), 8);
          g_autofree char *birth7 = g_strndup (g_ptr_array_index (digits, 7), 8);

          g_file_get_contents (path, &data, NULL, NULL);
          g_assert_null (strstr (data, "Hemlig"));
          g_assert_null (strstr (data, "Skyddad"));
          g_assert_null (strstr (data, birth2));
          g_assert_null (strstr (data, birth7));
          if (!full)
            g_assert_false (g_regex_match_simple ("[0-9]{8}-[0-9]{4}", data, 0, 0));
        }

        entry = last_audit (db, "export.seekers");
        g_assert_nonnull (entry);
        g_assert_cmpstr (entry->actor, ==, "tester");
        g_assert_cmpstr (entry->entity, ==, "export");
        g_assert_true (g_str_has_prefix (entry->details, "6 rows, "));
        g_assert_nonnull (strstr (entry->details, full ? "full personnummer"
                                                       : "masked personnummer"));
        g_assert_nonnull (strstr (entry->details, "2 left out for protected identity"));
        g_assert_nonnull (strstr (entry->details, "arbetssökande.csv"));
        g_assert_nonnull (strstr (entry->details, anv_csv_profile_to_string (profiles[p])));

        g_clear_object (&db);
        anv_test_remove_dir (dir);
      }
}

/* An export replaces an existing file, and an empty database gives the
 * heading row alone. */
static void
test_seekers_replace (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = anv_test_write_file (dir, "old.csv", "old contents\n");
  g_autoptr (GPtrArray) records = NULL;
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  AnvExportCounts counts = { 0 };

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  export_ok (db, &options, path, &counts);
  g_assert_cmpuint (counts.rows, ==, 0);
  assert_private_file (path);
  records = read_export (path, ANV_CSV_PROFILE_RFC4180);
  g_assert_cmpuint (records->len, ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Exports: referrals (inserted with SQL until the referral API is done) */

static void
exec_sql (AnvDb      *db,
          const char *sql)
{
  g_autoptr (GError) error = NULL;

  anv_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

static void
insert_referral (AnvDb      *db,
                 gint64      id,
                 const char *personnummer,
                 const char *values)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO referral (id, seeker_id, service, level, choice, municipality_code, female, "
    "  decided_on, planned_start, started_on, ended_on, end_reason, annulled, decided_by) "
    "SELECT %" G_GINT64_FORMAT ", id, %s, 'tester' FROM seeker WHERE personnummer = '%s'",
    id, values, personnummer);

  exec_sql (db, sql);
}

static void
test_referrals (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    for (int full = 0; full <= 1; full++)
      {
        g_autofree char *dir = NULL;
        g_autoptr (AnvDb) db = anv_test_open_db (&dir);
        g_autoptr (GPtrArray) digits = add_seekers (db);
        g_autofree char *path = g_build_filename (dir, "anvisningar.csv", NULL);
        g_autoptr (GPtrArray) records = NULL;
        g_autoptr (AnvAuditEntry) entry = NULL;
        AnvExportOptions options = { ANV_EXPORT_REFERRALS, profiles[p], full, NULL };
        AnvExportCounts counts = { 0 };
        g_autoptr (GError) error = NULL;
        const char *d0 = g_ptr_array_index (digits, 0);
        g_autofree char *shown0 = full ? g_strdup_printf ("%.8s-%s", d0, d0 + 8)
                                       : g_strdup_printf ("%.8s-****", d0);

        exec_sql (db,
                  "INSERT INTO provider (id, orgnr, name, municipality_code, registered_on, "
                  "  registered_by) VALUES "
                  "  (1, '2021002114', 'Leverantör \"Ett\"; AB, Umeå', '2480', '2020-01-01', "
                  "   'tester'),"
                  "  (2, '2021005489', '=Två AB', '0180', '2020-01-01', 'tester');");
        /* 1: ended with a job, provider changed outside the area. */
        insert_referral (db, 1, d0,
                         "'KROM', 'B', 'own', '2480', 1, '2020-04-01', '2020-04-16', "
                         "'2020-04-16', '2020-09-30', 'jobb', 0");
        /* 2: open, not started, the default provider. */
        insert_referral (db, 2, g_ptr_array_index (digits, 1),
                         "'STOM', '3', 'default', '0180', 0, '2020-05-04', '2020-05-18', "
                         "NULL, NULL, NULL, 0");
        /* 3: a protected person's, left out. */
        insert_referral (db, 3, g_ptr_array_index (digits, 2),
                         "'KROM', 'A', 'own', '0180', 1, '2020-05-04', '2020-05-18', "
                         "NULL, NULL, NULL, 0");
        /* 4: annulled, interrupted. */
        insert_referral (db, 4, g_ptr_array_index (digits, 3),
                         "'STOM', '1', 'own', '1280', 0, '2020-06-01', '2020-06-15', "
                         "'2020-06-15', '2020-07-01', 'sjuk', 1");
        exec_sql (db,
                  "INSERT INTO referral_provider (referral_id, provider_id, from_date, "
                  "  outside_area, changed_by) VALUES "
                  "  (1, 1, '2020-04-01', 0, 'tester'), (1, 2, '2020-06-01', 1, 'tester'),"
                  "  (2, 2, '2020-05-04', 0, 'tester'), (3, 1, '2020-05-04', 0, 'tester');");

        /* Rows written here have no period yet: the migration's fill, which is
         * SQLite's own (a server starts with periods); there the rules' last
         * days (KROM 6 months, STOM 3 from the start or planned start). */
        if (anv_test_on_server ())
          exec_sql (db,
                    "UPDATE referral SET period_end = CASE id WHEN 1 THEN '2020-10-15' "
                    "  WHEN 2 THEN '2020-08-17' WHEN 3 THEN '2020-11-17' "
                    "  ELSE '2020-09-14' END;");
        else
          g_assert_true (anv_referrals_fill_period_ends (db, &error));
        g_assert_no_error (error);
        export_ok (db, &options, path, &counts);
        g_assert_cmpuint (counts.rows, ==, 3);
        g_assert_cmpuint (counts.protected_left_out, ==, 1);
        assert_private_file (path);
        assert_no_temp_files (dir);

        records = read_export (path, profiles[p]);
        g_assert_cmpuint (records->len, ==, 4);
        g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, 0))->len, ==, 17);

        {
          /* The period's last day: from the start, or the planned start. */
          const char *row1[] = { shown0, "KROM", "B", "own", "=\"2480\"", "Umeå", "2020-04-01",
                                 "2020-04-16", "2020-04-16", "202100-5489", "'=Två AB", "1",
                                 "2020-09-30", "jobb", "result", "0", "2020-10-15" };
          const char *row2[] = { NULL, "STOM", "3", "default", "=\"0180\"", "Stockholm",
                                 "2020-05-04", "2020-05-18", "", "202100-5489", "'=Två AB",
                                 "0", "", "", "", "0", "2020-08-17" };
          const char *row3[] = { NULL, "STOM", "1", "own", "=\"1280\"", "Malmö", "2020-06-01",
                                 "2020-06-15", "2020-06-15", "", "", "", "2020-07-01", "sjuk",
                                 "interruption", "1", "2020-09-14" };
          const char **rows[] = { row1, row2, row3 };

          for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
            for (guint c = 0; c < 17; c++)
              if (rows[r][c] != NULL)
                g_assert_cmpstr (cell_text (records, r + 1, c), ==, rows[r][c]);
          /* Numbers are not quoted. */
          g_assert_false (cell (records, 1, 11)->quoted);
          g_assert_false (cell (records, 3, 15)->quoted);
        }

        entry = last_audit (db, "export.referrals");
        g_assert_nonnull (entry);
        g_assert_true (g_str_has_prefix (entry->details, "3 rows, "));
        g_assert_nonnull (strstr (entry->details, "1 left out for protected identity"));
        g_assert_nonnull (strstr (entry->details, full ? "full personnummer"
                                                       : "masked personnummer"));

        g_clear_object (&db);
        anv_test_remove_dir (dir);
      }
}

/* Referrals decided through the referral API, and the summary they keep,
 * exported from one database. */
static void
decide_referral (AnvDb       *db,
                 const char  *personnummer,
                 const char  *decided_on)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  AnvReferralInput input = { 0 };
  GDate decided, today;

  set_today (&today);
  g_assert_true (anv_date_parse (decided_on, &decided, NULL));
  input.personnummer = personnummer;
  input.service = ANV_SERVICE_KROM;
  input.provider_orgnr = "2021002114";
  input.level = "A";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;
  referral = anv_referrals_decide (db, &input, &today, &error);
  g_assert_no_error (error);
}

static void
test_referrals_api (void)
{
  static const char *const area[] = { "2480", "0180", NULL };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "anvisningar.csv", NULL);
  g_autofree char *summary_path = g_build_filename (dir, "sammanställning.csv", NULL);
  g_autoptr (GPtrArray) records = NULL;
  AnvSummaryQuery query = { "2020-04", "2020-04", ANV_SERVICE_KROM, "24" };
  AnvExportOptions options = { ANV_EXPORT_REFERRALS, ANV_CSV_PROFILE_EXCEL_SV, FALSE, NULL };
  AnvExportCounts counts = { 0 };
  GDate today, from, ended;
  gboolean found_umea = FALSE;

  set_today (&today);
  provider = anv_providers_add (db, "2021002114", "Rusta Norr AB", "2480", &today, &error);
  g_assert_no_error (error);
  anv_areas_add (db, "Umeå och Stockholm", ANV_SERVICE_KROM, area, &error);
  g_assert_no_error (error);
  anv_test_date (&from, 2020, 1, 1);
  anv_providers_approve (db, "2021002114", "Umeå och Stockholm", &from, NULL, &today, &error);
  g_assert_no_error (error);

  decide_referral (db, g_ptr_array_index (digits, 0), "2020-04-06");   /* Umeå */
  decide_referral (db, g_ptr_array_index (digits, 7), "2020-04-07");   /* Umeå, protected */
  anv_test_date (&ended, 2020, 4, 20);
  anv_referrals_end (db, g_ptr_array_index (digits, 0), "sjuk", &ended, &today, &error);
  g_assert_no_error (error);

  export_ok (db, &options, path, &counts);
  g_assert_cmpuint (counts.rows, ==, 1);
  g_assert_cmpuint (counts.protected_left_out, ==, 1);
  records = read_export (path, ANV_CSV_PROFILE_EXCEL_SV);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (cell_text (records, 1, 1), ==, "KROM");
  g_assert_cmpstr (cell_text (records, 1, 2), ==, "A");
  g_assert_cmpstr (cell_text (records, 1, 3), ==, "own");
  g_assert_cmpstr (cell_text (records, 1, 4), ==, "=\"2480\"");
  g_assert_cmpstr (cell_text (records, 1, 6), ==, "2020-04-06");
  g_assert_cmpstr (cell_text (records, 1, 9), ==, "202100-2114");
  g_assert_cmpstr (cell_text (records, 1, 10), ==, "Rusta Norr AB");
  g_assert_cmpstr (cell_text (records, 1, 11), ==, "0");
  g_assert_cmpstr (cell_text (records, 1, 12), ==, "2020-04-20");
  g_assert_cmpstr (cell_text (records, 1, 13), ==, "sjuk");
  /* Ended without a start: its own kind, as the summary counts it */
  g_assert_cmpstr (cell_text (records, 1, 8), ==, "");
  g_assert_cmpstr (cell_text (records, 1, 14), ==, "before-start");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The summary counts everyone, the protected too: it holds no person.
   * The seed's story: two referred in April, one active at its end. */
  options.kind = ANV_EXPORT_SUMMARY;
  options.summary = &query;
  export_ok (db, &options, summary_path, &counts);
  records = read_export (summary_path, ANV_CSV_PROFILE_EXCEL_SV);
  for (guint row = 1; row < records->len; row++)
    if (strcmp (cell_text (records, row, 3), "=\"2480\"") == 0)
      {
        found_umea = TRUE;
        g_assert_cmpstr (cell_text (records, row, 7), ==, "2");
        /* Not started: ended before the start (the last three columns),
         * not interrupted. */
        g_assert_cmpstr (cell_text (records, row, 11), ==, "0");
        g_assert_cmpstr (cell_text (records, row, 12), ==, "1");
        g_assert_cmpstr (cell_text (records, row, 30), ==, "1");
      }
  g_assert_true (found_umea);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Exports: failures */

static void
test_fail_missing_folder (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (missing, "out.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) digits = add_seekers (db);
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_EXCEL_SV, FALSE, NULL };
  guint before = n_entries (dir);

  g_assert_false (anv_export_write (db, &options, path, NULL, &error));
  g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  /* The folder is named as the cause, and what to do fits it */
  {
    g_autofree char *expected = g_strdup_printf ("the folder %s does not exist", missing);

    g_assert_nonnull (strstr (error->message, expected));
    g_assert_nonnull (strstr (error->message, "Choose a folder that exists"));
    g_assert_null (strstr (error->message, "space"));
    g_assert_null (strstr (error->message, "No such file"));
  }
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_entries (dir), ==, before);
  g_assert_cmpuint (count_audit (db, "export."), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_fail_folder_as_target (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_EXCEL_SV, FALSE, NULL };
  guint before = n_entries (dir);

  g_assert_false (anv_export_write (db, &options, dir, NULL, &error));
  g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
  g_assert_cmpuint (n_entries (dir), ==, before);
  g_assert_cmpuint (count_audit (db, "export."), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A folder one may not write in (its mode, or `chattr +i` for root) is
 * named as the cause, for an export and a backup alike: not a full disk,
 * not the system's words. */
static void
test_fail_not_writable (void)
{
  /* A backup of the file, beside the export */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *folder = g_build_filename (dir, "locked", NULL);
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) digits = add_seekers (db);
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_EXCEL_SV, TRUE, NULL };
  gboolean immutable = FALSE;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  path = anv_test_write_file (folder, "out.csv", "earlier export\r\n");
  backup = g_build_filename (folder, "kopia.db", NULL);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  if (g_access (folder, W_OK) == 0)
    immutable = anv_test_set_immutable (folder, TRUE);
  if (g_access (folder, W_OK) == 0 && !immutable)
    {
      g_chmod (folder, 0700);
      g_clear_object (&db);
      anv_test_remove_dir (dir);
      g_test_skip ("neither permissions nor the immutable flag hold here");
      return;
    }

  expected = g_strdup_printf ("you may not write in the folder %s", folder);
  g_assert_false (anv_export_write (db, &options, path, NULL, &error));
  g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strstr (error->message, "space"));
  g_assert_null (strstr (error->message, "Permission denied"));
  g_assert_null (strstr (error->message, "Operation not permitted"));
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "earlier export\r\n");
  g_clear_error (&error);

  g_assert_false (anv_backup_create (db, backup, NULL, NULL, NULL, &error));
  g_assert_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strstr (error->message, "Operation not permitted"));
  g_assert_null (strstr (error->message, "Permission denied"));

  if (immutable)
    g_assert_true (anv_test_set_immutable (folder, FALSE));
  g_assert_cmpuint (n_entries (folder), ==, 1);
  g_assert_cmpuint (count_audit (db, "export."), ==, 0);

  g_chmod (folder, 0700);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The one mapping of a system error to a sentence: what is wrong, naming
 * the folder, and what to do; "the disk is full" only when it is. */
static void
test_errno_sentences (void)
{
  static const struct
  {
    int           code;
    AnvOutputStep step;
    const char   *reason;
    const char   *advice;
  } cases[] = {
    { ENOENT, ANV_OUTPUT_IN_FOLDER, "the folder /nonexist does not exist", "exists" },
    { ENOTDIR, ANV_OUTPUT_IN_FOLDER,
      "the folder /nonexist does not exist (part of its path is a file)", "exists" },
    { EACCES, ANV_OUTPUT_IN_FOLDER, "you may not write in the folder /nonexist", "IT support" },
    { EPERM, ANV_OUTPUT_IN_FOLDER, "you may not write in the folder /nonexist", "IT support" },
    { EPERM, ANV_OUTPUT_TO_FILE, "you may not change the file /nonexist/x.csv", "another name" },
    { EROFS, ANV_OUTPUT_IN_FOLDER, "the folder /nonexist is on a disk that cannot be written",
      "another disk" },
    { ENOSPC, ANV_OUTPUT_TO_FILE, "the disk is full", "Free some space" },
    { EDQUOT, ANV_OUTPUT_TO_FILE, "the disk is full", "Free some space" },
    { ENAMETOOLONG, ANV_OUTPUT_IN_FOLDER, "the name is too long", "shorter" },
    { EPIPE, ANV_OUTPUT_TO_FILE, "the program reading it stopped reading", "not written" },
    { EIO, ANV_OUTPUT_TO_FILE, NULL, "another folder" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *advice = NULL;
      g_autofree char *reason = anv_output_describe_errno ("/nonexist/x.csv", cases[i].code,
                                                           cases[i].step, &advice);

      g_assert_cmpstr (reason, ==, cases[i].reason ? cases[i].reason
                                                   : g_strerror (cases[i].code));
      g_assert_nonnull (strstr (advice, cases[i].advice));
      if (cases[i].code != ENOSPC && cases[i].code != EDQUOT)
        {
          g_assert_null (strstr (reason, "full"));
          g_assert_null (strstr (advice, "space"));
        }
    }
}

/* The disk fills up while the file is written (a file size limit stands
 * for a full disk, and holds for root too): the temporary file goes, the
 * earlier export stays. */
static void
test_fail_while_writing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) digits = add_seekers (db);
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  struct rlimit saved, limit;
  void (*saved_handler) (int);
  guint before;
  gboolean ok;

  path = anv_test_write_file (dir, "out.csv", "earlier export\r\n");
  before = n_entries (dir);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 100;     /* the heading row and a row or two */
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ok = anv_export_write (db, &options, path, NULL, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "earlier export\r\n");
  g_assert_cmpuint (n_entries (dir), ==, before);
  assert_no_temp_files (dir);
  g_assert_cmpuint (count_audit (db, "export."), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A read that fails half-way (here: a table that is gone) leaves nothing
 * either, and the database is out of its read transaction. */
static void
test_fail_database (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { ANV_EXPORT_REFERRALS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  guint before;

  path = anv_test_write_file (dir, "out.csv", "earlier export\r\n");
  before = n_entries (dir);
  exec_sql (db, anv_test_on_server () ? "DROP TABLE referral_provider CASCADE;"
                                       : "PRAGMA foreign_keys = OFF; DROP TABLE referral_provider;");

  g_assert_false (anv_export_write (db, &options, path, NULL, &error));
  g_assert_nonnull (error);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "earlier export\r\n");
  g_assert_cmpuint (n_entries (dir), ==, before);
  g_assert_false (anv_db_in_transaction (db));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_profile_parse (void)
{
  g_autoptr (GError) error = NULL;
  AnvCsvProfile profile = ANV_CSV_PROFILE_RFC4180;

  g_assert_true (anv_csv_profile_parse ("excel-sv", &profile, &error));
  g_assert_cmpint (profile, ==, ANV_CSV_PROFILE_EXCEL_SV);
  g_assert_true (anv_csv_profile_parse ("rfc4180", &profile, &error));
  g_assert_cmpint (profile, ==, ANV_CSV_PROFILE_RFC4180);
  g_assert_no_error (error);
  g_assert_false (anv_csv_profile_parse ("excel", &profile, &error));
  g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_PROFILE);
  g_assert_cmpstr (anv_csv_profile_to_string (ANV_CSV_PROFILE_EXCEL_SV), ==, "excel-sv");
}

/* The one check of a summary's period: both months well formed, the first
 * not after the last, and the order error names both months. */
static void
test_summary_period (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    gboolean    ok;
    const char *message_part;
  } cases[] = {
    { "2020-04", "2020-04", TRUE, NULL },
    { "2020-04", "2021-03", TRUE, NULL },
    { "2020-05", "2020-04", FALSE, "starts in 2020-05, after it ends in 2020-04" },
    { "2021-01", "2020-12", FALSE, "starts in 2021-01, after it ends in 2020-12" },
    { "2020-13", "2021-01", FALSE, "not a month" },
    { "2020-01", "2020-1", FALSE, "not a month" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = anv_summary_check_period (cases[i].from, cases[i].to, &error);

      if (ok != cases[i].ok)
        g_error ("case %u: %s", i, ok ? "accepted" : error->message);
      if (ok)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, ANV_SUMMARY_ERROR, ANV_SUMMARY_ERROR_MONTH);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message_part);
    }
}

/* Exports: the summary (as far as anv_summary_read() goes) */

static void
test_summary (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = g_build_filename (dir, "sammanställning.csv", NULL);
  AnvSummaryQuery query = { "2020-04", "2020-05", ANV_SERVICE_KROM, "24" };
  AnvExportOptions options = { ANV_EXPORT_SUMMARY, ANV_CSV_PROFILE_EXCEL_SV, FALSE, &query };
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (AnvAuditEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  AnvExportCounts counts = { 0 };
  guint n_municipalities = 0, n_counties = 0;

  /* The kept summary as the referral writes leave it: one cell in April. */
  exec_sql (db,
            "INSERT INTO summary (service, municipality_code, month, decided_women, "
            "  decided_men, started, ended_job, ended_studies, ended_interrupted, active_end,"
            "  overdue_end, started_women, started_men, ended_job_women, ended_job_men,"
            "  ended_studies_women, ended_studies_men, ended_interrupted_women,"
            "  ended_interrupted_men, participating_women, participating_men, waiting_women,"
            "  waiting_men, ended_before_start, ended_before_start_women,"
            "  ended_before_start_men) "
            /* The job's split unknown, as after retention */
            "VALUES ('KROM', '2480', '2020-04', 20, 13, 7, 1, 2, 1, 29, 3, 4, 3, NULL, NULL,"
            "  1, 1, 0, 1, 10, 9, 6, 4, 2, 1, 1)");

  if (!anv_export_write_counted (db, &options, path, &counts, &error))
    {
      /* Until the summary is written its error must still leave nothing. */
      g_assert_nonnull (error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      assert_no_temp_files (dir);
      g_clear_object (&db);
      anv_test_remove_dir (dir);
      g_test_incomplete (error->message);
      return;
    }

  assert_private_file (path);
  records = read_export (path, ANV_CSV_PROFILE_EXCEL_SV);
  g_assert_cmpuint (records->len, ==, counts.rows + 1);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, 0))->len, ==, 33);
  for (guint row = 1; row < records->len; row++)
    {
      const char *level = cell_text (records, row, 2);

      g_assert_cmpstr (cell_text (records, row, 0), ==, "KROM");
      g_assert_true (g_str_has_prefix (cell_text (records, row, 1), "2020-0"));
      if (strcmp (level, "municipality") == 0)
        {
          n_municipalities++;
          g_assert_true (g_str_has_prefix (cell_text (records, row, 3), "=\"24"));
          if (strcmp (cell_text (records, row, 3), "=\"2480\"") == 0)
            g_assert_cmpstr (cell_text (records, row, 4), ==, "Umeå");
        }
      else if (strcmp (level, "county") == 0)
        {
          n_counties++;
          g_assert_cmpstr (cell_text (records, row, 3), ==, "=\"24\"");
          g_assert_cmpstr (cell_text (records, row, 4), ==, "Västerbottens län");
        }
      else
        g_error ("no national line when a county is chosen: %s", level);
      for (guint c = 5; c < 33; c++)
        {
          /* Then by sex: started, job (unknown: empty), studies,
           * interrupted, active; taking part and waiting, each with its
           * split; ended before the start with its split, last. */
          const char *april[] = { "20", "13", "33", "7", "1", "2", "1", "29", "3",
                                  "4", "3", "", "", "1", "1", "0", "1", "16", "13",
                                  "19", "10", "9", "10", "6", "4", "2", "1", "1" };
          /* May: nothing happened, the 29 are still active, the 3 overdue. */
          const char *may[] = { "0", "0", "0", "0", "0", "0", "0", "29", "3",
                                "0", "0", "0", "0", "0", "0", "0", "0", "16", "13",
                                "19", "10", "9", "10", "6", "4", "0", "0", "0" };
          gboolean umea = strcmp (cell_text (records, row, 3), "=\"2480\"") == 0
                          || strcmp (level, "county") == 0;
          gboolean is_april = strcmp (cell_text (records, row, 1), "2020-04") == 0;
          const char *expected = !umea ? "0" : is_april ? april[c - 5] : may[c - 5];

          g_assert_false (cell (records, row, c)->quoted);
          g_assert_cmpstr (cell_text (records, row, c), ==, expected);
        }
    }
  /* Västerbotten has 15 municipalities; two months. */
  g_assert_cmpuint (n_municipalities, ==, 2 * 15);
  g_assert_cmpuint (n_counties, ==, 2);

  entry = last_audit (db, "export.summary");
  g_assert_nonnull (entry);
  g_assert_nonnull (strstr (entry->details, "2020-04 to 2020-05, KROM, county 24"));

  /* The whole country, both services: the national line last. */
  {
    AnvSummaryQuery national = { "2020-04", "2020-04", ANV_SERVICE_NONE, NULL };
    g_autoptr (GPtrArray) all = NULL;
    guint last;

    options.summary = &national;
    options.profile = ANV_CSV_PROFILE_RFC4180;
    export_ok (db, &options, path, &counts);
    all = read_export (path, ANV_CSV_PROFILE_RFC4180);
    g_assert_cmpuint (all->len, ==, counts.rows + 1);
    last = all->len - 1;
    g_assert_cmpstr (cell_text (all, last, 2), ==, "country");
    g_assert_cmpstr (cell_text (all, last, 3), ==, "");
    g_assert_cmpstr (cell_text (all, last, 4), ==, "Whole country");
    for (guint row = 1; row < all->len; row++)
      if (strcmp (cell_text (all, row, 0), "KROM") == 0
          && strcmp (cell_text (all, row, 2), "country") == 0)
        g_assert_cmpstr (cell_text (all, row, 7), ==, "33");
  }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Never onto the database: however it is named (another spelling, a
 * symbolic or a hard link), nor its log, nor a copy a restore kept. The
 * database stays whole and nothing is logged. */
static void
test_refuses_database (void)
{
  /* The database's file and its log */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  static const char *const kinds[] = { "summary", "referrals", "seekers" };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  g_autofree char *db_path = g_strdup (anv_db_get_path (db));
  g_autofree char *kept = anv_backup_kept_path (db, "2026-12-01T10-00-00");
  g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
  g_autofree char *via_dot = g_build_filename (dir, ".", "anvisa.db", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *hardlink_path = g_build_filename (dir, "hard.csv", NULL);
  g_autofree char *kept_link = g_build_filename (dir, "kept-link.csv", NULL);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (db_path, "-journal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *kept_before = NULL;
  const char *targets[] = { db_path, via_dot, wal, shm, journal, symlink_path, hardlink_path,
                            kept, kept_wal, kept_link };
  AnvSummaryQuery query = { "2020-04", "2020-04", ANV_SERVICE_NONE, NULL };

  g_free (anv_test_write_file (dir, "anvisa.db.before-restore-2026-12-01T10-00-00",
                               "a kept copy\n"));
  g_assert_cmpint (symlink ("anvisa.db", symlink_path), ==, 0);
  g_assert_cmpint (link (db_path, hardlink_path), ==, 0);
  g_assert_cmpint (symlink (kept, kept_link), ==, 0);
  g_file_get_contents (db_path, &before, NULL, NULL);
  g_file_get_contents (kept, &kept_before, NULL, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autoptr (GError) error = NULL;
        AnvExportOptions options = { k, ANV_CSV_PROFILE_EXCEL_SV, TRUE, &query };

        g_assert_false (anv_export_write (db, &options, targets[t], NULL, &error));
        g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
        if (t < 7)
          g_assert_nonnull (strstr (error->message, "is the database in use"));
        else
          g_assert_nonnull (strstr (error->message, "a restore kept"));
        g_test_message ("%s → %s: %s", kinds[k], targets[t], error->message);
      }

  {
    g_autofree char *after = NULL;
    g_autofree char *kept_after = NULL;
    GStatBuf st;

    g_file_get_contents (db_path, &after, NULL, NULL);
    g_file_get_contents (kept, &kept_after, NULL, NULL);
    g_assert_true (strcmp (kept_after, kept_before) == 0);
    g_assert_cmpint (g_lstat (symlink_path, &st), ==, 0);
    g_assert_true (S_ISLNK (st.st_mode));
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (kept_wal, G_FILE_TEST_EXISTS));
    (void) after;
  }
  g_assert_cmpuint (count_audit (db, "export."), ==, 0);
  g_assert_cmpuint (anv_test_query_int (db,
                                        "SELECT count(*) FROM seeker", NULL, 0), ==, 8);
  anv_test_assert_integrity (db);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Never over an SQLite database either: a backup, or another program's
 * (the first 16 bytes tell). The file stays as it was, nothing is logged;
 * the same for a picture of the map. An earlier export is replaced. */
static void
test_refuses_any_database (void)
{
  /* Backups and other SQLite files */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  static const char *const kinds[] = { "summary", "referrals", "seekers" };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  g_autofree char *backup = g_build_filename (dir, "bk1.db", NULL);
  g_autofree char *other = g_build_filename (dir, "annat.sqlite", NULL);
  g_autofree char *backup_before = NULL;
  g_autofree char *other_before = NULL;
  gsize backup_length = 0, other_length = 0;
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { "2020-04", "2020-04", ANV_SERVICE_NONE, NULL };
  const char *targets[2];
  sqlite3 *handle = NULL;

  g_assert_true (anv_backup_create (db, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (other, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
  g_assert_true (g_file_get_contents (backup, &backup_before, &backup_length, NULL));
  g_assert_true (g_file_get_contents (other, &other_before, &other_length, NULL));
  targets[0] = backup;
  targets[1] = other;

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autofree char *after = NULL;
      gsize length = 0;

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr (GError) refused = NULL;
          AnvExportOptions options = { k, ANV_CSV_PROFILE_EXCEL_SV, TRUE, &query };

          g_assert_false (anv_export_write (db, &options, targets[t], NULL, &refused));
          g_assert_error (refused, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
          g_assert_nonnull (strstr (refused->message, "is a database"));
          g_assert_nonnull (strstr (refused->message, "nothing was changed"));
        }
      g_assert_false (anv_output_write_bytes (db, targets[t], "\x89PNG", 4, &error));
      g_assert_error (error, ANV_OUTPUT_ERROR, ANV_OUTPUT_ERROR_NOT_OURS);
      g_clear_error (&error);

      g_assert_true (g_file_get_contents (targets[t], &after, &length, NULL));
      if (t == 0)
        g_assert_cmpmem (after, length, backup_before, backup_length);
      else
        g_assert_cmpmem (after, length, other_before, other_length);
    }
  g_assert_cmpuint (count_audit (db, "export."), ==, 0);
  assert_no_temp_files (dir);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A character device to write to: as root, a node of its own in @dir
 * (1, @minor: /dev/null is 3, /dev/full 7), so that a fault could spoil
 * only that one; else the system's @system_path, which a user cannot
 * replace. NULL when there is none. */
static char *
make_device (const char *dir,
             const char *name,
             unsigned    minor,
             const char *system_path)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;

  if (geteuid () == 0)
    return mknod (path, S_IFCHR | 0600, makedev (1, minor)) == 0 ? g_steal_pointer (&path)
                                                                 : NULL;
  if (g_lstat (system_path, &st) != 0 || !S_ISCHR (st.st_mode) || access (system_path, W_OK))
    return NULL;
  return g_strdup (system_path);
}

/* A pipe or a device is written straight into: it stays what it was, and
 * a reader of the pipe gets the whole export. A socket is refused. */
static void
test_special_files (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  g_autofree char *fifo = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *socket_path = g_build_filename (dir, "socket.csv", NULL);
  g_autofree char *null_device = make_device (dir, "null.csv", 3, "/dev/null");
  g_autoptr (GError) error = NULL;
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int sock;
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  AnvExportCounts counts = { 0 };
  g_autoptr (AnvAuditEntry) entry = NULL;
  GStatBuf st;
  int fd;

  /* A pipe, read as it is written */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (fifo, O_RDONLY | O_NONBLOCK, 0);
  g_assert_cmpint (fd, >=, 0);
  {
    int flags = fcntl (fd, F_GETFL);
    g_autofree char *read_back = NULL;
    g_autoptr (GPtrArray) records = NULL;

    /* The pipe holds 64 KiB: this export is far smaller. */
    export_ok (db, &options, fifo, &counts);
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
    read_back = anv_test_read_fd (fd);
    records = parse_csv (read_back, strlen (read_back), ',');
    g_assert_cmpuint (records->len, ==, 7);
    g_assert_cmpuint (counts.rows, ==, 6);
  }
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  /* Logged before the first byte with the rows planned, and once all were
   * written, as a file is */
  entry = last_audit (db, "export.seekers");
  g_assert_nonnull (strstr (entry->details, "pipe.csv"));
  g_assert_true (g_str_has_prefix (entry->details, "6 rows, masked personnummer, "));

  /* A character device such as /dev/null stays one */
  if (null_device != NULL)
    {
      export_ok (db, &options, null_device, &counts);
      g_assert_cmpint (g_lstat (null_device, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
    }
  else
    g_test_message ("no device to write to: only the pipe and the socket were tried");

  /* A socket is not written to */
  sock = socket (AF_UNIX, SOCK_STREAM, 0);
  g_assert_cmpint (sock, >=, 0);
  g_assert_cmpuint (strlen (socket_path), <, sizeof address.sun_path);
  strcpy (address.sun_path, socket_path);
  g_assert_cmpint (bind (sock, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_false (anv_export_write (db, &options, socket_path, NULL, &error));
  g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
  g_assert_cmpint (g_lstat (socket_path, &st), ==, 0);
  g_assert_true (S_ISSOCK (st.st_mode));
  close (sock);
  g_assert_cmpuint (count_audit (db, "export."), ==, null_device != NULL ? 4 : 2);
  assert_no_temp_files (dir);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* /dev/full says the disk is full and stays a device. As into any
 * stream, the extract is logged before its first byte, and its stop after
 * it, with no row written. */
static void
test_device_full (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_RFC4180, TRUE, NULL };
  g_autofree char *full = make_device (dir, "full.csv", 7, "/dev/full");
  GStatBuf st;

  if (full == NULL)
    {
      g_clear_object (&db);
      anv_test_remove_dir (dir);
      g_test_skip ("this machine has no /dev/full to write to");
      return;
    }
  g_assert_false (anv_export_write (db, &options, full, NULL, &error));
  g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_cmpint (g_lstat (full, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (count_audit (db, "export."), ==, 2);
  {
    g_autoptr (AnvAuditEntry) stopped = last_audit (db, "export.seekers");
    g_autofree char *expected = g_strdup_printf ("stopped after at most 6 of 6 rows planned "
                                                 "(errno %d), "
                                                 "to %s", ENOSPC, full);

    g_assert_cmpstr (stopped->details, ==, expected);
  }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The temporary files a killed export left (its process is gone) are
 * removed by the next export to that folder; a running one's, another
 * machine's in a shared folder (whose process number means nothing here),
 * one of the old name less than a day old, and any file of another name,
 * are not. */
static void
test_stale_temps (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *running = NULL;
  g_autofree char *other = NULL;
  g_autofree char *stale_name = NULL;
  g_autofree char *running_name = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *elsewhere_name = NULL;
  g_autofree char *old = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *fresh_name = NULL;
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  AnvExportCounts counts = { 0 };
  GPid gone;

  /* A process that has ended: its number is free */
  {
    const char *argv[] = { "/bin/true", NULL };
    int status;

    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                  NULL, &gone, NULL));
    g_assert_cmpint (waitpid (gone, &status, 0), ==, gone);
  }
  stale_name = g_strdup_printf (".anvisa-export-%d@%s-AbC123", (int) gone,
                                anv_output_host_tag ());
  running_name = g_strdup_printf (".anvisa-export-%d@%s-XyZ789", (int) getppid (),
                                  anv_output_host_tag ());
  /* The same process number on another machine sharing the folder */
  elsewhere_name = g_strdup_printf (".anvisa-export-%d@annan.example.se-AbC123", (int) gone);
  /* Named as before the host was in the name: only once a day old */
  old_name = g_strdup_printf (".anvisa-export-%d-OlD123", (int) gone);
  fresh_name = g_strdup_printf (".anvisa-export-%d-NeW123", (int) gone);
  stale = anv_test_write_file (dir, stale_name, "19121212-1212\r\n");
  running = anv_test_write_file (dir, running_name, "being written\r\n");
  other = anv_test_write_file (dir, ".out.csv.AbC123", "another program's\r\n");
  elsewhere = anv_test_write_file (dir, elsewhere_name, "being written elsewhere\r\n");
  old = anv_test_write_file (dir, old_name, "19121212-1212\r\n");
  fresh = anv_test_write_file (dir, fresh_name, "being written, perhaps\r\n");
  {
    struct utimbuf long_ago = { 1000000000, 1000000000 };   /* 2001-09-09 */

    g_assert_cmpint (g_utime (old, &long_ago), ==, 0);
  }

  export_ok (db, &options, path, &counts);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (running, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Standard error sent into a file with `2>> log.txt`, and the export
 * named /dev/stderr, /dev/fd/2 or log.txt itself: written after what the
 * file holds, through the descriptor, never replacing the file. */
static void
test_descriptor_appends (void)
{
  static const char earlier[] = "earlier line\n";
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  g_autofree char *log = NULL;
  g_autofree char *contents = NULL;
  const char *targets[] = { "/dev/stderr", "/dev/fd/2", NULL };
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_EXCEL_SV, FALSE, NULL };
  gboolean wrote_picture;
  gsize length = 0;
  guint headings = 0;
  int saved, fd;

  log = anv_test_write_file (dir, "log.txt", earlier);
  targets[2] = log;
  fd = g_open (log, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  saved = dup (STDERR_FILENO);
  g_assert_cmpint (dup2 (fd, STDERR_FILENO), ==, STDERR_FILENO);
  close (fd);
  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      AnvExportCounts counts = { 0 };
      g_autoptr (GError) error = NULL;
      gboolean ok = anv_export_write_counted (db, &options, targets[t], &counts, &error);

      if (!ok || counts.kind != ANV_OUTPUT_DESCRIPTOR || counts.descriptor != STDERR_FILENO)
        {
          dup2 (saved, STDERR_FILENO);
          g_error ("%s: %s, kind %d, descriptor %d", targets[t],
                   error ? error->message : "written", counts.kind, counts.descriptor);
        }
    }
  wrote_picture = anv_output_write_bytes (db, "/dev/stderr", "PICTURE", 7, NULL);
  g_assert_cmpint (dup2 (saved, STDERR_FILENO), ==, STDERR_FILENO);
  close (saved);
  g_assert_true (wrote_picture);

  g_assert_true (g_file_get_contents (log, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, earlier));
  g_assert_true (g_str_has_suffix (contents, "PICTURE"));
  for (const char *p = contents; (p = strstr (p, "Personnummer")) != NULL; p++)
    headings++;
  g_assert_cmpuint (headings, ==, 3);
  assert_no_temp_files (dir);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* To standard output: the log says so, in English whatever the
 * language, and names no file. */
static void
test_stdout_audit (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvAuditEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  AnvSummaryQuery query = { "2020-04", "2020-04", ANV_SERVICE_NONE, NULL };
  AnvExportOptions options = { ANV_EXPORT_SUMMARY, ANV_CSV_PROFILE_RFC4180, FALSE, &query };
  FILE *out = fopen ("/dev/null", "w");
  int saved = dup (STDOUT_FILENO);

  g_assert_nonnull (out);
  g_assert_cmpint (dup2 (fileno (out), STDOUT_FILENO), ==, STDOUT_FILENO);
  g_assert_true (anv_export_write_to_stdio (db, &options, stdout, "standardutdata", NULL,
                                            &error));
  fflush (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  fclose (out);
  g_assert_no_error (error);

  entry = last_audit (db, "export.summary");
  g_assert_nonnull (entry);
  g_assert_true (g_str_has_suffix (entry->details, ", rfc4180, to standard output"));
  g_assert_null (strstr (entry->details, "standardutdata"));
  g_assert_null (strstr (entry->details, cwd));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Exports @kind of @db to /dev/null as a stream, and checks that the
 * rows planned before its first byte are the rows it wrote: @rows, and
 * @left_out people with protected identity. */
static void
assert_planned_as_written (AnvDb         *db,
                           AnvExportKind  kind,
                           guint64        rows,
                           guint64        left_out)
{
  AnvExportOptions options = { kind, ANV_CSV_PROFILE_RFC4180, TRUE, NULL };
  AnvExportCounts counts = { 0 };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *written = NULL;
  FILE *out = fopen ("/dev/null", "w");

  g_assert_nonnull (out);
  g_assert_true (anv_export_write_to_stdio (db, &options, out, "null", &counts, &error));
  g_assert_no_error (error);
  fclose (out);
  g_assert_cmpuint (counts.rows, ==, rows);
  g_assert_cmpuint (counts.protected_left_out, ==, left_out);

  entries = anv_audit_list (db, NULL, NULL, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  planned = g_strdup_printf ("%" G_GUINT64_FORMAT " rows planned, full personnummer, %"
                             G_GUINT64_FORMAT " left out for protected identity, ",
                             rows, left_out);
  written = g_strdup_printf ("%" G_GUINT64_FORMAT " rows, full personnummer, %"
                             G_GUINT64_FORMAT " left out for protected identity, ",
                             rows, left_out);
  g_assert_true (g_str_has_prefix (((AnvAuditEntry *) entries->pdata[1])->details, planned));
  g_assert_true (g_str_has_prefix (((AnvAuditEntry *) entries->pdata[0])->details, written));
}

/* The count before a stream's first byte is made from the rows' own
 * FROM: a referral with a long provider history is one row, and a
 * protected person's are left out of both. */
static void
test_count_matches_rows (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);

  assert_planned_as_written (db, ANV_EXPORT_SEEKERS, 6, 2);
  assert_planned_as_written (db, ANV_EXPORT_REFERRALS, 0, 0);

  exec_sql (db,
            "INSERT INTO provider (id, orgnr, name, municipality_code, registered_on, "
            "  registered_by) VALUES "
            "  (1, '2021002114', 'Ett AB', '2480', '2020-01-01', 'tester'),"
            "  (2, '2021005489', 'Två AB', '0180', '2020-01-01', 'tester');");
  insert_referral (db, 1, g_ptr_array_index (digits, 0),
                   "'KROM', 'B', 'own', '2480', 1, '2020-04-01', '2020-04-16', "
                   "'2020-04-16', NULL, NULL, 0");
  insert_referral (db, 2, g_ptr_array_index (digits, 1),
                   "'STOM', '3', 'default', '0180', 0, '2020-05-04', '2020-05-18', "
                   "NULL, NULL, NULL, 0");
  insert_referral (db, 3, g_ptr_array_index (digits, 2),
                   "'KROM', 'A', 'own', '0180', 1, '2020-05-04', '2020-05-18', "
                   "NULL, NULL, NULL, 0");
  insert_referral (db, 4, g_ptr_array_index (digits, 7),
                   "'STOM', '1', 'own', '2480', 0, '2020-06-01', '2020-06-15', "
                   "NULL, NULL, NULL, 0");
  exec_sql (db,
            "INSERT INTO referral_provider (referral_id, provider_id, from_date, "
            "  outside_area, changed_by) VALUES "
            "  (1, 1, '2020-04-01', 0, 'tester'), (1, 2, '2020-06-01', 1, 'tester'),"
            "  (1, 1, '2020-08-01', 0, 'tester'), (3, 1, '2020-05-04', 0, 'tester'),"
            "  (3, 2, '2020-06-04', 0, 'tester');");

  assert_planned_as_written (db, ANV_EXPORT_REFERRALS, 2, 2);
  assert_planned_as_written (db, ANV_EXPORT_SEEKERS, 6, 2);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A reader that stops early (as `| head` does): the write fails with
 * EPIPE instead of the program ending on SIGPIPE, and the audit log holds
 * the extract, logged before its first byte with the rows planned, and
 * its stop. (Through a path, with a reader that takes some rows first:
 * test-export-interrupt.) */
static void
test_stream_reader_stops (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_RFC4180, TRUE, NULL };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) list_error = NULL;
  int fds[2];

  {
    g_autoptr (GError) error = NULL;
    g_autofree char *expected = NULL;
    FILE *file;

    g_assert_cmpint (pipe (fds), ==, 0);
    close (fds[0]);
    file = fdopen (fds[1], "w");
    g_assert_false (anv_export_write_to_stdio (db, &options, file, "the pipe", NULL, &error));
    g_assert_error (error, ANV_EXPORT_ERROR, ANV_EXPORT_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "stopped reading"));
    /* Nothing is left in its buffer to be written when it is closed */
    g_assert_cmpint (fclose (file), ==, 0);

    entries = anv_audit_list (db, NULL, NULL, NULL, 10, &list_error);
    g_assert_no_error (list_error);
    g_assert_cmpuint (entries->len, >=, 2);
    expected = g_strdup_printf ("6 rows planned, full personnummer, 2 left out for protected "
                                "identity, rfc4180, to /dev/fd/%d", fds[1]);
    g_assert_cmpstr (((AnvAuditEntry *) entries->pdata[1])->action, ==, "export.seekers");
    g_assert_cmpstr (((AnvAuditEntry *) entries->pdata[1])->details, ==, expected);
    g_free (expected);
    expected = g_strdup_printf ("stopped after at most 6 of 6 rows planned (reader closed), "
                                "to /dev/fd/%d", fds[1]);
    g_assert_cmpstr (((AnvAuditEntry *) entries->pdata[0])->details, ==, expected);
    g_clear_pointer (&entries, g_ptr_array_unref);
  }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The entries of an export into a pipe, as the audit dialog shows them
 * in Swedish; the log keeps them in English. */
static void
test_audit_describe_stream (void)
{
  static const struct
  {
    const char *action;
    const char *details;
    const char *shown;
  } cases[] = {
    { "export.referrals",
      "59765 rows planned, full personnummer, 235 left out for protected identity, excel-sv, "
      "to /dev/stdout",
      "59\u00a0765 planerade rader, fullständiga personnummer, utelämnade för skyddad "
      "identitet: 235, excel-sv, till /dev/stdout" },
    { "export.summary",
      "1 rows planned, 2020-01 to 2020-12, KROM, whole country, rfc4180, to standard output",
      "1 planerad rad, 2020-01 till 2020-12, KROM, Riket, rfc4180, till standard ut" },
    { "export.referrals",
      "stopped after at most 2169 of 59765 rows planned (reader closed), to /dev/stdout",
      "Avbröts efter högst 2\u00a0169 av 59\u00a0765 planerade rader (programmet som läste "
      "den slutade läsa), till /dev/stdout" },
    { "export.seekers",
      "stopped after at most 0 of 1 rows planned (signal 2), to /tmp/rör",
      "Avbröts efter högst 0 av 1 planerad rad (avbruten med Ctrl+C), till /tmp/rör" },
    { "export.seekers",
      "stopped after at most 0 of 1 rows planned (signal 15), to /tmp/rör",
      "Avbröts efter högst 0 av 1 planerad rad (avslutad av systemet eller ett annat program, "
      "signal 15), till /tmp/rör" },
    { "export.seekers",
      "stopped after at most 0 of 1 rows planned (database read failed), to /tmp/rör",
      "Avbröts efter högst 0 av 1 planerad rad (databasen kunde inte läsas), till /tmp/rör" },
  };
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));

  anv_i18n_init ();
  anv_test_set_language ("sv");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnvAuditEntry entry = { 0 };
      g_autoptr (AnvAuditDescription) description = NULL;

      entry.action = (char *) cases[i].action;
      entry.entity = (char *) "export";
      entry.details = (char *) cases[i].details;
      description = anv_audit_describe (&entry);
      g_assert_cmpstr (description->details, ==, cases[i].shown);
    }
  /* A file logged, then not named after all: said in Swedish too */
  {
    AnvAuditEntry entry = { 0 };
    g_autoptr (AnvAuditDescription) description = NULL;

    entry.action = (char *) "export.referrals";
    entry.entity = (char *) "export";
    entry.details = (char *) "not written, the extract logged above was removed: renaming it "
                             "failed (errno 36)";
    description = anv_audit_describe (&entry);
    g_assert_true (g_str_has_prefix (description->details, "Skrevs inte ändå: "));
  }
  anv_test_set_language (NULL);
  setlocale (LC_ALL, saved_locale);
}

/* The writer's codes: digits as a formula a spreadsheet keeps as text,
 * anything else as text (neutralised as ever). */
static void
test_writer_codes (void)
{
  static const struct { const char *code; const char *excel; const char *rfc; } cases[] = {
    { "0114", "\"=\"\"0114\"\"\"", "\"=\"\"0114\"\"\"" },
    { "01", "\"=\"\"01\"\"\"", "\"=\"\"01\"\"\"" },
    { "2480", "\"=\"\"2480\"\"\"", "\"=\"\"2480\"\"\"" },
    { "", "", "" },
    { NULL, "", "" },
    { "SE", "SE", "SE" },
    { "=1+1", "'=1+1", "'=1+1" },
    { "01;2", "\"01;2\"", "01;2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
      {
        g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
        g_autoptr (AnvCsvWriter) writer = anv_csv_writer_new_for_stream (stream, profiles[p]);
        g_autoptr (GError) error = NULL;
        g_autofree char *expected = NULL;
        const char *data;
        gsize length;

        anv_csv_writer_add_text (writer, "x");
        anv_csv_writer_add_code (writer, cases[i].code);
        g_assert_true (anv_csv_writer_end_row (writer, &error));
        g_assert_true (anv_csv_writer_flush (writer, &error));
        g_assert_no_error (error);
        g_output_stream_close (stream, NULL, NULL);
        data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
        length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
        expected = profiles[p] == ANV_CSV_PROFILE_EXCEL_SV
                   ? g_strdup_printf (BOM "x;%s\r\n", cases[i].excel)
                   : g_strdup_printf ("x,%s\r\n", cases[i].rfc);
        g_assert_cmpmem (data, length, expected, strlen (expected));
      }
}

/* An export to a symbolic link to a file replaces the file it points
 * to, and the link stays a link. */
static void
test_symlink_target (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) digits = add_seekers (db);
  g_autofree char *sub = g_build_filename (dir, "rapporter", NULL);
  g_autofree char *real = NULL;
  g_autofree char *link_path = g_build_filename (dir, "senaste.csv", NULL);
  g_autoptr (GPtrArray) records = NULL;
  AnvExportOptions options = { ANV_EXPORT_SEEKERS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  AnvExportCounts counts = { 0 };
  GStatBuf st;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  real = anv_test_write_file (sub, "arbetssokande.csv", "earlier export\r\n");
  g_assert_cmpint (symlink (real, link_path), ==, 0);

  export_ok (db, &options, link_path, &counts);
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  records = read_export (real, ANV_CSV_PROFILE_RFC4180);
  g_assert_cmpuint (records->len, ==, 7);
  assert_no_temp_files (dir);
  assert_no_temp_files (sub);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/parser", test_parser);
  g_test_add_func ("/export/writer/stream", test_writer_stream);
  g_test_add_func ("/export/writer/file", test_writer_file);
  g_test_add_func ("/export/writer/many-rows", test_writer_many_rows);
  g_test_add_func ("/export/writer/locale", test_writer_locale);
  g_test_add_func ("/export/profile", test_profile_parse);
  g_test_add_func ("/export/seekers", test_seekers);
  g_test_add_func ("/export/seekers/replace", test_seekers_replace);
  g_test_add_func ("/export/referrals", test_referrals);
  g_test_add_func ("/export/referrals/api", test_referrals_api);
  g_test_add_func ("/export/fail/missing-folder", test_fail_missing_folder);
  g_test_add_func ("/export/fail/folder-as-target", test_fail_folder_as_target);
  g_test_add_func ("/export/fail/not-writable", test_fail_not_writable);
  g_test_add_func ("/export/fail/errno-sentences", test_errno_sentences);
  g_test_add_func ("/export/fail/while-writing", test_fail_while_writing);
  g_test_add_func ("/export/fail/database", test_fail_database);
  g_test_add_func ("/export/summary", test_summary);
  g_test_add_func ("/export/summary/period", test_summary_period);
  g_test_add_func ("/export/writer/codes", test_writer_codes);
  g_test_add_func ("/export/refuses-database", test_refuses_database);
  g_test_add_func ("/export/refuses-any-database", test_refuses_any_database);
  g_test_add_func ("/export/special-files", test_special_files);
  g_test_add_func ("/export/device-full", test_device_full);
  g_test_add_func ("/export/stream-reader-stops", test_stream_reader_stops);
  g_test_add_func ("/export/count-matches-rows", test_count_matches_rows);
  g_test_add_func ("/export/stale-temps", test_stale_temps);
  g_test_add_func ("/export/stdout-audit", test_stdout_audit);
  g_test_add_func ("/export/descriptor-appends", test_descriptor_appends);
  g_test_add_func ("/export/symlink-target", test_symlink_target);
  /* Last: it reads the catalogue in Swedish */
  g_test_add_func ("/export/audit-describe-stream", test_audit_describe_stream);

  return g_test_run ();
}
