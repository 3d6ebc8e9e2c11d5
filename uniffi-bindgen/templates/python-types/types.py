{#- The classes of uniffi's Python bindings for the custom types, enums, errors, records and
    protocols of the module `pym` (a PyModule), in that order. -#}
{% for c in pym.customs %}
{%- include "python-types/custom.py" %}
{% endfor %}
{%- for e in pym.enums %}
{%- if e.is_error %}
{%- include "python-types/error.py" %}
{%- else %}
{%- include "python-types/enum.py" %}
{%- endif %}
{% endfor %}
{%- for r in pym.records %}
{%- include "python-types/record.py" %}
{% endfor %}
{%- for p in pym.protocols %}
{%- include "python-types/protocol.py" %}
{% endfor %}