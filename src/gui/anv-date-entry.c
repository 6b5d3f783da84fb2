/* anv-date-entry.c — a date typed as YYYY-MM-DD, or chosen in a calendar
 *
 * The referral dialogs and the audit log's filter type dates the same way:
 * an entry for the ISO date, a button beside it with a calendar whose keys
 * move the date itself, and an in-field error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-date-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-date-entry.h"

struct _AnvDateEntry
{
  GtkBox       parent_instance;

  /* Template widgets */
  GtkEntry    *entry;
  GtkWidget   *button;
  GtkPopover  *popover;
  GtkCalendar *calendar;

  char        *calendar_label;    /* given; NULL: one made from the field's name */
  char        *field_name;        /* what the field is called, e.g. "From" */
  GDate        fallback;         /* invalid: none */
  gboolean     updating;         /* set while the code moves the calendar */
};

static void anv_date_entry_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnvDateEntry, anv_date_entry, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      anv_date_entry_buildable_init))

enum
{
  PROP_0,
  PROP_CALENDAR_LABEL,
  PROP_FIELD_NAME,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS] = { NULL, };
static guint signals[N_SIGNALS];
static GtkBuildableIface *parent_buildable_iface;


/*
 * Auxiliary methods
 */

/* The parts take the date entry's id as their prefix, so that a dialog
 * with two date entries has date_entry and planned_entry apart. */
static void
name_parts (AnvDateEntry *self,
            const char   *name)
{
  struct { gpointer part; const char *suffix; } parts[] = {
    { self->entry, "entry" }, { self->button, "button" }, { self->popover, "popover" },
    { self->calendar, "calendar" },
  };

  if (name == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].part != NULL)
      {
        g_autofree char *part_name = g_strconcat (name, "_", parts[i].suffix, NULL);

        gtk_buildable_set_name (GTK_BUILDABLE (parts[i].part), part_name);
      }
}

/* The calendar button's tooltip and accessible name: the one given, else
 * one with the field's name, so that a screen reader tells the buttons of
 * two date fields apart. */
static char *
dup_calendar_label (AnvDateEntry *self)
{
  if (self->calendar_label != NULL)
    return g_strdup (self->calendar_label);
  if (self->field_name != NULL)
    /* Translators: the name of a date field's calendar button; %s is the
     * field's name, as "From" or "Decision date" */
    return g_strdup_printf (_("%s: choose the date in a calendar"), self->field_name);
  return g_strdup (_("Choose the date in a calendar"));
}

static void
update_calendar_label (AnvDateEntry *self)
{
  g_autofree char *label = dup_calendar_label (self);

  gtk_widget_set_tooltip_text (self->button, label);
  atk_object_set_name (gtk_widget_get_accessible (self->button), label);
}

static void
set_calendar_label (AnvDateEntry *self,
                    const char   *label)
{
  if (g_strcmp0 (label, self->calendar_label) == 0)
    return;
  g_free (self->calendar_label);
  self->calendar_label = g_strdup (label);
  update_calendar_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALENDAR_LABEL]);
}

/* The entry's accessible name, and with it the calendar button's */
static void
set_field_name (AnvDateEntry *self,
                const char   *name)
{
  if (g_strcmp0 (name, self->field_name) == 0)
    return;
  g_free (self->field_name);
  self->field_name = g_strdup (name);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->entry)),
                       name != NULL ? name : "");
  update_calendar_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD_NAME]);
}

/* The calendar on the date typed, or on the fallback */
static void
sync_calendar (AnvDateEntry *self)
{
  GDate date;

  if (!anv_date_entry_get_date (self, &date))
    {
      if (!g_date_valid (&self->fallback))
        return;
      date = self->fallback;
    }
  self->updating = TRUE;
  gtk_calendar_select_month (self->calendar, g_date_get_month (&date) - 1,
                             g_date_get_year (&date));
  gtk_calendar_select_day (self->calendar, g_date_get_day (&date));
  self->updating = FALSE;
}


/*
 * Callbacks
 */

static void
entry_changed_cb (GtkEntry     *entry,
                  AnvDateEntry *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
popover_show_cb (GtkWidget    *popover,
                 AnvDateEntry *self)
{
  sync_calendar (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
calendar_day_selected_cb (GtkCalendar  *calendar,
                          AnvDateEntry *self)
{
  guint year, month, day;
  GDate date;

  if (self->updating)
    return;
  gtk_calendar_get_date (calendar, &year, &month, &day);
  if (day == 0 || !g_date_valid_dmy (day, month + 1, year))
    return;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month + 1, year);
  anv_date_entry_set_date (self, &date);
}

static void
calendar_double_click_cb (GtkCalendar  *calendar,
                          AnvDateEntry *self)
{
  gtk_popover_popdown (self->popover);
}

/* GTK's calendar moves a keyboard cursor of its own that starts apart from
 * the selected day, so the first arrow key would jump. Here the keys move
 * the selected date itself, across months too: arrows a day or a week,
 * Page Up/Down a month; Enter takes the date and closes. */
static gboolean
calendar_key_press_cb (GtkCalendar  *calendar,
                       GdkEventKey  *event,
                       AnvDateEntry *self)
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
      gtk_popover_popdown (self->popover);
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


/*
 * GtkBuildable overrides
 */

static void
anv_date_entry_buildable_set_name (GtkBuildable *buildable,
                                   const char   *name)
{
  parent_buildable_iface->set_name (buildable, name);
  name_parts (ANV_DATE_ENTRY (buildable), name);
}

static void
anv_date_entry_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->set_name = anv_date_entry_buildable_set_name;
  iface->get_name = parent_buildable_iface->get_name;
}


/*
 * GtkWidget overrides
 */

/* A label's mnemonic, or focus given to the whole: into the entry */
static gboolean
anv_date_entry_mnemonic_activate (GtkWidget *widget,
                                  gboolean   group_cycling)
{
  gtk_widget_grab_focus (GTK_WIDGET (ANV_DATE_ENTRY (widget)->entry));
  return TRUE;
}


/*
 * GObject overrides
 */

static void
anv_date_entry_finalize (GObject *object)
{
  AnvDateEntry *self = ANV_DATE_ENTRY (object);

  g_clear_pointer (&self->calendar_label, g_free);
  g_clear_pointer (&self->field_name, g_free);

  G_OBJECT_CLASS (anv_date_entry_parent_class)->finalize (object);
}

static void
anv_date_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AnvDateEntry *self = ANV_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_CALENDAR_LABEL:
      g_value_take_string (value, dup_calendar_label (self));
      break;
    case PROP_FIELD_NAME:
      g_value_set_string (value, self->field_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_date_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AnvDateEntry *self = ANV_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_CALENDAR_LABEL:
      set_calendar_label (self, g_value_get_string (value));
      break;
    case PROP_FIELD_NAME:
      set_field_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_date_entry_class_init (AnvDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = anv_date_entry_finalize;
  object_class->get_property = anv_date_entry_get_property;
  object_class->set_property = anv_date_entry_set_property;

  widget_class->mnemonic_activate = anv_date_entry_mnemonic_activate;

  /* The calendar button's tooltip and accessible name; unset: one made
   * from the field's name */
  properties[PROP_CALENDAR_LABEL] =
    g_param_spec_string ("calendar-label", "Calendar label",
                         "What the calendar's button says it does", NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The field's name for a screen reader, on the entry and in the
   * calendar button's name, e.g. "From" */
  properties[PROP_FIELD_NAME] =
    g_param_spec_string ("field-name", "Field name",
                         "What a screen reader calls the date field", NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-date-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvDateEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, AnvDateEntry, button);
  gtk_widget_class_bind_template_child (widget_class, AnvDateEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, AnvDateEntry, calendar);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_double_click_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_key_press_cb);
}

static void
anv_date_entry_init (AnvDateEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->fallback, 1);
  update_calendar_label (self);
  name_parts (self, gtk_buildable_get_name (GTK_BUILDABLE (self)));
}


/*
 * Public API
 */

GtkWidget *
anv_date_entry_new (void)
{
  return g_object_new (ANV_TYPE_DATE_ENTRY, NULL);
}

GtkEntry *
anv_date_entry_get_entry (AnvDateEntry *self)
{
  g_return_val_if_fail (ANV_IS_DATE_ENTRY (self), NULL);

  return self->entry;
}

gboolean
anv_date_entry_get_date (AnvDateEntry *self,
                         GDate        *out)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ANV_IS_DATE_ENTRY (self), FALSE);

  text = g_strstrip (g_strdup (gtk_entry_get_text (self->entry)));
  return anv_date_parse (text, out, NULL);
}

void
anv_date_entry_set_date (AnvDateEntry *self,
                         const GDate  *date)
{
  char day[11];

  g_return_if_fail (ANV_IS_DATE_ENTRY (self));

  anv_date_format (date, day);
  gtk_entry_set_text (self->entry, day);
}

void
anv_date_entry_set_fallback (AnvDateEntry *self,
                             const GDate  *date)
{
  g_return_if_fail (ANV_IS_DATE_ENTRY (self));

  if (date != NULL)
    self->fallback = *date;
  else
    g_date_clear (&self->fallback, 1);
}

void
anv_date_entry_set_error (AnvDateEntry *self,
                          const char   *message)
{
  GtkStyleContext *context;

  g_return_if_fail (ANV_IS_DATE_ENTRY (self));

  context = gtk_widget_get_style_context (GTK_WIDGET (self->entry));
  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_SECONDARY,
                                     message ? "dialog-error-symbolic" : NULL);
  gtk_entry_set_icon_tooltip_text (self->entry, GTK_ENTRY_ICON_SECONDARY, message);
  if (message)
    gtk_style_context_add_class (context, GTK_STYLE_CLASS_ERROR);
  else
    gtk_style_context_remove_class (context, GTK_STYLE_CLASS_ERROR);
}

void
anv_date_entry_set_accessible_name (AnvDateEntry *self,
                                    const char   *name)
{
  g_return_if_fail (ANV_IS_DATE_ENTRY (self));

  set_field_name (self, name);
}
