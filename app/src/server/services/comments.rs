//! Comments on the draft: checking them, storing them pending (pre-moderation) with their
//! confirmation email in one transaction, reading the published ones, and moderators' decisions.

use super::inquiry::{MailContext, valid_zip};
use super::{audit, outbox, sha256_hex};
use crate::domain::email::EmailAddress;
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::FormErrors;
use crate::i18n::{Locale, translate};
use crate::server::entity::comment;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

pub const MAX_COMMENT_CHARS: usize = 2_000;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
pub const PAGE_SIZE: u64 = 50;
pub const STATUS_PENDING: &str = "pending";
pub const STATUS_PUBLISHED: &str = "published";
pub const STATUS_REJECTED: &str = "rejected";

/// Reasons a moderator may give for rejecting a comment.
pub const REJECT_REASONS: [&str; 6] = [
    "spam",
    "abusive",
    "personal_information",
    "off_topic",
    "duplicate",
    "other",
];

/// The comment form as it arrives.
#[derive(Clone, Debug, Default)]
pub struct CommentForm {
    pub paragraph: String,
    pub body: String,
    pub stakeholder_group: String,
    pub stakeholder_other: String,
    pub display_name: String,
    pub zip: String,
    pub email: String,
    pub consent_public: bool,
}

#[derive(Clone, Debug)]
pub struct NewComment {
    pub paragraph: Option<String>,
    pub body: String,
    pub group: StakeholderGroup,
    pub group_other: Option<String>,
    pub display_name: String,
    pub zip: Option<String>,
    pub email: Option<EmailAddress>,
    pub locale: Locale,
}

pub fn keep_all(form: &CommentForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("paragraph", &form.paragraph),
        ("body", &form.body),
        ("stakeholder_group", &form.stakeholder_group),
        ("stakeholder_other", &form.stakeholder_other),
        ("display_name", &form.display_name),
        ("zip", &form.zip),
        ("email", &form.email),
    ] {
        errors.keep(field, value);
    }
    if form.consent_public {
        errors.keep("consent_public", "on");
    }
    errors
}

/// `anchors` are the paragraphs of the version being commented on; any other paragraph is refused.
pub fn check(
    form: &CommentForm,
    anchors: &[String],
    locale: Locale,
) -> Result<NewComment, FormErrors> {
    let mut errors = keep_all(form);
    let body = form.body.trim();
    if body.is_empty() {
        errors.add("body", "field.comment.required");
    } else if body.chars().count() > MAX_COMMENT_CHARS {
        errors.add("body", "field.comment.too_long");
    }
    let group = StakeholderGroup::parse(form.stakeholder_group.trim());
    if group.is_none() {
        errors.add("stakeholder_group", "field.stakeholder_group.required");
    }
    let group_other = Some(form.stakeholder_other.trim().to_string()).filter(|s| !s.is_empty());
    if group == Some(StakeholderGroup::Other) && group_other.is_none() {
        errors.add("stakeholder_other", "field.stakeholder_other.required");
    }
    let display_name = form.display_name.trim();
    if display_name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        errors.add("display_name", "field.display_name.too_long");
    }
    let zip = Some(form.zip.trim().to_string()).filter(|z| !z.is_empty());
    if zip
        .as_deref()
        .is_some_and(|z| !(z.len() == 5 && valid_zip(z)))
    {
        errors.add("zip", "field.zip.invalid");
    }
    let email = match form.email.trim() {
        "" => None,
        text => EmailAddress::parse(text)
            .map_err(|key| errors.add("email", key))
            .ok(),
    };
    let paragraph = Some(form.paragraph.trim().to_string()).filter(|p| !p.is_empty());
    if paragraph.as_ref().is_some_and(|p| !anchors.contains(p)) {
        errors.add("paragraph", "field.paragraph.invalid");
    }
    if !form.consent_public {
        errors.add("consent_public", "field.consent_public.required");
    }
    match group {
        Some(group) if errors.is_empty() => Ok(NewComment {
            paragraph,
            body: body.to_string(),
            group,
            group_other: group_other.filter(|_| group == StakeholderGroup::Other),
            display_name: if display_name.is_empty() {
                String::new()
            } else {
                display_name.to_string()
            },
            zip,
            email,
            locale,
        }),
        _ => Err(errors),
    }
}

/// The same words with different spacing or capitals count as the same comment.
pub fn text_hash(body: &str) -> String {
    let normalised = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    sha256_hex(&[&normalised])
}

/// True when the same text arrived in the last day (a double submit, or a copy-paste campaign).
pub async fn seen_recently(conn: &impl ConnectionTrait, hash: &str) -> Result<bool, DbErr> {
    Ok(comment::Entity::find()
        .filter(comment::Column::TextHash.eq(hash))
        .filter(comment::Column::CreatedAt.gt(Utc::now() - Duration::days(1)))
        .count(conn)
        .await?
        > 0)
}

/// What moderators should look at twice: links, contact details, shouting.
pub fn flags(body: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    let lower = body.to_lowercase();
    if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") {
        found.push("url");
    }
    if body
        .split_whitespace()
        .any(|w| w.contains('@') && w.contains('.'))
    {
        found.push("email");
    }
    let mut run = 0;
    let mut longest = 0;
    for c in body.chars() {
        if c.is_ascii_digit() {
            run += 1;
            longest = longest.max(run);
        } else if !" -().".contains(c) {
            run = 0;
        }
    }
    if longest >= 7 {
        found.push("phone");
    }
    let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 20
        && letters.iter().filter(|c| c.is_uppercase()).count() * 10 > letters.len() * 7
    {
        found.push("capitals");
    }
    found
}

fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

fn comment_email(
    locale: Locale,
    to: &str,
    kind: &'static str,
    key: &str,
    args: &[(&str, &str)],
    ctx: &MailContext,
) -> outbox::NewEmail {
    let body = fill(&translate(locale, &format!("{key}.body")), args);
    outbox::NewEmail {
        kind,
        to_address: to.to_string(),
        to_name: None,
        reply_to: Some((None, ctx.inbox.clone())),
        subject: fill(&translate(locale, &format!("{key}.subject")), args),
        html_body: outbox::paragraphs_html(&body),
        text_body: body,
    }
}

/// Stores the comment pending review and, when an email was given, queues the confirmation.
pub async fn submit<C>(
    db: &C,
    section: &crate::server::entity::section::Model,
    version_id: i32,
    new: &NewComment,
    ctx: &MailContext,
) -> Result<String, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = db.begin().await?;
    let stored = comment::ActiveModel {
        reference: Set(None),
        section_id: Set(section.id),
        section_version_id: Set(version_id),
        paragraph_anchor: Set(new.paragraph.clone()),
        body: Set(new.body.clone()),
        text_hash: Set(text_hash(&new.body)),
        stakeholder_group: Set(new.group.as_str().into()),
        stakeholder_other: Set(new.group_other.clone()),
        display_name: Set(new.display_name.clone()),
        zip: Set(new.zip.clone()),
        email: Set(new.email.as_ref().map(|e| e.as_str().to_string())),
        locale: Set(new.locale.code().into()),
        status: Set(STATUS_PENDING.into()),
        reject_reason: Set(None),
        created_at: Set(Utc::now()),
        decided_at: Set(None),
        decided_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let reference = format!("{}-C-{:05}", ctx.reference_prefix, stored.id);
    let mut with_reference: comment::ActiveModel = stored.into();
    with_reference.reference = Set(Some(reference.clone()));
    with_reference.update(&txn).await?;
    if let Some(email) = &new.email {
        let args = [
            ("reference", reference.as_str()),
            ("section", section.title.as_str()),
        ];
        let message = comment_email(
            new.locale,
            email.as_str(),
            "comment-received",
            "mail.comment_received",
            &args,
            ctx,
        );
        outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
    }
    txn.commit().await?;
    Ok(reference)
}

#[derive(Clone, Debug, Default)]
pub struct CommentFilter {
    pub group: Option<StakeholderGroup>,
    pub paragraph: Option<String>,
    pub oldest_first: bool,
    /// Zero-based.
    pub page: u64,
}

/// One page of a section's published comments and the total: two queries, whatever the page size.
pub async fn published(
    conn: &impl ConnectionTrait,
    section_id: i32,
    filter: &CommentFilter,
) -> Result<(Vec<comment::Model>, u64), DbErr> {
    use comment::Column;
    let mut query = comment::Entity::find()
        .filter(Column::SectionId.eq(section_id))
        .filter(Column::Status.eq(STATUS_PUBLISHED));
    if let Some(group) = filter.group {
        query = query.filter(Column::StakeholderGroup.eq(group.as_str()));
    }
    if let Some(paragraph) = &filter.paragraph {
        query = query.filter(Column::ParagraphAnchor.eq(paragraph.as_str()));
    }
    query = if filter.oldest_first {
        query
            .order_by_asc(Column::CreatedAt)
            .order_by_asc(Column::Id)
    } else {
        query
            .order_by_desc(Column::CreatedAt)
            .order_by_desc(Column::Id)
    };
    let paginator = query.paginate(conn, PAGE_SIZE);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(filter.page).await?, total))
}

/// The moderation queue, oldest first.
pub async fn pending(conn: &impl ConnectionTrait) -> Result<Vec<comment::Model>, DbErr> {
    comment::Entity::find()
        .filter(comment::Column::Status.eq(STATUS_PENDING))
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id)
        .all(conn)
        .await
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject { reason: String },
}

/// Records a moderator's decision with its audit entry; an approval emails the author when they asked.
pub async fn decide<C>(
    db: &C,
    id: i32,
    staff_id: i32,
    decision: &Decision,
    section_url: impl Fn(i32) -> String,
    ctx: &MailContext,
) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = db.begin().await?;
    let Some(found) = comment::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(false);
    };
    let (status, reason) = match decision {
        Decision::Approve => (STATUS_PUBLISHED, None),
        Decision::Reject { reason } => (STATUS_REJECTED, Some(reason.clone())),
    };
    let email = found.email.clone();
    let locale = Locale::from_code(&found.locale).unwrap_or_default();
    let reference = found.reference.clone().unwrap_or_default();
    let section_id = found.section_id;
    let mut active: comment::ActiveModel = found.into();
    active.status = Set(status.into());
    active.reject_reason = Set(reason.clone());
    active.decided_at = Set(Some(Utc::now()));
    active.decided_by = Set(Some(staff_id));
    active.update(&txn).await?;
    let action = if status == STATUS_PUBLISHED {
        "comment.approved"
    } else {
        "comment.rejected"
    };
    audit::record(&txn, Some(staff_id), action, "comment", id, reason).await?;
    if let (Decision::Approve, Some(email)) = (decision, email) {
        let link = section_url(section_id);
        let args = [("reference", reference.as_str()), ("link", link.as_str())];
        let message = comment_email(
            locale,
            &email,
            "comment-published",
            "mail.comment_published",
            &args,
            ctx,
        );
        outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
    }
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CommentForm {
        CommentForm {
            body: "More lighting on Santa Monica Boulevard, please.".into(),
            stakeholder_group: "resident".into(),
            consent_public: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_plain_comment_is_accepted_and_the_name_may_be_left_out() {
        let checked = check(&form(), &[], Locale::En).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(checked.display_name, "");
        assert!(checked.email.is_none());
    }

    #[test]
    fn limits_and_forged_paragraphs_are_refused_with_the_text_kept() {
        let long = CommentForm {
            body: "x".repeat(MAX_COMMENT_CHARS + 1),
            paragraph: "p-forged".into(),
            ..form()
        };
        let Err(errors) = check(&long, &["p-real".into()], Locale::En) else {
            panic!("accepted")
        };
        assert_eq!(errors.for_field("body"), Some("field.comment.too_long"));
        assert_eq!(
            errors.for_field("paragraph"),
            Some("field.paragraph.invalid")
        );
        assert_eq!(
            errors.kept("body").map(str::len),
            Some(MAX_COMMENT_CHARS + 1)
        );
        let exact = CommentForm {
            body: "é".repeat(MAX_COMMENT_CHARS),
            ..form()
        };
        assert!(
            check(&exact, &[], Locale::En).is_ok(),
            "2,000 characters, not bytes"
        );
    }

    #[test]
    fn the_same_words_hash_the_same() {
        assert_eq!(
            text_hash("More  lighting\nplease"),
            text_hash("more lighting please")
        );
        assert_ne!(text_hash("more lighting"), text_hash("less lighting"));
    }

    #[test]
    fn flags_point_moderators_at_links_contacts_and_shouting() {
        assert_eq!(flags("see https://example.org"), ["url"]);
        assert_eq!(flags("write me at ana@example.org"), ["email"]);
        assert_eq!(flags("call (323) 555-0123"), ["phone"]);
        assert_eq!(flags("THIS IS ABSOLUTELY UNACCEPTABLE NOW"), ["capitals"]);
        assert!(flags("A calm, ordinary comment.").is_empty());
    }
}
