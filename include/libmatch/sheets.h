/*
 * libmatch: scenarios kept as spreadsheets, and the project list written as one.
 *
 * A scenario workbook (docs/spreadsheets.md) has one sheet per list: communities, units,
 * volunteers, resources, needs, and optionally policy, fixed, forbidden and pairs. A folder
 * of CSV files holds the same sheets, one file per sheet. Sheet names and column headers
 * may be Chinese or English (志愿者 / volunteers, 可服务时长 / hours, ...).
 *
 * The readers turn the rows into the scenario document of docs/model.md and validate it as
 * the JSON reader does, so the rules are the same; every error names the file, the sheet,
 * the row as the spreadsheet shows it, the column header and the cell:
 *
 *   志愿者.xlsx, sheet 志愿者, row 17, column 可服务时长: "24小时" is not a number
 *
 * Nothing is half-read: a failed read returns no model. Calls are independent: there is no
 * shared state, and separate calls may run in separate threads.
 */
#ifndef LIBMATCH_SHEETS_H
#define LIBMATCH_SHEETS_H

#include "common.h"
#include "model.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MATCH_SHEET_OPTIONS_VERSION 1

/** Options of the spreadsheet readers and writers. Initialise with match_sheet_options_init(). */
typedef struct match_sheet_options {
    int version; /**< MATCH_SHEET_OPTIONS_VERSION */
    /** CSV files: NULL or "auto" (UTF-8 with or without a byte-order mark, else GB18030),
     *  "utf-8", "gb18030" or "gbk". XLSX files are always UTF-8 inside. */
    const char *encoding;
    /** Writers: "zh" (Chinese sheet names and headers) or "en"; NULL: "zh". */
    const char *lang;
} match_sheet_options;

/** Sets the defaults. @return MATCH_OK; MATCH_EINVAL for NULL or another version. */
MATCH_API int match_sheet_options_init(match_sheet_options *options, int version);

/** 1 when @p path names a spreadsheet scenario (an .xlsx file or a folder), else 0. */
MATCH_API int match_path_is_sheets(const char *path);

/**
 * Reads a scenario workbook (.xlsx) or a folder of CSV files into the scenario document
 * (libmatch-scenario-1 JSON), validated.
 * @param json receives the document (indented JSON); free it with match_free().
 * @param lang receives "zh" when the headers were Chinese, else "en" (static); may be NULL.
 * @param options may be NULL (the defaults).
 * @param errbuf receives the message on failure (may be NULL), truncated to @p errbuf_size.
 * @return MATCH_OK; MATCH_EIO; MATCH_EPARSE (not a workbook, a broken CSV quote);
 *         MATCH_EINPUT, MATCH_ENOTFOUND, MATCH_EDUPLICATE (bad data); MATCH_ENOMEM;
 *         MATCH_EINVAL.
 */
MATCH_API int match_sheets_to_json(char **json, const char **lang, const char *path,
                                   const match_sheet_options *options, char *errbuf,
                                   size_t errbuf_size);

/** Reads a scenario workbook or CSV folder into a new model (see match_sheets_to_json()). */
MATCH_API int match_model_read_sheets(match_model **out, const char *path,
                                      const match_sheet_options *options, char *errbuf,
                                      size_t errbuf_size);

/**
 * Reads a scenario in any form: a JSON file, an .xlsx workbook or a folder of CSV files.
 * @param lang as in match_sheets_to_json() ("en" for JSON); may be NULL.
 */
MATCH_API int match_model_read_any(match_model **out, const char **lang, const char *path,
                                   const match_sheet_options *options, char *errbuf,
                                   size_t errbuf_size);

/**
 * Converts a scenario between its forms, chosen by the names: .json, .xlsx, or a folder of
 * CSV files (any other name). The input is read and validated in full before anything is
 * written; each file written replaces its target atomically.
 */
MATCH_API int match_scenario_convert(const char *in, const char *out,
                                     const match_sheet_options *options, char *errbuf,
                                     size_t errbuf_size);

/**
 * Writes an empty scenario workbook (.xlsx) or CSV folder: every sheet with its headers, one
 * example row, and a sheet explaining each column.
 */
MATCH_API int match_sheets_write_template(const char *path, const match_sheet_options *options,
                                          char *errbuf, size_t errbuf_size);

/**
 * Writes the project list (项目清单): an .xlsx workbook with the sheets projects,
 * assignments, volunteers and units; a .csv file with the projects sheet alone; or, for any
 * other name, a folder with one CSV file per sheet.
 * @param model the model the plan was solved from, for names, units and minimums; may be
 *        NULL (ids only).
 */
MATCH_API int match_plan_write_sheets(const match_plan *plan, const match_model *model,
                                      const char *path, const match_sheet_options *options,
                                      char *errbuf, size_t errbuf_size);

#ifdef __cplusplus
}
#endif

#endif
