{%- match conv.kind %}
{%- when Kind::Int { min, max, class } %}
{%- include "grpc-python/convert/int.py" %}
{%- when Kind::Float %}
{%- include "grpc-python/convert/float.py" %}
{%- when Kind::Bool %}
{%- include "grpc-python/convert/bool.py" %}
{%- when Kind::String %}
{%- include "grpc-python/convert/string.py" %}
{%- when Kind::Bytes %}
{%- include "grpc-python/convert/bytes.py" %}
{%- when Kind::Timestamp %}
{%- include "grpc-python/convert/timestamp.py" %}
{%- when Kind::Duration %}
{%- include "grpc-python/convert/duration.py" %}
{%- when Kind::Optional { inner } %}
{%- include "grpc-python/convert/optional.py" %}
{%- when Kind::Sequence { inner, set } %}
{%- include "grpc-python/convert/sequence.py" %}
{%- when Kind::Map { key, value, entry } %}
{%- include "grpc-python/convert/map.py" %}
{%- when Kind::Boxed { inner } %}
{%- include "grpc-python/convert/boxed.py" %}
{%- when Kind::Record { class, pb, fields } %}
{%- include "grpc-python/convert/record.py" %}
{%- when Kind::FlatEnum { class, variants } %}
{%- include "grpc-python/convert/flat_enum.py" %}
{%- when Kind::Union { class, pb, oneof, is_error, flat_error, variants } %}
{%- include "grpc-python/convert/union.py" %}
{%- when Kind::Object { class, error } %}
{%- include "grpc-python/convert/object.py" %}
{%- when Kind::Foreign { protocol, impl_class, check } %}
{%- include "grpc-python/foreign.py" %}
{%- when Kind::Custom { builtin, lift, lower, class } %}
{%- include "grpc-python/convert/custom.py" %}
{%- endmatch %}
{%- if let Some(wrapper) = conv.wrapper %}

    # As an element of a container: the wrapper message `{{ wrapper }}`.
    @classmethod
    def lower_elem(cls, value):
        return _pb.{{ wrapper }}(value=cls.lower(value))

    @classmethod
    def lift_elem(cls, message):
        return cls.lift_field(message, "value")
{%- endif %}
