//! The consultation's own words in other languages (title, phase, service areas, meetings,
//! identities), each with a hash of the English it translates, so a changed English text is
//! shown instead of a stale translation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentTranslation::Table)
                    .if_not_exists()
                    .col(pk_auto(ContentTranslation::Id))
                    .col(string(ContentTranslation::Locale))
                    .col(string(ContentTranslation::Subject))
                    .col(string(ContentTranslation::SubjectKey))
                    .col(string(ContentTranslation::Field))
                    .col(text(ContentTranslation::Text))
                    .col(string(ContentTranslation::SourceHash))
                    .col(timestamp_with_time_zone(ContentTranslation::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_content_translation_key")
                    .table(ContentTranslation::Table)
                    .col(ContentTranslation::Locale)
                    .col(ContentTranslation::Subject)
                    .col(ContentTranslation::SubjectKey)
                    .col(ContentTranslation::Field)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ContentTranslation::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ContentTranslation {
    Table,
    Id,
    Locale,
    Subject,
    SubjectKey,
    Field,
    Text,
    SourceHash,
    UpdatedAt,
}
