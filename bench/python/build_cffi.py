"""Compiles the CFFI API-mode extension `_greet_cffi` over libcabi_greet.so.

    python build_cffi.py OUT_DIR LIB_DIR

Reads the header bench/cabi-greet/include/greet_cabi.h, links against LIB_DIR/libcabi_greet.so
with an rpath of $ORIGIN, and writes _greet_cffi.*.so into OUT_DIR (where libcabi_greet.so must
be copied too). Like the seed's ffi.set_source(...); ffi.compile(), done ahead of use.
"""

import os
import sys

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.join(HERE, "..", "cabi-greet", "include")


def cdef_from_header(path):
    # The header is plain declarations plus one comment block: strip comments for cdef.
    lines, in_comment = [], False
    for line in open(path, encoding="utf-8"):
        stripped = line.strip()
        if in_comment or stripped.startswith("/*"):
            in_comment = not stripped.endswith("*/")
            continue
        lines.append(line)
    return "".join(lines)


def main(out_dir, lib_dir):
    ffi = FFI()
    ffi.cdef(cdef_from_header(os.path.join(INCLUDE, "greet_cabi.h")))
    ffi.set_source(
        "_greet_cffi",
        '#include "greet_cabi.h"',
        include_dirs=[os.path.abspath(INCLUDE)],
        libraries=["cabi_greet"],
        library_dirs=[os.path.abspath(lib_dir)],
        extra_link_args=["-Wl,-rpath,$ORIGIN"],
        extra_compile_args=["-O2"],
    )
    os.makedirs(out_dir, exist_ok=True)
    built = ffi.compile(tmpdir=os.path.join(out_dir, "cffi-build"), verbose=False)
    target = os.path.join(out_dir, os.path.basename(built))
    os.replace(built, target)
    print(target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
