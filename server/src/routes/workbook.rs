//! XLSX workbooks: a responses sheet written row by row in rust_xlsxwriter's constant-memory mode
//! (rows go to a temporary file as they are written) and a codebook sheet saying what each column is.

use app::server::entity::survey;
use app::server::services::export::guard_cell;
use app::server::services::surveys::{self, export, results::Respondents};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use sea_orm::DatabaseConnection;

pub fn xlsx_response(body: Vec<u8>, filename: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

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

/// The survey's responses and codebook as an XLSX file.
pub async fn survey_workbook(
    db: &DatabaseConnection,
    found: &survey::Model,
    who: &Respondents,
    with_contact: bool,
) -> Result<Vec<u8>, WorkbookError> {
    let definition = surveys::definition(found)?;
    let columns = export::columns(&definition, with_contact);
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    {
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name("Responses")?;
        for (col, column) in columns.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
            sheet.write_string_with_format(0, col, guard_cell(&column.name), &bold)?;
        }
        let mut row = 1u32;
        let mut after = 0;
        loop {
            let (batch, last) = surveys::results::submitted_batch(db, found.id, who, after).await?;
            let Some(last) = last else { break };
            for response in &batch {
                write_row(
                    sheet,
                    row,
                    &export::row(&definition, response, with_contact),
                )?;
                row += 1;
            }
            after = last;
        }
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
    with_contact: bool,
    k: Option<u64>,
) -> Result<Vec<u8>, WorkbookError> {
    use crate::routes::dataset_exports::{DatasetQuery, inquiry_table, rsvp_table};
    use app::server::entity::{comment, section};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

    let query = DatasetQuery {
        group: group.to_string(),
        ..Default::default()
    };
    let who = Respondents {
        group: Some(group.to_string()),
        identity: None,
        ..Default::default()
    };
    let shown = |n: u64| match k {
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
        .filter(comment::Column::Status.eq("published"))
        .count(db)
        .await?;
    let rsvps = rsvp_table(db, &query, with_contact).await?;
    let inquiries = inquiry_table(db, &query, with_contact).await?;
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
            for c in batch {
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
                    c.status,
                    c.channel,
                    c.body,
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
        let columns = export::columns(&definition, with_contact);
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(sheet_name(&format!("Survey {}", found.slug)))?;
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        for (col, name) in names.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
            sheet.write_string_with_format(0, col, guard_cell(name), &bold)?;
        }
        let mut row = 1u32;
        let mut after = 0;
        loop {
            let (batch, last) =
                surveys::results::submitted_batch(db, found.id, &who, after).await?;
            let Some(last) = last else { break };
            for response in &batch {
                write_row(
                    sheet,
                    row,
                    &export::row(&definition, response, with_contact),
                )?;
                row += 1;
            }
            after = last;
        }
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
    Ok(tokio::task::spawn_blocking(move || workbook.save_to_buffer()).await??)
}
