//! A stored outbox row as the email that is sent: headers kept to one line, a text and an HTML
//! part, the stored Message-ID, an attachment and the one-click unsubscribe headers when it has them.

use super::single_line;
use crate::backend::entity::outbox_message;
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

fn decode_mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, String> {
    let address = address.parse().map_err(|e| format!("bad address: {e}"))?;
    Ok(Mailbox::new(
        name.map(single_line).filter(|n| !n.is_empty()),
        address,
    ))
}

/// Builds the email exactly as stored; the same row always gives the same Message-ID.
pub fn build_message(message: &outbox_message::Model, from: &Mailbox) -> Result<Message, String> {
    let to = decode_mailbox(message.to_name.as_deref(), &message.to_address)?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(single_line(&message.subject))
        .message_id(Some(message.message_id.clone()))
        .date(message.created_at.into());
    if let Some(encoded) = &message.reply_to {
        let (name, address) = match encoded.split_once('\u{1f}') {
            Some((name, address)) => (Some(name), address),
            None => (None, encoded.as_str()),
        };
        builder = builder.reply_to(decode_mailbox(name, address)?);
    }
    if let Some(url) = &message.list_unsubscribe {
        use lettre::message::header::{HeaderName, HeaderValue};
        // RFC 8058: mail clients offer "Unsubscribe" and POST `List-Unsubscribe=One-Click` there.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{}>", single_line(url)),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    let body =
        MultiPart::alternative_plain_html(message.text_body.clone(), message.html_body.clone());
    let body = match (
        &message.attachment_name,
        &message.attachment_type,
        &message.attachment_body,
    ) {
        (Some(name), Some(content_type), Some(content)) => {
            let content_type = lettre::message::header::ContentType::parse(content_type)
                .map_err(|e| format!("bad attachment type {content_type}: {e}"))?;
            MultiPart::mixed().multipart(body).singlepart(
                lettre::message::Attachment::new(name.clone()).body(content.clone(), content_type),
            )
        }
        _ => body,
    };
    builder
        .multipart(body)
        .map_err(|e| format!("cannot build message: {e}"))
}

/// Escapes text for the HTML part; every person-supplied string goes through this.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain paragraphs (blank-line separated) as escaped HTML, line breaks kept.
pub fn paragraphs_html(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", html_escape(p.trim()).replace('\n', "<br>")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_parts_escape_what_people_wrote() {
        assert_eq!(
            paragraphs_html("<script>x</script>\n\nsecond & \"last\""),
            "<p>&lt;script&gt;x&lt;/script&gt;</p>\n<p>second &amp; &quot;last&quot;</p>"
        );
    }
}
