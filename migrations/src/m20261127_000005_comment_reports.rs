//! Reports people make about published comments; enough of them hide a comment until a moderator decides.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommentReport::Table)
                    .col(pk_auto(CommentReport::Id))
                    .col(integer(CommentReport::CommentId))
                    .col(string(CommentReport::Reason))
                    .col(text_null(CommentReport::Note))
                    .col(string(CommentReport::ReporterHash))
                    .col(timestamp_with_time_zone(CommentReport::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentReport::Table, CommentReport::CommentId)
                            .to(Comment::Table, Comment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_report_once")
                    .table(CommentReport::Table)
                    .col(CommentReport::CommentId)
                    .col(CommentReport::ReporterHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CommentReport::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CommentReport {
    Table,
    Id,
    CommentId,
    Reason,
    Note,
    ReporterHash,
    CreatedAt,
}
