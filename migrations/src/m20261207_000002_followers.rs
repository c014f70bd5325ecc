//! Followers of the consultation or a section (double opt-in, per language) and the updates staff send them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Follower::Table)
                    .if_not_exists()
                    .col(pk_auto(Follower::Id))
                    .col(integer(Follower::ConsultationId))
                    // Empty: the whole consultation; otherwise one section of it.
                    .col(integer_null(Follower::SectionId))
                    // Emptied when the person unsubscribes.
                    .col(string(Follower::Email))
                    .col(string(Follower::Locale))
                    .col(string_null(Follower::ConfirmTokenHash).unique_key())
                    // Set once confirmed: pending followers get no updates, so need no link.
                    .col(string_null(Follower::UnsubscribeTokenHash).unique_key())
                    .col(timestamp_with_time_zone(Follower::CreatedAt))
                    .col(timestamp_with_time_zone_null(Follower::ConfirmedAt))
                    .col(timestamp_with_time_zone_null(Follower::UnsubscribedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Follower::Table, Follower::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Follower::Table, Follower::SectionId)
                            .to(Section::Table, Section::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One active subscription per address and target. NULLs are distinct in a unique index,
        // so following the whole consultation and following a section get one partial index each.
        manager
            .create_index(
                Index::create()
                    .name("idx_follower_active_consultation")
                    .table(Follower::Table)
                    .col(Follower::ConsultationId)
                    .col(Follower::Email)
                    .unique()
                    .and_where(Expr::col(Follower::SectionId).is_null())
                    .and_where(Expr::col(Follower::UnsubscribedAt).is_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follower_active_section")
                    .table(Follower::Table)
                    .col(Follower::SectionId)
                    .col(Follower::Email)
                    .unique()
                    .and_where(Expr::col(Follower::SectionId).is_not_null())
                    .and_where(Expr::col(Follower::UnsubscribedAt).is_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FollowerUpdate::Table)
                    .if_not_exists()
                    .col(pk_auto(FollowerUpdate::Id))
                    .col(integer(FollowerUpdate::ConsultationId))
                    .col(integer_null(FollowerUpdate::SectionId))
                    // update, new_version, new_meeting, results or final_report.
                    .col(string(FollowerUpdate::Kind))
                    .col(string(FollowerUpdate::SubjectEn))
                    .col(text(FollowerUpdate::BodyEn))
                    .col(string_null(FollowerUpdate::SubjectEs))
                    .col(text_null(FollowerUpdate::BodyEs))
                    .col(string_null(FollowerUpdate::SubjectRu))
                    .col(text_null(FollowerUpdate::BodyRu))
                    .col(string_null(FollowerUpdate::LinkPath))
                    .col(timestamp_with_time_zone(FollowerUpdate::SentAt))
                    .col(integer_null(FollowerUpdate::SentBy))
                    .col(integer(FollowerUpdate::RecipientCount))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FollowerUpdate::Table, FollowerUpdate::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FollowerUpdate::Table, FollowerUpdate::SectionId)
                            .to(Section::Table, Section::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follower_update_sent_at")
                    .table(FollowerUpdate::Table)
                    .col(FollowerUpdate::ConsultationId)
                    .col(FollowerUpdate::SentAt)
                    .to_owned(),
            )
            .await?;
        // RFC 8058 one-click unsubscribe: the address that goes in List-Unsubscribe.
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(string_null(OutboxMessage::ListUnsubscribe))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .drop_column(OutboxMessage::ListUnsubscribe)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(FollowerUpdate::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Follower::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Follower {
    Table,
    Id,
    ConsultationId,
    SectionId,
    Email,
    Locale,
    ConfirmTokenHash,
    UnsubscribeTokenHash,
    CreatedAt,
    ConfirmedAt,
    UnsubscribedAt,
}

#[derive(DeriveIden)]
enum FollowerUpdate {
    Table,
    Id,
    ConsultationId,
    SectionId,
    Kind,
    SubjectEn,
    BodyEn,
    SubjectEs,
    BodyEs,
    SubjectRu,
    BodyRu,
    LinkPath,
    SentAt,
    SentBy,
    RecipientCount,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Section {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    ListUnsubscribe,
}
