{%- import "python-stub/sig.pyi" as sig %}
{{ m.doc|docstring(0) -}}
# Type information (PEP 561) for the `{{ m.name }}` module: the API uniffi's Python bindings
# give the component, shared by every Python backend of this generator.

import datetime
import enum
import typing
{%- for i in m.imports %}
{{ i|import_statement }}
{%- endfor %}

Timestamp = datetime.datetime
Duration = datetime.timedelta

__all__ = [
{%- for name in m.exported_names %}
    "{{ name }}",
{%- endfor %}
]

class InternalError(Exception): ...
{%- for c in m.customs %}
{%- match c.type_name %}
{%- when Some(t) %}
{{ c.name }} = {{ t }}
{%- when None %}
{%- if c.lift.is_none() %}
{{ c.name }} = {{ c.builtin_annotation }}
{%- else %}
{{ c.name }} = typing.Any
{%- endif %}
{%- endmatch %}
{%- endfor %}
{%- for e in m.enums %}
{%- if e.is_error %}

class {{ e.name }}(Exception):
    {{ e.doc|docstring(4) -}}
{%- for v in e.variants %}
    class {{ v.name }}({{ e.name }}):
{%- if e.flat_error %}
        def __init__(self, message: str) -> None: ...
{%- else if v.unnamed %}
        def __init__(self, *values: typing.Any) -> None: ...
        def __getitem__(self, index: int) -> typing.Any: ...
{%- else %}
{%- for f in v.fields %}
        {{ f.name }}: {{ f.annotation }}
{%- endfor %}
        def __init__(self{% for f in v.fields %}, {{ f.name }}: {{ f.annotation }}{% endfor %}) -> None: ...
{%- endif %}
{%- else %}
    pass
{%- endfor %}
{%- else if e.flat %}

class {{ e.name }}(enum.Enum):
    {{ e.doc|docstring(4) -}}
{%- for v in e.variants %}
    {{ v.name }} = {{ v.discr }}
{%- endfor %}
{%- for f in e.methods %}
    {% call sig::method(f) %}{% endcall %}
{%- endfor %}
{%- else %}

class {{ e.name }}:
    {{ e.doc|docstring(4) -}}
{%- for v in e.variants %}
    class {{ v.name }}({{ e.name }}):
{%- if v.unnamed %}
        def __init__(self, *values: typing.Any) -> None: ...
        def __getitem__(self, index: int) -> typing.Any: ...
{%- else %}
{%- for f in v.fields %}
        {{ f.name }}: {{ f.annotation }}
{%- endfor %}
        def __init__(self{% for f in v.fields %}, {{ f.name }}: {{ f.annotation }}{% if f.default.is_some() %} = ...{% endif %}{% endfor %}) -> None: ...
{%- endif %}
{%- endfor %}
{%- for v in e.variants %}
    def is_{{ v.name }}(self) -> bool: ...
{%- if v.name != v.snake_name %}
    def is_{{ v.snake_name }}(self) -> bool: ...
{%- endif %}
{%- endfor %}
{%- for f in e.methods %}
    {% call sig::method(f) %}{% endcall %}
{%- endfor %}
{%- endif %}
{%- endfor %}
{%- for r in m.records %}

class {{ r.name }}:
    {{ r.doc|docstring(4) -}}
{%- for f in r.fields %}
    {{ f.name }}: {{ f.annotation }}
{%- endfor %}
    def __init__(self{% if !r.fields.is_empty() %}, *{% endif %}{% for f in r.fields %}, {{ f.name }}: {{ f.annotation }}{% if f.default.is_some() %} = ...{% endif %}{% endfor %}) -> None: ...
{%- for f in r.methods %}
    {% call sig::method(f) %}{% endcall %}
{%- endfor %}
{%- endfor %}
{%- for p in m.protocols %}

class {{ p.name }}{% if !p.base_classes.is_empty() %}({{ p.base_classes|join(", ") }}){% endif %}:
    {{ p.doc|docstring(4) -}}
{%- for f in p.methods %}
    {% call sig::method(f) %}{% endcall %}
{%- else %}
    pass
{%- endfor %}
{%- endfor %}
{%- for i in m.interfaces %}

class {{ i.name }}({{ i.protocol }}{% for p in i.trait_protocols %}, {{ p }}{% endfor %}{% if i.is_error %}, Exception{% endif %}):
    {{ i.doc|docstring(4) -}}
{%- for f in i.constructors %}
{%- if f.kind == PyCallableKind::PrimaryConstructor %}
    def __init__(self{% for a in f.args %}, {{ a.name }}: {{ a.annotation }}{% if a.default.is_some() %} = ...{% endif %}{% endfor %}) -> None: ...
{%- else %}
    @classmethod
    {% if f.is_async %}async {% endif %}def {{ f.name }}(cls{% for a in f.args %}, {{ a.name }}: {{ a.annotation }}{% if a.default.is_some() %} = ...{% endif %}{% endfor %}) -> {{ f.return_annotation }}: ...
{%- endif %}
{%- endfor %}
{%- for f in i.methods %}
    {% call sig::method(f) %}{% endcall %}
{%- endfor %}
{%- if m.closable_objects %}
{%- if !i.has_member("close") %}
    def close(self) -> None: ...
{%- endif %}
    def __enter__(self) -> {{ i.name }}: ...
    def __exit__(self, *exc: typing.Any) -> None: ...
{%- else if i.constructors.is_empty() && i.methods.is_empty() %}
    pass
{%- endif %}
{%- endfor %}
{%- for f in m.functions %}

{% if f.is_async %}async {% endif %}def {{ f.name }}({% for a in f.args %}{{ a.name }}: {{ a.annotation }}{% if a.default.is_some() %} = ...{% endif %}{% if !loop.last %}, {% endif %}{% endfor %}) -> {{ f.return_annotation }}:
    {{ f.doc|docstring(4) -}}
    ...
{%- endfor %}
