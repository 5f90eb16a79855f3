// LEMON's NetworkSimplex on a DIMACS min-cost flow file, such as the network that
// `match export --dimacs` writes: the same graph libmatch's flow path solves, so that the two
// solvers can be compared fairly. Bench only; libmatch never depends on LEMON.
//
//   lemon_dimacs FILE.dimacs [block|candidate|altering|first|best]
//
// The optional pivot rule is LEMON's (default block: its default, block search, the rule
// libmatch's solver uses too).
//
// Reads the file with a plain parser (LEMON's own reader goes through iostreams and would
// dominate the time), then times separately the graph build (LEMON's graph and maps) and the
// NetworkSimplex run, and prints one "lemon KEY VALUE" line per result: read, build and solve
// seconds, status, the minimum cost, and the model's objective converted back with the
// file's "c libmatch-scale S" and "c libmatch-constant C" comments (C - cost / S), when present.
#include <sys/resource.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

namespace {

struct Network {
    long nodes = -1, arcs = -1;
    std::vector<int> tail, head;
    std::vector<int64_t> lower, upper, cost;
    std::vector<int64_t> supply;
    double scale = 0.0, constant = 0.0;
    bool has_scale = false, has_constant = false;
};

bool fail(const char *path, long line, const char *what)
{
    std::fprintf(stderr, "lemon_dimacs: %s:%ld: %s\n", path, line, what);
    return false;
}

// Parses one integer field; advances p. False when none is there.
bool field(char *&p, int64_t &out)
{
    char *end;
    errno = 0;
    long long v = std::strtoll(p, &end, 10);
    if (end == p || errno != 0)
        return false;
    out = v;
    p = end;
    return true;
}

bool read_network(const char *path, Network &net)
{
    FILE *f = std::fopen(path, "r");
    if (f == nullptr) {
        std::fprintf(stderr, "lemon_dimacs: cannot open %s: %s\n", path, std::strerror(errno));
        return false;
    }
    static char buf[1 << 16];
    long line = 0;
    bool ok = true;
    while (ok && std::fgets(buf, sizeof buf, f) != nullptr) {
        ++line;
        char *p = buf + 1;
        int64_t a, b, lo, up, co;
        switch (buf[0]) {
        case 'c':
            if (std::sscanf(buf, "c libmatch-scale %lf", &net.scale) == 1)
                net.has_scale = true;
            else if (std::sscanf(buf, "c libmatch-constant %lf", &net.constant) == 1)
                net.has_constant = true;
            break;
        case 'p': {
            char kind[16];
            if (std::sscanf(buf, "p %15s %ld %ld", kind, &net.nodes, &net.arcs) != 3 ||
                std::strcmp(kind, "min") != 0 || net.nodes < 0 || net.arcs < 0 ||
                net.nodes > std::numeric_limits<int>::max() ||
                net.arcs > std::numeric_limits<int>::max()) {
                ok = fail(path, line, "expected \"p min NODES ARCS\"");
                break;
            }
            net.supply.assign((size_t)net.nodes, 0);
            net.tail.reserve((size_t)net.arcs);
            net.head.reserve((size_t)net.arcs);
            net.lower.reserve((size_t)net.arcs);
            net.upper.reserve((size_t)net.arcs);
            net.cost.reserve((size_t)net.arcs);
            break;
        }
        case 'n':
            if (net.nodes < 0 || !field(p, a) || !field(p, b) || a < 1 || a > net.nodes)
                ok = fail(path, line, "expected \"n NODE SUPPLY\" after the p line");
            else
                net.supply[(size_t)a - 1] = b;
            break;
        case 'a':
            if (net.nodes < 0 || !field(p, a) || !field(p, b) || !field(p, lo) || !field(p, up) ||
                !field(p, co) || a < 1 || a > net.nodes || b < 1 || b > net.nodes)
                ok = fail(path, line, "expected \"a TAIL HEAD LOWER CAPACITY COST\"");
            else if ((long)net.tail.size() == net.arcs)
                ok = fail(path, line, "more arcs than the p line says");
            else {
                net.tail.push_back((int)a - 1);
                net.head.push_back((int)b - 1);
                net.lower.push_back(lo);
                net.upper.push_back(up < lo ? std::numeric_limits<int64_t>::max() : up);
                net.cost.push_back(co);
            }
            break;
        case '\n':
            break;
        default:
            ok = fail(path, line, "unknown line");
        }
    }
    std::fclose(f);
    if (ok && net.nodes < 0)
        ok = fail(path, line, "no \"p min\" line");
    if (ok && (long)net.tail.size() != net.arcs)
        ok = fail(path, line, "fewer arcs than the p line says");
    return ok;
}

double seconds_since(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

int main(int argc, char **argv)
{
    using Solver = lemon::NetworkSimplex<lemon::SmartDigraph, int64_t, int64_t>;
    Solver::PivotRule rule = Solver::BLOCK_SEARCH;
    if (argc == 3) {
        const char *name = argv[2];
        if (std::strcmp(name, "block") == 0)
            rule = Solver::BLOCK_SEARCH;
        else if (std::strcmp(name, "candidate") == 0)
            rule = Solver::CANDIDATE_LIST;
        else if (std::strcmp(name, "altering") == 0)
            rule = Solver::ALTERING_LIST;
        else if (std::strcmp(name, "first") == 0)
            rule = Solver::FIRST_ELIGIBLE;
        else if (std::strcmp(name, "best") == 0)
            rule = Solver::BEST_ELIGIBLE;
        else
            argc = 0; /* usage */
    }
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: %s FILE.dimacs [block|candidate|altering|first|best]\n",
                     argv[0]);
        return 2;
    }
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    Network net;
    if (!read_network(argv[1], net))
        return 2;
    double read_s = seconds_since(t0);

    using Graph = lemon::SmartDigraph;
    auto t1 = clock::now();
    Graph g;
    g.reserveNode((int)net.nodes);
    g.reserveArc((int)net.arcs);
    for (long v = 0; v < net.nodes; ++v)
        g.addNode();
    for (long a = 0; a < net.arcs; ++a)
        g.addArc(g.nodeFromId(net.tail[(size_t)a]), g.nodeFromId(net.head[(size_t)a]));
    Graph::ArcMap<int64_t> lower(g), upper(g), cost(g);
    Graph::NodeMap<int64_t> supply(g);
    for (long a = 0; a < net.arcs; ++a) {
        Graph::Arc arc = g.arcFromId((int)a);
        lower[arc] = net.lower[(size_t)a];
        upper[arc] = net.upper[(size_t)a];
        cost[arc] = net.cost[(size_t)a];
    }
    for (long v = 0; v < net.nodes; ++v)
        supply[g.nodeFromId((int)v)] = net.supply[(size_t)v];
    Solver ns(g);
    ns.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(supply);
    double build_s = seconds_since(t1);

    auto t2 = clock::now();
    auto result = ns.run(rule);
    double solve_s = seconds_since(t2);

    std::printf("lemon read %.6f s\n", read_s);
    std::printf("lemon build %.6f s\n", build_s);
    std::printf("lemon solve %.6f s\n", solve_s);
    std::printf("lemon nodes %ld arcs %ld\n", net.nodes, net.arcs);
    const char *status = result == decltype(ns)::OPTIMAL      ? "optimal"
                         : result == decltype(ns)::INFEASIBLE ? "infeasible"
                                                              : "unbounded";
    std::printf("lemon status %s\n", status);
    if (result == decltype(ns)::OPTIMAL) {
        __int128 total = 0; // exact: flows and costs are 64-bit, their sum may not be
        for (long a = 0; a < net.arcs; ++a) {
            Graph::Arc arc = g.arcFromId((int)a);
            total += (__int128)ns.flow(arc) * (__int128)net.cost[(size_t)a];
        }
        std::printf("lemon cost %.17Lg\n", (long double)total);
        if (net.has_scale && net.has_constant)
            std::printf("lemon objective %.17Lg\n",
                        (long double)net.constant - (long double)total / (long double)net.scale);
    }
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) == 0)
        std::printf("lemon memory %.1f MiB\n", (double)usage.ru_maxrss / 1024.0);
    return result == decltype(ns)::OPTIMAL ? 0 : 3;
}
