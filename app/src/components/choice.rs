//! Choice controls: radio buttons and checkboxes in fieldsets, each with its error beside it.

use super::form::{FieldError, described_by, field_id, field_kept, field_message};
use crate::error::AppError;
use crate::i18n::t;
use leptos::prelude::*;

/// Radio buttons in a fieldset whose legend is the question.
#[component]
pub fn RadioGroup(
    name: &'static str,
    legend_key: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional)] default_value: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = field_message(error, name);
    let kept = field_kept(error, name);
    let chosen = move || {
        kept()
            .or_else(|| default_value.map(str::to_string))
            .unwrap_or_default()
    };
    view! {
        <fieldset class="field" class:field-invalid=move || message().is_some() id=field_id(name)>
            <legend>{t(legend_key)}</legend>
            <FieldError name error/>
            {options
                .into_iter()
                .map(|(value, key)| {
                    let id = format!("{}-{value}", field_id(name));
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=name value=value checked=move || chosen() == value/>
                            <label for=id>{t(key)}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Several checkboxes in a fieldset. Each box posts as `name[i]` (a list for the server function);
/// a failed post keeps ticked boxes as `name_<value>`.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    legend_key: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional)] hint_key: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Values ticked before (a draft's answers); after a failed post the kept boxes count instead.
    #[prop(optional)]
    initial: Vec<String>,
) -> impl IntoView {
    let message = field_message(error, name);
    view! {
        <fieldset
            class="field"
            class:field-invalid=move || message().is_some()
            id=field_id(name)
            aria-describedby=move || described_by(name, hint_key.is_some(), message)
        >
            <legend>{t(legend_key)}</legend>
            {hint_key.map(|key| view! { <p class="hint" id=format!("{}-hint", field_id(name))>{t(key)}</p> })}
            <FieldError name error/>
            {options
                .into_iter()
                .enumerate()
                .map(|(n, (value, key))| {
                    let id = format!("{}-{value}", field_id(name));
                    let kept_key = format!("{name}_{value}");
                    let was_ticked = initial.iter().any(|v| v == value);
                    let ticked = move || match error.get().and_then(|e| e.form().cloned()) {
                        Some(form) => form.kept(&kept_key).is_some(),
                        None => was_ticked,
                    };
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=id.clone() name=format!("{name}[{n}]") value=value checked=ticked/>
                            <label for=id>{t(key)}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A single checkbox whose label states what ticking it means.
#[component]
pub fn CheckboxField(
    name: &'static str,
    label_key: &'static str,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = field_id(name);
    let message = field_message(error, name);
    let kept = field_kept(error, name);
    view! {
        <div class="field choice" class:field-invalid=move || message().is_some()>
            <FieldError name error/>
            <input
                type="checkbox"
                id=id.clone()
                name=name
                required=required
                checked=move || kept().is_some()
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || described_by(name, false, message)
            />
            <label for=id>{t(label_key)}</label>
        </div>
    }
}
