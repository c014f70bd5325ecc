//! The moderation queue: pending comments oldest first, with automatic flags; approve or reject with a reason.

use crate::api::comments::{ModerateComment, QueueItem, moderation_queue};
use crate::components::form::ErrorSummary;
use crate::components::staff_gate::staff_gate;
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_meta::Title;

const REASONS: [(&str, &str); 6] = [
    ("spam", "moderation.reason.spam"),
    ("abusive", "moderation.reason.abusive"),
    (
        "personal_information",
        "moderation.reason.personal_information",
    ),
    ("off_topic", "moderation.reason.off_topic"),
    ("duplicate", "moderation.reason.duplicate"),
    ("other", "moderation.reason.other"),
];

#[component]
pub fn StaffModerationPage() -> impl IntoView {
    let decide = ServerAction::<ModerateComment>::new();
    let queue = Resource::new(move || decide.version().get(), |_| moderation_queue());
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    view! {
        <Title text=t("moderation.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("moderation.title")}</h1>
        <ErrorSummary error/>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(queue.await, "/staff/moderation", move |items| view! { <Queue items decide/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Queue(items: Vec<QueueItem>, decide: ServerAction<ModerateComment>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p role="status">{t("moderation.empty")}</p> }.into_any();
    }
    let count = t_with("moderation.count", &[("count", items.len().to_string())]);
    view! {
        <p role="status">{count}</p>
        <ol class="outbox-list">
            {items.into_iter().map(|item| {
                let group = StakeholderGroup::parse(&item.stakeholder_group).map_or_else(|| item.stakeholder_group.clone(), |g| t(g.label_key()));
                let group = match &item.stakeholder_other { Some(o) => format!("{group} ({o})"), None => group };
                let where_ = match &item.paragraph {
                    Some(p) => format!("/strategy/{}#{p}", item.section_slug),
                    None => format!("/strategy/{}", item.section_slug),
                };
                let reason_id = format!("reason-{}", item.id);
                view! {
                    <li class="card">
                        <h2 class="outbox-subject">{item.reference.clone()}</h2>
                        <p>
                            <a href=where_>{item.section_title.clone()}</a> " · " {group} " · " {item.received.clone()}
                        </p>
                        {item.hidden.then(|| view! {
                            <p class="field-error">{t_with("moderation.hidden_by_reports", &[("count", item.reports.to_string())])}</p>
                        })}
                        {(!item.flags.is_empty()).then(|| view! {
                            <p class="field-error">
                                {t("moderation.flags")} " "
                                {item.flags.iter().map(|f| t(&format!("moderation.flag.{f}"))).collect::<Vec<_>>().join(", ")}
                            </p>
                        })}
                        <blockquote class="message-text">{item.body.clone()}</blockquote>
                        <div class="decisions">
                            <ActionForm action=decide>
                                <input type="hidden" name="id" value=item.id/>
                                <input type="hidden" name="decision" value="approve"/>
                                <button type="submit" class="button">{t("moderation.approve")}</button>
                            </ActionForm>
                            <ActionForm action=decide attr:class="reject-form">
                                <input type="hidden" name="id" value=item.id/>
                                <input type="hidden" name="decision" value="reject"/>
                                <div class="field">
                                    <label for=reason_id.clone()>{t("moderation.reason")}</label>
                                    <select id=reason_id name="reason">
                                        {REASONS.iter().map(|(value, key)| view! { <option value=*value>{t(key)}</option> }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button button-secondary">{t("moderation.reject")}</button>
                            </ActionForm>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}
