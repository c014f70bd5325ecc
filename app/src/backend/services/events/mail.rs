//! The emails of an RSVP, in the person's language; confirmations and promotions carry the invitation.

use crate::backend::MailContext;
use crate::backend::entity::{event, rsvp};
use crate::backend::services::calendar::{self, CalendarContext, Method};
use crate::backend::services::outbox;
use crate::i18n::{Locale, translate_with};

/// An RSVP email in the person's language (`kind` names the template: `rsvp-confirmed` uses
/// `mail.rsvp_confirmed.*`); confirmations and promotions carry the calendar invitation, the
/// meeting's cancellation carries its withdrawal.
pub(super) fn rsvp_email(
    event: &event::Model,
    found: &rsvp::Model,
    token: Option<&str>,
    kind: &'static str,
    extra: &[(&str, String)],
    ctx: &MailContext,
) -> outbox::NewEmail {
    let key = format!("mail.{}", kind.replace('-', "_"));
    let locale = Locale::from_code(&found.locale).unwrap_or_default();
    let when = event
        .starts_at
        .with_timezone(&ctx.zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string();
    let place = match (&event.venue_name, &event.venue_address) {
        (Some(name), Some(address)) => format!("{name}, {address}"),
        (Some(name), None) => name.clone(),
        _ => event.online_url.clone().unwrap_or_else(|| "online".into()),
    };
    let manage = token
        .map(|t| format!("{}/events/{}/rsvp/{t}", ctx.public_url, event.slug))
        .unwrap_or_else(|| format!("{}/events/{}", ctx.public_url, event.slug));
    let mut args: Vec<(&str, String)> = vec![
        ("event", event.title.clone()),
        ("when", when),
        ("place", place),
        ("reference", found.reference.clone().unwrap_or_default()),
        ("party", found.party_size.to_string()),
        ("manage", manage),
        ("inbox", ctx.inbox.clone()),
    ];
    args.extend(extra.iter().cloned());
    let body = translate_with(locale, &format!("{key}.body"), &args);
    let (method, method_name) = match kind {
        "rsvp-confirmed" | "rsvp-promoted" => (
            Some(Method::Request {
                organizer: &ctx.inbox,
                attendee_name: &found.name,
                attendee_email: &found.email,
            }),
            "REQUEST",
        ),
        "event-cancelled" => (
            Some(Method::Cancel {
                organizer: &ctx.inbox,
                attendee_name: &found.name,
                attendee_email: &found.email,
            }),
            "CANCEL",
        ),
        _ => (None, ""),
    };
    let invitation = method.map(|method| outbox::Attachment {
        name: "invite.ics".into(),
        content_type: format!("text/calendar; charset=utf-8; method={method_name}"),
        body: calendar::calendar(
            std::slice::from_ref(event),
            method,
            &CalendarContext {
                host: &ctx.message_id_host,
                public_url: &ctx.public_url,
                include_online_link: true,
                zone: ctx.zone,
            },
        ),
    });
    outbox::NewEmail {
        kind,
        to_address: found.email.clone(),
        to_name: Some(found.name.clone()),
        reply_to: Some((None, ctx.inbox.clone())),
        subject: translate_with(locale, &format!("{key}.subject"), &args),
        html_body: outbox::paragraphs_html(&body),
        text_body: body,
        attachment: invitation,
    }
}

/// A message staff wrote to everyone registered for a meeting, or to its waitlist: their subject
/// and text as written, framed in the person's language with what the email is about and the
/// RSVP's reference (which is how erasing the RSVP finds this email again). `kind` is
/// `event-message` or `event-message-waitlist`; the waitlist's frame leaves out the place, whose
/// online link only registered people get.
pub(super) fn staff_message_email(
    event: &event::Model,
    found: &rsvp::Model,
    kind: &'static str,
    subject: &str,
    message: &str,
    ctx: &MailContext,
) -> outbox::NewEmail {
    // The message goes in last, so nothing staff wrote is read as a placeholder.
    let mut email = rsvp_email(
        event,
        found,
        None,
        kind,
        &[("message", message.into())],
        ctx,
    );
    email.subject = subject.to_string();
    email
}
