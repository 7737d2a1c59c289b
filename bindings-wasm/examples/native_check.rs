//! The native side of the WebAssembly benchmark (bench/bench.mjs): checks a register with
//! `ekzh_core::check_bytes`, as the package's `check(text, asOf)` does inside WebAssembly,
//! and prints each run's time in milliseconds as a JSON list.
//!
//! `cargo run -p ekzh-wasm --release --example native_check -- FILE AS_OF [RUNS]`

use std::process::ExitCode;
use std::time::Instant;

use ekzh_core::{check_bytes, OnError, Policy};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(as_of)) = (args.first(), args.get(1)) else {
        eprintln!("usage: native_check FILE AS_OF [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let policy = Policy::default();
    let (Ok(bytes), Some(as_of)) = (std::fs::read(path), policy.parse_as_of(as_of)) else {
        eprintln!("native_check: cannot read `{path}` or `{as_of}`");
        return ExitCode::from(2);
    };
    let mut times = Vec::with_capacity(runs);
    let mut findings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        match check_bytes(&bytes, as_of, &policy, OnError::Fail) {
            Ok(report) => findings = report.findings.len(),
            Err(e) => {
                eprintln!("native_check: {e}");
                return ExitCode::from(2);
            }
        }
        times.push(format!("{:.3}", start.elapsed().as_secs_f64() * 1000.0));
    }
    println!(
        "{{\"findings\": {findings}, \"ms\": [{}]}}",
        times.join(", ")
    );
    ExitCode::SUCCESS
}
