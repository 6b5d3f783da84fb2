/* test-login-role.c — who is logged in, with which role and unit
 *
 * On a file the one user holds every role; on a server (ANVISA_TEST_SERVER,
 * the suite "server") each login's groups and unit as the server tells them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestLoginRole"

#include "config.h"

#include <unistd.h>

#include <glib.h>

#include "anv-schema.h"
#include "anv-staff.h"
#include "anv-test-util.h"

static void
test_file (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvLogin) login = NULL;
  g_autoptr (GError) error = NULL;

  if (anv_test_on_server ())
    {
      g_test_skip ("about a SQLite file");
      return;
    }
  db = anv_test_open_db (&dir);
  login = anv_staff_current (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (login->kind, ==, ANV_LOGIN_FILE);
  g_assert_cmpstr (login->login, ==, anv_db_get_user (db));
  for (guint r = 0; r < ANV_N_ROLES; r++)
    g_assert_true ((login->roles & (1u << r)) != 0);
  g_assert_true (login->unit_known);
  g_assert_null (login->unit);
  for (AnvWork w = ANV_WORK_PERSONAL_DATA; w <= ANV_WORK_AUDIT_LOG; w++)
    g_assert_true (anv_login_may (login, w));
  anv_test_close_db (&db, &dir);
}

/* The current login of @conninfo as @user */
static AnvLogin *
current_as (const char *conninfo,
            const char *user)
{
  g_autofree char *as = g_strconcat (conninfo, " user=", user, NULL);
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvLogin *login;

  db = anv_schema_open (as, NULL, &error);
  g_assert_no_error (error);
  login = anv_staff_current (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (login->login, ==, user);
  return login;
}

static void
test_server (void)
{
  static const struct
  {
    const char *suffix;
    int         role;        /* -1: made by hand in no group of ours */
    const char *unit;        /* NULL: the whole country */
    gboolean    by_hand;     /* in the group, but with no staff row */
    gboolean    personal, summary, close, reference, audit;
  } cases[] = {
    { "h", ANV_ROLE_HANDLAGGARE, "Umeå", FALSE, TRUE, TRUE, FALSE, FALSE, FALSE },
    { "c", ANV_ROLE_CHEF, "Umeå", FALSE, TRUE, TRUE, TRUE, FALSE, TRUE },
    { "a", ANV_ROLE_ANALYTIKER, NULL, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE },
    { "a2", ANV_ROLE_ANALYTIKER, "Umeå", FALSE, FALSE, TRUE, FALSE, FALSE, FALSE },
    { "s", ANV_ROLE_SKYDDADE, "Umeå", FALSE, TRUE, TRUE, FALSE, FALSE, FALSE },
    { "d", ANV_ROLE_ADMINISTRATOR, NULL, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE },
    { "x", ANV_ROLE_HANDLAGGARE, NULL, TRUE, TRUE, TRUE, FALSE, FALSE, FALSE },
  };
  const char * const umea[] = { "2480", "2460", NULL };
  const char * const other[] = { "0180", NULL };
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  const char *conninfo;

  if (!anv_test_on_server ())
    {
      g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
      return;
    }
  db = anv_test_open_db (&dir);
  conninfo = anv_test_db_location (db);
  g_assert_true (anv_units_add (db, "Umeå", umea, &error));
  g_assert_no_error (error);
  g_assert_true (anv_units_add (db, "Stockholm", other, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("t%d_%s", (int) getpid (), cases[i].suffix);
      g_autofree char *drop = g_strdup_printf ("DROP ROLE IF EXISTS %s", name);
      g_autoptr (AnvLogin) login = NULL;

      if (cases[i].by_hand)
        {
          g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s LOGIN IN ROLE %s", name,
                                                  anv_role_group (cases[i].role));

          anv_test_exec_raw (db, sql);
        }
      else
        {
          g_autofree char *full_name = g_strdup_printf ("Åsa Öberg %s", cases[i].suffix);

          g_assert_true (anv_staff_add (db, name, cases[i].role, cases[i].unit, full_name,
                                        &error));
          g_assert_no_error (error);
        }

      login = current_as (conninfo, name);
      g_test_message ("%s: %s, %s", name, anv_role_code (login->role),
                      login->unit_known ? (login->unit ? login->unit : "country") : "unknown");
      g_assert_cmpint (login->kind, ==, ANV_LOGIN_ROLES);
      g_assert_cmpuint (login->roles, ==, 1u << cases[i].role);
      g_assert_cmpint (login->role, ==, cases[i].role);
      /* With no staff row the server reaches none of its job seekers:
       * the unit is not known. */
      g_assert_cmpint (login->unit_known, ==, !cases[i].by_hand);
      g_assert_cmpstr (login->unit, ==, cases[i].by_hand ? NULL : cases[i].unit);
      /* The person's name, which every role may read of itself only */
      if (cases[i].by_hand)
        g_assert_null (login->name);
      else
        {
          g_autofree char *full_name = g_strdup_printf ("Åsa Öberg %s", cases[i].suffix);

          g_assert_cmpstr (login->name, ==, full_name);
        }
      g_assert_cmpint (anv_login_may (login, ANV_WORK_PERSONAL_DATA), ==, cases[i].personal);
      g_assert_cmpint (anv_login_may (login, ANV_WORK_SUMMARY), ==, cases[i].summary);
      g_assert_cmpint (anv_login_may (login, ANV_WORK_CLOSE_MONTHS), ==, cases[i].close);
      g_assert_cmpint (anv_login_may (login, ANV_WORK_REFERENCE_DATA), ==, cases[i].reference);
      g_assert_cmpint (anv_login_may (login, ANV_WORK_AUDIT_LOG), ==, cases[i].audit);
      g_clear_pointer (&login, anv_login_free);

      /* Given a second group by hand: the rights of both */
      if (cases[i].role == ANV_ROLE_HANDLAGGARE && !cases[i].by_hand)
        {
          g_autofree char *grant = g_strdup_printf ("GRANT anvisa_chef TO %s", name);

          anv_test_exec_raw (db, grant);
          login = current_as (conninfo, name);
          g_assert_cmpuint (login->roles, ==,
                            1u << ANV_ROLE_HANDLAGGARE | 1u << ANV_ROLE_CHEF);
          /* the staff's role is the one shown */
          g_assert_cmpint (login->role, ==, ANV_ROLE_HANDLAGGARE);
          g_assert_true (anv_login_may (login, ANV_WORK_CLOSE_MONTHS));
          g_clear_pointer (&login, anv_login_free);
        }
      anv_test_exec_raw (db, drop);
    }

  /* The login of the tests, in none of the five groups: as before roles */
  {
    g_autoptr (AnvLogin) login = anv_staff_current (db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (login->kind, ==, ANV_LOGIN_BEFORE_ROLES);
    g_assert_cmpuint (login->roles, ==, 0);
    g_assert_cmpstr (login->login, ==, anv_db_get_user (db));
    for (AnvWork w = ANV_WORK_PERSONAL_DATA; w <= ANV_WORK_AUDIT_LOG; w++)
      g_assert_true (anv_login_may (login, w));
  }
  anv_test_close_db (&db, &dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/login-role/file", test_file);
  g_test_add_func ("/login-role/server", test_server);

  return g_test_run ();
}
