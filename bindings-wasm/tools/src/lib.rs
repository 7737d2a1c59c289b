//! The tools of ekzh for WebAssembly that a live check does not need: `fromNetschool(json,
//! options?)`, the core's NetSchool importer (SPEC §7, [`netschool`]).
//!
//! A module of its own (`ekzh/tools`, `ekzh/web/tools`), as the справка's is: a portal's
//! live warnings never import a NetSchool download, so the checker's module does not carry
//! the importer, and a page loads this one only when it imports one.
//!
//! Errors are thrown as the checker's are: an `Error` with `kind`, `event`, `line` and
//! `field` (each `null` when not applicable), and the importer's `file` and `path`.

use wasm_bindgen::prelude::*;

mod netschool;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");
