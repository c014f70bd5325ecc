//! Checking one page of answers by question type: every problem at once, the input kept, a
//! forged option an error. The tests also cover the page navigation in `mod.rs`.

use super::{Answers, OTHER, QuestionKind, SurveyPage, other_key};
use crate::domain::zip::valid_zip;
use crate::error::FormErrors;
use std::collections::BTreeMap;

fn kept_key(question: &str) -> String {
    format!("q_{question}")
}

/// The kept-value key of one ticked option of a multiple-choice question.
pub fn kept_option_key(question: &str, option: &str) -> String {
    format!("q_{question}_{option}")
}

/// The kept-value key of one option's rank in a ranking question.
pub fn kept_rank_key(question: &str, option: &str) -> String {
    format!("r_{question}_{option}")
}

/// The kept-value key of a question's single value (choice, text, number).
pub fn kept_value_key(question: &str) -> String {
    kept_key(question)
}

/// The error-field name of a question, matching the id of its control or fieldset.
pub fn field_name(question: &str) -> String {
    format!("q-{question}")
}

/// What the form posted for one page: values per question key, ranks per question and option,
/// and "other" texts per question key.
#[derive(Clone, Debug, Default)]
pub struct PagePost {
    pub values: BTreeMap<String, Vec<String>>,
    pub ranks: BTreeMap<String, BTreeMap<String, String>>,
    pub others: BTreeMap<String, String>,
}

/// The posted values to put back into the form after an error.
pub fn keep_page(page: &SurveyPage, post: &PagePost) -> FormErrors {
    let mut errors = FormErrors::default();
    for question in &page.questions {
        let given = post.values.get(&question.key).cloned().unwrap_or_default();
        match &question.kind {
            QuestionKind::MultipleChoice { .. } => {
                for value in &given {
                    errors.keep(&kept_option_key(&question.key, value), "on");
                }
            }
            QuestionKind::Ranking { .. } => {
                if let Some(ranks) = post.ranks.get(&question.key) {
                    for (option, rank) in ranks {
                        errors.keep(&kept_rank_key(&question.key, option), rank);
                    }
                }
            }
            _ => {
                if let Some(value) = given.first() {
                    errors.keep(&kept_value_key(&question.key), value);
                }
            }
        }
        if let Some(other) = post.others.get(&question.key) {
            errors.keep(&other_key(&question.key), other);
        }
    }
    errors
}

/// Checks one page's answers by question type; every problem at once, the input kept.
pub fn check_page(page: &SurveyPage, post: &PagePost) -> Result<Answers, FormErrors> {
    let mut errors = keep_page(page, post);
    let mut answers = Answers::new();
    for question in page.questions.iter().filter(|q| !q.closed) {
        let field = field_name(&question.key);
        let given: Vec<String> = post
            .values
            .get(&question.key)
            .map(|v| {
                v.iter()
                    .map(|s| s.replace("\r\n", "\n").trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let other_text = post
            .others
            .get(&question.key)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let choices = question.kind.choices();
        let allowed = |value: &str| {
            choices.iter().any(|c| c.key == value) || (value == OTHER && question.kind.has_other())
        };
        match &question.kind {
            QuestionKind::Ranking { options } => {
                let ranks = post.ranks.get(&question.key).cloned().unwrap_or_default();
                let filled: Vec<(&String, &String)> =
                    ranks.iter().filter(|(_, r)| !r.trim().is_empty()).collect();
                if filled.is_empty() {
                    if question.required {
                        errors.add(&field, "survey.error.required");
                    }
                    continue;
                }
                let mut order: Vec<(usize, String)> = Vec::new();
                let mut bad = false;
                for (option, rank) in &ranks {
                    if !options.iter().any(|o| &o.key == option) {
                        bad = true;
                        continue;
                    }
                    match rank.trim().parse::<usize>() {
                        Ok(n) if (1..=options.len()).contains(&n) => {
                            order.push((n, option.clone()))
                        }
                        _ => bad = true,
                    }
                }
                let mut numbers: Vec<usize> = order.iter().map(|(n, _)| *n).collect();
                numbers.sort_unstable();
                let complete = numbers == (1..=options.len()).collect::<Vec<_>>();
                if bad {
                    errors.add(&field, "survey.error.rank_range");
                } else if numbers.windows(2).any(|w| w[0] == w[1]) {
                    errors.add(&field, "survey.error.rank_duplicate");
                } else if !complete {
                    errors.add(&field, "survey.error.rank_all");
                } else {
                    order.sort();
                    answers.insert(
                        question.key.clone(),
                        order.into_iter().map(|(_, o)| o).collect(),
                    );
                }
                continue;
            }
            _ if given.is_empty() => {
                if question.required {
                    errors.add(&field, "survey.error.required");
                }
                continue;
            }
            QuestionKind::SingleChoice { .. }
            | QuestionKind::Dropdown { .. }
            | QuestionKind::YesNo
            | QuestionKind::Rating { .. } => {
                if given.len() != 1 || !allowed(&given[0]) {
                    errors.add(&field, "survey.error.option");
                    continue;
                }
            }
            QuestionKind::MultipleChoice { min, max, .. } => {
                if given.iter().any(|v| !allowed(v)) {
                    errors.add(&field, "survey.error.option");
                    continue;
                }
                let mut unique = given.clone();
                unique.sort();
                unique.dedup();
                if min.is_some_and(|m| unique.len() < m) {
                    errors.add(&field, "survey.error.too_few");
                    continue;
                }
                if max.is_some_and(|m| unique.len() > m) {
                    errors.add(&field, "survey.error.too_many");
                    continue;
                }
                // Kept in the form's order, whatever order the browser posted.
                let mut ordered: Vec<String> = choices
                    .iter()
                    .filter(|c| unique.contains(&c.key))
                    .map(|c| c.key.clone())
                    .collect();
                if unique.iter().any(|v| v == OTHER) {
                    ordered.push(OTHER.into());
                }
                if ordered.iter().any(|v| v == OTHER) && other_text.is_none() {
                    errors.add(&field, "survey.error.other_text");
                    continue;
                }
                if let Some(text) = other_text.filter(|_| ordered.iter().any(|v| v == OTHER)) {
                    answers.insert(other_key(&question.key), vec![text]);
                }
                answers.insert(question.key.clone(), ordered);
                continue;
            }
            QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
                if given.len() != 1 {
                    errors.add(&field, "survey.error.option");
                    continue;
                }
                if given[0].chars().count() > *max_chars {
                    errors.add(&field, "survey.error.too_long");
                    continue;
                }
            }
            QuestionKind::Number { min, max } => match given[0].parse::<i64>() {
                Ok(n) if min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m) => {}
                Ok(_) => {
                    errors.add(&field, "survey.error.number_range");
                    continue;
                }
                Err(_) => {
                    errors.add(&field, "survey.error.number");
                    continue;
                }
            },
            QuestionKind::Zip => {
                if !valid_zip(&given[0]) {
                    errors.add(&field, "field.zip.invalid");
                    continue;
                }
            }
        }
        if given[0] == OTHER {
            match other_text {
                Some(text) => {
                    answers.insert(other_key(&question.key), vec![text]);
                }
                None => {
                    errors.add(&field, "survey.error.other_text");
                    continue;
                }
            }
        }
        answers.insert(question.key.clone(), vec![given[0].clone()]);
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
