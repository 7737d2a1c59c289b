//! The JSON readers compared by `benches/readers.rs` and `src/main.rs`: each reads
//! every line of an NDJSON register into ekzh's event, its text borrowed from the line
//! (`Event<Cow<str>>`, through its serde `Deserialize`, which reads the flat record and
//! checks it as `Event::from_json` does).

use std::borrow::Cow;
use std::hint::black_box;

use ekzh_core::Event;
use serde::de::IgnoredAny;

/// A way to read a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Only splitting the text into lines: what every other reader spends besides reading.
    Lines,
    /// serde_json into `IgnoredAny`: syntax only, nothing kept (the floor).
    FloorIgnoredAny,
    /// sonic-rs into `IgnoredAny`.
    SonicIgnoredAny,
    /// simd-json into `IgnoredAny` (from a copy of the line it may write into).
    SimdIgnoredAny,
    /// Today's reader: `Event::from_json_borrowed` (the flat reader, else serde_json).
    Today,
    /// serde_json alone: `serde_json::from_str`.
    SerdeJson,
    /// sonic-rs: `sonic_rs::from_str`.
    SonicRs,
    /// simd-json: `simd_json::serde::from_slice_with_buffers` on a copy of the line.
    SimdJson,
}

impl Reader {
    pub const ALL: [Reader; 8] = [
        Reader::Lines,
        Reader::FloorIgnoredAny,
        Reader::SonicIgnoredAny,
        Reader::SimdIgnoredAny,
        Reader::Today,
        Reader::SerdeJson,
        Reader::SonicRs,
        Reader::SimdJson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Reader::Lines => "lines",
            Reader::FloorIgnoredAny => "floor_ignored_any",
            Reader::SonicIgnoredAny => "sonic_ignored_any",
            Reader::SimdIgnoredAny => "simd_ignored_any",
            Reader::Today => "today",
            Reader::SerdeJson => "serde_json",
            Reader::SonicRs => "sonic_rs",
            Reader::SimdJson => "simd_json",
        }
    }

    pub fn named(name: &str) -> Option<Reader> {
        Reader::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Reads every line of `text`; the number of events. Panics on a line it cannot read.
    pub fn read_all(self, text: &str) -> u64 {
        let mut events = 0;
        let mut copy = Vec::new();
        let mut buffers = simd_json::Buffers::default();
        for line in lines(text) {
            match self {
                Reader::Lines => {
                    black_box(line);
                }
                Reader::FloorIgnoredAny => {
                    black_box(serde_json::from_str::<IgnoredAny>(line).unwrap());
                }
                Reader::SonicIgnoredAny => {
                    black_box(sonic_rs::from_str::<IgnoredAny>(line).unwrap());
                }
                Reader::SimdIgnoredAny => {
                    copy.clear();
                    copy.extend_from_slice(line.as_bytes());
                    black_box(
                        simd_json::serde::from_slice_with_buffers::<IgnoredAny>(
                            &mut copy,
                            &mut buffers,
                        )
                        .unwrap(),
                    );
                }
                Reader::Today => {
                    black_box(Event::from_json_borrowed(line).unwrap());
                }
                Reader::SerdeJson => {
                    black_box(serde_json::from_str::<Event<Cow<str>>>(line).unwrap());
                }
                Reader::SonicRs => {
                    black_box(sonic_rs::from_str::<Event<Cow<str>>>(line).unwrap());
                }
                Reader::SimdJson => {
                    copy.clear();
                    copy.extend_from_slice(line.as_bytes());
                    black_box(
                        simd_json::serde::from_slice_with_buffers::<Event<Cow<str>>>(
                            &mut copy,
                            &mut buffers,
                        )
                        .unwrap(),
                    );
                }
            }
            events += 1;
        }
        events
    }
}

/// The lines of an NDJSON text that are not blank.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim_ascii().is_empty())
}

/// Panics unless every reader reads every line of `text` into the same event as today's.
pub fn check_alike(text: &str) {
    let mut copy = Vec::new();
    for line in lines(text) {
        let today = Event::from_json_borrowed(line).unwrap();
        let serde = serde_json::from_str::<Event<Cow<str>>>(line).unwrap();
        assert_eq!(serde, today, "serde_json: {line}");
        let sonic = sonic_rs::from_str::<Event<Cow<str>>>(line).unwrap();
        assert_eq!(sonic, today, "sonic-rs: {line}");
        copy.clear();
        copy.extend_from_slice(line.as_bytes());
        let simd = simd_json::serde::from_slice::<Event<Cow<str>>>(&mut copy).unwrap();
        assert_eq!(simd, today, "simd-json: {line}");
    }
}
