/* anv-context.c — what every page of a window shares: the database, the settings, today
 *
 * One context per window, handed to each page and dialog as a construct
 * property. Pages follow AnvContext::changed (a save here, or another
 * program's commit that AnvDb saw) and report what they cannot show
 * through AnvContext::error; they read today and the settings here only,
 * so that a window agrees with itself at midnight and tests can pin the
 * date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-context"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-context.h"
#include "anv-date.h"
#include "anv-export.h"

struct _AnvContext
{
  GObject        parent_instance;

  AnvDb         *db;
  GSettings     *settings;      /* nullable */
  AnvCsvProfile  csv_profile;   /* when there are no settings */
  GDate          today;
  guint          midnight_id;
  AnvLogin      *login;         /* asked for the first time it is needed */
};

enum
{
  PROP_0,
  PROP_DB,
  PROP_SETTINGS,
  PROP_TODAY,
  N_PROPS
};

enum
{
  CHANGED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AnvContext, anv_context, G_TYPE_OBJECT)

static void schedule_midnight (AnvContext *self);

/*
 * Callbacks
 */

static void
db_changed_cb (AnvContext *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
midnight_cb (gpointer user_data)
{
  AnvContext *self = user_data;
  GDate today;

  self->midnight_id = 0;
  anv_date_today (&today);
  anv_context_set_today (self, &today);
  schedule_midnight (self);
  return G_SOURCE_REMOVE;
}

/*
 * Auxiliary methods
 */

/* A second after the next local midnight (a timer, not a poll: the clock is
 * not read in between). */
static void
schedule_midnight (AnvContext *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) next = NULL;
  GTimeSpan until;

  if (g_getenv ("ANVISA_TODAY") != NULL)
    return;

  start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  next = g_date_time_add_days (start, 1);
  until = g_date_time_difference (next, now);
  self->midnight_id = g_timeout_add_seconds ((guint) (until / G_TIME_SPAN_SECOND) + 1,
                                             midnight_cb, self);
  g_source_set_name_by_id (self->midnight_id, "[anvisa] midnight");
}

/*
 * GObject overrides
 */

static void
anv_context_constructed (GObject *object)
{
  AnvContext *self = ANV_CONTEXT (object);

  G_OBJECT_CLASS (anv_context_parent_class)->constructed (object);

  g_signal_connect_object (self->db, "changed", G_CALLBACK (db_changed_cb), self,
                           G_CONNECT_SWAPPED);
  schedule_midnight (self);
}

static void
anv_context_dispose (GObject *object)
{
  g_clear_pointer (&ANV_CONTEXT (object)->login, anv_login_free);
  AnvContext *self = ANV_CONTEXT (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (anv_context_parent_class)->dispose (object);
}

static void
anv_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AnvContext *self = ANV_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_TODAY:
      g_value_set_boxed (value, &self->today);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AnvContext *self = ANV_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anv_context_class_init (AnvContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = anv_context_constructed;
  object_class->dispose = anv_context_dispose;
  object_class->get_property = anv_context_get_property;
  object_class->set_property = anv_context_set_property;

  properties[PROP_DB] = g_param_spec_object ("db", "Database", "The open Anvisa database",
                                             ANV_TYPE_DB,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                             | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", "Settings",
                                                   "The application's settings, or NULL",
                                                   G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] = g_param_spec_boxed ("today", "Today", "Today's date",
                                               G_TYPE_DATE,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnvContext::changed:
   *
   * The database changed: a save in this window, or a commit by another
   * program. The one signal the pages follow.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AnvContext::error:
   * @message: what went wrong and what to do, in the person's language
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
anv_context_init (AnvContext *self)
{
  self->csv_profile = ANV_CSV_PROFILE_EXCEL_SV;
  anv_date_today (&self->today);
}

/*
 * Public API
 */

AnvContext *
anv_context_new (AnvDb     *db,
                 GSettings *settings)
{
  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (ANV_TYPE_CONTEXT, "db", db, "settings", settings, NULL);
}

AnvDb *
anv_context_get_db (AnvContext *self)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (self), NULL);
  return self->db;
}

GSettings *
anv_context_get_settings (AnvContext *self)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (self), NULL);
  return self->settings;
}

AnvCsvProfile
anv_context_get_csv_profile (AnvContext *self)
{
  g_autofree char *text = NULL;
  AnvCsvProfile profile;

  g_return_val_if_fail (ANV_IS_CONTEXT (self), ANV_CSV_PROFILE_EXCEL_SV);

  if (self->settings == NULL)
    return self->csv_profile;

  /* The schema's enum allows only the names Anvisa knows. */
  text = g_settings_get_string (self->settings, "csv-profile");
  if (!anv_csv_profile_parse (text, &profile, NULL))
    return ANV_CSV_PROFILE_EXCEL_SV;
  return profile;
}

void
anv_context_set_csv_profile (AnvContext    *self,
                             AnvCsvProfile  profile)
{
  g_return_if_fail (ANV_IS_CONTEXT (self));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "csv-profile", anv_csv_profile_to_string (profile));
  else
    self->csv_profile = profile;
}

void
anv_context_get_today (AnvContext *self,
                       GDate      *out)
{
  g_return_if_fail (ANV_IS_CONTEXT (self));
  g_return_if_fail (out != NULL);

  *out = self->today;
}

void
anv_context_set_today (AnvContext  *self,
                       const GDate *today)
{
  g_return_if_fail (ANV_IS_CONTEXT (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_compare (&self->today, today) == 0)
    return;
  self->today = *today;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

void
anv_context_report_error (AnvContext *self,
                          const char *message)
{
  g_return_if_fail (ANV_IS_CONTEXT (self));
  g_return_if_fail (message != NULL);

  g_signal_emit (self, signals[ERROR], 0, message);
}

/**
 * anv_context_get_login:
 * @self: an #AnvContext
 *
 * Who is logged in, with which roles and unit, asked of the database the
 * first time. When the server cannot tell (the connection lost), the
 * window offers everything, as before roles: the server still refuses
 * what the login may not do, and anv_context_explain_error() says so.
 *
 * Returns: (transfer none): the login
 */
const AnvLogin *
anv_context_get_login (AnvContext *self)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (self), NULL);

  if (self->login == NULL)
    {
      g_autoptr (GError) error = NULL;

      self->login = anv_staff_current (self->db, &error);
      if (self->login == NULL)
        {
          g_warning ("Cannot tell the login's role: %s", error->message);
          self->login = g_new0 (AnvLogin, 1);
          self->login->kind = ANV_LOGIN_BEFORE_ROLES;
          self->login->login = g_strdup (anv_db_get_user (self->db));
        }
    }
  return self->login;
}

/**
 * anv_context_may:
 * @self: an #AnvContext
 * @work: a kind of work
 *
 * Returns: whether the login's roles allow @work (anv_login_may())
 */
gboolean
anv_context_may (AnvContext *self,
                 AnvWork     work)
{
  g_return_val_if_fail (ANV_IS_CONTEXT (self), FALSE);

  return anv_login_may (anv_context_get_login (self), work);
}

/* The role in one or two words, as the header bar has room for */
static const char *
short_role_name (AnvRole role)
{
  switch (role)
    {
    case ANV_ROLE_HANDLAGGARE:
      /* Translators: a role, short, in the header bar: "case officer, Umeå" */
      return _("case officer");
    case ANV_ROLE_CHEF:
      /* Translators: a role, short, in the header bar */
      return _("supervisor");
    case ANV_ROLE_ANALYTIKER:
      /* Translators: a role, short, in the header bar */
      return _("analyst");
    case ANV_ROLE_SKYDDADE:
      /* Translators: a role, short, in the header bar: a case officer cleared
       * for protected identities */
      return _("cleared case officer");
    case ANV_ROLE_ADMINISTRATOR:
      /* Translators: a role, short, in the header bar */
      return _("administrator");
    }
  g_return_val_if_reached ("");
}

/**
 * anv_context_describe_role:
 * @self: an #AnvContext
 *
 * Returns: (transfer full) (nullable): the role and the unit in a few
 *   words ("case officer, Umeå"), or %NULL on a file and before roles
 */
char *
anv_context_describe_role (AnvContext *self)
{
  const AnvLogin *login;

  g_return_val_if_fail (ANV_IS_CONTEXT (self), NULL);

  login = anv_context_get_login (self);
  if (login->kind != ANV_LOGIN_ROLES)
    return NULL;
  if (!login->unit_known)
    return g_strdup (short_role_name (login->role));
  if (login->unit == NULL)
    /* Translators: in the header bar: %s is a role ("analyst"), of no unit */
    return g_strdup_printf (_("%s, the whole country"), short_role_name (login->role));
  /* Translators: in the header bar: %1$s is a role ("case officer"), %2$s
   * the unit (kontor) */
  return g_strdup_printf (C_("role of unit", "%1$s, %2$s"), short_role_name (login->role),
                          login->unit);
}

/**
 * anv_context_explain_error:
 * @self: an #AnvContext
 * @error: what went wrong
 *
 * Returns: (transfer full): @error's message, or, for a refusal by the
 *   server (a right the login's role has not, or a row its unit does not
 *   reach), a sentence that names the role and what to do
 */
char *
anv_context_explain_error (AnvContext   *self,
                           const GError *error)
{
  const AnvLogin *login;

  g_return_val_if_fail (ANV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  login = anv_context_get_login (self);
  if (!g_error_matches (error, ANV_DB_ERROR, ANV_DB_ERROR_DENIED)
      || login->kind != ANV_LOGIN_ROLES)
    return g_strdup (error->message);
  if (anv_login_may (login, ANV_WORK_PERSONAL_DATA))
    /* Translators: %s is the role: "case officer" */
    return g_strdup_printf (_("Your role (%s) may not do this, and the server refused it: "
                              "nothing was saved. You reach the job seekers of your unit’s "
                              "municipalities and those you registered yourself; for another "
                              "person, ask a colleague of their unit, or your administrator "
                              "if your work needs more."),
                            short_role_name (login->role));
  /* Translators: %s is the role: "analyst" */
  return g_strdup_printf (_("Your role (%s) may not do this, and the server refused it: "
                            "nothing was read or saved. If your work needs it, ask your "
                            "administrator."),
                          short_role_name (login->role));
}
