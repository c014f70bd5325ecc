//! "What we heard" as open data (`/open-data/what-we-heard.csv` and `.json`): the consultation's
//! numbers and each section's, in English, with the pages' small-cell rule and no personal data
//! (counts, theme names, published survey tallies, the City's explanations; never what a person
//! wrote). Field names are a public contract: add fields, never rename them.

mod csv_file;
mod json_file;

pub use csv_file::{CSV_COLUMNS, csv};
pub use json_file::json;

use super::report;
use crate::api::what_we_heard::WhatWeHeardView;
use crate::backend::entity::consultation;
use crate::backend::services::strategy;
use crate::error::AppError;
use crate::i18n::Locale;
use sea_orm::ConnectionTrait;

/// The consultation's report and every section's, in English.
pub struct OpenData {
    pub slug: String,
    pub whole: WhatWeHeardView,
    pub sections: Vec<WhatWeHeardView>,
}

pub async fn gather(
    conn: &impl ConnectionTrait,
    found: &consultation::Model,
    k: u64,
) -> Result<OpenData, AppError> {
    let whole = report(conn, found, None, Locale::En, k, 0).await?;
    let mut sections = Vec::new();
    for one in strategy::sections(conn, found.id).await? {
        sections.push(report(conn, found, Some(&one), Locale::En, k, 0).await?);
    }
    Ok(OpenData {
        slug: found.slug.clone(),
        whole,
        sections,
    })
}
