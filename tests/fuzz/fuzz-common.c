/* fuzz-common.c — what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-fuzz"

#include <string.h>

#include "fuzz-common.h"

void
fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

void
fuzz_take_date (const uint8_t **data,
                size_t         *size,
                GDate          *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (*size < 4)
    {
      g_date_set_dmy (date, 1, G_DATE_JUNE, 2024);
      return;
    }

  year = 1 + (((guint) (*data)[0] << 8) | (*data)[1]) % 9999;
  month = 1 + (*data)[2] % 12;
  day = 1 + (*data)[3] % g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  *data += 4;
  *size -= 4;
}

char *
fuzz_dup_string (const uint8_t *data,
                 size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

gboolean
fuzz_is_message (const char *text)
{
  return text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL);
}
