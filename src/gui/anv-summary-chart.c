/* anv-summary-chart.c — a bar chart of the summary per month: referred and active, per service
 *
 * For each month a group of bars: referrals decided in the month and
 * referrals active at its end, for each service shown. The colours are
 * Okabe and Ito's, which people with any common colour-vision deficiency
 * tell apart: a hue family per service (blue for KROM, orange for STOM),
 * dark for referred and light for active. The page's table holds the same
 * numbers: it is the chart's text alternative.
 *
 * Its length is one concern, drawing one chart: layout, axes, bars, legend,
 * tooltips and the description that is its text alternative.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-summary-chart"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-date.h"
#include "anv-i18n.h"
#include "anv-summary-chart.h"

typedef enum
{
  SERIES_DECIDED,
  SERIES_ACTIVE,
  N_SERIES
} Series;

#define RGB(r, g, b) { (r) / 255.0, (g) / 255.0, (b) / 255.0, 1.0 }

/* [KROM, STOM][series] */
static const GdkRGBA series_colors[2][N_SERIES] = {
  { RGB (0x00, 0x72, 0xb2), RGB (0x56, 0xb4, 0xe9) },   /* blue, sky blue */
  { RGB (0xd5, 0x5e, 0x00), RGB (0xe6, 0x9f, 0x00) },   /* vermillion, orange */
};

#define PADDING        8     /* around everything */
#define SWATCH_SIZE    12
#define LEGEND_SPACING 18    /* between legend entries */
#define TICK_SPACING   36    /* the least room between two ticks of the y axis */

typedef struct
{
  guint decided;
  guint active;
} Bar;

struct _AnvSummaryChart
{
  GtkDrawingArea  parent_instance;

  GPtrArray      *months;        /* "YYYY-MM", in order */
  AnvService      services[2];   /* in the order drawn: KROM before STOM */
  guint           n_services;
  Bar            *bars;          /* [month × n_services + service] */
  char           *subject;
  char           *month;         /* the marked month, or NULL */
  char           *description;

  /* Where the months were drawn last: for the pointer and tooltips */
  double          plot_x;
  double          plot_width;
  double          plot_top;
  double          plot_bottom;
};

G_DEFINE_FINAL_TYPE (AnvSummaryChart, anv_summary_chart, GTK_TYPE_DRAWING_AREA)

enum
{
  PROP_0,
  PROP_MONTH,
  N_PROPS
};

enum
{
  MONTH_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS] = { NULL, };
static guint signals[N_SIGNALS] = { 0, };


/*
 * Auxiliary methods
 */

static const GdkRGBA *
get_series_color (AnvService service,
                  Series     series)
{
  return &series_colors[service == ANV_SERVICE_STOM ? 1 : 0][series];
}

static const char *
get_series_label (Series series)
{
  if (series == SERIES_DECIDED)
    /* Translators: a legend entry of the summary chart: referrals decided in the month */
    return _("Referred");

  /* Translators: a legend entry of the summary chart */
  return _("Active at the end of the month");
}

static guint
get_value (AnvSummaryChart *self,
           guint            month,
           guint            service,
           Series           series)
{
  const Bar *bar = &self->bars[month * self->n_services + service];

  return series == SERIES_DECIDED ? bar->decided : bar->active;
}

static int
compare_months (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
find_month (AnvSummaryChart *self,
            const char      *month)
{
  if (month == NULL)
    return -1;

  for (guint i = 0; i < self->months->len; i++)
    if (strcmp (g_ptr_array_index (self->months, i), month) == 0)
      return (int) i;

  return -1;
}

/* The month under the pointer at @x, or -1. */
static int
find_month_at (AnvSummaryChart *self,
               double           x,
               double           y)
{
  int index;

  if (self->months->len == 0 || self->plot_width <= 0
      || x < self->plot_x || x >= self->plot_x + self->plot_width
      || y < self->plot_top || y > self->plot_bottom + 2 * PADDING + SWATCH_SIZE)
    return -1;

  index = (int) ((x - self->plot_x) * self->months->len / self->plot_width);
  return CLAMP (index, 0, (int) self->months->len - 1);
}

static void
update_description (AnvSummaryChart *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *marked = NULL;
  AtkObject *accessible;
  int month;

  if (self->months->len == 0)
    {
      g_string_append (text, _("No summary to show."));
    }
  else
    {
      first = anv_date_format_month (g_ptr_array_index (self->months, 0), FALSE);
      last = anv_date_format_month (g_ptr_array_index (self->months,
                                                               self->months->len - 1), FALSE);
      month = find_month (self, self->month);
      if (month < 0)
        month = (int) self->months->len - 1;
      marked = anv_date_format_month (g_ptr_array_index (self->months, month), FALSE);

      /* Translators: the summary chart's description for screen readers; %1$s is a
       * municipality, a county or the whole country, %2$s and %3$s are months (“april
       * 2020”) */
      g_string_append_printf (text, _("Referrals decided in each month and active at its end, "
                                      "%1$s, %2$s to %3$s."),
                              self->subject != NULL ? self->subject : "", first, last);

      for (guint s = 0; s < self->n_services; s++)
        {
          g_autofree char *total_text = NULL;
          g_autofree char *decided_text = NULL;
          g_autofree char *active_text = NULL;
          g_autofree char *sentence = NULL;
          guint64 total = 0;

          for (guint m = 0; m < self->months->len; m++)
            total += get_value (self, m, s, SERIES_DECIDED);
          total_text = anv_format_count (total);
          decided_text = anv_format_count (get_value (self, (guint) month, s, SERIES_DECIDED));
          active_text = anv_format_count (get_value (self, (guint) month, s, SERIES_ACTIVE));

          /* Translators: the summary chart's description for screen readers; %1$s is a
           * service (KROM or STOM), %2$s a number of referrals in the whole period, %3$s
           * a month (“april 2020”), %4$s and %5$s numbers of referrals */
          sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$s referral "
                                                   "decided in the period; "
                                                   "in %3$s, %4$s decided and %5$s active at "
                                                   "the end of the month.",
                                                   "%1$s: %2$s referrals decided in the period; "
                                                   "in %3$s, %4$s decided and %5$s active at "
                                                   "the end of the month.",
                                                   (gulong) MIN (total, G_MAXULONG)),
                                      anv_service_code (self->services[s]),
                                      total_text, marked, decided_text, active_text);
          g_string_append_c (text, ' ');
          g_string_append (text, sentence);
        }
    }

  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);

  accessible = gtk_widget_get_accessible (GTK_WIDGET (self));
  atk_object_set_description (accessible, self->description);
}

/* A step of 1, 2 or 5 × 10ⁿ that divides 0…@max_value into at most
 * @n_ticks steps. */
static guint
choose_step (guint max_value,
             guint n_ticks)
{
  static const guint factors[] = { 1, 2, 5, 10 };
  guint raw = (max_value + n_ticks - 1) / MAX (n_ticks, 1);
  guint magnitude = 1;

  raw = MAX (raw, 1);
  while (magnitude <= G_MAXUINT / 10 && magnitude * 10 <= raw)
    magnitude *= 10;

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    if (factors[i] * magnitude >= raw)
      return factors[i] * magnitude;

  return 10 * magnitude;
}

static void
set_source_alpha (cairo_t       *cr,
                  const GdkRGBA *color,
                  double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
measure_text (PangoLayout *layout,
              const char  *text,
              int         *width,
              int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static int
measure_number (PangoLayout *layout,
                guint        value,
                int         *height)
{
  g_autofree char *text = anv_format_count (value);
  int width;

  measure_text (layout, text, &width, height);
  return width;
}

/* The width of each of @n_bars bars in a month @slot_width wide, a fifth
 * of it, at least 2 pixels, left between months. */
static int
get_bar_width (double slot_width,
               guint  n_bars)
{
  int gap = MAX (2, (int) (slot_width * 0.2));

  return MAX (1, ((int) slot_width - gap) / (int) MAX (n_bars, 1));
}

/* Lays out and draws the legend from @top; returns its height. */
static int
draw_legend (AnvSummaryChart *self,
             cairo_t         *cr,
             PangoLayout     *layout,
             int              width,
             int              top,
             const GdkRGBA   *fg,
             gboolean         draw)
{
  int x = PADDING, y = top, line_height = 0;

  for (guint s = 0; s < self->n_services; s++)
    for (Series series = 0; series < N_SERIES; series++)
      {
        g_autofree char *label = NULL;
        int text_width, text_height, entry_width;

        /* Translators: a legend entry of the summary chart: %1$s is what is counted
         * (“Referred”), %2$s the service (KROM or STOM) */
        label = g_strdup_printf (_("%1$s, %2$s"), get_series_label (series),
                                 anv_service_code (self->services[s]));
        measure_text (layout, label, &text_width, &text_height);
        entry_width = SWATCH_SIZE + 6 + text_width;

        if (x > PADDING && x + entry_width > width - PADDING)
          {
            x = PADDING;
            y += line_height + 4;
          }
        line_height = MAX (line_height, MAX (text_height, SWATCH_SIZE));

        if (draw)
          {
            gdk_cairo_set_source_rgba (cr, get_series_color (self->services[s], series));
            cairo_rectangle (cr, x, y + (text_height - SWATCH_SIZE) / 2, SWATCH_SIZE,
                             SWATCH_SIZE);
            cairo_fill (cr);
            gdk_cairo_set_source_rgba (cr, fg);
            show_text (cr, layout, label, x + SWATCH_SIZE + 6, y);
          }

        x += entry_width + LEGEND_SPACING;
      }

  return self->n_services > 0 ? y - top + line_height : 0;
}

static void
draw_message (cairo_t       *cr,
              PangoLayout   *layout,
              const char    *message,
              double         x,
              double         y,
              double         width,
              double         height,
              const GdkRGBA *fg)
{
  int text_width, text_height;

  measure_text (layout, message, &text_width, &text_height);
  set_source_alpha (cr, fg, 0.7);
  show_text (cr, layout, message, x + (width - text_width) / 2, y + (height - text_height) / 2);
}


/*
 * Callbacks
 */

static gboolean
anv_summary_chart_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  AnvSummaryChart *self = ANV_SUMMARY_CHART (widget);
  g_autoptr (GString) text = NULL;
  g_autofree char *title = NULL;
  int month;

  month = keyboard_mode ? find_month (self, self->month) : find_month_at (self, x, y);
  if (month < 0)
    return FALSE;

  title = anv_date_format_month (g_ptr_array_index (self->months, month), FALSE);
  text = g_string_new (title);
  for (guint s = 0; s < self->n_services; s++)
    {
      g_autofree char *line = NULL;

      line = anv_summary_chart_format_decided_active (anv_service_code (self->services[s]),
                                                      get_value (self, (guint) month, s,
                                                                 SERIES_DECIDED),
                                                      get_value (self, (guint) month, s,
                                                                 SERIES_ACTIVE));
      g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static gboolean
anv_summary_chart_button_press_event (GtkWidget      *widget,
                                      GdkEventButton *event)
{
  AnvSummaryChart *self = ANV_SUMMARY_CHART (widget);
  int month;

  if (event->type != GDK_BUTTON_PRESS || event->button != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;

  month = find_month_at (self, event->x, event->y);
  if (month < 0)
    return GDK_EVENT_PROPAGATE;

  anv_summary_chart_set_month (self, g_ptr_array_index (self->months, month));
  g_signal_emit (self, signals[MONTH_ACTIVATED], 0, self->month);

  return GDK_EVENT_STOP;
}


/*
 * GtkWidget overrides
 */

static gboolean
anv_summary_chart_draw (GtkWidget *widget,
                        cairo_t   *cr)
{
  anv_summary_chart_render (ANV_SUMMARY_CHART (widget), cr,
                            gtk_widget_get_allocated_width (widget),
                            gtk_widget_get_allocated_height (widget));
  return GDK_EVENT_PROPAGATE;
}

static void
anv_summary_chart_get_preferred_width (GtkWidget *widget,
                                       int       *minimum,
                                       int       *natural)
{
  *minimum = 240;
  *natural = 640;
}

static void
anv_summary_chart_get_preferred_height (GtkWidget *widget,
                                        int       *minimum,
                                        int       *natural)
{
  *minimum = 140;
  *natural = 220;
}


/*
 * GObject overrides
 */

static void
anv_summary_chart_finalize (GObject *object)
{
  AnvSummaryChart *self = ANV_SUMMARY_CHART (object);

  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->bars, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->month, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (anv_summary_chart_parent_class)->finalize (object);
}

static void
anv_summary_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvSummaryChart *self = ANV_SUMMARY_CHART (object);

  switch (prop_id)
    {
    case PROP_MONTH:
      g_value_set_string (value, self->month);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_summary_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvSummaryChart *self = ANV_SUMMARY_CHART (object);

  switch (prop_id)
    {
    case PROP_MONTH:
      anv_summary_chart_set_month (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_summary_chart_class_init (AnvSummaryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = anv_summary_chart_finalize;
  object_class->get_property = anv_summary_chart_get_property;
  object_class->set_property = anv_summary_chart_set_property;

  widget_class->draw = anv_summary_chart_draw;
  widget_class->get_preferred_width = anv_summary_chart_get_preferred_width;
  widget_class->get_preferred_height = anv_summary_chart_get_preferred_height;
  widget_class->query_tooltip = anv_summary_chart_query_tooltip;
  widget_class->button_press_event = anv_summary_chart_button_press_event;

  /**
   * AnvSummaryChart:month:
   *
   * The month (YYYY-MM) that is marked, or %NULL.
   */
  properties[PROP_MONTH] = g_param_spec_string ("month",
                                                "Month",
                                                "The marked month",
                                                NULL,
                                                G_PARAM_READWRITE |
                                                G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnvSummaryChart::month-activated:
   * @self: the chart
   * @month: the month (YYYY-MM) that was clicked
   */
  signals[MONTH_ACTIVATED] = g_signal_new ("month-activated",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
anv_summary_chart_init (AnvSummaryChart *self)
{
  AtkObject *accessible;

  self->months = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_events (GTK_WIDGET (self), GDK_BUTTON_PRESS_MASK);

  accessible = gtk_widget_get_accessible (GTK_WIDGET (self));
  atk_object_set_role (accessible, ATK_ROLE_CHART);
  /* Translators: the accessible name of the summary page's chart */
  atk_object_set_name (accessible, _("Chart of referrals per month"));

  update_description (self);
}

GtkWidget *
anv_summary_chart_new (void)
{
  return g_object_new (ANV_TYPE_SUMMARY_CHART, NULL);
}

/**
 * anv_summary_chart_set_rows:
 * @self: an #AnvSummaryChart
 * @rows: (array length=n_rows): the lines of one subject, per month and service
 * @n_rows: how many
 * @subject: the municipality, county or country they are for, as it is named
 *
 * Shows @rows; the chart keeps a copy.
 */
void
anv_summary_chart_set_rows (AnvSummaryChart     *self,
                            const AnvSummaryRow *rows,
                            guint                n_rows,
                            const char          *subject)
{
  gboolean has_krom = FALSE, has_stom = FALSE;

  g_return_if_fail (ANV_IS_SUMMARY_CHART (self));
  g_return_if_fail (rows != NULL || n_rows == 0);

  g_ptr_array_set_size (self->months, 0);
  for (guint i = 0; i < n_rows; i++)
    {
      has_krom |= rows[i].service == ANV_SERVICE_KROM;
      has_stom |= rows[i].service == ANV_SERVICE_STOM;
      if (find_month (self, rows[i].month) < 0)
        g_ptr_array_add (self->months, g_strdup (rows[i].month));
    }
  g_ptr_array_sort (self->months, compare_months);

  self->n_services = 0;
  if (has_krom)
    self->services[self->n_services++] = ANV_SERVICE_KROM;
  if (has_stom)
    self->services[self->n_services++] = ANV_SERVICE_STOM;

  g_clear_pointer (&self->bars, g_free);
  self->bars = g_new0 (Bar, MAX (1, self->months->len * self->n_services));
  for (guint i = 0; i < n_rows; i++)
    {
      guint service = (self->n_services == 2 && rows[i].service == ANV_SERVICE_STOM) ? 1 : 0;
      Bar *bar = &self->bars[(guint) find_month (self, rows[i].month) * self->n_services
                             + service];

      bar->decided += rows[i].decided_women + rows[i].decided_men;
      bar->active += rows[i].active_end;
    }

  g_free (self->subject);
  self->subject = g_strdup (subject);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
anv_summary_chart_get_month (AnvSummaryChart *self)
{
  g_return_val_if_fail (ANV_IS_SUMMARY_CHART (self), NULL);

  return self->month;
}

void
anv_summary_chart_set_month (AnvSummaryChart *self,
                             const char      *month)
{
  g_return_if_fail (ANV_IS_SUMMARY_CHART (self));

  if (g_strcmp0 (self->month, month) == 0)
    return;

  g_free (self->month);
  self->month = g_strdup (month);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
}

const char *
anv_summary_chart_get_description (AnvSummaryChart *self)
{
  g_return_val_if_fail (ANV_IS_SUMMARY_CHART (self), NULL);

  return self->description;
}

/**
 * anv_summary_chart_render:
 * @self: an #AnvSummaryChart
 * @cr: where to draw
 * @width: the width to fill
 * @height: the height to fill
 *
 * Draws the chart, as its draw handler does: also for tests, onto an image.
 */
void
anv_summary_chart_render (AnvSummaryChart *self,
                          cairo_t         *cr,
                          int              width,
                          int              height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *context;
  g_autoptr (PangoLayout) layout = NULL;
  guint n_months = self->months->len;
  guint max_value = 0, step, top_value, n_ticks, n_bars, stride;
  int legend_height, text_width, text_height, label_width = 0, tick_width = 0, value_width;
  int plot_left, plot_right, plot_top, plot_bottom, plot_width, plot_height;
  double slot_width;
  gboolean show_values;
  int marked;
  GdkRGBA fg;

  g_return_if_fail (ANV_IS_SUMMARY_CHART (self));

  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, gtk_style_context_get_state (context), &fg);
  gtk_render_background (context, cr, 0, 0, width, height);

  layout = gtk_widget_create_pango_layout (widget, NULL);
  self->plot_width = 0;

  if (n_months == 0)
    {
      draw_message (cr, layout, _("No summary to show."), 0, 0, width, height, &fg);
      return;
    }

  /* From the top: the legend, the plot, the months. */
  legend_height = draw_legend (self, cr, layout, width, PADDING, &fg, FALSE);
  measure_text (layout, "0123456789", &text_width, &text_height);

  for (guint m = 0; m < n_months; m++)
    {
      g_autofree char *label = anv_date_format_month (g_ptr_array_index (self->months,
                                                                                  m), TRUE);

      measure_text (layout, label, &text_width, &text_height);
      label_width = MAX (label_width, text_width);
    }

  plot_top = PADDING + legend_height + (legend_height > 0 ? 8 : 0) + text_height / 2;
  plot_bottom = height - PADDING - text_height - 4;
  plot_height = plot_bottom - plot_top;
  if (plot_height < 20)
    return;

  /* The y axis: 1, 2 or 5 × 10ⁿ a step, as many as there is room for. */
  for (guint m = 0; m < n_months; m++)
    for (guint s = 0; s < self->n_services; s++)
      for (Series series = 0; series < N_SERIES; series++)
        max_value = MAX (max_value, get_value (self, m, s, series));

  n_ticks = (guint) CLAMP (plot_height / TICK_SPACING, 1, 8);
  step = choose_step (MAX (max_value, 1), n_ticks);
  top_value = MAX (step, (max_value + step - 1) / step * step);

  n_bars = self->n_services * N_SERIES;
  value_width = measure_number (layout, max_value, &text_height);

  /* The numbers over the bars when they fit, with room above the highest */
  for (int pass = 0; ; pass++)
    {
      tick_width = measure_number (layout, top_value, &text_height);
      plot_left = PADDING + tick_width + 6;
      plot_right = width - PADDING;
      plot_width = plot_right - plot_left;
      if (plot_width < 20 || n_bars == 0)
        return;
      slot_width = (double) plot_width / n_months;
      show_values = max_value > 0 && value_width + 2 <= get_bar_width (slot_width, n_bars);

      if (pass > 0 || !show_values
          || (double) (top_value - max_value) / top_value * plot_height >= text_height + 2)
        break;
      top_value += step;
    }

  self->plot_x = plot_left;
  self->plot_width = plot_width;
  self->plot_top = plot_top;
  self->plot_bottom = plot_bottom;

  draw_legend (self, cr, layout, width, PADDING, &fg, TRUE);

  /* The marked month, behind its bars */
  marked = find_month (self, self->month);
  if (marked >= 0)
    {
      set_source_alpha (cr, &fg, 0.08);
      cairo_rectangle (cr, plot_left + (int) (marked * slot_width), plot_top,
                       (int) ((marked + 1) * slot_width) - (int) (marked * slot_width),
                       plot_height);
      cairo_fill (cr);
    }

  /* Grid lines and their numbers */
  cairo_set_line_width (cr, 1);
  for (guint value = 0; value <= top_value; value += step)
    {
      g_autofree char *label = anv_format_count (value);
      int y = plot_bottom - (int) ((double) value / top_value * plot_height);

      set_source_alpha (cr, &fg, value == 0 ? 0.6 : 0.15);
      cairo_move_to (cr, plot_left, y + 0.5);
      cairo_line_to (cr, plot_right, y + 0.5);
      cairo_stroke (cr);

      measure_text (layout, label, &text_width, &text_height);
      set_source_alpha (cr, &fg, 0.8);
      show_text (cr, layout, label, plot_left - 6 - text_width, y - text_height / 2);

      if (value > G_MAXUINT - step)
        break;
    }

  /* The bars: per month a group, per service referred then active. */
  for (guint m = 0; m < n_months; m++)
    {
      int slot_left = plot_left + (int) (m * slot_width);
      int slot_right = plot_left + (int) ((m + 1) * slot_width);
      int bar_width = get_bar_width (slot_right - slot_left, n_bars);
      int x = slot_left + (slot_right - slot_left - bar_width * (int) n_bars) / 2;

      for (guint s = 0; s < self->n_services; s++)
        for (Series series = 0; series < N_SERIES; series++, x += bar_width)
          {
            guint value = get_value (self, m, s, series);
            int bar_height = (int) ((double) value / top_value * plot_height + 0.5);

            if (value == 0)
              continue;
            bar_height = MAX (bar_height, 1);
            gdk_cairo_set_source_rgba (cr, get_series_color (self->services[s], series));
            cairo_rectangle (cr, x, plot_bottom - bar_height, bar_width, bar_height);
            cairo_fill (cr);

            if (show_values)
              {
                g_autofree char *label = anv_format_count (value);

                measure_text (layout, label, &text_width, &text_height);
                set_source_alpha (cr, &fg, 0.8);
                show_text (cr, layout, label, x + (bar_width - text_width) / 2.0,
                           plot_bottom - bar_height - text_height - 1);
              }
          }
    }

  /* The y axis line, over the bars' feet */
  set_source_alpha (cr, &fg, 0.6);
  cairo_move_to (cr, plot_left - 0.5, plot_top);
  cairo_line_to (cr, plot_left - 0.5, plot_bottom + 1);
  cairo_stroke (cr);

  /* The months: as many as there is room for */
  for (stride = 1; stride < n_months && stride * slot_width < label_width + 8; stride++)
    ;
  for (guint m = 0; m < n_months; m += stride)
    {
      g_autofree char *label = anv_date_format_month (g_ptr_array_index (self->months,
                                                                                  m), TRUE);
      double centre = plot_left + (m + 0.5) * slot_width;

      measure_text (layout, label, &text_width, &text_height);
      set_source_alpha (cr, &fg, (int) m == marked ? 1.0 : 0.8);
      show_text (cr, layout, label, centre - text_width / 2.0, plot_bottom + 4);
    }

  if (max_value == 0)
    draw_message (cr, layout, _("No referrals in this period"), plot_left, plot_top,
                  plot_width, plot_height, &fg);
}

char *
anv_summary_chart_format_decided_active (const char *subject,
                                         guint64     decided,
                                         guint64     active)
{
  g_autofree char *decided_count = anv_format_count (decided);
  g_autofree char *active_count = anv_format_count (active);
  g_autofree char *decided_text = NULL;
  g_autofree char *active_text = NULL;

  /* Translators: %s is a number, grouped as in "12 199" */
  decided_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s referred", "%s referred",
                                               (gulong) MIN (decided, G_MAXULONG)),
                                  decided_count);
  /* Translators: %s is a number, grouped as in "12 199" */
  active_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s active at the end of the month",
                                              "%s active at the end of the month",
                                              (gulong) MIN (active, G_MAXULONG)),
                                 active_count);
  /* Translators: %1$s is a service, a municipality, a county or the whole country,
   * %2$s “33 referred” and %3$s “32 active at the end of the month” */
  return g_strdup_printf (_("%1$s: %2$s, %3$s"), subject, decided_text, active_text);
}

