# ---- functions and methods -------------------------------------------------------------------
# Sync calls go straight to the extension; the wrapper only adds uniffi's introspection (see
# `_uniffi_wrap`). Async calls are `async def`, as in uniffi (those whose defaults name the
# package's types are defined with the types, in `_types.py`).


def _uniffi_annotate(fn, name, qualname, params, annotations, method):
    return _native._uniffi_wrap(fn, {
        "__name__": name,
        "__qualname__": qualname,
        "__module__": __name__,
        "__doc__": fn.__doc__,
        "__annotations__": annotations,
        "__globals__": _UNIFFI_GLOBALS,
        "__uniffi_params__": params,
        "__uniffi_method__": method,
    }, method)


def _uniffi_signature(fn):
    import inspect
    parameter = inspect.Parameter
    params = [parameter("self", parameter.POSITIONAL_OR_KEYWORD)] if fn.__uniffi_method__ else []
    annotations = fn.__annotations__
    for name, default in fn.__uniffi_params__:
        params.append(parameter(
            name,
            parameter.POSITIONAL_OR_KEYWORD,
            default=parameter.empty if default is None else eval(default, fn.__globals__),
            annotation=annotations.get(name, parameter.empty),
        ))
    return inspect.Signature(params, return_annotation=annotations.get("return", inspect.Signature.empty))
{% for f in m.py.functions %}
{% if f.is_async -%}
{%- if m.eager(f) %}
{%- call wrappers::async_def(f, "", "_native." ~ f.name) %}{% endcall %}
{%- endif %}
{%- else -%}
{{ f.name }} = _uniffi_annotate(_native.{{ f.name }}, "{{ f.name }}", "{{ f.name }}", {% call wrappers::params(f) %}{% endcall %}, {% call wrappers::annotations(f) %}{% endcall %}, False)
{%- endif %}
{%- endfor %}
{%- for i in m.py.interfaces %}
{%- if !i.is_error %}
{%- for f in i.constructors %}
{%- if f.kind == PyCallableKind::PrimaryConstructor %}
{%- if !f.is_async %}
{#- uniffi's `__init__`, with the primary constructor's docstring and signature: a no-op when
    `__new__` built the object, the constructor for a subclass with an `__init__` of its own. #}
{{ i.name }}.__init__ = _native._uniffi_wrap(_native._uniffi_init__UniffiObj{{ i.i.name }}, {"__name__": "__init__", "__qualname__": "{{ i.name }}.__init__", "__module__": __name__, "__doc__": {{ f.doc|py_doc(8) }}, "__annotations__": { {%- for a in f.args %}"{{ a.name }}": {{ a.annotation|py_str }}{% if !loop.last %}, {% endif %}{% endfor %}}, "__globals__": _UNIFFI_GLOBALS, "__uniffi_params__": {% call wrappers::params(f) %}{% endcall %}, "__uniffi_method__": True}, True)  # type: ignore
{%- endif %}
{%- else %}
{%- if f.is_async %}
{%- if m.eager(f) %}
_uniffi_native_{{ i.name }}_{{ f.name }} = {{ i.name }}.{{ f.name }}
{% call wrappers::async_def(f, i.name, "_uniffi_native_" ~ i.name ~ "_" ~ f.name) %}{% endcall %}
{{ i.name }}.{{ f.name }} = staticmethod(_uniffi_{{ i.name }}_{{ f.name }})  # type: ignore
{%- endif %}
{%- else %}
{{ i.name }}.{{ f.name }} = _uniffi_annotate({{ i.name }}.{{ f.name }}, "{{ f.name }}", "{{ i.name }}.{{ f.name }}", {% call wrappers::params(f) %}{% endcall %}, {% call wrappers::annotations(f) %}{% endcall %}, False)  # type: ignore
{%- endif %}
{%- endif %}
{%- endfor %}
{%- for f in i.methods %}
{%- if f.is_async %}
{%- if m.eager(f) %}
_uniffi_native_{{ i.name }}_{{ f.name }} = {{ i.name }}.__dict__["{{ f.name }}"]
{% call wrappers::async_def(f, i.name, "_uniffi_native_" ~ i.name ~ "_" ~ f.name) %}{% endcall %}
{{ i.name }}.{{ f.name }} = _uniffi_{{ i.name }}_{{ f.name }}  # type: ignore
{%- endif %}
{%- else %}
{{ i.name }}.{{ f.name }} = _uniffi_annotate({{ i.name }}.__dict__["{{ f.name }}"], "{{ f.name }}", "{{ i.name }}.{{ f.name }}", {% call wrappers::params(f) %}{% endcall %}, {% call wrappers::annotations(f) %}{% endcall %}, True)  # type: ignore
{%- endif %}
{%- endfor %}
{%- endif %}
{%- endfor %}
