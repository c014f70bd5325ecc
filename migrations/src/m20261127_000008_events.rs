//! Community meetings and the RSVPs to them (capacity, waitlist, accommodations, manage links).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Event::Table)
                    .col(pk_auto(Event::Id))
                    .col(integer(Event::ConsultationId))
                    .col(string(Event::Slug).unique_key())
                    .col(string(Event::Title))
                    .col(text(Event::DescriptionMarkdown))
                    .col(text(Event::DescriptionHtml))
                    .col(timestamp_with_time_zone(Event::StartsAt))
                    .col(timestamp_with_time_zone(Event::EndsAt))
                    .col(string(Event::Format))
                    .col(string_null(Event::VenueName))
                    .col(string_null(Event::VenueAddress))
                    .col(string_null(Event::OnlineUrl))
                    .col(integer_null(Event::Capacity))
                    .col(timestamp_with_time_zone_null(Event::RsvpDeadline))
                    .col(string(Event::Languages))
                    .col(text(Event::AccessibilityNotes))
                    .col(string(Event::Status))
                    // Bumped by every RSVP change: the first write of the transaction takes the row
                    // lock, so seat counts are read and written by one RSVP at a time.
                    .col(integer(Event::Revision).default(0))
                    .col(timestamp_with_time_zone(Event::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Event::Table, Event::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rsvp::Table)
                    .col(pk_auto(Rsvp::Id))
                    .col(integer(Rsvp::EventId))
                    .col(string_null(Rsvp::Reference).unique_key())
                    .col(string(Rsvp::TokenHash).unique_key())
                    .col(string(Rsvp::Name))
                    .col(string(Rsvp::Email))
                    .col(string_null(Rsvp::Phone))
                    .col(integer(Rsvp::PartySize))
                    .col(string(Rsvp::StakeholderGroup))
                    .col(string_null(Rsvp::StakeholderOther))
                    .col(string_null(Rsvp::Zip))
                    .col(string(Rsvp::Accommodations))
                    .col(string_null(Rsvp::AccommodationOther))
                    .col(boolean(Rsvp::ReminderConsent))
                    .col(string(Rsvp::Status))
                    .col(string(Rsvp::Locale))
                    .col(timestamp_with_time_zone(Rsvp::CreatedAt))
                    .col(timestamp_with_time_zone(Rsvp::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Rsvp::ReminderSentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rsvp::Table, Rsvp::EventId)
                            .to(Event::Table, Event::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rsvp_event_status")
                    .table(Rsvp::Table)
                    .col(Rsvp::EventId)
                    .col(Rsvp::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Rsvp::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Event::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Event {
    Table,
    Id,
    ConsultationId,
    Slug,
    Title,
    DescriptionMarkdown,
    DescriptionHtml,
    StartsAt,
    EndsAt,
    Format,
    VenueName,
    VenueAddress,
    OnlineUrl,
    Capacity,
    RsvpDeadline,
    Languages,
    AccessibilityNotes,
    Status,
    Revision,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Rsvp {
    Table,
    Id,
    EventId,
    Reference,
    TokenHash,
    Name,
    Email,
    Phone,
    PartySize,
    StakeholderGroup,
    StakeholderOther,
    Zip,
    Accommodations,
    AccommodationOther,
    ReminderConsent,
    Status,
    Locale,
    CreatedAt,
    UpdatedAt,
    ReminderSentAt,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}
