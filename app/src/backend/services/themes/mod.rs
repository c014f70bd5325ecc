//! The codebook of a consultation (themes with a description, an optional parent, a colour and
//! keywords per language) and the themes staff put on what people wrote: one item at a time or
//! every result of a search at once, each change audited and undone the same way.

pub mod counts;
pub mod suggestions;
mod tags;

pub use tags::{Tagging, names_by_source, tag, theme_ids_by_source, themes_of, untag};

use crate::backend::entity::theme;
use crate::backend::services::audit;
use crate::error::FormErrors;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

/// A theme as staff type it in.
#[derive(Clone, Debug, Default)]
pub struct ThemeForm {
    pub name: String,
    pub description: String,
    pub parent: String,
    pub colour: String,
    pub keywords_en: String,
    pub keywords_es: String,
    pub keywords_ru: String,
}

/// A checked theme, ready to store.
struct CheckedTheme {
    name: String,
    description: String,
    parent_id: Option<i32>,
    colour: String,
    keywords: [String; 3],
}

const NAME_MAX: usize = 80;
const TEXT_MAX: usize = 500;

fn tidy_keywords(text: &str) -> String {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The keywords of a theme in a language, one phrase each.
pub fn keywords(found: &theme::Model, language: &str) -> Vec<String> {
    let text = match language {
        "es" => &found.keywords_es,
        "ru" => &found.keywords_ru,
        _ => &found.keywords_en,
    };
    text.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

async fn check(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    editing: Option<i32>,
    form: &ThemeForm,
) -> Result<Result<CheckedTheme, FormErrors>, DbErr> {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("name", &form.name),
        ("description", &form.description),
        ("parent", &form.parent),
        ("colour", &form.colour),
        ("keywords_en", &form.keywords_en),
        ("keywords_es", &form.keywords_es),
        ("keywords_ru", &form.keywords_ru),
    ] {
        errors.keep(field, value);
    }
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        errors.add("name", "themes.error.name");
    } else {
        let same = theme::Entity::find()
            .filter(theme::Column::ConsultationId.eq(consultation_id))
            .filter(theme::Column::Name.eq(name.as_str()))
            .one(conn)
            .await?;
        if same.is_some_and(|t| Some(t.id) != editing) {
            errors.add("name", "themes.error.name_taken");
        }
    }
    let description = form.description.trim().to_string();
    if description.chars().count() > TEXT_MAX {
        errors.add("description", "themes.error.description");
    }
    let parent_id = match form.parent.trim() {
        "" => None,
        text => {
            let parent = match text.parse::<i32>() {
                Ok(id) => theme::Entity::find_by_id(id).one(conn).await?,
                Err(_) => None,
            };
            // One level deep: a parent is a top-level theme of the same codebook, not itself.
            match parent {
                Some(p)
                    if p.consultation_id == consultation_id
                        && p.parent_id.is_none()
                        && Some(p.id) != editing =>
                {
                    Some(p.id)
                }
                _ => {
                    errors.add("parent", "themes.error.parent");
                    None
                }
            }
        }
    };
    if let Some(id) = editing
        && parent_id.is_some()
        && theme::Entity::find()
            .filter(theme::Column::ParentId.eq(id))
            .one(conn)
            .await?
            .is_some()
    {
        errors.add("parent", "themes.error.parent_has_children");
    }
    let colour = form.colour.trim().to_ascii_lowercase();
    let colour_ok = colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
    if !colour_ok {
        errors.add("colour", "themes.error.colour");
    }
    let keywords =
        [&form.keywords_en, &form.keywords_es, &form.keywords_ru].map(|k| tidy_keywords(k));
    for (field, text) in ["keywords_en", "keywords_es", "keywords_ru"]
        .into_iter()
        .zip(&keywords)
    {
        if text.chars().count() > TEXT_MAX {
            errors.add(field, "themes.error.keywords");
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(CheckedTheme {
        name,
        description,
        parent_id,
        colour,
        keywords,
    }))
}

/// Adds a theme to the codebook; audited.
pub async fn create(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    form: &ThemeForm,
    staff_id: i32,
) -> Result<Result<theme::Model, FormErrors>, DbErr> {
    let checked = match check(conn, consultation_id, None, form).await? {
        Ok(checked) => checked,
        Err(errors) => return Ok(Err(errors)),
    };
    let now = Utc::now();
    let [en, es, ru] = checked.keywords;
    let stored = theme::ActiveModel {
        consultation_id: Set(consultation_id),
        parent_id: Set(checked.parent_id),
        name: Set(checked.name),
        description: Set(checked.description),
        colour: Set(checked.colour),
        keywords_en: Set(en),
        keywords_es: Set(es),
        keywords_ru: Set(ru),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    audit::record(
        conn,
        Some(staff_id),
        "theme.created",
        "theme",
        stored.id,
        None,
    )
    .await?;
    Ok(Ok(stored))
}

/// Changes a theme; audited. `None` when there is no such theme in the consultation.
pub async fn update(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
    form: &ThemeForm,
    staff_id: i32,
) -> Result<Option<Result<theme::Model, FormErrors>>, DbErr> {
    let Some(found) = theme::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|t| t.consultation_id == consultation_id)
    else {
        return Ok(None);
    };
    let checked = match check(conn, consultation_id, Some(id), form).await? {
        Ok(checked) => checked,
        Err(errors) => return Ok(Some(Err(errors))),
    };
    let [en, es, ru] = checked.keywords;
    let mut changed: theme::ActiveModel = found.into();
    changed.parent_id = Set(checked.parent_id);
    changed.name = Set(checked.name);
    changed.description = Set(checked.description);
    changed.colour = Set(checked.colour);
    changed.keywords_en = Set(en);
    changed.keywords_es = Set(es);
    changed.keywords_ru = Set(ru);
    changed.updated_at = Set(Utc::now());
    let stored = changed.update(conn).await?;
    audit::record(conn, Some(staff_id), "theme.updated", "theme", id, None).await?;
    Ok(Some(Ok(stored)))
}

/// The codebook: parents in name order, each followed by its children.
pub async fn codebook(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<theme::Model>, DbErr> {
    let all = theme::Entity::find()
        .filter(theme::Column::ConsultationId.eq(consultation_id))
        .order_by_asc(theme::Column::Name)
        .all(conn)
        .await?;
    let mut ordered = Vec::with_capacity(all.len());
    for parent in all.iter().filter(|t| t.parent_id.is_none()) {
        ordered.push(parent.clone());
        ordered.extend(
            all.iter()
                .filter(|t| t.parent_id == Some(parent.id))
                .cloned(),
        );
    }
    // A child whose parent is gone still shows.
    let orphans: Vec<theme::Model> = all
        .iter()
        .filter(|t| !ordered.iter().any(|o| o.id == t.id))
        .cloned()
        .collect();
    ordered.extend(orphans);
    Ok(ordered)
}

/// A theme's name as staff read it in lists: "Parent › Child".
pub fn full_name(themes: &[theme::Model], found: &theme::Model) -> String {
    match found
        .parent_id
        .and_then(|p| themes.iter().find(|t| t.id == p))
    {
        Some(parent) => format!("{} › {}", parent.name, found.name),
        None => found.name.clone(),
    }
}

/// A theme of the consultation, if it is one.
pub async fn find(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
) -> Result<Option<theme::Model>, DbErr> {
    Ok(theme::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|t| t.consultation_id == consultation_id))
}
