//! One inquiry: what was sent, the thread of notes and replies, and the forms to note, assign, change status and reply.

use super::inquiries::{group_label, status_label, topic_label};
use crate::api::inquiry::{
    AddInquiryNote, InquiryDetail, ReplyToInquiry, UpdateInquiry, get_inquiry,
};
use crate::components::form::{ErrorSummary, TextArea};
use crate::components::staff_gate::staff_gate;
use crate::domain::inquiry::{InquiryStatus, ReplyChannel};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffInquiryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let note = ServerAction::<AddInquiryNote>::new();
    let update = ServerAction::<UpdateInquiry>::new();
    let reply = ServerAction::<ReplyToInquiry>::new();
    // Refetch after any action (with JavaScript the page stays; without it the redirect reloads it).
    let detail = Resource::new(
        move || {
            (
                id(),
                note.version().get(),
                update.version().get(),
                reply.version().get(),
            )
        },
        |(id, ..)| get_inquiry(id),
    );
    view! {
        <p><a href="/staff/inquiries">{t("staff.inquiries.back")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = format!("/staff/inquiries/{}", id());
                staff_gate(detail.await, &here, move |detail| view! { <Inquiry detail note update reply/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Inquiry(
    detail: InquiryDetail,
    note: ServerAction<AddInquiryNote>,
    update: ServerAction<UpdateInquiry>,
    reply: ServerAction<ReplyToInquiry>,
) -> impl IntoView {
    let note_error = Signal::derive(move || note.value().get().and_then(Result::err));
    let update_error = Signal::derive(move || update.value().get().and_then(Result::err));
    let reply_error = Signal::derive(move || reply.value().get().and_then(Result::err));
    let title = format!("{} · {}", detail.reference, t("staff.inquiries.title"));
    let group = match &detail.stakeholder_other {
        Some(other) => format!("{} ({other})", group_label(&detail.stakeholder_group)),
        None => group_label(&detail.stakeholder_group),
    };
    let channel = ReplyChannel::parse(&detail.reply_channel)
        .map_or_else(|| detail.reply_channel.clone(), |c| t(c.label_key()));
    let id = detail.id;
    let assignee = detail.assignee_id;
    let status = detail.status.clone();
    let dash = || "—".to_string();
    view! {
        <Title text=title/>
        <h1>{detail.reference.clone()}</h1>
        <dl class="facts">
            <dt>{t("staff.inquiries.status")}</dt><dd>{status_label(&detail.status)}</dd>
            <dt>{t("field.name.label")}</dt><dd>{detail.name.clone()}</dd>
            <dt>{t("field.email.label")}</dt><dd><a href=format!("mailto:{}", detail.email)>{detail.email.clone()}</a></dd>
            <dt>{t("field.phone.label")}</dt><dd>{detail.phone.clone().unwrap_or_else(dash)}</dd>
            <dt>{t("field.reply_channel.legend")}</dt><dd>{channel}</dd>
            <dt>{t("field.stakeholder_group.label")}</dt><dd>{group}</dd>
            <dt>{t("field.zip.label")}</dt><dd>{detail.zip.clone().unwrap_or_else(dash)}</dd>
            <dt>{t("field.topic.label")}</dt><dd>{topic_label(&detail.topic)}</dd>
            <dt>{t("staff.inquiries.received")}</dt><dd>{detail.received.clone()}</dd>
        </dl>
        <h2>{t("field.message.label")}</h2>
        <blockquote class="message-text">{detail.message.clone()}</blockquote>

        <h2>{t("staff.inquiries.thread")}</h2>
        {if detail.thread.is_empty() {
            view! { <p>{t("staff.inquiries.thread_empty")}</p> }.into_any()
        } else {
            view! {
                <ol class="thread">
                    {detail
                        .thread
                        .iter()
                        .map(|entry| {
                            let kind = if entry.kind == "reply" { t("staff.inquiries.kind_reply") } else { t("staff.inquiries.kind_note") };
                            view! {
                                <li class=format!("thread-{}", entry.kind)>
                                    <p class="thread-meta"><strong>{kind}</strong> " · " {entry.author.clone()} " · " {entry.at.clone()}</p>
                                    <p class="message-text">{entry.body.clone()}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }}

        <section aria-labelledby="reply-heading">
            <h2 id="reply-heading">{t("staff.inquiries.reply_heading")}</h2>
            <ErrorSummary error=reply_error/>
            <ActionForm action=reply>
                <input type="hidden" name="id" value=id/>
                <TextArea name="reply" label_key="staff.inquiries.reply_label" hint_key="staff.inquiries.reply_hint" required=true max_chars=10000 rows=6 error=reply_error/>
                <button type="submit" class="button">{t("staff.inquiries.send_reply")}</button>
            </ActionForm>
        </section>

        <section aria-labelledby="update-heading">
            <h2 id="update-heading">{t("staff.inquiries.update_heading")}</h2>
            <ErrorSummary error=update_error/>
            <ActionForm action=update>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="field-status">{t("staff.inquiries.status")}</label>
                    <select id="field-status" name="status">
                        {InquiryStatus::ALL
                            .iter()
                            // Withdrawing is the sender's, and erases the inquiry.
                            .filter(|s| **s != InquiryStatus::Withdrawn)
                            .map(|s| view! { <option value=s.as_str() selected=status == s.as_str()>{t(s.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-assignee">{t("staff.inquiries.assignee")}</label>
                    <select id="field-assignee" name="assignee">
                        <option value="">{t("staff.inquiries.unassigned")}</option>
                        {detail
                            .staff
                            .iter()
                            .map(|s| view! { <option value=s.id selected=assignee == Some(s.id)>{s.email.clone()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button-secondary">{t("staff.inquiries.save")}</button>
            </ActionForm>
        </section>

        <section aria-labelledby="note-heading">
            <h2 id="note-heading">{t("staff.inquiries.note_heading")}</h2>
            <ErrorSummary error=note_error/>
            <ActionForm action=note>
                <input type="hidden" name="id" value=id/>
                <TextArea name="note" label_key="staff.inquiries.note_label" hint_key="staff.inquiries.note_hint" required=true max_chars=10000 rows=4 error=note_error/>
                <button type="submit" class="button button-secondary">{t("staff.inquiries.add_note")}</button>
            </ActionForm>
        </section>
    }
}
