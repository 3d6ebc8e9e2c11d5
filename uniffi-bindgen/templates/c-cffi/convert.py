{#- The converters of one C type `v`: `_lift_<T>(p)` reads the value at `p` (a `T *`) into
    Python (moving objects out: their slot becomes NULL, so freeing the container skips them),
    `_give_<T>(p, value)` writes a library-owned C value at `p` (freed by the type's free
    function, or by the library when it takes it over). -#}
{%- match v.kind %}
{%- when ConvKind::Int { lo, hi } %}


def _lift_{{ v.mangle }}(p):
    return p[0]


def _give_{{ v.mangle }}(p, value):
    p[0] = _int(value, {{ lo }}, {{ hi }}, "{{ v.mangle }}")
{%- when ConvKind::Float %}


def _lift_{{ v.mangle }}(p):
    return p[0]


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, (int, float)):
        raise TypeError(f"must be real number, not {type(value).__name__}")
    p[0] = value
{%- when ConvKind::Bool %}


def _lift_{{ v.mangle }}(p):
    return bool(p[0])


def _give_{{ v.mangle }}(p, value):
    p[0] = bool(value)
{%- when ConvKind::Str %}


def _lift_{{ v.mangle }}(p):
    return _text(p)


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, str):
        raise TypeError(f"argument must be str, not {type(value).__name__}")
    p[0] = _new_string(value)
{%- when ConvKind::Bytes %}


def _lift_{{ v.mangle }}(p):
    n = p.len
    return _buffer(p.ptr, n)[:] if n else b""


def _give_{{ v.mangle }}(p, value):
    b = _as_bytes(value)
    p[0] = _lib.{{ m.ns }}_bytes_new(_from_buffer("uint8_t[]", b), len(b))
{%- when ConvKind::Timestamp %}


def _lift_{{ v.mangle }}(p):
    return _EPOCH + datetime.timedelta(seconds=p.seconds, microseconds=p.nanos // 1000)


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"expected a datetime, not {type(value).__name__}")
    d = value - _EPOCH
    p.seconds = d.days * 86400 + d.seconds
    p.nanos = d.microseconds * 1000
{%- when ConvKind::Duration %}


def _lift_{{ v.mangle }}(p):
    return datetime.timedelta(seconds=p.seconds, microseconds=p.nanos // 1000)


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, datetime.timedelta):
        raise TypeError(f"expected a timedelta, not {type(value).__name__}")
    if value < datetime.timedelta(0):
        raise ValueError("A negative duration cannot be passed to Rust")
    p.seconds = value.days * 86400 + value.seconds
    p.nanos = value.microseconds * 1000
{%- when ConvKind::CEnum { class } %}


def _lift_{{ v.mangle }}(p):
    return {{ class }}(p[0])


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, {{ class }}):
        raise ValueError(f"{value!r} is not a valid {{ class }}")
    p[0] = value.value
{%- when ConvKind::Record { class, fields, empty } %}


def _lift_{{ v.mangle }}(p):
{%- if *empty %}
    return {{ class }}()
{%- else %}
    c = p[0]
    return {{ class }}(
{%- for f in fields %}
        {{ f.py }}=_lift_{{ f.conv }}(_addressof(c, "{{ f.c }}")),
{%- endfor %}
    )
{%- endif %}


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, {{ class }}):
        raise TypeError(f"expected {{ class }}, not {type(value).__name__}")
{%- if *empty %}
    p.unused = 0
{%- else %}
    c = p[0]
{%- for f in fields %}
    _give_{{ f.conv }}(_addressof(c, "{{ f.c }}"), value.{{ f.py }})
{%- endfor %}
{%- endif %}
{%- when ConvKind::Union { variants, is_error, flat_error, name } %}


def _lift_{{ v.mangle }}(p):
    c = p[0]
    tag = c.tag
{%- for var in variants %}
    if tag == {{ var.value }}:
{%- if *flat_error %}
        return {{ var.class }}(_text(c.message))
{%- else if var.fields.is_empty() %}
        return {{ var.class }}()
{%- else if var.unnamed %}
        return {{ var.class }}(
{%- for f in var.fields %}
            _lift_{{ f.conv }}(_addressof(c, "{{ var.member }}", "{{ f.c }}")),
{%- endfor %}
        )
{%- else %}
        return {{ var.class }}(
{%- for f in var.fields %}
            {{ f.py }}=_lift_{{ f.conv }}(_addressof(c, "{{ var.member }}", "{{ f.c }}")),
{%- endfor %}
        )
{%- endif %}
{%- endfor %}
    raise InternalError(f"{tag} is not a variant of {{ name }}")


def _give_{{ v.mangle }}(p, value):
    c = p[0]
{%- for var in variants %}
    if isinstance(value, {{ var.class }}):
        c.tag = {{ var.value }}
{%- if *is_error %}
        p.message = _new_string(str(value))
{%- endif %}
{%- for f in var.fields %}
{%- if var.unnamed %}
        _give_{{ f.conv }}(_addressof(c, "{{ var.member }}", "{{ f.c }}"), value[{{ loop.index0 }}])
{%- else %}
        _give_{{ f.conv }}(_addressof(c, "{{ var.member }}", "{{ f.c }}"), value.{{ f.py }})
{%- endif %}
{%- endfor %}
        return
{%- if *flat_error %}
    # The variant's class stands for the variant, as in uniffi (`Dict(e=Error.Variant)`).
    if value is {{ var.class }}:
        c.tag = {{ var.value }}
        p.message = _new_string("")
        return
{%- endif %}
{%- endfor %}
    raise TypeError(f"expected {{ name }}, not {type(value).__name__}")
{%- when ConvKind::Object { class, free, clone, is_error } %}


def _lift_{{ v.mangle }}(p):
    ptr = p[0]
    p[0] = _NULL
    return {{ class }}._uniffi_make_instance(ptr)


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, {{ class }}):
        raise TypeError(f"Expected {{ class }} instance, {type(value).__name__} found")
    p[0] = _lib.{{ clone }}(value._ptr)
{%- when ConvKind::Trait { class, protocol, free, clone, new_foreign, user_data, vtable } %}


def _lift_{{ v.mangle }}(p):
    ptr = p[0]
    p[0] = _NULL
    user_data = _lib.{{ user_data }}(ptr)
    if user_data != _NULL:
        # Implemented in Python: the very object that was passed in.
        obj = _ffi.from_handle(user_data)
        _lib.{{ free }}(ptr)
        return obj
    return {{ class }}._uniffi_make_instance(ptr)


def _give_{{ v.mangle }}(p, value):
    if isinstance(value, {{ class }}):
        p[0] = _lib.{{ clone }}(value._ptr)
    elif isinstance(value, {{ protocol }}):
        p[0] = _lib.{{ new_foreign }}({{ vtable }}, _keep(value))
    else:
        raise TypeError(f"Expected {{ protocol }} subclass, {type(value).__name__} found")
{%- when ConvKind::Callback { protocol, vtable } %}


def _lift_{{ v.mangle }}(p):
    raise InternalError("a {{ protocol }} implementation cannot come back from Rust")


def _give_{{ v.mangle }}(p, value):
    p.vtable = {{ vtable }}
    p.user_data = _keep(value)
{%- when ConvKind::Opt { inner } %}


def _lift_{{ v.mangle }}(p):
    c = p[0]
    return _lift_{{ inner }}(_addressof(c, "value")) if c.is_some else None


def _give_{{ v.mangle }}(p, value):
    c = p[0]
    if value is None:
        c.is_some = False
    else:
        c.is_some = True
        _give_{{ inner }}(_addressof(c, "value"), value)
{%- when ConvKind::Seq { inner, item, set } %}


def _lift_{{ v.mangle }}(p):
    items = p.ptr
    return {% if *set %}set({% endif %}[_lift_{{ inner }}(items + i) for i in range(p.len)]{% if *set %}){% endif %}


def _give_{{ v.mangle }}(p, value):
{%- if *set %}
    if not isinstance(value, (set, frozenset)):
        raise TypeError(f"expected a set, not {type(value).__name__}")
{%- else %}
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(f"expected a sequence, not {type(value).__name__}")
{%- endif %}
    values = list(value)
    p[0] = _lib.{{ v.c }}_new(len(values))
    items = p.ptr
    for i, item in enumerate(values):
        _give_{{ inner }}(items + i, item)
{%- when ConvKind::Map { key, value, entry } %}


def _lift_{{ v.mangle }}(p):
    entries = p.ptr
    return {
        _lift_{{ key }}(_addressof(entries[i], "key")): _lift_{{ value }}(_addressof(entries[i], "value"))
        for i in range(p.len)
    }


def _give_{{ v.mangle }}(p, value):
    if not isinstance(value, dict):
        raise TypeError(f"expected a dict, not {type(value).__name__}")
    p[0] = _lib.{{ v.c }}_new(len(value))
    entries = p.ptr
    for i, (k, item) in enumerate(value.items()):
        _give_{{ key }}(_addressof(entries[i], "key"), k)
        _give_{{ value }}(_addressof(entries[i], "value"), item)
{%- when ConvKind::Box { inner, item } %}


def _lift_{{ v.mangle }}(p):
    return _lift_{{ inner }}(p[0])


def _give_{{ v.mangle }}(p, value):
    p[0] = _lib.{{ m.ns }}_{{ v.mangle }}_new()
    _give_{{ inner }}(_ffi.cast("{{ item }} *", p[0]), value)
{%- when ConvKind::Custom { builtin, lift, lower } %}


def _lift_{{ v.mangle }}(p):
{%- match lift %}
{%- when Some(f) %}
    return {{ f }}(_lift_{{ builtin }}(p))
{%- when None %}
    return _lift_{{ builtin }}(p)
{%- endmatch %}


def _give_{{ v.mangle }}(p, value):
{%- match lower %}
{%- when Some(f) %}
    _give_{{ builtin }}(p, {{ f }}(value))
{%- when None %}
    _give_{{ builtin }}(p, value)
{%- endmatch %}
{%- endmatch %}
