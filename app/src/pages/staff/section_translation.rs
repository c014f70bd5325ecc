//! One language's text of a section, written beside the English it translates: same paragraphs,
//! in the same order, so comments stay on their paragraph in every language.

use crate::api::sections::{SaveSectionTranslation, TranslationEditorView, get_translation_editor};
use crate::components::form::{ErrorSummary, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::section::{MAX_MARKDOWN_CHARS, MAX_SUMMARY_CHARS};
use crate::i18n::{Locale, t, t_count_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffSectionTranslationPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let code = move || params.read().get("code").unwrap_or_default();
    let save = ServerAction::<SaveSectionTranslation>::new();
    let editor = Resource::new(
        move || (slug(), code(), save.version().get()),
        |(slug, code, _)| get_translation_editor(slug, code),
    );
    view! {
        <p><a href="/staff/sections">{t("sections.back")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/staff/sections/{}/{}", slug(), code());
                staff_gate(editor.await, &here, move |editor| view! { <TranslationEditor editor save/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn TranslationEditor(
    editor: TranslationEditorView,
    save: ServerAction<SaveSectionTranslation>,
) -> impl IntoView {
    let query = use_query_map();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || {
        query
            .read()
            .get("saved")
            .map(|_| t("sections.translation.saved"))
    };
    let language = Locale::from_code(&editor.code)
        .map_or(editor.code.clone(), |l| l.native_name().to_string());
    let heading = format!("{} ({language})", editor.english_title);
    let paragraphs = t_count_with(
        "sections.translation.paragraphs",
        editor.paragraphs as u64,
        &[
            ("count", editor.paragraphs.to_string()),
            ("version", editor.english_version.to_string()),
        ],
    );
    let code = editor.code.clone();
    view! {
        <Title text=heading.clone()/>
        <h1><span lang="en">{editor.english_title.clone()}</span> " (" <span lang=code.clone()>{language}</span> ")"</h1>
        <p role="status">{saved}</p>
        <p class="notice-box">{t(&format!("sections.translation.{}", editor.state))}</p>
        <p>{paragraphs}</p>
        <details>
            <summary>{t("sections.translation.english")}</summary>
            <div lang="en">
                <p><strong>{editor.english_title.clone()}</strong></p>
                <p>{editor.english_summary.clone()}</p>
                <pre class="markdown-source">{editor.english_markdown.clone()}</pre>
            </div>
        </details>
        <ErrorSummary error/>
        <ActionForm action=save attr:class="stacked-form">
            <input type="hidden" name="slug" value=editor.slug.clone()/>
            <input type="hidden" name="code" value=code/>
            <TextField name="title" label_key="field.section_title.label" required=true error initial=editor.title.clone()/>
            <TextArea name="summary" label_key="field.section_summary.label" max_chars=MAX_SUMMARY_CHARS rows=3 error initial=editor.summary.clone()/>
            <TextArea
                name="markdown"
                label_key="field.section_markdown.label"
                hint_key="field.section_translation.hint"
                required=true
                max_chars=MAX_MARKDOWN_CHARS
                rows=24
                error
                initial=editor.markdown.clone()
            />
            <button type="submit" class="button">{t("sections.translation.save")}</button>
        </ActionForm>
    }
}
