//! Surveys (their pages and questions as one JSON definition) and the responses to them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Survey::Table)
                    .col(pk_auto(Survey::Id))
                    .col(integer(Survey::ConsultationId))
                    .col(string(Survey::Slug).unique_key())
                    .col(string(Survey::Title))
                    .col(text(Survey::IntroMarkdown))
                    .col(text(Survey::IntroHtml))
                    .col(string(Survey::Audience))
                    .col(timestamp_with_time_zone_null(Survey::OpensAt))
                    .col(timestamp_with_time_zone_null(Survey::ClosesAt))
                    .col(string(Survey::Status))
                    .col(boolean(Survey::AskContact))
                    .col(boolean(Survey::OnePerBrowser))
                    // Pages and questions; questions that have answers are closed, never removed.
                    .col(text(Survey::Definition))
                    .col(timestamp_with_time_zone(Survey::CreatedAt))
                    .col(timestamp_with_time_zone(Survey::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Survey::Table, Survey::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyResponse::Table)
                    .col(pk_auto(SurveyResponse::Id))
                    .col(integer(SurveyResponse::SurveyId))
                    .col(string_null(SurveyResponse::Reference).unique_key())
                    .col(string(SurveyResponse::DraftTokenHash).unique_key())
                    .col(string_null(SurveyResponse::BrowserHash))
                    .col(string(SurveyResponse::Status))
                    .col(text(SurveyResponse::Answers))
                    .col(string_null(SurveyResponse::StakeholderGroup))
                    .col(string_null(SurveyResponse::StakeholderOther))
                    .col(string_null(SurveyResponse::Zip))
                    .col(string(SurveyResponse::Identities))
                    .col(string_null(SurveyResponse::ContactName))
                    .col(string_null(SurveyResponse::ContactEmail))
                    .col(string(SurveyResponse::Locale))
                    .col(timestamp_with_time_zone(SurveyResponse::CreatedAt))
                    .col(timestamp_with_time_zone(SurveyResponse::UpdatedAt))
                    .col(timestamp_with_time_zone_null(SurveyResponse::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyResponse::Table, SurveyResponse::SurveyId)
                            .to(Survey::Table, Survey::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_response_survey_status")
                    .table(SurveyResponse::Table)
                    .col(SurveyResponse::SurveyId)
                    .col(SurveyResponse::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SurveyResponse::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Survey::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
    ConsultationId,
    Slug,
    Title,
    IntroMarkdown,
    IntroHtml,
    Audience,
    OpensAt,
    ClosesAt,
    Status,
    AskContact,
    OnePerBrowser,
    Definition,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SurveyResponse {
    Table,
    Id,
    SurveyId,
    Reference,
    DraftTokenHash,
    BrowserHash,
    Status,
    Answers,
    StakeholderGroup,
    StakeholderOther,
    Zip,
    Identities,
    ContactName,
    ContactEmail,
    Locale,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}
