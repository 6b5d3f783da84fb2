/* anv-area-form.c — the form that defines a delivery area
 *
 * A name, a service and the municipalities, ticked in a list of all 290
 * that a search by municipality, county or code narrows. A name that is
 * taken is said as it is typed; the area is saved through the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-area-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-area-form.h"
#include "anv-context.h"
#include "anv-delivery-areas.h"
#include "anv-form-field.h"
#include "anv-municipalities.h"
#include "anv-text.h"

struct _AnvAreaForm
{
  GtkBox          parent_instance;

  /* Template widgets */
  GtkEntry       *area_name_entry;
  GtkComboBox    *area_service_combo;
  GtkSearchEntry *area_search_entry;
  GtkListBox     *area_municipalities_list;
  GtkLabel       *area_count_label;
  GtkLabel       *area_message;
  GtkWidget      *area_save_button;

  AnvContext     *context;
  GPtrArray      *municipalities;   /* AnvMunicipality, by code */
  GPtrArray      *checks;           /* GtkCheckButton, as municipalities */
  GHashTable     *taken_names;      /* folded names of the areas there are */
  char           *search_key;       /* folded; NULL: everything */
};

G_DEFINE_FINAL_TYPE (AnvAreaForm, anv_area_form, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

enum
{
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS] = { 0, };

static void changed_cb (AnvAreaForm *self);


/*
 * Auxiliary methods
 */

static void
update_count (AnvAreaForm *self)
{
  g_autofree char *text = NULL;
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->checks, i)))
      n++;

  if (n == 0)
    text = g_strdup (_("No municipality ticked"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u municipality ticked",
                                         "%u municipalities ticked",
                                         n),
                            n);
  gtk_label_set_text (self->area_count_label, text);
}

static void
add_check (AnvAreaForm     *self,
           AnvMunicipality *municipality)
{
  g_autofree char *key = NULL;
  GtkWidget *row, *box, *check, *county;

  check = gtk_check_button_new_with_label (municipality->short_name);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (changed_cb), self);
  g_ptr_array_add (self->checks, check);

  county = gtk_label_new (municipality->county_name);
  gtk_label_set_xalign (GTK_LABEL (county), 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (county), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (county, TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (county),
                               GTK_STYLE_CLASS_DIM_LABEL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_container_add (GTK_CONTAINER (box), check);
  gtk_container_add (GTK_CONTAINER (box), county);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_can_focus (row, FALSE);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_show_all (row);

  key = g_strconcat (municipality->short_name, " ", municipality->county_name, " ",
                     municipality->code, NULL);
  g_object_set_data_full (G_OBJECT (row), "search-key", anv_text_fold (key), g_free);
  g_object_set_data (G_OBJECT (row), "code", municipality->code);
  g_object_set_data (G_OBJECT (row), "check", check);

  gtk_container_add (GTK_CONTAINER (self->area_municipalities_list), row);
}

static GStrv
get_ticked_codes (AnvAreaForm *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->checks->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);

      if (gtk_toggle_button_get_active (g_ptr_array_index (self->checks, i)))
        g_strv_builder_add (builder, municipality->code);
    }

  return g_strv_builder_end (builder);
}

static void
untick_all (AnvAreaForm *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
}


/*
 * Callbacks
 */

static void
changed_cb (AnvAreaForm *self)
{
  g_autofree char *text = anv_form_field_get_text (self->area_name_entry);
  g_autofree char *folded = anv_text_fold (text);
  gboolean valid = TRUE;

  update_count (self);
  anv_form_field_set_message (self->area_message, NULL);

  if (*folded == '\0')
    valid = FALSE;
  else if (g_hash_table_contains (self->taken_names, folded))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the name of a delivery area */
      message = g_strdup_printf (_("There is a delivery area named “%s” already. Choose "
                                   "another name."), text);
      anv_form_field_set_message (self->area_message, message);
      valid = FALSE;
    }

  if (gtk_combo_box_get_active_id (self->area_service_combo) == NULL)
    valid = FALSE;

  if (valid)
    {
      g_auto (GStrv) codes = get_ticked_codes (self);

      valid = codes[0] != NULL;
    }

  gtk_widget_set_sensitive (self->area_save_button, valid);
}

static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       user_data)
{
  AnvAreaForm *self = ANV_AREA_FORM (user_data);
  const char *key;

  if (self->search_key == NULL)
    return TRUE;

  key = g_object_get_data (G_OBJECT (row), "search-key");
  return key != NULL && strstr (key, self->search_key) != NULL;
}

/* The check button @step places from @from among the municipalities shown
 * (from before the first, NULL, or after the last when @step is negative);
 * the last one there is if fewer are; NULL: none */
static GtkWidget *
find_shown_check (AnvAreaForm *self,
                  GtkWidget   *from,
                  int          step)
{
  int n = (int) self->checks->len;
  int dir = step > 0 ? 1 : -1;
  int left = ABS (step);
  int i = dir > 0 ? -1 : n;
  GtkWidget *found = NULL;

  for (int j = 0; from != NULL && j < n; j++)
    if (g_ptr_array_index (self->checks, j) == from)
      i = j;
  for (i += dir; i >= 0 && i < n && left > 0; i += dir)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);
      GtkWidget *row = gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX_ROW);

      if (gtk_widget_get_child_visible (row))
        {
          found = check;
          left--;
        }
    }
  return found;
}

/* The check button that has the focus, or NULL */
static GtkWidget *
get_focused_check (AnvAreaForm *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_widget_has_focus (g_ptr_array_index (self->checks, i)))
      return g_ptr_array_index (self->checks, i);
  return NULL;
}

static void
search_changed_cb (AnvAreaForm *self)
{
  g_autofree char *text = anv_form_field_get_text (GTK_ENTRY (self->area_search_entry));
  g_autofree char *key = anv_text_fold (text);

  g_clear_pointer (&self->search_key, g_free);
  if (*key != '\0')
    self->search_key = g_steal_pointer (&key);

  gtk_list_box_invalidate_filter (self->area_municipalities_list);
}

static void
tick_shown_cb (AnvAreaForm *self)
{
  GtkContainer *list = GTK_CONTAINER (self->area_municipalities_list);
  g_autoptr (GList) rows = gtk_container_get_children (list);

  for (GList *l = rows; l != NULL; l = l->next)
    {
      if (filter_cb (l->data, self))
        gtk_toggle_button_set_active (g_object_get_data (l->data, "check"), TRUE);
    }
}

static void
clear_cb (AnvAreaForm *self)
{
  untick_all (self);
}

static void
save_cb (AnvAreaForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto (GStrv) codes = NULL;
  AnvService service;

  if (!gtk_widget_get_sensitive (self->area_save_button))
    return;

  name = anv_form_field_get_text (self->area_name_entry);
  codes = get_ticked_codes (self);
  if (!anv_service_parse (gtk_combo_box_get_active_id (self->area_service_combo), &service,
                          &error)
      || !anv_areas_add (anv_context_get_db (self->context), name, service,
                         (const char * const *) codes, &error))
    {
      g_autofree char *message = anv_context_explain_error (self->context, error);

      anv_form_field_set_message (self->area_message, message);
      gtk_widget_set_sensitive (self->area_save_button, FALSE);
      return;
    }

  anv_area_form_reset (self);
  g_signal_emit (self, signals[SAVED], 0, (gint64) 0);
}

static void
cancel_cb (AnvAreaForm *self)
{
  anv_area_form_reset (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

/* The list of municipalities is one Tab stop: Tab and Shift+Tab come in on
 * the first municipality shown and go on out of the list. Its rows take no
 * focus themselves (the check buttons do), and GTK's list would otherwise
 * hold the focus on a row that cannot have it: Tab would stay put. */
static gboolean
list_focus_cb (AnvAreaForm      *self,
               GtkDirectionType  direction,
               GtkWidget        *list)
{
  GtkWidget *check;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GDK_EVENT_PROPAGATE;

  check = get_focused_check (self) == NULL ? find_shown_check (self, NULL, 1) : NULL;
  if (check == NULL)
    {
      /* On out: GTK's own handler, which would keep the focus, does not run */
      g_signal_stop_emission_by_name (list, "focus");
      return FALSE;
    }
  gtk_widget_grab_focus (check);
  return TRUE;
}

/* Up and Down move between the municipalities shown; Page Up and Page
 * Down by ten, Home and End to the first and the last. */
static gboolean
list_key_press_cb (AnvAreaForm *self,
                   GdkEventKey *event)
{
  GtkWidget *from = get_focused_check (self);
  GtkWidget *to = NULL;

  if (from == NULL || (event->state & (GDK_CONTROL_MASK | GDK_MOD1_MASK | GDK_SHIFT_MASK)))
    return GDK_EVENT_PROPAGATE;
  switch (event->keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      to = find_shown_check (self, from, -1);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      to = find_shown_check (self, from, 1);
      break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      to = find_shown_check (self, from, -10);
      break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      to = find_shown_check (self, from, 10);
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      to = find_shown_check (self, NULL, 1);
      break;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      to = find_shown_check (self, NULL, -1);
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  if (to != NULL)
    gtk_widget_grab_focus (to);
  return GDK_EVENT_STOP;
}

static gboolean
key_press_cb (AnvAreaForm *self,
              GdkEventKey *event)
{
  if (event->keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  cancel_cb (self);
  return GDK_EVENT_STOP;
}


/*
 * GObject overrides
 */

static void
anv_area_form_grab_focus (GtkWidget *widget)
{
  AnvAreaForm *self = ANV_AREA_FORM (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->area_name_entry));
}

static void
anv_area_form_dispose (GObject *object)
{
  AnvAreaForm *self = ANV_AREA_FORM (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_area_form_parent_class)->dispose (object);
}

static void
anv_area_form_finalize (GObject *object)
{
  AnvAreaForm *self = ANV_AREA_FORM (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  g_clear_pointer (&self->taken_names, g_hash_table_unref);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (anv_area_form_parent_class)->finalize (object);
}

static void
anv_area_form_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AnvAreaForm *self = ANV_AREA_FORM (object);

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
anv_area_form_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AnvAreaForm *self = ANV_AREA_FORM (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      if (g_set_object (&self->context, g_value_get_object (value)))
        g_object_notify_by_pspec (object, properties[PROP_CONTEXT]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_area_form_class_init (AnvAreaFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_area_form_dispose;
  object_class->finalize = anv_area_form_finalize;
  object_class->get_property = anv_area_form_get_property;
  object_class->set_property = anv_area_form_set_property;
  widget_class->grab_focus = anv_area_form_grab_focus;

  /**
   * AnvAreaForm:context:
   *
   * The window's database and today, set by the page that holds the form.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the pages of a window share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnvAreaForm::saved:
   * @self: the form
   * @id: 0: the core gives no id back
   *
   * The area is stored, and the form empty again.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * AnvAreaForm::cancelled:
   * @self: the form
   *
   * Cancel was pressed; the form is empty again.
   */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-area-form.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvAreaForm, area_name_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvAreaForm, area_service_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvAreaForm, area_search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvAreaForm, area_municipalities_list);
  gtk_widget_class_bind_template_child (widget_class, AnvAreaForm, area_count_label);
  gtk_widget_class_bind_template_child (widget_class, AnvAreaForm, area_message);
  gtk_widget_class_bind_template_child (widget_class, AnvAreaForm, area_save_button);

  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tick_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_focus_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_key_press_cb);
}

static void
anv_area_form_init (AnvAreaForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->municipalities = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  self->taken_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_list_box_set_filter_func (self->area_municipalities_list, filter_cb, self, NULL);
}

/**
 * anv_area_form_set_municipalities:
 * @self: an #AnvAreaForm
 * @municipalities: (element-type AnvMunicipality): every municipality
 *
 * Fills the list of municipalities to tick; called once.
 */
void
anv_area_form_set_municipalities (AnvAreaForm *self,
                                  GPtrArray   *municipalities)
{
  g_return_if_fail (ANV_IS_AREA_FORM (self));
  g_return_if_fail (municipalities != NULL);
  g_return_if_fail (self->checks->len == 0);

  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  self->municipalities = g_ptr_array_ref (municipalities);

  for (guint i = 0; i < municipalities->len; i++)
    add_check (self, g_ptr_array_index (municipalities, i));

  update_count (self);
}

/**
 * anv_area_form_set_areas:
 * @self: an #AnvAreaForm
 * @areas: (element-type AnvArea): the areas there are
 *
 * Sets the names that are taken, as the core compares them.
 */
void
anv_area_form_set_areas (AnvAreaForm *self,
                         GPtrArray   *areas)
{
  g_return_if_fail (ANV_IS_AREA_FORM (self));
  g_return_if_fail (areas != NULL);

  g_hash_table_remove_all (self->taken_names);
  for (guint i = 0; i < areas->len; i++)
    {
      AnvArea *area = g_ptr_array_index (areas, i);

      g_hash_table_add (self->taken_names, anv_text_fold (area->name));
    }
}

void
anv_area_form_check (AnvAreaForm *self)
{
  g_return_if_fail (ANV_IS_AREA_FORM (self));

  changed_cb (self);
}

void
anv_area_form_reset (AnvAreaForm *self)
{
  g_return_if_fail (ANV_IS_AREA_FORM (self));

  gtk_entry_set_text (self->area_name_entry, "");
  gtk_combo_box_set_active (self->area_service_combo, -1);
  gtk_entry_set_text (GTK_ENTRY (self->area_search_entry), "");
  untick_all (self);
  anv_form_field_set_message (self->area_message, NULL);
}
