

class {{ i.name }}({{ i.protocol }}, Exception):
    {{ i.doc|docstring(4) -}}
    # An object thrown as an error: an exception wrapping the Rust object, whose methods it
    # forwards (a native class cannot also be an exception under the stable ABI).
{%- for f in i.constructors %}
{%- if f.kind == PyCallableKind::PrimaryConstructor %}
    def __init__(self, *args, **kwargs):
        self._uniffi_obj = _native._{{ i.name }}(*args, **kwargs)
        super().__init__()
{%- else %}

    @classmethod
    def {{ f.name }}(cls, *args, **kwargs):
        return _native._{{ i.name }}.{{ f.name }}(*args, **kwargs)
{%- endif %}
{%- endfor %}
{%- if !i.has_primary_constructor %}
    def __init__(self, *args, **kwargs):
        raise ValueError("This class has no default constructor")
{%- endif %}

    @classmethod
    def _uniffi_make_instance(cls, obj):
        inst = cls.__new__(cls)
        inst._uniffi_obj = obj
        Exception.__init__(inst)
        return inst
{%- for f in i.methods %}

    def {{ f.name }}(self, *args, **kwargs):
        return self._uniffi_obj.{{ f.name }}(*args, **kwargs)
{%- endfor %}
{%- for (dunder, f) in i.traits.all() %}
{%- if dunder == "__eq__" || dunder == "__ne__" %}

    def {{ dunder }}(self, other):
        if not isinstance(other, {{ i.name }}):
            return NotImplemented
        return self._uniffi_obj.{{ dunder }}(other._uniffi_obj)
{%- else if dunder == "__rust_cmp__" %}

    def __lt__(self, other):
        return self._uniffi_obj < other._uniffi_obj

    def __le__(self, other):
        return self._uniffi_obj <= other._uniffi_obj

    def __gt__(self, other):
        return self._uniffi_obj > other._uniffi_obj

    def __ge__(self, other):
        return self._uniffi_obj >= other._uniffi_obj
{%- else %}

    def {{ dunder }}(self):
        return self._uniffi_obj.{{ dunder }}()
{%- endif %}
{%- endfor %}
