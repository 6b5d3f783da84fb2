/* test-seekers.c — tests for registering and finding job seekers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every personnummer here is one of Skatteverket's published test numbers
 * (data/skatteverket_test*.json), in one of the forms people type.
 */
#define G_LOG_DOMAIN "anvisa-test-seekers"

#include <string.h>

#include "anv-audit.h"
#include "anv-date.h"
#include "anv-seeker-import.h"
#include "anv-seekers.h"
#include "anv-test-util.h"
#include "anv-text.h"

/* Helpers */

static void
set_today (GDate *today)
{
  anv_test_date (today, 2026, 11, 22);
}

static AnvSeeker *
add (AnvDb      *db,
     const char *personnummer,
     const char *name,
     const char *municipality,
     const char *postal_code,
     gboolean    protected_identity)
{
  g_autoptr (GError) error = NULL;
  AnvSeekerInput input = { personnummer, name, municipality, postal_code, protected_identity };
  AnvSeeker *seeker;
  GDate today;

  set_today (&today);
  seeker = anv_seekers_add (db, &input, &today, &error);
  if (seeker == NULL)
    g_error ("%s (%s) was refused: %s", personnummer, name, error->message);
  return seeker;
}

static GError *
add_error (AnvDb      *db,
           const char *personnummer,
           const char *name,
           const char *municipality,
           const char *postal_code,
           gboolean    protected_identity)
{
  AnvSeekerInput input = { personnummer, name, municipality, postal_code, protected_identity };
  GError *error = NULL;
  AnvSeeker *seeker;
  GDate today;

  set_today (&today);
  seeker = anv_seekers_add (db, &input, &today, &error);
  if (seeker != NULL)
    g_error ("%s (%s) was accepted", personnummer, name);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  return error;
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
    {
      AnvAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0)
        n++;
    }
  return n;
}

/* Registering */

static void
test_add_forms (void)
{
  static const struct
  {
    const char *input;
    const char *digits;
  } cases[] = {
    { "198501012382", "198501012382" },
    { "19850101-2390", "198501012390" },
    { "850102-2381", "198501022381" },
    { "8501022399", "198501022399" },
    { "  850103-2380  ", "198501032380" },
    { "900101+9802", "189001019802" },
    { "198000602394", "198000602394" },    /* samordningsnummer */
    { "800060-2394", NULL },               /* the same, typed short: a duplicate */
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  GDate today;

  set_today (&today);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (AnvSeeker) seeker = NULL;
      g_autoptr (AnvSeeker) again = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Testperson Nummer%u", i);

      if (cases[i].digits == NULL)
        {
          error = add_error (db, cases[i].input, name, "2480", NULL, FALSE);
          g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE);
          continue;
        }

      seeker = add (db, cases[i].input, name, "2480", NULL, FALSE);
      g_assert_cmpint (seeker->id, >, 0);
      g_assert_cmpstr (seeker->personnummer, ==, cases[i].digits);
      g_assert_cmpstr (seeker->name, ==, name);
      g_assert_cmpstr (seeker->municipality_code, ==, "2480");
      g_assert_cmpstr (seeker->municipality_name, ==, "Umeå");
      g_assert_null (seeker->postal_code);
      g_assert_false (seeker->protected_identity);
      g_assert_cmpstr (seeker->registered_on, ==, "2026-11-22");
      g_assert_cmpstr (seeker->registered_by, ==, "tester");

      again = anv_seekers_get (db, cases[i].input, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpint (again->id, ==, seeker->id);
    }
  g_assert_cmpint (count (db), ==, G_N_ELEMENTS (cases) - 1);
  g_assert_false (anv_db_is_empty (db, NULL));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_bad_personnummer (void)
{
  static const char *const inputs[] = {
    "", "   ", "198501012383" /* check digit */, "19850101238", "abc", "850101_2382",
    "202601012382" /* future */,
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (GError) error = add_error (db, inputs[i], "Anna Andersson", "2480", NULL, FALSE);

      g_assert_true (error->domain == ANV_PERSONNUMMER_ERROR);
    }
  g_assert_cmpint (count (db), ==, 0);
  g_assert_cmpuint (count_audit (db, "seeker.add"), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_municipality (void)
{
  static const struct
  {
    const char *municipality;
    const char *postal_code;
    const char *expected_code;     /* NULL: refused */
    const char *expected_postal;
    int         error_code;
    const char *message_has[2];
  } cases[] = {
    { NULL, "903 25", "2480", "90325", 0, { NULL } },
    { "", "90325", "2480", "90325", 0, { NULL } },
    { "2480", "903 25", "2480", "90325", 0, { NULL } },
    { "2480", NULL, "2480", NULL, 0, { NULL } },
    { " 2480 ", "", "2480", NULL, 0, { NULL } },
    { "0180", "111 22", "0180", "11122", 0, { NULL } },
    { "0180", "903 25", NULL, NULL, ANV_SEEKER_ERROR_MISMATCH, { "Umeå", "Stockholm" } },
    { "2480", "11122", NULL, NULL, ANV_SEEKER_ERROR_MISMATCH, { "Stockholm", "Umeå" } },
    { "9999", NULL, NULL, NULL, ANV_SEEKER_ERROR_MUNICIPALITY, { "9999", NULL } },
    { "248", NULL, NULL, NULL, ANV_SEEKER_ERROR_MUNICIPALITY, { NULL } },
    { "Umeå", NULL, NULL, NULL, ANV_SEEKER_ERROR_MUNICIPALITY, { NULL } },
    { "9999", "903 25", NULL, NULL, ANV_SEEKER_ERROR_MUNICIPALITY, { NULL } },
    { NULL, "903 2", NULL, NULL, ANV_SEEKER_ERROR_POSTAL_CODE, { NULL } },
    { NULL, "903 255", NULL, NULL, ANV_SEEKER_ERROR_POSTAL_CODE, { NULL } },
    { NULL, "9O3 25", NULL, NULL, ANV_SEEKER_ERROR_POSTAL_CODE, { NULL } },
    { NULL, "00000", NULL, NULL, ANV_SEEKER_ERROR_POSTAL_CODE, { NULL } },
    { "2480", "9032x", NULL, NULL, ANV_SEEKER_ERROR_POSTAL_CODE, { NULL } },
    { NULL, "99999", NULL, NULL, ANV_SEEKER_ERROR_POSTAL_CODE, { "99999", NULL } },
    { NULL, NULL, NULL, NULL, ANV_SEEKER_ERROR_MISSING, { NULL } },
    { "", "", NULL, NULL, ANV_SEEKER_ERROR_MISSING, { NULL } },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1986", "1987", FALSE, 0);
  guint stored = 0;

  g_assert_cmpuint (numbers->len, >=, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *number = g_ptr_array_index (numbers, i);

      g_test_message ("case %u: “%s” “%s”", i, cases[i].municipality, cases[i].postal_code);
      if (cases[i].expected_code != NULL)
        {
          g_autoptr (AnvSeeker) seeker = add (db, number, "Anna Andersson",
                                             cases[i].municipality, cases[i].postal_code,
                                             FALSE);

          g_assert_cmpstr (seeker->municipality_code, ==, cases[i].expected_code);
          g_assert_cmpstr (seeker->postal_code, ==, cases[i].expected_postal);
          stored++;
        }
      else
        {
          g_autoptr (GError) error = add_error (db, number, "Anna Andersson",
                                               cases[i].municipality, cases[i].postal_code,
                                               FALSE);

          g_assert_error (error, ANV_SEEKER_ERROR, cases[i].error_code);
          for (guint j = 0; j < G_N_ELEMENTS (cases[i].message_has); j++)
            if (cases[i].message_has[j] != NULL
                && strstr (error->message, cases[i].message_has[j]) == NULL)
              g_error ("case %u: “%s” does not name %s", i, error->message,
                       cases[i].message_has[j]);
        }
    }
  g_assert_cmpint (count (db), ==, stored);
  g_assert_cmpuint (count_audit (db, "seeker.add"), ==, stored);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_name (void)
{
  g_autofree char *long_ok = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *long_swedish = NULL;
  g_autofree char *too_long_swedish = NULL;
  GString *builder;
  struct
  {
    const char *input;
    const char *stored;   /* NULL: refused */
  } cases[] = {
    { "Anna Andersson", "Anna Andersson" },
    { "  Åsa  Öberg-Ängström  ", "Åsa  Öberg-Ängström" },
    { "A\xcc\x8asa Lind", "Åsa Lind" },            /* decomposed å, stored composed */
    { "李 小龍", "李 小龍" },
    { NULL, NULL },                                  /* 200 characters */
    { NULL, NULL },                                  /* 200 two-byte characters */
    { "", NULL },
    { "   ", NULL },
    { "\t\n", NULL },
    { "Anna\tAndersson", NULL },
    { "Anna\nAndersson", NULL },
    { "Anna\rAndersson", NULL },
    { "Anna\x7f" "Andersson", NULL },
    { "Anna\xc2\x85" "Andersson", NULL },           /* NEL, a C1 control */
    { "\xc5" "berg", NULL },                         /* Windows-1252 Å */
    { "Anna \xff", NULL },
    { NULL, NULL },                                  /* 201 characters */
    { NULL, NULL },                                  /* 201 two-byte characters */
    { "Anna\u202e" "Andersson", NULL },              /* right-to-left override */
    { "Anna\u2066" "Andersson", NULL },              /* left-to-right isolate */
    { "Anna\u200f" "Andersson", NULL },              /* right-to-left mark */
    { "Anna\u2028" "Andersson", NULL },              /* line separator */
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1992", "1993", FALSE, 0);
  guint stored = 0;

  long_ok = g_strnfill (200, 'x');
  too_long = g_strnfill (201, 'x');
  builder = g_string_new (NULL);
  for (guint i = 0; i < 200; i++)
    g_string_append (builder, "ö");
  long_swedish = g_strdup (builder->str);
  g_string_append (builder, "ö");
  too_long_swedish = g_string_free (builder, FALSE);
  cases[4].input = cases[4].stored = long_ok;
  cases[5].input = cases[5].stored = long_swedish;
  cases[16].input = too_long;
  cases[17].input = too_long_swedish;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *number = g_ptr_array_index (numbers, i);

      if (cases[i].stored != NULL)
        {
          g_autoptr (AnvSeeker) seeker = add (db, number, cases[i].input, "2480", NULL, FALSE);

          g_assert_cmpstr (seeker->name, ==, cases[i].stored);
          stored++;
        }
      else
        {
          g_autoptr (GError) error = add_error (db, number, cases[i].input, "2480", NULL, FALSE);

          if (!g_error_matches (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_NAME))
            g_error ("case %u: expected a name error, got %s", i, error->message);
        }
    }

  /* No name at all. */
  {
    g_autoptr (GError) error = add_error (db, g_ptr_array_index (numbers, 30), NULL, "2480",
                                         NULL, FALSE);

    g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_NAME);
  }
  g_assert_cmpint (count (db), ==, stored);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_duplicate (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) first = add (db, "198501012382", "Anna Andersson", "2480", NULL, FALSE);
  static const char *const again[] = {
    "198501012382", "19850101-2382", "850101-2382", "8501012382",
  };

  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    {
      g_autoptr (GError) error = add_error (db, again[i], "Bertil Bengtsson", "0180", NULL,
                                           FALSE);

      g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE);
      g_assert_nonnull (strstr (error->message, "Anna Andersson"));
      g_assert_nonnull (strstr (error->message, "Umeå"));
      g_assert_nonnull (strstr (error->message, "19850101-****"));
      g_assert_null (strstr (error->message, "Bertil"));
      g_assert_null (strstr (error->message, "2382"));
    }
  g_assert_cmpint (count (db), ==, 1);
  g_assert_cmpuint (count_audit (db, "seeker.add"), ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_protected (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (AnvSeeker) shown = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  set_today (&today);
  seeker = add (db, "198501012390", "Hemlig Hemligsson", NULL, "903 25", TRUE);
  g_assert_true (seeker->protected_identity);
  g_assert_null (seeker->postal_code);
  g_assert_cmpstr (seeker->municipality_code, ==, "2480");

  shown = anv_seekers_get (db, "850101-2390", &today, &error);
  g_assert_no_error (error);
  g_assert_true (shown->protected_identity);
  g_assert_null (shown->postal_code);

  /* A mismatch is still refused: the postal code is checked, then dropped. */
  g_clear_error (&error);
  error = add_error (db, "198501022381", "Hemlig Annan", "0180", "903 25", TRUE);
  g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_MISMATCH);
  g_clear_error (&error);

  error = add_error (db, "8501012390", "Någon Annan", "2480", NULL, FALSE);
  g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_DUPLICATE);
  g_assert_null (strstr (error->message, "Hemlig"));
  g_assert_null (strstr (error->message, "Någon"));
  g_assert_null (strstr (error->message, "2390"));
  g_assert_cmpint (count (db), ==, 1);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

static void
test_add_audited (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (AnvSeeker) seeker = add (db, "198501012382", "Anna Andersson", "2480", NULL,
                                     FALSE);
  g_autoptr (AnvSeeker) other = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, seeker->id);
  AnvAuditEntry *entry;

  entries = anv_audit_list (db, NULL, NULL, "tester", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "seeker.add");
  g_assert_cmpstr (entry->actor, ==, "tester");
  g_assert_cmpstr (entry->entity, ==, "seeker");
  g_assert_cmpstr (entry->entity_id, ==, id);
  g_assert_true (g_str_has_suffix (entry->at, "Z"));
  /* The log names the record, not the person. */
  g_assert_null (entry->details != NULL ? strstr (entry->details, "Anna") : NULL);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Refused registrations leave no entry. */
  g_clear_error (&error);
  error = add_error (db, "198501012382", "Anna Andersson", "2480", NULL, FALSE);
  g_clear_error (&error);
  error = add_error (db, "198501012390", "", "2480", NULL, FALSE);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (db, "seeker.add"), ==, 1);

  other = add (db, "198501012390", "Bo Ek", "2480", NULL, FALSE);
  entries = anv_audit_list (db, NULL, NULL, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_clear_pointer (&id, g_free);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, other->id);
  g_assert_cmpstr (entry->entity_id, ==, id);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Another officer. */
  entries = anv_audit_list (db, NULL, NULL, "someone-else", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Finding */

static const struct
{
  const char *personnummer;
  const char *name;
} people[] = {
  { "198501012382", "Anna Andersson" },
  { "198501012390", "Anders Ängström" },
  { "198501022381", "Åsa Öberg" },
  { "198501022399", "Östen Åkesson" },
  { "198501032380", "Björn Anderberg" },
  { "198501032398", "Annika Lind" },
  { "199001012385", "Ärla Ek" },
  { "197501079292", "Erik Anna-Karlsson" },
};

static void
add_people (AnvDb *db)
{
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr (AnvSeeker) seeker = add (db, people[i].personnummer, people[i].name, "2480",
                                         NULL, FALSE);
    }
}

/* The names found, in order, joined with "|". */
static char *
search_names (AnvDb      *db,
              const char *text,
              guint       offset,
              guint       limit)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = anv_seekers_search (db, text, offset, limit, &error);
  GString *names = g_string_new (NULL);

  if (found == NULL)
    g_error ("search “%s”: %s", text, error->message);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    {
      AnvSeeker *seeker = g_ptr_array_index (found, i);

      if (i > 0)
        g_string_append_c (names, '|');
      g_string_append (names, seeker->name);
    }
  return g_string_free (names, FALSE);
}

static void
test_search (void)
{
  static const struct
  {
    const char *text;
    const char *names;
  } cases[] = {
    { "ann", "Anna Andersson|Annika Lind|Erik Anna-Karlsson" },
    { "ANN", "Anna Andersson|Annika Lind|Erik Anna-Karlsson" },
    { "  Anna  ", "Anna Andersson|Erik Anna-Karlsson" },
    { "and", "Anders Ängström|Anna Andersson|Björn Anderberg" },
    { "anderss", "Anna Andersson" },
    { "åsa", "Åsa Öberg" },
    { "ÅSA", "Åsa Öberg" },
    { "öberg", "Åsa Öberg" },
    { "Ö", "Åsa Öberg|Östen Åkesson" },
    { "ä", "Anders Ängström|Ärla Ek" },
    { "å", "Åsa Öberg|Östen Åkesson" },
    { "a", "Anders Ängström|Anna Andersson|Annika Lind|Björn Anderberg|Erik Anna-Karlsson" },
    { "anna and", "Anna Andersson" },
    { "and anna", "Anna Andersson" },
    { "ann lind", "Annika Lind" },
    { "anna, andersson", "Anna Andersson" },
    { "björn and", "Björn Anderberg" },
    { "anna xyz", "" },
    { "xyz", "" },
    { "karlsson", "Erik Anna-Karlsson" },
    { "anna-karlsson", "Erik Anna-Karlsson" },
    { "Erik Anna-K", "Erik Anna-Karlsson" },
    { "A\xcc\x8asa", "Åsa Öberg" },              /* decomposed å */
    { "ann.and", "Anna Andersson" },
    { "anna'", "Anna Andersson|Erik Anna-Karlsson" },
    { "", "" },
    { "   ", "" },
    { "19850101", "Anna Andersson|Anders Ängström" },
    { "850101", "Anna Andersson|Anders Ängström" },
    { "8501", "Anna Andersson|Anders Ängström|Åsa Öberg|Östen Åkesson|Björn Anderberg|"
              "Annika Lind" },
    { "198501012382", "Anna Andersson" },
    { "19850101-2382", "Anna Andersson" },
    { "850101-2382", "Anna Andersson" },
    { "8501012382", "Anna Andersson" },
    { "850101-23", "Anna Andersson|Anders Ängström" },
    { "19750107", "Erik Anna-Karlsson" },
    { "750107-9292", "Erik Anna-Karlsson" },
    { "199001012385", "Ärla Ek" },
    { "200101", "" },
    { "19850101-2383", "" },
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  add_people (db);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *names = search_names (db, cases[i].text, 0, 100);

      if (g_strcmp0 (names, cases[i].names) != 0)
        g_error ("search “%s”: expected “%s”, got “%s”", cases[i].text, cases[i].names,
                 names);
    }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* What people type is never read as FTS5 syntax. */
static void
test_search_syntax (void)
{
  static const char *const texts[] = {
    "\"", "\"\"", "\"anna", "anna\"", "an\"na", "*", "anna*", "**", "AND", "OR", "NOT",
    "anna AND", "AND anna", "anna OR", "NEAR", "NEAR(anna)", "NEAR(anna andersson, 2)",
    "(", ")", "()", "(anna", "anna)", "-", "--", "-anna", "anna -", "+", "+-", "^", "^anna",
    "name:anna", "{name}: anna", ":", "'", "'anna'", "a'b", "%", "_", "\\", "anna;", "[",
    "]", "{", "}", "a.b", "å*ö", "-*", "\"*", "NEAR/2", "anna \"and\"", "\t", "Ä\"Ö",
    "🙂", "anna\xff", "\xff",
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);

  add_people (db);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) found = anv_seekers_search (db, texts[i], 0, 50, &error);

      if (found == NULL)
        g_error ("search “%s” failed: %s", texts[i], error->message);
      g_assert_no_error (error);
    }

  /* A quoted word is still a word. */
  {
    g_autofree char *names = search_names (db, "\"anna\"", 0, 100);

    g_assert_cmpstr (names, ==, "Anna Andersson|Erik Anna-Karlsson");
  }
  {
    g_autofree char *names = search_names (db, "anna*", 0, 100);

    g_assert_cmpstr (names, ==, "Anna Andersson|Erik Anna-Karlsson");
  }
  {
    g_autofree char *names = search_names (db, "NEAR", 0, 100);

    g_assert_cmpstr (names, ==, "");
  }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Many matches of a name come newest first (sorting them would be slow);
 * a few thousand or less by name; a number by personnummer. */
static void
test_search_order (void)
{
  const guint n = ANV_SEEKERS_SORT_BY_NAME_MAX + 1, n_small = 50;
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("19", "20", FALSE, 0);
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *small = NULL;
  GString *csv = g_string_new ("personnummer;namn;kommun\n");
  AnvImportReport report = { 0 };
  guint rows = 0;
  GDate today;

  set_today (&today);
  /* Names in the opposite order of registration */
  for (guint i = 0; i < numbers->len && rows < n; i++)
    {
      const char *number = g_ptr_array_index (numbers, i);

      if (!g_hash_table_add (used, (gpointer) number))
        continue;
      g_string_append_printf (csv, "%s;P%04u%s Testsson;2480\n", number, n - rows,
                              rows < n_small ? " Liten" : "");
      rows++;
    }
  g_assert_cmpuint (rows, ==, n);
  path = anv_test_write_file (dir, "many.csv", csv->str);
  g_string_free (csv, TRUE);
  g_assert_true (anv_seekers_import (db, path, &today, &report, &error));
  g_assert_no_error (error);

  ids = anv_seekers_search_ids (db, "testsson", G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  g_assert_cmpint (anv_seekers_search_order ("testsson", ids->len), ==, ANV_SEEKER_ORDER_NEWEST);
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i - 1), >, g_array_index (ids, gint64, i));

  small = search_names (db, "liten testsson", 0, 3);
  g_assert_cmpstr (small, ==, "P4952 Liten Testsson|P4953 Liten Testsson|P4954 Liten Testsson");
  g_assert_cmpint (anv_seekers_search_order ("liten", n_small), ==, ANV_SEEKER_ORDER_NAME);
  g_assert_cmpint (anv_seekers_search_order (" 19850101-2382 ", 1), ==,
                   ANV_SEEKER_ORDER_PERSONNUMMER);
}

/* A search by name lists them in Swedish order: å, ä, ö after z, ü as y,
 * é as e, w after v. */
static void
test_search_swedish_order (void)
{
  static const char *const registered[] = {
    "Örjan Berg", "Åsa Berg", "Wilma Berg", "Ängel Berg", "Zlatan Berg", "Östen Berg",
    "Üwe Berg", "Aa Berg", "Vera Berg", "Élise Berg", "Yngve Berg", "ulla berg",
  };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1986", "1987", TRUE,
                                                              G_N_ELEMENTS (registered));
  g_autofree char *names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (registered); i++)
    {
      g_autoptr (AnvSeeker) seeker = add (db, g_ptr_array_index (numbers, i), registered[i],
                                         "2480", NULL, FALSE);
    }

  names = search_names (db, "berg", 0, G_MAXUINT);
  g_assert_cmpstr (names, ==, "Aa Berg|Élise Berg|ulla berg|Vera Berg|Wilma Berg|Yngve Berg|"
                              "Üwe Berg|Zlatan Berg|Åsa Berg|Ängel Berg|Örjan Berg|Östen Berg");
}

static void
test_search_paging (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1986", "1987", FALSE, 0);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *all = NULL;
  const guint n = 25, page = 10;
  GString *paged = g_string_new (NULL);

  g_assert_cmpuint (numbers->len, >=, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Berg Person%02u", (i * 7) % n);
      g_autoptr (AnvSeeker) seeker = add (db, g_ptr_array_index (numbers, i), name, "2480",
                                         NULL, FALSE);
    }
  g_assert_cmpint (count (db), ==, n);

  all = search_names (db, "berg", 0, G_MAXUINT);
  for (guint offset = 0; offset < n + page; offset += page)
    {
      g_autofree char *names = search_names (db, "berg", offset, page);
      g_auto (GStrv) split = g_strsplit (names, "|", -1);
      guint expected = offset >= n ? 0 : MIN (page, n - offset);

      g_assert_cmpuint (*names == '\0' ? 0 : g_strv_length (split), ==, expected);
      for (guint i = 0; *names != '\0' && split[i] != NULL; i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (split[i])));
      if (*names != '\0')
        {
          if (paged->len > 0)
            g_string_append_c (paged, '|');
          g_string_append (paged, names);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  /* Pages follow each other in name order. */
  g_assert_cmpstr (paged->str, ==, all);
  g_assert_true (g_str_has_prefix (all, "Berg Person00|Berg Person01|"));
  g_string_free (paged, TRUE);

  /* The same for numbers. */
  {
    g_autofree char *first = search_names (db, "1986", 0, 10);
    g_autofree char *second = search_names (db, "1986", 10, 10);
    g_autofree char *beyond = search_names (db, "1986", G_MAXUINT, 10);
    g_autofree char *none = search_names (db, "1986", 0, 0);
    g_autofree char *name_none = search_names (db, "berg", 0, 0);
    g_auto (GStrv) split = g_strsplit (first, "|", -1);

    g_assert_cmpuint (g_strv_length (split), ==, 10);
    g_assert_cmpstr (first, !=, second);
    g_assert_cmpstr (beyond, ==, "");
    g_assert_cmpstr (none, ==, "");
    g_assert_cmpstr (name_none, ==, "");
  }

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The message for a name with a direction control says what it is. */
static void
test_add_name_message (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1992", "1993", FALSE, 0);
  g_autoptr (GError) error = add_error (db, g_ptr_array_index (numbers, 0),
                                       "Anna\u202e" "Andersson", "2480", NULL, FALSE);

  g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_NAME);
  g_assert_nonnull (strstr (error->message, "U+202E"));
  g_assert_nonnull (strstr (error->message, "direction"));

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* Invisible characters are refused, saying which and where; other
 * spaces are stored as the ordinary space, so a duplicate shows. */
static void
test_add_name_invisible (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1992", "1993", FALSE, 0);
  const struct
  {
    const char *name;
    const char *says;
  } cases[] = {
    { "Anna\u200b Andersson", "U+200B) at position 5" },
    { "\ufeffAnna Andersson", "U+FEFF) at position 1" },
    { "Anna Anders\u00adson", "U+00AD) at position 12" },
    { "Åsa \u2060Öberg", "U+2060) at position 5" },
    { "Anna\u200d", "U+200D) at position 5" },
    { "Anna\ufe0f", "U+FE0F) at position 5" },
  };
  g_autoptr (AnvSeeker) seeker = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = add_error (db, g_ptr_array_index (numbers, 0), cases[i].name,
                                           "2480", NULL, FALSE);

      g_assert_error (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_NAME);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s”: the message does not say “%s”: %s", cases[i].name, cases[i].says,
                 error->message);
      g_assert_nonnull (strstr (error->message, "invisible"));
    }
  g_assert_cmpint (count (db), ==, 0);

  seeker = add (db, g_ptr_array_index (numbers, 1), "Anna\u00a0Andersson\u2003Berg", "2480",
                NULL, FALSE);
  g_assert_cmpstr (seeker->name, ==, "Anna Andersson Berg");

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* A clock past 2199 is refused as such, not by the database's rule. */
static void
test_add_clock_out_of_range (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1992", "1993", FALSE, 0);
  AnvSeekerInput input = { g_ptr_array_index (numbers, 0), "Anna Andersson", "2480", NULL,
                           FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  GDate today;

  anv_test_date (&today, 2200, 1, 1);
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_null (seeker);
  g_assert_error (error, ANV_DATE_ERROR, ANV_DATE_ERROR_TODAY);
  g_assert_nonnull (strstr (error->message, "2200-01-01"));
  g_assert_nonnull (strstr (error->message, "clock"));
  g_assert_null (strstr (error->message, "CHECK"));
  g_assert_cmpint (count (db), ==, 0);

  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* What a message quotes of a typed value: short, valid, inert. */
static void
test_text_quote (void)
{
  struct
  {
    const char *text;
    const char *shown;
  } cases[] = {
    { NULL, "" },
    { "2480", "2480" },
    { "Umeå", "Umeå" },
    { "24\x1b[2J80", "24\xef\xbf\xbd[2J80" },
    { "a\nb\tc", "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c" },
    { "x\u202ey", "x\xef\xbf\xbdy" },
    { "\xff" "1", "\xef\xbf\xbd" "1" },
  };
  g_autofree char *long_text = g_strnfill (100 * 1024, 'a');
  g_autofree char *long_shown = anv_text_quote (long_text);
  g_autofree char *long_path = anv_text_quote_path (long_text);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = anv_text_quote (cases[i].text);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  g_assert_cmpint (g_utf8_strlen (long_shown, -1), ==, ANV_TEXT_QUOTE_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (long_shown, "…"));
  g_assert_cmpint (g_utf8_strlen (long_path, -1), ==, ANV_TEXT_QUOTE_PATH_MAX_CHARS + 1);
}

/* How names are compared: one form, without case, Swedish letters kept. */
static void
test_text_fold (void)
{
  static const struct
  {
    const char *text;
    const char *folded;
  } cases[] = {
    { NULL, "" },
    { "\xff" "Umeå", "" },
    { "Västerbotten", "västerbotten" },
    { "UMEÅ", "umeå" },
    { "ÅÄÖ", "åäö" },
    /* å as a + combining ring, and as the ångström sign */
    { "Umea\u030A", "umeå" },
    { "Ume\u212B", "umeå" },
    /* Full-width letters, a ligature, a superscript digit, a black-letter H */
    { "\uFF35\uFF2D\uFF25\u00C5", "umeå" },
    { "\uFB01nspång", "finspång" },
    { "Norr\u00B2", "norr2" },
    { "\u210Cärnösand", "härnösand" },
    { "Straße", "strasse" },
    /* Spaces are the caller's to trim */
    { " Umeå ", " umeå " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = anv_text_fold (cases[i].text);

      if (g_strcmp0 (folded, cases[i].folded) != 0)
        g_error ("case %u: “%s” folded to “%s”, not “%s”", i,
                 cases[i].text ? cases[i].text : "(null)", folded, cases[i].folded);
    }
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return anv_text_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Swedish order: å, ä, ö after z; other accents with their letter, ü as
 * y, æ as ä, ø as ö; w after v; digits before letters; case and accents
 * only to part what is otherwise the same. */
static void
test_text_collate (void)
{
  static const char *const sorted[] = {
    "1:a Matchning", "Aa", "anna", "Anna", "ANNA", "Anna Berg", "Anna-Karin", "Annabel",
    "Celik", "Çelik", "Elise", "élise", "Élise", "Eva", "Lars", "Łukasz", "Strasse", "Straße",
    "Ståle", "Ulla", "Uwe", "Vera", "Vilma", "Wera", "Wilma", "Yngve", "Üwe", "Zlatan", "Zoe",
    "Zoë", "Åmål", "Åre", "Åsa", "Älmhult", "Ängel", "Ære", "Ödla", "Øre", "Örjan", "Östen",
    "Σοφία",
  };
  g_autoptr (GPtrArray) shuffled = g_ptr_array_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (12);

  /* Every pair, both ways: a total order. */
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    for (guint j = 0; j < G_N_ELEMENTS (sorted); j++)
      {
        int result = anv_text_collate (sorted[i], sorted[j]);

        if ((i < j && result >= 0) || (i > j && result <= 0) || (i == j && result != 0))
          g_error ("“%s” and “%s” compared as %d", sorted[i], sorted[j], result);
      }

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_ptr_array_insert (shuffled, g_rand_int_range (rand, 0, (gint32) shuffled->len + 1),
                        (gpointer) sorted[i]);
  g_ptr_array_sort (shuffled, compare_texts);
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (g_ptr_array_index (shuffled, i), ==, sorted[i]);

  /* NULL first; lengths instead of NULs, as SQLite passes text */
  g_assert_cmpint (anv_text_collate (NULL, NULL), ==, 0);
  g_assert_cmpint (anv_text_collate (NULL, ""), <, 0);
  g_assert_cmpint (anv_text_collate ("", NULL), >, 0);
  g_assert_cmpint (anv_text_collate ("", "a"), <, 0);
  g_assert_cmpint (anv_text_collate_len ("Åsa Berg", strlen ("Åsa"), "Åsa", -1), ==, 0);
  g_assert_cmpint (anv_text_collate_len ("Zlatan", 1, "Åsa", 2), <, 0);

  /* Bytes that are not UTF-8, or a character cut short, still in one order */
  g_assert_cmpint (anv_text_collate ("\xff", "a"), <, 0);
  g_assert_cmpint (anv_text_collate ("a", "\xff"), >, 0);
  g_assert_cmpint (anv_text_collate ("\xc3", "\xc3\xa5"), <, 0);
  g_assert_cmpint (anv_text_collate ("\xc3\xa5", "\xc3"), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/seekers/add/forms", test_add_forms);
  g_test_add_func ("/seekers/add/bad-personnummer", test_add_bad_personnummer);
  g_test_add_func ("/seekers/add/municipality", test_add_municipality);
  g_test_add_func ("/seekers/add/name", test_add_name);
  g_test_add_func ("/seekers/add/name-message", test_add_name_message);
  g_test_add_func ("/seekers/add/name-invisible", test_add_name_invisible);
  g_test_add_func ("/seekers/add/clock-out-of-range", test_add_clock_out_of_range);
  g_test_add_func ("/text/quote", test_text_quote);
  g_test_add_func ("/text/fold", test_text_fold);
  g_test_add_func ("/text/collate", test_text_collate);
  g_test_add_func ("/seekers/add/duplicate", test_add_duplicate);
  g_test_add_func ("/seekers/add/protected", test_add_protected);
  g_test_add_func ("/seekers/add/audited", test_add_audited);
  g_test_add_func ("/seekers/search/names-and-numbers", test_search);
  g_test_add_func ("/seekers/search/syntax", test_search_syntax);
  g_test_add_func ("/seekers/search/paging", test_search_paging);
  g_test_add_func ("/seekers/search/order", test_search_order);
  g_test_add_func ("/seekers/search/swedish-order", test_search_swedish_order);

  return g_test_run ();
}
