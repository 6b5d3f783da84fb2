/* anv-decide-dialog.c — deciding a referral
 *
 * The dialog asks the core for everything a rule decides (which service
 * applies and why the other does not, its levels, which providers are
 * approved, the no-choice default, the earliest start) and saves through
 * anv-referrals.h, which checks every rule again; what the core refuses is
 * shown in the dialog, with nothing typed lost.
 *
 * Its length is one concern: the one decision form and what each of its
 * fields asks the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-decide-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-availability.h"
#include "anv-date.h"
#include "anv-date-entry.h"
#include "anv-decide-dialog.h"
#include "anv-dialog.h"
#include "anv-provider-chooser.h"
#include "anv-referral-dialog.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

struct _AnvDecideDialog
{
  GtkDialog           parent_instance;

  /* Template widgets */
  GtkLabel           *person_label;
  GtkLabel           *date_title;
  AnvDateEntry       *date;
  GtkLabel           *date_hint;
  GtkLabel           *service_label;
  GtkLabel           *why_label;
  GtkLabel           *level_title;
  GtkComboBoxText    *level_combo;
  GtkToggleButton    *own_radio;
  GtkToggleButton    *default_radio;
  GtkToggleButton    *pending_radio;
  GtkWidget          *provider_row;
  GtkLabel           *provider_title;
  AnvProviderChooser *provider_box;
  GtkLabel           *planned_title;
  AnvDateEntry       *planned;
  GtkLabel           *planned_hint;
  GtkWidget          *save_button;
  GtkInfoBar         *info_bar;
  GtkLabel           *error_label;
  GtkImage           *confirm_icon;
  GtkLabel           *confirm_label;

  AnvContext         *context;
  char               *personnummer;

  GDate               today;
  AnvSeeker          *seeker;          /* NULL if it could not be read */
  AnvService          service;         /* the one that applies on the date */
  char               *wanted_orgnr;    /* the provider the officer last chose, kept
                                        * while the list is filled anew */
  char               *wanted_level;    /* the level or track the officer last chose */

  gboolean            updating;        /* set while the code changes widgets */
  gboolean            planned_edited;  /* the officer moved the planned start */
};

static void anv_decide_dialog_iface_init (AnvReferralDialogInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnvDecideDialog, anv_decide_dialog, GTK_TYPE_DIALOG,
                               G_IMPLEMENT_INTERFACE (ANV_TYPE_REFERRAL_DIALOG,
                                                      anv_decide_dialog_iface_init))

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_PERSONNUMMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

/* The level list's first row, "Choose…" */
#define LEVEL_NONE   "none"


/*
 * Auxiliary methods
 */

static void
set_accessible_name (GtkWidget  *widget,
                     const char *name)
{
  atk_object_set_name (gtk_widget_get_accessible (widget), name);
}

static AnvDb *
get_db (AnvDecideDialog *self)
{
  return anv_context_get_db (self->context);
}

/* The chosen level ("A"–"C", "1"–"4"), or NULL. */
static const char *
get_level (AnvDecideDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo));

  return g_strcmp0 (id, LEVEL_NONE) == 0 ? NULL : id;
}

static void
load_person (AnvDecideDialog *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->seeker, anv_seeker_free);
  self->seeker = anv_seekers_get (get_db (self), self->personnummer, &self->today, &error);
  if (self->seeker == NULL)
    anv_referral_dialog_show_error (ANV_REFERRAL_DIALOG (self), error->message);
}

static void
show_person (AnvDecideDialog *self)
{
  anv_referral_dialog_show_person (ANV_REFERRAL_DIALOG (self), self->person_label, self->seeker,
                                   self->personnummer);
  if (self->seeker != NULL)
    anv_provider_chooser_set_home (self->provider_box, self->seeker->municipality_name);
}

/* The levels or tracks of the service, as the core lists them */
static void
fill_levels (AnvDecideDialog *self)
{
  const char *const *levels = anv_referral_levels (self->service);
  /* The officer's choice, not what a half-typed date left of it */
  g_autofree char *previous = g_strdup (self->wanted_level ? self->wanted_level
                                                           : get_level (self));

  gtk_combo_box_text_remove_all (self->level_combo);
  /* Nothing is proposed: the level comes from the assessment */
  gtk_combo_box_text_append (self->level_combo, LEVEL_NONE,
                             /* Translators: in the level list before one is chosen */
                             _("Choose…"));
  for (guint i = 0; levels[i] != NULL; i++)
    {
      g_autofree char *text = anv_referral_level_label (self->service, levels[i]);

      gtk_combo_box_text_append (self->level_combo, levels[i], text);
    }
  if (self->service == ANV_SERVICE_KROM)
    {
      gtk_label_set_text_with_mnemonic (self->level_title, _("_Level"));
      set_accessible_name (GTK_WIDGET (self->level_combo), _("Level"));
    }
  else if (self->service == ANV_SERVICE_STOM)
    {
      /* Translators: spår, the level of Stöd och matchning */
      gtk_label_set_text_with_mnemonic (self->level_title, _("_Track"));
      set_accessible_name (GTK_WIDGET (self->level_combo), _("Track"));
    }

  /* Keep the officer's choice when it is still one of the offered */
  if (previous == NULL
      || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->level_combo), previous))
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->level_combo), LEVEL_NONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->level_combo),
                            self->service != ANV_SERVICE_NONE);
}

/* The service that applies on the date, and why the other one does not */
static void
update_service (AnvDecideDialog *self)
{
  g_autoptr (GError) error = NULL;
  AnvService service = ANV_SERVICE_NONE;
  gboolean dated;
  GDate date;

  dated = self->seeker != NULL && anv_date_entry_get_date (self->date, &date);
  if (dated)
    {
      service = anv_availability_service_on (get_db (self), self->seeker->municipality_code,
                                             &date, &error);
      if (error != NULL)
        {
          anv_referral_dialog_show_error (ANV_REFERRAL_DIALOG (self), error->message);
          service = ANV_SERVICE_NONE;
        }
    }

  if (!dated)
    {
      gtk_label_set_text (self->service_label, "—");
      gtk_label_set_text (self->why_label,
                          _("Type the decision date to see which service applies."));
    }
  else
    {
      /* Why the other service is not offered; or, with none, that none is */
      AnvService other = service == ANV_SERVICE_KROM ? ANV_SERVICE_STOM : ANV_SERVICE_KROM;
      g_autoptr (GError) why_error = NULL;
      g_autofree char *why = anv_referrals_explain_unavailable (get_db (self), other, service,
                                                                self->seeker->municipality_code,
                                                                self->seeker->municipality_name,
                                                                &date, &why_error);

      gtk_label_set_text (self->service_label, service == ANV_SERVICE_NONE
                                                 ? _("No matching service")
                                                 : anv_service_name (service));
      gtk_label_set_text (self->why_label, why ? why : why_error->message);
    }

  if (service != self->service)
    {
      self->service = service;
      self->updating = TRUE;
      gtk_combo_box_set_active (GTK_COMBO_BOX (self->level_combo), -1);
      fill_levels (self);
      self->updating = FALSE;
    }
}

static void
fill_providers (AnvDecideDialog *self)
{
  g_autoptr (GError) error = NULL;
  /* The officer's choice, not what a half-typed date left of it */
  g_autofree char *previous = g_strdup (self->wanted_orgnr
                                          ? self->wanted_orgnr
                                          : anv_provider_chooser_get_chosen_orgnr (
                                              self->provider_box));
  GDate date;

  self->updating = TRUE;
  if (self->seeker == NULL || self->service == ANV_SERVICE_NONE)
    anv_provider_chooser_clear (self->provider_box,
                                _("No service can be decided, so no provider can be chosen."));
  else if (!anv_date_entry_get_date (self->date, &date))
    anv_provider_chooser_clear (self->provider_box,
                                _("Type a valid date to see the approved providers."));
  else
    {
      if (!anv_provider_chooser_fill (self->provider_box, get_db (self), self->service,
                                      self->seeker->municipality_code,
                                      self->seeker->municipality_name, &date, NULL, TRUE,
                                      &error))
        anv_referral_dialog_show_error (ANV_REFERRAL_DIALOG (self), error->message);
      if (gtk_toggle_button_get_active (self->default_radio))
        anv_provider_chooser_choose (self->provider_box,
                                     anv_provider_chooser_get_default (self->provider_box));
      else
        anv_provider_chooser_choose (self->provider_box, previous);
    }
  self->updating = FALSE;
}

/* The planned start follows the decision until the officer moves it */
static void
update_planned_start (AnvDecideDialog *self)
{
  GDate decided, earliest, planned;

  if (!anv_date_entry_get_date (self->date, &decided))
    return;
  anv_referrals_earliest_start (&decided, &earliest);
  if (!self->planned_edited || !anv_date_entry_get_date (self->planned, &planned)
      || g_date_compare (&planned, &earliest) < 0)
    {
      self->updating = TRUE;
      anv_date_entry_set_date (self->planned, &earliest);
      self->planned_edited = FALSE;
      self->updating = FALSE;
    }
}

/* Checks the decision's date: a date, not after today. */
static gboolean
check_date (AnvDecideDialog  *self,
            GDate            *out,
            char            **problem)
{
  const char *message = NULL;
  g_autofree char *day_off = NULL;

  if (!anv_date_entry_get_date (self->date, out))
    /* Translators: YYYY-MM-DD is the form to type; keep the example a real date */
    message = _("Type the date as YYYY-MM-DD, for example 2020-04-06.");
  else if (g_date_compare (out, &self->today) > 0)
    message = _("The date cannot be after today: record an event on the day it happens.");

  anv_date_entry_set_error (self->date, message);
  /* A decision on a day off is allowed, but said, as the CLI does */
  if (message == NULL)
    day_off = anv_referrals_decision_warning (out);
  gtk_label_set_text (self->date_hint, message ? message : day_off ? day_off : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_hint), message != NULL || day_off != NULL);
  if (message != NULL)
    *problem = g_strdup (message);
  return message == NULL;
}

static gboolean
check_planned (AnvDecideDialog  *self,
               const GDate      *decided,
               GDate            *out,
               char            **problem)
{
  g_autofree char *message = NULL;
  g_autofree char *earliest_text = NULL;
  g_autofree char *hint = NULL;
  GDate earliest;

  anv_referrals_earliest_start (decided, &earliest);
  earliest_text = anv_date_format_long (&earliest);
  hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %1$s a date, %2$d a number of days */
                                       "%1$s at the earliest: %2$d working day after the "
                                       "decision. It can be moved later, not earlier.",
                                       "%1$s at the earliest: %2$d working days after the "
                                       "decision. It can be moved later, not earlier.",
                                       ANV_REFERRAL_MIN_WORKING_DAYS),
                          earliest_text, ANV_REFERRAL_MIN_WORKING_DAYS);

  if (!anv_date_entry_get_date (self->planned, out))
    message = g_strdup (_("Type the planned start as YYYY-MM-DD."));
  else if (g_date_compare (out, &earliest) < 0)
    message = anv_referral_dialog_describe_too_early (&earliest);

  anv_date_entry_set_error (self->planned, message);
  gtk_label_set_text (self->planned_hint, message ? message : hint);
  if (message != NULL)
    *problem = g_steal_pointer (&message);
  return *problem == NULL;
}

/* A decision before the choice: the last day to choose for a decision on
 * the date typed, as the core counts it; FALSE without a date or service. */
static gboolean
get_choice_deadline (AnvDecideDialog *self,
                     GDate           *out)
{
  GDate decided;

  return self->service != ANV_SERVICE_NONE && anv_date_entry_get_date (self->date, &decided)
         && anv_referrals_choice_deadline (get_db (self), self->service, &decided, out, NULL);
}

static gboolean
is_pending (AnvDecideDialog *self)
{
  return gtk_toggle_button_get_active (self->pending_radio);
}

/* "Decision without choice – waiting for the choice until D", with the
 * day of the date typed; and no provider to pick while it is chosen */
static void
update_pending (AnvDecideDialog *self)
{
  g_autofree char *label = NULL;
  GDate deadline;

  if (get_choice_deadline (self, &deadline))
    {
      g_autofree char *day = anv_date_format_long (&deadline);

      /* Translators: beslut utan val – väntar på val till D; %s is the last day to choose */
      label = g_strdup_printf (_("Decision _without choice – waiting for the choice until %s"),
                               day);
    }
  else
    label = g_strdup (_("Decision _without choice – waiting for the choice"));
  gtk_button_set_label (GTK_BUTTON (self->pending_radio), label);
  gtk_widget_set_sensitive (self->provider_row, !is_pending (self));
}

/* What will be saved, in a sentence; or NULL and in @problem what is missing */
static char *
anv_decide_dialog_confirm (AnvReferralDialog  *dialog,
                           char              **problem)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (dialog);
  g_autofree char *person = anv_referral_dialog_describe_person (self->seeker,
                                                                 self->personnummer);
  g_autofree char *level = NULL;
  g_autofree char *decided_text = NULL;
  g_autofree char *planned_text = NULL;
  AnvProviderRow *row;
  const char *level_id, *choice;
  GDate decided, planned;

  if (self->seeker == NULL)
    {
      *problem = g_strdup (_("The job seeker could not be read."));
      return NULL;
    }
  if (!check_date (self, &decided, problem))
    return NULL;
  if (self->service == ANV_SERVICE_NONE)
    {
      *problem = g_strdup (gtk_label_get_text (self->why_label));
      return NULL;
    }
  if (!check_planned (self, &decided, &planned, problem))
    return NULL;

  level_id = get_level (self);
  if (level_id == NULL)
    {
      *problem = g_strdup (self->service == ANV_SERVICE_KROM
                             ? _("Choose the level that the assessment tool gave.")
                             : _("Choose the track."));
      return NULL;
    }

  level = anv_referral_level_in_sentence (self->service, level_id);
  decided_text = anv_date_format_long (&decided);
  planned_text = anv_date_format_long (&planned);
  if (is_pending (self))
    {
      g_autofree char *deadline_text = NULL;
      GDate deadline;

      /* No provider approved there: no one to choose among, and no
       * default when the wait runs out (the core refuses it too) */
      if (anv_provider_chooser_get_default (self->provider_box) == NULL)
        {
          *problem = g_strdup (anv_provider_chooser_get_placeholder (self->provider_box));
          return NULL;
        }
      if (!get_choice_deadline (self, &deadline))
        {
          *problem = g_strdup (_("The last day to choose cannot be counted: there is no "
                                 "choice rule for the service."));
          return NULL;
        }
      deadline_text = anv_date_format_long (&deadline);
      return g_strdup_printf (
        /* Translators: "Refer 19850101-**** Anna Andersson to Rusta och matcha, level B,
         * without a provider yet: the job seeker may choose until September 15, 2020.
         * Decided on September 1, 2020, planned start September 15, 2020." */
        _("Refer %1$s to %2$s, %3$s, without a provider yet: the job seeker may choose until "
          "%4$s. Decided on %5$s, planned start %6$s."),
        person, anv_service_name (self->service), level, deadline_text, decided_text,
        planned_text);
    }

  row = anv_provider_chooser_get_chosen (self->provider_box);
  if (row == NULL)
    {
      if (gtk_toggle_button_get_active (self->default_radio))
        *problem = g_strdup (anv_provider_chooser_get_placeholder (self->provider_box));
      else
        *problem = g_strdup (_("Choose the provider that the job seeker chose."));
      return NULL;
    }

  if (gtk_toggle_button_get_active (self->default_radio))
    /* Translators: how the provider was chosen, inside a sentence */
    choice = _("no choice: the no-choice default");
  else if (anv_provider_row_get_outside_area (row))
    choice = _("the job seeker’s own choice outside the area");
  else
    choice = _("the job seeker’s choice");

  return g_strdup_printf (
    /* Translators: "Refer 19850101-**** Anna Andersson to Rusta och matcha, level B, with
     * Rusta Norr AB (no choice: the no-choice default). Decided on April 6, 2020, planned
     * start April 22, 2020." */
    _("Refer %1$s to %2$s, %3$s, with %4$s (%5$s). Decided on %6$s, planned start %7$s."),
    person, anv_service_name (self->service), level, anv_provider_row_get_name (row), choice,
    decided_text, planned_text);
}

/* When the date changes, so may the service, the providers, the start. */
static void
update_for_date (AnvDecideDialog *self)
{
  update_service (self);
  update_planned_start (self);
  fill_providers (self);
  update_pending (self);
  anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}

static gboolean
anv_decide_dialog_save (AnvReferralDialog  *dialog,
                        GError            **error)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (dialog);
  g_autoptr (AnvReferral) referral = NULL;
  gboolean no_choice = gtk_toggle_button_get_active (self->default_radio);
  gboolean pending = is_pending (self);
  AnvReferralInput input = { 0 };
  GDate date, planned;

  if (!anv_date_entry_get_date (self->date, &date)
      || !anv_date_entry_get_date (self->planned, &planned))
    g_return_val_if_reached (FALSE);

  input.personnummer = self->personnummer;
  input.service = self->service;
  input.provider_orgnr = pending ? NULL
                                 : anv_provider_chooser_get_chosen_orgnr (self->provider_box);
  input.level = get_level (self);
  input.choice = pending ? ANV_CHOICE_PENDING
                 : no_choice ? ANV_CHOICE_DEFAULT : ANV_CHOICE_OWN;
  input.outside_area = anv_provider_chooser_get_outside (self->provider_box) && !no_choice
                       && !pending;
  input.decided_on = &date;
  input.planned_start = &planned;
  referral = anv_referrals_decide (get_db (self), &input, &self->today, error);
  return referral != NULL;
}

/* What was saved, said in the window once the dialog has closed: in the
 * past tense, where the confirmation said what would be. */
static char *
anv_decide_dialog_describe_saved (AnvReferralDialog *dialog)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (dialog);
  g_autofree char *person = anv_referral_dialog_describe_person (self->seeker,
                                                                 self->personnummer);
  g_autofree char *planned = NULL;
  AnvProviderRow *row = anv_provider_chooser_get_chosen (self->provider_box);
  GDate planned_date;

  if (anv_date_entry_get_date (self->planned, &planned_date))
    planned = anv_date_format_long (&planned_date);
  if (is_pending (self))
    {
      g_autofree char *deadline_text = NULL;
      GDate deadline;

      if (get_choice_deadline (self, &deadline))
        deadline_text = anv_date_format_long (&deadline);
      /* Translators: "Referral saved: 19850101-**** Anna Andersson to Rusta och matcha,
       * waiting for the job seeker's choice until September 15, 2020, planned start
       * September 15, 2020." */
      return g_strdup_printf (_("Referral saved: %1$s to %2$s, waiting for the job seeker’s "
                                "choice until %3$s, planned start %4$s."),
                              person, anv_service_name (self->service),
                              deadline_text ? deadline_text : "—", planned ? planned : "—");
    }
  /* Translators: "Referral saved: 19850101-**** Anna Andersson to Rusta och
   * matcha with Rusta Norr AB, planned start April 22, 2020." */
  return g_strdup_printf (_("Referral saved: %1$s to %2$s with %3$s, planned start %4$s."),
                          person, anv_service_name (self->service),
                          row ? anv_provider_row_get_name (row) : "—",
                          planned ? planned : "—");
}

/* The titles, labels and names that are not in the template */
static void
set_up (AnvDecideDialog *self)
{
  /* Translators: the title of the dialog that decides a referral */
  gtk_window_set_title (GTK_WINDOW (self), _("Refer to a Matching Service"));
  gtk_label_set_text_with_mnemonic (self->date_title, _("_Decision date"));
  /* Translators: the button that decides the referral (Swedish: Anvisa) */
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Refer"));

  gtk_label_set_mnemonic_widget (self->date_title,
                                 GTK_WIDGET (anv_date_entry_get_entry (self->date)));
  gtk_label_set_mnemonic_widget (self->planned_title,
                                 GTK_WIDGET (anv_date_entry_get_entry (self->planned)));
  gtk_label_set_mnemonic_widget (self->provider_title,
                                 anv_provider_chooser_get_list (self->provider_box));
  anv_date_entry_set_accessible_name (self->date, _("Decision date"));
  anv_date_entry_set_accessible_name (self->planned, _("Planned start"));
  anv_date_entry_set_fallback (self->date, &self->today);
  anv_date_entry_set_fallback (self->planned, &self->today);
  set_accessible_name (GTK_WIDGET (self->own_radio), _("The job seeker chose (kundval)"));
  set_accessible_name (GTK_WIDGET (self->default_radio),
                       _("No choice: the no-choice default (ickevalsalternativ)"));
  set_accessible_name (GTK_WIDGET (self->pending_radio),
                       _("Decision without choice: waiting for the job seeker’s choice"));
}


/*
 * Callbacks
 */

static void
date_changed_cb (AnvDateEntry    *entry,
                 AnvDecideDialog *self)
{
  update_for_date (self);
}

static void
planned_changed_cb (AnvDateEntry    *entry,
                    AnvDecideDialog *self)
{
  if (!self->updating)
    self->planned_edited = TRUE;
  anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}

static void
level_combo_changed_cb (GtkComboBox     *combo,
                        AnvDecideDialog *self)
{
  if (self->updating)
    return;
  g_free (self->wanted_level);
  self->wanted_level = g_strdup (gtk_combo_box_get_active_id (combo));
  anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}

static void
choice_toggled_cb (GtkToggleButton *button,
                   AnvDecideDialog *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  update_pending (self);
  /* No choice: the no-choice default, as the core proposes */
  if (button == self->default_radio && !self->updating)
    {
      g_clear_pointer (&self->wanted_orgnr, g_free);
      self->updating = TRUE;
      anv_provider_chooser_choose (self->provider_box,
                                   anv_provider_chooser_get_default (self->provider_box));
      self->updating = FALSE;
    }
  anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}

/* The officer chose a provider (Space, Enter or a click) */
static void
provider_chosen_cb (AnvProviderChooser *chooser,
                    AnvProviderRow     *row,
                    AnvDecideDialog    *self)
{
  if (self->updating)
    return;
  g_free (self->wanted_orgnr);
  self->wanted_orgnr = g_strdup (anv_provider_row_get_orgnr (row));

  /* Picking another provider than the proposed one is the job seeker's choice */
  if (g_strcmp0 (anv_provider_row_get_orgnr (row),
                 anv_provider_chooser_get_default (chooser)) != 0
      && gtk_toggle_button_get_active (self->default_radio))
    {
      self->updating = TRUE;
      gtk_toggle_button_set_active (self->own_radio, TRUE);
      self->updating = FALSE;
    }
  anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}

static void
outside_toggled_cb (AnvProviderChooser *chooser,
                    AnvDecideDialog    *self)
{
  gboolean outside = anv_provider_chooser_get_outside (chooser);

  /* Outside the area is always the job seeker's own choice */
  self->updating = TRUE;
  if (outside)
    gtk_toggle_button_set_active (self->own_radio, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_radio), !outside);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pending_radio), !outside);
  self->updating = FALSE;
  fill_providers (self);
  anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}

/* This or another window or process saved: the lists follow, what is
 * typed stays. */
static void
context_changed_cb (AnvContext      *context,
                    AnvDecideDialog *self)
{
  if (!anv_referral_dialog_is_saving (ANV_REFERRAL_DIALOG (self)))
    update_for_date (self);
}

/* Midnight passed: a date that was in the future may be today now */
static void
today_changed_cb (AnvContext      *context,
                  GParamSpec      *pspec,
                  AnvDecideDialog *self)
{
  anv_context_get_today (context, &self->today);
  anv_date_entry_set_fallback (self->date, &self->today);
  anv_date_entry_set_fallback (self->planned, &self->today);
  anv_referral_dialog_update_state (ANV_REFERRAL_DIALOG (self));
}


/*
 * AnvReferralDialog interface
 */

static AnvReferralDialogKind
anv_decide_dialog_get_kind (AnvReferralDialog *dialog)
{
  return ANV_REFERRAL_DIALOG_DECIDE;
}

static const char *
anv_decide_dialog_get_provider (AnvReferralDialog *dialog)
{
  return anv_provider_chooser_get_chosen_orgnr (ANV_DECIDE_DIALOG (dialog)->provider_box);
}

static void
anv_decide_dialog_iface_init (AnvReferralDialogInterface *iface)
{
  iface->get_kind = anv_decide_dialog_get_kind;
  iface->get_provider = anv_decide_dialog_get_provider;
  iface->confirm = anv_decide_dialog_confirm;
  iface->save = anv_decide_dialog_save;
  iface->describe_saved = anv_decide_dialog_describe_saved;
}


/*
 * GObject overrides
 */

static void
anv_decide_dialog_constructed (GObject *object)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (object);

  G_OBJECT_CLASS (anv_decide_dialog_parent_class)->constructed (object);

  g_return_if_fail (ANV_IS_CONTEXT (self->context));
  g_return_if_fail (self->personnummer != NULL);

  anv_context_get_today (self->context, &self->today);
  anv_referral_dialog_set_up_form (ANV_REFERRAL_DIALOG (self), self->info_bar, self->error_label,
                                   self->confirm_label, self->confirm_icon, self->save_button);
  set_up (self);
  load_person (self);
  show_person (self);

  /* Today by default; the entry's ::changed fills in what follows from it */
  anv_date_entry_set_date (self->date, &self->today);

  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self, 0);
  g_signal_connect_object (self->context, "notify::today", G_CALLBACK (today_changed_cb), self,
                           0);
  gtk_widget_grab_focus (GTK_WIDGET (self->level_combo));
}

static void
anv_decide_dialog_dispose (GObject *object)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_decide_dialog_parent_class)->dispose (object);
}

static void
anv_decide_dialog_finalize (GObject *object)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (object);

  g_clear_pointer (&self->personnummer, g_free);
  g_clear_pointer (&self->seeker, anv_seeker_free);
  g_clear_pointer (&self->wanted_orgnr, g_free);
  g_clear_pointer (&self->wanted_level, g_free);

  G_OBJECT_CLASS (anv_decide_dialog_parent_class)->finalize (object);
}

static void
anv_decide_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PERSONNUMMER:
      g_value_set_string (value, self->personnummer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_decide_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvDecideDialog *self = ANV_DECIDE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_PERSONNUMMER:
      self->personnummer = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_decide_dialog_class_init (AnvDecideDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_decide_dialog_constructed;
  object_class->dispose = anv_decide_dialog_dispose;
  object_class->finalize = anv_decide_dialog_finalize;
  object_class->get_property = anv_decide_dialog_get_property;
  object_class->set_property = anv_decide_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", "Context", "What the window's pages share",
                         ANV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONNUMMER] =
    g_param_spec_string ("personnummer", "Personnummer", "The job seeker, 12 digits", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANV_TYPE_DATE_ENTRY);
  g_type_ensure (ANV_TYPE_PROVIDER_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-decide-dialog.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, info_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, person_label);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, date_title);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, date);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, date_hint);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, service_label);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, why_label);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, level_title);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, level_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, own_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, default_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, pending_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, provider_title);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, provider_box);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, planned_title);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, planned);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, planned_hint);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, confirm_icon);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, AnvDecideDialog, save_button);

  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, planned_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, level_combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, outside_toggled_cb);
}

static void
anv_decide_dialog_init (AnvDecideDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_info_bar_name_close_button (self->info_bar);
  anv_dialog_keep_until_idle (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
anv_decide_dialog_new (GtkWindow  *parent,
                       AnvContext *context,
                       const char *personnummer)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (personnummer != NULL, NULL);

  return g_object_new (ANV_TYPE_DECIDE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "use-header-bar", TRUE,
                       "context", context,
                       "personnummer", personnummer,
                       NULL);
}
