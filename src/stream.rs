//! Reading a register from a file or a pipe as the CLI does: NDJSON line by line, never held
//! whole; a JSON array or object read whole.
//!
//! With a second core, NDJSON lines are read and parsed on a thread of their own while the
//! engine stores the events in order on the caller's: a bounded queue of batches between
//! them keeps memory flat.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::mpsc;

use ekzh_core::{load, read, read_line, Engine, Event, Format, InputError, OnError};

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
        return Ok(load(engine, read(&bytes), on_error)?);
    }
    if cores < 2 {
        let mut lines = Lines::new(reader);
        while let Some(event) = lines.next_event()? {
            load(engine, [event], on_error)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let (send, receive) =
            mpsc::sync_channel::<io::Result<Vec<Result<Event, InputError>>>>(QUEUE);
        scope.spawn(move || {
            let mut lines = Lines::new(reader);
            loop {
                let mut batch = Vec::with_capacity(BATCH);
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
            load(engine, batch?, on_error)?;
        }
        Ok(())
    })
}

/// NDJSON events one by one: line numbers count blank lines, event indexes do not.
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

    fn next_event(&mut self) -> io::Result<Option<Result<Event, InputError>>> {
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
            return Ok(Some(event));
        }
    }
}
