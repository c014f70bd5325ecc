//! Comments under a section: the published list with its filters, the form, and the "received" page.

use crate::api::comments::{CommentPage, ReplyToComment, SubmitComment, get_comments};
use crate::components::form::{
    CheckboxField, ErrorSummary, GroupFilter, SelectField, TextArea, TextField, escape_text,
};
use crate::components::intake::{IntakeFields, StampedIntakeFields};
use crate::domain::comment::{
    MAX_COMMENT_CHARS, MAX_REPORT_NOTE_CHARS, REPORT_REASONS, reason_label_key,
};
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::AppError;
use crate::i18n::{format_date, t, t_count_with, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Adds a "comment on paragraph N" link after every anchored paragraph of the (sanitised) section HTML.
/// Links, not buttons: they work by keyboard, touch and screen reader, with or without JavaScript.
pub fn with_comment_links(html: &str, slug: &str) -> String {
    let mut out = String::with_capacity(html.len() + 2048);
    let mut chunks = html.split("<p id=\"");
    out.push_str(chunks.next().unwrap_or_default());
    for (n, chunk) in chunks.enumerate() {
        out.push_str("<p id=\"");
        let id = chunk.split('"').next().unwrap_or_default().to_string();
        match chunk.find("</p>") {
            Some(end) => {
                out.push_str(&chunk[..end + 4]);
                let label = escape_text(&t_with(
                    "strategy.comment_on_paragraph",
                    &[("n", (n + 1).to_string())],
                ));
                out.push_str(&format!(
                    "<p class=\"comment-on\"><a href=\"/strategy/{slug}?paragraph={id}#comment-form\">{label}</a></p>"
                ));
                out.push_str(&chunk[end + 4..]);
            }
            None => out.push_str(chunk),
        }
    }
    out
}

pub(crate) fn group_label(group: &str, other: &Option<String>) -> String {
    let label =
        StakeholderGroup::parse(group).map_or_else(|| group.to_string(), |g| t(g.label_key()));
    match other {
        Some(other) => format!("{label} ({other})"),
        None => label,
    }
}

/// The published comments of a section, following the page's filter and page parameters.
/// Created by the page, outside any `<Suspense>`: a resource created inside one is created again
/// each time the boundary re-checks its children, and each copy queries the database.
pub fn comment_page_resource(
    slug: impl Fn() -> String + Send + Sync + 'static,
) -> Resource<Result<CommentPage, AppError>> {
    let query = use_query_map();
    Resource::new(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
            (
                slug(),
                get("group"),
                get("about"),
                get("order"),
                get("page").and_then(|p| p.parse().ok()),
                // After an official reply the page comes back with `replied`; it must load afresh.
                get("replied"),
            )
        },
        |(slug, group, about, order, page, _)| get_comments(slug, group, about, order, page),
    )
}

#[component]
pub fn SectionComments(
    slug: String,
    anchors: Vec<String>,
    page: Resource<Result<CommentPage, AppError>>,
) -> impl IntoView {
    view! {
        <section id="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{t("comments.title")}</h2>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {
                    let slug = slug.clone();
                    let anchors = anchors.clone();
                    move || {
                        let slug = slug.clone();
                        let anchors = anchors.clone();
                        Suspend::new(async move {
                            page.await.ok().map(|page| view! { <CommentList page slug anchors/> })
                        })
                    }
                }
            </Suspense>
        </section>
    }
}

/// Staff only: the City's official reply under a comment.
#[component]
fn ReplyForm(slug: String, comment_id: i32, reply: ServerAction<ReplyToComment>) -> impl IntoView {
    let field_id = format!("reply-{comment_id}");
    view! {
        <details class="reply-form">
            <summary>{t("comments.reply_as_city")}</summary>
            <ActionForm action=reply>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=comment_id/>
                <div class="field">
                    <label for=field_id.clone()>{t("comments.reply_label")}</label>
                    <textarea id=field_id name="body" rows="4" required=true></textarea>
                </div>
                <button type="submit" class="button">{t("comments.reply_post")}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn CommentList(page: CommentPage, slug: String, anchors: Vec<String>) -> impl IntoView {
    let reply = ServerAction::<ReplyToComment>::new();
    let query = use_query_map();
    let current = move |k: &str| query.read().get(k).unwrap_or_default();
    let locale = use_locale();
    let paragraph_number = {
        let anchors = anchors.clone();
        move |id: &str| anchors.iter().position(|a| a == id).map(|i| i + 1)
    };
    let link = {
        let slug = slug.clone();
        move |n: u64| {
            let mut parts = vec![format!("page={n}")];
            for key in ["group", "about", "order"] {
                let value = current(key);
                if !value.is_empty() {
                    parts.push(format!("{key}={value}"));
                }
            }
            format!("/strategy/{slug}?{}#comments", parts.join("&"))
        }
    };
    let slug_for_links = slug.clone();
    let reported = move || query.read().get("reported").is_some();
    let summary = t_count_with(
        "comments.count",
        page.total,
        &[
            ("total", page.total.to_string()),
            ("page", page.page.to_string()),
            ("pages", page.page_count.to_string()),
        ],
    );
    view! {
        <form method="get" action=format!("/strategy/{slug}#comments") class="filters" aria-label=t("comments.filters")>
            <GroupFilter label_key="comments.filter_group" any_key="staff.inquiries.any" selected=current("group")/>
            <div class="field">
                <label for="filter-about">{t("comments.paragraph")}</label>
                <select id="filter-about" name="about">
                    <option value="">{t("comments.all_paragraphs")}</option>
                    {anchors.iter().enumerate().map(|(i, a)| {
                        let selected = current("about") == *a;
                        view! { <option value=a.clone() selected=selected>{t_with("comments.paragraph_n", &[("n", (i + 1).to_string())])}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-order">{t("comments.order")}</label>
                <select id="filter-order" name="order">
                    <option value="newest">{t("comments.newest")}</option>
                    <option value="oldest" selected=current("order") == "oldest">{t("comments.oldest")}</option>
                </select>
            </div>
            <button type="submit" class="button button-secondary">{t("staff.inquiries.apply")}</button>
        </form>
        <p role="status">{summary}</p>
        {move || reported().then(|| view! { <p class="notice" role="status">{t("comments.reported")}</p> })}
        {(!page.open).then(|| view! { <p class="notice">{t("comments.closed")}</p> })}
        // A failed official reply (staff only) says why above the list; the reply forms sit inside it.
        {move || reply.value().get().and_then(Result::err).map(|err| {
            let message = err
                .form()
                .and_then(|f| f.fields.first().map(|f| t(&f.message)))
                .unwrap_or_else(|| t(err.message_key()));
            view! { <p class="error-summary" role="alert">{message}</p> }
        })}
        <ol class="comment-list">
            {page.comments.into_iter().map(|c| {
                let slug_for_links = slug_for_links.clone();
                let name = if c.display_name.is_empty() { t("comments.anonymous") } else { c.display_name.clone() };
                let about = c.paragraph.as_deref().and_then(&paragraph_number).map(|n| t_with("comments.paragraph_n", &[("n", n.to_string())]));
                let city = page.city_name.clone();
                let comment_id = c.id;
                let reply_slug = slug_for_links.clone();
                view! {
                    <li class="comment" id=format!("comment-{}", c.id)>
                        <p class="comment-meta">
                            <strong>{name}</strong> " · " {group_label(&c.stakeholder_group, &c.stakeholder_other)}
                            " · " {format_date(locale, &c.posted_on)}
                            {about.map(|a| view! { " · " {a} })}
                        </p>
                        {c.on_older_version.then(|| view! { <p class="comment-version">{t("comments.older_version")}</p> })}
                        // Always text: a comment can never add markup or links.
                        <p class="message-text">{c.body}</p>
                        <ShapedLinks slug=slug_for_links.clone() shaped=c.shaped/>
                        {c.replies.into_iter().map(|r| {
                            let label = t_with("comments.official_reply", &[("city", city.clone())]);
                            view! {
                                <div class="official-reply">
                                    <p class="official-label"><strong>{label}</strong> " · " {format_date(locale, &r.posted_on)}</p>
                                    <p class="message-text">{r.body}</p>
                                </div>
                            }
                        }).collect_view()}
                        {page.can_reply.then(|| view! { <ReplyForm slug=reply_slug comment_id reply/> })}
                        <p class="comment-report">
                            <a href=format!("/strategy/{}/report/{}", slug_for_links, c.id)>{t("comments.report")}</a>
                        </p>
                    </li>
                }
            }).collect_view()}
        </ol>
        <nav class="pagination" aria-label=t("staff.inquiries.pages")>
            {(page.page > 1).then(|| view! { <a href=link(page.page - 1)>{t("pagination.previous")}</a> })}
            {(page.page < page.page_count).then(|| view! { <a href=link(page.page + 1)>{t("pagination.next")}</a> })}
        </nav>
        {page.open.then(|| view! { <CommentForm slug=slug.clone() anchors=anchors.clone() stamp=page.form_stamp.clone()/> })}
    }
}

#[component]
fn CommentForm(slug: String, anchors: Vec<String>, stamp: String) -> impl IntoView {
    // A resource created here, inside the list's Suspend, would hydrate out of order; the stamp
    // comes with the comments instead.
    let action = ServerAction::<SubmitComment>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let paragraph = move || {
        query
            .read()
            .get("paragraph")
            .filter(|p| p.starts_with("p-"))
            .unwrap_or_default()
    };
    let groups: Vec<(&'static str, &'static str)> = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.as_str(), g.label_key()))
        .collect();
    let about = {
        let anchors = anchors.clone();
        move || {
            let chosen = paragraph();
            anchors
                .iter()
                .position(|a| *a == chosen)
                .map(|i| t_with("comments.commenting_on", &[("n", (i + 1).to_string())]))
        }
    };
    let whole = format!("/strategy/{slug}#comment-form");
    view! {
        <section id="comment-form" aria-labelledby="comment-form-title" class="comment-form">
            <h2 id="comment-form-title">{t("comments.form_title")}</h2>
            {move || about().map(|text| view! {
                <p class="notice">{text} " " <a href=whole.clone()>{t("comments.whole_section")}</a></p>
            })}
            <ErrorSummary error/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="paragraph" value=paragraph/>
                <IntakeFields stamp/>
                <TextArea name="body" label_key="field.comment.label" required=true hint_key="field.comment.hint" max_chars=MAX_COMMENT_CHARS rows=6 error/>
                <SelectField name="stakeholder_group" label_key="field.stakeholder_group.label" options=groups required=true error/>
                <TextField name="stakeholder_other" label_key="field.stakeholder_other.label" hint_key="field.stakeholder_other.hint" error/>
                <TextField name="display_name" label_key="field.display_name.label" hint_key="field.display_name.hint" autocomplete="nickname" error/>
                <TextField name="zip" label_key="field.zip.label" hint_key="field.zip.hint" autocomplete="postal-code" error/>
                <TextField name="email" label_key="field.comment_email.label" hint_key="field.comment_email.hint" input_type="email" autocomplete="email" error/>
                <CheckboxField name="notify_on_change" label_key="field.notify_on_change.label" error/>
                <CheckboxField name="consent_public" label_key="field.consent_public.label" required=true error/>
                <p><a href="/privacy#comments">{t("comments.privacy_link")}</a></p>
                <button type="submit" class="button">{t("comments.submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn CommentReceivedPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let reference = move || query.read().get("ref").filter(|r| r.len() <= 40);
    view! {
        <Title text=t("comments.received_title")/>
        <h1>{t("comments.received_title")}</h1>
        {move || match reference() {
            Some(reference) => view! {
                <p class="reference" role="status">{t("contact.thanks.reference")} " " <strong>{reference}</strong></p>
            }
            .into_any(),
            None => view! { <p role="status">{t("contact.thanks.generic")}</p> }.into_any(),
        }}
        <p>
            {move || if query.read().get("published").is_some() {
                t("comments.published_next")
            } else {
                t("comments.received_next")
            }}
        </p>
        <p><a href=move || format!("/strategy/{}", slug())>{t("comments.back_to_section")}</a></p>
    }
}

/// A reader reports a published comment: a plain form, so it works without JavaScript.
#[component]
pub fn ReportCommentPage() -> impl IntoView {
    use crate::api::comments::ReportComment;
    use crate::components::form::RadioGroup;
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let action = ServerAction::<ReportComment>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let reasons: Vec<(&'static str, &'static str)> = REPORT_REASONS
        .iter()
        .map(|r| (*r, reason_label_key(r)))
        .collect();
    view! {
        <Title text=t("report.title")/>
        <h1>{t("report.title")}</h1>
        <p>{t("report.intro")}</p>
        <ErrorSummary error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id/>
            <StampedIntakeFields/>
            <RadioGroup name="reason" legend_key="report.reason" options=reasons error/>
            <TextArea name="note" label_key="report.note" max_chars=MAX_REPORT_NOTE_CHARS rows=3 error/>
            <button type="submit" class="button">{t("report.submit")}</button>
        </ActionForm>
        <p><a href=move || format!("/strategy/{}#comments", slug())>{t("comments.back_to_section")}</a></p>
    }
}

/// "This comment shaped version 3": a link to each explained change the comment prompted.
#[component]
pub fn ShapedLinks(slug: String, shaped: Vec<(i32, i32)>) -> impl IntoView {
    (!shaped.is_empty()).then(|| {
        view! {
            <ul class="comment-shaped">
                {shaped.into_iter().map(|(number, change)| view! {
                    <li>
                        <a href=format!("/strategy/{slug}/versions/{number}#change-{change}")>
                            {t_with("changes.shaped", &[("number", number.to_string())])}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
