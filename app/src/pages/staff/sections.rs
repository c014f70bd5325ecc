//! The draft's sections for admins: edit one, save the draft, preview it as readers will see it, publish.

use crate::api::sections::{
    EditorView, PublishSection, SaveSectionDraft, SectionRow, get_section_editor, staff_sections,
};
use crate::components::form::{ErrorSummary, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::section::{MAX_MARKDOWN_CHARS, MAX_SUMMARY_CHARS};
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffSectionsPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| staff_sections());
    view! {
        <Title text=t("sections.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("sections.title")}</h1>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(rows.await, "/staff/sections", |rows| view! { <SectionTable rows/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn SectionTable(rows: Vec<SectionRow>) -> impl IntoView {
    view! {
        <table class="data-table">
            <caption>{t("sections.caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("sections.section")}</th>
                    <th scope="col">{t("sections.version")}</th>
                    <th scope="col">{t("sections.draft")}</th>
                    <th scope="col">{t("sections.translations")}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <th scope="row"><a href=format!("/staff/sections/{}", row.slug)>{row.title}</a></th>
                        <td>{row.version}</td>
                        <td>{if row.has_draft { t("sections.draft_unpublished") } else { "—".to_string() }}</td>
                        <td>
                            <ul>
                                {row.translations.into_iter().map(|(code, state)| {
                                    let name = crate::i18n::Locale::from_code(&code).map_or(code.clone(), |l| l.native_name().to_string());
                                    let href = format!("/staff/sections/{}/{code}", row.slug);
                                    view! { <li><a href=href><span lang=code>{name}</span></a> ": " {t(&format!("sections.translation.{state}"))}</li> }
                                }).collect_view()}
                            </ul>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn StaffSectionEditorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let save = ServerAction::<SaveSectionDraft>::new();
    let publish = ServerAction::<PublishSection>::new();
    let editor = Resource::new(
        move || (slug(), save.version().get(), publish.version().get()),
        |(slug, ..)| get_section_editor(slug),
    );
    view! {
        <p><a href="/staff/sections">{t("sections.back")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/staff/sections/{}", slug());
                staff_gate(editor.await, &here, move |editor| view! { <Editor editor save publish/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Editor(
    editor: EditorView,
    save: ServerAction<SaveSectionDraft>,
    publish: ServerAction<PublishSection>,
) -> impl IntoView {
    let query = use_query_map();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let status = move || {
        let q = query.read();
        if let Some(number) = q.get("published") {
            Some(t_with("sections.published", &[("number", number)]))
        } else if q.get("saved").is_some() {
            Some(t("sections.saved"))
        } else if q.get("discarded").is_some() {
            Some(t("sections.discarded"))
        } else {
            None
        }
    };
    let heading = t_with("sections.edit_title", &[("section", editor.title.clone())]);
    let current = t_with(
        "sections.current_version",
        &[("number", editor.version.to_string())],
    );
    let slug = editor.slug.clone();
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        <p>
            {current} " "
            <a href=format!("/strategy/{slug}")>{t("sections.view_public")}</a> " · "
            <a href=format!("/strategy/{slug}/versions")>{t("versions.all")}</a>
            {(editor.version > 1).then(|| view! {
                " · " <a href=format!("/staff/sections/{slug}/versions/{}", editor.version)>{t("changes.staff.explain_current")}</a>
            })}
        </p>
        <p role="status">{status}</p>
        <ErrorSummary error/>
        <ActionForm action=save attr:class="stacked-form">
            <input type="hidden" name="slug" value=slug.clone()/>
            <TextField name="title" label_key="field.section_title.label" required=true error initial=editor.title.clone()/>
            <TextArea name="summary" label_key="field.section_summary.label" max_chars=MAX_SUMMARY_CHARS rows=3 error initial=editor.summary.clone()/>
            <TextArea
                name="markdown"
                label_key="field.section_markdown.label"
                hint_key="field.section_markdown.hint"
                required=true
                max_chars=MAX_MARKDOWN_CHARS
                rows=24
                error
                initial=editor.markdown.clone()
            />
            <button type="submit" class="button">{t("sections.save")}</button>
        </ActionForm>
        {editor.draft_preview.map(move |html| {
            let (publish_slug, discard_slug) = (editor.slug.clone(), editor.slug.clone());
            let saved = t_with("sections.draft_saved", &[("when", editor.draft_saved.clone().unwrap_or_default())]);
            view! {
                <section id="preview" class="preview" aria-labelledby="preview-title">
                    <h2 id="preview-title">{t("sections.preview")}</h2>
                    <p class="hint">{saved}</p>
                    // Rendered and sanitised on the server, exactly as publishing will.
                    <div class="section-body" inner_html=html></div>
                    <div class="decisions">
                        <ActionForm action=publish>
                            <input type="hidden" name="slug" value=publish_slug.clone()/>
                            <input type="hidden" name="decision" value="publish"/>
                            <button type="submit" class="button">{t("sections.publish")}</button>
                        </ActionForm>
                        <ActionForm action=publish>
                            <input type="hidden" name="slug" value=discard_slug.clone()/>
                            <input type="hidden" name="decision" value="discard"/>
                            <button type="submit" class="button button-secondary">{t("sections.discard")}</button>
                        </ActionForm>
                    </div>
                </section>
            }
        })}
    }
}
