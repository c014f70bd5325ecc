//! The page an author's link opens: their comment, its status, and the choice to withdraw or
//! delete it. No account and no personal data in the address, only the random link.

use crate::api::my_comment::{ChangeMyComment, MyCommentView, my_comment};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MyCommentPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let change = ServerAction::<ChangeMyComment>::new();
    let found = Resource::new(
        move || (token(), change.version().get()),
        |(token, _)| my_comment(token),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(comment) => view! { <MyComment comment token=token() change/> }.into_any(),
                    Err(_) => crate::components::error_view::not_found_view(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyComment(
    comment: MyCommentView,
    token: String,
    change: ServerAction<ChangeMyComment>,
) -> impl IntoView {
    let query = use_query_map();
    let done = move || match query.read().get("done").as_deref() {
        Some("withdraw") => Some(t("my_comment.done.withdraw")),
        Some("delete") => Some(t("my_comment.done.delete")),
        _ => None,
    };
    let status_key = format!("my_comment.status.{}", comment.status);
    let withdrawn = comment.status == "withdrawn";
    let request_form = move |request: &'static str, label: &'static str, class: &'static str| {
        let token = token.clone();
        view! {
            <ActionForm action=change attr:class="inline-form">
                <input type="hidden" name="token" value=token/>
                <input type="hidden" name="request" value=request/>
                <button type="submit" class=class>{t(label)}</button>
            </ActionForm>
        }
    };
    view! {
        <Title text=t("my_comment.title")/>
        <h1>{t("my_comment.title")}</h1>
        {move || done().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <dl class="facts">
            <dt>{t("my_comment.reference")}</dt>
            <dd>{comment.reference.clone()}</dd>
            <dt>{t("my_comment.section")}</dt>
            <dd><a href=format!("/strategy/{}", comment.section_slug)>{comment.section_title.clone()}</a></dd>
            <dt>{t("my_comment.sent_on")}</dt>
            <dd>{crate::i18n::format_date(crate::i18n::use_locale(), &comment.sent_on)}</dd>
            <dt>{t("my_comment.status")}</dt>
            <dd>{t(&status_key)}</dd>
        </dl>
        {if comment.deleted {
            view! { <p>{t("my_comment.deleted")}</p> }.into_any()
        } else {
            view! {
                <h2>{t("my_comment.your_words")}</h2>
                <blockquote class="comment-body">{comment.body.clone()}</blockquote>
                <h2>{t("my_comment.choices")}</h2>
                {(!withdrawn).then(|| view! {
                    <p>{t("my_comment.withdraw_explained")}</p>
                    {request_form("withdraw", "my_comment.withdraw", "button-secondary")}
                })}
                <p>{t("my_comment.delete_explained")}</p>
                {request_form("delete", "my_comment.delete", "button-secondary")}
            }.into_any()
        }}
    }
}
