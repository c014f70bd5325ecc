//! Staff accounts a city's IT department can run: one-time links (invitations, password resets),
//! two-factor sign-in with TOTP and recovery codes, and the half-finished sign-in between the
//! password and the code.

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
                    .table(StaffAccount::Table)
                    .add_column(string_null(StaffAccount::TotpSecret))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StaffAccount::Table)
                    .add_column(timestamp_with_time_zone_null(StaffAccount::TotpEnabledAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffToken::Table)
                    .if_not_exists()
                    .col(string(StaffToken::TokenHash).primary_key())
                    .col(integer(StaffToken::StaffAccountId))
                    .col(string(StaffToken::Purpose))
                    .col(timestamp_with_time_zone(StaffToken::ExpiresAt))
                    .col(timestamp_with_time_zone_null(StaffToken::UsedAt))
                    .col(timestamp_with_time_zone(StaffToken::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffToken::Table, StaffToken::StaffAccountId)
                            .to(StaffAccount::Table, StaffAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffRecoveryCode::Table)
                    .if_not_exists()
                    .col(pk_auto(StaffRecoveryCode::Id))
                    .col(integer(StaffRecoveryCode::StaffAccountId))
                    .col(string(StaffRecoveryCode::CodeHash))
                    .col(timestamp_with_time_zone_null(StaffRecoveryCode::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffRecoveryCode::Table, StaffRecoveryCode::StaffAccountId)
                            .to(StaffAccount::Table, StaffAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffChallenge::Table)
                    .if_not_exists()
                    .col(string(StaffChallenge::TokenHash).primary_key())
                    .col(integer(StaffChallenge::StaffAccountId))
                    .col(string(StaffChallenge::Purpose))
                    .col(string_null(StaffChallenge::PendingSecret))
                    .col(integer(StaffChallenge::Attempts).default(0))
                    .col(timestamp_with_time_zone(StaffChallenge::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffChallenge::Table, StaffChallenge::StaffAccountId)
                            .to(StaffAccount::Table, StaffAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StaffChallenge::Table.into_iden(),
            StaffRecoveryCode::Table.into_iden(),
            StaffToken::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [StaffAccount::TotpEnabledAt, StaffAccount::TotpSecret] {
            manager
                .alter_table(
                    Table::alter()
                        .table(StaffAccount::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum StaffAccount {
    Table,
    Id,
    TotpSecret,
    TotpEnabledAt,
}

#[derive(DeriveIden)]
enum StaffToken {
    Table,
    TokenHash,
    StaffAccountId,
    Purpose,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StaffRecoveryCode {
    Table,
    Id,
    StaffAccountId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum StaffChallenge {
    Table,
    TokenHash,
    StaffAccountId,
    Purpose,
    PendingSecret,
    Attempts,
    ExpiresAt,
}
