//! Registers built from fuzzer bytes with `arbitrary`: the random-register model of the
//! `ekzh-gen` crate (`ekzh_gen::model`), the one the property tests draw with proptest.
//!
//! The bytes choose the model's `Spec` — what the school declares (periods, classes,
//! staff, students, parents), lessons with their later versions and weeks, and entries
//! naming lessons, students and periods by position, made early or late, with or without
//! `at` and `by`, by the right person or not, now and then naming ids nobody declared —
//! and, besides, how the properties are checked: the shuffle, how many events are inserted
//! before the rest are pushed, and where audits stop.
//!
//! The events are written as JSON lines and read by the core's reader, so every field goes
//! through the code a portal's input does.

use arbitrary::Arbitrary;
use chrono::{DateTime, FixedOffset};
use ekzh::Event;
use ekzh_gen::model::{build, Case, Spec};

/// A register to check, and how to check it.
#[derive(Debug, Arbitrary)]
pub struct Register {
    pub spec: Spec,
    /// The shuffle to check the order independence with.
    pub seed: u64,
    /// How many events are inserted before the rest are pushed.
    pub split: u8,
    /// After which events (pushed in the order made) to audit, and how many minutes later.
    pub stops: Vec<(u8, u16)>,
}

impl Register {
    /// The register the spec builds.
    pub fn case(&self) -> Case {
        build(&self.spec)
    }

    pub fn policy_json(&self) -> &'static str {
        self.case().policy_json
    }

    pub fn as_of(&self) -> DateTime<FixedOffset> {
        self.case().as_of
    }

    /// The events as JSON lines, and the lines the model made that the reader refused.
    pub fn lines(&self) -> Vec<String> {
        let case = self.case();
        let mut lines: Vec<String> = case
            .events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap_or_default())
            .collect();
        // A refused line stays in, for `properties` to report.
        lines.extend(case.refused);
        lines
    }
}

/// The events the lines read to, and the lines the reader refused with why.
pub fn read_lines(lines: &[String]) -> (Vec<Event>, Vec<String>) {
    let mut events = Vec::new();
    let mut refused = Vec::new();
    for line in lines {
        match Event::from_json(line) {
            Ok(event) => events.push(event),
            Err(error) => refused.push(format!("{line}: {error:?}")),
        }
    }
    (events, refused)
}
