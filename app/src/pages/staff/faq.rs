//! The FAQ for staff who edit content: every entry in the order the public sees them, with
//! buttons to move, publish or unpublish each (every button its own small form, so each works
//! without JavaScript), and the form to add a question in English, Spanish and Russian.

use crate::api::faq_staff::{
    MoveFaqEntry, PublishFaqEntry, SaveFaqEntry, StaffFaqEntry, staff_faq,
};
use crate::components::form::{ErrorSummary, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::error::AppError;
use crate::i18n::{format_date, t, t_with, use_locale};
use crate::pages::staff::survey_structure::button_form;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffFaqPage() -> impl IntoView {
    let save = ServerAction::<SaveFaqEntry>::new();
    let move_entry = ServerAction::<MoveFaqEntry>::new();
    let publish = ServerAction::<PublishFaqEntry>::new();
    let list = Resource::new(
        move || save.version().get() + move_entry.version().get() + publish.version().get(),
        |_| staff_faq(),
    );
    view! {
        <Title text=t("staff.faq.title")/>
        <h1>{t("staff.faq.title")}</h1>
        <p class="lead">{t("staff.faq.intro")}</p>
        <p><a href="/faq">{t("staff.faq.public_link")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(list.await, "/staff/faq", move |entries| {
                    view! { <FaqList entries save move_entry publish/> }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn FaqList(
    entries: Vec<StaffFaqEntry>,
    save: ServerAction<SaveFaqEntry>,
    move_entry: ServerAction<MoveFaqEntry>,
    publish: ServerAction<PublishFaqEntry>,
) -> impl IntoView {
    let query = use_query_map();
    let notice = move || {
        let query = query.read();
        if query.get("saved").is_some() {
            Some(t("staff.faq.saved"))
        } else if query.get("deleted").is_some() {
            Some(t("staff.faq.deleted"))
        } else {
            None
        }
    };
    let error = Signal::derive(move || {
        [move_entry.value().get(), publish.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::err)
    });
    let count = entries.len();
    view! {
        {move || notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <h2>{t("staff.faq.list")}</h2>
        <ErrorSummary error/>
        {if entries.is_empty() {
            view! { <p>{t("staff.faq.none")}</p> }.into_any()
        } else {
            view! {
                <ol class="builder-questions faq-admin">
                    {entries
                        .into_iter()
                        .enumerate()
                        .map(|(i, entry)| view! { <EntryRow entry first=i == 0 last=i + 1 == count move_entry publish/> })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }}
        <h2 id="new-question">{t("staff.faq.new")}</h2>
        <FaqForm entry=None save/>
    }
}

#[component]
fn EntryRow(
    entry: StaffFaqEntry,
    first: bool,
    last: bool,
    move_entry: ServerAction<MoveFaqEntry>,
    publish: ServerAction<PublishFaqEntry>,
) -> impl IntoView {
    let locale = use_locale();
    let id = entry.id.to_string();
    let named = |key: &str| t_with(key, &[("question", entry.question_en.clone())]);
    let translated: Vec<String> = [
        (&entry.question_es, "staff.faq.lang.es"),
        (&entry.question_ru, "staff.faq.lang.ru"),
    ]
    .into_iter()
    .filter(|(q, _)| !q.trim().is_empty())
    .map(|(_, key)| t(key))
    .collect();
    let translations = if translated.is_empty() {
        t("staff.faq.not_translated")
    } else {
        t_with(
            "staff.faq.translated",
            &[("languages", translated.join(", "))],
        )
    };
    let status = if entry.published {
        t("staff.faq.status.published")
    } else {
        t("staff.faq.status.unpublished")
    };
    let changed = t_with(
        "staff.faq.changed",
        &[("date", format_date(locale, &entry.updated_on))],
    );
    let fields =
        |extra: (&'static str, &str)| vec![("id", id.clone()), (extra.0, extra.1.to_string())];
    let (publish_value, publish_label) = if entry.published {
        ("0", named("staff.faq.unpublish"))
    } else {
        ("1", named("staff.faq.publish"))
    };
    view! {
        <li class="builder-question" id=format!("entry-{}", entry.id)>
            <p>
                <strong>{entry.question_en.clone()}</strong>
                <br/>
                <span class="hint">
                    {status} " · " {translations} " · " {changed} " · " <code>{format!("#{}", entry.anchor)}</code>
                </span>
            </p>
            <div class="button-row">
                <a class="button button-secondary button-small" href=format!("/staff/faq/{}", entry.id)>{named("staff.faq.edit")}</a>
                {(!first).then(|| button_form!(move_entry, fields(("direction", "up")), named("staff.faq.move_up")))}
                {(!last).then(|| button_form!(move_entry, fields(("direction", "down")), named("staff.faq.move_down")))}
                {button_form!(publish, fields(("published", publish_value)), publish_label)}
            </div>
        </li>
    }
}

/// The form for a new entry (`entry` none) or for changing one: English first, then the two
/// translations, each optional as a pair.
#[component]
pub fn FaqForm(entry: Option<StaffFaqEntry>, save: ServerAction<SaveFaqEntry>) -> impl IntoView {
    let error: Signal<Option<AppError>> =
        Signal::derive(move || save.value().get().and_then(Result::err));
    let id = entry.as_ref().map(|e| e.id.to_string()).unwrap_or_default();
    let current = |f: fn(&StaffFaqEntry) -> String| entry.as_ref().map(f).unwrap_or_default();
    let (question_en, answer_en, question_es, answer_es, question_ru, answer_ru) = (
        current(|e| e.question_en.clone()),
        current(|e| e.answer_en.clone()),
        current(|e| e.question_es.clone()),
        current(|e| e.answer_es.clone()),
        current(|e| e.question_ru.clone()),
        current(|e| e.answer_ru.clone()),
    );
    let was_published = entry.as_ref().is_some_and(|e| e.published);
    // After a failed post the box shows what was sent; otherwise what is stored.
    let published = move || match error.get().and_then(|e| e.form().cloned()) {
        Some(form) => form.kept("published").is_some(),
        None => was_published,
    };
    let editing = entry.is_some();
    view! {
        <ErrorSummary error/>
        <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id/>
            <TextField name="question_en" label_key="staff.faq.field.question_en" required=true error initial=question_en/>
            <TextArea name="answer_en" label_key="staff.faq.field.answer_en" hint_key="staff.faq.field.answer_hint" required=true max_chars=5000 rows=6 error initial=answer_en/>
            <fieldset>
                <legend>{t("staff.faq.spanish")}</legend>
                <p class="hint">{t("staff.faq.translation_hint")}</p>
                <TextField name="question_es" label_key="staff.faq.field.question_es" error initial=question_es/>
                <TextArea name="answer_es" label_key="staff.faq.field.answer_es" max_chars=5000 rows=6 error initial=answer_es/>
            </fieldset>
            <fieldset>
                <legend>{t("staff.faq.russian")}</legend>
                <p class="hint">{t("staff.faq.translation_hint")}</p>
                <TextField name="question_ru" label_key="staff.faq.field.question_ru" error initial=question_ru/>
                <TextArea name="answer_ru" label_key="staff.faq.field.answer_ru" max_chars=5000 rows=6 error initial=answer_ru/>
            </fieldset>
            <div class="field choice">
                <input type="checkbox" id="field-published" name="published" checked=published/>
                <label for="field-published">{t("staff.faq.field.published")}</label>
            </div>
            <button type="submit" class="button">{if editing { t("staff.faq.save") } else { t("staff.faq.add") }}</button>
        </ActionForm>
    }
}
