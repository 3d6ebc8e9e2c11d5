// The tonic service of the `{{ m.namespace }}` component over its Rust crate: every rpc of
// {{ m.proto_file }} decodes its request, calls the component and encodes the reply or the
// error status. `include!` it in a crate that compiles {{ m.proto_file }} with tonic-prost-build
// and provides `crate::runtime` (handle tables and well-known-type conversions).

/// The messages and service traits prost and tonic generate from {{ m.proto_file }}.
pub mod pb {
    ::tonic::include_proto!("{{ m.package }}");
}

/// The fully qualified service name, as health checks and reflection know it.
pub const SERVICE_NAME: &str = "{{ m.package }}.{{ m.service }}";

/// The file descriptor set of {{ m.proto_file }}, for reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = ::tonic::include_file_descriptor_set!("{{ m.namespace }}_descriptor");

/// The tonic server type of the service.
pub type Server = pb::{{ m.service_module }}_server::{{ m.service }}Server<Service>;

/// The live objects callers hold handles to, one table per interface.
pub struct Handles {
{%- for o in m.objects %}
    pub {{ o.field }}: crate::runtime::HandleTable<{{ o.rust_type }}>,
{%- endfor %}
}

impl Handles {
    pub fn new(limits: crate::runtime::HandleLimits) -> Self {
        let _ = &limits;
        Handles {
{%- for o in m.objects %}
            {{ o.field }}: crate::runtime::HandleTable::new("{{ o.name }}", limits.clone()),
{%- endfor %}
        }
    }

    /// Live handles per interface, by name.
    pub fn live(&self) -> Vec<(&'static str, usize)> {
        vec![
{%- for o in m.objects %}
            ("{{ o.name }}", self.{{ o.field }}.len()),
{%- endfor %}
        ]
    }

    /// Drops every handle idle for longer than the limit; returns how many.
    pub fn expire_idle(&self) -> usize {
        0{% for o in m.objects %} + self.{{ o.field }}.expire_idle(){% endfor %}
    }
}

/// The service: stateless apart from the handle tables.
pub struct Service {
    pub handles: ::std::sync::Arc<Handles>,
}

impl Service {
    pub fn new(handles: ::std::sync::Arc<Handles>) -> Self {
        Service { handles }
    }
}

#[::tonic::async_trait]
impl pb::{{ m.service_module }}_server::{{ m.service }} for Service {
{%- for rpc in m.rpcs %}
{% include "grpc-rust/handler.rs" %}
{%- endfor %}
}
{%- for c in m.rust_convert %}

{{ c }}
{%- endfor %}
