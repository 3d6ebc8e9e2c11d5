{#- A field's client value from the prost message `src`, and a client value `value` into its
    prost form: singular message fields are required, recursive ones are boxed. -#}
{% macro from_field(f, src) -%}
{%- if f.required -%}
cv::from_required({{ src }}.{{ f.prost }}{% if f.boxed %}.map(|b| *b){% endif %}, cx, "{{ f.what }}")?
{%- else -%}
cv::from_field({{ src }}.{{ f.prost }}{% if f.boxed %}.map(|b| *b){% endif %}, cx, "{{ f.what }}")?
{%- endif -%}
{%- endmacro %}

{% macro to_field(f, value) -%}
{%- if f.required && f.boxed -%}
::std::option::Option::Some(::std::boxed::Box::new(cv::to_field::<_, {{ f.prost_value() }}, _>({{ value }}, cx)?))
{%- else if f.required -%}
::std::option::Option::Some(cv::to_field::<_, {{ f.prost_value() }}, _>({{ value }}, cx)?)
{%- else if f.boxed -%}
cv::to_field::<_, {{ f.prost_value() }}, _>({{ value }}, cx)?.map(::std::boxed::Box::new)
{%- else -%}
cv::to_field({{ value }}, cx)?
{%- endif -%}
{%- endmacro %}
