//! Spreadsheet-safe exports: a cell a spreadsheet would run as a formula is defused, quoting follows
//! RFC 4180 (the csv crate), and files start with a BOM so Excel reads UTF-8.

use crate::error::AppError;
use std::borrow::Cow;

pub const UTF8_BOM: &str = "\u{FEFF}";

/// A leading `=`, `+`, `-`, `@`, tab or carriage return makes spreadsheets treat a cell as a
/// formula (OWASP "CSV injection"); an apostrophe in front makes it plain text.
pub fn guard_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// A whole CSV file in memory: BOM, header, rows, every cell guarded. For small exports (one
/// meeting's attendees); the big datasets stream row by row instead.
pub fn csv_document<I, R>(header: &[&str], rows: I) -> Result<Vec<u8>, csv::Error>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut out = UTF8_BOM.as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(header)?;
        for row in rows {
            let cells: Vec<String> = row
                .into_iter()
                .map(|cell| guard_cell(&cell).into_owned())
                .collect();
            writer.write_record(&cells)?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// One CSV line, every cell guarded: the streamed exports write a batch of these at a time.
pub fn csv_line(cells: &[String]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let guarded: Vec<String> = cells.iter().map(|c| guard_cell(c).into_owned()).collect();
    writer.write_record(&guarded)?;
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The BOM and the header line of a streamed CSV file.
pub fn csv_head(columns: &[&str]) -> Vec<u8> {
    let mut head = UTF8_BOM.as_bytes().to_vec();
    head.extend_from_slice(columns.join(",").as_bytes());
    head.extend_from_slice(b"\r\n");
    head
}

/// A file sent a batch at a time: `head`, then what `next` returns until it returns `None`, then
/// `tail`. A failing batch ends the body with an error, so the client sees a broken download
/// rather than a file that looks complete.
pub fn batched_body<S, F, Fut>(head: Vec<u8>, tail: Vec<u8>, start: S, next: F) -> axum::body::Body
where
    S: Send + 'static,
    F: Fn(S) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<Option<(Vec<u8>, S)>, AppError>> + Send + 'static,
{
    use axum::body::Bytes;
    use futures_util::StreamExt;
    let rows = futures_util::stream::unfold(Some(start), move |state| {
        let step = state.map(&next);
        async move {
            match step?.await {
                Ok(Some((chunk, state))) => Some((Ok(Bytes::from(chunk)), Some(state))),
                Ok(None) => None,
                Err(_) => Some((Err(std::io::Error::other("export failed")), None)),
            }
        }
    });
    let once = |bytes: Vec<u8>| {
        futures_util::stream::iter([Ok::<Bytes, std::io::Error>(Bytes::from(bytes))])
    };
    axum::body::Body::from_stream(once(head).chain(rows).chain(once(tail)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_get_an_apostrophe_and_other_text_is_untouched() {
        for risky in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard_cell(risky), format!("'{risky}"));
        }
        for plain in ["Ana", "", "1", "a=b", "'quoted"] {
            assert_eq!(guard_cell(plain), plain);
        }
    }

    #[test]
    fn a_document_starts_with_a_bom_and_quotes_by_rfc_4180() {
        let Ok(bytes) = csv_document(
            &["name", "note"],
            [vec![
                "Ana, \"Jr\"".to_string(),
                "=HYPERLINK(\"x\")".to_string(),
            ]],
        ) else {
            panic!("csv failed")
        };
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert_eq!(
            text,
            "\u{FEFF}name,note\r\n\"Ana, \"\"Jr\"\"\",\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
    }
}
