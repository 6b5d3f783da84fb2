/* test-audit.c — the audit log's entries as people read them, in English and Swedish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "anv-audit.h"
#include "anv-i18n.h"
#include "anv-test-util.h"

typedef struct
{
  const char *action;
  const char *entity;
  const char *entity_id;
  const char *details;
  const char *event;      /* as shown */
  const char *record;
  const char *shown;
} Case;

/* The details as the core logs them. */
static const Case english[] = {
  { "referral.extend", "referral", "7", "2020-10-01 +3 months to 2021-01-14",
    "Referral extended", "Referral 7", "Extended on 2020-10-01 by 3 months, to 2021-01-14" },
  { "referral.extend", "referral", "7", "2020-10-01 +1 months to 2020-11-14",
    "Referral extended", "Referral 7", "Extended on 2020-10-01 by 1 month, to 2020-11-14" },
  { "period_rule.add", "period_rule", "3", "STOM from 2021-01-01: 6 + 3 months, at most 12",
    "Period rule added", "Period rule 3",
    "STOM from 2021-01-01: 6 months, extended by 3 months, at most 12 months" },
  { "provider.end-approval", "provider", "12", "Västerbotten 2020-03-30.. ended 2020-09-20",
    "Provider’s approval ended", "Provider 12",
    "Västerbotten, approved from 2020-03-30 until further notice: last day now 2020-09-20" },
  { "provider.end-approval", "provider", "12",
    "Storstad A 2014-01-01..2020-12-31 ended 2020-09-28",
    "Provider’s approval ended", "Provider 12",
    "Storstad A, approved 2014-01-01 to 2020-12-31: last day now 2020-09-28" },
  { "referral.change_provider", "referral", "9",
    "5560360793 from 2020-10-21 no-choice default, leaving 5597632099",
    "Provider changed", "Referral 9",
    "Provider 5560360793 from 2020-10-21, the no-choice default: 5597632099 leaves" },
  { "referral.start", "referral", "9", "2020-04-16: Leverantören rapporterade start",
    "Referral started", "Referral 9",
    "Started on 2020-04-16. Note: Leverantören rapporterade start" },
  { "referral.start", "referral", "9",
    "2020-04-14 early (earliest 2020-04-20): Startade tidigt enligt leverantören",
    "Referral started", "Referral 9",
    "Started on 2020-04-14, before the earliest start 2020-04-20. Reason: Startade tidigt "
    "enligt leverantören" },
  { "referral.end", "referral", "9", "2020-07-14 tiden-ute end-expired",
    "Referral ended", "Referral 9",
    "Ended on 2020-07-14, reason tiden-ute, when the period ran out" },
  { "referral.decide", "referral", "4",
    "KROM 2020-09-01 level B awaiting choice until 2020-09-15",
    "Referral decided", "Referral 4",
    "KROM decided on 2020-09-01, level B, no provider yet: the job seeker may choose until "
    "2020-09-15" },
  { "referral.choose", "referral", "4", "5560000001 from 2020-09-22 after deadline",
    "Provider chosen", "Referral 4",
    "The job seeker chose provider 5560000001, from 2020-09-22, after the deadline, before a "
    "default was assigned" },
  { "referral.assign_default", "referral", "4",
    "2021002114 from 2020-09-16 no-choice default, deadline 2020-09-15",
    "No-choice default assigned", "Referral 4",
    "Provider 2021002114 from 2020-09-16, the no-choice default: no choice was made by "
    "2020-09-15" },
  { "choice_rule.add", "choice_rule", "3", "KROM from 2021-01-01: 15 working days",
    "Choice rule added", "Choice rule 3",
    "KROM from 2021-01-01: the job seeker may choose a provider within 15 working days of the "
    "decision" },
  { "seeker.open", "seeker", "21", NULL, "Job seeker’s record opened", "Job seeker 21", "" },
  { "seeker.search", "seeker", NULL, "12 listed, by name", "Job seekers searched for",
    "Job seekers", "12 job seekers listed, searched by name" },
  { "seeker.search", "seeker", NULL, "1 listed, by personnummer", "Job seekers searched for",
    "Job seekers", "1 job seeker listed, searched by personnummer" },
  { "worklist.read", "referral", NULL, "9 listed", "Work list read", "Referrals",
    "9 referrals listed" },
  { "worklist.read", "referral", NULL, "1 listed", "Work list read", "Referrals",
    "1 referral listed" },
  { "unit.add", "unit", "3", "Umeå: 2460,2480", "Unit added", "Unit 3",
    "Umeå: municipalities 2460, 2480" },
  { "user.add", "staff", "anna", "chef Umeå", "User added", "Login anna",
    "Role: supervisor (chef), unit Umeå" },
  { "user.add", "staff", "bo", "analytiker (country)", "User added", "Login bo",
    "Role: analyst (analytiker), the whole country" },
  { "user.disable", "staff", "anna", NULL, "User disabled", "Login anna", "" },
  { "user.password", "staff", "anna", NULL, "Password changed", "Login anna", "" },
};


static const Case swedish[] = {
  { "referral.extend", "referral", "7", "2020-10-01 +3 months to 2021-01-14",
    "Anvisning förlängd", "Anvisning 7",
    "Förlängd 2020-10-01 med 3 månader, till 2021-01-14" },
  { "period_rule.add", "period_rule", "3", "STOM from 2021-01-01: 6 + 3 months, at most 12",
    "Periodregel tillagd", "Periodregel 3",
    "STOM från och med 2021-01-01: 6 månader, förlängs med 3 månader, högst 12 månader" },
  { "provider.end-approval", "provider", "12", "Västerbotten 2020-03-30.. ended 2020-09-20",
    "Leverantörens godkännande avslutat", "Leverantör 12",
    "Västerbotten, godkänd från och med 2020-03-30 tills vidare: sista dag nu 2020-09-20" },
  { "provider.end-approval", "provider", "12",
    "Storstad A 2014-01-01..2020-12-31 ended 2020-09-28",
    "Leverantörens godkännande avslutat", "Leverantör 12",
    "Storstad A, godkänd 2014-01-01 till 2020-12-31: sista dag nu 2020-09-28" },
  { "referral.change_provider", "referral", "9",
    "5560360793 from 2020-10-21 no-choice default, leaving 5597632099",
    "Leverantör bytt", "Anvisning 9",
    "Leverantör 5560360793 från och med 2020-10-21, ickevalsalternativet: 5597632099 lämnar" },
  { "referral.start", "referral", "9", "2020-04-16: Leverantören rapporterade start",
    "Anvisning startad", "Anvisning 9",
    "Startade 2020-04-16. Anteckning: Leverantören rapporterade start" },
  { "referral.start", "referral", "9",
    "2020-04-14 early (earliest 2020-04-20): Startade tidigt enligt leverantören",
    "Anvisning startad", "Anvisning 9",
    "Startade 2020-04-14, före tidigaste start 2020-04-20. Skäl: Startade tidigt enligt "
    "leverantören" },
  { "referral.end", "referral", "9", "2020-07-14 tiden-ute end-expired",
    "Anvisning avslutad", "Anvisning 9",
    "Avslutades 2020-07-14, orsak tiden-ute, när perioden tog slut" },
  { "referral.assign_default", "referral", "4",
    "2021002114 from 2020-09-16 no-choice default, deadline 2020-09-15",
    "Ickevalsalternativ tilldelat", "Anvisning 4",
    "Leverantör 2021002114 från och med 2020-09-16, ickevalsalternativet: inget val gjordes till "
    "och med 2020-09-15" },
  { "choice_rule.add", "choice_rule", "3", "KROM from 2021-01-01: 15 working days",
    "Valregel tillagd", "Valregel 3",
    "KROM från och med 2021-01-01: den arbetssökande får välja leverantör inom 15 arbetsdagar "
    "från beslutet" },
  { "seeker.open", "seeker", "21", NULL, "Arbetssökandes uppgifter öppnade", "Arbetssökande 21",
    "" },
  { "seeker.search", "seeker", NULL, "12 listed, by name", "Sökning bland arbetssökande",
    "Arbetssökande", "12 arbetssökande listade, sökning på namn" },
  { "seeker.search", "seeker", NULL, "1 listed, by personnummer", "Sökning bland arbetssökande",
    "Arbetssökande", "1 arbetssökande listad, sökning på personnummer" },
  { "worklist.read", "referral", NULL, "9 listed", "Att göra-listan lästes", "Anvisningar",
    "9 anvisningar listade" },
  { "unit.add", "unit", "3", "Umeå: 2460,2480", "Enhet tillagd", "Enhet 3",
    "Umeå: kommunerna 2460, 2480" },
  { "user.add", "staff", "anna", "chef Umeå", "Användare tillagd", "Inloggning anna",
    "Roll: chef, enhet Umeå" },
  { "user.add", "staff", "bo", "analytiker (country)", "Användare tillagd", "Inloggning bo",
    "Roll: analytiker, hela landet" },
  { "user.disable", "staff", "anna", NULL, "Användare avstängd", "Inloggning anna", "" },
  { "user.password", "staff", "anna", NULL, "Lösenord bytt", "Inloggning anna", "" },
};

static void
check (const Case *cases,
       guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      AnvAuditEntry entry = { 0 };
      g_autoptr (AnvAuditDescription) description = NULL;

      entry.action = (char *) cases[i].action;
      entry.entity = (char *) cases[i].entity;
      entry.entity_id = (char *) cases[i].entity_id;
      entry.details = (char *) cases[i].details;
      description = anv_audit_describe (&entry);
      g_assert_cmpstr (description->event, ==, cases[i].event);
      g_assert_cmpstr (description->record, ==, cases[i].record);
      g_assert_cmpstr (description->details, ==, cases[i].shown);
    }
}

/* The periods', the moves' and the approvals' entries, and a start with
 * a note: said in words, not as logged. */
static void
test_describe_english (void)
{
  check (english, G_N_ELEMENTS (english));
}

static void
test_describe_swedish (void)
{
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));

  anv_i18n_init ();
  anv_test_set_language ("sv");
  check (swedish, G_N_ELEMENTS (swedish));
  anv_test_set_language (NULL);
  setlocale (LC_ALL, saved_locale);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit/describe/english", test_describe_english);
  g_test_add_func ("/audit/describe/swedish", test_describe_swedish);
  return g_test_run ();
}
