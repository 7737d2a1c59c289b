//! `ekzh gen`: writes a synthetic register (see `ekzh::gen`).

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::Failure;
use ekzh::gen::{generate, Options};

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
}

pub fn gen(args: &GenArgs) -> Result<ExitCode, Failure> {
    let options = Options {
        classes: args.classes,
        weeks: args.weeks,
        seed: args.seed,
        violations: args.violations,
        start: args.start,
    };
    options
        .validate()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let stdout = io::stdout().lock();
    match generate(&options, stdout) {
        Ok(generated) => {
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
