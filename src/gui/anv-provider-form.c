/* anv-provider-form.c — the form that registers a provider
 *
 * Its organisationsnummer, name and municipality are checked as they are
 * typed, with the core's own rules, and the provider is saved through the
 * core; a refusal is shown at the field it concerns, keeping everything
 * typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-provider-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-context.h"
#include "anv-form-field.h"
#include "anv-municipalities.h"
#include "anv-orgnr.h"
#include "anv-provider-form.h"
#include "anv-providers.h"
#include "anv-text.h"

/* The columns of the municipalities' store, as declared in the template */
enum
{
  MUNICIPALITY_SHORT_NAME,
  MUNICIPALITY_CODE,
  MUNICIPALITY_COUNTY,
};

struct _AnvProviderForm
{
  GtkBox              parent_instance;

  /* Template widgets */
  GtkListStore       *municipalities_store;
  GtkEntryCompletion *municipality_completion;
  GtkEntry           *orgnr_entry;
  GtkEntry           *name_entry;
  GtkEntry           *municipality_entry;
  GtkLabel           *orgnr_message;
  GtkLabel           *name_message;
  GtkLabel           *municipality_message;
  GtkLabel           *provider_message;
  GtkWidget          *provider_save_button;

  AnvContext         *context;
  GPtrArray          *municipalities;      /* AnvMunicipality, by code */
  GHashTable         *municipality_codes;  /* folded name, short name or code → code */
};

G_DEFINE_FINAL_TYPE (AnvProviderForm, anv_provider_form, GTK_TYPE_BOX)

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


/*
 * Auxiliary methods
 */

static const AnvMunicipality *
lookup_municipality (AnvProviderForm *self,
                     const char      *code)
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
is_municipality_prefix (AnvProviderForm *self,
                        const char      *folded)
{
  for (guint i = 0; i < self->municipalities->len; i++)
    {
      const AnvMunicipality *municipality = g_ptr_array_index (self->municipalities, i);
      g_autofree char *name = anv_text_fold (municipality->short_name);

      if (g_str_has_prefix (name, folded))
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_orgnr (AnvProviderForm *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) existing = NULL;
  g_autofree char *text = anv_form_field_get_text (self->orgnr_entry);
  g_autofree char *formatted = NULL;
  g_autofree char *message = NULL;
  AnvOrgnr orgnr;
  GDate today;
  guint n_digits = 0;

  if (*text == '\0')
    {
      anv_form_field_set_state (self->orgnr_entry, self->orgnr_message, ANV_FIELD_HINT,
                                _("Ten digits, as NNNNNN-NNNN. A sole trader’s number is "
                                  "their personnummer."));
      return FALSE;
    }

  anv_context_get_today (self->context, &today);
  if (!anv_orgnr_parse (text, &today, &orgnr, &error))
    {
      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          n_digits++;

      /* Still typing: not wrong yet. */
      if (g_error_matches (error, ANV_ORGNR_ERROR, ANV_ORGNR_ERROR_LENGTH) && n_digits < 10)
        anv_form_field_set_state (self->orgnr_entry, self->orgnr_message, ANV_FIELD_HINT,
                                  error->message);
      else
        anv_form_field_set_state (self->orgnr_entry, self->orgnr_message, ANV_FIELD_ERROR,
                                  error->message);
      return FALSE;
    }

  formatted = anv_orgnr_format (orgnr.digits);
  /* A failed look-up is no verdict: saving says what is wrong. */
  existing = anv_providers_get (anv_context_get_db (self->context), text, &today, NULL);
  if (existing != NULL)
    {
      /* Translators: %1$s is an organisationsnummer, %2$s a provider's name */
      message = g_strdup_printf (_("%1$s is registered already, as %2$s."),
                                 formatted, existing->name);
      anv_form_field_set_state (self->orgnr_entry, self->orgnr_message, ANV_FIELD_ERROR,
                                message);
      return FALSE;
    }

  if (orgnr.sole_trader)
    /* Translators: %s is an organisationsnummer */
    message = g_strdup_printf (_("%s, a sole trader’s personnummer"), formatted);
  else
    message = g_strdup (formatted);
  anv_form_field_set_state (self->orgnr_entry, self->orgnr_message, ANV_FIELD_VALID, message);

  return TRUE;
}

static gboolean
check_name (AnvProviderForm *self)
{
  g_autofree char *text = anv_form_field_get_text (self->name_entry);

  if (*text == '\0')
    {
      anv_form_field_set_state (self->name_entry, self->name_message, ANV_FIELD_HINT,
                                _("The name the provider is registered under."));
      return FALSE;
    }

  anv_form_field_set_state (self->name_entry, self->name_message, ANV_FIELD_VALID, NULL);
  return TRUE;
}

/* The code of the municipality typed, or NULL. */
static const char *
check_municipality (AnvProviderForm *self)
{
  g_autofree char *text = anv_form_field_get_text (self->municipality_entry);
  g_autofree char *folded = NULL;
  g_autofree char *message = NULL;
  const AnvMunicipality *municipality;
  const char *code;

  if (*text == '\0')
    {
      anv_form_field_set_state (self->municipality_entry, self->municipality_message,
                                ANV_FIELD_HINT,
                                _("Where the provider is registered. Type the beginning of "
                                  "the name and choose from the list."));
      return NULL;
    }

  folded = anv_text_fold (text);
  code = g_hash_table_lookup (self->municipality_codes, folded);
  if (code == NULL && is_municipality_prefix (self, folded))
    {
      /* Still typing: the list below the entry offers the rest. */
      anv_form_field_set_state (self->municipality_entry, self->municipality_message,
                                ANV_FIELD_HINT,
                                _("Go on typing, or choose the municipality from the list."));
      return NULL;
    }
  if (code == NULL)
    {
      /* Translators: %s is what was typed */
      message = g_strdup_printf (_("No municipality is called “%s”. Type the beginning of the "
                                   "name and choose from the list."),
                                 text);
      anv_form_field_set_state (self->municipality_entry, self->municipality_message,
                                ANV_FIELD_ERROR, message);
      return NULL;
    }

  municipality = lookup_municipality (self, code);
  anv_form_field_set_state (self->municipality_entry, self->municipality_message,
                            ANV_FIELD_VALID, municipality ? municipality->county_name : NULL);
  return code;
}


/*
 * Callbacks
 */

static gboolean
municipality_match_cb (GtkEntryCompletion *completion,
                       const char         *key,
                       GtkTreeIter        *iter,
                       gpointer            user_data)
{
  AnvProviderForm *self = ANV_PROVIDER_FORM (user_data);
  g_autofree char *name = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_key = NULL;

  gtk_tree_model_get (GTK_TREE_MODEL (self->municipalities_store), iter,
                      MUNICIPALITY_SHORT_NAME, &name, -1);
  folded_name = anv_text_fold (name);
  folded_key = anv_text_fold (key);

  return g_str_has_prefix (folded_name, folded_key);
}

static gboolean
municipality_match_selected_cb (GtkEntryCompletion *completion,
                                GtkTreeModel       *model,
                                GtkTreeIter        *iter,
                                AnvProviderForm    *self)
{
  g_autofree char *name = NULL;

  gtk_tree_model_get (model, iter, MUNICIPALITY_SHORT_NAME, &name, -1);
  gtk_entry_set_text (self->municipality_entry, name);
  gtk_editable_set_position (GTK_EDITABLE (self->municipality_entry), -1);

  return TRUE;
}

static void
changed_cb (AnvProviderForm *self)
{
  gboolean valid;

  valid = check_orgnr (self);
  valid &= check_name (self);
  valid &= check_municipality (self) != NULL;

  gtk_widget_set_sensitive (self->provider_save_button, valid);
  anv_form_field_set_message (self->provider_message, NULL);
}

static void
save_cb (AnvProviderForm *self)
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

  orgnr = anv_form_field_get_text (self->orgnr_entry);
  name = anv_form_field_get_text (self->name_entry);
  anv_context_get_today (self->context, &today);

  provider = anv_providers_add (anv_context_get_db (self->context), orgnr, name, code, &today,
                                &error);
  if (provider == NULL)
    {
      /* Say it where it belongs; keep everything typed. */
      if (error->domain == ANV_ORGNR_ERROR
          || g_error_matches (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_DUPLICATE))
        anv_form_field_set_state (self->orgnr_entry, self->orgnr_message, ANV_FIELD_ERROR,
                                  error->message);
      else if (g_error_matches (error, ANV_PROVIDER_ERROR, ANV_PROVIDER_ERROR_NAME))
        anv_form_field_set_state (self->name_entry, self->name_message, ANV_FIELD_ERROR,
                                  error->message);
      else if (error->domain == ANV_MUNICIPALITY_ERROR)
        anv_form_field_set_state (self->municipality_entry, self->municipality_message,
                                  ANV_FIELD_ERROR, error->message);
      else
        {
          /* A refusal by the server in the words of the login's role */
          g_autofree char *message = anv_context_explain_error (self->context, error);

          anv_form_field_set_message (self->provider_message, message);
        }

      gtk_widget_set_sensitive (self->provider_save_button, FALSE);
      return;
    }

  /* The lists are current already: the commit emitted AnvDb::changed. */
  anv_provider_form_reset (self);
  g_signal_emit (self, signals[SAVED], 0, provider->id);
}

static void
cancel_cb (AnvProviderForm *self)
{
  anv_provider_form_reset (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static gboolean
key_press_cb (AnvProviderForm *self,
              GdkEventKey     *event)
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
anv_provider_form_grab_focus (GtkWidget *widget)
{
  AnvProviderForm *self = ANV_PROVIDER_FORM (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->orgnr_entry));
}

static void
anv_provider_form_dispose (GObject *object)
{
  AnvProviderForm *self = ANV_PROVIDER_FORM (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (anv_provider_form_parent_class)->dispose (object);
}

static void
anv_provider_form_finalize (GObject *object)
{
  AnvProviderForm *self = ANV_PROVIDER_FORM (object);

  g_clear_pointer (&self->municipality_codes, g_hash_table_unref);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);

  G_OBJECT_CLASS (anv_provider_form_parent_class)->finalize (object);
}

static void
anv_provider_form_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnvProviderForm *self = ANV_PROVIDER_FORM (object);

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
anv_provider_form_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnvProviderForm *self = ANV_PROVIDER_FORM (object);

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
anv_provider_form_class_init (AnvProviderFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anv_provider_form_dispose;
  object_class->finalize = anv_provider_form_finalize;
  object_class->get_property = anv_provider_form_get_property;
  object_class->set_property = anv_provider_form_set_property;
  widget_class->grab_focus = anv_provider_form_grab_focus;

  /**
   * AnvProviderForm:context:
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
   * AnvProviderForm::saved:
   * @self: the form
   * @id: the new provider's id
   *
   * The provider is stored, and the form empty again.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * AnvProviderForm::cancelled:
   * @self: the form
   *
   * Cancel was pressed; the form is empty again.
   */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/anv-provider-form.ui");

  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, municipalities_store);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, municipality_completion);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, orgnr_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, municipality_entry);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, orgnr_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, name_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, municipality_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, provider_message);
  gtk_widget_class_bind_template_child (widget_class, AnvProviderForm, provider_save_button);

  gtk_widget_class_bind_template_callback (widget_class, municipality_match_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_press_cb);
}

static void
anv_provider_form_init (AnvProviderForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->municipalities = g_ptr_array_new ();
  self->municipality_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_entry_completion_set_match_func (self->municipality_completion, municipality_match_cb,
                                       self, NULL);
}

/**
 * anv_provider_form_set_municipalities:
 * @self: an #AnvProviderForm
 * @municipalities: (element-type AnvMunicipality): every municipality
 *
 * Sets what the municipality field accepts and completes.
 */
void
anv_provider_form_set_municipalities (AnvProviderForm *self,
                                      GPtrArray       *municipalities)
{
  g_return_if_fail (ANV_IS_PROVIDER_FORM (self));
  g_return_if_fail (municipalities != NULL);

  gtk_list_store_clear (self->municipalities_store);
  g_hash_table_remove_all (self->municipality_codes);
  g_clear_pointer (&self->municipalities, g_ptr_array_unref);
  self->municipalities = g_ptr_array_ref (municipalities);

  for (guint i = 0; i < municipalities->len; i++)
    {
      AnvMunicipality *municipality = g_ptr_array_index (municipalities, i);

      gtk_list_store_insert_with_values (self->municipalities_store, NULL, -1,
                                         MUNICIPALITY_SHORT_NAME, municipality->short_name,
                                         MUNICIPALITY_CODE, municipality->code,
                                         MUNICIPALITY_COUNTY, municipality->county_name,
                                         -1);
      g_hash_table_insert (self->municipality_codes, anv_text_fold (municipality->short_name),
                           municipality->code);
      g_hash_table_insert (self->municipality_codes, anv_text_fold (municipality->name),
                           municipality->code);
      g_hash_table_insert (self->municipality_codes, g_strdup (municipality->code),
                           municipality->code);
    }
}

void
anv_provider_form_check (AnvProviderForm *self)
{
  g_return_if_fail (ANV_IS_PROVIDER_FORM (self));

  changed_cb (self);
}

void
anv_provider_form_reset (AnvProviderForm *self)
{
  g_return_if_fail (ANV_IS_PROVIDER_FORM (self));

  gtk_entry_set_text (self->orgnr_entry, "");
  gtk_entry_set_text (self->name_entry, "");
  gtk_entry_set_text (self->municipality_entry, "");
  anv_form_field_set_message (self->provider_message, NULL);
}
