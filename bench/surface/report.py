"""Merges the surface benchmark's per-language results into one report.

    report.py --raw DIR --out-dir DIR [--previous surface.json]

Reads DIR/python.json, DIR/jvm.json and DIR/swift.json (whichever exist; the format is in
bench/surface/README.md); languages missing there are taken from --previous (the committed
bench/results/surface.json), so one language can be re-run alone. Writes surface.md (a summary
table, then one table per language: case x approach, median ns and ratio to BoltFFI),
surface.json (every language's document) and surface.svg (ratio to BoltFFI per case, log scale).
"""

import argparse
import html
import json
import math
import os
import sys

LANGUAGES = ("python", "jvm", "swift")
ORDER = ("boltffi", "native", "cffi", "uniffi", "jni", "jna", "swift-boltffi", "swift-c", "swift-uniffi")
LABELS = {
    "boltffi": "BoltFFI", "native": "our native (PyO3)", "cffi": "our CFFI", "uniffi": "stock uniffi",
    "jni": "our Kotlin JNI", "jna": "stock uniffi (JNA)", "swift-boltffi": "BoltFFI",
    "swift-c": "our C header", "swift-uniffi": "stock uniffi",
}
# The cases the issue quotes, first in the summary.
KEY_CASES = ("noop", "add", "echo_string_small", "echo_string_1k", "generate_locations_1k",
             "sum_ratings_1k", "generate_i32_vec_10k", "counter_increment_1k")
COLORS = {"native": "#1b9e77", "cffi": "#d95f02", "uniffi": "#7570b3", "jni": "#1b9e77", "jna": "#7570b3",
          "swift-c": "#1b9e77", "swift-uniffi": "#7570b3"}
FALLBACK_COLORS = ("#e7298a", "#66a61e", "#e6ab02", "#a6761d")


def approach_key(a):
    return (ORDER.index(a) if a in ORDER else len(ORDER), a)


def is_baseline(a):
    return "boltffi" in a


def load_docs(raw, previous):
    docs = {}
    if previous and os.path.exists(previous):
        with open(previous) as f:
            docs.update(json.load(f).get("languages", {}))
    for lang in LANGUAGES:
        path = os.path.join(raw, f"{lang}.json")
        if os.path.exists(path):
            with open(path) as f:
                doc = json.load(f)
            if doc.get("language") != lang:
                sys.exit(f"report.py: {path} says language {doc.get('language')!r}")
            docs[lang] = doc
    return {lang: docs[lang] for lang in LANGUAGES if lang in docs}


class Table:
    """One language: cases in order of appearance, approaches, cells by (case, approach)."""

    def __init__(self, doc):
        self.doc = doc
        self.cases, self.cells = [], {}
        for r in doc["results"]:
            if r["case"] not in self.cases:
                self.cases.append(r["case"])
            self.cells[(r["case"], r["approach"])] = r
        self.approaches = sorted({a for _, a in self.cells}, key=approach_key)
        self.baseline = next((a for a in self.approaches if is_baseline(a)), None)

    def median(self, case, approach):
        cell = self.cells.get((case, approach))
        return cell["median_ns"] if cell else None

    def ratio(self, case, approach):
        if self.baseline is None or approach == self.baseline:
            return None
        base, value = self.median(case, self.baseline), self.median(case, approach)
        if not base or value is None:
            return None
        return value / base


def fmt_ns(ns):
    if ns is None:
        return "n/a"
    if ns >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if ns >= 1e4:
        return f"{ns / 1e3:,.1f} µs"
    if ns >= 1e3:
        return f"{ns / 1e3:,.2f} µs"
    return f"{ns:,.0f} ns"


def fmt_ratio(r):
    if r is None:
        return "—"
    if r >= 100:
        return f"{r:,.0f}×"
    if r >= 10:
        return f"{r:.1f}×"
    return f"{r:.2f}×"


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def label(a):
    return LABELS.get(a, a)


def summary(tables):
    lines = ["## Summary", ""]
    if not any(t.baseline for t in tables.values()):
        lines += ["No BoltFFI rows in this run (`--quick` leaves them out): medians only, no ratios.", ""]
        return lines
    lines += ["Ratio of median time per op to BoltFFI's (below 1: faster than BoltFFI). "
              "Geometric mean over the cases both approaches carry; cases at or below 1.0; worst case.", ""]
    lines += ["| language | approach | geomean ratio | cases ≤ 1.0 | worst case |", "|---|---|---:|---:|---|"]
    for lang, t in tables.items():
        if not t.baseline:
            continue
        for a in t.approaches:
            if a == t.baseline:
                continue
            ratios = {c: t.ratio(c, a) for c in t.cases}
            ratios = {c: r for c, r in ratios.items() if r is not None}
            if not ratios:
                continue
            worst = max(ratios, key=ratios.get)
            lines.append(f"| {lang} | {label(a)} | {fmt_ratio(geomean(ratios.values()))} | "
                         f"{sum(1 for r in ratios.values() if r <= 1.0)} / {len(ratios)} | "
                         f"{worst} ({fmt_ratio(ratios[worst])}) |")
    lines += ["", "Key cases (ratio to BoltFFI):", ""]
    cols = [(lang, a) for lang, t in tables.items() if t.baseline for a in t.approaches if a != t.baseline]
    lines.append("| case | " + " | ".join(f"{lang}: {label(a)}" for lang, a in cols) + " |")
    lines.append("|---|" + "---:|" * len(cols))
    for case in KEY_CASES:
        lines.append(f"| {case} | " + " | ".join(fmt_ratio(tables[lang].ratio(case, a)) for lang, a in cols) + " |")
    return lines + [""]


def language_section(lang, t):
    doc = t.doc
    lines = [f"## {lang}", ""]
    lines.append(f"- machine: {doc.get('machine', '?')}")
    vers = ", ".join(f"{k} {v}" for k, v in sorted(doc.get("versions", {}).items()))
    lines.append(f"- versions: {vers}")
    if doc.get("method"):
        lines.append(f"- method: {doc['method']}")
    if doc.get("loadavg"):
        lines.append(f"- load average: {doc['loadavg']} (2-core machine shared with other jobs: "
                     "the instruction counts do not move with load, the times do)")
    if doc.get("quick"):
        lines.append("- **quick run** (debug build, tiny counts): the figures check the path end to end, "
                     "they measure nothing")
    lines += ["", "Median per op" + (f" (ratio to {label(t.baseline)})" if t.baseline else "") + "; min in "
              f"`{lang}.json`.", ""]
    lines.append("| case | " + " | ".join(label(a) for a in t.approaches) + " |")
    lines.append("|---|" + "---:|" * len(t.approaches))
    notes = []
    for case in t.cases:
        row = []
        for a in t.approaches:
            cell = t.cells.get((case, a))
            if cell is None:
                row.append("")
                continue
            if cell["median_ns"] is None:
                row.append("n/a")
                notes.append(f"- {case}, {label(a)}: {cell.get('note') or 'not measured'}")
                continue
            r = t.ratio(case, a)
            row.append(fmt_ns(cell["median_ns"]) + (f" ({fmt_ratio(r)})" if r is not None else ""))
        lines.append(f"| {case} | " + " | ".join(row) + " |")
    if notes:
        lines += ["", "n/a:", ""] + notes
    with_ir = [(c, a) for (c, a), cell in t.cells.items() if cell.get("instructions") is not None]
    if with_ir:
        ir_cases = [c for c in t.cases if any(c == k for k, _ in with_ir)]
        ir_apps = [a for a in t.approaches if any(a == x for _, x in with_ir)]
        lines += ["", "Instructions per op (callgrind: Ir(N ops) − Ir(0 ops), over N)"
                  + (f", ratio to {label(t.baseline)}" if t.baseline in ir_apps else "") + ":", ""]
        lines.append("| case | " + " | ".join(label(a) for a in ir_apps) + " |")
        lines.append("|---|" + "---:|" * len(ir_apps))
        for c in ir_cases:
            base = t.cells.get((c, t.baseline), {}).get("instructions") if t.baseline else None
            row = []
            for a in ir_apps:
                ir = t.cells.get((c, a), {}).get("instructions")
                if ir is None:
                    row.append("n/a")
                elif base and a != t.baseline:
                    row.append(f"{ir:,} ({fmt_ratio(ir / base)})")
                else:
                    row.append(f"{ir:,}")
            lines.append(f"| {c} | " + " | ".join(row) + " |")
    other_notes = sorted({(a, t.cells[(c, a)]["note"]) for c, a in t.cells
                          if t.cells[(c, a)]["median_ns"] is not None and t.cells[(c, a)].get("note")})
    if other_notes:
        lines += ["", "Notes:", ""] + [f"- {label(a)}: {n}" for a, n in other_notes]
    return lines + [""]


def write_md(tables, path):
    lines = ["# The whole interface surface against BoltFFI", "",
             "One Rust crate ([bench/surface](../surface)) with BoltFFI's benchmark suite's shapes and sizes, "
             "exported through BoltFFI and through uniffi, so that the binding layer is the only variable; "
             "every approach of a language in one process, interleaved. Reproduce with "
             "`bash scripts/bench-surface.sh` (method: [bench/surface/README.md](../surface/README.md)); "
             "chart: [surface.svg](surface.svg).", ""]
    lines += summary(tables)
    # The analysis of what is still behind BoltFFI, and why (written by hand from a profile of
    # the run; kept beside this script so a re-run keeps it).
    analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
    if os.path.exists(analysis):
        with open(analysis) as f:
            lines += ["", f.read().rstrip(), ""]
    for lang, t in tables.items():
        lines += language_section(lang, t)
    with open(path, "w") as f:
        f.write("\n".join(lines))


def write_svg(tables, path):
    """Ratio to BoltFFI per case, log scale: one panel per language, one dot per approach."""
    panels = [(lang, t) for lang, t in tables.items() if t.baseline]
    width, left, right, row_h, top_pad = 980, 210, 30, 13, 52
    ratios = [t.ratio(c, a) for _, t in panels for c in t.cases for a in t.approaches]
    ratios = [r for r in ratios if r]
    lo = 10 ** math.floor(math.log10(min(ratios))) if ratios else 0.1
    hi = 10 ** math.ceil(math.log10(max(ratios))) if ratios else 10
    lo, hi = min(lo, 0.1), max(hi, 10)
    span = math.log10(hi) - math.log10(lo)

    def x(r):
        return left + (math.log10(r) - math.log10(lo)) / span * (width - left - right)

    parts, y = [], 10
    parts.append(f'<text x="{width / 2}" y="{y + 14}" text-anchor="middle" font-size="15" font-weight="bold">'
                 'Time per op relative to BoltFFI (log scale; left of 1× is faster than BoltFFI)</text>')
    y += 30
    if not panels:
        parts.append(f'<text x="{width / 2}" y="{y + 20}" text-anchor="middle">no BoltFFI rows in this run</text>')
        y += 40
    for lang, t in panels:
        others = [a for a in t.approaches if a != t.baseline]
        colors = {a: COLORS.get(a, FALLBACK_COLORS[i % len(FALLBACK_COLORS)]) for i, a in enumerate(others)}
        parts.append(f'<text x="10" y="{y + 16}" font-size="14" font-weight="bold">{html.escape(lang)}</text>')
        lx = left
        for a in others:
            parts.append(f'<circle cx="{lx}" cy="{y + 12}" r="4" fill="{colors[a]}"/>'
                         f'<text x="{lx + 8}" y="{y + 16}" font-size="12">{html.escape(label(a))}</text>')
            lx += 30 + 7 * len(label(a))
        y += top_pad - 24
        panel_top = y
        height = row_h * len(t.cases)
        decade = lo
        while decade <= hi * 1.0001:
            gx = x(decade)
            stroke = "#333" if abs(decade - 1) < 1e-9 else "#ddd"
            parts.append(f'<line x1="{gx:.1f}" y1="{panel_top}" x2="{gx:.1f}" y2="{panel_top + height}" '
                         f'stroke="{stroke}" stroke-width="{1.5 if stroke == "#333" else 1}"/>')
            parts.append(f'<text x="{gx:.1f}" y="{panel_top + height + 14}" text-anchor="middle" '
                         f'font-size="11">{decade:g}×</text>')
            decade *= 10
        for i, case in enumerate(t.cases):
            cy = panel_top + i * row_h + row_h / 2
            if i % 2 == 0:
                parts.append(f'<rect x="{left}" y="{cy - row_h / 2:.1f}" width="{width - left - right}" '
                             f'height="{row_h}" fill="#f6f6f6"/>')
            parts.append(f'<text x="{left - 6}" y="{cy + 4:.1f}" text-anchor="end" font-size="10">'
                         f'{html.escape(case)}</text>')
            for a in others:
                r = t.ratio(case, a)
                if r:
                    parts.append(f'<circle cx="{x(r):.1f}" cy="{cy:.1f}" r="3.5" fill="{colors[a]}" '
                                 f'fill-opacity="0.85"><title>{html.escape(case)}, {html.escape(label(a))}: '
                                 f'{fmt_ratio(r)}</title></circle>')
        y = panel_top + height + 30
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}" '
           f'font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>' + "".join(parts) + "</svg>\n")
    with open(path, "w") as f:
        f.write(svg)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--raw", required=True)
    p.add_argument("--out-dir", required=True)
    p.add_argument("--previous")
    args = p.parse_args()
    docs = load_docs(args.raw, args.previous)
    if not docs:
        sys.exit(f"report.py: no results in {args.raw}")
    tables = {lang: Table(doc) for lang, doc in docs.items()}
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "surface.json"), "w") as f:
        json.dump({"languages": docs}, f, indent=1)
        f.write("\n")
    write_md(tables, os.path.join(args.out_dir, "surface.md"))
    write_svg(tables, os.path.join(args.out_dir, "surface.svg"))
    print(f"report.py: {', '.join(docs)} -> {args.out_dir}/surface.{{md,json,svg}}")


if __name__ == "__main__":
    main()
