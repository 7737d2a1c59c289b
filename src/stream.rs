//! Reading a register from a file or a pipe as the CLI does: NDJSON line by line, never held
//! whole; a JSON array or object read whole.

use std::io::{self, BufRead, BufReader, Read};

use ekzh_core::{load, read, read_line, Engine, Format, InputError, OnError};

/// Why a register could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Loads a register into an engine from any reader.
pub fn load_reader(
    engine: &mut Engine,
    source: impl Read,
    on_error: OnError,
) -> Result<(), LoadError> {
    let mut reader = BufReader::with_capacity(1 << 16, source);
    let format = Format::detect(reader.fill_buf()?);
    if format != Format::Ndjson {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        return Ok(load(engine, read(&bytes), on_error)?);
    }
    let mut line = Vec::new();
    let (mut number, mut index) = (0, 0);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
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
