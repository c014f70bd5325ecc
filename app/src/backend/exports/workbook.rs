//! XLSX workbooks (a survey's responses, one stakeholder group's inputs): a responses sheet written row by row in rust_xlsxwriter's constant-memory mode
//! (rows go to a temporary file as they are written) and a codebook sheet saying what each column is.

use super::surveys::{columns, row as response_row};
use super::writer::guard_cell;
use super::{ExportRequest, Filters, datasets};
use crate::backend::entity::{comment, section, survey};
use crate::backend::services::surveys::{self, results::submitted_batch};
use crate::domain::status::CommentStatus;
use crate::domain::survey::SurveyDefinition;
use crate::error::AppError;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Numbers stay numbers (a number cannot be a formula); every text is guarded.
fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    match text.parse::<f64>() {
        Ok(number) if number.is_finite() && !text.starts_with('+') => {
            sheet.write_number(row, col, number)?;
        }
        _ => {
            sheet.write_string(row, col, guard_cell(text))?;
        }
    }
    Ok(())
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[String]) -> Result<(), XlsxError> {
    for (col, cell) in cells.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
        write_cell(sheet, row, col, cell)?;
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(transparent)]
    Xlsx(#[from] XlsxError),
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
    #[error("the workbook task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl From<WorkbookError> for AppError {
    fn from(err: WorkbookError) -> AppError {
        AppError::internal("workbook", err)
    }
}

/// A sheet of survey responses, header in bold, written a batch at a time.
async fn write_responses(
    db: &DatabaseConnection,
    sheet: &mut Worksheet,
    survey_id: i32,
    definition: &SurveyDefinition,
    request: &ExportRequest,
    bold: &Format,
) -> Result<(), WorkbookError> {
    for (col, column) in columns(definition, request.with_contact).iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, col, guard_cell(&column.name), bold)?;
    }
    let mut row = 1u32;
    let mut after = 0;
    loop {
        let (batch, last) = submitted_batch(db, survey_id, &request.filters, after).await?;
        let Some(last) = last else { break };
        let themes = super::surveys::themes_of(db, &batch).await?;
        for response in &batch {
            let themes = themes
                .get(&response.id)
                .map(String::as_str)
                .unwrap_or_default();
            write_row(
                sheet,
                row,
                &response_row(definition, response, request.with_contact, themes),
            )?;
            row += 1;
        }
        after = last;
    }
    Ok(())
}

/// The survey's responses and codebook as an XLSX file.
pub async fn survey_workbook(
    db: &DatabaseConnection,
    found: &survey::Model,
    request: &ExportRequest,
) -> Result<Vec<u8>, WorkbookError> {
    let definition = surveys::definition(found)?;
    let columns = columns(&definition, request.with_contact);
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    {
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name("Responses")?;
        write_responses(db, sheet, found.id, &definition, request, &bold).await?;
    }
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name("Codebook")?;
        for (col, title) in ["column", "question", "type", "values"].iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
            sheet.write_string_with_format(0, col, *title, &bold)?;
        }
        for (index, column) in columns.iter().enumerate() {
            let row = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (col, text) in [&column.name, &column.question, &column.kind, &column.values]
                .into_iter()
                .enumerate()
            {
                let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
                sheet.write_string(row, col, guard_cell(text))?;
            }
        }
    }
    let filters = crate::backend::services::search::query::Filters {
        survey_id: Some(found.id),
        ..item_filters(&request.filters)
    };
    let shown = |n: u64| match request.small_cell_k {
        Some(k) if n > 0 && n < k => format!("fewer than {k}"),
        _ => n.to_string(),
    };
    themes_sheet(
        db,
        &mut workbook,
        found.consultation_id,
        &filters,
        &shown,
        &bold,
    )
    .await?;
    // Zipping is CPU work: off the async workers.
    Ok(tokio::task::spawn_blocking(move || workbook.save_to_buffer()).await??)
}

/// Writes a table (header in bold, then rows) to a sheet, row by row.
fn write_table(
    sheet: &mut Worksheet,
    header: &[&str],
    rows: &[Vec<String>],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (col, title) in header.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, col, *title, bold)?;
    }
    for (index, cells) in rows.iter().enumerate() {
        let row = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        write_row(sheet, row, cells)?;
    }
    Ok(())
}

/// The export's filters as a search's, so the themes sheet counts what the file holds.
fn item_filters(filters: &Filters) -> crate::backend::services::search::query::Filters {
    crate::backend::services::search::query::Filters {
        group: filters.group.clone(),
        identity: filters.identity.clone(),
        from: filters.from,
        until: filters.until,
        language: filters.language.clone(),
        ..Default::default()
    }
}

/// The codebook with how many of the file's items carry each theme.
async fn themes_sheet(
    db: &DatabaseConnection,
    workbook: &mut Workbook,
    consultation_id: i32,
    filters: &crate::backend::services::search::query::Filters,
    shown: &(dyn Fn(u64) -> String + Sync),
    bold: &Format,
) -> Result<(), WorkbookError> {
    use crate::backend::services::themes;
    let codebook = themes::codebook(db, consultation_id).await?;
    let counts = themes::counts::counts(db, consultation_id, filters).await?;
    let rows: Vec<Vec<String>> = codebook
        .iter()
        .map(|t| {
            vec![
                themes::full_name(&codebook, t),
                t.description.clone(),
                shown(
                    counts
                        .totals
                        .get(&t.id)
                        .copied()
                        .unwrap_or(0)
                        .unsigned_abs(),
                ),
                [&t.keywords_en, &t.keywords_es, &t.keywords_ru]
                    .into_iter()
                    .filter(|k| !k.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Themes")?;
    write_table(
        sheet,
        &["theme", "description", "items", "keywords"],
        &rows,
        bold,
    )?;
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// One stakeholder group's workbook: a summary sheet, then comments, each survey's responses, RSVPs
/// and inquiries. `k` withholds summary counts under k (outside the admin role).
pub async fn group_workbook(
    db: &DatabaseConnection,
    consultation_id: i32,
    group: &str,
    request: &ExportRequest,
) -> Result<Vec<u8>, WorkbookError> {
    // The workbook is the whole of one group, whatever else the link asked for.
    let request = &ExportRequest {
        filters: Filters {
            group: Some(group.to_string()),
            ..Filters::default()
        },
        ..request.clone()
    };
    let with_contact = request.with_contact;
    let shown = |n: u64| match request.small_cell_k {
        Some(k) if n > 0 && n < k => format!("fewer than {k}"),
        _ => n.to_string(),
    };
    let sections: Vec<(i32, String)> = section::Entity::find()
        .filter(section::Column::ConsultationId.eq(consultation_id))
        .select_only()
        .column(section::Column::Id)
        .column(section::Column::Slug)
        .into_tuple()
        .all(db)
        .await?;
    let section_ids: Vec<i32> = sections.iter().map(|(id, _)| *id).collect();
    let of_group = || {
        comment::Entity::find()
            .filter(comment::Column::SectionId.is_in(section_ids.clone()))
            .filter(comment::Column::StakeholderGroup.eq(group))
    };
    let comments_total = of_group().count(db).await?;
    let published = of_group()
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .count(db)
        .await?;
    let rsvps = datasets::rsvps(db, request).await?;
    let inquiries = datasets::inquiries(db, request).await?;
    let found_surveys = surveys::public_surveys(db, consultation_id).await?;

    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let mut summary: Vec<Vec<String>> = vec![
        vec!["Stakeholder group".into(), group.to_string()],
        vec!["Comments".into(), shown(comments_total)],
        vec!["Published comments".into(), shown(published)],
    ];
    for found in &found_surveys {
        let count = surveys::results::submitted_by_group(db, found.id, group).await?;
        summary.push(vec![
            format!("Survey responses: {}", found.title),
            shown(count),
        ]);
    }
    summary.push(vec!["RSVPs".into(), shown(rsvps.1.len() as u64)]);
    summary.push(vec!["Inquiries".into(), shown(inquiries.1.len() as u64)]);
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name("Summary")?;
        write_table(sheet, &["measure", "value"], &summary, &bold)?;
    }
    {
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name("Comments")?;
        let mut header = vec![
            "reference",
            "section",
            "paragraph",
            "display_name",
            "posted_on",
            "status",
            "channel",
            "comment",
            "themes",
        ];
        if with_contact {
            header.push("email");
        }
        write_table(sheet, &header, &[], &bold)?;
        let mut row = 1u32;
        let mut after = 0;
        loop {
            let batch = of_group()
                .filter(comment::Column::Id.gt(after))
                .order_by_asc(comment::Column::Id)
                .limit(1_000)
                .all(db)
                .await?;
            let Some(last) = batch.last().map(|c| c.id) else {
                break;
            };
            let ids: Vec<i32> = batch.iter().map(|c| c.id).collect();
            let themes = crate::backend::services::themes::names_by_source(
                db,
                crate::domain::feedback::FeedbackKind::Comment,
                &ids,
            )
            .await?;
            for c in batch {
                let themes = themes.get(&c.id).cloned().unwrap_or_default();
                let slug = sections
                    .iter()
                    .find(|(id, _)| *id == c.section_id)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default();
                let mut cells = vec![
                    c.reference.unwrap_or_default(),
                    slug,
                    c.paragraph_anchor.unwrap_or_default(),
                    c.display_name,
                    c.created_at.date_naive().to_string(),
                    c.status.as_str().to_string(),
                    c.channel,
                    c.body,
                    themes,
                ];
                if with_contact {
                    cells.push(c.email.unwrap_or_default());
                }
                write_row(sheet, row, &cells)?;
                row += 1;
            }
            after = last;
        }
    }
    for found in &found_surveys {
        let definition = surveys::definition(found)?;
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(sheet_name(&format!("Survey {}", found.slug)))?;
        write_responses(db, sheet, found.id, &definition, request, &bold).await?;
    }
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name("RSVPs")?;
        write_table(sheet, &rsvps.0, &rsvps.1, &bold)?;
    }
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name("Inquiries")?;
        write_table(sheet, &inquiries.0, &inquiries.1, &bold)?;
    }
    let filters = item_filters(&request.filters);
    themes_sheet(db, &mut workbook, consultation_id, &filters, &shown, &bold).await?;
    Ok(tokio::task::spawn_blocking(move || workbook.save_to_buffer()).await??)
}
