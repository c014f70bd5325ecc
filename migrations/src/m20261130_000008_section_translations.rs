//! A section's text in another language: the same paragraphs as the English version it was
//! translated from (so comments line up), rendered once, and out of date once English moves on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SectionTranslation::Table)
                    .if_not_exists()
                    .col(pk_auto(SectionTranslation::Id))
                    .col(integer(SectionTranslation::SectionId))
                    .col(string(SectionTranslation::Locale))
                    .col(string(SectionTranslation::Title))
                    .col(text(SectionTranslation::Summary))
                    .col(text(SectionTranslation::BodyMarkdown))
                    .col(text(SectionTranslation::BodyHtml))
                    .col(integer(SectionTranslation::SourceVersionId))
                    .col(timestamp_with_time_zone(SectionTranslation::UpdatedAt))
                    .col(integer_null(SectionTranslation::UpdatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SectionTranslation::Table, SectionTranslation::SectionId)
                            .to(Section::Table, Section::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_section_translation_section_locale")
                    .table(SectionTranslation::Table)
                    .col(SectionTranslation::SectionId)
                    .col(SectionTranslation::Locale)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SectionTranslation::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SectionTranslation {
    Table,
    Id,
    SectionId,
    Locale,
    Title,
    Summary,
    BodyMarkdown,
    BodyHtml,
    SourceVersionId,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum Section {
    Table,
    Id,
}
