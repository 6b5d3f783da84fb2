/* anv-end-reasons.h — why a referral ends: results and interruptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_END_REASON_ERROR (anv_end_reason_error_quark ())

typedef enum
{
  ANV_END_REASON_ERROR_CODE,       /* malformed code */
  ANV_END_REASON_ERROR_DUPLICATE,  /* the code exists */
  ANV_END_REASON_ERROR_NOT_FOUND,
  ANV_END_REASON_ERROR_KIND,       /* neither result nor interruption */
  ANV_END_REASON_ERROR_LABEL,      /* empty or too long */
} AnvEndReasonError;

typedef enum
{
  ANV_END_KIND_RESULT,        /* jobb, studier */
  ANV_END_KIND_INTERRUPTION,  /* avbrott */
} AnvEndKind;

typedef struct
{
  char       *code;
  AnvEndKind  kind;
  char       *label_sv;
  char       *label_en;
  gboolean    active;
} AnvEndReason;

GQuark      anv_end_reason_error_quark    (void);

void        anv_end_reason_free           (AnvEndReason *reason);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvEndReason, anv_end_reason_free)

/* The label in the language of the user interface. */
const char *anv_end_reason_label          (const AnvEndReason *reason);

gboolean    anv_end_kind_parse            (const char  *text,
                                           AnvEndKind  *out,
                                           GError     **error);
const char *anv_end_kind_to_string        (AnvEndKind   kind);

/* Results first, then interruptions; inactive ones only if asked. */
GPtrArray  *anv_end_reasons_list          (AnvDb       *db,
                                           gboolean     include_inactive,
                                           GError     **error);
AnvEndReason *anv_end_reasons_get         (AnvDb       *db,
                                           const char  *code,
                                           GError     **error);
/* @label_en may be NULL: the Swedish label serves both. Audited. */
gboolean    anv_end_reasons_add           (AnvDb       *db,
                                           const char  *code,
                                           AnvEndKind   kind,
                                           const char  *label_sv,
                                           const char  *label_en,
                                           GError     **error);
/* An inactive reason stays on the referrals that have it but is not
 * offered for new ends. Audited. */
gboolean    anv_end_reasons_set_active    (AnvDb       *db,
                                           const char  *code,
                                           gboolean     active,
                                           GError     **error);

gboolean    anv_end_reasons_load_reference (AnvDb      *db,
                                            GError    **error);

G_END_DECLS
