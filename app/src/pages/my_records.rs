//! The pages a respondent's and a sender's own links open: a survey response or an inquiry, and
//! the choice to delete it. No account and no personal data in the address, only the random link.

use crate::api::my_records::{
    DeleteMyResponse, MyInquiryView, MyResponseView, WithdrawMyInquiry, my_inquiry, my_response,
};
use crate::i18n::{format_date, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn done_notice(key_prefix: &'static str) -> impl Fn() -> Option<AnyView> {
    let query = use_query_map();
    move || {
        let done = query.read().get("done")?;
        matches!(done.as_str(), "delete" | "withdraw").then(|| {
            view! { <p class="notice" role="status">{t(&format!("{key_prefix}.done.{done}"))}</p> }
                .into_any()
        })
    }
}

#[component]
pub fn MyResponsePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let delete = ServerAction::<DeleteMyResponse>::new();
    let found = Resource::new(
        move || (token(), delete.version().get()),
        |(token, _)| my_response(token),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(response) => view! { <MyResponse response token=token() delete/> }.into_any(),
                    Err(_) => crate::components::error_view::not_found_view(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyResponse(
    response: MyResponseView,
    token: String,
    delete: ServerAction<DeleteMyResponse>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=t("my_response.title")/>
        <h1>{t("my_response.title")}</h1>
        {done_notice("my_response")}
        <dl class="facts">
            <dt>{t("my_comment.reference")}</dt>
            <dd>{response.reference.clone()}</dd>
            <dt>{t("my_response.survey")}</dt>
            <dd>{response.survey_title.clone()}</dd>
            <dt>{t("my_comment.sent_on")}</dt>
            <dd>{format_date(locale, &response.submitted_on)}</dd>
        </dl>
        {if response.deleted {
            view! { <p>{t("my_response.deleted")}</p> }.into_any()
        } else {
            view! {
                <h2>{t("my_response.your_answers")}</h2>
                <dl class="answers">
                    {response.answers.into_iter().map(|(question, answer)| view! {
                        <dt>{question}</dt>
                        <dd>{answer}</dd>
                    }).collect_view()}
                </dl>
                <h2>{t("my_comment.choices")}</h2>
                <p>{t("my_response.delete_explained")}</p>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="button-secondary">{t("my_response.delete")}</button>
                </ActionForm>
            }.into_any()
        }}
    }
}

#[component]
pub fn MyInquiryPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let withdraw = ServerAction::<WithdrawMyInquiry>::new();
    let found = Resource::new(
        move || (token(), withdraw.version().get()),
        |(token, _)| my_inquiry(token),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(inquiry) => view! { <MyInquiry inquiry token=token() withdraw/> }.into_any(),
                    Err(_) => crate::components::error_view::not_found_view(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyInquiry(
    inquiry: MyInquiryView,
    token: String,
    withdraw: ServerAction<WithdrawMyInquiry>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=t("my_inquiry.title")/>
        <h1>{t("my_inquiry.title")}</h1>
        {done_notice("my_inquiry")}
        <dl class="facts">
            <dt>{t("my_comment.reference")}</dt>
            <dd>{inquiry.reference.clone()}</dd>
            <dt>{t("field.topic.label")}</dt>
            <dd>{t(&inquiry.topic_key)}</dd>
            <dt>{t("my_comment.sent_on")}</dt>
            <dd>{format_date(locale, &inquiry.sent_on)}</dd>
            <dt>{t("my_comment.status")}</dt>
            <dd>{t(&inquiry.status_key)}</dd>
        </dl>
        {if inquiry.withdrawn {
            view! { <p>{t("my_inquiry.withdrawn")}</p> }.into_any()
        } else {
            view! {
                <h2>{t("my_inquiry.your_message")}</h2>
                <blockquote class="comment-body">{inquiry.message.clone()}</blockquote>
                <h2>{t("my_comment.choices")}</h2>
                <p>{t("my_inquiry.withdraw_explained")}</p>
                <ActionForm action=withdraw attr:class="inline-form">
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="button-secondary">{t("my_inquiry.withdraw")}</button>
                </ActionForm>
            }.into_any()
        }}
    }
}
