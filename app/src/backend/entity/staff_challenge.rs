//! A sign-in half done: the password was right, the second factor (or its enrolment) is still
//! due. The cookie holds the token; the table only its SHA-256.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_challenge")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub staff_account_id: i32,
    /// `code` (enter a code) or `enrol` (set up an authenticator first).
    pub purpose: String,
    /// The secret being enrolled, until a code from it is confirmed.
    pub pending_secret: Option<String>,
    pub attempts: i32,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// Written by hand so that a secret being enrolled never reaches a log line.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffChallenge")
            .field("staff_account_id", &self.staff_account_id)
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}
