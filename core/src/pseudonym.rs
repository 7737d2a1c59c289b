//! Keyed pseudonyms of children and parents (SPEC §9): an analyst outside the school sees
//! a student or a parent as the same code in every school and every run made with the same
//! key, and nobody without the key can tell who it is.
//!
//! A pseudonym is HMAC-SHA-256 of the id, keyed with the key's bytes, shortened to its
//! first 80 bits and written as 20 lowercase hexadecimal digits. With a million children
//! and parents (a large region) the chance that two of them share a pseudonym is about
//! 4 × 10⁻¹³; with the fifty million of the whole country, about 10⁻⁹.
//!
//! The register applies them where it stores an event (`Register::with_pseudonyms`): an id
//! of a student or a parent is stored as its pseudonym and a name as a pseudonym of the
//! name that is never shown, so that what the engine reports — findings, messages, names,
//! fill figures, errors — cannot hold the one or the other.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The pseudonyms of one key.
#[derive(Clone)]
pub struct Pseudonyms {
    mac: Hmac<Sha256>,
}

/// Why a key cannot make pseudonyms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the pseudonym key has {len} bytes; it needs at least {least} (such as 32 random bytes)", least = Pseudonyms::LEAST_KEY)]
pub struct KeyError {
    /// The length of the key given.
    pub len: usize,
}

impl KeyError {
    /// The error in Russian.
    pub fn ru(&self) -> String {
        let bytes = crate::ru_plural(self.len, "байт", "байта", "байтов");
        format!(
            "в ключе псевдонимов {} {bytes}, а нужно не меньше {} (например, 32 случайных байта)",
            self.len,
            Pseudonyms::LEAST_KEY
        )
    }
}

impl Pseudonyms {
    /// The shortest key taken, in bytes: a shorter one could be found by trying every key.
    pub const LEAST_KEY: usize = 16;

    /// The length of a pseudonym, in hexadecimal digits (80 bits).
    pub const LEN: usize = 20;

    /// The pseudonyms of a key (its bytes as they are, such as a key file's).
    pub fn new(key: &[u8]) -> Result<Pseudonyms, KeyError> {
        if key.len() < Self::LEAST_KEY {
            return Err(KeyError { len: key.len() });
        }
        let mac = Hmac::<Sha256>::new_from_slice(key).map_err(|_| KeyError { len: key.len() })?;
        Ok(Pseudonyms { mac })
    }

    /// The pseudonym of an id (or of any text).
    pub fn of(&self, id: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(id.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = String::with_capacity(Self::LEN);
        for byte in digest.iter().take(Self::LEN / 2) {
            out.push(hex(byte >> 4));
            out.push(hex(byte & 0x0f));
        }
        out
    }
}

/// A hexadecimal digit.
fn hex(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// The key is never printed.
impl fmt::Debug for Pseudonyms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pseudonyms(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pseudonym_is_the_shortened_hmac_of_the_id() {
        // RFC 4231, test case 2: HMAC-SHA-256 of «what do ya want for nothing?» keyed
        // «Jefe» is 5bdcc146bf60754e6a042426089575c7…; a key that short is refused here, so
        // the same is checked with it padded by zeros, which HMAC does itself.
        let mut key = b"Jefe".to_vec();
        key.resize(16, 0);
        let pseudonyms = Pseudonyms::new(&key).unwrap();
        assert_eq!(
            pseudonyms.of("what do ya want for nothing?"),
            "5bdcc146bf60754e6a04"
        );
        assert_eq!(pseudonyms.of("s00001"), pseudonyms.clone().of("s00001"));
        assert_ne!(pseudonyms.of("s00001"), pseudonyms.of("s00002"));
        let other = Pseudonyms::new(b"another key of 32 bytes or so...").unwrap();
        assert_ne!(pseudonyms.of("s00001"), other.of("s00001"));
        assert_eq!(Pseudonyms::new(b"short").unwrap_err(), KeyError { len: 5 });
        assert_eq!(format!("{pseudonyms:?}"), "Pseudonyms(..)");
    }
}
