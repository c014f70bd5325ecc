//! Staff accounts, sessions, rate-limit events and the consultation shown on the home page.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffAccount::Table)
                    .col(pk_auto(StaffAccount::Id))
                    .col(string_uniq(StaffAccount::Email))
                    .col(string(StaffAccount::PasswordHash))
                    .col(string(StaffAccount::Role))
                    .col(boolean(StaffAccount::Active).default(true))
                    .col(timestamp_with_time_zone(StaffAccount::CreatedAt))
                    .col(timestamp_with_time_zone_null(StaffAccount::LastSignInAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StaffSession::Table)
                    .col(string(StaffSession::TokenHash).primary_key())
                    .col(integer(StaffSession::StaffAccountId))
                    .col(timestamp_with_time_zone(StaffSession::CreatedAt))
                    .col(timestamp_with_time_zone(StaffSession::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffSession::Table, StaffSession::StaffAccountId)
                            .to(StaffAccount::Table, StaffAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_staff_session_expires_at")
                    .table(StaffSession::Table)
                    .col(StaffSession::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateLimitEvent::Table)
                    .col(pk_auto(RateLimitEvent::Id))
                    .col(string(RateLimitEvent::Bucket))
                    .col(string(RateLimitEvent::KeyHash))
                    .col(timestamp_with_time_zone(RateLimitEvent::OccurredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_limit_event_lookup")
                    .table(RateLimitEvent::Table)
                    .col(RateLimitEvent::Bucket)
                    .col(RateLimitEvent::KeyHash)
                    .col(RateLimitEvent::OccurredAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consultation::Table)
                    .col(pk_auto(Consultation::Id))
                    .col(string_uniq(Consultation::Slug))
                    .col(string(Consultation::CityName))
                    .col(string(Consultation::Title))
                    .col(string(Consultation::ShortTitle))
                    .col(text(Consultation::Summary))
                    .col(string(Consultation::PhaseLabel))
                    .col(text(Consultation::PhaseSummary))
                    .col(date(Consultation::PhaseOpensOn))
                    .col(date(Consultation::PhaseClosesOn))
                    .col(timestamp_with_time_zone(Consultation::ImportedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServiceArea::Table)
                    .col(pk_auto(ServiceArea::Id))
                    .col(integer(ServiceArea::ConsultationId))
                    .col(integer(ServiceArea::Position))
                    .col(string(ServiceArea::Name))
                    .col(text(ServiceArea::Summary))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceArea::Table, ServiceArea::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ServiceArea::Table.into_iden(),
            Consultation::Table.into_iden(),
            RateLimitEvent::Table.into_iden(),
            StaffSession::Table.into_iden(),
            StaffAccount::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum StaffAccount {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    Active,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum StaffSession {
    Table,
    TokenHash,
    StaffAccountId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum RateLimitEvent {
    Table,
    Id,
    Bucket,
    KeyHash,
    OccurredAt,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
    Slug,
    CityName,
    Title,
    ShortTitle,
    Summary,
    PhaseLabel,
    PhaseSummary,
    PhaseOpensOn,
    PhaseClosesOn,
    ImportedAt,
}

#[derive(DeriveIden)]
enum ServiceArea {
    Table,
    Id,
    ConsultationId,
    Position,
    Name,
    Summary,
}
