//! The feedback dashboard's themes: by stakeholder group and by community identity.

use crate::api::feedback::ThemeLine;
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_with};
use leptos::prelude::*;

/// Themes by stakeholder group and by identity: a bar per theme (its total), then the same
/// numbers and their breakdowns as tables. Withheld cells read "fewer than k".
#[component]
pub fn ThemesByGroup(themes: Vec<ThemeLine>, identities: Vec<String>, k: u64) -> impl IntoView {
    let shown = move |n: Option<i64>| {
        n.map(|n| n.to_string())
            .unwrap_or_else(|| t_with("staff.surveys.fewer_than", &[("k", k.to_string())]))
    };
    let total = |n: Option<i64>| {
        n.map(|n| n.to_string())
            .unwrap_or_else(|| t("feedback.total_withheld"))
    };
    let max = themes
        .iter()
        .filter_map(|l| l.total)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = themes.len() * 30 + 10;
    let summary = themes
        .iter()
        .map(|l| format!("{}: {}", l.name, total(l.total)))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = themes
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let width = line.total.unwrap_or(0) * 300 / max;
            let y = i * 30 + 5;
            view! {
                <rect x="0" y=y.to_string() width=width.max(2).to_string() height="20" fill=line.colour.clone()></rect>
                <text x=(width + 8).to_string() y=(y + 15).to_string() class="chart-value">{format!("{} ({})", line.name, total(line.total))}</text>
            }
        })
        .collect_view();
    let has_identities = !identities.is_empty();
    view! {
        <section aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t("feedback.themes")}</h2>
            {if themes.is_empty() {
                view! { <p>{t("feedback.themes_none")} " " <a href="/staff/themes">{t("themes.title")}</a></p> }.into_any()
            } else {
                let identity_rows = themes.clone();
                view! {
                    <svg class="chart" viewBox=format!("0 0 600 {height}") role="img" aria-label=format!("{}: {summary}", t("feedback.themes"))>{bars}</svg>
                    <div class="table-scroll">
                        <table>
                            <caption>{t("feedback.themes_by_group")}</caption>
                            <thead><tr>
                                <th scope="col">{t("search.theme")}</th>
                                <th scope="col">{t("feedback.themes_total")}</th>
                                {StakeholderGroup::ALL.iter().map(|g| view! { <th scope="col">{t(g.label_key())}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {themes.into_iter().map(|line| view! {
                                    <tr>
                                        <th scope="row"><a href=format!("/staff/search?theme={}", line.id)>{line.name.clone()}</a></th>
                                        <td>{total(line.total)}</td>
                                        {line.by_group.into_iter().map(|c| view! { <td>{shown(c)}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {has_identities.then(|| view! {
                        <div class="table-scroll">
                            <table>
                                <caption>{t("feedback.themes_by_identity")}</caption>
                                <thead><tr>
                                    <th scope="col">{t("search.theme")}</th>
                                    {identities.iter().map(|label| view! { <th scope="col">{label.clone()}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {identity_rows.into_iter().map(|line| view! {
                                        <tr>
                                            <th scope="row">{line.name.clone()}</th>
                                            {line.by_identity.into_iter().map(|c| view! { <td>{shown(c)}</td> }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    })}
                }.into_any()
            }}
        </section>
    }
}
