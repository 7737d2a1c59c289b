//! `ekzh gen`: writes a synthetic register (see the `ekzh-gen` crate).

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::Failure;
use ekzh_gen::{generate, Options};

#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Classes, spread over grades 1–11 (33: three of each grade).
    #[arg(long, default_value_t = 33)]
    classes: u32,
    /// Study weeks of the school year; 34 is the whole year, with its end.
    #[arg(long, default_value_t = 34)]
    weeks: u32,
    /// The seed: the same seed writes the same register.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The share of entries made the typical wrong way (0 to 1; 0: a clean register).
    #[arg(long, default_value_t = 0.0, value_name = "RATE")]
    violations: f64,
    /// The first school day (YYYY-MM-DD, from 26 August to 10 September).
    #[arg(long, value_name = "DATE", default_value = "2024-09-02")]
    start: NaiveDate,
    /// Write the mistakes made on purpose to this file, one JSON object a line: the rule that
    /// must report each, and the event, lesson, student, parent, class or date it concerns.
    #[arg(long, value_name = "FILE")]
    mistakes: Option<std::path::PathBuf>,
}

pub fn gen(args: &GenArgs) -> Result<ExitCode, Failure> {
    let options = Options {
        classes: args.classes,
        weeks: args.weeks,
        seed: args.seed,
        violations: args.violations,
        start: args.start,
        ..Options::default()
    };
    options
        .validate()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let stdout = io::stdout().lock();
    match generate(&options, stdout) {
        Ok(generated) => {
            if let Some(path) = &args.mistakes {
                write_mistakes(path, &generated.mistakes)?;
            }
            let as_of = generated.as_of.format("%Y-%m-%dT%H:%M:%S%:z");
            let mut err = io::stderr().lock();
            let _ = writeln!(
                err,
                "ekzh: {} events; check them with `ekzh check FILE --as-of {as_of}`{}",
                generated.events,
                if generated.mistakes.is_empty() {
                    String::new()
                } else {
                    format!(" ({} mistakes made on purpose)", generated.mistakes.len())
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(Failure::Io {
            path: "standard output".into(),
            error,
        }),
    }
}

fn write_mistakes(path: &std::path::Path, mistakes: &[ekzh_gen::Mistake]) -> Result<(), Failure> {
    let io_error = |error| Failure::Io {
        path: path.display().to_string(),
        error,
    };
    let mut out = io::BufWriter::new(std::fs::File::create(path).map_err(io_error)?);
    for m in mistakes {
        let line = serde_json::json!({
            "rule": m.rule,
            "event": m.event,
            "lesson": m.lesson,
            "student": m.student,
            "subject": m.subject,
            "period": m.period,
            "parent": m.parent,
            "class": m.class,
            "date": m.date,
        });
        writeln!(out, "{line}").map_err(io_error)?;
    }
    out.flush().map_err(io_error)
}
