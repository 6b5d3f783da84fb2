/* anv-db-pg.c — the PostgreSQL driver: a shared server through libpq
 *
 * The functions the connection above (anv-db.c) calls through the table
 * at the end of this file, for a database on a PostgreSQL server named by
 * a libpq connection string (anv_db_is_server_address()). Statements are
 * prepared on the server once per connection; their values travel as text
 * with no type, so that the server gives each the type its place in the
 * statement needs, as SQLite's loose typing does; rows come back as text.
 * A statement's whole result is read at its first step. Where the common
 * text of a statement key does not run on the server, the server's own
 * text is anv-db-pg-dialect.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-db-pg"

#include "config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "anv-db-driver.h"
#include "anv-db-pg-dialect.h"

/* The oldest server Anvisa's schema is written for. */
#define OLDEST_SERVER_VERSION 150000

/* The key of the lock every writing transaction holds ("ANVS", as a
 * SQLite file's application id), and the channel its commit notifies. */
#define WRITE_LOCK "1095652947"
#define CHANNEL "anvisa"

struct _AnvDbConn
{
  AnvDb   *db;              /* not a reference: the connection belongs to it */
  PGconn  *pg;
  guint    next_name;       /* names the statements prepared on the server */
  guint    generation;      /* counts the connections made: a reconnection drops
                             * every statement the server had prepared */
  gboolean in_transaction;  /* between the outermost begin and its end */
  gint64   changes;
  gint64   heard;           /* commits of other connections notified so far */
  guint    next_cursor;     /* names the cursors of the reads in a snapshot */
  gboolean bulk;            /* a load, kept or dropped whole: no savepoints */
  GHashTable *noted;        /* what the transaction under way changed (its NOTIFYs) */
  AnvDbHandle *prefetching; /* the cursor whose next batch is on its way, or NULL */
  char     xid[24];         /* the writing transaction's id, to learn its fate */
  int      pid;             /* and the server process that runs it */
  gint64   last_attempt;    /* when an idle lost connection was last made again */
};

/* A value as bound: text in place, or a number written into its buffer. */
typedef struct
{
  const char *text;
  char        number[G_ASCII_DTOSTR_BUF_SIZE];
} Value;

struct _AnvDbHandle
{
  AnvDbConn  *conn;
  char       *sql;          /* as given, for anv_db_prepare()'s check */
  char       *server_sql;   /* with $N for ?N */
  char        name[24];
  guint       generation;   /* of the connection it was prepared on */
  gboolean    writes;       /* INSERT, UPDATE or DELETE: atomic on its own */
  guint       cursor;       /* the open cursor it reads through, or 0 */
  gboolean    more;         /* the cursor may have rows beyond this batch */
  int         n_params;
  Oid        *types;        /* 0 (the server's choice), or text where unused */
  Value      *values;
  const char **pointers;    /* what PQexecPrepared reads, built per run */
  PGresult   *result;       /* of the run under way, or NULL */
  PGresult   *next;         /* the cursor's next batch, fetched ahead, or NULL */
  int         row;
  int         n_rows;
};

/* Errors */

static AnvDbError
code_from_sqlstate (const char *state)
{
  if (state == NULL)
    return ANV_DB_ERROR_CONNECTION;
  if (strcmp (state, "23505") == 0)
    return ANV_DB_ERROR_DUPLICATE;
  if (g_str_has_prefix (state, "23"))
    return ANV_DB_ERROR_CONSTRAINT;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0
      || strcmp (state, "55P03") == 0)
    return ANV_DB_ERROR_BUSY;
  if (g_str_has_prefix (state, "08") || strcmp (state, "57P01") == 0
      || strcmp (state, "57P02") == 0 || strcmp (state, "57P03") == 0)
    return ANV_DB_ERROR_CONNECTION;
  if (strcmp (state, "53100") == 0)
    return ANV_DB_ERROR_FULL;
  if (strcmp (state, "25006") == 0)
    return ANV_DB_ERROR_READ_ONLY;
  if (strcmp (state, "42501") == 0)
    return ANV_DB_ERROR_DENIED;
  if (g_str_has_prefix (state, "58"))
    return ANV_DB_ERROR_IO;
  if (strcmp (state, "XX001") == 0 || strcmp (state, "XX002") == 0)
    return ANV_DB_ERROR_CORRUPT;
  return ANV_DB_ERROR_FAILED;
}

/* The server's own message, one line. */
static char *
engine_message (PGconn         *pg,
                const PGresult *result)
{
  const char *message = result != NULL ? PQresultErrorMessage (result) : NULL;

  if (message == NULL || *message == '\0')
    message = PQerrorMessage (pg);
  return g_strchomp (g_strdup (message != NULL ? message : ""));
}

static void
fail_result (AnvDbConn      *conn,
             const PGresult *result,
             GError        **error)
{
  g_autofree char *message = engine_message (conn->pg, result);
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  AnvDbError code;

  if (PQstatus (conn->pg) != CONNECTION_OK)
    code = ANV_DB_ERROR_CONNECTION;
  else
    code = code_from_sqlstate (state);
  g_debug ("The server refused (%s): %s", state != NULL ? state : "no state", message);
  anv_db_driver_fail (conn->db, code, message, NULL, error);
}

/* The results of what was sent, as PQexec() gives them: the last one,
 * or the first error. */
static PGresult *
collect (AnvDbConn *conn)
{
  PGresult *result, *last = NULL;

  while ((result = PQgetResult (conn->pg)) != NULL)
    {
      if (last != NULL && PQresultStatus (last) == PGRES_FATAL_ERROR)
        {
          PQclear (result);
          continue;
        }
      g_clear_pointer (&last, PQclear);
      last = result;
    }
  return last;
}

/* A cursor's next batch may be on its way while its rows are read
 * (fetch_batch()): it is taken in, to wait in its statement, before
 * anything else is sent. */
static void
settle (AnvDbConn *conn)
{
  AnvDbHandle *stmt = conn->prefetching;

  if (stmt == NULL)
    return;
  conn->prefetching = NULL;
  g_clear_pointer (&stmt->next, PQclear);
  stmt->next = collect (conn);
}

/* Runs @sql (several statements allowed) with no values. */
static gboolean
run (AnvDbConn   *conn,
     const char  *sql,
     GError     **error)
{
  PGresult *result;

  settle (conn);
  result = PQexec (conn->pg, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    fail_result (conn, result, error);
  PQclear (result);
  return ok;
}

/* A connection lost between two transactions is made again, once, before
 * the next one begins: the statements are then prepared anew. Inside a
 * transaction nothing is retried: what it did is gone, and the caller
 * hears so. */
static gboolean reconnect (AnvDbConn  *conn,
                           GError    **error);

static gboolean
ensure_connected (AnvDbConn  *conn,
                  GError    **error)
{
  if (PQstatus (conn->pg) == CONNECTION_OK)
    return TRUE;
  if (conn->in_transaction)
    {
      fail_result (conn, NULL, error);
      return FALSE;
    }
  return reconnect (conn, error);
}

/* Whether @result (NULL: none came) says the connection is gone. libpq
 * may learn it only from a statement's failure, with its status still
 * "ok": a failure with no SQLSTATE, or a connection's or a shutdown's. */
static gboolean
lost (AnvDbConn      *conn,
      const PGresult *result)
{
  const char *state;

  if (PQstatus (conn->pg) != CONNECTION_OK || result == NULL)
    return TRUE;
  if (PQresultStatus (result) != PGRES_FATAL_ERROR)
    return FALSE;
  state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  return state == NULL || g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P0");
}

static gboolean
reconnect (AnvDbConn  *conn,
           GError    **error)
{
  settle (conn);
  PQreset (conn->pg);
  if (PQstatus (conn->pg) != CONNECTION_OK)
    {
      fail_result (conn, NULL, error);
      return FALSE;
    }
  conn->generation++;
  g_debug ("Connected to the server again");
  /* What was committed meanwhile went unheard: tell the window. */
  conn->heard++;
  return run (conn, "LISTEN " CHANNEL, error);
}

/* The connection */

gboolean
anv_db_is_server_address (const char *path)
{
  static const char *const keywords[] = {
    "host=", "hostaddr=", "port=", "dbname=", "user=", "service=", "sslmode=",
    "application_name=", "connect_timeout=", "passfile=", "options=",
  };

  if (path == NULL)
    return FALSE;
  if (g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://"))
    return TRUE;
  while (g_ascii_isspace (*path))
    path++;
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (g_str_has_prefix (path, keywords[i]))
      return TRUE;
  return FALSE;
}

static gboolean
conn_query_int64 (AnvDbConn   *conn,
                  const char  *sql,
                  gint64      *out,
                  GError     **error);

static gboolean
read_schema_version (AnvDbConn  *conn,
                     int        *out_version,
                     GError    **error)
{
  gint64 has_table = 0, version = 0;

  if (!conn_query_int64 (conn, "SELECT to_regclass ('anvisa_schema') IS NOT NULL",
                         &has_table, error))
    return FALSE;
  if (has_table
      && !conn_query_int64 (conn, "SELECT coalesce (max (version), 0) FROM anvisa_schema",
                            &version, error))
    return FALSE;
  *out_version = (int) version;
  return TRUE;
}

/* Whether @host (PQhost()) is this computer's server, reached through a
 * Unix socket, rather than one named on the network. */
static gboolean
on_this_computer (const char *host)
{
  return host == NULL || *host == '\0' || *host == '/';
}

/* A number, or a truth value (t or f), as the server writes it in text;
 * NULL's empty text reads as 0, as in SQLite. */
static gint64
read_int64 (const char *text)
{
  if (text[0] == 't' && text[1] == '\0')
    return 1;
  return g_ascii_strtoll (text, NULL, 10);
}

/* The database in words, at the start of a sentence: never the password. */
static char *
describe (PGconn *pg)
{
  const char *host = PQhost (pg);

  if (on_this_computer (host))
    /* Translators: %s is the name of a database on this computer's server */
    return g_strdup_printf (_("The database “%s” on this computer’s server"), PQdb (pg));
  /* Translators: %1$s is the name of a database, %2$s a server's name */
  return g_strdup_printf (_("The database “%1$s” on the server %2$s"), PQdb (pg), host);
}

/* The server's notices (a shutdown's warning, a NOTICE of the schema)
 * are no message for the person: the debug log has them. */
static void
log_notice (void       *data,
            const char *message)
{
  g_debug ("The server says: %s", message);
}

/* Whether the server refused the password @pg gave: a wrong one, or one
 * for a login that has none. The server says it in its own language
 * (English, or Swedish where its lc_messages is), so both are looked for;
 * no SQLSTATE reaches a connection that failed. */
static gboolean
password_refused (PGconn     *pg,
                  const char *message)
{
  return PQconnectionUsedPassword (pg)
         && (strstr (message, "password authentication failed") != NULL
             || strstr (message, "ösenordsautentisering misslyckades") != NULL);
}

/* Whether the server refused the login itself: disabled (NOLOGIN), which
 * `user disable` does. In the server's words, English or Swedish. */
static gboolean
login_disabled (const char *message)
{
  return strstr (message, "is not permitted to log in") != NULL
         || strstr (message, "tillåts inte logga in") != NULL;
}

/* Why a connection failed, in words (HACKING.md, "Passwords"). */
static void
set_connect_error (PGconn  *pg,
                   GError **error)
{
  g_autofree char *message = pg != NULL ? engine_message (pg, NULL) : g_strdup ("out of memory");

  if (pg != NULL && password_refused (pg, message))
    {
      g_debug ("The server refused the password: %s", message);
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION,
                   /* Translators: %s is a login on the database server */
                   _("The server did not accept the password for %s. Check it (is Caps "
                     "Lock on?), or ask your office’s IT to reset it."), PQuser (pg));
      return;
    }
  if (pg != NULL && login_disabled (message))
    {
      g_debug ("The server refused the login: %s", message);
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION,
                   /* Translators: %s is a login on the database server */
                   _("The login %s is disabled on the server and may no longer log in. Ask "
                     "your office’s IT if you need it again."), PQuser (pg));
      return;
    }
  if (pg != NULL && PQconnectionNeedsPassword (pg))
    {
      /* The server's words stay at the end: the window knows a missing
       * password by them, and asks for one. */
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION,
                   /* Translators: %1$s is a login, %2$s the server's own explanation */
                   _("The server asks %1$s for a password, and none was given. Type it in "
                     "the connect dialog, or keep it in ~/.pgpass. The server said: %2$s"),
                   PQuser (pg), message);
      return;
    }
  g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION,
               /* Translators: %s is the server's own explanation */
               _("Anvisa could not connect to the database server. Check the "
                 "server’s address, the database’s name and your login, or ask your "
                 "office’s IT whether the server is running. The server said: %s"),
               message);
}

static AnvDbConn *
conn_open (AnvDb       *db,
           const char  *path,
           int          newest_version,
           int         *out_version,
           GError     **error)
{
  /* The connection string comes last: what it names itself wins over
   * Anvisa's name for itself and the encoding. */
  const char *keywords[] = { "application_name", "client_encoding", "dbname", NULL };
  const char *values[] = { "anvisa", "UTF8", path, NULL };
  g_autofree AnvDbConn *conn = g_new0 (AnvDbConn, 1);
  g_autofree char *place = NULL;
  gint64 tables = 0;
  int version = 0;

  conn->db = db;
  /* expand_dbname: @path is a whole connection string. */
  conn->pg = PQconnectdbParams (keywords, values, 1);
  if (conn->pg == NULL || PQstatus (conn->pg) != CONNECTION_OK)
    {
      set_connect_error (conn->pg, error);
      g_clear_pointer (&conn->pg, PQfinish);
      return NULL;
    }
  PQsetNoticeProcessor (conn->pg, log_notice, NULL);
  place = describe (conn->pg);
  {
    const char *host = PQhost (conn->pg);
    g_autofree char *name = NULL;

    if (on_this_computer (host))
      name = g_strdup_printf ("postgresql://%s@/%s", PQuser (conn->pg), PQdb (conn->pg));
    else
      name = g_strdup_printf ("postgresql://%s@%s:%s/%s", PQuser (conn->pg), host,
                              PQport (conn->pg), PQdb (conn->pg));
    anv_db_driver_set_display_name (db, name);
    /* The audit log names the login, whoever the program says it is. */
    anv_db_driver_set_user (db, PQuser (conn->pg));
  }

  if (PQserverVersion (conn->pg) < OLDEST_SERVER_VERSION)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_OPEN,
                   /* Translators: %1$s is a database, %2$d a version number like 14 */
                   _("%1$s runs PostgreSQL %2$d, older than Anvisa needs (15 or newer). "
                     "Ask your office’s IT to upgrade the server."),
                   place, PQserverVersion (conn->pg) / 10000);
      PQfinish (conn->pg);
      return NULL;
    }

  /* A server elsewhere, reached without TLS. */
    {
      const char *host = PQhost (conn->pg);

      if (!on_this_computer (host) && g_strcmp0 (host, "localhost") != 0
          && g_strcmp0 (host, "127.0.0.1") != 0 && g_strcmp0 (host, "::1") != 0
          && !PQsslInUse (conn->pg))
        {
          g_autofree char *notice = NULL;

          notice = g_strdup_printf (
            /* Translators: %s is a server's name */
            _("The connection to %s is not encrypted: personal data crosses the network "
              "unprotected. Ask your office’s IT to require TLS (sslmode=verify-full)."),
            host);
          anv_db_driver_set_notice (db, notice);
        }
    }

  if (!read_schema_version (conn, &version, error))
    {
      PQfinish (conn->pg);
      return NULL;
    }
  if (version == 0)
    {
      /* An empty database may become Anvisa's; one with tables of its own
       * belongs to another program. */
      if (!conn_query_int64 (conn,
                             "SELECT count (*) FROM pg_catalog.pg_class c "
                             "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p')",
                             &tables, error))
        {
          PQfinish (conn->pg);
          return NULL;
        }
      if (tables > 0)
        {
          g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_NOT_ANVISA,
                       /* Translators: %s is a database */
                       _("%s holds another program’s tables, not Anvisa’s. Nothing was "
                         "changed; name an empty database, or Anvisa’s own."), place);
          PQfinish (conn->pg);
          return NULL;
        }
    }
  if (version > newest_version)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_TOO_NEW,
                   /* Translators: %1$s is a database, %2$d and %3$d version numbers */
                   _("%1$s was made by a newer version of Anvisa (schema %2$d; this one "
                     "knows up to %3$d). Nothing was changed; install the newer Anvisa."),
                   place, version, newest_version);
      PQfinish (conn->pg);
      return NULL;
    }
  *out_version = version;
  conn->noted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return g_steal_pointer (&conn);
}

/* Listens for other connections' commits (conn_data_version()). */
static void
conn_accept (AnvDbConn *conn)
{
  g_autoptr (GError) error = NULL;

  if (!run (conn, "LISTEN " CHANNEL, &error))
    g_debug ("Not listening for others’ changes: %s", error->message);
}

static void
conn_close (AnvDbConn *conn)
{
  g_clear_pointer (&conn->noted, g_hash_table_unref);
  g_clear_pointer (&conn->pg, PQfinish);
  g_free (conn);
}

static gboolean
conn_exec (AnvDbConn   *conn,
           const char  *sql,
           GError     **error)
{
  return run (conn, sql, error);
}

static gboolean
conn_query_int64 (AnvDbConn   *conn,
                  const char  *sql,
                  gint64      *out,
                  GError     **error)
{
  PGresult *result;
  gboolean ok;

  settle (conn);
  result = PQexec (conn->pg, sql);
  ok = PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    fail_result (conn, result, error);
  else if (PQntuples (result) > 0 && PQnfields (result) > 0)
    *out = read_int64 (PQgetvalue (result, 0, 0));
  PQclear (result);
  return ok;
}

static gint64
conn_changes (AnvDbConn *conn)
{
  return conn->changes;
}

static gboolean
conn_in_transaction (AnvDbConn *conn)
{
  PGTransactionStatusType status = PQtransactionStatus (conn->pg);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

/* One writer at a time, as SQLite's BEGIN IMMEDIATE: every writing
 * transaction first takes the same lock, held until it ends, so what a
 * rule reads stays true until its write commits (READ COMMITTED sees
 * every commit before). Reading needs no lock and never waits. HACKING.md,
 * "The shared server", says why. */
static void
conn_rollback_quietly (AnvDbConn *conn)
{
  settle (conn);
  if (PQstatus (conn->pg) == CONNECTION_OK && PQtransactionStatus (conn->pg) != PQTRANS_IDLE)
    PQclear (PQexec (conn->pg, "ROLLBACK"));
}

#define BEGIN_WRITE \
  "BEGIN; SELECT pg_advisory_xact_lock (" WRITE_LOCK "), CAST (txid_current () AS text)"

/* Begins a writing transaction, and notes its id and its server process:
 * if the answer to its COMMIT is lost, they tell whether it was saved
 * (settle_commit()). */
static gboolean
begin_write (AnvDbConn  *conn,
             GError    **error)
{
  PGresult *result;
  gboolean ok;

  settle (conn);
  result = PQexec (conn->pg, BEGIN_WRITE);
  ok = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1;

  if (ok)
    {
      g_strlcpy (conn->xid, PQgetvalue (result, 0, 1), sizeof conn->xid);
      conn->pid = PQbackendPID (conn->pg);
    }
  else
    fail_result (conn, result, error);
  PQclear (result);
  return ok;
}

static gboolean
conn_begin (AnvDbConn  *conn,
            gboolean    nested,
            GError    **error)
{
  g_autoptr (GError) local_error = NULL;

  if (nested)
    return run (conn, "SAVEPOINT anv_nested", error);
  if (!ensure_connected (conn, error))
    return FALSE;
  if (!begin_write (conn, &local_error))
    {
      /* Found lost only now (the server went away while nothing ran):
       * nothing was begun, so once more on a new connection. */
      conn_rollback_quietly (conn);
      if (!g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!reconnect (conn, error) || !begin_write (conn, error))
        {
          conn_rollback_quietly (conn);
          return FALSE;
        }
    }
  conn->in_transaction = TRUE;
  return TRUE;
}

/* What happens to the next commit, for tests (anv-db-private.h). */
static AnvDbLoss next_loss = ANV_DB_LOSS_NONE;

void
anv_db_pg_lose_next_commit (AnvDbLoss loss)
{
  next_loss = loss;
}

/* A password is hashed here and only the hash is sent: the statement
 * (which the server may log) never holds the password itself. ALTER ROLE
 * takes no bound values, so the hash and the login go in as a quoted
 * literal and identifier. */
gboolean
anv_db_pg_set_password (AnvDb      *db,
                        const char *login,
                        const char *password,
                        GError    **error)
{
  AnvDbConn *conn;
  char *hash;
  char *literal;
  char *identifier = NULL;
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (anv_db_is_server (db), FALSE);
  conn = anv_db_driver_get_conn (db);
  settle (conn);
  hash = PQencryptPasswordConn (conn->pg, password,
                                login != NULL ? login : anv_db_get_user (db),
                                "scram-sha-256");
  if (hash == NULL)
    {
      g_autofree char *message = engine_message (conn->pg, NULL);

      anv_db_driver_fail (db, ANV_DB_ERROR_FAILED, message, NULL, error);
      return FALSE;
    }
  literal = PQescapeLiteral (conn->pg, hash, strlen (hash));
  if (login != NULL)
    identifier = PQescapeIdentifier (conn->pg, login, strlen (login));
  explicit_bzero (hash, strlen (hash));
  PQfreemem (hash);
  if (literal == NULL || (login != NULL && identifier == NULL))
    {
      g_autofree char *message = engine_message (conn->pg, NULL);

      PQfreemem (literal);
      PQfreemem (identifier);
      anv_db_driver_fail (db, ANV_DB_ERROR_FAILED, message, NULL, error);
      return FALSE;
    }
  sql = g_strdup_printf ("ALTER ROLE %s PASSWORD %s",
                         identifier != NULL ? identifier : "CURRENT_USER", literal);
  PQfreemem (literal);
  PQfreemem (identifier);
  ok = run (conn, sql, error);
  return ok;
}

/* Cuts the connection as a network would, after reading and dropping
 * whatever the server sent (@wait_for_answer: once it has answered). */
static void
cut (AnvDbConn *conn,
     gboolean   wait_for_answer)
{
  int fd = PQsocket (conn->pg);
  struct pollfd readable = { fd, POLLIN, 0 };
  char buffer[4096];

  if (wait_for_answer)
    (void) poll (&readable, 1, 10000);
  while (recv (fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0)
    ;
  shutdown (fd, SHUT_RDWR);
}

/* The others hear what changed with the commit: a notification for each
 * change noted, in the same round trip, and one with no payload for
 * any commit (a job seeker registered changes no cell). The server
 * delivers them only if it commits. */
static void
conn_note_change (AnvDbConn  *conn,
                  const char *what)
{
  /* A load notes nothing: a million cells are no news for a window. */
  if (!conn->bulk)
    g_hash_table_add (conn->noted, g_strdup (what));
}

static char *
commit_text (AnvDbConn *conn)
{
  GString *sql = g_string_new (NULL);
  GHashTableIter iter;
  gpointer what;

  g_hash_table_iter_init (&iter, conn->noted);
  while (g_hash_table_iter_next (&iter, &what, NULL))
    {
      char *literal = PQescapeLiteral (conn->pg, what, strlen (what));

      if (literal != NULL)
        g_string_append_printf (sql, "NOTIFY " CHANNEL ", %s; ", literal);
      PQfreemem (literal);
    }
  g_hash_table_remove_all (conn->noted);
  g_string_append (sql, "NOTIFY " CHANNEL "; COMMIT");
  return g_string_free (sql, FALSE);
}

static PGresult *
send_commit (AnvDbConn *conn)
{
  AnvDbLoss loss = next_loss;
  g_autofree char *sql = commit_text (conn);

  settle (conn);
  next_loss = ANV_DB_LOSS_NONE;
  if (loss == ANV_DB_LOSS_BEFORE_COMMIT)
    cut (conn, FALSE);
  if (!PQsendQuery (conn->pg, sql))
    return NULL;
  if (loss == ANV_DB_LOSS_COMMIT_ANSWER)
    cut (conn, TRUE);
  return collect (conn);
}

#define SETTLE_TRIES 50     /* of 100 ms: the old process is stopped after the first */

/* The connection went while the COMMIT was on its way: the transaction
 * may have been saved or not. Asks the server, on a new connection, what
 * became of it; one still running (its process has not yet noticed the
 * loss) is stopped, which ends it one way or the other. */
static gboolean
settle_commit (AnvDbConn  *conn,
               GError    **error)
{
  char pid[16];

  g_snprintf (pid, sizeof pid, "%d", conn->pid);
  g_debug ("The answer to a commit was lost; asking the server what became of it");
  if (!reconnect (conn, NULL))
    {
      anv_db_driver_fail (conn->db, ANV_DB_ERROR_UNKNOWN, PQerrorMessage (conn->pg), NULL,
                          error);
      return FALSE;
    }
  for (int i = 0; i < SETTLE_TRIES; i++)
    {
      /* The process is stopped only while it still runs this transaction
       * (its number may since be another's). */
      const char *values[3] = { conn->xid, pid, i == 0 ? "true" : "false" };
      PGresult *result = PQexecParams (conn->pg,
        "SELECT txid_status (CAST ($1 AS bigint)), "
        "       (SELECT pg_terminate_backend (a.pid) FROM pg_stat_activity a "
        "        WHERE CAST ($3 AS boolean) AND a.pid = CAST ($2 AS int) "
        "          AND CAST (CAST (a.backend_xid AS text) AS bigint) "
        "              = CAST ($1 AS bigint) % 4294967296)",
        3, NULL, values, NULL, NULL, 0);
      g_autofree char *fate = NULL;

      if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1
          && !PQgetisnull (result, 0, 0))
        fate = g_strdup (PQgetvalue (result, 0, 0));
      PQclear (result);
      if (g_strcmp0 (fate, "committed") == 0)
        {
          g_debug ("The server had saved the changes");
          return TRUE;
        }
      if (g_strcmp0 (fate, "aborted") == 0)
        {
          anv_db_driver_fail (conn->db, ANV_DB_ERROR_CONNECTION, "the transaction was aborted",
                              NULL, error);
          return FALSE;
        }
      if (g_strcmp0 (fate, "in progress") != 0)
        break;
      g_usleep (100 * 1000);
    }
  anv_db_driver_fail (conn->db, ANV_DB_ERROR_UNKNOWN, "the transaction's fate is unknown",
                      NULL, error);
  return FALSE;
}

static gboolean
conn_commit (AnvDbConn  *conn,
             gboolean    nested,
             GError    **error)
{
  PGresult *result;
  gboolean ok;

  if (nested)
    return run (conn, "RELEASE anv_nested", error);

  /* The others' windows hear of it when it commits. A transaction a
   * statement broke ends in ROLLBACK, not an error: a commit that did not
   * commit must not say it did. */
  result = send_commit (conn);
  if (PQtransactionStatus (conn->pg) == PQTRANS_IDLE || PQstatus (conn->pg) != CONNECTION_OK)
    conn->in_transaction = FALSE;
  ok = PQresultStatus (result) == PGRES_COMMAND_OK
       && g_strcmp0 (PQcmdStatus (result), "COMMIT") == 0;
  if (!ok && PQresultStatus (result) == PGRES_COMMAND_OK)
    g_set_error_literal (error, ANV_DB_ERROR, ANV_DB_ERROR_FAILED,
                         _("The server did not save the changes, because a step of them "
                           "failed. Nothing was saved; try again."));
  else if (!ok && lost (conn, result))
    {
      conn->in_transaction = FALSE;
      ok = settle_commit (conn, error);
    }
  else if (!ok)
    fail_result (conn, result, error);
  PQclear (result);
  return ok;
}

static void
conn_rollback (AnvDbConn *conn,
               gboolean   nested)
{
  PGresult *result;

  settle (conn);
  if (!nested)
    {
      conn->in_transaction = FALSE;
      g_hash_table_remove_all (conn->noted);
    }
  if (PQstatus (conn->pg) != CONNECTION_OK)
    return;
  if (nested)
    result = PQexec (conn->pg, "ROLLBACK TO anv_nested; RELEASE anv_nested");
  else if (PQtransactionStatus (conn->pg) != PQTRANS_IDLE)
    result = PQexec (conn->pg, "ROLLBACK");
  else
    return;
  PQclear (result);
}

/* The server keeps no copy of removed rows that Anvisa could drop: dead
 * rows go at the next VACUUM, and the write-ahead log and backups are the
 * server's (README.md, "A shared server"). */
static void
conn_purge_removed (AnvDbConn *conn)
{
}

/* The count of other connections' commits heard so far: reading what
 * has arrived on the connection's socket asks the server nothing. */
static gint64
conn_data_version (AnvDbConn *conn)
{
  PGnotify *notify;
  gint64 now;

  if (PQstatus (conn->pg) == CONNECTION_OK)
    (void) PQconsumeInput (conn->pg);
  /* A connection that went while nothing ran on it (the server restarted,
   * or ended the idle connection) is made again here, at most once a
   * second while the server is away: a window would otherwise show what
   * it read last, and hear nothing, until it next ran a statement. Being
   * made again counts as a change heard, so the window reads anew. */
  if (PQstatus (conn->pg) != CONNECTION_OK)
    {
      now = g_get_monotonic_time ();
      if (!conn->in_transaction && conn->prefetching == NULL
          && now - conn->last_attempt >= G_USEC_PER_SEC)
        {
          conn->last_attempt = now;
          (void) reconnect (conn, NULL);
        }
      return conn->heard;
    }
  while ((notify = PQnotifies (conn->pg)) != NULL)
    {
      if (notify->be_pid != PQbackendPID (conn->pg))
        conn->heard++;
      PQfreemem (notify);
    }
  return conn->heard;
}

/* A savepoint per write costs the server a subtransaction and the load a
 * statement more: 100,000 referrals took 104 s with them and 68 s
 * without. A load fails whole, so it needs none. */
static void
conn_set_bulk (AnvDbConn *conn,
               gboolean   bulk)
{
  conn->bulk = bulk;
}

static int
conn_socket (AnvDbConn *conn)
{
  return PQsocket (conn->pg);
}

static gboolean
conn_get_schema_version (AnvDbConn  *conn,
                         int        *out_version,
                         GError    **error)
{
  return read_schema_version (conn, out_version, error);
}

static gboolean
conn_set_schema_version (AnvDbConn  *conn,
                         int         version,
                         GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM anvisa_schema; "
                                          "INSERT INTO anvisa_schema (version) VALUES (%d)",
                                          version);

  return run (conn, sql, error);
}

/* Statements */

/* ?N becomes $N, outside quoted texts and names; *@out_n_params is the
 * highest N, and *@out_types says for each number up to it whether the
 * text uses it: a value the text skips (bound all the same, as SQLite
 * lets a caller) has no place to take its type from, so it is text. */
static char *
server_text (const char *sql,
             int        *out_n_params,
             Oid       **out_types)
{
  GString *out = g_string_sized_new (strlen (sql) + 8);
  g_autoptr (GArray) used = g_array_new (FALSE, TRUE, sizeof (gboolean));
  char quote = 0;
  int highest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
        }
      else if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
        }
      else if (*p == '?' && g_ascii_isdigit (p[1]))
        {
          int n = 0;

          while (g_ascii_isdigit (p[1]))
            n = n * 10 + (*++p - '0');
          highest = MAX (highest, n);
          if ((guint) n > used->len)
            g_array_set_size (used, (guint) n);
          if (n > 0)
            g_array_index (used, gboolean, n - 1) = TRUE;
          g_string_append_printf (out, "$%d", n);
        }
      else
        g_string_append_c (out, *p);
    }
  *out_n_params = highest;
  *out_types = g_new0 (Oid, MAX (highest, 1));
  for (int i = 0; i < highest; i++)
    if (!g_array_index (used, gboolean, i))
      (*out_types)[i] = 25; /* text */
  return g_string_free (out, FALSE);
}

static gboolean
prepare_on_server (AnvDbHandle  *stmt,
                   GError      **error)
{
  AnvDbConn *conn = stmt->conn;
  PGresult *result;
  gboolean ok;

  settle (conn);
  g_snprintf (stmt->name, sizeof stmt->name, "anv%u", conn->next_name++);
  result = PQprepare (conn->pg, stmt->name, stmt->server_sql, stmt->n_params, stmt->types);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  /* A connection found lost only now, between transactions: preparing
   * changes nothing, so once more on a new one. */
  if (!ok && !conn->in_transaction && lost (conn, result) && reconnect (conn, NULL))
    {
      PQclear (result);
      result = PQprepare (conn->pg, stmt->name, stmt->server_sql, stmt->n_params, stmt->types);
      ok = PQresultStatus (result) == PGRES_COMMAND_OK;
    }
  if (!ok)
    {
      g_debug ("Could not prepare: %s", stmt->server_sql);
      fail_result (conn, result, error);
    }
  PQclear (result);
  stmt->generation = conn->generation;
  return ok;
}

/* Whether @sql changes rows (a WITH that does counts too). */
static gboolean
is_write (const char *sql)
{
  while (g_ascii_isspace (*sql))
    sql++;
  if (g_ascii_strncasecmp (sql, "INSERT", 6) == 0 || g_ascii_strncasecmp (sql, "UPDATE", 6) == 0
      || g_ascii_strncasecmp (sql, "DELETE", 6) == 0)
    return TRUE;
  return g_ascii_strncasecmp (sql, "WITH", 4) == 0
         && (strstr (sql, "INSERT") != NULL || strstr (sql, "UPDATE") != NULL
             || strstr (sql, "DELETE") != NULL);
}

static AnvDbHandle *
stmt_prepare (AnvDbConn   *conn,
              const char  *key,
              const char  *sql,
              GError     **error)
{
  g_autofree AnvDbHandle *stmt = g_new0 (AnvDbHandle, 1);
  const char *own = key != NULL ? anv_db_pg_dialect_text (key) : NULL;

  stmt->conn = conn;
  stmt->sql = g_strdup (sql);
  stmt->server_sql = server_text (own != NULL ? own : sql, &stmt->n_params, &stmt->types);
  stmt->writes = is_write (stmt->server_sql);
  stmt->values = g_new0 (Value, MAX (stmt->n_params, 1));
  stmt->pointers = g_new0 (const char *, MAX (stmt->n_params, 1));
  stmt->row = -1;
  if (!ensure_connected (conn, error) || !prepare_on_server (stmt, error))
    {
      g_free (stmt->types);
      g_free (stmt->values);
      g_free (stmt->pointers);
      g_free (stmt->server_sql);
      g_free (stmt->sql);
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

static const char *
stmt_sql (AnvDbHandle *stmt)
{
  return stmt->sql;
}

/* Rows a read in a snapshot fetches at a time (close_cursor()). */
#define CURSOR_BATCH 5000

static void
close_cursor (AnvDbHandle *stmt)
{
  AnvDbConn *conn = stmt->conn;

  settle (conn);
  g_clear_pointer (&stmt->next, PQclear);
  if (stmt->cursor == 0)
    return;
  if (PQstatus (conn->pg) == CONNECTION_OK && PQtransactionStatus (conn->pg) == PQTRANS_INTRANS)
    {
      g_autofree char *sql = g_strdup_printf ("CLOSE anv_cursor%u", stmt->cursor);

      PQclear (PQexec (conn->pg, sql));
    }
  stmt->cursor = 0;
  stmt->more = FALSE;
}

static void
stmt_reset (AnvDbHandle *stmt,
            gboolean     clear_bindings)
{
  close_cursor (stmt);
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
  stmt->n_rows = 0;
  if (clear_bindings)
    for (int i = 0; i < stmt->n_params; i++)
      stmt->values[i].text = NULL;
}

static void
stmt_finalize (AnvDbHandle *stmt)
{
  AnvDbConn *conn = stmt->conn;

  stmt_reset (stmt, TRUE);
  settle (conn);
  /* The server forgets the statement with the connection anyway. */
  if (stmt->generation == conn->generation && PQstatus (conn->pg) == CONNECTION_OK
      && PQtransactionStatus (conn->pg) == PQTRANS_IDLE)
    {
      g_autofree char *sql = g_strdup_printf ("DEALLOCATE %s", stmt->name);

      PQclear (PQexec (conn->pg, sql));
    }
  g_free (stmt->types);
  g_free (stmt->values);
  g_free (stmt->pointers);
  g_free (stmt->server_sql);
  g_free (stmt->sql);
  g_free (stmt);
}

/* A value beyond the text's numbers is dropped, as SQLite drops it. */
static Value *
value_at (AnvDbHandle *stmt,
          int          index)
{
  if (index < 1 || index > stmt->n_params)
    return NULL;
  return &stmt->values[index - 1];
}

static void
stmt_bind_int64 (AnvDbHandle *stmt,
                 int          index,
                 gint64       value)
{
  Value *v = value_at (stmt, index);

  if (v == NULL)
    return;
  g_snprintf (v->number, sizeof v->number, "%" G_GINT64_FORMAT, value);
  v->text = v->number;
}

static void
stmt_bind_double (AnvDbHandle *stmt,
                  int          index,
                  double       value)
{
  Value *v = value_at (stmt, index);

  if (v == NULL)
    return;
  g_ascii_dtostr (v->number, sizeof v->number, value);
  v->text = v->number;
}

static void
stmt_bind_text (AnvDbHandle *stmt,
                int          index,
                const char  *text)
{
  Value *v = value_at (stmt, index);

  if (v != NULL)
    v->text = text;
}

static void
stmt_bind_null (AnvDbHandle *stmt,
                int          index)
{
  stmt_bind_text (stmt, index, NULL);
}

/* A statement that fails inside a transaction undoes its own changes and
 * leaves the transaction going, as in SQLite, where a module may go on
 * after a refused row (to name what is there already, or to count a
 * duplicate and read on): on the server, a failed statement would break
 * the whole transaction. So a write inside a transaction runs between a
 * savepoint and its release, sent together with it in one round trip
 * (libpq's pipeline); only a failure costs a second, to roll back to the
 * savepoint. Returns the statement's own result. */
static PGresult *
exec_atomically (AnvDbConn   *conn,
                 AnvDbHandle *stmt)
{
  PGresult *own = NULL, *first_error = NULL, *r;
  gboolean synced = FALSE, saved = FALSE;
  int query = 0;

  settle (conn);
  if (!PQenterPipelineMode (conn->pg))
    return PQexecPrepared (conn->pg, stmt->name, stmt->n_params, stmt->pointers, NULL, NULL, 0);
  if (!PQsendQueryParams (conn->pg, "SAVEPOINT anv_statement", 0, NULL, NULL, NULL, NULL, 0)
      || !PQsendQueryPrepared (conn->pg, stmt->name, stmt->n_params, stmt->pointers, NULL,
                               NULL, 0)
      || !PQsendQueryParams (conn->pg, "RELEASE anv_statement", 0, NULL, NULL, NULL, NULL, 0)
      || !PQpipelineSync (conn->pg))
    {
      /* Nothing was sent that needs an answer, or the connection is gone. */
      PQexitPipelineMode (conn->pg);
      return PQmakeEmptyPGresult (conn->pg, PGRES_FATAL_ERROR);
    }

  /* The answers: each query's results end with NULL; the sync ends all. */
  while (!synced && PQstatus (conn->pg) == CONNECTION_OK)
    {
      r = PQgetResult (conn->pg);
      if (r == NULL)
        {
          query++;
          continue;
        }
      switch (PQresultStatus (r))
        {
        case PGRES_PIPELINE_SYNC:
          synced = TRUE;
          PQclear (r);
          break;
        case PGRES_FATAL_ERROR:
          if (first_error == NULL)
            {
              first_error = r;
              break;
            }
          PQclear (r);
          break;
        default:
          if (query == 0 && PQresultStatus (r) == PGRES_COMMAND_OK)
            saved = TRUE;
          if (query == 1 && own == NULL)
            own = r;
          else
            PQclear (r);
          break;
        }
    }
  PQexitPipelineMode (conn->pg);

  if (first_error != NULL)
    {
      /* The statement's changes go; the transaction goes on. */
      if (saved && PQstatus (conn->pg) == CONNECTION_OK)
        PQclear (PQexec (conn->pg, "ROLLBACK TO anv_statement; RELEASE anv_statement"));
      g_clear_pointer (&own, PQclear);
      return first_error;
    }
  if (own == NULL)
    own = PQmakeEmptyPGresult (conn->pg, PGRES_FATAL_ERROR);
  return own;
}

static gboolean
is_count_of_rows (const char *status)
{
  return g_str_has_prefix (status, "INSERT ") || g_str_has_prefix (status, "UPDATE ")
         || g_str_has_prefix (status, "DELETE ") || g_str_has_prefix (status, "MERGE ");
}

/* The next batch of a cursor's rows into stmt->result; and the one after
 * it asked for at once, so that the server reads it while the caller
 * writes these rows out (an export is the server's time and the
 * caller's together otherwise). */
static gboolean
fetch_batch (AnvDbConn    *conn,
             AnvDbHandle  *stmt,
             GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("FETCH %d FROM anv_cursor%u", CURSOR_BATCH,
                                          stmt->cursor);

  g_clear_pointer (&stmt->result, PQclear);
  settle (conn);
  if (stmt->next != NULL)
    stmt->result = g_steal_pointer (&stmt->next);
  else
    stmt->result = PQexec (conn->pg, sql);
  if (PQresultStatus (stmt->result) != PGRES_TUPLES_OK)
    {
      fail_result (conn, stmt->result, error);
      g_clear_pointer (&stmt->result, PQclear);
      return FALSE;
    }
  stmt->n_rows = PQntuples (stmt->result);
  stmt->more = stmt->n_rows == CURSOR_BATCH;
  stmt->row = -1;
  if (stmt->more && PQsendQuery (conn->pg, sql))
    conn->prefetching = stmt;
  return TRUE;
}

/* A read inside a transaction that only reads (anv_db_begin_read(): an
 * export of a year, a million rows) goes through a cursor, a batch at a
 * time, so that the rows never all wait in memory; the other statements
 * of the snapshot can run between two batches. */
static gboolean
open_cursor (AnvDbConn    *conn,
             AnvDbHandle  *stmt,
             GError      **error)
{
  g_autofree char *sql = NULL;
  PGresult *result;
  gboolean ok;

  settle (conn);
  stmt->cursor = ++conn->next_cursor;
  sql = g_strdup_printf ("DECLARE anv_cursor%u NO SCROLL CURSOR FOR %s", stmt->cursor,
                         stmt->server_sql);
  result = PQexecParams (conn->pg, sql, stmt->n_params, stmt->types, stmt->pointers, NULL,
                         NULL, 0);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  if (!ok)
    {
      fail_result (conn, result, error);
      stmt->cursor = 0;
    }
  PQclear (result);
  return ok && fetch_batch (conn, stmt, error);
}

static gboolean
in_read_snapshot (AnvDbConn   *conn,
                  AnvDbHandle *stmt)
{
  const char *sql = stmt->server_sql;

  if (stmt->writes || conn->in_transaction
      || PQtransactionStatus (conn->pg) != PQTRANS_INTRANS)
    return FALSE;
  while (g_ascii_isspace (*sql))
    sql++;
  return g_ascii_strncasecmp (sql, "SELECT", 6) == 0 || g_ascii_strncasecmp (sql, "WITH", 4) == 0;
}

static AnvDbStep
stmt_step (AnvDbConn    *conn,
           AnvDbHandle  *stmt,
           GError      **error)
{
  /* (A batch on its way leaves the transaction's status "active".) */
  if (stmt->result == NULL)
    settle (conn);
  if (stmt->result == NULL && in_read_snapshot (conn, stmt))
    {
      for (int i = 0; i < stmt->n_params; i++)
        stmt->pointers[i] = stmt->values[i].text;
      if (!open_cursor (conn, stmt, error))
        return ANV_DB_FAILED;
    }
  else if (stmt->result == NULL)
    {
      ExecStatusType status;

      /* Prepared on a connection since lost: again, on a new one, but
       * only between transactions (ensure_connected()). */
      if (!ensure_connected (conn, error)
          || (stmt->generation != conn->generation && !prepare_on_server (stmt, error)))
        return ANV_DB_FAILED;
      for (int i = 0; i < stmt->n_params; i++)
        stmt->pointers[i] = stmt->values[i].text;
      if (stmt->writes && conn->in_transaction && !conn->bulk)
        stmt->result = exec_atomically (conn, stmt);
      else
        stmt->result = PQexecPrepared (conn->pg, stmt->name, stmt->n_params, stmt->pointers,
                                       NULL, NULL, 0);
      status = PQresultStatus (stmt->result);
      /* A read between transactions that found the connection lost only
       * now changed nothing: once more, on a new one. */
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && !stmt->writes
          && !conn->in_transaction && lost (conn, stmt->result) && reconnect (conn, NULL)
          && prepare_on_server (stmt, NULL))
        {
          PQclear (stmt->result);
          stmt->result = PQexecPrepared (conn->pg, stmt->name, stmt->n_params,
                                         stmt->pointers, NULL, NULL, 0);
          status = PQresultStatus (stmt->result);
        }
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          fail_result (conn, stmt->result, error);
          g_clear_pointer (&stmt->result, PQclear);
          return ANV_DB_FAILED;
        }
      if (is_count_of_rows (PQcmdStatus (stmt->result)))
        conn->changes = g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
      stmt->n_rows = PQntuples (stmt->result);
      stmt->row = -1;
    }

  if (++stmt->row < stmt->n_rows)
    return ANV_DB_ROW;
  if (stmt->cursor != 0 && stmt->more)
    {
      if (!fetch_batch (conn, stmt, error))
        return ANV_DB_FAILED;
      if (++stmt->row < stmt->n_rows)
        return ANV_DB_ROW;
    }
  return ANV_DB_DONE;
}

static int
stmt_column_count (AnvDbHandle *stmt)
{
  return stmt->result != NULL ? PQnfields (stmt->result) : 0;
}

static gboolean
stmt_column_is_null (AnvDbHandle *stmt,
                     int          column)
{
  return PQgetisnull (stmt->result, stmt->row, column);
}

static const char *
stmt_column_text (AnvDbHandle *stmt,
                  int          column)
{
  if (PQgetisnull (stmt->result, stmt->row, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

static gint64
stmt_column_int64 (AnvDbHandle *stmt,
                   int          column)
{
  return read_int64 (PQgetvalue (stmt->result, stmt->row, column));
}

static int
stmt_column_int (AnvDbHandle *stmt,
                 int          column)
{
  return (int) stmt_column_int64 (stmt, column);
}

static double
stmt_column_double (AnvDbHandle *stmt,
                    int          column)
{
  return g_ascii_strtod (PQgetvalue (stmt->result, stmt->row, column), NULL);
}

const AnvDbDriver anv_db_pg_driver =
{
  .name = "postgresql",
  .open = conn_open,
  .accept = conn_accept,
  .close = conn_close,
  .exec = conn_exec,
  .query_int64 = conn_query_int64,
  .changes = conn_changes,
  .in_transaction = conn_in_transaction,
  .begin = conn_begin,
  .commit = conn_commit,
  .rollback = conn_rollback,
  .begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
  .purge_removed = conn_purge_removed,
  .data_version = conn_data_version,
  .set_bulk = conn_set_bulk,
  .note_change = conn_note_change,
  .socket = conn_socket,
  .get_schema_version = conn_get_schema_version,
  .set_schema_version = conn_set_schema_version,
  .prepare = stmt_prepare,
  .sql = stmt_sql,
  .finalize = stmt_finalize,
  .reset = stmt_reset,
  .bind_int64 = stmt_bind_int64,
  .bind_double = stmt_bind_double,
  .bind_text = stmt_bind_text,
  .bind_null = stmt_bind_null,
  .step = stmt_step,
  .column_count = stmt_column_count,
  .column_is_null = stmt_column_is_null,
  .column_int64 = stmt_column_int64,
  .column_int = stmt_column_int,
  .column_double = stmt_column_double,
  .column_text = stmt_column_text,
};
