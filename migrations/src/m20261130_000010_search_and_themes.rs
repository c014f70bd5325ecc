//! Making sense of the feedback: one searchable row per thing people wrote (a comment, a written
//! survey answer, an inquiry), full-text indexed by the database itself; the codebook of themes,
//! the tags staff put on what people wrote, the suggestions they turned down; and the staff who
//! asked for a daily digest.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FeedbackItem::Table)
                    .if_not_exists()
                    .col(pk_auto(FeedbackItem::Id))
                    .col(integer(FeedbackItem::ConsultationId))
                    .col(string(FeedbackItem::Kind))
                    .col(integer(FeedbackItem::SourceId))
                    // Empty outside survey answers: NULLs would not collide in the unique index.
                    .col(string(FeedbackItem::QuestionKey).default(""))
                    .col(integer_null(FeedbackItem::SectionId))
                    .col(integer_null(FeedbackItem::SurveyId))
                    .col(string(FeedbackItem::StakeholderGroup))
                    .col(string(FeedbackItem::Channel))
                    .col(string(FeedbackItem::Language))
                    .col(timestamp_with_time_zone(FeedbackItem::CreatedAt))
                    .col(text(FeedbackItem::Body))
                    // The words reduced to their stems in the item's language: what SQLite's FTS5
                    // indexes, since it has no Spanish or Russian stemmer of its own.
                    .col(text(FeedbackItem::Stems))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_feedback_item_source")
                    .table(FeedbackItem::Table)
                    .col(FeedbackItem::Kind)
                    .col(FeedbackItem::SourceId)
                    .col(FeedbackItem::QuestionKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_feedback_item_newest")
                    .table(FeedbackItem::Table)
                    .col(FeedbackItem::ConsultationId)
                    .col(FeedbackItem::CreatedAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                // The dictionary follows the language the person wrote in, so Spanish and Russian
                // word forms meet their stems; the column is kept by PostgreSQL in the same write.
                db.execute_unprepared(
                    "ALTER TABLE feedback_item ADD COLUMN search_vector tsvector GENERATED ALWAYS AS \
                     (to_tsvector(CASE language WHEN 'es' THEN 'spanish'::regconfig \
                     WHEN 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END, body)) STORED",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_feedback_item_search ON feedback_item USING GIN (search_vector)",
                )
                .await?;
            }
            _ => {
                // An external-content FTS5 table over the stems and the language (so one MATCH
                // reads each language's stems), kept in step by triggers: the index changes in the
                // transaction that changes the row.
                for statement in [
                    "CREATE VIRTUAL TABLE feedback_item_fts USING fts5(stems, language, \
                     content='feedback_item', content_rowid='id', \
                     tokenize='unicode61 remove_diacritics 2')",
                    "CREATE TRIGGER feedback_item_fts_insert AFTER INSERT ON feedback_item BEGIN \
                     INSERT INTO feedback_item_fts(rowid, stems, language) \
                     VALUES (new.id, new.stems, new.language); END",
                    "CREATE TRIGGER feedback_item_fts_delete AFTER DELETE ON feedback_item BEGIN \
                     INSERT INTO feedback_item_fts(feedback_item_fts, rowid, stems, language) \
                     VALUES ('delete', old.id, old.stems, old.language); END",
                    "CREATE TRIGGER feedback_item_fts_update AFTER UPDATE ON feedback_item BEGIN \
                     INSERT INTO feedback_item_fts(feedback_item_fts, rowid, stems, language) \
                     VALUES ('delete', old.id, old.stems, old.language); \
                     INSERT INTO feedback_item_fts(rowid, stems, language) \
                     VALUES (new.id, new.stems, new.language); END",
                ] {
                    db.execute_unprepared(statement).await?;
                }
            }
        }

        manager
            .create_table(
                Table::create()
                    .table(Theme::Table)
                    .if_not_exists()
                    .col(pk_auto(Theme::Id))
                    .col(integer(Theme::ConsultationId))
                    .col(integer_null(Theme::ParentId))
                    .col(string(Theme::Name))
                    .col(text(Theme::Description).default(""))
                    .col(string(Theme::Colour))
                    .col(text(Theme::KeywordsEn).default(""))
                    .col(text(Theme::KeywordsEs).default(""))
                    .col(text(Theme::KeywordsRu).default(""))
                    .col(timestamp_with_time_zone(Theme::CreatedAt))
                    .col(timestamp_with_time_zone(Theme::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_theme_name")
                    .table(Theme::Table)
                    .col(Theme::ConsultationId)
                    .col(Theme::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for (table, name) in [
            (ThemeTag::Table, "idx_theme_tag_pair"),
            (ThemeTag::Dismissal, "idx_theme_dismissal_pair"),
        ] {
            let mut create = Table::create();
            create
                .table(table.clone())
                .if_not_exists()
                .col(pk_auto(ThemeTag::Id))
                .col(integer(ThemeTag::ThemeId))
                .col(integer(ThemeTag::ItemId))
                .col(integer_null(ThemeTag::StaffAccountId))
                .col(timestamp_with_time_zone(ThemeTag::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(table.clone(), ThemeTag::ThemeId)
                        .to(Theme::Table, Theme::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(table.clone(), ThemeTag::ItemId)
                        .to(FeedbackItem::Table, FeedbackItem::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                );
            manager.create_table(create.to_owned()).await?;
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table.clone())
                        .col(ThemeTag::ItemId)
                        .col(ThemeTag::ThemeId)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_theme_tag_theme")
                    .table(ThemeTag::Table)
                    .col(ThemeTag::ThemeId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StaffDigest::Table)
                    .if_not_exists()
                    .col(integer(StaffDigest::StaffAccountId).primary_key())
                    .col(timestamp_with_time_zone(StaffDigest::SubscribedAt))
                    // The language the person asked in, which the digest is written in.
                    .col(string(StaffDigest::Locale))
                    // The local day of the last digest: one a day, whichever instance sends it.
                    .col(string_null(StaffDigest::LastSentOn))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffDigest::Table).to_owned())
            .await?;
        for table in [ThemeTag::Dismissal, ThemeTag::Table] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Theme::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DbBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS feedback_item_fts")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(FeedbackItem::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum FeedbackItem {
    Table,
    Id,
    ConsultationId,
    Kind,
    SourceId,
    QuestionKey,
    SectionId,
    SurveyId,
    StakeholderGroup,
    Channel,
    Language,
    CreatedAt,
    Body,
    Stems,
}

#[derive(DeriveIden)]
enum Theme {
    Table,
    Id,
    ConsultationId,
    ParentId,
    Name,
    Description,
    Colour,
    KeywordsEn,
    KeywordsEs,
    KeywordsRu,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum ThemeTag {
    Table,
    #[sea_orm(iden = "theme_dismissal")]
    Dismissal,
    Id,
    ThemeId,
    ItemId,
    StaffAccountId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StaffDigest {
    Table,
    StaffAccountId,
    SubscribedAt,
    Locale,
    LastSentOn,
}
