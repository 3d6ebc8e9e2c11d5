{#- A KDoc comment: `lines` are the docstring's lines (already safe inside a comment), `pad`
    the indentation of the commented declaration, which the comment ends with. -#}
/**
{% for line in lines %}{{ pad }} *{% if !line.is_empty() %} {{ line }}{% endif %}
{% endfor %}{{ pad }} */
{{ pad }}