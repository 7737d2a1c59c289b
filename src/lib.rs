#![doc = include_str!("../README.md")]

pub use ekzh_core::*;

/// Reading a register from a file or a pipe, on two cores: the `ekzh-io` crate.
pub use ekzh_io as stream;
