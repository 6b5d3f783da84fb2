/* anv-default-shares.c — each provider's share of a month's no-choice defaults
 *
 * The supervisor's check of our rule for the no-choice default (the
 * provider given the fewest in the municipality that month): the core
 * counts (anv_providers_default_shares()), this list shows a month of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-default-shares"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-default-shares.h"
#include "anv-orgnr.h"
#include "anv-summary.h"

/* The columns of the list store, as declared in the template */
enum
{
  SHARE_MUNICIPALITY,
  SHARE_SERVICE,
  SHARE_PROVIDER,
  SHARE_DEFAULTS,
  SHARE_OWN,
  SHARE_PERCENT,
};

struct _AnvDefaultShares
{
  GtkBox        parent_instance;

  /* Template widgets */
  GtkLabel     *month_label;
  GtkButton    *previous_button;
  GtkButton    *next_button;
  GtkTreeView  *shares_view;
  GtkListStore *shares_store;
  GtkLabel     *shares_empty;
  GtkLabel     *message_label;

  AnvDb        *db;               /* of the last reload */
  char          month[8];         /* YYYY-MM; "" until the first reload */
  gboolean      chosen;           /* the month was chosen: a reload keeps it */
};

G_DEFINE_FINAL_TYPE (AnvDefaultShares, anv_default_shares, GTK_TYPE_BOX)


/*
 * Auxiliary methods
 */

static void
fill (AnvDefaultShares *self)
{
  g_autoptr (GPtrArray) shares = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *month_name = anv_date_format_month (self->month, FALSE);

  gtk_label_set_text (self->month_label, month_name ? month_name : self->month);
  gtk_list_store_clear (self->shares_store);
  gtk_widget_hide (GTK_WIDGET (self->message_label));
  if (self->db == NULL)
    return;

  shares = anv_providers_default_shares (self->db, self->month, ANV_SERVICE_NONE, NULL, &error);
  if (shares == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      gtk_widget_show (GTK_WIDGET (self->message_label));
      return;
    }

  for (guint i = 0; i < shares->len; i++)
    {
      AnvDefaultShare *share = g_ptr_array_index (shares, i);
      g_autofree char *percent = NULL;

      if (share->municipality_defaults > 0)
        /* Translators: a share in per cent; Swedish writes a space before % */
        percent = g_strdup_printf (_("%u %%"), (share->defaults * 100
                                                + share->municipality_defaults / 2)
                                               / share->municipality_defaults);
      gtk_list_store_insert_with_values (self->shares_store, NULL, -1,
                                         SHARE_MUNICIPALITY, share->municipality_name,
                                         SHARE_SERVICE, anv_service_code (share->service),
                                         SHARE_PROVIDER, share->provider_name,
                                         SHARE_DEFAULTS, share->defaults,
                                         SHARE_OWN, share->own_choices,
                                         SHARE_PERCENT, percent ? percent : "–",
                                         -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->shares_empty), shares->len == 0);
}

static void
step_month (AnvDefaultShares *self,
            int               step)
{
  int year, month;
  char text[16];

  if (sscanf (self->month, "%d-%d", &year, &month) != 2)
    return;
  month += step;
  if (month < 1)
    month = 12, year--;
  else if (month > 12)
    month = 1, year++;
  if (year < 1000 || year > 9999)
    return;
  g_snprintf (text, sizeof text, "%04d-%02d", year, month);
  anv_default_shares_set_month (self, text);
}


/*
 * Callbacks
 */

static void
previous_clicked_cb (AnvDefaultShares *self)
{
  step_month (self, -1);
}

static void
next_clicked_cb (AnvDefaultShares *self)
{
  step_month (self, 1);
}


/*
 * GObject overrides
 */

static void
anv_default_shares_dispose (GObject *object)
{
  AnvDefaultShares *self = ANV_DEFAULT_SHARES (object);

  g_clear_object (&self->db);

  G_OBJECT_CLASS (anv_default_shares_parent_class)->dispose (object);
}

static void
anv_default_shares_class_init (AnvDefaultSharesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_default_shares_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/anvisa/Anvisa/ui/anv-default-shares.ui");
  gtk_widget_class_bind_template_child (widget_class, AnvDefaultShares, month_label);
  gtk_widget_class_bind_template_child (widget_class, AnvDefaultShares, previous_button);
  gtk_widget_class_bind_template_child (widget_class, AnvDefaultShares, next_button);
  gtk_widget_class_bind_template_child (widget_class, AnvDefaultShares, shares_view);
  gtk_widget_class_bind_template_child (widget_class, AnvDefaultShares, shares_store);
  gtk_widget_class_bind_template_child (widget_class, AnvDefaultShares, shares_empty);
  gtk_widget_class_bind_template_child (widget_class, AnvDefaultShares, message_label);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
}

static void
anv_default_shares_init (AnvDefaultShares *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

void
anv_default_shares_reload (AnvDefaultShares *self,
                           AnvDb            *db,
                           const GDate      *today)
{
  g_return_if_fail (ANV_IS_DEFAULT_SHARES (self));
  g_return_if_fail (ANV_IS_DB (db));
  g_return_if_fail (today != NULL);

  g_set_object (&self->db, db);
  if (!self->chosen)
    {
      char latest[8] = "";

      /* Until a month is chosen, the latest with data; without data,
       * today's: the list says there is nothing. */
      if (!anv_summary_latest_month (db, latest, NULL) || latest[0] == '\0')
        g_snprintf (latest, sizeof latest, "%04u-%02u", g_date_get_year (today),
                    g_date_get_month (today));
      g_strlcpy (self->month, latest, sizeof self->month);
    }
  fill (self);
}

void
anv_default_shares_set_month (AnvDefaultShares *self,
                              const char       *month)
{
  g_return_if_fail (ANV_IS_DEFAULT_SHARES (self));
  g_return_if_fail (anv_summary_parse_month (month, NULL));

  g_strlcpy (self->month, month, sizeof self->month);
  self->chosen = TRUE;
  fill (self);
}

const char *
anv_default_shares_get_month (AnvDefaultShares *self)
{
  g_return_val_if_fail (ANV_IS_DEFAULT_SHARES (self), NULL);

  return self->month;
}
