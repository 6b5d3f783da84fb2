/* anv-revisions-dialog.c — the changes of published figures, with who, when and why
 *
 * One line per changed figure of a closed month, as anvisa-cli publish
 * revisions prints it, in the order the changes were made. Built in code:
 * a list and a close button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-revisions-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-publish.h"
#include "anv-revisions-dialog.h"

struct _AnvRevisionsDialog
{
  GtkDialog   parent_instance;

  GtkListBox *list;
  GtkLabel   *empty_label;

  AnvContext *context;
  char       *month;     /* NULL: every closed month */
};

G_DEFINE_FINAL_TYPE (AnvRevisionsDialog, anv_revisions_dialog, GTK_TYPE_DIALOG)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_MONTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static void
load (AnvRevisionsDialog *self)
{
  AnvDb *db = anv_context_get_db (self->context);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) revisions = anv_publish_revisions (db, self->month, &error);

  if (revisions == NULL)
    {
      gtk_label_set_text (self->empty_label, error->message);
      return;
    }
  for (guint i = 0; i < revisions->len; i++)
    {
      g_autofree char *text = anv_publish_describe_revision (db,
                                                             g_ptr_array_index (revisions, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      g_object_set (label, "margin", 6, NULL);
      gtk_widget_show (label);
      gtk_list_box_insert (self->list, label, -1);
    }
  if (revisions->len == 0)
    gtk_label_set_text (self->empty_label,
                        self->month ? _("No published figure of this month has changed since "
                                        "it was closed.")
                                    : _("No published figure has changed."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), revisions->len == 0);
}

static void
anv_revisions_dialog_constructed (GObject *object)
{
  AnvRevisionsDialog *self = ANV_REVISIONS_DIALOG (object);
  GtkWidget *area = gtk_dialog_get_content_area (GTK_DIALOG (self));
  GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *intro;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (anv_revisions_dialog_parent_class)->constructed (object);

  if (self->month != NULL)
    {
      g_autofree char *month = anv_date_format_month (self->month, FALSE);

      /* Translators: the title of the list of revisions; %s is a month (“april 2020”) */
      title = g_strdup_printf (_("Revisions of %s"), month);
    }
  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("Revisions of Published Figures"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 420);

  intro = gtk_label_new (_("Each line is a figure of a closed month that a later change moved: "
                           "its value as published and now, when, by whom and why. Exports for "
                           "publishing keep the published figures."));
  gtk_label_set_line_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  g_object_set (intro, "margin", 12, NULL);
  gtk_container_add (GTK_CONTAINER (area), intro);

  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_buildable_set_name (GTK_BUILDABLE (self->empty_label), "empty_label");
  gtk_container_add (GTK_CONTAINER (area), GTK_WIDGET (self->empty_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_buildable_set_name (GTK_BUILDABLE (self->list), "revisions_list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_container_add (GTK_CONTAINER (scrolled), GTK_WIDGET (self->list));
  gtk_container_add (GTK_CONTAINER (area), scrolled);
  gtk_widget_show_all (area);

  gtk_dialog_add_button (GTK_DIALOG (self), _("_Close"), GTK_RESPONSE_CLOSE);
  g_signal_connect (self, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  load (self);
}

static void
anv_revisions_dialog_finalize (GObject *object)
{
  AnvRevisionsDialog *self = ANV_REVISIONS_DIALOG (object);

  g_free (self->month);
  G_OBJECT_CLASS (anv_revisions_dialog_parent_class)->finalize (object);
}

static void
anv_revisions_dialog_dispose (GObject *object)
{
  AnvRevisionsDialog *self = ANV_REVISIONS_DIALOG (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (anv_revisions_dialog_parent_class)->dispose (object);
}

static void
anv_revisions_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AnvRevisionsDialog *self = ANV_REVISIONS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_MONTH:
      self->month = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_revisions_dialog_class_init (AnvRevisionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = anv_revisions_dialog_constructed;
  object_class->dispose = anv_revisions_dialog_dispose;
  object_class->finalize = anv_revisions_dialog_finalize;
  object_class->set_property = anv_revisions_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ANV_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONTH] =
    g_param_spec_string ("month", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
anv_revisions_dialog_init (AnvRevisionsDialog *self)
{
}

GtkWidget *
anv_revisions_dialog_new (GtkWindow  *parent,
                          AnvContext *context,
                          const char *month)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_REVISIONS_DIALOG,
                       "context", context,
                       "month", month,
                       "transient-for", parent,
                       "use-header-bar", FALSE,
                       NULL);
}
