//! Saving the City's explanation of a changed passage: the links to comments and themes are
//! replaced in one transaction, and the authors who asked are emailed once, in their language,
//! through the outbox in that same transaction.

use crate::backend::MailContext;
use crate::backend::entity::{
    change_response, change_response_comment, change_response_theme, comment, section,
    section_version, theme,
};
use crate::backend::services::{audit, begin_write, outbox, strategy};
use crate::domain::status::CommentStatus;
use crate::error::{AppError, FormErrors};
use crate::i18n::Locale;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionSession, TransactionTrait,
};
use std::collections::HashSet;

pub const MAX_EXPLANATION_CHARS: usize = 1_500;

/// The staff form for one changed passage, as it arrives.
#[derive(Clone, Debug, Default)]
pub struct Explanation {
    /// The changed paragraph of the version; empty for the section as a whole.
    pub paragraph_anchor: String,
    pub explanation_en: String,
    pub explanation_es: String,
    pub explanation_ru: String,
    /// Ticked in the list of comments.
    pub comment_ids: Vec<i32>,
    /// Typed references of other comments, separated by commas, spaces or lines.
    pub comment_references: String,
    pub theme_ids: Vec<i32>,
}

impl Explanation {
    fn kept(&self) -> FormErrors {
        let mut errors = FormErrors::default();
        for (field, value) in [
            ("explanation_en", &self.explanation_en),
            ("explanation_es", &self.explanation_es),
            ("explanation_ru", &self.explanation_ru),
            ("comment_references", &self.comment_references),
        ] {
            errors.keep(field, value);
        }
        // Ticked boxes come back ticked after a failed post.
        for id in &self.comment_ids {
            errors.keep(&format!("comments_{id}"), "on");
        }
        for id in &self.theme_ids {
            errors.keep(&format!("themes_{id}"), "on");
        }
        errors
    }
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// Saves the explanation of one passage of `version`, links exactly the comments and themes given,
/// and queues one email to each newly linked author who asked to be told. Returns how many
/// authors will be emailed.
pub async fn explain<C>(
    db: &C,
    ctx: &MailContext,
    found: &section::Model,
    version: &section_version::Model,
    form: &Explanation,
    staff_id: i32,
) -> Result<usize, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let mut errors = form.kept();
    let english = form.explanation_en.trim();
    if english.is_empty() {
        errors.add("explanation_en", "field.change_explanation.required");
    }
    for field in ["explanation_en", "explanation_es", "explanation_ru"] {
        if errors.kept(field).unwrap_or_default().chars().count() > MAX_EXPLANATION_CHARS {
            errors.add(field, "field.change_explanation.too_long");
        }
    }
    let passage = match form.paragraph_anchor.as_str() {
        "" => Some(String::new()),
        anchor => strategy::passage_text(&version.body_markdown, anchor),
    };
    let Some(passage) = passage else {
        return Err(AppError::NotFound);
    };
    let txn = begin_write(db).await?;
    let references: Vec<String> = form
        .comment_references
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_uppercase)
        .collect();
    // Only published comments on this section, made before this version, can have shaped it.
    let by_reference = comment::Entity::find()
        .filter(comment::Column::SectionId.eq(found.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(comment::Column::CreatedAt.lte(version.published_at))
        .filter(comment::Column::Reference.is_in(references.clone()))
        .all(&txn)
        .await?;
    if by_reference.len() < references.iter().collect::<HashSet<_>>().len() {
        errors.add("comment_references", "field.change_comments.unknown");
    }
    let ticked = comment::Entity::find()
        .filter(comment::Column::SectionId.eq(found.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(comment::Column::CreatedAt.lte(version.published_at))
        .filter(comment::Column::Id.is_in(form.comment_ids.iter().copied()))
        .all(&txn)
        .await?;
    let themes = theme::Entity::find()
        .filter(theme::Column::ConsultationId.eq(found.consultation_id))
        .filter(theme::Column::Id.is_in(form.theme_ids.iter().copied()))
        .all(&txn)
        .await?;
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = Utc::now();
    let existing = change_response::Entity::find()
        .filter(change_response::Column::SectionVersionId.eq(version.id))
        .filter(change_response::Column::ParagraphAnchor.eq(form.paragraph_anchor.as_str()))
        .one(&txn)
        .await?;
    let response = match existing {
        Some(found) => {
            let mut edited: change_response::ActiveModel = found.into();
            edited.explanation_en = Set(english.to_string());
            edited.explanation_es = Set(optional(&form.explanation_es));
            edited.explanation_ru = Set(optional(&form.explanation_ru));
            edited.updated_at = Set(now);
            edited.update(&txn).await?
        }
        None => {
            change_response::ActiveModel {
                section_version_id: Set(version.id),
                paragraph_anchor: Set(form.paragraph_anchor.clone()),
                passage_text: Set(passage),
                explanation_en: Set(english.to_string()),
                explanation_es: Set(optional(&form.explanation_es)),
                explanation_ru: Set(optional(&form.explanation_ru)),
                created_by: Set(Some(staff_id)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let mut wanted: Vec<comment::Model> = ticked;
    for c in by_reference {
        if !wanted.iter().any(|w| w.id == c.id) {
            wanted.push(c);
        }
    }
    let linked = change_response_comment::Entity::find()
        .filter(change_response_comment::Column::ChangeResponseId.eq(response.id))
        .all(&txn)
        .await?;
    let wanted_ids: HashSet<i32> = wanted.iter().map(|c| c.id).collect();
    change_response_comment::Entity::delete_many()
        .filter(change_response_comment::Column::ChangeResponseId.eq(response.id))
        .filter(change_response_comment::Column::CommentId.is_not_in(wanted_ids.iter().copied()))
        .exec(&txn)
        .await?;
    let already: HashSet<i32> = linked.iter().map(|l| l.comment_id).collect();
    let new_links: Vec<&comment::Model> =
        wanted.iter().filter(|c| !already.contains(&c.id)).collect();
    let told = tell_authors(&txn, ctx, found, version, &response, &new_links).await?;
    // One statement for all the new links (at most a page of ticked comments and some typed).
    if !new_links.is_empty() {
        change_response_comment::Entity::insert_many(new_links.iter().map(|c| {
            change_response_comment::ActiveModel {
                change_response_id: Set(response.id),
                comment_id: Set(c.id),
                notified_at: Set(told.contains(&c.id).then_some(now)),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    change_response_theme::Entity::delete_many()
        .filter(change_response_theme::Column::ChangeResponseId.eq(response.id))
        .exec(&txn)
        .await?;
    if !themes.is_empty() {
        change_response_theme::Entity::insert_many(themes.iter().map(|t| {
            change_response_theme::ActiveModel {
                change_response_id: Set(response.id),
                theme_id: Set(t.id),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    audit::record(
        &txn,
        Some(staff_id),
        "section.change_explained",
        "section",
        found.id,
        Some(format!(
            "version {}: {} comments, {} themes, {} emailed",
            version.number,
            wanted.len(),
            themes.len(),
            told.len()
        )),
    )
    .await?;
    txn.commit().await?;
    Ok(told.len())
}

/// Queues the "your comment shaped this" email for authors who asked and were never told before
/// (the box promises one email); one email per address. Returns the comments whose authors were
/// emailed.
async fn tell_authors(
    conn: &impl ConnectionTrait,
    ctx: &MailContext,
    found: &section::Model,
    version: &section_version::Model,
    response: &change_response::Model,
    comments: &[&comment::Model],
) -> Result<HashSet<i32>, AppError> {
    let asked: Vec<&&comment::Model> = comments
        .iter()
        .filter(|c| c.notify_on_change && c.email.is_some())
        .collect();
    let told_before: HashSet<i32> = change_response_comment::Entity::find()
        .filter(change_response_comment::Column::CommentId.is_in(asked.iter().map(|c| c.id)))
        .filter(change_response_comment::Column::NotifiedAt.is_not_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.comment_id)
        .collect();
    let mut addresses: HashSet<String> = HashSet::new();
    let mut told = HashSet::new();
    let link = format!(
        "{}/strategy/{}/versions/{}#change-{}",
        ctx.public_url, found.slug, version.number, response.id
    );
    let titles = strategy::titles(conn, found).await?;
    for c in asked {
        let Some(email) = c.email.as_deref() else {
            continue;
        };
        if told_before.contains(&c.id) || !addresses.insert(email.to_lowercase()) {
            continue;
        }
        let locale = Locale::from_code(&c.locale).unwrap_or_default();
        let (explanation, _) = super::explanation_in(response, locale);
        let title = titles
            .iter()
            .find(|(l, _)| *l == locale)
            .map_or(found.title.as_str(), |(_, t)| t.as_str());
        let number = version.number.to_string();
        let reference = c.reference.clone().unwrap_or_default();
        let message = outbox::resident_email(
            locale,
            email,
            "change-response",
            "mail.change_response",
            &[
                ("section", title),
                ("reference", reference.as_str()),
                ("number", number.as_str()),
                ("explanation", explanation.as_str()),
                ("link", link.as_str()),
            ],
            ctx,
        );
        outbox::enqueue(conn, message, &ctx.message_id_host).await?;
        told.insert(c.id);
    }
    Ok(told)
}

/// Removes the explanation of one passage (and its links); emails already sent stay sent.
pub async fn remove<C>(
    db: &C,
    found: &section::Model,
    version: &section_version::Model,
    paragraph_anchor: &str,
    staff_id: i32,
) -> Result<bool, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(response) = change_response::Entity::find()
        .filter(change_response::Column::SectionVersionId.eq(version.id))
        .filter(change_response::Column::ParagraphAnchor.eq(paragraph_anchor))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    // Explicit deletes: SQLite enforces the cascade only with foreign keys switched on.
    change_response_comment::Entity::delete_many()
        .filter(change_response_comment::Column::ChangeResponseId.eq(response.id))
        .exec(&txn)
        .await?;
    change_response_theme::Entity::delete_many()
        .filter(change_response_theme::Column::ChangeResponseId.eq(response.id))
        .exec(&txn)
        .await?;
    change_response::Entity::delete_by_id(response.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(staff_id),
        "section.change_explanation_removed",
        "section",
        found.id,
        Some(format!("version {}", version.number)),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
