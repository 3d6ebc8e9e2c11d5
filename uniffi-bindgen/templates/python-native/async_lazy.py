{#- Async functions and methods whose default arguments name the package's types: defined
    with the types (the others are in `__init__.py`). -#}
{%- for f in m.py.functions %}
{%- if f.is_async && !m.eager(f) %}
{% call wrappers::async_def(f, "", "_native." ~ f.name) %}{% endcall %}
{%- endif %}
{%- endfor %}
{%- for i in m.py.interfaces %}
{%- if !i.is_error %}
{%- for f in i.constructors %}
{%- if f.kind != PyCallableKind::PrimaryConstructor && f.is_async && !m.eager(f) %}
_uniffi_native_{{ i.name }}_{{ f.name }} = {{ i.name }}.{{ f.name }}
{% call wrappers::async_def(f, i.name, "_uniffi_native_" ~ i.name ~ "_" ~ f.name) %}{% endcall %}
{{ i.name }}.{{ f.name }} = staticmethod(_uniffi_{{ i.name }}_{{ f.name }})  # type: ignore
{%- endif %}
{%- endfor %}
{%- for f in i.methods %}
{%- if f.is_async && !m.eager(f) %}
_uniffi_native_{{ i.name }}_{{ f.name }} = {{ i.name }}.__dict__["{{ f.name }}"]
{% call wrappers::async_def(f, i.name, "_uniffi_native_" ~ i.name ~ "_" ~ f.name) %}{% endcall %}
{{ i.name }}.{{ f.name }} = _uniffi_{{ i.name }}_{{ f.name }}  # type: ignore
{%- endif %}
{%- endfor %}
{%- endif %}
{%- endfor %}
