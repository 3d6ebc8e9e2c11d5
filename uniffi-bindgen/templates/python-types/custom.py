{#- A custom type: an alias of its builtin (or of the configured type), and the configured
    conversions as functions the glue calls. -#}
{%- match c.type_name %}
{%- when Some(t) %}
{{ c.name }} = {{ t }}
{%- when None %}
{%- if c.lift.is_none() %}
{{ c.name }} = {{ c.builtin_annotation }}
{%- endif %}
{%- endmatch %}
{%- if let Some(lift) = c.lift %}


def _uniffi_lift_{{ c.name }}(builtin_value):
    return {{ lift|custom_expr("builtin_value") }}
{%- endif %}
{%- if let Some(lower) = c.lower %}


def _uniffi_lower_{{ c.name }}(value):
    return {{ lower|custom_expr("value") }}
{%- endif %}
