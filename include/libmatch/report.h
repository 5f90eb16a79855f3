/*
 * libmatch: the plan as one self-contained HTML report (docs/report.md).
 *
 * The report is a single HTML file that opens offline: its style, its script, the Chart.js
 * bundle (compiled into the library) and its data are inlined, and it fetches nothing. It
 * shows the headline figures of match_plan_evaluate() (evaluate.h), coverage by priority and
 * street, a map of communities coloured by coverage, the unmet needs with their reasons, the
 * scenario's bottlenecks (explain.h), volunteers' and units' obligations, service points and,
 * given a previous plan, what changed (diff.h). The page writes "ok" into its element
 * #report-status once every chart has drawn.
 */
#ifndef LIBMATCH_REPORT_H
#define LIBMATCH_REPORT_H

#include "common.h"
#include "model.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Makes the report of @p plan against @p model.
 * @param out receives the HTML, a NUL-terminated UTF-8 string the caller frees with
 *        match_free() (io.h).
 * @param previous NULL, or the plan before (the "what changed" section).
 * @param lang "zh", "en", or NULL: Chinese when the scenario's name, communities or streets
 *        hold Chinese characters, else English.
 * @param plan_label how the page names the plan (its file name, say); NULL for none.
 * @return MATCH_OK, MATCH_EINVAL (NULL model, plan or out; lang not "zh" or "en"),
 *         MATCH_ENOMEM. Bottlenecks that cannot be computed leave their section empty.
 */
MATCH_API int match_report_html(char **out, match_model *model, const match_plan *plan,
                                const match_plan *previous, const char *lang,
                                const char *plan_label);

/** 1 when the library holds the Chart.js bundle (charts draw), 0 when it was built without. */
MATCH_API int match_report_has_charts(void);

#ifdef __cplusplus
}
#endif

#endif
