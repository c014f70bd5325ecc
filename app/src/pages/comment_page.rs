//! One published comment on its own page: the paragraph it was made on, the City's replies, and
//! the versions it shaped. Changes link here, so the link holds whatever page the comment is on.

use crate::api::comments::{SingleComment, get_comment};
use crate::components::error_view::error_view;
use crate::i18n::{format_date, t, t_with, use_locale};
use crate::pages::comments::{ShapedLinks, group_label};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CommentPermalinkPage() -> impl IntoView {
    let params = use_params_map();
    let found = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("id").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0),
            )
        },
        |(slug, id)| get_comment(slug, id),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(found) => view! { <OneComment found/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OneComment(found: SingleComment) -> impl IntoView {
    let locale = use_locale();
    let c = found.comment;
    let heading = t_with(
        "comment_page.title",
        &[("reference", found.reference.clone())],
    );
    let name = if c.display_name.is_empty() {
        t("comments.anonymous")
    } else {
        c.display_name.clone()
    };
    let slug = found.slug.clone();
    let city = found.city_name.clone();
    view! {
        <Title text=format!("{heading} | {}", found.section_title)/>
        <nav aria-label=t("strategy.breadcrumb")>
            <a href=format!("/strategy/{slug}")>{found.section_title.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <article class="comment">
            <p class="comment-meta">
                <strong>{name}</strong> " · " {group_label(&c.stakeholder_group, &c.stakeholder_other)}
                " · " {format_date(locale, &c.posted_on)}
            </p>
            {found.paragraph_text.map(|text| view! {
                <figure class="commented-paragraph">
                    <figcaption>{t("comment_page.on_paragraph")}</figcaption>
                    // The English paragraph the person read; marked so screen readers switch voice.
                    <blockquote lang="en"><p>{text}</p></blockquote>
                </figure>
            })}
            {c.on_older_version.then(|| view! { <p class="comment-version">{t("comments.older_version")}</p> })}
            <p class="message-text">{c.body}</p>
            <ShapedLinks slug=slug.clone() shaped=c.shaped/>
            {c.replies.into_iter().map(|r| {
                let label = t_with("comments.official_reply", &[("city", city.clone())]);
                view! {
                    <div class="official-reply">
                        <p class="official-label"><strong>{label}</strong> " · " {format_date(locale, &r.posted_on)}</p>
                        <p class="message-text">{r.body}</p>
                    </div>
                }
            }).collect_view()}
        </article>
        <p><a href=format!("/strategy/{slug}#comments")>{t("comment_page.all_comments")}</a></p>
    }
}
