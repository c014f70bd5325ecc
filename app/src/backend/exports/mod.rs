//! Exports as one feature: who may ask for what (`ExportRequest`), the queries, the column lists
//! and the CSV/XLSX writers. The file routes in the server crate only parse, call and respond.

pub mod comments;
pub mod datasets;
pub mod surveys;
pub mod workbook;
pub mod writer;

use crate::backend::access::Disclosure;
use crate::backend::services::session::SignedIn;
/// Which rows an export holds: group, identity and a date range, as for survey results.
pub use crate::backend::services::surveys::results::Respondents as Filters;
use crate::domain::Permission;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;

/// The query string every export takes; each field optional, as the dashboard's links send them.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct ExportQuery {
    /// A stakeholder group, or empty for everyone.
    #[serde(default)]
    pub group: String,
    /// A community identity (survey responses only).
    #[serde(default)]
    pub identity: String,
    /// ISO dates, inclusive.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// A language people wrote in (a locale code), or empty for every language.
    #[serde(default)]
    pub language: String,
    /// "1" asks for names, emails and phones.
    #[serde(default)]
    pub contact: String,
}

/// An export someone is allowed to make: the rows, whether contact details go in, and the
/// small-cell threshold for summary counts (`None` for people who see every count).
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub filters: Filters,
    pub with_contact: bool,
    pub small_cell_k: Option<u64>,
}

/// Midnight UTC of an ISO date; anything else is no date.
pub fn day(text: &str) -> Option<DateTime<Utc>> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

fn pick(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// The one rule for every export: analysts and admins may export; contact details only for those
/// who may see them, and every such export is written to the audit log (`object` and `id` say what).
pub async fn authorise(
    conn: &impl ConnectionTrait,
    staff: &SignedIn,
    query: &ExportQuery,
    small_cell_k: u64,
    object: &str,
    id: i32,
    file: &str,
) -> Result<ExportRequest, AppError> {
    staff.require(Permission::Analyse)?;
    let with_contact = query.contact == "1";
    if with_contact {
        staff
            .disclose_contact_details(conn, Disclosure::Export, object, id, file)
            .await?;
    }
    Ok(ExportRequest {
        filters: Filters {
            group: pick(&query.group),
            identity: pick(&query.identity),
            from: day(&query.from),
            until: day(&query.to).map(|d| d + chrono::Duration::days(1)),
            language: crate::i18n::Locale::from_code(&query.language).map(|l| l.code().to_string()),
        },
        with_contact,
        small_cell_k: (!staff.can(Permission::SeeSmallCells)).then_some(small_cell_k),
    })
}
