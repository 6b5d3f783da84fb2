/* test-import.c — tests for importing job seekers from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every personnummer here is one of Skatteverket's published test numbers
 * (data/skatteverket_test*.json), or such a number with its check digit
 * changed to make it wrong.
 */
#define G_LOG_DOMAIN "anvisa-test-import"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-availability.h"
#include "anv-csv-reader.h"
#include "anv-provider-import.h"
#include "anv-providers.h"
#include "anv-schema.h"
#include "anv-seeker-import.h"
#include "anv-seekers.h"
#include "anv-test-util.h"

/* What an import reported, row by row. */
typedef struct
{
  GString *errors;      /* "LINE:COLUMN|…" */
  GString *messages;    /* the messages, one a line */
  GArray  *progress;    /* guint64 done, per call */
  guint64  total;
} Collected;

static void
collected_init (Collected *collected)
{
  collected->errors = g_string_new (NULL);
  collected->messages = g_string_new (NULL);
  collected->progress = g_array_new (FALSE, FALSE, sizeof (guint64));
  collected->total = 0;
}

static void
collected_clear (Collected *collected)
{
  g_string_free (collected->errors, TRUE);
  g_string_free (collected->messages, TRUE);
  g_array_unref (collected->progress);
}

static void
row_error_cb (guint       line,
              const char *column,
              const char *message,
              gpointer    user_data)
{
  Collected *collected = user_data;

  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (strlen (message), >, 10);
  if (column != NULL)
    g_assert_true (g_utf8_validate (column, -1, NULL));

  if (collected->errors->len > 0)
    g_string_append_c (collected->errors, '|');
  g_string_append_printf (collected->errors, "%u:%s", line, column ? column : "-");
  g_string_append_printf (collected->messages, "%u: %s\n", line, message);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Collected *collected = user_data;

  g_array_append_val (collected->progress, done);
  collected->total = total;
}

static void
set_today (GDate *today)
{
  anv_test_date (today, 2026, 11, 22);
}

static gint64
count (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  gint64 n = anv_seekers_count (db, &error);

  g_assert_no_error (error);
  return n;
}

static guint
count_audit (AnvDb      *db,
             const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = anv_audit_list (db, NULL, NULL, NULL, 100000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((AnvAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0)
      n++;
  return n;
}

static char *
write_bytes (const char *dir,
             const char *name,
             const char *contents,
             gssize      length)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The table */

/* A file's bytes, NUL bytes and all, and their length */
#define BYTES(literal) literal, (gssize) sizeof (literal) - 1

typedef enum
{
  EXPECT_OK,
  EXPECT_BAD_ROWS,     /* ANV_IMPORT_ERROR_BAD_ROWS */
  EXPECT_SYNTAX,       /* ANV_CSV_ERROR_SYNTAX */
  EXPECT_HEADER,       /* ANV_CSV_ERROR_HEADER */
  EXPECT_EMPTY,        /* ANV_CSV_ERROR_EMPTY */
  EXPECT_FORMAT,       /* ANV_CSV_ERROR_FORMAT */
} Expect;

typedef struct
{
  const char *what;
  const char *contents;
  gssize      length;        /* -1: NUL-terminated */
  Expect      expect;
  guint       n_rows;
  const char *errors;        /* "LINE:COLUMN|…", or for a file error a word of it */
} ImportCase;

#define H_SV "personnummer;namn;kommun;postnummer;skyddad\n"
#define NUL_ROWS \
  H_SV \
  "198501012382;Anna\0Andersson;2480;;\n" \
  "8501012\0" "390;Bo Ek;2480;;\n" \
  "19850102-2381;Åsa Öberg;24\0" "80;;\n" \
  "198501022399;Östen Åkesson;2480;903\0 25;\n"

static const ImportCase cases[] = {
  /* Files that import */
  { "semicolons, Swedish headings, LF",
    H_SV
    "198501012382;Anna Andersson;2480;;nej\n"
    "850101-2390;Bo Ek;;903 25;\n"
    "19850102-2381;Åsa Öberg;2480;90325;ja\n",
    -1, EXPECT_OK, 3, "" },
  { "commas, English headings, BOM, CRLF",
    "\xef\xbb\xbf" "personnummer,name,municipality,postal_code,protected\r\n"
    "198501012382,Anna Andersson,2480,,no\r\n"
    "850101-2390,Bo Ek,,903 25,\r\n"
    "19850102-2381,Åsa Öberg,2480,90325,yes\r\n",
    -1, EXPECT_OK, 3, "" },
  { "semicolons, BOM, CRLF, no newline at the end",
    "\xef\xbb\xbf" H_SV
    "198501012382;Anna Andersson;2480;;\r\n"
    "850101-2390;Bo Ek;;903 25;",
    -1, EXPECT_OK, 2, "" },
  { "commas, no BOM, LF, columns in another order, capitals",
    "Namn,Postnummer,Personnummer\n"
    "Anna Andersson,903 25,198501012382\n"
    "\"Ek, Bo\",90325,850101-2390\n",
    -1, EXPECT_OK, 2, "" },
  { "quoted fields with separators and quotation marks",
    H_SV
    "\"198501012382\";\"Andersson; Anna\";\"2480\";\"\";\"\"\n"
    "850101-2390;\"Bo \"\"Bosse\"\" Ek\";2480;;\n",
    -1, EXPECT_OK, 2, "" },
  { "blank lines are skipped",
    "\n" H_SV "\n"
    "198501012382;Anna Andersson;2480;;\n"
    "\n\n;;;;\n"
    "850101-2390;Bo Ek;2480;;\n"
    "\n",
    -1, EXPECT_OK, 2, "" },
  { "only the header", H_SV, -1, EXPECT_OK, 0, "" },
  { "synonyms for the columns",
    "pnr;name;kommunkod;postnr;skyddad_identitet\n"
    "198501012382;Anna Andersson;2480;;0\n",
    -1, EXPECT_OK, 1, "" },

  /* Bad rows: nothing is stored, every bad field is named */
  { "one bad row among good ones",
    H_SV
    "198501012382;Anna Andersson;2480;;\n"
    "850101-2390;Bo Ek;9999;;\n"
    "19850102-2381;Åsa Öberg;2480;;\n",
    -1, EXPECT_BAD_ROWS, 3, "3:kommun" },
  { "every bad field of every row",
    H_SV
    "198501012383;;2480;;\n"
    "850101-2390;Bo Ek;;;\n"
    "19850102-2381;Åsa Öberg;0180;903 25;\n"
    "198501022399;Östen Åkesson;2480;903 2;\n"
    "198501032380;Björn Anderberg;2480;;kanske\n"
    "abc;Anna\tAndersson;2480;;\n",
    -1, EXPECT_BAD_ROWS, 6,
    "2:personnummer|2:namn|3:kommun|4:kommun|5:postnummer|6:skyddad|7:personnummer|7:namn" },
  { "line numbers after a field over several lines",
    H_SV
    "198501012382;\"Anna\n"
    "Andersson\";2480;;\n"
    "850101-2390;Bo Ek;9999;;\n"
    "19850102-2381;\"Åsa \"\"Åsan\"\" Öberg; jr\";2480;;\n"
    "19850102239X;Östen;2480;;\n"
    "198501032380;\"Björn\r\n"
    "\r\n"
    "Anderberg\";2480;;\n"
    "198501032398;Annika Lind;248;;\n",
    -1, EXPECT_BAD_ROWS, 6, "2:namn|4:kommun|6:personnummer|7:namn|10:kommun" },
  { "line numbers after blank lines, CRLF",
    "personnummer,name,municipality\r\n"
    "\r\n"
    "198501012382,Anna Andersson,2480\r\n"
    "\r\n"
    "\r\n"
    "850101-2390,,2480\r\n",
    -1, EXPECT_BAD_ROWS, 2, "6:name" },
  { "the same person twice in the file",
    H_SV
    "198501012382;Anna Andersson;2480;;\n"
    "850101-2390;Bo Ek;2480;;\n"
    "850101-2382;Anna Andersson;2480;;\n"
    "19850101-2390;Bo Ek;2480;;\n",
    -1, EXPECT_BAD_ROWS, 4, "4:personnummer|5:personnummer" },
  { "bytes neither UTF-8 nor Windows-1252 text",
    H_SV
    "198501012382;\x81" "berg Anna;2480;;\n"
    "850101-2390;Bo Ek;24\x8d" "0;;\n"
    "19850102-2381;Åsa;2480;9\x01\xe5" "325;\n",
    -1, EXPECT_BAD_ROWS, 3, "2:namn|3:kommun|4:postnummer" },
  { "UTF-8 with a byte or a name in Windows-1252 among it",
    H_SV
    "198501012382;Åsa Öberg;2480;;\n"
    "850101-2390;\xc5" "berg Bo;2480;;\n"
    "19850102-2381;Östen\xc3;2480;;\n",
    -1, EXPECT_BAD_ROWS, 3, "3:namn|4:namn" },
  { "a name in UTF-8 and a byte that is not, in one field",
    H_SV
    "198501012382;Åsa Öberg\xe5;2480;;\n",
    -1, EXPECT_BAD_ROWS, 1, "2:namn" },
  { "a value beyond the header's columns (a name with an unquoted separator)",
    "personnummer;namn;kommun\n"
    "198501012382;Andersson; Anna;2480\n"
    "850101-2390;Bo Ek;2480;;\n",
    -1, EXPECT_BAD_ROWS, 2, "2:-|2:kommun" },
  { "lines ended by a CR alone (old Mac files)",
    "personnummer;namn;kommun\r"
    "198501012382;Anna Andersson;2480\r"
    "850101-2390;Bo Ek;9999\r",
    -1, EXPECT_BAD_ROWS, 2, "3:kommun" },
  { "NUL bytes inside fields", NUL_ROWS, sizeof (NUL_ROWS) - 1, EXPECT_BAD_ROWS, 4,
    "2:namn|3:personnummer|4:kommun|5:postnummer" },
  { "no postal code where the file has no municipality column",
    "personnummer,name,postal_code\n"
    "198501012382,Anna Andersson,903 25\n"
    "850101-2390,Bo Ek,\n",
    -1, EXPECT_BAD_ROWS, 2, "3:postal_code" },
  { "a name too long",
    H_SV
    "198501012382;Anna Andersson Anna Andersson Anna Andersson Anna Andersson Anna "
    "Andersson Anna Andersson Anna Andersson Anna Andersson Anna Andersson Anna Andersson "
    "Anna Andersson Anna Andersson Anna Andersson Anna Andersson;2480;;\n",
    -1, EXPECT_BAD_ROWS, 1, "2:namn" },

  /* Files refused as a whole */
  { "empty file", "", -1, EXPECT_EMPTY, 0, "" },
  { "only a byte order mark", "\xef\xbb\xbf", -1, EXPECT_EMPTY, 0, "" },
  { "only blank lines", "\n\r\n;;\n", -1, EXPECT_EMPTY, 0, "" },
  { "unknown column",
    "personnummer;namn;kommun;telefon\n198501012382;Anna Andersson;2480;090-123456\n",
    -1, EXPECT_HEADER, 0, "telefon" },
  { "no name column",
    "personnummer;kommun\n198501012382;2480\n", -1, EXPECT_HEADER, 0, "" },
  { "no personnummer column",
    "namn;kommun\nAnna Andersson;2480\n", -1, EXPECT_HEADER, 0, "" },
  { "neither municipality nor postal code",
    "personnummer;namn\n198501012382;Anna Andersson\n", -1, EXPECT_HEADER, 0, "" },
  { "a column twice",
    "personnummer;namn;kommun;name\n198501012382;Anna;2480;Anna\n",
    -1, EXPECT_HEADER, 0, "name" },
  { "a column twice, in two languages",
    "personnummer;kommun;namn;kommunkod\n198501012382;2480;Anna;2480\n",
    -1, EXPECT_HEADER, 0, "kommunkod" },
  { "a heading in Windows-1252 (“ANSI”)",
    "personnummer;namn;kommun;\xc5lder\n198501012382;Anna;2480;40\n",
    -1, EXPECT_FORMAT, 0, "“import.csv” is saved as Windows-1252 (“ANSI”), not as UTF-8: "
    "the heading of column 4 reads “Ålder” only in Windows-1252. Open it in Excel" },
  { "rows in Windows-1252 (“ANSI”) under a header in ASCII, as Swedish Excel's “CSV”",
    H_SV
    "198501012382;Anna Andersson;2480;;\n"
    "850101-2390;\xc5sa \xd6" "berg;2480;;\n"
    "19850102-2381;Bo Ek;2480;;\n",
    -1, EXPECT_FORMAT, 0, "“import.csv” is saved as Windows-1252 (“ANSI”), not as UTF-8: "
    "on line 3, column 2 reads “Åsa Öberg” only in Windows-1252. Open it in Excel and "
    "choose Save As, file type “CSV UTF-8 (Comma delimited)”, or in LibreOffice Calc "
    "choose Save As, “Text CSV”, character set “Unicode (UTF-8)”" },
  { "a row in Windows-1252 with typographic marks, after a blank line",
    "personnummer,name,municipality\r\n"
    "198501012382,Anna Andersson,2480\r\n"
    "\r\n"
    "850101-2390,Bo \x96 \x93" "Ek\x94,2480\r\n",
    -1, EXPECT_FORMAT, 0, "on line 4, column 2 reads “Bo – “Ek”” only in Windows-1252" },
  { "a heading neither UTF-8 nor Windows-1252",
    "personnummer;namn;kommun;\x81lder\n198501012382;Anna;2480;40\n",
    -1, EXPECT_FORMAT, 0,
    "“import.csv” is not UTF-8 text: the heading of column 4 cannot be read." },
  { "UTF-16 LE with a byte order mark: Excel's “Unicode text”",
    BYTES ("\xff\xfep\0n\0r\0\t\0n\0a\0m\0n\0\r\0\n\0"),
    EXPECT_FORMAT, 0, "“import.csv” is saved as UTF-16 (“Unicode text”)" },
  { "UTF-16 BE with a byte order mark",
    BYTES ("\xfe\xff\0p\0n\0r\0;\0n\0a\0m\0n"),
    EXPECT_FORMAT, 0, "UTF-16" },
  { "UTF-16 LE without a byte order mark",
    BYTES ("p\0e\0r\0s\0o\0n\0n\0u\0m\0m\0e\0r\0;\0n\0a\0m\0n\0\n\0"),
    EXPECT_FORMAT, 0, "UTF-16" },
  { "UTF-16 BE without a byte order mark",
    BYTES ("\0p\0e\0r\0s\0o\0n\0n\0u\0m\0m\0e\0r\0;\0n\0a\0m\0n\0\n"),
    EXPECT_FORMAT, 0, "UTF-16" },
  { "an Excel workbook (.xlsx)",
    BYTES ("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0"
           "[Content_Types].xml"),
    EXPECT_FORMAT, 0, "“import.csv” is an Excel workbook (.xlsx), not a CSV file. Open it in "
    "Excel and choose Save As, file type “CSV UTF-8 (Comma delimited)”" },
  { "a LibreOffice Calc spreadsheet (.ods)",
    BYTES ("PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0"
           "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
    EXPECT_FORMAT, 0, "is a LibreOffice Calc spreadsheet (.ods), not a CSV file. Open it in "
    "Excel and choose Save As, file type “CSV UTF-8 (Comma delimited)”, or in LibreOffice "
    "Calc choose Save As, “Text CSV”, character set “Unicode (UTF-8)”" },
  { "another zip file",
    BYTES ("PK\x03\x04\x14\0\0\0\0\0"),
    EXPECT_FORMAT, 0, "is a compressed (zip) file" },
  { "an old Excel workbook (.xls)",
    BYTES ("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0\0\0\0\0"),
    EXPECT_FORMAT, 0, "is an Excel workbook (.xls), not a CSV file" },
  { "tab-separated, as Excel's “Text (Tab delimited)”",
    "personnummer\tnamn\tkommun\tpostnummer\n"
    "198501012382\tAnna Andersson\t2480\t\n"
    "19850102-2381\tÅberg, Bo\t\t111 20\n",
    -1, EXPECT_OK, 2, "" },
  { "tab-separated, with a tab too many in a row",
    "personnummer\tnamn\tkommun\n"
    "198501012382\tAnna\tAndersson\t2480\n",
    -1, EXPECT_BAD_ROWS, 1, "2:-|2:kommun" },
  { "personnummer in scientific notation, as a spreadsheet shows a number",
    H_SV
    "1,98501E+11;Anna Andersson;2480;;\n"
    "1.98501E+11;Bo Ek;2480;;\n"
    "198501012382;Anna Andersson;2480;;\n"
    "1E+11;Cecilia Ek;2480;;\n",
    -1, EXPECT_BAD_ROWS, 4, "2:personnummer|3:personnummer|5:personnummer" },
  { "a quotation mark never closed",
    H_SV
    "198501012382;Anna Andersson;2480;;\n"
    "850101-2390;\"Bo Ek;2480;;\n"
    "19850102-2381;Åsa Öberg;2480;;\n",
    -1, EXPECT_SYNTAX, 0, "Line 3" },
  { "a quotation mark inside a field",
    H_SV
    "198501012382;Anna Andersson;2480;;\n"
    "850101-2390;Bo \"Bosse\" Ek;2480;;\n"
    "19850102-2381;Åsa Öberg;2480;;\n",
    -1, EXPECT_SYNTAX, 0, "Line 3" },
  { "a quotation mark after a field over several lines",
    H_SV
    "198501012382;\"Anna\n"
    "Andersson\";2480;;\n"
    "850101-2390;\"Bo\" Ek;2480;;\n",
    -1, EXPECT_SYNTAX, 0, "Line 4" },
};

static void
run_case (const ImportCase *test)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = write_bytes (dir, "import.csv", test->contents, test->length);
  g_autoptr (GError) error = NULL;
  Collected collected;
  AnvImportReport report = { row_error_cb, progress_cb, &collected, 99, 99, 99 };
  GDate today;
  gboolean ok;

  g_test_message ("%s", test->what);
  collected_init (&collected);
  set_today (&today);
  ok = anv_seekers_import (db, path, &today, &report, &error);

  switch (test->expect)
    {
    case EXPECT_OK:
      if (!ok)
        g_error ("%s: %s\n%s", test->what, error->message, collected.messages->str);
      g_assert_cmpuint (report.n_rows, ==, test->n_rows);
      g_assert_cmpuint (report.n_bad_rows, ==, 0);
      g_assert_cmpuint (report.n_stored, ==, test->n_rows);
      g_assert_cmpint (count (db), ==, test->n_rows);
      g_assert_cmpuint (count_audit (db, "seeker.import"), ==, 1);
      break;

    case EXPECT_BAD_ROWS:
      g_assert_false (ok);
      g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
      g_assert_cmpuint (report.n_rows, ==, test->n_rows);
      g_assert_cmpuint (report.n_stored, ==, 0);
      g_assert_cmpint (count (db), ==, 0);
      g_assert_cmpuint (count_audit (db, "seeker.import"), ==, 0);
      break;

    case EXPECT_SYNTAX:
    case EXPECT_HEADER:
    case EXPECT_EMPTY:
    case EXPECT_FORMAT:
      g_assert_false (ok);
      if (!g_error_matches (error, ANV_CSV_ERROR,
                            test->expect == EXPECT_SYNTAX ? ANV_CSV_ERROR_SYNTAX
                            : test->expect == EXPECT_HEADER ? ANV_CSV_ERROR_HEADER
                            : test->expect == EXPECT_FORMAT ? ANV_CSV_ERROR_FORMAT
                                                            : ANV_CSV_ERROR_EMPTY))
        g_error ("%s: unexpected error %s", test->what, error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (*test->errors != '\0' && strstr (error->message, test->errors) == NULL)
        g_error ("%s: “%s” does not say “%s”", test->what, error->message, test->errors);
      /* Rows before a broken one are checked, and may have been reported. */
      if (test->expect != EXPECT_SYNTAX)
        g_assert_cmpstr (collected.errors->str, ==, "");
      g_assert_cmpuint (report.n_stored, ==, 0);
      g_assert_cmpint (count (db), ==, 0);
      g_assert_cmpuint (count_audit (db, "seeker.import"), ==, 0);
      break;

    default:
      g_assert_not_reached ();
    }

  if (test->expect == EXPECT_OK || test->expect == EXPECT_BAD_ROWS)
    {
      if (g_strcmp0 (collected.errors->str, test->errors) != 0)
        g_error ("%s: expected errors “%s”, got “%s”:\n%s", test->what, test->errors,
                 collected.errors->str, collected.messages->str);
      g_assert_cmpuint (report.n_bad_rows, ==,
                        test->expect == EXPECT_OK ? 0 : report.n_bad_rows);
    }

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_table (gconstpointer data)
{
  run_case (data);
}

/* What was stored, field by field. */
static void
test_stored_values (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) anna = NULL;
  g_autoptr (AnvSeeker) bo = NULL;
  g_autoptr (AnvSeeker) asa = NULL;
  g_autoptr (GPtrArray) found = NULL;
  AnvImportReport report = { 0 };
  GDate today;

  set_today (&today);
  path = anv_test_write_file (dir, "import.csv",
                              "\xef\xbb\xbf" H_SV
                              "198501012382;\"Andersson; Anna\";2480;;nej\r\n"
                              "850101-2390;\"Bo \"\"Bosse\"\" Ek\";;903 25;\r\n"
                              "19850102-2381;  A\xcc\x8asa Öberg ;0180;111 22;JA\r\n");
  g_assert_true (anv_seekers_import (db, path, &today, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_rows, ==, 3);
  g_assert_cmpuint (report.n_bad_rows, ==, 0);
  g_assert_cmpuint (report.n_stored, ==, 3);

  anna = anv_seekers_get (db, "198501012382", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (anna->name, ==, "Andersson; Anna");
  g_assert_cmpstr (anna->municipality_code, ==, "2480");
  g_assert_null (anna->postal_code);
  g_assert_false (anna->protected_identity);
  g_assert_cmpstr (anna->registered_on, ==, "2026-11-22");
  g_assert_cmpstr (anna->registered_by, ==, "tester");

  bo = anv_seekers_get (db, "198501012390", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bo->name, ==, "Bo \"Bosse\" Ek");
  g_assert_cmpstr (bo->municipality_code, ==, "2480");
  g_assert_cmpstr (bo->postal_code, ==, "90325");

  asa = anv_seekers_get (db, "198501022381", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (asa->name, ==, "Åsa Öberg");
  g_assert_cmpstr (asa->municipality_code, ==, "0180");
  g_assert_true (asa->protected_identity);
  g_assert_null (asa->postal_code);

  /* Imported names are found. */
  found = anv_seekers_search (db, "åsa", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = anv_seekers_search (db, "bosse", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Headings as written in the file name the bad columns. */
static void
test_column_headings (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  Collected collected;
  AnvImportReport report = { row_error_cb, NULL, &collected, 0, 0, 0 };
  GDate today;

  set_today (&today);
  collected_init (&collected);
  path = anv_test_write_file (dir, "import.csv",
                              "Pnr;Namn;Kommun\n"
                              "198501012383;;9999\n");
  g_assert_false (anv_seekers_import (db, path, &today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (collected.errors->str, ==, "2:Pnr|2:Namn|2:Kommun");
  g_assert_cmpuint (report.n_bad_rows, ==, 1);

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Against people registered before. */
static void
test_duplicate_of_stored (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) stored = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  AnvSeekerInput input = { "198501012382", "Anna Andersson", "2480", NULL, FALSE };
  Collected collected;
  AnvImportReport report = { row_error_cb, NULL, &collected, 0, 0, 0 };
  GDate today;

  set_today (&today);
  collected_init (&collected);
  stored = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);

  path = anv_test_write_file (dir, "import.csv",
                              H_SV
                              "850101-2390;Bo Ek;2480;;\n"
                              "850101-2382;Anna Andersson;0180;;\n");
  g_assert_false (anv_seekers_import (db, path, &today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (collected.errors->str, ==, "3:personnummer");
  g_assert_nonnull (strstr (collected.messages->str, "Anna Andersson"));
  g_assert_nonnull (strstr (collected.messages->str, "Umeå"));
  g_assert_null (strstr (collected.messages->str, "earlier line"));
  g_assert_cmpint (count (db), ==, 1);

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = g_build_filename (dir, "no-such-file.csv", NULL);
  g_autoptr (GError) error = NULL;
  AnvImportReport report = { 0 };
  GDate today;

  set_today (&today);
  g_assert_false (anv_seekers_import (db, path, &today, &report, &error));
  g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "no-such-file.csv"));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Rows go in by groups in one statement; a bad row, or a duplicate inside a
 * group, is still reported on its own line, and the rows around it are
 * stored as written. */
static void
test_groups (void)
{
  const guint n_rows = 300;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer (NULL, NULL, TRUE, n_rows);
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *good_path = NULL;
  GString *bad = g_string_new (H_SV);
  GString *good = g_string_new (H_SV);
  Collected collected;
  AnvImportReport report = { row_error_cb, NULL, &collected, 0, 0, 0 };
  GDate today;

  set_today (&today);
  collected_init (&collected);
  for (guint i = 0; i < n_rows; i++)
    {
      const char *number = g_ptr_array_index (numbers, i);
      g_autofree char *row = g_strdup_printf ("%s;Person%u Test;%s;%s;%s\n", number, i,
                                              i % 2 ? "2480" : "", i % 2 ? "" : "111 22",
                                              i % 3 == 0 ? "ja" : "");

      g_string_append (good, row);
      if (i == 70)           /* a wrong check digit, in the second group */
        g_string_append_printf (bad, "%.*s%c;Person%u Test;2480;;\n",
                                (int) strlen (number) - 1, number,
                                '0' + (number[strlen (number) - 1] - '0' + 1) % 10, i);
      else if (i == 130)     /* no name, in the third */
        g_string_append_printf (bad, "%s;;2480;;\n", number);
      else if (i == 200)     /* the number of row 5, in the fourth */
        g_string_append_printf (bad, "%s;Person%u Test;2480;;\n",
                                (char *) g_ptr_array_index (numbers, 5), i);
      else if (i == 299)     /* the number of row 260, after the last whole group */
        g_string_append_printf (bad, "%s;Person%u Test;2480;;\n",
                                (char *) g_ptr_array_index (numbers, 260), i);
      else
        g_string_append (bad, row);
    }
  bad_path = anv_test_write_file (dir, "bad.csv", bad->str);
  good_path = anv_test_write_file (dir, "good.csv", good->str);
  g_string_free (bad, TRUE);
  g_string_free (good, TRUE);

  g_assert_false (anv_seekers_import (db, bad_path, &today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpstr (collected.errors->str, ==,
                   "72:personnummer|132:namn|202:personnummer|301:personnummer");
  g_assert_cmpuint (report.n_rows, ==, n_rows);
  g_assert_cmpuint (report.n_bad_rows, ==, 4);
  g_assert_cmpuint (report.n_stored, ==, 0);
  g_assert_cmpint (count (db), ==, 0);

  g_assert_true (anv_seekers_import (db, good_path, &today, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_stored, ==, n_rows);
  g_assert_cmpint (count (db), ==, n_rows);

  /* Rows from inside groups, with and without postal code and protection. */
  for (guint i = 99; i <= 102; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person%u Test", i);

      seeker = anv_seekers_get (db, g_ptr_array_index (numbers, i), &today, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (seeker->name, ==, name);
      g_assert_cmpstr (seeker->municipality_code, ==, i % 2 ? "2480" : "0180");
      g_assert_true (seeker->protected_identity == (i % 3 == 0));
      if (i % 2 == 0 && i % 3 != 0)
        g_assert_cmpstr (seeker->postal_code, ==, "11122");
      else
        g_assert_null (seeker->postal_code);
      g_assert_cmpstr (seeker->registered_on, ==, "2026-11-22");
      g_clear_pointer (&seeker, anv_seeker_free);
    }

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A large file, streamed, with progress. */
static void
test_large (void)
{
  const guint n_rows = 20000;
  static const char *const places[][2] = {
    { "2480", "" }, { "", "903 25" }, { "0180", "111 22" }, { "1280", "" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer (NULL, NULL, TRUE, n_rows);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected_details = NULL;
  GString *csv = g_string_new ("\xef\xbb\xbfpersonnummer;namn;kommun;postnummer;skyddad\r\n");
  Collected collected;
  AnvImportReport report = { row_error_cb, progress_cb, &collected, 0, 0, 0 };
  AnvAuditEntry *entry;
  GDate today;
  gsize size;

  set_today (&today);
  collected_init (&collected);
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%s;\"Testperson%u, Ärlig\";%s;%s;%s\r\n",
                            (char *) g_ptr_array_index (numbers, i), i, places[i % 4][0],
                            places[i % 4][1], i % 97 == 0 ? "ja" : "");
  size = csv->len;
  path = write_bytes (dir, "large.csv", csv->str, (gssize) csv->len);
  g_string_free (csv, TRUE);

  if (!anv_seekers_import (db, path, &today, &report, &error))
    g_error ("%s\n%.2000s", error->message, collected.messages->str);
  g_assert_cmpstr (collected.errors->str, ==, "");
  g_assert_cmpuint (report.n_rows, ==, n_rows);
  g_assert_cmpuint (report.n_bad_rows, ==, 0);
  g_assert_cmpuint (report.n_stored, ==, n_rows);
  g_assert_cmpint (count (db), ==, n_rows);

  /* Progress now and then, growing, ending at the file's size. */
  g_assert_cmpuint (collected.progress->len, >=, 3);
  g_assert_cmpuint (collected.total, ==, size);
  for (guint i = 1; i < collected.progress->len; i++)
    g_assert_cmpuint (g_array_index (collected.progress, guint64, i), >=,
                      g_array_index (collected.progress, guint64, i - 1));
  g_assert_cmpuint (g_array_index (collected.progress, guint64, 0), <,
                    g_array_index (collected.progress, guint64, collected.progress->len - 1));
  g_assert_cmpuint (g_array_index (collected.progress, guint64, collected.progress->len - 1),
                    ==, size);

  /* One entry for the whole import. */
  entries = anv_audit_list (db, NULL, NULL, "tester", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "seeker.import");
  g_assert_cmpstr (entry->actor, ==, "tester");
  expected_details = g_strdup_printf ("%u rows", n_rows);
  g_assert_nonnull (strstr (entry->details, expected_details));

  found = anv_seekers_search (db, "testperson19999", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Another officer's program, on a connection of its own, writes while an
 * import runs: from its progress callback, as the import reads on after a
 * wrong row, and while the errors are reported. */
typedef struct
{
  const char *db_path;
  GPtrArray  *numbers;      /* one for each write */
  GDate       today;
  guint       n_writes;
  guint       n_rows_seen;
  gboolean    write_on_progress;
} OtherWriter;

static void
write_from_other (OtherWriter *other)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open (other->db_path, "other", &error);
  g_autoptr (AnvSeeker) added = NULL;
  AnvSeekerInput input = { NULL, "Annan Handläggare", "2480", NULL, FALSE };

  g_assert_no_error (error);
  input.personnummer = g_ptr_array_index (other->numbers, other->n_writes);
  added = anv_seekers_add (db, &input, &other->today, &error);
  g_assert_no_error (error);
  other->n_writes++;
}

static void
other_row_error_cb (guint       line,
                    const char *column,
                    const char *message,
                    gpointer    user_data)
{
  OtherWriter *other = user_data;

  if (other->n_rows_seen++ == 0)
    write_from_other (other);
}

static void
other_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  OtherWriter *other = user_data;

  if (other->write_on_progress)
    {
      other->write_on_progress = FALSE;
      write_from_other (other);
    }
}

/* A wrong row ends the import's transaction where it is met: the rest of
 * the file is read, and the errors are reported, with no lock held. */
static void
test_check_before_lock (void)
{
  const guint n_rows = 9000;
  const guint wrong = 100;      /* far before the first progress report */
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer (NULL, NULL, TRUE, n_rows + 4);
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *twice_path = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *expected = NULL;
  GString *bad = g_string_new (H_SV);
  GString *twice = g_string_new (H_SV);
  GString *good = g_string_new (H_SV);
  OtherWriter other = { anv_test_db_location (db), numbers, .write_on_progress = TRUE };
  AnvImportReport report = { other_row_error_cb, other_progress_cb, &other };
  Collected collected;
  AnvImportReport collect = { row_error_cb, NULL, &collected };

  set_today (&other.today);
  collected_init (&collected);
  for (guint i = 0; i < n_rows; i++)
    {
      /* The first four are the other writer's */
      const char *number = g_ptr_array_index (numbers, i + 4);

      g_string_append_printf (good, "%s;Person%u Test;2480;;\n", number, i);
      g_string_append_printf (bad, "%s;Person%u Test;%s;;\n", number, i,
                              i == wrong ? "9999" : "2480");
      g_string_append_printf (twice, "%s;Person%u Test;2480;;\n",
                              i == wrong ? (char *) g_ptr_array_index (numbers, 4) : number, i);
    }
  bad_path = anv_test_write_file (dir, "bad.csv", bad->str);
  twice_path = anv_test_write_file (dir, "twice.csv", twice->str);
  good_path = anv_test_write_file (dir, "good.csv", good->str);
  g_string_free (bad, TRUE);
  g_string_free (twice, TRUE);
  g_string_free (good, TRUE);

  /* A wrong field: the other program writes while the rest of the file is
   * read and while the error is reported. */
  g_assert_false (anv_seekers_import (db, bad_path, &other.today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (other.n_rows_seen, ==, 1);
  g_assert_cmpuint (other.n_writes, ==, 2);
  g_assert_cmpint (count (db), ==, 2);

  /* A personnummer twice in the file, which only the insert finds: the
   * same, and the same message as when a field is wrong too. */
  other.write_on_progress = TRUE;
  other.n_rows_seen = 0;
  g_assert_false (anv_seekers_import (db, twice_path, &other.today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (other.n_rows_seen, ==, 1);
  g_assert_cmpuint (other.n_writes, ==, 4);
  g_assert_cmpint (count (db), ==, 4);
  g_assert_false (anv_seekers_import (db, twice_path, &other.today, &collect, &error));
  g_clear_error (&error);
  expected = g_strdup_printf ("%u:personnummer", wrong + 2);
  g_assert_cmpstr (collected.errors->str, ==, expected);
  g_assert_nonnull (strstr (collected.messages->str, "is on line 2 of this file too"));
  g_assert_cmpuint (collect.n_bad_rows, ==, 1);

  /* A good file is read once and stored whole. */
  g_assert_true (anv_seekers_import (db, good_path, &other.today, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_stored, ==, n_rows);
  g_assert_cmpint (count (db), ==, n_rows + 4);

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_check_before_lock_others (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer (NULL, NULL, TRUE, 2);
  g_autoptr (GError) error = NULL;
  g_autofree char *providers = NULL;
  g_autofree char *periods = NULL;
  OtherWriter other = { anv_test_db_location (db), numbers };
  AnvImportReport report = { other_row_error_cb, NULL, &other };

  set_today (&other.today);
  providers = anv_test_write_file (dir, "providers.csv",
                                   "orgnr;namn;kommun\n"
                                   "202100-2114;Arbetsförmedlingen;0180\n"
                                   "5560000001;Rusta AB;9999\n");
  periods = anv_test_write_file (dir, "periods.csv",
                                 "service;municipality;valid_from;valid_to\n"
                                 "KROM;0180;2021-05-18;\n"
                                 "XROM;0180;2021-05-18;\n");

  g_assert_false (anv_providers_import (db, providers, &other.today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (other.n_writes, ==, 1);

  other.n_rows_seen = 0;
  g_assert_false (anv_availability_import (db, periods, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (other.n_writes, ==, 2);
  g_assert_cmpint (count (db), ==, 2);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Writes @head, then @repeat @n times in pieces, then @tail: a file far
 * larger than the memory the test holds. */
static char *
write_repeated (const char *dir,
                const char *name,
                const char *head,
                const char *repeat,
                guint       n,
                const char *tail)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                     NULL, &error);

  g_autoptr (GString) piece = g_string_new (NULL);
  guint per_piece = MAX (64 * 1024 / strlen (repeat), 1);

  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (out), head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  /* In pieces of about 64 KiB */
  for (guint i = 0; i < per_piece; i++)
    g_string_append (piece, repeat);
  for (guint i = 0; i < n; i += per_piece)
    {
      gsize length = strlen (repeat) * MIN (per_piece, n - i);

      g_output_stream_write_all (G_OUTPUT_STREAM (out), piece->str, length, NULL, NULL,
                                 &error);
      g_assert_no_error (error);
    }
  g_output_stream_write_all (G_OUTPUT_STREAM (out), tail, strlen (tail), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);
  return path;
}

/* A line or a row of 20 MB is refused when it passes the limit, having
 * read little more than the limit: memory and time stay bounded whatever
 * the file holds. */
static void
test_long_lines (void)
{
  static const struct
  {
    const char *what;
    const char *head;
    const char *repeat;
    const char *tail;
    const char *message;
  } cases[] = {
    { "a header line of 20 MB", "personnummer;namn;kommun",
      ";aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "\n", "Line 1 is longer than 1 MiB" },
    { "a field of 20 MB", H_SV "198501012382;Anna Andersson;2480;;\n850101-2390;",
      "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", ";2480;;\n", "Line 3 is longer than 1 MiB" },
    { "a quotation mark never closed, before 20 MB of short lines",
      H_SV "198501012382;\"Anna Andersson;2480;;\n",
      "850101-2390;Bo Ek;2480;; 12345678901234\n", "",
      "The row that starts on line 2 is longer than 1 MiB by line " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = NULL;
      g_autoptr (AnvDb) db = anv_test_open_db (&dir);
      /* 20 MB of 40-byte pieces */
      g_autofree char *path = write_repeated (dir, "long.csv", cases[i].head, cases[i].repeat,
                                              500000, cases[i].tail);
      g_autoptr (AnvCsvReader) reader = NULL;
      g_autoptr (GError) error = NULL;
      GDate today;

      g_test_message ("%s", cases[i].what);
      set_today (&today);
      g_assert_false (anv_seekers_import (db, path, &today, NULL, &error));
      g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_TOO_LONG);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("%s: “%s” does not start “%s”", cases[i].what, error->message,
                 cases[i].message);
      g_assert_cmpint (count (db), ==, 0);
      g_clear_error (&error);

      /* Refused early: the reader stopped soon after the limit. */
      reader = anv_csv_reader_new_for_path (path, &error);
      g_assert_no_error (error);
      while (anv_csv_reader_next (reader, &error))
        ;
      g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_TOO_LONG);
      g_assert_cmpuint (anv_csv_reader_bytes_read (reader), <=,
                        ANV_CSV_MAX_RECORD_BYTES + 2 * 64 * 1024);
      /* And stays at the end. */
      g_clear_error (&error);
      g_assert_false (anv_csv_reader_next (reader, &error));

      g_clear_object (&db);
      anv_test_remove_dir (dir);
    }
}

/* A personnummer or organisationsnummer that a spreadsheet showed as a
 * number in scientific notation: the message says what happened. */
static void
test_scientific_notation (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *seekers = anv_test_write_file (dir, "seekers.csv",
                                                  H_SV "1,98501E+11;Anna Andersson;2480;;\n");
  g_autofree char *providers = anv_test_write_file (dir, "providers.csv",
                                                    "orgnr;namn;kommun\n"
                                                    "5,56E+09;Rusta AB;2480\n");
  g_autoptr (GError) error = NULL;
  Collected collected;
  AnvImportReport report = { row_error_cb, NULL, &collected };
  GDate today;

  set_today (&today);
  collected_init (&collected);
  g_assert_false (anv_seekers_import (db, seekers, &today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_false (anv_providers_import (db, providers, &today, &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (collected.errors->str, ==, "2:personnummer|2:orgnr");
  g_assert_cmpstr (collected.messages->str, ==,
                   "2: The spreadsheet turned this number into a decimal number in scientific "
                   "notation (1,98501E+11), and its last digits are lost. Format the column as "
                   "Text before typing or pasting the numbers, then save the file as CSV "
                   "UTF-8.\n"
                   "2: The spreadsheet turned this number into a decimal number in scientific "
                   "notation (5,56E+09), and its last digits are lost. Format the column as "
                   "Text before typing or pasting the numbers, then save the file as CSV "
                   "UTF-8.\n");

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A named pipe, as a script gives one (`import seekers <(iconv …)`), can
 * be read only once: the imports read it in one pass. */
typedef struct
{
  const char *path;
  const char *contents;
} PipeWriter;

static gpointer
write_pipe_thread (gpointer data)
{
  PipeWriter *writer = data;
  int fd = open (writer->path, O_WRONLY);
  gsize length = strlen (writer->contents);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, writer->contents, length), ==, (gssize) length);
  close (fd);

  /* An import that opened the pipe again would wait there for ever: for
   * a while, end such a wait with an empty file, which it then refuses. */
  for (guint i = 0; i < 30; i++)
    {
      fd = open (writer->path, O_WRONLY | O_NONBLOCK);
      if (fd >= 0)
        close (fd);
      g_usleep (10 * 1000);
    }
  return NULL;
}

static gboolean
import_from_pipe (AnvDb            *db,
                  const char       *dir,
                  int               kind,
                  const char       *contents,
                  AnvImportReport  *report,
                  GError          **error)
{
  g_autofree char *path = g_build_filename (dir, "pipe.csv", NULL);
  PipeWriter writer = { path, contents };
  GThread *thread;
  GDate today;
  gboolean ok;

  set_today (&today);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("pipe-writer", write_pipe_thread, &writer);
  ok = kind == 0 ? anv_seekers_import (db, path, &today, report, error)
     : kind == 1 ? anv_providers_import (db, path, &today, report, error)
                 : anv_availability_import (db, path, report, error);
  g_thread_join (thread);
  g_unlink (path);
  return ok;
}

static void
test_pipe (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;
  Collected collected;
  AnvImportReport report = { row_error_cb, NULL, &collected };

  collected_init (&collected);

  /* Wrong rows, one of them a personnummer twice: reported, nothing stored */
  g_assert_false (import_from_pipe (db, dir, 0,
                                    H_SV
                                    "198501012382;Anna Andersson;2480;;\n"
                                    "850101-2390;;2480;;\n"
                                    "19850101-2382;Anna Andersson;2480;;\n",
                                    &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpstr (collected.errors->str, ==, "3:namn|4:personnummer");
  g_assert_nonnull (strstr (collected.messages->str, "4: 19850101-**** is on line 2 of this"));
  g_assert_cmpint (count (db), ==, 0);

  /* A personnummer twice, which the insert finds, and after it, with the
   * transaction ended, another: each with the line it repeats. */
  collected_clear (&collected);
  collected_init (&collected);
  g_assert_false (import_from_pipe (db, dir, 0,
                                    H_SV
                                    "198501012382;Anna Andersson;2480;;\n"
                                    "850101-2390;Bo Ek;2480;;\n"
                                    "19850101-2382;Anna Andersson;2480;;\n"
                                    "198501012390;Bo Ek;2480;;\n",
                                    &report, &error));
  g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpstr (collected.errors->str, ==, "4:personnummer|5:personnummer");
  g_assert_nonnull (strstr (collected.messages->str, "4: 19850101-**** is on line 2 of this"));
  g_assert_nonnull (strstr (collected.messages->str, "5: 19850101-**** is on line 3 of this"));
  g_assert_cmpuint (report.n_bad_rows, ==, 2);
  g_assert_cmpint (count (db), ==, 0);

  g_assert_true (import_from_pipe (db, dir, 0,
                                   H_SV
                                   "198501012382;Anna Andersson;2480;;\n"
                                   "850101-2390;Bo Ek;2480;;\n",
                                   &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_stored, ==, 2);
  g_assert_cmpint (count (db), ==, 2);

  g_assert_true (import_from_pipe (db, dir, 1,
                                   "orgnr;namn;kommun\n202100-2114;Arbetsförmedlingen;0180\n",
                                   &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_stored, ==, 1);

  g_assert_true (import_from_pipe (db, dir, 2,
                                   "service;municipality;valid_from;valid_to\n"
                                   "KROM;0180;2021-05-18;\n",
                                   &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_stored, ==, 1);

  collected_clear (&collected);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A file that Swedish Excel saved as “CSV (semikolonavgränsad)”: the
 * header in ASCII, the rows in Windows-1252. Each import refuses it as a
 * whole at the first such row, with one message and no row's, stores
 * nothing and holds no lock after. */
static void
test_windows_1252_rows (void)
{
  const guint n_rows = 3000;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer (NULL, NULL, TRUE, n_rows + 4);
  GString *seekers = g_string_new ("personnummer;namn;kommun\r\n");
  GString *wrong_first = g_string_new ("personnummer;namn;kommun\r\n");
  GString *providers = g_string_new ("orgnr;namn;kommun\r\n");
  GString *periods = g_string_new ("service;municipality;valid_from;valid_to\r\n");
  OtherWriter other = { anv_test_db_location (db), numbers };
  Collected collected;
  AnvImportReport report = { row_error_cb, NULL, &collected };
  struct
  {
    const char *what;
    GString    *contents;
    const char *message;
    const char *row_errors;
  } cases[] = {
    { "seekers", seekers, "on line 4, column 2 reads “Åsa Öberg” only in Windows-1252", "" },
    { "seekers, after a wrong row", wrong_first,
      "on line 4, column 2 reads “Åsa Öberg” only in Windows-1252", "2:kommun" },
    { "providers", providers, "on line 3, column 2 reads “Åkeri Öst AB” only in Windows-1252",
      "" },
    { "availability periods", periods, "on line 2, column 2 reads “Umeå” only in Windows-1252",
      "" },
  };
  GDate today;

  set_today (&today);
  other.today = today;
  g_string_append (providers, "202100-2114;Rusta AB;2480\r\n");
  for (guint i = 0; i < n_rows; i++)
    {
      /* The first four are the other writer's */
      const char *number = g_ptr_array_index (numbers, i + 4);
      const char *name = i % 3 == 2 ? "\xc5sa \xd6" "berg" : "Anna Andersson";

      g_string_append_printf (seekers, "%s;%s;2480\r\n", number, name);
      g_string_append_printf (wrong_first, "%s;%s;%s\r\n", number, name,
                              i == 0 ? "9999" : "2480");
      g_string_append_printf (providers, "5560000001;\xc5keri \xd6st AB;0180\r\n");
      g_string_append (periods, "KROM;Ume\xe5;2021-05-18;\r\n");
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = anv_test_write_file (dir, "excel.csv", cases[i].contents->str);
      g_autoptr (GError) error = NULL;
      gboolean ok;

      g_test_message ("%s", cases[i].what);
      collected_init (&collected);
      if (cases[i].contents == providers)
        ok = anv_providers_import (db, path, &today, &report, &error);
      else if (cases[i].contents == periods)
        ok = anv_availability_import (db, path, &report, &error);
      else
        ok = anv_seekers_import (db, path, &today, &report, &error);
      g_assert_false (ok);
      g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_FORMAT);
      g_assert_true (g_str_has_prefix (error->message,
                                       "The file “excel.csv” is saved as Windows-1252 (“ANSI”), "
                                       "not as UTF-8: "));
      if (strstr (error->message, cases[i].message) == NULL
          || strstr (error->message, "choose Save As, file type “CSV UTF-8") == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].what, error->message,
                 cases[i].message);
      g_assert_cmpstr (collected.errors->str, ==, cases[i].row_errors);
      g_assert_cmpuint (report.n_stored, ==, 0);
      collected_clear (&collected);

      /* Nothing stored, and no lock held: another program writes. */
      g_assert_cmpint (count (db), ==, other.n_writes);
      write_from_other (&other);
      g_assert_cmpint (count (db), ==, other.n_writes);
    }
  g_assert_cmpuint (count_audit (db, "seeker.import"), ==, 0);
  g_assert_cmpuint (count_audit (db, "provider.import"), ==, 0);
  g_assert_cmpuint (count_audit (db, "availability.set"), ==, 0);

  g_string_free (seekers, TRUE);
  g_string_free (wrong_first, TRUE);
  g_string_free (providers, TRUE);
  g_string_free (periods, TRUE);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The three imports run on one driver: one error for bad rows, one
 * message, the file's headings in the reports, one error for an empty
 * file. */
static void
test_one_driver (void)
{
  static const struct
  {
    char        kind;     /* s job seekers, p providers, a availability */
    const char *text;
    const char *errors;
  } cases[] = {
    { 's', "personnummer;name;municipality\n"
           "x;Anna Andersson;2480\n"
           "19850101-2382;;2480\n", "2:personnummer|3:name" },
    { 'p', "orgnr;namn;kommun\n"
           "123;Alfa AB;2480\n"
           "5560000001;Alfa AB;9999\n", "2:orgnr|3:kommun" },
    { 'a', "service;municipality;valid_from\n"
           "XROM;2480;2021-01-01\n"
           "KROM;2480;2021-13-01\n", "2:service|3:valid_from" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  GDate today;

  set_today (&today);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (guint empty = 0; empty <= 1; empty++)
        {
          g_autofree char *path = anv_test_write_file (dir, "file.csv",
                                                       empty ? "" : cases[i].text);
          g_autoptr (GError) error = NULL;
          Collected collected;
          AnvImportReport report = { row_error_cb, progress_cb, &collected, 0, 0, 0 };
          gboolean ok;

          collected_init (&collected);
          if (cases[i].kind == 's')
            ok = anv_seekers_import (db, path, &today, &report, &error);
          else if (cases[i].kind == 'p')
            ok = anv_providers_import (db, path, &today, &report, &error);
          else
            ok = anv_availability_import (db, path, &report, &error);

          g_assert_false (ok);
          if (empty)
            g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_EMPTY);
          else
            {
              g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
              g_assert_cmpstr (error->message, ==,
                               "2 rows are wrong, so nothing was imported. Correct them "
                               "and import the file again.");
              g_assert_cmpstr (collected.errors->str, ==, cases[i].errors);
              g_assert_cmpuint (report.n_rows, ==, 2);
              g_assert_cmpuint (report.n_bad_rows, ==, 2);
              g_assert_cmpuint (collected.progress->len, >=, 1);
              for (guint j = 0; j < collected.progress->len; j++)
                g_assert_cmpuint (g_array_index (collected.progress, guint64, j), <=,
                                  strlen (cases[i].text));
            }
          g_assert_cmpuint (report.n_stored, ==, 0);
          collected_clear (&collected);
        }
    }
  g_assert_cmpint (count (db), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import/file/%02u", i);

      g_test_add_data_func (name, &cases[i], test_table);
    }
  g_test_add_func ("/import/stored-values", test_stored_values);
  g_test_add_func ("/import/column-headings", test_column_headings);
  g_test_add_func ("/import/duplicate-of-stored", test_duplicate_of_stored);
  g_test_add_func ("/import/missing-file", test_missing_file);
  g_test_add_func ("/import/groups", test_groups);
  g_test_add_func ("/import/large", test_large);
  g_test_add_func ("/import/check-before-lock", test_check_before_lock);
  g_test_add_func ("/import/check-before-lock-others", test_check_before_lock_others);
  g_test_add_func ("/import/long-lines", test_long_lines);
  g_test_add_func ("/import/scientific-notation", test_scientific_notation);
  g_test_add_func ("/import/pipe", test_pipe);
  g_test_add_func ("/import/windows-1252-rows", test_windows_1252_rows);
  g_test_add_func ("/import/one-driver", test_one_driver);

  return g_test_run ();
}
