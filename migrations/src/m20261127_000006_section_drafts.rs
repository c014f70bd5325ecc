//! A section's unpublished draft: staff save and preview it, then publish it as the next version.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            text_null(Section::DraftTitle),
            text_null(Section::DraftSummary),
            text_null(Section::DraftMarkdown),
            timestamp_with_time_zone_null(Section::DraftSavedAt),
            integer_null(Section::DraftSavedBy),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Section::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Section::DraftTitle,
            Section::DraftSummary,
            Section::DraftMarkdown,
            Section::DraftSavedAt,
            Section::DraftSavedBy,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Section::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Section {
    Table,
    DraftTitle,
    DraftSummary,
    DraftMarkdown,
    DraftSavedAt,
    DraftSavedBy,
}
