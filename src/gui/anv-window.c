/* anv-window.c — the Anvisa main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "anv-context.h"
#include "anv-dialog.h"
#include "anv-map-page.h"
#include "anv-providers-page.h"
#include "anv-seekers-page.h"
#include "anv-server-login.h"
#include "anv-summary-page.h"
#include "anv-worklist-page.h"
#include "anv-window.h"

struct _AnvWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkHeaderBar         *header_bar;
  GtkWidget            *database_box;
  GtkLabel             *database_label;
  GtkLabel             *login_label;
  char                 *database_text;    /* the whole: the box's tooltip */
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  GtkStackSwitcher     *switcher;
  GtkStack             *stack;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkInfoBar           *notice_bar;
  GtkLabel             *notice_label;

  AnvContext           *context;
  guint                 poll_id;
  guint                 socket_id;        /* watches the server's socket, if any */
  int                   socket_fd;        /* the descriptor watched, or -1 */
  guint                 socket_wakeups;   /* how often it woke the window */
  guint                 finish_id;        /* what waits for the first frame */
  guint                 notice_id;        /* hides the notice */

  /* The size to remember, tracked while not maximized */
  int                   width;
  int                   height;
  gboolean              maximized;
};

G_DEFINE_FINAL_TYPE (AnvWindow, anv_window, GTK_TYPE_APPLICATION_WINDOW)

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

/* Another process (a second Anvisa, anvisa-cli) may commit at any time:
 * PRAGMA data_version tells, cheaply, and AnvContext::changed reaches every
 * page. Nothing is reloaded when nothing changed. The window is the one
 * place that polls; the pages only follow the context. */
#define POLL_INTERVAL_MS 1000

/* How long a notice of what was saved stays: long enough to read twice */
#define NOTICE_SECONDS 12

/* A server's database says when another connection committed (its
 * NOTIFY): the window watches the connection's socket from the main loop
 * and polls at once. The timer stays beside it: it notices a connection
 * made again (a new descriptor) and catches what a dropped socket missed. */
static gboolean
socket_ready_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  AnvWindow *self = ANV_WINDOW (user_data);

  if ((condition & G_IO_IN) != 0)
    self->socket_wakeups++;
  anv_db_poll_changes (anv_context_get_db (self->context));

  /* A closed or broken socket would wake the loop again at once: let it
   * go; the timer watches the next one. */
  if ((condition & (G_IO_HUP | G_IO_ERR | G_IO_NVAL)) != 0)
    {
      g_debug ("The server's socket closed; the timer polls until it is back");
      self->socket_id = 0;
      self->socket_fd = -1;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
watch_socket (AnvWindow *self)
{
  int fd = anv_db_get_socket (anv_context_get_db (self->context));

  if (fd == self->socket_fd && (fd < 0 || self->socket_id != 0))
    return;

  g_clear_handle_id (&self->socket_id, g_source_remove);
  self->socket_fd = fd;
  if (fd >= 0)
    self->socket_id = g_unix_fd_add (fd, G_IO_IN, socket_ready_cb, self);
}

static gboolean
poll_database_cb (gpointer user_data)
{
  AnvWindow *self = ANV_WINDOW (user_data);

  anv_db_poll_changes (anv_context_get_db (self->context));
  watch_socket (self);
  return G_SOURCE_CONTINUE;
}

/* The database in a few words: its name and where it is ("anvisa on
 * db.office.example.se"), or a file's name. The whole address is the
 * tooltip. */
static char *
describe_place (AnvDb *db)
{
  const char *name = anv_db_get_display_name (db);
  g_autoptr (GHashTable) pairs = NULL;
  const char *dbname;
  const char *host;

  if (!anv_db_is_server (db))
    return g_filename_display_basename (name);

  pairs = anv_server_login_parse (name, NULL);
  dbname = pairs != NULL ? g_hash_table_lookup (pairs, "dbname") : NULL;
  host = pairs != NULL ? g_hash_table_lookup (pairs, "host") : NULL;
  if (dbname == NULL)
    return g_strdup (name);
  if (host == NULL || *host == '\0' || *host == '/' || g_str_equal (host, "localhost"))
    /* Translators: in the header bar: %s is a database on a server on this computer */
    return g_strdup_printf (_("%s on this computer"), dbname);
  /* Translators: in the header bar: %1$s is a database, %2$s its server */
  return g_strdup_printf (_("%1$s on %2$s"), dbname, host);
}

/* Which database the window works on and who is logged in, with which
 * role, beside the page switcher (the header bar shows no subtitle beside
 * a custom title): two short lines, as a header bar's title and subtitle,
 * that fit beside the switcher at the window's default width; the whole
 * address and the role's full name in the tooltip, and for a screen
 * reader the box's accessible description. */
static void
show_database (AnvWindow *self)
{
  AnvDb *db = anv_context_get_db (self->context);
  const AnvLogin *who = anv_context_get_login (self->context);
  g_autofree char *place = describe_place (db);
  g_autofree char *role = anv_context_describe_role (self->context);
  g_autofree char *login = NULL;
  g_autofree char *whole = NULL;
  AtkObject *accessible;

  g_free (self->database_text);
  /* Translators: in the header bar's tooltip: %1$s is the database (a file or
   * postgresql://LOGIN@SERVER:PORT/DATABASE), %2$s the login */
  self->database_text = g_strdup_printf (_("%1$s — logged in as %2$s"),
                                         anv_db_get_display_name (db), anv_db_get_user (db));
  if (role != NULL)
    {
      if (who->name != NULL)
        /* Translators: in the header bar, under the database: %1$s is the
         * person's name (the login is in the tooltip), %2$s the role and unit
         * ("case officer, Umeå") */
        login = g_strdup_printf (_("%1$s · %2$s"), who->name, role);
      else
        /* Translators: in the header bar, under the database: %1$s is the
         * login, %2$s the role and unit ("case officer, Umeå") */
        login = g_strdup_printf (_("logged in as %1$s · %2$s"), anv_db_get_user (db), role);
      /* Translators: in the header bar's tooltip: %1$s is the database and
       * login, %2$s the role in full ("case officer (handläggare)") */
      whole = g_strdup_printf (_("%1$s, role: %2$s"), self->database_text,
                               anv_role_name (who->role));
      g_free (self->database_text);
      self->database_text = g_steal_pointer (&whole);
    }
  else
    /* Translators: in the header bar, under the database: %s is the login */
    login = g_strdup_printf (_("logged in as %s"), anv_db_get_user (db));
  gtk_label_set_text (self->database_label, place);
  gtk_label_set_text (self->login_label, login);
  /* The role must show, not end in "…": the line asks for its width (at
   * most the label's widest), which the header bar then keeps for it */
  gtk_label_set_width_chars (self->login_label,
                             MIN ((int) g_utf8_strlen (login, -1),
                                  gtk_label_get_max_width_chars (self->login_label)));
  /* and so does the database's, which would otherwise give way to it */
  gtk_label_set_width_chars (self->database_label,
                             MIN ((int) g_utf8_strlen (place, -1),
                                  gtk_label_get_max_width_chars (self->database_label)));
  gtk_widget_set_tooltip_text (self->database_box, self->database_text);
  gtk_header_bar_set_subtitle (self->header_bar, self->database_text);
  /* The window's title, for the window list and a screen reader's window
   * name: the database, as the header bar says it */
  whole = g_strdup_printf ("%s — %s", place, _("Anvisa"));
  gtk_window_set_title (GTK_WINDOW (self), whole);
  accessible = gtk_widget_get_accessible (self->database_box);
  atk_object_set_name (accessible, place);
  atk_object_set_description (accessible, self->database_text);
}

typedef GtkWidget *(*PageNewFunc) (AnvContext *context);

/* The pages, each with the work it shows (-1: everyone's: the reference
 * data, which every role reads) */
static const struct
{
  const char  *name;
  const char  *title;
  PageNewFunc  create;
  int          work;
} pages[] = {
  /* Translators: pages of the window */
  { "seekers", N_("Job Seekers"), anv_seekers_page_new, ANV_WORK_PERSONAL_DATA },
  { "summary", N_("Summary"), anv_summary_page_new, ANV_WORK_SUMMARY },
  { "providers", N_("Providers"), anv_providers_page_new, -1 },
  { "map", N_("Map"), anv_map_page_new, ANV_WORK_SUMMARY },
  { "worklist", N_("To Do"), anv_worklist_page_new, ANV_WORK_PERSONAL_DATA },
};

/* Whether the login's role may see the page: a page it may not is never
 * built, so that its actions and their shortcuts are nowhere in the
 * window. */
static gboolean
page_allowed (AnvWindow *self,
              guint      index)
{
  return pages[index].work < 0 || anv_context_may (self->context, pages[index].work);
}

/* The work list's total in its switcher button, "To Do (12)" */
static void
worklist_title_cb (AnvWorklistPage *page,
                   GParamSpec      *pspec,
                   AnvWindow       *self)
{
  GtkWidget *slot = gtk_stack_get_child_by_name (self->stack, "worklist");

  gtk_container_child_set (GTK_CONTAINER (self->stack), slot,
                           "title", anv_worklist_page_get_title (page),
                           "needs-attention", anv_worklist_page_get_total (page) > 0, NULL);
}

/* A row of the work list: the person on the seekers page, the action ready */
static void
worklist_open_item_cb (AnvWorklistPage *page,
                       const char      *personnummer,
                       guint            event,
                       AnvWindow       *self)
{
  GtkWidget *seekers = anv_window_get_page (self, "seekers");

  anv_window_show_page (self, "seekers");
  anv_seekers_page_open_event (ANV_SEEKERS_PAGE (seekers), personnummer, event);
}

/* A page is built when it is first shown, or once the window has drawn
 * its first frame (finish_window_cb): the window opens as fast as its
 * first page. Until then its place in the stack is an empty box. The
 * page's actions ("seekers.new", "summary.export", …) reach the whole
 * window, so that their accelerators work wherever the focus is. */
static void
fill_page (AnvWindow *self,
           guint      index)
{
  GtkWidget *slot = gtk_stack_get_child_by_name (self->stack, pages[index].name);
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (slot));
  GActionGroup *actions;
  GtkWidget *page;

  if (children != NULL || !page_allowed (self, index))
    return;

  page = pages[index].create (self->context);
  gtk_box_pack_start (GTK_BOX (slot), page, TRUE, TRUE, 0);
  if (ANV_IS_WORKLIST_PAGE (page))
    {
      g_signal_connect_object (page, "notify::title", G_CALLBACK (worklist_title_cb), self, 0);
      g_signal_connect_object (page, "open-item", G_CALLBACK (worklist_open_item_cb), self, 0);
      worklist_title_cb (ANV_WORKLIST_PAGE (page), NULL, self);
    }
  actions = gtk_widget_get_action_group (page, pages[index].name);
  if (actions != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self), pages[index].name, actions);
}

static void
fill_visible_page (AnvWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (name, pages[i].name) == 0)
      fill_page (self, i);
}

/* The menu's popover and the shortcuts window are built only once the
 * window has drawn its first frame, or when they are first asked for. */
static void
ensure_primary_menu (AnvWindow *self)
{
  if (gtk_menu_button_get_menu_model (self->primary_menu_button) == NULL)
    gtk_menu_button_set_menu_model (self->primary_menu_button, self->primary_menu);
}

/* What the first frame does not show: the menu first, so that it opens
 * at once; then the other pages, the shortcuts window and the icon (a
 * drawing, SVG, read and drawn at each size). */
static gboolean
finish_window_cb (gpointer user_data)
{
  AnvWindow *self = ANV_WINDOW (user_data);

  self->finish_id = 0;
  ensure_primary_menu (self);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    fill_page (self, i);
  anv_window_get_help_overlay (self);
  if (gtk_window_get_default_icon_name () == NULL)
    gtk_window_set_default_icon_name (APP_ID);
  return G_SOURCE_REMOVE;
}

/* The rest waits for the first frame: an idle queued before it may well
 * run first, while the display has not yet asked for the frame. */
static gboolean
first_draw_cb (GtkWidget *widget,
               cairo_t   *cr,
               gpointer   user_data)
{
  AnvWindow *self = ANV_WINDOW (widget);

  g_signal_handlers_disconnect_by_func (widget, first_draw_cb, user_data);
  if (self->finish_id == 0)
    self->finish_id = g_idle_add_full (G_PRIORITY_LOW, finish_window_cb, self, NULL);
  return GDK_EVENT_PROPAGATE;
}

static void
visible_page_changed_cb (GtkStack   *stack,
                         GParamSpec *pspec,
                         AnvWindow  *self)
{
  fill_visible_page (self);
}

/* The switcher's buttons are radio buttons drawn without their indicator,
 * yet the theme reads the indicator's image of the checked one (an SVG,
 * so the SVG loader and librsvg) for the first frame. */
static void
style_switcher (AnvWindow *self)
{
  static GtkCssProvider *provider = NULL;
  g_autoptr (GList) buttons = NULL;

  if (g_once_init_enter (&provider))
    {
      GtkCssProvider *css = gtk_css_provider_new ();

      /* A constant that GTK parses: no error to report. */
      gtk_css_provider_load_from_data (css, "radio { -gtk-icon-source: none; }", -1, NULL);
      g_once_init_leave (&provider, css);
    }

  buttons = gtk_container_get_children (GTK_CONTAINER (self->switcher));
  for (GList *l = buttons; l != NULL; l = l->next)
    gtk_style_context_add_provider (gtk_widget_get_style_context (l->data),
                                    GTK_STYLE_PROVIDER (provider),
                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
add_pages (AnvWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_widget_set_visible (slot, page_allowed (self, i));
      gtk_stack_add_titled (self->stack, slot, pages[i].name, _(pages[i].title));
    }
  style_switcher (self);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self, 0);
  g_signal_connect_after (self, "draw", G_CALLBACK (first_draw_cb), NULL);
}

static void
restore_page (AnvWindow *self)
{
  GSettings *settings = anv_context_get_settings (self->context);
  g_autofree char *page = NULL;

  if (settings == NULL)
    return;
  page = g_settings_get_string (settings, "last-page");
  /* A page the role does not show is not visible: the stack keeps the
   * first one it may */
  if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
    gtk_stack_set_visible_child_name (self->stack, page);
  g_settings_bind (settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_SET);
}

static void
restore_window_state (AnvWindow *self)
{
  GSettings *settings = anv_context_get_settings (self->context);

  if (settings == NULL)
    return;

  self->width = g_settings_get_int (settings, "window-width");
  self->height = g_settings_get_int (settings, "window-height");
  self->maximized = g_settings_get_boolean (settings, "window-maximized");

  gtk_window_set_default_size (GTK_WINDOW (self), self->width, self->height);
  if (self->maximized)
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (AnvWindow *self)
{
  GSettings *settings;

  if (self->context == NULL || self->width <= 0 || self->height <= 0)
    return;
  settings = anv_context_get_settings (self->context);
  if (settings == NULL)
    return;

  g_settings_set_int (settings, "window-width", self->width);
  g_settings_set_int (settings, "window-height", self->height);
  g_settings_set_boolean (settings, "window-maximized", self->maximized);
}


/*
 * Callbacks
 */

/* A failure a page could not show in its own place */
static void
context_error_cb (AnvContext *context,
                  const char *message,
                  AnvWindow  *self)
{
  anv_window_show_error (self, message);
}

static gboolean
hide_notice_cb (gpointer user_data)
{
  AnvWindow *self = ANV_WINDOW (user_data);

  self->notice_id = 0;
  gtk_widget_hide (GTK_WIDGET (self->notice_bar));
  return G_SOURCE_REMOVE;
}

static void
notice_bar_response_cb (GtkInfoBar *notice_bar,
                        int         response,
                        AnvWindow  *self)
{
  g_clear_handle_id (&self->notice_id, g_source_remove);
  gtk_widget_hide (GTK_WIDGET (notice_bar));
}

static void
info_bar_response_cb (GtkInfoBar *info_bar,
                      int         response,
                      AnvWindow  *self)
{
  gtk_widget_hide (GTK_WIDGET (info_bar));
}

/* Opening the menu before it is built: build it, then open it */
static void
primary_menu_toggled_cb (GtkToggleButton *button,
                         AnvWindow       *self)
{
  if (gtk_toggle_button_get_active (button)
      && gtk_menu_button_get_menu_model (self->primary_menu_button) == NULL)
    {
      ensure_primary_menu (self);
      gtk_toggle_button_set_active (button, FALSE);
      gtk_toggle_button_set_active (button, TRUE);
    }
}

static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  gtk_widget_show (GTK_WIDGET (anv_window_get_help_overlay (ANV_WINDOW (user_data))));
}

/* F10 opens the main menu, as in GNOME's applications (and closes it) */
static void
show_primary_menu_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (ANV_WINDOW (user_data)->primary_menu_button);

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}


/*
 * GtkWidget overrides
 */

static void
anv_window_size_allocate (GtkWidget     *widget,
                          GtkAllocation *allocation)
{
  AnvWindow *self = ANV_WINDOW (widget);

  GTK_WIDGET_CLASS (anv_window_parent_class)->size_allocate (widget, allocation);

  if (!self->maximized)
    gtk_window_get_size (GTK_WINDOW (self), &self->width, &self->height);
}

static gboolean
anv_window_window_state_event (GtkWidget           *widget,
                               GdkEventWindowState *event)
{
  AnvWindow *self = ANV_WINDOW (widget);

  self->maximized = (event->new_window_state & GDK_WINDOW_STATE_MAXIMIZED) != 0;

  return GTK_WIDGET_CLASS (anv_window_parent_class)->window_state_event (widget, event);
}


/*
 * GObject overrides
 */

/* The first focus goes to the page's first field. Left to GTK, it is the
 * first focusable widget in the window: a message's selectable text when
 * the window opens with one, all of it then selected. */
static void
anv_window_map (GtkWidget *widget)
{
  AnvWindow *self = ANV_WINDOW (widget);

  GTK_WIDGET_CLASS (anv_window_parent_class)->map (widget);

  if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
    gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
anv_window_constructed (GObject *object)
{
  AnvWindow *self = ANV_WINDOW (object);

  G_OBJECT_CLASS (anv_window_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "error", G_CALLBACK (context_error_cb), self, 0);
  restore_window_state (self);
  add_pages (self);
  restore_page (self);
  fill_visible_page (self);
  show_database (self);
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_database_cb, self);
  watch_socket (self);
}

static void
anv_window_dispose (GObject *object)
{
  AnvWindow *self = ANV_WINDOW (object);

  save_window_state (self);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->socket_id, g_source_remove);
  g_clear_handle_id (&self->finish_id, g_source_remove);
  g_clear_handle_id (&self->notice_id, g_source_remove);
  g_clear_object (&self->context);
  g_clear_pointer (&self->database_text, g_free);

  G_OBJECT_CLASS (anv_window_parent_class)->dispose (object);
}

static void
anv_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AnvWindow *self = ANV_WINDOW (object);

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
anv_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AnvWindow *self = ANV_WINDOW (object);

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
anv_window_class_init (AnvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_window_constructed;
  object_class->dispose = anv_window_dispose;
  object_class->get_property = anv_window_get_property;
  object_class->set_property = anv_window_set_property;

  widget_class->map = anv_window_map;
  widget_class->size_allocate = anv_window_size_allocate;
  widget_class->window_state_event = anv_window_window_state_event;

  /**
   * AnvWindow:context:
   *
   * What the window's pages share: the open database, the settings (where
   * the window size is kept, if the schema is installed) and today. The
   * window shows the context's errors in its information bar.
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/anv-window.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, database_box);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, database_label);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, login_label);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, notice_bar);
  gtk_widget_class_bind_template_child (widget_class, AnvWindow, notice_label);

  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, notice_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, primary_menu_toggled_cb);
}

static void
anv_window_init (AnvWindow *self)
{
  static const GActionEntry entries[] = {
    /* GtkApplicationWindow keeps this one when it sets the overlay */
    { "show-help-overlay", show_help_overlay_cb },
    { "show-primary-menu", show_primary_menu_cb },
  };

  self->socket_fd = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  anv_info_bar_name_close_button (self->info_bar);
  anv_info_bar_name_close_button (self->notice_bar);
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  /* GTK 3 has no call to announce a text: a notification that appears is
   * what screen readers read out (Orca does, on its "showing" event). */
  atk_object_set_role (gtk_widget_get_accessible (GTK_WIDGET (self->notice_bar)),
                       ATK_ROLE_NOTIFICATION);
}

AnvWindow *
anv_window_new (GtkApplication *application,
                AnvContext     *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * anv_window_get_context:
 * @self: an #AnvWindow
 *
 * Returns: (transfer none): what the window's pages share
 */
AnvContext *
anv_window_get_context (AnvWindow *self)
{
  g_return_val_if_fail (ANV_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * anv_window_get_db:
 * @self: an #AnvWindow
 *
 * Returns: (transfer none): the database the window shows, its context's
 */
AnvDb *
anv_window_get_db (AnvWindow *self)
{
  g_return_val_if_fail (ANV_IS_WINDOW (self), NULL);

  return anv_context_get_db (self->context);
}

/**
 * anv_window_get_help_overlay:
 * @self: an #AnvWindow
 *
 * The shortcuts window (win.show-help-overlay, Ctrl+?), built from
 * ui/help-overlay.ui the first time it is needed: it is not part of the
 * window's first frame.
 *
 * Returns: (transfer none): the window's shortcuts window
 */
GtkShortcutsWindow *
anv_window_get_help_overlay (AnvWindow *self)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (self);
  g_autoptr (GtkBuilder) builder = NULL;

  g_return_val_if_fail (ANV_IS_WINDOW (self), NULL);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      GObject *overlay;

      builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");
      overlay = gtk_builder_get_object (builder, "help_overlay");
      gtk_application_window_set_help_overlay (window, GTK_SHORTCUTS_WINDOW (overlay));
    }
  return gtk_application_window_get_help_overlay (window);
}

/**
 * anv_window_show_error:
 * @self: an #AnvWindow
 * @message: what went wrong and what to do, in the person's language
 *
 * Shows @message in the window's info bar until it is closed.
 */
void
anv_window_show_error (AnvWindow  *self,
                       const char *message)
{
  g_return_if_fail (ANV_IS_WINDOW (self));

  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_ERROR);
  gtk_widget_show (GTK_WIDGET (self->info_bar));
}

/**
 * anv_window_show_page:
 * @self: an #AnvWindow
 * @name: "seekers", "summary", "providers", "map" or "worklist"
 *
 * A page the login's role does not show is not shown.
 */
void
anv_window_show_page (AnvWindow  *self,
                      const char *name)
{
  g_return_if_fail (ANV_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->stack, name);
}

/**
 * anv_window_get_page:
 * @self: an #AnvWindow
 * @name: the page's name: "seekers", "summary", "providers", "map" or "worklist"
 *
 * Returns the page, built now if it was not yet.
 *
 * Returns: (transfer none) (nullable): the page, or %NULL for an unknown name
 *   or a page the login's role does not show
 */
GtkWidget *
anv_window_get_page (AnvWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (ANV_IS_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (name, pages[i].name) == 0)
      {
        GtkWidget *slot = gtk_stack_get_child_by_name (self->stack, name);
        g_autoptr (GList) children = NULL;

        if (!page_allowed (self, i))
          return NULL;
        fill_page (self, i);
        children = gtk_container_get_children (GTK_CONTAINER (slot));
        return children != NULL ? children->data : NULL;
      }
  return NULL;
}

/**
 * anv_window_announce:
 * @self: an #AnvWindow
 * @message: what was saved, in the person's language
 *
 * Says @message in a notice at the top of the window for a few seconds,
 * and to a screen reader: the notice is an accessible notification named
 * by @message, shown anew for each message.
 */
void
anv_window_announce (AnvWindow  *self,
                     const char *message)
{
  AtkObject *accessible;

  g_return_if_fail (ANV_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  accessible = gtk_widget_get_accessible (GTK_WIDGET (self->notice_bar));

  /* Hidden first, so that a second message appears, and is read, too */
  gtk_widget_hide (GTK_WIDGET (self->notice_bar));
  gtk_label_set_text (self->notice_label, message);
  atk_object_set_name (accessible, message);
  gtk_widget_show (GTK_WIDGET (self->notice_bar));

  g_clear_handle_id (&self->notice_id, g_source_remove);
  self->notice_id = g_timeout_add_seconds (NOTICE_SECONDS, hide_notice_cb, self);
}

/**
 * anv_window_get_socket_wakeups:
 * @self: an #AnvWindow
 *
 * How many times the server's connection's socket woke the window with
 * something to read (another connection's notification), for the tests:
 * a commit elsewhere reached the window through it, not its timer.
 *
 * Returns: the count; 0 on a file
 */
guint
anv_window_get_socket_wakeups (AnvWindow *self)
{
  g_return_val_if_fail (ANV_IS_WINDOW (self), 0);

  return self->socket_wakeups;
}

/**
 * anv_window_get_database_text:
 * @self: an #AnvWindow
 *
 * Returns: (transfer none): what the header bar says of the database and
 *   the login
 */
const char *
anv_window_get_database_text (AnvWindow *self)
{
  g_return_val_if_fail (ANV_IS_WINDOW (self), NULL);

  return self->database_text;
}
