/* anv-audit.c — the append-only audit log
 *
 * The schema refuses UPDATE and DELETE on audit_log; this file only adds
 * and reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-audit"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-db-private.h"
#include "anv-i18n.h"
#include "anv-publish-private.h"
#include "anv-staff.h"

#define DATE_PATTERN "([0-9]{4}-[0-9]{2}-[0-9]{2})"
#define DATE_OR_NONE "([0-9]{4}-[0-9]{2}-[0-9]{2}|)"

void
anv_audit_entry_free (AnvAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->details);
  g_free (entry);
}

void
anv_audit_description_free (AnvAuditDescription *description)
{
  if (description == NULL)
    return;
  g_free (description->event);
  g_free (description->record);
  g_free (description->details);
  g_free (description);
}

/* The groups of @pattern in @text ([0] the whole), or NULL when it does not
 * match. Optional parts are written "( word|)", so that every group takes
 * part and is in the array. */
static char **
match_details (const char *text,
               const char *pattern)
{
  /* @pattern is one of this file's constants, tested. */
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) info = NULL;
  g_auto (GStrv) groups = NULL;

  g_assert (regex != NULL);
  if (!g_regex_match (regex, text, 0, &info))
    return NULL;
  groups = g_match_info_fetch_all (info);
  if (g_strv_length (groups) <= (guint) g_regex_get_capture_count (regex))
    return NULL;
  return g_steal_pointer (&groups);
}

static char *
format_digits (const char *digits)
{
  return anv_format_count (g_ascii_strtoull (digits, NULL, 10));
}

static const char *
describe_event (const char *action)
{
  static const struct
  {
    const char *action;
    const char *event;
  } events[] = {
    { "seeker.add", N_("Job seeker registered") },
    { "seeker.import", N_("Job seekers imported") },
    { "seeker.retention", N_("Old records removed (retention)") },
    { "seeker.show_personnummer", N_("Full personnummer shown") },
    { "provider.add", N_("Provider added") },
    { "provider.import", N_("Providers imported") },
    { "provider.approve", N_("Provider approved for a delivery area") },
    { "area.add", N_("Delivery area added") },
    { "availability.set", N_("Where a service applies changed") },
    { "end_reason.add", N_("End reason added") },
    { "end_reason.activate", N_("End reason offered again") },
    { "end_reason.deactivate", N_("End reason no longer offered") },
    { "summary.rebuild", N_("Summary counted anew") },
    { "summary.close", N_("Month closed (published)") },
    { "export.seekers", N_("Job seekers exported") },
    { "export.referrals", N_("Referrals exported") },
    { "export.summary", N_("Summary exported") },
    { "database.generate", N_("Test data generated") },
    { "database.backup", N_("Backup made") },
    { "database.restore", N_("Database restored from a backup") },
    { "demo.load", N_("Demo data loaded") },
    { "referral.decide", N_("Referral decided") },
    { "referral.start", N_("Referral started") },
    { "referral.change_provider", N_("Provider changed") },
    { "referral.end", N_("Referral ended") },
    { "referral.correct", N_("Referral corrected") },
    { "referral.extend", N_("Referral extended") },
    { "period_rule.add", N_("Period rule added") },
    { "referral.choose", N_("Provider chosen") },
    { "referral.assign_default", N_("No-choice default assigned") },
    { "choice_rule.add", N_("Choice rule added") },
    { "provider.end-approval", N_("Provider’s approval ended") },
    { "seeker.open", N_("Job seeker’s record opened") },
    { "seeker.search", N_("Job seekers searched for") },
    { "worklist.read", N_("Work list read") },
    { "unit.add", N_("Unit added") },
    { "user.add", N_("User added") },
    { "user.disable", N_("User disabled") },
    { "user.password", N_("Password changed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    if (g_str_equal (action, events[i].action))
      return _(events[i].event);
  return action;
}

static char *
describe_record (const char *entity,
                 const char *id)
{
  if (id == NULL || *id == '\0')
    {
      if (g_str_equal (entity, "database"))
        return g_strdup (C_("audit record", "Database"));
      if (g_str_equal (entity, "summary"))
        return g_strdup (C_("audit record", "Summary"));
      if (g_str_equal (entity, "export"))
        return g_strdup (C_("audit record", "Export"));
      if (g_str_equal (entity, "seeker"))
        return g_strdup (C_("audit record", "Job seekers"));
      if (g_str_equal (entity, "provider"))
        return g_strdup (C_("audit record", "Providers"));
      if (g_str_equal (entity, "referral"))
        return g_strdup (C_("audit record", "Referrals"));
      return g_strdup (entity);
    }
  /* Translators: the record an audit entry is about; %s is its number or code */
  if (g_str_equal (entity, "seeker"))
    return g_strdup_printf (_("Job seeker %s"), id);
  if (g_str_equal (entity, "referral"))
    return g_strdup_printf (_("Referral %s"), id);
  if (g_str_equal (entity, "provider"))
    return g_strdup_printf (_("Provider %s"), id);
  if (g_str_equal (entity, "delivery_area"))
    return g_strdup_printf (_("Delivery area %s"), id);
  if (g_str_equal (entity, "municipality"))
    return g_strdup_printf (_("Municipality %s"), id);
  if (g_str_equal (entity, "end_reason"))
    return g_strdup_printf (_("End reason %s"), id);
  if (g_str_equal (entity, "period_rule"))
    return g_strdup_printf (_("Period rule %s"), id);
  if (g_str_equal (entity, "choice_rule"))
    return g_strdup_printf (_("Choice rule %s"), id);
  if (g_str_equal (entity, "unit"))
    return g_strdup_printf (_("Unit %s"), id);
  if (g_str_equal (entity, "staff"))
    return g_strdup_printf (_("Login %s"), id);
  return g_strdup_printf ("%s %s", entity, id);
}

/* "to /home/x/a.csv" or "to standard output", as the export logs it */
static char *
describe_destination (const char *where)
{
  if (g_str_equal (where, "standard output"))
    return g_strdup (_("to standard output"));
  /* Translators: %s is where an export was written, a file */
  return g_strdup_printf (_("to %s"), where);
}

/* The details of an export: its rows, what was in them, the format and
 * where it went. */
static char *
describe_export (const char *details)
{
  g_auto (GStrv) m = NULL;

  /* A stream is logged before its first byte, with the rows planned */
  if ((m = match_details (details, "^([0-9]+) rows( planned|), (full|masked) personnummer, "
                                   "([0-9]+) left out for protected identity, ([a-z0-9-]+), "
                                   "to (.+)$")) != NULL)
    {
      guint64 n = g_ascii_strtoull (m[1], NULL, 10);
      g_autofree char *rows = anv_format_count (n);
      g_autofree char *left_out = format_digits (m[4]);
      g_autofree char *destination = describe_destination (m[6]);
      const char *kind = g_str_equal (m[3], "full")
                           ? C_("personnummer in an export", "full")
                           : C_("personnummer in an export", "masked");

      if (*m[2] != '\0')
        /* Translators: as the next, for an export into a pipe, logged before it is
         * written: the rows it is to hold */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%1$s row planned, %2$s personnummer, left out "
                                             "for protected identity: %3$s, %4$s, %5$s",
                                             "%1$s rows planned, %2$s personnummer, left out "
                                             "for protected identity: %3$s, %4$s, %5$s",
                                             (gulong) MIN (n, G_MAXULONG)),
                                rows, kind, left_out, m[5], destination);
      /* Translators: %1$s is a number of rows, %2$s “full” or “masked”, %3$s a number,
       * %4$s a file format (excel-sv, rfc4180), %5$s “to FILE” */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%1$s row, %2$s personnummer, left out for "
                                           "protected identity: %3$s, %4$s, %5$s",
                                           "%1$s rows, %2$s personnummer, left out for "
                                           "protected identity: %3$s, %4$s, %5$s",
                                           (gulong) MIN (n, G_MAXULONG)),
                              rows, kind, left_out, m[5], destination);
    }
  if ((m = match_details (details, "^([0-9]+) rows( planned|), ([0-9]{4}-[0-9]{2}) to "
                                   "([0-9]{4}-[0-9]{2}), (KROM and STOM|KROM|STOM), "
                                   "(whole country|county [0-9]+), ([a-z0-9-]+), to (.+)$"))
      != NULL)
    {
      guint64 n = g_ascii_strtoull (m[1], NULL, 10);
      g_autofree char *rows = anv_format_count (n);
      g_autofree char *destination = describe_destination (m[8]);
      g_autofree char *services = g_str_equal (m[5], "KROM and STOM")
                                    ? g_strdup (_("KROM and STOM")) : g_strdup (m[5]);
      g_autofree char *area = g_str_equal (m[6], "whole country")
                                ? g_strdup (_("Whole country"))
                                /* Translators: %s is a county code */
                                : g_strdup_printf (_("county %s"), m[6] + strlen ("county "));

      if (*m[2] != '\0')
        /* Translators: as the next, for an export into a pipe, logged before it is
         * written: the rows it is to hold */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%1$s row planned, %2$s to %3$s, %4$s, %5$s, "
                                             "%6$s, %7$s",
                                             "%1$s rows planned, %2$s to %3$s, %4$s, %5$s, "
                                             "%6$s, %7$s",
                                             (gulong) MIN (n, G_MAXULONG)),
                                rows, m[3], m[4], services, area, m[7], destination);
      /* Translators: %1$s is a number of rows, %2$s and %3$s months, %4$s the
       * services, %5$s the whole country or a county, %6$s a file format, %7$s
       * “to FILE” */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%1$s row, %2$s to %3$s, %4$s, %5$s, %6$s, %7$s",
                                           "%1$s rows, %2$s to %3$s, %4$s, %5$s, %6$s, %7$s",
                                           (gulong) MIN (n, G_MAXULONG)),
                              rows, m[3], m[4], services, area, m[7], destination);
    }
  /* An export into a pipe that stopped early */
  if ((m = match_details (details, "^stopped after at most ([0-9]+) of ([0-9]+) rows planned "
                                   "\\((reader closed|signal [0-9]+|errno [0-9]+|database "
                                   "read failed)\\), to (.+)$")) != NULL)
    {
      guint64 n = g_ascii_strtoull (m[2], NULL, 10);
      g_autofree char *done = format_digits (m[1]);
      g_autofree char *planned = anv_format_count (n);
      g_autofree char *destination = describe_destination (m[4]);
      g_autofree char *why = NULL;

      if (g_str_equal (m[3], "reader closed"))
        why = g_strdup (_("the program reading it stopped reading"));
      else if (g_str_equal (m[3], "signal 2"))
        why = g_strdup (_("stopped with Ctrl+C"));
      else if (g_str_has_prefix (m[3], "signal "))
        /* Translators: %s is the number of a signal (15: the system or another
         * program asked it to end) */
        why = g_strdup_printf (_("ended by the system or another program, signal %s"),
                               m[3] + strlen ("signal "));
      else if (g_str_has_prefix (m[3], "errno "))
        why = g_strdup (g_strerror ((int) g_ascii_strtoll (m[3] + strlen ("errno "), NULL,
                                                           10)));
      else
        why = g_strdup (_("the database could not be read"));
      /* Translators: %1$s and %2$s are numbers of rows, %3$s why it stopped, %4$s “to
       * FILE” */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Stopped after at most %1$s of %2$s row planned "
                                           "(%3$s), %4$s",
                                           "Stopped after at most %1$s of %2$s rows planned "
                                           "(%3$s), %4$s",
                                           (gulong) MIN (n, G_MAXULONG)),
                              done, planned, why, destination);
    }
  /* A file export logged, whose file then could not take its name */
  if ((m = match_details (details, "^not written, the extract logged above was removed: "
                                   "renaming it failed \\(errno ([0-9]+)\\)$")) != NULL)
    /* Translators: %s is why, from the system */
    return g_strdup_printf (_("Not written after all: the file logged above could not take "
                              "its name (%s), and was removed"),
                            g_strerror ((int) g_ascii_strtoll (m[1], NULL, 10)));
  return g_strdup (details);
}

/* What is known of the English details each action writes; anything else
 * (an older or newer form) is shown as logged. */
static char *
describe_details (const char *action,
                  const char *details)
{
  g_auto (GStrv) m = NULL;

  if ((g_str_equal (action, "seeker.import") || g_str_equal (action, "provider.import"))
      && (m = match_details (details, "^([0-9]+) rows from (.+)$")) != NULL)
    {
      guint64 n = g_ascii_strtoull (m[1], NULL, 10);
      g_autofree char *count = anv_format_count (n);

      /* Translators: %1$s is a number of rows, %2$s a file name */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s row from %2$s",
                                           "%1$s rows from %2$s", (gulong) MIN (n, G_MAXULONG)),
                              count, m[2]);
    }
  if (g_str_equal (action, "database.generate")
      && (m = match_details (details, "^([0-9]+) referrals, ([0-9]+) job seekers$")) != NULL)
    {
      g_autofree char *referrals = format_digits (m[1]);
      g_autofree char *seekers = format_digits (m[2]);

      return g_strdup_printf (_("Referrals: %1$s, job seekers: %2$s"), referrals, seekers);
    }
  if (g_str_equal (action, "demo.load")
      && (m = match_details (details, "^([0-9]+) job seekers, ([0-9]+) referrals decided$"))
         != NULL)
    {
      g_autofree char *seekers = format_digits (m[1]);
      g_autofree char *referrals = format_digits (m[2]);

      return g_strdup_printf (_("Job seekers: %1$s, referrals decided: %2$s"), seekers,
                              referrals);
    }
  if (g_str_equal (action, "seeker.retention")
      && (m = match_details (details, "^ended_before=" DATE_PATTERN
                                      "; seekers=([0-9]+); referrals=([0-9]+)$")) != NULL)
    {
      g_autofree char *seekers = format_digits (m[2]);
      g_autofree char *referrals = format_digits (m[3]);

      /* Translators: %1$s is a date, %2$s and %3$s numbers */
      return g_strdup_printf (_("Ended before %1$s. Job seekers removed: %2$s, "
                                "referrals removed: %3$s"), m[1], seekers, referrals);
    }
  if (g_str_equal (action, "database.backup")
      && (m = match_details (details, "^file=(.+)$")) != NULL)
    /* Translators: %s is a file name */
    return g_strdup_printf (_("File %s"), m[1]);
  if (g_str_equal (action, "database.restore")
      && (m = match_details (details, "^file=(.+); version=([0-9]+); seekers=([0-9]+); "
                                      "referrals=([0-9]+)$")) != NULL)
    {
      g_autofree char *seekers = format_digits (m[3]);
      g_autofree char *referrals = format_digits (m[4]);

      /* Translators: %1$s is a file name, %2$s a version number, %3$s and %4$s numbers */
      return g_strdup_printf (_("File %1$s (database version %2$s). Job seekers: %3$s, "
                                "referrals: %4$s"), m[1], m[2], seekers, referrals);
    }
  if (g_str_equal (action, "referral.decide")
      && (m = match_details (details, "^([A-Z]+) " DATE_PATTERN " level (\\S+) provider "
                                      "([0-9]+)( no-choice|)( outside-area|)$")) != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %1$s is KROM or STOM, %2$s a date, %3$s a level, %4$s an
       * organisation number */
      text = g_strdup_printf (_("%1$s decided on %2$s, level %3$s, provider %4$s"),
                              m[1], m[2], m[3], m[4]);
      if (*m[5] != '\0')
        {
          g_autofree char *tail = g_steal_pointer (&text);

          text = g_strconcat (tail, _(", no choice made"), NULL);
        }
      if (*m[6] != '\0')
        {
          g_autofree char *tail = g_steal_pointer (&text);

          text = g_strconcat (tail, _(", outside the delivery area"), NULL);
        }
      return g_steal_pointer (&text);
    }
  if (g_str_equal (action, "referral.decide")
      && (m = match_details (details, "^([A-Z]+) " DATE_PATTERN " level (\\S+) awaiting "
                                      "choice until " DATE_PATTERN "$")) != NULL)
    /* Translators: %1$s is KROM or STOM, %2$s a date, %3$s a level, %4$s the last day
     * to choose a provider */
    return g_strdup_printf (_("%1$s decided on %2$s, level %3$s, no provider yet: the job "
                              "seeker may choose until %4$s"), m[1], m[2], m[3], m[4]);
  if (g_str_equal (action, "referral.choose")
      && (m = match_details (details, "^([0-9]+) from " DATE_PATTERN "( after deadline|)"
                                      "( outside-area|)$")) != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %1$s is an organisation number, %2$s a date */
      text = g_strdup_printf (_("The job seeker chose provider %1$s, from %2$s"), m[1], m[2]);
      if (*m[3] != '\0')
        {
          g_autofree char *tail = g_steal_pointer (&text);

          text = g_strconcat (tail, _(", after the deadline, before a default was assigned"),
                              NULL);
        }
      if (*m[4] != '\0')
        {
          g_autofree char *tail = g_steal_pointer (&text);

          text = g_strconcat (tail, _(", outside the delivery area"), NULL);
        }
      return g_steal_pointer (&text);
    }
  if (g_str_equal (action, "referral.assign_default")
      && (m = match_details (details, "^([0-9]+) from " DATE_PATTERN " no-choice default, "
                                      "deadline " DATE_PATTERN "$")) != NULL)
    /* Translators: %1$s is an organisation number, %2$s and %3$s dates */
    return g_strdup_printf (_("Provider %1$s from %2$s, the no-choice default: no choice was "
                              "made by %3$s"), m[1], m[2], m[3]);
  if (g_str_equal (action, "choice_rule.add")
      && (m = match_details (details, "^([A-Z]+) from " DATE_PATTERN ": ([0-9]+) working "
                                      "days$")) != NULL)
    /* Translators: %1$s is KROM or STOM, %2$s a date, %3$s a number of working days */
    return g_strdup_printf (_("%1$s from %2$s: the job seeker may choose a provider within "
                              "%3$s working days of the decision"), m[1], m[2], m[3]);
  if (g_str_equal (action, "referral.change_provider")
      && (m = match_details (details, "^([0-9]+) from " DATE_PATTERN
                                      " no-choice default, leaving ([0-9]+)$")) != NULL)
    /* Translators: %1$s and %3$s are organisation numbers, %2$s a date */
    return g_strdup_printf (_("Provider %1$s from %2$s, the no-choice default: %3$s leaves"),
                            m[1], m[2], m[3]);
  if (g_str_equal (action, "referral.change_provider")
      && (m = match_details (details, "^([0-9]+) from " DATE_PATTERN "( outside-area|)$"))
         != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %1$s is an organisation number, %2$s a date */
      text = g_strdup_printf (_("Provider %1$s from %2$s"), m[1], m[2]);
      if (*m[3] != '\0')
        {
          g_autofree char *tail = g_steal_pointer (&text);

          text = g_strconcat (tail, _(", outside the delivery area"), NULL);
        }
      return g_steal_pointer (&text);
    }
  if (g_str_equal (action, "referral.start")
      && (m = match_details (details, "^" DATE_PATTERN "$")) != NULL)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Started on %s"), m[1]);
  if (g_str_equal (action, "referral.start")
      && (m = match_details (details, "^" DATE_PATTERN " early \\(earliest " DATE_PATTERN
                                      "\\): (.*)$")) != NULL)
    /* Translators: %1$s and %2$s are dates, %3$s the reason the officer wrote */
    return g_strdup_printf (_("Started on %1$s, before the earliest start %2$s. Reason: %3$s"),
                            m[1], m[2], m[3]);
  if (g_str_equal (action, "referral.start")
      && (m = match_details (details, "^" DATE_PATTERN ": (.*)$")) != NULL)
    /* Translators: %1$s is a date, %2$s the note the officer wrote */
    return g_strdup_printf (_("Started on %1$s. Note: %2$s"), m[1], m[2]);
  if (g_str_equal (action, "referral.extend")
      && (m = match_details (details, "^" DATE_PATTERN " \\+([0-9]+) months to " DATE_PATTERN
                                      "$")) != NULL)
    {
      guint64 n = g_ascii_strtoull (m[2], NULL, 10);

      /* Translators: %1$s is a date, %2$s a number of months, %3$s the period's new last day */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Extended on %1$s by %2$s month, to %3$s",
                                           "Extended on %1$s by %2$s months, to %3$s",
                                           (gulong) MIN (n, G_MAXULONG)),
                              m[1], m[2], m[3]);
    }
  if (g_str_equal (action, "period_rule.add")
      && (m = match_details (details, "^([A-Z]+) from " DATE_PATTERN ": ([0-9]+) \\+ ([0-9]+) "
                                      "months, at most ([0-9]+)$")) != NULL)
    /* Translators: %1$s is KROM or STOM, %2$s a date, %3$s, %4$s and %5$s numbers of months */
    return g_strdup_printf (_("%1$s from %2$s: %3$s months, extended by %4$s months, "
                              "at most %5$s months"), m[1], m[2], m[3], m[4], m[5]);
  if (g_str_equal (action, "provider.end-approval")
      && (m = match_details (details, "^(.+) " DATE_PATTERN "\\.\\." DATE_OR_NONE " ended "
                                      DATE_PATTERN "$")) != NULL)
    {
      if (*m[3] != '\0')
        /* Translators: %1$s is a delivery area, %2$s, %3$s and %4$s dates */
        return g_strdup_printf (_("%1$s, approved %2$s to %3$s: last day now %4$s"),
                                m[1], m[2], m[3], m[4]);
      /* Translators: %1$s is a delivery area, %2$s and %3$s dates */
      return g_strdup_printf (_("%1$s, approved from %2$s until further notice: last day now "
                                "%3$s"), m[1], m[2], m[4]);
    }
  if (g_str_equal (action, "referral.end")
      && (m = match_details (details, "^" DATE_PATTERN " (\\S+) end-expired$")) != NULL)
    /* Translators: %1$s is a date, %2$s the code of an end reason */
    return g_strdup_printf (_("Ended on %1$s, reason %2$s, when the period ran out"),
                            m[1], m[2]);
  if (g_str_equal (action, "referral.end")
      && (m = match_details (details, "^" DATE_PATTERN " (\\S+)$")) != NULL)
    /* Translators: %1$s is a date, %2$s the code of an end reason */
    return g_strdup_printf (_("Ended on %1$s, reason %2$s"), m[1], m[2]);
  if (g_str_equal (action, "referral.correct")
      && (m = match_details (details, "^([a-z_]+): (.*) -> (.*)$")) != NULL)
    /* Translators: %1$s is a field of the referral, %2$s and %3$s its old and new value */
    return g_strdup_printf (_("%1$s: “%2$s” changed to “%3$s”"), m[1], m[2], m[3]);
  if ((g_str_equal (action, "provider.approve") || g_str_equal (action, "availability.set"))
      && (m = match_details (details, "^(.+) " DATE_PATTERN "\\.\\." DATE_OR_NONE "$"))
         != NULL)
    {
      if (*m[3] != '\0')
        /* Translators: %1$s is what was approved or set (an area, a service and a
         * municipality code), %2$s and %3$s dates */
        return g_strdup_printf (_("%1$s, %2$s to %3$s"), m[1], m[2], m[3]);
      /* Translators: %1$s is what was approved or set, %2$s a date */
      return g_strdup_printf (_("%1$s, from %2$s until further notice"), m[1], m[2]);
    }
  if (g_str_has_prefix (action, "export."))
    return describe_export (details);
  if (g_str_equal (action, "worklist.read")
      && (m = match_details (details, "^([0-9]+) listed$")) != NULL)
    {
      guint64 n = g_ascii_strtoull (m[1], NULL, 10);
      g_autofree char *count = anv_format_count (n);

      /* Translators: %s is a number of referrals in the work list shown */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s referral listed",
                                           "%s referrals listed",
                                           (gulong) MIN (n, G_MAXULONG)), count);
    }
  if (g_str_equal (action, "seeker.search")
      && (m = match_details (details, "^([0-9]+) listed, by (name|personnummer)$")) != NULL)
    {
      guint64 n = g_ascii_strtoull (m[1], NULL, 10);
      g_autofree char *count = anv_format_count (n);

      if (g_str_equal (m[2], "personnummer"))
        /* Translators: %s is a number of job seekers in a search's result list */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s job seeker listed, searched by personnummer",
                                             "%s job seekers listed, searched by personnummer",
                                             (gulong) MIN (n, G_MAXULONG)), count);
      /* Translators: %s is a number of job seekers in a search's result list */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s job seeker listed, searched by name",
                                           "%s job seekers listed, searched by name",
                                           (gulong) MIN (n, G_MAXULONG)), count);
    }
  if (g_str_equal (action, "unit.add")
      && (m = match_details (details, "^(.+): ([0-9,]*)$")) != NULL)
    {
      g_auto (GStrv) codes = g_strsplit (m[2], ",", -1);
      g_autofree char *list = g_strjoinv (", ", codes);

      /* Translators: %1$s is a unit's name, %2$s municipality codes */
      return g_strdup_printf (_("%1$s: municipalities %2$s"), m[1], list);
    }
  if (g_str_equal (action, "user.add")
      && (m = match_details (details, "^([a-z]+) (.+)$")) != NULL)
    {
      AnvRole role;
      const char *role_name = m[1];

      if (anv_role_parse (m[1], &role, NULL))
        role_name = anv_role_name (role);
      if (g_str_equal (m[2], "(country)"))
        /* Translators: %s is a role, e.g. “supervisor (chef)” */
        return g_strdup_printf (_("Role: %s, the whole country"), role_name);
      /* Translators: %1$s is a role, e.g. “supervisor (chef)”, %2$s a unit's name */
      return g_strdup_printf (_("Role: %1$s, unit %2$s"), role_name, m[2]);
    }
  if (g_str_equal (action, "area.add")
      && (m = match_details (details, "^([A-Z]+) (.+): ([0-9, ]*)$")) != NULL)
    /* Translators: %1$s is KROM or STOM, %2$s an area's name, %3$s municipality codes */
    return g_strdup_printf (_("%1$s, %2$s: municipalities %3$s"), m[1], m[2], m[3]);

  return g_strdup (details);
}

AnvAuditDescription *
anv_audit_describe (const AnvAuditEntry *entry)
{
  AnvAuditDescription *description;
  g_autofree char *action = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  /* The log is read as it is: what another program wrote into it may not
   * be text. */
  action = g_utf8_make_valid (entry->action ? entry->action : "", -1);
  entity = g_utf8_make_valid (entry->entity ? entry->entity : "", -1);
  entity_id = entry->entity_id ? g_utf8_make_valid (entry->entity_id, -1) : NULL;
  details = g_utf8_make_valid (entry->details ? entry->details : "", -1);

  description = g_new0 (AnvAuditDescription, 1);
  description->event = g_strdup (describe_event (action));
  description->record = describe_record (entity, entity_id);
  description->details = *details != '\0' ? describe_details (action, details) : g_strdup ("");
  return description;
}

gboolean
anv_audit_append (AnvDb       *db,
                  const char  *action,
                  const char  *entity,
                  const char  *entity_id,
                  const char  *details,
                  GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "audit/append",
    "INSERT INTO audit_log (actor, action, entity, entity_id, details) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", error);
  gint64 id = 0;

  if (stmt == NULL)
    return FALSE;

  anv_db_bind_text (stmt, 1, anv_db_get_user (db));
  anv_db_bind_text (stmt, 2, action);
  anv_db_bind_text (stmt, 3, entity);
  anv_db_bind_text (stmt, 4, entity_id);
  anv_db_bind_text (stmt, 5, details);
  /* The write's changes to the figures of closed months are revisions,
   * recorded in the name of its entry. */
  return anv_db_step_insert (stmt, &id, error)
         && anv_publish_record_revisions (db, id, error);
}

gboolean
anv_audit_append_read (AnvDb       *db,
                       const char  *action,
                       const char  *entity,
                       const char  *entity_id,
                       const char  *details,
                       const char  *key,
                       GError     **error)
{
  AnvDbStmt *stmt;

  /* The connection remembers its last read of each kind (a window's
   * refresh reads several kinds). A file that can only be read (a copy on
   * a read-only disk) takes no entry; its reader has the whole file
   * anyway. */
  if (anv_db_is_read_only (db)
      || (key != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (db), action), key) == 0))
    return TRUE;

  /* No RETURNING: the id is not needed, and a login that may append may
   * not always read the log. */
  stmt = anv_db_prepare (db, "audit/append-read",
    "INSERT INTO audit_log (actor, action, entity, entity_id, details) "
    "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;

  anv_db_bind_text (stmt, 1, anv_db_get_user (db));
  anv_db_bind_text (stmt, 2, action);
  anv_db_bind_text (stmt, 3, entity);
  anv_db_bind_text (stmt, 4, entity_id);
  anv_db_bind_text (stmt, 5, details);
  if (!anv_db_step_done (stmt, error))
    return FALSE;
  if (key != NULL)
    g_object_set_data_full (G_OBJECT (db), action, g_strdup (key), g_free);
  return TRUE;
}

static gpointer
read_entry (AnvDbStmt *stmt,
            gpointer   user_data)
{
  AnvAuditEntry *entry = g_new0 (AnvAuditEntry, 1);

  entry->id = anv_db_column_int64 (stmt, 0);
  entry->at = anv_db_column_dup (stmt, 1);
  entry->actor = anv_db_column_dup (stmt, 2);
  entry->action = anv_db_column_dup (stmt, 3);
  entry->entity = anv_db_column_dup (stmt, 4);
  entry->entity_id = anv_db_column_dup (stmt, 5);
  entry->details = anv_db_column_dup (stmt, 6);
  return entry;
}

GPtrArray *
anv_audit_list (AnvDb       *db,
                const char  *from,
                const char  *to,
                const char  *actor,
                guint        limit,
                GError     **error)
{
  return anv_audit_list_before (db, from, to, actor, 0, limit, error);
}

GPtrArray *
anv_audit_list_before (AnvDb       *db,
                       const char  *from,
                       const char  *to,
                       const char  *actor,
                       gint64       before_id,
                       guint        limit,
                       GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "audit/list",
    "SELECT id, at, actor, action, entity, entity_id, details FROM audit_log "
    "WHERE (CAST (?1 AS TEXT) IS NULL OR at >= ?1) "
    "  AND (CAST (?2 AS TEXT) IS NULL OR substr (at, 1, 10) <= ?2) "
    "  AND (CAST (?3 AS TEXT) IS NULL OR actor = ?3) AND (?5 = 0 OR id < ?5) "
    "ORDER BY id DESC LIMIT ?4", error);

  if (stmt == NULL)
    return NULL;

  anv_db_bind_text (stmt, 1, from);
  anv_db_bind_text (stmt, 2, to);
  anv_db_bind_text (stmt, 3, actor);
  anv_db_bind_int64 (stmt, 4, limit);
  anv_db_bind_int64 (stmt, 5, before_id);
  return anv_db_collect (stmt, read_entry, NULL, (GDestroyNotify) anv_audit_entry_free, error);
}
