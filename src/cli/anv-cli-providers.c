/* anv-cli-providers.c — anvisa-cli provider …, area … and import providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-cli-providers"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "anv-approvals.h"
#include "anv-cli.h"
#include "anv-i18n.h"
#include "anv-delivery-areas.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-provider-import.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-date.h"

#define COLUMN_GAP 2

/* A table printed with its columns aligned by characters, not bytes:
 * names have å, ä and ö. The first row holds the headings. */
typedef struct
{
  GPtrArray *rows;      /* GStrv */
  guint      n_columns;
} Table;

static void
table_init (Table              *table,
            const char * const *headings)
{
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->n_columns = g_strv_length ((char **) headings);
  g_ptr_array_add (table->rows, g_strdupv ((char **) headings));
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->rows, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

/* Takes the strings; as many as the table has columns. */
static void
table_add (Table *table,
           ...)
{
  GStrv row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static void
table_print (Table *table)
{
  anv_cli_print_table (table->rows, table->n_columns, COLUMN_GAP);
}

/* "Umeå (2480)" */
static char *
describe_municipality (AnvDb      *db,
                       const char *code)
{
  /* A code from the database itself: an unknown one is shown as "?". */
  const AnvMunicipality *municipality = anv_municipalities_lookup (db, code, NULL);

  return g_strdup_printf ("%s (%s)", municipality ? municipality->short_name : "?", code);
}

static void
print_provider (AnvProvider *provider)
{
  g_autofree char *orgnr = anv_orgnr_format (provider->orgnr);

  anv_cli_print_field (_("Organisationsnummer:"), "%s", orgnr);
  anv_cli_print_field (_("Name:"), "%s", provider->name);
  anv_cli_print_field (_("Municipality:"), "%s (%s)", provider->municipality_name,
                       provider->municipality_code);
}

/* provider add */

static int
provider_add (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  g_autofree char *orgnr = NULL;
  g_autofree char *name = NULL;
  g_autofree char *municipality = NULL;
  GOptionEntry entries[] = {
    { "orgnr", 'o', 0, G_OPTION_ARG_STRING, &orgnr,
      N_("Organisationsnummer (a sole trader’s personnummer)"), "N" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("The provider’s name"), N_("NAME") },
    { "municipality", 'm', 0, G_OPTION_ARG_STRING, &municipality,
      N_("Code of the municipality where the provider is (4 digits)"), N_("CODE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("provider add", "", _("Register a provider."), entries,
                              &argc, &argv))
    return ANV_EXIT_USAGE;
  if (orgnr == NULL || name == NULL || municipality == NULL || argc > 1)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("provider add needs --orgnr, --name and --municipality."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  provider = anv_providers_add (db, orgnr, name, municipality, &cli->today, &error);
  if (provider == NULL)
    return anv_cli_fail_error (error);

  anv_cli_print ("%s\n", _("Registered:"));
  print_provider (provider);
  return ANV_EXIT_OK;
}

/* provider list */

static void
print_providers (GPtrArray *providers)
{
  const char *headings[] = {
    _("Organisationsnummer"), _("Name"), _("Municipality"), NULL
  };
  g_auto (Table) table = { 0 };

  table_init (&table, headings);
  for (guint i = 0; i < providers->len; i++)
    {
      AnvProvider *p = g_ptr_array_index (providers, i);

      table_add (&table, anv_orgnr_format (p->orgnr),
                 p->active ? g_strdup (p->name)
                           /* Translators: %s is a provider that takes no new referrals */
                           : g_strdup_printf (_("%s (inactive)"), p->name),
                 g_strdup_printf ("%s (%s)", p->municipality_name, p->municipality_code));
    }
  table_print (&table);
}

static void
print_approvals (GPtrArray *approvals)
{
  const char *headings[] = {
    _("Organisationsnummer"), _("Provider"), _("Delivery area"), _("Service"), _("From"),
    _("To"), NULL
  };
  g_auto (Table) table = { 0 };

  table_init (&table, headings);
  for (guint i = 0; i < approvals->len; i++)
    {
      AnvApproval *a = g_ptr_array_index (approvals, i);

      table_add (&table, anv_orgnr_format (a->orgnr), g_strdup (a->provider_name),
                 g_strdup (a->area_name), g_strdup (anv_service_code (a->service)),
                 g_strdup (a->valid_from), g_strdup (a->valid_to ? a->valid_to : "–"));
    }
  table_print (&table);
}

static int
provider_list (AnvCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GPtrArray) approvals = NULL;
  g_autoptr (GError) error = NULL;

  if (!anv_cli_parse_options ("provider list", "",
                              _("List the providers and where they are approved."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("provider list takes no arguments."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  providers = anv_providers_list (db, &error);
  approvals = providers ? anv_approvals_list (db, &error) : NULL;
  if (approvals == NULL)
    return anv_cli_fail_error (error);

  if (providers->len == 0)
    {
      anv_cli_print ("%s\n", _("No providers are registered. Add one with “provider add” or "
                               "“import providers”."));
      return ANV_EXIT_OK;
    }
  print_providers (providers);

  anv_cli_print ("\n");
  if (approvals->len == 0)
    anv_cli_print ("%s\n", _("No provider is approved anywhere yet. Approve one with "
                             "“provider approve”."));
  else
    print_approvals (approvals);
  return ANV_EXIT_OK;
}

/* provider approve --to DATE without --from: ends the approval that holds
 * on that day, and says how many open referrals the provider then leaves. */
static int
end_approval (AnvCli     *cli,
              const char *orgnr,
              const char *area,
              const char *to_text)
{
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GPtrArray) leaving = NULL;
  g_autoptr (GError) error = NULL;
  char next_text[11];
  GDate to, next;

  if (!anv_cli_parse_date ("--to", to_text, &to, &error))
    return anv_cli_fail_error (error);
  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (!anv_providers_end_approval (db, orgnr, area, &to, &cli->today, &error))
    return anv_cli_fail_error (error);
  provider = anv_providers_get (db, orgnr, &cli->today, &error);
  if (provider == NULL)
    return anv_cli_fail_error (error);
  /* Translators: %1$s is a provider, %2$s a delivery area, %3$s a date */
  anv_cli_print (_("The approval of %1$s in the delivery area %2$s now ends on %3$s.\n"),
                 provider->name, area, to_text);

  next = to;
  g_date_add_days (&next, 1);
  anv_date_format (&next, next_text);
  leaving = anv_referrals_list_leaving (db, &next, provider->orgnr, &error);
  if (leaving == NULL)
    return anv_cli_fail_error (error);
  if (leaving->len > 0)
    anv_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$u is a count, %2$s a provider, %3$s a
                                 * date, %4$s an organisationsnummer */
                                "%1$u open referral has %2$s where it is no longer approved "
                                "from %3$s. Move it: “referral move-leaving --date %3$s "
                                "--provider %4$s”, or from the work list.\n",
                                "%1$u open referrals have %2$s where it is no longer approved "
                                "from %3$s. Move them: “referral move-leaving --date %3$s "
                                "--provider %4$s”, or from the work list.\n",
                                leaving->len),
                   leaving->len, provider->name, next_text, provider->orgnr);
  else
    /* Translators: %1$s is a provider, %2$s a date */
    anv_cli_print (_("No open referral has %1$s where it is no longer approved from %2$s.\n"),
                   provider->name, next_text);
  return ANV_EXIT_OK;
}

/* provider approve */

static int
provider_approve (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *area = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GOptionEntry entries[] = {
    { "area", 'a', 0, G_OPTION_ARG_STRING, &area, N_("The delivery area’s name"),
      N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First day (YYYY-MM-DD); none: end the approval that holds on --to"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Last day (YYYY-MM-DD); none: until further notice"), N_("DATE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GError) error = NULL;
  GDate from, to;

  if (!anv_cli_parse_options ("provider approve", "ORGNR",
                              _("Approve a provider in a delivery area, for the area’s "
                                "service, from a date. With --to and no --from, end the "
                                "approval that holds on that day: it becomes its last day."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || area == NULL || (from_text == NULL && to_text == NULL))
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("provider approve needs an ORGNR, --area and --from (to approve) "
                           "or only --to (to end an approval)."));
  if (from_text == NULL)
    return end_approval (cli, argv[1], area, to_text);

  if (!anv_cli_parse_date ("--from", from_text, &from, &error)
      || (to_text != NULL && !anv_cli_parse_date ("--to", to_text, &to, &error)))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  if (!anv_providers_approve (db, argv[1], area, &from, to_text ? &to : NULL, &cli->today,
                              &error))
    return anv_cli_fail_error (error);

  provider = anv_providers_get (db, argv[1], &cli->today, &error);
  if (provider == NULL)
    return anv_cli_fail_error (error);
  if (to_text != NULL)
    /* Translators: %1$s is a provider, %2$s a delivery area, %3$s and %4$s dates */
    anv_cli_print (_("Approved %1$s in the delivery area %2$s from %3$s to %4$s.\n"),
                   provider->name, area, from_text, to_text);
  else
    /* Translators: %1$s is a provider, %2$s a delivery area, %3$s a date */
    anv_cli_print (_("Approved %1$s in the delivery area %2$s from %3$s until further "
                     "notice.\n"),
                   provider->name, area, from_text);
  return ANV_EXIT_OK;
}

/* provider defaults */

/* "45 %": @part of @whole, rounded; "–" when there is no whole. */
static char *
format_share (guint part,
              guint whole)
{
  if (whole == 0)
    return g_strdup ("–");
  /* Translators: a share in per cent; Swedish writes a space before % */
  return g_strdup_printf (_("%u %%"), (part * 100 + whole / 2) / whole);
}

static void
print_default_shares (GPtrArray *shares)
{
  const char *headings[] = {
    _("Municipality"), _("Service"), _("Organisationsnummer"), _("Provider"),
    _("No-choice defaults"), _("Own choices"), _("Share of defaults"), NULL
  };
  g_auto (Table) table = { 0 };

  table_init (&table, headings);
  for (guint i = 0; i < shares->len; i++)
    {
      AnvDefaultShare *s = g_ptr_array_index (shares, i);

      table_add (&table, g_strdup_printf ("%s (%s)", s->municipality_name, s->municipality_code),
                 g_strdup (anv_service_code (s->service)), anv_orgnr_format (s->orgnr),
                 g_strdup (s->provider_name), g_strdup_printf ("%u", s->defaults),
                 g_strdup_printf ("%u", s->own_choices),
                 format_share (s->defaults, s->municipality_defaults));
    }
  table_print (&table);
}

static int
provider_defaults (AnvCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autofree char *month = NULL;
  g_autofree char *service_text = NULL;
  g_autofree char *municipality = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month,
      N_("The month (default: the latest month with data, at most this month)"),
      N_("YYYY-MM") },
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_text, N_("KROM or STOM (default: both)"),
      "S" },
    { "municipality", 'm', 0, G_OPTION_ARG_STRING, &municipality,
      N_("Code of one municipality (4 digits; default: all)"), N_("CODE") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) shares = NULL;
  g_autoptr (GError) error = NULL;
  AnvService service = ANV_SERVICE_NONE;
  char default_month[8];

  if (!anv_cli_parse_options ("provider defaults", "",
                              _("Each provider’s share of the no-choice defaults "
                                "(ickevalsalternativ) per municipality in a month, with the "
                                "job seekers’ own choices beside."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("provider defaults takes no arguments, only "
                                           "--month, --service and --municipality."));
  if (service_text != NULL && !anv_service_parse (service_text, &service, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;
  if (month == NULL && !anv_cli_default_month (cli, db, default_month, &error))
    return anv_cli_fail_error (error);

  shares = anv_providers_default_shares (db, month ? month : default_month, service,
                                         municipality, &error);
  if (shares == NULL)
    return anv_cli_fail_error (error);

  /* Translators: %s is a month, YYYY-MM */
  anv_cli_print (_("No-choice defaults (ickevalsalternativ) in %s, by the provider decided "
                   "with:\n"), month ? month : default_month);
  if (shares->len == 0)
    {
      anv_cli_print ("%s\n", _("No referral was decided in that month for that selection. "
                               "Give another --month, or leave out --service or "
                               "--municipality."));
      return ANV_EXIT_OK;
    }
  print_default_shares (shares);
  return ANV_EXIT_OK;
}

int
anv_cli_provider (AnvCli  *cli,
                  int      argc,
                  char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return provider_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return provider_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "approve") == 0)
    return provider_approve (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "defaults") == 0)
    return provider_defaults (cli, argc - 1, argv + 1);

  return anv_cli_fail (ANV_EXIT_USAGE,
                       _("Use “provider add”, “provider list”, “provider approve” or "
                         "“provider defaults”; “anvisa-cli --help” tells more."));
}

/* area */

static int
area_add (AnvCli  *cli,
          int      argc,
          char   **argv)
{
  g_autofree char *service_text = NULL;
  g_autofree char *codes_text = NULL;
  GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_text, N_("KROM or STOM"), "S" },
    { "municipalities", 'm', 0, G_OPTION_ARG_STRING, &codes_text,
      N_("Municipality codes, separated by commas"), N_("CODE,…") },
    { NULL }
  };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) codes = NULL;
  AnvService service;

  if (!anv_cli_parse_options ("area add", _("NAME"),
                              _("Add a delivery area: a named group of municipalities where "
                                "providers of one service can be approved."),
                              entries, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2 || service_text == NULL || codes_text == NULL)
    return anv_cli_fail (ANV_EXIT_USAGE,
                         _("area add needs a NAME, --service and --municipalities."));

  if (!anv_service_parse (service_text, &service, &error))
    return anv_cli_fail_error (error);

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  codes = g_strsplit (codes_text, ",", -1);
  if (!anv_areas_add (db, argv[1], service, (const char * const *) codes, &error))
    return anv_cli_fail_error (error);

  /* Translators: %1$s is a delivery area, %2$s a service */
  anv_cli_print (_("Added the delivery area %1$s for %2$s.\n"), g_strstrip (argv[1]),
                 anv_service_name (service));
  return ANV_EXIT_OK;
}

static int
area_list (AnvCli  *cli,
           int      argc,
           char   **argv)
{
  const char *headings[] = { _("Delivery area"), _("Service"), _("Municipalities"), NULL };
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (Table) table = { 0 };

  if (!anv_cli_parse_options ("area list", "", _("List the delivery areas."), NULL,
                              &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 1)
    return anv_cli_fail (ANV_EXIT_USAGE, _("area list takes no arguments."));

  db = anv_cli_open_db (cli);
  if (db == NULL)
    return ANV_EXIT_REJECTED;

  areas = anv_areas_list (db, &error);
  if (areas == NULL)
    return anv_cli_fail_error (error);
  if (areas->len == 0)
    {
      anv_cli_print ("%s\n", _("There are no delivery areas. Add one with “area add”."));
      return ANV_EXIT_OK;
    }

  table_init (&table, headings);
  for (guint i = 0; i < areas->len; i++)
    {
      AnvArea *area = g_ptr_array_index (areas, i);
      g_autoptr (GString) places = g_string_new (NULL);

      for (guint j = 0; area->municipality_codes[j] != NULL; j++)
        {
          g_autofree char *place = describe_municipality (db, area->municipality_codes[j]);

          if (j > 0)
            g_string_append (places, ", ");
          g_string_append (places, place);
        }
      table_add (&table, g_strdup (area->name), g_strdup (anv_service_code (area->service)),
                 g_string_free (g_steal_pointer (&places), FALSE));
    }
  table_print (&table);
  return ANV_EXIT_OK;
}

int
anv_cli_area (AnvCli  *cli,
              int      argc,
              char   **argv)
{
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return area_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return area_list (cli, argc - 1, argv + 1);

  return anv_cli_fail (ANV_EXIT_USAGE, _("Use “area add” or “area list”."));
}

/* import providers FILE */

int
anv_cli_import_providers (AnvCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autofree char *count = NULL;
  guint64 stored = 0;
  int status;

  if (!anv_cli_parse_options ("import providers", _("FILE"),
                              _("Register providers from a CSV file with the columns orgnr, "
                                "name and municipality: all of them, or none if any row is "
                                "wrong."),
                              NULL, &argc, &argv))
    return ANV_EXIT_USAGE;
  if (argc != 2)
    return anv_cli_fail (ANV_EXIT_USAGE, _("Use “import providers FILE”."));

  status = anv_cli_run_import (cli, anv_providers_import, argv[1], &stored);
  if (status != ANV_EXIT_OK)
    return status;

  count = anv_format_count (stored);
  anv_cli_print (g_dngettext (GETTEXT_PACKAGE, "Imported %s provider.\n",
                              "Imported %s providers.\n", (gulong) MIN (stored, G_MAXULONG)),
                 count);
  return ANV_EXIT_OK;
}
