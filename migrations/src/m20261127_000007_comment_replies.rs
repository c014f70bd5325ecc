//! The City's official replies under published comments.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommentReply::Table)
                    .col(pk_auto(CommentReply::Id))
                    .col(integer(CommentReply::CommentId))
                    .col(integer_null(CommentReply::StaffAccountId))
                    .col(text(CommentReply::Body))
                    .col(timestamp_with_time_zone(CommentReply::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentReply::Table, CommentReply::CommentId)
                            .to(Comment::Table, Comment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_reply_comment")
                    .table(CommentReply::Table)
                    .col(CommentReply::CommentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CommentReply::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CommentReply {
    Table,
    Id,
    CommentId,
    StaffAccountId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    Id,
}
