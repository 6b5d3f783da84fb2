/* anv-form-field.h — the verdict on a field of a form, shown as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  ANV_FIELD_HINT,      /* empty or not complete yet: a hint, no verdict */
  ANV_FIELD_ERROR,
  ANV_FIELD_VALID,
} AnvFieldState;

/* Shows @state on @entry: an icon in the entry, @text in @message under
 * it, and @text as the entry's accessible description. */
void  anv_form_field_set_state   (GtkEntry      *entry,
                                  GtkLabel      *message,
                                  AnvFieldState  state,
                                  const char    *text);
/* Shows @text in the form's own message @label, or hides it (NULL). */
void  anv_form_field_set_message (GtkLabel      *label,
                                  const char    *text);
/* What @entry holds, without the spaces around it. */
char *anv_form_field_get_text    (GtkEntry      *entry);

G_END_DECLS
