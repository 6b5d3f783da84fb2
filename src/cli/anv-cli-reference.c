/* anv-cli-reference.c — anvisa-cli init, availability …, end-reason … and period-rule …
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-reference"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "anv-availability.h"
#include "anv-cli.h"
#include "anv-end-reasons.h"
#include "anv-i18n.h"
#include "anv-municipalities.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-text.h"

int
anv_cli_init (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *count = NULL;
  gint64 seekers;

  if (!anv_cli_parse_options ("init", "",
                              _("Create the database, or bring it up to date."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("init takes no arguments."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  seekers = anv_seekers_count (db, &error);
  if (seekers < 0)
    return anv_cli_fail_error (error);

  anv_cli_print (_("Database: %s\n"), anv_db_get_display_name (db));
  anv_cli_print (_("Schema version: %d\n"), anv_db_get_schema_version (db));
  count = anv_format_count ((guint64) seekers);
  /* Translators: %s is a number, grouped as in "12 199" */
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE, "%s job seeker registered.\n",
                              "%s job seekers registered.\n", (gulong) seekers),
                 count);
  return ANV_EXIT_OK;
}

/* availability */

static int
availability_list (AnvCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autofree char *municipality = NULL;
  GOptionEntry entries[] = {
    { "municipality", 'm', 0, G_OPTION_ARG_STRING, &municipality,
      N_("Only this municipality (code)"), N_("CODE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) periods = NULL;
  g_autoptr (GPtrArray) municipalities = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("availability list", "",
                              _("Show which service applies where, and when."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  if (municipality != NULL)
    {
      g_autoptr (AnvMunicipality) m = anv_municipalities_get (db, municipality, &error);

      if (m == NULL)
        return anv_cli_fail_error (error);
    }

  municipalities = anv_municipalities_list (db, &error);
  periods = municipalities ? anv_availability_list (db, municipality, &error) : NULL;
  if (periods == NULL)
    return anv_cli_fail_error (error);

  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (municipalities, i);
      g_hash_table_insert (names, m->code, m->short_name);
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Code"), _("Municipality"), _("Service"),
                                                 _("From"), _("To"), NULL }));
  for (guint i = 0; i < periods->len; i++)
    {
      AnvAvailability *a = g_ptr_array_index (periods, i);
      const char *name = g_hash_table_lookup (names, a->municipality_code);

      g_ptr_array_add (rows, g_strdupv ((char *[]) { a->municipality_code,
                                                     (char *) (name ? name : "?"),
                                                     (char *) anv_service_code (a->service),
                                                     a->valid_from,
                                                     a->valid_to ? a->valid_to : "–", NULL }));
    }
  anv_cli_print_table (rows, 5, 1);
  return ANV_EXIT_OK;
}

/* "KROM 2020-03-30 – 2021-05-17", "KROM from 2021-05-18 until further
 * notice" */
static char *
describe_period (const AnvAvailability *p)
{
  if (p->valid_to == NULL)
    /* Translators: %1$s is KROM or STOM, %2$s a date */
    return g_strdup_printf (_("%1$s from %2$s until further notice"),
                            anv_service_code (p->service), p->valid_from);
  /* Translators: %1$s is KROM or STOM, %2$s and %3$s dates */
  return g_strdup_printf (_("%1$s %2$s – %3$s"), anv_service_code (p->service), p->valid_from,
                          p->valid_to);
}

/* What gave way to the period just set, one line each. */
static void
print_changes (GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      AnvAvailabilityChange *change = g_ptr_array_index (changes, i);
      g_autofree char *before = describe_period (change->before);

      if (change->after->len == 0)
        /* Translators: %s is a period, e.g. “KROM 2020-03-30 – 2021-05-17” */
        anv_cli_print (_("  Removed: %s.\n"), before);
      else if (change->after->len == 1)
        {
          AnvAvailability *left = g_ptr_array_index (change->after, 0);

          if (g_strcmp0 (left->valid_from, change->before->valid_from) != 0)
            /* Translators: %1$s is a period, %2$s a date */
            anv_cli_print (_("  Moved: %1$s; it now starts on %2$s.\n"), before, left->valid_from);
          else
            /* Translators: %1$s is a period, %2$s a date */
            anv_cli_print (_("  Shortened: %1$s; it now ends on %2$s.\n"), before,
                           left->valid_to);
        }
      else
        {
          g_autofree char *first = describe_period (g_ptr_array_index (change->after, 0));
          g_autofree char *second = describe_period (g_ptr_array_index (change->after, 1));

          /* Translators: %1$s is a period, %2$s and %3$s what is left of it */
          anv_cli_print (_("  Split: %1$s is now %2$s and %3$s.\n"), before, first, second);
        }
    }
}

static int
availability_set (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *service_text = NULL;
  g_autofree char *codes_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_text, N_("KROM or STOM"), "S" },
    { "municipalities", 'm', 0, G_OPTION_ARG_STRING, &codes_text,
      N_("Municipality codes, separated by commas"), N_("CODE,…") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Last day (YYYY-MM-DD); none: until further notice"), N_("DATE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) codes = NULL;
  AnvService service;
  GDate from, to;

  if (!anv_cli_parse_options ("availability set", "",
                              _("Make a service the one that applies in municipalities from a "
                                "date. What applied there in that period before gives way."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (service_text == NULL || codes_text == NULL || from_text == NULL || argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("availability set needs --service, --municipalities and --from."));

  if (!anv_service_parse (service_text, &service, &error)
      || !anv_cli_parse_date ("--from", from_text, &from, &error)
      || (to_text != NULL && !anv_cli_parse_date ("--to", to_text, &to, &error)))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  codes = g_strsplit (codes_text, ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) changes = NULL;
      g_autofree char *where = NULL;
      const AnvMunicipality *municipality;

      g_strstrip (codes[i]);
      if (!anv_availability_set_full (db, service, codes[i], &from, to_text ? &to : NULL,
                                      &changes, &error))
        return anv_cli_fail_error (error);
      /* Saved already, so the code is known; the name only dresses the message. */
      municipality = anv_municipalities_lookup (db, codes[i], NULL);
      /* "Kalix kommun (2514)" */
      where = municipality ? g_strdup_printf ("%s (%s)", municipality->name, codes[i])
                           : g_strdup (codes[i]);
      if (to_text != NULL)
        /* Translators: %1$s a service, %2$s a municipality ("Kalix kommun (2514)"),
         * %3$s and %4$s dates */
        anv_cli_print (_("%1$s applies in %2$s from %3$s to %4$s.\n"),
                       anv_service_name (service), where, from_text, to_text);
      else
        /* Translators: %1$s a service, %2$s a municipality ("Kalix kommun (2514)"),
         * %3$s a date */
        anv_cli_print (_("%1$s applies in %2$s from %3$s.\n"), anv_service_name (service),
                       where, from_text);
      print_changes (changes);
    }
  return ANV_EXIT_OK;
}

static int
availability_import (AnvCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvImportReport report = { 0 };
  gboolean progress_shown = FALSE;
  g_autofree char *count = NULL;

  if (!anv_cli_parse_options ("availability import", _("FILE"),
                              _("Apply periods from a CSV file with the columns service, "
                                "municipality, valid_from and valid_to: all or nothing."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("availability import needs one file."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  report.row_error = anv_cli_print_row_error;
  report.user_data = &progress_shown;
  if (!anv_availability_import (db, argv[1], &report, &error))
    {
      anv_cli_print_more_errors (&report);
      return anv_cli_fail_error (error);
    }

  count = anv_format_count (report.n_stored);
  /* Translators: %s is a number, grouped as in "12 199" */
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE, "Applied %s period.\n",
                              "Applied %s periods.\n", (gulong) report.n_stored),
                 count);
  return ANV_EXIT_OK;
}

int
anv_cli_availability (AnvCli  *cli,
                      int      argc,
                      char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return availability_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "set") == 0)
    return availability_set (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "import") == 0)
    return availability_import (cli, argc - 1, argv + 1);

  return anv_cli_fail (ANV_EXIT_USAGE,
                       _("Use “availability list”, “availability set” or "
                         "“availability import”."));
}

/* end-reason */

static int
end_reason_list (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Include reasons no longer offered"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) reasons = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("end-reason list", "", _("List the reasons a referral can end."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  reasons = anv_end_reasons_list (db, all, &error);
  if (reasons == NULL)
    return anv_cli_fail_error (error);

  for (guint i = 0; i < reasons->len; i++)
    {
      AnvEndReason *r = g_ptr_array_index (reasons, i);

      g_autofree char *code = anv_cli_pad (r->code, 18, FALSE);
      g_autofree char *kind = anv_cli_pad (r->kind == ANV_END_KIND_RESULT ? _("result")
                                                                        : _("interruption"),
                                           13, FALSE);

      anv_cli_print ("%s %s %s%s\n", code, kind, anv_end_reason_label (r),
                     r->active ? "" : _(" (no longer offered)"));
    }
  return ANV_EXIT_OK;
}

static int
end_reason_add (AnvCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *kind_text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *label_en = NULL;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text, N_("result or interruption"),
      N_("KIND") },
    { "label", 'l', 0, G_OPTION_ARG_STRING, &label, N_("The name in Swedish"), N_("TEXT") },
    { "label-en", 0, 0, G_OPTION_ARG_STRING, &label_en, N_("The name in English"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvEndKind kind;

  if (!anv_cli_parse_options ("end-reason add", _("CODE"),
                              _("Add a reason a referral can end."), entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || kind_text == NULL || label == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("end-reason add needs a CODE, --kind and --label."));
  if (!anv_end_kind_parse (kind_text, &kind, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  if (!anv_end_reasons_add (db, argv[1], kind, label, label_en, &error))
    return anv_cli_fail_error (error);
  anv_cli_print (_("Added the end reason %s.\n"), argv[1]);
  return ANV_EXIT_OK;
}

int
anv_cli_end_reason (AnvCli  *cli,
                    int      argc,
                    char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return end_reason_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return end_reason_add (cli, argc - 1, argv + 1);

  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “end-reason list” or “end-reason add”."));
}

/* period-rule */

static int
period_rule_list (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("period-rule list", "",
                              _("List the period rules: per service, from which decision date, "
                                "the initial months, the months of an extension and the "
                                "maximum."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  rules = anv_period_rules_list (db, &error);
  if (rules == NULL)
    return anv_cli_fail_error (error);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Service"), _("Decided from"),
                                                 _("Initial"), _("Extension"), _("Maximum"),
                                                 _("Added by"), NULL }));
  for (guint i = 0; i < rules->len; i++)
    {
      AnvPeriodRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *initial = g_strdup_printf ("%u", rule->initial_months);
      g_autofree char *extension = g_strdup_printf ("%u", rule->extension_months);
      g_autofree char *max = g_strdup_printf ("%u", rule->max_months);

      g_ptr_array_add (rows, g_strdupv ((char *[]) { (char *) anv_service_code (rule->service),
                                                     rule->valid_from, initial, extension, max,
                                                     rule->added_by, NULL }));
    }
  anv_cli_print_table (rows, 6, 1);
  anv_cli_print ("%s\n", _("Months. The rule valid on a referral’s decision date applies."));
  return ANV_EXIT_OK;
}

static gboolean
parse_months (const char  *option,
              const char  *text,
              guint       *out,
              GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 120, &value, NULL))
    {
      g_autofree char *shown = anv_text_quote (text);

      g_set_error (error, ANV_REFERRAL_ERROR, ANV_REFERRAL_ERROR_PERIOD,
                   /* Translators: %1$s an option, %2$s what was typed */
                   _("%1$s takes a number of months from 1 to 120, not “%2$s”."), option,
                   shown);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static int
period_rule_add (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autofree char *service_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *initial_text = NULL;
  g_autofree char *extension_text = NULL;
  g_autofree char *max_text = NULL;
  GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_text, N_("KROM or STOM"), "S" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("For referrals decided from this day (YYYY-MM-DD)"), N_("DATE") },
    { "initial", 0, 0, G_OPTION_ARG_STRING, &initial_text, N_("Months of the first period"),
      "N" },
    { "extension", 0, 0, G_OPTION_ARG_STRING, &extension_text,
      N_("Months of one extension"), "N" },
    { "max", 0, 0, G_OPTION_ARG_STRING, &max_text, N_("Months at most, extensions included"),
      "N" },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvService service;
  guint initial, extension, max;
  GDate from;

  if (!anv_cli_parse_options ("period-rule add", "",
                              _("Add a period rule for the referrals of a service decided from "
                                "a date. A rule is never changed; a later one takes over."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || service_text == NULL || from_text == NULL || initial_text == NULL
      || extension_text == NULL || max_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("period-rule add needs --service, --from, --initial, --extension "
                           "and --max."));
  if (!anv_service_parse (service_text, &service, &error)
      || !anv_cli_parse_date ("--from", from_text, &from, &error)
      || !parse_months ("--initial", initial_text, &initial, &error)
      || !parse_months ("--extension", extension_text, &extension, &error)
      || !parse_months ("--max", max_text, &max, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_period_rules_add (db, service, &from, initial, extension, max, &error))
    return anv_cli_fail_error (error);
  /* Translators: %1$s a service, %2$s a date; months: %3$u initial, %4$u an extension,
   * %5$u at most */
  anv_cli_print (_("Referrals to %1$s decided from %2$s run %3$u months, extended by %4$u at a "
                   "time, at most %5$u.\n"),
                 anv_service_name (service), from_text, initial, extension, max);
  return ANV_EXIT_OK;
}

int
anv_cli_period_rule (AnvCli  *cli,
                     int      argc,
                     char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return period_rule_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return period_rule_add (cli, argc - 1, argv + 1);

  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “period-rule list” or “period-rule add”."));
}

/* choice-rule */

static int
choice_rule_list (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("choice-rule list", "",
                              _("List the choice rules: per service, from which decision date, "
                                "the working days a job seeker has to choose a provider."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  rules = anv_choice_rules_list (db, &error);
  if (rules == NULL)
    return anv_cli_fail_error (error);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Service"), _("Decided from"),
                                                 _("Working days"), _("Added by"), NULL }));
  for (guint i = 0; i < rules->len; i++)
    {
      AnvChoiceRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *workdays = g_strdup_printf ("%u", rule->workdays);

      g_ptr_array_add (rows, g_strdupv ((char *[]) { (char *) anv_service_code (rule->service),
                                                     rule->valid_from, workdays,
                                                     rule->added_by, NULL }));
    }
  anv_cli_print_table (rows, 4, 1);
  anv_cli_print ("%s\n", _("A referral decided before the job seeker chose waits for the "
                           "choice this many working days after the decision; the rule valid "
                           "on the decision date applies."));
  return ANV_EXIT_OK;
}

static int
choice_rule_add (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autofree char *service_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *workdays_text = NULL;
  GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_text, N_("KROM or STOM"), "S" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("For referrals decided from this day (YYYY-MM-DD)"), N_("DATE") },
    { "workdays", 0, 0, G_OPTION_ARG_STRING, &workdays_text,
      N_("Working days after the decision to choose a provider"), "N" },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvService service;
  guint64 workdays;
  GDate from;

  if (!anv_cli_parse_options ("choice-rule add", "",
                              _("Add a choice rule for the referrals of a service decided from "
                                "a date. A rule is never changed; a later one takes over."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || service_text == NULL || from_text == NULL || workdays_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("choice-rule add needs --service, --from and --workdays."));
  if (!anv_service_parse (service_text, &service, &error)
      || !anv_cli_parse_date ("--from", from_text, &from, &error))
    return anv_cli_fail_error (error);
  /* The range is the core's to say */
  if (!g_ascii_string_to_unsigned (workdays_text, 10, 0, G_MAXUINT32, &workdays, NULL))
    {
      g_autofree char *shown = anv_text_quote (workdays_text);
      g_autofree char *message = g_strdup_printf (
        /* Translators: %s is what was typed */
        _("--workdays takes a whole number of working days, not “%s”."), shown);

      return anv_cli_fail (ANV_EXIT_REJECTED, message);
    }

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_choice_rules_add (db, service, &from, (guint) workdays, &error))
    return anv_cli_fail_error (error);
  /* Translators: %1$s a service, %2$s a date, %3$u working days */
  anv_cli_print (_("Referrals to %1$s decided from %2$s wait %3$u working days for the job "
                   "seeker’s choice.\n"),
                 anv_service_name (service), from_text, (guint) workdays);
  return ANV_EXIT_OK;
}

int
anv_cli_choice_rule (AnvCli  *cli,
                     int      argc,
                     char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return choice_rule_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return choice_rule_add (cli, argc - 1, argv + 1);

  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “choice-rule list” or “choice-rule add”."));
}
