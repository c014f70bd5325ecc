//! The whole current draft at once, for the printable page and the download: every section in
//! order with its current version, in the reader's language where a translation of that version
//! exists. Three queries, however many sections.

use super::strategy;
use crate::backend::entity::{consultation, section_version};
use crate::i18n::Locale;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftSection {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The language of title, summary and text: the reader's, or English.
    pub locale: Locale,
    pub markdown: String,
    /// Sanitised when the version or its translation was saved.
    pub html: String,
    pub version: i32,
    pub published_on: chrono::NaiveDate,
}

pub async fn sections(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    locale: Locale,
) -> Result<Vec<DraftSection>, DbErr> {
    let found = strategy::sections(conn, consultation_id).await?;
    let translations = strategy::translations_for(conn, &found, locale).await?;
    let versions = section_version::Entity::find()
        .filter(
            section_version::Column::Id.is_in(found.iter().filter_map(|s| s.current_version_id)),
        )
        .all(conn)
        .await?;
    Ok(found
        .into_iter()
        .zip(translations)
        .filter_map(|(section, translated)| {
            // A section without a published version is not part of the draft yet.
            let version = versions
                .iter()
                .find(|v| Some(v.id) == section.current_version_id)?;
            let base = DraftSection {
                slug: section.slug.clone(),
                title: section.title.clone(),
                summary: section.summary.clone(),
                locale: Locale::En,
                markdown: version.body_markdown.clone(),
                html: version.body_html.clone(),
                version: version.number,
                published_on: version.published_at.date_naive(),
            };
            Some(match translated {
                Some(t) => DraftSection {
                    title: t.title,
                    summary: t.summary,
                    locale: Locale::from_code(&t.locale).unwrap_or(locale),
                    markdown: t.body_markdown,
                    html: t.body_html,
                    ..base
                },
                None => base,
            })
        })
        .collect())
}

/// The draft as one Markdown file: a heading per section, the sections' own headings one level
/// down, and a note of where it comes from.
pub fn markdown(
    found: &consultation::Model,
    title: &str,
    sections: &[DraftSection],
    heading: &str,
    source: &str,
) -> String {
    let mut out = format!(
        "# {title}\n\n{}\n\n_{heading}_\n\n{source}\n",
        found.city_name
    );
    for (n, section) in (1..).zip(sections) {
        out.push_str(&format!("\n## {n}. {}\n\n", section.title.trim()));
        if !section.summary.trim().is_empty() {
            out.push_str(&format!("_{}_\n\n", section.summary.trim()));
        }
        out.push_str(&headings_under_section(&section.markdown));
    }
    out
}

/// A section's Markdown with its headings moved so the highest is a level 3, under the section's
/// level-2 title; code blocks are left alone.
fn headings_under_section(markdown: &str) -> String {
    let is_fence = |line: &str| line.starts_with("```") || line.starts_with("~~~");
    let level = |line: &str| line.chars().take_while(|c| *c == '#').count();
    let mut in_fence = false;
    let mut highest = usize::MAX;
    for line in markdown.lines() {
        if is_fence(line) {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            highest = highest.min(level(line));
        }
    }
    let shift = 3usize.saturating_sub(highest.min(3));
    let mut out = String::with_capacity(markdown.len() + 16);
    in_fence = false;
    for line in markdown.lines() {
        if is_fence(line) {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            out.push_str(&"#".repeat(shift));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A section's HTML for the whole-draft page: its headings one level down (the section's title
/// is the h2) and without paragraph ids, which several sections on one page could repeat.
pub fn html_for_page(html: &str) -> String {
    let mut out = html.to_string();
    for level in (1..=5).rev() {
        out = out
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    let mut cleaned = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find(" id=\"p-") {
        cleaned.push_str(&rest[..at]);
        let after = &rest[at + " id=\"p-".len()..];
        rest = after.find('"').map_or("", |end| &after[end + 1..]);
    }
    cleaned.push_str(rest);
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_html_loses_paragraph_ids_and_steps_headings_down() {
        let html =
            "<h2>Goals</h2>\n<p id=\"p-0123456789\">One <strong>two</strong></p>\n<h6>x</h6>";
        assert_eq!(
            html_for_page(html),
            "<h3>Goals</h3>\n<p>One <strong>two</strong></p>\n<h6>x</h6>"
        );
    }

    #[test]
    fn the_markdown_keeps_heading_levels_in_order_under_the_section_title() {
        assert_eq!(
            headings_under_section("## Goals\n\n### Detail\n\n```\n# not a heading\n```\n"),
            "### Goals\n\n#### Detail\n\n```\n# not a heading\n```\n"
        );
        assert_eq!(headings_under_section("# Top\n"), "### Top\n");
        assert_eq!(headings_under_section("Plain.\n"), "Plain.\n");
    }
}
