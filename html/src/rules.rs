//! What the справка says about each rule — its clause, title, what to correct and what the
//! clause asks, in both languages — as data, so that a build of the renderer without the
//! rules' code (the WebAssembly report module) can carry it.

use ekzh_core::Lang;
use serde::{Deserialize, Serialize};

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Texts {
    pub ru: String,
    pub en: String,
}

impl Texts {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// One rule as the справка names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleText {
    pub id: String,
    /// The clause of the Regulation; `None` for a rule no clause states.
    pub clause: Option<String>,
    pub title: Texts,
    /// What to correct.
    pub fix: Texts,
    /// What the clause asks: the Regulation quoted in Russian (empty for a rule with no
    /// clause); the rule's summary in English.
    pub asks: Texts,
}

/// Every rule, in the catalogue's order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rules {
    pub rules: Vec<RuleText>,
}

/// A quote without the clause numbers it starts with: «2.7: «…»» → «…», «3.2 and 5.2: …»
/// → «…».
fn without_number(quote: &str) -> &str {
    let Some((head, rest)) = quote.split_once(':') else {
        return quote;
    };
    let numbers = head.split_whitespace().all(|word| {
        word == "and"
            || word
                .chars()
                .all(|c| c.is_ascii_digit() || ".,–-".contains(c))
    });
    if numbers && !head.trim().is_empty() {
        rest.trim_start()
    } else {
        quote
    }
}

impl Rules {
    /// The core's catalogue, with its titles.
    pub fn from_core() -> Rules {
        let rules = ekzh_core::catalogue()
            .map(|meta| {
                // The clause's number has a column of its own: the quote without it.
                let quote = meta.clause_text();
                let asks_ru = without_number(&quote).to_owned();
                RuleText {
                    id: meta.id.to_owned(),
                    clause: meta.clause.map(str::to_owned),
                    title: Texts {
                        ru: meta.title(Lang::Ru).to_owned(),
                        en: meta.title(Lang::En).to_owned(),
                    },
                    fix: Texts {
                        ru: meta.fix(Lang::Ru).to_owned(),
                        en: meta.fix(Lang::En).to_owned(),
                    },
                    asks: Texts {
                        ru: asks_ru,
                        en: meta.summary(),
                    },
                }
            })
            .collect();
        Rules { rules }
    }

    /// Rules written by [`Rules::to_json`].
    pub fn from_json(json: &str) -> Result<Rules, crate::Error> {
        Ok(serde_json::from_str(json)?)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn get(&self, id: &str) -> Option<&RuleText> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// A rule's place in the catalogue; rules it does not know come last.
    pub fn position(&self, id: &str) -> usize {
        self.rules
            .iter()
            .position(|r| r.id == id)
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_s_rules_as_data_and_back() {
        let rules = Rules::from_core();
        assert_eq!(rules.rules.len(), ekzh_core::catalogue().count());
        let mark = rules.get("grade1_mark").unwrap();
        assert_eq!(mark.title.ru, "Отметка в 1 классе");
        assert!(
            mark.asks.ru.starts_with("«В 1-х классах"),
            "{}",
            mark.asks.ru
        );
        assert_eq!(without_number("3.2 and 5.2: «Для»"), "«Для»");
        assert_eq!(
            without_number("3.3: учитель-предметник «вводит тему»"),
            "учитель-предметник «вводит тему»"
        );
        assert_eq!(without_number("«Нет номера: вот»"), "«Нет номера: вот»");
        assert_eq!(rules.get("unknown_reference").unwrap().asks.ru, "");
        assert!(!mark.asks.en.is_empty());
        assert_eq!(Rules::from_json(&rules.to_json()).unwrap(), rules);
        assert_eq!(rules.position("grade1_mark"), 0);
        assert_eq!(rules.position("no_such_rule"), usize::MAX);
    }
}
