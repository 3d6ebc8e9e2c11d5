{%- import "grpc-rust/field.rs" as field %}
//! The objects the client implements (callback interfaces, traits foreign code implements):
//! on the server each is a proxy that implements the client trait by calling the client over
//! its callback stream (`runtime::callbacks`), and tells the client to free its handle when
//! dropped.

use ::std::sync::{Arc, Weak};

use ::tonic::Status;

use crate::runtime::callbacks::{self as cb, Envelope, Session};
use crate::runtime::convert::{self as cv, FromPb, ToPb};
use crate::{ffi, pb, Handles};

/// The callback stream's messages.
pub struct Messages;

impl Envelope for Messages {
    type Request = pb::UniffiCallbackRequest;
    type Reply = pb::UniffiCallbackReply;

    fn session(session: u16, replica: u16) -> pb::UniffiCallbackRequest {
        let session = pb::UniffiCallbackSession { session: session.into(), replica: replica.into() };
        pb::UniffiCallbackRequest { call: 0, handle: 0, kind: Some(pb::uniffi_callback_request::Kind::Session(session)) }
    }

    fn free(handle: u64) -> pb::UniffiCallbackRequest {
        pb::UniffiCallbackRequest { call: 0, handle, kind: Some(pb::uniffi_callback_request::Kind::Free(pb::UniffiCallbackFree {})) }
    }

    fn call_of(reply: &pb::UniffiCallbackReply) -> u64 {
        reply.call
    }

    fn lifted(reply: &pb::UniffiCallbackReply) -> Option<u64> {
        match reply.kind {
            Some(pb::uniffi_callback_reply::Kind::Lifted(handle)) => Some(handle),
            _ => None,
        }
    }
}

/// The callback sessions of this server.
pub type Sessions = cb::Sessions<Messages>;

/// A value the server could not convert, as an unexpected callback error.
fn unexpected<E>(what: &str, status: Status) -> ffi::rt::CallbackError<E> {
    ffi::rt::CallbackError::Unexpected(format!("{what}: {}", status.message()))
}

/// The outcome a reply carries: the method's result, or the message of an exception it does not declare.
fn outcome<E>(reply: pb::UniffiCallbackReply, what: &str) -> Result<pb::uniffi_callback_reply::Kind, ffi::rt::CallbackError<E>> {
    match reply.kind {
        Some(pb::uniffi_callback_reply::Kind::Unexpected(message)) => Err(ffi::rt::CallbackError::Unexpected(message)),
        Some(kind) => Ok(kind),
        None => Err(ffi::rt::CallbackError::Unexpected(format!("{what}: the client's reply carries no outcome"))),
    }
}

/// The handle tables, for the conversions of a call's arguments and result.
fn tables<E>(handles: &Weak<Handles>, what: &str) -> Result<Arc<Handles>, ffi::rt::CallbackError<E>> {
    handles.upgrade().ok_or_else(|| ffi::rt::CallbackError::Unexpected(format!("{what}: the server is shutting down")))
}

/// The handle tables of the service (set when its routes are made).
fn weak_tables(cx: &Handles) -> Weak<Handles> {
    cx.uniffi_self.get().cloned().unwrap_or_default()
}
{%- for cb in m.callbacks %}

/// A `{{ cb.name }}` the client implements: calls go to it over the callback stream.
pub struct {{ cb.proxy }} {
    session: Arc<Session<Messages>>,
    /// The object's key in the client's table.
    handle: u64,
    handles: Weak<Handles>,
}

impl Drop for {{ cb.proxy }} {
    fn drop(&mut self) {
        self.session.free(self.handle);
    }
}

impl {{ cb.trait_path }} for {{ cb.proxy }} {
{%- for meth in cb.methods %}
{%- if meth.is_async %}
    fn {{ meth.name }}(&self, {% for (f, local) in meth.params() %}{{ local }}: {{ f.rust() }}, {% endfor %}uniffi_done: ffi::rt::Completer<{{ meth.ret }}>) {
        const WHAT: &str = "{{ cb.name }}::{{ meth.callable.name }} (implemented by the client)";
        let cx = match tables::<{{ meth.error }}>(&self.handles, WHAT) {
            Ok(cx) => cx,
            Err(e) => return uniffi_done.complete(Err(e)),
        };
        let uniffi_args = match uniffi_encode_{{ meth.case }}(&cx{% for (_, local) in meth.params() %}, {{ local }}{% endfor %}) {
            Ok(args) => args,
            Err(s) => return uniffi_done.complete::<{{ meth.error }}>(Err(unexpected(WHAT, s))),
        };
        let handle = self.handle;
        let request = move |call| pb::UniffiCallbackRequest { call, handle, kind: Some(pb::uniffi_callback_request::Kind::{{ meth.prost_case }}(uniffi_args)) };
        self.session.call_async(request, WHAT, move |reply| {
            let result = reply.map_err(ffi::rt::CallbackError::Unexpected).and_then(|reply| match outcome(reply, WHAT)? {
                pb::uniffi_callback_reply::Kind::{{ meth.prost_case }}(r) => uniffi_decode_{{ meth.case }}(r, &cx),
                _ => Err(ffi::rt::CallbackError::Unexpected(format!("{WHAT}: the client answered with another method's result"))),
            });
            uniffi_done.complete(result);
        });
    }
{%- else %}
    fn {{ meth.name }}(&self{% for (f, local) in meth.params() %}, {{ local }}: {{ f.rust() }}{% endfor %}) -> ::std::result::Result<{{ meth.ret }}, ffi::rt::CallbackError<{{ meth.error }}>> {
        const WHAT: &str = "{{ cb.name }}::{{ meth.callable.name }} (implemented by the client)";
        let cx = tables(&self.handles, WHAT)?;
        let uniffi_args = uniffi_encode_{{ meth.case }}(&cx{% for (_, local) in meth.params() %}, {{ local }}{% endfor %}).map_err(|s| unexpected(WHAT, s))?;
        let request = |call| pb::UniffiCallbackRequest { call, handle: self.handle, kind: Some(pb::uniffi_callback_request::Kind::{{ meth.prost_case }}(uniffi_args)) };
        let reply = self.session.call(request, WHAT).map_err(ffi::rt::CallbackError::Unexpected)?;
        match outcome(reply, WHAT)? {
            pb::uniffi_callback_reply::Kind::{{ meth.prost_case }}(r) => uniffi_decode_{{ meth.case }}(r, &cx),
            _ => Err(ffi::rt::CallbackError::Unexpected(format!("{WHAT}: the client answered with another method's result"))),
        }
    }
{%- endif %}
{%- endfor %}

    fn as_any(&self) -> &dyn ::std::any::Any {
        self
    }
}
{%- for meth in cb.methods %}

/// The arguments of `{{ cb.name }}::{{ meth.callable.name }}` as its call message.
fn uniffi_encode_{{ meth.case }}(cx: &Handles{% for (f, local) in meth.params() %}, {{ local }}: {{ f.rust() }}{% endfor %}) -> Result<{{ meth.args.prost }}, Status> {
    Ok({{ meth.args.prost }} {
{%- for (f, local) in meth.params() %}
        {{ f.prost }}: {% call field::to_field(f, local) %}{% endcall %},
{%- endfor %}
    })
}

/// The result of `{{ cb.name }}::{{ meth.callable.name }}` from its return message.
fn uniffi_decode_{{ meth.case }}(r: {{ meth.result.prost }}, cx: &Handles) -> Result<{{ meth.ret }}, ffi::rt::CallbackError<{{ meth.error }}>> {
    const WHAT: &str = "{{ cb.name }}::{{ meth.callable.name }} (implemented by the client)";
{%- if let Some(e) = meth.error_field() %}
    if let Some(e) = r.{{ e.prost }} {
        return Err(match cv::from_field(e, cx, "{{ e.what }}") {
            Ok(e) => ffi::rt::CallbackError::Error(e),
            Err(s) => unexpected(WHAT, s),
        });
    }
{%- endif %}
{%- match meth.value() %}
{%- when Some(v) %}
    let value = (|| -> Result<{{ meth.ret }}, Status> { Ok({% call field::from_field(v, "r") %}{% endcall %}) })();
    value.map_err(|s| unexpected(WHAT, s))
{%- when None %}
    let _ = r;
    Ok(())
{%- endmatch %}
}
{%- endfor %}

impl FromPb<u64, Handles> for {{ cb.rust }} {
    fn from_pb(p: u64, cx: &Handles) -> Result<Self, Status> {
        if !cb::is_foreign(p) {
{%- match cb.object %}
{%- when Some(o) %}
            // Implemented in Rust: a handle into its table.
            return cx.{{ m.object_at(**o).table }}.get(p).map(|o| ffi::rt::TraitObject::Rust((*o).clone()));
{%- when None %}
            return Err(Status::invalid_argument(format!("{p:#x} is not a {{ cb.name }} of the client's (only the client implements it)")));
{%- endmatch %}
        }
        let session = cx.uniffi_callbacks.get(p)?;
        let proxy: Arc<dyn {{ cb.trait_path }}> = Arc::new({{ cb.proxy }} { session, handle: p & 0xffff_ffff, handles: weak_tables(cx) });
{%- if cb.is_callback_interface %}
        Ok(proxy)
{%- else %}
        Ok(ffi::rt::TraitObject::Foreign(proxy))
{%- endif %}
    }
}

impl ToPb<u64, Handles> for {{ cb.rust }} {
    fn to_pb(self, cx: &Handles) -> Result<u64, Status> {
{%- if cb.is_callback_interface %}
        let obj = self;
{%- else %}
        let obj = match self {
{%- match cb.object %}
{%- when Some(o) %}
            ffi::rt::TraitObject::Rust(o) => return cx.{{ m.object_at(**o).table }}.insert(Arc::new(o)),
{%- when None %}
            ffi::rt::TraitObject::Rust(_) => return Err(Status::internal("a {{ cb.name }} implemented in Rust, which only the client implements")),
{%- endmatch %}
            ffi::rt::TraitObject::Foreign(obj) => obj,
        };
{%- endif %}
        let Some(proxy) = obj.as_any().downcast_ref::<{{ cb.proxy }}>() else {
            return Err(Status::internal("a {{ cb.name }} implemented neither in Rust nor by a client"));
        };
        let (session, handle) = (Arc::clone(&proxy.session), proxy.handle);
        // Kept until the client has taken it, so its handle is not freed on the way.
        session.export(handle, Box::new(obj));
        Ok(session.value(handle))
    }
}
{%- endfor %}
