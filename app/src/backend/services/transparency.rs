//! Counts for the public transparency page: what came in through every channel, what happened to
//! comments (published, rejected and why, pending), and who took part by stakeholder group. Every
//! number is an aggregate query, so the page costs the same with ten or a hundred thousand inputs.

use crate::backend::entity::{comment, event, inquiry, rsvp, section, survey, survey_response};
use crate::domain::status::{CommentStatus, ResponseStatus, RsvpStatus};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
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

/// What the staff dashboard narrows the counts to; the public page counts everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// Exclusive.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    pub section: Option<String>,
    pub survey: Option<i32>,
    pub channel: Option<String>,
    /// The language people wrote in (a locale code).
    pub language: Option<String>,
}

impl Scope {
    /// The dates, and the language when one is chosen, of inputs with these two columns.
    fn window<C: ColumnTrait, L: ColumnTrait>(&self, at: C, locale: L) -> Condition {
        let mut condition = self.dates(at);
        if let Some(language) = &self.language {
            condition = condition.add(locale.eq(language.as_str()));
        }
        condition
    }

    fn dates<C: ColumnTrait>(&self, at: C) -> Condition {
        let mut condition = Condition::all();
        if let Some(from) = self.from {
            condition = condition.add(at.gte(from));
        }
        if let Some(until) = self.until {
            condition = condition.add(at.lt(until));
        }
        condition
    }

    fn comments(&self) -> Condition {
        let mut condition = self.window(comment::Column::CreatedAt, comment::Column::Locale);
        if let Some(channel) = &self.channel {
            condition = condition.add(comment::Column::Channel.eq(channel.as_str()));
        }
        condition
    }

    async fn sections(
        &self,
        conn: &impl ConnectionTrait,
        consultation_id: i32,
    ) -> Result<Vec<section::Model>, DbErr> {
        let mut query =
            section::Entity::find().filter(section::Column::ConsultationId.eq(consultation_id));
        if let Some(slug) = &self.section {
            query = query.filter(section::Column::Slug.eq(slug.as_str()));
        }
        query
            .order_by_asc(section::Column::Position)
            .all(conn)
            .await
    }

    async fn survey_ids(
        &self,
        conn: &impl ConnectionTrait,
        consultation_id: i32,
    ) -> Result<Vec<i32>, DbErr> {
        let mut query =
            survey::Entity::find().filter(survey::Column::ConsultationId.eq(consultation_id));
        if let Some(id) = self.survey {
            query = query.filter(survey::Column::Id.eq(id));
        }
        query
            .select_only()
            .column(survey::Column::Id)
            .into_tuple()
            .all(conn)
            .await
    }
}

pub async fn transparency(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Transparency, DbErr> {
    transparency_in(conn, consultation_id, &Scope::default()).await
}

pub async fn transparency_in(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    scope: &Scope,
) -> Result<Transparency, DbErr> {
    let sections = scope.sections(conn, consultation_id).await?;
    let section_ids: Vec<i32> = sections.iter().map(|s| s.id).collect();
    let per_status: Vec<(i32, CommentStatus, Option<String>, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::SectionId)
        .column(comment::Column::Status)
        .column(comment::Column::RejectReason)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::SectionId.is_in(section_ids.clone()))
        .filter(scope.comments())
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
            match status {
                CommentStatus::Published => counts.published += n,
                CommentStatus::Rejected => counts
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
        comment::Entity::find()
            .filter(comment::Column::SectionId.is_in(section_ids))
            .filter(scope.comments()),
        comment::Column::StakeholderGroup,
        comment::Column::Id,
    )
    .await?;
    let survey_ids = scope.survey_ids(conn, consultation_id).await?;
    let responses = group_counts(
        conn,
        survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.is_in(survey_ids))
            .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
            .filter(scope.window(
                survey_response::Column::SubmittedAt,
                survey_response::Column::Locale,
            )),
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
        .filter(rsvp::Column::Status.ne(RsvpStatus::Cancelled))
        .filter(scope.window(rsvp::Column::CreatedAt, rsvp::Column::Locale))
        .group_by(rsvp::Column::StakeholderGroup)
        .into_tuple()
        .all(conn)
        .await?;
    let inquiries = group_counts(
        conn,
        inquiry::Entity::find()
            .filter(scope.window(inquiry::Column::CreatedAt, inquiry::Column::Locale)),
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
    scope: &Scope,
) -> Result<Vec<(String, String, i64)>, DbErr> {
    let sections = scope.sections(conn, consultation_id).await?;
    let rows: Vec<(i32, String, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::SectionId)
        .column(comment::Column::StakeholderGroup)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::SectionId.is_in(sections.iter().map(|s| s.id).collect::<Vec<_>>()))
        .filter(scope.comments())
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

/// Inputs per week in the consultation's zone (weeks start on Monday): (week start, comments, survey responses, RSVPs,
/// inquiries), oldest first. Reads only the timestamps.
pub async fn weekly(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    scope: &Scope,
    zone: chrono_tz::Tz,
) -> Result<Vec<(chrono::NaiveDate, [i64; 4])>, DbErr> {
    use chrono::Datelike;
    let week = |at: chrono::DateTime<chrono::Utc>| {
        let day = at.with_timezone(&zone).date_naive();
        day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
    };
    let sections: Vec<i32> = scope
        .sections(conn, consultation_id)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let comments: Vec<chrono::DateTime<chrono::Utc>> = comment::Entity::find()
        .select_only()
        .column(comment::Column::CreatedAt)
        .filter(comment::Column::SectionId.is_in(sections))
        .filter(scope.comments())
        .into_tuple()
        .all(conn)
        .await?;
    let responses: Vec<Option<chrono::DateTime<chrono::Utc>>> = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::SubmittedAt)
        .filter(
            survey_response::Column::SurveyId.is_in(scope.survey_ids(conn, consultation_id).await?),
        )
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .filter(scope.window(
            survey_response::Column::SubmittedAt,
            survey_response::Column::Locale,
        ))
        .into_tuple()
        .all(conn)
        .await?;
    let rsvps: Vec<chrono::DateTime<chrono::Utc>> = rsvp::Entity::find()
        .select_only()
        .column(rsvp::Column::CreatedAt)
        .filter(rsvp::Column::Status.ne(RsvpStatus::Cancelled))
        .filter(scope.window(rsvp::Column::CreatedAt, rsvp::Column::Locale))
        .into_tuple()
        .all(conn)
        .await?;
    let inquiries: Vec<chrono::DateTime<chrono::Utc>> = inquiry::Entity::find()
        .select_only()
        .column(inquiry::Column::CreatedAt)
        .filter(scope.window(inquiry::Column::CreatedAt, inquiry::Column::Locale))
        .into_tuple()
        .all(conn)
        .await?;
    let mut weeks: std::collections::BTreeMap<chrono::NaiveDate, [i64; 4]> = Default::default();
    for at in comments {
        weeks.entry(week(at)).or_default()[0] += 1;
    }
    for at in responses.into_iter().flatten() {
        weeks.entry(week(at)).or_default()[1] += 1;
    }
    for at in rsvps {
        weeks.entry(week(at)).or_default()[2] += 1;
    }
    for at in inquiries {
        weeks.entry(week(at)).or_default()[3] += 1;
    }
    Ok(weeks.into_iter().collect())
}

/// Survey responses per community identity (a response may name several): (identity, count).
pub async fn responses_by_identity(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    scope: &Scope,
) -> Result<Vec<(String, i64)>, DbErr> {
    let lists: Vec<String> = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::Identities)
        .filter(
            survey_response::Column::SurveyId.is_in(scope.survey_ids(conn, consultation_id).await?),
        )
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .filter(scope.window(
            survey_response::Column::SubmittedAt,
            survey_response::Column::Locale,
        ))
        .into_tuple()
        .all(conn)
        .await?;
    let mut counts: std::collections::BTreeMap<String, i64> = Default::default();
    for list in lists {
        for identity in list.split(',').filter(|i| !i.is_empty()) {
            *counts.entry(identity.to_string()).or_default() += 1;
        }
    }
    Ok(counts.into_iter().collect())
}
