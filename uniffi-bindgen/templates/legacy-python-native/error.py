
class {{ e.py_name }}(Exception):
    """{{ e.doc }}"""
{% for v in e.variants %}

class {{ v.alias }}({{ e.py_name }}):
    """{{ v.doc }}"""
{% if e.flat %}
    def __init__(self, message):
        super().__init__(message)
{%- else %}
    # Exception.__new__ keeps the arguments in `args`; the message is made only when asked for.
    def __init__(self{% for f in v.fields %}, {{ f.name }}{% endfor %}):
{%- for f in v.fields %}
        self.{{ f.name }} = {{ f.name }}
{%- endfor %}
        pass

    def __str__(self):
        return ", ".join([{% for f in v.fields %}"{{ f.name }}={!r}".format(self.{{ f.name }}), {% endfor %}])
{%- endif %}

    def __repr__(self):
        return "{{ e.py_name }}.{{ v.py_name }}({})".format(str(self))


{{ v.alias }}.__name__ = "{{ v.py_name }}"
{{ v.alias }}.__qualname__ = "{{ e.py_name }}.{{ v.py_name }}"
{{ e.py_name }}.{{ v.py_name }} = {{ v.alias }}  # type: ignore
{%- endfor %}
