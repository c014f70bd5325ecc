//! The error type every server function returns: serialisable, and safe to show to the public.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A message for one field; `message` is an i18n key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What went wrong with a form, plus the (non-secret) values to put back into it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    pub fields: Vec<FieldError>,
    pub kept: BTreeMap<String, String>,
}

impl FormErrors {
    pub fn add(&mut self, field: &str, message: &str) {
        self.fields.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    pub fn keep(&mut self, field: &str, value: &str) {
        self.kept.insert(field.into(), value.into());
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn kept(&self, field: &str) -> Option<&str> {
        self.kept.get(field).map(String::as_str)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("the form has errors")]
    Invalid(FormErrors),
    #[error("sign-in required")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("too many attempts; try again in {retry_after_minutes} minutes")]
    RateLimited {
        retry_after_minutes: u32,
        form: FormErrors,
    },
    #[error("something went wrong on our side")]
    Internal,
    #[error("the request could not be completed")]
    Request(String),
}

impl AppError {
    /// The i18n key of the message shown to the public.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "error.invalid",
            AppError::Unauthorized => "error.unauthorized",
            AppError::Forbidden => "error.forbidden",
            AppError::NotFound => "error.not_found",
            AppError::RateLimited { .. } => "error.rate_limited.other",
            AppError::Internal => "error.internal",
            AppError::Request(_) => "error.request",
        }
    }

    /// Field errors and kept values, when the error came from a form.
    pub fn form(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(form) | AppError::RateLimited { form, .. } => Some(form),
            _ => None,
        }
    }

    /// The HTTP status that says what went wrong, for plain routes and server functions alike.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Request(_) => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs the real cause (never shown) and returns the public error.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "{context}");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }

    /// Server functions answer every error with 500. Serialising the error is the one step every
    /// failed call passes through on the server, so the real status is set here. A plain form post
    /// (no JavaScript) is answered with a redirect back to the form, which must keep its 3xx.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        if !crate::backend::request::accepts_html() {
            crate::backend::request::set_status(self.status());
        }
        <Self::Encoder as leptos::server_fn::Encodes<Self>>::encode(self)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(b"\"Internal\""))
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    /// Plain routes (files, feeds) answer with the status and the public message, never the cause.
    fn into_response(self) -> axum::response::Response {
        let message = match &self {
            AppError::Unauthorized => "Sign-in required.",
            AppError::Forbidden => "Not allowed.",
            AppError::NotFound => "Not found.",
            AppError::RateLimited { .. } => "Too many requests; try again later.",
            AppError::Invalid(_) | AppError::Request(_) => "The request could not be completed.",
            AppError::Internal => "Something went wrong on our side.",
        };
        (self.status(), message).into_response()
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal("database error", err)
    }
}
