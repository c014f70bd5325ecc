//! A failed form's errors and kept input, held for a few minutes under a random key (a cookie)
//! instead of in the address of the page the browser goes back to.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormFlash::Table)
                    .if_not_exists()
                    .col(string(FormFlash::KeyHash).primary_key())
                    .col(string(FormFlash::Page))
                    .col(string(FormFlash::FnPath))
                    .col(text(FormFlash::Error))
                    .col(timestamp_with_time_zone(FormFlash::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormFlash::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum FormFlash {
    Table,
    KeyHash,
    Page,
    FnPath,
    Error,
    ExpiresAt,
}
