//! Finding items: the words of a search matched by the database's own full-text index, narrowed by
//! what staff filter on, newest first.

use super::words;
use crate::backend::entity::{feedback_item, theme_tag};
use crate::domain::feedback::FeedbackKind;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};

/// What staff search for; every filter left empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub text: String,
    pub kind: Option<FeedbackKind>,
    pub section_id: Option<i32>,
    pub survey_id: Option<i32>,
    pub question_key: Option<String>,
    pub group: Option<String>,
    /// A community identity chosen in a survey response (survey answers only).
    pub identity: Option<String>,
    pub channel: Option<String>,
    pub language: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub theme_id: Option<i32>,
    /// Only items without any theme yet.
    pub untagged: bool,
    /// Phrases of which any one must match (a theme's keywords); each phrase's words all must.
    pub any_phrase: Vec<String>,
}

/// One page of results and how many there are in all.
#[derive(Clone, Debug)]
pub struct Found {
    /// How many match, up to `COUNT_CAP + 1` (more than the cap reads "more than 1,000").
    pub total: u64,
    pub items: Vec<feedback_item::Model>,
    /// The search's words, to mark in each item.
    pub terms: Vec<String>,
}

/// The FTS5 MATCH expression for phrases: one for every language, since the FTS table carries each
/// item's language as a column.
fn fts5_expression(phrases: &[Vec<String>]) -> Option<String> {
    let phrases: Vec<&Vec<String>> = phrases.iter().filter(|p| !p.is_empty()).collect();
    if phrases.is_empty() {
        return None;
    }
    let mut alternatives = Vec::new();
    for terms in phrases {
        // Languages whose stems of the phrase agree share one alternative; when all three agree
        // (most words), the language need not be asked at all, which keeps FTS5's work small.
        let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
        for (language, _) in DICTIONARIES {
            let expression = words::fts5_match(language, terms);
            match groups.iter_mut().find(|(e, _)| *e == expression) {
                Some((_, languages)) => languages.push(language),
                None => groups.push((expression, vec![language])),
            }
        }
        for (expression, languages) in groups {
            if languages.len() == DICTIONARIES.len() {
                alternatives.push(format!("({expression})"));
            } else {
                let asked = languages
                    .iter()
                    .map(|l| format!("language : \"{l}\""))
                    .collect::<Vec<_>>()
                    .join(" OR ");
                alternatives.push(format!("(({asked}) AND {expression})"));
            }
        }
    }
    Some(alternatives.join(" OR "))
}

/// A query narrowed to the items that match: the filters, and on SQLite the words through an
/// inner join on the FTS5 table, so the database walks the matches (and stops at a count's cap)
/// instead of gathering every one of them first.
pub(crate) fn narrowed<E: EntityTrait>(
    select: Select<E>,
    backend: DbBackend,
    consultation_id: i32,
    filters: &Filters,
) -> Select<E> {
    let mut select = select.filter(condition(backend, consultation_id, filters));
    if backend == DbBackend::Postgres {
        return select;
    }
    let phrases: Vec<Vec<String>> = filters.any_phrase.iter().map(|p| words::terms(p)).collect();
    let parts: Vec<String> = [
        fts5_expression(&[words::terms(&filters.text)]),
        fts5_expression(&phrases),
    ]
    .into_iter()
    .flatten()
    .map(|e| format!("({e})"))
    .collect();
    if parts.is_empty() {
        return select;
    }
    QueryTrait::query(&mut select).join(
        JoinType::InnerJoin,
        Alias::new("feedback_item_fts"),
        Expr::cust("\"feedback_item_fts\".\"rowid\" = \"feedback_item\".\"id\""),
    );
    select.filter(Expr::cust_with_values(
        "\"feedback_item_fts\" MATCH ?",
        [parts.join(" AND ")],
    ))
}

/// The languages items are written in, with their PostgreSQL text-search dictionaries.
const DICTIONARIES: [(&str, &str); 3] = [("en", "english"), ("es", "spanish"), ("ru", "russian")];

/// The full-text match of phrases (any phrase, with all its words), in the database's own terms.
/// A search is read the way each item was indexed: with the dictionary of the item's language, so
/// a word that language drops (a stopword) is dropped from the search too.
fn text_match(backend: DbBackend, phrases: &[Vec<String>]) -> Option<Condition> {
    let phrases: Vec<&Vec<String>> = phrases.iter().filter(|p| !p.is_empty()).collect();
    if phrases.is_empty() {
        return None;
    }
    if backend != DbBackend::Postgres {
        // SQLite matches through a join on its FTS5 table: see `narrowed`.
        return None;
    }
    let mut any_language = Condition::any();
    for (language, dictionary) in DICTIONARIES {
        // sea-query reads `$n` (the n-th value of this expression) on PostgreSQL.
        let query = (1..=phrases.len())
            .map(|n| format!("plainto_tsquery('{dictionary}', ${n})"))
            .collect::<Vec<_>>()
            .join(" || ");
        let values: Vec<String> = phrases.iter().map(|terms| terms.join(" ")).collect();
        any_language = any_language.add(
            Condition::all()
                .add(feedback_item::Column::Language.eq(language))
                .add(Expr::cust_with_values(
                    format!("\"feedback_item\".\"search_vector\" @@ ({query})"),
                    values,
                )),
        );
    }
    Some(any_language)
}

fn condition(backend: DbBackend, consultation_id: i32, filters: &Filters) -> Condition {
    let mut condition =
        Condition::all().add(feedback_item::Column::ConsultationId.eq(consultation_id));
    if let Some(matched) = text_match(backend, &[words::terms(&filters.text)]) {
        condition = condition.add(matched);
    }
    let phrases: Vec<Vec<String>> = filters.any_phrase.iter().map(|p| words::terms(p)).collect();
    if let Some(matched) = text_match(backend, &phrases) {
        condition = condition.add(matched);
    }
    if let Some(kind) = filters.kind {
        condition = condition.add(feedback_item::Column::Kind.eq(kind.as_str()));
    }
    if let Some(id) = filters.section_id {
        condition = condition.add(feedback_item::Column::SectionId.eq(id));
    }
    if let Some(id) = filters.survey_id {
        condition = condition.add(feedback_item::Column::SurveyId.eq(id));
    }
    if let Some(key) = &filters.question_key {
        condition = condition.add(feedback_item::Column::QuestionKey.eq(key.as_str()));
    }
    if let Some(group) = &filters.group {
        condition = condition.add(feedback_item::Column::StakeholderGroup.eq(group.as_str()));
    }
    if let Some(identity) = &filters.identity {
        // Identities are read from the response, never copied: retention erases them there.
        condition = condition
            .add(feedback_item::Column::Kind.eq(FeedbackKind::SurveyAnswer.as_str()))
            .add(Expr::cust_with_values(
                format!(
                    "\"feedback_item\".\"source_id\" IN (SELECT id FROM survey_response \
                     WHERE {}(',' || identities || ',', {}) > 0)",
                    if backend == DbBackend::Postgres {
                        "strpos"
                    } else {
                        "instr"
                    },
                    if backend == DbBackend::Postgres {
                        "$1"
                    } else {
                        "?"
                    }
                ),
                // Found by position, not LIKE: keys hold "_", a LIKE wildcard.
                [format!(",{},", identity.replace(',', ""))],
            ));
    }
    if let Some(channel) = &filters.channel {
        condition = condition.add(feedback_item::Column::Channel.eq(channel.as_str()));
    }
    if let Some(language) = &filters.language {
        condition = condition.add(feedback_item::Column::Language.eq(language.as_str()));
    }
    if let Some(from) = filters.from {
        condition = condition.add(feedback_item::Column::CreatedAt.gte(from));
    }
    if let Some(until) = filters.until {
        condition = condition.add(feedback_item::Column::CreatedAt.lt(until));
    }
    if let Some(theme) = filters.theme_id {
        condition = condition.add(
            feedback_item::Column::Id.in_subquery(
                Query::select()
                    .column(theme_tag::Column::ItemId)
                    .from(theme_tag::Entity)
                    .and_where(theme_tag::Column::ThemeId.eq(theme))
                    .to_owned(),
            ),
        );
    }
    if filters.untagged {
        condition = condition.add(
            feedback_item::Column::Id.not_in_subquery(
                Query::select()
                    .column(theme_tag::Column::ItemId)
                    .from(theme_tag::Entity)
                    .to_owned(),
            ),
        );
    }
    condition
}

/// Past this many matches a search says "more than".
pub const COUNT_CAP: u64 = 1_000;

/// One page (from 1) of the items that match, newest first.
pub async fn search(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    filters: &Filters,
    page: u64,
    per_page: u64,
) -> Result<Found, DbErr> {
    let backend = conn.get_database_backend();
    // Counted up to a cap: past it, "more than 1,000" is all a person needs, and counting every
    // match of a word in half the items would cost more than the page itself.
    let total = narrowed(
        feedback_item::Entity::find(),
        backend,
        consultation_id,
        filters,
    )
    .select_only()
    .column(feedback_item::Column::Id)
    .limit(COUNT_CAP + 1)
    .count(conn)
    .await?;
    // The page's ids first, then their rows: sorting ids is cheap, sorting whole texts is not.
    let ids: Vec<i32> = narrowed(
        feedback_item::Entity::find(),
        backend,
        consultation_id,
        filters,
    )
    .select_only()
    .column(feedback_item::Column::Id)
    .order_by_desc(feedback_item::Column::CreatedAt)
    .order_by_desc(feedback_item::Column::Id)
    .offset(page.saturating_sub(1).saturating_mul(per_page))
    .limit(per_page)
    .into_tuple()
    .all(conn)
    .await?;
    let mut items = feedback_item::Entity::find()
        .filter(feedback_item::Column::Id.is_in(ids.clone()))
        .all(conn)
        .await?;
    items.sort_by_key(|item| ids.iter().position(|id| *id == item.id));
    Ok(Found {
        total,
        items,
        terms: words::terms(&filters.text),
    })
}

/// Every matching item's id (for tagging all results at once).
pub async fn matching_ids(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    filters: &Filters,
) -> Result<Vec<i32>, DbErr> {
    narrowed(
        feedback_item::Entity::find(),
        conn.get_database_backend(),
        consultation_id,
        filters,
    )
    .select_only()
    .column(feedback_item::Column::Id)
    .order_by_asc(feedback_item::Column::Id)
    .into_tuple()
    .all(conn)
    .await
}

/// The newest items that match and meet `also` (suggestions: a theme's keywords, on items
/// neither tagged with it nor turned down for it).
pub async fn matching_with(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    filters: &Filters,
    also: Condition,
    limit: u64,
) -> Result<Vec<feedback_item::Model>, DbErr> {
    narrowed(
        feedback_item::Entity::find(),
        conn.get_database_backend(),
        consultation_id,
        filters,
    )
    .filter(also)
    .order_by_desc(feedback_item::Column::CreatedAt)
    .limit(limit)
    .all(conn)
    .await
}
