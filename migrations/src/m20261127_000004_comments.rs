//! Public comments on the draft, each tied to the section version (and paragraph) it was made on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Comment::Table)
                    .col(pk_auto(Comment::Id))
                    .col(string_null(Comment::Reference).unique_key())
                    .col(integer(Comment::SectionId))
                    .col(integer(Comment::SectionVersionId))
                    .col(string_null(Comment::ParagraphAnchor))
                    .col(text(Comment::Body))
                    .col(string(Comment::TextHash))
                    .col(string(Comment::StakeholderGroup))
                    .col(string_null(Comment::StakeholderOther))
                    .col(string(Comment::DisplayName))
                    .col(string_null(Comment::Zip))
                    .col(string_null(Comment::Email))
                    .col(string(Comment::Locale))
                    .col(string(Comment::Status))
                    .col(string_null(Comment::RejectReason))
                    .col(timestamp_with_time_zone(Comment::CreatedAt))
                    .col(timestamp_with_time_zone_null(Comment::DecidedAt))
                    .col(integer_null(Comment::DecidedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comment::Table, Comment::SectionId)
                            .to(Section::Table, Section::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comment::Table, Comment::SectionVersionId)
                            .to(SectionVersion::Table, SectionVersion::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_section_status_created")
                    .table(Comment::Table)
                    .col(Comment::SectionId)
                    .col(Comment::Status)
                    .col(Comment::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_text_hash")
                    .table(Comment::Table)
                    .col(Comment::TextHash)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Comment::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Section {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SectionVersion {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    Id,
    Reference,
    SectionId,
    SectionVersionId,
    ParagraphAnchor,
    Body,
    TextHash,
    StakeholderGroup,
    StakeholderOther,
    DisplayName,
    Zip,
    Email,
    Locale,
    Status,
    RejectReason,
    CreatedAt,
    DecidedAt,
    DecidedBy,
}
