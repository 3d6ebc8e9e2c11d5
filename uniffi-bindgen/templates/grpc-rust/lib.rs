{%- import "grpc-rust/field.rs" as field %}
//! The gRPC service of the `{{ m.namespace }}` component: every rpc of {{ m.proto_file }} decodes
//! its request, calls the component through the Rust client of its C ABI (`ffi`), and encodes
//! the reply or the error status. `runtime::main::<Component>()` serves it.
#![allow(dead_code, unused_imports, unused_variables, unused_mut, unused_braces, non_snake_case, non_camel_case_types, clippy::all)]

/// The component, linked in for the C ABI its uniffi scaffolding exports.
extern crate {{ m.c.ns.crate_name }} as _;

{%- if m.has_callbacks() %}
pub mod callbacks;
{%- endif %}
mod convert;
pub mod ffi;
/// The generic server runtime (flags, health, reflection, TLS, limits, handles, shutdown).
pub mod runtime;

use ::std::sync::Arc;
use crate::runtime::convert as cv;
use crate::runtime::HandleTable;

/// The messages and the service that prost and tonic generate from {{ m.proto_file }}.
pub mod pb {
    ::tonic::include_proto!("{{ m.package }}");
}

/// The fully qualified service name, as health checks and reflection know it.
pub const SERVICE_NAME: &str = "{{ m.package }}.{{ m.service }}";

/// The file descriptor set of {{ m.proto_file }}, for reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = ::tonic::include_file_descriptor_set!("{{ m.namespace }}_descriptor");

/// The component as the server runtime serves it.
pub struct Component;

/// What a server whose component does not match its generated service tells the user to run.
const REMEDY: &str = {{ k.remedy|rust_str }};

impl crate::runtime::Component for Component {
    const NAME: &'static str = "{{ k.package }}";
    const SERVICE_NAME: &'static str = SERVICE_NAME;
    const FILE_DESCRIPTOR_SET: &'static [u8] = FILE_DESCRIPTOR_SET;
    type Handles = Handles;

    fn check_library() -> Result<(), String> {
        ffi::uniffi_check_library(None, REMEDY)
    }

    fn routes(handles: Arc<Handles>, max_message_bytes: usize) -> ::tonic::service::Routes {
{%- if m.has_callbacks() %}
        let _ = handles.uniffi_self.set(Arc::downgrade(&handles));
{%- endif %}
        let server = pb::{{ m.server_module }}::{{ m.service_trait }}Server::new(Service { handles, max_reply_bytes: max_message_bytes })
            .max_decoding_message_size(max_message_bytes)
            .max_encoding_message_size(max_message_bytes);
        ::tonic::service::Routes::new(server)
    }
}

/// The live objects callers hold handles to, one table per interface.
pub struct Handles {
{%- for o in m.objects %}
    pub {{ o.table }}: HandleTable<{{ o.rust }}>,
{%- endfor %}
{%- if m.has_callbacks() %}
    /// The callback streams of the clients, one session each.
    pub uniffi_callbacks: callbacks::Sessions,
    /// These tables themselves, for the proxies' conversions.
    pub uniffi_self: ::std::sync::OnceLock<::std::sync::Weak<Handles>>,
{%- endif %}
}

impl crate::runtime::Handles for Handles {
    fn new(limits: &crate::runtime::HandleLimits) -> Self {
        Handles {
{%- for o in m.objects %}
            {{ o.table }}: HandleTable::new("{{ o.name }}", limits.clone()),
{%- endfor %}
{%- if m.has_callbacks() %}
            uniffi_callbacks: callbacks::Sessions::new(limits.replica, limits.callback_timeout),
            uniffi_self: ::std::sync::OnceLock::new(),
{%- endif %}
        }
    }

    fn live(&self) -> Vec<(&'static str, usize)> {
        vec![
{%- for o in m.objects %}
            ("{{ o.name }}", self.{{ o.table }}.len()),
{%- endfor %}
        ]
    }

    fn expire_idle(&self) -> usize {
        0{% for o in m.objects %} + self.{{ o.table }}.expire_idle(){% endfor %}
    }
}

/// The service: stateless apart from the handle tables.
pub struct Service {
    pub handles: Arc<Handles>,
    /// Replies whose encoding is larger are not sent: the call gets OUT_OF_RANGE saying it ran
    /// (`runtime::status::reply_too_large`).
    pub max_reply_bytes: usize,
}

#[::tonic::async_trait]
impl pb::{{ m.server_module }}::{{ m.service_trait }} for Service {
{%- for rpc in m.rpcs %}
{% if !loop.first %}
{% endif %}{% include "grpc-rust/rpc.rs" %}
{%- endfor %}
{%- if m.has_callbacks() %}

    type {{ m.callback_rpc }}Stream = ::std::pin::Pin<::std::boxed::Box<dyn ::futures_util::Stream<Item = ::std::result::Result<pb::UniffiCallbackRequest, ::tonic::Status>> + Send + 'static>>;

    /// The callback stream of one client: a session whose proxies call the client down this
    /// stream; when the client's end closes, the session does (pending calls fail at once).
    async fn {{ m.callback_method }}(
        &self,
        request: ::tonic::Request<::tonic::Streaming<pb::UniffiCallbackReply>>,
    ) -> ::std::result::Result<::tonic::Response<Self::{{ m.callback_rpc }}Stream>, ::tonic::Status> {
        let (session, outbound) = self.handles.uniffi_callbacks.open()?;
        let mut inbound = request.into_inner();
        let handles = Arc::clone(&self.handles);
        ::tokio::spawn(async move {
            let why = loop {
                match inbound.message().await {
                    Ok(Some(reply)) => session.deliver(reply),
                    Ok(None) => break "the client closed its callback stream".to_string(),
                    Err(status) => break format!("the client's callback stream broke ({})", status.message()),
                }
            };
            ::tracing::debug!(session = session.id, reason = %why, "callback session closed");
            handles.uniffi_callbacks.close(&session, why);
        });
        let outbound = ::futures_util::stream::unfold(outbound, |mut rx| async move { rx.recv().await.map(|m| (m, rx)) });
        Ok(::tonic::Response::new(::std::boxed::Box::pin(outbound)))
    }
{%- endif %}
}
