//! The emails an inquiry causes: the notification to the city's mailbox and the acknowledgement to the sender.

use super::NewInquiry;
use crate::backend::MailContext;
use crate::backend::services::outbox;
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{Locale, translate, translate_with};

pub fn reference(prefix: &str, year: i32, id: i32) -> String {
    format!("{prefix}-{year}-{id:05}")
}

pub(super) fn inbox_email(
    new: &NewInquiry,
    reference: &str,
    ctx: &MailContext,
) -> outbox::NewEmail {
    let en = |key: &str| translate(Locale::En, key);
    let group = match (&new.group, &new.group_other) {
        (StakeholderGroup::Other, Some(other)) => {
            format!("{} ({other})", en(new.group.label_key()))
        }
        (group, _) => en(group.label_key()),
    };
    let rows = [
        ("Reference", reference.to_string()),
        ("Name", new.name.clone()),
        ("Email", new.email.as_str().to_string()),
        ("Phone", new.phone.clone().unwrap_or_else(|| "-".into())),
        ("Preferred reply", en(new.reply_channel.label_key())),
        ("Stakeholder group", group),
        ("ZIP code", new.zip.clone().unwrap_or_else(|| "-".into())),
        ("Topic", en(new.topic.label_key())),
        ("Language", new.locale.native_name().to_string()),
    ];
    let mut text = String::new();
    let mut html = String::from("<table>");
    for (label, value) in &rows {
        text.push_str(&format!("{label}: {value}\n"));
        html.push_str(&format!(
            "<tr><th align=\"left\">{label}</th><td>{}</td></tr>",
            outbox::html_escape(value)
        ));
    }
    html.push_str("</table>");
    text.push_str(&format!(
        "\nMessage:\n{}\n\nAnswer it in the staff inbox: {}/staff/inquiries\n",
        new.message, ctx.public_url
    ));
    html.push_str(&format!(
        "<h2>Message</h2>{}<p>Answer it in the <a href=\"{}/staff/inquiries\">staff inbox</a>.</p>",
        outbox::paragraphs_html(&new.message),
        outbox::html_escape(&ctx.public_url)
    ));
    outbox::NewEmail {
        kind: "inquiry-inbox",
        to_address: ctx.inbox.clone(),
        to_name: None,
        reply_to: Some((Some(new.name.clone()), new.email.as_str().to_string())),
        subject: format!("[{reference}] {}: {}", en(new.topic.label_key()), new.name),
        text_body: text,
        attachment: None,
        html_body: html,
    }
}

pub(super) fn acknowledgement_email(
    new: &NewInquiry,
    reference: &str,
    manage_token: &str,
    ctx: &MailContext,
) -> outbox::NewEmail {
    let manage = format!("{}/your-inquiry/{manage_token}", ctx.public_url);
    // Nothing the sender wrote goes back out, not even their name: the form would otherwise
    // send text of anyone's choosing to any address under the City's From.
    let args = [
        ("reference", reference),
        ("inbox", ctx.inbox.as_str()),
        ("tty", ctx.tty_number.as_str()),
        ("manage", manage.as_str()),
    ];
    let body = translate_with(new.locale, "mail.ack.body", &args);
    outbox::NewEmail {
        kind: "inquiry-ack",
        to_address: new.email.as_str().to_string(),
        to_name: None,
        reply_to: Some((None, ctx.inbox.clone())),
        subject: translate_with(new.locale, "mail.ack.subject", &args),
        html_body: outbox::paragraphs_html(&body),
        text_body: body,
        attachment: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_human_and_sortable() {
        assert_eq!(reference("CSWB", 2026, 42), "CSWB-2026-00042");
    }
}
