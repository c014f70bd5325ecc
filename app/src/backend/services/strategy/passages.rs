//! A section's paragraphs as plain text with their anchors: what a comment was made on, and which
//! passages a new version changed.

use super::paragraph_anchor;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// Names paragraphs from their text; a repeated paragraph gets `-2`, `-3`... so anchors stay unique.
#[derive(Default)]
pub(super) struct AnchorNamer {
    seen: HashMap<String, usize>,
}

impl AnchorNamer {
    pub(super) fn name(&mut self, source: &str) -> String {
        let base = paragraph_anchor(source);
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        }
    }
}

/// One paragraph of a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub anchor: String,
    /// The words as a reader sees them, without Markdown.
    pub text: String,
}

pub(super) fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
}

/// Every paragraph of an English version's Markdown, in order, anchored as the rendered HTML is.
pub fn passages(markdown: &str) -> Vec<Passage> {
    let mut namer = AnchorNamer::default();
    let mut found = Vec::new();
    let mut current: Option<Passage> = None;
    for (event, range) in parser(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => {
                current = Some(Passage {
                    anchor: namer.name(&markdown[range]),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Paragraph) => found.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(passage) = current.as_mut() {
                    passage.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(passage) = current.as_mut() {
                    passage.text.push(' ');
                }
            }
            _ => {}
        }
    }
    found
}

/// The text of one paragraph, by anchor.
pub fn passage_text(markdown: &str, anchor: &str) -> Option<String> {
    passages(markdown)
        .into_iter()
        .find(|p| p.anchor == anchor)
        .map(|p| p.text)
}

/// The paragraphs of `new` that `old` did not have word for word: what a version changed or added.
pub fn changed_passages(old: &str, new: &str) -> Vec<Passage> {
    let before: Vec<String> = passages(old).into_iter().map(|p| p.anchor).collect();
    passages(new)
        .into_iter()
        .filter(|p| !before.contains(&p.anchor))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::services::strategy::{paragraph_anchors, render_markdown};

    #[test]
    fn anchors_match_the_rendered_html() {
        let markdown = "First **bold** idea.\n\nSame.\n\n- a list\n\nSame.";
        let anchors: Vec<String> = passages(markdown).into_iter().map(|p| p.anchor).collect();
        assert_eq!(anchors, paragraph_anchors(&render_markdown(markdown)));
        assert_eq!(passages(markdown)[0].text, "First bold idea.");
    }

    #[test]
    fn only_new_or_edited_paragraphs_count_as_changed() {
        let changed = changed_passages(
            "Keep me.\n\nMore patrols at night.",
            "Keep me.\n\nMore lighting and patrols at night.\n\nA new idea.",
        );
        let texts: Vec<&str> = changed.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["More lighting and patrols at night.", "A new idea."]
        );
    }
}
