//! The errors serde and serde_json write, in Russian.
//!
//! serde_json keeps the kinds of its errors private and writes each as one fixed English
//! sentence, and serde's own errors (a value of the wrong type, a missing or repeated
//! field) are fixed forms around what was expected and what was found. The Russian of an
//! input error is made from those forms here, once, when the error is made: the one place
//! where ekzh reads another library's words. A form it does not know is said in general
//! terms rather than left in English.

/// The Russian of a serde or serde_json error message (without its position).
pub(crate) fn ru(en: &str) -> String {
    if let Some(rest) = en.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("ожидается {}, а не {}", wanted(expected), got(found));
        }
    }
    if let Some(rest) = en.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "недопустимое значение {}: ожидается {}",
                got(found),
                wanted(expected)
            );
        }
    }
    if let Some(rest) = en.strip_prefix("invalid length ") {
        if let Some((len, expected)) = rest.split_once(", expected ") {
            return format!("неверная длина {len}: ожидается {}", wanted(expected));
        }
    }
    if let Some(field) = en.strip_prefix("missing field ") {
        return format!("нет поля {field}");
    }
    if let Some(field) = en.strip_prefix("duplicate field ") {
        return format!("поле {field} указано дважды");
    }
    for (prefix, what) in [
        ("unknown field ", "неизвестное поле"),
        ("unknown variant ", "неизвестное значение"),
    ] {
        if let Some(rest) = en.strip_prefix(prefix) {
            return match rest.split_once(", expected one of ") {
                Some((name, list)) => format!("{what} {name}; допустимы: {list}"),
                None => match rest.split_once(", expected ") {
                    Some((name, one)) => format!("{what} {name}; допустимо: {one}"),
                    None => match rest.split_once(", there are no") {
                        Some((name, _)) => format!("{what} {name}"),
                        None => format!("{what} {rest}"),
                    },
                },
            };
        }
    }
    if let Some(text) = en.strip_suffix(" is not a UTC offset such as `+04:00`") {
        return format!("{text} — не смещение от UTC вида `+04:00`");
    }
    if let Some(said) = crate::vocab::unknown_ru(en) {
        return said;
    }
    if en.starts_with("EOF while parsing") {
        return "текст оборван: JSON не закончен".to_owned();
    }
    let fixed = match en {
        "expected `:`" => "ожидается `:`",
        "expected `,` or `]`" => "ожидается `,` или `]`",
        "expected `,` or `}`" => "ожидается `,` или `}`",
        "expected ident" => "неизвестное слово: ожидается `true`, `false` или `null`",
        "expected value" => "ожидается значение JSON",
        "expected `\"`" => "ожидается `\"`",
        "invalid escape" => "неверная экранированная последовательность в строке",
        "invalid number" => "неверное число",
        "number out of range" => "число вне допустимого диапазона",
        "invalid unicode code point" => "неверный код символа Unicode",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "управляющий символ (`\\u0000`–`\\u001F`) внутри строки"
        }
        "key must be a string" => "ключ должен быть строкой",
        "lone leading surrogate in hex escape" => "неверная суррогатная пара в строке",
        "trailing comma" => "лишняя запятая",
        "trailing characters" => "лишние символы после конца JSON",
        "unexpected end of hex escape" => "оборванная шестнадцатеричная последовательность",
        "recursion limit exceeded" => "слишком глубокая вложенность",
        _ => "значение не читается: это не JSON того вида, что ожидается",
    };
    fixed.to_owned()
}

/// What a value was expected to be, as the readers' and serde's `expecting` say it.
fn wanted(expected: &str) -> String {
    let words = match expected {
        "text" | "a string" => "текст",
        "an id (text or a whole number)" => "идентификатор (текст или целое число)",
        "a whole number" => "целое число",
        "a number" => "число",
        "a mark from 1 to 5" => "отметка от 1 до 5",
        "text or a list of texts" => "текст или список текстов",
        "an object of subject to subgroup" => "объект «предмет: подгруппа»",
        "a list" | "a sequence" => "список",
        "an event object" => "объект события",
        "a list of events" => "список событий",
        "a list of events, or an object with `events`" => "список событий или объект с `events`",
        "a field name" => "имя поля",
        "a boolean" => "логическое значение (`true` или `false`)",
        "a map" => "объект",
        "an object" => "объект",
        "an id (a whole number or text)" => "идентификатор (целое число или текст)",
        "a date such as `2023-04-10T00:00:00`" => "дата вида `2023-04-10T00:00:00`",
        "a time of day such as `08:30`" => "время вида `08:30`",
        "a mark (a number or text)" => "отметка (число или текст)",
        "a list of assignment types" => "список типов заданий",
        other if other.starts_with("struct ") => "объект",
        other if other.starts_with("a list of ") => "список",
        _ => "значение другого вида",
    };
    words.to_owned()
}

/// What was found instead, as serde's `Unexpected` says it.
fn got(found: &str) -> String {
    let in_ticks = |prefix: &str| found.strip_prefix(prefix).map(str::to_owned);
    if found == "null" || found == "unit value" {
        return "`null`".to_owned();
    }
    if let Some(value) = in_ticks("boolean ") {
        return format!("логическое значение {value}");
    }
    if let Some(value) = in_ticks("integer ") {
        return format!("целое число {value}");
    }
    if let Some(value) = in_ticks("floating point ") {
        return format!("дробное число {value}");
    }
    if let Some(value) = in_ticks("string ") {
        return format!("текст {value}");
    }
    match found {
        "sequence" => "список",
        "map" => "объект",
        _ => "значение другого вида",
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::ru;

    #[test]
    fn serde_s_words_are_said_in_russian() {
        for (en, want) in [
            ("expected `,` or `}`", "ожидается `,` или `}`"),
            (
                "EOF while parsing an object",
                "текст оборван: JSON не закончен",
            ),
            (
                "invalid type: integer `5`, expected text",
                "ожидается текст, а не целое число `5`",
            ),
            (
                "invalid type: null, expected a whole number",
                "ожидается целое число, а не `null`",
            ),
            (
                "invalid type: string \"x\", expected a list",
                "ожидается список, а не текст \"x\"",
            ),
            ("duplicate field `class`", "поле `class` указано дважды"),
            (
                "unknown field `bad`, expected one of `a`, `b`",
                "неизвестное поле `bad`; допустимы: `a`, `b`",
            ),
            ("trailing characters", "лишние символы после конца JSON"),
        ] {
            assert_eq!(ru(en), want, "{en}");
        }
        // A form not known here is said in general terms, never in English.
        assert!(!ru("something new").contains("something"));
    }
}
