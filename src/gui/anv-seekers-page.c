/* anv-seekers-page.c — the officer's home: find, register and follow job seekers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "AnvSeekersPage"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-seekers-page.h"

struct _AnvSeekersPage
{
  GtkBox  parent_instance;

  AnvDb  *db;
};

G_DEFINE_FINAL_TYPE (AnvSeekersPage, anv_seekers_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };

static void
anv_seekers_page_dispose (GObject *object)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (object);

  g_clear_object (&self->db);

  G_OBJECT_CLASS (anv_seekers_page_parent_class)->dispose (object);
}

static void
anv_seekers_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (object);

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
anv_seekers_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AnvSeekersPage *self = ANV_SEEKERS_PAGE (object);

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
anv_seekers_page_class_init (AnvSeekersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_seekers_page_dispose;
  object_class->get_property = anv_seekers_page_get_property;
  object_class->set_property = anv_seekers_page_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", "Database", "The open database", ANV_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-seekers-page.ui");
}

static void
anv_seekers_page_init (AnvSeekersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
anv_seekers_page_new (AnvDb *db)
{
  return g_object_new (ANV_TYPE_SEEKERS_PAGE, "db", db, NULL);
}
