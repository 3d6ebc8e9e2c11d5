"""The surface benchmark's Python harness: BoltFFI's suite of cases (bench/surface/src/surface.rs)
called through up to four Python bindings of the same Rust crate, in one process, interleaved.

    surface.py run --approach NAME=PATH ... --out FILE [--quick] [--repeats N] [--target-ms MS]
                   [--callgrind]
    surface.py callgrind-one --approach NAME=PATH --case CASE --n N     (runs under valgrind)

NAME is one of boltffi, native, cffi, uniffi; PATH is the package folder (`.../bench_surface`) or
module file (`.../bench_surface.py`) of that approach's `bench_surface`. Each is loaded under its
own module name (`bench_surface_<NAME>`), except the native backend's, which keeps the name
`bench_surface`: its compiled extension imports its package by that name.

Method: every (case, approach) cell is checked against a pure-Python reference of the Rust
bodies before and after timing (any mismatch fails the run). Then, per repeat, every case runs
every approach once (order rotated between repeats), each a `timeit` loop calibrated to about
--target-ms; the per-op figure is median and min over the repeats. Inputs (lists of records,
strings, providers) are built once per approach with that approach's own constructors
(keyword arguments), outside the timed region. With --callgrind, a subset of cases also gets
instructions per op: valgrind's Ir for N ops minus Ir for 0 ops after identical set-up, over N.
"""

import asyncio
import importlib.util
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

APPROACHES = ("boltffi", "native", "cffi", "uniffi")
CALLGRIND_CASES = ("noop", "add", "echo_string_small", "generate_locations_1k", "sum_ratings_1k",
                   "generate_i32_vec_10k", "counter_increment_1k")


# --- loading ---------------------------------------------------------------------------------

def load(name, path):
    alias = "bench_surface" if name == "native" else f"bench_surface_{name}"
    path = os.path.abspath(path)
    if os.path.isdir(path):
        spec = importlib.util.spec_from_file_location(
            alias, os.path.join(path, "__init__.py"), submodule_search_locations=[path])
    else:
        spec = importlib.util.spec_from_file_location(alias, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[alias] = module
    spec.loader.exec_module(module)
    return module


class NotCarried(Exception):
    """The approach's bindings do not carry an item a case needs (the cell is n/a)."""


def need(m, *names):
    for name in names:
        if not hasattr(m, name):
            raise NotCarried(f"no `{name}` in the generated module")
    return [getattr(m, name) for name in names]


def member(enum_cls, name):
    """An enum member by its Rust name, in whichever case convention the bindings use."""
    for candidate in (name.upper(), name, name.lower()):
        if hasattr(enum_cls, candidate):
            return getattr(enum_cls, candidate)
    raise NotCarried(f"{enum_cls.__name__} has no member {name}")


def circle(m, radius):
    if hasattr(m, "ShapeCircle"):  # BoltFFI: one class per variant
        return m.ShapeCircle(radius=radius)
    shape = need(m, "Shape")[0]
    for attr in ("CIRCLE", "Circle"):  # uniffi's API: variants nested in the enum's class
        ctor = getattr(shape, attr, None)
        if ctor is not None:
            return ctor(radius=radius)
    raise NotCarried("Shape has no Circle variant constructor")


# --- reference values (the Rust bodies, in Python) --------------------------------------------

LOCATION_FIELDS = ("id", "lat", "lng", "rating", "review_count", "is_open")
TRADE_FIELDS = ("id", "symbol_id", "price", "quantity", "bid", "ask", "volume", "timestamp", "is_buy")
PARTICLE_FIELDS = ("id", "x", "y", "z", "vx", "vy", "vz", "mass", "charge", "active")
SENSOR_FIELDS = ("sensor_id", "timestamp", "temperature", "humidity", "pressure", "light", "battery",
                 "signal_strength", "is_valid")
USER_FIELDS = ("id", "name", "email", "bio", "age", "score", "tags", "is_active")


def ref_location(i):
    return dict(id=i, lat=37.7749 + i * 0.001, lng=-122.4194 + i * 0.001, rating=3.0 + (i % 20) * 0.1,
                review_count=i * 7 % 500, is_open=i % 3 != 0)


def ref_trade(i):
    return dict(id=i, symbol_id=i % 64, price=100.0 + i * 0.01, quantity=10 + i % 90, bid=99.95 + i * 0.01,
                ask=100.05 + i * 0.01, volume=i * 100, timestamp=1_700_000_000_000 + i, is_buy=i % 2 == 0)


def ref_particle(i):
    f = float(i)
    return dict(id=i, x=f * 0.5, y=f * 0.25, z=f * 0.125, vx=1.0, vy=-1.0, vz=0.5, mass=1.0 + (i % 10),
                charge=1.0 if i % 2 == 0 else -1.0, active=i % 5 != 0)


def ref_sensor(i):
    return dict(sensor_id=i % 128, timestamp=1_700_000_000_000 + i * 1000, temperature=20.0 + (i % 15) * 0.5,
                humidity=40.0 + (i % 30), pressure=1013.25 - (i % 10), light=float(i % 1000),
                battery=100.0 - (i % 100), signal_strength=-40 - (i % 50), is_valid=i % 17 != 0)


def ref_user(i):
    return dict(id=i, name=f"User {i}", email=f"user{i}@example.com",
                bio=f"Bio of user {i}: likes Rust, Python and Kotlin.", age=18 + (i % 60),
                score=(i % 100) * 1.5, tags=["rust", f"tag{i % 10}", "ffi"], is_active=i % 4 != 0)


RECORDS = {  # generator function, record class, reference, fields
    "locations": ("generate_locations", "Location", ref_location, LOCATION_FIELDS),
    "trades": ("generate_trades", "Trade", ref_trade, TRADE_FIELDS),
    "particles": ("generate_particles", "Particle", ref_particle, PARTICLE_FIELDS),
    "sensors": ("generate_sensors", "SensorReading", ref_sensor, SENSOR_FIELDS),
    "user_profiles": ("generate_user_profiles", "UserProfile", ref_user, USER_FIELDS),
}


def fsum_seq(values):
    total = 0.0
    for v in values:
        total += v
    return total


def same(actual, expected):
    if isinstance(expected, float):
        return isinstance(actual, float) and (actual == expected or math.isclose(actual, expected, rel_tol=1e-12))
    if isinstance(expected, bool):
        return actual is expected or actual == expected
    return type(actual) is not float and actual == expected


class Mismatch(Exception):
    pass


def expect(actual, expected, what):
    if not same(actual, expected):
        raise Mismatch(f"{what}: got {actual!r}, expected {expected!r}")


def check_records(got, ref, fields, n, what):
    if len(got) != n:
        raise Mismatch(f"{what}: {len(got)} records, expected {n}")
    for i in (0, 1, n // 2, n - 1) if n > 4 else range(n):
        want = ref(i)
        for field in fields:
            value = getattr(got[i], field)
            if field == "tags":
                value = list(value)
            expect(value, want[field], f"{what}[{i}].{field}")


# --- cases -----------------------------------------------------------------------------------
# Each case builds, for one module, a Cell: a timeit statement over a namespace, and a check that
# runs one op and compares its result with the reference. `per_op` documents what one op is.

class Cell:
    def __init__(self, stmt, ns, check):
        self.stmt, self.ns, self.check = stmt, ns, check

    def timer(self):
        return timeit.Timer(self.stmt, globals=self.ns)


def call_case(fn_name, args, expected):
    def build(m):
        f = need(m, fn_name)[0]
        ns = {"f": f, "args": args}
        for i, a in enumerate(args):
            ns[f"a{i}"] = a
        stmt = "f(" + ", ".join(f"a{i}" for i in range(len(args))) + ")"
        return Cell(stmt, ns, lambda: expect(f(*args), expected, fn_name))
    return build


def string_case(length):
    value = ("abcdefghij" * (length // 10 + 1))[:length]
    return call_case("echo_string", (value,), value)


def simple_enum(m):
    f, direction = need(m, "opposite_direction", "Direction")
    north, south = member(direction, "North"), member(direction, "South")

    def check():
        if f(north) != south:
            raise Mismatch(f"opposite_direction(North) = {f(north)!r}")
    return Cell("f(a)", {"f": f, "a": north}, check)


def data_enum(m):
    f = need(m, "shape_area")[0]
    shape = circle(m, 2.0)
    return Cell("f(a)", {"f": f, "a": shape}, lambda: expect(f(shape), math.pi * 2.0 * 2.0, "shape_area"))


def find_even(m):
    f = need(m, "find_even")[0]

    def check():
        got = [f(i) for i in range(100)]
        want = [i if i % 2 == 0 else None for i in range(100)]
        if got != want:
            raise Mismatch(f"find_even: {got[:4]}...")
    return Cell("for i in r: f(i)", {"f": f, "r": range(100)}, check)


def generate_case(kind, n):
    fn_name, _, ref, fields = RECORDS[kind]

    def build(m):
        f = need(m, fn_name)[0]
        return Cell("f(n)", {"f": f, "n": n}, lambda: check_records(f(n), ref, fields, n, f"{fn_name}({n})"))
    return build


def record_list(m, kind, n):
    """n records built with the module's own record class, keyword arguments."""
    cls = need(m, RECORDS[kind][1])[0]
    ref = RECORDS[kind][2]
    return [cls(**ref(i)) for i in range(n)]


def consume_case(fn_name, kind, n, expected_of):
    def build(m):
        f = need(m, fn_name)[0]
        items = record_list(m, kind, n)
        expected = expected_of([RECORDS[kind][2](i) for i in range(n)])
        return Cell("f(a)", {"f": f, "a": items}, lambda: expect(f(items), expected, f"{fn_name}({n})"))
    return build


def vec_generate(fn_name, n, ref):
    def build(m):
        f = need(m, fn_name)[0]

        def check():
            got = f(n)
            if len(got) != n or list(got[:3]) != [ref(i) for i in range(min(3, n))] or got[-1] != ref(n - 1):
                raise Mismatch(f"{fn_name}({n}): {list(got[:3])}...")
        return Cell("f(n)", {"f": f, "n": n}, check)
    return build


def vec_sum(fn_name, values, expected):
    def build(m):
        f = need(m, fn_name)[0]
        return Cell("f(a)", {"f": f, "a": values}, lambda: expect(f(values), expected, fn_name))
    return build


def generate_bytes(m):
    f = need(m, "generate_bytes")[0]
    want = bytes(i % 251 for i in range(65536))

    def check():
        if bytes(f(65536)) != want:
            raise Mismatch("generate_bytes(65536)")
    return Cell("f(n)", {"f": f, "n": 65536}, check)


def counter_increment(m):
    counter_cls = need(m, "Counter")[0]
    c = counter_cls()

    def check():
        fresh = counter_cls()
        for _ in range(1000):
            fresh.increment()
        expect(fresh.get(), 1000, "Counter.get after 1000 increments")
    return Cell("for _ in r: c.increment()", {"c": c, "r": range(1000)}, check)


def datastore_add(m):
    store_cls, point_cls = need(m, "DataStore", "DataPoint")
    points = [point_cls(x=float(i), y=i * 2.0, timestamp=i) for i in range(1000)]

    def check():
        s = store_cls()
        for p in points:
            s.add(p)
        expect(s.len(), 1000, "DataStore.len")
        expect(s.sum_x(), float(sum(range(1000))), "DataStore.sum_x")
    return Cell("s = D()\nfor p in pts: s.add(p)", {"D": store_cls, "pts": points}, check)


def accumulator(m):
    acc_cls = need(m, "Accumulator")[0]
    a = acc_cls()

    def check():
        fresh = acc_cls()
        for i in range(1000):
            fresh.add(i)
        expect(fresh.get(), sum(range(1000)), "Accumulator.get")
        fresh.reset()
        expect(fresh.get(), 0, "Accumulator.get after reset")
    return Cell("a.reset()\nfor i in r: a.add(i)", {"a": a, "r": range(1000)}, check)


LOOP = None


def async_add(m):
    global LOOP
    f = need(m, "async_add")[0]
    if LOOP is None:
        LOOP = asyncio.new_event_loop()
        asyncio.set_event_loop(LOOP)
    run = LOOP.run_until_complete
    return Cell("run(f(1, 2))", {"run": run, "f": f},
                lambda: expect(run(f(40, 2)), 42, "async_add(40, 2)"))


def callback_case(n):
    def build(m):
        f = need(m, "sum_provided")[0]
        # uniffi's API subclasses the trait's base class; BoltFFI's takes any object with the method.
        base = getattr(m, "ValueProvider", object)

        class Provider(base):
            def value_at(self, index):
                return index * 2

        p = Provider()
        return Cell("f(p, n)", {"f": f, "p": p, "n": n},
                    lambda: expect(f(p, n), sum(i * 2 for i in range(n)), f"sum_provided({n})"))
    return build


SIZES = {"100": 100, "1k": 1000, "10k": 10000}
CASES = [
    ("noop", call_case("noop", (), None)),
    ("echo_i32", call_case("echo_i32", (42,), 42)),
    ("echo_f64", call_case("echo_f64", (3.5,), 3.5)),
    ("add", call_case("add", (2, 3), 5)),
    ("multiply", call_case("multiply", (2.5, 4.0), 10.0)),
    ("inc_u64", call_case("inc_u64", (41,), 42)),
    ("echo_string_small", string_case(10)),
    ("echo_string_1k", string_case(1024)),
    ("simple_enum", simple_enum),
    ("data_enum_input", data_enum),
    ("find_even", find_even),
]
for _kind in ("locations", "trades", "particles", "sensors"):
    for _size in ("100", "1k", "10k"):
        CASES.append((f"generate_{_kind}_{_size}", generate_case(_kind, SIZES[_size])))
for _size in ("100", "1k"):
    CASES.append((f"generate_user_profiles_{_size}", generate_case("user_profiles", SIZES[_size])))
_CONSUMERS = [
    ("sum_ratings", "locations", ("1k", "10k"), lambda rs: fsum_seq(r["rating"] for r in rs)),
    ("process_locations", "locations", ("1k", "10k"),
     lambda rs: sum(1 for r in rs if r["is_open"] and r["rating"] >= 4.0)),
    ("sum_trade_volumes", "trades", ("1k", "10k"), lambda rs: sum(r["volume"] for r in rs)),
    ("sum_particle_masses", "particles", ("1k", "10k"), lambda rs: fsum_seq(r["mass"] for r in rs)),
    ("avg_sensor_temp", "sensors", ("1k", "10k"),
     lambda rs: fsum_seq(r["temperature"] for r in rs) / len(rs)),
    ("sum_user_scores", "user_profiles", ("100", "1k"), lambda rs: fsum_seq(r["score"] for r in rs)),
    ("count_active_users", "user_profiles", ("100", "1k"), lambda rs: sum(1 for r in rs if r["is_active"])),
]
for _fn, _kind, _sizes, _expected in _CONSUMERS:
    for _size in _sizes:
        CASES.append((f"{_fn}_{_size}", consume_case(_fn, _kind, SIZES[_size], _expected)))
for _size in ("1k", "10k"):
    _n = SIZES[_size]
    CASES.append((f"generate_i32_vec_{_size}", vec_generate("generate_i32_vec", _n, lambda i: i)))
    CASES.append((f"sum_i32_vec_{_size}", vec_sum("sum_i32_vec", list(range(_n)), sum(range(_n)))))
    CASES.append((f"generate_f64_vec_{_size}", vec_generate("generate_f64_vec", _n, lambda i: i * 0.5)))
    CASES.append((f"sum_f64_vec_{_size}", vec_sum("sum_f64_vec", [i * 0.5 for i in range(_n)],
                                                  fsum_seq(i * 0.5 for i in range(_n)))))
CASES += [
    ("generate_bytes_64k", generate_bytes),
    ("counter_increment_1k", counter_increment),
    ("datastore_add_1k", datastore_add),
    ("accumulator_1k", accumulator),
    ("async_add", async_add),
    ("callback_100", callback_case(100)),
    ("callback_1k", callback_case(1000)),
]
CASE_NAMES = [name for name, _ in CASES]


def build_cells(modules, cases=None):
    """{(case, approach): Cell or the reason it is n/a}; checks every cell once."""
    cells = {}
    for case, build in CASES:
        if cases is not None and case not in cases:
            continue
        for name, m in modules.items():
            try:
                cell = build(m)
                cell.check()
                cells[(case, name)] = cell
            except NotCarried as e:
                cells[(case, name)] = f"n/a: {e}"
            except Mismatch:
                raise
            except Exception as e:  # the bindings could not make the call at all
                cells[(case, name)] = f"n/a: {type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
    return cells


# --- timing ----------------------------------------------------------------------------------

def calibrate(timer, target_s):
    n = 1
    while True:
        t = timer.timeit(n)
        if t >= target_s / 4 or n >= 10_000_000:
            return max(1, int(n * target_s / max(t, 1e-9)))
        n *= 4 if t < target_s / 40 else 2


def run_timing(cells, repeats, target_ms):
    live = {key: cell for key, cell in cells.items() if isinstance(cell, Cell)}
    timers = {key: cell.timer() for key, cell in live.items()}
    loops = {key: calibrate(timer, target_ms / 1000) for key, timer in timers.items()}
    samples = {key: [] for key in live}
    approaches = sorted({a for _, a in live}, key=APPROACHES.index)
    for rep in range(repeats):
        started = time.perf_counter()
        order = approaches[rep % len(approaches):] + approaches[:rep % len(approaches)]
        for case in CASE_NAMES:
            for approach in order:
                key = (case, approach)
                if key in timers:
                    samples[key].append(timers[key].timeit(loops[key]) * 1e9 / loops[key])
        print(f"  repeat {rep + 1}/{repeats}: {time.perf_counter() - started:.1f} s", flush=True)
    return samples


# --- callgrind -------------------------------------------------------------------------------

def callgrind_n(approach, case, quick):
    if quick:
        return 20
    heavy = case in ("generate_locations_1k", "sum_ratings_1k", "generate_i32_vec_10k", "counter_increment_1k")
    if heavy:
        return 10 if approach in ("uniffi", "cffi") else 50
    return 2000 if approach == "uniffi" else 20000


def callgrind_total(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"(?:summary|totals):\s+(\d+)", line)
            if m:
                return int(m.group(1))
    raise RuntimeError(f"no totals in {path}")


def cmd_callgrind_one(approach_arg, case, n):
    name, path = approach_arg.split("=", 1)
    modules = {name: load(name, path)}
    cells = build_cells(modules, {case})  # identical set-up (and two checks) whatever n
    cell = cells[(case, name)]
    cell.check()
    timer = cell.timer()
    if n:
        timer.timeit(n)


def run_callgrind(approach_args, cells, quick):
    results = {}
    tmp = tempfile.mkdtemp(prefix="surface-callgrind-")
    for approach_arg in approach_args:
        name = approach_arg.split("=", 1)[0]
        for case in ("add",) if quick else CALLGRIND_CASES:  # --quick: the path, end to end
            if not isinstance(cells.get((case, name)), Cell):
                continue
            n = callgrind_n(name, case, quick)
            irs = []
            for count in (n, 0):
                out = os.path.join(tmp, f"{name}-{case}-{count}.out")
                cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
                       os.path.abspath(__file__), "callgrind-one", "--approach", approach_arg,
                       "--case", case, "--n", str(count)]
                proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                if proc.returncode != 0:
                    raise RuntimeError(f"callgrind {name}/{case} n={count} failed:\n{proc.stderr[-3000:]}")
                irs.append(callgrind_total(out))
                os.remove(out)
            results[(case, name)] = max(0, round((irs[0] - irs[1]) / n))
            print(f"  callgrind {name:8} {case:24} {results[(case, name)]:>12,} instructions/op (N={n})",
                  flush=True)
    os.rmdir(tmp)
    return results


# --- main ------------------------------------------------------------------------------------

def versions(modules):
    out = {"python": platform.python_version()}
    try:
        import cffi
        out["cffi"] = cffi.__version__
    except ImportError:
        pass
    return out


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def cmd_run(argv):
    import argparse
    p = argparse.ArgumentParser(prog="surface.py run")
    p.add_argument("--approach", action="append", required=True, help="NAME=PATH")
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--repeats", type=int)
    p.add_argument("--target-ms", type=float)
    p.add_argument("--callgrind", action="store_true")
    p.add_argument("--version", action="append", default=[], help="KEY=VALUE for the JSON's versions")
    p.add_argument("--note", action="append", default=[], help="APPROACH=TEXT: a note on every row of it")
    args = p.parse_args(argv)
    load_start = loadavg()
    repeats = args.repeats or (3 if args.quick else 11)
    target_ms = args.target_ms or (1.0 if args.quick else 50.0)
    # Native first: it must own the name `bench_surface` (see load()).
    ordered = sorted(args.approach, key=lambda a: APPROACHES.index(a.split("=", 1)[0]))
    modules = {}
    for a in ordered:
        name, path = a.split("=", 1)
        if name not in APPROACHES:
            p.error(f"unknown approach {name}")
        modules[name] = load(name, path)
    print(f"surface.py: {len(CASES)} cases x {list(modules)}; checking every cell", flush=True)
    cells = build_cells(modules)
    for key, cell in cells.items():
        if not isinstance(cell, Cell):
            print(f"  {key[1]:8} {key[0]:26} {cell}")
    print(f"surface.py: timing, {repeats} repeats of ~{target_ms:g} ms per cell", flush=True)
    samples = run_timing(cells, repeats, target_ms)
    for cell in cells.values():  # checked again after timing
        if isinstance(cell, Cell):
            cell.check()
    instructions = run_callgrind(ordered, cells, args.quick) if args.callgrind else {}
    notes = dict(n.split("=", 1) for n in args.note)
    results = []
    for case in CASE_NAMES:
        for name in modules:
            cell = cells[(case, name)]
            if isinstance(cell, Cell):
                s = samples[(case, name)]
                results.append({"case": case, "approach": name, "median_ns": statistics.median(s),
                                "min_ns": min(s), "instructions": instructions.get((case, name)),
                                "note": notes.get(name)})
            else:
                results.append({"case": case, "approach": name, "median_ns": None, "min_ns": None,
                                "instructions": None, "note": cell})
    vers = versions(modules)
    vers.update(dict(v.split("=", 1) for v in args.version))
    doc = {"language": "python", "versions": vers, "machine": machine(),
           "method": f"one process, {len(modules)} approaches interleaved per case, order rotated; "
                     f"{repeats} repeats of timeit loops of ~{target_ms:g} ms; median and min ns per op; "
                     f"instructions: callgrind Ir(N ops) - Ir(0 ops), over N",
           "loadavg": f"{load_start} at start, {loadavg()} at end (1, 5, 15 min)",
           "quick": args.quick, "results": results}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
    width = max(len(c) for c in CASE_NAMES)
    print(f"\n{'case':{width}} " + " ".join(f"{a:>14}" for a in modules) + "   (median ns per op)")
    for case in CASE_NAMES:
        row = []
        for name in modules:
            cell = next(r for r in results if r["case"] == case and r["approach"] == name)
            row.append(f"{cell['median_ns']:14,.0f}" if cell["median_ns"] is not None else f"{'n/a':>14}")
        print(f"{case:{width}} " + " ".join(row))
    print(f"\nwrote {args.out}")


def main(argv):
    if argv[:1] == ["callgrind-one"]:
        opts = dict(zip(argv[1::2], argv[2::2]))
        cmd_callgrind_one(opts["--approach"], opts["--case"], int(opts["--n"]))
    elif argv[:1] == ["run"]:
        cmd_run(argv[1:])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
