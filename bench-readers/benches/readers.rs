//! The JSON readers against each other on the three shapes of registers (`scripts/bench-
//! shapes`: the generator's mix, one heavy with lessons, a region's schools in one file),
//! about 100 000 events each: time to read every line into ekzh's event by today's reader
//! (the flat reader, else serde_json), by serde_json alone, by sonic-rs and by simd-json,
//! beside serde_json into `IgnoredAny` (the floor) in the same run on the same bytes.
//! docs/decisions.md ("Issue 14: the JSON reader") says why ekzh keeps the one it has.
//!
//! The registers: `target/bench/shapes/SHAPE/100k.ndjson` as scripts/bench-shapes leaves
//! them, or the files `SHAPE.ndjson` in the folder `EKZH_READERS_DIR`; without them the
//! default and lessons shapes are generated here and the region is left out.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ekzh_gen::{generate, Options, Shape};
use readers::Reader;

/// The register of a shape, about 100 000 events: from a file if there is one.
fn register(shape: &str) -> Option<String> {
    let file = match std::env::var_os("EKZH_READERS_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir).join(format!("{shape}.ndjson")),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../target/bench/shapes")
            .join(shape)
            .join("100k.ndjson"),
    };
    if let Ok(text) = std::fs::read_to_string(&file) {
        eprintln!("register {shape}: {}", file.display());
        return Some(text);
    }
    // As `ekzh gen` makes them (scripts/bench-shapes).
    let options = match shape {
        "default" => Options {
            classes: 5,
            ..Options::default()
        },
        "lessons" => Options {
            classes: 38,
            shape: Shape {
                students: (2, 4),
                teachers_per_class: Some(0.3),
                oral_marks: 0.0,
                parents: false,
                homework: false,
                ..Shape::default()
            },
            ..Options::default()
        },
        _ => {
            eprintln!("register {shape}: no file {}, left out", file.display());
            return None;
        }
    };
    let mut bytes = Vec::new();
    generate(&options, &mut bytes).unwrap();
    eprintln!("register {shape}: generated");
    Some(String::from_utf8(bytes).unwrap())
}

fn benches(c: &mut Criterion) {
    for shape in ["default", "lessons", "region"] {
        let Some(text) = register(shape) else {
            continue;
        };
        readers::check_alike(&text);
        let events = readers::lines(&text).count() as u64;
        eprintln!("register {shape}: {events} events, {} bytes", text.len());
        let mut g = c.benchmark_group(format!("readers/{shape}"));
        g.throughput(Throughput::Elements(events));
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(4));
        for reader in [
            Reader::FloorIgnoredAny,
            Reader::Today,
            Reader::SerdeJson,
            Reader::SonicRs,
            Reader::SimdJson,
        ] {
            g.bench_function(reader.name(), |b| b.iter(|| reader.read_all(&text)));
        }
        g.finish();
    }
}

criterion_group!(readers_group, benches);
criterion_main!(readers_group);
