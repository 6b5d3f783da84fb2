/* test-referral-dialog.c — the referral dialog, driven as an officer does, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "TestReferralDialog"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-approvals.h"
#include "anv-availability.h"
#include "anv-date-entry.h"
#include "anv-date.h"
#include "anv-delivery-areas.h"
#include "anv-providers.h"
#include "anv-provider-chooser.h"
#include "anv-referral-dialog.h"
#include "anv-referral-event-dialog.h"
#include "anv-referrals.h"
#include "anv-seekers.h"

#include "anv-gui-test-util.h"

/* Skatteverket's published test personnummer */
#define UMEA_SEEKER    "198501012382"
#define STHLM_SEEKER   "198501022381"
#define KARLSKRONA_SEEKER "198501032380"   /* KROM there, no provider approved */

/* Legal entities' numbers (not personal data) */
#define KROM_UMEA      "2021002114"   /* KROM, lives in Umeå, approved around Umeå */
#define KROM_SKELLEFTEA "5560000027"  /* KROM, lives in Skellefteå, approved around Umeå */
#define KROM_VASTERAS  "5560360793"   /* KROM, approved around Västerås only */
#define STOM_STHLM     "2021005448"   /* STOM, approved around Stockholm */

/* The tests' today: every default date follows it */
#define TODAY "2020-06-15"

typedef struct
{
  char      *tmpdir;
  AnvDb     *db;
  GDate      today;
  GtkWidget *parent;
  int        response;
} Fixture;


/*
 * Helpers
 */

static gboolean
save_is_sensitive (GtkWidget *dialog)
{
  return gtk_widget_is_sensitive (anv_test_find (dialog, "save_button"));
}

static GList *
provider_rows (GtkWidget *dialog)
{
  return gtk_container_get_children (GTK_CONTAINER (anv_test_find (dialog, "provider_list")));
}

static GtkListBoxRow *
find_provider_row (GtkWidget  *dialog,
                   const char *orgnr)
{
  g_autoptr (GList) rows = provider_rows (dialog);

  for (GList *l = rows; l != NULL; l = l->next)
    if (g_strcmp0 (g_object_get_data (l->data, "anv-orgnr"), orgnr) == 0)
      return l->data;
  return NULL;
}

static const char *
selected_orgnr (GtkWidget *dialog)
{
  return anv_referral_dialog_get_provider (ANV_REFERRAL_DIALOG (dialog));
}

/* As a click or Space does: the row is activated */
static void
select_provider (GtkWidget  *dialog,
                 const char *orgnr)
{
  GtkListBoxRow *row = find_provider_row (dialog, orgnr);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  anv_test_iterate_main_loop ();
}

static const char *
focused_orgnr (GtkWidget *dialog)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

  return GTK_IS_LIST_BOX_ROW (focus) ? g_object_get_data (G_OBJECT (focus), "anv-orgnr") : NULL;
}

static gboolean
toggle_is_active (GtkWidget  *dialog,
                  const char *id)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, id)));
}

static void
response_cb (GtkDialog *dialog,
             int        response,
             Fixture   *f)
{
  f->response = response;
}

static gboolean
has_response (gpointer user_data)
{
  Fixture *f = user_data;

  return f->response != GTK_RESPONSE_NONE;
}

/* A button activated from the keyboard clicks after a short visible press. */
static void
wait_for_response (Fixture *f)
{
  anv_test_wait_until (has_response, f, 20000);
}

static GtkWidget *
open_dialog (Fixture               *f,
             const char            *personnummer,
             AnvReferralDialogKind  kind)
{
  g_autoptr (AnvContext) context = anv_context_new (f->db, NULL);
  GtkWidget *dialog = anv_referral_dialog_new (GTK_WINDOW (f->parent), context, personnummer,
                                               kind);

  g_assert_true (ANV_IS_REFERRAL_DIALOG (dialog));
  f->response = GTK_RESPONSE_NONE;
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), f);
  gtk_widget_show (dialog);
  anv_test_iterate_main_loop ();
  return dialog;
}

static void
close_dialog (GtkWidget *dialog)
{
  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

static void
press_save (Fixture   *f,
            GtkWidget *dialog)
{
  f->response = GTK_RESPONSE_NONE;
  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "save_button")));
  anv_test_iterate_main_loop ();
}

static AnvReferral *
only_referral (Fixture    *f,
               const char *personnummer,
               guint       expected_count)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) referrals = anv_referrals_for_seeker (f->db, personnummer, &f->today,
                                                             &error);

  g_assert_no_error (error);
  g_assert_cmpuint (referrals->len, ==, expected_count);
  if (expected_count == 0)
    return NULL;
  return g_ptr_array_steal_index (referrals, 0);
}

static void
add_provider (Fixture            *f,
              const char         *orgnr,
              const char         *name,
              const char         *municipality,
              const char         *area,
              AnvService          service,
              const char * const *codes,
              const GDate        *from)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = anv_providers_add (f->db, orgnr, name, municipality,
                                                       &f->today, &error);

  g_assert_no_error (error);
  if (area != NULL && codes != NULL)
    {
      anv_areas_add (f->db, area, service, codes, &error);
      g_assert_no_error (error);
    }
  anv_providers_approve (f->db, orgnr, area, from, NULL, &f->today, &error);
  g_assert_no_error (error);
}

static void
add_seeker (Fixture    *f,
            const char *personnummer,
            const char *name,
            const char *municipality)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  AnvSeekerInput input = { personnummer, name, municipality, NULL, FALSE };

  seeker = anv_seekers_add (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
}

/* The Umeå seeker's KROM referral, decided through the core. */
static void
decide_in_core (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  AnvReferralInput input = { 0 };
  GDate decided;

  anv_test_date (&decided, 2020, 4, 6);
  input.personnummer = UMEA_SEEKER;
  input.level = "A";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = &decided;
  referral = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  static const char *const north[] = { "2480", "2482", "2401", NULL };
  static const char *const capital[] = { "0180", "0114", NULL };
  static const char *const west[] = { "1980", NULL };
  GDate krom_start, stom_start;

  f->db = anv_test_open_db (&f->tmpdir);
  anv_date_today (&f->today);

  anv_test_date (&krom_start, 2020, 3, 30);
  anv_test_date (&stom_start, 2014, 1, 1);
  add_provider (f, KROM_UMEA, "Rusta Norr AB", "2480", "Umeåregionen", ANV_SERVICE_KROM,
                north, &krom_start);
  add_provider (f, KROM_SKELLEFTEA, "Skellefteå Rusta AB", "2482", "Umeåregionen",
                ANV_SERVICE_KROM, NULL, &krom_start);
  add_provider (f, KROM_VASTERAS, "Västra Rusta AB", "1980", "Västerås", ANV_SERVICE_KROM, west,
                &krom_start);
  add_provider (f, STOM_STHLM, "Matchning Syd AB", "0180", "Storstad", ANV_SERVICE_STOM,
                capital, &stom_start);

  add_seeker (f, UMEA_SEEKER, "Anna Testsson", "2480");
  add_seeker (f, STHLM_SEEKER, "Bo Testsson", "0180");
  add_seeker (f, KARLSKRONA_SEEKER, "Cilla Testsson", "1080");

  f->parent = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_widget_show (f->parent);
  anv_test_iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  gtk_widget_destroy (f->parent);
  anv_test_iterate_main_loop ();
  anv_test_close_db (&f->db, &f->tmpdir);
}


/*
 * Deciding
 */

/* In Umeå on 2020-04-06 only KROM can be decided, and the dialog says why
 * STOM is not offered; the decision goes through with the nearest provider
 * and the planned start ten working days later (Easter in between). */
static void
test_decide_umea (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkComboBox *level = GTK_COMBO_BOX (anv_test_find (dialog, "level_combo"));
  GtkListBoxRow *nearest;

  /* Today by default */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "date_entry"))), ==,
                   TODAY);

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  g_assert_cmpstr (anv_test_label_text (dialog, "service_label"), ==, "Rusta och matcha");
  g_assert_cmpstr (anv_test_label_text (dialog, "why_label"), ==,
                   "Stöd och matchning is not offered in Umeå since March 30, 2020: there Rusta "
                   "och matcha applies.");
  g_assert_cmpstr (anv_test_label_text (dialog, "person_label"), ==,
                   "19850101-**** Anna Testsson, Umeå");

  /* Levels A–C, none proposed */
  g_assert_cmpint (gtk_tree_model_iter_n_children (gtk_combo_box_get_model (level), NULL), ==, 4);
  g_assert_cmpstr (gtk_combo_box_get_active_id (level), ==, "none");
  g_assert_cmpstr (anv_test_label_text (dialog, "level_title"), ==, "Level");

  /* The providers approved there, the nearest first, marked and proposed */
  {
    g_autoptr (GList) rows = provider_rows (dialog);

    g_assert_cmpuint (g_list_length (rows), ==, 2);
    g_assert_cmpstr (g_object_get_data (rows->data, "anv-orgnr"), ==, KROM_UMEA);
    g_assert_null (find_provider_row (dialog, KROM_VASTERAS));
    g_assert_null (find_provider_row (dialog, STOM_STHLM));
  }
  nearest = find_provider_row (dialog, KROM_UMEA);
  g_assert_true (strstr (atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (nearest))),
                         "No-choice default") != NULL);
  g_assert_true (toggle_is_active (dialog, "default_radio"));
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_UMEA);

  /* Ten working days later: Good Friday and Easter Monday are not */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "planned_entry"))), ==,
                   "2020-04-22");

  /* Not before the level is chosen */
  g_assert_false (save_is_sensitive (dialog));
  gtk_combo_box_set_active_id (level, "B");
  anv_test_iterate_main_loop ();
  g_assert_true (save_is_sensitive (dialog));
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Refer 19850101-**** Anna Testsson to Rusta och matcha, level B, with Rusta "
                   "Norr AB (no choice: the no-choice default). Decided on April 6, 2020, planned "
                   "start April 22, 2020.");
  /* Beside it a check mark, an icon the theme has: Adwaita's question mark
   * in a diamond reads as the glyph of a missing icon */
  {
    const char *icon = NULL;

    gtk_image_get_icon_name (GTK_IMAGE (anv_test_find (dialog, "confirm_icon")), &icon, NULL);
    g_assert_cmpstr (icon, ==, "object-select-symbolic");
    g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_default (), icon));
  }

  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);

  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpint (referral->service, ==, ANV_SERVICE_KROM);
  g_assert_cmpstr (referral->level, ==, "B");
  g_assert_cmpstr (referral->decided_on, ==, "2020-04-06");
  g_assert_cmpstr (referral->planned_start, ==, "2020-04-22");
  g_assert_cmpint (referral->choice, ==, ANV_CHOICE_DEFAULT);
  g_assert_cmpstr (anv_referral_current_provider (referral)->orgnr, ==, KROM_UMEA);
  g_assert_false (anv_referral_current_provider (referral)->outside_area);
}

/* In Stockholm on the same date it is STOM, with its four tracks; KROM is
 * not possible and the line says so. */
static void
test_decide_stockholm (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, STHLM_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkComboBox *level = GTK_COMBO_BOX (anv_test_find (dialog, "level_combo"));
  GtkTreeIter iter;
  g_autofree char *first = NULL;

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  g_assert_cmpstr (anv_test_label_text (dialog, "service_label"), ==, "Stöd och matchning");
  g_assert_cmpstr (anv_test_label_text (dialog, "why_label"), ==,
                   "Rusta och matcha is not offered in Stockholm before December 7, 2021: there "
                   "Stöd och matchning applies.");

  g_assert_cmpstr (anv_test_label_text (dialog, "level_title"), ==, "Track");
  g_assert_cmpint (gtk_tree_model_iter_n_children (gtk_combo_box_get_model (level), NULL), ==, 5);
  g_assert_true (gtk_tree_model_iter_nth_child (gtk_combo_box_get_model (level), &iter, NULL, 1));
  gtk_tree_model_get (gtk_combo_box_get_model (level), &iter, 0, &first, -1);
  g_assert_cmpstr (first, ==, "Track 1: Basic");

  g_assert_nonnull (find_provider_row (dialog, STOM_STHLM));
  g_assert_null (find_provider_row (dialog, KROM_UMEA));
  g_assert_cmpstr (selected_orgnr (dialog), ==, STOM_STHLM);

  /* Even the outside-area path offers no KROM provider for a STOM decision */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "outside_check")), TRUE);
  anv_test_iterate_main_loop ();
  g_assert_null (find_provider_row (dialog, KROM_UMEA));
  g_assert_null (find_provider_row (dialog, KROM_VASTERAS));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "outside_check")), FALSE);
  anv_test_iterate_main_loop ();

  /* The line follows the decision date: after 2021-12-07 it is KROM */
  anv_test_type_into (dialog, "date_entry", "2021-12-07");
  g_assert_cmpstr (anv_test_label_text (dialog, "service_label"), ==, "Rusta och matcha");
  g_assert_cmpstr (anv_test_label_text (dialog, "why_label"), ==,
                   "Stöd och matchning is not offered in Stockholm since December 7, 2021: there "
                   "Rusta och matcha applies.");
  anv_test_type_into (dialog, "date_entry", "2020-04-06");

  /* The outside-area path made it the job seeker's choice: back to no choice */
  g_assert_true (toggle_is_active (dialog, "own_radio"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "default_radio")), TRUE);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (selected_orgnr (dialog), ==, STOM_STHLM);

  gtk_combo_box_set_active_id (level, "3");
  anv_test_iterate_main_loop ();
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);

  referral = only_referral (f, STHLM_SEEKER, 1);
  g_assert_cmpint (referral->service, ==, ANV_SERVICE_STOM);
  g_assert_cmpstr (referral->level, ==, "3");
}

/* The planned start moves later, never earlier; the decision date is not
 * after today. */
static void
test_decide_planned_start (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkEntry *planned = GTK_ENTRY (anv_test_find (dialog, "planned_entry"));
  GtkEntry *date = GTK_ENTRY (anv_test_find (dialog, "date_entry"));

  /* After today: refused in the field */
  anv_test_type_into (dialog, "date_entry", "2020-06-16");
  g_assert_nonnull (gtk_entry_get_icon_name (date, GTK_ENTRY_ICON_SECONDARY));
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "date_hint")));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "A");
  anv_test_iterate_main_loop ();
  g_assert_false (save_is_sensitive (dialog));

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  g_assert_null (gtk_entry_get_icon_name (date, GTK_ENTRY_ICON_SECONDARY));
  g_assert_cmpstr (gtk_entry_get_text (planned), ==, "2020-04-22");
  g_assert_true (save_is_sensitive (dialog));

  /* A day earlier: refused, and Save does nothing */
  anv_test_type_into (dialog, "planned_entry", "2020-04-21");
  g_assert_false (save_is_sensitive (dialog));
  g_assert_nonnull (gtk_entry_get_icon_name (planned, GTK_ENTRY_ICON_SECONDARY));
  g_assert_true (strstr (anv_test_label_text (dialog, "planned_hint"),
                         "cannot be earlier") != NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);
  only_referral (f, UMEA_SEEKER, 0);

  /* Later is fine, and stays when the decision date moves a day */
  anv_test_type_into (dialog, "planned_entry", "2020-04-29");
  g_assert_true (save_is_sensitive (dialog));
  anv_test_type_into (dialog, "date_entry", "2020-04-07");
  g_assert_cmpstr (gtk_entry_get_text (planned), ==, "2020-04-29");
  /* … but follows a decision date that overtakes it */
  anv_test_type_into (dialog, "date_entry", "2020-04-20");
  g_assert_cmpstr (gtk_entry_get_text (planned), ==, "2020-05-05");
  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  anv_test_type_into (dialog, "planned_entry", "2020-04-29");

  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);

  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->planned_start, ==, "2020-04-29");
}

/* A decision on a day off is allowed, and said beside the date; a working
 * day says nothing. */
static void
test_decide_day_off (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkWidget *hint = anv_test_find (dialog, "date_hint");

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "A");

  /* 2020-06-06: a Saturday, and Sweden's national day */
  anv_test_type_into (dialog, "date_entry", "2020-06-06");
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "date_hint"), "day off"));
  g_assert_null (gtk_entry_get_icon_name (GTK_ENTRY (anv_test_find (dialog, "date_entry")),
                                          GTK_ENTRY_ICON_SECONDARY));
  g_assert_true (save_is_sensitive (dialog));

  /* A Monday: no word */
  anv_test_type_into (dialog, "date_entry", "2020-06-08");
  g_assert_false (gtk_widget_get_visible (hint));

  /* Saved on the day off all the same */
  anv_test_type_into (dialog, "date_entry", "2020-06-06");
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->decided_on, ==, "2020-06-06");
}

/* The provider the job seeker chose, and the level, stay chosen while the
 * decision date is retyped, through the half-typed dates between, as long
 * as they are offered on the new date. */
static void
test_decide_choice_kept (Fixture       *f,
                         gconstpointer  user_data)
{
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);

  anv_test_type_into (dialog, "date_entry", "2020-06-12");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "B");
  anv_test_iterate_main_loop ();
  select_provider (dialog, KROM_SKELLEFTEA);
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_SKELLEFTEA);
  g_assert_true (toggle_is_active (dialog, "own_radio"));

  /* Backspace, then the new last digit */
  anv_test_type_into (dialog, "date_entry", "2020-06-1");
  anv_test_type_into (dialog, "date_entry", "2020-06-11");
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_SKELLEFTEA);
  g_assert_true (toggle_is_active (dialog, "own_radio"));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (anv_test_find (dialog,
                                                                             "level_combo"))),
                   ==, "B");
  g_assert_true (save_is_sensitive (dialog));

  gtk_widget_destroy (dialog);
  anv_test_iterate_main_loop ();
}

/* Kundval, and the explicit path outside the area. */
static void
test_decide_own_choice (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkListBoxRow *row;

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "C");

  /* Another provider than the nearest: the job seeker's choice */
  select_provider (dialog, KROM_SKELLEFTEA);
  g_assert_true (toggle_is_active (dialog, "own_radio"));
  g_assert_true (strstr (anv_test_label_text (dialog, "confirm_label"),
                         "the job seeker’s choice") != NULL);

  /* Back to no choice: the nearest again */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "default_radio")), TRUE);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_UMEA);

  /* Outside the area: every provider approved for KROM, the outsiders marked */
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "outside_box")));
  g_assert_null (find_provider_row (dialog, KROM_VASTERAS));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "outside_check")), TRUE);
  anv_test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "outside_box")));
  g_assert_true (toggle_is_active (dialog, "own_radio"));
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (dialog, "default_radio")));
  row = find_provider_row (dialog, KROM_VASTERAS);
  g_assert_nonnull (row);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "anv-outside-area")));
  g_assert_false (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (find_provider_row (dialog,
                                                                                 KROM_UMEA)),
                                                      "anv-outside-area")));
  g_assert_null (find_provider_row (dialog, STOM_STHLM));

  select_provider (dialog, KROM_VASTERAS);
  g_assert_true (strstr (anv_test_label_text (dialog, "confirm_label"),
                         "own choice outside the area") != NULL);
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);

  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpint (referral->choice, ==, ANV_CHOICE_OWN);
  g_assert_cmpstr (anv_referral_current_provider (referral)->orgnr, ==, KROM_VASTERAS);
  g_assert_true (anv_referral_current_provider (referral)->outside_area);
}

/* Where no provider is approved, waiting for a choice cannot be saved:
 * there is no one to choose among; the dialog says so before Save. */
static void
test_decide_pending_nobody (Fixture       *f,
                            gconstpointer  user_data)
{
  GtkWidget *dialog = open_dialog (f, KARLSKRONA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  g_autofree char *problem = NULL;

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  g_assert_cmpstr (anv_test_label_text (dialog, "service_label"), ==, "Rusta och matcha");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "B");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "pending_radio")),
                                TRUE);
  anv_test_iterate_main_loop ();
  g_assert_false (save_is_sensitive (dialog));
  problem = g_strdup (anv_provider_chooser_get_placeholder (
    ANV_PROVIDER_CHOOSER (anv_test_find (dialog, "provider_box"))));
  g_assert_cmpstr (problem, !=, "");
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "confirm_label"), problem));
  close_dialog (dialog);
  g_assert_null (only_referral (f, KARLSKRONA_SEEKER, 0));
}

/* Decided before the choice: the third choice says until when the job
 * seeker may choose and leaves the provider out; Register Choice records
 * their choice; Assign No-choice Default, only after the last day, the
 * default. */
static void
test_decide_pending (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (AnvReferral) defaulted = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "B");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "pending_radio")),
                                TRUE);
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (anv_test_find (dialog, "pending_radio"))),
                   ==, "Decision _without choice – waiting for the choice until April 22, 2020");
  g_assert_false (gtk_widget_get_sensitive (anv_test_find (dialog, "provider_row")));
  g_assert_true (save_is_sensitive (dialog));
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Refer 19850101-**** Anna Testsson to Rusta och matcha, level B, without a "
                   "provider yet: the job seeker may choose until April 22, 2020. Decided on "
                   "April 6, 2020, planned start April 22, 2020.");
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpint (referral->choice, ==, ANV_CHOICE_PENDING);
  g_assert_cmpstr (referral->choice_deadline, ==, "2020-04-22");
  g_clear_pointer (&referral, anv_referral_free);

  /* The default is not due on the last day to choose */
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Assign No-choice Default");
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "referral_label"),
                            "waiting for the job seeker’s choice until April 22, 2020"));
  anv_test_type_into (dialog, "date_entry", "2020-04-22");
  g_assert_false (save_is_sensitive (dialog));
  close_dialog (dialog);

  /* The job seeker's choice, after the last day but before a default */
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_CHOOSE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Register Choice");
  anv_test_type_into (dialog, "date_entry", "2020-04-24");
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "provider_box")));
  g_assert_false (save_is_sensitive (dialog));
  select_provider (dialog, KROM_SKELLEFTEA);
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Record that 19850101-**** Anna Testsson chose Skellefteå Rusta AB, from "
                   "April 24, 2020.");
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpint (referral->choice, ==, ANV_CHOICE_OWN);
  g_assert_cmpstr (anv_referral_current_provider (referral)->orgnr, ==, KROM_SKELLEFTEA);

  /* In Stockholm: no choice made, the default after the last day */
  dialog = open_dialog (f, STHLM_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "2");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (anv_test_find (dialog, "pending_radio")),
                                TRUE);
  anv_test_iterate_main_loop ();
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  dialog = open_dialog (f, STHLM_SEEKER, ANV_REFERRAL_DIALOG_ASSIGN_DEFAULT);
  anv_test_type_into (dialog, "date_entry", "2020-04-23");
  g_assert_true (save_is_sensitive (dialog));
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Give 19850102-**** Bo Testsson the no-choice default, Matchning Syd AB, from "
                   "April 23, 2020: no choice was made by April 22, 2020.");
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  defaulted = only_referral (f, STHLM_SEEKER, 1);
  g_assert_cmpint (defaulted->choice, ==, ANV_CHOICE_DEFAULT);
  g_assert_cmpstr (anv_referral_current_provider (defaulted)->orgnr, ==, STOM_STHLM);
  g_assert_cmpstr (anv_referral_current_provider (defaulted)->from_date, ==, "2020-04-23");
}

/* What the core refuses is shown in the dialog, and nothing typed is lost. */
static void
test_decide_core_error (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "B");
  anv_test_type_into (dialog, "planned_entry", "2020-05-04");

  /* Meanwhile, elsewhere, a referral is decided for the same person */
  decide_in_core (f);
  anv_test_iterate_main_loop ();

  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  g_assert_true (strstr (anv_test_label_text (dialog, "error_label"),
                         "open referral already") != NULL);

  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "date_entry"))), ==,
                   "2020-04-06");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "planned_entry"))), ==,
                   "2020-05-04");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (anv_test_find (dialog,
                                                                              "level_combo"))),
                   ==, "B");
  close_dialog (dialog);

  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->level, ==, "A");
}


/*
 * The later events
 */

static void
test_start_change_end (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog;
  GtkWidget *results, *interruptions, *studies = NULL;
  guint n_results = 0, n_interruptions = 0;

  decide_in_core (f);

  /* Start */
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_START);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Record Start");
  /* The planned start by default, not today */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "date_entry"))), ==,
                   "2020-04-22");
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "provider_box")));
  g_assert_true (strstr (anv_test_label_text (dialog, "referral_label"), "Rusta Norr AB") != NULL);
  anv_test_type_into (dialog, "date_entry", "2020-04-22");
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Record that 19850101-**** Anna Testsson started Rusta och matcha with Rusta "
                   "Norr AB on April 22, 2020.");
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->started_on, ==, "2020-04-22");
  g_clear_pointer (&referral, anv_referral_free);

  /* Change of provider: the current one is not offered */
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_CHANGE_PROVIDER);
  anv_test_type_into (dialog, "date_entry", "2020-05-04");
  /* The event dialog: no choice between kundval and the nearest, only a decision has it */
  g_assert_true (ANV_IS_REFERRAL_EVENT_DIALOG (dialog));
  g_assert_false (gtk_list_box_row_get_selectable (find_provider_row (dialog, KROM_UMEA)));
  g_assert_false (save_is_sensitive (dialog));
  select_provider (dialog, KROM_SKELLEFTEA);
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Change the provider of 19850101-**** Anna Testsson from Rusta Norr AB to "
                   "Skellefteå Rusta AB from May 4, 2020.");
  g_assert_null (anv_referral_dialog_get_saved_message (ANV_REFERRAL_DIALOG (dialog)));
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  g_assert_cmpstr (anv_referral_dialog_get_saved_message (ANV_REFERRAL_DIALOG (dialog)), ==,
                   "Change of provider saved: 19850101-**** Anna Testsson goes to Skellefteå "
                   "Rusta AB from May 4, 2020.");
  close_dialog (dialog);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpuint (referral->providers->len, ==, 2);
  g_assert_cmpstr (anv_referral_current_provider (referral)->orgnr, ==, KROM_SKELLEFTEA);
  g_clear_pointer (&referral, anv_referral_free);

  /* End: results and interruptions apart */
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_END);
  results = anv_test_find (dialog, "result_box");
  interruptions = anv_test_find (dialog, "interruption_box");
  g_assert_cmpstr (anv_test_label_text (dialog, "result_heading"), ==, "Results");
  g_assert_cmpstr (anv_test_label_text (dialog, "interruption_heading"), ==, "Interruptions");
  {
    g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (results));

    for (GList *l = children; l != NULL; l = l->next)
      if (GTK_IS_RADIO_BUTTON (l->data))
        {
          const char *code = g_object_get_data (l->data, "anv-reason");

          g_assert_true (g_strcmp0 (code, "jobb") == 0 || g_strcmp0 (code, "studier") == 0);
          g_assert_false (gtk_toggle_button_get_active (l->data));
          if (g_strcmp0 (code, "studier") == 0)
            studies = l->data;
          n_results++;
        }
  }
  {
    g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (interruptions));

    for (GList *l = children; l != NULL; l = l->next)
      if (GTK_IS_RADIO_BUTTON (l->data))
        {
          g_assert_false (gtk_toggle_button_get_active (l->data));
          n_interruptions++;
        }
  }
  g_assert_cmpuint (n_results, ==, 2);
  g_assert_cmpuint (n_interruptions, ==, 6);
  g_assert_nonnull (studies);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (studies)), ==, "Studies");

  /* No reason is proposed */
  g_assert_false (save_is_sensitive (dialog));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (studies), TRUE);
  anv_test_type_into (dialog, "date_entry", "2020-05-15");
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "End the referral of 19850101-**** Anna Testsson to Rusta och matcha on May "
                   "15, 2020 with the result “Studies”.");
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);

  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->ended_on, ==, "2020-05-15");
  g_assert_cmpstr (referral->end_reason, ==, "studier");
  g_assert_cmpint (referral->end_kind, ==, ANV_END_KIND_RESULT);
}

/* Not started: a result is refused before Save, saying what to do; an
 * interruption ends it. */
static void
test_end_before_start (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog;
  GtkWidget *job = NULL, *ill = NULL;
  GtkWidget *boxes[2];

  decide_in_core (f);
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_END);
  boxes[0] = anv_test_find (dialog, "result_box");
  boxes[1] = anv_test_find (dialog, "interruption_box");
  for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
    {
      g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (boxes[b]));

      for (GList *l = children; l != NULL; l = l->next)
        {
          const char *code = g_object_get_data (l->data, "anv-reason");

          if (g_strcmp0 (code, "jobb") == 0)
            job = l->data;
          else if (g_strcmp0 (code, "sjuk") == 0)
            ill = l->data;
        }
    }
  g_assert_nonnull (job);
  g_assert_nonnull (ill);

  anv_test_type_into (dialog, "date_entry", "2020-04-15");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (job), TRUE);
  g_assert_false (save_is_sensitive (dialog));
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Work and studies are results of a referral that has started: record the "
                   "start first, or choose an interruption.");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ill), TRUE);
  g_assert_true (save_is_sensitive (dialog));
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->end_reason, ==, "sjuk");
  g_assert_null (referral->started_on);
}

/* A start before the ten working days is refused beside the field, before
 * Save; what the core refuses on saving is shown in the info bar until the
 * form changes, and only the current message stays. */
static void
test_start_core_error (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog;
  GDate started;

  decide_in_core (f);
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_START);
  anv_test_type_into (dialog, "date_entry", "2020-04-21");
  /* Early: not refused, but Save waits for a reason */
  g_assert_false (save_is_sensitive (dialog));
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "early_row")));
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Type the reason why the start is earlier than allowed.");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_null (referral->started_on);

  /* Meanwhile, elsewhere, the start is recorded: the core refuses a second */
  anv_test_type_into (dialog, "date_entry", "2020-04-23");
  g_assert_true (save_is_sensitive (dialog));
  anv_test_date (&started, 2020, 4, 22);
  g_assert_true (anv_referrals_start (f->db, UMEA_SEEKER, &started, &f->today, &error));
  g_assert_no_error (error);
  anv_test_iterate_main_loop ();
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  g_assert_true (strstr (anv_test_label_text (dialog, "error_label"), "started already") != NULL);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "date_entry"))), ==,
                   "2020-04-23");

  /* Another date: the old refusal goes, the current message stays alone */
  anv_test_type_into (dialog, "date_entry", "2020-04-21");
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  g_assert_true (strstr (anv_test_label_text (dialog, "confirm_label"), "reason") != NULL);
  close_dialog (dialog);
}

/* A start reported before the earliest allowed one: the reason's row
 * shows, with its accessible name, and Save waits for a reason; saved,
 * the reason is kept and the referral's row shows it. The planned start
 * or later hides the row. */
static void
test_start_early (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog, *entry;

  decide_in_core (f);
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_START);
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "early_row")));
  anv_test_type_into (dialog, "date_entry", "2020-04-16");
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "early_row")));
  g_assert_false (save_is_sensitive (dialog));
  entry = anv_test_find (dialog, "early_entry");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (entry)), ==,
                   "Reason for the early start");
  g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (anv_test_find (dialog,
                                                                          "early_title")))
                 == entry);

  anv_test_type_into (dialog, "early_entry", "   ");
  g_assert_false (save_is_sensitive (dialog));
  anv_test_type_into (dialog, "early_entry", "Leverantören rapporterade start den 16 april");
  g_assert_true (save_is_sensitive (dialog));
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Record that 19850101-**** Anna Testsson started Rusta och matcha with Rusta "
                   "Norr AB on April 16, 2020, before the earliest allowed start, with the "
                   "reason given.");

  /* The planned start: no reason asked */
  anv_test_type_into (dialog, "date_entry", "2020-04-22");
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "early_row")));
  anv_test_type_into (dialog, "date_entry", "2020-04-16");
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);

  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->started_on, ==, "2020-04-16");
  g_assert_cmpstr (referral->start_note, ==, "Leverantören rapporterade start den 16 april");
}

/* Decided three working days ago (Midsummer Eve is not one): today is
 * before the earliest start. The dialog opens on that day, which has not
 * come, and Save waits for it. */
static void
test_start_too_early_today (Fixture       *f,
                            gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  AnvReferralInput input = { 0 };
  GtkWidget *dialog;
  GDate decided;

  anv_test_date (&decided, 2020, 6, 10);
  input.personnummer = UMEA_SEEKER;
  input.level = "A";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = &decided;
  referral = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (referral->planned_start, ==, "2020-06-25");

  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_START);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "date_entry"))), ==,
                   "2020-06-25");
  g_assert_false (save_is_sensitive (dialog));
  g_assert_true (strstr (anv_test_label_text (dialog, "date_hint"), "after today") != NULL);

  /* Today itself is before the earliest allowed start: a reason is needed */
  anv_test_type_into (dialog, "date_entry", TODAY);
  g_assert_false (save_is_sensitive (dialog));
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "early_row")));
  g_assert_cmpstr (anv_test_label_text (dialog, "early_hint"), ==,
                   "The start is before the earliest allowed start, June 25, 2020 (10 working "
                   "days after the decision). Record it as the provider reported it: say why "
                   "it is earlier. The reason is kept with the start.");
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  close_dialog (dialog);
}

/* An extension: today by default, the period's last day beside the date,
 * the new last day in what Save would save; Escape cancels, Enter in the
 * date saves; saved, the period has its maximum and no further extension
 * is allowed. */
static void
test_extend (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog;

  decide_in_core (f);
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_EXTEND);
  g_assert_true (gtk_widget_is_focus (anv_test_find (dialog, "date_entry")));
  g_assert_true (gtk_bindings_activate (G_OBJECT (dialog), GDK_KEY_Escape, 0));
  anv_test_iterate_main_loop ();
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_CANCEL);
  close_dialog (dialog);

  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_EXTEND);
  g_assert_true (ANV_IS_REFERRAL_EVENT_DIALOG (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Extend Referral");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (anv_test_find (dialog, "date_entry"))), ==,
                   TODAY);
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "provider_box")));
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "reason_box")));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "referral_label"),
                            "The period ends on October 21, 2020 (6 of at most 12 months)"));
  g_assert_cmpstr (anv_test_label_text (dialog, "date_hint"), ==,
                   "Recorded on or before the period’s last day, October 21, 2020.");
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Extend the referral of 19850101-**** Anna Testsson to Rusta och matcha by 6 "
                   "months on June 15, 2020: the period then ends on April 21, 2021.");
  anv_test_type_into (dialog, "date_entry", "2020-06-01");
  g_assert_cmpstr (anv_test_label_text (dialog, "confirm_label"), ==,
                   "Extend the referral of 19850101-**** Anna Testsson to Rusta och matcha by 6 "
                   "months on June 1, 2020: the period then ends on April 21, 2021.");
  gtk_widget_activate (anv_test_find (dialog, "date_entry"));
  wait_for_response (f);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  g_assert_cmpstr (anv_referral_dialog_get_saved_message (ANV_REFERRAL_DIALOG (dialog)), ==,
                   "Extension saved: the period of 19850101-**** Anna Testsson now ends on "
                   "April 21, 2021.");
  close_dialog (dialog);

  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpstr (referral->period_end, ==, "2021-04-21");
  g_assert_cmpuint (referral->period_months, ==, 12);
  g_assert_false (anv_referral_allowed_events (referral) & ANV_REFERRAL_EVENT_EXTEND);
}

/* What the core refuses is said in the dialog, which stays open: an
 * extension saved meanwhile elsewhere leaves no room under the maximum;
 * a period that ran out before the date is not extended. */
static void
test_extend_refused (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  g_autoptr (AnvReferral) stom = NULL;
  AnvReferralInput input = { 0 };
  GtkWidget *dialog;
  GDate decided;

  decide_in_core (f);
  referral = only_referral (f, UMEA_SEEKER, 1);
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_EXTEND);
  g_assert_true (save_is_sensitive (dialog));
  g_assert_true (anv_referrals_extend (f->db, referral->id, NULL, &f->today, &error));
  g_assert_no_error (error);
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  g_assert_cmpstr (anv_test_label_text (dialog, "error_label"), ==,
                   "The period already has its maximum of 12 months; end the referral instead.");
  close_dialog (dialog);

  /* Stockholm, STOM: three months from the planned start 2020-01-17 ran
   * out on 2020-04-16, before today */
  anv_test_date (&decided, 2020, 1, 2);
  input.personnummer = STHLM_SEEKER;
  input.level = "1";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = &decided;
  stom = anv_referrals_decide (f->db, &input, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stom->period_end, ==, "2020-04-16");

  dialog = open_dialog (f, STHLM_SEEKER, ANV_REFERRAL_DIALOG_EXTEND);
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "referral_label"),
                            "The period ran out on April 16, 2020 — extend or end the "
                            "referral"));
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);
  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  g_assert_nonnull (strstr (anv_test_label_text (dialog, "error_label"),
                            "The period ran out on 2020-04-16, before 2020-06-15"));

  /* On its last day it can be */
  anv_test_type_into (dialog, "date_entry", "2020-04-16");
  g_assert_false (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  g_clear_pointer (&stom, anv_referral_free);
  stom = only_referral (f, STHLM_SEEKER, 1);
  g_assert_cmpstr (stom->period_end, ==, "2020-07-16");
}

/* Without an open referral there is nothing to end. */
static void
test_end_without_referral (Fixture       *f,
                           gconstpointer  user_data)
{
  GtkWidget *dialog = open_dialog (f, STHLM_SEEKER, ANV_REFERRAL_DIALOG_END);

  g_assert_true (gtk_widget_get_visible (anv_test_find (dialog, "info_bar")));
  g_assert_true (strstr (anv_test_label_text (dialog, "error_label"), "no open referral") != NULL);
  g_assert_false (save_is_sensitive (dialog));
  close_dialog (dialog);
}


/*
 * Keyboard and accessibility
 */

/* Ctrl+Enter pressed in @dialog, wherever its focus is */
static void
press_ctrl_enter (GtkWidget *dialog)
{
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);

  event->key.window = g_object_ref (gtk_widget_get_window (dialog));
  event->key.send_event = TRUE;
  event->key.time = GDK_CURRENT_TIME;
  event->key.keyval = GDK_KEY_Return;
  event->key.state = GDK_CONTROL_MASK;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (
    gtk_widget_get_display (dialog))));
  gtk_widget_event (dialog, event);
  gdk_event_free (event);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  user_data)
{
  const char *named[] = {
    "date_entry", "date_button", "level_combo", "own_radio", "default_radio", "provider_list",
    "outside_check", "planned_entry", "planned_button",
  };
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkWidget *header_bar = gtk_dialog_get_header_bar (GTK_DIALOG (dialog));
  GtkWidget *save = anv_test_find (dialog, "save_button");
  GtkWidget *cancel = anv_test_find (dialog, "cancel_button");

  /* Modal, over the window, with the buttons in the header bar */
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->parent));
  g_assert_true (GTK_IS_HEADER_BAR (header_bar));
  g_assert_true (gtk_widget_is_ancestor (save, header_bar));
  g_assert_true (gtk_widget_is_ancestor (cancel, header_bar));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "_Refer");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cancel)), ==, "_Cancel");
  g_assert_cmpstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (header_bar)), ==,
                   "19850101-**** Anna Testsson");

  /* Mnemonics and accessible names */
  g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (anv_test_find (dialog, "date_title")))
                 == anv_test_find (dialog, "date_entry"));
  g_assert_cmpuint (gtk_label_get_mnemonic_keyval (GTK_LABEL (anv_test_find (dialog,
                                                                             "date_title"))),
                    ==, GDK_KEY_d);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      const char *name = atk_object_get_name (gtk_widget_get_accessible (anv_test_find (dialog,
                                                                                   named[i])));

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
    }

  /* Enter in a field activates Save, only when the form is complete */
  gtk_widget_grab_focus (anv_test_find (dialog, "date_entry"));
  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  gtk_widget_activate (anv_test_find (dialog, "date_entry"));
  /* The press Save would show lasts a moment: a second is more than enough */
  anv_test_wait_ms (1000);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);
  only_referral (f, UMEA_SEEKER, 0);

  /* Enter on the level list, the form not yet complete: the list does not
   * open again, nothing is saved */
  {
    GtkWidget *level = anv_test_find (dialog, "level_combo");
    gboolean shown = TRUE;

    gtk_widget_grab_focus (level);
    anv_test_press_key (dialog, GDK_KEY_Return);
    /* A button opens on its key's release or after a short while */
    anv_test_wait_ms (400);
    g_object_get (level, "popup-shown", &shown, NULL);
    g_assert_false (shown);
    g_assert_cmpint (f->response, ==, GTK_RESPONSE_NONE);

    /* Chosen: Ctrl+Enter saves from anywhere in the form, here the check
     * box that Enter alone would toggle */
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (level), "A");
    anv_test_iterate_main_loop ();
    gtk_widget_grab_focus (anv_test_find (dialog, "outside_check"));
    press_ctrl_enter (dialog);
    g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (anv_test_find (dialog, "outside_check"))));
    wait_for_response (f);
    g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
    close_dialog (dialog);
  }
  referral = only_referral (f, UMEA_SEEKER, 1);

  /* Escape cancels */
  dialog = open_dialog (f, STHLM_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  g_assert_true (gtk_bindings_activate (G_OBJECT (dialog), GDK_KEY_Escape, 0));
  anv_test_iterate_main_loop ();
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_CANCEL);
  close_dialog (dialog);

  /* So does the window's close */
  dialog = open_dialog (f, STHLM_SEEKER, ANV_REFERRAL_DIALOG_END);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_DELETE_EVENT);
  anv_test_iterate_main_loop ();
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_CANCEL);
  close_dialog (dialog);
}

/* In the calendar, the keys move from the date in the field: the first
 * arrow moves a day from it, not from wherever GTK's cursor was. */
static void
test_calendar_keys (Fixture       *f,
                    gconstpointer  user_data)
{
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkEntry *date = GTK_ENTRY (anv_test_find (dialog, "date_entry"));
  GtkWidget *calendar = anv_test_find (dialog, "date_calendar");
  GtkWidget *popover = anv_test_find (dialog, "date_popover");

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  gtk_button_clicked (GTK_BUTTON (anv_test_find (dialog, "date_button")));
  anv_test_wait_ms (300);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (gtk_widget_is_focus (calendar));

  anv_test_press_key (calendar, GDK_KEY_Left);
  g_assert_cmpstr (gtk_entry_get_text (date), ==, "2020-04-05");
  anv_test_press_key (calendar, GDK_KEY_Up);
  g_assert_cmpstr (gtk_entry_get_text (date), ==, "2020-03-29");
  anv_test_press_key (calendar, GDK_KEY_Right);
  anv_test_press_key (calendar, GDK_KEY_Down);
  g_assert_cmpstr (gtk_entry_get_text (date), ==, "2020-04-06");
  /* A month on, and back: over the month's end too */
  anv_test_press_key (calendar, GDK_KEY_Page_Down);
  g_assert_cmpstr (gtk_entry_get_text (date), ==, "2020-05-06");
  anv_test_press_key (calendar, GDK_KEY_Page_Up);
  g_assert_cmpstr (gtk_entry_get_text (date), ==, "2020-04-06");

  /* Enter takes it and closes the calendar */
  anv_test_press_key (calendar, GDK_KEY_Return);
  anv_test_wait_ms (300);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_entry_get_text (date), ==, "2020-04-06");

  close_dialog (dialog);
}


/* The date entry on its own: its parts are named after its id, it reads
 * and writes ISO dates, marks an error in the field, and its calendar
 * opens on the date typed or, with none, on the fallback. */
static void
test_date_entry (void)
{
  static const char *const ui =
    "<interface><object class='GtkWindow' id='window'><child>"
    "<object class='AnvDateEntry' id='when'><property name='visible'>True</property>"
    "<property name='calendar-label'>Choose the day</property></object>"
    "</child></object></interface>";
  g_autoptr (GtkBuilder) builder = NULL;
  const char *parts[] = { "when_entry", "when_button", "when_popover", "when_calendar" };
  g_autofree char *tooltip = NULL;
  g_autofree char *icon_tooltip = NULL;
  GtkWidget *window, *calendar;
  AnvDateEntry *when;
  GDate date, fallback;
  guint year, month, day;
  int changes = 0;

  g_type_ensure (ANV_TYPE_DATE_ENTRY);
  builder = gtk_builder_new_from_string (ui, -1);
  window = GTK_WIDGET (gtk_builder_get_object (builder, "window"));
  when = ANV_DATE_ENTRY (gtk_builder_get_object (builder, "when"));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (i != 2)   /* the popover is not below the window until it opens */
      g_assert_nonnull (anv_test_find (window, parts[i]));
  g_assert_true (GTK_IS_ENTRY (anv_test_find (window, "when_entry")));
  tooltip = gtk_widget_get_tooltip_text (anv_test_find (window, "when_button"));
  g_assert_cmpstr (tooltip, ==, "Choose the day");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (
                     anv_test_find (window, "when_button"))), ==, "Choose the day");

  g_signal_connect_swapped (when, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  gtk_entry_set_text (anv_date_entry_get_entry (when), "2020-04-06");
  g_assert_cmpint (changes, ==, 1);
  g_assert_true (anv_date_entry_get_date (when, &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 6);
  gtk_entry_set_text (anv_date_entry_get_entry (when), "2020-02-30");
  g_assert_false (anv_date_entry_get_date (when, &date));
  anv_test_date (&date, 2021, 12, 7);
  anv_date_entry_set_date (when, &date);
  g_assert_cmpstr (gtk_entry_get_text (anv_date_entry_get_entry (when)), ==, "2021-12-07");

  anv_date_entry_set_error (when, "Not that day.");
  icon_tooltip = gtk_entry_get_icon_tooltip_text (anv_date_entry_get_entry (when),
                                                  GTK_ENTRY_ICON_SECONDARY);
  g_assert_cmpstr (icon_tooltip, ==, "Not that day.");
  anv_date_entry_set_error (when, NULL);
  g_assert_null (gtk_entry_get_icon_name (anv_date_entry_get_entry (when),
                                          GTK_ENTRY_ICON_SECONDARY));

  /* The calendar: on the date typed, else on the fallback */
  gtk_widget_show (window);
  calendar = anv_test_find (window, "when_calendar");
  gtk_button_clicked (GTK_BUTTON (anv_test_find (window, "when_button")));
  anv_test_wait_ms (200);
  gtk_calendar_get_date (GTK_CALENDAR (calendar), &year, &month, &day);
  g_assert_cmpuint (year * 10000 + (month + 1) * 100 + day, ==, 20211207);
  anv_test_press_key (calendar, GDK_KEY_Return);
  anv_test_wait_ms (200);
  gtk_entry_set_text (anv_date_entry_get_entry (when), "");
  anv_test_date (&fallback, 2020, 6, 15);
  anv_date_entry_set_fallback (when, &fallback);
  gtk_button_clicked (GTK_BUTTON (anv_test_find (window, "when_button")));
  anv_test_wait_ms (200);
  gtk_calendar_get_date (GTK_CALENDAR (calendar), &year, &month, &day);
  g_assert_cmpuint (year * 10000 + (month + 1) * 100 + day, ==, 20200615);
  /* Opening it is not choosing: the field stays empty */
  g_assert_cmpstr (gtk_entry_get_text (anv_date_entry_get_entry (when)), ==, "");
  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
}


/* Moving the focus through the providers is not choosing one: Tab and
 * Shift+Tab, sent as a keyboard sends them, leave the provider and the
 * choice as they were; Space or Enter on a row chooses it. */
static void
test_tab_is_not_choosing (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr (AnvReferral) referral = NULL;
  GtkWidget *dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_DECIDE);
  GtkWidget *radio = anv_test_find (dialog, "default_radio");

  anv_test_type_into (dialog, "date_entry", "2020-04-06");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (anv_test_find (dialog, "level_combo")), "B");
  anv_test_iterate_main_loop ();
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_UMEA);
  g_assert_true (toggle_is_active (dialog, "default_radio"));

  /* From the choice into the list, at the chosen row, and out with the next
   * Tab: the list is one stop, as a radio group is; then back */
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (radio);
  anv_test_iterate_main_loop ();
  anv_test_send_key (dialog, GDK_KEY_Tab, 0);
  g_assert_cmpstr (focused_orgnr (dialog), ==, KROM_UMEA);
  anv_test_send_key (dialog, GDK_KEY_Tab, 0);
  g_assert_null (focused_orgnr (dialog));
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_UMEA);
  g_assert_true (toggle_is_active (dialog, "default_radio"));
  anv_test_send_key (dialog, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_cmpstr (focused_orgnr (dialog), ==, KROM_UMEA);
  for (guint i = 0; i < 3; i++)
    {
      anv_test_send_key (dialog, GDK_KEY_Tab, GDK_SHIFT_MASK);
      g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_UMEA);
      g_assert_true (toggle_is_active (dialog, "default_radio"));
    }
  /* Arrows move the focus only, too */
  gtk_widget_grab_focus (GTK_WIDGET (find_provider_row (dialog, KROM_UMEA)));
  anv_test_send_key (dialog, GDK_KEY_Down, 0);
  g_assert_cmpstr (focused_orgnr (dialog), ==, KROM_SKELLEFTEA);
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_UMEA);
  g_assert_true (toggle_is_active (dialog, "default_radio"));

  /* Space chooses: the job seeker's choice */
  anv_test_send_key (dialog, GDK_KEY_space, 0);
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_SKELLEFTEA);
  g_assert_true (toggle_is_active (dialog, "own_radio"));
  g_assert_true (strstr (atk_object_get_name (gtk_widget_get_accessible (
                           GTK_WIDGET (find_provider_row (dialog, KROM_SKELLEFTEA)))),
                         ", chosen") != NULL);
  g_assert_null (strstr (atk_object_get_name (gtk_widget_get_accessible (
                           GTK_WIDGET (find_provider_row (dialog, KROM_UMEA)))),
                         ", chosen"));
  /* … and Tab away and back does not undo it */
  anv_test_send_key (dialog, GDK_KEY_Tab, GDK_SHIFT_MASK);
  anv_test_send_key (dialog, GDK_KEY_Tab, GDK_SHIFT_MASK);
  anv_test_send_key (dialog, GDK_KEY_Tab, 0);
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_SKELLEFTEA);
  g_assert_true (toggle_is_active (dialog, "own_radio"));

  press_save (f, dialog);
  g_assert_cmpint (f->response, ==, GTK_RESPONSE_OK);
  close_dialog (dialog);
  referral = only_referral (f, UMEA_SEEKER, 1);
  g_assert_cmpint (referral->choice, ==, ANV_CHOICE_OWN);
  g_assert_cmpstr (anv_referral_current_provider (referral)->orgnr, ==, KROM_SKELLEFTEA);
}

/* The same in the change of provider: nothing is chosen until Enter. */
static void
test_change_tab_is_not_choosing (Fixture       *f,
                                 gconstpointer  user_data)
{
  GtkWidget *dialog;

  decide_in_core (f);
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_CHANGE_PROVIDER);
  anv_test_type_into (dialog, "date_entry", "2020-05-04");
  g_assert_null (selected_orgnr (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (anv_test_find (dialog, "date_entry"));
  for (guint i = 0; i < 6; i++)
    {
      anv_test_send_key (dialog, GDK_KEY_Tab, 0);
      g_assert_null (selected_orgnr (dialog));
      g_assert_false (save_is_sensitive (dialog));
    }
  gtk_widget_grab_focus (GTK_WIDGET (find_provider_row (dialog, KROM_SKELLEFTEA)));
  anv_test_send_key (dialog, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_null (selected_orgnr (dialog));

  gtk_widget_grab_focus (GTK_WIDGET (find_provider_row (dialog, KROM_SKELLEFTEA)));
  anv_test_send_key (dialog, GDK_KEY_Return, 0);
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_SKELLEFTEA);
  g_assert_true (save_is_sensitive (dialog));
  /* The current provider cannot be chosen */
  select_provider (dialog, KROM_UMEA);
  g_assert_cmpstr (selected_orgnr (dialog), ==, KROM_SKELLEFTEA);
  close_dialog (dialog);
}


/* Tab through the end reasons chooses none: the reason is never proposed,
 * not even by the focus. The reasons are one Tab stop, as the provider
 * list is; the arrow keys move between them. */
static void
test_end_tab_is_not_choosing (Fixture       *f,
                              gconstpointer  user_data)
{
  GtkWidget *dialog, *focus, *stop = NULL;
  guint n_focused = 0;

  decide_in_core (f);
  dialog = open_dialog (f, UMEA_SEEKER, ANV_REFERRAL_DIALOG_END);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (anv_test_find (dialog, "date_entry"));
  for (guint i = 0; i < 12; i++)
    {
      anv_test_send_key (dialog, GDK_KEY_Tab, 0);
      focus = gtk_window_get_focus (GTK_WINDOW (dialog));
      if (GTK_IS_RADIO_BUTTON (focus))
        {
          n_focused++;
          if (stop == NULL)
            stop = focus;
          g_assert_true (focus == stop);
          g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (focus)));
        }
      g_assert_false (save_is_sensitive (dialog));
    }
  g_assert_cmpuint (n_focused, >=, 1);

  /* Down moves to the next reason; Tab then leaves the group, and
   * Shift+Tab comes back to one reason only */
  gtk_widget_grab_focus (stop);
  anv_test_iterate_main_loop ();
  anv_test_send_key (dialog, GDK_KEY_Down, 0);
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_RADIO_BUTTON (focus));
  g_assert_true (focus != stop);
  anv_test_send_key (dialog, GDK_KEY_Tab, 0);
  g_assert_false (GTK_IS_RADIO_BUTTON (gtk_window_get_focus (GTK_WINDOW (dialog))));
  anv_test_send_key (dialog, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (GTK_IS_RADIO_BUTTON (gtk_window_get_focus (GTK_WINDOW (dialog))));
  anv_test_send_key (dialog, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_false (GTK_IS_RADIO_BUTTON (gtk_window_get_focus (GTK_WINDOW (dialog))));

  /* The date's calendar button says which date it is for */
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (
                     anv_test_find (dialog, "date_button"))),
                   ==, "End date: choose the date in a calendar");
  close_dialog (dialog);
}


int
main (int   argc,
      char *argv[])
{
  /* Every default date follows the pinned today */
  g_setenv ("ANVISA_TODAY", TODAY, TRUE);
  if (!anv_test_init_gui (&argc, &argv, "/referral-dialog/no-display"))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add ("/referral-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("decide/umea", test_decide_umea);
  ADD ("decide/stockholm", test_decide_stockholm);
  ADD ("decide/planned-start", test_decide_planned_start);
  ADD ("decide/own-choice", test_decide_own_choice);
  ADD ("decide/day-off", test_decide_day_off);
  ADD ("decide/choice-kept", test_decide_choice_kept);
  ADD ("decide/core-error", test_decide_core_error);
  ADD ("decide/pending", test_decide_pending);
  ADD ("decide/pending-nobody", test_decide_pending_nobody);
  ADD ("events/start-change-end", test_start_change_end);
  ADD ("events/start-core-error", test_start_core_error);
  ADD ("events/end-without-referral", test_end_without_referral);
  ADD ("events/end-before-start", test_end_before_start);
  ADD ("events/start-early", test_start_early);
  ADD ("events/extend", test_extend);
  ADD ("events/extend-refused", test_extend_refused);
  ADD ("keyboard", test_keyboard);
  ADD ("calendar-keys", test_calendar_keys);
  ADD ("tab-is-not-choosing", test_tab_is_not_choosing);
  ADD ("events/change-tab-is-not-choosing", test_change_tab_is_not_choosing);
  ADD ("events/start-too-early-today", test_start_too_early_today);
  ADD ("events/end-tab-is-not-choosing", test_end_tab_is_not_choosing);

#undef ADD

  g_test_add_func ("/referral-dialog/date-entry", test_date_entry);

  return g_test_run ();
}
