/* anv-cli.h — what the commands of anvisa-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"
#include "anv-import-report.h"
#include "anv-summary.h"

G_BEGIN_DECLS

/* Exit statuses, as the README documents them. */
enum
{
  ANV_EXIT_OK = 0,
  ANV_EXIT_REJECTED = 1,   /* the input or the database refused the work */
  ANV_EXIT_USAGE = 2,      /* the command line itself is wrong */
};

typedef struct
{
  const char *database_path;   /* NULL: the default */
  GDate       today;
} AnvCli;

typedef int (*AnvCliCommand) (AnvCli *cli, int argc, char **argv);

/* Opens the database, or prints why not (and returns NULL). */
AnvDb   *anv_cli_open_db        (AnvCli      *cli);

/* Prints "anvisa-cli: MESSAGE" on stderr and returns @status. */
int      anv_cli_fail           (int          status,
                                 const char  *message);
int      anv_cli_fail_error     (GError      *error);

/* Parses a subcommand's options; on a usage error prints it with the
 * command's help and returns FALSE (exit with ANV_EXIT_USAGE). */
gboolean anv_cli_parse_options  (const char   *command,
                                 const char   *parameters,
                                 const char   *summary,
                                 GOptionEntry *entries,
                                 int          *argc,
                                 char       ***argv);

/* The month a summary shows when none is given ("YYYY-MM" into @out): the
 * latest month with data, or this month if that is later or there is
 * none, so that a database whose data ends in the past does not answer
 * with a month of zeros. */
gboolean anv_cli_default_month   (AnvCli      *cli,
                                  AnvDb       *db,
                                  char         out[8],
                                  GError     **error);

/* Parses the date given with @option (e.g. "--from"); an error names the
 * option, so that the person knows which date to correct. */
gboolean anv_cli_parse_date     (const char  *option,
                                 const char  *text,
                                 GDate       *out,
                                 GError     **error);

/* The columns @text takes on a terminal: a wide character (Chinese,
 * Japanese, Korean) two, a combining mark or other zero-width character
 * none, any other one. Every table of anvisa-cli pads by this, not by
 * bytes (printf's %-20s counts å, ä and ö twice) nor by characters. */
glong    anv_cli_text_width     (const char  *text);

/* @text padded with spaces to @width columns; when @cut, cut to fit
 * (never inside a character). */
char    *anv_cli_pad            (const char  *text,
                                 glong        width,
                                 gboolean     cut);

/* Prints @rows (GStrv of @n_columns texts each; the first row the
 * headings) in columns as wide as their widest text, @gap spaces apart,
 * padded by anv_cli_text_width(). */
void     anv_cli_print_table    (GPtrArray   *rows,
                                 guint        n_columns,
                                 guint        gap);

/* Prints "LABEL  VALUE" (the label padded to ANV_CLI_LABEL_WIDTH columns)
 * and a line break on stdout: the layout of seeker show, referral show
 * and provider add. */
#define ANV_CLI_LABEL_WIDTH 22
void     anv_cli_print_field    (const char  *label,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (2, 3);

/* Prints text in the person's language on stdout. */
void     anv_cli_print          (const char  *format,
                                 ...) G_GNUC_PRINTF (1, 2);

int      anv_cli_seeker         (AnvCli *cli, int argc, char **argv);
int      anv_cli_init           (AnvCli *cli, int argc, char **argv);
int      anv_cli_availability   (AnvCli *cli, int argc, char **argv);
int      anv_cli_end_reason     (AnvCli *cli, int argc, char **argv);
int      anv_cli_period_rule    (AnvCli *cli, int argc, char **argv);
int      anv_cli_choice_rule    (AnvCli *cli, int argc, char **argv);
int      anv_cli_import_seekers (AnvCli *cli, int argc, char **argv);
int      anv_cli_import_providers (AnvCli *cli, int argc, char **argv);
int      anv_cli_provider       (AnvCli *cli, int argc, char **argv);
int      anv_cli_area           (AnvCli *cli, int argc, char **argv);
int      anv_cli_export         (AnvCli *cli, int argc, char **argv);
int      anv_cli_refer          (AnvCli *cli, int argc, char **argv);
int      anv_cli_start          (AnvCli *cli, int argc, char **argv);
int      anv_cli_change_provider (AnvCli *cli, int argc, char **argv);
int      anv_cli_end            (AnvCli *cli, int argc, char **argv);
int      anv_cli_referral       (AnvCli *cli, int argc, char **argv);
int      anv_cli_summary        (AnvCli *cli, int argc, char **argv);
int      anv_cli_worklist       (AnvCli *cli, int argc, char **argv);
int      anv_cli_publish        (AnvCli *cli, int argc, char **argv);
int      anv_cli_demo           (AnvCli *cli, int argc, char **argv);
int      anv_cli_generate       (AnvCli *cli, int argc, char **argv);
int      anv_cli_backup         (AnvCli *cli, int argc, char **argv);
int      anv_cli_restore        (AnvCli *cli, int argc, char **argv);
int      anv_cli_gallra         (AnvCli *cli, int argc, char **argv);
int      anv_cli_audit          (AnvCli *cli, int argc, char **argv);
int      anv_cli_server         (AnvCli *cli, int argc, char **argv);
int      anv_cli_unit           (AnvCli *cli, int argc, char **argv);
int      anv_cli_user           (AnvCli *cli, int argc, char **argv);
int      anv_cli_password       (AnvCli *cli, int argc, char **argv);

/* A password for a login: on a terminal asked after @prompt and then once
 * more, neither shown; else one line of standard input (scripts). Checked
 * by anv_password_check(). Wipe and free it with explicit_bzero() and
 * g_free(). */
char    *anv_cli_read_password  (const char  *prompt,
                                 GError     **error);
int      anv_cli_stress         (AnvCli *cli, int argc, char **argv);

/* Asks @question on the terminal unless @yes; TRUE to go on. Without a
 * terminal and without --yes it refuses. Otherwise *@out_status is the
 * exit status to return. */
gboolean anv_cli_confirm        (const char  *question,
                                 gboolean     yes,
                                 int         *out_status);

/* Writes the summary as CSV on standard output. */
int      anv_cli_summary_csv     (AnvDb                 *db,
                                  const AnvSummaryQuery *query);

typedef gboolean (*AnvCliImportFunc) (AnvDb           *db,
                                      const char      *path,
                                      const GDate     *today,
                                      AnvImportReport *report,
                                      GError         **error);

/* Opens the database and runs @import on @path, with the first bad rows (and
 * how many more there are) and, on a terminal, the progress on stderr. Returns
 * the exit status; @out_stored receives how many rows were stored. */
int      anv_cli_run_import      (AnvCli           *cli,
                                  AnvCliImportFunc  import,
                                  const char       *path,
                                  guint64          *out_stored);

/* What the imports share: a row-error printer and a progress line on a
 * terminal; @user_data points to a gboolean "progress shown". */
void     anv_cli_print_row_error (guint       line,
                                  const char *column,
                                  const char *message,
                                  gpointer    user_data);
/* After the listed errors: how many more were found, if any. */
void     anv_cli_print_more_errors (const AnvImportReport *report);
void     anv_cli_print_progress  (guint64     done,
                                  guint64     total,
                                  gpointer    user_data);
/* From here on, Ctrl-C, SIGTERM and SIGHUP remove the temporary file an
 * export or a backup is writing before the program ends (anv-output.h). */
void     anv_cli_remove_temp_on_signals (void);

G_END_DECLS
