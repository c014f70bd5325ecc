//! One attachment per outbox email: the calendar invitation of a meeting RSVP.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            string_null(OutboxMessage::AttachmentName),
            string_null(OutboxMessage::AttachmentType),
            text_null(OutboxMessage::AttachmentBody),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(OutboxMessage::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            OutboxMessage::AttachmentName,
            OutboxMessage::AttachmentType,
            OutboxMessage::AttachmentBody,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OutboxMessage::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    AttachmentName,
    AttachmentType,
    AttachmentBody,
}
