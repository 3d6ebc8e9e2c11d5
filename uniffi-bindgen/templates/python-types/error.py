{#- An error enum, shaped as uniffi's Python bindings shape it: an exception class with one
    nested subclass per variant. -#}

class {{ e.name }}(Exception):
    {{ e.doc|docstring(4) -}}
    pass

_UniffiTemp{{ e.name }} = {{ e.name }}

class {{ e.name }}:  # type: ignore
    {{ e.doc|docstring(4) -}}
{%- for v in e.variants %}
{%- if e.flat_error %}
    class {{ v.name }}(_UniffiTemp{{ e.name }}):
        {{ v.doc|docstring(8) -}}

        def __repr__(self):
            return "{{ e.name }}.{{ v.name }}({})".format(repr(str(self)))
{%- else %}
    class {{ v.name }}(_UniffiTemp{{ e.name }}):
        {{ v.doc|docstring(8) -}}
{%- if v.unnamed %}
        def __init__(self, *values):
            if len(values) != {{ v.fields.len() }}:
                raise TypeError(f"Expected {{ v.fields.len() }} arguments, found {len(values)}")
            super().__init__(", ".join(map(repr, values)))
            self._values = values

        def __getitem__(self, index):
            return self._values[index]
{%- else %}
        def __init__(self{% for f in v.fields %}, {{ f.name }}{% endfor %}):
{%- if !v.fields.is_empty() %}
            super().__init__(", ".join([
{%- for f in v.fields %}
                "{{ f.name }}={!r}".format({{ f.name }}),
{%- endfor %}
            ]))
{%- for f in v.fields %}
            self.{{ f.name }} = {{ f.name }}
{%- endfor %}
{%- else %}
            pass
{%- endif %}
{%- endif %}

        def __repr__(self):
            return "{{ e.name }}.{{ v.name }}({})".format(str(self))
{%- endif %}
    _UniffiTemp{{ e.name }}.{{ v.name }} = {{ v.name }}  # type: ignore
{%- endfor %}

{{ e.name }} = _UniffiTemp{{ e.name }}  # type: ignore
del _UniffiTemp{{ e.name }}
