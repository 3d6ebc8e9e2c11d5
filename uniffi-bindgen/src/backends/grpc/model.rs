//! The gRPC service of a component as typed data: proto messages, enums and rpcs, each field
//! with its protobuf shape, the Rust names prost and tonic give it, and the client type it
//! converts to. The templates (`templates/proto`, `templates/grpc-rust`, `templates/grpc-python`)
//! render every line from this; nothing here builds source text.
//!
//! Mapping (see docs/grpc.md): integers widen to `int32`/`uint32`/`int64`/`uint64` (the server
//! range-checks narrow ones), floats are `float`/`double`, `bytes`, `string`, timestamps and
//! durations the well-known types; custom types travel as their builtin; records are messages;
//! flat enums proto enums (0 is `<ENUM>_UNSPECIFIED`, refused); data enums and errors a message
//! with a `oneof` of one nested message per variant (unnamed fields are `f0`, `f1`, ...; a flat
//! error's variants carry its `message`); objects and traits `uint64` handles (a value of a callback interface or foreign
//! trait the client implements is `session << 32 | key` into its callback stream's table). Optional
//! scalars are `optional`, sequences and sets `repeated`, maps `map` (or `repeated` entry
//! messages when the key cannot be a protobuf map key); a container inside a container is a
//! wrapper message (`OptionalInt32 { optional int32 value = 1; }`) named by uniffi's canonical
//! type name.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::{bail, Result};
use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::ir::{self, Callable, CallableKind, Component, EnumShape, FieldsKind, Type};
use crate::shared::rust::{client_type_in, field_ident, ident};

use super::Settings;

/// A field's type as protobuf declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// A scalar type (`uint32`, `string`, ...).
    Scalar(&'static str),
    /// A proto enum of the package.
    Enum(String),
    /// A message: of the package (possibly `Outer.Inner`), or `google.protobuf.X`.
    Message(String),
}

/// How a field holds its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Single(Elem),
    Optional(Elem),
    Repeated(Elem),
    /// `map<key, value>`; the key is a scalar.
    Map(&'static str, Elem),
}

/// A field of a message.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name in the proto (and in Python's message classes).
    pub name: String,
    /// The Rust field prost generates.
    pub prost: String,
    pub number: usize,
    pub shape: Shape,
    /// The uniffi type of the value it carries.
    pub ty: Type,
    pub doc: Option<String>,
    /// A singular message field: prost makes it an `Option`, but a value must be sent.
    pub required: bool,
    /// prost boxes it (a recursive message field).
    pub boxed: bool,
    /// `Message.field`, for error messages.
    pub what: String,
}

impl Field {
    fn new(message: &str, name: String, number: usize, ty: &Type, doc: Option<String>, types: &mut Types<'_>) -> Self {
        let mut shape = types.shape(ty);
        // proto3 leaves a scalar equal to its default off the wire, and prost compares floats
        // by value: `-0.0 == 0.0`, so a negative zero would arrive as `0.0`. With explicit
        // presence every value is sent (an unset one reads as `0.0`).
        if matches!(ty, Type::Float32 | Type::Float64) {
            if let Shape::Single(e) = shape {
                shape = Shape::Optional(e);
            }
        }
        let required = matches!(shape, Shape::Single(Elem::Message(_)));
        Field {
            prost: prost_field(&name),
            what: format!("{message}.{name}"),
            name,
            number,
            shape,
            ty: ty.clone(),
            doc,
            required,
            boxed: false,
        }
    }

    /// The declaration in the proto, without name and number: `optional string`.
    pub fn decl(&self) -> String {
        match &self.shape {
            Shape::Single(e) => elem_decl(e),
            Shape::Optional(e) => format!("optional {}", elem_decl(e)),
            Shape::Repeated(e) => format!("repeated {}", elem_decl(e)),
            Shape::Map(k, v) => format!("map<{k}, {}>", elem_decl(v)),
        }
    }

    /// The client type of the value, as spelled in the generated crate (`ffi::Point`).
    pub fn rust(&self) -> String {
        client_type_in(&self.ty, "ffi::")
    }

    /// The prost type of the field's value (a singular message field's message, unwrapped).
    pub fn prost_value(&self) -> String {
        prost_value_type(&self.shape)
    }

    /// A value Rust's `Debug` can show in a status message (builtin numbers, bools, strings).
    pub fn describable(&self) -> bool {
        matches!(
            self.ty,
            Type::UInt8 | Type::Int8 | Type::UInt16 | Type::Int16 | Type::UInt32 | Type::Int32 | Type::UInt64
                | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean | Type::String
        )
    }
}

fn elem_decl(e: &Elem) -> String {
    match e {
        Elem::Scalar(s) => s.to_string(),
        Elem::Enum(n) | Elem::Message(n) => n.rsplit('.').next().filter(|_| !n.starts_with("google.")).unwrap_or(n).to_string(),
    }
}

/// A message of the package.
#[derive(Debug, Clone)]
pub struct Message {
    /// Its name in the proto (nested messages: the part after the parent's).
    pub name: String,
    /// prost's Rust path of its struct, e.g. `pb::GreetError` or `pb::greet_error::EmptyName`.
    pub prost: String,
    /// Python's path of its class in the `_pb2` module, e.g. `GreetError.EmptyName`.
    pub py: String,
    pub doc: Option<String>,
    pub fields: Vec<Field>,
}

/// A record: a message with a field per record field.
pub struct RecordModel<'a> {
    pub r: &'a ir::Record,
    pub msg: Message,
    /// The client's field idents, in order.
    pub client_fields: Vec<String>,
}

impl RecordModel<'_> {
    /// `(proto field, client field, the client field of self)`.
    pub fn fields(&self) -> Vec<(&Field, &str, String)> {
        self.msg.fields.iter().zip(&self.client_fields).map(|(f, c)| (f, c.as_str(), format!("self.{c}"))).collect()
    }
}

/// A flat (non-error) enum: a proto enum.
pub struct EnumModel<'a> {
    pub e: &'a ir::Enum,
    pub name: String,
    pub doc: Option<String>,
    /// `(doc, VALUE_NAME, number)`, from 1.
    pub values: Vec<(Option<String>, String, usize)>,
    pub unspecified: String,
    pub rust: String,
}

/// A variant of a data enum or error: a nested message and a case of the oneof.
pub struct VariantModel<'a> {
    pub v: &'a ir::Variant,
    pub msg: Message,
    /// The oneof case (a field of the outer message whose type is `msg`).
    pub case: Field,
    /// prost's variant of the oneof enum.
    pub prost_case: String,
    /// The client's variant path (`ffi::Shape::Circle`).
    pub client: String,
    pub client_fields: Vec<String>,
    /// The gRPC status code of the error variant (`InvalidArgument`).
    pub code: &'static str,
}

impl VariantModel<'_> {
    /// `(proto field, client field, the local it is bound to in a match)`.
    pub fn fields(&self) -> Vec<(&Field, &str, String)> {
        self.msg.fields.iter().zip(&self.client_fields).enumerate().map(|(i, (f, c))| (f, c.as_str(), format!("uniffi_f{i}"))).collect()
    }
}

/// A data enum or an error: a message holding a `oneof` of the variants.
pub struct UnionModel<'a> {
    pub e: &'a ir::Enum,
    pub msg: Message,
    pub oneof: String,
    /// prost's path of the oneof enum (`pb::greet_error::Kind`).
    pub prost_oneof: String,
    pub variants: Vec<VariantModel<'a>>,
    pub is_error: bool,
    /// A flat error: variants carry only the error's message.
    pub flat_error: bool,
    pub rust: String,
    /// The error's `Display` can be called (it is exported).
    pub has_display: bool,
}

/// A message wrapping a container (or a custom type over one) where a field holds an element.
pub struct WrapperModel {
    pub msg: Message,
    pub ty: Type,
    /// The custom type it wraps, if any: its client type is a newtype of the builtin.
    pub custom: bool,
}

impl WrapperModel {
    /// The one field, `value`.
    pub fn field(&self) -> &Field {
        &self.msg.fields[0]
    }

    /// The client type it converts to.
    pub fn rust(&self) -> String {
        client_type_in(&self.ty, "ffi::")
    }
}

/// An entry of a map whose key type protobuf cannot use as a map key.
pub struct EntryModel {
    pub msg: Message,
    pub key: Type,
    pub value: Type,
}

impl EntryModel {
    pub fn key_field(&self) -> &Field {
        &self.msg.fields[0]
    }

    pub fn value_field(&self) -> &Field {
        &self.msg.fields[1]
    }

    /// The client type of the map.
    pub fn rust(&self) -> String {
        client_type_in(&Type::Map { key_type: Box::new(self.key.clone()), value_type: Box::new(self.value.clone()) }, "ffi::")
    }
}

/// An interface whose objects live on the server, one handle table each.
pub struct ObjectModel<'a> {
    pub i: &'a ir::Interface,
    pub name: String,
    /// The field of the generated `Handles` struct.
    pub table: String,
    pub rust: String,
    /// Thrown as an error: the message carrying its handle in a status.
    pub thrown: Option<Message>,
    /// The rpc that frees a handle.
    pub release_rpc: String,
    pub code: &'static str,
    pub has_display: bool,
}

/// What an rpc calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RpcKind {
    Function,
    /// A constructor of the object `object` (index into `objects`).
    Constructor { object: usize },
    /// A method of an object; the request carries its handle.
    Method { object: usize },
    /// A method of a record or enum; the request carries the value.
    ValueMethod,
    /// Frees a handle.
    Release { object: usize },
}

pub struct Rpc<'a> {
    pub name: String,
    /// The method of tonic's service trait.
    pub method: String,
    pub doc: Option<String>,
    pub request: Message,
    pub reply: Message,
    pub kind: RpcKind,
    pub callable: Option<&'a Callable>,
    /// The request's first field is the handle or value the method is called on.
    pub has_receiver: bool,
    pub is_async: bool,
    /// The client item to call: `ffi::greet`, `ffi::Greeter::new`, or a method name.
    pub client: String,
    /// The client's error type of the call (`ffi::GreetError`, `ffi::rt::Never`).
    pub error: String,
}

impl Rpc<'_> {
    /// The handle or value the method is called on (a request field).
    pub fn receiver(&self) -> Option<&Field> {
        self.request.fields.first().filter(|_| self.has_receiver)
    }

    /// The arguments (request fields), in order.
    pub fn args(&self) -> &[Field] {
        &self.request.fields[usize::from(self.has_receiver)..]
    }

    /// The reply's value, if the call returns one (`value`).
    pub fn ret(&self) -> Option<&Field> {
        self.reply.fields.first()
    }
}

/// A method of a callback interface or foreign trait: the server calls the client's
/// implementation over the callback stream.
pub struct CallbackMethod<'a> {
    pub callable: &'a Callable,
    /// The method of the client trait the server's proxy implements.
    pub name: String,
    /// The oneof case in the stream's messages (`listener_on_event`) and prost's variant of it.
    pub case: String,
    pub prost_case: String,
    /// The case's number in `UniffiCallbackRequest` and in `UniffiCallbackReply`.
    pub request_number: usize,
    pub reply_number: usize,
    /// The arguments (`<Trait><Method>Call`) and the outcome (`<Trait><Method>Return`: field 1
    /// `value` unless the method returns nothing, field 2 `error` if it declares one).
    pub args: Message,
    pub result: Message,
    pub is_async: bool,
    /// The client's error type (`ffi::CallbackError`, `ffi::rt::Never`).
    pub error: String,
    /// The client type it returns (`()` for nothing).
    pub ret: String,
}

impl CallbackMethod<'_> {
    /// `(call message field, the local holding the argument)`, in order.
    pub fn params(&self) -> Vec<(&Field, String)> {
        self.args.fields.iter().enumerate().map(|(i, f)| (f, format!("uniffi_a{i}"))).collect()
    }

    pub fn value(&self) -> Option<&Field> {
        self.result.fields.iter().find(|f| f.name == "value")
    }

    pub fn error_field(&self) -> Option<&Field> {
        self.result.fields.iter().find(|f| f.name == "error")
    }
}

/// A callback interface or a trait foreign code implements: values of it the client passes are
/// proxies on the server that call the client over the callback stream.
pub struct CallbackModel<'a> {
    pub name: String,
    pub is_callback_interface: bool,
    /// The client trait the proxy implements (`ffi::Listener`, `ffi::GreeterForeign`).
    pub trait_path: String,
    /// The client type of a value (`::std::sync::Arc<dyn ffi::Listener>`, `ffi::rt::TraitObject<..>`).
    pub rust: String,
    /// The object (handle table) of its Rust implementations, for a trait.
    pub object: Option<usize>,
    /// The proxy struct.
    pub proxy: String,
    pub methods: Vec<CallbackMethod<'a>>,
}

pub struct CustomModel<'a> {
    pub c: &'a ir::CustomType,
    pub rust: String,
    /// The prost type of its builtin's value.
    pub prost_value: String,
    /// The message a status carries when the custom type is thrown as an error (its value).
    pub thrown: Option<Message>,
    /// The status code it is thrown with.
    pub code: &'static str,
}

pub struct Model<'a> {
    pub c: &'a Component,
    pub namespace: String,
    pub package: String,
    pub service: String,
    /// The Rust trait tonic generates for the service (`Greet`).
    pub service_trait: String,
    /// The module tonic generates the service's server in (`greet_server`).
    pub server_module: String,
    pub proto_file: String,
    pub doc: Option<String>,
    /// What was left out, and why (one line each).
    pub notes: Vec<String>,
    pub imports: BTreeSet<String>,
    pub records: Vec<RecordModel<'a>>,
    pub enums: Vec<EnumModel<'a>>,
    pub unions: Vec<UnionModel<'a>>,
    pub wrappers: Vec<WrapperModel>,
    pub entries: Vec<EntryModel>,
    pub objects: Vec<ObjectModel<'a>>,
    pub customs: Vec<CustomModel<'a>>,
    pub rpcs: Vec<Rpc<'a>>,
    /// Callback interfaces and foreign traits: called over the callback stream.
    pub callbacks: Vec<CallbackModel<'a>>,
    /// The bidirectional rpc of the callback stream (`UniffiCallbacks`) and tonic's method of it.
    pub callback_rpc: String,
    pub callback_method: String,
    /// Every uniffi type a field carries (for the Python converters), by canonical name.
    pub types: BTreeMap<String, Type>,
}

/// The status code names grpc uses, and tonic's `Code` variant of each.
pub const CODES: &[(&str, &str)] = &[
    ("CANCELLED", "Cancelled"),
    ("UNKNOWN", "Unknown"),
    ("INVALID_ARGUMENT", "InvalidArgument"),
    ("DEADLINE_EXCEEDED", "DeadlineExceeded"),
    ("NOT_FOUND", "NotFound"),
    ("ALREADY_EXISTS", "AlreadyExists"),
    ("PERMISSION_DENIED", "PermissionDenied"),
    ("RESOURCE_EXHAUSTED", "ResourceExhausted"),
    ("FAILED_PRECONDITION", "FailedPrecondition"),
    ("ABORTED", "Aborted"),
    ("OUT_OF_RANGE", "OutOfRange"),
    ("UNIMPLEMENTED", "Unimplemented"),
    ("INTERNAL", "Internal"),
    ("UNAVAILABLE", "Unavailable"),
    ("DATA_LOSS", "DataLoss"),
    ("UNAUTHENTICATED", "Unauthenticated"),
];

// ---- prost's and tonic's naming (prost-build `ident.rs`, tonic-build `naive_snake_case`) -----

fn sanitize(ident: String) -> String {
    const RAW: &[&str] = &[
        "as", "break", "const", "continue", "else", "enum", "false", "fn", "for", "if", "impl", "in", "let", "loop",
        "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe",
        "use", "where", "while", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
        "typeof", "unsized", "virtual", "yield", "async", "await", "try", "gen",
    ];
    match ident.as_str() {
        s if RAW.contains(&s) => format!("r#{s}"),
        "_" | "super" | "self" | "Self" | "extern" | "crate" => format!("{ident}_"),
        s if s.starts_with(|c: char| c.is_numeric()) => format!("_{ident}"),
        _ => ident,
    }
}

/// prost's Rust name of a field or module.
pub fn prost_field(name: &str) -> String {
    sanitize(name.to_snake_case())
}

/// prost's Rust name of a message, enum or oneof variant.
pub fn prost_type(name: &str) -> String {
    sanitize(name.to_upper_camel_case())
}

/// tonic's module name for a service (`naive_snake_case`).
fn naive_snake_case(name: &str) -> String {
    let mut s = String::new();
    let mut it = name.chars().peekable();
    while let Some(x) = it.next() {
        s.push(x.to_ascii_lowercase());
        if it.peek().is_some_and(|y| y.is_uppercase()) {
            s.push('_');
        }
    }
    s
}

pub use crate::ir::canonical_name;

/// The type with boxes removed (a box changes nothing on the wire).
fn unboxed(ty: &Type) -> &Type {
    match ty {
        Type::Box { inner_type } => unboxed(inner_type),
        other => other,
    }
}

fn is_container(ty: &Type) -> bool {
    match unboxed(ty) {
        Type::Optional { .. } | Type::Sequence { .. } | Type::Set { .. } | Type::Map { .. } => true,
        Type::Custom { builtin, .. } => is_container(builtin),
        _ => false,
    }
}

// ---- what can cross the network -------------------------------------------------------------

/// The type mapping, with what it needs registered on the way (wrappers, imports).
struct Types<'a> {
    c: &'a Component,
    /// Named types that cannot cross the network, and why.
    unremotable: BTreeMap<String, String>,
    imports: BTreeSet<String>,
    wrappers: BTreeMap<String, Type>,
    entries: BTreeMap<String, (Type, Type)>,
    used: BTreeMap<String, Type>,
}

impl<'a> Types<'a> {
    fn new(c: &'a Component) -> Self {
        let mut t = Types {
            c,
            unremotable: BTreeMap::new(),
            imports: BTreeSet::new(),
            wrappers: BTreeMap::new(),
            entries: BTreeMap::new(),
            used: BTreeMap::new(),
        };
        // Callback interfaces and foreign traits cross as handles into the client's table (their
        // calls come back over the callback stream); nothing starts out unremotable.
        // Records and enums holding such a type cannot cross either (to a fixed point).
        loop {
            let mut found = Vec::new();
            for r in c.records() {
                if t.unremotable.contains_key(&r.name) {
                    continue;
                }
                if let Some((f, why)) = r.fields.iter().find_map(|f| t.why_not(&f.ty.ty).map(|w| (f, w))) {
                    found.push((r.name.clone(), format!("the record `{}` (its field `{}` holds {why})", r.name, f.name)));
                }
            }
            for e in c.enums() {
                if t.unremotable.contains_key(&e.name) {
                    continue;
                }
                let bad = e.variants.iter().find_map(|v| v.fields.iter().find_map(|f| t.why_not(&f.ty.ty).map(|w| (v, w))));
                if let Some((v, why)) = bad {
                    found.push((e.name.clone(), format!("the enum `{}` (its variant `{}` holds {why})", e.name, v.name)));
                }
            }
            if found.is_empty() {
                break;
            }
            t.unremotable.extend(found);
        }
        t
    }

    /// Why a value of `ty` cannot cross the network, if it cannot.
    fn why_not(&self, ty: &Type) -> Option<String> {
        match ty {
            Type::Interface { name, .. }
            | Type::CallbackInterface { name, .. }
            | Type::Record { name, .. }
            | Type::Enum { name, .. } => self.unremotable.get(name).cloned(),
            Type::Custom { builtin, .. } => self.why_not(builtin),
            Type::Box { inner_type } | Type::Optional { inner_type } | Type::Sequence { inner_type } | Type::Set { inner_type } => {
                self.why_not(inner_type)
            }
            Type::Map { key_type, value_type } => self.why_not(key_type).or_else(|| self.why_not(value_type)),
            _ => None,
        }
    }

    fn is_flat_enum(&self, name: &str) -> bool {
        self.c.enum_(name).is_some_and(|e| e.is_flat && !is_error_enum(e))
    }

    /// Records `ty` and everything in it as used (each gets a Python converter).
    fn use_type(&mut self, ty: &Type) {
        if self.used.insert(canonical_name(ty), ty.clone()).is_some() {
            return;
        }
        match ty {
            Type::Box { inner_type } | Type::Optional { inner_type } | Type::Sequence { inner_type } | Type::Set { inner_type } => {
                self.use_type(inner_type)
            }
            Type::Map { key_type, value_type } => {
                self.use_type(key_type);
                self.use_type(value_type);
            }
            Type::Custom { builtin, .. } => self.use_type(builtin),
            _ => {}
        }
    }

    /// The element form of a value: what a repeated field or map value holds.
    fn elem(&mut self, ty: &Type) -> Elem {
        self.use_type(ty);
        match ty {
            Type::UInt8 | Type::UInt16 | Type::UInt32 => Elem::Scalar("uint32"),
            Type::Int8 | Type::Int16 | Type::Int32 => Elem::Scalar("int32"),
            Type::UInt64 => Elem::Scalar("uint64"),
            Type::Int64 => Elem::Scalar("int64"),
            Type::Float32 => Elem::Scalar("float"),
            Type::Float64 => Elem::Scalar("double"),
            Type::Boolean => Elem::Scalar("bool"),
            Type::String => Elem::Scalar("string"),
            Type::Bytes => Elem::Scalar("bytes"),
            Type::Timestamp => {
                self.imports.insert("google/protobuf/timestamp.proto".into());
                Elem::Message("google.protobuf.Timestamp".into())
            }
            Type::Duration => {
                self.imports.insert("google/protobuf/duration.proto".into());
                Elem::Message("google.protobuf.Duration".into())
            }
            Type::Box { inner_type } => self.elem(inner_type),
            Type::Interface { .. } => Elem::Scalar("uint64"),
            Type::Enum { name, .. } if self.is_flat_enum(name) => Elem::Enum(name.clone()),
            Type::Record { name, .. } | Type::Enum { name, .. } => Elem::Message(name.clone()),
            Type::Custom { builtin, .. } if !is_container(builtin) => self.elem(builtin),
            Type::CallbackInterface { .. } => Elem::Scalar("uint64"),
            // A container (or a custom type over one) as an element: a wrapper message.
            _ => {
                let name = canonical_name(ty);
                if !self.wrappers.contains_key(&name) {
                    self.wrappers.insert(name.clone(), ty.clone());
                    // Registers what the wrapper's own field needs.
                    let _ = self.shape(match ty {
                        Type::Custom { builtin, .. } => builtin,
                        other => other,
                    });
                }
                Elem::Message(name)
            }
        }
    }

    /// How a field holds a value of `ty`.
    fn shape(&mut self, ty: &Type) -> Shape {
        self.use_type(ty);
        match ty {
            Type::Box { inner_type } => self.shape(inner_type),
            Type::Custom { builtin, .. } => self.shape(builtin),
            Type::Optional { inner_type } => Shape::Optional(self.elem(inner_type)),
            Type::Sequence { inner_type } | Type::Set { inner_type } => Shape::Repeated(self.elem(inner_type)),
            Type::Map { key_type, value_type } => match map_key(key_type) {
                Some(key) => {
                    self.use_type(key_type);
                    Shape::Map(key, self.elem(value_type))
                }
                None => {
                    let name = format!("{}Entry", canonical_name(ty));
                    if !self.entries.contains_key(&name) {
                        self.entries.insert(name.clone(), ((**key_type).clone(), (**value_type).clone()));
                        // Registers what the entry's fields need.
                        let _ = self.elem(key_type);
                        let _ = self.elem(value_type);
                    }
                    Shape::Repeated(Elem::Message(name))
                }
            },
            other => Shape::Single(self.elem(other)),
        }
    }
}

/// The protobuf map key type of a uniffi key type, if protobuf allows it as a key.
fn map_key(ty: &Type) -> Option<&'static str> {
    match unboxed(ty) {
        Type::UInt8 | Type::UInt16 | Type::UInt32 => Some("uint32"),
        Type::Int8 | Type::Int16 | Type::Int32 => Some("int32"),
        Type::UInt64 => Some("uint64"),
        Type::Int64 => Some("int64"),
        Type::Boolean => Some("bool"),
        Type::String => Some("string"),
        Type::Custom { builtin, .. } => map_key(builtin),
        _ => None,
    }
}

pub fn is_error_enum(e: &ir::Enum) -> bool {
    e.self_type.is_used_as_error || matches!(e.shape, EnumShape::Error { .. })
}

/// The prost Rust type of a field's value (a singular message field's message, unwrapped).
pub fn prost_value_type(shape: &Shape) -> String {
    match shape {
        Shape::Single(e) => prost_elem_type(e),
        Shape::Optional(e) => format!("::std::option::Option<{}>", prost_elem_type(e)),
        Shape::Repeated(e) => format!("::std::vec::Vec<{}>", prost_elem_type(e)),
        Shape::Map(k, v) => format!("::std::collections::HashMap<{}, {}>", prost_scalar(k), prost_elem_type(v)),
    }
}

fn prost_scalar(s: &str) -> &'static str {
    match s {
        "uint32" => "u32",
        "int32" => "i32",
        "uint64" => "u64",
        "int64" => "i64",
        "float" => "f32",
        "double" => "f64",
        "bool" => "bool",
        "string" => "::std::string::String",
        "bytes" => "::std::vec::Vec<u8>",
        other => unreachable!("not a scalar: {other}"),
    }
}

fn prost_elem_type(e: &Elem) -> String {
    match e {
        Elem::Scalar(s) => prost_scalar(s).to_string(),
        Elem::Enum(_) => "i32".into(),
        Elem::Message(n) if n == "google.protobuf.Timestamp" => "::prost_types::Timestamp".into(),
        Elem::Message(n) if n == "google.protobuf.Duration" => "::prost_types::Duration".into(),
        Elem::Message(n) => prost_message_path(n),
    }
}

/// prost's path of a message of the package, `pb::Outer` or `pb::outer::Inner`.
fn prost_message_path(name: &str) -> String {
    match name.split_once('.') {
        Some((outer, inner)) => format!("pb::{}::{}", prost_field(outer), prost_type(inner)),
        None => format!("pb::{}", prost_type(name)),
    }
}

// ---- building the model ---------------------------------------------------------------------

impl<'a> Model<'a> {
    pub fn new(c: &'a Component, settings: &Settings) -> Result<Self> {
        let namespace = c.ns.name.clone();
        let package = settings.package.clone().unwrap_or_else(|| format!("{namespace}.v1"));
        let service = settings.service.clone().unwrap_or_else(|| namespace.to_upper_camel_case());
        check_proto_ident("package", &package, true)?;
        check_proto_ident("service", &service, false)?;
        let mut types = Types::new(c);
        let mut notes: Vec<String> = Vec::new();
        for why in types.unremotable.values() {
            notes.push(format!("left out {why}: {}", left_out_reason(why)));
        }

        // Status codes per error variant (or per error, or per object thrown as an error).
        let code_of = |error: &str, variant: Option<&str>| -> &'static str {
            let code = variant
                .and_then(|v| settings.status.get(&format!("{error}.{v}")))
                .or_else(|| settings.status.get(error))
                .map(String::as_str)
                .unwrap_or("INVALID_ARGUMENT");
            CODES.iter().find(|(c, _)| *c == code).map(|(_, r)| *r).unwrap_or("InvalidArgument")
        };
        for (item, code) in &settings.status {
            if !CODES.iter().any(|(c, _)| c == code) {
                bail!("status code {code:?} for {item} is not a gRPC status code name (e.g. \"NOT_FOUND\")");
            }
            let (error, variant) = item.split_once('.').map_or((item.as_str(), None), |(e, v)| (e, Some(v)));
            let known_enum = c.enums().any(|e| {
                e.name == error && is_error_enum(e) && variant.is_none_or(|v| e.variants.iter().any(|x| x.name == v))
            });
            let known_object = variant.is_none()
                && (c.interfaces().any(|i| i.name == error && i.self_type.is_used_as_error)
                    || c.custom_types().any(|t| t.name == error && t.self_type.is_used_as_error));
            if !known_enum && !known_object {
                bail!("bindings.grpc.status names {item}, which is not an error or error variant of the interface");
            }
        }

        // Records.
        let mut records = Vec::new();
        for r in c.records() {
            if types.unremotable.contains_key(&r.name) {
                continue;
            }
            let mut fields = Vec::new();
            let mut client_fields = Vec::new();
            for (i, f) in r.fields.iter().enumerate() {
                let name = proto_field_name(&f.name, i);
                fields.push(Field::new(&r.name, name, i + 1, &f.ty.ty, f.docstring.clone(), &mut types));
                client_fields.push(field_ident(&f.name, i));
            }
            records.push(RecordModel {
                r,
                msg: Message { name: r.name.clone(), prost: prost_message_path(&r.name), py: r.name.clone(), doc: r.docstring.clone(), fields },
                client_fields,
            });
        }

        // Enums: flat ones are proto enums, the others (and errors) messages with a oneof.
        let mut enums = Vec::new();
        let mut unions = Vec::new();
        for e in c.enums() {
            if types.unremotable.contains_key(&e.name) {
                continue;
            }
            let rust = format!("ffi::{}", ident(&e.name));
            let is_error = is_error_enum(e);
            if e.is_flat && !is_error {
                let prefix = e.name.to_shouty_snake_case();
                enums.push(EnumModel {
                    e,
                    name: e.name.clone(),
                    doc: e.docstring.clone(),
                    values: e
                        .variants
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (v.docstring.clone(), format!("{prefix}_{}", v.name.to_shouty_snake_case()), i + 1))
                        .collect(),
                    unspecified: format!("{prefix}_UNSPECIFIED"),
                    rust,
                });
                continue;
            }
            let flat_error = matches!(e.shape, EnumShape::Error { flat: true });
            let outer = &e.name;
            let nested: Vec<String> = e.variants.iter().map(|v| v.name.to_upper_camel_case()).collect();
            let oneof_type = if nested.iter().any(|n| prost_type(n) == "Kind") { "KindOneOf" } else { "Kind" };
            let mut variants = Vec::new();
            for (i, v) in e.variants.iter().enumerate() {
                let nested_name = v.name.to_upper_camel_case();
                let full = format!("{outer}.{nested_name}");
                let mut fields = Vec::new();
                let mut client_fields = Vec::new();
                if flat_error {
                    fields.push(Field::new(&full, "message".into(), 1, &Type::String, None, &mut types));
                    client_fields.push("message".to_string());
                } else {
                    for (j, f) in v.fields.iter().enumerate() {
                        let name = match v.fields_kind {
                            FieldsKind::Unnamed => format!("f{j}"),
                            _ => proto_field_name(&f.name, j),
                        };
                        fields.push(Field::new(&full, name, j + 1, &f.ty.ty, f.docstring.clone(), &mut types));
                        client_fields.push(field_ident(&f.name, j));
                    }
                }
                let case_name = not_a_python_keyword(v.name.to_snake_case());
                let case = Field {
                    prost: prost_field(&case_name),
                    what: format!("{outer}.{case_name}"),
                    name: case_name.clone(),
                    number: i + 1,
                    shape: Shape::Single(Elem::Message(full.clone())),
                    ty: Type::String,
                    doc: None,
                    required: false,
                    boxed: false,
                };
                variants.push(VariantModel {
                    v,
                    msg: Message {
                        name: nested_name.clone(),
                        prost: prost_message_path(&full),
                        py: full.clone(),
                        doc: v.docstring.clone(),
                        fields,
                    },
                    prost_case: prost_type(&case_name),
                    case,
                    client: format!("{rust}::{}", ident(&v.name)),
                    client_fields,
                    code: code_of(&e.name, Some(&v.name)),
                });
            }
            unions.push(UnionModel {
                e,
                msg: Message { name: e.name.clone(), prost: prost_message_path(&e.name), py: e.name.clone(), doc: e.docstring.clone(), fields: Vec::new() },
                oneof: "kind".into(),
                prost_oneof: format!("pb::{}::{oneof_type}", prost_field(&e.name)),
                variants,
                is_error,
                flat_error,
                rust,
                has_display: e.uniffi_trait_methods.display_fmt.is_some(),
            });
        }

        // Objects (interfaces Rust implements): handle tables.
        let mut objects = Vec::new();
        for i in c.interfaces() {
            if types.unremotable.contains_key(&i.name) {
                continue;
            }
            let thrown = i.self_type.is_used_as_error.then(|| {
                let name = format!("{}Thrown", i.name);
                let fields = vec![Field::new(&name, "handle".into(), 1, &i.self_type.ty, None, &mut types)];
                Message { prost: prost_message_path(&name), py: name.clone(), doc: Some(format!("A `{}` thrown as an error: its handle.", i.name)), name, fields }
            });
            objects.push(ObjectModel {
                i,
                name: i.name.clone(),
                table: format!("uniffi_{}", i.name.to_snake_case()),
                release_rpc: format!("{}Release", i.name.to_upper_camel_case()),
                // The Rust implementations (a foreign trait's values may also be the client's).
                rust: format!("ffi::{}", ident(&i.name)),
                thrown,
                code: code_of(&i.name, None),
                has_display: i.uniffi_trait_methods.display_fmt.is_some(),
            });
        }

        // Callback interfaces and foreign traits: their methods are the callback stream's cases.
        let mut callbacks = Vec::new();
        let foreign_traits: Vec<(&'a str, bool, &'a [ir::VTableMethod], String, Option<usize>, &'a Type)> = c
            .interfaces()
            .filter(|i| ir::has_foreign_impls(&i.imp))
            .filter_map(|i| {
                let vtable = i.vtable.as_ref()?;
                let object = objects.iter().position(|o| o.name == i.name);
                Some((i.name.as_str(), false, vtable.methods.as_slice(), format!("ffi::{}Foreign", ident(&i.name)), object, &i.self_type.ty))
            })
            .chain(c.callback_interfaces().map(|cb| {
                (cb.name.as_str(), true, cb.vtable.methods.as_slice(), format!("ffi::{}", ident(&cb.name)), None, &cb.self_type.ty)
            }))
            .collect();
        let (mut request_number, mut reply_number) = (5, 4);
        for (name, is_callback_interface, vtable_methods, trait_path, object, self_ty) in foreign_traits {
            let camel = name.to_upper_camel_case();
            let mut methods = Vec::new();
            for vm in vtable_methods {
                let callable = &vm.callable;
                let base = format!("{camel}{}", callable.name.to_upper_camel_case());
                let args_name = format!("{base}Call");
                let result_name = format!("{base}Return");
                let args = callable
                    .arguments
                    .iter()
                    .enumerate()
                    .map(|(i, a)| Field::new(&args_name, proto_field_name(&a.name, i), i + 1, &a.ty.ty, None, &mut types))
                    .collect();
                let mut result = Vec::new();
                if let Some(t) = &callable.return_type.ty {
                    result.push(Field::new(&result_name, "value".into(), 1, &t.ty, None, &mut types));
                }
                if let Some(t) = &callable.throws_type.ty {
                    let mut f = Field::new(&result_name, "error".into(), 2, &t.ty, None, &mut types);
                    f.required = false;
                    result.push(f);
                }
                let case = not_a_python_keyword(base.to_snake_case());
                methods.push(CallbackMethod {
                    callable,
                    name: ident(&callable.name),
                    prost_case: prost_type(&case),
                    case,
                    request_number,
                    reply_number,
                    args: Message { prost: prost_message_path(&args_name), py: args_name.clone(), doc: None, name: args_name, fields: args },
                    result: Message { prost: prost_message_path(&result_name), py: result_name.clone(), doc: None, name: result_name, fields: result },
                    is_async: callable.is_async(),
                    error: crate::shared::rust::client_error_type_in(callable.throws_type.ty.as_ref(), "ffi::"),
                    ret: callable.return_type.ty.as_ref().map(|t| client_type_in(&t.ty, "ffi::")).unwrap_or_else(|| "()".into()),
                });
                request_number += 1;
                reply_number += 1;
            }
            types.use_type(self_ty);
            callbacks.push(CallbackModel {
                name: name.to_string(),
                is_callback_interface,
                trait_path,
                rust: client_type_in(self_ty, "ffi::"),
                object,
                proxy: format!("Uniffi{camel}Proxy"),
                methods,
            });
        }

        // Every remotable record, enum, error and object gets a converter in the client.
        for r in &records {
            types.use_type(&r.r.self_type.ty);
        }
        for e in &enums {
            types.use_type(&e.e.self_type.ty);
        }
        for u in &unions {
            types.use_type(&u.e.self_type.ty);
        }
        for o in &objects {
            types.use_type(&o.i.self_type.ty);
        }

        // Rpcs.
        let mut rpcs: Vec<Rpc<'a>> = Vec::new();
        let mut builder = RpcBuilder { types: &mut types, notes: &mut notes };
        for f in &c.ns.functions {
            if let Some(rpc) = builder.rpc(f.callable.name.to_upper_camel_case(), &f.callable, f.docstring.clone(), RpcKind::Function)? {
                rpcs.push(rpc);
            }
        }
        for (index, o) in objects.iter().enumerate() {
            let camel = o.name.to_upper_camel_case();
            for k in &o.i.constructors {
                let name = format!("{camel}{}", k.callable.name.to_upper_camel_case());
                if let Some(rpc) = builder.rpc(name, &k.callable, k.docstring.clone(), RpcKind::Constructor { object: index })? {
                    rpcs.push(rpc);
                }
            }
            for m in &o.i.methods {
                let name = format!("{camel}{}", m.callable.name.to_upper_camel_case());
                if let Some(rpc) = builder.rpc(name, &m.callable, m.docstring.clone(), RpcKind::Method { object: index })? {
                    rpcs.push(rpc);
                }
            }
            for (t, m) in ir::uniffi_trait_methods(&o.i.uniffi_trait_methods) {
                let doc = trait_doc(t, &o.name);
                if let Some(rpc) = builder.rpc(format!("{camel}{}", trait_rpc(t)), &m.callable, Some(doc), RpcKind::Method { object: index })? {
                    rpcs.push(rpc);
                }
            }
            rpcs.push(builder.release(&camel, o, index));
        }
        let value_types: Vec<(String, &'a [ir::Constructor], &'a [ir::Method], &'a ir::UniffiTraitMethods)> = records
            .iter()
            .map(|r| (r.r.name.clone(), r.r.constructors.as_slice(), r.r.methods.as_slice(), &r.r.uniffi_trait_methods))
            .chain(enums.iter().map(|e| (e.e.name.clone(), e.e.constructors.as_slice(), e.e.methods.as_slice(), &e.e.uniffi_trait_methods)))
            .chain(unions.iter().map(|u| (u.e.name.clone(), u.e.constructors.as_slice(), u.e.methods.as_slice(), &u.e.uniffi_trait_methods)))
            .collect();
        for (name, constructors, methods, traits) in value_types {
            let camel = name.to_upper_camel_case();
            for k in constructors {
                let rpc_name = format!("{camel}{}", k.callable.name.to_upper_camel_case());
                if let Some(rpc) = builder.rpc(rpc_name, &k.callable, k.docstring.clone(), RpcKind::Function)? {
                    rpcs.push(rpc);
                }
            }
            for m in methods {
                let rpc_name = format!("{camel}{}", m.callable.name.to_upper_camel_case());
                if let Some(rpc) = builder.rpc(rpc_name, &m.callable, m.docstring.clone(), RpcKind::ValueMethod)? {
                    rpcs.push(rpc);
                }
            }
            for (t, m) in ir::uniffi_trait_methods(traits) {
                let doc = trait_doc(t, &name);
                if let Some(rpc) = builder.rpc(format!("{camel}{}", trait_rpc(t)), &m.callable, Some(doc), RpcKind::ValueMethod)? {
                    rpcs.push(rpc);
                }
            }
        }
        if rpcs.is_empty() {
            notes.push(format!(
                "nothing in `{namespace}` can be called over gRPC: the service has no rpcs, the proto declares its messages"
            ));
        }

        let mut customs = Vec::new();
        for t in c.custom_types() {
            if types.why_not(&t.builtin.ty).is_none() {
                let shape = types.shape(&t.builtin.ty);
                let thrown = t.self_type.is_used_as_error.then(|| {
                    let name = format!("{}Thrown", t.name);
                    let fields = vec![Field::new(&name, "value".into(), 1, &t.self_type.ty, None, &mut types)];
                    Message { prost: prost_message_path(&name), py: name.clone(), doc: Some(format!("A `{}` thrown as an error: its value.", t.name)), name, fields }
                });
                customs.push(CustomModel {
                    c: t,
                    rust: format!("ffi::{}", ident(&t.name)),
                    prost_value: prost_value_type(&shape),
                    thrown,
                    code: code_of(&t.name, None),
                });
            }
        }

        // Wrappers and map entries, registered while mapping (their own fields may register more).
        let mut wrappers = Vec::new();
        let mut done = BTreeSet::new();
        loop {
            let pending: Vec<(String, Type)> =
                types.wrappers.iter().filter(|(n, _)| !done.contains(*n)).map(|(n, t)| (n.clone(), t.clone())).collect();
            if pending.is_empty() {
                break;
            }
            for (name, ty) in pending {
                done.insert(name.clone());
                let (inner, custom) = match &ty {
                    Type::Custom { builtin, .. } => ((**builtin).clone(), true),
                    other => (other.clone(), false),
                };
                let field = Field::new(&name, "value".into(), 1, &inner, None, &mut types);
                wrappers.push(WrapperModel {
                    msg: Message { prost: prost_message_path(&name), py: name.clone(), doc: None, name, fields: vec![field] },
                    ty,
                    custom,
                });
            }
        }
        wrappers.sort_by(|a, b| a.msg.name.cmp(&b.msg.name));
        let mut entries = Vec::new();
        for (name, (key, value)) in types.entries.clone() {
            let k = Field::new(&name, "key".into(), 1, &key, None, &mut types);
            let v = Field::new(&name, "value".into(), 2, &value, None, &mut types);
            entries.push(EntryModel {
                msg: Message { prost: prost_message_path(&name), py: name.clone(), doc: None, name, fields: vec![k, v] },
                key,
                value,
            });
        }
        // Wrappers the entries' fields registered.
        for (name, ty) in types.wrappers.clone() {
            if done.insert(name.clone()) {
                let inner = match &ty {
                    Type::Custom { builtin, .. } => (**builtin).clone(),
                    other => other.clone(),
                };
                let field = Field::new(&name, "value".into(), 1, &inner, None, &mut types);
                wrappers.push(WrapperModel {
                    msg: Message { prost: prost_message_path(&name), py: name.clone(), doc: None, name, fields: vec![field] },
                    custom: matches!(ty, Type::Custom { .. }),
                    ty,
                });
            }
        }

        let mut model = Model {
            c,
            server_module: format!("{}_server", naive_snake_case(&prost_type(&service))),
            service_trait: prost_type(&service),
            proto_file: format!("{namespace}.proto"),
            namespace,
            package,
            service,
            doc: c.ns.docstring.clone(),
            notes,
            imports: types.imports.clone(),
            records,
            enums,
            unions,
            wrappers,
            entries,
            objects,
            customs,
            rpcs,
            callbacks,
            callback_rpc: "UniffiCallbacks".into(),
            callback_method: prost_field("UniffiCallbacks"),
            types: types.used.clone(),
        };
        model.check_names()?;
        model.box_recursive_fields();
        Ok(model)
    }

    /// Every top-level name of the package is declared once.
    fn check_names(&self) -> Result<()> {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        let mut claim = |name: &str, what: &'static str| -> Result<()> {
            if let Some(other) = seen.insert(prost_type(name), what) {
                bail!("the {what} `{name}` and a {other} get the same protobuf name; rename one of them");
            }
            Ok(())
        };
        for r in &self.records {
            claim(&r.msg.name, "record")?;
        }
        for e in &self.enums {
            claim(&e.name, "enum")?;
        }
        for u in &self.unions {
            claim(&u.msg.name, if u.is_error { "error" } else { "enum" })?;
        }
        for w in &self.wrappers {
            claim(&w.msg.name, "wrapper message")?;
        }
        for e in &self.entries {
            claim(&e.msg.name, "map entry message")?;
        }
        for o in &self.objects {
            if let Some(t) = &o.thrown {
                claim(&t.name, "thrown-object message")?;
            }
        }
        for c in &self.customs {
            if let Some(t) = &c.thrown {
                claim(&t.name, "thrown custom-type message")?;
            }
        }
        if self.has_callbacks() {
            for name in ["UniffiCallbackRequest", "UniffiCallbackReply", "UniffiCallbackSession", "UniffiCallbackFree"] {
                claim(name, "callback stream message")?;
            }
        }
        for cb in &self.callbacks {
            for meth in &cb.methods {
                claim(&meth.args.name, "callback call message")?;
                claim(&meth.result.name, "callback return message")?;
            }
        }
        let mut rpc_names = BTreeSet::new();
        if self.has_callbacks() {
            rpc_names.insert(&self.callback_rpc);
        }
        for rpc in &self.rpcs {
            if !rpc_names.insert(&rpc.name) {
                bail!("the rpc `{}` would be generated twice; rename one of the members it comes from", rpc.name);
            }
            claim(&rpc.request.name, "request message")?;
            claim(&rpc.reply.name, "reply message")?;
        }
        Ok(())
    }

    /// Every message with its fully qualified (package-relative) name, mutably.
    fn messages_mut(&mut self) -> Vec<(String, &mut Vec<Field>)> {
        let mut out: Vec<(String, &mut Vec<Field>)> = Vec::new();
        for r in &mut self.records {
            out.push((r.msg.name.clone(), &mut r.msg.fields));
        }
        for u in &mut self.unions {
            for v in &mut u.variants {
                out.push((format!("{}.{}", u.msg.name, v.msg.name), &mut v.msg.fields));
            }
        }
        for w in &mut self.wrappers {
            out.push((w.msg.name.clone(), &mut w.msg.fields));
        }
        for e in &mut self.entries {
            out.push((e.msg.name.clone(), &mut e.msg.fields));
        }
        for o in &mut self.objects {
            if let Some(t) = &mut o.thrown {
                out.push((t.name.clone(), &mut t.fields));
            }
        }
        for c in &mut self.customs {
            if let Some(t) = &mut c.thrown {
                out.push((t.name.clone(), &mut t.fields));
            }
        }
        for cb in &mut self.callbacks {
            for meth in &mut cb.methods {
                out.push((meth.args.name.clone(), &mut meth.args.fields));
                out.push((meth.result.name.clone(), &mut meth.result.fields));
            }
        }
        for rpc in &mut self.rpcs {
            out.push((rpc.request.name.clone(), &mut rpc.request.fields));
            out.push((rpc.reply.name.clone(), &mut rpc.reply.fields));
        }
        out
    }

    /// Marks the fields prost boxes: a non-repeated message field whose message (transitively,
    /// through non-repeated message fields) contains the message the field is in.
    fn box_recursive_fields(&mut self) {
        // Edges of prost's message graph.
        let mut edges: HashMap<String, Vec<String>> = HashMap::new();
        for (name, fields) in self.messages_mut() {
            let targets = edges.entry(name).or_default();
            for f in fields.iter() {
                if let Shape::Single(Elem::Message(m)) | Shape::Optional(Elem::Message(m)) = &f.shape {
                    targets.push(m.clone());
                }
            }
        }
        for u in &self.unions {
            let targets = edges.entry(u.msg.name.clone()).or_default();
            for v in &u.variants {
                targets.push(format!("{}.{}", u.msg.name, v.msg.name));
            }
        }
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_string()];
            let mut seen = BTreeSet::new();
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if seen.insert(n.clone()) {
                    stack.extend(edges.get(&n).into_iter().flatten().cloned());
                }
            }
            false
        };
        let mut boxed: BTreeSet<(String, String)> = BTreeSet::new();
        for (name, targets) in &edges {
            for t in targets {
                if reaches(t, name) {
                    boxed.insert((name.clone(), t.clone()));
                }
            }
        }
        if boxed.is_empty() {
            return;
        }
        for (name, fields) in self.messages_mut() {
            for f in fields.iter_mut() {
                if let Shape::Single(Elem::Message(m)) | Shape::Optional(Elem::Message(m)) = &f.shape {
                    f.boxed = boxed.contains(&(name.clone(), m.clone()));
                }
            }
        }
        for u in &mut self.unions {
            for v in &mut u.variants {
                let target = format!("{}.{}", u.msg.name, v.msg.name);
                v.case.boxed = boxed.contains(&(u.msg.name.clone(), target));
            }
        }
    }

    /// What is left out, by kind of construct (for the coverage table).
    pub fn summary(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.c.records().any(|r| r.recursive) || self.c.enums().any(|e| e.recursive) {
            out.push("values nested more than 100 messages deep (protobuf's decoding limit)".to_string());
        }
        out
    }

    /// The rpc of a callable, if it crosses the network.
    pub fn rpc_for(&self, callable: &Callable) -> Option<&Rpc<'a>> {
        self.rpcs.iter().find(|r| r.callable.is_some_and(|c| c.ffi_func == callable.ffi_func))
    }

    pub fn has_rpcs(&self) -> bool {
        !self.rpcs.is_empty() || self.has_callbacks()
    }

    /// Whether the client implements anything the server calls (the service then has the
    /// `UniffiCallbacks` stream).
    pub fn has_callbacks(&self) -> bool {
        !self.callbacks.is_empty()
    }

    /// The callback interface or foreign trait of this name.
    pub fn callback(&self, name: &str) -> Option<&CallbackModel<'a>> {
        self.callbacks.iter().find(|c| c.name == name)
    }

    pub fn object_at(&self, index: impl std::borrow::Borrow<usize>) -> &ObjectModel<'a> {
        &self.objects[*index.borrow()]
    }

    /// The object (handle table) of an interface.
    pub fn object(&self, name: &str) -> Option<&ObjectModel<'a>> {
        self.objects.iter().find(|o| o.name == name)
    }

    /// The errors a status may carry: `(type url, kind)` for the Python client.
    pub fn error_unions(&self) -> impl Iterator<Item = &UnionModel<'a>> {
        self.unions.iter().filter(|u| u.is_error)
    }

    pub fn thrown_objects(&self) -> impl Iterator<Item = &ObjectModel<'a>> {
        self.objects.iter().filter(|o| o.thrown.is_some())
    }

    /// Whether an interface type's values cross the network as handles.
    pub fn is_remote_object(&self, name: &str) -> bool {
        self.object(name).is_some()
    }
}

fn left_out_reason(_why: &str) -> &'static str {
    "left out with what it holds"
}

fn trait_rpc(t: &str) -> &'static str {
    match t {
        "Debug" => "Debug",
        "Display" => "ToString",
        "Eq" => "Eq",
        "Ne" => "Ne",
        "Hash" => "Hash",
        _ => "Cmp",
    }
}

fn trait_doc(t: &str, of: &str) -> String {
    match t {
        "Debug" => format!("The `Debug` text of a `{of}` (Python: `repr()`)."),
        "Display" => format!("The `Display` text of a `{of}` (Python: `str()`)."),
        "Eq" => format!("Whether two `{of}` values are equal (`Eq`; Python: `==`)."),
        "Ne" => format!("Whether two `{of}` values differ (`Eq`; Python: `!=`)."),
        "Hash" => format!("The `Hash` of a `{of}` (Python: `hash()`)."),
        _ => format!("How two `{of}` values order (`Ord`: -1, 0, 1; Python: `<`, `>`...)."),
    }
}

/// A record field's or argument's proto name: snake case, `f<index>` for an unnamed field, and
/// a trailing `_` for a Python keyword (so Python's message classes take it as a keyword
/// argument).
fn proto_field_name(name: &str, index: usize) -> String {
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
        format!("f{index}")
    } else {
        not_a_python_keyword(name.to_snake_case())
    }
}

fn not_a_python_keyword(name: String) -> String {
    if crate::shared::python::is_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

pub fn check_proto_ident(what: &str, value: &str, dotted: bool) -> Result<()> {
    let ok = !value.is_empty()
        && value.split('.').all(|part| {
            !part.is_empty()
                && part.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        && (dotted || !value.contains('.'));
    if !ok {
        bail!(
            "gRPC {what} {value:?} is not a valid protobuf {}",
            if dotted { "package name (dot-separated identifiers)" } else { "identifier" }
        );
    }
    Ok(())
}

struct RpcBuilder<'m, 'a> {
    types: &'m mut Types<'a>,
    notes: &'m mut Vec<String>,
}

impl<'a> RpcBuilder<'_, 'a> {
    fn shown(callable: &Callable) -> String {
        match &callable.kind {
            CallableKind::Function => format!("function `{}`", callable.name),
            CallableKind::Constructor { self_type, .. } => format!("constructor `{}::{}`", type_name(&self_type.ty), callable.name),
            CallableKind::Method { self_type } | CallableKind::VTableMethod { self_type, .. } => {
                format!("method `{}::{}`", type_name(&self_type.ty), callable.name)
            }
        }
    }

    fn rpc(&mut self, name: String, callable: &'a Callable, doc: Option<String>, kind: RpcKind) -> Result<Option<Rpc<'a>>> {
        let shown = Self::shown(callable);
        let mut checked: Vec<(String, &Type)> =
            callable.arguments.iter().map(|a| (format!("argument `{}`", a.name), &a.ty.ty)).collect();
        if let Some(t) = &callable.return_type.ty {
            checked.push(("return value".into(), &t.ty));
        }
        if let Some(t) = &callable.throws_type.ty {
            checked.push(("error".into(), &t.ty));
        }
        for (what, ty) in checked {
            if let Some(why) = self.types.why_not(ty) {
                self.notes.push(format!("left out {shown}: its {what} is {why}, which cannot cross the network"));
                return Ok(None);
            }
        }
        let request_name = format!("{name}Request");
        let reply_name = format!("{name}Reply");
        let mut request = Vec::new();
        let arg_names: Vec<String> = callable.arguments.iter().enumerate().map(|(i, a)| proto_field_name(&a.name, i)).collect();
        let has_receiver = matches!(kind, RpcKind::Method { .. } | RpcKind::ValueMethod | RpcKind::Release { .. });
        match &kind {
            RpcKind::Method { .. } | RpcKind::ValueMethod | RpcKind::Release { .. } => {
                let base = if matches!(kind, RpcKind::ValueMethod) { "self_value" } else { "handle" };
                let field_name = if arg_names.iter().any(|a| a == base) { format!("uniffi_{base}") } else { base.to_string() };
                let self_ty = match &callable.kind {
                    CallableKind::Method { self_type } => self_type.ty.clone(),
                    _ => Type::UInt64,
                };
                let ty = if matches!(kind, RpcKind::ValueMethod) { self_ty } else { Type::UInt64 };
                let mut f = Field::new(&request_name, field_name, 1, &ty, None, self.types);
                f.doc = Some(if matches!(kind, RpcKind::ValueMethod) {
                    "The value the method is called on.".to_string()
                } else {
                    "The object's handle.".to_string()
                });
                request.push(f);
            }
            _ => {}
        }
        let offset = request.len();
        for (i, (a, field_name)) in callable.arguments.iter().zip(arg_names).enumerate() {
            request.push(Field::new(&request_name, field_name, i + 1 + offset, &a.ty.ty, None, self.types));
        }
        let ret_ty = match (&kind, &callable.kind) {
            (RpcKind::Constructor { .. }, CallableKind::Constructor { self_type, .. }) => Some(self_type.ty.clone()),
            _ => callable.return_type.ty.as_ref().map(|t| t.ty.clone()),
        };
        let ret = ret_ty.map(|t| Field::new(&reply_name, "value".into(), 1, &t, None, self.types));
        if let Some(t) = &callable.throws_type.ty {
            self.types.use_type(&t.ty);
        }
        let client = match (&kind, &callable.kind) {
            (RpcKind::Function, CallableKind::Function) => format!("ffi::{}", ident(&callable.name)),
            (_, CallableKind::Constructor { self_type, .. }) => {
                format!("{}::{}", client_type_in(&self_type.ty, "ffi::"), ident(&callable.name))
            }
            _ => ident(&callable.name),
        };
        let error = crate::shared::rust::client_error_type_in(callable.throws_type.ty.as_ref(), "ffi::");
        Ok(Some(Rpc {
            method: prost_field(&name),
            doc,
            request: Message { prost: prost_message_path(&request_name), py: request_name.clone(), doc: None, name: request_name, fields: request },
            reply: Message {
                prost: prost_message_path(&reply_name),
                py: reply_name.clone(),
                doc: None,
                name: reply_name,
                fields: ret.iter().cloned().collect(),
            },
            name,
            kind,
            callable: Some(callable),
            has_receiver,
            is_async: callable.is_async(),
            client,
            error,
        }))
    }

    fn release(&mut self, camel: &str, o: &ObjectModel<'a>, index: usize) -> Rpc<'a> {
        let name = format!("{camel}Release");
        let request_name = format!("{name}Request");
        let reply_name = format!("{name}Reply");
        let mut handle = Field::new(&request_name, "handle".into(), 1, &Type::UInt64, None, self.types);
        handle.doc = Some("The object's handle.".into());
        Rpc {
            method: prost_field(&name),
            doc: Some(format!("Frees a `{}` handle; later calls with it fail with NOT_FOUND.", o.name)),
            request: Message {
                prost: prost_message_path(&request_name),
                py: request_name.clone(),
                doc: None,
                name: request_name,
                fields: vec![handle],
            },
            reply: Message { prost: prost_message_path(&reply_name), py: reply_name.clone(), doc: None, name: reply_name, fields: vec![] },
            name,
            kind: RpcKind::Release { object: index },
            callable: None,
            has_receiver: true,
            is_async: false,
            client: String::new(),
            error: "ffi::rt::Never".into(),
        }
    }
}

fn type_name(ty: &Type) -> String {
    match ty {
        Type::Interface { name, .. } | Type::Record { name, .. } | Type::Enum { name, .. } => name.clone(),
        other => canonical_name(other),
    }
}
