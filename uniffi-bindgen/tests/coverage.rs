//! The coverage table (`docs/coverage.md`): every construct uniffi's bindings know, against
//! every backend of this CLI, each cell what the backend does with it: carries it, leaves part
//! of it out (with its note), or refuses it (with its message). Made here from the backends
//! themselves, so it cannot drift: the test fails when the checked-in table differs from what
//! the backends say. `UPDATE_COVERAGE=1 cargo test -p uniffi-bindgen --test coverage` rewrites
//! it.
//!
//! A construct is a small UDL spec, or (for what only proc-macros express) a fixture crate of
//! the workspace, built by `cargo build --workspace`. Behaviour is proven elsewhere: each
//! fixture's pytest suite runs unchanged on every Python backend (`scripts/test-fixtures.sh`),
//! and the rows name the tests that exercise the construct.

use std::path::{Path, PathBuf};

/// Where a construct's interface comes from.
enum Source {
    /// A UDL spec (the namespace is `c`).
    Udl(&'static str),
    /// A fixture crate's built library.
    Fixture(&'static str),
}

struct Construct {
    name: &'static str,
    source: Source,
    /// Where the behaviour is tested.
    tests: &'static str,
}

const CONSTRUCTS: &[Construct] = &[
    Construct {
        name: "every integer width, f32, f64 (range and type checks)",
        source: Source::Udl(
            "namespace c { u8 a(u8 v); i8 b(i8 v); u16 c(u16 v); i16 d(i16 v); u32 e(u32 v); i32 f(i32 v); u64 g(u64 v); i64 h(i64 v); f32 i(f32 v); f64 j(f64 v); };",
        ),
        tests: "`test_integer_round_trips_at_the_limits`, `test_integer_out_of_range_raises_value_error`, `test_integer_wrong_type_raises_type_error`, `test_floats_round_trip` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "bool, string",
        source: Source::Udl("namespace c { boolean a(boolean v); string b(string v); };"),
        tests: "`test_bool_round_trips`, `test_strings_round_trip`, `test_string_wrong_type_raises_type_error` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "bytes",
        source: Source::Udl("namespace c { bytes a(bytes v); };"),
        tests: "`test_bytes_round_trip`, `test_bytes_wrong_type_raises_type_error` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "timestamps, durations",
        source: Source::Udl("namespace c { timestamp a(timestamp v); duration b(duration v); };"),
        tests: "`test_timestamps_round_trip`, `test_durations_round_trip`, `test_negative_duration_raises_value_error` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "optionals, sequences, maps nested",
        source: Source::Udl(
            "namespace c { sequence<record<string, sequence<i32>?>>? a(record<u32, sequence<string?>> v); };",
        ),
        tests: "`test_optional_map_of_optional_sequences_of_enums`, `test_maps_with_integer_keys`, `test_collections_check_their_elements` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "records with defaults of every kind",
        source: Source::Udl(
            "namespace c { R make(R r); };\nenum E { \"A\", \"B\" };\ndictionary R { i32 n = -5; u8 h = 0x10; f64 x = 1.5; boolean b = true; string s = \"hi\"; string? o = null; string? p = \"some\"; sequence<i32> l = []; record<string, i32> m = {}; E e = \"B\"; };",
        ),
        tests: "`test_record_defaults`, `test_record_defaults_match_rust`, `test_mutable_record_defaults_are_not_shared` (coverage-udl, coverage-macros); `test_bare_defaults_of_builtin_types` (records-only)",
    },
    Construct {
        name: "flat enums",
        source: Source::Udl("namespace c { E pick(E e); };\nenum E { \"A\", \"B\" };"),
        tests: "`test_flat_enum`, `test_flat_enum_wrong_value_raises_value_error` (coverage-udl, coverage-macros); `test_flat_enum_is_a_python_enum` (records-only)",
    },
    Construct {
        name: "enums with data",
        source: Source::Udl("namespace c { D pick(D d); };\n[Enum] interface D { A(i32 x, string y); B(); };"),
        tests: "`test_enum_with_fields`, `test_enum_with_fields_equality_and_str` (coverage-udl), `test_data_enum_variant_checks` (coverage-macros)",
    },
    Construct {
        name: "explicit discriminants, unnamed-field variants, recursive enums (proc-macro)",
        source: Source::Fixture("coverage-macros"),
        tests: "`test_enum_with_explicit_discriminants`, `test_enum_with_unnamed_fields`, `test_recursive_enum`, `test_deeply_recursive_enum` (coverage-macros)",
    },
    Construct {
        name: "flat errors",
        source: Source::Udl("namespace c { [Throws=E] void f(); };\n[Error] enum E { \"Bad\", \"Worse\" };"),
        tests: "`test_flat_error` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "errors with fields",
        source: Source::Udl("namespace c { [Throws=E] void f(); };\n[Error] interface E { Bad(string why, u32 code); Worse(); };"),
        tests: "`test_rich_error` (coverage-udl), `test_rich_error_fields`, `test_error_with_unnamed_fields` (coverage-macros)",
    },
    Construct {
        name: "errors used as values",
        source: Source::Udl(
            "namespace c { E echo(E e); R wrap(R r); };\n[Error] interface E { Bad(string why); };\ndictionary R { E error; };",
        ),
        tests: "`test_error_as_record_field`, `test_error_as_argument_and_return_value` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "objects used as errors",
        source: Source::Fixture("coverage-udl"),
        tests: "`test_object_as_error` (coverage-udl, coverage-macros), `test_object_error_as_return_value` (coverage-macros)",
    },
    Construct {
        name: "objects: constructors, methods, passed and returned",
        source: Source::Udl(
            "namespace c { O make(); O? pass(O o, sequence<O> many); };\ninterface O { constructor(); [Name=named] constructor(string s); string m(i32 x); O same(); };",
        ),
        tests: "`test_named_constructors`, `test_objects_in_sequences_optionals_and_records`, `test_object_argument_type_is_checked` (coverage-udl)",
    },
    Construct {
        name: "Display, Debug, Eq, Hash, Ord",
        source: Source::Udl("namespace c { O make(); };\n[Traits=(Display, Debug, Eq, Hash, Ord)] interface O { constructor(); };"),
        tests: "`test_object_exported_traits`, `test_record_exported_traits`, `test_enum_exported_traits` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "trait interfaces implemented in Rust",
        source: Source::Udl("namespace c { T make(); string call(T t); };\n[Trait] interface T { string name(); };"),
        tests: "`test_rust_trait` (coverage-udl), `test_rust_trait_returned_to_python`, `test_rust_trait_passed_back_to_rust` (coverage-macros)",
    },
    Construct {
        name: "trait interfaces implemented in the foreign language",
        source: Source::Udl("namespace c { string call(T t); T keep(T t); };\n[Trait, WithForeign] interface T { string name(); };"),
        tests: "`test_python_trait_implementation_called_by_rust`, `test_python_trait_object_comes_back_identical` (coverage-udl), `test_registry_mixes_implementations` (coverage-macros)",
    },
    Construct {
        name: "callback interfaces",
        source: Source::Udl("namespace c { string call(Cb cb); };\ncallback interface Cb { string name(string x); };"),
        tests: "`test_callback_interface`, `test_callback_interface_errors` (coverage-udl), `test_callback_interface_by_duck_typing` (coverage-macros)",
    },
    Construct {
        name: "async functions, methods, constructors",
        source: Source::Udl(
            "namespace c { [Async] string f(); };\ninterface O { constructor(); [Async, Name=create] constructor(); [Async] string m(); };",
        ),
        tests: "`test_async_functions`, `test_async_constructor_and_methods`, `test_async_function_raises` (coverage-udl), `test_async_functions_are_coroutine_functions` (coverage-macros); cancellation: `test_10000_cancelled_calls_leave_nothing_behind` (async-wakers)",
    },
    Construct {
        name: "async methods of foreign traits",
        source: Source::Udl("namespace c { [Async] string call(T t); };\n[Trait, WithForeign] interface T { [Async] string name(); };"),
        tests: "`test_async_foreign_trait`, `test_async_foreign_trait_errors` (coverage-udl), `test_async_foreign_trait_awaited_by_rust` (coverage-macros)",
    },
    Construct {
        name: "custom types",
        source: Source::Udl("namespace c { Url echo(Url u); };\n[Custom] typedef string Url;"),
        tests: "`test_custom_type_with_python_conversion`, `test_custom_type_without_config_is_its_builtin` (coverage-udl, coverage-macros)",
    },
    Construct {
        name: "default arguments",
        source: Source::Udl(
            "namespace c { string f(optional i32 n = 3, optional string? s = null, optional E e = \"B\"); };\nenum E { \"A\", \"B\" };",
        ),
        tests: "`test_function_defaults`, `test_function_defaults_by_keyword`, `test_enum_default_argument` (coverage-udl), `test_signature_of_function_with_defaults` (coverage-macros)",
    },
    Construct {
        name: "docstrings",
        source: Source::Udl("/// The namespace.\nnamespace c { /// A function.\n string f(); };\n/// A record.\ndictionary R { /// A field.\n i32 x; };"),
        tests: "`test_docstrings`, `test_signatures`, `test_type_hints` (coverage-udl), `test_docstrings_of_members` (coverage-macros)",
    },
    Construct {
        name: "private items, proc-macro crates, `self: Arc<Self>`, methods on records and enums",
        source: Source::Fixture("coverage-macros"),
        tests: "coverage-macros (every test)",
    },
    Construct {
        name: "renamed items, everything above declared in UDL",
        source: Source::Fixture("coverage-udl"),
        tests: "coverage-udl (every test)",
    },
    Construct {
        name: "a component with only records and enums",
        source: Source::Fixture("records-only"),
        tests: "records-only (every test)",
    },
    Construct {
        name: "async futures woken in every way the `Waker` contract allows (under their own lock, before `Pending`, twice, after completion, never: cancelled), 1,000 concurrent and 10,000 cancelled calls, a foreign async method returning nothing",
        source: Source::Fixture("async-wakers"),
        tests: "async-wakers (every test; also its C test `tests/c/fixtures/smoke_async_wakers.c` and Kotlin suite on both Kotlin backends)",
    },
    Construct {
        name: "the construct tail: a primary constructor's docstring, Python subclasses of objects (own `__init__`) and of a foreign-capable trait's class, flat-error variant classes as record field values, enum discriminants beyond 32 bits, a callback interface first used inside an `Option`, enum variants named `None`/`True`/`False`, `-0.0`, objects as argument defaults, `[bindings.kotlin.custom_types]`, objects freed in Rust when the foreign side drops them",
        source: Source::Fixture("construct-tail"),
        tests: "construct-tail (every test, also over gRPC; its C test `tests/c/fixtures/smoke_construct_tail.c`; its Kotlin suites `ConstructTailTest`, `EdgeValuesTest` on both Kotlin backends)",
    },
    Construct {
        name: "custom types thrown as errors (newtypes over a string and an integer, from functions and a method): uniffi's Python raises the value (`TypeError`), uniffi's Kotlin generator stops at them",
        source: Source::Fixture("custom-errors"),
        tests: "custom-errors (every test, also over gRPC; its C test `tests/c/fixtures/smoke_custom_errors.c`; not on Kotlin: `fixtures/custom-errors/backends`)",
    },
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn library(krate: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_BIN_EXE_greet-bindgen")).parent().unwrap();
    let lib = dir.join(format!("{}{}{}", std::env::consts::DLL_PREFIX, krate.replace('-', "_"), std::env::consts::DLL_SUFFIX));
    assert!(lib.is_file(), "{} missing: run `cargo build --workspace` before this test", lib.display());
    lib
}

/// One table cell: what a backend does with the construct.
fn cell(result: &Result<Vec<String>, String>) -> String {
    let escape = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    match result {
        Ok(notes) if notes.is_empty() => "✓".to_string(),
        Ok(notes) => format!("✓ except: {}", escape(&notes.join("; "))),
        Err(message) => format!("✗ {}", escape(message)),
    }
}

#[test]
fn coverage_table_is_current() {
    // UDL specs are read as uniffi reads them: from a crate's `src/`.
    let tmp = tempfile::tempdir().unwrap();
    let krate = tmp.path().join("c");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"c\"\nversion = \"0.1.0\"\n").unwrap();
    let backends = greet_bindgen::coverage::backends();
    let mut table = String::from(
        "# What each backend carries\n\n\
         Made by `uniffi-bindgen/tests/coverage.rs` from the backends themselves (each builds its model\n\
         for the construct's interface); the test fails when this file differs. ✓: generated; \
         ✓ except: generated, with what it leaves out; ✗: generation stops with this message.\n\
         Behaviour is tested by the suites in the last column, run unchanged on every Python backend\n\
         (`scripts/test-fixtures.sh`).\n\n",
    );
    table.push_str("| construct |");
    for b in &backends {
        table.push_str(&format!(" {b} |"));
    }
    table.push_str(" tested by |\n|---|");
    for _ in &backends {
        table.push_str("---|");
    }
    table.push_str("---|\n");
    for (i, construct) in CONSTRUCTS.iter().enumerate() {
        let (source, crate_name) = match construct.source {
            Source::Udl(udl) => {
                let path = krate.join("src").join(format!("c{i}.udl"));
                std::fs::write(&path, udl).unwrap();
                (path, None)
            }
            Source::Fixture(krate) => (library(krate), Some(krate.replace('-', "_"))),
        };
        let results = greet_bindgen::coverage::check(&source, crate_name.as_deref(), &workspace_root())
            .unwrap_or_else(|e| panic!("{}: cannot load the interface: {e:#}", construct.name));
        table.push_str(&format!("| {} |", construct.name));
        for (_, result) in &results {
            table.push_str(&format!(" {} |", cell(result)));
        }
        table.push_str(&format!(" {} |\n", construct.tests));
    }
    let path = workspace_root().join("docs/coverage.md");
    if std::env::var_os("UPDATE_COVERAGE").is_some() {
        std::fs::write(&path, &table).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == table,
        "docs/coverage.md is out of date; run `UPDATE_COVERAGE=1 cargo test -p uniffi-bindgen --test coverage` and commit it\n\nexpected:\n{table}"
    );
}
