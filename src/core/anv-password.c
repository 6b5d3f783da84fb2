/* anv-password.c — a login's password on a shared server, hashed before it leaves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-password"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-audit.h"
#include "anv-db-private.h"
#include "anv-password.h"

G_DEFINE_QUARK (anv-password-error-quark, anv_password_error)

gboolean
anv_password_check (const char  *password,
                    GError     **error)
{
  g_autofree char *stripped = NULL;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, ANV_PASSWORD_ERROR, ANV_PASSWORD_ERROR_INVALID,
                           _("The password is not text Anvisa can read. Type it again."));
      return FALSE;
    }
  for (const char *c = password; *c != '\0'; c = g_utf8_next_char (c))
    if (g_unichar_iscntrl (g_utf8_get_char (c)))
      {
        g_set_error_literal (error, ANV_PASSWORD_ERROR, ANV_PASSWORD_ERROR_INVALID,
                             _("The password holds a control character (such as a tab). "
                               "Use letters, digits, spaces and punctuation."));
        return FALSE;
      }
  /* Spaces at either end do not count: ten spaces are no password */
  stripped = g_strstrip (g_strdup (password));
  if (g_utf8_strlen (stripped, -1) < ANV_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, ANV_PASSWORD_ERROR, ANV_PASSWORD_ERROR_TOO_SHORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The password is too short: use at least %d character, for "
                                "example a few words.",
                                "The password is too short: use at least %d characters, for "
                                "example a few words.", ANV_PASSWORD_MIN_CHARS),
                   ANV_PASSWORD_MIN_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_password_set (AnvDb       *db,
                  const char  *login,
                  const char  *password,
                  GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *whose;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  if (!anv_db_is_server (db))
    {
      g_set_error_literal (error, ANV_PASSWORD_ERROR, ANV_PASSWORD_ERROR_NOT_SERVER,
                           _("Passwords belong to logins on a shared server. This database "
                             "is a file on this computer: it has no logins, and the "
                             "computer’s own login protects it."));
      return FALSE;
    }
  if (!anv_password_check (password, error))
    return FALSE;

  whose = login != NULL ? login : anv_db_get_user (db);
  if (!anv_db_begin (db, error))
    return FALSE;
  if (!anv_db_pg_set_password (db, login, password, &local_error)
      || !anv_audit_append (db, "user.password", "staff", whose, NULL, &local_error)
      || !anv_db_commit (db, &local_error))
    {
      anv_db_rollback (db);
      /* Someone else's password: refused for want of CREATEROLE. One's
       * own is never refused so: the server's own error says why. */
      if (login != NULL && g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_DENIED))
        {
          g_set_error (error, ANV_PASSWORD_ERROR, ANV_PASSWORD_ERROR_DENIED,
                       /* Translators: %s is a login */
                       _("Only an administrator whose login may create roles can set the "
                         "password of %s. Each person sets their own with “anvisa-cli "
                         "password”. Nothing was changed."), whose);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
