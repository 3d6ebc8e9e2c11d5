//! `inventory` (package `inventory-core`): the user's own crate in scripts/test-outside.sh, a
//! proc-macro uniffi component outside the repository. Its modules are those of
//! fixtures/coverage-macros/src (copied in by the script: one of each construct the fixtures
//! cover, every item private) plus `inventory` (tests/outside/src/inventory.rs).

uniffi::setup_scaffolding!();

mod asyncs;
mod callbacks;
mod custom;
mod enums;
mod errors;
mod inventory;
mod objects;
mod primitives;
mod records;
mod timer;
mod traits;
