//! How generated Rust glue (the native Python backend's PyO3 crate, the gRPC service) spells
//! a uniffi type when it calls the component crate directly.

use anyhow::{bail, Result};
use uniffi_bindgen::interface::Type;
use uniffi_meta::ObjectImpl;

/// The Rust type of `ty`, naming the component's own types through `krate` (e.g. `::greet`).
/// Each backend rejects what it cannot carry before it gets here; this fails only for types
/// that have no such spelling at all (custom, external and callback-interface types, sets).
pub(crate) fn rust_type(krate: &str, ty: &Type) -> Result<String> {
    let k = krate;
    Ok(match ty {
        Type::UInt8 => "u8".into(),
        Type::Int8 => "i8".into(),
        Type::UInt16 => "u16".into(),
        Type::Int16 => "i16".into(),
        Type::UInt32 => "u32".into(),
        Type::Int32 => "i32".into(),
        Type::UInt64 => "u64".into(),
        Type::Int64 => "i64".into(),
        Type::Float32 => "f32".into(),
        Type::Float64 => "f64".into(),
        Type::Boolean => "bool".into(),
        Type::String => "String".into(),
        Type::Bytes => "Vec<u8>".into(),
        Type::Timestamp => "::std::time::SystemTime".into(),
        Type::Duration => "::std::time::Duration".into(),
        Type::Box { inner_type } => rust_type(k, inner_type)?,
        Type::Optional { inner_type } => format!("Option<{}>", rust_type(k, inner_type)?),
        Type::Sequence { inner_type } => format!("Vec<{}>", rust_type(k, inner_type)?),
        Type::Map { key_type, value_type } => {
            format!("::std::collections::HashMap<{}, {}>", rust_type(k, key_type)?, rust_type(k, value_type)?)
        }
        Type::Record { name, .. } | Type::Enum { name, .. } => format!("{k}::{name}"),
        Type::Object { name, imp: ObjectImpl::Struct, .. } => format!("::std::sync::Arc<{k}::{name}>"),
        Type::Object { name, .. } => format!("::std::sync::Arc<dyn {k}::{name}>"),
        other => bail!("type {other:?} has no Rust spelling in generated glue"),
    })
}
