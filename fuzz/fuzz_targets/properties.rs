//! Registers built with `arbitrary`, checked against the properties of SPEC §4. See
//! `ekzh_fuzz::properties`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|register: ekzh_fuzz::register::Register| ekzh_fuzz::properties(&register));
