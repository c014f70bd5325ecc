//! Integration tests: the real application on a random port, a fresh database per test, HTTP in between.
//! `ENGAGE_TEST_DATABASE_URL=postgres://...` runs the same tests on PostgreSQL.

mod backup;
mod comments;
mod concurrency;
mod dashboard;
mod events;
mod feedback;
mod health;
mod helpers;
mod home;
mod hostile;
mod i18n;
mod inquiries;
mod instances;
mod meetings;
mod meetings_staff;
mod metrics;
mod moderation;
mod outbox;
mod privacy;
mod retention;
mod search;
mod sections;
mod security;
mod smtp;
mod staff_accounts;
mod staff_auth;
mod strategy;
mod survey_builder;
mod survey_staff;
mod surveys;
mod time_zone;
mod translations;
mod you_said;
