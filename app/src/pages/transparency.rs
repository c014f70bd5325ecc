//! The public transparency page: what came in, what happened to it, who took part, live.

use crate::api::transparency::{GroupLine, TransparencyView, get_transparency};
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TransparencyPage() -> impl IntoView {
    let numbers = Resource::new(|| (), |_| get_transparency());
    view! {
        <Title text=t("transparency.title")/>
        <h1>{t("transparency.title")}</h1>
        <p class="lead">{t("transparency.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match numbers.await {
                    Ok(view) => view! { <Numbers view/> }.into_any(),
                    Err(_) => view! { <p>{t("home.no_consultation")}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn reason_label(reason: &str) -> String {
    t(&format!("moderation.reason.{reason}"))
}

#[component]
fn Numbers(view: TransparencyView) -> impl IntoView {
    let k = view.k;
    view! {
        <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">{t("transparency.totals")}</h2>
            <dl class="facts">
                <dt>{t("transparency.comments")}</dt>
                <dd>{t_with("transparency.comments_detail", &[
                    ("received", view.comments.to_string()),
                    ("published", view.published.to_string()),
                    ("rejected", view.rejected.to_string()),
                    ("pending", view.pending.to_string()),
                ])}</dd>
                <dt>{t("transparency.survey_responses")}</dt>
                <dd>{view.survey_responses}</dd>
                <dt>{t("transparency.rsvps")}</dt>
                <dd>{t_with("transparency.rsvps_detail", &[("rsvps", view.rsvps.to_string()), ("people", view.rsvp_people.to_string())])}</dd>
                <dt>{t("transparency.inquiries")}</dt>
                <dd>{view.inquiries}</dd>
            </dl>
        </section>
        <section aria-labelledby="sections-heading">
            <h2 id="sections-heading">{t("transparency.by_section")}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t("transparency.section")}</th>
                        <th scope="col">{t("transparency.received")}</th>
                        <th scope="col">{t("transparency.published")}</th>
                        <th scope="col">{t("transparency.pending")}</th>
                        <th scope="col">{t("transparency.rejected")}</th>
                    </tr>
                </thead>
                <tbody>
                    {view.sections.into_iter().map(|s| {
                        let rejected = if s.rejected.is_empty() {
                            "0".to_string()
                        } else {
                            s.rejected.iter().map(|(reason, n)| format!("{n} {}", reason_label(reason))).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/strategy/{}", s.slug)>{s.title}</a></th>
                                <td>{s.received}</td>
                                <td>{s.published}</td>
                                <td>{s.pending}</td>
                                <td>{rejected}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">{t("transparency.by_group")}</h2>
            <p class="hint">{t_with("staff.surveys.suppression_note", &[("k", k.to_string())])}</p>
            <GroupChannelTable groups=view.groups k/>
        </section>
        <p>
            {t("transparency.open_data")} " "
            <a href=crate::paths::OPEN_COMMENTS_CSV rel="external">"comments.csv"</a> " · "
            <a href=crate::paths::OPEN_COMMENTS_JSON rel="external">"comments.json"</a>
        </p>
    }
}

/// Every channel per stakeholder group; withheld numbers read "fewer than k".
#[component]
pub fn GroupChannelTable(groups: Vec<GroupLine>, k: u64) -> impl IntoView {
    let shown = move |n: Option<i64>| {
        n.map(|n| n.to_string())
            .unwrap_or_else(|| t_with("staff.surveys.fewer_than", &[("k", k.to_string())]))
    };
    let group_label = |code: &str| {
        StakeholderGroup::parse(code)
            .map(|g| t(g.label_key()))
            .unwrap_or_else(|| t("transparency.group_unknown"))
    };
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{t("field.stakeholder_group.label")}</th>
                    <th scope="col">{t("transparency.comments")}</th>
                    <th scope="col">{t("transparency.survey_responses")}</th>
                    <th scope="col">{t("transparency.rsvps")}</th>
                    <th scope="col">{t("transparency.inquiries")}</th>
                </tr>
            </thead>
            <tbody>
                {groups.into_iter().map(|g| view! {
                    <tr>
                        <th scope="row">{group_label(&g.group)}</th>
                        <td>{shown(g.comments)}</td>
                        <td>{shown(g.survey_responses)}</td>
                        <td>{shown(g.rsvps)}</td>
                        <td>{shown(g.inquiries)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
