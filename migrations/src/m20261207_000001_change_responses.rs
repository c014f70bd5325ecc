//! "You said, we did": links from a new version of a section to the comments and themes that
//! prompted it, with the City's explanation per language; comments keep the paragraph they were
//! made on and whether their author wants to hear when the section changes in response.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Comment::Table)
                    .add_column(text_null(Comment::ParagraphText))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Comment::Table)
                    .add_column(boolean(Comment::NotifyOnChange).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChangeResponse::Table)
                    .if_not_exists()
                    .col(pk_auto(ChangeResponse::Id))
                    .col(integer(ChangeResponse::SectionVersionId))
                    // The changed paragraph of the new version it explains; empty for the section
                    // as a whole.
                    .col(string(ChangeResponse::ParagraphAnchor).default(""))
                    .col(text(ChangeResponse::PassageText))
                    .col(text(ChangeResponse::ExplanationEn))
                    .col(text_null(ChangeResponse::ExplanationEs))
                    .col(text_null(ChangeResponse::ExplanationRu))
                    .col(integer_null(ChangeResponse::CreatedBy))
                    .col(timestamp_with_time_zone(ChangeResponse::CreatedAt))
                    .col(timestamp_with_time_zone(ChangeResponse::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeResponse::Table, ChangeResponse::SectionVersionId)
                            .to(SectionVersion::Table, SectionVersion::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_change_response_passage")
                    .table(ChangeResponse::Table)
                    .col(ChangeResponse::SectionVersionId)
                    .col(ChangeResponse::ParagraphAnchor)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChangeResponseComment::Table)
                    .if_not_exists()
                    .col(pk_auto(ChangeResponseComment::Id))
                    .col(integer(ChangeResponseComment::ChangeResponseId))
                    .col(integer(ChangeResponseComment::CommentId))
                    // When the author was told; empty when they did not ask or gave no address.
                    .col(timestamp_with_time_zone_null(
                        ChangeResponseComment::NotifiedAt,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ChangeResponseComment::Table,
                                ChangeResponseComment::ChangeResponseId,
                            )
                            .to(ChangeResponse::Table, ChangeResponse::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ChangeResponseComment::Table,
                                ChangeResponseComment::CommentId,
                            )
                            .to(Comment::Table, Comment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_change_response_comment_pair")
                    .table(ChangeResponseComment::Table)
                    .col(ChangeResponseComment::ChangeResponseId)
                    .col(ChangeResponseComment::CommentId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A comment's page asks "which changes did this shape?".
        manager
            .create_index(
                Index::create()
                    .name("idx_change_response_comment_by_comment")
                    .table(ChangeResponseComment::Table)
                    .col(ChangeResponseComment::CommentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChangeResponseTheme::Table)
                    .if_not_exists()
                    .col(pk_auto(ChangeResponseTheme::Id))
                    .col(integer(ChangeResponseTheme::ChangeResponseId))
                    .col(integer(ChangeResponseTheme::ThemeId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ChangeResponseTheme::Table,
                                ChangeResponseTheme::ChangeResponseId,
                            )
                            .to(ChangeResponse::Table, ChangeResponse::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeResponseTheme::Table, ChangeResponseTheme::ThemeId)
                            .to(Theme::Table, Theme::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_change_response_theme_pair")
                    .table(ChangeResponseTheme::Table)
                    .col(ChangeResponseTheme::ChangeResponseId)
                    .col(ChangeResponseTheme::ThemeId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ChangeResponseTheme::Table.into_iden(),
            ChangeResponseComment::Table.into_iden(),
            ChangeResponse::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [Comment::NotifyOnChange, Comment::ParagraphText] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Comment::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    Id,
    ParagraphText,
    NotifyOnChange,
}

#[derive(DeriveIden)]
enum SectionVersion {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Theme {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ChangeResponse {
    Table,
    Id,
    SectionVersionId,
    ParagraphAnchor,
    PassageText,
    ExplanationEn,
    ExplanationEs,
    ExplanationRu,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ChangeResponseComment {
    Table,
    Id,
    ChangeResponseId,
    CommentId,
    NotifiedAt,
}

#[derive(DeriveIden)]
enum ChangeResponseTheme {
    Table,
    Id,
    ChangeResponseId,
    ThemeId,
}
