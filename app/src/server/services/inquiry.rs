//! Inquiries: checking what people send, storing it with its emails in one transaction, and the staff inbox.

use super::{audit, outbox};
use crate::domain::email::EmailAddress;
use crate::domain::inquiry::{InquiryStatus, ReplyChannel, Topic};
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::FormErrors;
use crate::i18n::{Locale, translate};
use crate::server::entity::{inquiry, inquiry_entry};
use chrono::{Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

pub const MAX_MESSAGE_CHARS: usize = 5_000;
pub const MAX_NAME_CHARS: usize = 200;

/// The form as it arrives, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct InquiryForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub reply_channel: String,
    pub stakeholder_group: String,
    pub stakeholder_other: String,
    pub zip: String,
    pub topic: String,
    pub message: String,
    pub consent: bool,
}

/// A checked inquiry, ready to store.
#[derive(Clone, Debug)]
pub struct NewInquiry {
    pub name: String,
    pub email: EmailAddress,
    pub phone: Option<String>,
    pub reply_channel: ReplyChannel,
    pub group: StakeholderGroup,
    pub group_other: Option<String>,
    pub zip: Option<String>,
    pub topic: Topic,
    pub message: String,
    pub locale: Locale,
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// US ZIP code: five digits, optionally ZIP+4.
pub fn valid_zip(zip: &str) -> bool {
    let bytes = zip.as_bytes();
    let five = |b: &[u8]| b.len() == 5 && b.iter().all(u8::is_ascii_digit);
    five(bytes)
        || (bytes.len() == 10
            && five(&bytes[..5])
            && bytes[5] == b'-'
            && bytes[6..].iter().all(u8::is_ascii_digit))
}

pub fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// The form's values to put back into it, with no errors yet.
pub fn keep_all(form: &InquiryForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("name", &form.name),
        ("email", &form.email),
        ("phone", &form.phone),
        ("reply_channel", &form.reply_channel),
        ("stakeholder_group", &form.stakeholder_group),
        ("stakeholder_other", &form.stakeholder_other),
        ("zip", &form.zip),
        ("topic", &form.topic),
        ("message", &form.message),
    ] {
        errors.keep(field, value);
    }
    if form.consent {
        errors.keep("consent", "on");
    }
    errors
}

/// Checks every field; on failure every problem is reported at once, with the input kept.
pub fn check(form: &InquiryForm, locale: Locale) -> Result<NewInquiry, FormErrors> {
    let mut errors = keep_all(form);
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", "field.name.required");
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.add("name", "field.name.too_long");
    }
    let email = EmailAddress::parse(&form.email)
        .map_err(|key| errors.add("email", key))
        .ok();
    let reply_channel =
        ReplyChannel::parse(form.reply_channel.trim()).unwrap_or(ReplyChannel::Email);
    let phone = optional(&form.phone);
    match &phone {
        Some(p) if !valid_phone(p) => errors.add("phone", "field.phone.invalid"),
        None if reply_channel != ReplyChannel::Email => {
            errors.add("phone", "field.phone.required_for_channel")
        }
        _ => {}
    }
    let group = StakeholderGroup::parse(form.stakeholder_group.trim());
    if group.is_none() {
        errors.add("stakeholder_group", "field.stakeholder_group.required");
    }
    let group_other = optional(&form.stakeholder_other);
    if group == Some(StakeholderGroup::Other) && group_other.is_none() {
        errors.add("stakeholder_other", "field.stakeholder_other.required");
    }
    let zip = optional(&form.zip);
    if zip.as_deref().is_some_and(|z| !valid_zip(z)) {
        errors.add("zip", "field.zip.invalid");
    }
    let topic = Topic::parse(form.topic.trim());
    if topic.is_none() {
        errors.add("topic", "field.topic.required");
    }
    let message = form.message.trim();
    if message.is_empty() {
        errors.add("message", "field.message.required");
    } else if message.chars().count() > MAX_MESSAGE_CHARS {
        errors.add("message", "field.message.too_long");
    }
    if !form.consent {
        errors.add("consent", "field.consent.required");
    }

    match (email, group, topic) {
        (Some(email), Some(group), Some(topic)) if errors.is_empty() => Ok(NewInquiry {
            name: name.to_string(),
            email,
            phone,
            reply_channel,
            group,
            group_other: group_other.filter(|_| group == StakeholderGroup::Other),
            zip,
            topic,
            message: message.to_string(),
            locale,
        }),
        _ => Err(errors),
    }
}

/// What the emails need to know about this portal.
#[derive(Clone, Debug)]
pub struct MailContext {
    pub inbox: String,
    pub tty_number: String,
    pub message_id_host: String,
    pub reference_prefix: String,
    pub public_url: String,
}

pub fn reference(prefix: &str, year: i32, id: i32) -> String {
    format!("{prefix}-{year}-{id:05}")
}

fn inbox_email(new: &NewInquiry, reference: &str, ctx: &MailContext) -> outbox::NewEmail {
    let en = |key: &str| translate(Locale::En, key);
    let group = match (&new.group, &new.group_other) {
        (StakeholderGroup::Other, Some(other)) => {
            format!("{} ({other})", en(new.group.label_key()))
        }
        (group, _) => en(group.label_key()),
    };
    let rows = [
        ("Reference", reference.to_string()),
        ("Name", new.name.clone()),
        ("Email", new.email.as_str().to_string()),
        ("Phone", new.phone.clone().unwrap_or_else(|| "-".into())),
        ("Preferred reply", en(new.reply_channel.label_key())),
        ("Stakeholder group", group),
        ("ZIP code", new.zip.clone().unwrap_or_else(|| "-".into())),
        ("Topic", en(new.topic.label_key())),
        ("Language", new.locale.native_name().to_string()),
    ];
    let mut text = String::new();
    let mut html = String::from("<table>");
    for (label, value) in &rows {
        text.push_str(&format!("{label}: {value}\n"));
        html.push_str(&format!(
            "<tr><th align=\"left\">{label}</th><td>{}</td></tr>",
            outbox::html_escape(value)
        ));
    }
    html.push_str("</table>");
    text.push_str(&format!(
        "\nMessage:\n{}\n\nAnswer it in the staff inbox: {}/staff/inquiries\n",
        new.message, ctx.public_url
    ));
    html.push_str(&format!(
        "<h2>Message</h2>{}<p>Answer it in the <a href=\"{}/staff/inquiries\">staff inbox</a>.</p>",
        outbox::paragraphs_html(&new.message),
        outbox::html_escape(&ctx.public_url)
    ));
    outbox::NewEmail {
        kind: "inquiry-inbox",
        to_address: ctx.inbox.clone(),
        to_name: None,
        reply_to: Some((Some(new.name.clone()), new.email.as_str().to_string())),
        subject: format!("[{reference}] {}: {}", en(new.topic.label_key()), new.name),
        text_body: text,
        html_body: html,
    }
}

fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

fn acknowledgement_email(new: &NewInquiry, reference: &str, ctx: &MailContext) -> outbox::NewEmail {
    let args = [
        ("name", new.name.as_str()),
        ("reference", reference),
        ("inbox", ctx.inbox.as_str()),
        ("tty", ctx.tty_number.as_str()),
    ];
    let body = fill(&translate(new.locale, "mail.ack.body"), &args);
    outbox::NewEmail {
        kind: "inquiry-ack",
        to_address: new.email.as_str().to_string(),
        to_name: Some(new.name.clone()),
        reply_to: Some((None, ctx.inbox.clone())),
        subject: fill(&translate(new.locale, "mail.ack.subject"), &args),
        html_body: outbox::paragraphs_html(&body),
        text_body: body,
    }
}

/// Stores the inquiry and queues both emails in one transaction; returns the reference.
pub async fn submit<C>(db: &C, new: &NewInquiry, ctx: &MailContext) -> Result<String, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = db.begin().await?;
    let now = Utc::now();
    let stored = inquiry::ActiveModel {
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
        status: Set(InquiryStatus::New.as_str().into()),
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
    with_reference.update(&txn).await?;
    outbox::enqueue(
        &txn,
        inbox_email(new, &reference, ctx),
        &ctx.message_id_host,
    )
    .await?;
    outbox::enqueue(
        &txn,
        acknowledgement_email(new, &reference, ctx),
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
        query = query.filter(Column::Status.eq(status.as_str()));
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
    let txn = db.begin().await?;
    let Some(found) = inquiry::Entity::find_by_id(id).one(&txn).await? else {
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
    let txn = db.begin().await?;
    let Some(found) = inquiry::Entity::find_by_id(id).one(&txn).await? else {
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
        active.status = Set(status.as_str().into());
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
    let txn = db.begin().await?;
    let Some(found) = inquiry::Entity::find_by_id(id).one(&txn).await? else {
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
        fill(&translate(locale, "mail.reply.footer"), &args)
    );
    let queued = outbox::enqueue(
        &txn,
        outbox::NewEmail {
            kind: "inquiry-reply",
            to_address: found.email.clone(),
            to_name: Some(found.name.clone()),
            reply_to: Some((None, ctx.inbox.clone())),
            subject: fill(&translate(locale, "mail.reply.subject"), &args),
            html_body: outbox::paragraphs_html(&text),
            text_body: text,
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
        active.status = Set(InquiryStatus::Answered.as_str().into())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> InquiryForm {
        InquiryForm {
            name: "Ana Resident".into(),
            email: "ana@example.org".into(),
            reply_channel: "email".into(),
            stakeholder_group: "resident".into(),
            topic: "draft_strategy".into(),
            message: "Please light the alley behind Santa Monica Blvd.".into(),
            consent: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_is_accepted() {
        let checked = check(&valid_form(), Locale::Es);
        assert!(checked.is_ok(), "{checked:?}");
    }

    #[test]
    fn every_problem_is_reported_and_the_input_kept() {
        let form = InquiryForm {
            email: "ana-at-example".into(),
            reply_channel: "phone".into(),
            stakeholder_group: "other".into(),
            zip: "9006".into(),
            topic: "forged".into(),
            message: "x".repeat(MAX_MESSAGE_CHARS + 1),
            ..Default::default()
        };
        let Err(errors) = check(&form, Locale::En) else {
            panic!("accepted a bad form")
        };
        for field in [
            "name",
            "email",
            "phone",
            "stakeholder_other",
            "zip",
            "topic",
            "message",
            "consent",
        ] {
            assert!(errors.for_field(field).is_some(), "no error for {field}");
        }
        assert_eq!(errors.kept("email"), Some("ana-at-example"));
        assert_eq!(
            errors.kept("message").map(str::len),
            Some(MAX_MESSAGE_CHARS + 1)
        );
    }

    #[test]
    fn zip_codes_and_phone_numbers() {
        assert!(valid_zip("90069") && valid_zip("90069-1234"));
        assert!(!valid_zip("9006") && !valid_zip("90069-12") && !valid_zip("abcde"));
        assert!(valid_phone("(323) 848-6496") && valid_phone("+1 323 848 6496"));
        assert!(!valid_phone("call me") && !valid_phone("123"));
    }

    #[test]
    fn references_are_human_and_sortable() {
        assert_eq!(reference("CSWB", 2026, 42), "CSWB-2026-00042");
    }
}
