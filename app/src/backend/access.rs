//! Who may do what: one check for server functions (`require`) and one axum extractor (`Staff`)
//! for plain routes, both reading the session cookie and asking for a named `Permission`.

use crate::backend::AppState;
use crate::backend::services::session::{self, SignedIn};
use crate::domain::Permission;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use http::request::Parts;

impl SignedIn {
    pub fn can(&self, permission: Permission) -> bool {
        self.role.can(permission)
    }

    /// `Forbidden` unless this person's role holds `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// How contact details leave the database: on a page, or in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disclosure {
    View,
    Export,
}

impl SignedIn {
    /// The one rule for names, emails and phone numbers of the people who took part: only those
    /// who may see them get them, and every page or file that shows them is written to the audit
    /// log (`object` and `id` say whose, `what` which list or file).
    pub async fn disclose_contact_details(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        how: Disclosure,
        object: &str,
        id: i32,
        what: &str,
    ) -> Result<(), AppError> {
        self.require(Permission::SeeContactDetails)?;
        let action = match how {
            Disclosure::View => "view.contact_details",
            Disclosure::Export => "export.contact_details",
        };
        crate::backend::services::audit::record(
            conn,
            Some(self.staff_id),
            action,
            object,
            id,
            Some(what.to_string()),
        )
        .await?;
        Ok(())
    }

    /// Records that this person opened a record holding personal data their work needs (an
    /// inquiry they answer).
    pub async fn audit_view(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        object: &str,
        id: i32,
    ) -> Result<(), AppError> {
        crate::backend::services::audit::record(
            conn,
            Some(self.staff_id),
            "view.personal_data",
            object,
            id,
            None,
        )
        .await?;
        Ok(())
    }
}

async fn signed_in(state: &AppState, token: Option<String>) -> Result<SignedIn, AppError> {
    let token = token.ok_or(AppError::Unauthorized)?;
    session::find(&state.db, &token, state.portal.session_idle)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// The signed-in staff member holding `permission`, inside a server function or a page render.
pub async fn require(permission: Permission) -> Result<SignedIn, AppError> {
    let state = crate::backend::app_state()?;
    let name = session::cookie_name(state.portal.secure_cookies);
    let staff = signed_in(&state, crate::backend::request::cookie(name)).await?;
    staff.require(permission)?;
    Ok(staff)
}

/// A signed-in staff member, for plain axum routes; the handler asks for its permission with
/// `staff.require(..)`. Refusals are the same `AppError` (401 or 403) server functions return.
pub struct Staff(pub SignedIn);

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jar = axum_extra::extract::cookie::CookieJar::from_headers(&parts.headers);
        let name = session::cookie_name(state.portal.secure_cookies);
        let token = jar.get(name).map(|c| c.value().to_string());
        Ok(Staff(signed_in(state, token).await?))
    }
}

impl std::ops::Deref for Staff {
    type Target = SignedIn;

    fn deref(&self) -> &SignedIn {
        &self.0
    }
}
