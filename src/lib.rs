#![doc = include_str!("../README.md")]

pub use ekzh_core::*;

pub mod stream;
