/*
 * Explaining an infeasible model: which required needs (or fixed pairs) cannot be met.
 * Runs inside lm_glpk_run() (glpk_guard.h), after the full problem was found infeasible.
 */
#ifndef LM_GLPK_DIAGNOSE_H
#define LM_GLPK_DIAGNOSE_H

#include <glpk.h>

#include "../backend.h"
#include "glpk_formulation.h"

/*
 * Solves a relaxed copy in which required needs may go uncovered, maximising how many are
 * met, and writes the ones left out into sol->message; when even that copy is infeasible
 * the fixed pairs conflict and the message names them. parm holds the solver settings
 * (its time limit bounds this search too). diag is scratch owned by the caller, freed with
 * lm_glpk_form_free() whatever happens. Returns MATCH_OK or MATCH_ENOMEM.
 */
int lm_glpk_diagnose(const lm_instance *inst, const glp_iocp *parm, lm_glpk_form *diag,
                     lm_solution *sol, char *errmsg);

#endif
