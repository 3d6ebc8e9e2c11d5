    {{ rpc.doc|rust_doc(4) }}async fn {{ rpc.method }}(
        &self,
        request: ::tonic::Request<{{ rpc.request.prost }}>,
    ) -> ::std::result::Result<::tonic::Response<{{ rpc.reply.prost }}>, ::tonic::Status> {
        let cx = &*self.handles;
        let uniffi_req = request.into_inner();
{%- match rpc.kind %}
{%- when RpcKind::Release { object } %}
{%- let o = m.object_at(*object) %}
        cx.{{ o.table }}.release(uniffi_req.handle).map_err(|s| cv::within(s, "{{ rpc.request.name }}.handle"))?;
        Ok(::tonic::Response::new({{ rpc.reply.prost }} {}))
    }
{%- else %}
{%- match rpc.kind %}
{%- when RpcKind::Method { object } %}
{%- let o = m.object_at(*object) %}
{%- if let Some(r) = rpc.receiver() %}
        let uniffi_obj = cx.{{ o.table }}.get(uniffi_req.{{ r.prost }}).map_err(|s| cv::within(s, "{{ r.what }}"))?;
{%- endif %}
{%- when RpcKind::ValueMethod %}
{%- if let Some(r) = rpc.receiver() %}
        let uniffi_obj: {{ r.rust() }} = {% call field::from_field(r, "uniffi_req") %}{% endcall %};
{%- endif %}
{%- else %}
{%- endmatch %}
{%- for a in rpc.args() %}
        let uniffi_a{{ loop.index0 }}: {{ a.rust() }} = {% call field::from_field(a, "uniffi_req") %}{% endcall %};
{%- endfor %}
        let uniffi_out = {% if rpc.has_receiver %}uniffi_obj.{% endif %}{{ rpc.client }}({% for a in rpc.args() %}uniffi_a{{ loop.index0 }}{% if !loop.last %}, {% endif %}{% endfor %}){% if rpc.is_async %}.await{% endif %};
        let uniffi_out = match uniffi_out {
            Ok(v) => v,
            Err(e) => return Err(convert::call_status(e, cx)),
        };
{%- match rpc.ret() %}
{%- when Some(r) %}
        let uniffi_reply = {{ rpc.reply.prost }} { {{ r.prost }}: {% call field::to_field(r, "uniffi_out") %}{% endcall %} };
        crate::runtime::status::reply(uniffi_reply, self.max_reply_bytes, "{{ rpc.name }}", SERVICE_NAME)
{%- when None %}
        let () = uniffi_out;
        Ok(::tonic::Response::new({{ rpc.reply.prost }} {}))
{%- endmatch %}
    }
{%- endmatch %}
