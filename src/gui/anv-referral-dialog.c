/* anv-referral-dialog.c — what the window asks of a dialog that records a referral
 *
 * Deciding a referral (anv-decide-dialog.c) and its later events
 * (anv-referral-event-dialog.c) are two dialogs; the window opens either
 * through anv_referral_dialog_new() and reads back the same three things.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-referral-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-decide-dialog.h"
#include "anv-personnummer.h"
#include "anv-referral-dialog.h"
#include "anv-referral-event-dialog.h"

G_DEFINE_INTERFACE (AnvReferralDialog, anv_referral_dialog, GTK_TYPE_DIALOG)

/* The form's widgets and course, kept on the dialog */
typedef struct
{
  GtkInfoBar *info_bar;
  GtkLabel   *error_label;
  GtkLabel   *confirm_label;
  GtkImage   *confirm_icon;
  GtkWidget  *save_button;

  char       *saved_message;   /* what was saved, once it is */
  gboolean    saving;
  gboolean    save_failed;     /* the info bar says why the last save failed */
} Form;

#define FORM_KEY "anv-referral-dialog-form"


static void
anv_referral_dialog_default_init (AnvReferralDialogInterface *iface)
{
}


/*
 * Auxiliary methods
 */

static Form *
get_form (AnvReferralDialog *self)
{
  Form *form = g_object_get_data (G_OBJECT (self), FORM_KEY);

  g_return_val_if_fail (form != NULL, NULL);
  return form;
}

static void
free_form (gpointer data)
{
  Form *form = data;

  g_free (form->saved_message);
  g_free (form);
}

static void
hide_error (Form *form)
{
  form->save_failed = FALSE;
  gtk_widget_hide (GTK_WIDGET (form->info_bar));
}


/*
 * Callbacks
 */

static void
response_cb (GtkDialog *dialog,
             int        response,
             gpointer   user_data)
{
  AnvReferralDialog *self = ANV_REFERRAL_DIALOG (dialog);
  Form *form = get_form (self);
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

  if (!anv_referral_dialog_update_state (self))
    {
      g_signal_stop_emission_by_name (dialog, "response");
      return;
    }

  hide_error (form);
  form->saving = TRUE;
  saved = ANV_REFERRAL_DIALOG_GET_IFACE (self)->save (self, &error);
  form->saving = FALSE;
  if (saved)
    {
      g_free (form->saved_message);
      form->saved_message = ANV_REFERRAL_DIALOG_GET_IFACE (self)->describe_saved (self);
    }
  else
    {
      /* The dialog stays, with everything typed, and says why */
      g_autoptr (AnvContext) context = NULL;
      g_autofree char *message = NULL;

      g_signal_stop_emission_by_name (dialog, "response");
      /* A refusal by the server in the words of the login's role */
      g_object_get (self, "context", &context, NULL);
      message = context != NULL ? anv_context_explain_error (context, error)
        : g_strdup (error->message);
      anv_referral_dialog_show_error (self, message);
      form->save_failed = TRUE;
    }
}

/* Escape cancels */
static void
close_cb (GtkDialog *dialog,
          gpointer   user_data)
{
  g_signal_stop_emission_by_name (dialog, "close");
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
}

static void
info_bar_response_cb (GtkInfoBar *info_bar,
                      int         response,
                      Form       *form)
{
  hide_error (form);
}


/*
 * Public API
 */

GtkWidget *
anv_referral_dialog_new (GtkWindow             *parent,
                         AnvContext            *context,
                         const char            *personnummer,
                         AnvReferralDialogKind  kind)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (personnummer != NULL, NULL);

  if (kind == ANV_REFERRAL_DIALOG_DECIDE)
    return anv_decide_dialog_new (parent, context, personnummer);
  return anv_referral_event_dialog_new (parent, context, personnummer, kind);
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

  return ANV_REFERRAL_DIALOG_GET_IFACE (self)->get_kind (self);
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
  AnvReferralDialogInterface *iface;

  g_return_val_if_fail (ANV_IS_REFERRAL_DIALOG (self), NULL);

  iface = ANV_REFERRAL_DIALOG_GET_IFACE (self);
  return iface->get_provider ? iface->get_provider (self) : NULL;
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

  return get_form (self)->saved_message;
}

/* Ctrl+Enter saves from anywhere in the form, as Enter does in a field;
 * Enter on a closed list (the level) saves too, rather than opening the
 * list again that was just chosen from (Space and Alt+Down open it). */
static gboolean
key_press_cb (GtkWidget   *dialog,
              GdkEventKey *event,
              Form        *form)
{
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  /* A list without an entry hands its focus to a button inside it */
  GtkWidget *combo = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_COMBO_BOX) : NULL;
  gboolean enter = event->keyval == GDK_KEY_Return || event->keyval == GDK_KEY_KP_Enter
    || event->keyval == GDK_KEY_ISO_Enter;

  if (!enter)
    return GDK_EVENT_PROPAGATE;
  if (mods == GDK_CONTROL_MASK
      || (mods == 0 && combo != NULL
          && !gtk_combo_box_get_has_entry (GTK_COMBO_BOX (combo))))
    {
      if (gtk_widget_is_sensitive (form->save_button))
        gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
      else
        gtk_widget_error_bell (dialog);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

void
anv_referral_dialog_set_up_form (AnvReferralDialog *self,
                                 GtkInfoBar        *info_bar,
                                 GtkLabel          *error_label,
                                 GtkLabel          *confirm_label,
                                 GtkImage          *confirm_icon,
                                 GtkWidget         *save_button)
{
  Form *form;

  g_return_if_fail (ANV_IS_REFERRAL_DIALOG (self));
  g_return_if_fail (g_object_get_data (G_OBJECT (self), FORM_KEY) == NULL);

  form = g_new0 (Form, 1);
  form->info_bar = info_bar;
  form->error_label = error_label;
  form->confirm_label = confirm_label;
  form->confirm_icon = confirm_icon;
  form->save_button = save_button;
  g_object_set_data_full (G_OBJECT (self), FORM_KEY, form, free_form);

  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
  g_signal_connect (self, "close", G_CALLBACK (close_cb), NULL);
  g_signal_connect (info_bar, "response", G_CALLBACK (info_bar_response_cb), form);
  g_signal_connect (self, "key-press-event", G_CALLBACK (key_press_cb), form);
  gtk_dialog_set_default_response (GTK_DIALOG (self), GTK_RESPONSE_OK);
}

gboolean
anv_referral_dialog_update_state (AnvReferralDialog *self)
{
  g_autofree char *problem = NULL;
  g_autofree char *confirmation = NULL;
  GtkStyleContext *context;
  Form *form;

  g_return_val_if_fail (ANV_IS_REFERRAL_DIALOG (self), FALSE);

  form = get_form (self);
  context = gtk_widget_get_style_context (GTK_WIDGET (form->confirm_label));

  /* Why the last save failed holds for what was typed then: once the form
   * changes, only the message about the form as it is now is shown. */
  if (form->save_failed && !form->saving)
    hide_error (form);

  confirmation = ANV_REFERRAL_DIALOG_GET_IFACE (self)->confirm (self, &problem);
  if (confirmation != NULL)
    {
      gtk_label_set_text (form->confirm_label, confirmation);
      gtk_style_context_remove_class (context, GTK_STYLE_CLASS_DIM_LABEL);
      /* A check mark: the theme's question mark (a diamond) reads as a
       * missing icon's glyph */
      gtk_image_set_from_icon_name (form->confirm_icon, "object-select-symbolic",
                                    GTK_ICON_SIZE_BUTTON);
    }
  else
    {
      gtk_label_set_text (form->confirm_label, problem ? problem : "");
      gtk_style_context_add_class (context, GTK_STYLE_CLASS_DIM_LABEL);
      gtk_image_set_from_icon_name (form->confirm_icon, "dialog-information-symbolic",
                                    GTK_ICON_SIZE_BUTTON);
    }
  gtk_widget_set_sensitive (form->save_button, confirmation != NULL);
  return confirmation != NULL;
}

void
anv_referral_dialog_show_error (AnvReferralDialog *self,
                                const char        *message)
{
  Form *form;

  g_return_if_fail (ANV_IS_REFERRAL_DIALOG (self));

  form = get_form (self);
  gtk_label_set_text (form->error_label, message);
  gtk_widget_show (GTK_WIDGET (form->info_bar));
}

gboolean
anv_referral_dialog_is_saving (AnvReferralDialog *self)
{
  g_return_val_if_fail (ANV_IS_REFERRAL_DIALOG (self), FALSE);

  return get_form (self)->saving;
}

void
anv_referral_dialog_show_person (AnvReferralDialog *self,
                                 GtkLabel          *label,
                                 const AnvSeeker   *seeker,
                                 const char        *personnummer)
{
  g_autofree char *person = anv_referral_dialog_describe_person (seeker, personnummer);
  GtkWidget *header_bar = gtk_dialog_get_header_bar (GTK_DIALOG (self));

  if (seeker != NULL)
    {
      /* Translators: the person and where they live, e.g.
       * "19850101-**** Anna Andersson, Umeå" */
      g_autofree char *text = g_strdup_printf (_("%1$s, %2$s"), person,
                                               seeker->municipality_name);

      gtk_label_set_text (label, text);
    }
  else
    gtk_label_set_text (label, person);

  if (GTK_IS_HEADER_BAR (header_bar))
    gtk_header_bar_set_subtitle (GTK_HEADER_BAR (header_bar), person);
}

char *
anv_referral_dialog_describe_person (const AnvSeeker *seeker,
                                     const char      *personnummer)
{
  g_autofree char *masked = NULL;

  if (seeker == NULL)
    return anv_personnummer_format_masked (personnummer);
  masked = anv_personnummer_format_masked (seeker->personnummer);
  /* Translators: masked personnummer and name, e.g. "19850101-**** Anna Andersson" */
  return g_strdup_printf (_("%1$s %2$s"), masked, seeker->name);
}

char *
anv_referral_dialog_describe_too_early (const GDate *earliest)
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
