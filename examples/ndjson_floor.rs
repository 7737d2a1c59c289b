//! The floor `scripts/bench` measures `ekzh check` against: read an NDJSON file line by line
//! and check each line's JSON syntax with serde's `IgnoredAny`, keeping nothing.
//!
//!     cargo run --release --example ndjson_floor -- register.ndjson
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};

fn main() {
    let path = std::env::args().nth(1).expect("usage: ndjson_floor FILE");
    let mut reader = BufReader::with_capacity(1 << 16, std::fs::File::open(path).unwrap());
    let (mut line, mut events) = (Vec::new(), 0u64);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).unwrap() == 0 {
            break;
        }
        let text = line.trim_ascii();
        if !text.is_empty() {
            serde_json::from_slice::<serde::de::IgnoredAny>(text).unwrap();
            events += 1;
        }
    }
    println!("{events} events");
}
