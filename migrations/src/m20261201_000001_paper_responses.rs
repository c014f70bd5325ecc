//! Survey responses keyed in by staff from paper forms: the channel they came through and who
//! entered them, so paper answers count in the same results as online ones and stay traceable.

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
                    .table(SurveyResponse::Table)
                    .add_column(string(SurveyResponse::Channel).default("online"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SurveyResponse::Table)
                    .add_column(integer_null(SurveyResponse::EnteredBy))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [SurveyResponse::EnteredBy, SurveyResponse::Channel] {
            manager
                .alter_table(
                    Table::alter()
                        .table(SurveyResponse::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SurveyResponse {
    Table,
    Channel,
    EnteredBy,
}
