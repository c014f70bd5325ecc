//! The draft strategy, section by section; every publish is a new, permanent version.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Section::Table)
                    .col(pk_auto(Section::Id))
                    .col(integer(Section::ConsultationId))
                    .col(string(Section::Slug))
                    .col(integer(Section::Position))
                    .col(string(Section::Title))
                    .col(text(Section::Summary))
                    .col(integer_null(Section::CurrentVersionId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Section::Table, Section::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_section_consultation_slug")
                    .table(Section::Table)
                    .col(Section::ConsultationId)
                    .col(Section::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SectionVersion::Table)
                    .col(pk_auto(SectionVersion::Id))
                    .col(integer(SectionVersion::SectionId))
                    .col(integer(SectionVersion::Number))
                    .col(text(SectionVersion::BodyMarkdown))
                    .col(text(SectionVersion::BodyHtml))
                    .col(timestamp_with_time_zone(SectionVersion::PublishedAt))
                    .col(integer_null(SectionVersion::PublishedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SectionVersion::Table, SectionVersion::SectionId)
                            .to(Section::Table, Section::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_section_version_number")
                    .table(SectionVersion::Table)
                    .col(SectionVersion::SectionId)
                    .col(SectionVersion::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SectionVersion::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Section::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Section {
    Table,
    Id,
    ConsultationId,
    Slug,
    Position,
    Title,
    Summary,
    CurrentVersionId,
}

#[derive(DeriveIden)]
enum SectionVersion {
    Table,
    Id,
    SectionId,
    Number,
    BodyMarkdown,
    BodyHtml,
    PublishedAt,
    PublishedBy,
}
