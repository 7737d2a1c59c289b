//! Numbers, dates and words as each language writes them: 529 517 and 31.10.2024 in
//! Russian, 529,517 and 2024-10-31 in English.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ekzh_core::{ru_plural, Lang, Share};

/// A narrow no-break space: the Russian thousands separator.
const THIN: char = '\u{202F}';
/// A no-break space: before «%» in Russian.
const NBSP: char = '\u{00A0}';

/// A whole number with its thousands grouped: `529 517`, `529,517`.
pub fn int(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Ru => THIN,
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number with `decimals` decimals and the language's decimal mark: `0,24`, `0.24`.
/// Halves round up, as a school counts: 81,25 → 81,3 (formatting alone would round to even).
pub fn decimal(value: f64, decimals: usize, lang: Lang) -> String {
    let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let rounded = (value * factor).round() / factor;
    let text = format!("{rounded:.decimals$}");
    match lang {
        Lang::Ru => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A share as a percentage with one decimal (none for 0 and 100): `97,5 %`, `97.5%`.
pub fn percent(share: Share, lang: Lang) -> String {
    let Some(ratio) = share.ratio() else {
        return "—".to_owned();
    };
    let value = ratio * 100.0;
    let decimals = if share.n == share.of || share.n == 0 {
        0
    } else {
        1
    };
    let number = decimal(value, decimals, lang);
    match lang {
        Lang::Ru => format!("{number}{NBSP}%"),
        Lang::En => format!("{number}%"),
    }
}

/// A share as `n из of` / `n of of`.
pub fn out_of(share: Share, lang: Lang) -> String {
    let of = match lang {
        Lang::Ru => "из",
        Lang::En => "of",
    };
    format!("{} {of} {}", int(share.n, lang), int(share.of, lang))
}

pub fn date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// A day and month, for a chart's axis: `02.09`, `09-02`.
pub fn day_month(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => date.format("%d.%m").to_string(),
        Lang::En => date.format("%m-%d").to_string(),
    }
}

pub fn moment(at: DateTime<FixedOffset>, lang: Lang) -> String {
    match lang {
        Lang::Ru => at.format("%d.%m.%Y %H:%M").to_string(),
        Lang::En => at.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A deadline as the JSON report writes it (a date, or an RFC 3339 moment), in the
/// language's format; as written when it is neither.
pub fn due(text: &str, lang: Lang) -> String {
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return date(d, lang);
    }
    match DateTime::parse_from_rfc3339(text) {
        Ok(at) => moment(at, lang),
        Err(_) => text.to_owned(),
    }
}

/// A count with its noun agreeing: «1 замечание», «3 замечания», «5 замечаний»; "1 finding",
/// "3 findings".
pub fn count(n: usize, lang: Lang, noun: &Noun) -> String {
    let word = match lang {
        Lang::Ru => ru_plural(n, noun.ru[0], noun.ru[1], noun.ru[2]),
        Lang::En if n == 1 => noun.en[0],
        Lang::En => noun.en[1],
    };
    format!("{} {word}", int(n, lang))
}

/// A noun's forms: Russian after 1, 2–4 and 5–20; English singular and plural.
pub struct Noun {
    pub ru: [&'static str; 3],
    pub en: [&'static str; 2],
}

pub const FINDINGS: Noun = Noun {
    ru: ["замечание", "замечания", "замечаний"],
    en: ["finding", "findings"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_each_language_writes_them() {
        assert_eq!(int(529_517, Lang::Ru), "529\u{202F}517");
        assert_eq!(int(529_517, Lang::En), "529,517");
        assert_eq!(int(17, Lang::Ru), "17");
        assert_eq!(int(1_000_000, Lang::En), "1,000,000");
        assert_eq!(percent(Share { n: 39, of: 40 }, Lang::Ru), "97,5\u{A0}%");
        assert_eq!(percent(Share { n: 40, of: 40 }, Lang::En), "100%");
        assert_eq!(percent(Share { n: 0, of: 0 }, Lang::En), "—");
        assert_eq!(decimal(0.2441, 2, Lang::Ru), "0,24");
        assert_eq!(percent(Share { n: 13, of: 16 }, Lang::Ru), "81,3\u{A0}%");
    }

    #[test]
    fn dates_and_counts() {
        let d = NaiveDate::from_ymd_opt(2024, 10, 31).unwrap();
        assert_eq!(date(d, Lang::Ru), "31.10.2024");
        assert_eq!(date(d, Lang::En), "2024-10-31");
        assert_eq!(due("2024-10-31", Lang::Ru), "31.10.2024");
        assert_eq!(
            due("2024-10-31T14:45:00+04:00", Lang::Ru),
            "31.10.2024 14:45"
        );
        assert_eq!(count(1, Lang::Ru, &FINDINGS), "1 замечание");
        assert_eq!(count(3, Lang::Ru, &FINDINGS), "3 замечания");
        assert_eq!(count(11, Lang::Ru, &FINDINGS), "11 замечаний");
        assert_eq!(count(21, Lang::Ru, &FINDINGS), "21 замечание");
        assert_eq!(count(1, Lang::En, &FINDINGS), "1 finding");
    }
}
