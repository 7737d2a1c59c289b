//! Ids and names stored once each: a [`Sym`] is a number, compared by its text through
//! [`Names::cmp`] wherever an order reaches output; a [`SymMap`] is a table keyed by them.
//!
//! With pseudonyms (SPEC §9), the id of a student or a parent is stored as its pseudonym
//! ([`Names::person`]): the id itself is never a symbol's text, so nothing read from the
//! register can show it.

use std::cmp::Ordering;

use rustc_hash::FxHashMap as Map;

use crate::pseudonym::Pseudonyms;

/// An interned id or name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

/// Every id and name of the register, each stored once.
#[derive(Debug, Default, Clone)]
pub struct Names {
    map: Map<Box<str>, Sym>,
    list: Vec<Box<str>>,
    persons: Option<Box<Persons>>,
}

/// The pseudonyms of a key, and the symbol of each person's id met so far (so that each id
/// is hashed once).
#[derive(Debug, Clone)]
struct Persons {
    key: Pseudonyms,
    seen: Map<Box<str>, Sym>,
}

impl Names {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(sym) = self.map.get(text) {
            return *sym;
        }
        let sym = Sym(u32::try_from(self.list.len()).unwrap_or(u32::MAX));
        self.list.push(text.into());
        self.map.insert(text.into(), sym);
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
        self.map.get(text).copied()
    }

    /// Every text stored, for the tests that look for an id that should not be there.
    #[cfg(test)]
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.list.iter().map(|s| &**s)
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.list
            .get(sym.0 as usize)
            .map(|s| &**s)
            .unwrap_or_default()
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
    slots: Vec<Option<T>>,
    keys: Vec<Sym>,
}

impl<T> Default for SymMap<T> {
    fn default() -> Self {
        SymMap {
            slots: Vec::new(),
            keys: Vec::new(),
        }
    }
}

impl<T> SymMap<T> {
    pub fn get(&self, sym: &Sym) -> Option<&T> {
        self.slots.get(sym.0 as usize)?.as_ref()
    }

    pub fn contains_key(&self, sym: &Sym) -> bool {
        self.get(sym).is_some()
    }

    /// The slot of a symbol, the table grown to hold it and the key kept when it is new.
    fn slot(&mut self, sym: Sym) -> &mut Option<T> {
        let i = sym.0 as usize;
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, || None);
        }
        // Just grown to hold it.
        #[allow(clippy::indexing_slicing)]
        let slot = &mut self.slots[i];
        if slot.is_none() {
            self.keys.push(sym);
        }
        slot
    }

    /// Sets the value of a symbol; returns the value it replaces.
    pub fn insert(&mut self, sym: Sym, value: T) -> Option<T> {
        self.slot(sym).replace(value)
    }

    /// The value of a symbol, made by `make` when it has none.
    pub fn or_insert_with(&mut self, sym: Sym, make: impl FnOnce() -> T) -> &mut T {
        self.slot(sym).get_or_insert_with(make)
    }

    /// The value of a symbol, the default when it has none.
    pub fn or_default(&mut self, sym: Sym) -> &mut T
    where
        T: Default,
    {
        self.or_insert_with(sym, T::default)
    }

    pub fn iter(&self) -> impl Iterator<Item = (Sym, &T)> + '_ {
        self.keys.iter().filter_map(|k| Some((*k, self.get(k)?)))
    }

    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.iter().map(|(_, v)| v)
    }
}
