/* anv-referral-event-dialog.c — the start, change of provider, extension or end of a referral
 *
 * One dialog for the four later events of the open referral: each shows
 * the referral as it stands, the date, and what the event needs (the new
 * provider, the reason it ends; for an extension, the period's new last
 * day). It asks the core for the rules (the
 * earliest start, the providers approved, the end reasons) and saves
 * through anv-referrals.h, which checks every rule again.
 *
 * Its length is one concern: one form that the four events share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-event-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-date-entry.h"
#include "anv-dialog.h"
#include "anv-end-reason-chooser.h"
#include "anv-personnummer.h"
#include "anv-provider-chooser.h"
#include "anv-referral-event-dialog.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

struct _AnvReferralEventDialog
{
  GtkDialog              parent_instance;

  /* Template widgets */
  GtkInfoBar            *info_bar;
  GtkLabel              *error_label;
  GtkLabel              *person_label;
  GtkLabel              *referral_label;
  GtkLabel              *date_title;
  AnvDateEntry          *date;
  GtkLabel              *date_hint;
  GtkWidget             *early_row;
  GtkLabel              *early_hint;
  GtkEntry              *early_entry;
  GtkWidget             *provider_title;
  AnvProviderChooser    *provider_box;
  GtkLabel              *reason_title;
  AnvEndReasonChooser   *reason_box;
  GtkImage              *confirm_icon;
  GtkLabel              *confirm_label;
  GtkWidget             *save_button;

  AnvContext            *context;
  char                  *personnummer;
  AnvReferralDialogKind  kind;

  GDate                  today;
  AnvSeeker             *seeker;          /* NULL if it could not be read */
  AnvReferral           *referral;        /* the open referral, or NULL */
  char                  *wanted_orgnr;    /* the provider the officer last chose, kept
                                           * while the list is filled anew */
};

static void anv_referral_event_dialog_iface_init (AnvReferralDialogInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnvReferralEventDialog, anv_referral_event_dialog,
                               GTK_TYPE_DIALOG,
                               G_IMPLEMENT_INTERFACE (ANV_TYPE_REFERRAL_DIALOG,
                                                      anv_referral_event_dialog_iface_init))

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_PERSONNUMMER,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

/*
 * Auxiliary methods
 */

static AnvDb *
get_db (AnvReferralEventDialog *self)
{
  return anv_context_get_db (self->context);
}

static void
show_error (AnvReferralEventDialog *self,
            const char             *message)
{
  anv_referral_dialog_show_error (ANV_REFERRAL_DIALOG (self), message);
}

static gboolean
update_state (AnvReferralEventDialog *self)
{
  return anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}

/* A row of the form: its title, its field and the box that holds both */
static void
show_row (GtkWidget *title,
          GtkWidget *field,
          gboolean   visible)
{
  gtk_widget_set_visible (title, visible);
  gtk_widget_set_visible (field, visible);
  gtk_widget_set_visible (gtk_widget_get_parent (title), visible);
}


/* The open referral's earliest start: ten working days after its decision */
static gboolean
get_earliest_start (AnvReferralEventDialog *self,
                    GDate                  *out)
{
  GDate decided;

  if (self->referral == NULL || !anv_date_parse (self->referral->decided_on, &decided, NULL))
    return FALSE;
  anv_referrals_earliest_start (&decided, out);
  return TRUE;
}

/* The person and their open referral */
static void
load_person (AnvReferralEventDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) referrals = NULL;

  g_clear_pointer (&self->seeker, anv_seeker_free);
  g_clear_pointer (&self->referral, anv_referral_free);

  self->seeker = anv_seekers_get (get_db (self), self->personnummer, &self->today, &error);
  if (self->seeker == NULL)
    {
      show_error (self, error->message);
      return;
    }

  referrals = anv_referrals_for_seeker (get_db (self), self->personnummer, &self->today,
                                        &error);
  if (referrals == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < referrals->len; i++)
    {
      AnvReferral *r = g_ptr_array_index (referrals, i);

      if (r->ended_on == NULL && !r->annulled)
        {
          self->referral = g_ptr_array_steal_index (referrals, i);
          break;
        }
    }
  if (self->referral == NULL)
    {
      g_autofree char *masked = anv_personnummer_format_masked (self->seeker->personnummer);
      g_autofree char *message = g_strdup_printf (
        _("%s has no open referral. Decide a referral first."), masked);

      show_error (self, message);
    }
}

static void
show_person (AnvReferralEventDialog *self)
{
  anv_referral_dialog_show_person (ANV_REFERRAL_DIALOG (self), self->person_label, self->seeker,
                                   self->personnummer);
}

static void
show_referral (AnvReferralEventDialog *self)
{
  const AnvReferralProvider *provider;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *level = NULL;
  g_autofree char *decided = NULL;
  g_autofree char *planned = NULL;

  if (self->referral == NULL)
    {
      /* Translators: in place of the referral when the person has none open */
      gtk_label_set_text (self->referral_label, _("No open referral"));
      return;
    }

  /* The job seeker's own choice outside the area is outside where the
   * referral was decided */
  anv_provider_chooser_set_home (self->provider_box, self->referral->municipality_name);

  provider = anv_referral_current_provider (self->referral);
  level = anv_referral_level_in_sentence (self->referral->service, self->referral->level);
  decided = anv_date_format_long_iso (self->referral->decided_on);
  planned = anv_date_format_long_iso (self->referral->planned_start);

  /* Translators: e.g. "Rusta och matcha, level B" */
  g_string_append_printf (text, _("%1$s, %2$s"), anv_service_name (self->referral->service),
                          level);
  if (self->referral->choice == ANV_CHOICE_PENDING)
    {
      g_autofree char *deadline = anv_date_format_long_iso (self->referral->choice_deadline);

      g_string_append_c (text, '\n');
      /* Translators: väntar på val; %s is the last day to choose */
      g_string_append_printf (text, _("No provider yet: waiting for the job seeker’s choice "
                                      "until %s"), deadline);
    }
  if (provider != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, provider->outside_area
                                      /* Translators: the provider now */
                                      ? _("Provider: %s (own choice outside the area)")
                                      : _("Provider: %s"),
                              provider->name);
    }
  g_string_append_c (text, '\n');
  /* Translators: %1$s and %3$s dates, %2$s a municipality */
  g_string_append_printf (text, _("Decided on %1$s in %2$s, planned start %3$s"),
                          decided, self->referral->municipality_name, planned);
  if (self->referral->started_on != NULL)
    {
      g_autofree char *started = anv_date_format_long_iso (self->referral->started_on);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Started on %s"), started);
    }
  {
    g_autofree char *period = anv_referral_describe_period (self->referral, &self->today, NULL);

    if (period != NULL)
      {
        g_string_append_c (text, '\n');
        g_string_append (text, period);
      }
  }
  gtk_label_set_text (self->referral_label, text->str);
}

/* The providers (change of provider) */
static void
fill_providers (AnvReferralEventDialog *self)
{
  g_autoptr (GError) error = NULL;
  /* The officer's choice, not what a half-typed date left of it */
  g_autofree char *previous = g_strdup (self->wanted_orgnr
                                          ? self->wanted_orgnr
                                          : anv_provider_chooser_get_chosen_orgnr (
                                              self->provider_box));
  const AnvReferralProvider *current;
  GDate date;

  if (self->referral == NULL || !anv_date_entry_get_date (self->date, &date))
    {
      anv_provider_chooser_clear (self->provider_box,
                                  _("Type a valid date to see the approved providers."));
      return;
    }
  current = anv_referral_current_provider (self->referral);
  if (!anv_provider_chooser_fill (self->provider_box, get_db (self), self->referral->service,
                                  self->referral->municipality_code,
                                  self->referral->municipality_name, &date,
                                  current ? current->orgnr : NULL, FALSE, &error))
    show_error (self, error->message);
  anv_provider_chooser_choose (self->provider_box, previous);
}

/* The end reasons (end): results and interruptions apart */
static void
fill_reasons (AnvReferralEventDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!anv_end_reason_chooser_fill (self->reason_box, get_db (self), &error))
    show_error (self, error->message);
  else if (anv_end_reason_chooser_get_first (self->reason_box) != NULL)
    gtk_label_set_mnemonic_widget (self->reason_title,
                                   anv_end_reason_chooser_get_first (self->reason_box));
}

/* The period's last day after one more extension, as the core counts it:
 * from the start (or the planned start) the months so far and the
 * extension's, less a day. */
static gboolean
get_extended_last_day (AnvReferralEventDialog *self,
                       GDate                  *out)
{
  const AnvReferral *r = self->referral;
  GDate start;

  if (r == NULL || r->extension_months == 0
      || !anv_date_parse (r->started_on ? r->started_on : r->planned_start, &start, NULL))
    return FALSE;
  anv_referrals_period_last_day (&start, r->period_months + r->extension_months, out);
  return TRUE;
}

/* Whether a start typed is before the earliest allowed: it is recorded
 * as the provider reported it, with a reason. */
static gboolean
is_early_start (AnvReferralEventDialog *self,
                const GDate            *date)
{
  GDate earliest;

  return self->kind == ANV_REFERRAL_DIALOG_START && get_earliest_start (self, &earliest)
         && g_date_compare (date, &earliest) < 0;
}

/* Shows the reason's row while the start typed is early, saying why */
static void
update_early_row (AnvReferralEventDialog *self,
                  gboolean                early)
{
  GDate earliest;

  gtk_widget_set_visible (self->early_row, early);
  if (early && get_earliest_start (self, &earliest))
    {
      g_autofree char *day = anv_date_format_long (&earliest);
      /* Translators: %1$s a date, %2$d a number */
      g_autofree char *hint = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The start is before the earliest allowed start, %1$s (%2$d working day "
                     "after the decision). Record it as the provider reported it: say why it "
                     "is earlier. The reason is kept with the start.",
                     "The start is before the earliest allowed start, %1$s (%2$d working days "
                     "after the decision). Record it as the provider reported it: say why it "
                     "is earlier. The reason is kept with the start.",
                     ANV_REFERRAL_MIN_WORKING_DAYS),
        day, ANV_REFERRAL_MIN_WORKING_DAYS);

      gtk_label_set_text (self->early_hint, hint);
    }
}

/* Checks the event's date: a date, and not after today. A start before
 * the earliest allowed shows the row of its reason. */
static gboolean
check_date (AnvReferralEventDialog  *self,
            GDate                   *out,
            char                   **problem)
{
  const char *message = NULL;
  gboolean valid = anv_date_entry_get_date (self->date, out);

  if (!valid)
    /* Translators: YYYY-MM-DD is the form to type; keep the example a real date */
    message = _("Type the date as YYYY-MM-DD, for example 2020-04-06.");
  else if (g_date_compare (out, &self->today) > 0)
    message = _("The date cannot be after today: record an event on the day it happens.");
  update_early_row (self, valid && is_early_start (self, out));

  anv_date_entry_set_error (self->date, message);
  if (self->kind == ANV_REFERRAL_DIALOG_START && self->referral != NULL)
    {
      /* The start: the planned date beside it, as a reminder */
      g_autofree char *planned = anv_date_format_long_iso (self->referral->planned_start);
      g_autofree char *hint = g_strdup_printf (_("Planned start: %s"), planned);

      gtk_label_set_text (self->date_hint, message ? message : hint);
      gtk_widget_show (GTK_WIDGET (self->date_hint));
    }
  else if (self->kind == ANV_REFERRAL_DIALOG_EXTEND && self->referral != NULL
           && self->referral->period_end != NULL)
    {
      /* An extension: recorded on or before the period's last day */
      g_autofree char *last = anv_date_format_long_iso (self->referral->period_end);
      /* Translators: %s is the period's last day */
      g_autofree char *hint = g_strdup_printf (_("Recorded on or before the period’s last day, "
                                                 "%s."), last);

      gtk_label_set_text (self->date_hint, message ? message : hint);
      gtk_widget_show (GTK_WIDGET (self->date_hint));
    }
  else
    {
      gtk_label_set_text (self->date_hint, message ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->date_hint), message != NULL);
    }
  if (message != NULL)
    *problem = g_strdup (message);
  return message == NULL;
}

/* When the date changes, so may the providers */
static void
update_for_date (AnvReferralEventDialog *self)
{
  if (self->kind == ANV_REFERRAL_DIALOG_CHANGE_PROVIDER
      || self->kind == ANV_REFERRAL_DIALOG_CHOOSE)
    fill_providers (self);
  update_state (self);
}

/* The date the dialog opens on: today, but for a start the day planned
 * (not before the earliest allowed start), whether or not it has come:
 * today may be too early, and a start is recorded on the day it happens. */
static const GDate *
get_default_date (AnvReferralEventDialog *self,
                  GDate                  *out)
{
  GDate earliest;

  *out = self->today;
  if (self->kind != ANV_REFERRAL_DIALOG_START || self->referral == NULL
      || !anv_date_parse (self->referral->planned_start, out, NULL))
    return out;
  if (get_earliest_start (self, &earliest) && g_date_compare (out, &earliest) < 0)
    *out = earliest;
  return out;
}

/* What each event shows and says */
static void
set_up_kind (AnvReferralEventDialog *self)
{
  const char *title = NULL, *date_label = NULL, *date_name = NULL;

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_START:
      title = _("Record Start");
      date_label = _("Start _date");
      date_name = _("Start date");
      break;
    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
      title = _("Change Provider");
      date_label = _("_Date of change");
      date_name = _("Date of change");
      break;
    case ANV_REFERRAL_DIALOG_END:
      title = _("End Referral");
      date_label = _("End _date");
      date_name = _("End date");
      break;
    case ANV_REFERRAL_DIALOG_EXTEND:
      title = _("Extend Referral");
      date_label = _("Date of _extension");
      date_name = _("Date of extension");
      break;
    case ANV_REFERRAL_DIALOG_CHOOSE:
      title = _("Register Choice");
      date_label = _("_Date of choice");
      date_name = _("Date of choice");
      break;
    case ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT:
      title = _("Assign No-choice Default");
      /* Translators: the day from which the no-choice default takes the referral */
      date_label = _("_From");
      date_name = _("From");
      break;
    case ANV_REFERRAL_DIALOG_DECIDE:
    default:
      g_return_if_reached ();
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text_with_mnemonic (self->date_title, date_label);
  gtk_label_set_mnemonic_widget (self->date_title,
                                 GTK_WIDGET (anv_date_entry_get_entry (self->date)));
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->provider_title),
                                 anv_provider_chooser_get_list (self->provider_box));
  anv_date_entry_set_accessible_name (self->date, date_name);
  anv_date_entry_set_fallback (self->date, &self->today);

  show_row (self->provider_title, GTK_WIDGET (self->provider_box),
            self->kind == ANV_REFERRAL_DIALOG_CHANGE_PROVIDER
            || self->kind == ANV_REFERRAL_DIALOG_CHOOSE);
  show_row (GTK_WIDGET (self->reason_title), GTK_WIDGET (self->reason_box),
            self->kind == ANV_REFERRAL_DIALOG_END);
}


/*
 * Callbacks
 */

static void
date_changed_cb (AnvDateEntry           *entry,
                 AnvReferralEventDialog *self)
{
  update_for_date (self);
}

/* The officer chose a provider (Space, Enter or a click) */
static void
provider_chosen_cb (AnvProviderChooser     *chooser,
                    AnvProviderRow         *row,
                    AnvReferralEventDialog *self)
{
  g_free (self->wanted_orgnr);
  self->wanted_orgnr = g_strdup (anv_provider_row_get_orgnr (row));
  update_state (self);
}

static void
outside_toggled_cb (AnvProviderChooser     *chooser,
                    AnvReferralEventDialog *self)
{
  fill_providers (self);
  update_state (self);
}

static void
reason_changed_cb (AnvEndReasonChooser    *chooser,
                   AnvReferralEventDialog *self)
{
  update_state (self);
}

static void
early_changed_cb (GtkEditable            *editable,
                  AnvReferralEventDialog *self)
{
  update_state (self);
}

/* This or another window or process saved: the referral and the lists
 * follow, what is typed stays. */
static void
context_changed_cb (AnvContext             *context,
                    AnvReferralEventDialog *self)
{
  if (anv_referral_dialog_is_saving (ANV_REFERRAL_DIALOG (self)))
    return;
  load_person (self);
  show_referral (self);
  update_for_date (self);
}

/* Midnight passed: a date that was in the future may be today now */
static void
today_changed_cb (AnvContext             *context,
                  GParamSpec             *pspec,
                  AnvReferralEventDialog *self)
{
  anv_context_get_today (context, &self->today);
  anv_date_entry_set_fallback (self->date, &self->today);
  update_state (self);
}


/*
 * AnvReferralDialog interface
 */

static AnvReferralDialogKind
anv_referral_event_dialog_get_kind (AnvReferralDialog *dialog)
{
  return ANV_REFERRAL_EVENT_DIALOG (dialog)->kind;
}

static const char *
anv_referral_event_dialog_get_provider (AnvReferralDialog *dialog)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (dialog);

  if (self->kind != ANV_REFERRAL_DIALOG_CHANGE_PROVIDER
      && self->kind != ANV_REFERRAL_DIALOG_CHOOSE)
    return NULL;
  return anv_provider_chooser_get_chosen_orgnr (self->provider_box);
}

static char *
anv_referral_event_dialog_confirm (AnvReferralDialog  *dialog,
                                   char              **problem)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (dialog);
  g_autofree char *person = NULL;
  g_autofree char *day = NULL;
  const AnvReferralProvider *current;
  AnvProviderRow *row;
  GDate date;

  if (self->seeker == NULL)
    {
      *problem = g_strdup (_("The job seeker could not be read."));
      return NULL;
    }
  if (self->referral == NULL)
    {
      *problem = g_strdup (_("There is no open referral."));
      return NULL;
    }
  if (!check_date (self, &date, problem))
    return NULL;
  person = anv_referral_dialog_describe_person (self->seeker, self->personnummer);
  day = anv_date_format_long (&date);
  current = anv_referral_current_provider (self->referral);

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_START:
      if (is_early_start (self, &date))
        {
          g_autofree char *reason = g_strstrip (g_strdup (gtk_entry_get_text (self->early_entry)));

          if (*reason == '\0')
            {
              *problem = g_strdup (_("Type the reason why the start is earlier than allowed."));
              return NULL;
            }
          return g_strdup_printf (
            /* Translators: "Record that 19850101-**** Anna Andersson started Rusta och
             * matcha with Rusta Norr AB on April 20, 2020, before the earliest allowed
             * start, with the reason given." */
            _("Record that %1$s started %2$s with %3$s on %4$s, before the earliest allowed "
              "start, with the reason given."),
            person, anv_service_name (self->referral->service),
            current ? current->name : "—", day);
        }
      return g_strdup_printf (
        /* Translators: "Record that 19850101-**** Anna Andersson started Rusta och matcha
         * with Rusta Norr AB on April 22, 2020." */
        _("Record that %1$s started %2$s with %3$s on %4$s."),
        person, anv_service_name (self->referral->service), current ? current->name : "—",
        day);

    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
      row = anv_provider_chooser_get_chosen (self->provider_box);
      if (row == NULL)
        {
          *problem = g_strdup (_("Choose the new provider."));
          return NULL;
        }
      return g_strdup_printf (
        anv_provider_row_get_outside_area (row)
          /* Translators: "Change the provider of 19850101-**** Anna Andersson from Rusta
           * Norr AB to Västra Rusta AB from May 4, 2020, …" */
          ? _("Change the provider of %1$s from %2$s to %3$s from %4$s, as the job seeker’s "
              "own choice outside the area.")
          : _("Change the provider of %1$s from %2$s to %3$s from %4$s."),
        person, current ? current->name : "—", anv_provider_row_get_name (row), day);

    case ANV_REFERRAL_DIALOG_CHOOSE:
      if (self->referral->choice != ANV_CHOICE_PENDING)
        {
          *problem = g_strdup (_("The referral does not wait for a choice: its provider is "
                                 "recorded. Change the provider instead."));
          return NULL;
        }
      row = anv_provider_chooser_get_chosen (self->provider_box);
      if (row == NULL)
        {
          *problem = g_strdup (_("Choose the provider the job seeker chose."));
          return NULL;
        }
      return g_strdup_printf (
        anv_provider_row_get_outside_area (row)
          /* Translators: "Record that 19850101-**** Anna Andersson chose Rusta Norr AB,
           * from September 10, 2020, …" */
          ? _("Record that %1$s chose %2$s, from %3$s, as their own choice outside the area.")
          : _("Record that %1$s chose %2$s, from %3$s."),
        person, anv_provider_row_get_name (row), day);

    case ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT:
      {
        g_autoptr (AnvProvider) proposed = NULL;
        g_autoptr (GError) local_error = NULL;
        g_autofree char *deadline = NULL;
        GDate last;

        if (self->referral->choice != ANV_CHOICE_PENDING
            || !anv_date_parse (self->referral->choice_deadline, &last, NULL))
          {
            *problem = g_strdup (_("The referral does not wait for a choice: its provider is "
                                   "recorded. Change the provider instead."));
            return NULL;
          }
        deadline = anv_date_format_long (&last);
        if (g_date_compare (&date, &last) <= 0)
          {
            /* Translators: %s is the last day to choose */
            *problem = g_strdup_printf (_("The job seeker may choose until %s: register their "
                                          "choice, or assign the default from the day after."),
                                        deadline);
            return NULL;
          }
        proposed = anv_providers_propose_default (get_db (self), self->referral->service,
                                                  self->referral->municipality_code, &date,
                                                  &local_error);
        if (proposed == NULL)
          {
            *problem = g_strdup (local_error->message);
            return NULL;
          }
        return g_strdup_printf (
          /* Translators: "Give 19850101-**** Anna Andersson the no-choice default, Rusta
           * Norr AB, from September 16, 2020: no choice was made by September 15, 2020." */
          _("Give %1$s the no-choice default, %2$s, from %3$s: no choice was made by %4$s."),
          person, proposed->name, day, deadline);
      }

    case ANV_REFERRAL_DIALOG_END:
      if (anv_end_reason_chooser_get_code (self->reason_box) == NULL)
        {
          *problem = g_strdup (_("Choose why the referral ends: a result or an interruption."));
          return NULL;
        }
      if (self->referral->started_on == NULL
          && anv_end_reason_chooser_is_result (self->reason_box))
        {
          /* The core's rule, said before Save */
          *problem = g_strdup (_("Work and studies are results of a referral that has "
                                 "started: record the start first, or choose an "
                                 "interruption."));
          return NULL;
        }
      return g_strdup_printf (
        anv_end_reason_chooser_is_result (self->reason_box)
          /* Translators: "End the referral of 19850101-**** Anna Andersson to Rusta och
           * matcha on May 15, 2020 with the result “Work”." */
          ? _("End the referral of %1$s to %2$s on %3$s with the result “%4$s”.")
          : _("End the referral of %1$s to %2$s on %3$s with the interruption “%4$s”."),
        person, anv_service_name (self->referral->service), day,
        anv_end_reason_chooser_get_label (self->reason_box));

    case ANV_REFERRAL_DIALOG_EXTEND:
      {
        g_autofree char *last = NULL;
        GDate last_day;

        if (!get_extended_last_day (self, &last_day))
          {
            *problem = g_strdup (_("The referral’s period cannot be extended."));
            return NULL;
          }
        last = anv_date_format_long (&last_day);
        return g_strdup_printf (
          /* Translators: "Extend the referral of 19850101-**** Anna Andersson to Rusta och
           * matcha by 6 months on June 15, 2020: the period then ends on April 21, 2021." */
          g_dngettext (GETTEXT_PACKAGE,
                       "Extend the referral of %1$s to %2$s by %3$u month on %4$s: the period "
                       "then ends on %5$s.",
                       "Extend the referral of %1$s to %2$s by %3$u months on %4$s: the period "
                       "then ends on %5$s.", self->referral->extension_months),
          person, anv_service_name (self->referral->service), self->referral->extension_months,
          day, last);
      }

    case ANV_REFERRAL_DIALOG_DECIDE:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static gboolean
anv_referral_event_dialog_save (AnvReferralDialog  *dialog,
                                GError            **error)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (dialog);
  GDate date;

  if (!anv_date_entry_get_date (self->date, &date))
    g_return_val_if_reached (FALSE);

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_START:
      /* The reason only while the row shows: an early start */
      return anv_referrals_start_reported (get_db (self), self->personnummer, &date,
                                           is_early_start (self, &date)
                                             ? gtk_entry_get_text (self->early_entry) : NULL,
                                           &self->today, error);

    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
      return anv_referrals_change_provider (get_db (self), self->personnummer,
                                            anv_provider_chooser_get_chosen_orgnr (
                                              self->provider_box),
                                            anv_provider_chooser_get_outside (self->provider_box),
                                            &date, &self->today, error);

    case ANV_REFERRAL_DIALOG_END:
      return anv_referrals_end (get_db (self), self->personnummer,
                                anv_end_reason_chooser_get_code (self->reason_box),
                                &date, &self->today, error);

    case ANV_REFERRAL_DIALOG_EXTEND:
      if (self->referral == NULL)
        g_return_val_if_reached (FALSE);
      return anv_referrals_extend (get_db (self), self->referral->id, &date, &self->today,
                                   error);

    case ANV_REFERRAL_DIALOG_CHOOSE:
      if (self->referral == NULL)
        g_return_val_if_reached (FALSE);
      return anv_referrals_choose (get_db (self), self->referral->id,
                                   anv_provider_chooser_get_chosen_orgnr (self->provider_box),
                                   anv_provider_chooser_get_outside (self->provider_box),
                                   &date, &self->today, error);

    case ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT:
      if (self->referral == NULL)
        g_return_val_if_reached (FALSE);
      return anv_referrals_assign_default (get_db (self), self->referral->id, &date,
                                           &self->today, NULL, error);

    case ANV_REFERRAL_DIALOG_DECIDE:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* What was saved, said in the window once the dialog has closed: in the
 * past tense, where the confirmation said what would be. */
static char *
anv_referral_event_dialog_describe_saved (AnvReferralDialog *dialog)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (dialog);
  g_autofree char *person = anv_referral_dialog_describe_person (self->seeker,
                                                                 self->personnummer);
  g_autofree char *day = NULL;
  AnvProviderRow *row;
  const char *reason;
  GDate date;

  if (!anv_date_entry_get_date (self->date, &date))
    g_return_val_if_reached (NULL);
  day = anv_date_format_long (&date);

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_START:
      /* Translators: "Start saved: 19850101-**** Anna Andersson started Rusta och
       * matcha on April 22, 2020." */
      return g_strdup_printf (_("Start saved: %1$s started %2$s on %3$s."), person,
                              self->referral ? anv_service_name (self->referral->service) : "—",
                              day);

    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
      row = anv_provider_chooser_get_chosen (self->provider_box);
      /* Translators: "Change of provider saved: 19850101-**** Anna Andersson goes to
       * Västra Rusta AB from May 4, 2020." */
      return g_strdup_printf (_("Change of provider saved: %1$s goes to %2$s from %3$s."),
                              person, row ? anv_provider_row_get_name (row) : "—", day);

    case ANV_REFERRAL_DIALOG_END:
      reason = anv_end_reason_chooser_get_label (self->reason_box);
      /* Translators: "End saved: the referral of 19850101-**** Anna Andersson ended on
       * May 15, 2020 (Work)." */
      return g_strdup_printf (_("End saved: the referral of %1$s ended on %2$s (%3$s)."),
                              person, day, reason ? reason : "—");

    case ANV_REFERRAL_DIALOG_CHOOSE:
    case ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT:
      {
        g_autoptr (AnvReferral) after = NULL;
        const AnvReferralProvider *provider;

        /* The provider as saved, read back */
        if (self->referral != NULL)
          after = anv_referrals_get (get_db (self), self->referral->id, NULL);
        provider = after ? anv_referral_current_provider (after) : NULL;
        return g_strdup_printf (self->kind == ANV_REFERRAL_DIALOG_CHOOSE
                                  /* Translators: "Choice saved: 19850101-**** Anna Andersson
                                   * goes to Rusta Norr AB from September 10, 2020." */
                                  ? _("Choice saved: %1$s goes to %2$s from %3$s.")
                                  /* Translators: "No-choice default saved: …" */
                                  : _("No-choice default saved: %1$s goes to %2$s from %3$s."),
                                person, provider ? provider->name : "—", day);
      }

    case ANV_REFERRAL_DIALOG_EXTEND:
      {
        g_autoptr (AnvReferral) after = NULL;
        g_autofree char *last = NULL;

        /* The last day as saved, read back */
        if (self->referral != NULL)
          after = anv_referrals_get (get_db (self), self->referral->id, NULL);
        last = anv_date_format_long_iso (after ? after->period_end : NULL);
        /* Translators: "Extension saved: the period of 19850101-**** Anna Andersson now
         * ends on April 21, 2021." */
        return g_strdup_printf (_("Extension saved: the period of %1$s now ends on %2$s."),
                                person, last ? last : "—");
      }

    case ANV_REFERRAL_DIALOG_DECIDE:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
anv_referral_event_dialog_iface_init (AnvReferralDialogInterface *iface)
{
  iface->get_kind = anv_referral_event_dialog_get_kind;
  iface->get_provider = anv_referral_event_dialog_get_provider;
  iface->confirm = anv_referral_event_dialog_confirm;
  iface->save = anv_referral_event_dialog_save;
  iface->describe_saved = anv_referral_event_dialog_describe_saved;
}


/*
 * GObject overrides
 */

static void
anv_referral_event_dialog_constructed (GObject *object)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (object);
  GDate default_date;

  G_OBJECT_CLASS (anv_referral_event_dialog_parent_class)->constructed (object);

  g_return_if_fail (ANV_IS_CONTEXT (self->context));
  g_return_if_fail (self->personnummer != NULL);

  anv_context_get_today (self->context, &self->today);
  anv_referral_dialog_set_up_form (ANV_REFERRAL_DIALOG (self), self->info_bar, self->error_label,
                                   self->confirm_label, self->confirm_icon, self->save_button);
  set_up_kind (self);
  load_person (self);
  show_person (self);
  show_referral (self);
  if (self->kind == ANV_REFERRAL_DIALOG_END)
    fill_reasons (self);

  /* Today by default; the entry's ::changed fills in what follows from it */
  anv_date_entry_set_date (self->date, get_default_date (self, &default_date));

  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self, 0);
  g_signal_connect_object (self->context, "notify::today", G_CALLBACK (today_changed_cb), self,
                           0);
  gtk_widget_grab_focus (GTK_WIDGET (anv_date_entry_get_entry (self->date)));
}

static void
anv_referral_event_dialog_dispose (GObject *object)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_referral_event_dialog_parent_class)->dispose (object);
}

static void
anv_referral_event_dialog_finalize (GObject *object)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (object);

  g_clear_pointer (&self->personnummer, g_free);
  g_clear_pointer (&self->seeker, anv_seeker_free);
  g_clear_pointer (&self->referral, anv_referral_free);
  g_clear_pointer (&self->wanted_orgnr, g_free);

  G_OBJECT_CLASS (anv_referral_event_dialog_parent_class)->finalize (object);
}

static void
anv_referral_event_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PERSONNUMMER:
      g_value_set_string (value, self->personnummer);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_referral_event_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  AnvReferralEventDialog *self = ANV_REFERRAL_EVENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_PERSONNUMMER:
      self->personnummer = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_referral_event_dialog_class_init (AnvReferralEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_referral_event_dialog_constructed;
  object_class->dispose = anv_referral_event_dialog_dispose;
  object_class->finalize = anv_referral_event_dialog_finalize;
  object_class->get_property = anv_referral_event_dialog_get_property;
  object_class->set_property = anv_referral_event_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", "Context", "What the window's pages share",
                         ANV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONNUMMER] =
    g_param_spec_string ("personnummer", "Personnummer", "The job seeker, 12 digits", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", "Kind", "What the dialog records (AnvReferralDialogKind)",
                      ANV_REFERRAL_DIALOG_START, ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT,
                      ANV_REFERRAL_DIALOG_START,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANV_TYPE_DATE_ENTRY);
  g_type_ensure (ANV_TYPE_PROVIDER_CHOOSER);
  g_type_ensure (ANV_TYPE_END_REASON_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX
                                               "/ui/anv-referral-event-dialog.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, info_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, person_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, referral_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, date_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, date);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, date_hint);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, early_row);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, early_hint);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, early_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, provider_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, provider_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, reason_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, reason_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, confirm_icon);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralEventDialog, save_button);

  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, outside_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, early_changed_cb);
}

static void
anv_referral_event_dialog_init (AnvReferralEventDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->early_entry)),
                       _("Reason for the early start"));
  anv_info_bar_name_close_button (self->info_bar);
  anv_dialog_keep_until_idle (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
anv_referral_event_dialog_new (GtkWindow             *parent,
                               AnvContext            *context,
                               const char            *personnummer,
                               AnvReferralDialogKind  kind)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (personnummer != NULL, NULL);
  g_return_val_if_fail (kind != ANV_REFERRAL_DIALOG_DECIDE, NULL);

  return g_object_new (ANV_TYPE_REFERRAL_EVENT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "use-header-bar", TRUE,
                       "context", context,
                       "personnummer", personnummer,
                       "kind", (int) kind,
                       NULL);
}
