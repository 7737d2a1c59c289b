//! The register laid out class by class once it is loaded ([`Register::settle`]).
//!
//! Events come in the order they were made: a school's day, class after class, then the
//! next day. Stored in that order, a class's lessons and the entries on them lie spread
//! over the whole register, one day's worth here and the next a school's day further on,
//! and a rule that walks a class (its streams, a student's run of lessons) or an entry's
//! lesson and its neighbours reads them at random. Settling moves the lessons into the
//! order of their classes' streams, and their versions, attendance and marks after them,
//! each lesson's together; then renumbers every position that points at them. What the
//! register holds, and so every report, is the same: only where its records lie changes.
//!
//! Measured on the generator's registers, one core, the settling included: the audit took
//! a fifth to over a quarter less, of a million events and of ten million
//! (docs/decisions.md, "Issue 14: the order of the register").

use super::index::OnLesson;
use super::*;

impl Register {
    /// Lays the lessons out stream by stream, class by class, and their versions,
    /// attendance and marks after them. A register may grow after it is settled, and be
    /// settled again.
    pub fn settle(&mut self) {
        let mut lessons = Renumber::new(self.lessons.len());
        for place in self.index.lesson_places() {
            lessons.meet(place);
        }
        let lessons = lessons.finish();
        self.index.remap_lessons(&lessons);
        self.lessons.permute(lessons);

        let mut versions = Renumber::new(self.lesson_versions.len());
        let mut marks = Renumber::new(self.marks.len());
        let mut attendance = Renumber::new(self.attendance.len());
        let on_lessons = self
            .lessons
            .values()
            .map(|rec| (rec.versions.as_slice(), &rec.on));
        let pending = self
            .index
            .pending_lessons()
            .map(|(_, on)| (&[] as &[u32], on));
        for (lesson_versions, on) in on_lessons.chain(pending) {
            lesson_versions.iter().for_each(|v| versions.meet(*v));
            on.attendance.iter().for_each(|a| attendance.meet(*a));
            on.marks.iter().for_each(|m| marks.meet(*m));
        }
        let (versions, marks, attendance) =
            (versions.finish(), marks.finish(), attendance.finish());

        let remap_on = |on: &mut OnLesson| {
            remap(&mut on.attendance, &attendance);
            remap(&mut on.marks, &marks);
        };
        for rec in self.lessons.values_mut() {
            remap(&mut rec.versions, &versions);
            remap_on(&mut rec.on);
        }
        self.index.remap_entries(remap_on);
        permute(&mut self.lesson_versions, versions);
        permute(&mut self.marks, marks);
        permute(&mut self.attendance, attendance);
    }
}

/// New positions for a list, given in the order its elements are met: `to[old]` is the
/// element's new position. Elements never met keep their order, after the others.
struct Renumber {
    to: Vec<u32>,
    next: u32,
}

impl Renumber {
    const UNMET: u32 = u32::MAX;

    fn new(len: usize) -> Self {
        Renumber {
            to: vec![Self::UNMET; len],
            next: 0,
        }
    }

    /// The element at `old` comes next, unless it was met before.
    fn meet(&mut self, old: u32) {
        if let Some(to) = self.to.get_mut(old as usize) {
            if *to == Self::UNMET {
                *to = self.next;
                self.next += 1;
            }
        }
    }

    fn finish(mut self) -> Vec<u32> {
        for to in &mut self.to {
            if *to == Self::UNMET {
                *to = self.next;
                self.next += 1;
            }
        }
        self.to
    }
}

/// Every position in `list` renumbered: the element at `i` is now at `to[i]`.
pub(super) fn remap(list: &mut [u32], to: &[u32]) {
    list.iter_mut().for_each(|position| renumber(position, to));
}

/// A position renumbered: the element at `i` is now at `to[i]`.
pub(super) fn renumber(position: &mut u32, to: &[u32]) {
    if let Some(new) = to.get(*position as usize) {
        *position = *new;
    }
}

/// Moves each element of `list` to `to[its position]` (a permutation of the positions),
/// in place: each swap puts one element where it belongs.
///
/// A permutation is followed cycle by cycle, and each swap of a cycle waits on the load of
/// the one before it to know where to go next. So [`HANDS`] positions are worked at once,
/// a swap of each in turn: their loads do not wait on each other, and the memory serves
/// them together. Two hands in the same cycle share it out (a hand whose place another
/// fills is done), and a place, once filled, is never moved again.
pub(super) fn permute<T>(list: &mut [T], mut to: Vec<u32>) {
    let len = list.len().min(to.len());
    let mut first = 0;
    while first < len {
        let hands = first..(first + HANDS).min(len);
        let mut moved = true;
        while moved {
            moved = false;
            for hand in hands.clone() {
                let Some(&new) = to.get(hand) else { break };
                let new = new as usize;
                if new != hand && new < len {
                    list.swap(hand, new);
                    to.swap(hand, new);
                    moved = true;
                }
            }
        }
        first = hands.end;
    }
}

/// How many positions [`permute`] works at once.
const HANDS: usize = 16;

#[cfg(test)]
mod tests {
    use proptest::prelude::{Just, Strategy};

    use super::*;

    /// Two classes' days, as a register gets them: each day's lessons of both classes, the
    /// marks and attendance on them as they were entered; a mark before its lesson, and an
    /// absence on a lesson never recorded.
    const DAYS: &str = r#"
{"type":"class","id":"5a","grade":5}
{"type":"class","id":"6b","grade":6}
{"type":"student","id":"s1","class":"5a"}
{"type":"student","id":"s2","class":"6b"}
{"type":"mark","lesson":"5a-2","student":"s1","value":3,"by":"t1"}
{"type":"lesson","id":"5a-1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15"}
{"type":"lesson","id":"6b-1","class":"6b","subject":"Математика","teacher":"t2","date":"2024-09-02","start":"08:30","end":"09:15"}
{"type":"mark","lesson":"6b-1","student":"s2","value":4,"by":"t2"}
{"type":"mark","lesson":"5a-1","student":"s1","value":5,"by":"t1"}
{"type":"attendance","lesson":"6b-1","student":"s2","code":"ОП","by":"t2"}
{"type":"attendance","lesson":"5a-1","student":"s1","code":"Н","by":"t1"}
{"type":"lesson","id":"6b-2","class":"6b","subject":"Математика","teacher":"t2","date":"2024-09-03","start":"08:30","end":"09:15"}
{"type":"lesson","id":"5a-2","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-03","start":"08:30","end":"09:15"}
{"type":"lesson","id":"5a-1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Дроби"}
{"type":"mark","lesson":"6b-2","student":"s2","value":2,"by":"t2"}
{"type":"attendance","lesson":"x","student":"s1","code":"Н","by":"t1"}
"#;

    proptest::proptest! {
        /// Whatever the permutation, and however many hands share its cycles, every
        /// element ends where it was sent.
        #[test]
        fn permuting_sends_each_element_where_it_is_told(
            to in (0u32..300).prop_flat_map(|n| Just((0..n).collect::<Vec<u32>>()).prop_shuffle()),
        ) {
            let mut list: Vec<u32> = (0..).take(to.len()).collect();
            permute(&mut list, to.clone());
            for (old, new) in (0u32..).zip(&to) {
                proptest::prop_assert_eq!(list.get(*new as usize), Some(&old));
            }
        }
    }

    fn register() -> Register {
        let policy = Policy::default();
        let mut reg = Register::new(&policy);
        super::super::tests::store(&mut reg, DAYS, &policy);
        reg
    }

    /// What a rule can ask of the register about its lessons and the entries on them.
    fn answers(reg: &Register) -> Vec<String> {
        let mut out = Vec::new();
        for id in ["5a-1", "5a-2", "6b-1", "6b-2", "x"] {
            let sym = reg.sym(id).unwrap_or_else(|| panic!("{id}"));
            let marks: Vec<u8> = reg.marks_on(sym).map(|m| m.value).collect();
            let codes: Vec<String> = reg
                .attendance_on(sym)
                .map(|a| format!("{:?}", a.code))
                .collect();
            let lesson = reg.lesson(sym);
            let versions: Vec<u32> = lesson.map_or_else(Vec::new, |l| {
                reg.versions(l).map(|v| v.stamp.event).collect()
            });
            // Each lesson of its stream, read by its place among the lessons.
            let stream: Vec<&str> = lesson.map_or_else(Vec::new, |l| {
                let stream = reg.stream(l).iter().filter_map(|d| reg.lesson_in(d));
                stream.map(|l| reg.name(l.id)).collect()
            });
            out.push(format!(
                "{id}: marks {marks:?}, codes {codes:?}, versions {versions:?}, stream {stream:?}"
            ));
        }
        for (student, subject) in [("s1", "Математика"), ("s2", "Математика")] {
            let (s, subj) = (reg.sym(student), reg.sym(&crate::vocab::fold(subject)));
            let (Some(s), Some(subj)) = (s, subj) else {
                panic!("{student} {subject}")
            };
            let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 9, d).unwrap_or_default();
            let marks: Vec<u8> = reg
                .marks_in(s, subj, day(1), day(30), None)
                .map(|(m, _)| m.value)
                .collect();
            out.push(format!("{student}: {marks:?}"));
        }
        out
    }

    #[test]
    fn settling_lays_each_class_out_together_and_changes_no_answer() {
        let mut reg = register();
        let before = answers(&reg);
        let class_of =
            |reg: &Register, lesson: Sym| reg.lesson(lesson).map(|l| reg.name(l.class).to_owned());
        let classes = |reg: &Register| -> Vec<Option<String>> {
            reg.marks.iter().map(|m| class_of(reg, m.lesson)).collect()
        };
        // As stored: the classes' marks in the order they were entered.
        let some = |c: &str| Some(c.to_owned());
        assert_eq!(
            classes(&reg),
            [some("5a"), some("6b"), some("5a"), some("6b")]
        );
        reg.settle();
        assert_eq!(answers(&reg), before);
        // Settled: each class's lessons together, in the order of their streams, and the
        // marks after them, each lesson's together.
        let lessons: Vec<&str> = reg.lessons.values().map(|l| reg.name(l.id)).collect();
        assert_eq!(lessons, ["5a-1", "5a-2", "6b-1", "6b-2"]);
        assert_eq!(
            classes(&reg),
            [some("5a"), some("5a"), some("6b"), some("6b")]
        );
        let on: Vec<&str> = reg.attendance.iter().map(|a| reg.name(a.lesson)).collect();
        assert_eq!(on, ["5a-1", "6b-1", "x"]);
        let versions: Vec<&str> = reg
            .lesson_versions
            .iter()
            .map(|v| reg.name(v.lesson))
            .collect();
        assert_eq!(versions, ["5a-1", "5a-1", "5a-2", "6b-1", "6b-2"]);
        // Settled again, or grown and settled, it answers as a register never settled.
        reg.settle();
        assert_eq!(answers(&reg), before);
    }
}
