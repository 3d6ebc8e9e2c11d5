{#- The abstract side of an interface: `XProtocol` for interfaces only Rust implements, the
    base class `X` that Python code subclasses for traits it may implement, and the protocol
    of a callback interface. -#}

class {{ p.name }}({% if p.base_classes.is_empty() %}metaclass=abc.ABCMeta{% else %}{{ p.base_classes|join(", ") }}{% endif %}):
    {{ p.doc|docstring(4) -}}
{%- for meth in p.methods %}
    {% if meth.is_async %}async {% endif %}def {{ meth.name }}(self{% for a in meth.args %}, {{ a.name }}: {{ a.annotation }}{% if let Some(d) = a.default %} = {{ d.arg_literal }}{% endif %}{% endfor %}) -> {{ meth.return_annotation }}:
        {{ meth.doc|docstring(8) -}}
        raise NotImplementedError
{%- else %}
    pass
{%- endfor %}
