//! Database schema for Engage, as sea-orm migrations that run on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_foundation;
mod m20261127_000002_outbox_inquiries;
mod m20261127_000003_strategy_sections;
mod m20261127_000004_comments;
mod m20261127_000005_comment_reports;
mod m20261127_000006_section_drafts;
mod m20261127_000007_comment_replies;
mod m20261127_000008_events;
mod m20261127_000009_outbox_attachments;
mod m20261127_000010_surveys;
mod m20261127_000011_comment_highlights;
mod m20261127_000012_comment_channel;
mod m20261130_000001_portal_secret;
mod m20261130_000002_form_flash;
mod m20261130_000003_session_last_seen;
mod m20261130_000004_consultation_time_zone;
mod m20261130_000005_staff_security;
mod m20261130_000006_comment_manage_link;
mod m20261130_000007_privacy_requests;
mod m20261130_000008_section_translations;
mod m20261130_000009_content_translations;
mod m20261130_000010_search_and_themes;
mod m20261201_000001_paper_responses;
mod m20261207_000001_change_responses;
mod m20261207_000002_followers;
mod m20261207_000003_what_we_heard;
mod m20261207_000004_timeline_faq;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_foundation::Migration),
            Box::new(m20261127_000002_outbox_inquiries::Migration),
            Box::new(m20261127_000003_strategy_sections::Migration),
            Box::new(m20261127_000004_comments::Migration),
            Box::new(m20261127_000005_comment_reports::Migration),
            Box::new(m20261127_000006_section_drafts::Migration),
            Box::new(m20261127_000007_comment_replies::Migration),
            Box::new(m20261127_000008_events::Migration),
            Box::new(m20261127_000009_outbox_attachments::Migration),
            Box::new(m20261127_000010_surveys::Migration),
            Box::new(m20261127_000011_comment_highlights::Migration),
            Box::new(m20261127_000012_comment_channel::Migration),
            Box::new(m20261130_000001_portal_secret::Migration),
            Box::new(m20261130_000002_form_flash::Migration),
            Box::new(m20261130_000003_session_last_seen::Migration),
            Box::new(m20261130_000004_consultation_time_zone::Migration),
            Box::new(m20261130_000005_staff_security::Migration),
            Box::new(m20261130_000006_comment_manage_link::Migration),
            Box::new(m20261130_000007_privacy_requests::Migration),
            Box::new(m20261130_000008_section_translations::Migration),
            Box::new(m20261130_000009_content_translations::Migration),
            Box::new(m20261130_000010_search_and_themes::Migration),
            Box::new(m20261201_000001_paper_responses::Migration),
            Box::new(m20261207_000001_change_responses::Migration),
            Box::new(m20261207_000002_followers::Migration),
            Box::new(m20261207_000003_what_we_heard::Migration),
            Box::new(m20261207_000004_timeline_faq::Migration),
        ]
    }
}
