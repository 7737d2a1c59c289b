//! Ids and names stored once each: a [`Sym`] is a number, compared by its text through
//! [`Names::cmp`] wherever an order reaches output; a [`SymMap`] is a table keyed by them.
//!
//! With pseudonyms (SPEC §9), the id of a student or a parent is stored as its pseudonym
//! ([`Names::person`]): the id itself is never a symbol's text, so nothing read from the
//! register can show it.

use std::cmp::Ordering;
use std::hash::BuildHasher;
use std::num::NonZeroU32;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap as Map};

use crate::pseudonym::Pseudonyms;

/// An interned id or name: its position among them, plus one, so that an `Option<Sym>`
/// takes no more room than a `Sym`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(NonZeroU32);

impl Sym {
    /// The symbol at a position.
    fn at(i: usize) -> Sym {
        let n = u32::try_from(i).ok().and_then(|i| i.checked_add(1));
        Sym(n.and_then(NonZeroU32::new).unwrap_or(NonZeroU32::MAX))
    }

    /// Its position.
    fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// Every id and name of the register, each stored once: the texts one after another in
/// one string, found by their hash in a table of symbols, so that an id costs its bytes and
/// a few more, not two boxed copies.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// Every text, one after another, in the order they were interned.
    text: String,
    /// Where each symbol's text ends in `text`; it starts where the one before ends.
    ends: Vec<usize>,
    /// Every symbol, found by the hash of its text.
    table: HashTable<Sym>,
    /// The symbols interned lately, each at the place its hash gives (empty until the
    /// first). An id comes back soon after it is first met: a lesson's marks and
    /// attendance are entered during the lesson. In a large register the table's entry
    /// and the text of such an id have left the cache by then, but this slice of it is
    /// small enough to stay, and finds the symbol with one comparison of a text just
    /// stored.
    recent: Vec<Recent>,
    persons: Option<Box<Persons>>,
}

/// A symbol interned lately, with the high half of its text's hash, which tells most
/// other texts at its place apart without reading their text.
#[derive(Debug, Default, Clone, Copy)]
struct Recent {
    hash: u32,
    sym: Option<Sym>,
}

/// How many symbols [`Names::recent`] keeps: 64 KiB, for about the ids of a large
/// school's day.
const RECENT: usize = 8192;

/// The pseudonyms of a key, and the symbol of each person's id met so far (so that each id
/// is hashed once).
#[derive(Debug, Clone)]
struct Persons {
    key: Pseudonyms,
    seen: Map<Box<str>, Sym>,
}

/// The hash of a text in the table of symbols.
fn hash(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

impl Names {
    pub fn intern(&mut self, text: &str) -> Sym {
        let hash = hash(text);
        // The low bits place it, as they place it in the table; the high half checks it.
        let (place, high) = (hash as usize % RECENT, (hash >> 32) as u32);
        if let Some(Recent {
            hash,
            sym: Some(sym),
        }) = self.recent.get(place)
        {
            if *hash == high && self.name(*sym) == text {
                return *sym;
            }
        }
        let sym = match self.find(hash, text) {
            Some(sym) => sym,
            None => self.insert(hash, text),
        };
        if self.recent.is_empty() {
            self.recent = vec![Recent::default(); RECENT];
        }
        if let Some(recent) = self.recent.get_mut(place) {
            *recent = Recent {
                hash: high,
                sym: Some(sym),
            };
        }
        sym
    }

    /// Stores a text not stored yet, whose hash is `hash`.
    fn insert(&mut self, hash: u64, text: &str) -> Sym {
        let sym = Sym::at(self.ends.len());
        self.text.push_str(text);
        self.ends.push(self.text.len());
        let Names {
            text: all,
            ends,
            table,
            ..
        } = self;
        table.insert_unique(hash, sym, |s| self::hash(text_of(all, ends, *s)));
        sym
    }

    /// From now on, the ids of students and parents are stored as their pseudonyms.
    pub fn pseudonymize(&mut self, key: Pseudonyms) {
        self.persons = Some(Box::new(Persons {
            key,
            seen: Map::default(),
        }));
    }

    /// Whether the ids of students and parents are stored as pseudonyms.
    pub fn pseudonymized(&self) -> bool {
        self.persons.is_some()
    }

    /// The symbol of a student's or a parent's id: with pseudonyms, its pseudonym's.
    pub fn person(&mut self, id: &str) -> Sym {
        let Some(persons) = &self.persons else {
            return self.intern(id);
        };
        if let Some(sym) = persons.seen.get(id) {
            return *sym;
        }
        let pseudonym = persons.key.of(id);
        let sym = self.intern(&pseudonym);
        if let Some(persons) = &mut self.persons {
            persons.seen.insert(id.into(), sym);
        }
        sym
    }

    /// A student's or a parent's name as the register keeps it: with pseudonyms, a
    /// pseudonym of the name, which tells two declarations apart and is never shown.
    pub fn person_name(&self, name: &str) -> Box<str> {
        match &self.persons {
            Some(persons) => persons.key.of(name).into(),
            None => name.into(),
        }
    }

    pub fn get(&self, text: &str) -> Option<Sym> {
        self.find(hash(text), text)
    }

    /// The symbol of a text whose hash is `hash`.
    fn find(&self, hash: u64, text: &str) -> Option<Sym> {
        self.table.find(hash, |s| self.name(*s) == text).copied()
    }

    /// Every text stored, for the tests that look for an id that should not be there.
    #[cfg(test)]
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.name(Sym::at(i)))
    }

    pub fn name(&self, sym: Sym) -> &str {
        text_of(&self.text, &self.ends, sym)
    }

    /// Compares two symbols by their text, so that orders never depend on arrival.
    pub fn cmp(&self, a: Sym, b: Sym) -> Ordering {
        if a == b {
            Ordering::Equal
        } else {
            self.name(a).cmp(self.name(b))
        }
    }

    pub fn cmp_opt(&self, a: Option<Sym>, b: Option<Sym>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => self.cmp(a, b),
            _ => a.is_some().cmp(&b.is_some()),
        }
    }
}

/// The text of a symbol in `text`, whose texts end where `ends` says.
fn text_of<'a>(text: &'a str, ends: &[usize], sym: Sym) -> &'a str {
    let i = sym.index();
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before).copied().unwrap_or_default(),
        None => 0,
    };
    let end = ends.get(i).copied().unwrap_or_default();
    text.get(start..end).unwrap_or_default()
}

/// A table keyed by symbols. Symbols are numbered densely from 0 as they are interned, so
/// the table is a vector indexed by the symbol: a lookup is one index, not a hash and a
/// probe, and a register ten times larger misses the cache no more often per lookup.
///
/// It keeps its keys apart, so that a walk over a table of a few entries keyed by symbols
/// interned late (the periods of a second school year) takes as long as the entries, not
/// as every symbol before them. Its iteration order is the order the keys were added, that
/// is arrival order: like a hash map's, it never reaches output unsorted.
#[derive(Debug, Clone)]
pub struct SymMap<T> {
    /// For each symbol, 1 + the position of its entry; 0 for none. Four bytes a symbol
    /// whatever `T` is, so that a table of a few entries keyed by symbols interned late (a
    /// second school's classes in a region's file) costs little.
    slots: Vec<u32>,
    /// The entries, in the order their keys were added.
    entries: Vec<(Sym, T)>,
}

/// The slot of a symbol whose entry is at `at`: its position plus one, for 0 is no entry.
fn slot_of(at: usize) -> u32 {
    u32::try_from(at + 1).unwrap_or(u32::MAX)
}

impl<T> Default for SymMap<T> {
    fn default() -> Self {
        SymMap {
            slots: Vec::new(),
            entries: Vec::new(),
        }
    }
}

impl<T> SymMap<T> {
    /// The position of a symbol's entry (its slot, less one: see [`slot_of`]).
    fn position(&self, sym: &Sym) -> Option<usize> {
        let slot = *self.slots.get(sym.index())?;
        (slot as usize).checked_sub(1)
    }

    pub fn get(&self, sym: &Sym) -> Option<&T> {
        self.entries.get(self.position(sym)?).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, sym: &Sym) -> Option<&mut T> {
        let at = self.position(sym)?;
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    pub fn contains_key(&self, sym: &Sym) -> bool {
        self.position(sym).is_some()
    }

    /// The position of a symbol's entry, made by `make` when it has none.
    fn entry(&mut self, sym: Sym, make: impl FnOnce() -> T) -> usize {
        if let Some(at) = self.position(&sym) {
            return at;
        }
        let i = sym.index();
        if i >= self.slots.len() {
            self.slots.resize(i + 1, 0);
        }
        let at = self.entries.len();
        self.entries.push((sym, make()));
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = slot_of(at);
        }
        at
    }

    /// Sets the value of a symbol; returns the value it replaces.
    pub fn insert(&mut self, sym: Sym, value: T) -> Option<T> {
        if let Some((_, old)) = self.position(&sym).and_then(|at| self.entries.get_mut(at)) {
            return Some(std::mem::replace(old, value));
        }
        self.entry(sym, || value);
        None
    }

    /// The value of a symbol, made by `make` when it has none.
    pub fn or_insert_with(&mut self, sym: Sym, make: impl FnOnce() -> T) -> &mut T {
        let at = self.entry(sym, make);
        // `entry` has just found or made it.
        #[allow(clippy::indexing_slicing)]
        &mut self.entries[at].1
    }

    /// The value of a symbol, the default when it has none.
    pub fn or_default(&mut self, sym: Sym) -> &mut T
    where
        T: Default,
    {
        self.or_insert_with(sym, T::default)
    }

    /// Moves each entry to `to[its position]` (a permutation of the positions): where the
    /// entries lie, and so the order they are walked in, changes; what each key finds does
    /// not.
    pub(super) fn permute(&mut self, to: Vec<u32>) {
        super::settle::permute(&mut self.entries, to);
        for (at, (sym, _)) in self.entries.iter().enumerate() {
            if let Some(slot) = self.slots.get_mut(sym.index()) {
                *slot = slot_of(at);
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Sym, &T)> + '_ {
        self.entries.iter().map(|(k, v)| (*k, v))
    }

    /// The place of a symbol's entry: how many keys were added before it. A place never
    /// changes (nothing is removed), so an index may keep it instead of the symbol and
    /// read the entry with [`SymMap::at`], skipping the slot.
    pub fn place(&self, sym: &Sym) -> Option<u32> {
        self.position(sym).and_then(|at| u32::try_from(at).ok())
    }

    /// The value at a place.
    pub fn at(&self, place: u32) -> Option<&T> {
        self.entries.get(place as usize).map(|(_, v)| v)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> + '_ {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// How many entries it holds.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// More texts than the table of recent symbols has places, so that places are shared:
    /// each text keeps its one symbol, found again whether its place still holds it or
    /// another text took it since, and never another text's.
    #[test]
    fn recent_symbols_never_stand_for_another_text() {
        let texts: Vec<String> = (0..3 * RECENT).map(|i| format!("l{i}-240902")).collect();
        let mut names = Names::default();
        let syms: Vec<Sym> = texts.iter().map(|t| names.intern(t)).collect();
        for round in 0..2 {
            for (text, sym) in texts.iter().zip(&syms) {
                assert_eq!(names.intern(text), *sym, "{text}, round {round}");
                assert_eq!(names.get(text), Some(*sym));
                assert_eq!(names.name(*sym), text);
            }
        }
        let mut distinct = syms.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), texts.len());
        assert_eq!(names.texts().count(), texts.len());
    }
}
