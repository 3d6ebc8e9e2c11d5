"""Throughput and latency of the generated greet gRPC server through nginx
(deploy/nginx/greet-grpc.conf) and HAProxy (deploy/haproxy/greet-grpc.cfg) with 1 and 3
replicas, beside direct calls to one server, on loopback. Results: bench/results/grpc-load.md ("Through the proxy").

Two loads per configuration, one after the other:
  - `Greet` (a plain function, no header, round-robin over the replicas behind the proxy) from
    the Rust load client `greet-grpc-load` (2 connections, 32 calls in flight, 1 thread);
  - `Greeter.greet` (a call on a handle, with the `x-uniffi-replica` header, routed to the
    object's replica) from the generated Python client: THREADS threads, each with its own
    Greeter (made through the proxy, so spread over the replicas), calling in a loop.

Usage (from the repository root; the venv of scripts/test-grpc.sh has grpcio):
    cargo build --release -p greet-grpc-server -p greet-grpc-load
    ~/.cache/greet/venv/bin/python bench/grpc_load.py [--seconds 10] [--quick] [--proxies nginx,haproxy]
`--quick`: 1 s per load, debug binaries allowed (a smoke run, not figures)."""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "grpc"))
sys.path.insert(0, str(ROOT / "generated" / "python-grpc"))

from replicas import Cluster, Replica  # noqa: E402

THREADS = 4


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def rust_load(load_binary, target, seconds):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "load.json")
        subprocess.run(
            [load_binary, "--addr", target, "--connections", "2", "--concurrency", "32", "--threads", "1",
             "--seconds", str(seconds), "--warmup-seconds", str(min(1.0, seconds)), "--json", out],
            check=True, stdout=subprocess.DEVNULL, timeout=seconds + 60,
        )
        r = json.load(open(out))
    return {"calls_per_s": r["requests_per_second"], "p50": r["latency_ms"]["p50"], "p99": r["latency_ms"]["p99"], "errors": r["errors"]}


def python_object_load(target, seconds):
    import greet_grpc

    greet_grpc.connect(target, timeout=10)
    greeters = [greet_grpc.Greeter() for _ in range(THREADS)]
    owners = sorted({g._uniffi_handle >> 48 for g in greeters})
    latencies = [[] for _ in range(THREADS)]
    errors = [0]
    start = threading.Barrier(THREADS + 1)
    stop_at = [0.0]

    def run(i):
        g, mine = greeters[i], latencies[i]
        start.wait()
        while time.perf_counter() < stop_at[0]:
            t = time.perf_counter()
            try:
                g.greet("amigo")
            except Exception:
                errors[0] += 1
                continue
            mine.append(time.perf_counter() - t)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + seconds
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    for g in greeters:
        g.close()
    greet_grpc.close()
    all_ms = sorted(x * 1000 for xs in latencies for x in xs)
    return {"calls_per_s": len(all_ms) / elapsed, "p50": percentile(all_ms, 0.5), "p99": percentile(all_ms, 0.99), "errors": errors[0], "owners": owners}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=str(ROOT / "target" / "release" / "greet-grpc-server"))
    parser.add_argument("--load", default=str(ROOT / "target" / "release" / "greet-grpc-load"))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--quick", action="store_true", help="1 s per load (a smoke run)")
    parser.add_argument("--proxies", default="nginx,haproxy", help="comma-separated: nginx, haproxy")
    args = parser.parse_args()
    seconds = 1.0 if args.quick else args.seconds
    server_args = ("--threads", "1")
    rows = []

    def measure(name, target):
        greet = rust_load(args.load, target, seconds)
        obj = python_object_load(target, seconds)
        rows.append((name, greet, obj))
        print("{:<24} Greet (Rust client) {:>8.0f} calls/s p50 {:.3f} ms p99 {:.3f} ms, {} errors | Greeter.greet (Python, {} threads, replicas {}) {:>6.0f} calls/s p50 {:.3f} ms p99 {:.3f} ms, {} errors".format(
            name, greet["calls_per_s"], greet["p50"], greet["p99"], greet["errors"], THREADS, obj["owners"], obj["calls_per_s"], obj["p50"], obj["p99"], obj["errors"]), flush=True)

    # Direct: one server, no proxy.
    workdir = tempfile.mkdtemp(prefix="greet-load-")
    direct = Replica(args.server, 1, workdir, *server_args, log_calls=False)
    try:
        measure("direct, 1 server", "127.0.0.1:{}".format(direct.port))
    finally:
        direct.stop()
    for proxy in args.proxies.split(","):
        for n in (1, 3):
            cluster = Cluster(args.server, n=n, server_args=server_args, log_calls=False, proxy=proxy)
            try:
                measure("{}, {} replica{}".format(proxy, n, "s" if n > 1 else ""), cluster.target)
            finally:
                cluster.stop()

    print()
    print("| path | `Greet` calls/s (Rust client) | p50 ms | p99 ms | `Greeter.greet` calls/s (Python client) | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, g, o in rows:
        print("| {} | {:,.0f} | {:.3f} | {:.3f} | {:,.0f} | {:.3f} | {:.3f} | {} |".format(
            name, g["calls_per_s"], g["p50"], g["p99"], o["calls_per_s"], o["p50"], o["p99"], g["errors"] + o["errors"]))
    if any(g["errors"] or o["errors"] for _, g, o in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
