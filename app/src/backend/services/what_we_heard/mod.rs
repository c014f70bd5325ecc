//! "What we heard": the public account of a consultation, or of one section, put together from the
//! transparency counts, the themes, the published survey results, the City's replies and what
//! changed. Every breakdown count under k is withheld here, once, for the pages and the open data.

pub mod open_data;
mod queries;
mod surveys;

pub use surveys::{published_results, set_results_published};

use crate::api::transparency::{group_lines, suppressed};
use crate::api::what_we_heard::{
    ChangeLine, ChannelCount, GroupThemes, OfficialResponse, SectionLine, SectionRef, ThemeCount,
    VersionLine, WhatWeHeardView,
};
use crate::backend::entity::{consultation, section};
use crate::backend::services::comments::offline::OFFLINE_CHANNELS;
use crate::backend::services::translations::Localized;
use crate::backend::services::{change_responses, strategy, transparency};
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::AppError;
use crate::i18n::Locale;
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

/// Official responses on the consultation's page (the newest); a section's page pages through all.
const RESPONSES_ON_CONSULTATION: u64 = 10;
const RESPONSES_PER_PAGE: u64 = 20;
/// The themes shown per stakeholder group.
const TOP_THEMES: usize = 5;

/// Stakeholder groups in the portal's order; codes it does not know (and "unknown") last.
fn group_rank(code: &str) -> usize {
    StakeholderGroup::ALL
        .iter()
        .position(|g| g.as_str() == code)
        .unwrap_or(StakeholderGroup::ALL.len())
}

/// Online first, then the offline channels in the order staff key them in.
fn channel_rank(code: &str) -> usize {
    std::iter::once("online")
        .chain(OFFLINE_CHANNELS)
        .position(|c| c == code)
        .unwrap_or(OFFLINE_CHANNELS.len() + 1)
}

/// The most frequent themes, ties by name, each count under k withheld.
pub fn top_themes(mut themes: Vec<(String, i64)>, k: u64) -> Vec<ThemeCount> {
    themes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    themes
        .into_iter()
        .take(TOP_THEMES)
        .map(|(theme, n)| ThemeCount {
            theme,
            count: suppressed(n, k),
        })
        .collect()
}

/// The report of the consultation (`section` `None`) or of one section, in `locale`; `page` is the
/// zero-based page of a section's official responses.
pub async fn report(
    conn: &impl ConnectionTrait,
    found: &consultation::Model,
    section: Option<&section::Model>,
    locale: Locale,
    k: u64,
    page: u64,
) -> Result<WhatWeHeardView, AppError> {
    let all = strategy::sections(conn, found.id).await?;
    let translations = strategy::translations_for(conn, &all, locale).await?;
    let refs: Vec<(i32, SectionRef)> = all
        .iter()
        .zip(translations)
        .map(|(s, translated)| {
            let (title, lang) = match translated {
                Some(t) => (t.title, t.locale),
                None => (s.title.clone(), Locale::En.code().to_string()),
            };
            let slug = s.slug.clone();
            (s.id, SectionRef { slug, title, lang })
        })
        .collect();
    let ref_of = |id: i32| refs.iter().find(|(i, _)| *i == id).map(|(_, r)| r.clone());
    let in_scope: Vec<i32> = match section {
        Some(one) => vec![one.id],
        None => all.iter().map(|s| s.id).collect(),
    };
    let all_ids: Vec<i32> = all.iter().map(|s| s.id).collect();

    let rows = queries::comments_by_group_and_channel(conn, &all_ids).await?;
    let mut per_section: BTreeMap<i32, i64> = BTreeMap::new();
    let mut per_channel: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (section_id, group, channel, n) in rows {
        *per_section.entry(section_id).or_default() += n;
        if in_scope.contains(&section_id) {
            *per_channel.entry((group, channel)).or_default() += n;
        }
    }
    let mut comments_by_channel: Vec<ChannelCount> = per_channel
        .into_iter()
        .map(|((group, channel), n)| ChannelCount {
            group,
            channel,
            count: suppressed(n, k),
        })
        .collect();
    comments_by_channel.sort_by_key(|c| (group_rank(&c.group), channel_rank(&c.channel)));

    let participation = match section {
        Some(_) => Vec::new(),
        None => {
            let counts = transparency::transparency(conn, found.id).await?;
            let mut lines = group_lines(&counts.by_group, k);
            lines.sort_by_key(|l| group_rank(&l.group));
            lines
        }
    };

    let mut themes: Vec<GroupThemes> =
        queries::themes_by_group(conn, found.id, section.map(|s| s.id))
            .await?
            .into_iter()
            .map(|(group, counted)| GroupThemes {
                group,
                themes: top_themes(counted, k),
            })
            .collect();
    themes.sort_by_key(|g| group_rank(&g.group));

    let surveys = match section {
        Some(_) => Vec::new(),
        None => published_results(conn, found.id, locale, k).await?,
    };

    let (per_page, page) = match section {
        Some(_) => (RESPONSES_PER_PAGE, page),
        None => (RESPONSES_ON_CONSULTATION, 0),
    };
    let (replied, responses_total) =
        queries::official_responses(conn, &in_scope, page, per_page).await?;
    let responses = replied
        .into_iter()
        .filter_map(|(comment, replies)| {
            Some(OfficialResponse {
                section: ref_of(comment.section_id)?,
                group: comment.stakeholder_group,
                comment: comment.body,
                comment_lang: comment.locale,
                replies: replies
                    .into_iter()
                    .map(|r| (r.created_at.date_naive().to_string(), r.body))
                    .collect(),
            })
        })
        .collect();

    let changes = change_responses::summaries(conn, found.id, section.map(|s| s.id), locale)
        .await?
        .into_iter()
        .map(|c| ChangeLine {
            section: refs
                .iter()
                .map(|(_, r)| r)
                .find(|r| r.slug == c.section_slug)
                .cloned()
                .unwrap_or(SectionRef {
                    slug: c.section_slug,
                    title: c.section_title,
                    lang: Locale::En.code().to_string(),
                }),
            version: c.version_number,
            published_on: c.published_at.date_naive().to_string(),
            explanation: c.explanation,
            explanation_lang: c.explanation_lang.code().to_string(),
            comments: c.comment_count,
            themes: c.themes,
        })
        .collect();

    let versions = queries::versions_since_opening(conn, found, &in_scope)
        .await?
        .into_iter()
        .filter_map(|v| {
            Some(VersionLine {
                section: ref_of(v.section_id)?,
                version: v.number,
                published_on: v.published_at.date_naive().to_string(),
            })
        })
        .collect();

    Ok(WhatWeHeardView {
        consultation: Localized::load(conn, locale)
            .await?
            .or_english("consultation", &found.slug, "title", &found.title)
            .0,
        city: found.city_name.clone(),
        opens_on: found.phase_opens_on.to_string(),
        closes_on: found.phase_closes_on.to_string(),
        section: section.and_then(|s| ref_of(s.id)),
        k,
        participation,
        comments_by_channel,
        themes,
        surveys,
        responses,
        responses_total,
        responses_page: page,
        responses_pages: responses_total.div_ceil(per_page).max(1),
        changes,
        versions,
        sections: refs
            .into_iter()
            .map(|(id, section)| SectionLine {
                comments: per_section.get(&id).copied().unwrap_or(0),
                section,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_themes_come_first_and_small_counts_are_withheld() {
        let themes = vec![
            ("Lighting".to_string(), 7),
            ("Parking".to_string(), 2),
            ("Housing".to_string(), 7),
            ("Noise".to_string(), 9),
            ("Trees".to_string(), 5),
            ("Dogs".to_string(), 1),
        ];
        let top = top_themes(themes, 5);
        let names: Vec<&str> = top.iter().map(|t| t.theme.as_str()).collect();
        assert_eq!(names, ["Noise", "Housing", "Lighting", "Trees", "Parking"]);
        assert_eq!(top[0].count, Some(9));
        assert_eq!(top[4].count, None, "two is fewer than five");
    }

    #[test]
    fn groups_and_channels_keep_the_portal_order() {
        assert!(group_rank("resident") < group_rank("business"));
        assert!(group_rank("other") < group_rank("unknown"));
        assert!(channel_rank("online") < channel_rank("focus_group"));
        assert!(channel_rank("phone") < channel_rank("carrier_pigeon"));
    }
}
