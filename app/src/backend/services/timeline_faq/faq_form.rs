//! The FAQ form: an entry in English (required) and, as pairs, Spanish and Russian, checked with
//! every problem reported at once; and the anchor a new question gets.

use crate::error::FormErrors;

const QUESTION_MAX: usize = 300;
const ANSWER_MAX: usize = 5000;
const ANCHOR_MAX: usize = 60;

/// An entry as staff type it in.
#[derive(Clone, Debug, Default)]
pub struct FaqForm {
    pub question_en: String,
    pub answer_en: String,
    pub question_es: String,
    pub answer_es: String,
    pub question_ru: String,
    pub answer_ru: String,
    pub published: bool,
}

pub(super) fn check(form: &FaqForm) -> Result<FaqForm, FormErrors> {
    let mut errors = FormErrors::default();
    let fields = [
        ("question_en", &form.question_en),
        ("answer_en", &form.answer_en),
        ("question_es", &form.question_es),
        ("answer_es", &form.answer_es),
        ("question_ru", &form.question_ru),
        ("answer_ru", &form.answer_ru),
    ];
    for (field, value) in fields {
        errors.keep(field, value);
    }
    if form.published {
        errors.keep("published", "on");
    }
    let question_en = form.question_en.trim();
    if question_en.is_empty() {
        errors.add("question_en", "staff.faq.error.question");
    }
    if form.answer_en.trim().is_empty() {
        errors.add("answer_en", "staff.faq.error.answer");
    }
    for (field, value) in fields {
        let max = if field.starts_with("question") {
            QUESTION_MAX
        } else {
            ANSWER_MAX
        };
        if value.trim().chars().count() > max && errors.for_field(field).is_none() {
            let key = if max == QUESTION_MAX {
                "staff.faq.error.question_long"
            } else {
                "staff.faq.error.answer_long"
            };
            errors.add(field, key);
        }
    }
    // A question in Spanish over an answer in English would help nobody: both or neither.
    for (question_field, question, answer_field, answer) in [
        (
            "question_es",
            &form.question_es,
            "answer_es",
            &form.answer_es,
        ),
        (
            "question_ru",
            &form.question_ru,
            "answer_ru",
            &form.answer_ru,
        ),
    ] {
        match (question.trim().is_empty(), answer.trim().is_empty()) {
            (false, true) if errors.for_field(answer_field).is_none() => {
                errors.add(answer_field, "staff.faq.error.pair_answer");
            }
            (true, false) if errors.for_field(question_field).is_none() => {
                errors.add(question_field, "staff.faq.error.pair_question");
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let tidy = |text: &str| text.trim().replace("\r\n", "\n");
    Ok(FaqForm {
        question_en: tidy(&form.question_en),
        answer_en: tidy(&form.answer_en),
        question_es: tidy(&form.question_es),
        answer_es: tidy(&form.answer_es),
        question_ru: tidy(&form.question_ru),
        answer_ru: tidy(&form.answer_ru),
        published: form.published,
    })
}

/// The anchor a new question gets: its English words in lower case, joined by dashes.
pub fn anchor_of(question: &str) -> String {
    let mut anchor = String::new();
    for word in question
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if anchor.len() + word.len() + 1 > ANCHOR_MAX {
            break;
        }
        if !anchor.is_empty() {
            anchor.push('-');
        }
        anchor.push_str(&word.to_ascii_lowercase());
    }
    if anchor.is_empty() {
        "question".into()
    } else {
        anchor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FaqForm {
        FaqForm {
            question_en: "Is my email public?".into(),
            answer_en: "No.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn anchors_come_from_the_english_question() {
        assert_eq!(anchor_of("Is my email public?"), "is-my-email-public");
        assert_eq!(anchor_of("¿Qué?"), "qu");
        assert_eq!(anchor_of("Что?"), "question");
        assert!(anchor_of(&"word ".repeat(40)).len() <= ANCHOR_MAX);
    }

    #[test]
    fn a_translation_is_both_fields_or_neither() {
        assert!(check(&form()).is_ok());
        let half = FaqForm {
            question_es: "¿Es público mi correo?".into(),
            ..form()
        };
        let errors = check(&half).err().unwrap_or_default();
        assert_eq!(
            errors.for_field("answer_es"),
            Some("staff.faq.error.pair_answer")
        );
        assert_eq!(errors.kept("question_es"), Some("¿Es público mi correo?"));
        let empty = FaqForm::default();
        let errors = check(&empty).err().unwrap_or_default();
        assert!(
            errors.for_field("question_en").is_some() && errors.for_field("answer_en").is_some()
        );
    }
}
