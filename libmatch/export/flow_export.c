/*
 * match_model_export() in DIMACS: the min-cost flow network that the flow path solves
 * (flow_network.h), written as it is handed to the network simplex, so that any other
 * min-cost flow solver can be timed on exactly the same graph.
 */
#include "flow_export.h"

#include <inttypes.h>
#include <stdio.h>

#include "../common/file_replace.h"
#include "../solve/flow/flow_network.h"
#include "../pairs/network_check.h"

typedef struct dimacs_run {
    const lm_flow_net *net;
    const char *name; /* the scenario's name, or NULL */
} dimacs_run;

/* A name fit for one comment line: control characters are replaced. */
static void write_comment_text(FILE *f, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; ++p)
        fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f);
}

static void write_header(FILE *f, const dimacs_run *run, size_t nodes, size_t arcs)
{
    const lm_flow_net *net = run->net;
    const match_model *m = net->inst->model;
    fputs("c libmatch min-cost flow network (DIMACS), the network its flow path solves\n", f);
    if (run->name != NULL) {
        fputs("c scenario: ", f);
        write_comment_text(f, run->name);
        fputc('\n', f);
    }
    fprintf(f,
            "c nodes: 1 source, 2 sink, 3..%zu volunteers, %zu..%zu resources, then one node per\n"
            "c   requirement of each need (hours, then each resource request), in file order\n",
            (size_t)2 + m->volunteers.len, (size_t)3 + m->volunteers.len,
            (size_t)2 + m->volunteers.len + m->resources.len);
    fputs("c arcs: volunteer pairs, resource pairs, supply arcs, requirement arcs, source-sink\n"
          "c costs are the model's real costs times libmatch-scale, rounded to integers; the\n"
          "c model's objective (maximised) = libmatch-constant - minimum cost / libmatch-scale\n",
          f);
    fprintf(f, "c libmatch-scale %.17g\n", net->scale);
    fprintf(f, "c libmatch-constant %.17g\n", net->constant);
    fprintf(f, "c libmatch-pairs %zu %zu\n", net->inst->n_pairs, net->inst->n_rpairs);
    fprintf(f, "p min %zu %zu\n", nodes, arcs);
}

static int write_network(FILE *f, const char *tmp_path, void *payload, char *errmsg)
{
    (void)tmp_path;
    (void)errmsg;
    const dimacs_run *run = payload;
    const lm_ns *ns = run->net->ns;
    size_t nodes = lm_ns_node_count(ns), arcs = lm_ns_arc_count(ns);
    write_header(f, run, nodes, arcs);
    for (size_t v = 0; v < nodes; ++v) {
        int64_t supply = lm_ns_supply(ns, v);
        if (supply != 0)
            fprintf(f, "n %zu %" PRId64 "\n", v + 1, supply);
    }
    for (size_t a = 0; a < arcs; ++a) {
        size_t tail, head;
        int64_t lower, upper, cost;
        lm_ns_get_arc(ns, a, &tail, &head, &lower, &upper, &cost);
        /* Every arc of the flow network is capacitated; LM_NS_INF would be written as -1,
         * which readers (LEMON's among them) take as "no limit" since it is below lower. */
        if (upper == LM_NS_INF)
            upper = -1;
        if (fprintf(f, "a %zu %zu %" PRId64 " %" PRId64 " %" PRId64 "\n", tail + 1, head + 1, lower,
                    upper, cost) < 0)
            return MATCH_EIO; /* the helper words the message from errno */
    }
    return ferror(f) ? MATCH_EIO : MATCH_OK;
}

int lm_flow_export_dimacs(const match_model *model, const char *path, char *errmsg)
{
    lm_instance inst;
    int rc = lm_instance_build(&inst, model, errmsg);
    if (rc != MATCH_OK)
        return rc;
    char why[LM_ERRMSG_SIZE / 2];
    if (!lm_instance_is_network(&inst, why, sizeof why)) {
        lm_instance_free(&inst);
        lm_errmsg_set(errmsg,
                      "cannot export %s as DIMACS: the scenario is not a pure network (%s); "
                      "export it as MPS or LP instead",
                      path, why);
        return MATCH_EINVAL;
    }
    lm_flow_net net;
    int ns_rc = lm_flow_build(&net, &inst, false);
    if (ns_rc == LM_NS_OK) {
        dimacs_run run = {.net = &net, .name = match_model_name(model)};
        rc = lm_file_replace(path, "network", write_network, &run, errmsg);
    } else if (ns_rc == LM_NS_INFEASIBLE) {
        lm_errmsg_set(errmsg,
                      "cannot export %s as DIMACS: a bound of the flow network contradicts "
                      "itself (a required need or fixed pair that no flow can meet; solve the "
                      "scenario to see which)",
                      path);
        rc = MATCH_EINVAL;
    } else {
        lm_solution unused;
        lm_solution_init(&unused);
        rc = lm_flow_status_to_match(ns_rc, &unused, errmsg);
    }
    lm_flow_free(&net);
    lm_instance_free(&inst);
    return rc;
}
