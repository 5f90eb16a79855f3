/* `match batch`: many scenario files solved on threads here, or handed to a Dask cluster
 * (docs/scale-out.md). */
#ifndef MATCH_TOOL_BATCH_CMD_H
#define MATCH_TOOL_BATCH_CMD_H

/*
 * Runs `match batch DIR_OR_LIST... -o results.csv [--jobs N] [--time-limit S] [--mip-gap G]
 * [--solver NAME] [--scheduler ADDRESS] [-q]`; argv[0] is "batch". Each scenario's plan is
 * written beside it (NAME.json -> NAME.plan.json), the table in input order.
 * Returns the exit status: 0 every scenario solved, 1 usage, 3 some scenario not solved
 * (its row says why), 5 the batch could not run, 6 the table or a plan could not be written.
 */
int lm_batch_command(int argc, char **argv);

#endif
