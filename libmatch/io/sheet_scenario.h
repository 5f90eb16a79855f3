/* The spreadsheet reader's core, for the writers (sheet_write.c) too. */
#ifndef LM_SHEET_SCENARIO_H
#define LM_SHEET_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "libmatch/sheets.h"

/*
 * Reads a workbook or CSV folder into the scenario document, validated. Any of doc, model
 * and chinese may be NULL. On failure nothing is returned and msg holds the message.
 */
int lm_sheets_read(const char *path, const match_sheet_options *options, json_t **doc,
                   match_model **model, bool *chinese, char *msg, size_t msg_size);

#endif
