/* anv-map-page.c — the map of referrals per municipality, month by month
 *
 * The page reads the kept summary (anv_summary_read) of one service and
 * one month, and where that service was offered in the month
 * (anv_availability_offered_in_month), and colours the map by the chosen
 * measure. Like the summary page it reads again when the database changes
 * (AnvContext::changed), and only while it is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-map-page"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-context.h"
#include "anv-date.h"
#include "anv-dialog.h"
#include "anv-file-chooser.h"
#include "anv-map-export.h"
#include "anv-map-page.h"
#include "anv-map-selection.h"
#include "anv-municipalities.h"
#include "anv-output.h"
#include "anv-summary-chart.h"
#include "anv-text.h"

/* The first month offered: STOM has been national since 2014. */
#define FIRST_YEAR 2014

struct _AnvMapPage
{
  GtkBox                parent_instance;

  /* Template widgets */
  GtkInfoBar           *message_bar;
  gboolean              read_failed;          /* the message bar says so */
  GtkLabel             *message_label;
  GtkComboBoxText      *service_combo;
  GtkComboBoxText      *measure_combo;
  GtkScale             *month_scale;
  GtkAdjustment        *month_adjustment;
  GtkLabel             *month_label;
  GtkLabel             *totals_label;
  AnvMapView           *map_view;
  AnvMapSelection      *selection;            /* the selected municipality's pane */

  AnvContext           *context;
  GtkFileChooserNative *chooser;              /* while the person chooses a file */
  GHashTable           *municipalities;       /* code → AnvMunicipality */
  GPtrArray            *municipality_list;

  /* What is shown */
  char                  month[8];
  guint                 n_months;             /* from FIRST_YEAR-01 to this month */
  AnvService            service;
  AnvMapMeasure         measure;
  GArray               *rows;                 /* AnvSummaryRow, as last read */
  const AnvSummaryRow   *national;             /* the country's row in rows, or NULL */
  GHashTable           *row_by_code;          /* code → AnvSummaryRow *, in rows */
  gboolean              has_data;             /* a referral was decided, started or ended */
  gboolean              dirty;                /* changed while not shown */
  guint                 updating;
};

G_DEFINE_FINAL_TYPE (AnvMapPage, anv_map_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static void export_activated_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data);

static const GActionEntry action_entries[] = {
  { "export", export_activated_cb, NULL, NULL, NULL },
};


/*
 * Auxiliary methods
 */

static AnvDb *
get_db (AnvMapPage *self)
{
  return anv_context_get_db (self->context);
}

static void
show_message (AnvMapPage     *self,
              GtkMessageType  type,
              const char     *text)
{
  gtk_label_set_text (self->message_label, text);
  gtk_info_bar_set_message_type (self->message_bar, type);
  gtk_widget_show (GTK_WIDGET (self->message_bar));
}

static void
month_of_index (guint index,
                char  out[8])
{
  g_snprintf (out, 8, "%04u-%02u", FIRST_YEAR + index / 12, index % 12 + 1);
}

static int
index_of_month (const char *month)
{
  int year = atoi (month), number = atoi (month + 5);

  return (year - FIRST_YEAR) * 12 + number - 1;
}

/* Reads the month's summary and colours the map. */
static void
reload (AnvMapPage *self)
{
  AnvSummaryQuery query = { self->month, self->month, self->service, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) offered = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autofree AnvMapCell *cells = NULL;
  g_autoptr (GPtrArray) descriptions = NULL;
  g_autofree char *month = anv_date_format_month (self->month, FALSE);
  g_autofree char *totals = NULL;
  g_autofree char *legend = NULL;
  AnvMapRenderer *renderer = anv_map_view_get_renderer (self->map_view);
  const AnvMap *map;

  self->dirty = FALSE;
  gtk_label_set_text (self->month_label, month);
  /* The slider's value is a number; a screen reader says the month */
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self->month_scale)), month);

  rows = anv_summary_read (get_db (self), &query, &error);
  if (rows != NULL)
    offered = anv_availability_offered_in_month (get_db (self), self->service, self->month,
                                                 &error);
  if (rows == NULL || offered == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The map could not be read: %s"),
                                               error->message);

      /* No numbers of another month under this month's name */
      show_message (self, GTK_MESSAGE_ERROR, text);
      self->national = NULL;
      g_clear_pointer (&self->rows, g_array_unref);
      g_hash_table_remove_all (self->row_by_code);
      gtk_label_set_text (self->totals_label, "–");
      anv_map_view_set_cells (self->map_view, NULL, NULL, NULL);
      anv_map_selection_update (self->selection);
      self->read_failed = TRUE;
      return;
    }
  if (self->read_failed)
    {
      gtk_widget_hide (GTK_WIDGET (self->message_bar));
      self->read_failed = FALSE;
    }

  self->national = NULL;
  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = g_steal_pointer (&rows);
  g_hash_table_remove_all (self->row_by_code);
  for (guint i = 0; i < self->rows->len; i++)
    {
      AnvSummaryRow *row = &g_array_index (self->rows, AnvSummaryRow, i);

      if (row->level == ANV_SUMMARY_MUNICIPALITY)
        g_hash_table_insert (self->row_by_code, row->code, row);
      else if (row->level == ANV_SUMMARY_NATIONAL)
        self->national = row;
    }

  totals = anv_map_figures_format_totals (self->national);
  gtk_label_set_text (self->totals_label, totals);

  if (renderer == NULL)
    return;

  map = anv_map_renderer_get_map (renderer);
  cells = g_new0 (AnvMapCell, anv_map_get_n_areas (map));
  descriptions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < anv_map_get_n_areas (map); i++)
    {
      const AnvMapArea *area = anv_map_get_area (map, i);
      const AnvSummaryRow *row = g_hash_table_lookup (self->row_by_code, area->code);
      const AnvMunicipality *municipality = g_hash_table_lookup (self->municipalities,
                                                                 area->code);

      /* Open referrals run on where the service has ended: they count */
      cells[i].offered = g_hash_table_contains (offered, area->code)
                         || anv_map_figures_has_anything (row);
      cells[i].value = anv_map_figures_get_value (row, self->measure);
      g_ptr_array_add (descriptions,
                       anv_map_figures_describe_area (area, row, municipality, self->service,
                                                      self->month, cells[i].offered));
    }
  g_ptr_array_add (descriptions, NULL);

  /* Translators: the legend's title: a measure, a service (KROM, STOM), a month */
  legend = g_strdup_printf (_("%1$s, %2$s, %3$s"),
                            anv_map_figures_get_measure_title (self->measure),
                            anv_service_code (self->service), month);
  anv_map_view_set_cells (self->map_view, cells, (const char *const *) descriptions->pdata,
                          legend);
  anv_map_selection_update (self->selection);
}

static void
show_month (AnvMapPage *self,
            const char *month)
{
  g_strlcpy (self->month, month, sizeof self->month);
  self->updating++;
  gtk_adjustment_set_value (self->month_adjustment, index_of_month (month));
  self->updating--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->month_scale), self->n_months > 1);
  reload (self);
}

/* The month to open on: this month; but when nothing happened in it or
 * the eleven before it (the data ends in the past), the latest month with
 * data, as the summary page does. Returns whether there is data. */
static gboolean
choose_month (AnvMapPage *self,
              char        month[8])
{
  g_autoptr (GError) error = NULL;
  char latest[8];

  month_of_index (self->n_months - 1, month);
  if (!anv_summary_latest_month (get_db (self), latest, &error))
    {
      g_debug ("The latest month with data is unknown: %s", error->message);
      return FALSE;
    }
  if (latest[0] == '\0')
    return FALSE;
  if (index_of_month (latest) >= 0 && index_of_month (latest) < (int) self->n_months - 12)
    g_strlcpy (month, latest, 8);
  return TRUE;
}

/* The months offered: from the first year to this month. */
static void
update_months (AnvMapPage *self)
{
  char month[8];
  GDate today;

  anv_context_get_today (self->context, &today);
  g_snprintf (month, sizeof month, "%04d-%02d", MAX (g_date_get_year (&today), FIRST_YEAR),
              g_date_get_month (&today));
  self->n_months = (guint) index_of_month (month) + 1;
  self->updating++;
  gtk_adjustment_set_upper (self->month_adjustment, self->n_months - 1);
  self->updating--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->month_scale), self->n_months > 1);
}

static void
step_month (AnvMapPage *self,
            int         delta)
{
  int index = index_of_month (self->month) + delta;
  char month[8];

  if (index < 0 || index >= (int) self->n_months)
    return;
  month_of_index ((guint) index, month);
  show_month (self, month);
}

static void
load_municipalities (AnvMapPage *self)
{
  g_autoptr (GError) error = NULL;

  self->municipality_list = anv_municipalities_list (get_db (self), &error);
  if (self->municipality_list == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, error->message);
      self->municipality_list = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->municipality_list->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (self->municipality_list, i);

      g_hash_table_insert (self->municipalities, municipality->code, municipality);
    }
}

static char *
suggest_file_name (AnvMapPage *self)
{
  /* Translators: a file name; %1$s is a service (KROM, STOM), %2$s a month, YYYY-MM */
  return g_strdup_printf (_("anvisa-map-%1$s-%2$s.png"), anv_service_code (self->service),
                          self->month);
}


/*
 * Callbacks
 */

static void
message_bar_response_cb (GtkInfoBar *info_bar,
                         int         response,
                         AnvMapPage *self)
{
  gtk_widget_hide (GTK_WIDGET (info_bar));
}

static void
filter_changed_cb (AnvMapPage *self,
                   GtkWidget  *combo)
{
  const char *service = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->service_combo));
  const char *measure = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->measure_combo));

  if (self->updating > 0)
    return;

  self->service = g_strcmp0 (service, "STOM") == 0 ? ANV_SERVICE_STOM : ANV_SERVICE_KROM;
  if (g_strcmp0 (measure, "active") == 0)
    self->measure = ANV_MAP_MEASURE_ACTIVE;
  else if (g_strcmp0 (measure, "results") == 0)
    self->measure = ANV_MAP_MEASURE_RESULTS;
  else
    self->measure = ANV_MAP_MEASURE_DECIDED;
  reload (self);
}

static void
previous_clicked_cb (AnvMapPage *self,
                     GtkButton  *button)
{
  step_month (self, -1);
}

static void
next_clicked_cb (AnvMapPage *self,
                 GtkButton  *button)
{
  step_month (self, 1);
}

static void
month_scale_changed_cb (AnvMapPage *self,
                        GtkRange   *range)
{
  int index = (int) (gtk_range_get_value (range) + 0.5);
  char month[8];

  if (self->updating > 0 || index == index_of_month (self->month))
    return;
  month_of_index ((guint) CLAMP (index, 0, (int) self->n_months - 1), month);
  g_strlcpy (self->month, month, sizeof self->month);
  reload (self);
}

static void
context_changed_cb (AnvMapPage *self)
{
  char month[8];

  /* The first data in an empty database: its month, not one of zeros */
  if (!self->has_data && choose_month (self, month))
    {
      self->has_data = TRUE;
      g_strlcpy (self->month, month, sizeof self->month);
      self->updating++;
      gtk_adjustment_set_value (self->month_adjustment, index_of_month (month));
      self->updating--;
    }

  /* Read when shown: a page in the background waits until it is. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  reload (self);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     AnvMapPage      *self)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  path = anv_file_chooser_take_file (&self->chooser, response);
  if (response == GTK_RESPONSE_ACCEPT && path == NULL)
    show_message (self, GTK_MESSAGE_ERROR,
                  _("The map can only be exported to a folder on this computer or "
                    "a mounted network drive. Choose another folder."));

  /* A failure is told in the page's message bar, by the export itself */
  if (path != NULL && !anv_map_page_export_to_path (self, path, &error))
    g_debug ("The map was not exported: %s", error->message);
}

static void
export_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvMapPage *self = ANV_MAP_PAGE (user_data);
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  name = suggest_file_name (self);
  self->chooser = anv_file_chooser_new_export (GTK_WIDGET (self), _("Export Map"), name);
  anv_file_chooser_add_filter (self->chooser, _("PNG pictures"), "image/png", "png");
  anv_file_chooser_add_filter (self->chooser, _("SVG pictures (for scaling and print)"),
                               "image/svg+xml", "svg");

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}


/*
 * GtkWidget overrides
 */

static void
anv_map_page_map (GtkWidget *widget)
{
  AnvMapPage *self = ANV_MAP_PAGE (widget);

  GTK_WIDGET_CLASS (anv_map_page_parent_class)->map (widget);

  if (self->dirty)
    reload (self);
}


/*
 * GObject overrides
 */

static void
anv_map_page_constructed (GObject *object)
{
  AnvMapPage *self = ANV_MAP_PAGE (object);
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
  char month[8];

  G_OBJECT_CLASS (anv_map_page_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (self->context));

  g_action_map_add_action_entries (G_ACTION_MAP (actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "map", G_ACTION_GROUP (actions));

  load_municipalities (self);
  anv_map_selection_set_tables (self->selection, self->municipalities, self->row_by_code);

  /* Months from the first year to this month; this month shown first, or
   * the latest month with data when the data ends in the past */
  update_months (self);
  self->has_data = choose_month (self, month);

  self->service = ANV_SERVICE_KROM;
  self->measure = ANV_MAP_MEASURE_DECIDED;
  self->updating++;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->service_combo), "KROM");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->measure_combo), "decided");
  self->updating--;

  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A new month at midnight: one more on the slider */
  g_signal_connect_object (self->context, "notify::today", G_CALLBACK (update_months), self,
                           G_CONNECT_SWAPPED);

  show_month (self, month);
}

static void
anv_map_page_dispose (GObject *object)
{
  AnvMapPage *self = ANV_MAP_PAGE (object);

  anv_file_chooser_close (&self->chooser, self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_map_page_parent_class)->dispose (object);
}

static void
anv_map_page_finalize (GObject *object)
{
  AnvMapPage *self = ANV_MAP_PAGE (object);

  g_clear_pointer (&self->row_by_code, g_hash_table_unref);
  self->national = NULL;
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_pointer (&self->municipality_list, g_ptr_array_unref);

  G_OBJECT_CLASS (anv_map_page_parent_class)->finalize (object);
}

static void
anv_map_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnvMapPage *self = ANV_MAP_PAGE (object);

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
anv_map_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AnvMapPage *self = ANV_MAP_PAGE (object);

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
anv_map_page_class_init (AnvMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_map_page_constructed;
  object_class->dispose = anv_map_page_dispose;
  object_class->finalize = anv_map_page_finalize;
  object_class->get_property = anv_map_page_get_property;
  object_class->set_property = anv_map_page_set_property;

  widget_class->map = anv_map_page_map;

  /**
   * AnvMapPage:context:
   *
   * What the window's pages share: the open database whose summary the
   * map shows, and today, which ends the months it offers.
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

  g_type_ensure (ANV_TYPE_MAP_VIEW);
  g_type_ensure (ANV_TYPE_MAP_SELECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-map-page.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, message_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, service_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, measure_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, month_scale);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, month_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, map_view);
  gtk_widget_class_bind_template_child (widget_class, AnvMapPage, selection);

  gtk_widget_class_bind_template_callback (widget_class, message_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, month_scale_changed_cb);
}

static void
anv_map_page_init (AnvMapPage *self)
{
  self->municipalities = g_hash_table_new (g_str_hash, g_str_equal);
  self->row_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_strlcpy (self->month, G_STRINGIFY (FIRST_YEAR) "-01", sizeof self->month);

  gtk_widget_init_template (GTK_WIDGET (self));
  anv_info_bar_name_close_button (self->message_bar);
}

GtkWidget *
anv_map_page_new (AnvContext *context)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_MAP_PAGE, "context", context, NULL);
}

const char *
anv_map_page_get_month (AnvMapPage *self)
{
  g_return_val_if_fail (ANV_IS_MAP_PAGE (self), NULL);

  return self->month;
}

void
anv_map_page_set_month (AnvMapPage *self,
                        const char *month)
{
  int index;

  g_return_if_fail (ANV_IS_MAP_PAGE (self));
  g_return_if_fail (anv_summary_parse_month (month, NULL));

  index = index_of_month (month);
  g_return_if_fail (index >= 0 && index < (int) self->n_months);
  show_month (self, month);
}

void
anv_map_page_set_service (AnvMapPage *self,
                          AnvService  service)
{
  g_return_if_fail (ANV_IS_MAP_PAGE (self));
  g_return_if_fail (service == ANV_SERVICE_KROM || service == ANV_SERVICE_STOM);

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->service_combo), anv_service_code (service));
}

AnvMapView *
anv_map_page_get_view (AnvMapPage *self)
{
  g_return_val_if_fail (ANV_IS_MAP_PAGE (self), NULL);

  return self->map_view;
}

gboolean
anv_map_page_export_to_path (AnvMapPage  *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr (AnvMapRenderer) renderer = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *month = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *shown = NULL;
  gboolean svg;

  g_return_val_if_fail (ANV_IS_MAP_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  basename = g_path_get_basename (path);
  shown = anv_text_quote_path (basename);
  if (anv_map_view_get_renderer (self->map_view) == NULL)
    {
      const char *text = _("The map cannot be drawn: its borders are damaged. "
                           "Reinstall Anvisa.");

      show_message (self, GTK_MESSAGE_ERROR, text);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, text);
      return FALSE;
    }
  /* A renderer of its own: the one on screen keeps its layout */
  renderer = anv_map_renderer_copy (anv_map_view_get_renderer (self->map_view));

  month = anv_date_format_month (self->month, FALSE);
  totals = anv_map_figures_format_totals (self->national);
  /* Translators: the exported map's subtitle: a service's name, a month, the totals */
  subtitle = g_strdup_printf (_("%1$s · %2$s · %3$s"), anv_service_name (self->service), month,
                              totals);

  /* Drawn in memory, then written whole under a temporary name and renamed:
   * a failed write leaves no cut-off file, and an old one as it was. */
  svg = g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG");
  bytes = anv_map_export_draw (renderer, svg, anv_map_figures_get_measure_title (self->measure),
                               subtitle, &local_error);

  /* As an export is written: never over the database, straight into a
   * pipe or a device (a picture not made is told below, by the file's name) */
  if (bytes != NULL
      && !anv_output_write_bytes (get_db (self), path, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &local_error)
      && local_error->domain == ANV_OUTPUT_ERROR)
    {
      /* Refused (the database, a folder): the message says why and what to do */
      show_message (self, GTK_MESSAGE_ERROR, local_error->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, local_error->message);
      return FALSE;
    }

  if (local_error != NULL)
    {
      /* Translators: %1$s is a file name, %2$s the reason */
      g_autofree char *text = g_strdup_printf (_("The map could not be saved as “%1$s” (%2$s). "
                                                 "Choose another folder or name."),
                                               shown, local_error->message);

      show_message (self, GTK_MESSAGE_ERROR, text);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, text);
      return FALSE;
    }

  {
    /* Translators: %s is a file name */
    g_autofree char *text = g_strdup_printf (_("The map was saved as “%s”."), shown);

    show_message (self, GTK_MESSAGE_INFO, text);
  }
  return TRUE;
}
