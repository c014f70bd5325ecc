//! What the admins' audit log viewer filters on (shared by the page, the server and the CSV).

/// The admins' audit log filters; every field optional, as the viewer's GET form sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuditFilters {
    /// A staff account id, or empty.
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub object: String,
    /// ISO dates, inclusive, in the consultation's zone.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}
