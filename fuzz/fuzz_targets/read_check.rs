//! Any bytes as a register: read, checked with bad events skipped and without, pushed and
//! audited. See `ekzh_fuzz::read_check`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ekzh_fuzz::read_check(data));
