/* anv-referral-dialog.c — deciding a referral, and the later events of one
 *
 * The dialog asks the core for everything a rule decides (which service
 * applies, which providers are approved, the nearest one, the earliest
 * start) and saves through anv-referrals.h, which checks every rule again;
 * what the core refuses is shown in the dialog, with nothing typed lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-availability.h"
#include "anv-date.h"
#include "anv-dialog.h"
#include "anv-end-reasons.h"
#include "anv-orgnr.h"
#include "anv-personnummer.h"
#include "anv-providers.h"
#include "anv-referral-dialog.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

struct _AnvReferralDialog
{
  GtkDialog              parent_instance;

  /* Template widgets */
  GtkInfoBar            *info_bar;
  GtkLabel              *error_label;
  GtkLabel              *person_label;
  GtkWidget             *referral_title;
  GtkLabel              *referral_label;
  GtkLabel              *date_title;
  GtkEntry              *date_entry;
  GtkCalendar           *date_calendar;
  GtkLabel              *date_hint;
  GtkWidget             *service_title;
  GtkWidget             *service_box;
  GtkLabel              *service_label;
  GtkLabel              *why_label;
  GtkLabel              *level_title;
  GtkComboBoxText       *level_combo;
  GtkWidget             *choice_title;
  GtkWidget             *choice_box;
  GtkToggleButton       *own_radio;
  GtkToggleButton       *default_radio;
  GtkWidget             *provider_title;
  GtkWidget             *provider_box;
  GtkListBox            *provider_list;
  GtkLabel              *provider_placeholder;
  GtkToggleButton       *outside_check;
  GtkWidget             *outside_box;
  GtkLabel              *outside_label;
  GtkWidget             *planned_title;
  GtkWidget             *planned_box;
  GtkEntry              *planned_entry;
  GtkCalendar           *planned_calendar;
  GtkLabel              *planned_hint;
  GtkLabel              *reason_title;
  GtkWidget             *reason_box;
  GtkWidget             *result_box;
  GtkWidget             *interruption_box;
  GtkImage              *confirm_icon;
  GtkLabel              *confirm_label;
  GtkWidget             *save_button;

  AnvDb                 *db;
  char                  *personnummer;
  AnvReferralDialogKind  kind;

  GDate                  today;
  AnvSeeker             *seeker;          /* NULL if it could not be read */
  AnvReferral           *referral;        /* the open referral, for the later events */
  AnvService             service;         /* decision: the one that applies on the date */
  char                  *nearest_orgnr;   /* decision: the no-choice default */
  char                  *wanted_orgnr;    /* the provider the officer last chose, kept
                                           * while the list is filled anew */
  char                  *wanted_level;    /* the level or track the officer last chose */
  GtkWidget             *chosen_row;      /* the provider chosen, or NULL: not the
                                           * focused row, which only moves the focus */
  char                  *saved_message;   /* what was saved, once it is */
  GtkWidget             *no_reason_radio; /* end: the hidden member of the reasons' group */

  gboolean               updating;        /* set while the code changes widgets */
  gboolean               saving;
  gboolean               planned_edited;  /* the officer moved the planned start */
  gboolean               save_failed;     /* the info bar says why the last save failed */
};

G_DEFINE_FINAL_TYPE (AnvReferralDialog, anv_referral_dialog, GTK_TYPE_DIALOG)

enum
{
  PROP_0,
  PROP_DB,
  PROP_PERSONNUMMER,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

#define DATA_ORGNR   "anv-orgnr"
#define DATA_NAME    "anv-name"
#define DATA_OUTSIDE "anv-outside-area"
#define DATA_REASON  "anv-reason"
#define DATA_CHECK   "anv-check"
#define DATA_ACCESSIBLE "anv-accessible-name"

/* The level list's first row, "Choose…" */
#define LEVEL_NONE   "none"


/*
 * Auxiliary methods
 */

/* Said beside the start or the planned start when it comes too soon. */
static char *
describe_too_early (const GDate *earliest)
{
  g_autofree char *earliest_text = anv_date_format_long (earliest);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %1$s a date, %2$d a number */
                                       "The start cannot be earlier than %1$s, %2$d "
                                       "working day after the decision.",
                                       "The start cannot be earlier than %1$s, %2$d "
                                       "working days after the decision.",
                                       ANV_REFERRAL_MIN_WORKING_DAYS),
                          earliest_text, ANV_REFERRAL_MIN_WORKING_DAYS);
}

static void
set_accessible_name (GtkWidget  *widget,
                     const char *name)
{
  atk_object_set_name (gtk_widget_get_accessible (widget), name);
}

/* "level B" or "track 2", inside a sentence. */
static char *
describe_level (AnvService  service,
                const char *level)
{
  if (service == ANV_SERVICE_KROM)
    /* Translators: a level of Rusta och matcha (A, B or C), inside a sentence */
    return g_strdup_printf (_("level %s"), level);
  /* Translators: a track of Stöd och matchning (1–4), inside a sentence */
  return g_strdup_printf (_("track %s"), level);
}

/* The chosen level ("A"–"C", "1"–"4"), or NULL. */
static const char *
get_level (AnvReferralDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo));

  return g_strcmp0 (id, LEVEL_NONE) == 0 ? NULL : id;
}

static gboolean
read_date (GtkEntry *entry,
           GDate    *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  return anv_date_parse (text, out, NULL);
}

static void
write_date (GtkEntry    *entry,
            const GDate *date)
{
  char day[11];

  anv_date_format (date, day);
  gtk_entry_set_text (entry, day);
}

/* An in-field error: an icon with the message as its tooltip. */
static void
set_field_error (GtkEntry   *entry,
                 const char *message)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (entry));

  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY,
                                     message ? "dialog-error-symbolic" : NULL);
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, message);
  if (message)
    gtk_style_context_add_class (context, GTK_STYLE_CLASS_ERROR);
  else
    gtk_style_context_remove_class (context, GTK_STYLE_CLASS_ERROR);
}

static void
show_error (AnvReferralDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_show (GTK_WIDGET (self->info_bar));
}

static void
hide_error (AnvReferralDialog *self)
{
  self->save_failed = FALSE;
  gtk_widget_hide (GTK_WIDGET (self->info_bar));
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

/* The person, as every kind of the dialog names them. */
static char *
describe_person (AnvReferralDialog *self)
{
  g_autofree char *masked = NULL;

  if (self->seeker == NULL)
    return anv_personnummer_format_masked (self->personnummer);
  masked = anv_personnummer_format_masked (self->seeker->personnummer);
  /* Translators: masked personnummer and name, e.g. "19850101-**** Anna Andersson" */
  return g_strdup_printf (_("%1$s %2$s"), masked, self->seeker->name);
}

/* The provider chosen. The list selects nothing itself: GTK's selection
 * follows the keyboard focus, and Tab through the list is not a choice.
 * A row is chosen by Space, Enter or a click (::row-activated), or by the
 * code (the proposed one). */
static GtkWidget *
get_selected_row (AnvReferralDialog *self)
{
  return self->chosen_row;
}

static void
show_row_chosen (GtkWidget *row,
                 gboolean   chosen)
{
  const char *name = g_object_get_data (G_OBJECT (row), DATA_ACCESSIBLE);

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), DATA_CHECK), chosen);
  if (chosen)
    {
      /* Translators: after a provider's name and details in the list,
       * for a screen reader: the one chosen */
      g_autofree char *text = g_strdup_printf (_("%s, chosen"), name);

      gtk_widget_set_state_flags (row, GTK_STATE_FLAG_SELECTED, FALSE);
      set_accessible_name (row, text);
    }
  else
    {
      gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_SELECTED);
      set_accessible_name (row, name);
    }
}

static void
choose_row (AnvReferralDialog *self,
            GtkWidget         *row)
{
  if (row == self->chosen_row)
    return;
  if (self->chosen_row != NULL)
    show_row_chosen (self->chosen_row, FALSE);
  self->chosen_row = row;
  if (row != NULL)
    show_row_chosen (row, TRUE);
}

static const char *
get_selected_orgnr (AnvReferralDialog *self)
{
  GtkWidget *row = get_selected_row (self);

  return row ? g_object_get_data (G_OBJECT (row), DATA_ORGNR) : NULL;
}

static GtkWidget *
get_selected_reason (AnvReferralDialog *self)
{
  GtkWidget *boxes[] = { self->result_box, self->interruption_box };

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (boxes[i]));

      for (GList *l = children; l != NULL; l = l->next)
        if (GTK_IS_RADIO_BUTTON (l->data)
            && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (l->data)))
          return l->data;
    }
  return NULL;
}

/* The open referral's earliest start: ten working days after its decision */
static gboolean
get_earliest_start (AnvReferralDialog *self,
                    GDate             *out)
{
  GDate decided;

  if (self->referral == NULL || !anv_date_parse (self->referral->decided_on, &decided, NULL))
    return FALSE;
  anv_referrals_earliest_start (&decided, out);
  return TRUE;
}

/* Reading the person and their open referral */

static void
load_person (AnvReferralDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) referrals = NULL;

  g_clear_pointer (&self->seeker, anv_seeker_free);
  g_clear_pointer (&self->referral, anv_referral_free);

  self->seeker = anv_seekers_get (self->db, self->personnummer, &self->today, &error);
  if (self->seeker == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (self->kind == ANV_REFERRAL_DIALOG_DECIDE)
    return;

  referrals = anv_referrals_for_seeker (self->db, self->personnummer, &self->today, &error);
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
show_person (AnvReferralDialog *self)
{
  g_autofree char *person = describe_person (self);
  GtkWidget *header_bar = gtk_dialog_get_header_bar (GTK_DIALOG (self));

  if (self->seeker != NULL)
    {
      /* Translators: the person and where they live, e.g.
       * "19850101-**** Anna Andersson, Umeå" */
      g_autofree char *text = g_strdup_printf (_("%1$s, %2$s"), person,
                                               self->seeker->municipality_name);

      gtk_label_set_text (self->person_label, text);
    }
  else
    gtk_label_set_text (self->person_label, person);

  if (GTK_IS_HEADER_BAR (header_bar))
    gtk_header_bar_set_subtitle (GTK_HEADER_BAR (header_bar), person);
}

static void
show_referral (AnvReferralDialog *self)
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

  provider = anv_referral_current_provider (self->referral);
  level = describe_level (self->referral->service, self->referral->level);
  decided = anv_date_format_long_iso (self->referral->decided_on);
  planned = anv_date_format_long_iso (self->referral->planned_start);

  /* Translators: e.g. "Rusta och matcha, level B" */
  g_string_append_printf (text, _("%1$s, %2$s"), anv_service_name (self->referral->service),
                          level);
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
  gtk_label_set_text (self->referral_label, text->str);
}

/* The service (decision) */

/* Why the other service is not offered there and then: derived from the
 * periods of availability, so the line follows the data. */
static char *
explain_other_service (AnvReferralDialog *self,
                       AnvService         applies,
                       const GDate       *date)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) periods = NULL;
  AnvService other = applies == ANV_SERVICE_KROM ? ANV_SERVICE_STOM : ANV_SERVICE_KROM;
  const char *municipality = self->seeker->municipality_name;
  const char *ended = NULL, *starts = NULL;
  char day[11];

  periods = anv_availability_list (self->db, self->seeker->municipality_code, &error);
  if (periods == NULL)
    return g_strdup (error->message);

  anv_date_format (date, day);
  for (guint i = 0; i < periods->len; i++)
    {
      AnvAvailability *a = g_ptr_array_index (periods, i);

      if (a->service != other)
        continue;
      if (a->valid_to != NULL && strcmp (a->valid_to, day) < 0)
        ended = a->valid_to;
      else if (starts == NULL && strcmp (a->valid_from, day) > 0)
        starts = a->valid_from;
    }

  if (ended != NULL)
    {
      GDate since;
      g_autofree char *since_text = NULL;

      anv_date_parse (ended, &since, NULL);
      g_date_add_days (&since, 1);
      since_text = anv_date_format_long (&since);
      /* Translators: "Stöd och matchning is not offered in Umeå since March 30, 2020";
       * Swedish: "Stöd och matchning finns inte i Umeå sedan 30 mars 2020" */
      return g_strdup_printf (_("%1$s is not offered in %2$s since %3$s"),
                              anv_service_name (other), municipality, since_text);
    }
  if (starts != NULL)
    {
      g_autofree char *starts_text = anv_date_format_long_iso (starts);

      /* Translators: "Rusta och matcha is not offered in Stockholm before
       * December 7, 2021" */
      return g_strdup_printf (_("%1$s is not offered in %2$s before %3$s"),
                              anv_service_name (other), municipality, starts_text);
    }
  /* Translators: "Rusta och matcha is not offered in Stockholm" */
  return g_strdup_printf (_("%1$s is not offered in %2$s"), anv_service_name (other),
                          municipality);
}

static void
fill_levels (AnvReferralDialog *self)
{
  static const char *const tracks[] = {
    /* Translators: the four tracks (spår) of Stöd och matchning */
    N_("Track 1: Basic"),
    N_("Track 2: Basic with language support"),
    N_("Track 3: Enhanced"),
    N_("Track 4: Enhanced with language support"),
  };
  /* The officer's choice, not what a half-typed date left of it */
  g_autofree char *previous = g_strdup (self->wanted_level ? self->wanted_level
                                                           : get_level (self));

  gtk_combo_box_text_remove_all (self->level_combo);
  /* Nothing is proposed: the level comes from the assessment */
  gtk_combo_box_text_append (self->level_combo, LEVEL_NONE,
                             /* Translators: in the level list before one is chosen */
                             _("Choose…"));
  if (self->service == ANV_SERVICE_KROM)
    {
      const char *levels[] = { "A", "B", "C" };

      for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
        {
          /* Translators: a level of Rusta och matcha, A–C */
          g_autofree char *text = g_strdup_printf (_("Level %s"), levels[i]);

          gtk_combo_box_text_append (self->level_combo, levels[i], text);
        }
      gtk_label_set_text_with_mnemonic (self->level_title, _("_Level"));
      set_accessible_name (GTK_WIDGET (self->level_combo), _("Level"));
    }
  else if (self->service == ANV_SERVICE_STOM)
    {
      for (guint i = 0; i < G_N_ELEMENTS (tracks); i++)
        {
          char id[2] = { (char) ('1' + i), '\0' };

          gtk_combo_box_text_append (self->level_combo, id, _(tracks[i]));
        }
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

static void
update_service (AnvReferralDialog *self)
{
  g_autoptr (GError) error = NULL;
  AnvService service = ANV_SERVICE_NONE;
  GDate date;

  if (self->seeker != NULL && read_date (self->date_entry, &date))
    {
      service = anv_availability_service_on (self->db, self->seeker->municipality_code, &date,
                                             &error);
      if (error != NULL)
        {
          show_error (self, error->message);
          service = ANV_SERVICE_NONE;
        }
    }

  if (self->seeker == NULL || !read_date (self->date_entry, &date))
    {
      gtk_label_set_text (self->service_label, "—");
      gtk_label_set_text (self->why_label,
                          _("Type the decision date to see which service applies."));
    }
  else if (service == ANV_SERVICE_NONE)
    {
      g_autofree char *day = anv_date_format_long (&date);
      g_autofree char *why = g_strdup_printf (
        /* Translators: %1$s municipality, %2$s date */
        _("No matching service can be decided in %1$s on %2$s."),
        self->seeker->municipality_name, day);

      gtk_label_set_text (self->service_label, _("No matching service"));
      gtk_label_set_text (self->why_label, why);
    }
  else
    {
      g_autofree char *why = explain_other_service (self, service, &date);

      gtk_label_set_text (self->service_label, anv_service_name (service));
      gtk_label_set_text (self->why_label, why);
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

/* The providers (decision, change of provider) */

static GtkWidget *
create_provider_row (const AnvProvider *provider,
                     gboolean           nearest,
                     gboolean           current,
                     gboolean           outside)
{
  GtkWidget *row, *box, *texts, *name, *detail;
  g_autofree char *orgnr = anv_orgnr_format (provider->orgnr);
  g_autofree char *details = g_strdup_printf ("%s · %s", orgnr,
                                              provider->municipality_name
                                                ? provider->municipality_name : "");
  g_autoptr (GString) accessible = g_string_new (provider->name);
  const char *tag = NULL, *icon = NULL;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), DATA_ORGNR, g_strdup (provider->orgnr), g_free);
  g_object_set_data_full (G_OBJECT (row), DATA_NAME, g_strdup (provider->name), g_free);
  g_object_set_data (G_OBJECT (row), DATA_OUTSIDE, GINT_TO_POINTER (outside));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 6, "margin-bottom", 6,
                NULL);

  /* The mark of the chosen one, in a place of its own so rows stay aligned */
  {
    GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic",
                                                     GTK_ICON_SIZE_BUTTON);

    gtk_widget_set_size_request (slot, 16, -1);
    gtk_widget_set_valign (slot, GTK_ALIGN_CENTER);
    gtk_widget_set_no_show_all (check, TRUE);
    gtk_container_add (GTK_CONTAINER (slot), check);
    gtk_container_add (GTK_CONTAINER (box), slot);
    g_object_set_data (G_OBJECT (row), DATA_CHECK, check);
  }
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);

  name = gtk_label_new (provider->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_line_wrap (GTK_LABEL (name), TRUE);
  detail = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (detail), GTK_STYLE_CLASS_DIM_LABEL);
  gtk_container_add (GTK_CONTAINER (texts), name);
  gtk_container_add (GTK_CONTAINER (texts), detail);
  gtk_container_add (GTK_CONTAINER (box), texts);

  if (current)
    {
      /* Translators: marks the provider the referral has now */
      tag = _("Current provider");
      icon = "object-select-symbolic";
    }
  else if (outside)
    {
      /* Translators: marks a provider not approved where the job seeker lives */
      tag = _("Outside the area");
      icon = "dialog-warning-symbolic";
    }
  else if (nearest)
    {
      /* Translators: marks the no-choice default (ickevalsalternativ) */
      tag = _("Nearest (no-choice default)");
      icon = "mark-location-symbolic";
    }
  if (tag != NULL)
    {
      GtkWidget *tag_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *tag_label = gtk_label_new (tag);

      gtk_widget_set_valign (tag_box, GTK_ALIGN_CENTER);
      gtk_container_add (GTK_CONTAINER (tag_box),
                         gtk_image_new_from_icon_name (icon, GTK_ICON_SIZE_MENU));
      gtk_container_add (GTK_CONTAINER (tag_box), tag_label);
      if (!outside)
        gtk_style_context_add_class (gtk_widget_get_style_context (tag_label),
                                     GTK_STYLE_CLASS_DIM_LABEL);
      gtk_container_add (GTK_CONTAINER (box), tag_box);
      g_string_append_printf (accessible, ", %s", tag);
    }
  g_string_append_printf (accessible, ", %s", details);

  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_show_all (row);
  set_accessible_name (row, accessible->str);
  g_object_set_data_full (G_OBJECT (row), DATA_ACCESSIBLE,
                          g_string_free (g_steal_pointer (&accessible), FALSE), g_free);

  if (current)
    {
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  return row;
}

/* The active providers approved for @service anywhere on @date, by name:
 * what the job seeker may choose outside the area (the core decides, on
 * saving, whether the choice holds). */
static GPtrArray *
list_approved_anywhere (AnvReferralDialog  *self,
                        AnvService          service,
                        const GDate        *date,
                        GError            **error)
{
  g_autoptr (GPtrArray) approvals = anv_approvals_list (self->db, error);
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GHashTable) approved = NULL;
  GPtrArray *result;
  char day[11];

  if (approvals == NULL)
    return NULL;
  providers = anv_providers_list (self->db, error);
  if (providers == NULL)
    return NULL;

  anv_date_format (date, day);
  approved = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < approvals->len; i++)
    {
      AnvApproval *a = g_ptr_array_index (approvals, i);

      if (a->service == service && strcmp (a->valid_from, day) <= 0
          && (a->valid_to == NULL || strcmp (a->valid_to, day) >= 0))
        g_hash_table_add (approved, a->orgnr);
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_provider_free);
  for (guint i = 0; i < providers->len; i++)
    {
      AnvProvider *p = g_ptr_array_index (providers, i);

      if (p->active && g_hash_table_contains (approved, p->orgnr))
        g_ptr_array_add (result, g_ptr_array_steal_index (providers, i--));
    }
  return result;
}

static gboolean
contains_orgnr (GPtrArray  *providers,
                const char *orgnr)
{
  for (guint i = 0; providers != NULL && i < providers->len; i++)
    if (g_strcmp0 (((AnvProvider *) g_ptr_array_index (providers, i))->orgnr, orgnr) == 0)
      return TRUE;
  return FALSE;
}

static void
select_orgnr (AnvReferralDialog *self,
              const char        *orgnr)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->provider_list));

  for (GList *l = rows; l != NULL; l = l->next)
    if (orgnr != NULL
        && g_strcmp0 (g_object_get_data (G_OBJECT (l->data), DATA_ORGNR), orgnr) == 0
        && gtk_list_box_row_get_activatable (l->data))
      {
        choose_row (self, l->data);
        return;
      }
  choose_row (self, NULL);
}

static void
clear_providers (AnvReferralDialog *self)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->provider_list));

  self->chosen_row = NULL;
  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

static void
fill_providers (AnvReferralDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (GPtrArray) anywhere = NULL;
  g_autoptr (AnvProvider) nearest = NULL;
  /* The officer's choice, not what a half-typed date left of it */
  g_autofree char *previous = g_strdup (self->wanted_orgnr ? self->wanted_orgnr
                                                           : get_selected_orgnr (self));
  gboolean outside = gtk_toggle_button_get_active (self->outside_check);
  const AnvReferralProvider *current = NULL;
  const char *municipality_code = NULL, *municipality_name = NULL;
  AnvService service = ANV_SERVICE_NONE;
  GDate date;

  self->updating = TRUE;
  clear_providers (self);
  g_clear_pointer (&self->nearest_orgnr, g_free);

  if (self->kind == ANV_REFERRAL_DIALOG_DECIDE && self->seeker != NULL)
    {
      service = self->service;
      municipality_code = self->seeker->municipality_code;
      municipality_name = self->seeker->municipality_name;
    }
  else if (self->kind == ANV_REFERRAL_DIALOG_CHANGE_PROVIDER && self->referral != NULL)
    {
      service = self->referral->service;
      municipality_code = self->referral->municipality_code;
      municipality_name = self->referral->municipality_name;
      current = anv_referral_current_provider (self->referral);
    }

  if (service == ANV_SERVICE_NONE || !read_date (self->date_entry, &date))
    {
      gtk_label_set_text (self->provider_placeholder,
                          service == ANV_SERVICE_NONE && self->kind == ANV_REFERRAL_DIALOG_DECIDE
                            ? _("No service can be decided, so no provider can be chosen.")
                            : _("Type a valid date to see the approved providers."));
      self->updating = FALSE;
      return;
    }

  local = anv_providers_approved_for (self->db, service, municipality_code, &date, &error);
  if (local == NULL)
    {
      show_error (self, error->message);
      self->updating = FALSE;
      return;
    }
  if (self->kind == ANV_REFERRAL_DIALOG_DECIDE && local->len > 0)
    {
      nearest = anv_providers_propose_nearest (self->db, service, municipality_code, &date,
                                               NULL);
      if (nearest != NULL)
        self->nearest_orgnr = g_strdup (nearest->orgnr);
    }

  /* The nearest first, then the others approved there, then — on the
   * job seeker's own choice — those approved only elsewhere. */
  if (nearest != NULL)
    gtk_container_add (GTK_CONTAINER (self->provider_list),
                       create_provider_row (nearest, TRUE, FALSE, FALSE));
  for (guint i = 0; i < local->len; i++)
    {
      AnvProvider *p = g_ptr_array_index (local, i);

      if (g_strcmp0 (p->orgnr, self->nearest_orgnr) == 0)
        continue;
      gtk_container_add (GTK_CONTAINER (self->provider_list),
                         create_provider_row (p, FALSE,
                                              current && g_strcmp0 (current->orgnr, p->orgnr) == 0,
                                              FALSE));
    }
  if (outside)
    {
      anywhere = list_approved_anywhere (self, service, &date, &error);
      if (anywhere == NULL)
        show_error (self, error->message);
      for (guint i = 0; anywhere != NULL && i < anywhere->len; i++)
        {
          AnvProvider *p = g_ptr_array_index (anywhere, i);

          if (contains_orgnr (local, p->orgnr))
            continue;
          gtk_container_add (GTK_CONTAINER (self->provider_list),
                             create_provider_row (p, FALSE,
                                                  current
                                                  && g_strcmp0 (current->orgnr, p->orgnr) == 0,
                                                  TRUE));
        }
    }

  {
    g_autofree char *day = anv_date_format_long (&date);
    g_autofree char *empty = g_strdup_printf (
      /* Translators: %1$s service, %2$s municipality, %3$s date */
      _("No provider is approved for %1$s in %2$s on %3$s."),
      anv_service_name (service), municipality_name, day);

    gtk_label_set_text (self->provider_placeholder, empty);
  }

  if (self->kind == ANV_REFERRAL_DIALOG_DECIDE
      && gtk_toggle_button_get_active (self->default_radio))
    select_orgnr (self, self->nearest_orgnr);
  else
    select_orgnr (self, previous);
  self->updating = FALSE;
}

/* The planned start (decision) */

static void
update_planned_start (AnvReferralDialog *self)
{
  GDate decided, earliest, planned;

  if (!read_date (self->date_entry, &decided))
    return;
  anv_referrals_earliest_start (&decided, &earliest);
  if (!self->planned_edited || !read_date (self->planned_entry, &planned)
      || g_date_compare (&planned, &earliest) < 0)
    {
      self->updating = TRUE;
      write_date (self->planned_entry, &earliest);
      self->planned_edited = FALSE;
      self->updating = FALSE;
    }
}

/* The end reasons (end): results and interruptions apart */

static void reason_toggled_cb (GtkToggleButton   *button,
                               AnvReferralDialog *self);

static void
fill_reasons (AnvReferralDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) reasons = anv_end_reasons_list (self->db, FALSE, &error);
  GtkWidget *first = NULL;

  if (reasons == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* A group with nothing chosen: the reason is never proposed. */
  self->no_reason_radio = g_object_ref_sink (gtk_radio_button_new (NULL));

  for (guint i = 0; i < reasons->len; i++)
    {
      AnvEndReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *radio;

      radio = gtk_radio_button_new_with_label_from_widget (
        GTK_RADIO_BUTTON (self->no_reason_radio), anv_end_reason_label (reason));
      g_object_set_data_full (G_OBJECT (radio), DATA_REASON, g_strdup (reason->code), g_free);
      g_signal_connect_object (radio, "toggled", G_CALLBACK (reason_toggled_cb), self, 0);
      gtk_widget_show (radio);
      gtk_container_add (GTK_CONTAINER (reason->kind == ANV_END_KIND_RESULT
                                          ? self->result_box : self->interruption_box),
                         radio);
      if (first == NULL)
        first = radio;
    }
  if (first != NULL)
    gtk_label_set_mnemonic_widget (self->reason_title, first);

  set_accessible_name (self->result_box, _("Results"));
  set_accessible_name (self->interruption_box, _("Interruptions"));
}

/* Checking what is typed and saying what will be saved */

/* Checks the event's date: a date, not after today. */
static gboolean
check_date (AnvReferralDialog *self,
            GDate             *out,
            char             **problem)
{
  const char *message = NULL;

  g_autofree char *too_early = NULL;
  GDate earliest;

  if (!read_date (self->date_entry, out))
    /* Translators: YYYY-MM-DD is the form to type; keep the example a real date */
    message = _("Type the date as YYYY-MM-DD, for example 2020-04-06.");
  else if (g_date_compare (out, &self->today) > 0)
    message = _("The date cannot be after today: record an event on the day it happens.");
  else if (self->kind == ANV_REFERRAL_DIALOG_START && get_earliest_start (self, &earliest)
           && g_date_compare (out, &earliest) < 0)
    {
      /* The core refuses it too; said here before Save, beside the field */
      too_early = describe_too_early (&earliest);
      message = too_early;
    }

  set_field_error (self->date_entry, message);
  if (self->kind == ANV_REFERRAL_DIALOG_START && self->referral != NULL)
    {
      /* The start: the planned date beside it, as a reminder */
      g_autofree char *planned = anv_date_format_long_iso (self->referral->planned_start);
      g_autofree char *hint = g_strdup_printf (_("Planned start: %s"), planned);

      gtk_label_set_text (self->date_hint, message ? message : hint);
      gtk_widget_show (GTK_WIDGET (self->date_hint));
    }
  else
    {
      /* A decision on a day off is allowed, but said, as the CLI does */
      g_autofree char *day_off = NULL;

      if (message == NULL && self->kind == ANV_REFERRAL_DIALOG_DECIDE)
        day_off = anv_referrals_decision_warning (out);
      gtk_label_set_text (self->date_hint, message ? message : day_off ? day_off : "");
      gtk_widget_set_visible (GTK_WIDGET (self->date_hint), message != NULL || day_off != NULL);
    }
  if (message != NULL)
    *problem = g_strdup (message);
  return message == NULL;
}

static gboolean
check_planned (AnvReferralDialog *self,
               const GDate       *decided,
               GDate             *out,
               char             **problem)
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

  if (!read_date (self->planned_entry, out))
    message = g_strdup (_("Type the planned start as YYYY-MM-DD."));
  else if (g_date_compare (out, &earliest) < 0)
    message = describe_too_early (&earliest);

  set_field_error (self->planned_entry, message);
  gtk_label_set_text (self->planned_hint, message ? message : hint);
  if (message != NULL)
    *problem = g_steal_pointer (&message);
  return *problem == NULL;
}

static char *
confirm_decide (AnvReferralDialog *self,
                char             **problem)
{
  g_autofree char *person = describe_person (self);
  g_autofree char *level = NULL;
  g_autofree char *decided_text = NULL;
  g_autofree char *planned_text = NULL;
  const char *level_id, *choice;
  GtkWidget *row;
  GDate decided, planned;

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

  row = get_selected_row (self);
  if (row == NULL)
    {
      if (gtk_toggle_button_get_active (self->default_radio))
        *problem = g_strdup (gtk_label_get_text (self->provider_placeholder));
      else
        *problem = g_strdup (_("Choose the provider that the job seeker chose."));
      return NULL;
    }

  if (gtk_toggle_button_get_active (self->default_radio))
    /* Translators: how the provider was chosen, inside a sentence */
    choice = _("no choice: the nearest provider");
  else if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), DATA_OUTSIDE)))
    choice = _("the job seeker’s own choice outside the area");
  else
    choice = _("the job seeker’s choice");

  level = describe_level (self->service, level_id);
  decided_text = anv_date_format_long (&decided);
  planned_text = anv_date_format_long (&planned);
  return g_strdup_printf (
    /* Translators: "Refer 19850101-**** Anna Andersson to Rusta och matcha, level B, with
     * Rusta Norr AB (no choice: the nearest provider). Decided on April 6, 2020, planned
     * start April 22, 2020." */
    _("Refer %1$s to %2$s, %3$s, with %4$s (%5$s). Decided on %6$s, planned start %7$s."),
    person, anv_service_name (self->service), level,
    (const char *) g_object_get_data (G_OBJECT (row), DATA_NAME), choice, decided_text,
    planned_text);
}

static char *
confirm_later_event (AnvReferralDialog *self,
                     char             **problem)
{
  g_autofree char *person = describe_person (self);
  g_autofree char *day = NULL;
  const AnvReferralProvider *current;
  GtkWidget *row;
  GDate date;

  if (self->referral == NULL)
    {
      *problem = g_strdup (_("There is no open referral."));
      return NULL;
    }
  if (!check_date (self, &date, problem))
    return NULL;
  day = anv_date_format_long (&date);
  current = anv_referral_current_provider (self->referral);

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_START:
      return g_strdup_printf (
        /* Translators: "Record that 19850101-**** Anna Andersson started Rusta och matcha
         * with Rusta Norr AB on April 22, 2020." */
        _("Record that %1$s started %2$s with %3$s on %4$s."),
        person, anv_service_name (self->referral->service), current ? current->name : "—",
        day);

    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
      row = get_selected_row (self);
      if (row == NULL)
        {
          *problem = g_strdup (_("Choose the new provider."));
          return NULL;
        }
      return g_strdup_printf (
        GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), DATA_OUTSIDE))
          /* Translators: "Change the provider of 19850101-**** Anna Andersson from Rusta
           * Norr AB to Västra Rusta AB from May 4, 2020, …" */
          ? _("Change the provider of %1$s from %2$s to %3$s from %4$s, as the job seeker’s "
              "own choice outside the area.")
          : _("Change the provider of %1$s from %2$s to %3$s from %4$s."),
        person, current ? current->name : "—",
        (const char *) g_object_get_data (G_OBJECT (row), DATA_NAME), day);

    case ANV_REFERRAL_DIALOG_END:
      row = get_selected_reason (self);
      if (row == NULL)
        {
          *problem = g_strdup (_("Choose why the referral ends: a result or an interruption."));
          return NULL;
        }
      return g_strdup_printf (
        gtk_widget_get_parent (row) == self->result_box
          /* Translators: "End the referral of 19850101-**** Anna Andersson to Rusta och
           * matcha on May 15, 2020 with the result “Work”." */
          ? _("End the referral of %1$s to %2$s on %3$s with the result “%4$s”.")
          : _("End the referral of %1$s to %2$s on %3$s with the interruption “%4$s”."),
        person, anv_service_name (self->referral->service), day,
        gtk_button_get_label (GTK_BUTTON (row)));

    case ANV_REFERRAL_DIALOG_DECIDE:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Checks the form, says what will be saved or what is missing, and lets
 * Save (and Enter) act only when the form is complete. */
static gboolean
update_state (AnvReferralDialog *self)
{
  g_autofree char *problem = NULL;
  g_autofree char *confirmation = NULL;
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->confirm_label));

  /* Why the last save failed holds for what was typed then: once the form
   * changes, only the message about the form as it is now is shown. */
  if (self->save_failed && !self->saving)
    hide_error (self);

  if (self->seeker == NULL)
    problem = g_strdup (_("The job seeker could not be read."));
  else if (self->kind == ANV_REFERRAL_DIALOG_DECIDE)
    confirmation = confirm_decide (self, &problem);
  else
    confirmation = confirm_later_event (self, &problem);

  if (confirmation != NULL)
    {
      gtk_label_set_text (self->confirm_label, confirmation);
      gtk_style_context_remove_class (context, GTK_STYLE_CLASS_DIM_LABEL);
      gtk_image_set_from_icon_name (self->confirm_icon, "dialog-question-symbolic",
                                    GTK_ICON_SIZE_BUTTON);
    }
  else
    {
      gtk_label_set_text (self->confirm_label, problem ? problem : "");
      gtk_style_context_add_class (context, GTK_STYLE_CLASS_DIM_LABEL);
      gtk_image_set_from_icon_name (self->confirm_icon, "dialog-information-symbolic",
                                    GTK_ICON_SIZE_BUTTON);
    }
  gtk_widget_set_sensitive (self->save_button, confirmation != NULL);
  return confirmation != NULL;
}

/* When the date changes, so may the service, the providers, the start. */
static void
update_for_date (AnvReferralDialog *self)
{
  if (self->kind == ANV_REFERRAL_DIALOG_DECIDE)
    {
      update_service (self);
      update_planned_start (self);
    }
  if (self->kind == ANV_REFERRAL_DIALOG_DECIDE
      || self->kind == ANV_REFERRAL_DIALOG_CHANGE_PROVIDER)
    fill_providers (self);
  update_state (self);
}

static void
update_outside_area (AnvReferralDialog *self)
{
  gboolean outside = gtk_toggle_button_get_active (self->outside_check);

  if (outside)
    {
      const char *municipality = self->seeker ? self->seeker->municipality_name : "";
      g_autofree char *text = NULL;

      if (self->kind == ANV_REFERRAL_DIALOG_CHANGE_PROVIDER && self->referral != NULL)
        municipality = self->referral->municipality_name;
      text = g_strdup_printf (
        /* Translators: %s is the municipality where the job seeker lives */
        _("Own choice outside the area: providers marked “Outside the area” are not approved "
          "in %s. The job seeker may choose one and then pays the travel."),
        municipality);
      gtk_label_set_text (self->outside_label, text);
    }
  gtk_widget_set_visible (self->outside_box, outside);

  /* Outside the area is always the job seeker's own choice */
  self->updating = TRUE;
  if (outside)
    gtk_toggle_button_set_active (self->own_radio, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_radio), !outside);
  self->updating = FALSE;
}

static gboolean
save (AnvReferralDialog  *self,
      GError            **error)
{
  gboolean outside = gtk_toggle_button_get_active (self->outside_check);
  GDate date;

  if (!read_date (self->date_entry, &date))
    g_return_val_if_reached (FALSE);

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_DECIDE:
      {
        g_autoptr (AnvReferral) referral = NULL;
        gboolean no_choice = gtk_toggle_button_get_active (self->default_radio);
        AnvReferralInput input = { 0 };
        GDate planned;

        if (!read_date (self->planned_entry, &planned))
          g_return_val_if_reached (FALSE);
        input.personnummer = self->personnummer;
        input.service = self->service;
        input.provider_orgnr = get_selected_orgnr (self);
        input.level = get_level (self);
        input.choice = no_choice ? ANV_CHOICE_DEFAULT : ANV_CHOICE_OWN;
        input.outside_area = outside && !no_choice;
        input.decided_on = &date;
        input.planned_start = &planned;
        referral = anv_referrals_decide (self->db, &input, &self->today, error);
        return referral != NULL;
      }

    case ANV_REFERRAL_DIALOG_START:
      return anv_referrals_start (self->db, self->personnummer, &date, &self->today, error);

    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
      return anv_referrals_change_provider (self->db, self->personnummer,
                                            get_selected_orgnr (self), outside, &date,
                                            &self->today, error);

    case ANV_REFERRAL_DIALOG_END:
      return anv_referrals_end (self->db, self->personnummer,
                                g_object_get_data (G_OBJECT (get_selected_reason (self)),
                                                   DATA_REASON),
                                &date, &self->today, error);

    default:
      g_return_val_if_reached (FALSE);
    }
}

/* What was saved, said in the window once the dialog has closed: in the
 * past tense, where the confirmation said what would be. */
static char *
describe_saved (AnvReferralDialog *self)
{
  g_autofree char *person = describe_person (self);
  g_autofree char *day = NULL;
  GtkWidget *row = get_selected_row (self);
  GDate date;

  if (!read_date (self->date_entry, &date))
    g_return_val_if_reached (NULL);
  day = anv_date_format_long (&date);

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_DECIDE:
      {
        g_autofree char *planned = NULL;
        GDate planned_date;

        if (read_date (self->planned_entry, &planned_date))
          planned = anv_date_format_long (&planned_date);
        /* Translators: "Referral saved: 19850101-**** Anna Andersson to Rusta och
         * matcha with Rusta Norr AB, planned start April 22, 2020." */
        return g_strdup_printf (_("Referral saved: %1$s to %2$s with %3$s, planned start %4$s."),
                                person, anv_service_name (self->service),
                                row ? (const char *) g_object_get_data (G_OBJECT (row),
                                                                        DATA_NAME) : "—",
                                planned ? planned : "—");
      }

    case ANV_REFERRAL_DIALOG_START:
      /* Translators: "Start saved: 19850101-**** Anna Andersson started Rusta och
       * matcha on April 22, 2020." */
      return g_strdup_printf (_("Start saved: %1$s started %2$s on %3$s."), person,
                              self->referral ? anv_service_name (self->referral->service) : "—",
                              day);

    case ANV_REFERRAL_DIALOG_CHANGE_PROVIDER:
      /* Translators: "Change of provider saved: 19850101-**** Anna Andersson goes to
       * Västra Rusta AB from May 4, 2020." */
      return g_strdup_printf (_("Change of provider saved: %1$s goes to %2$s from %3$s."),
                              person,
                              row ? (const char *) g_object_get_data (G_OBJECT (row),
                                                                      DATA_NAME) : "—",
                              day);

    case ANV_REFERRAL_DIALOG_END:
      row = get_selected_reason (self);
      /* Translators: "End saved: the referral of 19850101-**** Anna Andersson ended on
       * May 15, 2020 (Work)." */
      return g_strdup_printf (_("End saved: the referral of %1$s ended on %2$s (%3$s)."),
                              person, day, row ? gtk_button_get_label (GTK_BUTTON (row)) : "—");

    default:
      g_return_val_if_reached (NULL);
    }
}

/* What each kind shows and says */
static void
set_up_kind (AnvReferralDialog *self)
{
  gboolean decide = self->kind == ANV_REFERRAL_DIALOG_DECIDE;
  gboolean change = self->kind == ANV_REFERRAL_DIALOG_CHANGE_PROVIDER;
  const char *title = NULL, *date_label = NULL, *date_name = NULL;

  switch (self->kind)
    {
    case ANV_REFERRAL_DIALOG_DECIDE:
      /* Translators: the title of the dialog that decides a referral */
      title = _("Refer to a Matching Service");
      date_label = _("_Decision date");
      date_name = _("Decision date");
      /* Translators: the button that decides the referral (Swedish: Anvisa) */
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Refer"));
      break;
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
    default:
      g_return_if_reached ();
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text_with_mnemonic (self->date_title, date_label);
  set_accessible_name (GTK_WIDGET (self->date_entry), date_name);

  show_row (self->referral_title, GTK_WIDGET (self->referral_label), !decide);
  show_row (self->service_title, self->service_box, decide);
  show_row (GTK_WIDGET (self->level_title), GTK_WIDGET (self->level_combo), decide);
  show_row (self->choice_title, self->choice_box, decide);
  show_row (self->provider_title, self->provider_box, decide || change);
  show_row (self->planned_title, self->planned_box, decide);
  show_row (GTK_WIDGET (self->reason_title), self->reason_box,
            self->kind == ANV_REFERRAL_DIALOG_END);

  set_accessible_name (GTK_WIDGET (self->planned_entry), _("Planned start"));
  set_accessible_name (GTK_WIDGET (self->own_radio), _("The job seeker chose (kundval)"));
  set_accessible_name (GTK_WIDGET (self->default_radio),
                       _("No choice: the nearest provider (ickevalsalternativ)"));
  set_accessible_name (GTK_WIDGET (self->outside_check), _("Own choice outside the area"));
}

static void
sync_calendar (GtkCalendar *calendar,
               GtkEntry    *entry,
               const GDate *fallback)
{
  GDate date;

  if (!read_date (entry, &date))
    date = *fallback;
  gtk_calendar_select_month (calendar, g_date_get_month (&date) - 1, g_date_get_year (&date));
  gtk_calendar_select_day (calendar, g_date_get_day (&date));
}

/* The date the dialog opens on: today, but for a start the day planned
 * (not before the earliest allowed start), whether or not it has come:
 * today may be too early, and a start is recorded on the day it happens. */
static const GDate *
get_default_date (AnvReferralDialog *self,
                  GDate             *out)
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

static void
take_calendar_date (GtkCalendar *calendar,
                    GtkEntry    *entry)
{
  guint year, month, day;
  GDate date;

  gtk_calendar_get_date (calendar, &year, &month, &day);
  if (day == 0 || !g_date_valid_dmy (day, month + 1, year))
    return;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month + 1, year);
  write_date (entry, &date);
}


/*
 * Callbacks
 */

static void
response_cb (GtkDialog         *dialog,
             int                response,
             AnvReferralDialog *self)
{
  g_autoptr (GError) error = NULL;
  gboolean saved;

  /* The window manager's close is a cancel, as the contract says */
  if (response == GTK_RESPONSE_DELETE_EVENT)
    {
      g_signal_stop_emission_by_name (dialog, "response");
      gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
      return;
    }
  if (response != GTK_RESPONSE_OK)
    return;

  if (!update_state (self))
    {
      g_signal_stop_emission_by_name (dialog, "response");
      return;
    }

  hide_error (self);
  self->saving = TRUE;
  saved = save (self, &error);
  self->saving = FALSE;
  if (saved)
    {
      g_free (self->saved_message);
      self->saved_message = describe_saved (self);
    }
  else
    {
      /* The dialog stays, with everything typed, and says why */
      g_signal_stop_emission_by_name (dialog, "response");
      show_error (self, error->message);
      self->save_failed = TRUE;
    }
}

static void
info_bar_response_cb (GtkInfoBar        *info_bar,
                      int                response,
                      AnvReferralDialog *self)
{
  hide_error (self);
}

static void
date_entry_changed_cb (GtkEntry          *entry,
                       AnvReferralDialog *self)
{
  update_for_date (self);
}

static void
planned_entry_changed_cb (GtkEntry          *entry,
                          AnvReferralDialog *self)
{
  if (!self->updating)
    self->planned_edited = TRUE;
  update_state (self);
}

static void
level_combo_changed_cb (GtkComboBox       *combo,
                        AnvReferralDialog *self)
{
  if (self->updating)
    return;
  g_free (self->wanted_level);
  self->wanted_level = g_strdup (gtk_combo_box_get_active_id (combo));
  update_state (self);
}

static void
choice_toggled_cb (GtkToggleButton   *button,
                   AnvReferralDialog *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  /* No choice: the nearest provider, as the core proposes */
  if (button == self->default_radio && !self->updating)
    {
      g_clear_pointer (&self->wanted_orgnr, g_free);
      self->updating = TRUE;
      select_orgnr (self, self->nearest_orgnr);
      self->updating = FALSE;
    }
  update_state (self);
}

/* Space, Enter or a click on a row chooses it; moving the focus does not */
static void
provider_row_activated_cb (GtkListBox        *list,
                           GtkListBoxRow     *row,
                           AnvReferralDialog *self)
{
  if (!gtk_list_box_row_get_activatable (row))
    return;
  choose_row (self, GTK_WIDGET (row));
  if (!self->updating)
    {
      g_free (self->wanted_orgnr);
      self->wanted_orgnr = g_strdup (g_object_get_data (G_OBJECT (row), DATA_ORGNR));
    }

  /* Picking another provider than the proposed one is the job seeker's choice */
  if (!self->updating && row != NULL && self->kind == ANV_REFERRAL_DIALOG_DECIDE
      && g_strcmp0 (g_object_get_data (G_OBJECT (row), DATA_ORGNR), self->nearest_orgnr) != 0
      && gtk_toggle_button_get_active (self->default_radio))
    {
      self->updating = TRUE;
      gtk_toggle_button_set_active (self->own_radio, TRUE);
      self->updating = FALSE;
    }
  if (!self->updating)
    update_state (self);
}

/* The provider title's mnemonic: into the list, at the chosen row */
static gboolean
provider_list_mnemonic_activate_cb (GtkWidget         *list,
                                    gboolean           group_cycling,
                                    AnvReferralDialog *self)
{
  GtkWidget *row = get_selected_row (self);

  if (row == NULL)
    row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->provider_list, 0));
  gtk_widget_grab_focus (row ? row : list);
  return TRUE;
}

/* The list is one stop for Tab, as a radio group is: Tab and Shift+Tab
 * come in at the chosen row and leave from any row; the arrow keys move
 * between the rows. GTK 3's list box would stop at every row. */
static gboolean
provider_list_focus_cb (GtkWidget         *list,
                        GtkDirectionType   direction,
                        AnvReferralDialog *self)
{
  GtkWidget *row;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;
  if (gtk_container_get_focus_child (GTK_CONTAINER (list)) != NULL)
    {
      /* Out of the list, to the widget after (or before) it */
      g_signal_stop_emission_by_name (list, "focus");
      return FALSE;
    }
  row = get_selected_row (self);
  if (row == NULL)
    return FALSE;
  gtk_widget_grab_focus (row);
  return TRUE;
}

static void
outside_toggled_cb (GtkToggleButton   *button,
                    AnvReferralDialog *self)
{
  update_outside_area (self);
  fill_providers (self);
  update_state (self);
}

static void
reason_toggled_cb (GtkToggleButton   *button,
                   AnvReferralDialog *self)
{
  if (gtk_toggle_button_get_active (button))
    update_state (self);
}

static void
date_popover_show_cb (GtkWidget         *popover,
                      AnvReferralDialog *self)
{
  self->updating = TRUE;
  sync_calendar (self->date_calendar, self->date_entry, &self->today);
  self->updating = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->date_calendar));
}

static void
planned_popover_show_cb (GtkWidget         *popover,
                         AnvReferralDialog *self)
{
  self->updating = TRUE;
  sync_calendar (self->planned_calendar, self->planned_entry, &self->today);
  self->updating = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->planned_calendar));
}

static void
date_calendar_day_selected_cb (GtkCalendar       *calendar,
                               AnvReferralDialog *self)
{
  if (!self->updating)
    take_calendar_date (calendar, self->date_entry);
}

static void
planned_calendar_day_selected_cb (GtkCalendar       *calendar,
                                  AnvReferralDialog *self)
{
  if (!self->updating)
    take_calendar_date (calendar, self->planned_entry);
}

static void
calendar_double_click_cb (GtkCalendar       *calendar,
                          AnvReferralDialog *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* GTK's calendar moves a keyboard cursor of its own that starts apart from
 * the selected day, so the first arrow key would jump. Here the keys move
 * the selected date itself, across months too: arrows a day or a week,
 * Page Up/Down a month; Enter takes the date and closes. */
static gboolean
calendar_key_press_cb (GtkCalendar       *calendar,
                       GdkEventKey       *event,
                       AnvReferralDialog *self)
{
  guint year, month, day;
  int days = 0, months = 0;
  GDate date;

  if (event->state & (GDK_CONTROL_MASK | GDK_MOD1_MASK))
    return GDK_EVENT_PROPAGATE;
  switch (event->keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:   days = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: days = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:       days = -7; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:   days = 7; break;
    case GDK_KEY_Page_Up:                      months = -1; break;
    case GDK_KEY_Page_Down:                    months = 1; break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      calendar_double_click_cb (calendar, self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  gtk_calendar_get_date (calendar, &year, &month, &day);
  if (day == 0 || !g_date_valid_dmy (day, month + 1, year))
    return GDK_EVENT_PROPAGATE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month + 1, year);
  if (days < 0)
    g_date_subtract_days (&date, -days);
  else if (days > 0)
    g_date_add_days (&date, days);
  else if (months < 0)
    g_date_subtract_months (&date, -months);
  else
    g_date_add_months (&date, months);

  /* The month first, on no day, so that no day of it is taken on the way. */
  gtk_calendar_select_day (calendar, 0);
  gtk_calendar_select_month (calendar, g_date_get_month (&date) - 1, g_date_get_year (&date));
  gtk_calendar_select_day (calendar, g_date_get_day (&date));
  return GDK_EVENT_STOP;
}

/* Another window or process saved: the lists follow, what is typed stays. */
static void
db_changed_cb (AnvDb             *db,
               AnvReferralDialog *self)
{
  if (self->saving)
    return;
  if (self->kind != ANV_REFERRAL_DIALOG_DECIDE)
    {
      load_person (self);
      show_referral (self);
    }
  update_for_date (self);
}


/*
 * GtkDialog overrides
 */

/* Escape cancels */
static void
anv_referral_dialog_close (GtkDialog *dialog)
{
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
}


/*
 * GObject overrides
 */

static void
anv_referral_dialog_constructed (GObject *object)
{
  AnvReferralDialog *self = ANV_REFERRAL_DIALOG (object);
  GDate default_date;

  G_OBJECT_CLASS (anv_referral_dialog_parent_class)->constructed (object);

  g_return_if_fail (ANV_IS_DB (self->db));
  g_return_if_fail (self->personnummer != NULL);

  anv_date_today (&self->today);
  gtk_dialog_set_default_response (GTK_DIALOG (self), GTK_RESPONSE_OK);
  set_up_kind (self);
  load_person (self);
  show_person (self);
  if (self->kind != ANV_REFERRAL_DIALOG_DECIDE)
    show_referral (self);
  if (self->kind == ANV_REFERRAL_DIALOG_END)
    fill_reasons (self);

  /* Today by default; the entry's ::changed fills in what follows from it */
  write_date (self->date_entry, get_default_date (self, &default_date));

  g_signal_connect_object (self->db, "changed", G_CALLBACK (db_changed_cb), self, 0);
  gtk_widget_grab_focus (self->kind == ANV_REFERRAL_DIALOG_DECIDE
                           ? GTK_WIDGET (self->level_combo) : GTK_WIDGET (self->date_entry));
}

static void
anv_referral_dialog_dispose (GObject *object)
{
  AnvReferralDialog *self = ANV_REFERRAL_DIALOG (object);

  g_clear_object (&self->no_reason_radio);

  G_OBJECT_CLASS (anv_referral_dialog_parent_class)->dispose (object);
}

static void
anv_referral_dialog_finalize (GObject *object)
{
  AnvReferralDialog *self = ANV_REFERRAL_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->personnummer, g_free);
  g_clear_pointer (&self->seeker, anv_seeker_free);
  g_clear_pointer (&self->referral, anv_referral_free);
  g_clear_pointer (&self->nearest_orgnr, g_free);
  g_clear_pointer (&self->wanted_orgnr, g_free);
  g_clear_pointer (&self->wanted_level, g_free);
  g_clear_pointer (&self->saved_message, g_free);

  G_OBJECT_CLASS (anv_referral_dialog_parent_class)->finalize (object);
}

static void
anv_referral_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AnvReferralDialog *self = ANV_REFERRAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
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
anv_referral_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AnvReferralDialog *self = ANV_REFERRAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
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
anv_referral_dialog_class_init (AnvReferralDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->constructed = anv_referral_dialog_constructed;
  object_class->dispose = anv_referral_dialog_dispose;
  object_class->finalize = anv_referral_dialog_finalize;
  object_class->get_property = anv_referral_dialog_get_property;
  object_class->set_property = anv_referral_dialog_set_property;

  dialog_class->close = anv_referral_dialog_close;

  properties[PROP_DB] =
    g_param_spec_object ("db", "Database", "The open database", ANV_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONNUMMER] =
    g_param_spec_string ("personnummer", "Personnummer", "The job seeker, 12 digits", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", "Kind", "What the dialog records (AnvReferralDialogKind)",
                      ANV_REFERRAL_DIALOG_DECIDE, ANV_REFERRAL_DIALOG_END,
                      ANV_REFERRAL_DIALOG_DECIDE,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-referral-dialog.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, info_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, person_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, referral_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, referral_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, date_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, date_hint);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, service_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, service_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, service_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, why_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, level_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, level_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, choice_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, choice_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, own_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, default_radio);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, provider_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, provider_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, provider_list);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, provider_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, outside_check);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, outside_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, outside_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, planned_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, planned_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, planned_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, planned_calendar);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, planned_hint);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, reason_title);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, reason_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, result_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, interruption_box);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, confirm_icon);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, AnvReferralDialog, save_button);

  gtk_widget_class_bind_template_callback (widget_class, response_cb);
  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, planned_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, level_combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, outside_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_list_mnemonic_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_list_focus_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_key_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, planned_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, planned_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_double_click_cb);
}

static void
anv_referral_dialog_init (AnvReferralDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_info_bar_name_close_button (self->info_bar);
  anv_dialog_keep_until_idle (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
anv_referral_dialog_new (GtkWindow             *parent,
                         AnvDb                 *db,
                         const char            *personnummer,
                         AnvReferralDialogKind  kind)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (personnummer != NULL, NULL);

  return g_object_new (ANV_TYPE_REFERRAL_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "use-header-bar", TRUE,
                       "db", db,
                       "personnummer", personnummer,
                       "kind", (int) kind,
                       NULL);
}

/**
 * anv_referral_dialog_get_kind:
 * @self: an #AnvReferralDialog
 *
 * Returns: what the dialog records
 */
AnvReferralDialogKind
anv_referral_dialog_get_kind (AnvReferralDialog *self)
{
  g_return_val_if_fail (ANV_IS_REFERRAL_DIALOG (self), ANV_REFERRAL_DIALOG_DECIDE);

  return self->kind;
}

/**
 * anv_referral_dialog_get_provider:
 * @self: an #AnvReferralDialog
 *
 * Returns: (nullable): the organisation number of the provider chosen in
 * the list (deciding, changing provider), or %NULL
 */
const char *
anv_referral_dialog_get_provider (AnvReferralDialog *self)
{
  g_return_val_if_fail (ANV_IS_REFERRAL_DIALOG (self), NULL);

  return get_selected_orgnr (self);
}

/**
 * anv_referral_dialog_get_saved_message:
 * @self: an #AnvReferralDialog
 *
 * Returns: (nullable): once saved, what was saved in a sentence for the
 * window to announce; %NULL before
 */
const char *
anv_referral_dialog_get_saved_message (AnvReferralDialog *self)
{
  g_return_val_if_fail (ANV_IS_REFERRAL_DIALOG (self), NULL);

  return self->saved_message;
}
