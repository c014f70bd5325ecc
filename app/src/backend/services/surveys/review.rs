//! The review page's reading of a draft: each answer as words a respondent recognises.

use crate::domain::survey::{Answers, Question};

/// An answer as the review page shows it: option labels, "Other: …", rankings in order.
pub fn answer_text(question: &Question, answers: &Answers) -> String {
    use crate::domain::survey::{OTHER, other_key};
    let Some(given) = answers.get(&question.key) else {
        return String::new();
    };
    let choices = question.kind.choices();
    let label = |key: &String| {
        if key == OTHER {
            answers
                .get(&other_key(&question.key))
                .and_then(|t| t.first())
                .map(|t| format!("Other: {t}"))
                .unwrap_or_else(|| "Other".into())
        } else {
            choices
                .iter()
                .find(|c| &c.key == key)
                .map(|c| c.label.clone())
                .unwrap_or_else(|| key.clone())
        }
    };
    match question.kind {
        crate::domain::survey::QuestionKind::Ranking { .. } => given
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{}. {}", i + 1, label(k)))
            .collect::<Vec<_>>()
            .join("; "),
        _ if choices.is_empty() => given.join(", "),
        _ => given.iter().map(label).collect::<Vec<_>>().join("; "),
    }
}
