/* anv-seeker-form.c — registering a job seeker (placeholder while it is written) */
#define G_LOG_DOMAIN "AnvSeekerForm"

#include "config.h"

#include "anv-seeker-form.h"

struct _AnvSeekerForm
{
  GtkDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (AnvSeekerForm, anv_seeker_form, GTK_TYPE_DIALOG)

static void
anv_seeker_form_class_init (AnvSeekerFormClass *klass)
{
}

static void
anv_seeker_form_init (AnvSeekerForm *self)
{
}

GtkWidget *
anv_seeker_form_new (GtkWindow *parent,
                     AnvDb     *db)
{
  return g_object_new (ANV_TYPE_SEEKER_FORM, "transient-for", parent, NULL);
}

const char *
anv_seeker_form_get_personnummer (AnvSeekerForm *self)
{
  return NULL;
}
