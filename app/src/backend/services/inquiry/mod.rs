//! Inquiries: storing what people send together with its emails in one transaction, and the staff inbox.

mod mail;
pub mod withdraw;

pub use crate::domain::forms::inquiry::{InquiryForm, NewInquiry, check, keep_all};
pub use mail::reference;

use super::{audit, outbox};
use crate::backend::MailContext;
use crate::backend::entity::{inquiry, inquiry_entry};
use crate::domain::inquiry::{InquiryStatus, Topic};
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{Locale, translate_with};
use chrono::{Datelike, Utc};
use mail::{acknowledgement_email, inbox_email};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

/// The contact form's one entry point: the intake gate, then the inquiry and both emails.
pub async fn receive(
    state: &crate::backend::AppState,
    form: &InquiryForm,
    intake: &crate::backend::intake::IntakeFields,
    locale: Locale,
) -> Result<crate::backend::intake::Admission<String>, crate::error::AppError> {
    use crate::backend::intake::{Admission, Gate, Started, admit, client_key};
    use crate::backend::services::rate_limit::{INQUIRY_PER_EMAIL, INQUIRY_PER_IP};
    let checked = check(form, locale);
    let mut limits = vec![(&INQUIRY_PER_IP, client_key())];
    if let Ok(new) = &checked {
        limits.push((&INQUIRY_PER_EMAIL, new.email.as_str().to_string()));
    }
    let gate = Gate {
        form: "inquiry",
        honeypot: &intake.website,
        started: Started::Stamp(&intake.form_stamp),
        field: "message",
        duplicate: false,
        limits,
    };
    let Admission::Admitted(new) = admit(state, gate, checked, keep_all(form)).await? else {
        return Ok(Admission::Dropped);
    };
    let reference = submit(&state.db, &new, &state.mail).await?;
    tracing::info!(%reference, "inquiry received");
    Ok(Admission::Admitted(reference))
}

/// Stores the inquiry and queues both emails in one transaction; returns the reference.
pub async fn submit<C>(db: &C, new: &NewInquiry, ctx: &MailContext) -> Result<String, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::backend::services::begin_write(db).await?;
    let now = Utc::now();
    let manage_token = crate::backend::services::new_token();
    let stored = inquiry::ActiveModel {
        manage_token_hash: Set(Some(withdraw::token_hash(&manage_token))),
        reference: Set(None),
        name: Set(new.name.clone()),
        email: Set(new.email.as_str().to_string()),
        phone: Set(new.phone.clone()),
        reply_channel: Set(new.reply_channel.as_str().into()),
        stakeholder_group: Set(new.group.as_str().into()),
        stakeholder_other: Set(new.group_other.clone()),
        zip: Set(new.zip.clone()),
        topic: Set(new.topic.as_str().into()),
        message: Set(new.message.clone()),
        consent_to_contact: Set(true),
        locale: Set(new.locale.code().into()),
        status: Set(InquiryStatus::New),
        assignee_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let reference = reference(&ctx.reference_prefix, now.year(), stored.id);
    let mut with_reference: inquiry::ActiveModel = stored.into();
    with_reference.reference = Set(Some(reference.clone()));
    let stored = with_reference.update(&txn).await?;
    crate::backend::services::search::index_inquiry(&txn, &stored).await?;
    outbox::enqueue(
        &txn,
        inbox_email(new, &reference, ctx),
        &ctx.message_id_host,
    )
    .await?;
    outbox::enqueue(
        &txn,
        acknowledgement_email(new, &reference, &manage_token, ctx),
        &ctx.message_id_host,
    )
    .await?;
    txn.commit().await?;
    Ok(reference)
}

#[derive(Clone, Debug, Default)]
pub struct InquiryFilter {
    pub status: Option<InquiryStatus>,
    pub topic: Option<Topic>,
    pub group: Option<StakeholderGroup>,
    pub search: Option<String>,
    pub page: u64,
}

pub const PAGE_SIZE: u64 = 50;

/// One page of the inbox, newest first, and the total matching.
pub async fn list(
    conn: &impl ConnectionTrait,
    filter: &InquiryFilter,
) -> Result<(Vec<inquiry::Model>, u64), DbErr> {
    use inquiry::Column;
    let mut query = inquiry::Entity::find();
    if let Some(status) = filter.status {
        query = query.filter(Column::Status.eq(status));
    }
    if let Some(topic) = filter.topic {
        query = query.filter(Column::Topic.eq(topic.as_str()));
    }
    if let Some(group) = filter.group {
        query = query.filter(Column::StakeholderGroup.eq(group.as_str()));
    }
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        query = query.filter(
            Condition::any()
                .add(Column::Reference.contains(search))
                .add(Column::Name.contains(search))
                .add(Column::Email.contains(search))
                .add(Column::Message.contains(search)),
        );
    }
    let paginator = query
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .paginate(conn, PAGE_SIZE);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(filter.page).await?, total))
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(inquiry::Model, Vec<inquiry_entry::Model>)>, DbErr> {
    let Some(found) = inquiry::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let entries = inquiry_entry::Entity::find()
        .filter(inquiry_entry::Column::InquiryId.eq(id))
        .order_by_asc(inquiry_entry::Column::CreatedAt)
        .order_by_asc(inquiry_entry::Column::Id)
        .all(conn)
        .await?;
    Ok(Some((found, entries)))
}

async fn touch(
    conn: &impl ConnectionTrait,
    found: inquiry::Model,
    change: impl FnOnce(&mut inquiry::ActiveModel),
) -> Result<(), DbErr> {
    let mut active: inquiry::ActiveModel = found.into();
    change(&mut active);
    active.updated_at = Set(Utc::now());
    active.update(conn).await?;
    Ok(())
}

pub async fn add_note<C>(db: &C, id: i32, staff_id: i32, body: &str) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::backend::services::begin_write(db).await?;
    // A withdrawn inquiry is erased: there is nobody left to answer or to note anything about.
    let Some(found) = inquiry::Entity::find_by_id(id)
        .filter(inquiry::Column::Status.ne(InquiryStatus::Withdrawn))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    inquiry_entry::ActiveModel {
        inquiry_id: Set(id),
        kind: Set("note".into()),
        staff_account_id: Set(Some(staff_id)),
        body: Set(body.to_string()),
        outbox_message_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    touch(&txn, found, |_| {}).await?;
    audit::record(
        &txn,
        Some(staff_id),
        "inquiry.note_added",
        "inquiry",
        id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

pub async fn update<C>(
    db: &C,
    id: i32,
    staff_id: i32,
    status: InquiryStatus,
    assignee: Option<i32>,
) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    if status == InquiryStatus::Withdrawn {
        // Only the sender withdraws, and withdrawing erases; staff close instead.
        return Ok(false);
    }
    let txn = crate::backend::services::begin_write(db).await?;
    // A withdrawn inquiry is erased: there is nobody left to answer or to note anything about.
    let Some(found) = inquiry::Entity::find_by_id(id)
        .filter(inquiry::Column::Status.ne(InquiryStatus::Withdrawn))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    let detail = format!(
        "status {} -> {}; assignee {:?} -> {:?}",
        found.status,
        status.as_str(),
        found.assignee_id,
        assignee
    );
    touch(&txn, found, |active| {
        active.status = Set(status);
        active.assignee_id = Set(assignee);
    })
    .await?;
    audit::record(
        &txn,
        Some(staff_id),
        "inquiry.updated",
        "inquiry",
        id,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Emails the answer through the outbox, keeps it in the thread and marks the inquiry answered.
pub async fn reply<C>(
    db: &C,
    id: i32,
    staff_id: i32,
    body: &str,
    ctx: &MailContext,
) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::backend::services::begin_write(db).await?;
    // A withdrawn inquiry is erased: there is nobody left to answer or to note anything about.
    let Some(found) = inquiry::Entity::find_by_id(id)
        .filter(inquiry::Column::Status.ne(InquiryStatus::Withdrawn))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    let locale = Locale::from_code(&found.locale).unwrap_or_default();
    let reference = found.reference.clone().unwrap_or_default();
    let args = [
        ("reference", reference.as_str()),
        ("name", found.name.as_str()),
        ("inbox", ctx.inbox.as_str()),
    ];
    let text = format!(
        "{body}\n\n--\n{}",
        translate_with(locale, "mail.reply.footer", &args)
    );
    let queued = outbox::enqueue(
        &txn,
        outbox::NewEmail {
            kind: "inquiry-reply",
            to_address: found.email.clone(),
            to_name: Some(found.name.clone()),
            reply_to: Some((None, ctx.inbox.clone())),
            subject: translate_with(locale, "mail.reply.subject", &args),
            html_body: outbox::paragraphs_html(&text),
            text_body: text,
            attachment: None,
        },
        &ctx.message_id_host,
    )
    .await?;
    inquiry_entry::ActiveModel {
        inquiry_id: Set(id),
        kind: Set("reply".into()),
        staff_account_id: Set(Some(staff_id)),
        body: Set(body.to_string()),
        outbox_message_id: Set(Some(queued.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    touch(&txn, found, |active| {
        active.status = Set(InquiryStatus::Answered)
    })
    .await?;
    audit::record(
        &txn,
        Some(staff_id),
        "inquiry.replied",
        "inquiry",
        id,
        Some(format!("outbox message {}", queued.id)),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
