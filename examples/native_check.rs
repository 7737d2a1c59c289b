//! The native baseline of the Python and WebAssembly benchmarks: times
//! `ekzh_core::check_bytes` on a file, in process, as `ekzh.check(bytes)` and the
//! package's `check(text, asOf)` run it.
//!
//!     cargo run --release --example native_check -- FILE AS_OF [RUNS]
//!
//! Prints one line of JSON: the best and median wall-clock seconds of RUNS runs (default 5),
//! the best CPU seconds of the thread (Linux: `/proc/thread-self/schedstat`, the clock
//! Python's `time.thread_time` reads; less disturbed by other processes than the wall
//! clock), and the number of findings.

use std::time::Instant;

use ekzh_core::{check_bytes, OnError, Policy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: native_check FILE AS_OF [RUNS]";
    let file = args.next().ok_or(usage)?;
    let policy = Policy::default();
    // Read as every face reads it: 31.10.2024, 2024-10-31 18:00, RFC 3339 ...
    let as_of = policy.parse_as_of(&args.next().ok_or(usage)?)?;
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);
    let bytes = std::fs::read(&file)?;
    let mut times = Vec::with_capacity(runs);
    let mut cpu = f64::INFINITY;
    let mut findings = 0;
    for _ in 0..runs.max(1) {
        let (start, start_cpu) = (Instant::now(), thread_cpu());
        let report = check_bytes(&bytes, as_of, &policy, OnError::Fail)?;
        times.push(start.elapsed().as_secs_f64());
        cpu = cpu.min(thread_cpu() - start_cpu);
        findings = report.findings.len();
    }
    times.sort_by(f64::total_cmp);
    let best = times.first().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    println!(
        r#"{{"best": {best:.6}, "median": {median:.6}, "cpu": {cpu:.6}, "runs": {}, "findings": {findings}}}"#,
        times.len()
    );
    Ok(())
}

/// Seconds this thread has run on a CPU (NaN where Linux's schedstat is not there).
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}
