{%- if !f.decorator.is_empty() %}{{ f.decorator }}
{% endif %}{% if f.is_async %}async {% endif %}def {{ f.name }}({{ f.params }}):
    """{{ f.doc }}"""
{{ f.body }}
