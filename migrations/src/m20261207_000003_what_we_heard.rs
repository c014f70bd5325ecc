//! What the public "What we heard" pages need: which survey results the City has chosen to publish,
//! and since when.

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
                    .table(Survey::Table)
                    .add_column(boolean(Survey::ResultsPublished).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Survey::Table)
                    .add_column(timestamp_with_time_zone_null(Survey::ResultsPublishedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Survey::Table)
                    .drop_column(Survey::ResultsPublishedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Survey::Table)
                    .drop_column(Survey::ResultsPublished)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    ResultsPublished,
    ResultsPublishedAt,
}
