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
mod tests {
    use super::super::{Choice, Condition, Question, SurveyDefinition};
    use super::*;

    fn choices(keys: &[&str]) -> Vec<Choice> {
        keys.iter()
            .map(|k| Choice {
                key: k.to_string(),
                label: k.to_uppercase(),
            })
            .collect()
    }

    fn page(kind: QuestionKind, required: bool) -> SurveyPage {
        SurveyPage {
            title: "Page".into(),
            show_if: None,
            questions: vec![Question {
                key: "q".into(),
                prompt: "Question?".into(),
                help: None,
                required,
                closed: false,
                kind,
            }],
        }
    }

    fn post(values: &[&str]) -> PagePost {
        PagePost {
            values: BTreeMap::from([(
                "q".to_string(),
                values.iter().map(|v| v.to_string()).collect(),
            )]),
            ..Default::default()
        }
    }

    fn error_of(result: Result<Answers, FormErrors>) -> Option<String> {
        result
            .err()
            .and_then(|e| e.for_field("q-q").map(str::to_string))
    }

    #[test]
    fn a_required_question_needs_an_answer_and_an_optional_one_does_not() {
        let kind = QuestionKind::ShortText { max_chars: 10 };
        assert_eq!(
            error_of(check_page(&page(kind.clone(), true), &post(&["  "]))).as_deref(),
            Some("survey.error.required")
        );
        assert_eq!(
            check_page(&page(kind, false), &post(&[])).ok(),
            Some(Answers::new())
        );
    }

    #[test]
    fn single_choice_takes_one_listed_option_and_refuses_a_forged_one() {
        let kind = QuestionKind::SingleChoice {
            options: choices(&["a", "b"]),
            other: true,
        };
        let ok = check_page(&page(kind.clone(), true), &post(&["b"]));
        assert_eq!(
            ok.ok().and_then(|a| a.get("q").cloned()),
            Some(vec!["b".into()])
        );
        assert_eq!(
            error_of(check_page(&page(kind.clone(), true), &post(&["zzz"]))).as_deref(),
            Some("survey.error.option")
        );
        assert_eq!(
            error_of(check_page(&page(kind.clone(), true), &post(&["a", "b"]))).as_deref(),
            Some("survey.error.option")
        );
        // "Other" needs its text, and the text is stored beside the choice.
        assert_eq!(
            error_of(check_page(&page(kind.clone(), true), &post(&[OTHER]))).as_deref(),
            Some("survey.error.other_text")
        );
        let mut with_text = post(&[OTHER]);
        with_text.others.insert("q".into(), "A food truck".into());
        let answers = check_page(&page(kind, true), &with_text).unwrap_or_default();
        assert_eq!(
            answers.get("q__other"),
            Some(&vec!["A food truck".to_string()])
        );
    }

    #[test]
    fn multiple_choice_counts_between_min_and_max_in_the_forms_order() {
        let kind = QuestionKind::MultipleChoice {
            options: choices(&["a", "b", "c"]),
            other: false,
            min: Some(1),
            max: Some(2),
        };
        let answers =
            check_page(&page(kind.clone(), false), &post(&["c", "a"])).unwrap_or_default();
        assert_eq!(
            answers.get("q"),
            Some(&vec!["a".to_string(), "c".to_string()])
        );
        assert_eq!(
            error_of(check_page(
                &page(kind.clone(), false),
                &post(&["a", "b", "c"])
            ))
            .as_deref(),
            Some("survey.error.too_many")
        );
        assert_eq!(
            error_of(check_page(&page(kind, false), &post(&["a", "forged"]))).as_deref(),
            Some("survey.error.option")
        );
    }

    #[test]
    fn dropdown_rating_and_yes_no_take_only_their_own_values() {
        let rating = QuestionKind::Rating {
            min: 1,
            max: 5,
            min_label: "Poor".into(),
            max_label: "Excellent".into(),
        };
        assert!(check_page(&page(rating.clone(), true), &post(&["5"])).is_ok());
        assert!(check_page(&page(rating, true), &post(&["6"])).is_err());
        assert!(check_page(&page(QuestionKind::YesNo, true), &post(&["yes"])).is_ok());
        assert!(check_page(&page(QuestionKind::YesNo, true), &post(&["maybe"])).is_err());
        let dropdown = QuestionKind::Dropdown {
            options: choices(&["x", "y"]),
        };
        assert!(check_page(&page(dropdown.clone(), true), &post(&["y"])).is_ok());
        assert!(check_page(&page(dropdown, true), &post(&[OTHER])).is_err());
    }

    #[test]
    fn texts_have_a_character_limit() {
        let kind = QuestionKind::LongText { max_chars: 5 };
        assert!(check_page(&page(kind.clone(), true), &post(&["12345"])).is_ok());
        assert_eq!(
            error_of(check_page(&page(kind, true), &post(&["123456"]))).as_deref(),
            Some("survey.error.too_long")
        );
    }

    #[test]
    fn numbers_are_whole_and_within_range_and_zips_are_us_zips() {
        let kind = QuestionKind::Number {
            min: Some(0),
            max: Some(500),
        };
        assert!(check_page(&page(kind.clone(), true), &post(&["12"])).is_ok());
        assert_eq!(
            error_of(check_page(&page(kind.clone(), true), &post(&["501"]))).as_deref(),
            Some("survey.error.number_range")
        );
        assert_eq!(
            error_of(check_page(&page(kind, true), &post(&["1.5"]))).as_deref(),
            Some("survey.error.number")
        );
        assert!(check_page(&page(QuestionKind::Zip, true), &post(&["90069"])).is_ok());
        assert!(check_page(&page(QuestionKind::Zip, true), &post(&["9006"])).is_err());
    }

    #[test]
    fn a_ranking_needs_every_number_once() {
        let kind = QuestionKind::Ranking {
            options: choices(&["a", "b", "c"]),
        };
        let ranked = |ranks: &[(&str, &str)]| PagePost {
            ranks: BTreeMap::from([(
                "q".to_string(),
                ranks
                    .iter()
                    .map(|(o, r)| (o.to_string(), r.to_string()))
                    .collect(),
            )]),
            ..Default::default()
        };
        let answers = check_page(
            &page(kind.clone(), true),
            &ranked(&[("a", "2"), ("b", "3"), ("c", "1")]),
        )
        .unwrap_or_default();
        assert_eq!(
            answers.get("q"),
            Some(&vec!["c".to_string(), "a".to_string(), "b".to_string()])
        );
        assert_eq!(
            error_of(check_page(
                &page(kind.clone(), true),
                &ranked(&[("a", "1"), ("b", "1"), ("c", "2")])
            ))
            .as_deref(),
            Some("survey.error.rank_duplicate")
        );
        assert_eq!(
            error_of(check_page(
                &page(kind.clone(), true),
                &ranked(&[("a", "1"), ("b", "4"), ("c", "2")])
            ))
            .as_deref(),
            Some("survey.error.rank_range")
        );
        assert_eq!(
            error_of(check_page(
                &page(kind, true),
                &ranked(&[("a", "1"), ("forged", "2"), ("c", "3")])
            ))
            .as_deref(),
            Some("survey.error.rank_range")
        );
    }

    #[test]
    fn conditional_pages_follow_earlier_answers() {
        let mut first = page(
            QuestionKind::SingleChoice {
                options: choices(&["owner", "resident"]),
                other: false,
            },
            true,
        );
        first.questions[0].key = "role".into();
        let mut business = page(QuestionKind::YesNo, false);
        business.questions[0].key = "open_late".into();
        business.show_if = Some(Condition {
            question: "role".into(),
            equals: "owner".into(),
        });
        let mut last = page(QuestionKind::Zip, false);
        last.questions[0].key = "zip".into();
        let survey = SurveyDefinition {
            pages: vec![first, business, last],
            identities: Vec::new(),
        };
        assert!(survey.problems().is_empty(), "{:?}", survey.problems());
        let owner = Answers::from([("role".to_string(), vec!["owner".to_string()])]);
        let resident = Answers::from([("role".to_string(), vec!["resident".to_string()])]);
        assert_eq!(survey.next_page(0, &owner), Some(1));
        assert_eq!(survey.next_page(0, &resident), Some(2));
        assert_eq!(survey.previous_page(2, &resident), Some(0));
        assert_eq!(survey.next_page(2, &owner), None);
    }
}
