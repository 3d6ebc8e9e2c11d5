{%- import "grpc-rust/field.rs" as field %}
//! Conversions between prost's messages and the client's types, one `FromPb`/`ToPb` pair per
//! record, enum, error, object, custom type and wrapper message of the interface; the server
//! runtime's impls compose them (optionals, sequences, boxes, well-known types).

use ::std::collections::HashMap;
use ::std::sync::Arc;

use ::tonic::{Code, Status};

use crate::runtime::convert::{self as cv, FromPb, ToPb};
use crate::runtime::status;
use crate::{ffi, pb, Handles, SERVICE_NAME};

// ---- how a failed call becomes a status -----------------------------------------------------

/// An error the component returned, as a status with the typed error in its details.
pub(crate) trait ErrorStatus {
    fn status(self, cx: &Handles) -> Status;
}

impl ErrorStatus for ffi::rt::Never {
    fn status(self, _: &Handles) -> Status {
        match self {}
    }
}

/// The status of a failed call: the declared error, a panic (INTERNAL), or a cancellation.
pub(crate) fn call_status<E: ErrorStatus>(e: ffi::rt::CallError<E>, cx: &Handles) -> Status {
    match e {
        ffi::rt::CallError::Error(e) => e.status(cx),
        ffi::rt::CallError::Unexpected(message) => status::panic(message, SERVICE_NAME),
        ffi::rt::CallError::Cancelled => status::cancelled(),
    }
}

// ---- the client's bytes, maps and sets ------------------------------------------------------

impl FromPb<Vec<u8>, Handles> for ffi::rt::Bytes {
    fn from_pb(p: Vec<u8>, _: &Handles) -> Result<Self, Status> {
        Ok(ffi::rt::Bytes(p))
    }
}

impl ToPb<Vec<u8>, Handles> for ffi::rt::Bytes {
    fn to_pb(self, _: &Handles) -> Result<Vec<u8>, Status> {
        Ok(self.0)
    }
}

impl<T: FromPb<P, Handles>, P> FromPb<Vec<P>, Handles> for ffi::rt::Set<T> {
    fn from_pb(p: Vec<P>, cx: &Handles) -> Result<Self, Status> {
        Vec::<T>::from_pb(p, cx).map(ffi::rt::Set)
    }
}

impl<T: ToPb<P, Handles>, P> ToPb<Vec<P>, Handles> for ffi::rt::Set<T> {
    fn to_pb(self, cx: &Handles) -> Result<Vec<P>, Status> {
        self.0.to_pb(cx)
    }
}

impl<K: FromPb<PK, Handles>, V: FromPb<PV, Handles>, PK: ::std::fmt::Debug, PV> FromPb<HashMap<PK, PV>, Handles> for ffi::rt::Map<K, V> {
    fn from_pb(p: HashMap<PK, PV>, cx: &Handles) -> Result<Self, Status> {
        let mut entries = Vec::with_capacity(p.len());
        for (k, v) in p {
            let what = format!("[{k:?}]");
            entries.push((cv::from_field(k, cx, &what)?, cv::from_field(v, cx, &what)?));
        }
        Ok(ffi::rt::Map(entries))
    }
}

impl<K: ToPb<PK, Handles>, V: ToPb<PV, Handles>, PK: ::std::hash::Hash + Eq, PV> ToPb<HashMap<PK, PV>, Handles> for ffi::rt::Map<K, V> {
    fn to_pb(self, cx: &Handles) -> Result<HashMap<PK, PV>, Status> {
        self.0.into_iter().map(|(k, v)| Ok((k.to_pb(cx)?, v.to_pb(cx)?))).collect()
    }
}
{%- if !m.records.is_empty() %}

// ---- records --------------------------------------------------------------------------------
{%- endif %}
{%- for r in m.records %}

impl FromPb<{{ r.msg.prost }}, Handles> for ffi::{{ r.r.name|ident }} {
    fn from_pb(p: {{ r.msg.prost }}, cx: &Handles) -> Result<Self, Status> {
        Ok(ffi::{{ r.r.name|ident }} {
{%- for (f, client, _) in r.fields() %}
            {{ client }}: {% call field::from_field(f, "p") %}{% endcall %},
{%- endfor %}
        })
    }
}

impl ToPb<{{ r.msg.prost }}, Handles> for ffi::{{ r.r.name|ident }} {
    fn to_pb(self, cx: &Handles) -> Result<{{ r.msg.prost }}, Status> {
        Ok({{ r.msg.prost }} {
{%- for (f, _, access) in r.fields() %}
            {{ f.prost }}: {% call field::to_field(f, access) %}{% endcall %},
{%- endfor %}
        })
    }
}
{%- endfor %}
{%- if !m.enums.is_empty() %}

// ---- flat enums: proto enums, 0 is never valid ----------------------------------------------
{%- endif %}
{%- for e in m.enums %}

impl FromPb<i32, Handles> for {{ e.rust }} {
    fn from_pb(p: i32, _: &Handles) -> Result<Self, Status> {
        match p {
{%- for (v, (_, _, n)) in e.e.variants.iter().zip(e.values.iter()) %}
            {{ n }} => Ok({{ e.rust }}::{{ v.name|ident }}),
{%- endfor %}
            other => Err(Status::invalid_argument(format!("{other} is not a {{ e.name }} value"))),
        }
    }
}

impl ToPb<i32, Handles> for {{ e.rust }} {
    fn to_pb(self, _: &Handles) -> Result<i32, Status> {
        Ok(match self {
{%- for (v, (_, _, n)) in e.e.variants.iter().zip(e.values.iter()) %}
            {{ e.rust }}::{{ v.name|ident }} => {{ n }},
{%- endfor %}
        })
    }
}
{%- endfor %}
{%- if !m.unions.is_empty() %}

// ---- data enums and errors: a oneof of the variants -----------------------------------------
{%- endif %}
{%- for u in m.unions %}
{%- include "grpc-rust/union.rs" %}
{%- endfor %}
{%- if !m.objects.is_empty() %}

// ---- objects: handles into the tables -------------------------------------------------------
{%- endif %}
{%- for o in m.objects %}

impl FromPb<u64, Handles> for {{ o.rust }} {
    fn from_pb(p: u64, cx: &Handles) -> Result<Self, Status> {
        cx.{{ o.table }}.get(p).map(|o| (*o).clone())
    }
}

impl ToPb<u64, Handles> for {{ o.rust }} {
    fn to_pb(self, cx: &Handles) -> Result<u64, Status> {
        cx.{{ o.table }}.insert(Arc::new(self))
    }
}
{%- if let Some(t) = o.thrown %}

impl ErrorStatus for ffi::rt::ErrorBuf<{{ o.rust }}> {
    fn status(self, cx: &Handles) -> Status {
{%- if o.has_display %}
        let message = self.0.uniffi_trait_display().unwrap_or_else(|_| "{{ o.name }}".to_string());
{%- else %}
        let message = "{{ o.name }}".to_string();
{%- endif %}
        match cv::to_field::<_, u64, _>(self.0, cx) {
            Ok(handle) => status::with_detail(Code::{{ o.code }}, message, "{{ m.package }}.{{ t.name }}", &{{ t.prost }} { handle }),
            Err(s) => s,
        }
    }
}
{%- endif %}
{%- endfor %}
{%- if !m.customs.is_empty() %}

// ---- custom types: their builtin on the wire ------------------------------------------------
{%- endif %}
{%- for c in m.customs %}

impl FromPb<{{ c.prost_value }}, Handles> for {{ c.rust }} {
    fn from_pb(p: {{ c.prost_value }}, cx: &Handles) -> Result<Self, Status> {
        Ok({{ c.rust }}(FromPb::from_pb(p, cx)?))
    }
}

impl ToPb<{{ c.prost_value }}, Handles> for {{ c.rust }} {
    fn to_pb(self, cx: &Handles) -> Result<{{ c.prost_value }}, Status> {
        self.0.to_pb(cx)
    }
}
{%- if let Some(t) = c.thrown %}

impl ErrorStatus for ffi::rt::ErrorBuf<{{ c.rust }}> {
    fn status(self, cx: &Handles) -> Status {
        match self.0.to_pb(cx) {
            Ok(value) => status::with_detail(Code::{{ c.code }}, "{{ c.c.name }}".to_string(), "{{ m.package }}.{{ t.name }}", &{{ t.prost }} { value }),
            Err(s) => s,
        }
    }
}
{%- endif %}
{%- endfor %}
{%- if !m.wrappers.is_empty() || !m.entries.is_empty() %}

// ---- wrapper messages of nested containers, and map entries ---------------------------------
{%- endif %}
{%- for w in m.wrappers %}
{%- let f = w.field() %}

impl FromPb<{{ w.msg.prost }}, Handles> for {{ w.rust() }} {
    fn from_pb(p: {{ w.msg.prost }}, cx: &Handles) -> Result<Self, Status> {
        Ok({% if w.custom %}{{ w.rust() }}({% endif %}{% call field::from_field(f, "p") %}{% endcall %}{% if w.custom %}){% endif %})
    }
}

impl ToPb<{{ w.msg.prost }}, Handles> for {{ w.rust() }} {
    fn to_pb(self, cx: &Handles) -> Result<{{ w.msg.prost }}, Status> {
        Ok({{ w.msg.prost }} { {{ f.prost }}: {% if w.custom %}{% call field::to_field(f, "self.0") %}{% endcall %}{% else %}{% call field::to_field(f, "self") %}{% endcall %}{% endif %} })
    }
}
{%- endfor %}
{%- for e in m.entries %}
{%- let k = e.key_field() %}
{%- let v = e.value_field() %}

impl FromPb<Vec<{{ e.msg.prost }}>, Handles> for {{ e.rust() }} {
    fn from_pb(p: Vec<{{ e.msg.prost }}>, cx: &Handles) -> Result<Self, Status> {
        let mut entries = Vec::with_capacity(p.len());
        for p in p {
            entries.push(({% call field::from_field(k, "p") %}{% endcall %}, {% call field::from_field(v, "p") %}{% endcall %}));
        }
        Ok(ffi::rt::Map(entries))
    }
}

impl ToPb<Vec<{{ e.msg.prost }}>, Handles> for {{ e.rust() }} {
    fn to_pb(self, cx: &Handles) -> Result<Vec<{{ e.msg.prost }}>, Status> {
        self.0
            .into_iter()
            .map(|(uniffi_k, uniffi_v)| Ok({{ e.msg.prost }} { {{ k.prost }}: {% call field::to_field(k, "uniffi_k") %}{% endcall %}, {{ v.prost }}: {% call field::to_field(v, "uniffi_v") %}{% endcall %} }))
            .collect()
    }
}
{%- endfor %}
