#include "glpk_levels.h"

#include <math.h>
#include <stdlib.h>

/* The priority of a level's needs (levels 0..4 are priorities 5..1). */
static int level_priority(int level)
{
    return LM_PRIORITY_LEVELS - level;
}

static double level_weight(const lm_instance *inst, int level)
{
    return inst->model->policy.priority_weights[level_priority(level) - 1];
}

int lm_glpk_levels_init(lm_glpk_levels *lv, const lm_glpk_form *f, const lm_instance *inst)
{
    size_t n_needs = inst->model->needs.len;
    lv->n_cols = glp_get_num_cols(f->lp);
    lv->objective = malloc(((size_t)lv->n_cols + 1) * sizeof *lv->objective);
    lv->ind = malloc((n_needs + 1) * sizeof *lv->ind);
    lv->val = malloc((n_needs + 1) * sizeof *lv->val);
    if (lv->objective == NULL || lv->ind == NULL || lv->val == NULL)
        return MATCH_ENOMEM;
    for (int j = 0; j <= lv->n_cols; ++j)
        lv->objective[j] = glp_get_obj_coef(f->lp, j);
    return MATCH_OK;
}

void lm_glpk_levels_free(lm_glpk_levels *lv)
{
    free(lv->objective);
    free(lv->ind);
    free(lv->val);
    *lv = (lm_glpk_levels){0};
}

bool lm_glpk_level_active(const lm_instance *inst, int level)
{
    if (level == LM_COST_LEVEL)
        return true;
    if (!(level_weight(inst, level) > 0))
        return false;
    const match_model *m = inst->model;
    for (size_t i = 0; i < m->needs.len; ++i)
        if (m->needs.items[i].priority == level_priority(level))
            return true;
    return false;
}

void lm_glpk_level_objective(const lm_glpk_levels *lv, const lm_glpk_form *f,
                             const lm_instance *inst, int level)
{
    const match_model *m = inst->model;
    bool costs = level == LM_COST_LEVEL;
    for (int j = 0; j <= lv->n_cols; ++j)
        glp_set_obj_coef(f->lp, j, costs ? lv->objective[j] : 0.0);
    /* The coverage columns carry the value of every priority level. */
    for (size_t i = 0; i < m->needs.len; ++i) {
        bool mine = !costs && m->needs.items[i].priority == level_priority(level);
        glp_set_obj_coef(f->lp, f->col_c[i], mine ? level_weight(inst, level) : 0.0);
    }
}

double lm_glpk_level_slack(const lm_instance *inst, int level, double value)
{
    (void)inst;
    (void)level;
    return LM_GLPK_LEVEL_SLACK * fmax(1.0, fabs(value));
}

double lm_glpk_level_value(const lm_instance *inst, int level, const double *c)
{
    const match_model *m = inst->model;
    double value = 0.0;
    for (size_t i = 0; i < m->needs.len; ++i)
        if (m->needs.items[i].priority == level_priority(level))
            value += c[i];
    return level_weight(inst, level) * value;
}

void lm_glpk_level_keep(lm_glpk_levels *lv, const lm_glpk_form *f, const lm_instance *inst,
                        int level, double value)
{
    const match_model *m = inst->model;
    int len = 0;
    for (size_t i = 0; i < m->needs.len; ++i)
        if (m->needs.items[i].priority == level_priority(level)) {
            lv->ind[++len] = f->col_c[i];
            lv->val[len] = level_weight(inst, level);
        }
    int row = glp_add_rows(f->lp, 1);
    double floor_value = value - lm_glpk_level_slack(inst, level, value);
    glp_set_row_bnds(f->lp, row, GLP_LO, floor_value, floor_value);
    glp_set_mat_row(f->lp, row, len, lv->ind, lv->val);
}
