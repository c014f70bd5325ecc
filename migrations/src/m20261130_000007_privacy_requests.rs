//! Residents' privacy requests: an inquiry's and a survey response's own link (SHA-256 only),
//! requests made by email
//! address and confirmed from that mailbox, the portal-wide staff settings, and the last TOTP step
//! each account used (so a code cannot be replayed within its window).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Inquiry::Table)
                    .add_column(string_null(Inquiry::ManageTokenHash))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiry_manage_token_hash")
                    .table(Inquiry::Table)
                    .col(Inquiry::ManageTokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SurveyResponse::Table)
                    .add_column(string_null(SurveyResponse::ManageTokenHash))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_response_manage_token_hash")
                    .table(SurveyResponse::Table)
                    .col(SurveyResponse::ManageTokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StaffAccount::Table)
                    .add_column(big_integer_null(StaffAccount::TotpLastStep))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PrivacyRequest::Table)
                    .if_not_exists()
                    .col(pk_auto(PrivacyRequest::Id))
                    .col(string(PrivacyRequest::Kind))
                    .col(string(PrivacyRequest::Status))
                    // Emptied once the request is handled.
                    .col(string(PrivacyRequest::Email))
                    .col(string(PrivacyRequest::Locale))
                    .col(string_null(PrivacyRequest::TokenHash).unique_key())
                    .col(timestamp_with_time_zone(PrivacyRequest::CreatedAt))
                    .col(timestamp_with_time_zone_null(PrivacyRequest::ConfirmedAt))
                    .col(timestamp_with_time_zone_null(PrivacyRequest::HandledAt))
                    .col(integer_null(PrivacyRequest::HandledBy))
                    .col(string_null(PrivacyRequest::Outcome))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_privacy_request_status")
                    .table(PrivacyRequest::Table)
                    .col(PrivacyRequest::Status)
                    .col(PrivacyRequest::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PortalSetting::Table)
                    .if_not_exists()
                    .col(string(PortalSetting::Name).primary_key())
                    .col(string(PortalSetting::Value))
                    .col(timestamp_with_time_zone(PortalSetting::UpdatedAt))
                    .col(integer_null(PortalSetting::UpdatedBy))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PortalSetting::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PrivacyRequest::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StaffAccount::Table)
                    .drop_column(StaffAccount::TotpLastStep)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_survey_response_manage_token_hash")
                    .table(SurveyResponse::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SurveyResponse::Table)
                    .drop_column(SurveyResponse::ManageTokenHash)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_inquiry_manage_token_hash")
                    .table(Inquiry::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Inquiry::Table)
                    .drop_column(Inquiry::ManageTokenHash)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Inquiry {
    Table,
    ManageTokenHash,
}

#[derive(DeriveIden)]
enum SurveyResponse {
    Table,
    ManageTokenHash,
}

#[derive(DeriveIden)]
enum StaffAccount {
    Table,
    TotpLastStep,
}

#[derive(DeriveIden)]
enum PrivacyRequest {
    Table,
    Id,
    Kind,
    Status,
    Email,
    Locale,
    TokenHash,
    CreatedAt,
    ConfirmedAt,
    HandledAt,
    HandledBy,
    Outcome,
}

#[derive(DeriveIden)]
enum PortalSetting {
    Table,
    Name,
    Value,
    UpdatedAt,
    UpdatedBy,
}
