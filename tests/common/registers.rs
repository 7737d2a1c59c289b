//! Random but plausible registers for property tests: the model of the `ekzh-gen` crate
//! (feature `proptest`), which the fuzz targets build with `arbitrary` too.

// Not every test binary that includes `common` draws random registers.
#[allow(unused_imports)]
pub use ekzh_gen::model::*;
