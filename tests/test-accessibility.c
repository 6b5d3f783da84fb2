/* test-accessibility.c — every control has a name for assistive technology
 *
 * Walks every page of the window and the dialogs an officer opens (the
 * registration form, the referral dialog) and checks, for each widget a
 * person can operate, that its accessible object has a name a screen
 * reader can say: a name of its own or a label that names it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "anv-gui-test-util.h"
#include "anv-area-form.h"
#include "anv-audit-dialog.h"
#include "anv-connect-dialog.h"
#include "anv-export-dialog.h"
#include "anv-import-dialog.h"
#include "anv-provider-form.h"
#include "anv-referral-dialog.h"
#include "anv-referrals.h"
#include "anv-seeker-form.h"
#include "anv-seekers.h"
#include "anv-window.h"

/* A widget a person operates, and so one a screen reader must name. */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_COMBO_BOX (widget)
         || GTK_IS_TREE_VIEW (widget) || GTK_IS_RANGE (widget) || GTK_IS_SWITCH (widget)
         || GTK_IS_TEXT_VIEW (widget) || GTK_IS_LIST_BOX (widget)
         || (GTK_IS_DRAWING_AREA (widget) && gtk_widget_get_can_focus (widget));
}

/* A path to @widget for the failure message: its buildable ids or types. */
static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_name (GTK_BUILDABLE (w)) : NULL;

      /* GtkBuilder names objects without an id "___object_N___". */
      if (id != NULL && g_str_has_prefix (id, "___"))
        id = NULL;
      g_string_prepend (path, id != NULL ? id : G_OBJECT_TYPE_NAME (w));
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  return g_string_free (path, FALSE);
}

/* A name of its own, or a label that names it (a mnemonic label, which
 * GTK reports as "labelled by" and a screen reader says with it). */
static gboolean
has_name (GtkWidget *widget)
{
  AtkObject *accessible = gtk_widget_get_accessible (widget);
  const char *name = atk_object_get_name (accessible);
  g_autoptr (AtkRelationSet) relations = NULL;
  AtkRelation *labelled_by;

  if (name != NULL && *name != '\0')
    return TRUE;
  relations = atk_object_ref_relation_set (accessible);
  labelled_by = atk_relation_set_get_relation_by_type (relations, ATK_RELATION_LABELLED_BY);
  if (labelled_by == NULL)
    return FALSE;

  {
    GPtrArray *targets = atk_relation_get_target (labelled_by);

    for (guint i = 0; i < targets->len; i++)
      {
        const char *label = atk_object_get_name (g_ptr_array_index (targets, i));

        if (label != NULL && *label != '\0')
          return TRUE;
      }
  }
  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 gpointer   user_data)
{
  GPtrArray *unnamed = user_data;

  if (!gtk_widget_get_visible (widget))
    return;
  if (is_control (widget))
    {
      if (!has_name (widget))
        g_ptr_array_add (unnamed, describe (widget));
    }
  /* A combo box's own button and a spin button's parts are GTK's: the
   * combo box and the spin button carry the name. */
  if (GTK_IS_CONTAINER (widget) && !GTK_IS_COMBO_BOX (widget))
    gtk_container_foreach (GTK_CONTAINER (widget), collect_unnamed, unnamed);
}

/* Fails, naming each one, if a visible control below @root has no name. */
static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  g_autoptr (GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);

  collect_unnamed (root, unnamed);
  for (guint i = 0; i < unnamed->len; i++)
    g_printerr ("%s: no accessible name: %s\n", where, (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (unnamed->len, ==, 0);
}

/* A name of its own, on the field itself: some screen readers say only
 * that, not the label that names it. */
static void
collect_nameless_fields (GtkWidget *widget,
                         gpointer   user_data)
{
  GPtrArray *nameless = user_data;

  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_ENTRY (widget) || GTK_IS_COMBO_BOX (widget) || GTK_IS_TREE_VIEW (widget))
    {
      const char *name = atk_object_get_name (gtk_widget_get_accessible (widget));

      if (name == NULL || *name == '\0')
        g_ptr_array_add (nameless, describe (widget));
    }
  if (GTK_IS_CONTAINER (widget) && !GTK_IS_COMBO_BOX (widget))
    gtk_container_foreach (GTK_CONTAINER (widget), collect_nameless_fields, nameless);
}

static void
assert_fields_named (GtkWidget  *root,
                     const char *where)
{
  g_autoptr (GPtrArray) nameless = g_ptr_array_new_with_free_func (g_free);

  collect_nameless_fields (root, nameless);
  for (guint i = 0; i < nameless->len; i++)
    g_printerr ("%s: no accessible name of its own: %s\n", where,
                (char *) g_ptr_array_index (nameless, i));
  g_assert_cmpuint (nameless->len, ==, 0);
}

/* The first widget of @type below @root, or NULL */
static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  g_autoptr (GList) children = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  if (!GTK_IS_CONTAINER (root))
    return NULL;
  children = gtk_container_get_children (GTK_CONTAINER (root));
  for (GList *l = children; l != NULL; l = l->next)
    {
      GtkWidget *found = find_type (l->data, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
name_of (GtkWidget  *root,
         const char *id)
{
  GtkWidget *widget = anv_test_find (root, id);

  g_assert_nonnull (widget);
  return atk_object_get_name (gtk_widget_get_accessible (widget));
}

/* Each icon an image below @root shows is in the icon theme: a missing one
 * is drawn as a broken glyph. */
static void
assert_icons_exist (GtkWidget *root)
{
  if (GTK_IS_IMAGE (root) && gtk_widget_get_visible (root)
      && gtk_image_get_storage_type (GTK_IMAGE (root)) == GTK_IMAGE_ICON_NAME)
    {
      const char *icon = NULL;

      gtk_image_get_icon_name (GTK_IMAGE (root), &icon, NULL);
      if (!gtk_icon_theme_has_icon (gtk_icon_theme_get_default (), icon))
        g_error ("no icon %s in the theme: %s", icon, describe (root));
    }
  if (GTK_IS_CONTAINER (root))
    {
      g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (root));

      for (GList *l = children; l != NULL; l = l->next)
        assert_icons_exist (l->data);
    }
}

static void
add_person_and_provider (AnvDb *db)
{
  AnvSeekerInput input = { "19850101-2382", "Anna Åberg", NULL, "903 25", FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvSeeker) seeker = NULL;
  GDate today;

  anv_test_approve_krom_provider (db);
  anv_test_date (&today, 2020, 4, 6);
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);
}

static void
decide_referral (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvReferral) referral = NULL;
  AnvReferralInput input = { 0 };
  GDate today;

  anv_test_date (&today, 2020, 4, 6);
  input.personnummer = "198501012382";
  input.level = "A";
  input.choice = ANV_CHOICE_DEFAULT;
  input.decided_on = &today;
  referral = anv_referrals_decide (db, &input, &today, &error);
  g_assert_no_error (error);
}

static void
test_named (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (AnvDb) db = anv_test_open_db (&dir);
  g_autoptr (GList) pages = NULL;
  GtkWidget *window, *form, *dialog;
  GActionGroup *seekers;
  GtkTreePath *first;

  add_person_and_provider (db);
  window = anv_test_open_window (db);

  /* The person chosen, so that the detail pane and its actions show. */
  anv_window_show_page (ANV_WINDOW (window), "seekers");
  anv_test_type_into (window, "search_entry", "198501012382");
  anv_test_wait_ms (400);
  first = gtk_tree_path_new_first ();
  gtk_tree_view_set_cursor (GTK_TREE_VIEW (anv_test_find (window, "seekers_view")), first, NULL,
                            FALSE);
  gtk_tree_path_free (first);
  anv_test_wait_ms (200);
  g_assert_cmpstr (anv_test_label_text (window, "name_label"), ==, "Anna Åberg");

  /* Every page, whichever there are. */
  pages = gtk_container_get_children (GTK_CONTAINER (anv_test_find (window, "stack")));
  g_assert_cmpuint (g_list_length (pages), >=, 3);
  for (GList *l = pages; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;

      gtk_container_child_get (GTK_CONTAINER (anv_test_find (window, "stack")), l->data,
                               "name", &name, NULL);
      anv_window_show_page (ANV_WINDOW (window), name);
      anv_test_wait_ms (300);
      assert_all_named (window, name);
    }

  /* A message and a notice, with their close buttons */
  anv_window_show_error (ANV_WINDOW (window), "The disk is full.");
  anv_window_announce (ANV_WINDOW (window), "Saved.");
  anv_test_wait_ms (100);
  assert_all_named (window, "messages");

  /* The registration form. */
  anv_window_show_page (ANV_WINDOW (window), "seekers");
  seekers = gtk_widget_get_action_group (window, "seekers");
  g_action_group_activate_action (seekers, "new", NULL);
  anv_test_wait_ms (200);
  form = anv_test_find_toplevel (ANV_TYPE_SEEKER_FORM);
  g_assert_nonnull (form);
  assert_all_named (form, "seeker form");
  gtk_widget_destroy (form);
  anv_test_wait_ms (100);

  /* The referral dialog. */
  g_action_group_activate_action (seekers, "refer", NULL);
  anv_test_wait_ms (300);
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  assert_all_named (dialog, "referral dialog");
  assert_icons_exist (dialog);
  /* Its two dates' calendar buttons say which date they are for */
  g_assert_cmpstr (name_of (dialog, "date_entry"), ==, "Decision date");
  g_assert_nonnull (strstr (name_of (dialog, "date_button"), "Decision date"));
  g_assert_cmpstr (name_of (dialog, "date_button"), !=, name_of (dialog, "planned_button"));
  gtk_widget_destroy (dialog);

  /* The extension, of a referral decided meanwhile: its date named */
  decide_referral (db);
  anv_test_wait_ms (1500);
  g_assert_true (g_action_group_get_action_enabled (seekers, "extend"));
  g_action_group_activate_action (seekers, "extend", NULL);
  anv_test_wait_ms (300);
  dialog = anv_test_find_toplevel (ANV_TYPE_REFERRAL_DIALOG);
  g_assert_nonnull (dialog);
  assert_all_named (dialog, "extend dialog");
  assert_icons_exist (dialog);
  g_assert_cmpstr (name_of (dialog, "date_entry"), ==, "Date of extension");
  gtk_widget_destroy (dialog);

  /* The forms of the providers page name their fields themselves */
  form = find_type (window, ANV_TYPE_PROVIDER_FORM);
  g_assert_nonnull (form);
  assert_fields_named (form, "provider form");
  form = find_type (window, ANV_TYPE_AREA_FORM);
  g_assert_nonnull (form);
  assert_fields_named (form, "area form");

  /* The audit log: its filter's fields, its table and the calendar buttons
   * of From and To apart */
  dialog = anv_audit_dialog_new (GTK_WINDOW (window),
                                 anv_window_get_context (ANV_WINDOW (window)));
  gtk_widget_show (dialog);
  anv_test_wait_ms (200);
  assert_all_named (dialog, "audit dialog");
  assert_fields_named (dialog, "audit dialog");
  g_assert_cmpstr (name_of (dialog, "from_entry"), ==, "From");
  g_assert_cmpstr (name_of (dialog, "user_entry"), ==, "User");
  g_assert_nonnull (strstr (name_of (dialog, "from_button"), "From"));
  g_assert_nonnull (strstr (name_of (dialog, "to_button"), "To"));
  g_assert_cmpstr (name_of (dialog, "from_button"), !=, name_of (dialog, "to_button"));
  gtk_widget_destroy (dialog);

  /* The export dialog, before it asks where. */
  dialog = anv_export_dialog_new (GTK_WINDOW (window),
                                  anv_window_get_context (ANV_WINDOW (window)),
                                  ANV_CSV_PROFILE_EXCEL_SV);
  gtk_widget_show (dialog);
  anv_test_wait_ms (200);
  assert_all_named (dialog, "export dialog");
  gtk_widget_destroy (dialog);

  gtk_widget_destroy (window);
  anv_test_iterate_main_loop ();
  g_clear_object (&db);
  anv_test_remove_dir (dir);
}

/* The mnemonic keys of the visible labels below @widget (a button's and
 * an expander's too), each once: two alike would make Alt+key cycle */
static void
collect_mnemonics (GtkWidget *widget,
                   gpointer   user_data)
{
  GHashTable *seen = user_data;

  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *before = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

      if (key != GDK_KEY_VoidSymbol)
        {
          if (before != NULL)
            g_error ("“%s” and “%s” have the same mnemonic key", before, text);
          g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
        }
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), collect_mnemonics, seen);
}

static gboolean
has_error (gpointer user_data)
{
  return anv_connect_dialog_get_error_text (user_data) != NULL;
}

static gboolean
is_gone (gpointer user_data)
{
  return *(GtkWidget **) user_data == NULL;
}

/* The connect dialog by keyboard alone: a name for every field, a
 * mnemonic key of its own for each label, Tab in the order of the fields,
 * Enter connects, Escape closes; in English and in Swedish */
static void
test_connect_dialog (void)
{
  const char *const order[] = {
    "host_entry", "port_spin", "database_entry", "user_entry", "password_entry",
    "remember_check", "tls_combo", "advanced_expander", "conninfo_entry",
  };
  g_autoptr (GHashTable) mnemonics = g_hash_table_new (NULL, NULL);
  GtkWidget *dialog;
  GtkWidget *gone;

  if (!g_test_subprocess ())
    {
      /* English here, Swedish in a fresh process (gettext keeps what it found) */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT
                                       | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  else
    anv_test_set_language ("sv");

  dialog = anv_connect_dialog_new (NULL);
  gtk_widget_show (dialog);
  anv_test_wait_ms (200);
  gtk_expander_set_expanded (GTK_EXPANDER (anv_test_find (dialog, "advanced_expander")), TRUE);
  anv_test_wait_ms (100);

  assert_all_named (dialog, "connect dialog");
  assert_fields_named (dialog, "connect dialog");
  collect_mnemonics (dialog, mnemonics);
  g_assert_cmpuint (g_hash_table_size (mnemonics), >=, 11);

  /* Tab walks the fields in the order they are shown, then the buttons */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == anv_test_find (dialog, "host_entry"));
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *focus, *expected = anv_test_find (dialog, order[i]);

      anv_test_send_key (dialog, GDK_KEY_Tab, 0);
      focus = gtk_window_get_focus (GTK_WINDOW (dialog));
      g_assert_nonnull (focus);
      /* A combo box's focus is its own button */
      if (focus != expected && !gtk_widget_is_ancestor (focus, expected))
        g_error ("Tab went to %s, not %s", describe (focus), order[i]);
    }

  /* Enter in a field connects (here: to nothing, which it then says) */
  anv_test_type_into (dialog, "conninfo_entry",
                      "host=/nonexistent-anvisa-socket-dir port=1 dbname=anvisa");
  anv_test_send_key (dialog, GDK_KEY_Return, 0);
  g_assert_true (anv_test_wait_until (has_error, dialog, 20000));
  g_assert_nonnull (anv_connect_dialog_get_error_text (ANV_CONNECT_DIALOG (dialog)));

  /* Escape closes */
  gone = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &gone);
  anv_test_send_key (dialog, GDK_KEY_Escape, 0);
  g_assert_true (anv_test_wait_until (is_gone, &gone, 5000));
}

int
main (int    argc,
      char **argv)
{
  if (!anv_test_init_gui (&argc, &argv, "/accessibility/no-display"))
    return g_test_run ();

  g_setenv ("ANVISA_TODAY", "2020-04-06", TRUE);
  g_test_add_func ("/accessibility/named", test_named);
  g_test_add_func ("/accessibility/connect-dialog", test_connect_dialog);
  return g_test_run ();
}
