//! The consultation's timeline steps and its FAQ, managed by admins.
//!
//! A timeline step's English is in its row and its Spanish and Russian in `content_translation`
//! (subject `timeline_step`), like the rest of the pack's words: they come from the pack's files
//! and are checked against the English they translate. FAQ entries are written by staff in one
//! form in the three languages at once, so each language has its own columns; an empty Spanish or
//! Russian pair means "not translated" and readers get the English.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TimelineStep::Table)
                    .if_not_exists()
                    .col(pk_auto(TimelineStep::Id))
                    .col(integer(TimelineStep::ConsultationId))
                    // The pack's name for the step: the key of its translations and its anchor.
                    .col(string(TimelineStep::Key))
                    .col(integer(TimelineStep::Position))
                    .col(string(TimelineStep::Title))
                    .col(text(TimelineStep::Summary).default(""))
                    // Markdown, rendered and sanitised when shown.
                    .col(text(TimelineStep::WhatHappened).default(""))
                    .col(date_null(TimelineStep::StartsOn))
                    .col(date_null(TimelineStep::EndsOn))
                    // The step is the consultation's comment period: its dates are the
                    // consultation's, read at each view, so they never drift apart.
                    .col(boolean(TimelineStep::PhaseDates).default(false))
                    // past, current or upcoming when the pack says so; otherwise worked out from
                    // the dates and the neighbouring steps.
                    .col(string_null(TimelineStep::Status))
                    // JSON list of {"label", "url"}: documents and portal pages about the step.
                    .col(text(TimelineStep::Links).default("[]"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TimelineStep::Table, TimelineStep::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_timeline_step_key")
                    .table(TimelineStep::Table)
                    .col(TimelineStep::ConsultationId)
                    .col(TimelineStep::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FaqEntry::Table)
                    .if_not_exists()
                    .col(pk_auto(FaqEntry::Id))
                    .col(integer(FaqEntry::ConsultationId))
                    // The entry's `id` on the public page (`/faq#is-my-email-public`); kept when
                    // the question is edited, so links people shared keep working.
                    .col(string(FaqEntry::Anchor))
                    .col(integer(FaqEntry::Position))
                    .col(text(FaqEntry::QuestionEn))
                    .col(text(FaqEntry::AnswerEn))
                    .col(text(FaqEntry::QuestionEs).default(""))
                    .col(text(FaqEntry::AnswerEs).default(""))
                    .col(text(FaqEntry::QuestionRu).default(""))
                    .col(text(FaqEntry::AnswerRu).default(""))
                    .col(boolean(FaqEntry::Published).default(false))
                    .col(timestamp_with_time_zone(FaqEntry::UpdatedAt))
                    // The staff account that last saved it; empty for the pack's own entries.
                    .col(integer_null(FaqEntry::UpdatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FaqEntry::Table, FaqEntry::ConsultationId)
                            .to(Consultation::Table, Consultation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_faq_entry_anchor")
                    .table(FaqEntry::Table)
                    .col(FaqEntry::ConsultationId)
                    .col(FaqEntry::Anchor)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_faq_entry_position")
                    .table(FaqEntry::Table)
                    .col(FaqEntry::ConsultationId)
                    .col(FaqEntry::Position)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FaqEntry::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TimelineStep::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TimelineStep {
    Table,
    Id,
    ConsultationId,
    Key,
    Position,
    Title,
    Summary,
    WhatHappened,
    StartsOn,
    EndsOn,
    PhaseDates,
    Status,
    Links,
}

#[derive(DeriveIden)]
enum FaqEntry {
    Table,
    Id,
    ConsultationId,
    Anchor,
    Position,
    QuestionEn,
    AnswerEn,
    QuestionEs,
    AnswerEs,
    QuestionRu,
    AnswerRu,
    Published,
    UpdatedAt,
    UpdatedBy,
}
