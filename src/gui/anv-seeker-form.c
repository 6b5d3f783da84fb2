/* anv-seeker-form.c — registering a job seeker, with live validation
 *
 * Its length is one concern: the form's four fields, each checked live
 * with a sentence of its own, and the save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-seeker-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-context.h"
#include "anv-date.h"
#include "anv-dialog.h"
#include "anv-municipalities.h"
#include "anv-personnummer.h"
#include "anv-seeker-form.h"
#include "anv-seekers.h"
#include "anv-text.h"

/* The Save button's response: the form saves, and only then ends with
 * GTK_RESPONSE_OK. Never seen by the caller. */
#define RESPONSE_SAVE 100

/* As the core checks it (anv-seekers.c). */

#define ERROR_ICON "dialog-error-symbolic"

struct _AnvSeekerForm
{
  GtkDialog           parent_instance;

  /* Template widgets */
  GtkInfoBar         *save_error_bar;
  GtkLabel           *save_error_label;
  GtkEntry           *personnummer_entry;
  GtkLabel           *personnummer_message;
  GtkButton          *existing_button;
  GtkEntry           *name_entry;
  GtkLabel           *name_message;
  GtkEntry           *postal_code_entry;
  GtkLabel           *postal_code_message;
  GtkEntry           *municipality_entry;
  GtkLabel           *municipality_message;
  GtkCheckButton     *protected_check;
  GtkLabel           *protected_message;
  GtkListStore       *municipality_store;

  AnvContext         *context;
  GPtrArray          *municipalities;    /* AnvMunicipality, for the names */

  /* What the fields hold now, updated as they are typed */
  char               *digits;            /* a valid personnummer, or NULL */
  char               *existing;          /* the registered person with that number, or NULL */
  char               *municipality_code; /* from the municipality field, or NULL */
  char               *postal_municipality; /* from the postal code, or NULL */
  gboolean            name_valid;
  gboolean            postal_code_valid; /* empty or known */
  gboolean            municipality_valid;

  /* The fields left once: an empty one is an error from then on */
  gboolean            personnummer_touched;
  gboolean            name_touched;
  gboolean            municipality_touched;
  GtkWidget          *question;          /* "Discard what you typed?", while asked */

  char               *personnummer;      /* the saved or existing person's, 12 digits */

  /* The server could not be asked while a field was checked (its
   * connection lost, as while it restarts): the field is left as typed,
   * the message area says so, and Save asks again before it saves */
  gboolean            unchecked;
  gboolean            showing_lost;      /* the message area says the connection is lost */
  guint               retry_id;          /* asks whether the server is back, meanwhile */
};

G_DEFINE_FINAL_TYPE (AnvSeekerForm, anv_seeker_form, GTK_TYPE_DIALOG)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * Auxiliary methods
 */

/* "19850412-1234 · Woman, born April 12, 1985" */
static char *
describe_personnummer (const AnvPersonnummer *pnr)
{
  g_autofree char *number = anv_personnummer_format (pnr->digits);
  g_autofree char *person = NULL;
  const char *gender = pnr->gender == ANV_GENDER_FEMALE ? _("Woman") : _("Man");

  if (pnr->birth_date_known)
    {
      g_autofree char *born = anv_date_format_long (&pnr->birth_date);

      /* Translators: %1$s is “Woman” or “Man”, %2$s a date such as 12 April 1985 */
      person = g_strdup_printf (_("%1$s, born %2$s"), gender, born);
    }
  else
    {
      /* Translators: %s is “Woman” or “Man”; a samordningsnummer may not give the day */
      person = g_strdup_printf (_("%s, date of birth not known"), gender);
    }

  if (pnr->kind == ANV_IDENTITY_SAMORDNINGSNUMMER)
    /* Translators: %1$s is the number, %2$s says who it is */
    return g_strdup_printf (_("%1$s · samordningsnummer · %2$s"), number, person);
  /* Translators: %1$s is the number, %2$s says who it is */
  return g_strdup_printf (_("%1$s · %2$s"), number, person);
}

/* An error in the field: the icon, its tooltip, and the message under it. */
static void
show_field_error (GtkEntry   *entry,
                  GtkLabel   *message,
                  const char *text)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (message));

  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, ERROR_ICON);
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, text);
  gtk_entry_set_icon_activatable (entry, GTK_ENTRY_ICON_SECONDARY, FALSE);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (entry)), "error");

  gtk_label_set_text (message, text);
  gtk_widget_show (GTK_WIDGET (message));
  gtk_style_context_remove_class (context, "dim-label");
  gtk_style_context_add_class (context, "error");
}

/* No error; @text (may be NULL) says what was understood. */
static void
show_field_ok (GtkEntry   *entry,
               GtkLabel   *message,
               const char *text)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (message));

  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, NULL);
  gtk_style_context_remove_class (gtk_widget_get_style_context (GTK_WIDGET (entry)), "error");

  gtk_label_set_text (message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (message), text != NULL && *text != '\0');
  gtk_style_context_remove_class (context, "error");
  gtk_style_context_add_class (context, "dim-label");
}

static gboolean
entry_is_empty (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  return *text == '\0';
}

/* The municipality @text names: its code, or its name or short name as
 * names are compared (anv_text_fold: "umeå", "UMEÅ" in full width). */
static const AnvMunicipality *
find_municipality (AnvSeekerForm *self,
                   const char    *text)
{
  g_autofree char *folded = anv_text_fold (text);

  for (guint i = 0; self->municipalities != NULL && i < self->municipalities->len; i++)
    {
      const AnvMunicipality *m = g_ptr_array_index (self->municipalities, i);
      g_autofree char *short_name = anv_text_fold (m->short_name);
      g_autofree char *name = anv_text_fold (m->name);

      if (strcmp (text, m->code) == 0
          || strcmp (folded, short_name) == 0
          || strcmp (folded, name) == 0)
        return m;
    }

  return NULL;
}

static const AnvMunicipality *
find_municipality_by_code (AnvSeekerForm *self,
                           const char    *code)
{
  for (guint i = 0; self->municipalities != NULL && i < self->municipalities->len; i++)
    {
      const AnvMunicipality *m = g_ptr_array_index (self->municipalities, i);

      if (g_strcmp0 (m->code, code) == 0)
        return m;
    }
  return NULL;
}

static AnvDb *
get_db (AnvSeekerForm *self)
{
  return anv_context_get_db (self->context);
}

static void show_save_error (AnvSeekerForm *self,
                             const char    *message);

static gboolean
is_connection_lost (const GError *error)
{
  return g_error_matches (error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION);
}

static void validate_all (AnvSeekerForm *self);

/* The server answered again: a message that it did not goes */
static void
connection_back (AnvSeekerForm *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (!self->showing_lost)
    return;
  self->showing_lost = FALSE;
  gtk_widget_hide (GTK_WIDGET (self->save_error_bar));
}

/* While the message says the connection is lost, the form asks every few
 * seconds whether the server answers again (which connects again); once
 * it does, the message goes and the fields are checked, without waiting
 * for the person to type or save. */
#define RETRY_SECONDS 2

static gboolean
retry_cb (gpointer user_data)
{
  AnvSeekerForm *self = ANV_SEEKER_FORM (user_data);

  if (!self->showing_lost)
    {
      self->retry_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (anv_db_get_data_version (get_db (self)) < 0)
    return G_SOURCE_CONTINUE;
  self->retry_id = 0;
  connection_back (self);
  validate_all (self);
  return G_SOURCE_REMOVE;
}

/* The server could not be asked: said once, in the message area, as what
 * it is; nothing about the fields. A save says that nothing was saved; a
 * check as the person types, only that it waits for the server. */
static void
show_connection_lost (AnvSeekerForm *self,
                      gboolean       saving)
{
  self->unchecked = TRUE;
  if (saving)
    show_save_error (self, _("The connection to the database server is lost (it may be "
                             "restarting). Nothing was saved, and what you typed is kept: "
                             "wait a moment and try again. If it keeps happening, ask your "
                             "office’s IT whether the server is running."));
  else
    show_save_error (self, _("The connection to the database server is lost (it may be "
                             "restarting), so what you typed cannot be checked yet. It is "
                             "kept, and checked as soon as the server answers. If this stays, "
                             "ask your office’s IT whether the server is running."));
  self->showing_lost = TRUE;
  if (self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
}

/* The municipalities, read once the server answers: FALSE while it does
 * not (or could not read them, which the municipality field then says) */
static gboolean
ensure_municipalities (AnvSeekerForm *self)
{
  g_autoptr (GError) error = NULL;

  if (self->municipalities != NULL)
    return TRUE;

  self->municipalities = anv_municipalities_list (get_db (self), &error);
  if (self->municipalities == NULL)
    {
      if (is_connection_lost (error))
        show_connection_lost (self, FALSE);
      else
        show_field_error (self->municipality_entry, self->municipality_message, error->message);
      return FALSE;
    }
  connection_back (self);

  for (guint i = 0; i < self->municipalities->len; i++)
    {
      const AnvMunicipality *m = g_ptr_array_index (self->municipalities, i);

      gtk_list_store_insert_with_values (self->municipality_store, NULL, -1,
                                         0, m->short_name,
                                         1, m->code,
                                         -1);
    }
  return TRUE;
}

static void
update_save (AnvSeekerForm *self)
{
  gboolean mismatch = self->postal_municipality != NULL && self->municipality_code != NULL
                      && strcmp (self->postal_municipality, self->municipality_code) != 0;
  /* Not known while the server cannot be asked, but typed: Save asks */
  gboolean has_municipality = self->municipality_code != NULL
                              || self->postal_municipality != NULL
                              || (self->unchecked
                                  && (!entry_is_empty (self->postal_code_entry)
                                      || !entry_is_empty (self->municipality_entry)));
  gboolean valid = self->digits != NULL && self->existing == NULL
                   && self->name_valid && self->postal_code_valid
                   && self->municipality_valid && has_municipality && !mismatch;

  gtk_dialog_set_response_sensitive (GTK_DIALOG (self), RESPONSE_SAVE, valid);
}

static void
validate_personnummer (AnvSeekerForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvPersonnummer pnr;
  GDate today;

  g_clear_pointer (&self->digits, g_free);
  g_clear_pointer (&self->existing, g_free);
  gtk_widget_hide (GTK_WIDGET (self->existing_button));

  if (entry_is_empty (self->personnummer_entry) && !self->personnummer_touched)
    {
      show_field_ok (self->personnummer_entry, self->personnummer_message, NULL);
      return;
    }

  anv_context_get_today (self->context, &today);
  if (!anv_personnummer_parse (gtk_entry_get_text (self->personnummer_entry), &today, &pnr,
                               &error))
    {
      show_field_error (self->personnummer_entry, self->personnummer_message, error->message);
      return;
    }

  self->digits = g_strdup (pnr.digits);

  seeker = anv_seekers_get (get_db (self), pnr.digits, &today, &error);
  if (seeker != NULL)
    {
      g_autofree char *masked = anv_personnummer_format_masked (pnr.digits);
      g_autofree char *message = NULL;
      g_autofree char *open = NULL;

      self->existing = g_strdup (pnr.digits);
      /* Translators: %s is a masked personnummer, 19850412-**** */
      message = g_strdup_printf (_("%s is registered already."), masked);
      show_field_error (self->personnummer_entry, self->personnummer_message, message);

      /* Translators: a button that opens the registered person; %s is a masked personnummer */
      open = g_strdup_printf (_("_Open %s"), masked);
      gtk_button_set_label (self->existing_button, open);
      gtk_widget_show (GTK_WIDGET (self->existing_button));
      return;
    }
  /* The server could not be asked: nothing is wrong with the number. The
   * field stays as it is, and the form says what happened where it says
   * why a save failed; the next save connects again. */
  if (is_connection_lost (error))
    show_connection_lost (self, FALSE);
  else if (!g_error_matches (error, ANV_SEEKER_ERROR, ANV_SEEKER_ERROR_NOT_FOUND))
    {
      show_field_error (self->personnummer_entry, self->personnummer_message, error->message);
      return;
    }
  else
    connection_back (self);

  {
    g_autofree char *description = describe_personnummer (&pnr);

    show_field_ok (self->personnummer_entry, self->personnummer_message, description);
  }
}

static void
validate_name (AnvSeekerForm *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  g_autoptr (GError) error = NULL;
  glong chars = g_utf8_strlen (name, -1);

  self->name_valid = FALSE;

  if (chars == 0)
    {
      if (self->name_touched)
        show_field_error (self->name_entry, self->name_message,
                          _("The name is empty. Type the job seeker’s name."));
      else
        show_field_ok (self->name_entry, self->name_message, NULL);
      return;
    }
  /* The core's rules: length, control characters, direction controls. */
  if (!anv_seekers_check_name (name, &error))
    {
      show_field_error (self->name_entry, self->name_message, error->message);
      return;
    }

  self->name_valid = TRUE;
  show_field_ok (self->name_entry, self->name_message, NULL);
}

static void
validate_municipality (AnvSeekerForm *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (self->municipality_entry)));
  const AnvMunicipality *municipality;

  g_clear_pointer (&self->municipality_code, g_free);
  self->municipality_valid = FALSE;

  if (*text == '\0')
    {
      /* Empty is fine when the postal code gives it. */
      self->municipality_valid = TRUE;
      if (self->postal_municipality == NULL && self->municipality_touched)
        show_field_error (self->municipality_entry, self->municipality_message,
                          _("Give the municipality code or the postal code of the job "
                            "seeker’s home address."));
      else
        show_field_ok (self->municipality_entry, self->municipality_message, NULL);
      return;
    }

  /* Without the list nothing can be said of the name yet: Save asks again */
  if (!ensure_municipalities (self))
    {
      self->municipality_valid = self->unchecked;
      show_field_ok (self->municipality_entry, self->municipality_message, NULL);
      return;
    }

  municipality = find_municipality (self, text);
  if (municipality == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what was typed as the municipality */
      message = g_strdup_printf (_("No municipality is called “%s”. Choose one from the list "
                                   "as you type, or fill in the postal code."), text);
      show_field_error (self->municipality_entry, self->municipality_message, message);
      return;
    }

  self->municipality_code = g_strdup (municipality->code);
  self->municipality_valid = TRUE;

  if (self->postal_municipality != NULL
      && strcmp (self->postal_municipality, municipality->code) != 0)
    {
      const AnvMunicipality *other = find_municipality_by_code (self, self->postal_municipality);
      g_autofree char *postal = NULL;
      g_autofree char *message = NULL;

      postal = anv_postal_code_normalize (gtk_entry_get_text (self->postal_code_entry));
      message = g_strdup_printf (
        /* Translators: %1$s is a postal code, %2$s and %3$s municipalities */
        _("The postal code %1$s lies in %2$s, not in %3$s. Correct one of "
          "them, or leave the municipality empty to take it from the "
          "postal code."),
        postal, other != NULL ? other->short_name : self->postal_municipality,
        municipality->short_name);
      show_field_error (self->municipality_entry, self->municipality_message, message);
      return;
    }

  {
    g_autofree char *message = NULL;

    /* Translators: %1$s is a municipality, %2$s its county */
    message = g_strdup_printf (_("%1$s, %2$s"), municipality->name, municipality->county_name);
    show_field_ok (self->municipality_entry, self->municipality_message, message);
  }
}

/* Finds the municipality the postal code lies in. */
static void
validate_postal_code (AnvSeekerForm *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (self->postal_code_entry)));
  g_autofree char *normalized = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->postal_municipality, g_free);
  self->postal_code_valid = FALSE;

  if (*text == '\0')
    {
      self->postal_code_valid = TRUE;
      show_field_ok (self->postal_code_entry, self->postal_code_message, NULL);
      return;
    }

  normalized = anv_postal_code_normalize (text);
  if (normalized == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (
        /* Translators: %s is what was typed as a postal code */
        _("“%s” is not a postal code: a postal code has five digits, for "
          "example 903 25."),
        text);
      show_field_error (self->postal_code_entry, self->postal_code_message, message);
      return;
    }

  code = anv_municipalities_for_postal_code (get_db (self), normalized, &error);
  if (code == NULL && is_connection_lost (error))
    {
      /* Nothing is wrong with the code as far as anyone knows */
      self->postal_code_valid = TRUE;
      show_connection_lost (self, FALSE);
      show_field_ok (self->postal_code_entry, self->postal_code_message, NULL);
      return;
    }
  if (code == NULL)
    {
      show_field_error (self->postal_code_entry, self->postal_code_message, error->message);
      return;
    }
  connection_back (self);
  /* The municipality's name, not only its code */
  ensure_municipalities (self);

  self->postal_code_valid = TRUE;
  self->postal_municipality = g_steal_pointer (&code);
  {
    const AnvMunicipality *m = find_municipality_by_code (self, self->postal_municipality);
    g_autofree char *message = NULL;

    /* Translators: %s is a municipality, found from the postal code */
    message = g_strdup_printf (_("In %s"), m != NULL ? m->name : self->postal_municipality);
    show_field_ok (self->postal_code_entry, self->postal_code_message, message);
  }
}

static void
validate_all (AnvSeekerForm *self)
{
  validate_personnummer (self);
  validate_name (self);
  validate_postal_code (self);
  validate_municipality (self);
  update_save (self);
}

static void
show_save_error (AnvSeekerForm *self,
                 const char    *message)
{
  self->showing_lost = FALSE;
  gtk_label_set_text (self->save_error_label, message);
  gtk_widget_show (GTK_WIDGET (self->save_error_bar));
}

static void
save (AnvSeekerForm *self)
{
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  g_autofree char *postal_code = NULL;
  AnvSeekerInput input = {
    .personnummer = gtk_entry_get_text (self->personnummer_entry),
    .name = name,
    .protected_identity = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->protected_check)),
  };
  GDate today;

  /* A field the server could not check: asked again first, so that what
   * is saved is what the fields say */
  if (self->unchecked)
    {
      self->unchecked = FALSE;
      validate_all (self);
      if (self->unchecked)
        {
          /* Still away: the save did not happen, and the message says so */
          show_connection_lost (self, TRUE);
          return;
        }
    }

  postal_code = g_strstrip (g_strdup (gtk_entry_get_text (self->postal_code_entry)));
  input.postal_code = *postal_code != '\0' ? postal_code : NULL;
  input.municipality_code = self->municipality_code;
  if (!gtk_widget_is_sensitive (gtk_dialog_get_widget_for_response (GTK_DIALOG (self),
                                                                    RESPONSE_SAVE)))
    return;

  anv_context_get_today (self->context, &today);
  seeker = anv_seekers_add (get_db (self), &input, &today, &error);
  if (seeker == NULL)
    {
      /* Everything typed stays; a person registered meanwhile (by someone
       * else) shows as such in the field. */
      validate_all (self);
      if (is_connection_lost (error))
        show_connection_lost (self, TRUE);
      else
        {
          /* A refusal by the server in the words of the login's role */
          g_autofree char *message = anv_context_explain_error (self->context, error);

          show_save_error (self, message);
        }
      return;
    }

  g_clear_pointer (&self->personnummer, g_free);
  self->personnummer = g_strdup (seeker->personnummer);
  gtk_dialog_response (GTK_DIALOG (self), GTK_RESPONSE_OK);
}


/*
 * Callbacks
 */

static void
response_cb (GtkDialog     *dialog,
             int            response,
             AnvSeekerForm *self)
{
  if (response != RESPONSE_SAVE)
    return;

  /* Only the outcome of saving is the dialog's answer. */
  g_signal_stop_emission_by_name (dialog, "response");
  save (self);
}

static void
save_error_bar_response_cb (GtkInfoBar    *info_bar,
                            int            response,
                            AnvSeekerForm *self)
{
  gtk_widget_hide (GTK_WIDGET (info_bar));
}

static gboolean
entry_focus_out_cb (GtkWidget     *entry,
                    GdkEvent      *event,
                    AnvSeekerForm *self)
{
  /* Focus leaves as the dialog is destroyed, after dispose. */
  if (self->context == NULL)
    return GDK_EVENT_PROPAGATE;

  if (entry == GTK_WIDGET (self->personnummer_entry))
    self->personnummer_touched = TRUE;
  else if (entry == GTK_WIDGET (self->name_entry))
    self->name_touched = TRUE;
  else if (entry == GTK_WIDGET (self->municipality_entry))
    self->municipality_touched = TRUE;

  validate_all (self);
  return GDK_EVENT_PROPAGATE;
}

static void
personnummer_changed_cb (GtkEditable   *editable,
                         AnvSeekerForm *self)
{
  if (self->context == NULL)
    return;

  if (!entry_is_empty (self->personnummer_entry))
    self->personnummer_touched = TRUE;
  validate_personnummer (self);
  update_save (self);
}

static void
name_changed_cb (GtkEditable   *editable,
                 AnvSeekerForm *self)
{
  if (self->context == NULL)
    return;

  if (!entry_is_empty (self->name_entry))
    self->name_touched = TRUE;
  validate_name (self);
  update_save (self);
}

static void
postal_code_changed_cb (GtkEditable   *editable,
                        AnvSeekerForm *self)
{
  if (self->context == NULL)
    return;

  validate_postal_code (self);

  /* The postal code fills in the municipality. */
  if (self->postal_municipality != NULL
      && g_strcmp0 (self->postal_municipality, self->municipality_code) != 0)
    {
      const AnvMunicipality *m = find_municipality_by_code (self, self->postal_municipality);

      if (m != NULL)
        gtk_entry_set_text (self->municipality_entry, m->short_name);
    }

  validate_municipality (self);
  update_save (self);
}

static void
municipality_changed_cb (GtkEditable   *editable,
                         AnvSeekerForm *self)
{
  if (self->context == NULL)
    return;

  if (!entry_is_empty (self->municipality_entry))
    self->municipality_touched = TRUE;
  validate_municipality (self);
  update_save (self);
}

static void
protected_toggled_cb (GtkToggleButton *button,
                      AnvSeekerForm   *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->protected_message),
                          gtk_toggle_button_get_active (button));
}

static void
existing_clicked_cb (GtkButton     *button,
                     AnvSeekerForm *self)
{
  if (self->existing == NULL)
    return;

  g_clear_pointer (&self->personnummer, g_free);
  self->personnummer = g_strdup (self->existing);
  gtk_dialog_response (GTK_DIALOG (self), ANV_SEEKER_FORM_RESPONSE_EXISTING);
}


/*
 * GtkDialog overrides
 */

#define RESPONSE_DISCARD 1

/* Whether anything is typed in the form */
static gboolean
has_typed (AnvSeekerForm *self)
{
  GtkEntry *entries[] = {
    self->personnummer_entry, self->name_entry, self->postal_code_entry,
    self->municipality_entry,
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (gtk_entry_get_text_length (entries[i]) > 0)
      return TRUE;
  return FALSE;
}

static void
question_response_cb (GtkDialog     *question,
                      int            response,
                      AnvSeekerForm *self)
{
  gtk_widget_destroy (GTK_WIDGET (question));
  self->question = NULL;
  if (response == RESPONSE_DISCARD)
    gtk_dialog_response (GTK_DIALOG (self), GTK_RESPONSE_CANCEL);
}

/* Escape: the contract says GTK_RESPONSE_CANCEL, not DELETE_EVENT. With
 * something typed, a slip of the key must not lose it: the form asks
 * first, keeping it the default answer (and Escape's). */
static void
anv_seeker_form_close (GtkDialog *dialog)
{
  AnvSeekerForm *self = ANV_SEEKER_FORM (dialog);
  GtkWidget *question;

  if (!has_typed (self))
    {
      gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
      return;
    }
  if (self->question != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->question));
      return;
    }

  question = gtk_message_dialog_new (GTK_WINDOW (self),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                     _("Discard what you typed?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (question), "%s",
                                            _("The job seeker is not registered yet. "
                                              "Discard closes the form without registering; "
                                              "Keep Editing goes back to it."));
  gtk_dialog_add_buttons (GTK_DIALOG (question),
                          _("_Keep Editing"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), RESPONSE_DISCARD,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
  g_signal_connect (question, "response", G_CALLBACK (question_response_cb), self);
  self->question = question;
  gtk_widget_show (question);
}


/*
 * GObject overrides
 */

/* Ctrl+Enter saves from anywhere in the form, as Enter does in a field
 * (the referral dialogs do the same). */
static gboolean
key_press_cb (GtkWidget   *widget,
              GdkEventKey *event,
              gpointer     user_data)
{
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  gboolean enter = event->keyval == GDK_KEY_Return || event->keyval == GDK_KEY_KP_Enter
    || event->keyval == GDK_KEY_ISO_Enter;

  if (!enter || mods != GDK_CONTROL_MASK)
    return GDK_EVENT_PROPAGATE;
  if (gtk_widget_is_sensitive (gtk_dialog_get_widget_for_response (GTK_DIALOG (widget),
                                                                   RESPONSE_SAVE)))
    gtk_dialog_response (GTK_DIALOG (widget), RESPONSE_SAVE);
  else
    gtk_widget_error_bell (widget);
  return GDK_EVENT_STOP;
}

static void
anv_seeker_form_constructed (GObject *object)
{
  AnvSeekerForm *self = ANV_SEEKER_FORM (object);
  const AnvLogin *login;

  G_OBJECT_CLASS (anv_seeker_form_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (self->context));

  /* Only a login cleared for protected identities may register one (the
   * server refuses the others, HACKING.md "Roles on the server"): the
   * others are not offered it. */
  login = anv_context_get_login (self->context);
  if (login->kind == ANV_LOGIN_ROLES && (login->roles & (1u << ANV_ROLE_SKYDDADE)) == 0)
    gtk_widget_hide (GTK_WIDGET (self->protected_check));

  ensure_municipalities (self);
  gtk_dialog_set_default_response (GTK_DIALOG (self), RESPONSE_SAVE);
  g_signal_connect (self, "key-press-event", G_CALLBACK (key_press_cb), NULL);
  update_save (self);
}

static void
anv_seeker_form_dispose (GObject *object)
{
  AnvSeekerForm *self = ANV_SEEKER_FORM (object);

  g_clear_pointer (&self->question, gtk_widget_destroy);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_seeker_form_parent_class)->dispose (object);
}

static void
anv_seeker_form_finalize (GObject *object)
{
  AnvSeekerForm *self = ANV_SEEKER_FORM (object);

  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  g_clear_pointer (&self->digits, g_free);
  g_clear_pointer (&self->existing, g_free);
  g_clear_pointer (&self->municipality_code, g_free);
  g_clear_pointer (&self->postal_municipality, g_free);
  g_clear_pointer (&self->personnummer, g_free);

  G_OBJECT_CLASS (anv_seeker_form_parent_class)->finalize (object);
}

static void
anv_seeker_form_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AnvSeekerForm *self = ANV_SEEKER_FORM (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_seeker_form_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnvSeekerForm *self = ANV_SEEKER_FORM (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_assert (self->context == NULL);
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_seeker_form_class_init (AnvSeekerFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->constructed = anv_seeker_form_constructed;
  object_class->dispose = anv_seeker_form_dispose;
  object_class->finalize = anv_seeker_form_finalize;
  object_class->get_property = anv_seeker_form_get_property;
  object_class->set_property = anv_seeker_form_set_property;

  dialog_class->close = anv_seeker_form_close;

  /**
   * AnvSeekerForm:context:
   *
   * The window's context: the database the job seeker is registered in,
   * and today.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the window's pages share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-seeker-form.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, save_error_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, personnummer_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, personnummer_message);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, existing_button);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, name_message);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, postal_code_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, postal_code_message);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, municipality_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, municipality_message);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, protected_check);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, protected_message);
  gtk_widget_class_bind_template_child (widget_class, AnvSeekerForm, municipality_store);

  gtk_widget_class_bind_template_callback (widget_class, response_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_error_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_focus_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, personnummer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, postal_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, municipality_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, protected_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, existing_clicked_cb);
}

static void
anv_seeker_form_init (AnvSeekerForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_info_bar_name_close_button (self->save_error_bar);
  anv_dialog_keep_until_idle (GTK_WIDGET (self));

  self->postal_code_valid = TRUE;
  self->municipality_valid = TRUE;
}


/*
 * Public API
 */

GtkWidget *
anv_seeker_form_new (GtkWindow  *parent,
                     AnvContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_SEEKER_FORM,
                       "use-header-bar", TRUE,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

/**
 * anv_seeker_form_get_personnummer:
 * @self: an #AnvSeekerForm
 *
 * Returns: (nullable): the saved or the existing person's personnummer, 12
 *   digits, once the dialog ended with %GTK_RESPONSE_OK or
 *   %ANV_SEEKER_FORM_RESPONSE_EXISTING
 */
const char *
anv_seeker_form_get_personnummer (AnvSeekerForm *self)
{
  g_return_val_if_fail (ANV_IS_SEEKER_FORM (self), NULL);

  return self->personnummer;
}
