//! The incremental engine checked against a model (a state machine test).
//!
//! The model is the simplest thing that is right by definition: the events taken so far,
//! in the order taken, checked as a batch (`ekzh::check`) at the audit's `as_of`. The test
//! drives an [`Engine`] through random steps — push any event of a random register, in any
//! order, any number of times; insert one without judging it; audit at any moment — and
//! after every audit the engine's report must be the model's, exactly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::compare::{diff, json, made_at};
use common::registers::{register, Case};
use ekzh::{check, Engine, Event, Lang};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use proptest_state_machine::{prop_state_machine, ReferenceStateMachine, StateMachineTest};

/// The model: a register to draw events from, and the events taken so far.
#[derive(Clone)]
struct Model {
    case: Case,
    taken: Vec<Event>,
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
            2 => (any::<Index>(), -600..(60 * 24 * 20i64)).prop_map(|(i, m)| Step::Audit(i, m)),
        ]
        .boxed()
    }

    fn apply(mut state: Model, step: &Step) -> Model {
        if let Step::Push(i) | Step::Insert(i) = step {
            if let Some(event) = state.event(i).cloned() {
                state.taken.push(event);
            }
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
            Step::Audit(i, minutes) => {
                let as_of = model.moment(i, *minutes);
                let audit = engine.audit(as_of);
                let expected = check(model.taken.iter().cloned(), as_of, &model.case.policy)
                    .expect("the register loads");
                let same = audit == expected
                    && json(&audit, Lang::Ru) == json(&expected, Lang::Ru)
                    && json(&audit, Lang::En) == json(&expected, Lang::En);
                assert!(
                    same,
                    "the engine's audit at {as_of} differs from the check of the {} events taken:\n{}\nthe events taken:\n{}",
                    model.taken.len(),
                    diff(&audit, &expected, ("the engine", "the check")),
                    common::registers::ndjson(&model.taken),
                );
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
