// Reference timing: LEMON's NetworkSimplex on the same seeded instance as ns_bench
// (ns_bench_gen.h). Bench only; libmatch never depends on LEMON.
//
//   lemon_bench VOLUNTEERS NEEDS ARCS_PER_VOLUNTEER SEED
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include "ns_bench_gen.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s VOLUNTEERS NEEDS ARCS_PER_VOLUNTEER SEED\n", argv[0]);
        return 2;
    }
    size_t n_vol = std::strtoull(argv[1], nullptr, 10),
           n_need = std::strtoull(argv[2], nullptr, 10);
    size_t per = std::strtoull(argv[3], nullptr, 10);
    uint64_t seed = std::strtoull(argv[4], nullptr, 10);
    ns_bench_instance in;
    if (ns_bench_generate(&in, n_vol, n_need, per, seed) != 0)
        return 1;

    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    lemon::SmartDigraph g;
    g.reserveNode((int)in.n_nodes);
    g.reserveArc((int)in.n_arcs);
    for (size_t v = 0; v < in.n_nodes; v++)
        g.addNode();
    for (size_t a = 0; a < in.n_arcs; a++)
        g.addArc(g.nodeFromId((int)in.tail[a]), g.nodeFromId((int)in.head[a]));
    lemon::SmartDigraph::ArcMap<int64_t> cap(g), cost(g);
    lemon::SmartDigraph::NodeMap<int64_t> supply(g);
    const int64_t inf = std::numeric_limits<int64_t>::max();
    for (size_t a = 0; a < in.n_arcs; a++) {
        lemon::SmartDigraph::Arc arc = g.arcFromId((int)a);
        cap[arc] = in.cap[a] < 0 ? inf : in.cap[a];
        cost[arc] = in.cost[a];
    }
    for (size_t v = 0; v < in.n_nodes; v++)
        supply[g.nodeFromId((int)v)] = in.supply[v];
    lemon::NetworkSimplex<lemon::SmartDigraph, int64_t, int64_t> ns(g);
    ns.upperMap(cap).costMap(cost).supplyMap(supply);
    auto t1 = clock::now();
    auto st = ns.run();
    auto t2 = clock::now();
    int64_t obj = st == ns.OPTIMAL ? ns.totalCost<int64_t>() : 0;
    std::printf("lemon: status %d  load %.3f s  solve %.3f s  objective %" PRId64 "\n", (int)st,
                std::chrono::duration<double>(t1 - t0).count(),
                std::chrono::duration<double>(t2 - t1).count(), obj);
    ns_bench_free(&in);
    return st == ns.OPTIMAL ? 0 : 1;
}
