//! Portal-wide switches admins set from the staff pages; a switch also set in the configuration
//! cannot be turned off from the portal.

use super::audit;
use crate::backend::entity::portal_setting;
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

/// Every staff account signs in with a second factor, not only admins.
pub const TWO_FACTOR_FOR_EVERYONE: &str = "two_factor_for_everyone";

pub async fn flag(conn: &impl ConnectionTrait, name: &str) -> Result<bool, DbErr> {
    Ok(portal_setting::Entity::find_by_id(name)
        .one(conn)
        .await?
        .is_some_and(|found| found.value == "on"))
}

/// Sets a switch and records who did it.
pub async fn set_flag(
    conn: &impl ConnectionTrait,
    name: &str,
    on: bool,
    staff_id: i32,
) -> Result<(), DbErr> {
    portal_setting::Entity::insert(portal_setting::ActiveModel {
        name: Set(name.to_string()),
        value: Set(if on { "on" } else { "off" }.to_string()),
        updated_at: Set(Utc::now()),
        updated_by: Set(Some(staff_id)),
    })
    .on_conflict(
        OnConflict::column(portal_setting::Column::Name)
            .update_columns([
                portal_setting::Column::Value,
                portal_setting::Column::UpdatedAt,
                portal_setting::Column::UpdatedBy,
            ])
            .to_owned(),
    )
    .exec(conn)
    .await?;
    let action = format!("setting.{name}.{}", if on { "on" } else { "off" });
    audit::record(conn, Some(staff_id), &action, "portal_setting", 0, None).await
}
