//! A theme of the consultation's codebook, which staff tag what people wrote with.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "theme")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    pub parent_id: Option<i32>,
    pub name: String,
    pub description: String,
    /// `#rrggbb`
    pub colour: String,
    /// Comma-separated words that suggest the theme in English, Spanish and Russian text.
    pub keywords_en: String,
    pub keywords_es: String,
    pub keywords_ru: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
