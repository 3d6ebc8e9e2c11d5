//! How generated Rust glue spells things: identifiers, the client's type for each uniffi
//! type, and the raw FFI types. Shared by every backend that emits Rust (the Rust client,
//! the native Python glue, the gRPC service, the JNI and C glue).

use crate::ir::{DefaultValue, FfiType, Literal, ObjectImpl, TraitKind, Type, TypeNode};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct",
    "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen",
    "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// `name` as a Rust identifier: keywords become raw identifiers, the few that cannot be raw
/// get a trailing `_`, and a name that starts with a digit (a tuple field) gets a leading `_`.
pub fn ident(name: &str) -> String {
    if matches!(name, "self" | "Self" | "super" | "crate" | "_") {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name.to_string()
    }
}

/// A field's identifier: its name, or `_<index>` for an unnamed (tuple) field.
pub fn field_ident(name: &str, index: usize) -> String {
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
        format!("_{index}")
    } else {
        ident(name)
    }
}

/// The client's Rust type for a uniffi type (see `templates/rust-client`): std types for
/// builtins, the generated item for user types (custom types are newtypes of their builtin).
pub fn client_type(ty: &Type) -> String {
    client_type_in(ty, "")
}

/// `client_type` as spelled outside the client module, whose path is `module` (`ffi::`).
pub fn client_type_in(ty: &Type, module: &str) -> String {
    let m = module;
    let t = |ty: &Type| client_type_in(ty, m);
    match ty {
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
        Type::String => "::std::string::String".into(),
        Type::Bytes => format!("{m}rt::Bytes"),
        Type::Timestamp => "::std::time::SystemTime".into(),
        Type::Duration => "::std::time::Duration".into(),
        Type::Box { inner_type } => format!("::std::boxed::Box<{}>", t(inner_type)),
        Type::Optional { inner_type } => format!("::std::option::Option<{}>", t(inner_type)),
        Type::Sequence { inner_type } => format!("::std::vec::Vec<{}>", t(inner_type)),
        Type::Set { inner_type } => format!("{m}rt::Set<{}>", t(inner_type)),
        Type::Map { key_type, value_type } => format!("{m}rt::Map<{}, {}>", t(key_type), t(value_type)),
        Type::Record { name, .. } | Type::Enum { name, .. } | Type::Custom { name, .. } => format!("{m}{}", ident(name)),
        Type::Interface { name, imp, .. } => match imp {
            ObjectImpl::Struct | ObjectImpl::Trait(TraitKind::RustOnly) => format!("{m}{}", ident(name)),
            ObjectImpl::Trait(TraitKind::Both | TraitKind::ForeignOnly) => {
                format!("{m}rt::TraitObject<{m}{0}, dyn {m}{0}Foreign>", ident(name))
            }
        },
        Type::CallbackInterface { name, .. } => format!("::std::sync::Arc<dyn {m}{}>", ident(name)),
    }
}

/// The error type of a call in the client: `rt::Never` when it declares none; objects
/// thrown as errors travel in a buffer.
pub fn client_error_type(ty: Option<&TypeNode>) -> String {
    client_error_type_in(ty, "")
}

pub fn client_error_type_in(ty: Option<&TypeNode>, m: &str) -> String {
    match ty.map(|t| &t.ty) {
        None => format!("{m}rt::Never"),
        // uniffi writes an object or a custom type thrown as an error into the error buffer
        // (the custom type as its builtin): read it from there, not as a return value.
        Some(t @ (Type::Interface { .. } | Type::Custom { .. })) => {
            format!("{m}rt::ErrorBuf<{}>", client_type_in(t, m))
        }
        Some(t) => client_type_in(t, m),
    }
}

/// The raw FFI type, as declared in the client's `sys` module.
pub fn ffi_type(ty: &FfiType) -> String {
    ffi_type_in(ty, "")
}

/// The raw FFI type, with the `sys` module's own items prefixed by `m`.
pub fn ffi_type_in(ty: &FfiType, m: &str) -> String {
    match ty {
        FfiType::UInt8 => "u8".into(),
        FfiType::Int8 => "i8".into(),
        FfiType::UInt16 => "u16".into(),
        FfiType::Int16 => "i16".into(),
        FfiType::UInt32 => "u32".into(),
        FfiType::Int32 => "i32".into(),
        FfiType::UInt64 => "u64".into(),
        FfiType::Int64 => "i64".into(),
        FfiType::Float32 => "f32".into(),
        FfiType::Float64 => "f64".into(),
        FfiType::RustBuffer(_) => "::uniffi::RustBuffer".into(),
        FfiType::ForeignBytes => format!("{m}ForeignBytes"),
        FfiType::Function(name) => format!("{m}{}", name.0),
        FfiType::Struct(name) => format!("{m}{}", name.0),
        FfiType::Handle(_) => "u64".into(),
        FfiType::RustCallStatus => "::uniffi::RustCallStatus".into(),
        FfiType::Reference(inner) => format!("*const {}", ffi_type_in(inner, m)),
        FfiType::MutReference(inner) => format!("*mut {}", ffi_type_in(inner, m)),
        FfiType::VoidPointer => "*const ::std::ffi::c_void".into(),
    }
}

/// A Rust expression of the client value of a default argument or field, as spelled where
/// the client is the module `m`. Defaults that construct a record, enum or object (`X()` in
/// Python) evaluate `construct(class)`, an expression the backend's glue provides.
pub fn default_expr(d: &DefaultValue, ty: &Type, m: &str, construct: &dyn Fn(&str) -> String) -> String {
    match (ty, d) {
        (Type::Custom { name, builtin, .. }, d) => format!("{m}{}({})", ident(name), default_expr(d, builtin, m, construct)),
        (Type::Box { inner_type }, d) => format!("::std::boxed::Box::new({})", default_expr(d, inner_type, m, construct)),
        (_, DefaultValue::Literal(lit)) => literal_expr(lit, ty, m, construct),
        (_, DefaultValue::Default(_)) => match ty {
            Type::UInt8 | Type::Int8 | Type::UInt16 | Type::Int16 | Type::UInt32 | Type::Int32 | Type::UInt64 | Type::Int64 => {
                "0".into()
            }
            Type::Float32 | Type::Float64 => "0.0".into(),
            Type::Boolean => "false".into(),
            Type::String => "::std::string::String::new()".into(),
            Type::Bytes => format!("{m}rt::Bytes::default()"),
            Type::Timestamp => "::std::time::UNIX_EPOCH".into(),
            Type::Duration => "::std::time::Duration::ZERO".into(),
            Type::Optional { .. } => "::std::option::Option::None".into(),
            Type::Sequence { .. } => "::std::vec::Vec::new()".into(),
            Type::Map { .. } => format!("{m}rt::Map(::std::vec::Vec::new())"),
            Type::Set { .. } => format!("{m}rt::Set(::std::vec::Vec::new())"),
            Type::Record { name, .. } | Type::Enum { name, .. } | Type::Interface { name, .. } | Type::CallbackInterface { name, .. } => {
                construct(&crate::shared::python::type_name(name))
            }
            Type::Custom { .. } | Type::Box { .. } => unreachable!("handled above"),
        },
    }
}

fn literal_expr(lit: &Literal, ty: &Type, m: &str, construct: &dyn Fn(&str) -> String) -> String {
    match lit {
        Literal::Boolean(b) => b.to_string(),
        Literal::String(s) => format!("::std::string::String::from({s:?})"),
        Literal::UInt(v, _, _) => format!("{v}"),
        Literal::Int(v, _, _) => format!("{v}"),
        Literal::Float(v, _) => {
            let t = if matches!(ty, Type::Float32) { "f32" } else { "f64" };
            match v.parse::<f64>() {
                Ok(f) if f.is_nan() => format!("{t}::NAN"),
                Ok(f) if f.is_infinite() => format!("{}{t}::INFINITY", if f < 0.0 { "-" } else { "" }),
                // `{:?}` spells every finite f64 as a Rust float literal (`2.0`, `1e100`).
                Ok(f) => format!("{f:?}_{t}"),
                Err(_) => format!("(({v}) as {t})"),
            }
        }
        Literal::Enum(variant, tn) => match &tn.ty {
            Type::Enum { name, .. } => format!("{m}{}::{}", ident(name), ident(variant)),
            _ => construct("?"),
        },
        Literal::EmptySequence => "::std::vec::Vec::new()".into(),
        Literal::EmptyMap => format!("{m}rt::Map(::std::vec::Vec::new())"),
        Literal::EmptySet => format!("{m}rt::Set(::std::vec::Vec::new())"),
        Literal::None => "::std::option::Option::None".into(),
        Literal::Some { inner } => {
            let inner_ty = match ty {
                Type::Optional { inner_type } => inner_type.as_ref(),
                other => other,
            };
            format!("::std::option::Option::Some({})", default_expr(inner, inner_ty, m, construct))
        }
    }
}

/// `///` doc comment lines for an optional docstring, indented by `indent` spaces; empty
/// when there is none.
pub fn doc_comment(doc: Option<&str>, indent: usize) -> String {
    let Some(doc) = doc else { return String::new() };
    let pad = " ".repeat(indent);
    let lines: Vec<String> =
        doc.lines().map(|line| if line.is_empty() { "///\n".to_string() } else { format!("/// {line}\n") }).collect();
    format!("{}{pad}", lines.join(&pad))
}

/// Askama filters over the helpers above.
pub mod filters {
    use crate::ir::{FfiType, Type, TypeNode};

    #[askama::filter_fn]
    pub fn ident(name: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::ident(name))
    }

    /// A field's identifier: its name, or `_<index>` for an unnamed (tuple) field.
    #[askama::filter_fn]
    pub fn field_ident(name: &str, _: &dyn askama::Values, index: &usize) -> askama::Result<String> {
        Ok(super::field_ident(name, *index))
    }

    #[askama::filter_fn]
    pub fn rust_type(ty: &Type, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::client_type(ty))
    }

    /// The client type as spelled where the client is the module `ffi`.
    #[askama::filter_fn]
    pub fn ffi_rust_type(ty: &Type, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::client_type_in(ty, "ffi::"))
    }

    #[askama::filter_fn]
    pub fn ffi_error_type(ty: &Option<&TypeNode>, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::client_error_type_in(*ty, "ffi::"))
    }

    /// A Rust string literal.
    #[askama::filter_fn]
    pub fn rust_str(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(format!("{s:?}"))
    }

    #[askama::filter_fn]
    pub fn error_type(ty: &Option<TypeNode>, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::client_error_type(ty.as_ref()))
    }

    #[askama::filter_fn]
    pub fn ffi_type(ty: &FfiType, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::ffi_type(ty))
    }

    /// The raw FFI type as spelled outside the client's `sys` module.
    #[askama::filter_fn]
    pub fn sys_ffi_type(ty: &FfiType, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::ffi_type_in(ty, "sys::"))
    }

    #[askama::filter_fn]
    pub fn rust_doc(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        Ok(super::doc_comment(doc.as_deref(), indent))
    }
}
