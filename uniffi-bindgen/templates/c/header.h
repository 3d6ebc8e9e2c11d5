{%- import "c/macros.h" as mac -%}
/*
 * The C API of the `{{ m.ns }}` component: C11, usable from C++ as is.
 *
{{ m.doc|c_doc_lines(0) }} * Conventions (every function below follows them; docs/c.md says more):
 *
 * - Every function returns a {{ m.ns }}_status; results go to `*out`, failures to
 *   `*out_error`. After a call both are set: the one that does not apply is zeroed. Either
 *   may be NULL to discard it. Free what you receive with the free function its
 *   documentation names; freeing a zeroed value does nothing.
 * - Arguments are borrowed for the call: the library copies what it keeps. Strings are
 *   UTF-8, passed as a pointer and a length (not NUL-terminated; NULL with length 0 is the
 *   empty string). Invalid UTF-8 gives {{ m.upper }}_STATUS_INVALID_UTF8, never undefined
 *   behaviour.
 * - Strings the library returns are owned {{ m.ns }}_string values: `len` bytes at `ptr`,
 *   followed by a NUL byte that `len` does not count (the text itself may contain NULs).
 * - Objects are opaque pointers: each constructor, clone and object-returning call gives
 *   you one reference, which you release with the object's `_free` function. Objects may
 *   be used from any number of threads at once.
 * - A Rust panic never unwinds into C: it is {{ m.upper }}_STATUS_PANIC with a message.
 * - Call {{ m.ns }}_library_init({{ m.upper }}_INTERFACE_FINGERPRINT, &err) once first: it checks
 *   that the library matches this header and the component it was built with.
 * - Library built from this header: lib{{ m.ns }}_c (generated/c/Cargo.toml).
 */
#ifndef {{ m.upper }}_H
#define {{ m.upper }}_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The interface this header was generated for (a hash of the component's interface): pass it
 * to {{ m.ns }}_library_init(), which compares it with the library's.
 */
#define {{ m.upper }}_INTERFACE_FINGERPRINT "{{ m.fingerprint }}"

/* ---- declarations (the CFFI build reads from here to the end marker) ---- */

/** How a call ended. */
typedef enum {{ m.ns }}_status {
    /** Success: `*out` holds the result. */
    {{ m.upper }}_STATUS_OK = 0,
    /** The call failed with the error it declares: `*out_error` holds it. */
    {{ m.upper }}_STATUS_ERROR = 1,
    /** A string (argument, or inside one) is not valid UTF-8. Nothing was called. */
    {{ m.upper }}_STATUS_INVALID_UTF8 = 2,
    /**
     * An argument is invalid: NULL where a value is required or with a non-zero length,
     * an enum value out of range, nanoseconds over 999,999,999. Nothing was called.
     */
    {{ m.upper }}_STATUS_INVALID_ARGUMENT = 3,
    /** The component panicked, or returned a value the library cannot read. */
    {{ m.upper }}_STATUS_PANIC = 4,
    /** An async call was cancelled. */
    {{ m.upper }}_STATUS_CANCELLED = 5,
    /**
     * The library does not match the component it was built with, or (after
     * {{ m.ns }}_library_init() found it) this header: nothing was called. The message names the
     * library file, what differs, and the commands that regenerate the bindings and rebuild it.
     */
    {{ m.upper }}_STATUS_INCOMPATIBLE_LIBRARY = 6
} {{ m.ns }}_status;
{%- if m.uses_async() %}

/**
 * An async call in progress, for {{ m.ns }}_async_cancel(); 0 for a call whose callback was
 * called before it returned.
 *
 * Threads: the first poll of the Rust future runs on the calling thread; if the future
 * completes there, the callback runs there before the call returns. Later polls, and the
 * callback, run on the library's completion threads (2 to 4, started on first use) — never
 * on the thread that woke the future, which may hold the component's locks. A callback may
 * call into the library, also start or cancel async calls, but should not block for long:
 * it holds up other calls' completions.
 */
typedef uint64_t {{ m.ns }}_async_call;
{%- endif %}

/** UTF-8 text: `len` bytes at `ptr`. Returned ones are owned: free with {{ m.ns }}_string_free(). */
typedef struct {{ m.ns }}_string {
    const char *ptr;
    size_t len;
} {{ m.ns }}_string;

/** Bytes: `len` of them at `ptr` (NULL when empty). Returned ones are owned: free with {{ m.ns }}_bytes_free(). */
typedef struct {{ m.ns }}_bytes {
    const uint8_t *ptr;
    size_t len;
} {{ m.ns }}_bytes;

/** An instant: `seconds` since the Unix epoch (negative before it) plus `nanos` (0 to 999,999,999). */
typedef struct {{ m.ns }}_timestamp {
    int64_t seconds;
    uint32_t nanos;
} {{ m.ns }}_timestamp;

/** A length of time: `seconds` plus `nanos` (0 to 999,999,999). */
typedef struct {{ m.ns }}_duration {
    uint64_t seconds;
    uint32_t nanos;
} {{ m.ns }}_duration;

/** What went wrong, for calls that declare no error: free with {{ m.ns }}_error_free(). */
typedef struct {{ m.ns }}_error {
    /** One line, UTF-8. */
    {{ m.ns }}_string message;
} {{ m.ns }}_error;
{%- for e in m.c_enums %}
{%- if let Some(w) = e.wide %}

{{ e.doc|c_doc(0) }}typedef {{ w.c }} {{ e.c }};
/* Its values: a discriminant does not fit a C enum's int, so they are constants of its type. */
{%- for v in e.variants %}
{{ v.doc|c_doc(0) }}#define {{ v.constant }} (({{ e.c }}){{ v.c_value }})
{%- endfor %}
{%- else %}

{{ e.doc|c_doc(0) }}typedef enum {{ e.c }} {
{%- for v in e.variants %}
    {{ v.doc|c_doc(4) }}{{ v.constant }} = {{ v.c_value }}{% if !loop.last %},{% endif %}
{%- endfor %}
} {{ e.c }};
{%- endif %}
{%- endfor %}

/* Objects: opaque, used through pointers. */
{%- for o in m.objects %}
{{ o.doc|c_doc(0) }}typedef struct {{ o.c }} {{ o.c }};
{%- endfor %}

/* Structs, declared here and defined below. */
{%- for name in m.forward %}
typedef struct {{ name }} {{ name }};
{%- endfor %}
{%- for t in m.foreign %}
typedef struct {{ t.vtable }} {{ t.vtable }};
{%- endfor %}
{%- for (name, ret, err) in m.callback_types() %}

/**
 * The completion callback of an async call: called once with `callback_data`, the status,
 * and the result ({{ m.upper }}_STATUS_OK) or the error (otherwise). Whoever is called takes
 * over what `result` and `error` point at.
 */
typedef void (*{{ name }})(void *callback_data, {{ m.ns }}_status status, {{ ret }} *result, {{ err }} *error);
{%- endfor %}
{%- for d in m.decls %}
{%- match d %}
{%- when Decl::Record(r) %}

{{ r.doc|c_doc(0) }}struct {{ r.c }} {
{%- for f in r.fields %}
    {{ f.doc|c_doc(4) }}{% call mac::decl(f.ty.c, f.name) %}{% endcall %};
{%- endfor %}
{%- if r.empty %}
    /** Unused: C has no empty structs. */
    uint8_t unused;
{%- endif %}
};
{%- when Decl::Union(u) %}

/** The variants of {{ u.c }}. */
typedef enum {{ u.tag_c }} {
{%- for v in u.variants %}
    {{ v.doc|c_doc(4) }}{{ v.constant }} = {{ v.value }}{% if !loop.last %},{% endif %}
{%- endfor %}
} {{ u.tag_c }};
{%- for v in u.variants %}
{%- if !v.fields.is_empty() %}

/** The fields of {{ v.constant }}. */
typedef struct {{ u.c }}_{{ v.name }} {
{%- for f in v.fields %}
    {{ f.doc|c_doc(4) }}{% call mac::decl(f.ty.c, f.name) %}{% endcall %};
{%- endfor %}
} {{ u.c }}_{{ v.name }};
{%- endif %}
{%- endfor %}

{{ u.doc|c_doc(0) }}struct {{ u.c }} {
    /** Which variant this is. */
    {{ u.tag_c }} tag;
{%- if u.is_error %}
    /** What went wrong, in one line (also set for failures other than this error). */
    {{ m.ns }}_string message;
{%- endif %}
{%- if u.has_union %}
    /** The fields of the variant `tag` names (variants without fields have none). */
    union {
{%- for v in u.variants %}
{%- if !v.fields.is_empty() %}
        {{ u.c }}_{{ v.name }} {{ v.member }};
{%- endif %}
{%- endfor %}
    };
{%- endif %}
};
{%- when Decl::Custom { c, builtin, udl, doc, free_fn } %}

{{ doc|c_doc(0) }}/* Custom type `{{ c }}`: a {{ udl }}{% if let Some(f) = free_fn %}; free with {{ f }}(){% endif %}. */
typedef {{ builtin }} {{ c }};
{%- when Decl::Opt { c, value, udl } %}

/** An optional value ({{ udl }}): `value` is set when `is_some`. */
struct {{ c }} {
    bool is_some;
    {% call mac::decl(value, "value") %}{% endcall %};
};
{%- when Decl::Seq { c, item, udl } %}

/** A {{ udl }}: `len` items at `ptr` (NULL when empty). */
struct {{ c }} {
    {{ item }}{% if item.ends_with('*') %}const{% else %} const{% endif %} *ptr;
    size_t len;
};
{%- when Decl::Map { c, entry, udl } %}

/** A {{ udl }}: `len` entries at `ptr` (NULL when empty), in no particular order. */
struct {{ c }} {
    const {{ entry }} *ptr;
    size_t len;
};
{%- when Decl::MapEntry { entry, key, value, udl } %}

/** One entry of a {{ udl }}. */
struct {{ entry }} {
    {% call mac::decl(key, "key") %}{% endcall %};
    {% call mac::decl(value, "value") %}{% endcall %};
};
{%- when Decl::ObjectError { c, object, is_object, name } %}
{%- if is_object %}

/** The error of calls that fail with a `{{ name }}` object: free with {{ c }}_free(). */
struct {{ c }} {
    /** What went wrong, in one line. */
    {{ m.ns }}_string message;
    /** The error object ({{ m.upper }}_STATUS_ERROR only; NULL otherwise). */
    {% call mac::decl(object, "object") %}{% endcall %};
};
{%- else %}

/** The error of calls that fail with a `{{ name }}` value (a custom type): free with {{ c }}_free(). */
struct {{ c }} {
    /** What went wrong, in one line. */
    {{ m.ns }}_string message;
    /** The error value ({{ m.upper }}_STATUS_ERROR only; zeroed otherwise). */
    {% call mac::decl(object, "value") %}{% endcall %};
};
{%- endif %}
{%- when Decl::CallbackValue { c, vtable, name } %}

/**
 * An implementation of the callback interface `{{ name }}`: its methods, and the pointer
 * they receive. Passing one to the library lends it for the call; if the library keeps it
 * (for later calls, from any thread) it calls `vtable->free_user_data` once when done.
 */
struct {{ c }} {
    const {{ vtable }} *vtable;
    void *user_data;
};
{%- endmatch %}
{%- endfor %}
{%- for t in m.foreign %}

/**
{%- if t.is_callback_interface %}
 * The methods of a C implementation of the callback interface `{{ t.name }}`.
{%- else %}
 * The methods of a C implementation of `{{ t.name }}`, for {{ t.new_fn }}().
{%- endif %}
{{ t.doc|c_doc_lines(0) }} * Each method gets the implementation's `user_data` first, may be called from any thread
 * (also concurrently), and returns {{ m.upper }}_STATUS_OK with the result in `*out`, or
 * {{ m.upper }}_STATUS_ERROR with its declared error in `*out_error`. Any other status is an
 * unexpected failure; its message may be put in `out_error->message`. Arguments are lent
 * for the call. The library takes over what is written to `*out` and `*out_error`: build
 * strings, sequences and maps there with this library's `_new` functions.
 */
struct {{ t.vtable }} {
    /** Called once, when the library drops its last reference to `user_data`; may be NULL. */
    void (*free_user_data)(void *user_data);
{%- for meth in t.methods %}
    {{ meth.doc|c_doc(4) }}
{%- if meth.is_async -%}
    void (*{{ meth.field }})(void *user_data, {% for a in meth.args %}{% call mac::c_param(a.ty, a.name) %}{% endcall %}, {% endfor %}{{ meth.callback }} callback, void *callback_data);
{%- else -%}
    {{ m.ns }}_status (*{{ meth.field }})(void *user_data, {% for a in meth.args %}{% call mac::c_param(a.ty, a.name) %}{% endcall %}, {% endfor %}{% if let Some(r) = meth.ret %}{% call mac::decl(r.c, "*out") %}{% endcall %}, {% endif %}{{ meth.err.c }} *out_error);
{%- endif %}
{%- endfor %}
};
{%- endfor %}

/* ---- builtin types ---- */

/** A library-owned copy of `len` bytes at `ptr` (for values a C implementation returns). */
{{ m.ns }}_string {{ m.ns }}_string_new(const char *ptr, size_t len);
/** Frees a string the library gave you (NULL and zeroed strings are ignored); zeroes it. */
void {{ m.ns }}_string_free({{ m.ns }}_string *value);
/** A library-owned copy of `len` bytes at `ptr`. */
{{ m.ns }}_bytes {{ m.ns }}_bytes_new(const uint8_t *ptr, size_t len);
/** Frees bytes the library gave you; zeroes them. */
void {{ m.ns }}_bytes_free({{ m.ns }}_bytes *value);
/** Frees an error's message; zeroes it. */
void {{ m.ns }}_error_free({{ m.ns }}_error *value);

/**
 * Checks, once, that this library is the one this header describes: pass
 * {{ m.upper }}_INTERFACE_FINGERPRINT as `fingerprint` (NULL skips that comparison), and that the
 * component it was built with has the interface its glue was generated for (uniffi's contract
 * version and API checksums). Returns {{ m.upper }}_STATUS_OK, or
 * {{ m.upper }}_STATUS_INCOMPATIBLE_LIBRARY with `out_error->message` saying which library file
 * does not match, how, and what to run (regenerate the bindings, rebuild the library); from then
 * on every call returns {{ m.upper }}_STATUS_INCOMPATIBLE_LIBRARY too. Safe to call from any thread,
 * any number of times. Without it every call still checks the component (once per process) and
 * returns {{ m.upper }}_STATUS_INCOMPATIBLE_LIBRARY if it does not match, but only this function
 * can tell a program compiled with another header.
 */
{{ m.ns }}_status {{ m.ns }}_library_init(const char *fingerprint, {{ m.ns }}_error *out_error);
{%- if m.uses_async() %}

/**
 * Cancels an async call that has not completed: drops its Rust future (and everything the
 * future holds) and calls its callback with {{ m.upper }}_STATUS_CANCELLED on this thread,
 * before returning true. Returns false when the call has completed or is completing (its
 * callback is called with the outcome), or `call` is 0 or unknown. Waits while the future is
 * being polled on another thread. Safe from any thread, also from a completion callback.
 */
bool {{ m.ns }}_async_cancel({{ m.ns }}_async_call call);

/** Async calls started and not completed yet (their futures are alive). */
size_t {{ m.ns }}_async_pending(void);
{%- endif %}
{%- if !m.frees.is_empty() %}

/* ---- freeing and allocating the component's types ---- */
{%- for f in m.frees %}

/** Frees what a `{{ f.udl }}` owns (NULL and zeroed values are ignored) and zeroes it. */
void {{ f.name }}({% call mac::decl(f.c, "*value") %}{% endcall %});
{%- endfor %}
{%- for a in m.allocs %}
{%- match a.kind %}
{%- when AllocKind::Box %}

/** One zeroed {{ a.item }} owned by the library, for a C implementation to fill and return. */
{{ a.item }} *{{ a.name }}(void);
{%- else %}

/** `len` zeroed items owned by the library, for a C implementation to fill and return. */
{{ a.c }} {{ a.name }}(size_t len);
{%- endmatch %}
{%- endfor %}
{%- endif %}
{%- if !m.functions.is_empty() %}

/* ---- functions ---- */
{%- for f in m.functions %}
{% call mac::function(m, f) %}{% endcall %}
{%- endfor %}
{%- endif %}
{%- for v in m.value_types %}

/* ---- functions of {{ m.ns }}_{{ v.name }} values ---- */
{%- for f in v.functions %}
{% call mac::function(m, f) %}{% endcall %}
{%- endfor %}
{%- endfor %}
{%- for o in m.objects %}

/* ---- {{ o.c }} ---- */

/** Releases one reference to `obj` (NULL is ignored). */
void {{ o.free_fn }}({{ o.c }} *obj);

/** Another reference to the object `obj` points at, for another owner; free it with {{ o.free_fn }}(). */
{{ o.c }} *{{ o.clone_fn }}(const {{ o.c }} *obj);
{%- if let Some(t) = m.foreign_for(o.name.as_str()) %}

/**
 * A `{{ o.name }}` implemented in C by the methods of `vtable`, which receive `user_data`.
 * `vtable` must stay valid while the object lives (static storage is simplest). The
 * library calls `vtable->free_user_data` once, when the last reference is released.
 * Returns NULL (and keeps nothing) when `vtable` or one of its methods is NULL.
 */
{{ o.c }} *{{ t.new_fn }}(const {{ t.vtable }} *vtable, void *user_data);

/** The `user_data` of an object made by {{ t.new_fn }}(), or NULL for one implemented in Rust. */
void *{{ t.user_data_fn }}(const {{ o.c }} *obj);
{%- endif %}
{%- for f in o.functions %}
{% call mac::function(m, f) %}{% endcall %}
{%- endfor %}
{%- endfor %}

/* ---- end of declarations ---- */

#ifdef __cplusplus
} /* extern "C" */
#endif

/* The library is built for these sizes: an enum is an int, a bool one byte. */
#ifdef __cplusplus
#define {{ m.upper }}_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define {{ m.upper }}_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
{{ m.upper }}_STATIC_ASSERT(sizeof({{ m.ns }}_status) == sizeof(int32_t), "{{ m.ns }}.h needs enums of 4 bytes");
{{ m.upper }}_STATIC_ASSERT(sizeof(bool) == 1, "{{ m.ns }}.h needs a one-byte bool");
{%- for e in m.c_enums %}
{%- if e.wide.is_none() %}
{{ m.upper }}_STATIC_ASSERT(sizeof({{ e.c }}) == sizeof(int32_t), "{{ m.ns }}.h needs enums of 4 bytes");
{%- endif %}
{%- endfor %}

#endif /* {{ m.upper }}_H */
