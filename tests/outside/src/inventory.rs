//! The crate's own items, beside the modules copied from fixtures/coverage-macros/src (one of
//! each construct the fixtures cover). Every item is private. `normalize_sku` is the function
//! whose signature scripts/test-outside.sh changes in its stale-library scenario.

use std::sync::{Arc, Mutex};

use crate::timer::sleep_ms;

/// `raw` trimmed and upper-cased.
#[uniffi::export]
fn normalize_sku(raw: String) -> String {
    raw.trim().to_uppercase()
}

/// A stock of SKUs, shared between the foreign language and Rust.
#[derive(uniffi::Object)]
struct Stock {
    items: Mutex<Vec<String>>,
}

#[uniffi::export]
impl Stock {
    /// An empty stock.
    #[uniffi::constructor]
    fn new() -> Arc<Self> {
        Arc::new(Stock { items: Mutex::new(Vec::new()) })
    }

    /// Adds `sku` (normalized) and returns this same stock: an `Arc<Self>` receiver.
    fn add(self: Arc<Self>, sku: String) -> Arc<Self> {
        self.items.lock().unwrap().push(normalize_sku(sku));
        self
    }

    /// How many SKUs the stock holds.
    fn count(&self) -> u32 {
        self.items.lock().unwrap().len() as u32
    }
}

/// The number of SKUs in `stock`, after `ms` milliseconds.
#[uniffi::export]
async fn count_later(stock: Arc<Stock>, ms: u32) -> u32 {
    sleep_ms(ms).await;
    stock.count()
}
