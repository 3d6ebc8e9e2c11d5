#!/usr/bin/env python3
"""Summarises a `valgrind --tool=memcheck --xml=yes` log of a Python run over the bindings.

    python3 tests/soak/valgrind_report.py LOG.xml --label NAME [--expect-greet-leak]

No suppression file is used: with PYTHONMALLOC=malloc every interpreter allocation is visible
to valgrind, and each loss record and memcheck error is attributed by its allocation stack:

    libgreet   some frame is in libgreet.so (the Rust library and its uniffi scaffolding)
    ctypes     else some frame is in _ctypes or libffi (the generated bindings' marshalling)
    python     everything else (the interpreter itself)

The first two together are "attributable to greet". This is conservative: an interpreter
allocation made while a call is inside the library (e.g. a Python Decorator running in a
callback) is counted against greet, never the other way round.

Prints `valgrind.<label>.<key>: <value>` lines. Exits 1 when bytes "definitely lost" or
memcheck errors are attributable to greet, or, with --expect-greet-leak (the positive
control), when none are.
"""

import argparse
import sys
import xml.etree.ElementTree as ET

LEAK_KINDS = {
    "Leak_DefinitelyLost": "definitely_lost",
    "Leak_IndirectlyLost": "indirectly_lost",
    "Leak_PossiblyLost": "possibly_lost",
}


def bucket(stack):
    objs = [(f.findtext("obj") or "") for f in stack.iter("frame")] if stack is not None else []
    if any("libgreet" in o for o in objs):
        return "libgreet"
    if any("_ctypes" in o or "libffi" in o for o in objs):
        return "ctypes"
    return "python"


def frames(stack, limit=12):
    out = []
    for f in list(stack.iter("frame"))[:limit] if stack is not None else []:
        where = f.findtext("file")
        where = f"{where}:{f.findtext('line')}" if where else f.findtext("obj") or "?"
        out.append(f"      {f.findtext('fn') or '???'} ({where})")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--label", required=True)
    parser.add_argument("--expect-greet-leak", action="store_true")
    args = parser.parse_args()

    root = ET.parse(args.log).getroot()
    totals = {}  # (kind, bucket) -> [bytes, blocks]
    errors = {}  # bucket -> count
    greet_records = []
    for err in root.iter("error"):
        kind = err.findtext("kind")
        stack = err.find("stack")
        b = bucket(stack)
        if kind in LEAK_KINDS:
            xwhat = err.find("xwhat")
            nbytes = int(xwhat.findtext("leakedbytes"))
            blocks = int(xwhat.findtext("leakedblocks"))
            acc = totals.setdefault((LEAK_KINDS[kind], b), [0, 0])
            acc[0] += nbytes
            acc[1] += blocks
            if kind == "Leak_DefinitelyLost" and b != "python":
                greet_records.append(f"    {nbytes} bytes in {blocks} blocks ({b}):\n{frames(stack)}")
        else:
            errors[b] = errors.get(b, 0) + 1
            if b != "python":
                greet_records.append(f"    memcheck {kind}: {err.findtext('what')}\n{frames(stack)}")

    pre = f"valgrind.{args.label}"

    def get(kind, b):
        return totals.get((kind, b), [0, 0])

    for kind in LEAK_KINDS.values():
        all_bytes = sum(get(kind, b)[0] for b in ("libgreet", "ctypes", "python"))
        all_blocks = sum(get(kind, b)[1] for b in ("libgreet", "ctypes", "python"))
        print(f"{pre}.{kind}: {all_bytes} bytes in {all_blocks} blocks")
        print(f"{pre}.{kind}.attributable_to_greet: {get(kind, 'libgreet')[0] + get(kind, 'ctypes')[0]} bytes"
              f" (libgreet {get(kind, 'libgreet')[0]}, ctypes {get(kind, 'ctypes')[0]})")
    print(f"{pre}.memcheck_errors: {sum(errors.values())} (libgreet {errors.get('libgreet', 0)},"
          f" ctypes {errors.get('ctypes', 0)}, python {errors.get('python', 0)})")

    greet_lost = get("definitely_lost", "libgreet")[0] + get("definitely_lost", "ctypes")[0]
    greet_errors = errors.get("libgreet", 0) + errors.get("ctypes", 0)
    if greet_records:
        print(f"{pre}.records_attributable_to_greet:")
        print("\n".join(greet_records[:20]))
    if args.expect_greet_leak:
        ok = greet_lost > 0
        print(f"{pre}: {'ok, the known leak is seen' if ok else 'FAILED: the known leak was not seen'}")
    else:
        ok = greet_lost == 0 and greet_errors == 0
        print(f"{pre}: {'ok' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
