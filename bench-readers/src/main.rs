//! One JSON reader over an NDJSON register, for counting its instructions (valgrind
//! callgrind) beside the others: the file is read whole, then every line is read into
//! ekzh's event by the reader named (see `src/lib.rs`). `lines` only splits
//! the lines: subtract it to get the reader's own cost.
//!
//!     cargo run --release --manifest-path bench-readers/Cargo.toml -- today register.ndjson
//!     cargo run --release --manifest-path bench-readers/Cargo.toml -- check register.ndjson   (all read alike?)
//!     cargo run --release --manifest-path bench-readers/Cargo.toml -- time register.ndjson    (each, ns an event)
//!
//! `time` runs every reader in turn, ten rounds, and prints each one's fastest round: the
//! least disturbed by whatever else runs on the machine.

use readers::Reader;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: readers READER|check|time FILE";
    let (name, path) = (args.next().expect(usage), args.next().expect(usage));
    let text = std::fs::read_to_string(path).unwrap();
    if name == "check" {
        readers::check_alike(&text);
        println!("every reader reads every line alike");
        return;
    }
    if name == "time" {
        let events = readers::lines(&text).count() as f64;
        let mut best = [f64::MAX; Reader::ALL.len()];
        for _ in 0..10 {
            for (reader, best) in Reader::ALL.iter().zip(&mut best) {
                let start = std::time::Instant::now();
                reader.read_all(&text);
                *best = best.min(start.elapsed().as_nanos() as f64 / events);
            }
        }
        for (reader, best) in Reader::ALL.iter().zip(best) {
            println!("{} {best:.0}", reader.name());
        }
        return;
    }
    let names: Vec<_> = Reader::ALL.iter().map(|r| r.name()).collect();
    let Some(reader) = Reader::named(&name) else {
        eprintln!("readers: {}", names.join(", "));
        std::process::exit(2);
    };
    println!("{} events", reader.read_all(&text));
}
