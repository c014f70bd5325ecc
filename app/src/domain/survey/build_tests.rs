//! The builder's changes: keys, conditions, moves, options and the question form's checks.

use super::*;

fn survey() -> SurveyDefinition {
    let mut definition = SurveyDefinition::default();
    for (title, prompt, kind) in [
        ("About", "Do you own a business?", "yes_no"),
        ("Business", "How many employees?", "number"),
    ] {
        let page = definition.pages.len();
        definition = apply(
            &definition,
            &Change::AddPage {
                title: title.into(),
            },
        )
        .unwrap_or_else(|e| panic!("{e:?}"))
        .0;
        definition = apply(
            &definition,
            &Change::AddQuestion {
                page,
                kind: kind.into(),
                prompt: prompt.into(),
            },
        )
        .unwrap_or_else(|e| panic!("{e:?}"))
        .0;
    }
    definition
}

#[test]
fn keys_come_from_the_prompt_and_never_repeat() {
    assert_eq!(key_from("Do you own a business?"), "do_you_own_a_business");
    assert_eq!(key_from("Сколько лет?"), "");
    assert_eq!(key_from("2024 budget"), "q_2024_budget");
    let definition = survey();
    let (again, touched) = apply(
        &definition,
        &Change::AddQuestion {
            page: 0,
            kind: "short_text".into(),
            prompt: "Do you own a business?".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(touched, Touched::Question("do_you_own_a_business_2".into()));
    let russian = apply(
        &again,
        &Change::AddQuestion {
            page: 0,
            kind: "long_text".into(),
            prompt: "Что вам важно?".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(russian.1, Touched::Question("question".into()));
    assert!(russian.0.problems().is_empty());
}

#[test]
fn a_condition_names_an_earlier_question_and_one_of_its_answers() {
    let definition = survey();
    let condition = |text: &str| Change::EditPage {
        page: 1,
        title: "Business".into(),
        condition: text.into(),
    };
    let (conditioned, _) = apply(&definition, &condition("do_you_own_a_business=yes"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(conditioned.problems().is_empty());
    assert_eq!(
        conditioned.pages[1].show_if,
        Some(Condition {
            question: "do_you_own_a_business".into(),
            equals: "yes".into()
        })
    );
    for bad in [
        "do_you_own_a_business=maybe",
        "how_many_employees=1",
        "nonsense",
    ] {
        let errors = apply(&definition, &condition(bad)).err();
        assert_eq!(
            errors.and_then(|e| e.for_field("condition").map(str::to_string)),
            Some("builder.error.condition".into()),
            "{bad}"
        );
    }
}

#[test]
fn questions_move_within_and_across_pages_and_options_keep_two() {
    let definition = survey();
    let (moved, _) = apply(
        &definition,
        &Change::MoveQuestion {
            key: "how_many_employees".into(),
            up: true,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(moved.pages[0].questions.len(), 2);
    assert!(moved.pages[1].questions.is_empty());
    let (choice, _) = apply(
        &definition,
        &Change::AddQuestion {
            page: 0,
            kind: "single_choice".into(),
            prompt: "Where?".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let removal = apply(
        &choice,
        &Change::RemoveOption {
            key: "where".into(),
            option: "option_1".into(),
        },
    );
    assert!(removal.is_err());
    let (three, _) = apply(
        &choice,
        &Change::AddOption {
            key: "where".into(),
            label: "East of Fairfax".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let (reordered, _) = apply(
        &three,
        &Change::MoveOption {
            key: "where".into(),
            option: "east_of_fairfax".into(),
            up: true,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let keys: Vec<String> = reordered
        .question("where")
        .map(|q| q.kind.choices().into_iter().map(|c| c.key).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["option_1", "east_of_fairfax", "option_2"]);
}

#[test]
fn a_question_form_is_checked_field_by_field_with_the_input_kept() {
    let definition = survey();
    let form = QuestionForm {
        key: "Bad Key".into(),
        prompt: " ".into(),
        kind: "number".into(),
        min: "10".into(),
        max: "ten".into(),
        ..Default::default()
    };
    let errors = apply(
        &definition,
        &Change::EditQuestion {
            key: "how_many_employees".into(),
            form,
        },
    )
    .err()
    .unwrap_or_default();
    assert_eq!(errors.for_field("key"), Some("builder.error.key"));
    assert_eq!(errors.for_field("prompt"), Some("builder.error.prompt"));
    assert_eq!(errors.for_field("max"), Some("builder.error.number"));
    assert_eq!(errors.kept("min"), Some("10"));
    // Renaming a key carries the conditions that name it.
    let (conditioned, _) = apply(
        &definition,
        &Change::EditPage {
            page: 1,
            title: "Business".into(),
            condition: "do_you_own_a_business=yes".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let renamed = QuestionForm {
        key: "owns_business".into(),
        prompt: "Do you own a business?".into(),
        kind: "yes_no".into(),
        required: true,
        ..Default::default()
    };
    let (after, touched) = apply(
        &conditioned,
        &Change::EditQuestion {
            key: "do_you_own_a_business".into(),
            form: renamed,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(touched, Touched::Question("owns_business".into()));
    assert!(after.problems().is_empty());
    assert!(after.question("owns_business").is_some_and(|q| q.required));
}

#[test]
fn a_question_a_condition_names_cannot_close_and_limits_keep_to_the_options_left() {
    let (conditioned, _) = apply(
        &survey(),
        &Change::EditPage {
            page: 1,
            title: "Business".into(),
            condition: "do_you_own_a_business=yes".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let closing = QuestionForm {
        key: "do_you_own_a_business".into(),
        prompt: "Do you own a business?".into(),
        kind: "yes_no".into(),
        closed: true,
        ..Default::default()
    };
    let (closed, _) = apply(
        &conditioned,
        &Change::EditQuestion {
            key: "do_you_own_a_business".into(),
            form: closing,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    // The page would never show again: the saving service refuses what problems() reports.
    assert_eq!(closed.problems().len(), 1);

    let (choice, _) = apply(
        &survey(),
        &Change::AddQuestion {
            page: 0,
            kind: "multiple_choice".into(),
            prompt: "Which?".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let (three, _) = apply(
        &choice,
        &Change::AddOption {
            key: "which".into(),
            label: "Third".into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let at_least_three = QuestionForm {
        key: "which".into(),
        prompt: "Which?".into(),
        kind: "multiple_choice".into(),
        min: "3".into(),
        ..Default::default()
    };
    let (strict, _) = apply(
        &three,
        &Change::EditQuestion {
            key: "which".into(),
            form: at_least_three,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let removal = apply(
        &strict,
        &Change::RemoveOption {
            key: "which".into(),
            option: "third".into(),
        },
    );
    assert_eq!(
        removal
            .err()
            .and_then(|e| e.for_field("label").map(str::to_string)),
        Some("builder.error.choice_limits".into())
    );
    // A page number past the end is an error, not an overflow.
    assert!(
        apply(
            &survey(),
            &Change::MovePage {
                page: usize::MAX,
                up: false
            }
        )
        .is_err()
    );
}
