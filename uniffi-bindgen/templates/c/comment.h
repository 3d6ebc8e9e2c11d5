{#- A C doc comment. `lines`: the docstring's lines, already safe inside a comment; `pad`: the
    indentation of what the comment documents. `whole`: a `/** ... */` comment ending with the
    newline and `pad` (one line: on one line); otherwise only its ` * ` lines and a closing blank
    ` *` line, for a longer comment the template goes on writing. -#}
{%- if !whole -%}
{% for line in lines %}{{ pad }} *{% if !line.is_empty() %} {{ line }}{% endif %}
{% endfor %}{{ pad }} *
{% else if let Some(line) = single -%}
/** {{ line }} */
{{ pad }}
{%- else -%}
/**
{% for line in lines %}{{ pad }} *{% if !line.is_empty() %} {{ line }}{% endif %}
{% endfor %}{{ pad }} */
{{ pad }}
{%- endif -%}