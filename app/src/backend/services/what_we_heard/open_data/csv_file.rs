//! The open data as one long CSV table, its first column naming the kind of row; every cell
//! guarded against spreadsheet formulas like the other exports.

use super::OpenData;
use crate::api::what_we_heard::{GroupThemes, SurveyResult};
use crate::backend::exports::writer::csv_document;
use crate::error::AppError;

pub const CSV_COLUMNS: [&str; 15] = [
    "table",
    "section",
    "stakeholder_group",
    "channel",
    "theme",
    "survey",
    "question",
    "answer",
    "count",
    "withheld",
    "mean",
    "average_rank",
    "version",
    "date",
    "text",
];

/// One CSV line, by column name; the rest stay empty.
#[derive(Default)]
struct Line {
    cells: [String; 15],
}

impl Line {
    fn new(table: &str) -> Line {
        Line::default().set("table", table)
    }

    fn set(mut self, column: &str, value: impl ToString) -> Line {
        if let Some(i) = CSV_COLUMNS.iter().position(|c| *c == column) {
            self.cells[i] = value.to_string();
        }
        self
    }

    /// A count, or empty with `withheld` true when fewer than k.
    fn count<N: ToString>(self, count: Option<N>) -> Line {
        let withheld = count.is_none();
        self.set("count", count.map(|n| n.to_string()).unwrap_or_default())
            .set("withheld", withheld)
    }
}

fn theme_lines(lines: &mut Vec<Line>, section: &str, themes: &[GroupThemes]) {
    for group in themes {
        for theme in &group.themes {
            lines.push(
                Line::new("themes")
                    .set("section", section)
                    .set("stakeholder_group", &group.group)
                    .set("theme", &theme.theme)
                    .count(theme.count),
            );
        }
    }
}

fn survey_lines(lines: &mut Vec<Line>, survey: &SurveyResult) {
    lines.push(
        Line::new("survey")
            .set("survey", &survey.slug)
            .set("text", &survey.title)
            .count(survey.respondents),
    );
    for question in &survey.questions {
        let base = |table: &str| {
            Line::new(table)
                .set("survey", &survey.slug)
                .set("question", &question.key)
        };
        lines.push(
            base("survey_question")
                .set("text", &question.prompt)
                .set(
                    "mean",
                    question.mean.map(|m| format!("{m:.2}")).unwrap_or_default(),
                )
                .count(question.answered),
        );
        for answer in &question.answers {
            lines.push(
                base("survey_answer")
                    .set("answer", &answer.key)
                    .set("text", &answer.label)
                    .set(
                        "average_rank",
                        answer
                            .average_rank
                            .map(|r| format!("{r:.2}"))
                            .unwrap_or_default(),
                    )
                    .count(Some(answer.count)),
            );
        }
    }
}

/// The CSV: one long table, its first column naming the kind of row.
pub fn csv(data: &OpenData) -> Result<Vec<u8>, AppError> {
    let mut lines = Vec::new();
    for group in &data.whole.participation {
        for (channel, count) in [
            ("comments", group.comments),
            ("survey_responses", group.survey_responses),
            ("rsvps", group.rsvps),
            ("inquiries", group.inquiries),
        ] {
            lines.push(
                Line::new("participation")
                    .set("stakeholder_group", &group.group)
                    .set("channel", channel)
                    .count(count),
            );
        }
    }
    theme_lines(&mut lines, "", &data.whole.themes);
    for one in &data.sections {
        let slug = one.section.as_ref().map_or("", |s| s.slug.as_str());
        for c in &one.comments_by_channel {
            lines.push(
                Line::new("comments")
                    .set("section", slug)
                    .set("stakeholder_group", &c.group)
                    .set("channel", &c.channel)
                    .count(c.count),
            );
        }
        theme_lines(&mut lines, slug, &one.themes);
        for change in &one.changes {
            lines.push(
                Line::new("change")
                    .set("section", slug)
                    .set("version", change.version)
                    .set("date", &change.published_on)
                    .set("theme", change.themes.join("; "))
                    .set("text", &change.explanation)
                    .count(Some(change.comments)),
            );
        }
        for version in &one.versions {
            lines.push(
                Line::new("version")
                    .set("section", slug)
                    .set("version", version.version)
                    .set("date", &version.published_on),
            );
        }
    }
    for survey in &data.whole.surveys {
        survey_lines(&mut lines, survey);
    }
    csv_document(&CSV_COLUMNS, lines.into_iter().map(|l| l.cells))
        .map_err(|e| AppError::internal("what we heard csv", e))
}
