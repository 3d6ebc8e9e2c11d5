"""Turns the raw JSON of one benchmark run into bench/results/: README.md (headline, tables,
method), chart.svg (log scale) and results.json (everything, merged).

Called as `bench.py report --raw DIR --out-dir DIR`. DIR holds time.json, callgrind.json,
imports.json, anatomy.json, meta.json and, when the Kotlin toolchain was there, kotlin.json.
"""

import html
import json
import math
import os

import bench
from bench import APPROACH_LABELS, APPROACHES, CASE_LABELS, CASES, fmt_ir, fmt_ns

KOTLIN_LABELS = {
    "uniffi": "Kotlin: uniffi bindings (JNA)",
    "jni": "Kotlin: generated JNI backend",
    "handwritten": "Kotlin: hand-written JNI",
    "kotlin": "Kotlin: pure Kotlin (floor)",
}
SERVER_LABEL = "gRPC: the tonic server's own instructions"
COLORS = {
    "grpc-server": "#c5b0d5", "pure": "#7f7f7f", "pyo3": "#2ca02c", "cffi": "#1f77b4", "cffi-gen": "#aec7e8", "ctypes": "#17becf",
    "uniffi": "#d62728", "native": "#8c564b", "grpc": "#9467bd", "grpc-gen": "#e377c2", "kt-uniffi": "#ff7f0e", "kt-jni": "#1b9e77", "kt-handwritten": "#66a61e", "kt-kotlin": "#bcbd22",
}


def load(raw, name):
    path = os.path.join(raw, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(args):
    raw = args.raw
    data = {name: load(raw, f"{name}.json")
            for name in ("meta", "time", "callgrind", "imports", "anatomy", "faults", "kotlin", "swift")}
    for required in ("meta", "time", "callgrind", "imports"):
        if data[required] is None:
            raise SystemExit(f"report: {raw}/{required}.json is missing")
    os.makedirs(args.out_dir, exist_ok=True)
    headline = make_headline(data)
    write(os.path.join(args.out_dir, "README.md"), markdown(data, headline))
    write(os.path.join(args.out_dir, "chart.svg"), chart(data))
    write(os.path.join(args.out_dir, "results.json"),
          json.dumps(dict(data, headline=headline), indent=1, ensure_ascii=False) + "\n")
    print(f"report: wrote {args.out_dir}/README.md, chart.svg, results.json")
    print(f"report: headline: {headline}")


def write(path, text):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def ir(data, approach, case):
    cell = data["callgrind"]["cells"].get(f"{approach}/{case}")
    return None if cell is None else cell["ir_per_call"]


def wall(data, approach, case):
    return data["time"]["cells"].get(f"{approach}/{case}")


def ratio(value, floor):
    if value is None or not floor:
        return ""
    return f"{value / floor:.0f}×" if value / floor >= 10 else f"{value / floor:.1f}×"


def make_headline(data):
    short = {a: ir(data, a, "short") for a, _, _ in APPROACHES}
    imports = data["imports"]["modules"]
    grpc = wall(data, "grpc", "short")
    parts = [f"{fmt_ir(short[a])} through {name}" for a, name in
             (("pyo3", "a hand-written PyO3 extension"), ("cffi", "CFFI"), ("ctypes", "ctypes"),
              ("uniffi", "the generated uniffi bindings"),
              ("native", "this CLI's generated native (PyO3) backend")) if short.get(a) is not None]
    parts[0] = parts[0].replace(" through", " CPU instructions through", 1)
    text = ("From Python, one call of the same Rust `greet()` with two short strings costs about "
            + ", ".join(parts[:-1]) + " and " + parts[-1]
            + f" (a pure-Python greet: {fmt_ir(short['pure'])})")
    if grpc:
        text += f", a gRPC round trip over loopback takes about {fmt_ns(grpc['median_ns'])}"
    import_ir = data["imports"].get("import_instructions", {})
    if "uniffi" in imports and "pyo3" in imports:
        text += (f", and importing the uniffi module executes {fmt_ir(import_ir.get('uniffi'))} "
                 f"instructions ({imports['uniffi']['median_ms']:.0f} ms here) against "
                 f"{fmt_ir(import_ir.get('pyo3'))} ({imports['pyo3']['median_ms']:.1f} ms) for PyO3")
        if "native" in imports:
            text += (f" and {fmt_ir(import_ir.get('native'))} "
                     f"({imports['native']['median_ms']:.1f} ms) for the native backend")
    return text + "."


def markdown(data, headline):
    meta, timing, cg, imports = data["meta"], data["time"], data["callgrind"], data["imports"]
    approaches = [a for a, _, _ in APPROACHES]
    out = []
    w = out.append
    ways = {8: "eight", 9: "nine", 10: "ten"}.get(len(APPROACHES), str(len(APPROACHES)))
    w(f"# greet benchmark: one Rust `greet()`, called from Python {ways} ways\n")
    w(f"**{headline}**\n")
    w("![instructions and nanoseconds per call, log scale](chart.svg)\n")
    w(f"Run on {meta['date']} · {meta['cpu']} ({meta['cpus']} CPUs) · {meta['os']} · "
      f"build profile `{meta['profile']}` · load average {meta['loadavg_start']} at the start, "
      f"{meta['loadavg_end']} at the end (the machine was shared with other builds: "
      "wall times are noisy, instruction counts are not).\n")
    w("Versions: " + " · ".join(f"{k} {v}" for k, v in meta["versions"].items()) + ".\n")
    w("Reproduce with `bash scripts/bench.sh` (about "
      f"{meta.get('elapsed_hint', 'a quarter of an hour')} on 2 cores once built); "
      "`bash scripts/bench.sh --quick` runs every approach end to end with tiny counts.\n")

    # Instructions first: they do not drift with machine noise.
    w("## Instructions per call (callgrind)\n")
    server = any(k.startswith("grpc-server/") for k in cg["cells"])
    columns = approaches + (["grpc-server"] if server else [])
    w("(Ir with N calls − Ir with 0 calls) / N, same process set-up in both runs; "
      "× = relative to pure Python in the same row. The gRPC column is the Python client "
      "process" + ("; the tonic server, a separate process, was run under callgrind too "
                   "(last column), so a gRPC call costs the sum of the two plus the kernel's "
                   "loopback TCP." if server else ".") + "\n")
    labels = dict(APPROACH_LABELS, **{"grpc-server": SERVER_LABEL})
    w("| case | " + " | ".join(labels[a] for a in columns) + " |")
    w("|---|" + "---:|" * len(columns))
    for case, label in CASES:
        floor = ir(data, "pure", case)
        cells = []
        for a in columns:
            value = ir(data, a, case)
            cells.append("–" if value is None else
                         fmt_ir(value) + ("" if a in ("pure", "grpc-server") else f" ({ratio(value, floor)})"))
        w(f"| {label} | " + " | ".join(cells) + " |")
    w("")
    w("The 1 MiB row counts bytes more than work: glibc copies large blocks with `rep movsb`, "
      "which valgrind counts once per byte moved, so each 1 MiB copy adds about 1M "
      "\"instructions\" that the CPU executes in tens of microseconds. Read that row as "
      "\"how many passes over the data\", and the wall times for cost.\n")
    ffi = {a: cg["cells"].get(f"{a}/short", {}).get("ffi_calls_per_call") for a in approaches}
    anatomy = data.get("anatomy") or {}
    if anatomy:
        w("What one warm short `greet()` call does on the Python side (sys.setprofile; "
          "libffi calls counted by callgrind):\n")
        w("| | Python functions entered | of which generators (`@contextmanager`) | "
          "builtin C functions called | libffi `ffi_call`s |")
        w("|---|---:|---:|---:|---:|")
        for a in approaches:
            cell = anatomy.get(f"{a}/short")
            if not cell:
                continue
            calls = ffi.get(a)
            w(f"| {APPROACH_LABELS[a]} | {cell['python_calls']} | {cell['generators']} | "
              f"{cell['c_calls']} | {'–' if calls is None else f'{calls:.0f}'} |")
        w("")

    w("## Wall time per call\n")
    w(f"Median (min) of {timing['repeats']} repeats; each repeat runs every cell once for about "
      f"{timing['target_seconds'] * 1e3:.0f} ms, all approaches interleaved in one process, "
      f"the order rotated between repeats. An empty timing-loop iteration costs "
      f"{timing['empty_loop_ns']:.0f} ns and is not subtracted. glibc malloc's thresholds are "
      f"pinned for this table (`GLIBC_TUNABLES={timing.get('glibc_tunables') or 'unset'}`) so "
      "1 MiB buffers are reused rather than mapped afresh; see the page-fault table below for "
      "the defaults.\n")
    w("| case | " + " | ".join(APPROACH_LABELS[a] for a in approaches) + " |")
    w("|---|" + "---:|" * len(approaches))
    for case, label in CASES:
        cells = []
        for a in approaches:
            cell = wall(data, a, case)
            cells.append("–" if cell is None else
                         f"{fmt_ns(cell['median_ns'])} ({fmt_ns(cell['min_ns'])})")
        w(f"| {label} | " + " | ".join(cells) + " |")
    w("")
    grpc_ir, grpc_wall = ir(data, "grpc", "short"), wall(data, "grpc", "short")
    w(f"For scale on this machine: `python -c pass` takes "
      f"{imports['interpreter_startup_ms']['median']:.0f} ms and the load average was "
      f"{meta['loadavg_start'].split()[0]}–{meta['loadavg_end'].split()[0]} on {meta['cpus']} CPUs, "
      "so medians run well above the minimums; compare approaches within a row, and prefer the "
      "instruction counts across machines."
      + (f" A gRPC call executes {fmt_ir(grpc_ir)} instructions in the Python client; the rest "
         f"of its {fmt_ns(grpc_wall['median_ns'])} is the tonic server, the loopback TCP stack "
         "and the thread wake-ups across two processes, which a busy two-CPU machine "
         "stretches most." if grpc_ir and grpc_wall else "") + "\n")

    faults = data.get("faults")
    if faults:
        w("### The 1 MiB case with glibc's default malloc\n")
        w(f"One fresh process per approach (median of {faults['runs']} processes, "
          f"{faults['calls']} calls each after as many warm-up calls), no tunables. glibc maps "
          "large blocks with `mmap` at first, then raises its thresholds dynamically: it hands "
          "memory back to the kernel once more than twice the largest freed block sits free at "
          "the top of the heap. An approach that holds three or more 1 MiB buffers at once "
          "trips that on every call, and every page of the next buffer is then faulted in "
          "again by the kernel — system time, invisible to callgrind.\n")
        w("| approach | wall time/call | minor page faults/call | system time/call | "
          "with pinned thresholds (table above) |")
        w("|---|---:|---:|---:|---:|")
        for a in approaches:
            cell = faults["cells"].get(a)
            pinned = wall(data, a, "1mib")
            if not cell:
                continue
            pinned_text = "–"
            if pinned:
                pinned_text = fmt_ns(pinned["median_ns"])
                if "minor_faults_per_call" in pinned:
                    pinned_text += f", {pinned['minor_faults_per_call']:.0f} faults"
            w(f"| {APPROACH_LABELS[a]} | {fmt_ns(cell['wall_ns'])} | {cell['minor_faults']:.0f} | "
              f"{fmt_ns(cell['sys_ns'])} | {pinned_text} |")
        w("")

    w("### Kotlin (JVM)\n")
    kt = data.get("kotlin")
    if kt:
        when = f"measured {kt['date']}, load average {kt['loadavg']}; " if kt.get("date") else ""
        w(f"The same calls on the JVM: uniffi's Kotlin bindings (JNA), this CLI's generated JNI "
          f"backend (`generated/kotlin-jni`), hand-written JNI functions over greet's Rust API "
          f"(`bench/jni-greet`) and the same work in pure Kotlin, all in one JVM ({when}{kt['java']}, "
          f"Kotlin {kt['kotlin']}) after warm-up; median (min) of {kt['repeats']} interleaved "
          "repeats. Wall time only: callgrind does not give meaningful per-call counts for a JIT. "
          "The two generated bindings both define `uniffi.greet`, so each runs in a class "
          "loader of its own and is called through a JDK functional interface (as are the "
          "other two).\n")
        approaches = [a for a in KOTLIN_LABELS if any(k.startswith(f"{a}/") for k in kt["cells"])]
        w("| case | " + " | ".join(KOTLIN_LABELS[a] for a in approaches)
          + " | JNI ÷ hand-written | JNA ÷ JNI | JNI ÷ pure |")
        w("|---|" + "---:|" * (len(approaches) + 3))
        for case, label in CASES:
            cells = [kt["cells"].get(f"{a}/{case}") for a in approaches]
            if not any(cells):
                continue
            row = [("–" if c is None else f"{fmt_ns(c['median_ns'])} ({fmt_ns(c['min_ns'])})") for c in cells]
            med = {a: (kt["cells"].get(f"{a}/{case}") or {}).get("median_ns") for a in approaches}
            row.append(ratio(med.get("jni"), med.get("handwritten")))
            row.append(ratio(med.get("uniffi"), med.get("jni")))
            row.append(ratio(med.get("jni"), med.get("kotlin")))
            w(f"| {label} | " + " | ".join(row) + " |")
        w("")
        jni_targets(kt, w)
        w("Why JNA is slow: a one-off Java Flight Recorder profile of this benchmark (not part of "
          "the script) puts most of a uniffi call inside JNA's `Structure` constructor — "
          "reflection over the fields and a native `Memory` block tracked in a `ConcurrentHashMap` "
          "— for the `RustBuffer.ByValue` and `UniffiRustCallStatus` structs that every call (and "
          "every buffer allocation and free) creates, and, for the 1 MiB name, in UTF-8 encoding "
          "and per-byte `ByteBuffer` copies. The JNI backend makes one JNI call per Kotlin call: "
          "strings cross as JNI strings and are transcoded in Rust, other arguments as one "
          "`byte[]`, and nothing is left for a cleaner thread.\n")
    else:
        w("**Gap: not measured in this run** — " + meta.get("kotlin_gap", "no Kotlin toolchain "
          "(scripts/kotlin-toolchain.sh) was available") + ".\n")

    w("## Import time\n")
    w(f"`import X` in a fresh interpreter (timed inside it, so interpreter start-up is excluded), "
      f"every .pyc precompiled with `python -m compileall` and checked up to date; median (min) "
      f"of {imports['runs']} runs, modules interleaved. Interpreter start-up itself "
      f"(`python -c pass`, wall): {imports['interpreter_startup_ms']['median']:.0f} ms. "
      "Instructions: Ir(`python -c 'import X'`) − Ir(`python -c pass`).\n")
    w("| approach | module | median | min | instructions | of which its imports | "
      "biggest imports it pulls in (one `-X importtime` run) |")
    w("|---|---|---:|---:|---:|---:|---|")
    deps = imports.get("import_dependencies", {})
    for a in approaches:
        cell = imports["modules"].get(a)
        if not cell:
            continue
        top = ", ".join(f"{t['module']} {t['cumulative_us'] / 1e3:.1f} ms" for t in cell["top"][:4])
        instr = imports.get("import_instructions", {}).get(a)
        dep = deps.get(a)
        dep_text = "–" if not dep else f"{fmt_ir(dep['instructions'])} ({', '.join(dep['modules'])})"
        if dep and len(dep["modules"]) > 4:
            dep_text = f"{fmt_ir(dep['instructions'])} ({len(dep['modules'])} modules)"
        w(f"| {APPROACH_LABELS[a]} | `{cell['module']}` | {cell['median_ms']:.1f} ms | "
          f"{cell['min_ms']:.1f} ms | {fmt_ir(instr)} | {dep_text} | {top} |")
    w("")
    stale = {a: v for a, v in imports.get("pyc_audit", {}).items() if v}
    if stale:
        w("⚠ Modules imported without an up-to-date .pyc (their import time includes "
          "compilation): " + "; ".join(f"{a}: {len(v)}" for a, v in stale.items()) + ".\n")

    native_targets(data, w)
    cffi_targets(data, w)
    swift_section(data.get("swift"), w)

    w("## Why uniffi costs what it costs\n")
    uni = anatomy.get("uniffi/short", {})
    w(f"uniffi's Python bindings are pure Python over ctypes. For one `greet(a, b)` they enter "
      f"{uni.get('python_calls', '?')} Python functions ({uni.get('generators', '?')} of them "
      f"generator-based `@contextmanager`s) and make {ffi.get('uniffi') or 0:.0f} libffi calls: "
      "each string argument is lowered by allocating a `RustBuffer` in Rust "
      "(`ffi_greet_rustbuffer_alloc`, a full uniffi call with its own `RustCallStatus`), then "
      "`ctypes.memmove`-ing the UTF-8 bytes into it inside two nested context managers; the "
      "function itself is called through ctypes with a call-status out-parameter that Python "
      "then inspects; the returned `RustBuffer` is read through a stream object and freed by "
      "another uniffi call. ctypes builds and tears down a libffi call frame and converts every "
      "argument on each of those calls (`ctypes.memmove` is one of them), and each "
      "`ctypes.Structure` is a Python object. PyO3 "
      "compiles the same conversions into the extension module (one vectorcall, "
      "`PyUnicode_AsUTF8AndSize` in, `PyUnicode_FromStringAndSize` out); CFFI's API mode "
      "compiles the C call into an extension too, so only the Python wrapper and the "
      "`bytes` conversions remain; ctypes pays libffi on "
      f"{ffi.get('ctypes') or 0:.0f} calls (`greet`, `string_at`, `greet_free`). The generality is the "
      "point of uniffi — one interface definition gives Python, Kotlin and Swift typed objects, "
      "errors, callbacks and async — and the price is paid per call, not per byte: with a "
      "1 MiB name every approach is dominated by copying and UTF-8 work.\n")
    udeps = deps.get("uniffi")
    uimp = imports.get("import_instructions", {}).get("uniffi")
    if udeps and uimp:
        w(f"Import: of the {fmt_ir(uimp)} instructions `import greet` takes, "
          f"{fmt_ir(udeps['instructions'])} are the standard-library modules the generated file "
          f"imports ({', '.join(udeps['modules'])}) — `asyncio`, needed for the one async "
          "method, and `dataclasses` (which pulls in `inspect`) are the big ones; the remaining "
          f"{fmt_ir(uimp - udeps['instructions'])} are the module body: classes for every type, "
          "a ctypes signature for every scaffolding function, the contract-version and "
          "API-checksum calls into the library. The PyO3 module is one `dlopen` and a module "
          "object.\n")

    w("## Method\n")
    w("- **Same Rust code everywhere**: every approach ends in `greet::greet` from this "
      "workspace (PyO3 and the C ABI crate depend on it by path; the gRPC server calls it), "
      "except the pure-Python and pure-Kotlin floors, which re-implement it.\n"
      "- **uniffi**: `generated/python/greet.py` as checked in, with the `libgreet.so` of this "
      "build next to it. **native backend**: `generated/python-native` as checked in (the `greet` "
      "package and its PyO3 glue, generated by `uniffi-bindgen` from `greet.udl`), built with "
      "cargo in this profile; it is imported as `greet` too, from its own folder. "
      "**PyO3**: `bench/pyo3-greet`, built by `maturin build`. **CFFI** (API "
      "mode, compiled ahead of use) and **ctypes**: `bench/cabi-greet`, a `char *greet(const "
      "char *, const char *)` returning an owned string plus `greet_free`. **gRPC**: "
      "`bench/grpc-greet-server` (tonic, the seed's `greeter_service.proto`) on an ephemeral "
      "127.0.0.1 port, grpcio client with one channel. **gRPC, generated**: the client "
      "`generated/python-grpc/greet_grpc` and the server `greet-grpc-server` (`generated/grpc-rust`, "
      "its runtime included), both generated from `greet.udl`, on another ephemeral "
      "127.0.0.1 port; the server's throughput and latency under load are in "
      "[grpc-load.md](grpc-load.md).\n"
      "- **Cases**: two short ASCII strings (`\"Salutations\"`, `\"friend\"`); CJK + emoji "
      "(`\"こんにちは\"`, `\"世界🌏👋\"`); a 1 MiB ASCII name; `Greeter.greet(\"friend\")` on an "
      "existing greeter (validates, phrases and records the greeting under a lock); "
      "`Greeter.greet(\"\")`, which raises `EmptyName`. Greeter and error cases exist only where "
      "the approach has a `Greeter` (uniffi, the native backend, PyO3, pure Python, the generated "
      "gRPC client).\n"
      "- **Correctness**: before and after timing every cell's result is compared with the "
      "expected string (or exception class); a 64 × 1 MiB loop checks that no approach leaks "
      "its result. A wrong result fails the run.\n"
      "- **Instructions**: `valgrind --tool=callgrind`, `PYTHONHASHSEED=0`; one baseline run per "
      "approach (N = 0) and one run per case, with identical set-up (import, every cell called "
      "twice), so start-up cancels out.\n")
    return "\n".join(out) + "\n"


# The native backend's targets against the hand-written PyO3 baseline: (case, label, at most).
NATIVE_TARGETS = [
    ("short", "`greet(\"Salutations\", \"friend\")`", 2.0),
    ("greeter", "`Greeter.greet` (method call)", 2.0),
    ("error", "raising `EmptyName`", 2.0),
    ("1mib", "`greet()` with a 1 MiB name", 1.5),
]
NATIVE_IMPORT_MS = 5.0


def jni_targets(kt, w):
    """The JNI backend's targets against hand-written JNI and JNA (medians and minimums)."""
    cells = kt["cells"]

    def get(a, case, key):
        c = cells.get(f"{a}/{case}")
        return None if c is None else c[key]

    rows = [
        ("short", "`greet(\"Salutations\", \"friend\")`", 2.0),
        ("greeter", "`Greeter.greet` (method call)", 2.0),
        ("error", "raising `EmptyName`", 2.0),
        ("1mib", "`greet()` with a 1 MiB name", 1.5),
    ]
    if not all(get(a, "short", "median_ns") for a in ("jni", "handwritten", "uniffi")):
        return
    w("#### The generated JNI backend against hand-written JNI and JNA\n")
    w("Targets: at most the given multiple of hand-written JNI, and `greet()` at least 100× "
      "faster than uniffi's JNA bindings. Ratios of medians (of minimums in brackets).\n")
    w("| what | JNI backend | hand-written JNI | ratio | target | JNA bindings | JNA ÷ JNI |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    for case, label, target in rows:
        j, h, u = (get(a, case, "median_ns") for a in ("jni", "handwritten", "uniffi"))
        jm, hm, um = (get(a, case, "min_ns") for a in ("jni", "handwritten", "uniffi"))
        if None in (j, h):
            continue
        r, rm = j / h, jm / hm
        met = "met" if r <= target else "**not met**"
        speedup = "–" if u is None else f"{u / j:.0f}× ({um / jm:.0f}×)"
        extra = ""
        if case == "short" and u is not None:
            extra = " met" if u / j >= 100 else " **not met**"
        w(f"| {label} | {fmt_ns(j)} | {fmt_ns(h)} | {r:.2f}× ({rm:.2f}×) | ≤ {target:g}× {met} | "
          f"{fmt_ns(u)} | {speedup}{' (≥ 100×' + extra + ')' if case == 'short' else ''} |")
    w("")


def native_targets(data, w):
    """The generated native backend against hand-written PyO3 and against its targets."""
    if ir(data, "native", "short") is None:
        return
    imports = data["imports"]["modules"]
    w("## The generated native backend against hand-written PyO3\n")
    w("The native backend's targets: instructions per call at most the given multiple of the "
      "hand-written PyO3 extension's, and an import of at most "
      f"{NATIVE_IMPORT_MS:.0f} ms (median, .pyc precompiled). From the tables above.\n")
    w("| what | native backend | hand-written PyO3 | ratio | target | uniffi backend |")
    w("|---|---:|---:|---:|---:|---:|")
    for case, label, limit in NATIVE_TARGETS:
        native, pyo3, uni = ir(data, "native", case), ir(data, "pyo3", case), ir(data, "uniffi", case)
        if native is None or pyo3 is None:
            continue
        r = native / pyo3
        w(f"| {label} | {fmt_ir(native)} | {fmt_ir(pyo3)} | {r:.2f}× | ≤ {limit:g}× "
          f"{'met' if r <= limit else '**missed**'} | {fmt_ir(uni)} |")
    if "native" in imports and "pyo3" in imports:
        ms, base = imports["native"]["median_ms"], imports["pyo3"]["median_ms"]
        uni = imports.get("uniffi", {}).get("median_ms")
        w(f"| `import greet` | {ms:.1f} ms | {base:.1f} ms | {ms / base:.2f}× | "
          f"≤ {NATIVE_IMPORT_MS:g} ms {'met' if ms <= NATIVE_IMPORT_MS else '**missed**'} | "
          + ("–" if uni is None else f"{uni:.0f} ms") + " |")
    w("")


# The generated CFFI module's target against the hand-written CFFI module: (case, label, at most).
CFFI_TARGETS = [
    ("short", "`greet(\"Salutations\", \"friend\")`", 1.2),
    ("non-ascii", "`greet()`, CJK + emoji", 1.2),
    ("1mib", "`greet()` with a 1 MiB name", 1.2),
]


def cffi_targets(data, w):
    """The CFFI module generated from greet.udl against the seed's hand-written CFFI module."""
    if ir(data, "cffi-gen", "short") is None:
        return
    w("## CFFI generated from greet.udl against the hand-written CFFI module\n")
    w("The seed's first approach, from the spec: `generated/python-cffi` compiles a CFFI (API mode) "
      "extension from the generated C header `generated/c/greet.h` and calls `libgreet_c` "
      "(docs/c.md); the hand-written module calls `bench/cabi-greet`'s `char *greet(const char *, "
      "const char *)`. Target: instructions per call at most 1.2× the hand-written module's. "
      "From the tables above.\n")
    w("| what | generated CFFI | hand-written CFFI | ratio | target |")
    w("|---|---:|---:|---:|---:|")
    for case, label, limit in CFFI_TARGETS:
        gen, hand = ir(data, "cffi-gen", case), ir(data, "cffi", case)
        if gen is None or hand is None:
            continue
        r = gen / hand
        w(f"| {label} | {fmt_ir(gen)} | {fmt_ir(hand)} | {r:.2f}× | ≤ {limit:g}× "
          f"{'met' if r <= limit else '**missed**'} |")
    w("")


def swift_section(swift, w):
    """uniffi's Swift bindings against the C header imported into Swift (module map)."""
    if not swift:
        return
    w("## Swift: uniffi's bindings against the C header imported directly\n")
    if swift.get("gap"):
        w(f"Not measured: {swift['gap']}.\n")
        return
    w(f"`greet()` from Swift ({swift.get('swift', 'swiftc')}, `-O`), two ways in two processes: "
      "through uniffi's generated Swift bindings (`generated/swift`, over `libgreet`), and through "
      "the generated C header imported into Swift with a module map (`generated/c/greet.h`, "
      "`libgreet_c`: strings passed as UTF-8 pointer + length, the result copied into a Swift "
      "`String` and freed with `greet_string_free`). Wall time per call, median (minimum) of "
      f"{swift.get('repeats', '?')} measurements of about {swift.get('target_ms', '?')} ms each, "
      "each result checked before and after, malloc's thresholds pinned as above; the difference is "
      "what uniffi's Swift layer costs against a plain C call.\n")
    w("| case | uniffi Swift bindings | C header via module map | ratio |")
    w("|---|---:|---:|---:|")
    cells = swift.get("cells", {})
    for case, label in CASES:
        u, c = cells.get(f"uniffi/{case}"), cells.get(f"c/{case}")
        if not u or not c:
            continue
        w(f"| {label} | {fmt_ns(u['median_ns'])} ({fmt_ns(u['min_ns'])}) | "
          f"{fmt_ns(c['median_ns'])} ({fmt_ns(c['min_ns'])}) | {u['median_ns'] / c['median_ns']:.1f}× |")
    w("")


def tick_ir(v):
    for div, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if v >= div:
            return f"{v / div:.0f}{unit}"
    return f"{v:.0f}"


def tick_ns(v):
    for div, unit in ((1e9, " s"), (1e6, " ms"), (1e3, " µs")):
        if v >= div:
            return f"{v / div:.0f}{unit}"
    return f"{v:.0f} ns"


# --- chart ---------------------------------------------------------------------------------

def chart(data):
    """Two log-scale panels: instructions per call (callgrind) and median ns per call."""
    approaches = [a for a, _, _ in APPROACHES]
    kt = data.get("kotlin") or {"cells": {}}
    series = [(a, APPROACH_LABELS[a]) for a in approaches]
    kt_series = [(f"kt-{a}", label) for a, label in KOTLIN_LABELS.items() if any(k.startswith(f"{a}/") for k in kt["cells"])]

    if any(k.startswith("grpc-server/") for k in data["callgrind"]["cells"]):
        series = series + [("grpc-server", SERVER_LABEL)]

    def value(kind, key, case):
        if kind == "ir":
            return None if key.startswith("kt-") else ir(data, key, case)
        if key.startswith("kt-"):
            cell = kt["cells"].get(f"{key[3:]}/{case}")
        else:
            cell = wall(data, key, case)
        return None if cell is None else cell["median_ns"]

    panels = [("ir", "Instructions per call (callgrind)", series, fmt_ir, tick_ir),
              ("ns", "Wall time per call, median", series + (kt_series if kt["cells"] else []),
               fmt_ns, tick_ns)]
    everyone = list(dict(panels[1][2] + series).items())
    bar_h, gap, group_gap, label_w, panel_w, top = 11, 2, 16, 210, 380, 70
    panel_gap = 70
    rows = []  # (case label, [(key, label)])
    groups = []
    for case, label in CASES:
        keys = [k for k, _ in everyone if value("ns", k, case) is not None or value("ir", k, case) is not None]
        groups.append((case, label, keys))
    height = top + sum(len(keys) * (bar_h + gap) + group_gap + 14 for _, _, keys in groups) + 60
    width = label_w + 2 * (panel_w + panel_gap) + 20
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="10" y="20" font-size="14" font-weight="bold">greet() from Python (and Kotlin): '
           f'cost per call, log scale</text>',
           f'<text x="10" y="36" fill="#555">{html.escape(data["meta"]["date"])} · '
           f'{html.escape(data["meta"]["cpu"])} · profile {data["meta"]["profile"]} · '
           f'lower is better</text>']
    for p, (kind, title, keys, fmt, tick) in enumerate(panels):
        x0 = label_w + p * (panel_w + panel_gap)
        values = [v for case, _, ks in groups for k in ks
                  for v in [value(kind, k, case)] if v is not None and v > 0]
        if not values:
            continue
        lo = 10 ** math.floor(math.log10(min(values)))
        hi = 10 ** math.ceil(math.log10(max(values)))
        span = math.log10(hi) - math.log10(lo)

        def x(v):
            return x0 + (math.log10(v) - math.log10(lo)) / span * panel_w

        svg.append(f'<text x="{x0}" y="{top - 22}" font-weight="bold">{html.escape(title)}</text>')
        decade = lo
        while decade <= hi * 1.0001:
            xx = x(decade)
            svg.append(f'<line x1="{xx:.1f}" y1="{top - 12}" x2="{xx:.1f}" y2="{height - 50}" stroke="#ddd"/>')
            svg.append(f'<text x="{xx:.1f}" y="{top - 4}" text-anchor="middle" fill="#555">'
                       f'{html.escape(tick(decade))}</text>')
            decade *= 10
        y = top + 8
        for case, label, ks in groups:
            if p == 0:
                svg.append(f'<text x="10" y="{y + 9}" font-weight="bold">{html.escape(label)}</text>')
            y += 14
            for k in ks:
                v = value(kind, k, case)
                if v is not None and v > 0:
                    svg.append(f'<rect x="{x0}" y="{y}" width="{max(1.0, x(v) - x0):.1f}" height="{bar_h}" '
                               f'fill="{COLORS[k]}"><title>{html.escape(dict(keys).get(k, k))}: '
                               f'{html.escape(fmt(v))}</title></rect>')
                    svg.append(f'<text x="{x(v) + 3:.1f}" y="{y + 9}" fill="#333">{html.escape(fmt(v))}</text>')
                y += bar_h + gap
            y += group_gap
    # Legend.
    lx, ly = 10, height - 30
    for k, label in everyone:
        svg.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{COLORS[k]}"/>')
        svg.append(f'<text x="{lx + 14}" y="{ly + 9}">{html.escape(label)}</text>')
        lx += 14 + 6.2 * len(label) + 14
        if lx > width - 200:
            lx, ly = 10, ly + 15
    svg.append("</svg>")
    return "\n".join(svg) + "\n"
