//! The parsed interface every backend of this CLI works from: uniffi's general IR
//! (`uniffi_bindgen::pipeline::general`), loaded once per component, plus lookups the
//! backends share. Nothing here knows any one component.

use std::collections::HashMap;

use anyhow::{bail, Context, Result};
use camino::Utf8Path;
pub use uniffi_bindgen::pipeline::general::{
    self, Argument, AsyncData, Callable, CallableKind, CallbackInterface, Constructor, CustomType, DefaultValue,
    Enum, FfiArgument, FfiDefinition, FfiFunction, FfiFunctionType, FfiStruct, FfiType, Field, FieldsKind,
    Function, Interface, Literal, Method, Namespace, Record, TypeDefinition, TypeNode, UniffiTraitMethods,
    Variant, VTable, VTableMethod,
};
pub use uniffi_bindgen::pipeline::initial::{EnumShape, ObjectImpl, Radix, TraitKind, Type};

/// One component's interface, as the general IR describes it, with indexes into it.
pub struct Component {
    pub ns: Namespace,
    ffi_functions: HashMap<String, FfiFunction>,
    ffi_function_types: HashMap<String, FfiFunctionType>,
}

impl Component {
    /// Loads the component of `crate_name` from `source` (a library or UDL file), applying the
    /// `[bindings.<bindings_key>]` renames and exclusions of its `uniffi.toml`.
    pub fn load(
        bindgen_paths: uniffi_bindgen::BindgenPaths,
        source: &Utf8Path,
        crate_name: Option<&str>,
        bindings_key: &str,
    ) -> Result<Self> {
        let loader = uniffi_bindgen::BindgenLoader::new(bindgen_paths, uniffi_bindgen::GlobalConfig::default());
        let metadata = loader.load_metadata(source).with_context(|| format!("cannot read the interface of {source}"))?;
        let initial = loader.load_pipeline_initial_root(source, metadata)?;
        let root = general::pipeline(bindings_key).execute(initial)?;
        let mut namespaces: Vec<Namespace> = root.namespaces.into_values().collect();
        let index = match crate_name {
            Some(name) => namespaces.iter().position(|ns| ns.crate_name == name),
            None if namespaces.len() == 1 => Some(0),
            None => bail!("several components in {source}; pass --crate"),
        }
        .with_context(|| format!("no uniffi component found in {source}"))?;
        Ok(Self::new(namespaces.swap_remove(index)))
    }

    pub fn new(ns: Namespace) -> Self {
        let mut ffi_functions = HashMap::new();
        let mut ffi_function_types = HashMap::new();
        for def in &ns.ffi_definitions {
            match def {
                FfiDefinition::RustFunction(f) => {
                    ffi_functions.insert(f.name.0.clone(), f.clone());
                }
                FfiDefinition::FunctionType(t) => {
                    ffi_function_types.insert(t.name.0.clone(), t.clone());
                }
                FfiDefinition::Struct(_) => {}
            }
        }
        Component { ns, ffi_functions, ffi_function_types }
    }

    /// The scaffolding function behind `callable`.
    pub fn ffi_function(&self, callable: &Callable) -> Result<&FfiFunction> {
        self.ffi_functions
            .get(&callable.ffi_func.0)
            .with_context(|| format!("the interface declares no FFI function {}", callable.ffi_func.0))
    }

    /// The callback function type named `name` (a vtable method's signature).
    pub fn ffi_function_type(&self, name: &str) -> Result<&FfiFunctionType> {
        self.ffi_function_types.get(name).with_context(|| format!("the interface declares no FFI callback type {name}"))
    }

    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.ns.type_definitions.iter().filter_map(|t| match t {
            TypeDefinition::Record(r) => Some(r),
            _ => None,
        })
    }

    pub fn enums(&self) -> impl Iterator<Item = &Enum> {
        self.ns.type_definitions.iter().filter_map(|t| match t {
            TypeDefinition::Enum(e) => Some(e),
            _ => None,
        })
    }

    pub fn interfaces(&self) -> impl Iterator<Item = &Interface> {
        self.ns.type_definitions.iter().filter_map(|t| match t {
            TypeDefinition::Interface(i) => Some(i),
            _ => None,
        })
    }

    pub fn callback_interfaces(&self) -> impl Iterator<Item = &CallbackInterface> {
        self.ns.type_definitions.iter().filter_map(|t| match t {
            TypeDefinition::CallbackInterface(c) => Some(c),
            _ => None,
        })
    }

    pub fn custom_types(&self) -> impl Iterator<Item = &CustomType> {
        self.ns.type_definitions.iter().filter_map(|t| match t {
            TypeDefinition::Custom(c) => Some(c),
            _ => None,
        })
    }

    pub fn interface(&self, name: &str) -> Option<&Interface> {
        self.interfaces().find(|i| i.name == name)
    }

    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        self.enums().find(|e| e.name == name)
    }

    pub fn record(&self, name: &str) -> Option<&Record> {
        self.records().find(|r| r.name == name)
    }

    /// Types this component uses from other crates, which no backend here can resolve.
    pub fn external_types(&self) -> Vec<String> {
        self.ns
            .type_definitions
            .iter()
            .filter_map(|t| match t {
                TypeDefinition::External(e) => Some(format!("`{}` from crate `{}`", e.name, e.namespace)),
                _ => None,
            })
            .collect()
    }
}

/// Whether an interface can be implemented by the foreign side.
pub fn has_foreign_impls(imp: &ObjectImpl) -> bool {
    matches!(imp, ObjectImpl::Trait(TraitKind::Both | TraitKind::ForeignOnly))
}

/// The methods uniffi generates for exported Rust traits (`Display`, `Eq`, ...), in a fixed
/// order, with the trait each implements.
pub fn uniffi_trait_methods(t: &UniffiTraitMethods) -> Vec<(&'static str, &Method)> {
    [
        ("Debug", &t.debug_fmt),
        ("Display", &t.display_fmt),
        ("Eq", &t.eq_eq),
        ("Ne", &t.eq_ne),
        ("Hash", &t.hash_hash),
        ("Ord", &t.ord_cmp),
    ]
    .into_iter()
    .filter_map(|(name, m)| m.as_ref().map(|m| (name, m)))
    .collect()
}

/// uniffi's canonical name of a type (`SequenceTypePoint`): unique per type.
pub fn canonical_name(ty: &Type) -> String {
    match ty {
        Type::UInt8 => "UInt8".into(),
        Type::Int8 => "Int8".into(),
        Type::UInt16 => "UInt16".into(),
        Type::Int16 => "Int16".into(),
        Type::UInt32 => "UInt32".into(),
        Type::Int32 => "Int32".into(),
        Type::UInt64 => "UInt64".into(),
        Type::Int64 => "Int64".into(),
        Type::Float32 => "Float32".into(),
        Type::Float64 => "Float64".into(),
        Type::Boolean => "Boolean".into(),
        Type::String => "String".into(),
        Type::Bytes => "Bytes".into(),
        Type::Timestamp => "Timestamp".into(),
        Type::Duration => "Duration".into(),
        Type::Interface { name, .. }
        | Type::CallbackInterface { name, .. }
        | Type::Record { name, .. }
        | Type::Enum { name, .. }
        | Type::Custom { name, .. } => format!("Type{name}"),
        Type::Optional { inner_type } => format!("Optional{}", canonical_name(inner_type)),
        Type::Sequence { inner_type } => format!("Sequence{}", canonical_name(inner_type)),
        Type::Set { inner_type } => format!("Set{}", canonical_name(inner_type)),
        Type::Map { key_type, value_type } => format!("Map{}{}", canonical_name(key_type), canonical_name(value_type)),
        Type::Box { inner_type } => format!("Box{}", canonical_name(inner_type)),
    }
}
