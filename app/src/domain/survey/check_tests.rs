//! Unit tests of the answer checks, one or more per question type.

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
    let answers = check_page(&page(kind.clone(), false), &post(&["c", "a"])).unwrap_or_default();
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
