//! Progress on standard error while a register is read and checked — a bar of the bytes
//! read, then a spinner while it is audited — drawn only when standard error is a terminal
//! (never in a pipe, a log or a test).

use std::io::{self, IsTerminal, Read};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use ekzh_core::{Engine, Report};
use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar, hidden unless standard error is a terminal.
fn bar(len: Option<u64>) -> ProgressBar {
    shown(len, true)
}

/// A progress bar, hidden unless `show` and standard error is a terminal.
fn shown(len: Option<u64>, show: bool) -> ProgressBar {
    if !show || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match len {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template(
                "{spinner} {msg} [{bar:40}] {binary_bytes}/{binary_total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {msg} {binary_bytes}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    }
}

/// A reader that advances a bar as it is read (`len`: the bytes to read, when known), and
/// the bar, to clear once the reading is done.
pub fn reader<R: Read>(
    source: R,
    len: Option<u64>,
    show: bool,
) -> (ProgressBar, indicatif::ProgressBarIter<R>) {
    let bar = shown(len, show).with_message("reading");
    bar.enable_steady_tick(Duration::from_millis(120));
    (bar.clone(), bar.wrap_read(source))
}

/// The audit at `as_of`, with a spinner while it runs.
pub fn audit(engine: &Engine, as_of: DateTime<FixedOffset>) -> Report {
    let spinner = bar(None).with_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.set_message(format!("checking {} events", engine.len()));
    spinner.enable_steady_tick(Duration::from_millis(120));
    let report = ekzh_io::audit(engine, as_of);
    spinner.finish_and_clear();
    report
}

/// A bar of the schools of a region checked, while they are.
pub fn schools(count: usize) -> ProgressBar {
    let bar = bar(None).with_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_length(count as u64);
    bar.set_message("schools");
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
