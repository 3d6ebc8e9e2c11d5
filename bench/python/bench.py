#!/usr/bin/env python3
"""The greet benchmark: the same Rust `greet()` called from Python six ways.

Run it through `bash scripts/bench.sh`, which builds everything, stages the Python modules on
PYTHONPATH, starts the gRPC server and then calls, in order:

    bench.py check     --grpc ADDR                     every approach gives exactly the right result
    bench.py time      --grpc ADDR --out F [--quick]   ns/call, approaches interleaved, rotating order
    bench.py callgrind --grpc ADDR --out F [--quick]   instructions/call: (Ir(N) - Ir(0)) / N
    bench.py anatomy   --out F                         Python calls / foreign calls inside one call
    bench.py imports   --out F [--runs R]              import time in a fresh interpreter
    bench.py report    --raw DIR --out-dir DIR         markdown table, SVG chart, headline

Each subcommand exits non-zero when an approach returns a wrong result or raises the wrong
exception, so `bench.sh --quick` doubles as an end-to-end test. No subcommand has a timing
threshold.
"""

# Only cheap imports at the top: `callgrind-one` runs under valgrind, where every instruction of
# start-up is paid for (and subtracted). The rest is imported where it is used.
import itertools
import os
import sys
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))

# --- what is measured ------------------------------------------------------------------------

PAYLOADS = {
    "short": ("Salutations", "friend"),
    "non-ascii": ("こんにちは", "世界🌏👋"),
    "1mib": ("Hello", "x" * (1 << 20)),
}
GREETER_NAME = "friend"

# (id, label) in table order.
CASES = [
    ("short", "greet(): two short ASCII strings"),
    ("non-ascii", "greet(): CJK + emoji"),
    ("1mib", "greet(): 1 MiB name"),
    ("greeter", "Greeter().greet(name): method call"),
    ("error", "Greeter().greet(\"\"): raises EmptyName"),
]
CASE_LABELS = dict(CASES)

# (id, label, module imported) in table order.
APPROACHES = [
    ("pure", "pure Python (floor)", "pure_greet"),
    ("pyo3", "PyO3, hand-written (maturin)", "greet_pyo3"),
    ("cffi", "CFFI, API mode (C ABI)", "greet_cffi"),
    ("cffi-gen", "CFFI, generated from greet.udl", "greet"),
    ("ctypes", "ctypes (C ABI)", "greet_ctypes"),
    ("uniffi", "uniffi, generated bindings", "greet"),
    ("native", "native backend, generated PyO3", "greet"),
    ("grpc", "gRPC: grpcio → tonic, loopback", "grpc_greet"),
    ("grpc-gen", "gRPC, generated from greet.udl: client → greet-grpc-server", "greet_grpc"),
]
APPROACH_LABELS = {a: label for a, label, _ in APPROACHES}
APPROACH_MODULES = {a: module for a, _, module in APPROACHES}
REMOTE = ("grpc", "grpc-gen")
IN_PROCESS = [a for a, _, _ in APPROACHES if a not in REMOTE]

# Two approaches are the module `greet`: the uniffi bindings (greet.py on PYTHONPATH) and the
# native backend's package (greet/__init__.py + _native.so), staged in its own folder.
NATIVE_DIR = os.environ.get("GREET_NATIVE_DIR", "")
# A third: the CFFI module generated from the C header (generated/python-cffi: greet/__init__.py
# + _cffi.*.so + libgreet_c.so), staged in its own folder too.
CFFI_DIR = os.environ.get("GREET_CFFI_DIR", "")


def approach_env(approach, env=None):
    """The environment for a child interpreter that imports `approach`'s module."""
    env = dict(os.environ if env is None else env)
    if approach == "native":
        env["PYTHONPATH"] = os.pathsep.join(p for p in (native_dir(), env.get("PYTHONPATH")) if p)
    if approach == "cffi-gen":
        env["PYTHONPATH"] = os.pathsep.join(p for p in (cffi_dir(), env.get("PYTHONPATH")) if p)
    return env


def native_dir():
    if not NATIVE_DIR or not os.path.isfile(os.path.join(NATIVE_DIR, "greet", "__init__.py")):
        raise SystemExit(f"bench.py: the native approach needs GREET_NATIVE_DIR (a folder holding "
                         f"the native backend's greet/ package), got {NATIVE_DIR!r}")
    return NATIVE_DIR


def cffi_dir():
    if not CFFI_DIR or not os.path.isfile(os.path.join(CFFI_DIR, "greet", "__init__.py")):
        raise SystemExit(f"bench.py: the cffi-gen approach needs GREET_CFFI_DIR (a folder holding "
                         f"the generated CFFI module's greet/ package), got {CFFI_DIR!r}")
    return CFFI_DIR


def import_greet(directory=None):
    """Imports `greet` from `directory` (first on sys.path while importing), or from sys.path,
    forgetting whichever `greet` was imported before. Objects already taken from the earlier
    module keep working: nothing in either module looks itself up in sys.modules at call time,
    except the native glue's class lookups, which load() fills before returning."""
    for name in [n for n in sys.modules if n == "greet" or n.startswith("greet.")]:
        del sys.modules[name]
    if directory:
        sys.path.insert(0, directory)
    try:
        import greet
    finally:
        if directory:
            sys.path.remove(directory)
    return greet


class Mismatch(Exception):
    """An approach returned a wrong result or raised the wrong exception."""


class Cell:
    """One (approach, case): a timeit statement, its namespace, and a correctness check."""

    def __init__(self, stmt, namespace, check):
        self.stmt = stmt
        self.namespace = namespace
        self.check = check

    def timer(self):
        return timeit.Timer(self.stmt, globals=self.namespace)


def _short(value):
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}... ({len(value)} chars)"


def function_cells(approach, fn):
    cells = {}
    for case, (greeting, name) in PAYLOADS.items():
        expected = greeting + ", " + name

        def check(fn=fn, greeting=greeting, name=name, expected=expected, case=case):
            got = fn(greeting, name)
            if type(got) is not str or got != expected:
                raise Mismatch(f"{approach}/{case}: got {_short(got)}, want {_short(expected)}")

        cells[case] = Cell("f(a, b)", {"f": fn, "a": greeting, "b": name}, check)
    return cells


def greeter_cells(approach, greeter_class, empty_name_error):
    greeter = greeter_class()
    expected = "Hi, " + GREETER_NAME

    def check_greet():
        got = greeter.greet(GREETER_NAME)
        if got != expected:
            raise Mismatch(f"{approach}/greeter: got {_short(got)}, want {expected!r}")

    def check_error():
        try:
            got = greeter.greet("")
        except empty_name_error:
            return
        except Exception as err:  # noqa: BLE001 - reported as a mismatch
            raise Mismatch(f"{approach}/error: raised {type(err).__name__}: {err}, "
                           f"want {empty_name_error.__name__}") from err
        raise Mismatch(f"{approach}/error: returned {got!r}, want {empty_name_error.__name__}")

    stmt_error = "try:\n    g.greet(n)\nexcept E:\n    pass"
    return {
        "greeter": Cell("g.greet(n)", {"g": greeter, "n": GREETER_NAME}, check_greet),
        "error": Cell(stmt_error, {"g": greeter, "n": "", "E": empty_name_error}, check_error),
    }


def load(approach, grpc_address=None):
    """Imports an approach and returns {case: Cell} for the cases it has."""
    if approach == "pure":
        import pure_greet as m
        cells = function_cells(approach, m.greet)
        cells.update(greeter_cells(approach, m.Greeter, m.EmptyName))
    elif approach == "pyo3":
        import greet_pyo3 as m
        cells = function_cells(approach, m.greet)
        cells.update(greeter_cells(approach, m.Greeter, m.EmptyName))
    elif approach == "cffi":
        import greet_cffi as m
        cells = function_cells(approach, m.greet)
    elif approach == "ctypes":
        import greet_ctypes as m
        cells = function_cells(approach, m.greet)
    elif approach == "cffi-gen":
        m = import_greet(cffi_dir())
        if not hasattr(m, "_cffi"):
            raise Mismatch(f"cffi-gen: `import greet` found {m.__file__}, not the generated CFFI module")
        cells = function_cells(approach, m.greet)
        cells.update(greeter_cells(approach, m.Greeter, m.GreetError.EmptyName))
    elif approach == "uniffi":
        m = import_greet()
        if not hasattr(m, "_UniffiLib"):
            raise Mismatch(f"uniffi: `import greet` found {m.__file__}, not the uniffi bindings")
        cells = function_cells(approach, m.greet)
        cells.update(greeter_cells(approach, m.Greeter, m.GreetError.EmptyName))
    elif approach == "native":
        m = import_greet(native_dir())
        if not hasattr(m, "_native"):
            raise Mismatch(f"native: `import greet` found {m.__file__}, not the native backend")
        cells = function_cells(approach, m.greet)
        cells.update(greeter_cells(approach, m.Greeter, m.GreetError.EmptyName))
        # The glue looks its Python classes up in `greet` once, on first use: do that now,
        # while sys.modules["greet"] is this package.
        for cell in cells.values():
            cell.check()
    elif approach == "grpc":
        if not grpc_address:
            raise SystemExit("bench.py: the grpc approach needs --grpc HOST:PORT")
        import grpc_greet
        client = grpc_greet.Client(grpc_address)
        cells = function_cells(approach, client.greet)
    elif approach == "grpc-gen":
        # The client generated into generated/python-grpc; the server is greet-grpc-server,
        # whose address bench.sh puts in $GREET_GRPC_TARGET (connect()'s default).
        if not os.environ.get("GREET_GRPC_TARGET"):
            raise SystemExit("bench.py: the grpc-gen approach needs $GREET_GRPC_TARGET (HOST:PORT)")
        import greet_grpc as m
        m.connect()
        cells = function_cells(approach, m.greet)
        cells.update(greeter_cells(approach, m.Greeter, m.GreetError.EmptyName))
    else:
        raise SystemExit(f"bench.py: unknown approach {approach!r}")
    return cells


def selected(args):
    wanted = args.approaches.split(",") if getattr(args, "approaches", None) else [a for a, _, _ in APPROACHES]
    for a in wanted:
        if a not in APPROACH_LABELS:
            raise SystemExit(f"bench.py: unknown approach {a!r}")
    return wanted


def write_json(path, data):
    import json

    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(path + ".tmp", path)


# --- check -----------------------------------------------------------------------------------

def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def cmd_check(args):
    failures = 0
    for approach in selected(args):
        try:
            cells = load(approach, args.grpc)
            for case, cell in cells.items():
                cell.check()
            note = ""
            if approach in IN_PROCESS:
                # A leak of the returned string would grow RSS by >= 1 MiB per call here.
                big = cells["1mib"]
                for _ in range(8):
                    big.check()
                before = rss_bytes()
                for _ in range(64):
                    big.check()
                grown = rss_bytes() - before
                if grown > 32 << 20:
                    raise Mismatch(f"{approach}: RSS grew {grown >> 20} MiB over 64 calls with a "
                                   "1 MiB name: the result is leaked")
                note = f", RSS +{grown >> 10} KiB over 64 x 1 MiB calls"
            print(f"check: {approach:7} ok ({', '.join(cells)}{note})")
        except Mismatch as err:
            failures += 1
            print(f"check: {approach:7} FAILED: {err}", file=sys.stderr)
    if failures:
        raise SystemExit(f"check: {failures} approach(es) returned wrong results")


# --- wall time -------------------------------------------------------------------------------

def calibrate(timer, target, cap):
    """Number of calls for one measurement of about `target` seconds (at most `cap`)."""
    n = 1
    while True:
        elapsed = timer.timeit(n)
        if elapsed >= target / 5 or n >= cap:
            break
        n = min(cap, n * 4 if elapsed < target / 100 else n * 2)
    per_call = max(elapsed / n, 1e-9)
    return max(1, min(cap, round(target / per_call)))


def cmd_time(args):
    import resource
    import statistics

    quick = args.quick
    target = 0.004 if quick else args.target
    repeats = 3 if quick else args.repeats
    cells = []
    for approach in selected(args):
        for case, cell in load(approach, args.grpc).items():
            cells.append((approach, case, cell))
    # Warm up (every cell checked once), then size each measurement.
    plan = []
    for approach, case, cell in cells:
        cell.check()
        timer = cell.timer()
        cap = (5 if quick else 2000) if approach in REMOTE else (200 if quick else 10_000_000)
        plan.append((approach, case, cell, timer, calibrate(timer, target, cap)))
    loop = min(timeit.Timer("pass").repeat(5, 200_000)) / 200_000 * 1e9  # ns per empty iteration
    results = {f"{a}/{c}": [] for a, c, _, _, _ in plan}
    faults = {f"{a}/{c}": [] for a, c, _, _, _ in plan}
    started = time.perf_counter()
    for r in range(repeats):
        shift = (r * len(plan)) // repeats
        for approach, case, cell, timer, n in plan[shift:] + plan[:shift]:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            results[f"{approach}/{case}"].append(timer.timeit(n) / n * 1e9)
            faults[f"{approach}/{case}"].append(
                (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / n)
        print(f"time: repeat {r + 1}/{repeats} done ({time.perf_counter() - started:.1f} s)", flush=True)
    for approach, case, cell, _, _ in plan:
        cell.check()  # still right after all the calls
    out = {
        "repeats": repeats,
        "target_seconds": target,
        "empty_loop_ns": loop,
        "glibc_tunables": os.environ.get("GLIBC_TUNABLES", ""),
        "cells": {
            f"{a}/{c}": {"approach": a, "case": c, "calls_per_repeat": n,
                         "ns": results[f"{a}/{c}"],
                         "minor_faults_per_call": statistics.median(faults[f"{a}/{c}"]),
                         "median_ns": statistics.median(results[f"{a}/{c}"]),
                         "min_ns": min(results[f"{a}/{c}"])}
            for a, c, _, _, n in plan
        },
    }
    write_json(args.out, out)
    for key, cell in out["cells"].items():
        print(f"time: {key:18} median {fmt_ns(cell['median_ns']):>10}  min {fmt_ns(cell['min_ns']):>10}")


# --- page faults with glibc's default malloc -------------------------------------------------

def cmd_faults_one(args):
    """In a fresh process: N calls with the 1 MiB name; prints per-call wall time and rusage."""
    import json
    import resource

    timer = load(args.approach)["1mib"].timer()
    timer.timeit(args.n)  # reach the allocator's steady state
    r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    timer.timeit(args.n)
    t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"wall_ns": (t1 - t0) / args.n * 1e9,
                      "minor_faults": (r1.ru_minflt - r0.ru_minflt) / args.n,
                      "sys_ns": (r1.ru_stime - r0.ru_stime) / args.n * 1e9,
                      "user_ns": (r1.ru_utime - r0.ru_utime) / args.n * 1e9}))


def cmd_faults(args):
    """The 1 MiB case with glibc's default malloc settings, one fresh process per approach and
    run: how much of its wall time is the kernel mapping fresh pages."""
    import json
    import statistics
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "GLIBC_TUNABLES"}
    approaches = [a for a in selected(args) if a in IN_PROCESS]
    runs = 1 if args.quick else 5
    n = 3 if args.quick else 40
    samples = {a: [] for a in approaches}
    for r in range(runs):
        shift = r % len(approaches)
        for approach in approaches[shift:] + approaches[:shift]:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "faults-one",
                                   "--approach", approach, "--n", str(n)],
                                  env=approach_env(approach, env), capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"faults: {approach} failed:\n{proc.stderr}")
            samples[approach].append(json.loads(proc.stdout))
    out = {"runs": runs, "calls": n, "cells": {}}
    for approach in approaches:
        out["cells"][approach] = {key: statistics.median(s[key] for s in samples[approach])
                                  for key in ("wall_ns", "minor_faults", "sys_ns", "user_ns")}
        c = out["cells"][approach]
        print(f"faults: {approach:7} 1 MiB, default malloc: {fmt_ns(c['wall_ns']):>10}/call, "
              f"{c['minor_faults']:.0f} minor faults/call, {fmt_ns(c['sys_ns'])} system time/call")
    write_json(args.out, out)


# --- callgrind -------------------------------------------------------------------------------

def callgrind_calls(approach, case, quick):
    if quick:
        return 2 if case == "1mib" else 20
    if case == "1mib":
        return 20 if approach in REMOTE else 50
    return {"pure": 20000, "pyo3": 20000, "native": 20000, "cffi": 10000, "cffi-gen": 10000, "ctypes": 5000,
            "uniffi": 2000, "grpc": 200, "grpc-gen": 200}[approach]


def cmd_callgrind_one(args):
    """Runs inside valgrind: identical set-up whatever N, then N calls of one cell."""
    cells = load(args.approach, args.grpc)
    timers = {case: cell.timer() for case, cell in cells.items()}
    for _ in range(2):  # warm every cell (first-call caches, lazy imports) in every run
        for cell in cells.values():
            cell.check()
    if args.n:
        timers[args.case].timeit(args.n)


class CallgrindOne:
    def __init__(self, approach, case, n, grpc):
        self.approach, self.case, self.n, self.grpc = approach, case, n, grpc


def callgrind_counts(path):
    """(total instructions, calls into libffi's ffi_call) from a callgrind output file."""
    import re

    names, current, ir, ffi_calls = {}, None, None, 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(("fn=", "cfn=")):
                m = re.match(r"c?fn=\((\d+)\)(?: (.*))?", line)
                if m and m.group(2):
                    names[m.group(1)] = m.group(2).strip()
                current = names.get(m.group(1)) if m and line.startswith("cfn=") else None
            elif line.startswith("calls=") and current == "ffi_call":
                ffi_calls += int(line[6:].split()[0])
                current = None
            elif ir is None:
                m = re.match(r"(?:summary|totals):\s+(\d+)", line)
                if m:
                    ir = int(m.group(1))
    if ir is None:
        raise RuntimeError(f"no totals in {path}")
    return ir, ffi_calls


def cmd_callgrind(args):
    import concurrent.futures
    import subprocess
    import tempfile

    runs = []
    for approach in selected(args):
        cases = [c for c, _ in CASES if c in CASES_BY_APPROACH[approach]]
        if args.quick:
            cases = cases[:1]
        runs.append((approach, cases[0], 0))  # the baseline: same set-up, no measured call
        runs += [(approach, c, callgrind_calls(approach, c, args.quick)) for c in cases]
        if approach == "grpc" and args.grpc_server_bin:
            # The other half of a gRPC call: the tonic server, run under callgrind itself.
            runs.append(("grpc-server", cases[0], 0))
            runs += [("grpc-server", c, callgrind_calls(approach, c, args.quick)) for c in cases]
    env = dict(os.environ, PYTHONHASHSEED="0")
    tmp = tempfile.mkdtemp(prefix="greet-callgrind-")

    def run_server(job):
        """grpc-greet-server under callgrind; an ordinary client process makes the calls (same
        set-up as callgrind-one: warm-up, then N calls); EOF on stdin stops the server."""
        _, case, n = job
        out = os.path.join(tmp, f"server-{case}-{n}.out")
        port_file = os.path.join(tmp, f"server-{case}-{n}.port")
        log = os.path.join(tmp, f"server-{case}-{n}.log")
        t0 = time.perf_counter()
        with open(log, "w") as log_file:
            server = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                                       args.grpc_server_bin, "--addr", "127.0.0.1:0",
                                       "--port-file", port_file, "--exit-on-stdin-eof"],
                                      stdin=subprocess.PIPE, stdout=log_file, stderr=log_file)
        try:
            deadline = time.monotonic() + 300
            while not os.path.exists(port_file):
                if server.poll() is not None or time.monotonic() > deadline:
                    with open(log) as f:
                        raise RuntimeError(f"grpc-greet-server under callgrind did not start:\n"
                                           f"{f.read()[-4000:]}")
                time.sleep(0.1)
            with open(port_file) as f:
                address = f"127.0.0.1:{f.read().strip()}"
            subprocess.run([sys.executable, os.path.abspath(__file__), "callgrind-one",
                            "--approach", "grpc", "--case", case, "--n", str(n), "--grpc", address],
                           env=env, check=True)
        finally:
            server.stdin.close()
            try:
                server.wait(timeout=300)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if server.returncode != 0:
            raise RuntimeError(f"grpc-greet-server under callgrind exited {server.returncode}")
        counts = callgrind_counts(out)
        for path in (out, log, port_file):
            os.remove(path)
        print(f"callgrind: grpc-server/{case} N={n}: Ir={counts[0]} ({time.perf_counter() - t0:.0f} s)",
              flush=True)
        return job, counts

    def run(job):
        approach, case, n = job
        if approach == "grpc-server":
            return run_server(job)
        out = os.path.join(tmp, f"{approach}-{case}-{n}.out")
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
               sys.executable, os.path.abspath(__file__), "callgrind-one",
               "--approach", approach, "--case", case, "--n", str(n)]
        if args.grpc:
            cmd += ["--grpc", args.grpc]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=approach_env(approach, env), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"callgrind {approach}/{case} N={n} failed:\n{proc.stderr[-4000:]}")
        counts = callgrind_counts(out)
        os.remove(out)
        print(f"callgrind: {approach}/{case} N={n}: Ir={counts[0]} ({time.perf_counter() - t0:.0f} s)",
              flush=True)
        return job, counts

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        irs = dict(pool.map(run, runs))
    os.rmdir(tmp)
    cells = {}
    measured = selected(args) + (["grpc-server"] if any(a == "grpc-server" for a, _, _ in runs) else [])
    for approach in measured:
        base, base_ffi = next(v for (a, _, n), v in irs.items() if a == approach and n == 0)
        for (a, case, n), (ir, ffi) in irs.items():
            if a == approach and n:
                cells[f"{a}/{case}"] = {"approach": a, "case": case, "calls": n, "ir_n": ir,
                                        "ir_0": base, "ir_per_call": (ir - base) / n,
                                        "ffi_calls_per_call": (ffi - base_ffi) / n}
    write_json(args.out, {"tool": valgrind_version(), "cells": cells})
    for key, cell in cells.items():
        print(f"callgrind: {key:18} {cell['ir_per_call']:>14,.0f} instructions/call")


def valgrind_version():
    import subprocess

    try:
        return subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "valgrind (not found)"


CASES_BY_APPROACH = {
    "pure": ["short", "non-ascii", "1mib", "greeter", "error"],
    "pyo3": ["short", "non-ascii", "1mib", "greeter", "error"],
    "uniffi": ["short", "non-ascii", "1mib", "greeter", "error"],
    "native": ["short", "non-ascii", "1mib", "greeter", "error"],
    "cffi": ["short", "non-ascii", "1mib"],
    "cffi-gen": ["short", "non-ascii", "1mib", "greeter", "error"],
    "ctypes": ["short", "non-ascii", "1mib"],
    "grpc": ["short", "non-ascii", "1mib"],
    "grpc-gen": ["short", "non-ascii", "1mib", "greeter", "error"],
}


# --- anatomy: what one call does at the Python level ---------------------------------------

def cmd_anatomy(args):
    """Counts, for one warm short call, the Python functions entered, the C functions called and
    the ctypes foreign calls among them (sys.setprofile). Deterministic; explains the figures."""
    import ctypes

    def count(timer):
        counts = {"python_calls": 0, "c_calls": 0, "ctypes_calls": 0, "generators": 0}

        def profile(frame, event, arg):
            if event == "call":
                counts["python_calls"] += 1
                if frame.f_code.co_flags & 0x20:  # CO_GENERATOR: @contextmanager bodies
                    counts["generators"] += 1
            elif event == "c_call":
                counts["c_calls"] += 1
                if isinstance(arg, ctypes._CFuncPtr):
                    counts["ctypes_calls"] += 1

        sys.setprofile(profile)
        try:
            timer.inner(itertools.repeat(None, 1), timer.timer)
        finally:
            sys.setprofile(None)
        return counts

    # What the measuring loop itself contributes (the clock calls, setprofile): subtracted.
    empty = count(timeit.Timer("pass"))
    out = {}
    for approach in [a for a in selected(args) if a in IN_PROCESS]:
        cells = load(approach)
        for case in ("short", "greeter", "error"):
            if case not in cells:
                continue
            cell = cells[case]
            timer = cell.timer()
            cell.check()
            counts = {k: v - empty[k] for k, v in count(timer).items()}
            out[f"{approach}/{case}"] = dict(counts, approach=approach, case=case)
            print(f"anatomy: {approach}/{case}: {counts}")
    write_json(args.out, out)


# --- import time -----------------------------------------------------------------------------

IMPORT_CODE = ("import time; t0 = time.perf_counter_ns(); import {module}; "
               "t1 = time.perf_counter_ns(); print(t1 - t0)")

AUDIT_CODE = r"""
import importlib.util, os, struct, sys
import {module}
stale = []
for name, mod in list(sys.modules.items()):
    origin = getattr(getattr(mod, "__spec__", None), "origin", None) or ""
    cached = getattr(getattr(mod, "__spec__", None), "cached", None)
    if not origin.endswith(".py") or not cached:
        continue
    try:
        with open(cached, "rb") as f:
            header = f.read(16)
        flags, mtime, size = struct.unpack("<III", header[4:16])
        st = os.stat(origin)
        if flags == 0 and (mtime != int(st.st_mtime) & 0xFFFFFFFF or size != st.st_size & 0xFFFFFFFF):
            stale.append(origin)
    except OSError:
        stale.append(origin)
print("\n".join(stale))
"""


def cmd_imports(args):
    import statistics
    import subprocess

    runs = 3 if args.quick else args.runs
    modules = [(a, APPROACH_MODULES[a]) for a in selected(args)]
    samples = {a: [] for a, _ in modules}
    startup = []
    # .pyc audit: every module the import pulls in must have an up-to-date .pyc.
    audit = {}
    for approach, module in modules:
        proc = subprocess.run([sys.executable, "-c", AUDIT_CODE.format(module=module)],
                              env=approach_env(approach), capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"imports: `import {module}` failed:\n{proc.stderr}")
        audit[approach] = [line for line in proc.stdout.splitlines() if line]
        if audit[approach]:
            print(f"imports: WARNING {module}: {len(audit[approach])} modules without an "
                  f"up-to-date .pyc, e.g. {audit[approach][0]}", file=sys.stderr)
    for r in range(runs):
        shift = r % len(modules)
        for approach, module in modules[shift:] + modules[:shift]:
            proc = subprocess.run([sys.executable, "-c", IMPORT_CODE.format(module=module)],
                                  env=approach_env(approach), capture_output=True, text=True, check=True)
            samples[approach].append(int(proc.stdout.strip()) / 1e6)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        startup.append((time.perf_counter() - t0) * 1e3)
    # Where the biggest imports spend their time (one extra run with -X importtime).
    breakdown = {}
    for approach, module in modules:
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                              env=approach_env(approach), capture_output=True, text=True, check=True)
        breakdown[approach] = importtime_top(proc.stderr, module)
    # Noise-free companion: instructions of `import X` = Ir(python -c "import X") - Ir(python -c "pass"),
    # and of the modules X's own source imports (what is left is X's own body). Keyed by
    # approach: two approaches are `import greet`, each with its own PYTHONPATH.
    deps = {} if args.quick else {a: top_level_imports(a, m) for a, m in modules}
    jobs = [(a, a, f"import {m}") for a, m in modules] + \
           [(f"{a}:deps", a, f"import {', '.join(d)}") for a, d in deps.items() if d]
    irs = import_instructions(jobs, args.jobs)
    import_ir = {a: irs[a] for a, _ in modules}
    import_deps_ir = {a: {"modules": d, "instructions": irs[f"{a}:deps"]} for a, d in deps.items() if d}
    out = {
        "runs": runs,
        "import_instructions": import_ir,
        "import_dependencies": import_deps_ir,
        "interpreter_startup_ms": {"median": statistics.median(startup), "min": min(startup)},
        "pyc_audit": audit,
        "modules": {a: {"module": m, "ms": samples[a], "median_ms": statistics.median(samples[a]),
                        "min_ms": min(samples[a]), "top": breakdown[a]} for a, m in modules},
    }
    write_json(args.out, out)
    for approach, module in modules:
        cell = out["modules"][approach]
        print(f"imports: {approach:7} {module:11} median {cell['median_ms']:8.2f} ms  "
              f"min {cell['min_ms']:8.2f} ms  {import_ir[approach] / 1e6:8.1f}M instructions")


def top_level_imports(approach, module):
    """Absolute modules imported at the top level of `module`'s .py source (sorted), if any, as
    `approach`'s interpreter finds it."""
    import ast
    import importlib.machinery

    path = ([native_dir()] if approach == "native" else [cffi_dir()] if approach == "cffi-gen" else []) + sys.path
    spec = importlib.machinery.PathFinder.find_spec(module, path)
    if spec is None or not (spec.origin or "").endswith(".py"):
        return []
    with open(spec.origin, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
            names.add(node.module)
    return sorted(names)


def import_instructions(statements, jobs):
    """{key: Ir(python -c code) - Ir(python -c pass)} under callgrind, for each
    (key, approach, code) in `statements`, run with `approach`'s PYTHONPATH."""
    import concurrent.futures
    import subprocess
    import tempfile

    tmp = tempfile.mkdtemp(prefix="greet-import-callgrind-")
    env = dict(os.environ, PYTHONHASHSEED="0")

    def run(job):
        index, (key, approach, code) = job
        out = os.path.join(tmp, f"{index}.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        sys.executable, "-c", code], env=approach_env(approach, env), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ir = callgrind_counts(out)[0]
        os.remove(out)
        return key, ir

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        irs = dict(pool.map(run, enumerate([("pass", None, "pass")] + list(statements))))
    os.rmdir(tmp)
    return {key: irs[key] - irs["pass"] for key, _, _ in statements}


def importtime_top(stderr, module, count=6):
    """Top-level imports (direct children of `import module`) by cumulative microseconds."""
    import re

    rows = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)), m.group(4)))
    # -X importtime prints a module after everything it imported, one level (two spaces)
    # deeper: the block of deeper rows right before `module`'s row is what it pulled in.
    idx = max((i for i, r in enumerate(rows) if r[3] == module), default=None)
    if idx is None:
        return []
    depth = rows[idx][2]
    children = []
    for own_us, cum_us, d, name in reversed(rows[:idx]):
        if d <= depth:
            break
        if d == depth + 2:
            children.append((cum_us, name))
    top = sorted(children, reverse=True)[:count]
    return [{"module": name, "cumulative_us": cum} for cum, name in top] + \
           [{"module": f"{module} (own body)", "cumulative_us": rows[idx][0]}]


# --- meta: where and with what this ran ------------------------------------------------------

def cmd_meta(args):
    import datetime
    import importlib.metadata
    import platform
    import re
    import subprocess
    import sysconfig
    import zipfile

    def first(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    info, cpus = {}, 0
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "processor":
                cpus += 1
            info.setdefault(key, " ".join(value.split()))
    cpu = info.get("model name", "?")
    if "cpu family" in info:
        cpu += f" (family {info['cpu family']}, model {info.get('model', '?')})"
    if "cpu MHz" in info:
        cpu += f", {float(info['cpu MHz']):.0f} MHz"
    os_name = "Linux"
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release", encoding="utf-8") as f:
            m = re.search(r'^PRETTY_NAME="?([^"\n]*)', f.read(), re.M)
            os_name = m.group(1) if m else os_name
    lock = {}
    with open(args.cargo_lock, encoding="utf-8") as f:
        for name, version in re.findall(r'\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"', f.read()):
            lock.setdefault(name, version)
    versions = {
        "Python": platform.python_version() + (
            "" if "--enable-optimizations" in (sysconfig.get_config_var("CONFIG_ARGS") or "")
            else " (built without PGO)"),
        "rustc": first(["rustc", "--version"]).split(" ")[1] if first(["rustc", "--version"]) != "?" else "?",
        "uniffi": lock.get("uniffi", "?"),
        "PyO3": lock.get("pyo3", "?"),
        "maturin": importlib.metadata.version("maturin"),
        "cffi": importlib.metadata.version("cffi"),
        "grpcio": importlib.metadata.version("grpcio"),
        "protobuf (Python)": importlib.metadata.version("protobuf"),
        "tonic": lock.get("tonic", "?"),
        "prost": lock.get("prost", "?"),
        "tokio": lock.get("tokio", "?"),
        "valgrind": first(["valgrind", "--version"]).replace("valgrind-", ""),
    }
    kotlin = os.path.join(args.raw, "kotlin.json")
    if os.path.exists(kotlin):
        import json
        with open(kotlin, encoding="utf-8") as f:
            kt = json.load(f)
        versions["Kotlin"] = kt.get("kotlin", "?")
        versions["JVM"] = kt.get("java", "?")
        if args.jna_jar and os.path.exists(args.jna_jar):
            with zipfile.ZipFile(args.jna_jar) as jar:
                manifest = jar.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
            m = re.search(r"^(?:Bundle-Version|Implementation-Version|Specification-Version): *(\S+)",
                          manifest, re.M)
            versions["JNA"] = m.group(1) if m else "?"
    with open("/proc/loadavg", encoding="utf-8") as f:
        loadavg_end = " ".join(f.read().split()[:3])
    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cpus": cpus,
        "os": f"{os_name}, Linux {platform.release()}",
        "profile": args.profile,
        "loadavg_start": args.loadavg_start,
        "loadavg_end": loadavg_end,
        "versions": versions,
    }
    if args.kotlin_gap:
        meta["kotlin_gap"] = args.kotlin_gap
    if args.elapsed_hint:
        meta["elapsed_hint"] = args.elapsed_hint
    write_json(os.path.join(args.raw, "meta.json"), meta)


# --- formatting --------------------------------------------------------------------------------

def fmt_ns(ns):
    if ns is None:
        return "–"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs" if ns < 1e5 else f"{ns / 1e3:.0f} µs"
    return f"{ns:.0f} ns"


def fmt_ir(ir):
    if ir is None:
        return "–"
    if ir >= 1e8:
        return f"{ir / 1e6:.0f}M"
    if ir >= 1e7:
        return f"{ir / 1e6:.1f}M"
    if ir >= 1e6:
        return f"{ir / 1e6:.2f}M"
    if ir >= 1e4:
        return f"{ir / 1e3:.0f}k"
    if ir >= 1e3:
        return f"{ir / 1e3:.1f}k"
    return f"{ir:.0f}"


def cmd_report(args):
    import report
    report.main(args)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["callgrind-one"]:
        # Parsed by hand: argparse alone costs millions of instructions under valgrind.
        opts = dict(zip(argv[1::2], argv[2::2]))
        cmd_callgrind_one(CallgrindOne(opts["--approach"], opts["--case"], int(opts["--n"]),
                                       opts.get("--grpc")))
        return
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p, grpc=True):
        p.add_argument("--approaches", help="comma-separated subset of: " + ",".join(APPROACH_LABELS))
        if grpc:
            p.add_argument("--grpc", metavar="HOST:PORT", help="address of grpc-greet-server")
        return p

    common(sub.add_parser("check"))
    p = common(sub.add_parser("time"))
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--repeats", type=int, default=11)
    p.add_argument("--target", type=float, default=0.1, help="seconds per measurement")
    p = common(sub.add_parser("callgrind"))
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--grpc-server-bin", help="also count the server's instructions (grpc-greet-server)")
    p = common(sub.add_parser("faults"), grpc=False)
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true")
    p = sub.add_parser("faults-one")
    p.add_argument("--approach", required=True)
    p.add_argument("--n", type=int, required=True)
    p = common(sub.add_parser("anatomy"), grpc=False)
    p.add_argument("--out", required=True)
    p = common(sub.add_parser("imports"), grpc=False)
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--runs", type=int, default=21)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p = sub.add_parser("meta")
    p.add_argument("--raw", required=True)
    p.add_argument("--profile", required=True)
    p.add_argument("--cargo-lock", default="Cargo.lock")
    p.add_argument("--loadavg-start", default="?")
    p.add_argument("--jna-jar")
    p.add_argument("--kotlin-gap")
    p.add_argument("--elapsed-hint")
    p = sub.add_parser("report")
    p.add_argument("--raw", required=True, help="directory holding the JSON files written above")
    p.add_argument("--out-dir", required=True)
    args = parser.parse_args(argv)
    {
        "check": cmd_check, "time": cmd_time, "callgrind": cmd_callgrind,
        "anatomy": cmd_anatomy, "faults": cmd_faults, "faults-one": cmd_faults_one, "imports": cmd_imports,
        "meta": cmd_meta, "report": cmd_report,
    }[args.command](args)


if __name__ == "__main__":
    main()
