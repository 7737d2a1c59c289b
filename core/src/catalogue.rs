//! The catalogue as data: a rule as `ekzh rules --format json`, Python's `ekzh.rules()` and
//! WebAssembly's `rules()` list it, serialized once here for all three.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::RuleMeta;

/// `{"id", "clause", "severity", "when", "summary", "doc"}`: the documentation without the
/// doc comment's indent, and its first paragraph on one line as the summary.
///
/// ```
/// let rule = ekzh_core::rule("grade1_mark").unwrap();
/// let json = serde_json::to_value(rule).unwrap();
/// assert_eq!(json["clause"], "2.6");
/// assert_eq!(json["severity"], "error");
/// assert_eq!(json["when"], "entry");
/// assert_eq!(json["summary"], rule.summary());
/// ```
impl Serialize for RuleMeta {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut rule = serializer.serialize_struct("Rule", 6)?;
        rule.serialize_field("id", self.id)?;
        rule.serialize_field("clause", self.clause)?;
        rule.serialize_field("severity", &self.severity)?;
        rule.serialize_field("when", &self.when)?;
        rule.serialize_field("summary", &self.summary())?;
        rule.serialize_field("doc", &self.documentation())?;
        rule.end()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_the_fields_every_face_lists() {
        let rules: Vec<_> = crate::rules::catalogue().collect();
        let list = serde_json::to_value(&rules).unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), rules.len());
        for (json, rule) in list.iter().zip(&rules) {
            assert_eq!(json.as_object().unwrap().len(), 6, "{}", rule.id);
            assert_eq!(json["id"], rule.id);
            assert_eq!(json["clause"], rule.clause);
            assert_eq!(json["severity"], rule.severity.as_str());
            assert_eq!(json["when"], rule.when.as_str());
            assert_eq!(json["summary"], rule.summary());
            assert_eq!(json["doc"], rule.documentation());
            assert!(!rule.summary().is_empty(), "{}", rule.id);
        }
        // The fields in this order, in every face.
        let text = serde_json::to_string(rules.first().unwrap()).unwrap();
        let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
        let keys = ["id", "clause", "severity", "when", "summary", "doc"];
        assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    }
}
