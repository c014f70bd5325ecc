//! The home page's live numbers (comments, survey responses and RSVPs so far) and the next
//! meeting. Each number is one COUNT in the database, so the page costs the same however many
//! people took part.

use crate::backend::entity::{comment, event, rsvp, section, survey, survey_response};
use crate::domain::status::{CommentStatus, EventStatus, ResponseStatus, RsvpStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

/// What has come in so far. Comments count from when they are received (waiting for review
/// included, withdrawn ones not), as on the transparency page; RSVPs that were cancelled do not
/// count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SoFar {
    pub comments: u64,
    pub survey_responses: u64,
    pub rsvps: u64,
}

pub async fn so_far(conn: &impl ConnectionTrait, consultation_id: i32) -> Result<SoFar, DbErr> {
    let sections = Query::select()
        .column(section::Column::Id)
        .from(section::Entity)
        .and_where(section::Column::ConsultationId.eq(consultation_id))
        .to_owned();
    let comments = comment::Entity::find()
        .filter(comment::Column::SectionId.in_subquery(sections))
        .filter(comment::Column::Status.ne(CommentStatus::Withdrawn))
        .count(conn)
        .await?;
    let surveys = Query::select()
        .column(survey::Column::Id)
        .from(survey::Entity)
        .and_where(survey::Column::ConsultationId.eq(consultation_id))
        .to_owned();
    let survey_responses = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.in_subquery(surveys))
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .count(conn)
        .await?;
    let events = Query::select()
        .column(event::Column::Id)
        .from(event::Entity)
        .and_where(event::Column::ConsultationId.eq(consultation_id))
        .to_owned();
    let rsvps = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.in_subquery(events))
        .filter(rsvp::Column::Status.ne(RsvpStatus::Cancelled))
        .count(conn)
        .await?;
    Ok(SoFar {
        comments,
        survey_responses,
        rsvps,
    })
}

/// The soonest published meeting that has not started by `now`.
pub async fn next_meeting(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::ConsultationId.eq(consultation_id))
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::StartsAt.gt(now))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .one(conn)
        .await
}
