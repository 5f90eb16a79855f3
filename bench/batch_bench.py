#!/usr/bin/env python3
"""Speed-up of a batch of city solves with 2 workers over 1 (docs/performance.md, "Batches
on threads and on Dask").

Generates CITIES scenarios with gen_scenario.py (seeds 1..CITIES, one --size preset and
variant), solves them with libmatch.batch on a Dask LocalCluster of 1 and then 2 worker
processes (one thread each, loopback interface), and on 1 and 2 threads in this process;
prints the wall seconds of each batch (the cluster's start-up excluded and printed apart),
the speed-ups, and checks that every way gives the same rows.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/batch_bench.py --size M \\
        --variant network --cities 6

Worker processes inherit PYTHONPATH, so they import the same built package.
"""

import argparse
import importlib.util
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def generator():
    spec = importlib.util.spec_from_file_location("gen_scenario",
                                                  os.path.join(HERE, "gen_scenario.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_cities(directory, size, variant, count):
    """The scenarios as gen_scenario.py writes them from its command line."""
    gen = generator()
    paths = []
    for seed in range(1, count + 1):
        path = os.path.join(directory, f"city{seed:02d}.json")
        gen.main(["--seed", str(seed), "--size", size, "--variant", variant, "-o", path])
        paths.append(path)
    return paths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="M", help="gen_scenario.py preset (default M)")
    ap.add_argument("--variant", default="network", help="gen_scenario.py variant")
    ap.add_argument("--cities", type=int, default=6)
    ap.add_argument("--time-limit", type=float, default=None)
    args = ap.parse_args(argv)

    import libmatch
    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory(prefix="libmatch-batch-bench-") as tmp:
        paths = write_cities(tmp, args.size, args.variant, args.cities)
        print(f"{args.cities} cities, --size {args.size} --variant {args.variant}, "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        results = {}
        for n in (1, 2):
            started = time.monotonic()
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                              host="127.0.0.1", dashboard_address=None,
                              silence_logs=40) as cluster, Client(cluster) as client:
                client.wait_for_workers(n, timeout=120)
                up = time.monotonic() - started
                t0 = time.monotonic()
                frame = libmatch.batch(paths, client=client, time_limit=args.time_limit)
                seconds = time.monotonic() - t0
            results[f"dask {n}"] = (seconds, frame)
            print(f"dask   {n} worker(s): {seconds:7.2f} s  (cluster start {up:.1f} s)",
                  flush=True)
        for n in (1, 2):
            t0 = time.monotonic()
            frame = libmatch.batch(paths, workers=n, time_limit=args.time_limit)
            seconds = time.monotonic() - t0
            results[f"threads {n}"] = (seconds, frame)
            print(f"threads {n} worker(s): {seconds:7.2f} s", flush=True)
        reference = results["threads 1"][1].drop(columns=["solve_seconds"])
        same = all(f.drop(columns=["solve_seconds"]).equals(reference)
                   for _, f in results.values())
        solve = results["threads 1"][1]["solve_seconds"]
        print(f"one solve: {solve.mean():.2f} s on average; statuses "
              f"{sorted(set(results['threads 1'][1]['status']))}")
        print(f"speed-up of 2 over 1: dask {results['dask 1'][0] / results['dask 2'][0]:.2f}x, "
              f"threads {results['threads 1'][0] / results['threads 2'][0]:.2f}x; "
              f"same rows every way: {same}")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
