//! Where the time of a check goes, on one thread: reading the events (each read and
//! dropped), storing them (loading the register, less that reading), and judging them
//! (`Engine::audit`, the audit on one thread with its report), each timed in process on
//! the same bytes in memory.
//!
//!     cargo run --release --example phases -- FILE AS_OF [RUNS]
//!
//! Prints one line of JSON: the median wall-clock seconds of each phase over RUNS runs
//! (default 1), and the events read. Run it on one core (`taskset -c 0`) to compare it with
//! `ndjson_floor`: what stands between the check and the floor, phase by phase. A first
//! run touches fresh memory, as the CLI does; later runs in the same process reuse what the
//! run before freed, and store faster than the CLI can (on the lesson-heavy register, the
//! median of three 0.60 s, single runs 0.79-1.07 s), so `scripts/bench-shapes` runs it once
//! per process.

use std::time::Instant;

use ekzh_core::{load_bytes, Engine, OnError, Policy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: phases FILE AS_OF [RUNS]";
    let file = args.next().ok_or(usage)?;
    let policy = Policy::default();
    let as_of = policy.parse_as_of(&args.next().ok_or(usage)?)?;
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(1);
    let bytes = std::fs::read(&file)?;
    let (mut read, mut store, mut judge) = (Vec::new(), Vec::new(), Vec::new());
    let mut events = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        events = ekzh_core::read_borrowed(&bytes)
            .filter(Result::is_ok)
            .count();
        read.push(start.elapsed().as_secs_f64());

        let start = Instant::now();
        let mut engine = Engine::new(policy.clone());
        load_bytes(&mut engine, &bytes, OnError::Fail)?;
        let loaded = start.elapsed().as_secs_f64();
        store.push(loaded - read.last().copied().unwrap_or_default());

        let start = Instant::now();
        let report = engine.audit(as_of);
        judge.push(start.elapsed().as_secs_f64());
        std::hint::black_box(report);
    }
    println!(
        r#"{{"read": {:.6}, "store": {:.6}, "judge": {:.6}, "runs": {}, "events": {events}}}"#,
        median(&mut read),
        median(&mut store),
        median(&mut judge),
        runs.max(1)
    );
    Ok(())
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or_default()
}
