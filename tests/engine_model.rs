//! The incremental engine checked against a model (a state machine test).
//!
//! The model is the simplest thing that is right by definition: the events taken so far,
//! in the order taken, checked as a batch (`ekzh::check`) at the audit's `as_of`. The test
//! drives an [`Engine`] through random steps — push any event of a random register, in any
//! order, any number of times; insert one without judging it; skip an event that cannot be
//! read; audit at any moment — and after every audit the engine's report must be the
//! model's, exactly: `check` of the events taken (when none was bad), and `check_bytes` of
//! their JSON lines with bad events skipped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::compare::{diff, json, made_at, without_lines};
use common::registers::{register, Case};
use ekzh::{check, check_bytes, read_line, Engine, Event, Lang, OnError};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use proptest_state_machine::{prop_state_machine, ReferenceStateMachine, StateMachineTest};

/// The model: a register to draw events from, and the events taken so far.
#[derive(Clone)]
struct Model {
    case: Case,
    taken: Vec<Taken>,
}

/// An event taken: read, or a line that cannot be read.
#[derive(Clone, Debug)]
enum Taken {
    Event(Box<Event>),
    Bad(&'static str),
}

/// Lines a portal may send that are not events.
const BAD: &[&str] = &[
    r#"{"type":"mark","lesson":"l1","student":"s1","value":7,"at":"2024-09-02T10:00:00+04:00","by":"t1"}"#,
    r#"{"type":"lesson_x","id":"l1"}"#,
    r#"{"type":"attendance","lesson":"l1","student":"s1","code":"X"}"#,
    r#"{"type":"class","id":"9z","grade":12}"#,
    r#"{"type":"sanatorium","student":"s1","from":"2024-13-45","to":"2024-10-01"}"#,
];

impl Model {
    fn events(&self) -> Option<Vec<Event>> {
        self.taken
            .iter()
            .map(|t| match t {
                Taken::Event(e) => Some((**e).clone()),
                Taken::Bad(_) => None,
            })
            .collect()
    }

    fn ndjson(&self) -> String {
        let mut out = String::new();
        for t in &self.taken {
            match t {
                Taken::Event(e) => out.push_str(&serde_json::to_string(e).unwrap()),
                Taken::Bad(line) => out.push_str(line),
            }
            out.push('\n');
        }
        out
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} events taken; the register they are drawn from: {:?}",
            self.taken.len(),
            self.case
        )
    }
}

/// One step: an event of the register by position, or an audit.
#[derive(Debug, Clone)]
enum Step {
    /// `Engine::push`, which judges the entry.
    Push(Index),
    /// `Engine::insert`, which stores it for the audit.
    Insert(Index),
    /// `Engine::skip` of a line that cannot be read.
    Bad(Index),
    /// `Engine::audit` at the moment an event of the register was made (or the case's
    /// `as_of`, when it has none), some minutes later.
    Audit(Index, i64),
}

impl Model {
    fn event(&self, i: &Index) -> Option<&Event> {
        (!self.case.events.is_empty()).then(|| i.get(&self.case.events))
    }

    fn moment(&self, i: &Index, minutes: i64) -> DateTime<FixedOffset> {
        let base = self.event(i).and_then(made_at).unwrap_or(self.case.as_of);
        base + Duration::minutes(minutes)
    }
}

struct EngineModel;

impl ReferenceStateMachine for EngineModel {
    type State = Model;
    type Transition = Step;

    fn init_state() -> BoxedStrategy<Model> {
        register()
            .prop_map(|case| Model {
                case,
                taken: Vec::new(),
            })
            .boxed()
    }

    fn transitions(_state: &Model) -> BoxedStrategy<Step> {
        prop_oneof![
            6 => any::<Index>().prop_map(Step::Push),
            2 => any::<Index>().prop_map(Step::Insert),
            1 => any::<Index>().prop_map(Step::Bad),
            2 => (any::<Index>(), -600..(60 * 24 * 20i64)).prop_map(|(i, m)| Step::Audit(i, m)),
        ]
        .boxed()
    }

    fn apply(mut state: Model, step: &Step) -> Model {
        match step {
            Step::Push(i) | Step::Insert(i) => {
                if let Some(event) = state.event(i).cloned() {
                    state.taken.push(Taken::Event(Box::new(event)));
                }
            }
            Step::Bad(i) => state.taken.push(Taken::Bad(BAD[i.index(BAD.len())])),
            Step::Audit(..) => {}
        }
        state
    }
}

impl StateMachineTest for EngineModel {
    type SystemUnderTest = Engine;
    type Reference = EngineModel;

    fn init_test(model: &Model) -> Engine {
        Engine::new(model.case.policy.clone())
    }

    fn apply(mut engine: Engine, model: &Model, step: Step) -> Engine {
        match &step {
            Step::Push(i) => {
                if let Some(event) = model.event(i) {
                    engine.push(event.clone()).expect("the event is stored");
                }
            }
            Step::Insert(i) => {
                if let Some(event) = model.event(i) {
                    engine.insert(event.clone()).expect("the event is stored");
                }
            }
            Step::Bad(i) => {
                let line = BAD[i.index(BAD.len())];
                let error = read_line(line.as_bytes(), engine.len(), engine.len() + 1)
                    .expect_err("a bad line");
                engine.skip(&error);
            }
            Step::Audit(i, minutes) => {
                let as_of = model.moment(i, *minutes);
                let audit = engine.audit(as_of);
                let text = model.ndjson();
                let mut expected = vec![(
                    "check_bytes of the JSON lines",
                    check_bytes(text.as_bytes(), as_of, &model.case.policy, OnError::Skip)
                        .expect("the register loads"),
                )];
                if let Some(events) = model.events() {
                    expected.push((
                        "check",
                        check(events, as_of, &model.case.policy).expect("the register loads"),
                    ));
                }
                // Events pushed have no lines; the JSON lines give them theirs.
                let audit = without_lines(&audit);
                for (name, expected) in expected {
                    let expected = without_lines(&expected);
                    let same = audit == expected
                        && json(&audit, Lang::Ru) == json(&expected, Lang::Ru)
                        && json(&audit, Lang::En) == json(&expected, Lang::En);
                    assert!(
                        same,
                        "the engine's audit at {as_of} differs from {name} of the {} events taken:\n{}\nthe events taken:\n{text}",
                        model.taken.len(),
                        diff(&audit, &expected, ("the engine", name)),
                    );
                }
            }
        }
        engine
    }

    fn check_invariants(engine: &Engine, model: &Model) {
        assert_eq!(engine.len(), model.taken.len(), "events taken");
    }
}

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var("PROPTEST_CASES").is_err() {
        config.cases = 64;
    }
    config
}

prop_state_machine! {
    #![proptest_config(config())]

    /// Push, insert and audit in any order: every audit is the batch check of the events so
    /// far.
    #[test]
    fn the_engine_audits_as_the_batch_checks(sequential 1..40 => EngineModel);
}
