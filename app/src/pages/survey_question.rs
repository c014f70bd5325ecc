//! One survey question as the control its type calls for (radios, checkboxes, select, scale,
//! text, number, ranking), with its saved answer or the input kept after an error.

use crate::components::form::escape_text;
use crate::domain::survey::{
    Answers, Choice, OTHER, Question, QuestionKind, field_name, kept_option_key, kept_rank_key,
    kept_value_key, other_key,
};
use crate::error::AppError;
use crate::i18n::{t, t_count, t_with};
use leptos::prelude::*;

/// One question, as the control its type calls for, with its saved or kept answer.
#[component]
pub fn QuestionField(
    question: Question,
    answers: Answers,
    error: Signal<Option<AppError>>,
) -> AnyView {
    let key = question.key.clone();
    let field = field_name(&key);
    let id = format!("field-{field}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    // A memo is Copy, so every closure below can read it.
    let message = {
        let field = field.clone();
        Memo::new(move |_| {
            error.get().and_then(|e| {
                e.form()
                    .and_then(|f| f.for_field(&field).map(str::to_string))
            })
        })
    };
    // After a failed post the kept values count; otherwise what the draft holds.
    let kept = move |kept_key: &str| {
        error
            .get()
            .and_then(|e| e.form().map(|f| f.kept(kept_key).map(str::to_string)))
    };
    let saved = answers.get(&key).cloned().unwrap_or_default();
    let value = {
        let (key, saved) = (key.clone(), saved.clone());
        move || kept(&kept_value_key(&key)).unwrap_or_else(|| saved.first().cloned())
    };
    let other_text = {
        let key = key.clone();
        let saved_other = answers
            .get(&other_key(&key))
            .and_then(|v| v.first().cloned());
        move || {
            kept(&other_key(&key))
                .unwrap_or_else(|| saved_other.clone())
                .unwrap_or_default()
        }
    };
    let described_by = {
        let (hint_id, error_id, has_help) =
            (hint_id.clone(), error_id.clone(), question.help.is_some());
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(hint_id.clone());
            }
            if message.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let required = question
        .required
        .then(|| view! { <span class="required-note">" " {t("form.required")}</span> });
    let help = question
        .help
        .clone()
        .map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> });
    let error_line = {
        let error_id = error_id.clone();
        move || {
            message
                .get()
                .map(|m| view! { <p class="field-error" id=error_id.clone()>{t(&m)}</p> })
        }
    };
    let invalid = move || message.get().is_some();
    let name = format!("answers[{key}][0]");
    let choices = question.kind.choices();
    let other_input = question.kind.has_other().then(|| {
        let other_id = format!("{id}-other-text");
        view! {
            <div class="field other-text">
                <label for=other_id.clone()>{t("surveys.other_specify")}</label>
                <input type="text" id=other_id name=format!("other[{key}]") value=other_text.clone() maxlength="200"/>
            </div>
        }
    });
    let radio_options = |choices: Vec<Choice>,
                         with_other: bool,
                         label_for: Box<dyn Fn(&Choice) -> String + Send>| {
        let value = value.clone();
        let mut all = choices;
        if with_other {
            all.push(Choice {
                key: OTHER.into(),
                label: t("surveys.other"),
            });
        }
        all.into_iter()
            .map(|choice| {
                let option_id = format!("{id}-{}", choice.key);
                let value = value.clone();
                let key = choice.key.clone();
                view! {
                    <div class="choice">
                        <input type="radio" id=option_id.clone() name=name.clone() value=choice.key.clone() checked=move || value().as_deref() == Some(key.as_str())/>
                        <label for=option_id>{label_for(&choice)}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let single = match &question.kind {
        QuestionKind::SingleChoice { other, .. } => Some((choices.clone(), *other)),
        QuestionKind::YesNo => Some((
            vec![
                Choice {
                    key: "yes".into(),
                    label: t("surveys.yes"),
                },
                Choice {
                    key: "no".into(),
                    label: t("surveys.no"),
                },
            ],
            false,
        )),
        _ => None,
    };
    if let Some((single_choices, with_other)) = single {
        return view! {
            <fieldset class="field" class:field-invalid=invalid id=id.clone() aria-describedby=described_by>
                <legend>{question.prompt.clone()}{required}</legend>
                {help}
                {error_line}
                {radio_options(single_choices, with_other, Box::new(|c: &Choice| c.label.clone()))}
                {other_input}
            </fieldset>
        }
        .into_any();
    }
    match &question.kind {
        QuestionKind::Rating {
            min,
            max,
            min_label,
            max_label,
        } => {
            let (min, max, min_label, max_label) =
                (*min, *max, min_label.clone(), max_label.clone());
            let label = move |c: &Choice| {
                if c.key == min.to_string() {
                    format!("{} ({min_label})", c.label)
                } else if c.key == max.to_string() {
                    format!("{} ({max_label})", c.label)
                } else {
                    c.label.clone()
                }
            };
            view! {
                <fieldset class="field scale" class:field-invalid=invalid id=id.clone() aria-describedby=described_by>
                    <legend>{question.prompt.clone()}{required}</legend>
                    {help}
                    {error_line}
                    {radio_options(choices.clone(), false, Box::new(label))}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::MultipleChoice { other, .. } => {
            let mut all = choices.clone();
            if *other {
                all.push(Choice {
                    key: OTHER.into(),
                    label: t("surveys.other"),
                });
            }
            let boxes = all
                .into_iter()
                .enumerate()
                .map(|(n, choice)| {
                    let option_id = format!("{id}-{}", choice.key);
                    let was = saved.contains(&choice.key);
                    let kept_key = kept_option_key(&key, &choice.key);
                    let checked = move || match error.get().and_then(|e| e.form().cloned()) {
                        Some(form) => form.kept(&kept_key).is_some(),
                        None => was,
                    };
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=option_id.clone() name=format!("answers[{key}][{n}]") value=choice.key.clone() checked=checked/>
                            <label for=option_id>{choice.label.clone()}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="field" class:field-invalid=invalid id=id.clone() aria-describedby=described_by>
                    <legend>{question.prompt.clone()}{required}</legend>
                    {help}
                    {error_line}
                    {boxes}
                    {other_input}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Ranking { options } => {
            let count = options.len();
            let inputs = options
                .iter()
                .map(|choice| {
                    let option_id = format!("{id}-{}", choice.key);
                    let position = saved.iter().position(|k| k == &choice.key).map(|p| (p + 1).to_string());
                    let kept_key = kept_rank_key(&key, &choice.key);
                    let rank = move || match error.get().and_then(|e| e.form().cloned()) {
                        Some(form) => form.kept(&kept_key).map(str::to_string).unwrap_or_default(),
                        None => position.clone().unwrap_or_default(),
                    };
                    view! {
                        <div class="field rank">
                            <label for=option_id.clone()>{choice.label.clone()}</label>
                            <input type="number" id=option_id name=format!("rank[{key}][{}]", choice.key) min="1" max=count.to_string() inputmode="numeric" value=rank/>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="field" class:field-invalid=invalid id=id.clone() aria-describedby=described_by>
                    <legend>{question.prompt.clone()}{required}</legend>
                    <p class="hint">{t_with("surveys.rank_hint", &[("count", count.to_string())])}</p>
                    {help}
                    {error_line}
                    {inputs}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Dropdown { .. } => {
            let options = choices
                .iter()
                .map(|choice| {
                    let value = value.clone();
                    let option_key = choice.key.clone();
                    view! { <option value=choice.key.clone() selected=move || value().as_deref() == Some(option_key.as_str())>{choice.label.clone()}</option> }
                })
                .collect_view();
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for=id.clone()>{question.prompt.clone()}{required}</label>
                    {help}
                    {error_line}
                    <select id=id.clone() name=name.clone() aria-describedby=described_by aria-invalid=move || invalid().then_some("true")>
                        <option value="">{t("form.choose")}</option>
                        {options}
                    </select>
                </div>
            }
            .into_any()
        }
        QuestionKind::LongText { max_chars } => {
            let max = *max_chars;
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for=id.clone()>{question.prompt.clone()}{required}</label>
                    {help}
                    {error_line}
                    <p class="hint">{t_count("surveys.max_chars", max as u64)}</p>
                    <textarea id=id.clone() name=name.clone() rows="6" aria-describedby=described_by aria-invalid=move || invalid().then_some("true")>
                        {move || value().map(|v| escape_text(&v))}
                    </textarea>
                </div>
            }
            .into_any()
        }
        other_kind => {
            let (input_type, mode, autocomplete) = match other_kind {
                QuestionKind::Number { .. } => ("number", Some("numeric"), None),
                QuestionKind::Zip => ("text", Some("numeric"), Some("postal-code")),
                _ => ("text", None, None),
            };
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for=id.clone()>{question.prompt.clone()}{required}</label>
                    {help}
                    {error_line}
                    <input type=input_type id=id.clone() name=name.clone() inputmode=mode autocomplete=autocomplete value=value aria-describedby=described_by aria-invalid=move || invalid().then_some("true")/>
                </div>
            }
            .into_any()
        }
    }
}
