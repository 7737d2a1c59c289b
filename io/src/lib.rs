//! # ekzh-io
//!
//! What the pure core of ekzh leaves to its hosts, written once for the CLI and the Python
//! face: reading a register from a file or a pipe (any [`std::io::Read`]), and the threads
//! that parse and audit it on a second core.
//!
//! NDJSON is read in chunks of whole lines, never held whole, so that memory is the
//! register's state and not the file's size; a JSON array or object is read whole. Lines are
//! split and numbered by the core ([`ekzh_core::NdjsonLines`]), as when the same text is
//! read at once: the same events, indices, lines and errors.
//!
//! With a second core, the chunks are parsed by turns: every other chunk on a thread of
//! its own, its events owning their text, while the caller's thread stores the events of
//! the chunk before and parses the next chunk itself, its events borrowing their text from
//! the chunk. Events are stored in input order; a bounded queue of chunks keeps memory
//! flat.

use std::convert::Infallible;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::mpsc;

use compact_str::CompactString;
use ekzh_core::{
    load_one, read_line_as, read_line_borrowed, store_bytes, Engine, Event, Format, InputError,
    NdjsonLine, NdjsonLines, OnError,
};

/// Why a register could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A bad event, with `OnError::Fail`.
    #[error("{0}")]
    Input(#[from] InputError),
    /// The source could not be read.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// NDJSON is read in chunks of whole lines of about this many bytes.
const CHUNK: usize = 64 << 10;
/// With two cores, the chunks this thread parses itself are smaller: it also stores the
/// events of both. How much smaller depends on the register's mix (measured: about 45 % of
/// the bytes here on the generator's mix, 35 % on a lesson-heavy one), so the size is
/// steered while reading ([`Share`]), starting here.
const CHUNK_MINE: usize = CHUNK * 45 / 55;

/// The size of the chunks the caller's thread parses itself, steered so that neither
/// thread waits for the other: smaller when the other thread's events are ready before
/// this thread asks for them (it has time to spare), larger when this thread waits for
/// them.
#[derive(Debug, Clone, Copy)]
struct Share {
    size: usize,
}

impl Share {
    /// The step of one change, and the bounds.
    const STEP: usize = CHUNK / 32;
    const MIN: usize = CHUNK / 8;
    const MAX: usize = CHUNK * 2;

    /// After a round: whether this thread found the other's events ready.
    fn steer(&mut self, ready: bool) {
        self.size = if ready {
            self.size.saturating_sub(Self::STEP).max(Self::MIN)
        } else {
            (self.size + Self::STEP).min(Self::MAX)
        };
    }
}

/// Loads a register into an engine from any reader, parsing NDJSON on a second core when
/// the machine has one.
///
/// The events are placed after those the engine holds: a register in several files is
/// loaded file after file into one engine, its events numbered on across the files, each
/// error naming its event so and its line in its own file.
pub fn load_reader(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
) -> Result<(), LoadError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    load_reader_on(engine, source, on_error, cores.min(2))
}

/// Loads a register into an engine from any reader on one core (`cores` 1) or two, and
/// settles it for the audit ([`Engine::settle`]).
pub fn load_reader_on(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
    cores: usize,
) -> Result<(), LoadError> {
    load_events(engine, source, on_error, cores)?;
    engine.settle();
    Ok(())
}

/// Stores the events of any reader in an engine, on one core or two.
fn load_events(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
    cores: usize,
) -> Result<(), LoadError> {
    let mut reader = BufReader::with_capacity(1 << 16, source);
    let before = engine.len();
    // A first line that holds no whole object: the whole input tells the format.
    if Format::detect_start(reader.fill_buf()?) != Some(Format::Ndjson) {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        return Ok(store_bytes(engine, &bytes, on_error)?);
    }
    let mut chunks = Chunks {
        source: reader,
        carry: Vec::new(),
        end: false,
    };
    let mut place = Place {
        event: before,
        line: 0,
    };
    let mut chunk = Vec::new();
    if cores < 2 {
        while chunks.next(&mut chunk, CHUNK)? {
            place.store_borrowed(engine, &chunk, on_error)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        // Chunks to parse on the second thread, and their events back, in order.
        let (to_parse, chunks_in) = mpsc::sync_channel::<Vec<u8>>(2);
        let (parsed_out, parsed) = mpsc::sync_channel::<(Vec<u8>, Parsed, Place)>(2);
        // Events stored, handed back to be freed on the thread that made them.
        let (give_back, returned) = mpsc::channel::<Parsed>();
        scope.spawn(move || {
            for chunk in chunks_in {
                let mut events = returned.try_recv().unwrap_or_default();
                events.clear();
                for old in returned.try_iter() {
                    drop(old);
                }
                // Placed within the chunk; placed in the input when stored.
                let size = Place::default().each_event(&chunk, |line| {
                    events.push((line.line, read_line_as(line.text, line.event, line.line)));
                    Ok::<(), Infallible>(())
                });
                let Ok(size) = size;
                if parsed_out.send((chunk, events, size)).is_err() {
                    return;
                }
            }
        });
        // Chunks come back with their events, to be read into again.
        let mut spare: Vec<Vec<u8>> = Vec::new();
        let mut theirs = Vec::new();
        let more = chunks.next(&mut theirs, CHUNK)?;
        if more && to_parse.send(theirs).is_err() {
            return Ok(());
        }
        // Theirs, mine; theirs, mine …: while this thread stores the events of their chunk
        // and parses its own, they parse the chunk after it.
        let mut waiting = usize::from(more);
        let mut share = Share { size: CHUNK_MINE };
        while waiting > 0 {
            let mine = chunks.next(&mut chunk, share.size)?;
            let mut next = spare.pop().unwrap_or_default();
            if mine && chunks.next(&mut next, CHUNK)? {
                if to_parse.send(next).is_err() {
                    break;
                }
                waiting += 1;
            }
            let received = match parsed.try_recv() {
                Ok(done) => {
                    share.steer(true);
                    Ok(done)
                }
                Err(_) => {
                    share.steer(false);
                    parsed.recv()
                }
            };
            let Ok((done, events, size)) = received else {
                break;
            };
            waiting -= 1;
            place.store_owned(engine, &events, size, on_error)?;
            // The second thread may have finished: then the events are freed here.
            let _ = give_back.send(events);
            spare.push(done);
            if mine {
                place.store_borrowed(engine, &chunk, on_error)?;
            }
        }
        Ok(())
    })
}

/// Events read from a chunk, each with its line in the chunk. Their text is owned, as
/// compact strings: an id or a short value is kept inline, not allocated, so that the
/// thread that parses them allocates for long texts (topics, names) only.
type Parsed = Vec<(usize, Result<Event<CompactString>, InputError>)>;

/// Where an event is in the input: its index (blank lines hold none) and its line (from
/// 1). Also where a chunk starts: the events and lines before it; and how many a chunk
/// holds.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    event: usize,
    line: usize,
}

impl Place {
    /// Calls `read` on each line of a chunk that starts here which holds an event;
    /// returns the place after the chunk.
    fn each_event<'a, E>(
        self,
        chunk: &'a [u8],
        mut read: impl FnMut(NdjsonLine<'a>) -> Result<(), E>,
    ) -> Result<Place, E> {
        let mut lines = NdjsonLines::after(chunk, self.event, self.line);
        for line in lines.by_ref() {
            read(line)?;
        }
        Ok(Place {
            event: lines.events(),
            line: lines.lines(),
        })
    }

    /// Parses the events of the chunk that starts here, borrowing their text from it, and
    /// stores them; then here is after the chunk.
    fn store_borrowed(
        &mut self,
        engine: &mut Engine,
        chunk: &[u8],
        on_error: OnError,
    ) -> Result<(), InputError> {
        *self = self.each_event(chunk, |line| {
            let event = read_line_borrowed(line.text, line.event, line.line);
            load_one(
                engine,
                event.as_ref().map_err(Clone::clone),
                Some(line.line),
                on_error,
            )
        })?;
        Ok(())
    }

    /// Stores the events parsed from a chunk that starts here, placed within the chunk
    /// when they were read (`size`: the place after it); then here is after the chunk.
    fn store_owned(
        &mut self,
        engine: &mut Engine,
        events: &Parsed,
        size: Place,
        on_error: OnError,
    ) -> Result<(), InputError> {
        for (line, item) in events {
            let item = item.as_ref().map_err(|error| InputError {
                event: error.event.map(|e| e + self.event),
                line: error.line.map(|l| l + self.line),
                ..error.clone()
            });
            load_one(engine, item, Some(line + self.line), on_error)?;
        }
        self.event += size.event;
        self.line += size.line;
        Ok(())
    }
}

/// NDJSON read in chunks of whole lines.
struct Chunks<R> {
    source: R,
    /// The start of a line read with the chunk before.
    carry: Vec<u8>,
    end: bool,
}

impl<R: Read> Chunks<R> {
    /// Reads the next chunk into `chunk`: whole lines, about `size` bytes or more (a line
    /// longer than that whole), the last line of the input with or without its newline.
    /// `false` at the end of the input.
    fn next(&mut self, chunk: &mut Vec<u8>, mut size: usize) -> io::Result<bool> {
        chunk.clear();
        chunk.append(&mut self.carry);
        while !self.end {
            let want = size.saturating_sub(chunk.len());
            let read = (&mut self.source).take(want as u64).read_to_end(chunk)?;
            self.end = read < want;
            if self.end {
                break;
            }
            if let Some(last) = chunk.iter().rposition(|&b| b == b'\n') {
                self.carry
                    .extend_from_slice(chunk.get(last + 1..).unwrap_or_default());
                chunk.truncate(last + 1);
                break;
            }
            size *= 2;
        }
        Ok(!chunk.is_empty())
    }
}

/// The audit at `as_of` on every core there is (two at most): the same report as
/// [`Engine::audit`], its entries judged in two halves at once.
pub fn audit(engine: &Engine, as_of: chrono::DateTime<chrono::FixedOffset>) -> ekzh_core::Report {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    audit_on(engine, as_of, cores.min(2))
}

/// The audit at `as_of` on `cores` threads.
pub fn audit_on(
    engine: &Engine,
    as_of: chrono::DateTime<chrono::FixedOffset>,
    cores: usize,
) -> ekzh_core::Report {
    let parts = engine.audit_parts(as_of, cores);
    let found = std::thread::scope(|scope| {
        let (first, rest) = parts
            .split_first()
            .map_or((None, &[][..]), |(f, r)| (Some(f), r));
        let others: Vec<_> = rest
            .iter()
            .map(|part| scope.spawn(move || part.run()))
            .collect();
        let mut found = first.map(ekzh_core::AuditPart::run).unwrap_or_default();
        for other in others {
            // A part that panicked is a bug in a rule: the audit would have panicked too.
            found.extend(
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        found
    });
    engine.report(as_of, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ekzh_core::load_bytes;

    /// Classes over several chunks, lines holding only a byte order mark among them (a
    /// file's own, and those of files joined after it), and a bad event at the end.
    fn register() -> Vec<u8> {
        let bom = "\u{feff}";
        let mut text = format!("{bom}\r\n");
        for i in 0..8000 {
            if i % 1500 == 700 {
                text.push_str(bom);
                text.push_str(if i % 3000 == 700 { "\n" } else { "  \r\n\n" });
                text.push_str(bom);
            }
            text.push_str(&format!(
                "{{\"type\":\"class\",\"id\":\"c{i}\",\"grade\":5}}\n"
            ));
        }
        text.push_str("{\"type\":\"mark\",\"value\":9}\n");
        text.into_bytes()
    }

    #[test]
    fn the_stream_places_events_as_the_core_does() {
        let input = register();
        assert!(input.len() > 4 * CHUNK);
        let as_of = Engine::new(ekzh_core::Policy::default())
            .policy()
            .parse_as_of("31.10.2024")
            .unwrap();
        let mut whole = Engine::new(ekzh_core::Policy::default());
        let first = load_bytes(&mut whole, &input, OnError::Fail).unwrap_err();
        assert_eq!((first.event, first.line), (Some(8000), Some(8009)));
        let mut whole = Engine::new(ekzh_core::Policy::default());
        load_bytes(&mut whole, &input, OnError::Skip).unwrap();
        let expected = whole.audit(as_of);
        assert_eq!(expected.summary.events, 8001);
        for cores in [1, 2] {
            let mut engine = Engine::new(ekzh_core::Policy::default());
            match load_reader_on(&mut engine, &input[..], OnError::Fail, cores) {
                Err(LoadError::Input(error)) => assert_eq!(error, first, "{cores} cores"),
                other => panic!("{other:?}"),
            }
            let mut engine = Engine::new(ekzh_core::Policy::default());
            load_reader_on(&mut engine, &input[..], OnError::Skip, cores).unwrap();
            assert_eq!(audit_on(&engine, as_of, cores), expected, "{cores} cores");
        }
    }

    #[test]
    fn a_register_in_several_files_is_numbered_on_across_them() {
        let input = register();
        let split = input.len() / 2;
        let split = split + input[split..].iter().position(|&b| b == b'\n').unwrap() + 1;
        let (first, second) = input.split_at(split);
        let as_of = Engine::new(ekzh_core::Policy::default())
            .policy()
            .parse_as_of("31.10.2024")
            .unwrap();
        let mut whole = Engine::new(ekzh_core::Policy::default());
        load_bytes(&mut whole, &input, OnError::Skip).unwrap();
        let expected = whole.audit(as_of);
        let lines_before = first.iter().filter(|&&b| b == b'\n').count();
        let events_before = {
            let mut engine = Engine::new(ekzh_core::Policy::default());
            load_bytes(&mut engine, first, OnError::Fail).unwrap();
            engine.len()
        };
        // The second part as a JSON array too: its events placed after the first's.
        let (array, array_last) = {
            let text = std::str::from_utf8(second).unwrap();
            let items: Vec<&str> = text
                .lines()
                .filter(|l| l.contains('{'))
                .map(|l| l.trim_start_matches('\u{feff}'))
                .collect();
            // "[" on the first line, an item a line: the last (bad) one on this line.
            (format!("[\n{}\n]", items.join(",\n")), items.len() + 1)
        };
        for cores in [1, 2] {
            for second in [second, array.as_bytes()] {
                let mut engine = Engine::new(ekzh_core::Policy::default());
                load_reader_on(&mut engine, first, OnError::Skip, cores).unwrap();
                load_reader_on(&mut engine, second, OnError::Skip, cores).unwrap();
                // The same report, but for the line the skipped event's message names: its
                // line in its own file.
                let mut report = audit_on(&engine, as_of, cores);
                assert!(
                    report.findings[0].message.en.contains(&format!(
                        "line {}",
                        if second.starts_with(b"{") {
                            8009 - lines_before
                        } else {
                            array_last
                        }
                    )),
                    "{}",
                    report.findings[0].message.en
                );
                report.findings[0].message = expected.findings[0].message.clone();
                // So is the finding's line.
                assert_eq!(
                    report.findings[0].line,
                    Some(if second.starts_with(b"{") {
                        8009 - lines_before
                    } else {
                        array_last
                    })
                );
                report.findings[0].line = expected.findings[0].line;
                assert_eq!(report, expected, "{cores} cores");
                let mut engine = Engine::new(ekzh_core::Policy::default());
                load_reader_on(&mut engine, first, OnError::Fail, cores).unwrap();
                match load_reader_on(&mut engine, second, OnError::Fail, cores) {
                    Err(LoadError::Input(error)) => {
                        assert_eq!(error.event, Some(8000), "{cores} cores");
                        if second.starts_with(b"{") {
                            assert_eq!(error.line, Some(8009 - lines_before), "{cores} cores");
                        }
                    }
                    other => panic!("{other:?}"),
                }
                assert_eq!(engine.len(), 8000.max(events_before));
            }
        }
    }
}
