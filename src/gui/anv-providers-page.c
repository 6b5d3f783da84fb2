/* anv-providers-page.c — providers, delivery areas and approvals
 *
 * Three short lists (hundreds of rows at most, so list stores), reloaded
 * whenever the database changes, and a side pane with the form that adds
 * to them. The forms check what is typed as it is typed, with the core's
 * own rules, and save through the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-providers-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-approvals.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-import-dialog.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-providers-page.h"
#include "anv-providers.h"
#include "anv-window.h"

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
};

enum
{
  MUNICIPALITY_SHORT_NAME,
  MUNICIPALITY_CODE,
  MUNICIPALITY_COUNTY,
};

typedef enum
{
  FIELD_HINT,      /* empty or not complete yet: a hint, no verdict */
  FIELD_ERROR,
  FIELD_VALID,
} FieldState;

struct _AnvProvidersPage
{
  GtkBox                parent_instance;

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  GtkStack             *lists_stack;
  GtkTreeView          *providers_view;
  GtkTreeView          *areas_view;
  GtkTreeView          *approvals_view;
  GtkListStore         *providers_store;
  GtkListStore         *areas_store;
  GtkListStore         *approvals_store;
  GtkListStore         *municipalities_store;
  GtkTreeModelFilter   *providers_filter;
  GtkTreeModelFilter   *areas_filter;
  GtkTreeModelFilter   *approvals_filter;
  GtkWidget            *providers_empty;
  GtkWidget            *areas_empty;
  GtkWidget            *approvals_empty;
  GtkEntryCompletion   *municipality_completion;
  GtkRevealer          *form_revealer;
  GtkStack             *form_stack;

  GtkEntry             *orgnr_entry;
  GtkEntry             *name_entry;
  GtkEntry             *municipality_entry;
  GtkLabel             *orgnr_message;
  GtkLabel             *name_message;
  GtkLabel             *municipality_message;
  GtkLabel             *provider_message;
  GtkWidget            *provider_save_button;

  GtkEntry             *area_name_entry;
  GtkComboBox          *area_service_combo;
  GtkSearchEntry       *area_search_entry;
  GtkListBox           *area_municipalities_list;
  GtkLabel             *area_count_label;
  GtkLabel             *area_message;
  GtkWidget            *area_save_button;

  GtkComboBox          *approval_provider_combo;
  GtkComboBox          *approval_area_combo;
  GtkEntry             *approval_from_entry;
  GtkEntry             *approval_to_entry;
  GtkLabel             *approval_from_message;
  GtkLabel             *approval_to_message;
  GtkLabel             *approval_message;
  GtkWidget            *approval_save_button;

  AnvDb                *db;
  GSimpleActionGroup   *actions;
  GtkFileChooserNative *chooser;

  GPtrArray            *municipalities;      /* AnvMunicipality, by code */
  GHashTable           *municipality_codes;  /* folded name, short name or code → code */
  GHashTable           *municipality_names;  /* code → short name */
  GPtrArray            *area_checks;         /* GtkCheckButton, as municipalities */
  char                 *search_key;          /* folded; NULL: everything */
  char                 *area_search_key;     /* folded; NULL: everything */
};

G_DEFINE_FINAL_TYPE (AnvProvidersPage, anv_providers_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS] = { NULL, };


/*
 * Auxiliary methods
 */

/* Case-insensitive text in one Unicode form, for searching and matching;
 * å, ä and ö stay letters of their own, as in Swedish. */
static char *
fold_text (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normalized != NULL ? normalized : "", -1);
}

static char *
fold_entry_text (GtkEntry *entry)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  return fold_text (stripped);
}

static char *
get_stripped_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_entry_get_text (entry)));
}

static const char *
get_service_label (AnvService service)
{
  switch (service)
    {
    case ANV_SERVICE_KROM:
      /* The services' names are names: not translated */
      return "Rusta och matcha (KROM)";
    case ANV_SERVICE_STOM:
      return "Stöd och matchning (STOM)";
    case ANV_SERVICE_NONE:
    default:
      return "";
    }
}

static void
show_error (AnvProvidersPage *self,
            const char       *message)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  if (ANV_IS_WINDOW (toplevel))
    anv_window_show_error (ANV_WINDOW (toplevel), message);
  else
    g_message ("%s", message);
}

static GtkWindow *
get_parent_window (AnvProvidersPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  return GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL;
}

/* Shows the verdict on a field: an icon in the entry, a message under it,
 * and the same message as the entry's accessible description. */
static void
set_field_state (GtkEntry   *entry,
                 GtkLabel   *message,
                 FieldState  state,
                 const char *text)
{
  GtkStyleContext *entry_style = gtk_widget_get_style_context (GTK_WIDGET (entry));
  GtkStyleContext *message_style = gtk_widget_get_style_context (GTK_WIDGET (message));
  const char *icon = NULL;

  switch (state)
    {
    case FIELD_HINT:
      break;
    case FIELD_ERROR:
      icon = "dialog-error-symbolic";
      break;
    case FIELD_VALID:
      icon = "object-select-symbolic";
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, icon);
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, icon ? text : NULL);

  if (state == FIELD_ERROR)
    {
      gtk_style_context_add_class (entry_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_add_class (message_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_remove_class (message_style, GTK_STYLE_CLASS_DIM_LABEL);
    }
  else
    {
      gtk_style_context_remove_class (entry_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_remove_class (message_style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_add_class (message_style, GTK_STYLE_CLASS_DIM_LABEL);
    }

  gtk_label_set_text (message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (message), text != NULL && *text != '\0');
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (entry)),
                              text != NULL ? text : "");
}

static void
set_form_message (GtkLabel   *label,
                  const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
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

  self->municipalities = anv_municipalities_list (self->db, &error);
  if (self->municipalities == NULL)
    {
      show_error (self, error->message);
      self->municipalities = g_ptr_array_new ();
      return;
    }

  for (guint i = 0; i < self->municipalities->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);

      gtk_list_store_insert_with_values (self->municipalities_store, NULL, -1,
                                         MUNICIPALITY_SHORT_NAME, municipality->short_name,
                                         MUNICIPALITY_CODE, municipality->code,
                                         MUNICIPALITY_COUNTY, municipality->county_name,
                                         -1);
      g_hash_table_insert (self->municipality_codes, fold_text (municipality->short_name),
                           municipality->code);
      g_hash_table_insert (self->municipality_codes, fold_text (municipality->name),
                           municipality->code);
      g_hash_table_insert (self->municipality_codes, g_strdup (municipality->code),
                           municipality->code);
      g_hash_table_insert (self->municipality_names, municipality->code,
                           municipality->short_name);
    }
}

static const AnvMunicipality *
lookup_municipality (AnvProvidersPage *self,
                     const char       *code)
{
  for (guint i = 0; i < self->municipalities->len; i++)
    {
      const AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);

      if (strcmp (municipality->code, code) == 0)
        return municipality;
    }

  return NULL;
}

/* Whether some municipality's name begins with @folded. */
static gboolean
is_municipality_prefix (AnvProvidersPage *self,
                        const char       *folded)
{
  for (guint i = 0; i < self->municipalities->len; i++)
    {
      const AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);
      g_autofree char *name = fold_text (municipality->short_name);

      if (g_str_has_prefix (name, folded))
        return TRUE;
    }

  return FALSE;
}

static void
update_area_count (AnvProvidersPage *self)
{
  g_autofree char *text = NULL;
  guint n = 0;

  for (guint i = 0; i < self->area_checks->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->area_checks, i)))
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

static void area_changed_cb (AnvProvidersPage *self);

static void
build_area_checks (AnvProvidersPage *self)
{
  for (guint i = 0; i < self->municipalities->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);
      g_autofree char *key = NULL;
      GtkWidget *row, *box, *check, *county;

      check = gtk_check_button_new_with_label (municipality->short_name);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (area_changed_cb), self);
      g_ptr_array_add (self->area_checks, check);

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
      g_object_set_data_full (G_OBJECT (row), "search-key", fold_text (key), g_free);
      g_object_set_data (G_OBJECT (row), "code", municipality->code);
      g_object_set_data (G_OBJECT (row), "check", check);

      gtk_container_add (GTK_CONTAINER (self->area_municipalities_list), row);
    }

  update_area_count (self);
}

/* "Norrland Nord (KROM), Stockholm (STOM)": where each provider is
 * approved now or later, by organisationsnummer. */
static GHashTable *
collect_approved_in (GPtrArray *approvals)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *approved_in;
  char today[11];
  GDate date;

  approved_in = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_free);
  anv_date_today (&date);
  anv_date_format (&date, today);

  for (guint i = 0; i < approvals->len; i++)
    {
      AnvApproval *approval = g_ptr_array_index (approvals, i);
      g_autofree char *item = NULL;
      char *text;

      if (approval->valid_to != NULL && strcmp (approval->valid_to, today) < 0)
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
  g_autoptr (GHashTable) approved_in = collect_approved_in (approvals);
  gint64 selected = get_selected_id (self->providers_view);
  g_autofree char *combo_id = NULL;

  combo_id = g_strdup (gtk_combo_box_get_active_id (self->approval_provider_combo));
  gtk_list_store_clear (self->providers_store);
  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (self->approval_provider_combo));

  for (guint i = 0; i < providers->len; i++)
    {
      AnvProvider *provider = g_ptr_array_index (providers, i);
      g_autofree char *orgnr = anv_orgnr_format (provider->orgnr);
      g_autofree char *key_text = NULL;
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      const char *where = g_hash_table_lookup (approved_in, provider->orgnr);
      g_autofree char *tooltip = where ? g_markup_escape_text (where, -1) : NULL;

      key_text = g_strjoin (" ", provider->name, orgnr, provider->orgnr,
                            provider->municipality_name, where ? where : "", NULL);
      key = fold_text (key_text);

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

      /* Translators: a provider in a list: %1$s is its name, %2$s its organisationsnummer */
      label = g_strdup_printf (_("%1$s (%2$s)"), provider->name, orgnr);
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->approval_provider_combo),
                                 provider->orgnr, label);
    }

  gtk_widget_set_visible (self->providers_empty, providers->len == 0);
  select_id (self->providers_view, selected);
  if (combo_id != NULL)
    gtk_combo_box_set_active_id (self->approval_provider_combo, combo_id);
}

static void
fill_areas (AnvProvidersPage *self,
            GPtrArray        *areas)
{
  gint64 selected = get_selected_id (self->areas_view);
  g_autofree char *combo_id = NULL;

  combo_id = g_strdup (gtk_combo_box_get_active_id (self->approval_area_combo));
  gtk_list_store_clear (self->areas_store);
  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (self->approval_area_combo));

  for (guint i = 0; i < areas->len; i++)
    {
      AnvArea *area = g_ptr_array_index (areas, i);
      g_autoptr (GString) names = g_string_new (NULL);
      g_autofree char *key_text = NULL;
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
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
      key = fold_text (key_text);

      gtk_list_store_insert_with_values (self->areas_store, NULL, -1,
                                         AREA_ID, area->id,
                                         AREA_NAME, area->name,
                                         AREA_SERVICE, get_service_label (area->service),
                                         AREA_N_MUNICIPALITIES, n,
                                         AREA_MUNICIPALITIES, names->str,
                                         AREA_SEARCH_KEY, key,
                                         -1);

      /* Translators: a delivery area in a list: %1$s is its name, %2$s its service */
      label = g_strdup_printf (_("%1$s – %2$s"), area->name, get_service_label (area->service));
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->approval_area_combo),
                                 area->name, label);
    }

  gtk_widget_set_visible (self->areas_empty, areas->len == 0);
  select_id (self->areas_view, selected);
  if (combo_id != NULL)
    gtk_combo_box_set_active_id (self->approval_area_combo, combo_id);
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
      key = fold_text (key_text);

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

  providers = anv_providers_list (self->db, &error);
  if (providers != NULL)
    areas = anv_areas_list (self->db, &error);
  if (areas != NULL)
    approvals = anv_approvals_list (self->db, &error);
  if (approvals == NULL)
    {
      show_error (self, error->message);
      return;
    }

  fill_providers (self, providers, approvals);
  fill_areas (self, areas);
  fill_approvals (self, approvals);
}

static void
open_form (AnvProvidersPage *self,
           const char       *name,
           GtkWidget        *focus)
{
  gtk_stack_set_visible_child_name (self->form_stack, name);
  gtk_revealer_set_reveal_child (self->form_revealer, TRUE);
  gtk_widget_grab_focus (focus);
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

/* Provider form */

static gboolean
check_orgnr (AnvProvidersPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) existing = NULL;
  g_autofree char *text = get_stripped_text (self->orgnr_entry);
  g_autofree char *formatted = NULL;
  g_autofree char *message = NULL;
  AnvOrgnr orgnr;
  GDate today;
  guint n_digits = 0;

  if (*text == '\0')
    {
      set_field_state (self->orgnr_entry, self->orgnr_message, FIELD_HINT,
                       _("Ten digits, as NNNNNN-NNNN. A sole trader’s number is their "
                         "personnummer."));
      return FALSE;
    }

  anv_date_today (&today);
  if (!anv_orgnr_parse (text, &today, &orgnr, &error))
    {
      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          n_digits++;

      /* Still typing: not wrong yet. */
      if (g_error_matches (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_LENGTH) && n_digits < 10)
        set_field_state (self->orgnr_entry, self->orgnr_message, FIELD_HINT, error->message);
      else
        set_field_state (self->orgnr_entry, self->orgnr_message, FIELD_ERROR, error->message);
      return FALSE;
    }

  formatted = anv_orgnr_format (orgnr.digits);
  existing = anv_providers_get (self->db, text, &today, NULL);
  if (existing != NULL)
    {
      /* Translators: %1$s is an organisationsnummer, %2$s a provider's name */
      message = g_strdup_printf (_("%1$s is registered already, as %2$s."),
                                 formatted, existing->name);
      set_field_state (self->orgnr_entry, self->orgnr_message, FIELD_ERROR, message);
      return FALSE;
    }

  if (orgnr.sole_trader)
    /* Translators: %s is an organisationsnummer */
    message = g_strdup_printf (_("%s, a sole trader’s personnummer"), formatted);
  else
    message = g_strdup (formatted);
  set_field_state (self->orgnr_entry, self->orgnr_message, FIELD_VALID, message);

  return TRUE;
}

static gboolean
check_name (AnvProvidersPage *self)
{
  g_autofree char *text = get_stripped_text (self->name_entry);

  if (*text == '\0')
    {
      set_field_state (self->name_entry, self->name_message, FIELD_HINT,
                       _("The name the provider is registered under."));
      return FALSE;
    }

  set_field_state (self->name_entry, self->name_message, FIELD_VALID, NULL);
  return TRUE;
}

/* The code of the municipality typed, or NULL. */
static const char *
check_municipality (AnvProvidersPage *self)
{
  g_autofree char *text = get_stripped_text (self->municipality_entry);
  g_autofree char *folded = NULL;
  g_autofree char *message = NULL;
  const AnvMunicipality *municipality;
  const char *code;

  if (*text == '\0')
    {
      set_field_state (self->municipality_entry, self->municipality_message, FIELD_HINT,
                       _("Where the provider is registered. Type the beginning of the name "
                         "and choose from the list."));
      return NULL;
    }

  folded = fold_text (text);
  code = g_hash_table_lookup (self->municipality_codes, folded);
  if (code == NULL && is_municipality_prefix (self, folded))
    {
      /* Still typing: the list below the entry offers the rest. */
      set_field_state (self->municipality_entry, self->municipality_message, FIELD_HINT,
                       _("Go on typing, or choose the municipality from the list."));
      return NULL;
    }
  if (code == NULL)
    {
      /* Translators: %s is what was typed */
      message = g_strdup_printf (_("No municipality is called “%s”. Type the beginning of the "
                                   "name and choose from the list."),
                                 text);
      set_field_state (self->municipality_entry, self->municipality_message, FIELD_ERROR,
                       message);
      return NULL;
    }

  municipality = lookup_municipality (self, code);
  set_field_state (self->municipality_entry, self->municipality_message, FIELD_VALID,
                   municipality ? municipality->county_name : NULL);
  return code;
}

static void
reset_provider_form (AnvProvidersPage *self)
{
  gtk_entry_set_text (self->orgnr_entry, "");
  gtk_entry_set_text (self->name_entry, "");
  gtk_entry_set_text (self->municipality_entry, "");
  set_form_message (self->provider_message, NULL);
}

/* Area form */

static GStrv
get_ticked_codes (AnvProvidersPage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->area_checks->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);

      if (gtk_toggle_button_get_active (g_ptr_array_index (self->area_checks, i)))
        g_strv_builder_add (builder, municipality->code);
    }

  return g_strv_builder_end (builder);
}

static gboolean
area_name_taken (AnvProvidersPage *self,
                 const char       *folded)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->areas_store);
  GtkTreeIter iter;
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, &iter);
       valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *name = NULL;
      g_autofree char *folded_name = NULL;

      gtk_tree_model_get (model, &iter, AREA_NAME, &name, -1);
      folded_name = fold_text (name);
      if (strcmp (folded_name, folded) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
reset_area_form (AnvProvidersPage *self)
{
  gtk_entry_set_text (self->area_name_entry, "");
  gtk_combo_box_set_active (self->area_service_combo, -1);
  gtk_entry_set_text (GTK_ENTRY (self->area_search_entry), "");
  for (guint i = 0; i < self->area_checks->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->area_checks, i), FALSE);
  set_form_message (self->area_message, NULL);
}

/* Approval form */

static gboolean
check_date_entry (GtkEntry *entry,
                  GtkLabel *message,
                  gboolean  optional,
                  GDate    *out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = get_stripped_text (entry);

  if (*text == '\0')
    {
      set_field_state (entry, message, FIELD_HINT,
                       optional
                       ? _("Leave it empty when the approval runs until further notice.")
                       : _("The first day, as YYYY-MM-DD."));
      return optional;
    }

  if (!anv_date_parse (text, out, &error))
    {
      set_field_state (entry, message,
                       strlen (text) < strlen ("YYYY-MM-DD") ? FIELD_HINT : FIELD_ERROR,
                       error->message);
      return FALSE;
    }

  set_field_state (entry, message, FIELD_VALID, NULL);
  return TRUE;
}

static gboolean
read_approval (AnvProvidersPage *self,
               GDate            *from,
               GDate            *to,
               gboolean         *has_to)
{
  gboolean valid;

  g_date_clear (from, 1);
  g_date_clear (to, 1);

  valid = gtk_combo_box_get_active_id (self->approval_provider_combo) != NULL;
  valid &= gtk_combo_box_get_active_id (self->approval_area_combo) != NULL;
  valid &= check_date_entry (self->approval_from_entry, self->approval_from_message, FALSE,
                             from);
  if (!check_date_entry (self->approval_to_entry, self->approval_to_message, TRUE, to))
    return FALSE;

  *has_to = g_date_valid (to);
  if (*has_to && g_date_valid (from) && g_date_compare (to, from) < 0)
    {
      set_field_state (self->approval_to_entry, self->approval_to_message, FIELD_ERROR,
                       _("The approval ends before it starts: give the same day or a later "
                         "one."));
      return FALSE;
    }

  return valid;
}

static void
reset_approval_form (AnvProvidersPage *self)
{
  char today[11];
  GDate date;

  anv_date_today (&date);
  anv_date_format (&date, today);

  gtk_combo_box_set_active (self->approval_provider_combo, -1);
  gtk_combo_box_set_active (self->approval_area_combo, -1);
  gtk_entry_set_text (self->approval_from_entry, today);
  gtk_entry_set_text (self->approval_to_entry, "");
  set_form_message (self->approval_message, NULL);
}


/*
 * Callbacks
 */

static void
db_changed_cb (AnvProvidersPage *self)
{
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
  g_autofree char *key = fold_entry_text (GTK_ENTRY (self->search_entry));

  g_clear_pointer (&self->search_key, g_free);
  if (*key != '\0')
    self->search_key = g_steal_pointer (&key);

  gtk_tree_model_filter_refilter (self->providers_filter);
  gtk_tree_model_filter_refilter (self->areas_filter);
  gtk_tree_model_filter_refilter (self->approvals_filter);
}

static gboolean
municipality_match_cb (GtkEntryCompletion *completion,
                       const char         *key,
                       GtkTreeIter        *iter,
                       gpointer            user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);
  g_autofree char *name = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_key = NULL;

  gtk_tree_model_get (GTK_TREE_MODEL (self->municipalities_store), iter,
                      MUNICIPALITY_SHORT_NAME, &name, -1);
  folded_name = fold_text (name);
  folded_key = fold_text (key);

  return g_str_has_prefix (folded_name, folded_key);
}

static gboolean
municipality_match_selected_cb (GtkEntryCompletion *completion,
                                GtkTreeModel       *model,
                                GtkTreeIter        *iter,
                                AnvProvidersPage   *self)
{
  g_autofree char *name = NULL;

  gtk_tree_model_get (model, iter, MUNICIPALITY_SHORT_NAME, &name, -1);
  gtk_entry_set_text (self->municipality_entry, name);
  gtk_editable_set_position (GTK_EDITABLE (self->municipality_entry), -1);

  return TRUE;
}

static void
provider_changed_cb (AnvProvidersPage *self)
{
  gboolean valid;

  valid = check_orgnr (self);
  valid &= check_name (self);
  valid &= check_municipality (self) != NULL;

  gtk_widget_set_sensitive (self->provider_save_button, valid);
  set_form_message (self->provider_message, NULL);
}

static void
provider_save_cb (AnvProvidersPage *self)
{
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *orgnr = NULL;
  g_autofree char *name = NULL;
  const char *code;
  GDate today;

  if (!gtk_widget_get_sensitive (self->provider_save_button))
    return;

  code = check_municipality (self);
  g_return_if_fail (code != NULL);

  orgnr = get_stripped_text (self->orgnr_entry);
  name = get_stripped_text (self->name_entry);
  anv_date_today (&today);

  provider = anv_providers_add (self->db, orgnr, name, code, &today, &error);
  if (provider == NULL)
    {
      /* Say it where it belongs; keep everything typed. */
      if (error->domain == ANV_ORGNR_ERROR
          || g_error_matches (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_DUPLICATE))
        set_field_state (self->orgnr_entry, self->orgnr_message, FIELD_ERROR, error->message);
      else if (g_error_matches (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME))
        set_field_state (self->name_entry, self->name_message, FIELD_ERROR, error->message);
      else if (error->domain == ANV_MUNICIPALITY_ERROR)
        set_field_state (self->municipality_entry, self->municipality_message, FIELD_ERROR,
                         error->message);
      else
        set_form_message (self->provider_message, error->message);

      gtk_widget_set_sensitive (self->provider_save_button, FALSE);
      return;
    }

  /* The list is current already: the commit emitted AnvDb::changed. */
  reset_provider_form (self);
  gtk_stack_set_visible_child_name (self->lists_stack, "providers");
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  close_form (self);
  select_id (self->providers_view, provider->id);
}

static void
area_changed_cb (AnvProvidersPage *self)
{
  g_autofree char *folded = fold_entry_text (self->area_name_entry);
  gboolean valid = TRUE;

  update_area_count (self);
  set_form_message (self->area_message, NULL);

  if (*folded == '\0')
    valid = FALSE;
  else if (area_name_taken (self, folded))
    {
      g_autofree char *text = get_stripped_text (self->area_name_entry);
      g_autofree char *message = NULL;

      /* Translators: %s is the name of a delivery area */
      message = g_strdup_printf (_("There is a delivery area named “%s” already. Choose "
                                   "another name."), text);
      set_form_message (self->area_message, message);
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
area_filter_cb (GtkListBoxRow *row,
                gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);
  const char *key;

  if (self->area_search_key == NULL)
    return TRUE;

  key = g_object_get_data (G_OBJECT (row), "search-key");
  return key != NULL && strstr (key, self->area_search_key) != NULL;
}

static void
area_search_changed_cb (AnvProvidersPage *self)
{
  g_autofree char *key = fold_entry_text (GTK_ENTRY (self->area_search_entry));

  g_clear_pointer (&self->area_search_key, g_free);
  if (*key != '\0')
    self->area_search_key = g_steal_pointer (&key);

  gtk_list_box_invalidate_filter (self->area_municipalities_list);
}

static void
area_tick_shown_cb (AnvProvidersPage *self)
{
  GtkContainer *list = GTK_CONTAINER (self->area_municipalities_list);
  g_autoptr (GList) rows = gtk_container_get_children (list);

  for (GList *l = rows; l != NULL; l = l->next)
    {
      if (area_filter_cb (l->data, self))
        gtk_toggle_button_set_active (g_object_get_data (l->data, "check"), TRUE);
    }
}

static void
area_clear_cb (AnvProvidersPage *self)
{
  for (guint i = 0; i < self->area_checks->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->area_checks, i), FALSE);
}

static void
area_save_cb (AnvProvidersPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto (GStrv) codes = NULL;
  AnvService service;

  if (!gtk_widget_get_sensitive (self->area_save_button))
    return;

  name = get_stripped_text (self->area_name_entry);
  codes = get_ticked_codes (self);
  if (!anv_service_parse (gtk_combo_box_get_active_id (self->area_service_combo), &service,
                          &error)
      || !anv_areas_add (self->db, name, service, (const char * const *) codes, &error))
    {
      set_form_message (self->area_message, error->message);
      gtk_widget_set_sensitive (self->area_save_button, FALSE);
      return;
    }

  reset_area_form (self);
  gtk_stack_set_visible_child_name (self->lists_stack, "areas");
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  close_form (self);
}

static void
approval_changed_cb (AnvProvidersPage *self)
{
  GDate from, to;
  gboolean has_to;

  set_form_message (self->approval_message, NULL);
  gtk_widget_set_sensitive (self->approval_save_button,
                            read_approval (self, &from, &to, &has_to));
}

static void
approval_save_cb (AnvProvidersPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *orgnr = NULL;
  g_autofree char *area = NULL;
  GDate from, to, today;
  gboolean has_to = FALSE;

  if (!gtk_widget_get_sensitive (self->approval_save_button)
      || !read_approval (self, &from, &to, &has_to))
    return;

  orgnr = g_strdup (gtk_combo_box_get_active_id (self->approval_provider_combo));
  area = g_strdup (gtk_combo_box_get_active_id (self->approval_area_combo));
  anv_date_today (&today);

  if (!anv_providers_approve (self->db, orgnr, area, &from, has_to ? &to : NULL, &today,
                              &error))
    {
      set_form_message (self->approval_message, error->message);
      gtk_widget_set_sensitive (self->approval_save_button, FALSE);
      return;
    }

  reset_approval_form (self);
  gtk_stack_set_visible_child_name (self->lists_stack, "approvals");
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  close_form (self);
}

static void
form_cancel_cb (AnvProvidersPage *self)
{
  const char *form = gtk_stack_get_visible_child_name (self->form_stack);

  if (g_strcmp0 (form, "provider") == 0)
    reset_provider_form (self);
  else if (g_strcmp0 (form, "area") == 0)
    reset_area_form (self);
  else
    reset_approval_form (self);

  close_form (self);
}

static gboolean
form_key_press_cb (AnvProvidersPage *self,
                   GdkEventKey      *event)
{
  if (event->keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  form_cancel_cb (self);
  return GDK_EVENT_STOP;
}

static void
new_provider_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);

  provider_changed_cb (self);
  open_form (self, "provider", GTK_WIDGET (self->orgnr_entry));
}

static void
new_area_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);

  area_changed_cb (self);
  open_form (self, "area", GTK_WIDGET (self->area_name_entry));
}

static void
approve_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);
  GtkTreeModel *model;
  GtkTreeIter iter;

  /* Start from what is selected in the lists. */
  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->providers_view),
                                       &model, &iter))
    {
      g_autofree char *digits = NULL;

      gtk_tree_model_get (model, &iter, PROVIDER_DIGITS, &digits, -1);
      gtk_combo_box_set_active_id (self->approval_provider_combo, digits);
    }
  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->areas_view),
                                       &model, &iter))
    {
      g_autofree char *name = NULL;

      gtk_tree_model_get (model, &iter, AREA_NAME, &name, -1);
      gtk_combo_box_set_active_id (self->approval_area_combo, name);
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->lists_stack), "approvals") == 0
      && gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->approvals_view),
                                          &model, &iter))
    {
      g_autofree char *orgnr = NULL;
      g_autofree char *area = NULL;
      g_auto (GStrv) parts = NULL;
      g_autofree char *digits = NULL;

      /* Another period for the same provider and area */
      gtk_tree_model_get (model, &iter, APPROVAL_ORGNR, &orgnr, APPROVAL_AREA, &area, -1);
      parts = g_strsplit (orgnr, "-", -1);
      digits = g_strjoinv ("", parts);
      gtk_combo_box_set_active_id (self->approval_provider_combo, digits);
      gtk_combo_box_set_active_id (self->approval_area_combo, area);
    }
  if (*gtk_entry_get_text (self->approval_from_entry) == '\0')
    reset_approval_form (self);

  approval_changed_cb (self);
  open_form (self, "approval", GTK_WIDGET (self->approval_provider_combo));
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     AnvProvidersPage *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

  /* It may still be handling the key that answered it. */
  g_idle_add_once (g_object_unref, g_steal_pointer (&self->chooser));

  if (path != NULL)
    anv_providers_page_import_file (self, path);
}

static void
import_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (user_data);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Providers"),
                                               get_parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  /* Translators: a kind of file in the file chooser */
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), g_object_ref_sink (filter));

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static const GActionEntry page_entries[] = {
  { "new", new_provider_activated_cb },
  { "new-area", new_area_activated_cb },
  { "approve", approve_activated_cb },
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

  g_assert (ANV_IS_DB (self->db));

  load_municipalities (self);
  build_area_checks (self);
  reload (self);
  reset_approval_form (self);

  g_signal_connect_object (self->db, "changed", G_CALLBACK (db_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
anv_providers_page_dispose (GObject *object)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->actions);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (anv_providers_page_parent_class)->dispose (object);
}

static void
anv_providers_page_finalize (GObject *object)
{
  AnvProvidersPage *self = ANV_PROVIDERS_PAGE (object);

  g_clear_pointer (&self->area_checks, g_ptr_array_unref);
  g_clear_pointer (&self->municipality_codes, g_hash_table_unref);
  g_clear_pointer (&self->municipality_names, g_hash_table_unref);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->area_search_key, g_free);

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
    case PROP_DB:
      g_value_set_object (value, self->db);
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
    case PROP_DB:
      g_assert (self->db == NULL);
      self->db = g_value_dup_object (value);
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
  object_class->finalize = anv_providers_page_finalize;
  object_class->get_property = anv_providers_page_get_property;
  object_class->set_property = anv_providers_page_set_property;

  /**
   * AnvProvidersPage:db:
   *
   * The open database.
   */
  properties[PROP_DB] = g_param_spec_object ("db",
                                             "Database",
                                             "The open Anvisa database",
                                             ANV_TYPE_DB,
                                             G_PARAM_READWRITE |
                                             G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_EXPLICIT_NOTIFY |
                                             G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, municipalities_store);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, providers_filter);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, areas_filter);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approvals_filter);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, providers_empty);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, areas_empty);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approvals_empty);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, municipality_completion);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, form_stack);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, orgnr_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, municipality_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, orgnr_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, name_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, municipality_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, provider_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, provider_save_button);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_name_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_service_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_municipalities_list);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_count_label);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, area_save_button);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_provider_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_area_combo);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_from_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_to_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_from_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_to_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProvidersPage, approval_save_button);

  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, municipality_match_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, area_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, area_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, area_tick_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, area_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, area_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, approval_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, approval_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_key_press_cb);
}

static void
anv_providers_page_init (AnvProvidersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->municipality_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->municipality_names = g_hash_table_new (g_str_hash, g_str_equal);
  self->area_checks = g_ptr_array_new ();

  gtk_tree_model_filter_set_visible_func (self->providers_filter, filter_visible_cb, self, NULL);
  gtk_tree_model_filter_set_visible_func (self->areas_filter, filter_visible_cb, self, NULL);
  gtk_tree_model_filter_set_visible_func (self->approvals_filter, filter_visible_cb, self, NULL);
  gtk_entry_completion_set_match_func (self->municipality_completion, municipality_match_cb,
                                       self, NULL);
  gtk_list_box_set_filter_func (self->area_municipalities_list, area_filter_cb, self, NULL);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_entries,
                                   G_N_ELEMENTS (page_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "providers", G_ACTION_GROUP (self->actions));
}

GtkWidget *
anv_providers_page_new (AnvDb *db)
{
  return g_object_new (ANV_TYPE_PROVIDERS_PAGE, "db", db, NULL);
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

  dialog = anv_import_dialog_new (get_parent_window (self), self->db,
                                  ANV_IMPORT_DIALOG_PROVIDERS, path);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
