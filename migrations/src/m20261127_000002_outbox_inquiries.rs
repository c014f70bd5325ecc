//! The email outbox (with every delivery attempt), inquiries with their notes and replies, and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessage::Table)
                    .col(pk_auto(OutboxMessage::Id))
                    .col(string_uniq(OutboxMessage::MessageId))
                    .col(string(OutboxMessage::Kind))
                    .col(string(OutboxMessage::ToAddress))
                    .col(string_null(OutboxMessage::ToName))
                    .col(string_null(OutboxMessage::ReplyTo))
                    .col(string(OutboxMessage::Subject))
                    .col(text(OutboxMessage::TextBody))
                    .col(text(OutboxMessage::HtmlBody))
                    .col(string(OutboxMessage::Status))
                    .col(integer(OutboxMessage::Attempts).default(0))
                    .col(timestamp_with_time_zone(OutboxMessage::NextAttemptAt))
                    .col(string_null(OutboxMessage::LockedBy))
                    .col(timestamp_with_time_zone_null(OutboxMessage::LockedUntil))
                    .col(text_null(OutboxMessage::LastError))
                    .col(timestamp_with_time_zone(OutboxMessage::CreatedAt))
                    .col(timestamp_with_time_zone_null(OutboxMessage::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_message_due")
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::Status)
                    .col(OutboxMessage::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OutboxAttempt::Table)
                    .col(pk_auto(OutboxAttempt::Id))
                    .col(integer(OutboxAttempt::OutboxMessageId))
                    .col(string(OutboxAttempt::Worker))
                    .col(timestamp_with_time_zone(OutboxAttempt::AttemptedAt))
                    .col(boolean(OutboxAttempt::Succeeded))
                    .col(text_null(OutboxAttempt::Error))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OutboxAttempt::Table, OutboxAttempt::OutboxMessageId)
                            .to(OutboxMessage::Table, OutboxMessage::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_attempt_message")
                    .table(OutboxAttempt::Table)
                    .col(OutboxAttempt::OutboxMessageId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Inquiry::Table)
                    .col(pk_auto(Inquiry::Id))
                    .col(string_null(Inquiry::Reference).unique_key())
                    .col(string(Inquiry::Name))
                    .col(string(Inquiry::Email))
                    .col(string_null(Inquiry::Phone))
                    .col(string(Inquiry::ReplyChannel))
                    .col(string(Inquiry::StakeholderGroup))
                    .col(string_null(Inquiry::StakeholderOther))
                    .col(string_null(Inquiry::Zip))
                    .col(string(Inquiry::Topic))
                    .col(text(Inquiry::Message))
                    .col(boolean(Inquiry::ConsentToContact))
                    .col(string(Inquiry::Locale))
                    .col(string(Inquiry::Status))
                    .col(integer_null(Inquiry::AssigneeId))
                    .col(timestamp_with_time_zone(Inquiry::CreatedAt))
                    .col(timestamp_with_time_zone(Inquiry::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inquiry::Table, Inquiry::AssigneeId)
                            .to(StaffAccount::Table, StaffAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiry_status_created")
                    .table(Inquiry::Table)
                    .col(Inquiry::Status)
                    .col(Inquiry::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(InquiryEntry::Table)
                    .col(pk_auto(InquiryEntry::Id))
                    .col(integer(InquiryEntry::InquiryId))
                    .col(string(InquiryEntry::Kind))
                    .col(integer_null(InquiryEntry::StaffAccountId))
                    .col(text(InquiryEntry::Body))
                    .col(integer_null(InquiryEntry::OutboxMessageId))
                    .col(timestamp_with_time_zone(InquiryEntry::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InquiryEntry::Table, InquiryEntry::InquiryId)
                            .to(Inquiry::Table, Inquiry::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InquiryEntry::Table, InquiryEntry::StaffAccountId)
                            .to(StaffAccount::Table, StaffAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiry_entry_inquiry")
                    .table(InquiryEntry::Table)
                    .col(InquiryEntry::InquiryId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(integer_null(AuditLog::StaffAccountId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::RecordType))
                    .col(integer(AuditLog::RecordId))
                    .col(text_null(AuditLog::Detail))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditLog::Table, AuditLog::StaffAccountId)
                            .to(StaffAccount::Table, StaffAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            InquiryEntry::Table.into_iden(),
            Inquiry::Table.into_iden(),
            OutboxAttempt::Table.into_iden(),
            OutboxMessage::Table.into_iden(),
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
}

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    Id,
    MessageId,
    Kind,
    ToAddress,
    ToName,
    ReplyTo,
    Subject,
    TextBody,
    HtmlBody,
    Status,
    Attempts,
    NextAttemptAt,
    LockedBy,
    LockedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum OutboxAttempt {
    Table,
    Id,
    OutboxMessageId,
    Worker,
    AttemptedAt,
    Succeeded,
    Error,
}

#[derive(DeriveIden)]
enum Inquiry {
    Table,
    Id,
    Reference,
    Name,
    Email,
    Phone,
    ReplyChannel,
    StakeholderGroup,
    StakeholderOther,
    Zip,
    Topic,
    Message,
    ConsentToContact,
    Locale,
    Status,
    AssigneeId,
    CreatedAt,
    UpdatedAt,
}

/// An internal note or a reply in an inquiry's thread.
#[derive(DeriveIden)]
enum InquiryEntry {
    Table,
    Id,
    InquiryId,
    Kind,
    StaffAccountId,
    Body,
    OutboxMessageId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    StaffAccountId,
    Action,
    RecordType,
    RecordId,
    Detail,
    CreatedAt,
}
