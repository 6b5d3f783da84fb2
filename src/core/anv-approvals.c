/* anv-approvals.c — approvals of providers for delivery areas, and when one holds
 *
 * Approvals are stored with ISO dates (YYYY-MM-DD), which sort as text in
 * the order of the days; the database compares them so, and so does this
 * file, so that a rule read here and a rule run as SQL cannot disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-approvals"

#include "config.h"

#include <string.h>

#include "anv-approvals.h"
#include "anv-date.h"

void
anv_approval_free (AnvApproval *approval)
{
  if (approval == NULL)
    return;
  g_free (approval->orgnr);
  g_free (approval->provider_name);
  g_free (approval->area_name);
  g_free (approval->valid_from);
  g_free (approval->valid_to);
  g_free (approval);
}

gboolean
anv_approval_holds_on (const AnvApproval *approval,
                       const GDate       *date)
{
  char day[11];

  g_return_val_if_fail (approval != NULL && approval->valid_from != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  anv_date_format (date, day);
  return strcmp (approval->valid_from, day) <= 0
         && (approval->valid_to == NULL || strcmp (approval->valid_to, day) >= 0);
}

gboolean
anv_approval_ended_before (const AnvApproval *approval,
                           const GDate       *date)
{
  char day[11];

  g_return_val_if_fail (approval != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  anv_date_format (date, day);
  return approval->valid_to != NULL && strcmp (approval->valid_to, day) < 0;
}
