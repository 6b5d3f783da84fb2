/* anv-demo.c — placeholder while being written */
#include "anv-demo.h"
