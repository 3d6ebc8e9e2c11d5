{%- for line in rpc.doc %}
    /{{ line }}
{%- endfor %}
    async fn {{ rpc.method }}(
        &self,
        request: ::tonic::Request<pb::{{ rpc.request.name }}>,
    ) -> ::std::result::Result<::tonic::Response<pb::{{ rpc.reply.name }}>, ::tonic::Status> {
{{ rpc.body }}    }
