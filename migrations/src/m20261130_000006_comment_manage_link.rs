//! A comment's own link, sent to its author, to see, withdraw or delete it (its SHA-256 only).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Comment::Table)
                    .add_column(string_null(Comment::ManageTokenHash))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_manage_token_hash")
                    .table(Comment::Table)
                    .col(Comment::ManageTokenHash)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_comment_manage_token_hash")
                    .table(Comment::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Comment::Table)
                    .drop_column(Comment::ManageTokenHash)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    ManageTokenHash,
}
