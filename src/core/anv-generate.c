/* anv-generate.c — placeholder while being written */
#include "anv-generate.h"
