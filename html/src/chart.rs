//! The charts by week, as inline SVG drawn by poloto: findings per week, and the shares of
//! lessons filled in on time. The page's stylesheet styles them (poloto's classes).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ekzh_core::{FillRow, Lang, Share};
use poloto::build;

use crate::format;

/// A line of the fill chart: its legend, and the figure it draws.
pub type Line = (&'static str, fn(&FillRow) -> Option<Share>);

/// Width and height of a chart, in its own units (it scales to the page's width).
const SIZE: [f64; 2] = [800.0, 300.0];

/// Every week (its Monday) from the first to the last one the figures hold, with its row
/// (`None` for a week with nothing in it). Keys that are not dates are left out.
fn weeks(rows: &BTreeMap<String, FillRow>) -> Vec<(NaiveDate, Option<&FillRow>)> {
    let rows: BTreeMap<NaiveDate, &FillRow> = rows
        .iter()
        .filter_map(|(key, row)| Some((NaiveDate::parse_from_str(key, "%Y-%m-%d").ok()?, row)))
        .collect();
    let (Some(first), Some(last)) = (rows.keys().next(), rows.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut week = *first;
    while week <= *last {
        out.push((week, rows.get(&week).copied()));
        match week.checked_add_days(chrono::Days::new(7)) {
            Some(next) => week = next,
            None => break,
        }
    }
    out
}

/// The x axis: the weeks' Mondays, day and month.
fn ticks(
    weeks: &[(NaiveDate, Option<&FillRow>)],
    lang: Lang,
) -> poloto::ticks::TickDistribution<
    std::ops::Range<i128>,
    impl poloto::ticks::tick_fmt::TickFmt<i128>,
> {
    let labels: Vec<String> = weeks
        .iter()
        .map(|(week, _)| format::day_month(*week, lang))
        .collect();
    poloto::ticks::from_iter(0..labels.len() as i128).with_tick_fmt(move |i: &i128| {
        usize::try_from(*i)
            .ok()
            .and_then(|i| labels.get(i).cloned())
            .unwrap_or_default()
    })
}

/// Findings per week, by the week of their date; nothing for fewer than two weeks.
pub fn findings(rows: &BTreeMap<String, FillRow>, lang: Lang, title: &str) -> String {
    let weeks = weeks(rows);
    // poloto wants two ticks on each axis: two weeks at least, and a y range (below).
    if weeks.len() < 2 {
        return String::new();
    }
    let points: Vec<(i128, i128)> = weeks
        .iter()
        .enumerate()
        .map(|(i, (_, row))| {
            let n: usize = row.map_or(0, |r| r.findings.values().sum());
            (i as i128, n as i128)
        })
        .collect();
    let plots = poloto::plots!(build::markers([], [0]), build::plot("").histogram(points));
    let frame = poloto::frame().with_viewbox(SIZE).build();
    frame
        .data(plots)
        .map_xticks(|_| ticks(&weeks, lang))
        .build_and_label((title, "", ""))
        .append_to(poloto::header().with_dim(SIZE).with_viewbox(SIZE))
        .render_string()
        .unwrap_or_default()
}

/// The shares of lessons filled in on time per week, in percent: one line per figure;
/// nothing for fewer than two weeks.
pub fn fill(rows: &BTreeMap<String, FillRow>, lang: Lang, title: &str, lines: [Line; 3]) -> String {
    let weeks = weeks(rows);
    if weeks.len() < 2 {
        return String::new();
    }
    let line = |figure: fn(&FillRow) -> Option<Share>| -> Vec<(i128, f64)> {
        weeks
            .iter()
            .enumerate()
            .filter_map(|(i, (_, row))| {
                let ratio = row.and_then(figure)?.ratio()?;
                Some((i as i128, ratio * 100.0))
            })
            .collect()
    };
    let [a, b, c] = lines;
    let plots = poloto::plots!(
        build::markers([], [0.0, 100.0]),
        build::plot(a.0).line(line(a.1)),
        build::plot(b.0).line(line(b.1)),
        build::plot(c.0).line(line(c.1))
    );
    let frame = poloto::frame().with_viewbox(SIZE).build();
    frame
        .data(plots)
        .map_xticks(|_| ticks(&weeks, lang))
        .build_and_label((title, "", "%"))
        .append_to(poloto::header().with_dim(SIZE).with_viewbox(SIZE))
        .render_string()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A week: its number from 2 September 2024, its findings, its share with a topic.
    type Week = (u8, usize, Option<(usize, usize)>);

    fn rows(weeks: &[Week]) -> BTreeMap<String, FillRow> {
        let start = NaiveDate::from_ymd_opt(2024, 9, 2).unwrap_or_default();
        weeks
            .iter()
            .map(|(week, findings, share)| {
                let mut row = FillRow::default();
                row.findings.insert("error".to_owned(), *findings);
                row.with_topic = share.map(|(n, of)| Share { n: n.min(of), of });
                let monday = start + chrono::Days::new(7 * u64::from(*week));
                (monday.to_string(), row)
            })
            .collect()
    }

    proptest! {
        /// poloto panics on axes it cannot tick: whatever the weeks hold, no panic.
        #[test]
        fn any_weeks_draw_without_a_panic(
            weeks in proptest::collection::vec((0u8..60, 0usize..1000, proptest::option::of((0usize..50, 0usize..50))), 0..12),
        ) {
            let rows = rows(&weeks);
            let bars = findings(&rows, Lang::Ru, "t");
            let lines = fill(&rows, Lang::En, "t", [
                ("a", |r: &FillRow| r.with_topic),
                ("b", |r: &FillRow| r.topic_on_time),
                ("c", |r: &FillRow| r.homework_on_time),
            ]);
            let many = rows.len() >= 2;
            prop_assert_eq!(bars.starts_with("<svg"), many);
            prop_assert_eq!(lines.starts_with("<svg"), many);
        }
    }
}
