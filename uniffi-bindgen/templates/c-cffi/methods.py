{#- Methods of objects and values, and the arguments of vtable methods. -#}
{%- import "c-cffi/function.py" as fn %}

{% macro dunder_methods(dunder, f, class, recv) %}
{%- if dunder.to_string() == "__eq__" || dunder.to_string() == "__ne__" %}

    def {{ dunder }}(self, other):
        if not isinstance(other, {{ class }}):
            return NotImplemented
{%- call fn::body(f, "        ", recv) %}{% endcall %}
{%- else if dunder.to_string() == "__rust_cmp__" %}

    def _uniffi_cmp(self, other):
{%- call fn::body(f, "        ", recv) %}{% endcall %}

    def __lt__(self, other):
        return self._uniffi_cmp(other) < 0

    def __le__(self, other):
        return self._uniffi_cmp(other) <= 0

    def __gt__(self, other):
        return self._uniffi_cmp(other) > 0

    def __ge__(self, other):
        return self._uniffi_cmp(other) >= 0
{%- else %}

    def {{ dunder }}(self):
{%- call fn::body(f, "        ", recv) %}{% endcall %}
{%- endif %}
{%- endmacro %}

{#- The parameters of a vtable method for an argument (pointer and length, or one value). #}
{% macro vt_params(a, i) %}{% if a.ty.is_pair() %}a{{ i }}, a{{ i }}_len{% else %}a{{ i }}{% endif %}{% endmacro %}

{#- An argument of a vtable method as the Python value the implementation receives. #}
{% macro vt_lift(a, i) -%}
{%- match a.ty.pass -%}
{%- when Pass::Pair(PairKind::Str) -%}
{%- if a.conv == "string" %}_unpack(a{{ i }}, a{{ i }}_len).decode(){% else %}_lift_{{ a.conv }}(_new("{{ a.ty.c }} *", (a{{ i }}, a{{ i }}_len))){% endif -%}
{%- when Pass::Pair(PairKind::Bytes) -%}
{%- if a.conv == "bytes" %}(_buffer(a{{ i }}, a{{ i }}_len)[:] if a{{ i }}_len else b""){% else %}_lift_{{ a.conv }}(_new("{{ a.ty.c }} *", (a{{ i }}, a{{ i }}_len))){% endif -%}
{%- when Pass::Value -%}
{%- if a.scalar %}a{{ i }}{% else if a.ty.is_object %}_lift_{{ a.conv }}(_new("{{ a.ty.c }} *", _lib.{{ a.clone_fn() }}(a{{ i }}))){% else %}_lift_{{ a.conv }}(_new("{{ a.ty.c }} *", a{{ i }})){% endif -%}
{%- when Pass::Ref -%}_lift_{{ a.conv }}(a{{ i }})
{%- endmatch -%}
{%- endmacro %}
