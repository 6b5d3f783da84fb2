/* test-availability.c — tests for where and when each matching service
 * applies, and for the reasons a referral ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-test-availability"

#include <string.h>

#include "anv-audit.h"
#include "anv-availability.h"
#include "anv-csv-reader.h"
#include "anv-date.h"
#include "anv-end-reasons.h"
#include "anv-municipalities.h"
#include "anv-test-util.h"

/* Helpers */

/* The periods of a municipality as "STOM 2014-12-01..2020-03-29|KROM
 * 2020-03-30..", in order. */
static char *
describe_periods (AnvDb      *db,
                  const char *municipality)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) periods = anv_availability_list (db, municipality, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < periods->len; i++)
    {
      AnvAvailability *a = g_ptr_array_index (periods, i);

      g_assert_cmpstr (a->municipality_code, ==, municipality);
      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append_printf (text, "%s %s..%s", anv_service_code (a->service), a->valid_from,
                              a->valid_to ? a->valid_to : "");
    }
  return g_string_free (text, FALSE);
}

static void
assert_periods (AnvDb      *db,
                const char *municipality,
                const char *expected)
{
  g_autofree char *actual = describe_periods (db, municipality);

  if (g_strcmp0 (actual, expected) != 0)
    g_error ("%s: expected “%s”, got “%s”", municipality, expected, actual);
}

static void
set_date (GDate      *date,
          const char *iso)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (anv_date_parse (iso, date, &error));
  g_assert_no_error (error);
}

static gboolean
set_period (AnvDb       *db,
            AnvService   service,
            const char  *municipality,
            const char  *from,
            const char  *to,
            GError     **error)
{
  GDate first, last;

  set_date (&first, from);
  if (to != NULL)
    set_date (&last, to);
  return anv_availability_set (db, service, municipality, &first, to ? &last : NULL, error);
}

static AnvService
service_on (AnvDb      *db,
            const char *municipality,
            const char *iso)
{
  g_autoptr (GError) error = NULL;
  AnvService service;
  GDate date;

  set_date (&date, iso);
  service = anv_availability_service_on (db, municipality, &date, &error);
  g_assert_no_error (error);
  return service;
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

#define UMEA_SHIPPED      "STOM 2014-12-01..2020-03-29|KROM 2020-03-30.."
#define STOCKHOLM_SHIPPED "STOM 2014-12-01..2021-12-06|KROM 2021-12-07.."

/* Setting periods */

typedef struct
{
  AnvService  service;
  const char *municipality;
  const char *from;
  const char *to;
  const char *periods;   /* of the municipality afterwards */
} SetStep;

static void
test_set (void)
{
  static const SetStep steps[] = {
    /* KROM from 2021-05-18: STOM ends the day before. */
    { ANV_SERVICE_KROM, "0180", "2021-05-18", NULL,
      "STOM 2014-12-01..2021-05-17|KROM 2021-05-18.." },
    /* The same again changes nothing. */
    { ANV_SERVICE_KROM, "0180", "2021-05-18", NULL,
      "STOM 2014-12-01..2021-05-17|KROM 2021-05-18.." },
    /* A closed period in the middle splits the one around it. */
    { ANV_SERVICE_STOM, "2480", "2022-01-01", "2022-06-30",
      "STOM 2014-12-01..2020-03-29|KROM 2020-03-30..2021-12-31|STOM 2022-01-01..2022-06-30|"
      "KROM 2022-07-01.." },
    { ANV_SERVICE_STOM, "2480", "2022-01-01", "2022-06-30",
      "STOM 2014-12-01..2020-03-29|KROM 2020-03-30..2021-12-31|STOM 2022-01-01..2022-06-30|"
      "KROM 2022-07-01.." },
    /* A period over several: they give way. */
    { ANV_SERVICE_KROM, "2480", "2020-03-01", "2023-12-31",
      "STOM 2014-12-01..2020-02-29|KROM 2020-03-01..2023-12-31|KROM 2024-01-01.." },
    /* One day. */
    { ANV_SERVICE_STOM, "2480", "2023-05-05", "2023-05-05",
      "STOM 2014-12-01..2020-02-29|KROM 2020-03-01..2023-05-04|STOM 2023-05-05..2023-05-05|"
      "KROM 2023-05-06..2023-12-31|KROM 2024-01-01.." },
    /* Before everything: nothing gives way. */
    { ANV_SERVICE_STOM, "2480", "2010-01-01", "2014-11-30",
      "STOM 2010-01-01..2014-11-30|STOM 2014-12-01..2020-02-29|KROM 2020-03-01..2023-05-04|"
      "STOM 2023-05-05..2023-05-05|KROM 2023-05-06..2023-12-31|KROM 2024-01-01.." },
    /* From the very start, until further notice: one period is left. */
    { ANV_SERVICE_KROM, " 2480 ", "2010-01-01", NULL, "KROM 2010-01-01.." },
    /* Starting on the first day of an open period. */
    { ANV_SERVICE_STOM, "0180", "2021-05-18", NULL,
      "STOM 2014-12-01..2021-05-17|STOM 2021-05-18.." },
    /* Ending on the last day of a closed one. */
    { ANV_SERVICE_KROM, "0180", "2015-01-01", "2021-05-17",
      "STOM 2014-12-01..2014-12-31|KROM 2015-01-01..2021-05-17|STOM 2021-05-18.." },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GError) error = NULL;

  assert_periods (db, "2480", UMEA_SHIPPED);
  assert_periods (db, "0180", STOCKHOLM_SHIPPED);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (steps[i].municipality));

      if (!set_period (db, steps[i].service, steps[i].municipality, steps[i].from,
                       steps[i].to, &error))
        g_error ("step %u: %s", i, error->message);
      assert_periods (db, code, steps[i].periods);
    }
  g_assert_cmpuint (count_audit (db, "availability.set"), ==, G_N_ELEMENTS (steps));

  /* Other municipalities are untouched. */
  assert_periods (db, "1280", STOCKHOLM_SHIPPED);
  all = anv_availability_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 290 * 2 - 4 + 1 + 3);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* "STOM 2014-12-01..2021-05-17" */
static void
append_period (GString               *out,
               const AnvAvailability *p)
{
  g_string_append_printf (out, "%s %s..%s", anv_service_code (p->service), p->valid_from,
                          p->valid_to ? p->valid_to : "");
}

/* What anv_availability_set_full() says gave way: each change as
 * "BEFORE>AFTER+AFTER" ("BEFORE>" when removed), separated by "|". */
static const SetStep change_steps[] = {
  /* Shipped: STOM 2014-12-01..2021-12-06, KROM 2021-12-07.. in Stockholm. */
  { ANV_SERVICE_KROM, "0180", "2021-05-18", NULL,
    "STOM 2014-12-01..2021-12-06>STOM 2014-12-01..2021-05-17|"
    "KROM 2021-12-07..>" },
  /* The same again: nothing changes. */
  { ANV_SERVICE_KROM, "0180", "2021-05-18", NULL, "" },
  { ANV_SERVICE_STOM, "0180", "2022-01-01", "2022-06-30",
    "KROM 2021-05-18..>KROM 2021-05-18..2021-12-31+KROM 2022-07-01.." },
  { ANV_SERVICE_STOM, "0180", "2021-12-01", "2022-01-31",
    "KROM 2021-05-18..2021-12-31>KROM 2021-05-18..2021-11-30|"
    "STOM 2022-01-01..2022-06-30>STOM 2022-02-01..2022-06-30" },
  /* Before everything: nothing gives way. */
  { ANV_SERVICE_STOM, "0180", "2010-01-01", "2014-11-30", "" },
};

/* availability set says which periods gave way, and how. */
static void
test_set_changes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  for (guint i = 0; i < G_N_ELEMENTS (change_steps); i++)
    {
      const SetStep *step = &change_steps[i];
      g_autoptr (GPtrArray) changes = NULL;
      g_autoptr (GString) said = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      GDate first, last;

      set_date (&first, step->from);
      if (step->to != NULL)
        set_date (&last, step->to);
      if (!anv_availability_set_full (db, step->service, step->municipality, &first,
                                      step->to ? &last : NULL, &changes, &error))
        g_error ("step %u: %s", i, error->message);
      for (guint c = 0; c < changes->len; c++)
        {
          AnvAvailabilityChange *change = g_ptr_array_index (changes, c);

          if (c > 0)
            g_string_append_c (said, '|');
          append_period (said, change->before);
          g_string_append_c (said, '>');
          for (guint a = 0; a < change->after->len; a++)
            {
              if (a > 0)
                g_string_append_c (said, '+');
              append_period (said, g_ptr_array_index (change->after, a));
            }
        }
      if (strcmp (said->str, step->periods) != 0)
        g_error ("step %u: said “%s”, not “%s”", i, said->str, step->periods);
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_service_on (void)
{
  static const struct
  {
    const char *municipality;
    const char *date;
    AnvService  service;
  } cases[] = {
    { "0180", "2014-11-30", ANV_SERVICE_NONE },
    { "0180", "2014-12-01", ANV_SERVICE_STOM },
    { "0180", "2021-05-17", ANV_SERVICE_STOM },
    { "0180", "2021-05-18", ANV_SERVICE_KROM },
    { "0180", "2021-12-31", ANV_SERVICE_KROM },
    { "0180", "2199-12-31", ANV_SERVICE_KROM },
    { "2480", "2022-01-01", ANV_SERVICE_STOM },
    { "2480", "2022-06-30", ANV_SERVICE_STOM },
    { "2480", "2022-07-01", ANV_SERVICE_KROM },
    { "2480", "2021-12-31", ANV_SERVICE_KROM },
    { "2480", "2020-03-29", ANV_SERVICE_STOM },
    { "2480", "2020-03-30", ANV_SERVICE_KROM },
    { "2480", "2020-02-29", ANV_SERVICE_STOM },
    { "9999", "2022-01-01", ANV_SERVICE_NONE },
    { "", "2022-01-01", ANV_SERVICE_NONE },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GError) error = NULL;

  g_assert_true (set_period (db, ANV_SERVICE_KROM, "0180", "2021-05-18", NULL, &error));
  g_assert_true (set_period (db, ANV_SERVICE_STOM, "2480", "2022-01-01", "2022-06-30", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnvService service = service_on (db, cases[i].municipality, cases[i].date);

      if (service != cases[i].service)
        g_error ("%s on %s: expected %s, got %s", cases[i].municipality, cases[i].date,
                 anv_service_code (cases[i].service), anv_service_code (service));
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The rule for periods already read agrees with the database's, case by
 * case: first and last day included, no last day open, text dates. Each
 * case makes Umeå (2480) Rusta och matcha from 2022 on, then sets one
 * period of Stöd och matchning there. */
static void
test_holds_on (void)
{
  static const struct
  {
    const char *from;
    const char *to;         /* NULL: until further notice */
    const char *day;
    gboolean    holds;
    gboolean    ended;
    gboolean    begins;
  } cases[] = {
    { "2022-03-30", "2022-12-31", "2022-03-29", FALSE, FALSE, TRUE },   /* the day before */
    { "2022-03-30", "2022-12-31", "2022-03-30", TRUE, FALSE, FALSE },   /* the first day */
    { "2022-03-30", "2022-12-31", "2022-07-01", TRUE, FALSE, FALSE },
    { "2022-03-30", "2022-12-31", "2022-12-31", TRUE, FALSE, FALSE },   /* the last day */
    { "2022-03-30", "2022-12-31", "2023-01-01", FALSE, TRUE, FALSE },   /* the day after */
    { "2022-03-30", "2022-03-30", "2022-03-30", TRUE, FALSE, FALSE },   /* one day long */
    { "2022-03-30", "2022-03-30", "2022-03-31", FALSE, TRUE, FALSE },
    { "2022-03-30", NULL, "2022-03-29", FALSE, FALSE, TRUE },
    { "2022-03-30", NULL, "2022-03-30", TRUE, FALSE, FALSE },
    { "2022-03-30", NULL, "2199-12-31", TRUE, FALSE, FALSE },           /* open: no end */
    { "2022-12-31", "2023-01-01", "2023-01-01", TRUE, FALSE, FALSE },   /* over the new year */
    { "2022-12-31", "2023-01-01", "2023-01-02", FALSE, TRUE, FALSE },
    { "2024-02-29", "2024-02-29", "2024-02-28", FALSE, FALSE, TRUE },   /* a leap day */
    { "2024-02-29", "2024-02-29", "2024-02-29", TRUE, FALSE, FALSE },
    { "2024-02-29", "2024-02-29", "2024-03-01", FALSE, TRUE, FALSE },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) periods = NULL;
      const AnvAvailability *period = NULL;
      gboolean in_database;
      GDate day;

      g_assert_true (set_period (db, ANV_SERVICE_KROM, "2480", "2022-01-01", NULL,
                                 &error));
      g_assert_true (set_period (db, ANV_SERVICE_STOM, "2480", cases[i].from, cases[i].to,
                                 &error));
      g_assert_no_error (error);
      periods = anv_availability_list (db, "2480", &error);
      g_assert_no_error (error);
      for (guint j = 0; j < periods->len; j++)
        {
          const AnvAvailability *p = g_ptr_array_index (periods, j);

          if (p->service == ANV_SERVICE_STOM && strcmp (p->valid_from, cases[i].from) == 0)
            period = p;
        }
      g_assert_nonnull (period);
      g_assert_cmpstr (period->valid_to, ==, cases[i].to);

      set_date (&day, cases[i].day);
      in_database = service_on (db, "2480", cases[i].day) == ANV_SERVICE_STOM;
      if (anv_availability_holds_on (period, &day) != cases[i].holds
          || in_database != cases[i].holds
          || anv_availability_ended_before (period, &day) != cases[i].ended
          || anv_availability_begins_after (period, &day) != cases[i].begins)
        g_error ("case %u (%s..%s on %s): holds %d, in the database %d, ended %d, begins %d",
                 i, cases[i].from, cases[i].to ? cases[i].to : "", cases[i].day,
                 anv_availability_holds_on (period, &day), in_database,
                 anv_availability_ended_before (period, &day),
                 anv_availability_begins_after (period, &day));
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_set_refused (void)
{
  static const struct
  {
    const char *municipality;
    const char *from;
    const char *to;
    const char *domain;   /* "municipality" or "availability" */
    int         code;
  } cases[] = {
    { "9999", "2021-01-01", NULL, "municipality", ANV_MUNICIPALITY_ERROR_UNKNOWN },
    { "", "2021-01-01", NULL, "municipality", ANV_MUNICIPALITY_ERROR_UNKNOWN },
    { "Umeå", "2021-01-01", NULL, "municipality", ANV_MUNICIPALITY_ERROR_UNKNOWN },
    { "2480", "2021-01-02", "2021-01-01", "availability", ANV_AVAILABILITY_ERROR_PERIOD },
    { "2480", "2021-01-01", "2020-12-31", "availability", ANV_AVAILABILITY_ERROR_PERIOD },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (set_period (db, ANV_SERVICE_KROM, cases[i].municipality, cases[i].from,
                                  cases[i].to, &error));
      if (strcmp (cases[i].domain, "municipality") == 0)
        g_assert_error (error, ANV_MUNICIPALITY_ERROR, cases[i].code);
      else
        g_assert_error (error, ANV_AVAILABILITY_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  assert_periods (db, "2480", UMEA_SHIPPED);
  g_assert_cmpuint (count_audit (db, "availability.set"), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_set_audited (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  AnvAuditEntry *entry;

  g_assert_true (set_period (db, ANV_SERVICE_KROM, "0180", "2021-05-18", NULL, &error));
  g_assert_true (set_period (db, ANV_SERVICE_STOM, "2480", "2022-01-01", "2022-06-30", &error));
  g_assert_no_error (error);

  entries = anv_audit_list (db, NULL, NULL, "tester", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "availability.set");
  g_assert_cmpstr (entry->entity, ==, "municipality");
  g_assert_cmpstr (entry->entity_id, ==, "2480");
  g_assert_cmpstr (entry->details, ==, "STOM 2480 2022-01-01..2022-06-30");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->entity_id, ==, "0180");
  g_assert_cmpstr (entry->details, ==, "KROM 0180 2021-05-18..");

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Importing periods */

typedef struct
{
  GString *errors;
  GString *messages;
} Collected;

static void
row_error_cb (guint       line,
              const char *column,
              const char *message,
              gpointer    user_data)
{
  Collected *collected = user_data;

  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (strlen (message), >, 10);
  if (collected->errors->len > 0)
    g_string_append_c (collected->errors, '|');
  g_string_append_printf (collected->errors, "%u:%s", line, column ? column : "-");
  g_string_append_printf (collected->messages, "%u: %s\n", line, message);
}

typedef enum
{
  EXPECT_OK,
  EXPECT_BAD_ROWS,
  EXPECT_HEADER,
  EXPECT_EMPTY,
  EXPECT_SYNTAX,
} Expect;

typedef struct
{
  const char *what;
  const char *contents;
  Expect      expect;
  guint       n_rows;
  const char *errors;       /* "LINE:COLUMN|…" */
  const char *stockholm;    /* 0180's periods afterwards */
  const char *umea;         /* 2480's */
} ImportCase;

static const ImportCase import_cases[] = {
  { "two periods",
    "service;municipality;valid_from;valid_to\n"
    "KROM;0180;2021-05-18;\n"
    "STOM;2480;2022-01-01;2022-06-30\n",
    EXPECT_OK, 2, "",
    "STOM 2014-12-01..2021-05-17|KROM 2021-05-18..",
    "STOM 2014-12-01..2020-03-29|KROM 2020-03-30..2021-12-31|STOM 2022-01-01..2022-06-30|"
    "KROM 2022-07-01.." },
  { "Swedish headings, commas, BOM, CRLF, no end column",
    "\xef\xbb\xbf" "Tjänst,Kommun,Från\r\n"
    "krom,0180,2021-05-18\r\n",
    EXPECT_OK, 1, "", "STOM 2014-12-01..2021-05-17|KROM 2021-05-18..", UMEA_SHIPPED },
  { "in file order: later rows win",
    "service;municipality;valid_from;valid_to\n"
    "STOM;2480;2022-01-01;2022-06-30\n"
    "\n"
    "KROM;2480;2022-03-01;\n",
    EXPECT_OK, 2, "", STOCKHOLM_SHIPPED,
    "STOM 2014-12-01..2020-03-29|KROM 2020-03-30..2021-12-31|STOM 2022-01-01..2022-02-28|"
    "KROM 2022-03-01.." },
  { "only the header", "service;municipality;valid_from;valid_to\n", EXPECT_OK, 0, "",
    STOCKHOLM_SHIPPED, UMEA_SHIPPED },
  { "bad rows: nothing is stored",
    "service;municipality;valid_from;valid_to\n"
    "KROM;0180;2021-05-18;\n"
    "XROM;0180;2021-05-18;\n"
    "KROM;9999;2021-01-01;\n"
    "KROM;0180;2021-13-01;\n"
    "KROM;0180;2021-01-01;2020-01-01\n"
    "KROM;0180;2021-01-01;2021-02-30\n"
    ";;;2021-02-30\n"
    "STOM;2480;2022-01-01;2022-06-30\n",
    EXPECT_BAD_ROWS, 8,
    "3:service|4:municipality|5:valid_from|6:valid_to|7:valid_to|"
    "8:service|8:municipality|8:valid_from|8:valid_to",
    STOCKHOLM_SHIPPED, UMEA_SHIPPED },
  { "bad rows named by the file's headings, after a field over two lines",
    "Tjänst;Kommun;Från;Till\n"
    "\"KROM\";\"01\n80\";2021-05-18;\n"
    "STOM;2480;2022-06-30;2022-01-01\n",
    EXPECT_BAD_ROWS, 2, "2:Kommun|4:Till", STOCKHOLM_SHIPPED, UMEA_SHIPPED },
  { "not UTF-8",
    "service;municipality;valid_from;valid_to\n"
    "K\x81OM;2480;2022-01-01;\n",
    EXPECT_BAD_ROWS, 1, "2:service", STOCKHOLM_SHIPPED, UMEA_SHIPPED },
  { "no service column",
    "municipality;valid_from\n0180;2021-05-18\n", EXPECT_HEADER, 0, "",
    STOCKHOLM_SHIPPED, UMEA_SHIPPED },
  { "unknown column",
    "service;municipality;valid_from;comment\nKROM;0180;2021-05-18;x\n", EXPECT_HEADER, 0, "",
    STOCKHOLM_SHIPPED, UMEA_SHIPPED },
  { "empty", "", EXPECT_EMPTY, 0, "", STOCKHOLM_SHIPPED, UMEA_SHIPPED },
  { "a quotation mark never closed",
    "service;municipality;valid_from;valid_to\n"
    "KROM;0180;2021-05-18;\n"
    "\"STOM;2480;2022-01-01;2022-06-30\n",
    EXPECT_SYNTAX, 1, "", STOCKHOLM_SHIPPED, UMEA_SHIPPED },
};

static void
test_import (gconstpointer data)
{
  const ImportCase *test = data;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *path = anv_test_write_file (dir, "periods.csv", test->contents);
  g_autoptr (GError) error = NULL;
  Collected collected = { g_string_new (NULL), g_string_new (NULL) };
  AnvImportReport report = { row_error_cb, NULL, &collected, 99, 99, 99 };
  gboolean ok;

  g_test_message ("%s", test->what);
  ok = anv_availability_import (db, path, &report, &error);
  switch (test->expect)
    {
    case EXPECT_OK:
      if (!ok)
        g_error ("%s: %s\n%s", test->what, error->message, collected.messages->str);
      g_assert_cmpuint (report.n_stored, ==, test->n_rows);
      g_assert_cmpuint (count_audit (db, "availability.set"), ==, test->n_rows);
      break;
    case EXPECT_BAD_ROWS:
      g_assert_false (ok);
      g_assert_error (error, ANV_IMPORT_ERROR, ANV_IMPORT_ERROR_BAD_ROWS);
      g_assert_cmpuint (report.n_bad_rows, >, 0);
      g_assert_cmpuint (report.n_stored, ==, 0);
      break;
    case EXPECT_HEADER:
      g_assert_false (ok);
      g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_HEADER);
      break;
    case EXPECT_EMPTY:
      g_assert_false (ok);
      g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_EMPTY);
      break;
    case EXPECT_SYNTAX:
      g_assert_false (ok);
      g_assert_error (error, ANV_CSV_ERROR, ANV_CSV_ERROR_SYNTAX);
      g_assert_nonnull (strstr (error->message, "Line 3"));
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    g_assert_cmpuint (count_audit (db, "availability.set"), ==, 0);
  g_assert_cmpuint (report.n_rows, ==, test->n_rows);
  if (g_strcmp0 (collected.errors->str, test->errors) != 0)
    g_error ("%s: expected errors “%s”, got “%s”:\n%s", test->what, test->errors,
             collected.errors->str, collected.messages->str);
  assert_periods (db, "0180", test->stockholm);
  assert_periods (db, "2480", test->umea);

  g_string_free (collected.errors, TRUE);
  g_string_free (collected.messages, TRUE);
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Services */

static void
test_service_parse (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    AnvService  service;
  } cases[] = {
    { "KROM", TRUE, ANV_SERVICE_KROM },
    { "krom", TRUE, ANV_SERVICE_KROM },
    { " Krom ", TRUE, ANV_SERVICE_KROM },
    { "STOM", TRUE, ANV_SERVICE_STOM },
    { "stom\t", TRUE, ANV_SERVICE_STOM },
    { "", FALSE, ANV_SERVICE_NONE },
    { NULL, FALSE, ANV_SERVICE_NONE },
    { "KRO", FALSE, ANV_SERVICE_NONE },
    { "KROMM", FALSE, ANV_SERVICE_NONE },
    { "Rusta och matcha", FALSE, ANV_SERVICE_NONE },
    { "K\xc5OM", FALSE, ANV_SERVICE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      AnvService service = ANV_SERVICE_NONE;
      gboolean ok = anv_service_parse (cases[i].text, &service, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (service, ==, cases[i].service);
      if (!ok)
        {
          g_assert_error (error, ANV_AVAILABILITY_ERROR, ANV_AVAILABILITY_ERROR_SERVICE);
          g_assert_nonnull (strstr (error->message, "KROM"));
        }
    }

  g_assert_cmpstr (anv_service_code (ANV_SERVICE_KROM), ==, "KROM");
  g_assert_cmpstr (anv_service_code (ANV_SERVICE_STOM), ==, "STOM");
  g_assert_cmpstr (anv_service_code (ANV_SERVICE_NONE), ==, "");
  g_assert_cmpstr (anv_service_name (ANV_SERVICE_KROM), ==, "Rusta och matcha");
  g_assert_cmpstr (anv_service_name (ANV_SERVICE_STOM), ==, "Stöd och matchning");
}

/* End reasons */

static char *
describe_reasons (AnvDb    *db,
                  gboolean  include_inactive)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) reasons = anv_end_reasons_list (db, include_inactive, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < reasons->len; i++)
    {
      AnvEndReason *reason = g_ptr_array_index (reasons, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s%s:%c", reason->active ? "" : "-", reason->code,
                              reason->kind == ANV_END_KIND_RESULT ? 'R' : 'I');
    }
  return g_string_free (text, FALSE);
}

#define SHIPPED_REASONS \
  "jobb:R studier:R tiden_ute:I sjuk:I aterkallad:I flyttat:I tjansten_upphort:I ovrigt:I"

static void
test_end_reasons_list (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *active = describe_reasons (db, FALSE);
  g_autofree char *all = describe_reasons (db, TRUE);
  g_autoptr (AnvEndReason) jobb = NULL;
  g_autoptr (AnvEndReason) missing = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (active, ==, SHIPPED_REASONS);
  g_assert_cmpstr (all, ==, SHIPPED_REASONS);

  jobb = anv_end_reasons_get (db, "jobb", &error);
  g_assert_no_error (error);
  /* One word for the result, as in the summary and DOMAIN.md: jobb */
  g_assert_cmpstr (jobb->label_sv, ==, "Jobb");
  g_assert_cmpstr (jobb->label_en, ==, "Job");
  g_assert_true (jobb->active);
  g_assert_cmpint (jobb->kind, ==, ANV_END_KIND_RESULT);
  /* The tests run in English. */
  g_assert_cmpstr (anv_end_reason_label (jobb), ==, "Job");

  missing = anv_end_reasons_get (db, "semester", &error);
  g_assert_null (missing);
  g_assert_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "semester"));
  g_clear_error (&error);

  missing = anv_end_reasons_get (db, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_NOT_FOUND);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_end_reasons_add (void)
{
  g_autofree char *long_code = g_strnfill (40, 'a');
  g_autofree char *too_long_code = g_strnfill (41, 'a');
  g_autofree char *long_label = g_strnfill (120, 'x');
  g_autofree char *too_long_label = g_strnfill (121, 'x');
  GString *swedish = g_string_new (NULL);
  g_autofree char *long_swedish = NULL;
  struct
  {
    const char *code;
    AnvEndKind  kind;
    const char *label_sv;
    const char *label_en;
    int         error_code;   /* -1: accepted */
  } cases[] = {
    { "eget_foretag", ANV_END_KIND_RESULT, "Eget företag", "Own business", -1 },
    { "utbildning2", ANV_END_KIND_RESULT, "Utbildning", NULL, -1 },
    { "foraldraledig", ANV_END_KIND_INTERRUPTION, "Föräldraledig", "Parental leave", -1 },
    { NULL, ANV_END_KIND_INTERRUPTION, "Lång kod", NULL, -1 },            /* 40 characters */
    { "lang_etikett", ANV_END_KIND_INTERRUPTION, NULL, NULL, -1 },        /* 120 characters */
    { "lang_svenska", ANV_END_KIND_INTERRUPTION, NULL, NULL, -1 },        /* 120 "ö" */
    { "jobb", ANV_END_KIND_RESULT, "Arbete igen", NULL, ANV_END_REASON_ERROR_DUPLICATE },
    { "", ANV_END_KIND_RESULT, "Tom", NULL, ANV_END_REASON_ERROR_CODE },
    { NULL, ANV_END_KIND_RESULT, "Ingen", NULL, ANV_END_REASON_ERROR_CODE },
    { "Jobb2", ANV_END_KIND_RESULT, "Versal", NULL, ANV_END_REASON_ERROR_CODE },
    { "jobb-2", ANV_END_KIND_RESULT, "Bindestreck", NULL, ANV_END_REASON_ERROR_CODE },
    { "jobb 2", ANV_END_KIND_RESULT, "Mellanslag", NULL, ANV_END_REASON_ERROR_CODE },
    { "återgång", ANV_END_KIND_RESULT, "Å", NULL, ANV_END_REASON_ERROR_CODE },
    { NULL, ANV_END_KIND_RESULT, "För lång", NULL, ANV_END_REASON_ERROR_CODE }, /* 41 */
    { "tom_etikett", ANV_END_KIND_RESULT, "", NULL, ANV_END_REASON_ERROR_LABEL },
    { "ingen_etikett", ANV_END_KIND_RESULT, NULL, NULL, ANV_END_REASON_ERROR_LABEL },
    { "tom_engelska", ANV_END_KIND_RESULT, "Svenska", "", ANV_END_REASON_ERROR_LABEL },
    { "for_lang", ANV_END_KIND_RESULT, NULL, NULL, ANV_END_REASON_ERROR_LABEL }, /* 121 */
    { "inte_utf8", ANV_END_KIND_RESULT, "\xc5terg\xe5ng", NULL, ANV_END_REASON_ERROR_LABEL },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autofree char *listed = NULL;
  guint added = 0;

  for (guint i = 0; i < 120; i++)
    g_string_append (swedish, "ö");
  long_swedish = g_string_free (swedish, FALSE);
  cases[3].code = long_code;
  cases[4].label_sv = long_label;
  cases[5].label_sv = long_swedish;
  cases[13].code = too_long_code;
  cases[17].label_sv = too_long_label;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = anv_end_reasons_add (db, cases[i].code, cases[i].kind, cases[i].label_sv,
                                         cases[i].label_en, &error);

      if (cases[i].error_code < 0)
        {
          g_autoptr (AnvEndReason) reason = NULL;

          if (!ok)
            g_error ("case %u (%s): %s", i, cases[i].code, error->message);
          reason = anv_end_reasons_get (db, cases[i].code, &error);
          g_assert_no_error (error);
          g_assert_cmpint (reason->kind, ==, cases[i].kind);
          g_assert_cmpstr (reason->label_sv, ==, cases[i].label_sv);
          g_assert_cmpstr (reason->label_en, ==,
                           cases[i].label_en ? cases[i].label_en : cases[i].label_sv);
          g_assert_true (reason->active);
          added++;
        }
      else
        {
          if (ok)
            g_error ("case %u (%s) was accepted", i, cases[i].code);
          g_assert_error (error, ANV_END_REASON_ERROR, cases[i].error_code);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
    }

  /* Results first, then interruptions, each in the order added. */
  listed = describe_reasons (db, FALSE);
  {
    g_autofree char *expected = g_strdup_printf (
      "jobb:R studier:R eget_foretag:R utbildning2:R tiden_ute:I sjuk:I aterkallad:I "
      "flyttat:I tjansten_upphort:I ovrigt:I foraldraledig:I %s:I lang_etikett:I "
      "lang_svenska:I", long_code);

    g_assert_cmpstr (listed, ==, expected);
  }
  g_assert_cmpuint (count_audit (db, "end_reason.add"), ==, added);

  /* The duplicate message names the existing reason. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (anv_end_reasons_add (db, "jobb", ANV_END_KIND_RESULT, "X", NULL, &error));
    g_assert_nonnull (strstr (error->message, "Job"));
  }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_end_reasons_active (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvEndReason) sjuk = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *active = NULL;
  g_autofree char *all = NULL;
  g_autofree char *again = NULL;

  g_assert_true (anv_end_reasons_set_active (db, "sjuk", FALSE, &error));
  g_assert_no_error (error);
  active = describe_reasons (db, FALSE);
  all = describe_reasons (db, TRUE);
  g_assert_cmpstr (active, ==,
                   "jobb:R studier:R tiden_ute:I aterkallad:I flyttat:I tjansten_upphort:I "
                   "ovrigt:I");
  g_assert_cmpstr (all, ==,
                   "jobb:R studier:R tiden_ute:I -sjuk:I aterkallad:I flyttat:I "
                   "tjansten_upphort:I ovrigt:I");
  sjuk = anv_end_reasons_get (db, "sjuk", &error);
  g_assert_no_error (error);
  g_assert_false (sjuk->active);

  /* Twice is harmless. */
  g_assert_true (anv_end_reasons_set_active (db, "sjuk", FALSE, &error));
  g_assert_true (anv_end_reasons_set_active (db, "sjuk", TRUE, &error));
  g_assert_no_error (error);
  again = describe_reasons (db, FALSE);
  g_assert_cmpstr (again, ==, SHIPPED_REASONS);

  g_assert_false (anv_end_reasons_set_active (db, "semester", FALSE, &error));
  g_assert_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_NOT_FOUND);

  g_assert_cmpuint (count_audit (db, "end_reason.deactivate"), ==, 2);
  g_assert_cmpuint (count_audit (db, "end_reason.activate"), ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_end_kind_parse (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    AnvEndKind  kind;
  } cases[] = {
    { "result", TRUE, ANV_END_KIND_RESULT },
    { "resultat", TRUE, ANV_END_KIND_RESULT },
    { "interruption", TRUE, ANV_END_KIND_INTERRUPTION },
    { "avbrott", TRUE, ANV_END_KIND_INTERRUPTION },
    { "", FALSE, 0 },
    { NULL, FALSE, 0 },
    { "jobb", FALSE, 0 },
    { "results", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      AnvEndKind kind = 99;
      gboolean ok = anv_end_kind_parse (cases[i].text, &kind, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (kind, ==, cases[i].kind);
      else
        {
          g_assert_cmpint (kind, ==, 99);
          g_assert_error (error, ANV_END_REASON_ERROR, ANV_END_REASON_ERROR_KIND);
        }
    }
  g_assert_cmpstr (anv_end_kind_to_string (ANV_END_KIND_RESULT), ==, "result");
  g_assert_cmpstr (anv_end_kind_to_string (ANV_END_KIND_INTERRUPTION), ==, "interruption");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/availability/set", test_set);
  g_test_add_func ("/availability/set-changes", test_set_changes);
  g_test_add_func ("/availability/service-on", test_service_on);
  g_test_add_func ("/availability/holds-on", test_holds_on);
  g_test_add_func ("/availability/set-refused", test_set_refused);
  g_test_add_func ("/availability/set-audited", test_set_audited);
  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/availability/import/%02u", i);

      g_test_add_data_func (name, &import_cases[i], test_import);
    }
  g_test_add_func ("/availability/service-parse", test_service_parse);
  g_test_add_func ("/end-reasons/list", test_end_reasons_list);
  g_test_add_func ("/end-reasons/add", test_end_reasons_add);
  g_test_add_func ("/end-reasons/active", test_end_reasons_active);
  g_test_add_func ("/end-reasons/kind-parse", test_end_kind_parse);

  return g_test_run ();
}
