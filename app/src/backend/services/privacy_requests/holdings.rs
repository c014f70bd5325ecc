//! Everything held about one email address, and erasing all of it.

use crate::backend::MailContext;
use crate::backend::entity::{comment, follower, inquiry, rsvp, survey_response};
use crate::backend::services::{comments, erasure, events, inquiry as inquiries, surveys};
use crate::domain::status::ResponseStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

/// How many records of each kind carry the address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Holdings {
    pub comments: u64,
    pub rsvps: u64,
    pub survey_responses: u64,
    pub inquiries: u64,
    /// Email subscriptions to the consultation or a section, pending or confirmed.
    pub follows: u64,
}

impl Holdings {
    pub fn total(&self) -> u64 {
        self.comments + self.rsvps + self.survey_responses + self.inquiries + self.follows
    }
}

pub(super) fn comments_of(address: &str) -> sea_orm::Select<comment::Entity> {
    comment::Entity::find().filter(comment::Column::Email.eq(address))
}

pub(super) fn rsvps_of(address: &str) -> sea_orm::Select<rsvp::Entity> {
    rsvp::Entity::find().filter(rsvp::Column::Email.eq(address))
}

pub(super) fn responses_of(address: &str) -> sea_orm::Select<survey_response::Entity> {
    survey_response::Entity::find()
        .filter(survey_response::Column::ContactEmail.eq(address))
        .filter(survey_response::Column::Status.ne(ResponseStatus::Withdrawn))
}

pub(super) fn inquiries_of(address: &str) -> sea_orm::Select<inquiry::Entity> {
    inquiry::Entity::find().filter(inquiry::Column::Email.eq(address))
}

pub(super) fn follows_of(address: &str) -> sea_orm::Select<follower::Entity> {
    follower::Entity::find()
        .filter(follower::Column::Email.eq(address.trim().to_lowercase()))
        .filter(follower::Column::UnsubscribedAt.is_null())
}

pub async fn holdings(conn: &impl ConnectionTrait, address: &str) -> Result<Holdings, DbErr> {
    if address.is_empty() {
        return Ok(Holdings::default());
    }
    Ok(Holdings {
        comments: comments_of(address).count(conn).await?,
        rsvps: rsvps_of(address).count(conn).await?,
        survey_responses: responses_of(address).count(conn).await?,
        inquiries: inquiries_of(address).count(conn).await?,
        follows: follows_of(address).count(conn).await?,
    })
}

/// Erases every record of the address in the caller's transaction, each the way its own link
/// would (comments deleted, RSVPs cancelled with the waitlist moving up, responses and inquiries
/// withdrawn), then any email left that was sent to it.
pub(super) async fn erase_all(
    conn: &impl ConnectionTrait,
    address: &str,
    ctx: &MailContext,
    staff_id: i32,
) -> Result<(), DbErr> {
    use comments::withdraw::Request;
    let by = Some(staff_id);
    for found in comments_of(address).all(conn).await? {
        comments::withdraw::change(conn, found, Request::Delete, by).await?;
    }
    for found in rsvps_of(address).all(conn).await? {
        events::erase_rsvp(conn, found, ctx, staff_id).await?;
    }
    for found in responses_of(address).all(conn).await? {
        surveys::withdraw::erase(conn, found, by).await?;
    }
    for found in inquiries_of(address).all(conn).await? {
        inquiries::withdraw::erase(conn, found, by).await?;
    }
    crate::backend::services::followers::erase_address(conn, address).await?;
    erasure::erase_emails_of(conn, address, erasure::Emails::All).await?;
    Ok(())
}
