{%- if e.flat %}
class {{ e.py_name }}(_UniffiEnum):
    """{{ e.doc }}
{% for v in e.variants %}
    {{ v.py_name }}: {{ v.doc|trim }}
{%- endfor %}
    """

    __slots__ = ()


_uniffi_enum_members({{ e.py_name }}, ({% for v in e.variants %}"{{ v.py_name }}", {% endfor %}))

{%- else %}
class {{ e.py_name }}:
    """{{ e.doc }}"""

    def __init__(self):
        raise RuntimeError("{{ e.py_name }} cannot be instantiated directly")
{% for v in e.variants %}
    def is_{{ v.py_name }}(self) -> bool:
        return isinstance(self, {{ e.py_name }}.{{ v.py_name }})

    def is_{{ v.py_name|lower }}(self) -> bool:
        return isinstance(self, {{ e.py_name }}.{{ v.py_name }})
{% endfor %}
{%- for v in e.variants %}

class {{ v.alias }}({{ e.py_name }}):
    """{{ v.doc }}"""

    def __init__(self{% for f in v.fields %}, {{ f.name }}{% endfor %}):
{%- for f in v.fields %}
        self.{{ f.name }} = {{ f.name }}
{%- endfor %}
        pass

    def __str__(self):
        return "{{ e.py_name }}.{{ v.py_name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={}{% endfor %})".format({% for f in v.fields %}self.{{ f.name }}, {% endfor %})

    __repr__ = __str__

    def __eq__(self, other):
        if not isinstance(other, {{ e.py_name }}):
            return NotImplemented
        if not other.is_{{ v.py_name }}():
            return False
        return ({% for f in v.fields %}self.{{ f.name }}, {% endfor %}) == ({% for f in v.fields %}other.{{ f.name }}, {% endfor %})


{{ v.alias }}.__name__ = "{{ v.py_name }}"
{{ v.alias }}.__qualname__ = "{{ e.py_name }}.{{ v.py_name }}"
{{ e.py_name }}.{{ v.py_name }} = {{ v.alias }}  # type: ignore
{%- endfor %}
{%- endif %}
