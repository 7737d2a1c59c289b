//! What each kind of entry costs in the stored register, in bytes: registers that differ
//! from the one given only in how many entries of one kind they hold are loaded into an
//! engine, the bytes it holds counted by a counting allocator, and the cost per entry is
//! the slope of bytes over entries (least squares over four registers).
//!
//!     cargo run --release --example memory -- register.ndjson
//!
//! Entries that nothing refers to (marks, attendance, homework, final marks, diary views)
//! are taken away: a quarter, half and three quarters of them, spread over the register.
//! Lessons, students and classes are added: copies of a quarter, half and three quarters
//! of the lessons (every version of each) and of the students under ids of their own, each
//! right after its original, and classes of grade 5 with nobody in them, once after the
//! last class and once after every other event (`class_last`: an id met last, as a second
//! school's classes in a file of two schools' registers). Prints one JSON object a line: the
//! register's events and the bytes the engine holds, then each kind's entries and bytes
//! per entry. `scripts/bench` writes them into BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::alloc::System;

use ekzh::{load_bytes, Engine, OnError, Policy};
use serde_json::{json, Value};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The bytes an engine holds once `lines` are loaded into it, and how many events it took.
fn held(lines: &[String]) -> (i64, usize) {
    let mut bytes = lines.join("\n").into_bytes();
    bytes.push(b'\n');
    let region = Region::new(GLOBAL);
    let mut engine = Engine::new(Policy::default());
    load_bytes(&mut engine, &bytes, OnError::Skip).unwrap();
    let change = region.change();
    // A reallocation's growth is counted in `bytes_allocated` (its shrinking in
    // `bytes_deallocated`) already.
    let live = change.bytes_allocated as i64 - change.bytes_deallocated as i64;
    let events = engine.len();
    drop(engine);
    (live, events)
}

fn kind(line: &str) -> Option<String> {
    let value: Value = serde_json::from_str(line).ok()?;
    Some(value.get("type")?.as_str()?.to_owned())
}

/// Least squares slope of `y` over `x`.
fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    sxy / sxx
}

/// Whether the `i`-th item is one of a `share` of the items, spread evenly over them.
fn picked(i: usize, share: f64) -> bool {
    ((i + 1) as f64 * share).floor() > (i as f64 * share).floor()
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: memory FILE");
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    drop(text);
    let kinds: Vec<String> = lines.iter().map(|l| kind(l).unwrap_or_default()).collect();
    let (base, events) = held(&lines);
    println!("{}", json!({"events": events, "bytes": base}));
    let shares = [0.25, 0.5, 0.75];

    for dropped in ["mark", "attendance", "homework", "final_mark", "diary_view"] {
        let total = kinds.iter().filter(|k| *k == dropped).count();
        if total < 8 {
            continue;
        }
        let mut points = vec![(total as f64, base as f64)];
        for share in shares {
            let mut i = 0;
            let mut kept = Vec::with_capacity(lines.len());
            let mut left = 0;
            for (line, k) in lines.iter().zip(&kinds) {
                if k == dropped {
                    i += 1;
                    if picked(i - 1, share) {
                        continue;
                    }
                    left += 1;
                }
                kept.push(line.clone());
            }
            points.push((left as f64, held(&kept).0 as f64));
        }
        println!(
            "{}",
            json!({"kind": dropped, "entries": total, "bytes_each": slope(&points)})
        );
    }

    // Lessons and students: copies under ids of their own.
    for copied in ["lesson", "student"] {
        let mut ids: Vec<String> = Vec::new();
        for (line, k) in lines.iter().zip(&kinds) {
            if k == copied {
                let v: Value = serde_json::from_str(line).unwrap();
                let id = v["id"].as_str().unwrap_or_default().to_owned();
                if ids.last() != Some(&id) && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let total = ids.len();
        if total < 8 {
            continue;
        }
        let mut points = vec![(total as f64, base as f64)];
        for share in shares {
            let chosen: std::collections::HashSet<&str> = ids
                .iter()
                .enumerate()
                .filter(|(i, _)| picked(*i, share))
                .map(|(_, id)| id.as_str())
                .collect();
            // Each copy right after its original: its id is met where the original's is.
            let mut more = Vec::with_capacity(lines.len() * 2);
            for (line, k) in lines.iter().zip(&kinds) {
                more.push(line.clone());
                if k == copied {
                    let mut v: Value = serde_json::from_str(line).unwrap();
                    let id = v["id"].as_str().unwrap_or_default().to_owned();
                    if chosen.contains(id.as_str()) {
                        v["id"] = Value::String(format!("{id}~copy"));
                        more.push(v.to_string());
                    }
                }
            }
            points.push(((total + chosen.len()) as f64, held(&more).0 as f64));
        }
        println!(
            "{}",
            json!({"kind": copied, "entries": total, "bytes_each": slope(&points)})
        );
    }

    // Classes: empty ones of grade 5, declared after the last class, and after every
    // other event (an id met last: a school's classes after another school's register).
    let total = kinds.iter().filter(|k| *k == "class").count();
    let last_class = kinds.iter().rposition(|k| k == "class").unwrap_or(0);
    for (name, at) in [("class", last_class + 1), ("class_last", lines.len())] {
        let mut points = vec![(total as f64, base as f64)];
        for added in [total, 2 * total, 4 * total] {
            let mut more = lines.clone();
            more.splice(
                at..at,
                (0..added).map(|i| {
                    json!({"type": "class", "id": format!("empty-{i}"), "grade": 5}).to_string()
                }),
            );
            points.push(((total + added) as f64, held(&more).0 as f64));
        }
        println!(
            "{}",
            json!({"kind": name, "entries": total, "bytes_each": slope(&points)})
        );
    }
}
