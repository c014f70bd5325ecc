//! Form building blocks: labelled fields with their error next to them, and the error summary on top.

use crate::error::AppError;
use crate::i18n::{t, t_with};
use leptos::prelude::*;

fn field_id(name: &str) -> String {
    format!("field-{name}")
}

/// Lists every problem with a link to its field; announced by screen readers when it appears.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|err| {
            let heading = match &err {
                AppError::RateLimited { retry_after_minutes, .. } => {
                    t_with("error.rate_limited", &[("minutes", retry_after_minutes.to_string())])
                }
                other => t(other.message_key()),
            };
            let items = err
                .form()
                .map(|form| {
                    form.fields
                        .iter()
                        .map(|f| {
                            let href = format!("#{}", field_id(&f.field));
                            view! { <li><a href=href>{t(&f.message)}</a></li> }
                        })
                        .collect_view()
                })
                .unwrap_or_default();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{heading}</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A labelled input. `error` and `value` come from the last failed submission.
#[component]
pub fn TextField(
    name: &'static str,
    label_key: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint_key: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Never echo secrets back: password fields set this to false.
    #[prop(default = true)]
    keep_value: bool,
) -> impl IntoView {
    let id = field_id(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || {
        error
            .get()
            .and_then(|e| e.form().and_then(|f| f.for_field(name).map(str::to_string)))
    };
    let kept = move || {
        keep_value
            .then(|| {
                error
                    .get()
                    .and_then(|e| e.form().and_then(|f| f.kept(name).map(str::to_string)))
            })
            .flatten()
    };
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint_key.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for=id.clone()>
                {t(label_key)}
                {required.then(|| view! { <span class="required-note">" " {t("form.required")}</span> })}
            </label>
            {hint_key.map(|key| view! { <p class="hint" id=hint_id.clone()>{t(key)}</p> })}
            {
                let error_id = error_id.clone();
                move || message().map(|m| view! { <p class="field-error" id=error_id.clone()>{t(&m)}</p> })
            }
            <input
                id=id.clone()
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
                value=kept
            />
        </div>
    }
}
