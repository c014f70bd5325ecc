//! The consultation's time zone (IANA name), so meetings, reminders and calendars follow the city
//! running it. Existing rows were West Hollywood's, which is what the code assumed until now.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Consultation::Table)
                    .add_column(string(Consultation::TimeZone).default("America/Los_Angeles"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Consultation::Table)
                    .drop_column(Consultation::TimeZone)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    TimeZone,
}
