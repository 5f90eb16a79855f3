/*
 * libmatch: turn a community's needs list, its co-building units' resources list and its
 * volunteers' capacity into the best project list.
 *
 * Include this header to get the whole public API:
 *   version.h  version macros and calls
 *   common.h   error codes and the export macro
 *   model.h    building a scenario item by item
 *   solve.h    options and match_model_solve()
 *   plan.h     reading the resulting plan
 *   io.h       scenario and plan files (JSON)
 *   export.h   the integer program as MPS or CPLEX LP, for other solvers
 *   explain.h  reasons for unmet needs and bottlenecks (marginal values)
 *   evaluate.h judging any plan: rule violations, the objective term by term, indicators
 *   report.h   the plan as a self-contained HTML report
 */
#ifndef LIBMATCH_LIBMATCH_H
#define LIBMATCH_LIBMATCH_H

#include "common.h"
#include "version.h"
#include "model.h"
#include "edit.h"
#include "plan.h"
#include "solve.h"
#include "io.h"
#include "sheets.h"
#include "export.h"
#include "explain.h"
#include "diff.h"
#include "evaluate.h"
#include "report.h"

#endif
