//! How fast ekzh checks a register, beside two floors measured in the same run on the same
//! bytes: serde_json reading every line into a `serde_json::Value`, and serde's
//! `IgnoredAny` (syntax only, nothing kept).
//!
//! The registers are written by `ekzh gen` (a whole school year, clean but for what the
//! generator lists as its own mistakes, which the check must find) with as many classes as
//! make about 100 000 and 1 000 000 events. `scripts/bench` runs this and
//! writes BENCHMARKS.md from the results.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ekzh::{check_bytes, Engine, Event, OnError, Policy};
use ekzh_gen::{generate, Generated, Options};
use serde::de::IgnoredAny;

/// Events a class writes in a whole school year, about (seed 1).
const EVENTS_PER_CLASS_YEAR: u64 = 19_000;

struct Register {
    name: &'static str,
    bytes: Vec<u8>,
    generated: Generated,
}

fn register(name: &'static str, events: u64) -> Register {
    let classes = (events / EVENTS_PER_CLASS_YEAR).max(1) as u32;
    let options = Options {
        classes,
        weeks: ekzh_gen::YEAR_WEEKS,
        ..Options::default()
    };
    let mut bytes = Vec::new();
    let generated = generate(&options, &mut bytes).unwrap();
    eprintln!(
        "register {name}: {classes} classes, {} weeks, {} events, {} bytes",
        options.weeks,
        generated.events,
        bytes.len()
    );
    Register {
        name,
        bytes,
        generated,
    }
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty())
}

fn floors_and_check(c: &mut Criterion, r: &Register) {
    let mut g = c.benchmark_group(format!("batch/{}", r.name));
    g.throughput(Throughput::Elements(r.generated.events));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(if r.bytes.len() > 50_000_000 {
        30
    } else {
        8
    }));
    g.bench_function("floor_ignored_any", |b| {
        b.iter(|| {
            for line in lines(&r.bytes) {
                black_box(serde_json::from_slice::<IgnoredAny>(line).unwrap());
            }
        })
    });
    g.bench_function("floor_value", |b| {
        b.iter(|| {
            for line in lines(&r.bytes) {
                black_box(serde_json::from_slice::<serde_json::Value>(line).unwrap());
            }
        })
    });
    let policy = Policy::default();
    g.bench_function("check_bytes", |b| {
        b.iter(|| {
            let report = check_bytes(&r.bytes, r.generated.as_of, &policy, OnError::Fail).unwrap();
            assert_eq!(report.findings.len(), r.generated.mistakes.len());
            black_box(report)
        })
    });
    // The CLI's path: NDJSON streamed line by line and audited, on one core and on two
    // (parsing on the second while the engine stores; the audit in two halves).
    for cores in [1, 2] {
        g.bench_function(format!("cli_stream_{cores}core"), |b| {
            b.iter(|| {
                let mut engine = Engine::new(policy.clone());
                ekzh::stream::load_reader_on(&mut engine, &r.bytes[..], OnError::Fail, cores)
                    .unwrap();
                let report = ekzh::stream::audit_on(&engine, r.generated.as_of, cores);
                assert_eq!(report.findings.len(), r.generated.mistakes.len());
                black_box(report)
            })
        });
    }
    g.finish();
}

/// `Engine::push` of every event in the order they were made, and the audit at the end.
fn push_and_audit(c: &mut Criterion, r: &Register) {
    let events: Vec<Event> = ekzh::read(&r.bytes).collect::<Result<_, _>>().unwrap();
    let mut g = c.benchmark_group(format!("engine/{}", r.name));
    g.throughput(Throughput::Elements(r.generated.events));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(if r.bytes.len() > 50_000_000 {
        30
    } else {
        8
    }));
    g.bench_function("push", |b| {
        b.iter_batched(
            || events.clone(),
            |events| {
                let mut engine = Engine::new(Policy::default());
                for event in events {
                    black_box(engine.push(event).unwrap());
                }
                engine
            },
            BatchSize::PerIteration,
        )
    });
    push_latency(r, &events);
    let mut engine = Engine::new(Policy::default());
    for event in events {
        engine.insert(event).unwrap();
    }
    g.bench_function("audit", |b| {
        b.iter(|| black_box(engine.audit(r.generated.as_of)))
    });
    g.bench_function("audit_2core", |b| {
        b.iter(|| black_box(ekzh::stream::audit_on(&engine, r.generated.as_of, 2)))
    });
    g.finish();
}

/// The time of each `push` on its own, as a portal pushes entries live: the median and the
/// tail over every event of the register (printed for `scripts/bench`).
fn push_latency(r: &Register, events: &[Event]) {
    let mut engine = Engine::new(Policy::default());
    let mut times: Vec<u64> = Vec::with_capacity(events.len());
    for event in events.iter().cloned() {
        let start = Instant::now();
        black_box(engine.push(event).unwrap());
        times.push(start.elapsed().as_nanos() as u64);
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    eprintln!(
        "push latency {}: median {} ns, p90 {} ns, p99 {} ns, max {} ns",
        r.name,
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
}

fn benches(c: &mut Criterion) {
    let small = register("100k", 100_000);
    floors_and_check(c, &small);
    push_and_audit(c, &small);
    drop(small);
    let large = register("1M", 1_000_000);
    floors_and_check(c, &large);
    push_and_audit(c, &large);
}

criterion_group!(check, benches);
criterion_main!(check);
