/* anv-summary-page.c — the supervisor's live summary per municipality and month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "AnvSummaryPage"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-summary-page.h"

struct _AnvSummaryPage
{
  GtkBox  parent_instance;

  AnvDb  *db;
};

G_DEFINE_FINAL_TYPE (AnvSummaryPage, anv_summary_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static void
anv_summary_page_dispose (GObject *object)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  g_clear_object (&self->db);

  G_OBJECT_CLASS (anv_summary_page_parent_class)->dispose (object);
}

static void
anv_summary_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_summary_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AnvSummaryPage *self = ANV_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_summary_page_class_init (AnvSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_summary_page_dispose;
  object_class->get_property = anv_summary_page_get_property;
  object_class->set_property = anv_summary_page_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", "Database", "The open database", ANV_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-summary-page.ui");
}

static void
anv_summary_page_init (AnvSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
anv_summary_page_new (AnvDb *db)
{
  return g_object_new (ANV_TYPE_SUMMARY_PAGE, "db", db, NULL);
}
