//! The fuzz checks replayed without libFuzzer, on stable: every input kept in
//! `fuzz/regressions/TARGET/` (inputs that once failed, kept after the fix), and, when asked
//! (`cargo test -- --ignored`), how much of the catalogue the local corpus reaches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use ekzh_fuzz::register::Register;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file());
    out.sort();
    out
}

fn dir(parts: &[&str]) -> PathBuf {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.extend(parts);
    path
}

/// The register a properties input stands for, as libFuzzer hands it to the target.
fn register(bytes: &[u8]) -> Option<Register> {
    Register::arbitrary_take_rest(Unstructured::new(bytes)).ok()
}

#[test]
fn regressions_of_read_check() {
    for file in files(&dir(&["regressions", "read_check"])) {
        let bytes = std::fs::read(&file).unwrap();
        println!("{}", file.display());
        ekzh_fuzz::read_check(&bytes);
    }
}

#[test]
fn regressions_of_properties() {
    for file in files(&dir(&["regressions", "properties"])) {
        let bytes = std::fs::read(&file).unwrap();
        println!("{}", file.display());
        if let Some(register) = register(&bytes) {
            ekzh_fuzz::properties(&register);
        }
    }
}

/// The rules the properties corpus makes fire, and how often: `cargo test --release --test
/// corpus -- --ignored --nocapture`.
#[test]
#[ignore]
fn rules_the_properties_corpus_reaches() {
    let mut fired: BTreeMap<&str, usize> = ekzh::catalogue().map(|r| (r.id, 0)).collect();
    let inputs = files(&dir(&["corpus", "properties"]));
    for file in &inputs {
        let Some(register) = register(&std::fs::read(file).unwrap()) else {
            continue;
        };
        let policy = ekzh::Policy::from_json(register.policy_json()).unwrap();
        let (events, _) = ekzh_fuzz::register::read_lines(&register.lines());
        let mut engine = ekzh::Engine::new(policy);
        for event in events {
            let _ = engine.insert(event);
        }
        for finding in engine.audit(register.as_of()).findings {
            *fired.entry(finding.rule).or_default() += 1;
        }
    }
    println!("{} inputs", inputs.len());
    for (rule, n) in &fired {
        println!("{n:>8} {rule}");
    }
}

/// How long the properties take per input of the local corpus: `cargo test --release --test
/// corpus -- --ignored --nocapture`.
#[test]
#[ignore]
fn time_per_properties_input() {
    let inputs = files(&dir(&["corpus", "properties"]));
    let start = std::time::Instant::now();
    let mut slowest = (std::time::Duration::ZERO, PathBuf::new(), 0);
    for file in &inputs {
        let t = std::time::Instant::now();
        if let Some(register) = register(&std::fs::read(file).unwrap()) {
            let n = register.case().events.len();
            ekzh_fuzz::properties(&register);
            if t.elapsed() > slowest.0 {
                slowest = (t.elapsed(), file.clone(), n);
            }
        }
    }
    println!(
        "{} inputs in {:?}; slowest {:?} ({} events): {}",
        inputs.len(),
        start.elapsed(),
        slowest.0,
        slowest.2,
        slowest.1.display()
    );
}

/// How long `read_check` takes per input of the local corpus, and the slowest inputs.
#[test]
#[ignore]
fn time_per_read_check_input() {
    let inputs = files(&dir(&["corpus", "read_check"]));
    let start = std::time::Instant::now();
    let mut times = Vec::new();
    for file in &inputs {
        let bytes = std::fs::read(file).unwrap();
        let t = std::time::Instant::now();
        ekzh_fuzz::read_check(&bytes);
        times.push((t.elapsed(), bytes.len(), file.clone()));
    }
    times.sort();
    println!(
        "{} inputs in {:?}; the slowest:",
        inputs.len(),
        start.elapsed()
    );
    for (t, len, file) in times.iter().rev().take(8) {
        println!("  {t:?} {len} bytes {}", file.display());
    }
}
