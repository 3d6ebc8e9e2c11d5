"""Compiles `{{ m.ns }}._cffi`, the CFFI (API mode) extension of the `{{ m.ns }}` package, from
the C API's header.

    python build_cffi.py --lib-dir DIR [--out-dir DIR] [--header PATH]

Reads the declarations of {{ m.ns }}.h (default: ../c/{{ m.ns }}.h next to this script), adds the
module's C helpers and `extern "Python"` callbacks below, and compiles the extension against
lib{{ m.ns }}_c in --lib-dir (with an rpath of $ORIGIN, so copy the library next to it) into
--out-dir/{{ m.ns }}/ (default: the `{{ m.ns }}` package next to this script). Prints the
extension's path. Needs cffi and a C compiler.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Calls that return a string go through these helpers: the out-parameters live in
# thread-local C storage, so the Python side allocates nothing per call.
HELPERS_CDEF = """
const char *_cffi_header_fingerprint(void);
{%- if !m.helpers.is_empty() %}
{{ m.ns }}_status _cffi_status(void);
{{ m.ns }}_string *_cffi_string_slot(void);
void _cffi_string_done(void);
{%- for (c, slot, free) in m.err_slots %}
{{ c }} *{{ slot }}(void);
{%- endfor %}
{%- for h in m.helpers %}
const char *{{ h.name }}({% for (decl, _) in h.params %}{{ decl }}{% if !loop.last %}, {% endif %}{% else %}void{% endfor %});
{%- endfor %}
{%- endif %}
{%- for c in m.completions %}
extern "Python" void {{ c.ext }}(void *, {{ m.ns }}_status, {{ c.ret_c }} *, {{ c.err_c }} *);
{%- endfor %}
{%- for t in m.foreign %}
extern "Python" void {{ t.free_ext }}(void *);
{%- for meth in t.methods %}
{%- if meth.is_async %}
extern "Python" void {{ meth.ext }}(void *, {% for a in meth.args %}{{ a.c_param_types() }}, {% endfor %}{{ meth.callback }}, void *);
{%- else %}
extern "Python" {{ m.ns }}_status {{ meth.ext }}(void *, {% for a in meth.args %}{{ a.c_param_types() }}, {% endfor %}{% if meth.ret.is_some() %}{{ meth.ret_c }} *, {% endif %}{{ meth.err_c }} *);
{%- endif %}
{%- endfor %}
{%- endfor %}
"""

HELPERS_SOURCE = r"""
/* The interface fingerprint of the header this extension is compiled from. */
static const char *_cffi_header_fingerprint(void) { return {{ m.upper }}_INTERFACE_FINGERPRINT; }
{%- if !m.helpers.is_empty() %}
static _Thread_local {{ m.ns }}_string _cffi_string_out;
static _Thread_local {{ m.ns }}_status _cffi_last_status;
{%- for (c, slot, free) in m.err_slots %}
static _Thread_local {{ c }} {{ slot }}_tls;
static {{ c }} *{{ slot }}(void) { return &{{ slot }}_tls; }
{%- endfor %}

static {{ m.ns }}_status _cffi_status(void) { return _cffi_last_status; }
static {{ m.ns }}_string *_cffi_string_slot(void) { return &_cffi_string_out; }
static void _cffi_string_done(void) { {{ m.ns }}_string_free(&_cffi_string_out); }

/* The bytes of the string just returned, or NULL: the call failed, or the string holds a NUL
   byte (then _cffi_string_slot() has it). */
static const char *_cffi_string_result({{ m.ns }}_status status) {
    _cffi_last_status = status;
    if (status == {{ m.upper }}_STATUS_OK && memchr(_cffi_string_out.ptr, 0, _cffi_string_out.len) == NULL) {
        return _cffi_string_out.ptr;
    }
    return NULL;
}
{%- for h in m.helpers %}

static const char *{{ h.name }}({% for (decl, _) in h.params %}{{ decl }}{% if !loop.last %}, {% endif %}{% else %}void{% endfor %}) {
    return _cffi_string_result({{ h.c_fn }}({% for (_, arg) in h.params %}{{ arg }}, {% endfor %}&_cffi_string_out, &{{ h.err_slot }}_tls));
}
{%- endfor %}
{%- endif %}
"""


def declarations(header):
    """The C declarations of the header, as CFFI's cdef takes them: the part between its
    markers, without comments and preprocessor lines."""
    start = header.index("/* ---- declarations")
    end = header.index("/* ---- end of declarations ---- */")
    body = re.sub(r"/\*.*?\*/", "", header[start:end], flags=re.S)
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lib-dir", required=True, help="the directory holding lib{{ m.ns }}_c")
    parser.add_argument("--out-dir", default=HERE, help="where the `{{ m.ns }}` package is (default: next to this script)")
    parser.add_argument("--header", default=os.path.join(HERE, "..", "c", "{{ m.ns }}.h"), help="the C API's header")
    args = parser.parse_args(argv)

    from cffi import FFI

    with open(args.header, encoding="utf-8") as f:
        header = f.read()
    ffi = FFI()
    ffi.cdef(declarations(header) + HELPERS_CDEF)
    ffi.set_source(
        "{{ m.ns }}._cffi",
        '#include <string.h>\n#include "{{ m.ns }}.h"\n' + HELPERS_SOURCE,
        include_dirs=[os.path.dirname(os.path.abspath(args.header))],
        libraries=["{{ m.ns }}_c"],
        library_dirs=[os.path.abspath(args.lib_dir)],
        extra_link_args=["-Wl,-rpath,$ORIGIN"],
        extra_compile_args=["-O2", "-std=c11"],
    )
    package = os.path.join(os.path.abspath(args.out_dir), "{{ m.ns }}")
    os.makedirs(package, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="{{ m.ns }}-cffi-") as tmp:
        built = ffi.compile(tmpdir=tmp, verbose=False)
        target = os.path.join(package, os.path.basename(built))
        shutil.move(built, target)
    print(target)


if __name__ == "__main__":
    main(sys.argv[1:])
