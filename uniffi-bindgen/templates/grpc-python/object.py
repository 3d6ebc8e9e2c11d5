{%- import "grpc-python/callable.py" as callable %}
{%- let o = c.m.object(i.i.name.as_str()).unwrap() %}


class {{ i.name }}({{ i.protocol }}{% for p in i.trait_protocols %}, {{ p }}{% endfor %}{% if i.is_error %}, Exception{% endif %}):
    {{ i.doc|docstring(4) -}}
    _uniffi_handle = None
{%- for f in i.constructors %}
{%- if let Some(call) = c.call(f) %}
{%- if f.kind == PyCallableKind::PrimaryConstructor %}

    def __init__(self{% if !f.args.is_empty() %}, {% endif %}{% call callable::params(f) %}{% endcall %}):
        {{ f.doc|docstring(8) -}}
{%- filter indent(8) %}
{% call callable::body(call) %}{% endcall %}
{%- endfilter %}
        self._uniffi_handle = _uniffi_reply.value
{%- if i.is_error %}
        Exception.__init__(self)
{%- endif %}
{%- else %}

    @classmethod
    {% if f.is_async %}async {% endif %}def {{ f.name }}(cls{% if !f.args.is_empty() %}, {% endif %}{% call callable::params(f) %}{% endcall %}) -> {{ f.return_annotation }}:
        {{ f.doc|docstring(8) -}}
{%- filter indent(8) %}
{% call callable::body(call) %}{% endcall %}
{%- endfilter %}
        return cls._uniffi_make_instance(_uniffi_reply.value)
{%- endif %}
{%- endif %}
{%- endfor %}
{%- if !i.has_primary_constructor %}

    def __init__(self, *args, **kwargs):
        raise ValueError("This class has no default constructor")
{%- endif %}

    @classmethod
    def _uniffi_make_instance(cls, handle):
        inst = cls.__new__(cls)
        inst._uniffi_handle = handle
{%- if i.is_error %}
        Exception.__init__(inst)
{%- endif %}
        return inst

    def _uniffi_live_handle(self):
        handle = self._uniffi_handle
        if handle is None:
            raise ValueError("this {{ i.name }} was closed")
        return handle

    def __del__(self):
        # Collected without close(): freed with the next call (no rpc from a finalizer).
        handle = getattr(self, "_uniffi_handle", None)
        if handle is not None:
            _uniffi_release_later("{{ o.release_rpc }}", handle)

    def _uniffi_close(self):
        """Frees the object on the server now; calling it afterwards raises ValueError."""
        handle, self._uniffi_handle = self._uniffi_handle, None
        if handle is not None:
            _uniffi_call("{{ o.release_rpc }}", _pb.{{ o.release_rpc }}Request(handle=handle), handle)
{%- if !c.has_member(i, "close") %}

    close = _uniffi_close
{%- endif %}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._uniffi_close()
{%- for f in i.methods %}
{%- if let Some(call) = c.call(f) %}

    {% if f.is_async %}async {% endif %}def {{ f.name }}(self{% if !f.args.is_empty() %}, {% endif %}{% call callable::params(f) %}{% endcall %}) -> {{ f.return_annotation }}:
        {{ f.doc|docstring(8) -}}
{%- filter indent(8) %}
{% call callable::body(call) %}{% endcall %}
{%- endfilter %}
{%- match call.ret %}
{%- when Some(ret) %}
        return {{ ret }}.lift_field(_uniffi_reply, "value")
{%- when None %}
{%- endmatch %}
{%- endif %}
{%- endfor %}
{%- for (dunder, call) in c.dunders(i.traits) %}

    def {{ dunder }}(self{% for (a, _, _) in call.args %}, {{ a.name }}{% endfor %}) -> {{ call.f.return_annotation }}:
{%- if dunder == "__eq__" || dunder == "__ne__" %}
        if not isinstance(other, {{ i.name }}):
            return NotImplemented
{%- endif %}
{%- filter indent(8) %}
{% call callable::body(call) %}{% endcall %}
{%- endfilter %}
        return {{ call.ret.as_deref().unwrap_or("") }}.lift_field(_uniffi_reply, "value")
{%- if dunder == "__rust_cmp__" %}

    def __lt__(self, other) -> bool:
        return self.__rust_cmp__(other) < 0

    def __le__(self, other) -> bool:
        return self.__rust_cmp__(other) <= 0

    def __gt__(self, other) -> bool:
        return self.__rust_cmp__(other) > 0

    def __ge__(self, other) -> bool:
        return self.__rust_cmp__(other) >= 0
{%- endif %}
{%- endfor %}
