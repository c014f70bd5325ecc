//! The report to the City Council for one stakeholder group: what the group said through every
//! channel, sections ranked by its comments, highlighted quotes, survey results, and meeting
//! attendance with the accommodations it asked for.
use crate::domain::status::{CommentStatus, EventStatus, ResponseStatus, RsvpStatus};

use super::{events, strategy, surveys};
use crate::backend::entity::{comment, event, inquiry, rsvp, survey_response};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

#[derive(Clone, Debug, PartialEq)]
pub struct MeetingLine {
    pub title: String,
    pub date: String,
    pub parties: i64,
    pub people: i64,
    pub checked_in: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupReport {
    pub comments: i64,
    pub published: i64,
    /// (section title, comments from the group), most commented first.
    pub sections: Vec<(String, i64)>,
    /// (comment id, section title, body), highlighted by staff.
    pub highlights: Vec<(i32, String, String)>,
    /// Published comments not yet highlighted, newest first, for staff to choose from.
    pub candidates: Vec<(i32, String, String)>,
    pub surveys: Vec<(String, surveys::results::SurveyTally)>,
    pub meetings: Vec<MeetingLine>,
    /// (accommodation code, parties that asked).
    pub accommodations: Vec<(String, usize)>,
    pub inquiries: u64,
    /// (locale code, inputs written in it: comments, survey responses, RSVPs and inquiries).
    pub languages: Vec<(String, u64)>,
}

const CANDIDATES: u64 = 30;

pub async fn group_report(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    group: &str,
    zone: chrono_tz::Tz,
) -> Result<GroupReport, DbErr> {
    let sections = strategy::sections(conn, consultation_id).await?;
    let section_ids: Vec<i32> = sections.iter().map(|s| s.id).collect();
    let title_of = |id: i32| {
        sections
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let of_group = || {
        comment::Entity::find()
            .filter(comment::Column::SectionId.is_in(section_ids.clone()))
            .filter(comment::Column::StakeholderGroup.eq(group))
    };
    let per_section: Vec<(i32, i64)> = of_group()
        .select_only()
        .column(comment::Column::SectionId)
        .column_as(comment::Column::Id.count(), "n")
        .group_by(comment::Column::SectionId)
        .into_tuple()
        .all(conn)
        .await?;
    let mut ranked: Vec<(String, i64)> = per_section
        .iter()
        .map(|(id, n)| (title_of(*id), *n))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let published = of_group()
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .count(conn)
        .await? as i64;
    let quote = |c: comment::Model| (c.id, title_of(c.section_id), c.body);
    let highlights = of_group()
        .filter(comment::Column::Highlighted.eq(true))
        .order_by_asc(comment::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(quote)
        .collect();
    let candidates = of_group()
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(comment::Column::Highlighted.eq(false))
        .order_by_desc(comment::Column::Id)
        .limit(CANDIDATES)
        .all(conn)
        .await?
        .into_iter()
        .map(quote)
        .collect();

    let who = surveys::results::Respondents {
        group: Some(group.to_string()),
        identity: None,
        ..Default::default()
    };
    let mut survey_results = Vec::new();
    for found in surveys::public_surveys(conn, consultation_id).await? {
        let definition = surveys::definition(&found)?;
        let tally = surveys::results::tally(conn, found.id, &definition, &who, None).await?;
        survey_results.push((found.title.clone(), tally));
    }

    let mut meetings = Vec::new();
    let mut accommodations: Vec<(String, usize)> = Vec::new();
    for meeting in event::Entity::find()
        .filter(event::Column::ConsultationId.eq(consultation_id))
        .filter(event::Column::Status.ne(EventStatus::Draft))
        .order_by_asc(event::Column::StartsAt)
        .all(conn)
        .await?
    {
        let rsvps: Vec<rsvp::Model> = events::attendees(conn, meeting.id, Some(group))
            .await?
            .into_iter()
            .filter(|r| r.status != RsvpStatus::Cancelled)
            .collect();
        for asked in events::accommodation_summary(&rsvps) {
            match accommodations
                .iter_mut()
                .find(|(code, _)| code == asked.code)
            {
                Some((_, n)) => *n += asked.coming + asked.waiting,
                None => accommodations.push((asked.code.to_string(), asked.coming + asked.waiting)),
            }
        }
        meetings.push(MeetingLine {
            title: meeting.title.clone(),
            date: meeting
                .starts_at
                .with_timezone(&zone)
                .date_naive()
                .to_string(),
            parties: rsvps.len() as i64,
            people: rsvps.iter().map(|r| i64::from(r.party_size)).sum(),
            checked_in: rsvps
                .iter()
                .filter(|r| r.status == RsvpStatus::CheckedIn)
                .map(|r| i64::from(r.party_size))
                .sum(),
        });
    }
    let inquiries = inquiry::Entity::find()
        .filter(inquiry::Column::StakeholderGroup.eq(group))
        .count(conn)
        .await?;
    let survey_ids: Vec<i32> = surveys::public_surveys(conn, consultation_id)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let mut languages = Vec::new();
    for locale in crate::i18n::Locale::ALL {
        let code = locale.code();
        let written = of_group()
            .filter(comment::Column::Locale.eq(code))
            .count(conn)
            .await?
            + survey_response::Entity::find()
                .filter(survey_response::Column::SurveyId.is_in(survey_ids.clone()))
                .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
                .filter(survey_response::Column::StakeholderGroup.eq(group))
                .filter(survey_response::Column::Locale.eq(code))
                .count(conn)
                .await?
            + rsvp::Entity::find()
                .filter(rsvp::Column::StakeholderGroup.eq(group))
                .filter(rsvp::Column::Locale.eq(code))
                .count(conn)
                .await?
            + inquiry::Entity::find()
                .filter(inquiry::Column::StakeholderGroup.eq(group))
                .filter(inquiry::Column::Locale.eq(code))
                .count(conn)
                .await?;
        languages.push((code.to_string(), written));
    }
    Ok(GroupReport {
        comments: per_section.iter().map(|(_, n)| n).sum(),
        published,
        sections: ranked,
        highlights,
        candidates,
        surveys: survey_results,
        meetings,
        accommodations,
        inquiries,
        languages,
    })
}

/// Marks or unmarks a published comment as a highlighted quote; audited. `false` when there is no
/// published comment with that id.
pub async fn set_highlight<C>(
    db: &C,
    comment_id: i32,
    highlighted: bool,
    staff_id: i32,
) -> Result<bool, DbErr>
where
    C: ConnectionTrait + sea_orm::TransactionTrait,
{
    use sea_orm::TransactionSession;
    let txn = super::begin_write(db).await?;
    let changed = comment::Entity::update_many()
        .col_expr(
            comment::Column::Highlighted,
            sea_orm::sea_query::Expr::value(highlighted),
        )
        .filter(comment::Column::Id.eq(comment_id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if changed {
        let action = if highlighted {
            "comment.highlighted"
        } else {
            "comment.unhighlighted"
        };
        super::audit::record(&txn, Some(staff_id), action, "comment", comment_id, None).await?;
    }
    txn.commit().await?;
    Ok(changed)
}
