//! `ekzh report`: the справка (SPEC §8) — the register checked as `ekzh check` checks it,
//! written as one self-contained HTML document for the administration, optionally compared
//! with an earlier check's JSON report.

use std::io::{self, Write};
use std::path::PathBuf;

use ekzh_core::Lang;
use ekzh_html::{Options, ReportData};

use super::register::{Loaded, RegisterArgs};
use super::{Failure, LangArg};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    register: RegisterArgs,
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
    /// Where to write the document; standard output by default.
    #[arg(short = 'o', long, value_name = "FILE.html")]
    output: Option<PathBuf>,
}

pub fn report(args: &ReportArgs) -> Result<(), Failure> {
    // An unreadable earlier report is found before the register is read.
    let earlier = match &args.since {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| Failure::Io {
                path: path.display().to_string(),
                error,
            })?;
            Some(ReportData::from_json(&text).map_err(|e| {
                Failure::usage(
                    format!(
                        "`--since {}`: прежний отчёт не читается ({e})",
                        path.display()
                    ),
                    format!("`--since {}`: {e}", path.display()),
                )
            })?)
        }
        None => None,
    };
    let lang: Lang = args.lang.into();
    let Loaded { engine, as_of } = args.register.load(lang)?;
    let report = super::progress::audit(&engine, as_of);
    super::leave(engine);
    let data = ReportData::from_report(&report, lang).map_err(|e| {
        Failure::usage(
            format!("справку не записать: {e}"),
            format!("the report cannot be written: {e}"),
        )
    })?;
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

impl ReportArgs {
    /// The language of the справка and of the command's errors.
    pub fn lang(&self) -> Lang {
        self.lang.into()
    }
}
