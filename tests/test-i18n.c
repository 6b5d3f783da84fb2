/* test-i18n.c — numbers and words in the person's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-test-i18n"

#include "anv-i18n.h"

static const struct
{
  guint64     n;
  const char *english;
  const char *swedish;    /* groups apart by a no-break space */
} counts[] = {
  { 0, "0", "0" },
  { 7, "7", "7" },
  { 999, "999", "999" },
  { 1000, "1,000", "1\u00a0000" },
  { 2060, "2,060", "2\u00a0060" },
  { 12199, "12,199", "12\u00a0199" },
  { 100000, "100,000", "100\u00a0000" },
  { 1000000, "1,000,000", "1\u00a0000\u00a0000" },
  { G_MAXUINT64, "18,446,744,073,709,551,615",
    "18\u00a0446\u00a0744\u00a0073\u00a0709\u00a0551\u00a0615" },
};

static void
check_counts (gboolean swedish)
{
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = anv_format_count (counts[i].n);

      g_assert_cmpstr (text, ==, swedish ? counts[i].swedish : counts[i].english);
    }
}

/* gettext keeps what it found: a change of language must tell it. */
extern int _nl_msg_cat_cntr;

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

static void
test_counts (void)
{
  set_language ("sv");
  check_counts (TRUE);
  set_language ("en");
  check_counts (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  anv_i18n_init ();

  g_test_add_func ("/i18n/counts", test_counts);
  return g_test_run ();
}
