//! Counts for the public transparency page: what came in through every channel, what happened to
//! comments (published, rejected and why, pending), and who took part by stakeholder group. Every
//! number is an aggregate query, so the page costs the same with ten or a hundred thousand inputs.

use crate::server::entity::{comment, event, inquiry, rsvp, section, survey, survey_response};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionCounts {
    pub slug: String,
    pub title: String,
    pub received: i64,
    pub published: i64,
    pub pending: i64,
    /// (reason, count), most frequent first.
    pub rejected: Vec<(String, i64)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelCounts {
    pub comments: i64,
    pub survey_responses: i64,
    /// RSVPs that are not cancelled, and the people in those parties.
    pub rsvps: i64,
    pub rsvp_people: i64,
    pub inquiries: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Transparency {
    pub sections: Vec<SectionCounts>,
    pub totals: ChannelCounts,
    /// Per stakeholder group code: the same channels.
    pub by_group: Vec<(String, ChannelCounts)>,
}

async fn group_counts<E, C>(
    conn: &C,
    query: sea_orm::Select<E>,
    group_column: E::Column,
    id_column: E::Column,
) -> Result<Vec<(String, i64)>, DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let rows: Vec<(Option<String>, i64)> = query
        .select_only()
        .column(group_column)
        .column_as(id_column.count(), "n")
        .group_by(group_column)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(group, n)| (group.unwrap_or_else(|| "unknown".into()), n))
        .collect())
}

pub async fn transparency(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Transparency, DbErr> {
    let sections = section::Entity::find()
        .filter(section::Column::ConsultationId.eq(consultation_id))
        .order_by_asc(section::Column::Position)
        .all(conn)
        .await?;
    let section_ids: Vec<i32> = sections.iter().map(|s| s.id).collect();
    let per_status: Vec<(i32, String, Option<String>, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::SectionId)
        .column(comment::Column::Status)
        .column(comment::Column::RejectReason)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::SectionId.is_in(section_ids.clone()))
        .group_by(comment::Column::SectionId)
        .group_by(comment::Column::Status)
        .group_by(comment::Column::RejectReason)
        .into_tuple()
        .all(conn)
        .await?;
    let mut out = Transparency::default();
    for found in &sections {
        let mut counts = SectionCounts {
            slug: found.slug.clone(),
            title: found.title.clone(),
            ..Default::default()
        };
        for (_, status, reason, n) in per_status.iter().filter(|(id, ..)| *id == found.id) {
            counts.received += n;
            match status.as_str() {
                "published" => counts.published += n,
                "rejected" => counts
                    .rejected
                    .push((reason.clone().unwrap_or_else(|| "other".into()), *n)),
                _ => counts.pending += n,
            }
        }
        counts
            .rejected
            .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.totals.comments += counts.received;
        out.sections.push(counts);
    }

    let comments = group_counts(
        conn,
        comment::Entity::find().filter(comment::Column::SectionId.is_in(section_ids)),
        comment::Column::StakeholderGroup,
        comment::Column::Id,
    )
    .await?;
    let survey_ids: Vec<i32> = survey::Entity::find()
        .filter(survey::Column::ConsultationId.eq(consultation_id))
        .select_only()
        .column(survey::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    let responses = group_counts(
        conn,
        survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.is_in(survey_ids))
            .filter(survey_response::Column::Status.eq("submitted")),
        survey_response::Column::StakeholderGroup,
        survey_response::Column::Id,
    )
    .await?;
    let event_ids: Vec<i32> = event::Entity::find()
        .filter(event::Column::ConsultationId.eq(consultation_id))
        .select_only()
        .column(event::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    let rsvps: Vec<(String, i64, Option<i64>)> = rsvp::Entity::find()
        .select_only()
        .column(rsvp::Column::StakeholderGroup)
        .column_as(rsvp::Column::Id.count(), "n")
        .column_as(rsvp::Column::PartySize.sum(), "people")
        .filter(rsvp::Column::EventId.is_in(event_ids))
        .filter(rsvp::Column::Status.ne("cancelled"))
        .group_by(rsvp::Column::StakeholderGroup)
        .into_tuple()
        .all(conn)
        .await?;
    let inquiries = group_counts(
        conn,
        inquiry::Entity::find(),
        inquiry::Column::StakeholderGroup,
        inquiry::Column::Id,
    )
    .await?;

    let mut groups: Vec<String> = comments
        .iter()
        .map(|(g, _)| g.clone())
        .chain(responses.iter().map(|(g, _)| g.clone()))
        .chain(rsvps.iter().map(|(g, ..)| g.clone()))
        .chain(inquiries.iter().map(|(g, _)| g.clone()))
        .collect();
    groups.sort();
    groups.dedup();
    let find = |list: &[(String, i64)], group: &str| {
        list.iter().find(|(g, _)| g == group).map_or(0, |(_, n)| *n)
    };
    for group in groups {
        let (count, people) = rsvps
            .iter()
            .find(|(g, ..)| *g == group)
            .map_or((0, 0), |(_, n, p)| (*n, p.unwrap_or(0)));
        let counts = ChannelCounts {
            comments: find(&comments, &group),
            survey_responses: find(&responses, &group),
            rsvps: count,
            rsvp_people: people,
            inquiries: find(&inquiries, &group),
        };
        out.totals.survey_responses += counts.survey_responses;
        out.totals.rsvps += counts.rsvps;
        out.totals.rsvp_people += counts.rsvp_people;
        out.totals.inquiries += counts.inquiries;
        out.by_group.push((group, counts));
    }
    Ok(out)
}

/// Comments per section and stakeholder group: (section slug, group, count).
pub async fn comments_by_section_and_group(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<(String, String, i64)>, DbErr> {
    let sections = section::Entity::find()
        .filter(section::Column::ConsultationId.eq(consultation_id))
        .all(conn)
        .await?;
    let rows: Vec<(i32, String, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::SectionId)
        .column(comment::Column::StakeholderGroup)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::SectionId.is_in(sections.iter().map(|s| s.id).collect::<Vec<_>>()))
        .group_by(comment::Column::SectionId)
        .group_by(comment::Column::StakeholderGroup)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, group, n)| {
            sections
                .iter()
                .find(|s| s.id == id)
                .map(|s| (s.slug.clone(), group, n))
        })
        .collect())
}
