//! The Kotlin JNI face of a component: how each uniffi type crosses JNI (as a primitive,
//! a string, a handle or the per-call `byte[]`), the Kotlin names and converters of every
//! type, the records that cross at a fixed layout, the functions called directly, and every
//! callable, object, foreign trait and error with the natives and `UniffiCallbacks` bridges
//! behind them. Typed data only; `templates/kotlin-jni/` holds every emitted line.

use anyhow::{bail, Context, Result};
use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToUpperCamelCase};

use super::JNI_SYS_VERSION;
use crate::backends::GlueCrate;
use crate::ir::{
    self, Argument, Callable, CallableKind, Component, DefaultValue, Enum, EnumShape, Field, Interface, Literal,
    Radix, Record, Type, TypeDefinition,
};
use crate::shared::reach::Reach;
use crate::shared::rust::client_type_in;
use crate::shared::rust_client;


/// How a value crosses the JNI boundary at the top level of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jni {
    Byte,
    Short,
    Int,
    Long,
    Float,
    Double,
    Boolean,
    Str,
    /// An object handle (`jlong`): returned objects and object arguments of callbacks.
    Handle,
    /// Serialized in uniffi's buffer format, in a `byte[]`.
    Buffer,
    /// Nothing (a function that returns nothing).
    Void,
}

impl Jni {
    /// The `jni-sys` type in the glue's signatures.
    pub fn rust(&self) -> &'static str {
        match self {
            Jni::Byte => "jbyte",
            Jni::Short => "jshort",
            Jni::Int => "jint",
            Jni::Long | Jni::Handle => "jlong",
            Jni::Float => "jfloat",
            Jni::Double => "jdouble",
            Jni::Boolean => "jboolean",
            Jni::Str => "jstring",
            Jni::Buffer => "jbyteArray",
            Jni::Void => "()",
        }
    }

    /// The JVM type Kotlin declares for it.
    pub fn kotlin(&self) -> &'static str {
        match self {
            Jni::Byte => "Byte",
            Jni::Short => "Short",
            Jni::Int => "Int",
            Jni::Long | Jni::Handle => "Long",
            Jni::Float => "Float",
            Jni::Double => "Double",
            Jni::Boolean => "Boolean",
            Jni::Str => "String",
            Jni::Buffer => "ByteArray",
            Jni::Void => "Unit",
        }
    }

    /// Its JVM type descriptor.
    pub fn descriptor(&self) -> &'static str {
        match self {
            Jni::Byte => "B",
            Jni::Short => "S",
            Jni::Int => "I",
            Jni::Long | Jni::Handle => "J",
            Jni::Float => "F",
            Jni::Double => "D",
            Jni::Boolean => "Z",
            Jni::Str => "Ljava/lang/String;",
            Jni::Buffer => "[B",
            Jni::Void => "V",
        }
    }

    /// The `jvalue` union field that holds it.
    pub fn jvalue_field(&self) -> &'static str {
        match self {
            Jni::Byte => "b",
            Jni::Short => "s",
            Jni::Int => "i",
            Jni::Long | Jni::Handle => "j",
            Jni::Float => "f",
            Jni::Double => "d",
            Jni::Boolean => "z",
            Jni::Str | Jni::Buffer | Jni::Void => "l",
        }
    }

    /// The glue's zero value of the type, returned alongside a thrown exception.
    pub fn null(&self) -> &'static str {
        match self {
            Jni::Byte | Jni::Short | Jni::Int | Jni::Long | Jni::Handle => "0",
            Jni::Boolean => "false",
            Jni::Float | Jni::Double => "0.0",
            Jni::Str | Jni::Buffer => "::std::ptr::null_mut()",
            Jni::Void => "()",
        }
    }

    /// The wrapper type in the glue that converts a client value into this form.
    pub fn is_direct(&self) -> bool {
        !matches!(self, Jni::Buffer | Jni::Handle | Jni::Void)
    }

    /// Which `CallStatic<Kind>MethodA` returns it (callbacks into Kotlin).
    pub fn call_kind(&self) -> &'static str {
        match self {
            Jni::Byte => "Byte",
            Jni::Short => "Short",
            Jni::Int => "Int",
            Jni::Long | Jni::Handle => "Long",
            Jni::Float => "Float",
            Jni::Double => "Double",
            Jni::Boolean => "Boolean",
            Jni::Str | Jni::Buffer => "Object",
            Jni::Void => "Void",
        }
    }
}

/// How a value of a direct call (`DirectCall`) crosses JNI.
#[derive(Debug, Clone)]
pub enum DirectForm {
    /// A primitive, as the C ABI route passes it (`KtType::into_rust`).
    Scalar,
    /// A `String`; `borrowed` when the function takes a `&str`.
    Str { borrowed: bool },
    /// `Vec<u8>` as a `byte[]`.
    Bytes,
    /// A `Vec` of a signed primitive as its primitive array: `kind` names it (`Int`: `IntArray`,
    /// `jintArray`, `GetIntArrayRegion`), `elem` is the Rust element type.
    Array { kind: &'static str, elem: &'static str },
    /// A flat enum as its ordinal (`jint`): the Rust path of the component's type, its Kotlin
    /// class and its variants' Rust names in declaration order.
    Enum { path: String, class: String, variants: Vec<String> },
    /// A record of primitives (`list`: a `Vec` of them) at its fixed native-order layout
    /// (`RecordLayout`). As an argument Kotlin writes it into a reusable direct `ByteBuffer` (its
    /// `slot` among the call's record arguments; a list's length follows as an `Int`) that the
    /// glue reads into the component's type; as a result the glue writes the count and the
    /// records into the thread's result buffer (a larger one from `UniffiCallbacks.recordBuffer`
    /// when it does not fit) and returns that buffer, which Kotlin reads.
    Record { layout: RecordLayout, list: bool, slot: usize, result: bool },
}

/// How a field of a `RecordLayout` is stored.
#[derive(Debug, Clone)]
pub enum LayoutKind {
    /// An integer or float: its Rust type, the `ByteBuffer` accessor's suffix (`Int`:
    /// `getInt`/`putInt`; empty for a byte) and the Kotlin suffixes to and from its JVM form.
    Prim { rust: &'static str, accessor: &'static str, to_jvm: &'static str, from_jvm: &'static str },
    /// One byte, 0 or 1.
    Bool,
    /// A flat enum as its ordinal, an `i32`: the Rust path, the Kotlin class, the variants' Rust
    /// names in declaration order.
    Enum { path: String, class: String, variants: Vec<String> },
}

#[derive(Debug, Clone)]
pub struct LayoutField {
    /// The Kotlin property.
    pub name: String,
    /// The field of the component's Rust struct.
    pub rust_name: String,
    pub offset: usize,
    pub kind: LayoutKind,
}

/// A public record of the component whose fields are all integers, floats, booleans or flat
/// enums (public, with public fields: `shared::reach`), laid out as a C struct would be (each
/// field at an offset aligned to its size, in declaration order; the size rounded up to the
/// largest alignment) in the machine's byte order, for the direct calls that take or return it.
#[derive(Debug, Clone)]
pub struct RecordLayout {
    /// The Kotlin data class.
    pub class: String,
    /// The Kotlin object reading and writing it (`UniffiLayoutLocation`).
    pub object: String,
    /// The Rust path of the component's type.
    pub path: String,
    /// The glue's reader and writer functions.
    pub reader: String,
    pub writer: String,
    pub size: usize,
    pub fields: Vec<LayoutField>,
}

impl RecordLayout {
    /// The layout of record `r`, when it has one.
    fn new(c: &Component, reach: &Reach, r: &Record) -> Option<Self> {
        let path = reach.type_path(&r.name)?.to_string();
        if r.fields.is_empty() {
            return None;
        }
        let mut offset = 0usize;
        let mut align = 1usize;
        let mut fields = Vec::new();
        for (i, f) in r.fields.iter().enumerate() {
            let (size, kind) = match &f.ty.ty {
                Type::Int8 => (1, LayoutKind::Prim { rust: "i8", accessor: "", to_jvm: "", from_jvm: "" }),
                Type::UInt8 => (1, LayoutKind::Prim { rust: "u8", accessor: "", to_jvm: ".toByte()", from_jvm: ".toUByte()" }),
                Type::Int16 => (2, LayoutKind::Prim { rust: "i16", accessor: "Short", to_jvm: "", from_jvm: "" }),
                Type::UInt16 => (2, LayoutKind::Prim { rust: "u16", accessor: "Short", to_jvm: ".toShort()", from_jvm: ".toUShort()" }),
                Type::Int32 => (4, LayoutKind::Prim { rust: "i32", accessor: "Int", to_jvm: "", from_jvm: "" }),
                Type::UInt32 => (4, LayoutKind::Prim { rust: "u32", accessor: "Int", to_jvm: ".toInt()", from_jvm: ".toUInt()" }),
                Type::Int64 => (8, LayoutKind::Prim { rust: "i64", accessor: "Long", to_jvm: "", from_jvm: "" }),
                Type::UInt64 => (8, LayoutKind::Prim { rust: "u64", accessor: "Long", to_jvm: ".toLong()", from_jvm: ".toULong()" }),
                Type::Float32 => (4, LayoutKind::Prim { rust: "f32", accessor: "Float", to_jvm: "", from_jvm: "" }),
                Type::Float64 => (8, LayoutKind::Prim { rust: "f64", accessor: "Double", to_jvm: "", from_jvm: "" }),
                Type::Boolean => (1, LayoutKind::Bool),
                Type::Enum { name, .. } => {
                    let e = c.enum_(name)?;
                    if !e.is_flat || matches!(e.shape, EnumShape::Error { .. }) || e.self_type.is_used_as_error {
                        return None;
                    }
                    let kind = LayoutKind::Enum {
                        path: reach.type_path(name)?.to_string(),
                        class: kotlin_type(&f.ty.ty).ok()?,
                        variants: e.variants.iter().map(|v| v.orig_name.clone()).collect(),
                    };
                    (4, kind)
                }
                _ => return None,
            };
            offset = offset.div_ceil(size) * size;
            align = align.max(size);
            fields.push(LayoutField {
                name: field_name(&f.name, i),
                rust_name: crate::shared::rust::ident(&f.orig_name),
                offset,
                kind,
            });
            offset += size;
        }
        let base = r.name.to_upper_camel_case();
        let snake = heck::ToSnakeCase::to_snake_case(r.name.as_str());
        Some(RecordLayout {
            class: class_name(&r.name),
            object: format!("UniffiLayout{base}"),
            path,
            reader: format!("uniffi_read_{snake}"),
            writer: format!("uniffi_write_{snake}"),
            size: offset.div_ceil(align) * align,
            fields,
        })
    }
}

/// One argument or the result of a direct call.
#[derive(Debug, Clone)]
pub struct DirectValue {
    pub name: String,
    pub rust_name: String,
    pub t: KtType,
    pub form: DirectForm,
}

impl DirectValue {
    /// The `jni-sys` type of the native's parameter or result.
    pub fn jni_rust(&self) -> String {
        match &self.form {
            DirectForm::Scalar | DirectForm::Str { .. } => self.t.into_rust.rust().to_string(),
            DirectForm::Bytes => "jbyteArray".into(),
            DirectForm::Array { kind, .. } => format!("j{}Array", kind.to_lowercase()),
            DirectForm::Enum { .. } => "jint".into(),
            DirectForm::Record { .. } => "jobject".into(),
        }
    }

    /// The JVM type Kotlin declares for it in `UniffiLib`.
    pub fn jni_kotlin(&self) -> String {
        match &self.form {
            DirectForm::Scalar | DirectForm::Str { .. } => self.t.into_rust.kotlin().to_string(),
            DirectForm::Bytes => "ByteArray".into(),
            DirectForm::Array { kind, .. } => format!("{kind}Array"),
            DirectForm::Enum { .. } => "Int".into(),
            DirectForm::Record { .. } => "ByteBuffer".into(),
        }
    }

    /// The glue's zero value, returned alongside a thrown exception.
    pub fn null(&self) -> &'static str {
        match &self.form {
            DirectForm::Scalar | DirectForm::Str { .. } => self.t.into_rust.null(),
            DirectForm::Bytes | DirectForm::Array { .. } | DirectForm::Record { .. } => "::std::ptr::null_mut()",
            DirectForm::Enum { .. } => "0",
        }
    }
}

/// A function the glue calls as plain Rust (see `shared::reach`), when every argument and its
/// result cross JNI without uniffi's buffer format: primitives, strings, bytes, sequences of
/// signed primitives (primitive arrays) and flat enums (ordinals).
#[derive(Debug, Clone)]
pub struct DirectCall {
    /// `::krate::path::function`.
    pub path: String,
    pub args: Vec<DirectValue>,
    pub ret: Option<DirectValue>,
}

impl DirectCall {
    /// The `jni-sys` type of the native's result.
    pub fn ret_jni_rust(&self) -> String {
        self.ret.as_ref().map_or_else(|| "()".to_string(), DirectValue::jni_rust)
    }

    pub fn ret_jni_kotlin(&self) -> String {
        self.ret.as_ref().map_or_else(|| "Unit".to_string(), DirectValue::jni_kotlin)
    }

    /// Returns a record or a list of records: the native also takes the thread's result buffer.
    pub fn returns_record(&self) -> bool {
        matches!(self.ret, Some(DirectValue { form: DirectForm::Record { .. }, .. }))
    }

    pub fn ret_null(&self) -> &'static str {
        self.ret.as_ref().map_or("()", DirectValue::null)
    }
}

/// One use of a type: its Kotlin spelling, its converter, its client type, and how it
/// crosses JNI as an argument (Kotlin to Rust) and as a result (Rust to Kotlin).
#[derive(Debug, Clone)]
pub struct KtType {
    pub ty: Type,
    pub label: String,
    /// The Kotlin object that reads and writes it in a buffer.
    pub conv: String,
    /// The client type, spelled from the glue (`ffi::...`).
    pub rust: String,
    /// Crossing Kotlin -> Rust (arguments; results of Kotlin callbacks).
    pub into_rust: Jni,
    /// Crossing Rust -> Kotlin (results; arguments of Kotlin callbacks).
    pub into_kotlin: Jni,
    /// Kotlin suffix turning the Kotlin value into its JVM form (`.toInt()` for `UInt`).
    pub to_jvm: &'static str,
    /// Kotlin suffix turning the JVM form back (`.toUInt()`).
    pub from_jvm: &'static str,
}

impl KtType {
    pub fn new(ty: &Type) -> Result<Self> {
        let (direct, to_jvm, from_jvm) = match ty {
            Type::Int8 => (Some(Jni::Byte), "", ""),
            Type::UInt8 => (Some(Jni::Byte), ".toByte()", ".toUByte()"),
            Type::Int16 => (Some(Jni::Short), "", ""),
            Type::UInt16 => (Some(Jni::Short), ".toShort()", ".toUShort()"),
            Type::Int32 => (Some(Jni::Int), "", ""),
            Type::UInt32 => (Some(Jni::Int), ".toInt()", ".toUInt()"),
            Type::Int64 => (Some(Jni::Long), "", ""),
            Type::UInt64 => (Some(Jni::Long), ".toLong()", ".toULong()"),
            Type::Float32 => (Some(Jni::Float), "", ""),
            Type::Float64 => (Some(Jni::Double), "", ""),
            Type::Boolean => (Some(Jni::Boolean), "", ""),
            Type::String => (Some(Jni::Str), "", ""),
            _ => (None, "", ""),
        };
        let into_kotlin = match (direct, ty) {
            (Some(j), _) => j,
            (None, Type::Interface { .. }) => Jni::Handle,
            (None, _) => Jni::Buffer,
        };
        Ok(KtType {
            ty: ty.clone(),
            label: kotlin_type(ty)?,
            conv: converter(ty),
            rust: client_type_in(ty, "ffi::"),
            into_rust: direct.unwrap_or(Jni::Buffer),
            into_kotlin,
            to_jvm,
            from_jvm,
        })
    }

    pub fn is_interface(&self) -> bool {
        matches!(self.ty, Type::Interface { .. })
    }
}

thread_local! {
    /// Names of the types the component throws (their classes end in `Exception`), set while a
    /// model is built.
    static ERROR_NAMES: std::cell::RefCell<std::collections::HashSet<String>> = std::cell::RefCell::default();
}

/// Notes the component's error types (uniffi's `is_name_used_as_error`) for `kotlin_type`.
fn collect_error_names(c: &Component) {
    fn add(names: &mut std::collections::HashSet<String>, t: &Option<ir::TypeNode>) {
        if let Some(t) = t {
            if let Type::Enum { name, .. } | Type::Interface { name, .. } = &t.ty {
                names.insert(name.clone());
            }
        }
    }
    let mut names = std::collections::HashSet::new();
    let n = &mut names;
    for f in &c.ns.functions {
        add(n, &f.callable.throws_type.ty);
    }
    for i in c.interfaces() {
        i.constructors.iter().for_each(|m| add(n, &m.callable.throws_type.ty));
        i.methods.iter().for_each(|m| add(n, &m.callable.throws_type.ty));
        if i.self_type.is_used_as_error {
            n.insert(i.name.clone());
        }
    }
    for r in c.records() {
        r.methods.iter().for_each(|m| add(n, &m.callable.throws_type.ty));
    }
    for e in c.enums() {
        e.methods.iter().for_each(|m| add(n, &m.callable.throws_type.ty));
        if matches!(e.shape, EnumShape::Error { .. }) || e.self_type.is_used_as_error {
            n.insert(e.name.clone());
        }
    }
    for cb in c.callback_interfaces() {
        cb.methods.iter().for_each(|m| add(n, &m.callable.throws_type.ty));
    }
    ERROR_NAMES.with(|e| *e.borrow_mut() = names);
}

thread_local! {
    /// Names of the custom types `[bindings.kotlin.custom_types]` converts, set while a model is
    /// built.
    static CONVERTED_CUSTOMS: std::cell::RefCell<std::collections::HashSet<String>> = std::cell::RefCell::default();
}

fn is_converted_custom(name: &str) -> bool {
    CONVERTED_CUSTOMS.with(|n| n.borrow().contains(name))
}

fn is_error_name(name: &str) -> bool {
    ERROR_NAMES.with(|n| n.borrow().contains(name))
}

/// A type's class name: `Exception` for `Error` at the end of the types the component throws.
fn type_class_name(name: &str) -> String {
    if is_error_name(name) {
        exception_name(name)
    } else {
        class_name(name)
    }
}

/// The Kotlin spelling of a type, as uniffi's Kotlin bindings spell it.
pub fn kotlin_type(ty: &Type) -> Result<String> {
    Ok(match ty {
        Type::UInt8 => "kotlin.UByte".into(),
        Type::Int8 => "kotlin.Byte".into(),
        Type::UInt16 => "kotlin.UShort".into(),
        Type::Int16 => "kotlin.Short".into(),
        Type::UInt32 => "kotlin.UInt".into(),
        Type::Int32 => "kotlin.Int".into(),
        Type::UInt64 => "kotlin.ULong".into(),
        Type::Int64 => "kotlin.Long".into(),
        Type::Float32 => "kotlin.Float".into(),
        Type::Float64 => "kotlin.Double".into(),
        Type::Boolean => "kotlin.Boolean".into(),
        Type::String => "kotlin.String".into(),
        Type::Bytes => "kotlin.ByteArray".into(),
        Type::Timestamp => "java.time.Instant".into(),
        Type::Duration => "java.time.Duration".into(),
        Type::Box { inner_type } => kotlin_type(inner_type)?,
        Type::Optional { inner_type } => format!("{}?", kotlin_type(inner_type)?),
        Type::Sequence { inner_type } => format!("List<{}>", kotlin_type(inner_type)?),
        Type::Set { inner_type } => format!("Set<{}>", kotlin_type(inner_type)?),
        Type::Map { key_type, value_type } => format!("Map<{}, {}>", kotlin_type(key_type)?, kotlin_type(value_type)?),
        Type::Record { name, .. } | Type::Custom { name, .. } => class_name(name),
        Type::Enum { name, .. } | Type::Interface { name, .. } => type_class_name(name),
        Type::CallbackInterface { name, .. } => class_name(name),
    })
}


/// The Kotlin converter object of a type (custom types use their builtin's, unless
/// `[bindings.kotlin.custom_types]` converts them: then their own).
pub fn converter(ty: &Type) -> String {
    match ty {
        Type::Custom { name, .. } if is_converted_custom(name) => format!("FfiConverter{}", crate::ir::canonical_name(ty)),
        Type::Custom { builtin, .. } => converter(builtin),
        Type::Box { inner_type } => converter(inner_type),
        _ => format!("FfiConverter{}", crate::ir::canonical_name(ty)),
    }
}

/// A class name as uniffi's Kotlin spells it (errors' `Error` suffix is handled by callers).
pub fn class_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// `Error` at the end of a name becomes `Exception` (uniffi's Kotlin, for error types).
pub fn exception_name(name: &str) -> String {
    let name = name.to_upper_camel_case();
    match name.strip_suffix("Error") {
        Some(stripped) => format!("{stripped}Exception"),
        None => name,
    }
}

const KOTLIN_KEYWORDS: &[&str] = &[
    "as", "break", "class", "continue", "do", "else", "false", "for", "fun", "if", "in", "interface", "is", "null",
    "object", "package", "return", "super", "this", "throw", "true", "try", "typealias", "typeof", "val", "var",
    "when", "while",
];

/// A function or variable name as uniffi's Kotlin spells it, backquoted where Kotlin needs it.
pub fn var_name(name: &str) -> String {
    let n = name.to_lower_camel_case();
    if KOTLIN_KEYWORDS.contains(&n.as_str()) || n.starts_with(|c: char| c.is_ascii_digit()) {
        format!("`{n}`")
    } else {
        n
    }
}

/// A field name; unnamed (tuple) fields are `v1`, `v2`, ... as in uniffi.
pub fn field_name(name: &str, index: usize) -> String {
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
        format!("v{}", index + 1)
    } else {
        var_name(name)
    }
}

/// One argument of a callable.
#[derive(Debug, Clone)]
pub struct KtArg {
    pub name: String,
    /// The argument's identifier in the glue.
    pub rust_name: String,
    pub t: KtType,
    /// The Kotlin default (`= ...` in declarations).
    pub default: Option<KtDefault>,
}

impl KtArg {
    pub fn direct(&self) -> bool {
        self.t.into_rust.is_direct()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    None,
    /// An object method: the handle, borrowed for the call.
    Handle,
    /// A record or enum method: the value, serialized first in the buffer.
    Value,
}

/// A function, method or constructor, on both sides.
#[derive(Debug, Clone)]
pub struct KtCallable<'a> {
    pub callable: &'a Callable,
    /// The Kotlin name.
    pub name: String,
    /// The client method/function it calls.
    pub rust_name: String,
    /// The native method of `UniffiLib` that implements it.
    pub native: String,
    pub receiver: Receiver,
    /// The Kotlin type of the receiver value (record/enum methods) and its converter.
    pub receiver_type: Option<KtType>,
    pub args: Vec<KtArg>,
    pub ret: Option<KtType>,
    pub throws: Option<KtType>,
    /// The Kotlin class of the declared error.
    pub throws_class: Option<String>,
    pub is_async: bool,
    pub doc: Option<String>,
    pub is_constructor: bool,
    /// Called as plain Rust, its values in their JVM forms (free functions in `Reach`).
    pub direct: Option<DirectCall>,
    /// Passes its buffer straight through: the glue calls the scaffolding with Kotlin's bytes
    /// as the argument's `RustBuffer` and gives Kotlin the returned `RustBuffer`'s bytes, each
    /// one copy, instead of rebuilding the values in Rust in between (see `is_plain_data`).
    pub raw: bool,
}

impl KtCallable<'_> {
    pub fn has_buffer(&self) -> bool {
        self.receiver == Receiver::Value || self.args.iter().any(|a| !a.direct())
    }

    /// The JNI form of the result.
    pub fn ret_jni(&self) -> Jni {
        if self.is_constructor {
            return Jni::Handle;
        }
        self.ret.as_ref().map(|r| r.into_kotlin).unwrap_or(Jni::Void)
    }

    /// The client type of the result (`ffi::X` for a constructor of `X`).
    pub fn ret_rust(&self) -> String {
        match &self.ret {
            Some(t) => t.rust.clone(),
            None => "()".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct KtField {
    pub name: String,
    pub t: KtType,
    pub default: Option<KtDefault>,
    pub doc: Option<String>,
}

pub struct KtRecord<'a> {
    pub r: &'a Record,
    pub name: String,
    pub fields: Vec<KtField>,
    pub methods: Vec<KtCallable<'a>>,
    pub traits: KtTraits<'a>,
    pub has_objects: bool,
    /// Its fixed layout, when a direct call takes or returns it (`DirectForm::Record`).
    pub layout: Option<RecordLayout>,
}

pub struct KtVariant {
    pub name: String,
    pub fields: Vec<KtField>,
    pub doc: Option<String>,
    /// The discriminant literal of a flat enum with explicit discriminants.
    pub discr: Option<KtDefault>,
}

pub struct KtEnum<'a> {
    pub e: &'a Enum,
    pub name: String,
    pub variants: Vec<KtVariant>,
    /// A flat enum (`enum class`), not an error.
    pub is_flat: bool,
    pub is_error: bool,
    /// An error whose variants carry only a message.
    pub is_flat_error: bool,
    /// The Kotlin type of the explicit discriminants (`value`), when there are any.
    pub discr_type: Option<String>,
    pub methods: Vec<KtCallable<'a>>,
    pub traits: KtTraits<'a>,
    pub has_objects: bool,
}

/// Exported Rust traits (`Display`, `Debug`, `Eq`, `Hash`, `Ord`) as Kotlin overrides.
pub struct KtTraits<'a> {
    /// `toString`: Display, else Debug.
    pub to_string: Option<KtCallable<'a>>,
    pub eq: Option<KtCallable<'a>>,
    pub hash: Option<KtCallable<'a>>,
    pub ord: Option<KtCallable<'a>>,
}

pub struct KtObject<'a> {
    pub i: &'a Interface,
    /// The class of Rust-implemented values (`Greeter`, or `DecoratorImpl` for foreign traits).
    pub class: String,
    /// The interface of its methods (`GreeterInterface`, or `Decorator` for foreign traits).
    pub interface: String,
    pub has_foreign: bool,
    pub is_error: bool,
    pub primary: Option<KtCallable<'a>>,
    pub secondary: Vec<KtCallable<'a>>,
    pub methods: Vec<KtCallable<'a>>,
    pub traits: KtTraits<'a>,
    /// Native names of its free and clone functions.
    pub free: String,
    pub clone: String,
    pub conv: String,
    pub rust: String,
    /// Trait interfaces this object also implements (`trait_impls`).
    pub trait_impls: Vec<String>,
    /// Foreign-implementable traits: the natives that wrap, take back and release Kotlin objects.
    pub native_new: String,
    pub native_take: String,
    pub native_release: String,
}

/// A trait or callback interface that Kotlin code implements, called from Rust.
pub struct KtForeign<'a> {
    pub name: String,
    pub doc: Option<String>,
    /// The Kotlin interface implementations implement.
    pub interface: String,
    /// The client's identifier of the trait (`Decorator`): a callback interface's client trait
    /// is `ffi::<ident>`; a foreign trait's is `ffi::<ident>Foreign`, its values
    /// `ffi::rt::TraitObject<ffi::<ident>, dyn ffi::<ident>Foreign>` (spelled by `foreign.rs`).
    pub ident: String,
    /// The client's map of foreign handles.
    pub handles: String,
    /// The glue struct holding the Kotlin object.
    pub struct_name: String,
    pub is_callback_interface: bool,
    pub methods: Vec<KtForeignMethod<'a>>,
    pub conv: String,
    /// Natives: wrap a Kotlin object, take it back, release a handle, count handles.
    pub native_new: String,
    pub native_take: String,
    pub native_release: String,
    pub native_count: String,
}

pub struct KtForeignMethod<'a> {
    pub doc: Option<String>,
    pub callable: &'a Callable,
    pub name: String,
    pub rust_name: String,
    pub args: Vec<KtArg>,
    pub ret: Option<KtType>,
    pub throws: Option<KtType>,
    pub throws_class: Option<String>,
    /// The static bridge in `UniffiCallbacks` that Rust calls.
    pub bridge: String,
    /// Index of the bridge's method id in the glue's cache.
    pub bridge_index: usize,
    pub is_async: bool,
    /// Async: the native that completes the call with a value, with an error.
    pub native_complete: String,
    pub native_fail: String,
}

impl KtForeignMethod<'_> {
    /// The JVM descriptor of the bridge.
    pub fn descriptor(&self) -> String {
        let args: String = self.args.iter().filter(|a| a.t.into_kotlin != Jni::Buffer).map(|a| a.t.into_kotlin.descriptor()).collect();
        let buffer = if self.has_buffer() { "[B" } else { "" };
        let ret = if self.is_async { "J)Ljava/lang/Object;" } else { self.ret_jni().descriptor() };
        let close = if self.is_async { "" } else { ")" };
        format!("(Ljava/lang/Object;{args}{buffer}{close}{ret}")
    }

    /// The JNI form of the bridge's result (Kotlin -> Rust).
    pub fn ret_jni(&self) -> Jni {
        self.ret.as_ref().map(|r| r.into_rust).unwrap_or(Jni::Void)
    }

    pub fn has_buffer(&self) -> bool {
        self.args.iter().any(|a| a.t.into_kotlin == Jni::Buffer)
    }

    pub fn ret_rust(&self) -> String {
        match &self.ret {
            Some(t) => t.rust.clone(),
            None => "()".into(),
        }
    }
}

/// A static method of `UniffiCallbacks` that the glue calls, cached by index.
pub struct KtCallbackMethod {
    pub name: String,
    pub descriptor: String,
}

/// An error type: the factory that builds its exception from a buffer, and (when foreign
/// code may throw it) the function that serializes a caught one.
pub struct KtErrorType {
    pub t: KtType,
    /// The client's error type (objects thrown as errors travel in `ErrorBuf`).
    pub rust_error: String,
    /// A flat error's variants (client identifiers): thrown with their message, which the
    /// client keeps but does not serialize.
    pub flat_variants: Vec<String>,
    /// Kotlin class (GreetException).
    pub class: String,
    pub make: String,
    pub make_index: usize,
    pub lower: String,
    pub lower_index: usize,
}

pub struct KtCustom {
    pub name: String,
    pub builtin: String,
    pub doc: Option<String>,
    /// Its `[bindings.kotlin.custom_types]` entry, when it has one.
    pub config: Option<KtCustomConfig>,
}

/// A custom type's `[bindings.kotlin.custom_types.<Name>]` entry, as uniffi's Kotlin reads it:
/// the Kotlin type the custom type stands for (`type_name`; without one the name itself must
/// be a Kotlin type the imports bring in), and the Kotlin expressions converting its builtin
/// value to it and back (`lift`/`into_custom` and `lower`/`from_custom`, `{}` standing for the
/// value).
#[derive(Debug, Clone)]
pub struct KtCustomConfig {
    pub type_name: Option<String>,
    /// Its converter object (`FfiConverterTypeUrl`).
    pub conv: String,
    /// The builtin's converter.
    pub builtin_conv: String,
    /// The Kotlin expression of the custom value, from `builtinValue`.
    pub lift: String,
    /// The Kotlin expression of the builtin value, from `value`.
    pub lower: String,
}

/// The `[bindings.kotlin]` settings of a component's uniffi.toml this backend reads.
#[derive(Debug, Default)]
struct KotlinConfig {
    package_name: Option<String>,
    /// Custom type name -> (type_name, imports, lift, lower).
    custom_types: std::collections::BTreeMap<String, CustomTypeEntry>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct CustomTypeEntry {
    #[serde(default)]
    imports: Option<Vec<String>>,
    #[serde(default)]
    type_name: Option<String>,
    #[serde(default)]
    into_custom: String,
    #[serde(default)]
    lift: String,
    #[serde(default)]
    from_custom: String,
    #[serde(default)]
    lower: String,
}

impl CustomTypeEntry {
    /// uniffi's choice: `lift` when given, else `into_custom` (its older name).
    fn lift(&self, value: &str) -> String {
        let expr = if self.lift.is_empty() { &self.into_custom } else { &self.lift };
        expr.replace("{}", value)
    }

    fn lower(&self, value: &str) -> String {
        let expr = if self.lower.is_empty() { &self.from_custom } else { &self.lower };
        expr.replace("{}", value)
    }
}

/// A compound type's converter (optional, sequence, map, set).
pub struct KtCompound {
    pub conv: String,
    pub label: String,
    pub kind: &'static str,
    pub inner: Option<KtType>,
    pub key: Option<KtType>,
    pub value: Option<KtType>,
    /// The serialized size of every element of a sequence, when it is fixed (0 otherwise):
    /// the writer reserves room for the whole sequence at once.
    pub fixed: usize,
    /// A sequence of a signed primitive read in bulk into its primitive array (`Int`, `Long`,
    /// `Short`, `Float`, `Double`), returned as that array's `List` view; empty otherwise.
    pub bulk: &'static str,
}

pub struct KtModel<'a> {
    pub c: &'a Component,
    pub s: &'a GlueCrate,
    pub package: String,
    pub namespace: String,
    /// The library System.loadLibrary loads (`greet_jni`).
    pub lib_name: String,
    /// Prefix of every native's symbol (`Java_uniffi_greet_UniffiLib_`).
    pub jni_prefix: String,
    /// The `UniffiCallbacks` class for FindClass (`uniffi/greet/UniffiCallbacks`).
    pub callbacks_class: String,
    pub jni_sys: &'static str,
    pub functions: Vec<KtCallable<'a>>,
    pub records: Vec<KtRecord<'a>>,
    pub enums: Vec<KtEnum<'a>>,
    pub objects: Vec<KtObject<'a>>,
    pub foreign: Vec<KtForeign<'a>>,
    pub customs: Vec<KtCustom>,
    /// Imports of `[bindings.kotlin.custom_types]`, sorted and without duplicates.
    pub imports: Vec<String>,
    pub compounds: Vec<KtCompound>,
    pub errors: Vec<KtErrorType>,
    /// Every `UniffiCallbacks` method the glue calls, in cache order.
    pub callbacks: Vec<KtCallbackMethod>,
    pub has_async: bool,
    pub has_foreign_async: bool,
    /// Some record crosses at its fixed layout (`RecordLayout`).
    pub has_layouts: bool,
    pub doc: Option<String>,
    /// The interface fingerprint the Kotlin sources and the glue share (checked at load).
    pub fingerprint: String,
    /// What a mismatched library tells the user to run.
    pub remedy: String,
}

/// The `[bindings.kotlin]` table of the component's uniffi.toml: the package
/// (`package_name`) and the custom types' conversions (`custom_types`).
fn kotlin_config(c: &Component) -> Result<KotlinConfig> {
    let mut config = KotlinConfig::default();
    let Some(toml_text) = &c.ns.config_toml else { return Ok(config) };
    let table: toml::Table = toml::from_str(toml_text).context("cannot parse the component's uniffi.toml")?;
    let Some(kotlin) = table.get("bindings").and_then(|b| b.get("kotlin")) else { return Ok(config) };
    if kotlin.get("external_packages").is_some() {
        bail!("[bindings.kotlin.external_packages] (external types) is not supported by the JNI backend");
    }
    config.package_name = kotlin.get("package_name").and_then(|v| v.as_str()).map(str::to_string);
    if let Some(customs) = kotlin.get("custom_types") {
        config.custom_types = customs
            .clone()
            .try_into()
            .context("cannot read [bindings.kotlin.custom_types] in the component's uniffi.toml")?;
    }
    Ok(config)
}

impl<'a> KtModel<'a> {
    pub fn new(c: &'a Component, s: &'a GlueCrate) -> Result<Self> {
        Self::new_with(c, s, &Reach::none())
    }

    pub fn new_with(c: &'a Component, s: &'a GlueCrate, reach: &Reach) -> Result<Self> {
        if let Some(first) = c.external_types().first() {
            bail!("external type {first} is not supported by the JNI backend (types from other crates)");
        }
        collect_error_names(c);
        let config = kotlin_config(c)?;
        let converted = c.custom_types().filter(|ct| config.custom_types.contains_key(&ct.name)).map(|ct| ct.name.clone()).collect();
        CONVERTED_CUSTOMS.with(|n| *n.borrow_mut() = converted);
        let package = config.package_name.clone().unwrap_or_else(|| format!("uniffi.{}", c.ns.name));
        let namespace = c.ns.name.clone();
        let jni_prefix = format!("Java_{}_UniffiLib_", jni_mangle_path(&package));
        let mut b = Builder { c, callbacks: Vec::new(), errors: Vec::new() };
        b.callback("internalException", "(Ljava/lang/String;)Ljava/lang/Throwable;");
        b.callback("badString", "(Ljava/lang/String;II)Ljava/lang/Throwable;");
        b.callback("describe", "(Ljava/lang/Throwable;)Ljava/lang/String;");
        b.callback("resume", "(Ljava/lang/Object;)V");
        b.callback("cancelJob", "(Ljava/lang/Object;)V");
        b.callback("cancelled", "()Ljava/lang/Throwable;");

        let mut functions =
            c.ns.functions.iter().map(|f| b.callable(&f.callable, f.docstring.clone(), "fn", None)).collect::<Result<Vec<_>>>()?;
        let layouts: std::collections::BTreeMap<String, RecordLayout> =
            c.records().filter_map(|r| Some((r.name.clone(), RecordLayout::new(c, reach, r)?))).collect();
        for f in &mut functions {
            f.direct = direct_call(c, reach, &layouts, f);
        }
        let mut records = Vec::new();
        for r in c.records() {
            let mut record = b.record(r)?;
            let used = functions.iter().filter_map(|f| f.direct.as_ref()).flat_map(|d| d.args.iter().chain(d.ret.iter())).any(
                |v| matches!(&v.form, DirectForm::Record { layout, .. } if layout.path == reach.type_path(&r.name).unwrap_or_default()),
            );
            if used {
                record.layout = layouts.get(&r.name).cloned();
            }
            records.push(record);
        }
        let has_layouts = records.iter().any(|r| r.layout.is_some());
        if has_layouts {
            b.callback("recordBuffer", "(I)Ljava/nio/ByteBuffer;");
        }
        let mut enums = Vec::new();
        for e in c.enums() {
            enums.push(b.enum_(e)?);
        }
        let mut objects = Vec::new();
        for i in c.interfaces() {
            objects.push(b.object(i)?);
        }
        let mut foreign = Vec::new();
        for i in c.interfaces() {
            if let Some(vtable) = &i.vtable {
                foreign.push(b.foreign(&i.name, false, vtable)?);
            }
        }
        for cb in c.callback_interfaces() {
            foreign.push(b.foreign(&cb.name, true, &cb.vtable)?);
        }
        let customs = c
            .custom_types()
            .map(|ct| {
                let config = config.custom_types.get(&ct.name).map(|entry| KtCustomConfig {
                    type_name: entry.type_name.clone(),
                    conv: converter(&ct.self_type.ty),
                    builtin_conv: converter(&ct.builtin.ty),
                    lift: entry.lift("builtinValue"),
                    lower: entry.lower("value"),
                });
                Ok(KtCustom { name: class_name(&ct.name), builtin: kotlin_type(&ct.builtin.ty)?, doc: ct.docstring.clone(), config })
            })
            .collect::<Result<Vec<_>>>()?;
        // Imports the conversions need, beside the file's own (uniffi's Kotlin adds them too).
        let imports: std::collections::BTreeSet<String> = c
            .custom_types()
            .filter_map(|ct| config.custom_types.get(&ct.name))
            .flat_map(|entry| entry.imports.iter().flatten().cloned())
            .collect();
        let mut compounds = Vec::new();
        for def in &c.ns.type_definitions {
            let (kind, self_type, inner, key, value) = match def {
                TypeDefinition::Optional(o) => ("optional", &o.self_type, Some(&o.inner), None, None),
                TypeDefinition::Sequence(o) => ("sequence", &o.self_type, Some(&o.inner), None, None),
                TypeDefinition::Set(o) => ("set", &o.self_type, Some(&o.inner), None, None),
                TypeDefinition::Map(m) => ("map", &m.self_type, None, Some(&m.key), Some(&m.value)),
                _ => continue,
            };
            compounds.push(KtCompound {
                conv: converter(&self_type.ty),
                label: kotlin_type(&self_type.ty)?,
                kind,
                inner: inner.map(|t| KtType::new(&t.ty)).transpose()?,
                key: key.map(|t| KtType::new(&t.ty)).transpose()?,
                value: value.map(|t| KtType::new(&t.ty)).transpose()?,
                fixed: match (kind, inner) {
                    ("sequence", Some(t)) => fixed_size(c, &t.ty, 0).unwrap_or(0),
                    _ => 0,
                },
                bulk: match (kind, inner.map(|t| &t.ty)) {
                    ("sequence", Some(Type::Int16)) => "Short",
                    ("sequence", Some(Type::Int32)) => "Int",
                    ("sequence", Some(Type::Int64)) => "Long",
                    ("sequence", Some(Type::Float32)) => "Float",
                    ("sequence", Some(Type::Float64)) => "Double",
                    _ => "",
                },
            });
        }
        let has_async = functions.iter().any(|f| f.is_async)
            || objects.iter().any(|o| {
                o.methods.iter().chain(o.secondary.iter()).chain(o.primary.iter()).any(|f| f.is_async)
            })
            || records.iter().any(|r| r.methods.iter().any(|f| f.is_async))
            || enums.iter().any(|e| e.methods.iter().any(|f| f.is_async));
        let has_foreign_async = foreign.iter().any(|f| f.methods.iter().any(|m| m.is_async));
        Ok(KtModel {
            c,
            s,
            lib_name: format!("{namespace}_jni"),
            callbacks_class: format!("{}/UniffiCallbacks", package.replace('.', "/")),
            package,
            namespace,
            jni_prefix,
            jni_sys: JNI_SYS_VERSION,
            functions,
            records,
            enums,
            objects,
            foreign,
            customs,
            imports: imports.into_iter().collect(),
            compounds,
            errors: b.errors,
            callbacks: b.callbacks,
            has_async,
            has_foreign_async,
            has_layouts,
            doc: c.ns.docstring.clone(),
            fingerprint: rust_client::fingerprint(c),
            remedy: rust_client::remedy("<the generate command>", "<the glue crate's build command>"),
        })
    }

    /// The index of a `UniffiCallbacks` method in the glue's cache.
    pub fn callback_index(&self, name: &str) -> usize {
        self.callbacks.iter().position(|c| c.name == name).unwrap_or(usize::MAX)
    }

    /// The client type that owns a method or constructor (`ffi::Greeter`).
    pub fn owner_type(&self, f: &KtCallable<'_>) -> String {
        match &f.callable.kind {
            CallableKind::Method { self_type } | CallableKind::Constructor { self_type, .. } => match &self_type.ty {
                Type::Interface { name, .. } | Type::Record { name, .. } | Type::Enum { name, .. } => {
                    format!("ffi::{}", crate::shared::rust::ident(name))
                }
                other => client_type_in(other, "ffi::"),
            },
            _ => "ffi".into(),
        }
    }

    /// The path a free function or constructor is called by (`ffi::` or `ffi::Greeter::`).
    pub fn call_path(&self, f: &KtCallable<'_>) -> String {
        format!("{}::", self.owner_type(f))
    }

    /// The client type an async call's future yields.
    pub fn future_output(&self, f: &KtCallable<'_>) -> String {
        if f.is_constructor {
            self.owner_type(f)
        } else {
            f.ret_rust()
        }
    }

    /// The client error type of a call (`ffi::rt::Never` when it declares none).
    pub fn error_rust(&self, f: &KtCallable<'_>) -> String {
        crate::shared::rust::client_error_type_in(f.callable.throws_type.ty.as_ref(), "ffi::")
    }

    pub fn foreign_error_rust(&self, meth: &KtForeignMethod<'_>) -> String {
        crate::shared::rust::client_error_type_in(meth.callable.throws_type.ty.as_ref(), "ffi::")
    }

    /// The index of the lowering function of a foreign method's declared error.
    pub fn lower_index(&self, meth: &KtForeignMethod<'_>) -> Option<usize> {
        meth.throws.as_ref().and_then(|t| self.error_for(t)).map(|e| e.lower_index)
    }

    pub fn error_for(&self, t: &KtType) -> Option<&KtErrorType> {
        self.errors.iter().find(|e| e.t.conv == t.conv)
    }

    /// Every callable with a native, for the glue.
    pub fn all_callables(&self) -> Vec<&KtCallable<'a>> {
        let mut out: Vec<&KtCallable<'a>> = self.functions.iter().collect();
        for o in &self.objects {
            out.extend(o.primary.iter());
            out.extend(o.secondary.iter());
            out.extend(o.methods.iter());
            out.extend(o.traits.all());
        }
        for r in &self.records {
            out.extend(r.methods.iter());
            out.extend(r.traits.all());
        }
        for e in &self.enums {
            out.extend(e.methods.iter());
            out.extend(e.traits.all());
        }
        out
    }
}

impl<'a> KtTraits<'a> {
    pub fn all(&self) -> Vec<&KtCallable<'a>> {
        [&self.to_string, &self.eq, &self.hash, &self.ord].into_iter().filter_map(|t| t.as_ref()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.all().is_empty()
    }
}

struct Builder<'a> {
    c: &'a Component,
    callbacks: Vec<KtCallbackMethod>,
    errors: Vec<KtErrorType>,
}

impl<'a> Builder<'a> {
    fn callback(&mut self, name: &str, descriptor: &str) -> usize {
        if let Some(i) = self.callbacks.iter().position(|c| c.name == name) {
            return i;
        }
        self.callbacks.push(KtCallbackMethod { name: name.to_string(), descriptor: descriptor.to_string() });
        self.callbacks.len() - 1
    }

    /// Registers an error type (its factory and lowering callbacks) and returns its class.
    fn error(&mut self, t: &KtType) -> Result<String> {
        let class = error_class(self.c, &t.ty)?;
        if !self.errors.iter().any(|e| e.t.conv == t.conv) {
            let canon = crate::ir::canonical_name(&t.ty);
            let make = format!("make{canon}");
            let lower = format!("lower{canon}");
            let make_index = self.callback(&make, "([B)Ljava/lang/Throwable;");
            let lower_index = self.callback(&lower, "(Ljava/lang/Throwable;)[B");
            let rust_error = error_rust(&t.ty);
            let flat_variants = match &t.ty {
                Type::Enum { name, .. } => match self.c.enum_(name) {
                    Some(e) if matches!(e.shape, EnumShape::Error { flat: true }) => {
                        e.variants.iter().map(|v| crate::shared::rust::ident(&v.name)).collect()
                    }
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            self.errors.push(KtErrorType {
                t: t.clone(),
                rust_error,
                flat_variants,
                class: class.clone(),
                make,
                make_index,
                lower,
                lower_index,
            });
        }
        Ok(class)
    }

    fn callable(
        &mut self,
        callable: &'a Callable,
        doc: Option<String>,
        prefix: &str,
        owner: Option<&str>,
    ) -> Result<KtCallable<'a>> {
        let (receiver, receiver_type, is_constructor) = match &callable.kind {
            CallableKind::Function => (Receiver::None, None, false),
            CallableKind::Constructor { .. } => (Receiver::None, None, true),
            CallableKind::Method { self_type } => match &self_type.ty {
                Type::Interface { .. } => (Receiver::Handle, None, false),
                t => (Receiver::Value, Some(KtType::new(t)?), false),
            },
            CallableKind::VTableMethod { .. } => bail!("vtable method `{}` is not a call into Rust", callable.name),
        };
        let args = self.args(&callable.arguments)?;
        let ret = match &callable.return_type.ty {
            Some(t) if !is_constructor => Some(KtType::new(&t.ty)?),
            _ => None,
        };
        let throws = callable.throws_type.ty.as_ref().map(|t| KtType::new(&t.ty)).transpose()?;
        let throws_class = match &throws {
            Some(t) => Some(self.error(t)?),
            None => None,
        };
        let native = match owner {
            Some(owner) => format!("{prefix}{}{}", owner.to_upper_camel_case(), callable.name.to_upper_camel_case()),
            None => format!("{prefix}{}", callable.name.to_upper_camel_case()),
        };
        let buffer_args: Vec<&KtArg> = args.iter().filter(|a| !a.direct()).collect();
        let ret_buffer = ret.as_ref().filter(|t| t.into_kotlin == Jni::Buffer);
        let raw = !callable.is_async()
            && !is_constructor
            && receiver != Receiver::Value
            && buffer_args.len() <= 1
            && (buffer_args.len() == 1 || ret_buffer.is_some())
            && buffer_args.iter().all(|a| is_raw_buffer(self.c, &a.t.ty))
            && !ret_buffer.is_some_and(|t| !is_raw_buffer(self.c, &t.ty));
        Ok(KtCallable {
            raw,
            callable,
            name: var_name(&callable.name),
            rust_name: crate::shared::rust::ident(&callable.name),
            native,
            receiver,
            receiver_type,
            args,
            ret,
            throws,
            throws_class,
            is_async: callable.is_async(),
            doc,
            is_constructor,
            direct: None,
        })
    }

    fn args(&mut self, arguments: &[Argument]) -> Result<Vec<KtArg>> {
        arguments
            .iter()
            .map(|a| {
                if a.is_borrowed_bytes() {
                    bail!("borrowed bytes arguments (`&[u8]`) are not supported by the JNI backend");
                }
                Ok(KtArg {
                    name: var_name(&a.name),
                    rust_name: crate::shared::rust::ident(&a.name),
                    t: KtType::new(&a.ty.ty)?,
                    default: a.default.as_ref().map(|d| render_default(self.c, d, &a.ty.ty)).transpose()?,
                })
            })
            .collect()
    }

    fn fields(&mut self, fields: &[Field]) -> Result<Vec<KtField>> {
        fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                Ok(KtField {
                    name: field_name(&f.name, i),
                    t: KtType::new(&f.ty.ty)?,
                    default: f.default.as_ref().map(|d| render_default(self.c, d, &f.ty.ty)).transpose()?,
                    doc: f.docstring.clone(),
                })
            })
            .collect()
    }

    fn traits(&mut self, t: &'a ir::UniffiTraitMethods, owner: &str) -> Result<KtTraits<'a>> {
        let to_string = t.display_fmt.as_ref().or(t.debug_fmt.as_ref());
        let mut make = |m: Option<&'a ir::Method>| -> Result<Option<KtCallable<'a>>> {
            m.map(|m| self.callable(&m.callable, None, "m", Some(owner))).transpose()
        };
        Ok(KtTraits {
            to_string: make(to_string)?,
            eq: make(t.eq_eq.as_ref())?,
            hash: make(t.hash_hash.as_ref())?,
            ord: make(t.ord_cmp.as_ref())?,
        })
    }

    fn methods(&mut self, methods: &'a [ir::Method], owner: &str) -> Result<Vec<KtCallable<'a>>> {
        methods.iter().map(|m| self.callable(&m.callable, m.docstring.clone(), "m", Some(owner))).collect()
    }

    fn record(&mut self, r: &'a Record) -> Result<KtRecord<'a>> {
        if !r.constructors.is_empty() {
            bail!("constructors of record `{}` are not supported by the JNI backend", r.name);
        }
        let fields = self.fields(&r.fields)?;
        let has_objects = fields.iter().any(|f| contains_object(&f.t.ty));
        Ok(KtRecord {
            r,
            name: class_name(&r.name),
            methods: self.methods(&r.methods, &r.name)?,
            traits: self.traits(&r.uniffi_trait_methods, &r.name)?,
            fields,
            has_objects,
            layout: None,
        })
    }

    fn enum_(&mut self, e: &'a Enum) -> Result<KtEnum<'a>> {
        if !e.constructors.is_empty() {
            bail!("constructors of enum `{}` are not supported by the JNI backend", e.name);
        }
        let is_error = matches!(e.shape, EnumShape::Error { .. });
        let is_flat_error = matches!(e.shape, EnumShape::Error { flat: true });
        let is_flat = !is_error && e.is_flat;
        let explicit = is_flat && e.variants.iter().enumerate().any(|(i, v)| !discr_is(&v.discr, i as u64 + 1));
        let mut variants = Vec::new();
        for v in &e.variants {
            variants.push(KtVariant {
                name: if is_flat {
                    v.name.to_shouty_snake_case()
                } else if is_error {
                    exception_name(&v.name)
                } else {
                    class_name(&v.name)
                },
                fields: self.fields(&v.fields)?,
                doc: v.docstring.clone(),
                discr: if explicit { Some(literal(&v.discr, &e.discr_type.ty)?) } else { None },
            });
        }
        let has_objects = variants.iter().any(|v| v.fields.iter().any(|f| contains_object(&f.t.ty)));
        let name = type_class_name(&e.name);
        Ok(KtEnum {
            e,
            discr_type: if explicit { Some(kotlin_type(&e.discr_type.ty)?) } else { None },
            methods: self.methods(&e.methods, &e.name)?,
            traits: self.traits(&e.uniffi_trait_methods, &e.name)?,
            name,
            variants,
            is_flat,
            is_error,
            is_flat_error,
            has_objects,
        })
    }

    fn object(&mut self, i: &'a Interface) -> Result<KtObject<'a>> {
        let has_foreign = ir::has_foreign_impls(&i.imp);
        let is_error = is_error_name(&i.name);
        let base = type_class_name(&i.name);
        let (class, interface) = if has_foreign { (format!("{base}Impl"), base.clone()) } else { (base.clone(), format!("{base}Interface")) };
        let mut primary = None;
        let mut secondary = Vec::new();
        for ctor in &i.constructors {
            let k = self.callable(&ctor.callable, ctor.docstring.clone(), "ctor", Some(&i.name))?;
            match &ctor.callable.kind {
                CallableKind::Constructor { primary: true, .. } if !k.is_async => primary = Some(k),
                _ => secondary.push(k),
            }
        }
        let t = KtType::new(&i.self_type.ty)?;
        let mut trait_impls = Vec::new();
        for ti in &i.trait_impls {
            match &ti.trait_ty.ty {
                Type::Interface { name, imp, .. } => trait_impls.push(if ir::has_foreign_impls(imp) {
                    class_name(name)
                } else {
                    format!("{}Interface", class_name(name))
                }),
                Type::CallbackInterface { name, .. } => trait_impls.push(class_name(name)),
                _ => {}
            }
        }
        Ok(KtObject {
            i,
            class,
            interface,
            has_foreign,
            is_error,
            primary,
            secondary,
            methods: self.methods(&i.methods, &i.name)?,
            traits: self.traits(&i.uniffi_trait_methods, &i.name)?,
            free: format!("free{}", i.name.to_upper_camel_case()),
            clone: format!("clone{}", i.name.to_upper_camel_case()),
            conv: t.conv.clone(),
            rust: format!("ffi::{}", crate::shared::rust::ident(&i.name)),
            trait_impls,
            native_new: format!("foreign{}New", i.name.to_upper_camel_case()),
            native_take: format!("foreign{}Take", i.name.to_upper_camel_case()),
            native_release: format!("foreign{}Release", i.name.to_upper_camel_case()),
        })
    }

    fn foreign(&mut self, name: &str, is_callback_interface: bool, vtable: &'a ir::VTable) -> Result<KtForeign<'a>> {
        let upper = name.to_upper_camel_case();
        let mut methods = Vec::new();
        for m in &vtable.methods {
            let callable = &m.callable;
            let args = self.args(&callable.arguments)?;
            let ret = callable.return_type.ty.as_ref().map(|t| KtType::new(&t.ty)).transpose()?;
            let throws = callable.throws_type.ty.as_ref().map(|t| KtType::new(&t.ty)).transpose()?;
            let throws_class = match &throws {
                Some(t) => Some(self.error(t)?),
                None => None,
            };
            let bridge = format!("call{upper}{}", callable.name.to_upper_camel_case());
            let is_async = callable.is_async();
            let doc = self
                .c
                .interface(name)
                .map(|i| &i.methods)
                .or_else(|| self.c.callback_interfaces().find(|c| c.name == name).map(|c| &c.methods))
                .and_then(|ms| ms.iter().find(|x| x.callable.name == callable.name))
                .and_then(|x| x.docstring.clone());
            let mut km = KtForeignMethod {
                doc,
                callable,
                name: var_name(&callable.name),
                rust_name: crate::shared::rust::ident(&callable.name),
                args,
                ret,
                throws,
                throws_class,
                bridge: bridge.clone(),
                bridge_index: 0,
                is_async,
                native_complete: format!("complete{upper}{}", callable.name.to_upper_camel_case()),
                native_fail: format!("fail{upper}{}", callable.name.to_upper_camel_case()),
            };
            km.bridge_index = self.callback(&bridge, &km.descriptor());
            methods.push(km);
        }
        let snake = heck::ToSnakeCase::to_snake_case(name);
        let ident = crate::shared::rust::ident(name);
        let _ = snake;
        let doc = self
            .c
            .interface(name)
            .map(|i| i.docstring.clone())
            .or_else(|| self.c.callback_interfaces().find(|c| c.name == name).map(|c| c.docstring.clone()))
            .flatten();
        Ok(KtForeign {
            doc,
            name: name.to_string(),
            interface: class_name(name),
            ident,
            handles: format!("ffi::{}_HANDLES", name.to_shouty_snake_case()),
            struct_name: format!("UniffiJni{upper}"),
            is_callback_interface,
            methods,
            conv: format!("FfiConverterType{name}"),
            native_new: format!("foreign{upper}New"),
            native_take: format!("foreign{upper}Take"),
            native_release: format!("foreign{upper}Release"),
            native_count: format!("foreign{upper}Count"),
        })
    }
}

/// Whether a value of the type holds object handles (records and enums holding them are
/// `Disposable`, as in uniffi).
/// The direct form of free function `f`, when `reach` has it and all its values have one.
fn direct_call(
    c: &Component,
    reach: &Reach,
    layouts: &std::collections::BTreeMap<String, RecordLayout>,
    f: &KtCallable<'_>,
) -> Option<DirectCall> {
    if f.is_async || f.throws.is_some() || f.receiver != Receiver::None || f.is_constructor {
        return None;
    }
    let path = reach.function(&f.callable.name)?.to_string();
    let mut slots = 0usize;
    let mut form = |t: &KtType, borrowed: bool, result: bool| -> Option<DirectForm> {
        let record = |ty: &Type| match ty {
            Type::Record { name, .. } => layouts.get(name).cloned(),
            _ => None,
        };
        let mut layout_form = |layout: RecordLayout, list: bool| {
            let slot = if result { 0 } else { slots };
            if !result {
                slots += 1;
            }
            DirectForm::Record { layout, list, slot, result }
        };
        Some(match &t.ty {
            Type::Record { .. } if !borrowed => layout_form(record(&t.ty)?, false),
            Type::Sequence { inner_type } if !borrowed && matches!(inner_type.as_ref(), Type::Record { .. }) => {
                layout_form(record(inner_type)?, true)
            }
            Type::String => DirectForm::Str { borrowed },
            _ if borrowed => return None,
            Type::Bytes => DirectForm::Bytes,
            ty if t.into_rust.is_direct() && t.into_rust == t.into_kotlin && !matches!(ty, Type::String) => DirectForm::Scalar,
            Type::Sequence { inner_type } => {
                let (kind, elem) = match inner_type.as_ref() {
                    Type::Int16 => ("Short", "i16"),
                    Type::Int32 => ("Int", "i32"),
                    Type::Int64 => ("Long", "i64"),
                    Type::Float32 => ("Float", "f32"),
                    Type::Float64 => ("Double", "f64"),
                    _ => return None,
                };
                DirectForm::Array { kind, elem }
            }
            Type::Enum { name, .. } => {
                let e = c.enum_(name)?;
                if !e.is_flat || matches!(e.shape, EnumShape::Error { .. }) {
                    return None;
                }
                DirectForm::Enum {
                    path: reach.type_path(name)?.to_string(),
                    class: t.label.clone(),
                    variants: e.variants.iter().map(|v| v.orig_name.clone()).collect(),
                }
            }
            _ => return None,
        })
    };
    let mut args = Vec::new();
    for (a, arg) in f.args.iter().zip(&f.callable.arguments) {
        let borrowed = reach.borrows(&f.callable.name, &arg.name);
        args.push(DirectValue { name: a.name.clone(), rust_name: a.rust_name.clone(), t: a.t.clone(), form: form(&a.t, borrowed, false)? });
    }
    let ret = match &f.ret {
        Some(t) => Some(DirectValue { name: String::new(), rust_name: String::new(), t: t.clone(), form: form(t, false, true)? }),
        None => None,
    };
    Some(DirectCall { path, args, ret })
}

pub fn contains_object(ty: &Type) -> bool {
    match ty {
        Type::Interface { .. } => true,
        Type::Optional { inner_type } | Type::Sequence { inner_type } | Type::Set { inner_type } | Type::Box { inner_type } => {
            contains_object(inner_type)
        }
        Type::Map { key_type, value_type } => contains_object(key_type) || contains_object(value_type),
        _ => false,
    }
}

/// Whether the C ABI passes a value of the type as a `RustBuffer` holding exactly its
/// serialization in uniffi's buffer format (not a string's bare UTF-8, not a custom type's
/// primitive), and it is plain data: then the glue can pass Kotlin's bytes through.
pub fn is_raw_buffer(c: &Component, ty: &Type) -> bool {
    match ty {
        Type::Custom { builtin, .. } => is_raw_buffer(c, builtin),
        Type::Record { .. }
        | Type::Enum { .. }
        | Type::Optional { .. }
        | Type::Sequence { .. }
        | Type::Set { .. }
        | Type::Map { .. }
        | Type::Bytes
        | Type::Timestamp
        | Type::Duration => is_plain_data(c, ty, 0),
        _ => false,
    }
}

/// Whether a value of the type is plain data in uniffi's buffer format: no handles (objects,
/// callback interfaces) anywhere inside, so its bytes mean the same to Kotlin, the glue and the
/// scaffolding, and the glue can pass them through without reading them.
pub fn is_plain_data(c: &Component, ty: &Type, depth: usize) -> bool {
    if depth > 32 {
        return false;
    }
    let d = depth + 1;
    match ty {
        Type::Int8 | Type::UInt8 | Type::Int16 | Type::UInt16 | Type::Int32 | Type::UInt32 | Type::Int64
        | Type::UInt64 | Type::Float32 | Type::Float64 | Type::Boolean | Type::String | Type::Bytes
        | Type::Timestamp | Type::Duration => true,
        Type::Optional { inner_type } | Type::Sequence { inner_type } | Type::Set { inner_type } => {
            is_plain_data(c, inner_type, d)
        }
        Type::Map { key_type, value_type } => is_plain_data(c, key_type, d) && is_plain_data(c, value_type, d),
        Type::Record { name, .. } => c.record(name).is_some_and(|r| r.fields.iter().all(|f| is_plain_data(c, &f.ty.ty, d))),
        Type::Enum { name, .. } => c
            .enum_(name)
            .is_some_and(|e| e.variants.iter().all(|v| v.fields.iter().all(|f| is_plain_data(c, &f.ty.ty, d)))),
        Type::Custom { builtin, .. } => is_plain_data(c, builtin, d),
        _ => false,
    }
}

/// The serialized size of every value of the type, when it is the same for all of them.
pub fn fixed_size(c: &Component, ty: &Type, depth: usize) -> Option<usize> {
    if depth > 32 {
        return None;
    }
    match ty {
        Type::Int8 | Type::UInt8 | Type::Boolean => Some(1),
        Type::Int16 | Type::UInt16 => Some(2),
        Type::Int32 | Type::UInt32 | Type::Float32 => Some(4),
        Type::Int64 | Type::UInt64 | Type::Float64 => Some(8),
        Type::Record { name, .. } => c
            .record(name)?
            .fields
            .iter()
            .map(|f| fixed_size(c, &f.ty.ty, depth + 1))
            .sum::<Option<usize>>(),
        Type::Custom { builtin, .. } => fixed_size(c, builtin, depth + 1),
        _ => None,
    }
}

/// The client's error type for a thrown type.
fn error_rust(ty: &Type) -> String {
    match ty {
        Type::Interface { .. } => format!("ffi::rt::ErrorBuf<{}>", client_type_in(ty, "ffi::")),
        _ => client_type_in(ty, "ffi::"),
    }
}

/// The Kotlin class of an error type.
fn error_class(c: &Component, ty: &Type) -> Result<String> {
    Ok(match ty {
        Type::Enum { name, .. } | Type::Interface { name, .. } => {
            if c.interface(name).is_some_and(|i| ir::has_foreign_impls(&i.imp)) {
                bail!("foreign-implementable trait `{name}` used as an error is not supported by the JNI backend");
            }
            exception_name(name)
        }
        Type::Custom { name, builtin, .. } if !matches!(**builtin, Type::Enum { .. } | Type::Interface { .. }) => bail!(
            "custom type `{name}` used as an error is not supported by the JNI backend (nor by uniffi's Kotlin bindings, whose generator stops at it): throw a `#[derive(uniffi::Error)]` enum or an error object instead"
        ),
        Type::Custom { name, .. } => bail!(
            "custom type `{name}` over an error type used as an error is not supported by the JNI backend: throw its builtin error type instead"
        ),
        other => bail!("{other:?} used as an error is not supported by the JNI backend"),
    })
}

fn discr_is(lit: &Literal, n: u64) -> bool {
    match lit {
        Literal::UInt(v, _, _) => *v == n,
        Literal::Int(v, _, _) => *v >= 0 && *v as u64 == n,
        _ => false,
    }
}

/// A Kotlin string literal.
pub fn kotlin_string(s: &str) -> String {
    let body: String = s
        .chars()
        .map(|ch| match ch {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            '$' => "\\$".to_string(),
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!("\"{body}\"")
}

/// The Kotlin type a number literal is written as (`macros.kt`'s `default_value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
}

/// A default value (or an enum discriminant) as uniffi's Kotlin writes it: rendered by
/// `macros.kt`'s `default_value`.
#[derive(Debug, Clone, PartialEq)]
pub enum KtDefault {
    /// The number type's zero (uniffi's `default` of a number).
    Zero(Num),
    /// A number literal: its digits (decimal, or `0x...` / `-0x...`) and its type.
    Number { digits: String, num: Num },
    Boolean(bool),
    /// A string literal's value (escaped by the template).
    Str(String),
    /// An empty `ByteArray`.
    EmptyBytes,
    /// `Instant.EPOCH`.
    Epoch,
    /// `Duration.ZERO`.
    ZeroDuration,
    Null,
    EmptyList,
    EmptyMap,
    EmptySet,
    /// A record of its own defaults: `Class()`.
    Record { class: String },
    /// A new object from its primary constructor: `Class()`.
    Object { class: String },
    /// An enum variant: `Class.VARIANT` (flat enums) or `Class.Variant`.
    Variant { class: String, variant: String },
}

/// The Kotlin number type of `ty` (an optional's inner type).
fn num(ty: &Type) -> Result<Num> {
    Ok(match ty {
        Type::Int8 => Num::I8,
        Type::Int16 => Num::I16,
        Type::Int32 => Num::I32,
        Type::Int64 => Num::I64,
        Type::UInt8 => Num::U8,
        Type::UInt16 => Num::U16,
        Type::UInt32 => Num::U32,
        Type::UInt64 => Num::U64,
        Type::Float32 => Num::F32,
        Type::Float64 => Num::F64,
        other => bail!("a number literal for {other:?}"),
    })
}

/// A number, boolean or string literal of a Kotlin type.
fn literal(lit: &Literal, ty: &Type) -> Result<KtDefault> {
    let inner = match ty {
        Type::Optional { inner_type } => inner_type.as_ref(),
        t => t,
    };
    let number = |digits: String| -> Result<KtDefault> { Ok(KtDefault::Number { digits, num: num(inner)? }) };
    match lit {
        Literal::Boolean(b) => Ok(KtDefault::Boolean(*b)),
        Literal::String(s) => Ok(KtDefault::Str(s.clone())),
        Literal::UInt(v, radix, _) => number(match radix {
            Radix::Hexadecimal => format!("{v:#x}"),
            _ => v.to_string(),
        }),
        Literal::Int(v, radix, _) => number(match radix {
            Radix::Hexadecimal if *v < 0 => format!("-{:#x}", v.unsigned_abs()),
            Radix::Hexadecimal => format!("{v:#x}"),
            _ => v.to_string(),
        }),
        Literal::Float(s, _) => {
            let s = if s.contains(['.', 'e', 'E']) { s.clone() } else { format!("{s}.0") };
            number(s)
        }
        other => bail!("literal {other:?} where a number is expected"),
    }
}

/// A default value, as uniffi's Kotlin renders it.
pub fn render_default(c: &Component, d: &DefaultValue, ty: &Type) -> Result<KtDefault> {
    let ty = match ty {
        Type::Custom { builtin, .. } => builtin.as_ref(),
        Type::Box { inner_type } => inner_type.as_ref(),
        t => t,
    };
    match d {
        DefaultValue::Default(_) => Ok(match ty {
            Type::Int8
            | Type::Int16
            | Type::Int32
            | Type::Int64
            | Type::UInt8
            | Type::UInt16
            | Type::UInt32
            | Type::UInt64
            | Type::Float32
            | Type::Float64 => KtDefault::Zero(num(ty)?),
            Type::Boolean => KtDefault::Boolean(false),
            Type::String => KtDefault::Str(String::new()),
            Type::Bytes => KtDefault::EmptyBytes,
            Type::Timestamp => KtDefault::Epoch,
            Type::Duration => KtDefault::ZeroDuration,
            Type::Optional { .. } => KtDefault::Null,
            Type::Sequence { .. } => KtDefault::EmptyList,
            Type::Map { .. } => KtDefault::EmptyMap,
            Type::Set { .. } => KtDefault::EmptySet,
            Type::Record { name, .. } => KtDefault::Record { class: class_name(name) },
            Type::Interface { name, .. } => object_default(c, name)?,
            other => bail!("a default value of {other:?} is not supported by the JNI backend"),
        }),
        DefaultValue::Literal(lit) => match lit {
            Literal::None => Ok(KtDefault::Null),
            Literal::Some { inner } => {
                let inner_ty = match ty {
                    Type::Optional { inner_type } => inner_type.as_ref(),
                    t => t,
                };
                render_default(c, inner, inner_ty)
            }
            Literal::EmptySequence => Ok(KtDefault::EmptyList),
            Literal::EmptyMap => Ok(KtDefault::EmptyMap),
            Literal::EmptySet => Ok(KtDefault::EmptySet),
            Literal::Enum(variant, tn) => match &tn.ty {
                Type::Enum { name, .. } => {
                    let flat = c.enum_(name).is_some_and(|e| e.is_flat && !matches!(e.shape, EnumShape::Error { .. }));
                    let variant = if flat { variant.to_shouty_snake_case() } else { class_name(variant) };
                    Ok(KtDefault::Variant { class: class_name(name), variant })
                }
                other => bail!("an enum literal of {other:?}"),
            },
            lit => literal(lit, ty),
        },
    }
}

/// The default of an object argument or field: a new object from its primary constructor
/// (`Class()`, evaluated per call), as uniffi's Kotlin writes it. A trait has no constructor,
/// and an object whose primary constructor takes arguments without defaults cannot be made
/// from nothing: the construct is named instead.
fn object_default(c: &Component, name: &str) -> Result<KtDefault> {
    let Some(i) = c.interface(name) else { bail!("a default value of unknown object `{name}`") };
    if !matches!(i.imp, ir::ObjectImpl::Struct) {
        bail!("a default value of trait `{name}` is not supported (a trait has no constructor): use `default = None` on an `Option` of it");
    }
    let primary = i.constructors.iter().find(|k| matches!(k.callable.kind, CallableKind::Constructor { primary: true, .. }));
    match primary {
        Some(k) if !k.callable.is_async() && k.callable.arguments.iter().all(|a| a.default.is_some()) => {
            Ok(KtDefault::Object { class: type_class_name(name) })
        }
        _ => bail!(
            "a default value of object `{name}` needs a primary constructor callable without arguments (uniffi's Kotlin writes `{}()`): add one, or use `default = None` on an `Option` of it",
            type_class_name(name)
        ),
    }
}

/// A name as it appears in a JNI symbol (`_` -> `_1`, non-ASCII -> `_0xxxx`).
pub fn jni_mangle(s: &str) -> String {
    s.chars()
        .map(|ch| match ch {
            '_' => "_1".to_string(),
            ';' => "_2".to_string(),
            '[' => "_3".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            c => c.encode_utf16(&mut [0u16; 2]).iter().map(|unit| format!("_0{unit:04x}")).collect(),
        })
        .collect()
}

/// A dotted package as it appears in a JNI symbol (`uniffi.my_lib` -> `uniffi_my_1lib`).
pub fn jni_mangle_path(package: &str) -> String {
    package.split('.').map(jni_mangle).collect::<Vec<_>>().join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangles_like_javah() {
        assert_eq!(jni_mangle_path("uniffi.coverage_udl"), "uniffi_coverage_1udl");
        assert_eq!(jni_mangle("fnGreet"), "fnGreet");
        assert_eq!(jni_mangle("a_b;[é😀"), "a_1b_2_3_000e9_0d83d_0de00");
        assert_eq!(exception_name("GreetError"), "GreetException");
        assert_eq!(var_name("greet_all"), "greetAll");
        assert_eq!(field_name("", 0), "v1");
        assert_eq!(kotlin_string("a\"$b\n"), "\"a\\\"\\$b\\n\"");
    }
}
