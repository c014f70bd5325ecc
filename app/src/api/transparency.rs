//! The public transparency page's numbers; group breakdowns under k read "fewer than k".

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionLine {
    pub slug: String,
    pub title: String,
    pub received: i64,
    pub published: i64,
    pub pending: i64,
    pub rejected: Vec<(String, i64)>,
}

/// A group's numbers; `None` where fewer than k took part that way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub group: String,
    pub comments: Option<i64>,
    pub survey_responses: Option<i64>,
    pub rsvps: Option<i64>,
    pub inquiries: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransparencyView {
    pub sections: Vec<SectionLine>,
    pub comments: i64,
    pub published: i64,
    pub pending: i64,
    pub rejected: i64,
    pub survey_responses: i64,
    pub rsvps: i64,
    pub rsvp_people: i64,
    pub inquiries: i64,
    pub groups: Vec<GroupLine>,
    pub k: u64,
}

/// Small numbers are withheld so nobody is singled out; zero stays zero.
pub fn suppressed(count: i64, k: u64) -> Option<i64> {
    (count == 0 || count >= k as i64).then_some(count)
}

/// Every channel's numbers per group, small ones withheld.
#[cfg(feature = "ssr")]
pub fn group_lines(
    by_group: &[(
        String,
        crate::backend::services::transparency::ChannelCounts,
    )],
    k: u64,
) -> Vec<GroupLine> {
    by_group
        .iter()
        .map(|(group, c)| GroupLine {
            group: group.clone(),
            comments: suppressed(c.comments, k),
            survey_responses: suppressed(c.survey_responses, k),
            rsvps: suppressed(c.rsvps, k),
            inquiries: suppressed(c.inquiries, k),
        })
        .collect()
}

#[server(endpoint = "transparency")]
pub async fn get_transparency() -> Result<TransparencyView, AppError> {
    use crate::backend::services::{content, transparency};
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let k = state.portal.small_cell_k;
    let counts = transparency::transparency(&state.db, consultation.id).await?;
    let sum = |f: fn(&transparency::SectionCounts) -> i64| counts.sections.iter().map(f).sum();
    Ok(TransparencyView {
        comments: counts.totals.comments,
        published: sum(|s| s.published),
        pending: sum(|s| s.pending),
        rejected: sum(|s| s.rejected.iter().map(|(_, n)| n).sum()),
        survey_responses: counts.totals.survey_responses,
        rsvps: counts.totals.rsvps,
        rsvp_people: counts.totals.rsvp_people,
        inquiries: counts.totals.inquiries,
        groups: group_lines(&counts.by_group, k),
        sections: counts
            .sections
            .into_iter()
            .map(|s| SectionLine {
                slug: s.slug,
                title: s.title,
                received: s.received,
                published: s.published,
                pending: s.pending,
                rejected: s.rejected,
            })
            .collect(),
        k,
    })
}

#[cfg(test)]
mod tests {
    use super::suppressed;

    #[test]
    fn counts_under_k_are_withheld_but_zero_and_k_are_shown() {
        assert_eq!(suppressed(0, 5), Some(0));
        assert_eq!(suppressed(4, 5), None);
        assert_eq!(suppressed(5, 5), Some(5));
    }
}
