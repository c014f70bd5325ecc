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
