/* anv-audit-dialog.c — the audit log, for a supervisor to read and filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-audit-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-audit-dialog.h"
#include "anv-date.h"
#include "anv-date-entry.h"
#include "anv-dialog.h"
#include "anv-i18n.h"

#define PAGE_SIZE 200

enum
{
  COLUMN_AT,
  COLUMN_ACTOR,
  COLUMN_ACTION,
  COLUMN_RECORD,
  COLUMN_DETAILS,
  COLUMN_DETAILS_TOOLTIP,
};

struct _AnvAuditDialog
{
  GtkDialog     parent_instance;

  AnvContext   *context;

  GtkLabel     *from_title;
  AnvDateEntry *from_date;   /* "from" in the template: its entry is from_entry */
  GtkLabel     *to_title;
  AnvDateEntry *to_date;
  GtkEntry     *user_entry;
  GtkLabel     *message_label;
  GtkListStore *entries_store;

  char         *from;        /* the filter in force, NULL: none */
  char         *to;
  char         *user;
  gint64        last_id;     /* the oldest entry shown, 0: none yet */
  gboolean      complete;    /* every entry of the filter is shown */
  guint         shown;
};

G_DEFINE_FINAL_TYPE (AnvAuditDialog, anv_audit_dialog, GTK_TYPE_DIALOG)

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

/* The time in the officer's own zone; the log keeps UTC. */
static char *
format_time (const char *at)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static void
update_message (AnvAuditDialog *self)
{
  g_autofree char *text = NULL;
  g_autofree char *count = anv_format_count (self->shown);

  if (self->shown == 0)
    text = g_strdup (_("No entries match."));
  else if (self->complete)
    /* Translators: %s is a number of entries, grouped as in "12 199" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry.", "%s entries.",
                                         self->shown), count);
  else
    /* Translators: %s is a number of entries, grouped as in "12 199"; more follow
     * when scrolling */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The newest %s entry; scroll down for more.",
                                         "The newest %s entries; scroll down for more.",
                                         self->shown), count);
  gtk_label_set_text (self->message_label, text);
}

/* Reads a date entry: TRUE with *@out NULL when empty. */
static gboolean
read_date (AnvDateEntry  *date_entry,
           char         **out,
           GError       **error)
{
  const char *text = gtk_entry_get_text (anv_date_entry_get_entry (date_entry));
  GDate date;
  char formatted[11];

  *out = NULL;
  if (*text == '\0')
    return TRUE;
  if (!anv_date_parse (text, &date, error))
    return FALSE;
  anv_date_format (&date, formatted);
  *out = g_strdup (formatted);
  return TRUE;
}

static void
reload (AnvAuditDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *user = gtk_entry_get_text (self->user_entry);

  /* A wrong date is marked in its field, as in the other date fields, and
   * said under them; the list stays as it was. */
  if (!read_date (self->from_date, &from, &error))
    {
      anv_date_entry_set_error (self->from_date, error->message);
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  anv_date_entry_set_error (self->from_date, NULL);
  if (!read_date (self->to_date, &to, &error))
    {
      anv_date_entry_set_error (self->to_date, error->message);
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  anv_date_entry_set_error (self->to_date, NULL);

  g_free (self->from);
  g_free (self->to);
  g_free (self->user);
  self->from = g_steal_pointer (&from);
  self->to = g_steal_pointer (&to);
  self->user = *user != '\0' ? g_strdup (user) : NULL;
  self->last_id = 0;
  self->complete = FALSE;
  self->shown = 0;
  gtk_list_store_clear (self->entries_store);
  anv_audit_dialog_load_more (self);
}


/* An empty date field's calendar opens on the context's today */
static void
update_fallback (AnvAuditDialog *self)
{
  GDate today;

  anv_context_get_today (self->context, &today);
  anv_date_entry_set_fallback (self->from_date, &today);
  anv_date_entry_set_fallback (self->to_date, &today);
}


/*
 * Callbacks
 */

static void
today_changed_cb (AnvAuditDialog *self)
{
  update_fallback (self);
}

static void
filter_changed_cb (AnvAuditDialog *self)
{
  reload (self);
}

static void
edge_reached_cb (AnvAuditDialog  *self,
                 GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM)
    anv_audit_dialog_load_more (self);
}

static void
response_cb (GtkDialog *dialog,
             int        response,
             gpointer   user_data)
{
  gtk_widget_destroy (GTK_WIDGET (dialog));
}


/*
 * GObject overrides
 */

static void
anv_audit_dialog_constructed (GObject *object)
{
  AnvAuditDialog *self = ANV_AUDIT_DIALOG (object);

  G_OBJECT_CLASS (anv_audit_dialog_parent_class)->constructed (object);
  update_fallback (self);
  g_signal_connect_object (self->context, "notify::today", G_CALLBACK (today_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
anv_audit_dialog_dispose (GObject *object)
{
  AnvAuditDialog *self = ANV_AUDIT_DIALOG (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_audit_dialog_parent_class)->dispose (object);
}

static void
anv_audit_dialog_finalize (GObject *object)
{
  AnvAuditDialog *self = ANV_AUDIT_DIALOG (object);

  g_free (self->from);
  g_free (self->to);
  g_free (self->user);

  G_OBJECT_CLASS (anv_audit_dialog_parent_class)->finalize (object);
}

static void
anv_audit_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AnvAuditDialog *self = ANV_AUDIT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_audit_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AnvAuditDialog *self = ANV_AUDIT_DIALOG (object);

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
anv_audit_dialog_class_init (AnvAuditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_audit_dialog_constructed;
  object_class->dispose = anv_audit_dialog_dispose;
  object_class->finalize = anv_audit_dialog_finalize;
  object_class->set_property = anv_audit_dialog_set_property;
  object_class->get_property = anv_audit_dialog_get_property;

  /**
   * AnvAuditDialog:context:
   *
   * The window's context, whose database's audit log the dialog lists.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context", "Context",
                                                  "What the window's pages share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANV_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/anvisa/Anvisa/ui/anv-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvAuditDialog, from_title);
  gtk_widget_class_bind_template_child_full (widget_class, "from", FALSE,
                                             G_STRUCT_OFFSET (AnvAuditDialog, from_date));
  gtk_widget_class_bind_template_child (widget_class, AnvAuditDialog, to_title);
  gtk_widget_class_bind_template_child_full (widget_class, "to", FALSE,
                                             G_STRUCT_OFFSET (AnvAuditDialog, to_date));
  gtk_widget_class_bind_template_child (widget_class, AnvAuditDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvAuditDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, AnvAuditDialog, entries_store);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
anv_audit_dialog_init (AnvAuditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The titles name the entries themselves, for the mnemonic and a screen reader */
  gtk_label_set_mnemonic_widget (self->from_title,
                                 GTK_WIDGET (anv_date_entry_get_entry (self->from_date)));
  gtk_label_set_mnemonic_widget (self->to_title,
                                 GTK_WIDGET (anv_date_entry_get_entry (self->to_date)));
  anv_dialog_keep_until_idle (GTK_WIDGET (self));
}

GtkWidget *
anv_audit_dialog_new (GtkWindow  *parent,
                      AnvContext *context)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_AUDIT_DIALOG,
                       "context", context,
                       "transient-for", parent,
                       "use-header-bar", FALSE,
                       NULL);
}

gboolean
anv_audit_dialog_load_more (AnvAuditDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  g_return_val_if_fail (ANV_IS_AUDIT_DIALOG (self), FALSE);

  if (self->complete)
    return FALSE;

  entries = anv_audit_list_before (anv_context_get_db (self->context), self->from, self->to,
                                   self->user, self->last_id, PAGE_SIZE, &error);
  if (entries == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      return FALSE;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const AnvAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *at = format_time (e->at);
      g_autoptr (AnvAuditDescription) said = anv_audit_describe (e);
      g_autofree char *actor = g_utf8_make_valid (e->actor ? e->actor : "", -1);
      g_autofree char *tooltip = g_markup_escape_text (said->details, -1);

      gtk_list_store_insert_with_values (self->entries_store, NULL, -1,
                                         COLUMN_AT, at,
                                         COLUMN_ACTOR, actor,
                                         COLUMN_ACTION, said->event,
                                         COLUMN_RECORD, said->record,
                                         COLUMN_DETAILS, said->details,
                                         COLUMN_DETAILS_TOOLTIP, *tooltip ? tooltip : NULL,
                                         -1);
      self->last_id = e->id;
    }
  self->shown += entries->len;
  self->complete = entries->len < PAGE_SIZE;
  update_message (self);
  return !self->complete;
}
