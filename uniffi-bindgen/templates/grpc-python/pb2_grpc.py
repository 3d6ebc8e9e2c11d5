# Shaped like grpcio-tools' output for {{ m.proto_file }} (client stub only), importing the
# message module relative to its package.
"""Client and server classes corresponding to protobuf-defined services."""
import grpc

from . import {{ m.namespace }}_pb2 as {{ m.namespace }}__pb2


class {{ m.service }}Stub(object):
    """The gRPC service of the `{{ m.namespace }}` component."""

    def __init__(self, channel):
        """Constructor.

        Args:
            channel: A grpc.Channel.
        """
{%- for rpc in m.rpcs %}
        self.{{ rpc.name }} = channel.unary_unary(
                '/{{ m.package }}.{{ m.service }}/{{ rpc.name }}',
                request_serializer={{ m.namespace }}__pb2.{{ rpc.request.name }}.SerializeToString,
                response_deserializer={{ m.namespace }}__pb2.{{ rpc.reply.name }}.FromString,
                _registered_method=True)
{%- endfor %}
{%- if m.has_callbacks() %}
        self.{{ m.callback_rpc }} = channel.stream_stream(
                '/{{ m.package }}.{{ m.service }}/{{ m.callback_rpc }}',
                request_serializer={{ m.namespace }}__pb2.UniffiCallbackReply.SerializeToString,
                response_deserializer={{ m.namespace }}__pb2.UniffiCallbackRequest.FromString,
                _registered_method=True)
{%- endif %}
