/*
 * Writing the flow path's min-cost flow network as a DIMACS file (match_model_export() with
 * MATCH_EXPORT_DIMACS; the file's layout is described in include/libmatch/export.h).
 */
#ifndef LM_FLOW_EXPORT_H
#define LM_FLOW_EXPORT_H

#include "../model/model_internal.h"

/*
 * Writes the network of a pure-network model to path (replaced atomically). Returns MATCH_OK;
 * MATCH_EINVAL when the model is not a pure network, or its bounds contradict themselves;
 * MATCH_EIO, MATCH_ENOMEM or MATCH_ESOLVER; the message in errmsg (LM_ERRMSG_SIZE bytes).
 */
int lm_flow_export_dimacs(const match_model *model, const char *path, char *errmsg);

#endif
