/* anv-providers-page.c — providers, delivery areas and approvals
 *
 * Three short lists (hundreds of rows at most, so list stores), reloaded
 * whenever the database changes, a search over all three, the import of
 * providers, and a side pane with the form that adds to them. Each form is
 * a widget of its own (AnvProviderForm, AnvAreaForm, AnvApprovalForm);
 * the page opens and closes them and hands them what its lists hold. A
 * fourth list, for the supervisor, shows each provider's share of a
 * month's no-choice defaults (AnvDefaultShares), reloaded with the rest.
 *
 * Its length is one concern: the lists, their search and the import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-providers-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approval-end-form.h"
#include "anv-approval-form.h"
#include "anv-approvals.h"
#include "anv-area-form.h"
#include "anv-context.h"
#include "anv-default-shares.h"
#include "anv-delivery-areas.h"
#include "anv-file-chooser.h"
#include "anv-import-dialog.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-provider-form.h"
#include "anv-providers-page.h"
#include "anv-providers.h"
#include "anv-text.h"

/* The columns of the list stores, as declared in the template */
enum
{
  PROVIDER_ID,
  PROVIDER_ORGNR,
  PROVIDER_NAME,
  PROVIDER_MUNICIPALITY,
  PROVIDER_ACTIVE,
  PROVIDER_APPROVED_IN,
  PROVIDER_SEARCH_KEY,
  PROVIDER_DIGITS,
  PROVIDER_TOOLTIP,
};

enum
{
  AREA_ID,
  AREA_NAME,
  AREA_SERVICE,
  AREA_N_MUNICIPALITIES,
  AREA_MUNICIPALITIES,
  AREA_SEARCH_KEY,
};

enum
{
  APPROVAL_ID,
  APPROVAL_PROVIDER,
  APPROVAL_ORGNR,
  APPROVAL_AREA,
  APPROVAL_SERVICE,
  APPROVAL_FROM,
  APPROVAL_TO,
  APPROVAL_SEARCH_KEY,
  APPROVAL_DIGITS,
};

struct _AnvProvidersPage
{
  GtkBox                parent_instance;

  gboolean              dirty;    /* changed while not shown */

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  GtkStack             *lists_stack;
  GtkTreeView          *providers_view;
  GtkTreeView          *areas_view;
  GtkTreeView          *approvals_view;
  GtkListStore         *providers_store;
  GtkListStore         *areas_store;
  GtkListStore         *approvals_store;
  GtkTreeModelFilter   *providers_filter;
  GtkTreeModelFilter   *areas_filter;
  GtkTreeModelFilter   *approvals_filter;
  GtkWidget            *providers_empty;
  GtkWidget            *new_provider_button;
  GtkWidget            *new_area_button;
  GtkWidget            *approve_button;
  GtkWidget            *import_button;
  GtkWidget            *end_approval_button;
  GtkWidget            *areas_empty;
  GtkWidget            *approvals_empty;
  GtkRevealer          *form_revealer;
  GtkStack             *form_stack;
  AnvProviderForm      *provider_form;
  AnvDefaultShares     *default_shares;
  AnvAreaForm          *area_form;
  AnvApprovalForm      *approval_form;
  AnvApprovalEndForm   *approval_end_form;

  AnvContext           *context;
  GSimpleActionGroup   *actions;
  GtkFileChooserNative *chooser;

  GPtrArray            *municipalities;      /* AnvMunicipality, by code */
  GHashTable           *municipality_names;  /* code → short name */
  char                 *search_key;          /* folded; NULL: everything */
};

G_DEFINE_FINAL_TYPE (AnvProvidersPage, anv_providers_page, GTK_TYPE_BOX)

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

/* "Rusta och matcha (KROM)" */
static char *
get_service_label (AnvService service)
{
  /* The services' names are names: not translated */
  return g_strdup_printf ("%s (%s)", anv_service_name (service), anv_service_code (service));
}

static GtkWindow *
get_parent_window (AnvProvidersPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  return GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL;
}

static gint64
get_selected_id (GtkTreeView *view)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (view), &model, &iter))
    gtk_tree_model_get (model, &iter, 0, &id, -1);

  return id;
}

/* Column @column of the row selected in @view, or NULL. */
static char *
get_selected_text (GtkTreeView *view,
                   int          column)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  char *text = NULL;

  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (view), &model, &iter))
    gtk_tree_model_get (model, &iter, column, &text, -1);

  return text;
}

/* Selects the row with @id (column 0) in @view, if it is shown. */
static gboolean
select_id (GtkTreeView *view,
           gint64       id)
{
  GtkTreeModel *model = gtk_tree_view_get_model (view);
  GtkTreeIter iter;
  gboolean valid;

  if (id <= 0)
    return FALSE;

  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autoptr (GtkTreePath) path = NULL;
      gint64 row_id;

      gtk_tree_model_get (model, &iter, 0, &row_id, -1);
      if (row_id != id)
        continue;

      path = gtk_tree_model_get_path (model, &iter);
      gtk_tree_view_set_cursor (view, path, NULL, FALSE);
      gtk_tree_view_scroll_to_cell (view, path, NULL, FALSE, 0, 0);
      return TRUE;
    }

  return FALSE;
}

static void
load_municipalities (AnvProvidersPage *self)
{
  g_autoptr (GError) error = NULL;

  self->municipalities = anv_municipalities_list (anv_context_get_db (self->context), &error);
  if (self->municipalities == NULL)
    {
      anv_context_report_error (self->context, error->message);
      self->municipalities = g_ptr_array_new ();
    }

  for (guint i = 0; i < self->municipalities->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);

      g_hash_table_insert (self->municipality_names, municipality->code,
                           municipality->short_name);
    }

  anv_provider_form_set_municipalities (self->provider_form, self->municipalities);
  anv_area_form_set_municipalities (self->area_form, self->municipalities);
}

/* "Norrland Nord (KROM), Stockholm (STOM)": where each provider is
 * approved on @date or later, by organisationsnummer. */
static GHashTable *
collect_approved_in (GPtrArray   *approvals,
                     const GDate *date)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *approved_in;

  approved_in = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_free);

  for (guint i = 0; i < approvals->len; i++)
    {
      AnvApproval *approval = g_ptr_array_index (approvals, i);
      g_autofree char *item = NULL;
      char *text;

      if (anv_approval_ended_before (approval, date))
        continue;

      item = g_strdup_printf ("%s (%s)", approval->area_name, anv_service_code (approval->service));
      if (!g_hash_table_add (seen, g_strconcat (approval->orgnr, "\n", item, NULL)))
        continue;

      text = g_hash_table_lookup (approved_in, approval->orgnr);
      if (text == NULL)
        g_hash_table_insert (approved_in, approval->orgnr, g_steal_pointer (&item));
      else
        g_hash_table_insert (approved_in, approval->orgnr,
                             g_strconcat (text, ", ", item, NULL));
    }

  return approved_in;
}

static void
fill_providers (AnvProvidersPage *self,
                GPtrArray        *providers,
                GPtrArray        *approvals)
{
  g_autoptr (GHashTable) approved_in = NULL;
  gint64 selected = get_selected_id (self->providers_view);
  GDate today;

  anv_context_get_today (self->context, &today);
  approved_in = collect_approved_in (approvals, &today);

  gtk_list_store_clear (self->providers_store);

  for (guint i = 0; i < providers->len; i++)
    {
      AnvProvider *provider = g_ptr_array_index (providers, i);
      g_autofree char *orgnr = anv_orgnr_format (provider->orgnr);
      g_autofree char *key_text = NULL;
      g_autofree char *key = NULL;
      const char *where = g_hash_table_lookup (approved_in, provider->orgnr);
      g_autofree char *tooltip = where ? g_markup_escape_text (where, -1) : NULL;

      key_text = g_strjoin (" ", provider->name, orgnr, provider->orgnr,
                            provider->municipality_name, where ? where : "", NULL);
      key = anv_text_fold (key_text);

      gtk_list_store_insert_with_values (self->providers_store, NULL, -1,
                                         PROVIDER_ID, provider->id,
                                         PROVIDER_ORGNR, orgnr,
                                         PROVIDER_NAME, provider->name,
                                         PROVIDER_MUNICIPALITY, provider->municipality_name,
                                         PROVIDER_ACTIVE, provider->active ? _("Yes") : _("No"),
                                         PROVIDER_APPROVED_IN, where,
                                         PROVIDER_SEARCH_KEY, key,
                                         PROVIDER_DIGITS, provider->orgnr,
                                         PROVIDER_TOOLTIP, tooltip,
                                         -1);
    }

  gtk_widget_set_visible (self->providers_empty, providers->len == 0);
  select_id (self->providers_view, selected);
}

static void
fill_areas (AnvProvidersPage *self,
            GPtrArray        *areas)
{
  gint64 selected = get_selected_id (self->areas_view);

  gtk_list_store_clear (self->areas_store);

  for (guint i = 0; i < areas->len; i++)
    {
      AnvArea *area = g_ptr_array_index (areas, i);
      g_autoptr (GString) names = g_string_new (NULL);
      g_autofree char *key_text = NULL;
      g_autofree char *key = NULL;
      g_autofree char *service = get_service_label (area->service);
      guint n = area->municipality_codes ? g_strv_length (area->municipality_codes) : 0;

      for (guint j = 0; j < n; j++)
        {
          const char *name = g_hash_table_lookup (self->municipality_names,
                                                  area->municipality_codes[j]);

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, name != NULL ? name : area->municipality_codes[j]);
        }

      key_text = g_strjoin (" ", area->name, anv_service_code (area->service),
                            anv_service_name (area->service), names->str, NULL);
      key = anv_text_fold (key_text);

      gtk_list_store_insert_with_values (self->areas_store, NULL, -1,
                                         AREA_ID, area->id,
                                         AREA_NAME, area->name,
                                         AREA_SERVICE, service,
                                         AREA_N_MUNICIPALITIES, n,
                                         AREA_MUNICIPALITIES, names->str,
                                         AREA_SEARCH_KEY, key,
                                         -1);
    }

  gtk_widget_set_visible (self->areas_empty, areas->len == 0);
  select_id (self->areas_view, selected);
}

static void
fill_approvals (AnvProvidersPage *self,
                GPtrArray        *approvals)
{
  gint64 selected = get_selected_id (self->approvals_view);

  gtk_list_store_clear (self->approvals_store);

  for (guint i = 0; i < approvals->len; i++)
    {
      AnvApproval *approval = g_ptr_array_index (approvals, i);
      g_autofree char *orgnr = anv_orgnr_format (approval->orgnr);
      g_autofree char *key_text = NULL;
      g_autofree char *key = NULL;

      key_text = g_strjoin (" ", approval->provider_name, orgnr, approval->orgnr,
                            approval->area_name, anv_service_code (approval->service), NULL);
      key = anv_text_fold (key_text);

      gtk_list_store_insert_with_values (self->approvals_store, NULL, -1,
                                         APPROVAL_ID, approval->id,
                                         APPROVAL_PROVIDER, approval->provider_name,
                                         APPROVAL_ORGNR, orgnr,
                                         APPROVAL_AREA, approval->area_name,
                                         APPROVAL_SERVICE, anv_service_code (approval->service),
                                         APPROVAL_FROM, approval->valid_from,
                                         APPROVAL_TO, approval->valid_to != NULL
                                                      ? approval->valid_to
                                                      : _("until further notice"),
                                         APPROVAL_SEARCH_KEY, key,
                                         APPROVAL_DIGITS, approval->orgnr,
                                         -1);
    }

  gtk_widget_set_visible (self->approvals_empty, approvals->len == 0);
  select_id (self->approvals_view, selected);
}

static void
reload (AnvProvidersPage *self)
{
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) approvals = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  self->dirty = FALSE;

  providers = anv_providers_list (anv_context_get_db (self->context), &error);
  if (providers != NULL)
    areas = anv_areas_list (anv_context_get_db (self->context), &error);
  if (areas != NULL)
    approvals = anv_approvals_list (anv_context_get_db (self->context), &error);
  if (approvals == NULL)
    {
      anv_context_report_error (self->context, error->message);
      return;
    }

  fill_providers (self, providers, approvals);
  fill_areas (self, areas);
  fill_approvals (self, approvals);
  anv_context_get_today (self->context, &today);
  /* The defaults' shares are counted from the referrals, which only the
   * officers' roles may read: for the others the list is not there */
  if (anv_context_may (self->context, ANV_WORK_PERSONAL_DATA))
    anv_default_shares_reload (self->default_shares, anv_context_get_db (self->context),
                               &today);
  else
    gtk_widget_hide (GTK_WIDGET (self->default_shares));

  anv_area_form_set_areas (self->area_form, areas);
  anv_approval_form_set_providers (self->approval_form, providers);
  anv_approval_form_set_areas (self->approval_form, areas);
}

/* Shows the form @name (a child of the form stack), its first field focused. */
static void
open_form (AnvProvidersPage *self,
           const char       *name)
{
  gtk_stack_set_visible_child_name (self->form_stack, name);
  gtk_revealer_set_reveal_child (self->form_revealer, TRUE);
  gtk_widget_grab_focus (gtk_stack_get_visible_child (self->form_stack));
}

static void
close_form (AnvProvidersPage *self)
{
  GtkWidget *list = NULL;
  const char *page;

  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);

  page = gtk_stack_get_visible_child_name (self->lists_stack);
  if (g_strcmp0 (page, "providers") == 0)
    list = GTK_WIDGET (self->providers_view);
  else if (g_strcmp0 (page, "areas") == 0)
    list = GTK_WIDGET (self->areas_view);
  else
    list = GTK_WIDGET (self->approvals_view);
  gtk_widget_grab_focus (list);
}

/* After a save: the list saved to, all of it, the form closed. */
static void
show_list (AnvProvidersPage *self,
           const char       *name)
{
  gtk_stack_set_visible_child_name (self->lists_stack, name);
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  close_form (self);
}


/*
 * Callbacks
 */

/* The database changed, or the day did (which approvals hold). */
static void
context_changed_cb (AnvProvidersPage *self)
{
  /* Read when shown: a page in the background waits until it is, so that
   * a save on another page does not wait for this one's lists */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  reload (self);
}

static void
anv_providers_page_map (GtkWidget *widget)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (widget);

  GTK_WIDGET_CLASS (anv_providers_page_parent_class)->map (widget);

  if (self->dirty)
    reload (self);
}

static gboolean
filter_visible_cb (GtkTreeModel *model,
                   GtkTreeIter  *iter,
                   gpointer      user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);
  g_autofree char *key = NULL;
  int column;

  if (self->search_key == NULL)
    return TRUE;

  if (model == GTK_TREE_MODEL (self->providers_store))
    column = PROVIDER_SEARCH_KEY;
  else if (model == GTK_TREE_MODEL (self->areas_store))
    column = AREA_SEARCH_KEY;
  else
    column = APPROVAL_SEARCH_KEY;

  gtk_tree_model_get (model, iter, column, &key, -1);

  return key != NULL && strstr (key, self->search_key) != NULL;
}

static void
search_changed_cb (AnvProvidersPage *self)
{
  const char *typed = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));
  g_autofree char *key = anv_text_fold (text);

  g_clear_pointer (&self->search_key, g_free);
  if (*key != '\0')
    self->search_key = g_steal_pointer (&key);

  gtk_tree_model_filter_refilter (self->providers_filter);
  gtk_tree_model_filter_refilter (self->areas_filter);
  gtk_tree_model_filter_refilter (self->approvals_filter);
}

static void
provider_saved_cb (AnvProvidersPage *self,
                   gint64            id)
{
  /* The list is current already: the commit emitted AnvDb::changed. */
  show_list (self, "providers");
  select_id (self->providers_view, id);
}

static void
area_saved_cb (AnvProvidersPage *self)
{
  show_list (self, "areas");
}

static void
approval_saved_cb (AnvProvidersPage *self)
{
  show_list (self, "approvals");
}

static void
form_cancelled_cb (AnvProvidersPage *self)
{
  close_form (self);
}

/* "End Approval…" needs an approval chosen in the approvals' list. */
/* The tool bar offers what the list shown is for (so that the window
 * still fits a 1280-pixel screen): a new provider and an import with the
 * providers, a new area with the areas, approving with all three, ending
 * with the approvals. Their shortcuts work from every list. */
static void
update_tool_bar_cb (AnvProvidersPage *self)
{
  const char *list = gtk_stack_get_visible_child_name (self->lists_stack);
  gboolean providers = g_strcmp0 (list, "providers") == 0;
  gboolean areas = g_strcmp0 (list, "areas") == 0;
  gboolean approvals = g_strcmp0 (list, "approvals") == 0;
  /* Only the administrator changes the reference data: for the other
   * roles the page only shows it, its actions (and their shortcuts) off */
  gboolean may_edit = self->context == NULL
    || anv_context_may (self->context, ANV_WORK_REFERENCE_DATA);
  const char *editing[] = { "new", "new-area", "approve", "import" };
  GAction *action;

  gtk_widget_set_visible (self->new_provider_button, providers && may_edit);
  gtk_widget_set_visible (self->import_button, providers && may_edit);
  gtk_widget_set_visible (self->new_area_button, areas && may_edit);
  gtk_widget_set_visible (self->approve_button, (providers || areas || approvals) && may_edit);
  gtk_widget_set_visible (self->end_approval_button, approvals && may_edit);
  if (self->actions == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    {
      action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), editing[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), may_edit);
    }
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "end-approval");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               may_edit && approvals
                               && get_selected_id (self->approvals_view) != 0);
}

static void
end_approval_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);
  g_autoptr (GPtrArray) approvals = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = get_selected_id (self->approvals_view);

  if (id == 0)
    return;
  approvals = anv_approvals_list (anv_context_get_db (self->context), &error);
  if (approvals == NULL)
    {
      anv_context_report_error (self->context, error->message);
      return;
    }
  for (guint i = 0; i < approvals->len; i++)
    {
      AnvApproval *approval = g_ptr_array_index (approvals, i);

      if (approval->id != id)
        continue;
      anv_approval_end_form_start (self->approval_end_form, approval);
      open_form (self, "end-approval");
      return;
    }
}

static void
new_provider_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);

  anv_provider_form_check (self->provider_form);
  open_form (self, "provider");
}

static void
new_area_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);

  anv_area_form_check (self->area_form);
  open_form (self, "area");
}

static void
approve_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);
  g_autofree char *orgnr = get_selected_text (self->providers_view, PROVIDER_DIGITS);
  g_autofree char *area = get_selected_text (self->areas_view, AREA_NAME);

  /* Start from what is selected in the lists; in the approvals, another
   * period for the same provider and area. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->lists_stack), "approvals") == 0
      && get_selected_id (self->approvals_view) != 0)
    {
      g_free (orgnr);
      g_free (area);
      orgnr = get_selected_text (self->approvals_view, APPROVAL_DIGITS);
      area = get_selected_text (self->approvals_view, APPROVAL_AREA);
    }

  anv_approval_form_start (self->approval_form, orgnr, area);
  open_form (self, "approval");
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     AnvProvidersPage *self)
{
  g_autofree char *path = anv_file_chooser_take_file (&self->chooser, response);

  if (path != NULL)
    anv_providers_page_import_file (self, path);
}

static void
import_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);

  if (self->chooser != NULL)
    return;

  self->chooser = anv_file_chooser_new_open (GTK_WIDGET (self), _("Import Providers"),
                                             _("_Import"));

  /* Translators: a kind of file in the file chooser */
  anv_file_chooser_add_filter (self->chooser, _("CSV files"), "text/csv", "csv");

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static const GActionEntry page_entries[] = {
  { "new", new_provider_activated_cb },
  { "new-area", new_area_activated_cb },
  { "approve", approve_activated_cb },
  { "end-approval", end_approval_activated_cb },
  { "import", import_activated_cb },
};


/*
 * GObject overrides
 */

static void
anv_providers_page_constructed (GObject *object)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (object);

  G_OBJECT_CLASS (anv_providers_page_parent_class)->constructed (object);

  g_assert (ANV_IS_CONTEXT (self->context));

  g_object_set (self->provider_form, "context", self->context, NULL);
  g_object_set (self->area_form, "context", self->context, NULL);
  g_object_set (self->approval_form, "context", self->context, NULL);
  g_object_set (self->approval_end_form, "context", self->context, NULL);
  anv_approval_form_reset (self->approval_form);

  load_municipalities (self);
  reload (self);
  update_tool_bar_cb (self);

  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::today", G_CALLBACK (context_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
anv_providers_page_dispose (GObject *object)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (object);

  anv_file_chooser_close (&self->chooser, self);
  g_clear_object (&self->actions);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_providers_page_parent_class)->dispose (object);
}

static void
anv_providers_page_finalize (GObject *object)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (object);

  g_clear_pointer (&self->municipality_names, g_hash_table_unref);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (anv_providers_page_parent_class)->finalize (object);
}

static void
anv_providers_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (object);

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
anv_providers_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (object);

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
anv_providers_page_class_init (AnvProvidersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = anv_providers_page_constructed;
  object_class->dispose = anv_providers_page_dispose;
  widget_class->map = anv_providers_page_map;
  object_class->finalize = anv_providers_page_finalize;
  object_class->get_property = anv_providers_page_get_property;
  object_class->set_property = anv_providers_page_set_property;

  /**
   * AnvProvidersPage:context:
   *
   * What the pages of the window share: the database, today, and where
   * errors are told.
   */
  properties[PROP_CONTEXT] = g_param_spec_object ("context",
                                                  "Context",
                                                  "What the pages of a window share",
                                                  ANV_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE |
                                                  G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ANV_TYPE_PROVIDER_FORM);
  g_type_ensure (ANV_TYPE_DEFAULT_SHARES);
  g_type_ensure (ANV_TYPE_AREA_FORM);
  g_type_ensure (ANV_TYPE_APPROVAL_FORM);
  g_type_ensure (ANV_TYPE_APPROVAL_END_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-providers-page.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, lists_stack);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, providers_view);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, areas_view);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approvals_view);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, providers_store);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, areas_store);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approvals_store);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, providers_filter);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, areas_filter);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approvals_filter);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, providers_empty);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, new_provider_button);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, new_area_button);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approve_button);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, end_approval_button);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, areas_empty);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approvals_empty);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, form_stack);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, provider_form);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, default_shares);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_form);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_form);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_end_form);

  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, area_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, approval_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_cancelled_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_tool_bar_cb);
}

static void
anv_providers_page_init (AnvProvidersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->municipality_names = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_tree_model_filter_set_visible_func (self->providers_filter, filter_visible_cb, self, NULL);
  gtk_tree_model_filter_set_visible_func (self->areas_filter, filter_visible_cb, self, NULL);
  gtk_tree_model_filter_set_visible_func (self->approvals_filter, filter_visible_cb, self, NULL);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_entries,
                                   G_N_ELEMENTS (page_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "providers", G_ACTION_GROUP (self->actions));
  update_tool_bar_cb (self);
}

GtkWidget *
anv_providers_page_new (AnvContext *context)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (context), NULL);

  return g_object_new (ANV_TYPE_PROVIDERS_PAGE, "context", context, NULL);
}

/**
 * anv_providers_page_import_file:
 * @self: an #AnvProvidersPage
 * @path: a CSV file of providers
 *
 * Imports the providers in @path, all or none, in a dialog that shows the
 * progress and then every bad row.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
anv_providers_page_import_file (AnvProvidersPage *self,
                                const char       *path)
{
  GtkWidget *dialog;

  g_return_val_if_fail (ANV_IS_PROVIDERS_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  dialog = anv_import_dialog_new (get_parent_window (self), self->context,
                                  ANV_IMPORT_DIALOG_PROVIDERS, path);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
