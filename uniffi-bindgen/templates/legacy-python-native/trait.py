
class {{ t.py_name }}:
    """{{ t.doc }}"""
{% for meth in t.methods %}
    def {{ meth.name }}(self{{ meth.args }}):
        """{{ meth.doc }}"""
        raise NotImplementedError
{% endfor %}
