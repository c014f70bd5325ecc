//! The staff dashboard's numbers: what waits for someone with this role to act on, and the
//! consultation at a glance (inputs of the last seven days by channel, the comment period, the next
//! meeting). Every number is one COUNT (or one grouped COUNT) in the database.

use crate::backend::entity::{
    comment, comment_report, consultation, event, inquiry, outbox_message, rsvp, section, survey,
    survey_response,
};
use crate::backend::services::comments::moderation;
use crate::backend::services::comments::offline::OFFLINE_CHANNELS;
use crate::domain::status::{
    CommentStatus, EventStatus, InquiryStatus, OutboxStatus, ResponseStatus, RsvpStatus,
};
use crate::domain::{Permission, Role};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

/// Accommodation requests count for meetings starting within this many days.
pub const ACCOMMODATION_DAYS: i64 = 14;
/// "Inputs this week": the last seven days, whatever day it is.
pub const GLANCE_DAYS: i64 = 7;

/// What waits, as of `now`; a count is `None` when the role cannot act on it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waiting {
    /// New comments, and under post-moderation published ones nobody has reviewed.
    pub to_moderate: Option<u64>,
    /// Comments in the moderation queue with at least one reader's report.
    pub reported: Option<u64>,
    /// Of those, the ones readers' reports took down until a moderator decides.
    pub hidden_by_reports: Option<u64>,
    pub open_inquiries: Option<u64>,
    pub unassigned_inquiries: Option<u64>,
    /// RSVPs (registered or waitlisted, who may yet get a seat) asking for accommodations to
    /// meetings in the next [`ACCOMMODATION_DAYS`].
    pub accommodations: Option<u64>,
    /// Queued emails that failed at least once and will be tried again.
    pub emails_failing: Option<u64>,
    /// Emails the outbox gave up on.
    pub emails_dead: Option<u64>,
}

/// The comments a moderator still has to decide on (the queue of `comments::pending`).
fn reported_comments() -> SelectStatement {
    Query::select()
        .column(comment_report::Column::CommentId)
        .from(comment_report::Entity)
        .to_owned()
}

fn open_inquiries() -> Condition {
    Condition::all()
        .add(inquiry::Column::Status.is_in([InquiryStatus::New, InquiryStatus::InProgress]))
}

pub async fn waiting(
    conn: &impl ConnectionTrait,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Waiting, DbErr> {
    let mut found = Waiting::default();
    if role.can(Permission::Moderate) {
        found.to_moderate = Some(
            comment::Entity::find()
                .filter(moderation::awaiting_decision())
                .count(conn)
                .await?,
        );
        found.reported = Some(
            comment::Entity::find()
                .filter(moderation::in_queue())
                .filter(comment::Column::Id.in_subquery(reported_comments()))
                .count(conn)
                .await?,
        );
        found.hidden_by_reports = Some(
            comment::Entity::find()
                .filter(comment::Column::Status.eq(CommentStatus::Hidden))
                .count(conn)
                .await?,
        );
    }
    if role.can(Permission::AnswerInquiries) {
        found.open_inquiries = Some(
            inquiry::Entity::find()
                .filter(open_inquiries())
                .count(conn)
                .await?,
        );
        found.unassigned_inquiries = Some(
            inquiry::Entity::find()
                .filter(open_inquiries())
                .filter(inquiry::Column::AssigneeId.is_null())
                .count(conn)
                .await?,
        );
    }
    if role.can(Permission::ManageMeetings) {
        let soon = Query::select()
            .column(event::Column::Id)
            .from(event::Entity)
            .and_where(event::Column::Status.eq(EventStatus::Published))
            .and_where(event::Column::StartsAt.gte(now))
            .and_where(event::Column::StartsAt.lt(now + Duration::days(ACCOMMODATION_DAYS)))
            .to_owned();
        found.accommodations = Some(
            rsvp::Entity::find()
                .filter(rsvp::Column::EventId.in_subquery(soon))
                .filter(
                    rsvp::Column::Status.is_in([RsvpStatus::Registered, RsvpStatus::Waitlisted]),
                )
                .filter(
                    Condition::any()
                        .add(rsvp::Column::Accommodations.ne(""))
                        .add(rsvp::Column::AccommodationOther.is_not_null()),
                )
                .count(conn)
                .await?,
        );
    }
    if role.can(Permission::Administer) {
        found.emails_failing = Some(
            outbox_message::Entity::find()
                .filter(outbox_message::Column::Status.eq(OutboxStatus::Queued))
                .filter(outbox_message::Column::Attempts.gt(0))
                .count(conn)
                .await?,
        );
        found.emails_dead = Some(
            outbox_message::Entity::find()
                .filter(outbox_message::Column::Status.eq(OutboxStatus::Dead))
                .count(conn)
                .await?,
        );
    }
    Ok(found)
}

/// The next published meeting and the seats its registered and checked-in parties hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextMeeting {
    pub meeting: event::Model,
    pub seats_taken: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glance {
    /// Every channel (online first, then the offline ones) with the comments, survey responses and
    /// inquiries it brought in the last [`GLANCE_DAYS`]; withdrawn ones are not counted.
    pub inputs: Vec<(&'static str, u64)>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// Today in the consultation's time zone.
    pub today: NaiveDate,
    pub next_meeting: Option<NextMeeting>,
}

/// The channels in the order the dashboard lists them.
pub fn channels() -> impl Iterator<Item = &'static str> {
    std::iter::once("online").chain(OFFLINE_CHANNELS)
}

/// The consultation at a glance, or `None` before any consultation is imported.
pub async fn glance(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Option<Glance>, DbErr> {
    let Some(found) = crate::backend::services::content::current_consultation(conn).await? else {
        return Ok(None);
    };
    let since = now - Duration::days(GLANCE_DAYS);
    let inputs = inputs_by_channel(conn, &found, since).await?;
    let next = event::Entity::find()
        .filter(event::Column::ConsultationId.eq(found.id))
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::StartsAt.gte(now))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .one(conn)
        .await?;
    let next_meeting = match next {
        Some(meeting) => Some(NextMeeting {
            seats_taken: crate::backend::services::events::seats_taken(conn, meeting.id).await?,
            meeting,
        }),
        None => None,
    };
    let zone = crate::backend::services::content::zone_named(&found.time_zone);
    Ok(Some(Glance {
        inputs,
        opens_on: found.phase_opens_on,
        closes_on: found.phase_closes_on,
        today: now.with_timezone(&zone).date_naive(),
        next_meeting,
    }))
}

async fn inputs_by_channel(
    conn: &impl ConnectionTrait,
    found: &consultation::Model,
    since: DateTime<Utc>,
) -> Result<Vec<(&'static str, u64)>, DbErr> {
    let sections = Query::select()
        .column(section::Column::Id)
        .from(section::Entity)
        .and_where(section::Column::ConsultationId.eq(found.id))
        .to_owned();
    let comments: Vec<(String, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::Channel)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::SectionId.in_subquery(sections))
        .filter(comment::Column::CreatedAt.gte(since))
        .filter(comment::Column::Status.ne(CommentStatus::Withdrawn))
        .group_by(comment::Column::Channel)
        .into_tuple()
        .all(conn)
        .await?;
    let surveys = Query::select()
        .column(survey::Column::Id)
        .from(survey::Entity)
        .and_where(survey::Column::ConsultationId.eq(found.id))
        .to_owned();
    // Survey responses are online or keyed in from paper; the contact form is online only.
    let responses: Vec<(String, i64)> = survey_response::Entity::find()
        .select_only()
        .column(survey_response::Column::Channel)
        .column_as(survey_response::Column::Id.count(), "n")
        .filter(survey_response::Column::SurveyId.in_subquery(surveys))
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .filter(survey_response::Column::SubmittedAt.gte(since))
        .group_by(survey_response::Column::Channel)
        .into_tuple()
        .all(conn)
        .await?;
    let inquiries = inquiry::Entity::find()
        .filter(inquiry::Column::CreatedAt.gte(since))
        .filter(inquiry::Column::Status.ne(InquiryStatus::Withdrawn))
        .count(conn)
        .await?;
    let mut counted: Vec<(&'static str, u64)> = channels().map(|c| (c, 0)).collect();
    let mut add = |channel: &str, n: u64| {
        // A channel the list does not know (only possible by editing the database) counts as other.
        let at = counted
            .iter()
            .position(|(c, _)| *c == channel)
            .or_else(|| counted.iter().position(|(c, _)| *c == "other"));
        if let Some(at) = at {
            counted[at].1 += n;
        }
    };
    for (channel, n) in comments.into_iter().chain(responses) {
        add(&channel, u64::try_from(n).unwrap_or(0));
    }
    add("online", inquiries);
    Ok(counted)
}
