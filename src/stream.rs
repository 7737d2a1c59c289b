//! Reading a register from a file or a pipe as the CLI does: NDJSON line by line, never held
//! whole; a JSON array or object read whole.
//!
//! With a second core, NDJSON lines are read and parsed on a thread of their own while the
//! engine stores the events in order on the caller's: a bounded queue of batches between
//! them keeps memory flat.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::mpsc;

use ekzh_core::{load_bytes, read_line, Engine, Event, Format, InputError, OnError};

/// Why a register could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Events parsed ahead of the engine, in batches of this many.
const BATCH: usize = 2048;
/// Batches waiting for the engine at most.
const QUEUE: usize = 8;

/// Loads a register into an engine from any reader, parsing NDJSON on a second core when
/// the machine has one.
pub fn load_reader(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
) -> Result<(), LoadError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    load_reader_on(engine, source, on_error, cores.min(2))
}

/// Loads a register into an engine from any reader on one core (`cores` 1) or two.
pub fn load_reader_on(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
    cores: usize,
) -> Result<(), LoadError> {
    let mut reader = BufReader::with_capacity(1 << 16, source);
    // A first line that holds no whole object: the whole input tells the format.
    if Format::detect_start(reader.fill_buf()?) != Some(Format::Ndjson) {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        return Ok(load_bytes(engine, &bytes, on_error)?);
    }
    if cores < 2 {
        let mut lines = Lines::new(reader);
        while let Some((line, event)) = lines.next_event()? {
            store(engine, line, event.as_ref(), on_error)?;
        }
        return Ok(());
    }
    // Events are freed where they were made: the engine hands each batch back, so that the
    // two threads do not contend for one allocator.
    type Batch = Vec<(usize, Result<Event, InputError>)>;
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<io::Result<Batch>>(QUEUE);
        let (give_back, returned) = mpsc::channel::<Batch>();
        scope.spawn(move || {
            let mut lines = Lines::new(reader);
            loop {
                let mut batch = returned.try_recv().unwrap_or_default();
                batch.clear();
                for old in returned.try_iter() {
                    drop(old);
                }
                let read = loop {
                    match lines.next_event() {
                        Ok(Some(event)) => {
                            batch.push(event);
                            if batch.len() == BATCH {
                                break Ok(true);
                            }
                        }
                        Ok(None) => break Ok(false),
                        Err(error) => break Err(error),
                    }
                };
                let more = matches!(read, Ok(true));
                let sent = match read {
                    Ok(_) => send.send(Ok(batch)),
                    Err(error) => send.send(Ok(batch)).and_then(|()| send.send(Err(error))),
                };
                // Stop when the engine stopped listening (a bad event) or the input ended.
                if sent.is_err() || !more {
                    return;
                }
            }
        });
        for batch in receive {
            let batch = batch?;
            for (line, item) in &batch {
                store(engine, *line, item.as_ref(), on_error)?;
            }
            // The reader may have finished: then the batch is freed here.
            let _ = give_back.send(batch);
        }
        Ok(())
    })
}

/// Stores an event read from line `line`, or fails on or skips a bad one. An event that
/// contradicts the register is named with its line too.
fn store(
    engine: &mut Engine,
    line: usize,
    item: Result<&Event, &InputError>,
    on_error: OnError,
) -> Result<(), InputError> {
    let stored = match item {
        Ok(event) => engine.insert_ref(event).map_err(|e| e.on_line(Some(line))),
        Err(error) => Err(error.clone()),
    };
    match (stored, on_error) {
        (Ok(()), _) => Ok(()),
        (Err(error), OnError::Skip) => {
            engine.skip(&error);
            Ok(())
        }
        (Err(error), OnError::Fail) => Err(error),
    }
}

/// NDJSON events one by one, with their lines: line numbers count blank lines, event
/// indexes do not.
struct Lines<R> {
    reader: R,
    line: Vec<u8>,
    number: usize,
    index: usize,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R) -> Self {
        Lines {
            reader,
            line: Vec::new(),
            number: 0,
            index: 0,
        }
    }

    fn next_event(&mut self) -> io::Result<Option<(usize, Result<Event, InputError>)>> {
        loop {
            self.line.clear();
            if self.reader.read_until(b'\n', &mut self.line)? == 0 {
                return Ok(None);
            }
            self.number += 1;
            let text = self.line.trim_ascii();
            if text.is_empty() {
                continue;
            }
            let event = read_line(text, self.index, self.number);
            self.index += 1;
            return Ok(Some((self.number, event)));
        }
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
