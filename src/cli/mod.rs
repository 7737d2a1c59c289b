//! The command line: `ekzh check`, `ekzh rules`, `ekzh explain`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::{Parser, Subcommand, ValueEnum};
use ekzh_core::{
    load, read, read_line, Engine, Format, InputError, Lang, OnError, Policy, Report, Severity,
};

mod text;

/// The bundled demo register: two classes, September–October, with a handful of the
/// typical mistakes.
const DEMO: &str = include_str!("../../examples/demo.ndjson");

/// Checks an electronic class register (ЭКЖ) against the school's Regulation
/// («Положение о ведении электронного классного журнала»).
#[derive(Debug, Parser)]
#[command(name = "ekzh", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a register and print the findings.
    Check(CheckArgs),
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule's id, such as `grade1_mark`.
        id: String,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The register: JSON array, {"events": [...]} or NDJSON; `-` for standard input.
    /// Without it, the bundled demo register is checked.
    file: Option<PathBuf>,
    /// The moment to check at: RFC 3339 (2024-10-31T18:00:00+04:00) or a date (the end of
    /// that day, school time). Default: now.
    #[arg(long, value_name = "DATETIME")]
    as_of: Option<String>,
    /// A policy file (JSON or TOML) that overrides the Regulation's numbers.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// The language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Ru)]
    lang: LangArg,
    /// Exit with 1 when a finding of this severity or higher is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Check every good event and list the bad ones as `input_error` findings, instead of
    /// stopping at the first.
    #[arg(long)]
    skip_invalid: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Ru,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Severity {
        match value {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Why a command could not do its work: exit code 2.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Policy(#[from] ekzh_core::PolicyError),
    #[error("cannot read `{path}`: {error}")]
    Io { path: String, error: io::Error },
    #[error("{0}")]
    Usage(String),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules { format } => rules(format).map(|()| ExitCode::SUCCESS),
        Command::Explain { id } => explain(&id).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("ekzh: {failure}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let policy = match &args.policy {
        Some(path) => read_policy(path)?,
        None => Policy::default(),
    };
    let as_of = as_of(args.as_of.as_deref(), &policy)?;
    let on_error = if args.skip_invalid {
        OnError::Skip
    } else {
        OnError::Fail
    };
    let mut engine = Engine::new(policy);
    match args.file.as_deref() {
        None => load(&mut engine, read(DEMO.as_bytes()), on_error)?,
        Some(path) if path == Path::new("-") => {
            load_stream(&mut engine, io::stdin().lock(), on_error, "-")?
        }
        Some(path) => {
            let file = File::open(path).map_err(|error| Failure::Io {
                path: path.display().to_string(),
                error,
            })?;
            load_stream(&mut engine, file, on_error, &path.display().to_string())?
        }
    }
    let report = engine.audit(as_of);
    let lang = match args.lang {
        LangArg::Ru => Lang::Ru,
        LangArg::En => Lang::En,
    };
    let mut out = io::stdout().lock();
    let written = match args.format {
        Output::Json => serde_json::to_writer_pretty(&mut out, &report.localized(lang))
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Output::Text => text::write_report(&mut out, &report, &engine, lang),
    };
    // A closed pipe (`ekzh check | head`) is not a failure of the check.
    if let Err(error) = written.and_then(|()| out.flush()) {
        if error.kind() != io::ErrorKind::BrokenPipe {
            return Err(Failure::Io {
                path: "standard output".into(),
                error,
            });
        }
    }
    Ok(exit_code(&report, args.fail_on.into()))
}

fn exit_code(report: &Report, fail_on: Severity) -> ExitCode {
    if report.worst().is_some_and(|worst| worst >= fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a register from a file or a pipe. NDJSON is read line by line, never held whole;
/// a JSON array or object is read whole.
fn load_stream(
    engine: &mut Engine,
    source: impl Read,
    on_error: OnError,
    path: &str,
) -> Result<(), Failure> {
    let io_error = |error| Failure::Io {
        path: path.to_owned(),
        error,
    };
    let mut reader = BufReader::with_capacity(1 << 16, source);
    let format = Format::detect(reader.fill_buf().map_err(io_error)?);
    if format != Format::Ndjson {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(io_error)?;
        return Ok(load(engine, read(&bytes), on_error)?);
    }
    let mut line = Vec::new();
    let (mut number, mut index) = (0, 0);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(io_error)? == 0 {
            return Ok(());
        }
        number += 1;
        let text = line.trim_ascii();
        if text.is_empty() {
            continue;
        }
        let event = read_line(text, index, number);
        index += 1;
        load(engine, [event], on_error)?;
    }
}

fn read_policy(path: &Path) -> Result<Policy, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| Failure::Io {
        path: path.display().to_string(),
        error,
    })?;
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    Ok(if toml {
        Policy::from_toml(&text)?
    } else {
        Policy::from_json(&text)?
    })
}

/// `--as-of`: RFC 3339, or a date meaning the end of that day in school time; now by default.
fn as_of(text: Option<&str>, policy: &Policy) -> Result<DateTime<FixedOffset>, Failure> {
    let Some(text) = text else {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let now =
            DateTime::from_timestamp(i64::try_from(now).unwrap_or(i64::MAX), 0).unwrap_or_default();
        return Ok(now.with_timezone(&policy.utc_offset.0));
    };
    policy.parse_as_of(text).ok_or_else(|| {
        Failure::Usage(format!(
            "`--as-of {text}` is not a date (YYYY-MM-DD) or a date and time (RFC 3339)"
        ))
    })
}

fn rules(format: Output) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    let written = match format {
        Output::Json => {
            let list: Vec<serde_json::Value> = ekzh_core::catalogue()
                .map(|rule| {
                    serde_json::json!({
                        "id": rule.id,
                        "clause": rule.clause,
                        "severity": rule.severity,
                        "when": rule.when,
                        "summary": rule.summary(),
                        "doc": rule.documentation(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Output::Text => text::write_rules(&mut out),
    };
    written.or_else(ignore_broken_pipe)
}

fn explain(id: &str) -> Result<(), Failure> {
    let Some(rule) = ekzh_core::rule(id) else {
        let ids: Vec<&str> = ekzh_core::catalogue().map(|r| r.id).collect();
        return Err(Failure::Usage(format!(
            "no rule `{id}`; the rules are: {}",
            ids.join(", ")
        )));
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} — {}, {}, {}\n\n{}",
        rule.id,
        clause(rule.clause),
        rule.severity,
        rule.when.as_str(),
        rule.documentation()
    )
    .or_else(ignore_broken_pipe)
}

fn clause(clause: &str) -> String {
    if clause == "—" {
        "no clause".to_owned()
    } else {
        format!("clause {clause}")
    }
}

fn ignore_broken_pipe(error: io::Error) -> Result<(), Failure> {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(Failure::Io {
            path: "standard output".into(),
            error,
        })
    }
}
