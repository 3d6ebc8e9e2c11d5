
class {{ r.py_name }}:
    """{{ r.doc }}"""

    def __init__(self, *{% for f in r.fields %}, {{ f.name }}{% match f.py_default %}{% when Some with (d) %}={% if f.mutable_default %}_DEFAULT{% else %}{{ d }}{% endif %}{% when None %}{% endmatch %}{% endfor %}):
{%- for f in r.fields %}
{%- if f.mutable_default %}
        self.{{ f.name }} = {% match f.py_default %}{% when Some with (d) %}{{ d }}{% when None %}None{% endmatch %} if {{ f.name }} is _DEFAULT else {{ f.name }}
{%- else %}
        self.{{ f.name }} = {{ f.name }}
{%- endif %}
{%- endfor %}

    def __str__(self):
        return "{{ r.py_name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={}{% endfor %})".format({% for f in r.fields %}self.{{ f.name }}, {% endfor %})

    __repr__ = __str__

    def __eq__(self, other):
        if not isinstance(other, {{ r.py_name }}):
            return NotImplemented
        return ({% for f in r.fields %}self.{{ f.name }}, {% endfor %}) == ({% for f in r.fields %}other.{{ f.name }}, {% endfor %})
