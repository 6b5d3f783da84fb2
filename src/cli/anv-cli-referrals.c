/* anv-cli-referrals.c — anvisa-cli refer, start, change-provider, end,
 * referral …, summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-referrals"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "anv-cli.h"
#include "anv-date.h"
#include "anv-export.h"
#include "anv-i18n.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-personnummer.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-seekers.h"
#include "anv-summary.h"

/* Reads an optional --date-like option into @out; NULL text keeps @out
 * unset and returns TRUE with *@given FALSE. */
static gboolean
parse_optional_date (const char  *option,
                     const char  *text,
                     GDate       *out,
                     gboolean    *given,
                     GError     **error)
{
  *given = text != NULL;
  return text == NULL || anv_cli_parse_date (option, text, out, error);
}

static void
print_referral (const AnvReferral *r)
{
  anv_cli_print_field (_("Service:"), "%s (%s)", anv_service_name (r->service),
                       anv_service_code (r->service));
  anv_cli_print_field (r->service == ANV_SERVICE_KROM ? _("Level:") : _("Track:"), "%s",
                       r->level);
  anv_cli_print_field (_("Decided in:"), "%s (%s)", r->municipality_name,
                       r->municipality_code);
  anv_cli_print_field (_("Decided on:"), "%s (%s)", r->decided_on, r->decided_by);
  anv_cli_print_field (_("Planned start:"), "%s", r->planned_start);
  if (r->started_on != NULL)
    anv_cli_print_field (_("Started:"), "%s", r->started_on);
  if (r->started_on != NULL && r->start_note != NULL)
    /* Translators: under the start: why it was recorded earlier than allowed */
    anv_cli_print_field (_("Start note:"), "%s", r->start_note);
  if (r->period_end != NULL)
    {
      if (r->extended_months > 0)
        /* Translators: %1$s the period's last day; months: %2$u in all, %3$u of them by
         * extensions, %4$u the maximum */
        anv_cli_print_field (_("Period:"), _("to %1$s (%2$u months, %3$u of them extended; "
                                             "at most %4$u)"),
                             r->period_end, r->period_months, r->extended_months,
                             r->max_months);
      else
        /* Translators: %1$s the period's last day; months: %2$u, %3$u the maximum */
        anv_cli_print_field (_("Period:"), _("to %1$s (%2$u months; at most %3$u)"),
                             r->period_end, r->period_months, r->max_months);
    }
  if (r->choice == ANV_CHOICE_PENDING && r->ended_on != NULL)
    /* Translators: %s is the last day the job seeker had to choose */
    anv_cli_print_field (_("Provider:"), _("None: no choice was made before the referral "
                                           "ended (the deadline was %s)"),
                         r->choice_deadline);
  else if (r->choice == ANV_CHOICE_PENDING)
    /* Translators: %s is the last day to choose */
    anv_cli_print_field (_("Provider:"), _("Awaiting the job seeker’s choice until %s "
                                           "(väntar på val)"), r->choice_deadline);
  for (guint i = 0; r->providers != NULL && i < r->providers->len; i++)
    {
      const AnvReferralProvider *p = g_ptr_array_index (r->providers, i);

      g_autofree char *orgnr = anv_orgnr_format (p->orgnr);
      g_autofree char *line = g_strdup_printf (
        /* Translators: %1$s provider, %2$s organisationsnummer, %3$s date */
        _("%1$s, %2$s, from %3$s"), p->name, orgnr, p->from_date);

      anv_cli_print_field (i == 0 ? _("Provider:") : _("Changed to:"), "%s%s", line,
                           p->outside_area ? _(" — own choice outside the area") : "");
      /* The note belongs to the provider decided with, not to one the
       * job seeker changed to later. */
      if (i == 0 && r->choice == ANV_CHOICE_DEFAULT)
        anv_cli_print_field ("", "%s", _("(assigned as the no-choice default, "
                                         "ickevalsalternativ)"));
      if (i == 0 && r->choice_deadline != NULL && r->chosen_on != NULL)
        /* Translators: %s is the last day the job seeker had to choose */
        anv_cli_print_field ("", _("(decided before the choice; the deadline was %s)"),
                             r->choice_deadline);
    }
  if (r->ended_on != NULL)
    anv_cli_print_field (_("Ended:"), "%s (%s: %s)", r->ended_on,
                         r->started_on == NULL ? C_("kind of end", "ended before the start")
                         : r->end_kind == ANV_END_KIND_RESULT ? _("result")
                         : _("interruption"),
                         r->end_reason);
  if (r->annulled)
    anv_cli_print_field (_("Annulled:"), "%s", _("yes — counts nowhere"));
}

/* Saved, but probably mistyped: a decision dated on a day off. */
static void
warn_day_off (const GDate *decided_on,
              gint64       id)
{
  g_autofree char *warning = anv_referrals_decision_warning (decided_on);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (warning == NULL)
    return;
  /* Translators: %1$s is the warning, %2$s the referral's number; keep the
   * command as it is */
  g_printerr (_("anvisa-cli: warning: %1$s The referral was saved; if the date is wrong, "
                "correct it with “referral correct %2$s --field decided_on --value DATE "
                "--reason TEXT”.\n"), warning, id_text);
}

int
anv_cli_refer (AnvCli  *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *service_text = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *level = NULL;
  g_autofree char *decided_text = NULL;
  g_autofree char *start_text = NULL;
  gboolean no_choice = FALSE, outside_area = FALSE, pending = FALSE;
  GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_text,
      N_("KROM or STOM (default: the one that applies)"), "S" },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("The provider’s organisationsnummer"), "ORGNR" },
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level,
      N_("Level A, B or C (KROM); track 1–4 (STOM)"), "L" },
    { "decided", 0, 0, G_OPTION_ARG_STRING, &decided_text,
      N_("Decision date (default: today)"), N_("DATE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Planned start (default: 10 working days after the decision)"), N_("DATE") },
    { "no-choice", 0, 0, G_OPTION_ARG_NONE, &no_choice,
      N_("The job seeker made no choice: the no-choice default, the approved provider "
         "given the fewest this month (or the one given with --provider)"),
      NULL },
    { "outside-area", 0, 0, G_OPTION_ARG_NONE, &outside_area,
      N_("The job seeker chose a provider outside the area (and pays the travel)"), NULL },
    { "pending", 0, 0, G_OPTION_ARG_NONE, &pending,
      N_("Decide before the job seeker has chosen: no provider yet, the choice awaited until "
         "the deadline of the choice rule (see “choice-rule list”)"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (GError) error = NULL;
  AnvReferralInput input = { 0 };
  GDate decided, start;
  gboolean has_decided, has_start;

  if (!anv_cli_parse_options ("refer", "PNR", _("Decide a referral to a matching service."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || level == NULL || (provider == NULL && !no_choice && !pending))
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("refer needs a personnummer, --level, and --provider, --no-choice "
                           "or --pending."));
  if (pending && (no_choice || provider != NULL || outside_area))
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("refer --pending decides without a provider: leave out --provider, "
                           "--no-choice and --outside-area."));

  input.service = ANV_SERVICE_NONE;
  if ((service_text != NULL && !anv_service_parse (service_text, &input.service, &error))
      || !parse_optional_date ("--decided", decided_text, &decided, &has_decided, &error)
      || !parse_optional_date ("--start", start_text, &start, &has_start, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  input.personnummer = argv[1];
  input.provider_orgnr = provider;
  input.level = level;
  input.choice = pending ? ANV_CHOICE_PENDING
                 : no_choice ? ANV_CHOICE_DEFAULT : ANV_CHOICE_OWN;
  input.outside_area = outside_area;
  input.decided_on = has_decided ? &decided : NULL;
  input.planned_start = has_start ? &start : NULL;

  referral = anv_referrals_decide (db, &input, &cli->today, &error);
  if (referral == NULL)
    return anv_cli_fail_error (error);

  anv_cli_print ("%s\n", _("Referral decided:"));
  print_referral (referral);
  warn_day_off (has_decided ? &decided : &cli->today, referral->id);
  return ANV_EXIT_OK;
}

/* start, change-provider and end share their shape: PNR [--date D]. */
static gboolean
parse_event (const char    *command,
             const char    *summary,
             GOptionEntry  *extra,
             int           *argc,
             char        ***argv,
             char         **date_text)
{
  GOptionEntry date_entry = {
    "date", 'd', 0, G_OPTION_ARG_STRING, date_text, N_("The date (default: today)"),
    N_("DATE")
  };
  g_autoptr (GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  g_array_append_val (entries, date_entry);
  for (guint i = 0; extra != NULL && extra[i].long_name != NULL; i++)
    g_array_append_val (entries, extra[i]);

  return anv_cli_parse_options (command, "PNR", summary, (GOptionEntry *) entries->data,
                                argc, argv);
}

int
anv_cli_start (AnvCli  *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *date_text = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry extra[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason,
      N_("Why the start, as the provider reported it, is earlier than allowed (10 working "
         "days after the decision): needed for such a start"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;
  gboolean has_date;

  if (!parse_event ("start", _("Record that the job seeker’s referral started."), extra,
                    &argc, &argv, &date_text))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("start needs one personnummer."));
  if (!parse_optional_date ("--date", date_text, &date, &has_date, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_start_reported (db, argv[1], has_date ? &date : NULL, reason, &cli->today,
                                     &error))
    return anv_cli_fail_error (error);
  anv_cli_print ("%s\n", _("The start is recorded."));
  return ANV_EXIT_OK;
}

int
anv_cli_change_provider (AnvCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autofree char *date_text = NULL;
  g_autofree char *provider = NULL;
  gboolean outside_area = FALSE;
  GOptionEntry extra[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("The new provider’s organisationsnummer"), "ORGNR" },
    { "outside-area", 0, 0, G_OPTION_ARG_NONE, &outside_area,
      N_("The job seeker chose a provider outside the area (and pays the travel)"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;
  gboolean has_date;

  if (!parse_event ("change-provider", _("Change the provider of the open referral."), extra,
                    &argc, &argv, &date_text))
    return ANV_EXIT_USAGE;
  if (argc != 2 || provider == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("change-provider needs a personnummer and --provider."));
  if (!parse_optional_date ("--date", date_text, &date, &has_date, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_change_provider (db, argv[1], provider, outside_area,
                                      has_date ? &date : NULL, &cli->today, &error))
    return anv_cli_fail_error (error);
  anv_cli_print ("%s\n", _("The change of provider is recorded."));
  return ANV_EXIT_OK;
}

int
anv_cli_end (AnvCli  *cli,
             int      argc,
             char   **argv)
{
  g_autofree char *date_text = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry extra[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason,
      N_("Why it ends (see “end-reason list”)"), N_("CODE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;
  gboolean has_date;

  if (!parse_event ("end", _("Record that the open referral ended."), extra, &argc, &argv,
                    &date_text))
    return ANV_EXIT_USAGE;
  if (argc != 2 || reason == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("end needs a personnummer and --reason."));
  if (!parse_optional_date ("--date", date_text, &date, &has_date, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_end (db, argv[1], reason, has_date ? &date : NULL, &cli->today, &error))
    return anv_cli_fail_error (error);
  anv_cli_print ("%s\n", _("The end is recorded."));
  return ANV_EXIT_OK;
}

static int
referral_show (AnvCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GPtrArray) referrals = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("referral show", "PNR",
                              _("Show the job seeker’s referrals, newest first."), NULL,
                              &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("referral show needs one personnummer."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  /* The person's referrals are their record: opened, and so recorded in
   * the audit log, as seeker show opens it. */
  seeker = anv_seekers_open (db, argv[1], &cli->today, &error);
  if (seeker != NULL)
    referrals = anv_referrals_for_seeker (db, argv[1], &cli->today, &error);
  if (referrals == NULL)
    return anv_cli_fail_error (error);
  if (referrals->len == 0)
    anv_cli_print ("%s\n", _("The job seeker has no referrals."));
  for (guint i = 0; i < referrals->len; i++)
    {
      AnvReferral *r = g_ptr_array_index (referrals, i);

      anv_cli_print (_("Referral %lld:\n"), (long long) r->id);
      print_referral (r);
      if (i + 1 < referrals->len)
        anv_cli_print ("\n");
    }
  return ANV_EXIT_OK;
}

static int
referral_correct (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "field", 'f', 0, G_OPTION_ARG_STRING, &field,
      N_("decided_on, planned_start, started_on, ended_on, end_reason, level or annulled"),
      N_("FIELD") },
    { "value", 'v', 0, G_OPTION_ARG_STRING, &value,
      N_("The right value (empty removes a start or an end)"), N_("VALUE") },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why it is corrected"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (!anv_cli_parse_options ("referral correct", "ID",
                              _("Correct a wrong entry of a referral; the old value and the "
                                "reason are kept."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || field == NULL || value == NULL || reason == NULL
      || !g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("referral correct needs the referral’s number, --field, --value "
                           "and --reason."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_correct (db, id, field, value, reason, &error))
    return anv_cli_fail_error (error);
  anv_cli_print ("%s\n", _("The correction is recorded."));
  if (strcmp (field, "decided_on") == 0)
    {
      GDate decided;
      g_autofree char *warning = NULL;

      if (anv_date_parse (value, &decided, NULL))
        warning = anv_referrals_decision_warning (&decided);
      if (warning != NULL)
        /* Translators: %s is the warning about a decision on a day off */
        g_printerr (_("anvisa-cli: warning: %s\n"), warning);
    }
  return ANV_EXIT_OK;
}

static int
referral_extend (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autofree char *date_text = NULL;
  GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text, N_("Date (default: today)"),
      N_("DATE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) r = NULL;
  gboolean given;
  GDate date;
  gint64 id;

  if (!anv_cli_parse_options ("referral extend", "ID",
                              _("Extend the referral’s period by its rule’s months "
                                "(förlängning), within the maximum."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || !g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return anv_cli_fail (ANV_EXIT_USAGE, _("referral extend needs the referral’s number."));
  if (!parse_optional_date ("--date", date_text, &date, &given, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_extend (db, id, given ? &date : NULL, &cli->today, &error)
      || (r = anv_referrals_get (db, id, &error)) == NULL)
    return anv_cli_fail_error (error);
  /* Translators: %1$lld a referral's number, %2$s a date, %3$u months in all */
  anv_cli_print (_("Referral %1$lld is extended: its period now ends on %2$s (%3$u months).\n"),
                 (long long) id, r->period_end, r->period_months);
  return ANV_EXIT_OK;
}

static int
referral_end_expired (AnvCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autofree char *date_text = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("End the referrals whose period’s last day is before this date"), N_("DATE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only say which referrals would end; write nothing"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autofree char *count = NULL;
  GDate date;

  if (!anv_cli_parse_options ("referral end-expired", "",
                              _("End every open referral whose period ran out before the "
                                "date, with the reason “tiden_ute”, on the period’s last "
                                "day."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || date_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("referral end-expired needs --date."));
  if (!anv_cli_parse_date ("--date", date_text, &date, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_end_expired (db, &date, &cli->today, dry_run, &ids, &error))
    return anv_cli_fail_error (error);

  count = anv_format_count (ids->len);
  if (dry_run)
    {
      /* Translators: %s is a number, grouped as in "12 199" */
      anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                  "%s referral would end (dry run: nothing written).\n",
                                  "%s referrals would end (dry run: nothing written).\n",
                                  ids->len), count);
      for (guint i = 0; i < ids->len; i++)
        anv_cli_print ("%" G_GINT64_FORMAT "\n", g_array_index (ids, gint64, i));
    }
  else
    /* Translators: %s is a number, grouped as in "12 199" */
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                "Ended %s referral whose period ran out (tiden_ute).\n",
                                "Ended %s referrals whose periods ran out (tiden_ute).\n",
                                ids->len), count);
  return ANV_EXIT_OK;
}

static int
referral_move_leaving (AnvCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autofree char *date_text = NULL;
  g_autofree char *provider_text = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("The day from which the new provider takes over"), N_("DATE") },
    { "provider", 'p', 0, G_OPTION_ARG_STRING, &provider_text,
      N_("Only the referrals of this provider"), N_("ORGNR") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only say which referrals would move, and where; write nothing"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *count = NULL;
  AnvOrgnr orgnr;
  guint moved = 0;
  GDate date;

  if (!anv_cli_parse_options ("referral move-leaving", "",
                              _("Move every open referral whose provider is no longer "
                                "approved for it on the date to the no-choice default "
                                "there, from that date."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || date_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("referral move-leaving needs --date."));
  if (!anv_cli_parse_date ("--date", date_text, &date, &error))
    return anv_cli_fail_error (error);
  if (provider_text != NULL && !anv_orgnr_parse (provider_text, &cli->today, &orgnr, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  /* A provider that is not there is said so, not "0 moved" */
  if (provider_text != NULL)
    {
      g_autoptr (AnvProvider) provider = anv_providers_get (db, orgnr.digits, &cli->today,
                                                            &error);

      if (provider == NULL)
        return anv_cli_fail_error (error);
    }
  if (!anv_referrals_move_leaving (db, &date, provider_text != NULL ? orgnr.digits : NULL,
                                   &cli->today, dry_run, &moves, &error))
    return anv_cli_fail_error (error);

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Referral"), _("Job seeker"), _("Leaves"),
                                                 _("Moves to"), NULL }));
  for (guint i = 0; i < moves->len; i++)
    {
      const AnvReferralMove *move = g_ptr_array_index (moves, i);
      g_autofree char *masked = anv_personnummer_format_masked (move->personnummer);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, move->referral_id);
      row[1] = move->name != NULL ? g_strdup_printf ("%s %s", masked, move->name)
                                  : g_strdup_printf ("%s %s", masked,
                                                     _("(protected identity)"));
      row[2] = g_strdup (move->from_name);
      row[3] = move->to_name != NULL ? g_strdup (move->to_name)
                                     : g_strdup (_("stays: no other provider is approved"));
      g_ptr_array_add (rows, row);
      moved += move->to_name != NULL;
    }
  if (moves->len > 0)
    anv_cli_print_table (rows, 4, 2);

  count = anv_format_count (moved);
  if (dry_run)
    /* Translators: %s is a number, grouped as in "12 199" */
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                "%s referral would move (dry run: nothing written).\n",
                                "%s referrals would move (dry run: nothing written).\n",
                                moved), count);
  else
    /* Translators: %s is a number, grouped as in "12 199" */
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                "Moved %s referral to the no-choice default.\n",
                                "Moved %s referrals to the no-choice default.\n",
                                moved), count);
  if (moved < moves->len)
    {
      g_autofree char *stays = anv_format_count (moves->len - moved);

      /* Translators: %s is a number, grouped as in "12 199" */
      anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                  "%s referral stays with its provider: approve another "
                                  "provider there, or change the provider by hand.\n",
                                  "%s referrals stay with their providers: approve another "
                                  "provider there, or change the provider by hand.\n",
                                  moves->len - moved), stays);
    }
  return ANV_EXIT_OK;
}

/* referral choose, assign-default, assign-defaults */

static gboolean
parse_referral_id (const char *text,
                   gint64     *out)
{
  return text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL);
}

static int
referral_choose (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autofree char *date_text = NULL;
  g_autofree char *provider = NULL;
  gboolean outside_area = FALSE, given;
  GOptionEntry entries[] = {
    { "provider", 'p', 0, G_OPTION_ARG_STRING, &provider,
      N_("The organisationsnummer of the provider the job seeker chose"), "ORGNR" },
    { "outside-area", 0, 0, G_OPTION_ARG_NONE, &outside_area,
      N_("The job seeker chose a provider outside the area (and pays the travel)"), NULL },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("The day of the choice, from which the provider takes the referral (default: "
         "today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvOrgnr orgnr;
  GDate date;
  gint64 id;

  if (!anv_cli_parse_options ("referral choose", "ID",
                              _("Record the provider the job seeker chose for a referral "
                                "decided before the choice."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || !parse_referral_id (argv[1], &id) || provider == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("referral choose needs the referral’s number and --provider."));
  if (!parse_optional_date ("--date", date_text, &date, &given, &error)
      || !anv_orgnr_parse (provider, &cli->today, &orgnr, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_choose (db, id, orgnr.digits, outside_area, given ? &date : NULL,
                             &cli->today, &error))
    return anv_cli_fail_error (error);
  /* Translators: %lld is a referral's number */
  anv_cli_print (_("The job seeker’s choice is recorded on referral %lld.\n"), (long long) id);
  return ANV_EXIT_OK;
}

static int
referral_assign_default (AnvCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autofree char *date_text = NULL;
  GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("The day the default is given, after the choice deadline (default: today)"),
      N_("DATE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *orgnr = NULL;
  g_autofree char *shown = NULL;
  gboolean given;
  GDate date;
  gint64 id;

  if (!anv_cli_parse_options ("referral assign-default", "ID",
                              _("Assign the no-choice default to a referral whose job seeker "
                                "did not choose by the deadline."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || !parse_referral_id (argv[1], &id))
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("referral assign-default needs the referral’s number."));
  if (!parse_optional_date ("--date", date_text, &date, &given, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_assign_default (db, id, given ? &date : NULL, &cli->today, &orgnr,
                                     &error))
    return anv_cli_fail_error (error);
  shown = anv_orgnr_format (orgnr);
  /* Translators: %1$lld is a referral's number, %2$s an organisationsnummer */
  anv_cli_print (_("Referral %1$lld gets the no-choice default, %2$s.\n"), (long long) id,
                 shown);
  return ANV_EXIT_OK;
}

static int
referral_assign_defaults (AnvCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autofree char *date_text = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("Assign the default where the choice deadline passed before this date, from it"),
      N_("DATE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only say which referrals would get which provider; write nothing"), NULL },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *count = NULL;
  guint assigned = 0;
  GDate date;

  if (!anv_cli_parse_options ("referral assign-defaults", "",
                              _("Assign the no-choice default to every open referral whose job "
                                "seeker did not choose by the deadline, before the date."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || date_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE, _("referral assign-defaults needs --date."));
  if (!anv_cli_parse_date ("--date", date_text, &date, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_referrals_assign_defaults (db, &date, &cli->today, dry_run, &due, &error))
    return anv_cli_fail_error (error);

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("Referral"), _("Job seeker"),
                                                 _("Choice deadline"), _("Gets"), NULL }));
  for (guint i = 0; i < due->len; i++)
    {
      const AnvChoiceDue *d = g_ptr_array_index (due, i);
      g_autofree char *masked = anv_personnummer_format_masked (d->personnummer);
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, d->referral_id);
      row[1] = g_strdup_printf ("%s %s", masked,
                                d->name != NULL ? d->name : _("(protected identity)"));
      row[2] = g_strdup (d->deadline);
      row[3] = d->to_name != NULL ? g_strdup (d->to_name)
                                  : g_strdup (_("waits: no provider is approved there"));
      g_ptr_array_add (rows, row);
      assigned += d->to_name != NULL;
    }
  if (dry_run && g_date_compare (&date, &cli->today) > 0)
    {
      char day[11];

      anv_date_format (&date, day);
      /* Translators: %s is a date after today */
      anv_cli_print (_("Preview as of %s, a day still to come: the choices recorded until "
                       "then change it.\n"), day);
    }
  if (dry_run && due->len > 0)
    anv_cli_print_table (rows, 4, 2);

  count = anv_format_count (assigned);
  if (dry_run)
    /* Translators: %s is a number, grouped as in "12 199" */
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                "%s referral would get the no-choice default (dry run: "
                                "nothing written).\n",
                                "%s referrals would get the no-choice default (dry run: "
                                "nothing written).\n",
                                assigned), count);
  else
    /* Translators: %s is a number, grouped as in "12 199" */
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                "Assigned the no-choice default to %s referral whose choice "
                                "deadline passed.\n",
                                "Assigned the no-choice default to %s referrals whose choice "
                                "deadline passed.\n",
                                assigned), count);
  if (assigned < due->len)
    {
      g_autofree char *waits = anv_format_count (due->len - assigned);

      /* Translators: %s is a number, grouped as in "12 199" */
      anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                  "%s referral still waits: no provider is approved where the "
                                  "job seeker lives. Approve one, then run this again.\n",
                                  "%s referrals still wait: no provider is approved where the "
                                  "job seekers live. Approve one, then run this again.\n",
                                  due->len - assigned), waits);
    }
  return ANV_EXIT_OK;
}

int
anv_cli_referral (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "show") == 0)
    return referral_show (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "correct") == 0)
    return referral_correct (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "extend") == 0)
    return referral_extend (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "end-expired") == 0)
    return referral_end_expired (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "move-leaving") == 0)
    return referral_move_leaving (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "choose") == 0)
    return referral_choose (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "assign-default") == 0)
    return referral_assign_default (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "assign-defaults") == 0)
    return referral_assign_defaults (cli, argc - 1, argv + 1);
  return anv_cli_fail (ANV_EXIT_USAGE,
                       _("Use “referral show PNR”, “referral correct ID”, “referral extend "
                         "ID”, “referral end-expired --date DATE”, “referral move-leaving "
                         "--date DATE”, “referral choose ID --provider ORGNR”, “referral "
                         "assign-default ID” or “referral assign-defaults --date DATE”."));
}

/* summary */

static const char *
row_name (const AnvSummaryRow *row,
          GHashTable          *municipality_names,
          GHashTable          *county_names)
{
  switch (row->level)
    {
    case ANV_SUMMARY_MUNICIPALITY:
      return g_hash_table_lookup (municipality_names, row->code);
    case ANV_SUMMARY_COUNTY:
      return g_hash_table_lookup (county_names, row->code);
    case ANV_SUMMARY_NATIONAL:
    default:
      /* Translators: the whole country, in the summary */
      return _("Sweden");
    }
}

static gboolean
row_is_empty (const AnvSummaryRow *row)
{
  return row->decided_women + row->decided_men + row->started + row->ended_job
         + row->ended_studies + row->ended_interrupted + row->ended_before_start
         + row->active_end + row->overdue_end == 0;
}

/* "total (women/men)"; a split that retention made unknown: "total (–)". */
static char *
format_split (guint total,
              guint women,
              guint men)
{
  if (women == ANV_SUMMARY_UNKNOWN || men == ANV_SUMMARY_UNKNOWN)
    return g_strdup_printf ("%u (–)", total);
  return g_strdup_printf ("%u (%u/%u)", total, women, men);
}

static void
append_cell (GString    *line,
             const char *text,
             guint       width)
{
  g_string_append_c (line, ' ');
  for (glong k = anv_cli_text_width (text); k < (glong) width; k++)
    g_string_append_c (line, ' ');
  g_string_append (line, text);
}

#define N_SUMMARY_CELLS 10

static const guint summary_widths[N_SUMMARY_CELLS] = { 13, 13, 11, 11, 11, 11, 13, 13, 13, 9 };

/* The service and month over the lines that follow, with the headings */
static void
print_heading (const AnvSummaryRow *row,
               const char          *first)
{
  /* Translators: column headings of the summary; keep them short.
   * Each count but the last is shown as "total (women/men)". */
  const char *headings[N_SUMMARY_CELLS] = {
    C_("summary heading", "Referred"), C_("summary heading", "Started"),
    C_("summary heading", "Job"), C_("summary heading", "Studies"),
    C_("summary heading", "Interr."),
    /* Translators: ended before the start (avslutade före start) */
    C_("summary heading", "Bef. start"), C_("summary heading", "Active"),
    C_("summary heading", "Taking part"), C_("summary heading", "Waiting"),
    C_("summary heading", "Overdue")
  };
  g_autofree char *padded = anv_cli_pad (first, 24, TRUE);
  g_autoptr (GString) line = g_string_new (padded);

  anv_cli_print ("\n%s, %s\n", anv_service_name (row->service), row->month);
  for (guint h = 0; h < N_SUMMARY_CELLS; h++)
    append_cell (line, headings[h], summary_widths[h]);
  anv_cli_print ("%s\n", line->str);
}

/* One line: @name and the row's counts */
static void
print_counts (const char          *name,
              const AnvSummaryRow *row)
{
  g_autofree char *padded = anv_cli_pad (name, 24, TRUE);
  g_autoptr (GString) line = g_string_new (padded);
  char *cells[N_SUMMARY_CELLS];

  cells[0] = format_split (row->decided_women + row->decided_men, row->decided_women,
                           row->decided_men);
  cells[1] = format_split (row->started, row->started_women, row->started_men);
  cells[2] = format_split (row->ended_job, row->ended_job_women, row->ended_job_men);
  cells[3] = format_split (row->ended_studies, row->ended_studies_women,
                           row->ended_studies_men);
  cells[4] = format_split (row->ended_interrupted, row->ended_interrupted_women,
                           row->ended_interrupted_men);
  cells[5] = format_split (row->ended_before_start, row->ended_before_start_women,
                           row->ended_before_start_men);
  cells[6] = format_split (row->active_end, row->active_women, row->active_men);
  cells[7] = row->participating == ANV_SUMMARY_UNKNOWN ? g_strdup ("–")
             : format_split (row->participating, row->participating_women,
                             row->participating_men);
  cells[8] = row->waiting == ANV_SUMMARY_UNKNOWN ? g_strdup ("–")
             : format_split (row->waiting, row->waiting_women, row->waiting_men);
  cells[9] = g_strdup_printf ("%u", row->overdue_end);
  for (guint c = 0; c < N_SUMMARY_CELLS; c++)
    {
      append_cell (line, cells[c], summary_widths[c]);
      g_free (cells[c]);
    }
  anv_cli_print ("%s\n", line->str);
}

static void
print_table (GArray     *rows,
             GHashTable *municipality_names,
             GHashTable *county_names,
             gboolean    all_rows)
{
  const char *service = NULL, *month = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);
      const char *code = anv_service_code (row->service);

      if (service == NULL || strcmp (service, code) != 0 || strcmp (month, row->month) != 0)
        {
          service = code;
          month = row->month;
          print_heading (row, "");
        }
      if (!all_rows && row->level == ANV_SUMMARY_MUNICIPALITY && row_is_empty (row))
        continue;
      if (row->level == ANV_SUMMARY_NATIONAL)
        anv_cli_print ("%s\n", "------------------------------------------------------------"
                               "------------------------------------------------------------"
                               "--------------------------");
      print_counts (row_name (row, municipality_names, county_names), row);
    }
}

/* A breakdown: per service and month, a line per part. */
static void
print_parts (GArray              *parts,
             AnvSummaryDimension  by)
{
  const char *service = NULL, *month = NULL;

  for (guint i = 0; i < parts->len; i++)
    {
      const AnvSummaryPart *part = &g_array_index (parts, AnvSummaryPart, i);
      const char *code = anv_service_code (part->counts.service);

      if (service == NULL || strcmp (service, code) != 0
          || strcmp (month, part->counts.month) != 0)
        {
          service = code;
          month = part->counts.month;
          print_heading (&part->counts, anv_summary_dimension_label (by));
        }
      print_counts (part->label, &part->counts);
    }
}

int
anv_cli_summary (AnvCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *service_text = NULL;
  g_autofree char *county = NULL;
  g_autofree char *format = NULL;
  g_autofree char *by = NULL;
  gboolean all_rows = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("First month (default: the latest month with data, at most this month)"),
      N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last month (default: the first)"), N_("YYYY-MM") },
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_text, N_("KROM or STOM (default: both)"),
      "S" },
    { "county", 'c', 0, G_OPTION_ARG_STRING, &county, N_("Only this county (code)"),
      N_("CODE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table (default) or csv"),
      N_("FORMAT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all_rows,
      N_("Show municipalities with only zeros too"), NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("Break the counts down by provider, level, area or age (default: by municipality)"),
      N_("BREAKDOWN") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GPtrArray) municipalities = NULL;
  g_autoptr (GHashTable) municipality_names = NULL;
  g_autoptr (GHashTable) county_names = NULL;
  AnvSummaryQuery query = { 0 };
  char default_month[8];

  if (!anv_cli_parse_options ("summary", "",
                              _("The summary per municipality and month: referred, started, "
                                "ended (job, studies, interruption), active at the month’s end "
                                "(taking part, waiting to start) and overdue, each split into "
                                "women and men, with county and national totals."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1 || (format != NULL && strcmp (format, "table") != 0
                    && strcmp (format, "csv") != 0))
    return anv_cli_fail (ANV_EXIT_USAGE, _("summary takes --format table or --format csv."));

  query.service = ANV_SERVICE_NONE;
  if (service_text != NULL && !anv_service_parse (service_text, &query.service, &error))
    return anv_cli_fail_error (error);
  if (by != NULL && !anv_summary_dimension_parse (by, &query.by, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (from == NULL && !anv_cli_default_month (cli, db, default_month, &error))
    return anv_cli_fail_error (error);
  query.from_month = from ? from : default_month;
  query.to_month = to ? to : query.from_month;
  query.county_code = county;

  if (format != NULL && strcmp (format, "csv") == 0)
    return anv_cli_summary_csv (db, &query);

  if (query.by != ANV_SUMMARY_BY_MUNICIPALITY)
    {
      g_autoptr (GArray) parts = anv_summary_read_parts (db, &query, &error);
      /* Translators: %s is a county's code */
      g_autofree char *where = county != NULL ? g_strdup_printf (_("county %s"), county)
                                              : g_strdup (_("the whole country"));

      if (parts == NULL)
        return anv_cli_fail_error (error);
      /* Translators: %1$s is the breakdown (Provider, Level or track, …), %2$s
       * a county's code or "the whole country", %3$s empty or the sentence on
       * delivery areas below */
      anv_cli_print (_("Breakdown: %1$s, %2$s. Each count as total (women/men), as in the "
                       "summary. “Not known (removed by retention)”: referrals that retention "
                       "removed before the breakdowns were kept.%3$s\n"),
                     anv_summary_dimension_label (query.by),
                     where,
                     query.by == ANV_SUMMARY_BY_AREA
                       ? _(" A municipality in several delivery areas counts in each, so the "
                           "areas can add up to more than the total.") : "");
      if (parts->len == 0)
        anv_cli_print ("%s\n", _("Nothing was counted in these months: no referral was "
                                 "decided, open or ended in them here."));
      print_parts (parts, query.by);
      return ANV_EXIT_OK;
    }

  rows = anv_summary_read (db, &query, &error);
  municipalities = rows ? anv_municipalities_list (db, &error) : NULL;
  if (municipalities == NULL)
    return anv_cli_fail_error (error);

  municipality_names = g_hash_table_new (g_str_hash, g_str_equal);
  county_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < municipalities->len; i++)
    {
      AnvMunicipality *m = g_ptr_array_index (municipalities, i);

      g_hash_table_insert (municipality_names, m->code, m->short_name);
      g_hash_table_insert (county_names, m->county_code, m->county_name);
    }

  anv_cli_print (_("Summary: each count as total (women/men): referred, started, ended (job, "
                   "studies, interruption), active at the month’s end (within their period), "
                   "of them taking part (started) and waiting to start; and overdue: open at "
                   "the month’s end after their period’s last day. “–”: not known by sex, "
                   "retention removed referrals it counts.\n"));
  print_table (rows, municipality_names, county_names, all_rows);
  return ANV_EXIT_OK;
}

int
anv_cli_summary_csv (AnvDb                 *db,
                     const AnvSummaryQuery *query)
{
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { ANV_EXPORT_SUMMARY, ANV_CSV_PROFILE_EXCEL_SV, FALSE, query };

  /* Audited as a stream: a signal stops it after its row, and the log
   * says where, as for `export`. */
  anv_cli_remove_temp_on_signals ();
  if (!anv_export_write_to_stdio (db, &options, stdout, _("standard output"), NULL, &error))
    return anv_cli_fail_error (error);
  return ANV_EXIT_OK;
}
