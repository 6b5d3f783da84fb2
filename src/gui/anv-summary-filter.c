/* anv-summary-filter.c — what the summary shows: a period, a service, a county
 *
 * The filter bar above the summary's chart and table: the first and the
 * last month of the period (a month and a year each), the service and the
 * county. The period keeps its order: when one end passes the other, the
 * other follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-summary-filter"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-municipalities.h"
#include "anv-summary-filter.h"
#include "anv-summary-model.h"

struct _AnvSummaryFilter
{
  GtkBox           parent_instance;

  /* Template widgets */
  GtkComboBoxText *from_month_combo;
  GtkComboBoxText *from_year_combo;
  GtkComboBoxText *to_month_combo;
  GtkComboBoxText *to_year_combo;
  GtkComboBoxText *service_combo;
  GtkComboBoxText *county_combo;

  guint            updating;   /* the filter sets its own widgets */
};

G_DEFINE_FINAL_TYPE (AnvSummaryFilter, anv_summary_filter, GTK_TYPE_BOX)

enum
{
  PERIOD_CHANGED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/*
 * Auxiliary methods
 */

static gboolean
read_month (GtkComboBoxText *month_combo,
            GtkComboBoxText *year_combo,
            char             out[8])
{
  const char *month = gtk_combo_box_get_active_id (GTK_COMBO_BOX (month_combo));
  const char *year = gtk_combo_box_get_active_id (GTK_COMBO_BOX (year_combo));

  if (month == NULL || year == NULL)
    return FALSE;

  g_snprintf (out, 8, "%s-%s", year, month);
  return TRUE;
}

static void
show_month (AnvSummaryFilter *self,
            GtkComboBoxText  *month_combo,
            GtkComboBoxText  *year_combo,
            const char       *month)
{
  g_autofree char *year = g_strndup (month, 4);

  self->updating++;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (month_combo), month + 5);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (year_combo), year);
  self->updating--;
}


/*
 * Callbacks
 */

static void
period_changed_cb (AnvSummaryFilter *self,
                   GtkComboBox      *combo)
{
  char from[8], to[8];

  if (self->updating > 0)
    return;
  if (!read_month (self->from_month_combo, self->from_year_combo, from)
      || !read_month (self->to_month_combo, self->to_year_combo, to))
    return;

  /* The period keeps its order: the other end follows. */
  if (strcmp (from, to) > 0)
    {
      if (combo == GTK_COMBO_BOX (self->from_month_combo)
          || combo == GTK_COMBO_BOX (self->from_year_combo))
        memcpy (to, from, sizeof to);
      else
        memcpy (from, to, sizeof from);
    }

  anv_summary_filter_set_period (self, from, to);
  g_signal_emit (self, signals[PERIOD_CHANGED], 0, from, to);
}

static void
filter_changed_cb (AnvSummaryFilter *self,
                   GtkComboBox      *combo)
{
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}


/*
 * GObject overrides
 */

static void
anv_summary_filter_class_init (AnvSummaryFilterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * AnvSummaryFilter::period-changed:
   * @from: the first month, "YYYY-MM"
   * @to: the last month, never before @from
   *
   * The person chose another period.
   */
  signals[PERIOD_CHANGED] = g_signal_new ("period-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AnvSummaryFilter::changed:
   *
   * The person chose another service or county.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-summary-filter.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvSummaryFilter, from_month_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryFilter, from_year_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryFilter, to_month_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryFilter, to_year_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryFilter, service_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvSummaryFilter, county_combo);

  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
}

static void
anv_summary_filter_init (AnvSummaryFilter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
anv_summary_filter_new (void)
{
  return g_object_new (ANV_TYPE_SUMMARY_FILTER, NULL);
}

void
anv_summary_filter_fill (AnvSummaryFilter *self,
                         int               last_year,
                         GPtrArray        *counties)
{
  GtkComboBoxText *month_combos[] = { self->from_month_combo, self->to_month_combo };
  GtkComboBoxText *year_combos[] = { self->from_year_combo, self->to_year_combo };

  g_return_if_fail (ANV_IS_SUMMARY_FILTER (self));
  g_return_if_fail (counties != NULL);

  self->updating++;

  for (guint i = 0; i < G_N_ELEMENTS (month_combos); i++)
    {
      for (guint month = 1; month <= 12; month++)
        {
          char id[3];

          g_snprintf (id, sizeof id, "%02u", month);
          gtk_combo_box_text_append (month_combos[i], id, anv_date_month_name (month, FALSE));
        }

      for (int year = ANV_SUMMARY_MODEL_FIRST_YEAR; year <= last_year; year++)
        {
          char id[12];

          g_snprintf (id, sizeof id, "%d", year);
          gtk_combo_box_text_append (year_combos[i], id, id);
        }
    }

  /* Translators: the county filter of the summary: no county, all of Sweden */
  gtk_combo_box_text_append (self->county_combo, "all", C_("county", "Whole country"));
  for (guint i = 0; i < counties->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (counties, i);

      gtk_combo_box_text_append (self->county_combo, municipality->county_code,
                                 municipality->county_name);
    }

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->service_combo), "both");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->county_combo), "all");

  self->updating--;
}

void
anv_summary_filter_set_period (AnvSummaryFilter *self,
                               const char       *from,
                               const char       *to)
{
  g_return_if_fail (ANV_IS_SUMMARY_FILTER (self));

  show_month (self, self->from_month_combo, self->from_year_combo, from);
  show_month (self, self->to_month_combo, self->to_year_combo, to);
}

void
anv_summary_filter_set_service (AnvSummaryFilter *self,
                                AnvService        service)
{
  g_return_if_fail (ANV_IS_SUMMARY_FILTER (self));

  self->updating++;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->service_combo),
                               service == ANV_SERVICE_KROM ? "KROM"
                               : service == ANV_SERVICE_STOM ? "STOM" : "both");
  self->updating--;
}

AnvService
anv_summary_filter_get_service (AnvSummaryFilter *self)
{
  const char *service;

  g_return_val_if_fail (ANV_IS_SUMMARY_FILTER (self), ANV_SERVICE_NONE);

  service = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->service_combo));
  if (g_strcmp0 (service, "KROM") == 0)
    return ANV_SERVICE_KROM;
  if (g_strcmp0 (service, "STOM") == 0)
    return ANV_SERVICE_STOM;
  return ANV_SERVICE_NONE;
}

char *
anv_summary_filter_dup_county (AnvSummaryFilter *self)
{
  const char *county;

  g_return_val_if_fail (ANV_IS_SUMMARY_FILTER (self), NULL);

  county = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->county_combo));
  if (county == NULL || strcmp (county, "all") == 0)
    return NULL;
  return g_strdup (county);
}
