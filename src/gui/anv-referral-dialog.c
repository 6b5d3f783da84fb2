/* anv-referral-dialog.c — deciding a referral (placeholder while it is written) */
#define G_LOG_DOMAIN "AnvReferralDialog"

#include "config.h"

#include "anv-referral-dialog.h"

struct _AnvReferralDialog
{
  GtkDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (AnvReferralDialog, anv_referral_dialog, GTK_TYPE_DIALOG)

static void
anv_referral_dialog_class_init (AnvReferralDialogClass *klass)
{
}

static void
anv_referral_dialog_init (AnvReferralDialog *self)
{
}

GtkWidget *
anv_referral_dialog_new (GtkWindow             *parent,
                         AnvDb                 *db,
                         const char            *personnummer,
                         AnvReferralDialogKind  kind)
{
  return g_object_new (ANV_TYPE_REFERRAL_DIALOG, "transient-for", parent, NULL);
}
