//! `ekzh report`: the справка (SPEC §8) — the register checked as `ekzh check` checks it,
//! written as one self-contained HTML document for the administration, optionally compared
//! with an earlier check's JSON report.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::DateTime;
use ekzh_core::{Engine, Lang, OnError, Policy};
use ekzh_html::{Options, ReportData};

use super::{as_of, open_register, read_policy, Failure, LangArg, DEMO_AS_OF};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The register: JSON array, {"events": [...]} or NDJSON; `-` for standard input.
    /// Without it, the bundled demo register (as of 2024-10-31 18:00 unless `--as-of` is
    /// given).
    file: Option<PathBuf>,
    /// The moment to check at: RFC 3339 (2024-10-31T18:00:00+04:00) or a date (the end of
    /// that day, school time). Default: now.
    #[arg(long, value_name = "DATETIME")]
    as_of: Option<String>,
    /// A policy file (JSON or TOML) that overrides the Regulation's numbers.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// An earlier check's report (`ekzh check --format json`): the справка says what was
    /// corrected since, what is still open and what is new.
    #[arg(long, value_name = "EARLIER.json")]
    since: Option<PathBuf>,
    /// The language of the document.
    #[arg(long, value_enum, default_value_t = LangArg::Ru)]
    lang: LangArg,
    /// The school, as the document's heading names it.
    #[arg(long, value_name = "NAME")]
    school: Option<String>,
    /// Check every good event and list the bad ones, instead of stopping at the first.
    #[arg(long)]
    skip_invalid: bool,
    /// Where to write the document; standard output by default.
    #[arg(short = 'o', long, value_name = "FILE.html")]
    output: Option<PathBuf>,
}

pub fn report(args: &ReportArgs) -> Result<(), Failure> {
    let policy = match &args.policy {
        Some(path) => read_policy(path)?,
        None => Policy::default(),
    };
    let as_of = match (&args.as_of, &args.file) {
        (None, None) => {
            DateTime::parse_from_rfc3339(DEMO_AS_OF).map_err(|e| Failure::Usage(e.to_string()))?
        }
        _ => as_of(args.as_of.as_deref(), &policy)?,
    };
    // An unreadable earlier report is found before the register is read.
    let earlier = match &args.since {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| Failure::Io {
                path: path.display().to_string(),
                error,
            })?;
            Some(
                ReportData::from_json(&text)
                    .map_err(|e| Failure::Usage(format!("`--since {}`: {e}", path.display())))?,
            )
        }
        None => None,
    };
    let on_error = if args.skip_invalid {
        OnError::Skip
    } else {
        OnError::Fail
    };
    let mut engine = Engine::new(policy);
    open_register(&mut engine, args.file.as_deref(), on_error)?;
    let report = super::progress::audit(&engine, as_of);
    let lang: Lang = args.lang.into();
    let data = ReportData::from_report(&report, lang)
        .map_err(|e| Failure::Usage(format!("the report cannot be written: {e}")))?;
    let html = ekzh_html::render(
        &data,
        earlier.as_ref(),
        &Options {
            lang,
            school: args.school.clone(),
        },
        &ekzh_html::Rules::from_core(),
    );
    match &args.output {
        Some(path) => std::fs::write(path, html).map_err(|error| Failure::Io {
            path: path.display().to_string(),
            error,
        }),
        None => {
            let mut out = io::stdout().lock();
            out.write_all(html.as_bytes())
                .and_then(|()| out.flush())
                .or_else(super::ignore_broken_pipe)
        }
    }
}
