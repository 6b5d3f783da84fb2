/* anv-cli-demo.c — placeholder while the commands are written */
#include "config.h"
#include "anv-cli.h"
int anv_cli_demo (AnvCli *cli, int argc, char **argv) { return anv_cli_fail (ANV_EXIT_USAGE, "demo: not yet"); }
int anv_cli_generate (AnvCli *cli, int argc, char **argv) { return anv_cli_fail (ANV_EXIT_USAGE, "generate: not yet"); }
