//! The question form of the survey builder: the types offered, a question's settings as posted,
//! and the checked question they describe (limits by type, a retype starting from defaults).

use super::{Choice, Question, QuestionKind};
use crate::error::FormErrors;

/// The question types offered in the builder, in the order they are listed.
pub const QUESTION_TYPES: [&str; 10] = [
    "single_choice",
    "multiple_choice",
    "dropdown",
    "rating",
    "yes_no",
    "short_text",
    "long_text",
    "number",
    "zip",
    "ranking",
];

/// A question's settings as the question form posts them (numbers still text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionForm {
    pub key: String,
    pub prompt: String,
    pub help: String,
    pub required: bool,
    pub closed: bool,
    pub kind: String,
    pub other: bool,
    pub min: String,
    pub max: String,
    pub min_label: String,
    pub max_label: String,
    pub max_chars: String,
}

impl QuestionForm {
    /// The values to put back into the form after an error.
    pub fn keep(&self) -> FormErrors {
        let mut errors = FormErrors::default();
        for (field, value) in [
            ("key", &self.key),
            ("prompt", &self.prompt),
            ("help", &self.help),
            ("kind", &self.kind),
            ("min", &self.min),
            ("max", &self.max),
            ("min_label", &self.min_label),
            ("max_label", &self.max_label),
            ("max_chars", &self.max_chars),
        ] {
            errors.keep(field, value);
        }
        for (field, on) in [
            ("required", self.required),
            ("closed", self.closed),
            ("other", self.other),
        ] {
            if on {
                errors.keep(field, "on");
            }
        }
        errors
    }
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 60
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !key.contains("__")
        && !key.starts_with('_')
        && !key.ends_with('_')
}

fn starter_options() -> Vec<Choice> {
    (1..=2)
        .map(|n| Choice {
            key: format!("option_{n}"),
            label: format!("Option {n}"),
        })
        .collect()
}

/// A question of `kind` with sensible starting settings, keeping `options` when it has them.
pub(super) fn kind_named(name: &str, options: Vec<Choice>) -> Option<QuestionKind> {
    let options = if options.len() < 2 {
        starter_options()
    } else {
        options
    };
    Some(match name {
        "single_choice" => QuestionKind::SingleChoice {
            options,
            other: false,
        },
        "multiple_choice" => QuestionKind::MultipleChoice {
            options,
            other: false,
            min: None,
            max: None,
        },
        "dropdown" => QuestionKind::Dropdown { options },
        "ranking" => QuestionKind::Ranking { options },
        "rating" => QuestionKind::Rating {
            min: 1,
            max: 5,
            min_label: "Not at all".into(),
            max_label: "Very much".into(),
        },
        "yes_no" => QuestionKind::YesNo,
        "short_text" => QuestionKind::ShortText { max_chars: 200 },
        "long_text" => QuestionKind::LongText { max_chars: 2_000 },
        "number" => QuestionKind::Number {
            min: None,
            max: None,
        },
        "zip" => QuestionKind::Zip,
        _ => return None,
    })
}

/// The options a question's type keeps (empty for types without a list).
pub fn options_of(kind: &QuestionKind) -> Vec<Choice> {
    match kind {
        QuestionKind::SingleChoice { options, .. }
        | QuestionKind::MultipleChoice { options, .. }
        | QuestionKind::Dropdown { options }
        | QuestionKind::Ranking { options } => options.clone(),
        _ => Vec::new(),
    }
}

pub(super) fn options_mut(kind: &mut QuestionKind) -> Option<&mut Vec<Choice>> {
    match kind {
        QuestionKind::SingleChoice { options, .. }
        | QuestionKind::MultipleChoice { options, .. }
        | QuestionKind::Dropdown { options }
        | QuestionKind::Ranking { options } => Some(options),
        _ => None,
    }
}

fn optional_number<T: std::str::FromStr>(
    text: &str,
    field: &str,
    errors: &mut FormErrors,
) -> Option<T> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(field, "builder.error.number");
            None
        }
    }
}

/// The question as the form describes it, or the form's field errors.
pub(super) fn edited_question(old: &Question, form: &QuestionForm) -> Result<Question, FormErrors> {
    let mut errors = form.keep();
    let prompt = form.prompt.replace("\r\n", "\n").trim().to_string();
    if prompt.is_empty() || prompt.chars().count() > 500 {
        errors.add("prompt", "builder.error.prompt");
    }
    let key = form.key.trim().to_string();
    if !valid_key(&key) {
        errors.add("key", "builder.error.key");
    }
    let help = form.help.replace("\r\n", "\n").trim().to_string();
    let kind_name = if form.kind.trim().is_empty() {
        old.kind.name()
    } else {
        form.kind.trim()
    };
    let mut kind = if kind_name == old.kind.name() {
        old.kind.clone()
    } else {
        match kind_named(kind_name, options_of(&old.kind)) {
            Some(kind) => kind,
            None => {
                errors.add("kind", "builder.error.kind");
                old.kind.clone()
            }
        }
    };
    // A retype starts from the new type's settings; the limits shown were the old type's.
    let retyped = kind_name != old.kind.name();
    if !retyped {
        match &mut kind {
            QuestionKind::SingleChoice { other, .. } => *other = form.other,
            QuestionKind::MultipleChoice {
                other, min, max, ..
            } => {
                *other = form.other;
                *min = optional_number(&form.min, "min", &mut errors);
                *max = optional_number(&form.max, "max", &mut errors);
                let count = options_of(&old.kind).len();
                if min.is_some_and(|m| m > count)
                    || max.is_some_and(|m| m == 0 || m > count)
                    || matches!((*min, *max), (Some(a), Some(b)) if a > b)
                {
                    errors.add("max", "builder.error.choice_limits");
                }
            }
            QuestionKind::Number { min, max } => {
                *min = optional_number(&form.min, "min", &mut errors);
                *max = optional_number(&form.max, "max", &mut errors);
                if matches!((*min, *max), (Some(a), Some(b)) if a > b) {
                    errors.add("max", "builder.error.range");
                }
            }
            QuestionKind::Rating {
                min,
                max,
                min_label,
                max_label,
            } => {
                let low = optional_number::<i32>(&form.min, "min", &mut errors);
                let high = optional_number::<i32>(&form.max, "max", &mut errors);
                match (low, high) {
                    (Some(low), Some(high)) if low < high && high - low <= 10 && low >= 0 => {
                        *min = low;
                        *max = high;
                    }
                    _ => errors.add("max", "builder.error.scale"),
                }
                *min_label = form.min_label.trim().to_string();
                *max_label = form.max_label.trim().to_string();
            }
            QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
                match optional_number::<usize>(&form.max_chars, "max_chars", &mut errors) {
                    Some(n) if (1..=10_000).contains(&n) => *max_chars = n,
                    None if form.max_chars.trim().is_empty() => {}
                    _ => errors.add("max_chars", "builder.error.max_chars"),
                }
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Question {
        key,
        prompt,
        help: (!help.is_empty()).then_some(help),
        required: form.required,
        closed: form.closed,
        kind,
    })
}
