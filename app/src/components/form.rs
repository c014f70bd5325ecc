//! Form building blocks: labelled fields with their error next to them, and the error summary on top.
//! Choices (radio buttons, checkboxes) are in `choice`.

pub use super::choice::{CheckboxField, CheckboxGroup, RadioGroup};
use crate::error::AppError;
use crate::i18n::{t, t_count_with};
use leptos::prelude::*;

pub(crate) fn field_id(name: &str) -> String {
    format!("field-{name}")
}

/// Lists every problem with a link to its field; announced by screen readers when it appears.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|err| {
            let heading = match &err {
                AppError::RateLimited { retry_after_minutes, .. } => {
                    t_count_with("error.rate_limited", u64::from(*retry_after_minutes), &[("minutes", retry_after_minutes.to_string())])
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
                            // rel=external: the client router would swallow an in-page link.
                            view! { <li><a href=href rel="external">{t(&f.message)}</a></li> }
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
    /// The value before any edit (an editor's current text); a failed post's kept value wins.
    #[prop(optional, into)]
    initial: Option<String>,
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
            .or_else(|| initial.clone())
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

/// Text made safe for an element whose children the renderer writes raw.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(crate) fn field_message(
    error: Signal<Option<AppError>>,
    name: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        error
            .get()
            .and_then(|e| e.form().and_then(|f| f.for_field(name).map(str::to_string)))
    }
}

pub(crate) fn field_kept(
    error: Signal<Option<AppError>>,
    name: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        error
            .get()
            .and_then(|e| e.form().and_then(|f| f.kept(name).map(str::to_string)))
    }
}

/// The error line under a label, when there is one.
#[component]
pub(crate) fn FieldError(
    name: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = field_message(error, name);
    let id = format!("{}-error", field_id(name));
    move || message().map(|m| view! { <p class="field-error" id=id.clone()>{t(&m)}</p> })
}

pub(crate) fn described_by(
    name: &'static str,
    has_hint: bool,
    message: impl Fn() -> Option<String>,
) -> Option<String> {
    let id = field_id(name);
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if message().is_some() {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A multi-line text box; with JavaScript a live count of the characters left is added.
#[component]
pub fn TextArea(
    name: &'static str,
    label_key: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint_key: Option<&'static str>,
    max_chars: usize,
    #[prop(default = 8)] rows: u32,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The text before any edit; a failed post's kept text wins.
    #[prop(optional, into)]
    initial: Option<String>,
) -> impl IntoView {
    let id = field_id(name);
    let message = field_message(error, name);
    let kept_after_error = field_kept(error, name);
    let kept = move || kept_after_error().or_else(|| initial.clone());
    // tachys 0.2.19 writes <textarea> children without escaping (fixed upstream in leptos#4821),
    // so "</textarea><script>" in a kept message would break out. Escape it ourselves; the browser
    // decodes entities inside a textarea, and these children are never hydrated.
    let kept_escaped = move || kept().map(|text| escape_text(&text));
    let (typed, set_typed) = signal(None::<usize>);
    let counter = move || {
        typed.get().map(|count| {
            let left = max_chars as i64 - count as i64;
            // Past the limit the count is negative and takes the form of 0 ("-3 characters left").
            t_count_with(
                "form.characters_left",
                u64::try_from(left).unwrap_or(0),
                &[("count", left.to_string())],
            )
        })
    };
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for=id.clone()>
                {t(label_key)}
                {required.then(|| view! { <span class="required-note">" " {t("form.required")}</span> })}
            </label>
            {hint_key.map(|key| view! { <p class="hint" id=format!("{}-hint", field_id(name))>{t(key)}</p> })}
            <FieldError name error/>
            <textarea
                id=id.clone()
                name=name
                rows=rows
                required=required
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || described_by(name, hint_key.is_some(), message)
                on:input=move |ev| set_typed.set(Some(event_target_value(&ev).chars().count()))
            >
                {kept_escaped}
            </textarea>
            <p class="counter" aria-live="polite">{counter}</p>
        </div>
    }
}

/// A drop-down list. `options` are (value, i18n key) pairs; the first, empty choice asks to pick one.
#[component]
pub fn SelectField(
    name: &'static str,
    label_key: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional)] required: bool,
    #[prop(optional)] default_value: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The value saved before (a draft's answer); a failed post's kept value wins.
    #[prop(optional, into)]
    initial: Option<String>,
) -> impl IntoView {
    let id = field_id(name);
    let message = field_message(error, name);
    let kept = field_kept(error, name);
    // StoredValue keeps the closure Copy, so each option can hold it.
    let initial = StoredValue::new(initial);
    let chosen = move || {
        kept()
            .or_else(|| initial.get_value())
            .or_else(|| default_value.map(str::to_string))
            .unwrap_or_default()
    };
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for=id.clone()>
                {t(label_key)}
                {required.then(|| view! { <span class="required-note">" " {t("form.required")}</span> })}
            </label>
            <FieldError name error/>
            <select
                id=id.clone()
                name=name
                required=required
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || described_by(name, false, message)
            >
                <option value="">{t("form.choose")}</option>
                {options
                    .into_iter()
                    .map(|(value, key)| view! { <option value=value selected=move || chosen() == value>{t(key)}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A GET-form filter on stakeholder group: "any" first, then the seven groups and "other".
#[component]
pub fn GroupFilter(
    label_key: &'static str,
    any_key: &'static str,
    /// The group currently chosen (the query's `group`), or empty.
    selected: String,
) -> impl IntoView {
    use crate::domain::stakeholder::StakeholderGroup;
    view! {
        <div class="field">
            <label for="filter-group">{t(label_key)}</label>
            <select id="filter-group" name="group">
                <option value="">{t(any_key)}</option>
                {StakeholderGroup::ALL.into_iter().map(|g| {
                    let is_selected = selected == g.as_str();
                    view! { <option value=g.as_str() selected=is_selected>{t(g.label_key())}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::escape_text;

    #[test]
    fn textarea_content_cannot_close_the_element() {
        assert_eq!(
            escape_text("</textarea><script>alert(1)</script> & more"),
            "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
        );
    }
}
