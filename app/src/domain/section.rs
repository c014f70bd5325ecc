//! Facts about a rendered section that both the server and the browser need.

/// The paragraph anchors of a rendered section, in order (the HTML is ours, made by the Markdown renderer).
pub fn paragraph_anchors(html: &str) -> Vec<String> {
    html.split("<p id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// One run of a word-level diff between two versions of a section's text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DiffPart {
    pub change: Change,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Change {
    Same,
    Added,
    Removed,
}

/// Title, summary and Markdown of a section as staff write them.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 600;
pub const MAX_MARKDOWN_CHARS: usize = 60_000;

#[cfg(test)]
mod tests {
    #[test]
    fn anchors_come_out_in_order() {
        let html = "<p id=\"p-a\">one</p>\n<ul><li>x</li></ul><p id=\"p-b\">two</p>";
        assert_eq!(super::paragraph_anchors(html), ["p-a", "p-b"]);
    }
}
