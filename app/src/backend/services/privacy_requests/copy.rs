//! The copy of everything held about an address, written for the person it is about.

use super::holdings::{comments_of, follows_of, inquiries_of, responses_of, rsvps_of};
use crate::backend::MailContext;
use crate::backend::entity::{event, section, survey};
use crate::backend::services::{outbox, surveys};
use crate::i18n::{Locale, translate, translate_with};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// Lines of "label: value", skipping empty values.
struct Record {
    locale: Locale,
    text: String,
}

impl Record {
    fn heading(&mut self, key: &str, count: usize) {
        let count = count.to_string();
        self.text.push_str(&format!(
            "\n== {} ==\n",
            translate_with(self.locale, key, &[("count", count.as_str())])
        ));
    }

    fn line(&mut self, key: &str, value: &str) {
        if !value.trim().is_empty() {
            self.text.push_str(&format!(
                "{}: {}\n",
                translate(self.locale, key),
                value.trim()
            ));
        }
    }

    fn end(&mut self) {
        self.text.push('\n');
    }
}

pub(super) async fn copy_email(
    conn: &impl ConnectionTrait,
    address: &str,
    locale: Locale,
    ctx: &MailContext,
) -> Result<outbox::NewEmail, DbErr> {
    let mut record = Record {
        locale,
        text: translate_with(
            locale,
            "mail.privacy_copy.intro",
            &[("inbox", ctx.inbox.as_str())],
        ),
    };
    record.text.push('\n');

    let comments = comments_of(address).all(conn).await?;
    record.heading("privacy_copy.comments", comments.len());
    for found in &comments {
        let section = section::Entity::find_by_id(found.section_id)
            .one(conn)
            .await?
            .map(|s| s.title)
            .unwrap_or_default();
        record.line(
            "privacy_copy.reference",
            found.reference.as_deref().unwrap_or(""),
        );
        record.line("privacy_copy.section", &section);
        record.line("privacy_copy.sent", &ctx.wall_clock(found.created_at));
        record.line(
            "privacy_copy.status",
            &translate(locale, &format!("my_comment.status.{}", found.status)),
        );
        record.line("privacy_copy.display_name", &found.display_name);
        record.line("privacy_copy.zip", found.zip.as_deref().unwrap_or(""));
        record.line("privacy_copy.text", &found.body);
        record.end();
    }

    let rsvps = rsvps_of(address).all(conn).await?;
    record.heading("privacy_copy.rsvps", rsvps.len());
    for found in &rsvps {
        let meeting = event::Entity::find_by_id(found.event_id).one(conn).await?;
        record.line(
            "privacy_copy.reference",
            found.reference.as_deref().unwrap_or(""),
        );
        if let Some(meeting) = &meeting {
            record.line("privacy_copy.meeting", &meeting.title);
            record.line("privacy_copy.when", &ctx.wall_clock(meeting.starts_at));
        }
        record.line(
            "privacy_copy.status",
            &translate(locale, found.status.label_key()),
        );
        record.line("privacy_copy.name", &found.name);
        record.line("privacy_copy.phone", found.phone.as_deref().unwrap_or(""));
        record.line("privacy_copy.zip", found.zip.as_deref().unwrap_or(""));
        record.line("privacy_copy.party_size", &found.party_size.to_string());
        let needs = found
            .accommodations
            .split(',')
            .filter(|n| !n.is_empty())
            .map(|n| translate(locale, &format!("events.accommodation.{n}")))
            .chain(found.accommodation_other.clone())
            .collect::<Vec<_>>()
            .join(", ");
        record.line("privacy_copy.accommodations", &needs);
        record.end();
    }

    let responses = responses_of(address).all(conn).await?;
    record.heading("privacy_copy.responses", responses.len());
    for found in &responses {
        let Some(asked) = survey::Entity::find_by_id(found.survey_id)
            .one(conn)
            .await?
        else {
            continue;
        };
        record.line("privacy_copy.survey", &asked.title);
        record.line(
            "privacy_copy.reference",
            found.reference.as_deref().unwrap_or(""),
        );
        record.line(
            "privacy_copy.name",
            found.contact_name.as_deref().unwrap_or(""),
        );
        record.line("privacy_copy.zip", found.zip.as_deref().unwrap_or(""));
        record.line("privacy_copy.identities", &found.identities);
        if let Ok(definition) = surveys::definition(&asked) {
            let answers = surveys::answers_of(found);
            for question in definition.pages.iter().flat_map(|p| &p.questions) {
                let answer = surveys::answer_text(question, &answers);
                if !answer.is_empty() {
                    record
                        .text
                        .push_str(&format!("{}: {answer}\n", question.prompt));
                }
            }
        }
        record.end();
    }

    let inquiries = inquiries_of(address).all(conn).await?;
    record.heading("privacy_copy.inquiries", inquiries.len());
    for found in &inquiries {
        record.line(
            "privacy_copy.reference",
            found.reference.as_deref().unwrap_or(""),
        );
        record.line("privacy_copy.sent", &ctx.wall_clock(found.created_at));
        record.line(
            "privacy_copy.status",
            &translate(locale, found.status.label_key()),
        );
        record.line("privacy_copy.name", &found.name);
        record.line("privacy_copy.phone", found.phone.as_deref().unwrap_or(""));
        record.line("privacy_copy.zip", found.zip.as_deref().unwrap_or(""));
        record.line("privacy_copy.text", &found.message);
        record.end();
    }

    let follows = follows_of(address).all(conn).await?;
    record.heading("privacy_copy.follows", follows.len());
    for found in &follows {
        let what = crate::backend::services::followers::target_label(conn, found, locale).await?;
        record.line("privacy_copy.follows_what", &what);
        record.line("privacy_copy.sent", &ctx.wall_clock(found.created_at));
        if let Some(confirmed) = found.confirmed_at {
            record.line("privacy_copy.follows_confirmed", &ctx.wall_clock(confirmed));
        }
        record.end();
    }

    Ok(outbox::NewEmail {
        kind: "privacy-copy",
        to_address: address.to_string(),
        to_name: None,
        reply_to: Some((None, ctx.inbox.clone())),
        subject: translate(locale, "mail.privacy_copy.subject"),
        html_body: outbox::paragraphs_html(&record.text),
        text_body: record.text,
        attachment: None,
    })
}
