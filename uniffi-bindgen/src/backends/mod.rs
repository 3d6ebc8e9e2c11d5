//! The backends this CLI renders itself, one folder each (model code here, templates under
//! `templates/<backend>/`). No backend imports another; what they share is in `shared`.

pub mod python_native;
