//! The RSVP, inquiry and attendee datasets as tables of text (small next to comments, so built in
//! memory); names, emails and phones are added only to a request that may carry them.

use super::{ExportRequest, Filters};
use crate::backend::entity::{event, inquiry, rsvp};
use crate::backend::services::events::{self, ACCOMMODATIONS};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// A dataset as a header and rows of cells (not yet guarded: the writers guard every cell).
pub type Table = (Vec<&'static str>, Vec<Vec<String>>);

const CONTACT_COLUMNS: [&str; 3] = ["name", "email", "phone"];

/// Group and date conditions on a table's group and time columns.
fn condition<C: ColumnTrait>(filters: &Filters, group: C, at: C, locale: C) -> Condition {
    let mut condition = Condition::all();
    if let Some(wanted) = &filters.group {
        condition = condition.add(group.eq(wanted.as_str()));
    }
    if let Some(from) = filters.from {
        condition = condition.add(at.gte(from));
    }
    if let Some(until) = filters.until {
        condition = condition.add(at.lt(until));
    }
    if let Some(language) = &filters.language {
        condition = condition.add(locale.eq(language.as_str()));
    }
    condition
}

fn with_contact(mut header: Vec<&'static str>, request: &ExportRequest) -> Vec<&'static str> {
    if request.with_contact {
        header.extend(CONTACT_COLUMNS);
    }
    header
}

fn contact_cells(
    request: &ExportRequest,
    name: String,
    email: String,
    phone: Option<String>,
) -> Vec<String> {
    if request.with_contact {
        vec![name, email, phone.unwrap_or_default()]
    } else {
        Vec::new()
    }
}

/// Every RSVP of every meeting (`/staff/exports/rsvps.csv`, the group workbook).
pub async fn rsvps(conn: &impl ConnectionTrait, request: &ExportRequest) -> Result<Table, DbErr> {
    let meetings = event::Entity::find().all(conn).await?;
    let rows = rsvp::Entity::find()
        .filter(condition(
            &request.filters,
            rsvp::Column::StakeholderGroup,
            rsvp::Column::CreatedAt,
            rsvp::Column::Locale,
        ))
        .order_by_asc(rsvp::Column::Id)
        .all(conn)
        .await?;
    let header = with_contact(
        vec![
            "meeting",
            "reference",
            "status",
            "party_size",
            "stakeholder_group",
            "stakeholder_other",
            "zip",
            "accommodations",
            "accommodation_other",
            "rsvp_at",
            "language",
        ],
        request,
    );
    let cells = rows
        .into_iter()
        .map(|r| {
            let meeting = meetings
                .iter()
                .find(|m| m.id == r.event_id)
                .map(|m| m.slug.clone())
                .unwrap_or_default();
            let mut row = vec![
                meeting,
                r.reference.unwrap_or_default(),
                r.status.as_str().to_string(),
                r.party_size.to_string(),
                r.stakeholder_group,
                r.stakeholder_other.unwrap_or_default(),
                r.zip.unwrap_or_default(),
                r.accommodations.replace(',', ";"),
                r.accommodation_other.unwrap_or_default(),
                r.created_at.to_rfc3339(),
                r.locale,
            ];
            row.extend(contact_cells(request, r.name, r.email, r.phone));
            row
        })
        .collect();
    Ok((header, cells))
}

/// Every inquiry (`/staff/exports/inquiries.csv`, the group workbook).
pub async fn inquiries(
    conn: &impl ConnectionTrait,
    request: &ExportRequest,
) -> Result<Table, DbErr> {
    let rows = inquiry::Entity::find()
        .filter(condition(
            &request.filters,
            inquiry::Column::StakeholderGroup,
            inquiry::Column::CreatedAt,
            inquiry::Column::Locale,
        ))
        .order_by_asc(inquiry::Column::Id)
        .all(conn)
        .await?;
    let header = with_contact(
        vec![
            "reference",
            "received_at",
            "topic",
            "stakeholder_group",
            "stakeholder_other",
            "zip",
            "status",
            "message",
            "language",
            "themes",
        ],
        request,
    );
    let ids: Vec<i32> = rows.iter().map(|i| i.id).collect();
    let themes = crate::backend::services::themes::names_by_source(
        conn,
        crate::domain::feedback::FeedbackKind::Inquiry,
        &ids,
    )
    .await?;
    let cells = rows
        .into_iter()
        .map(|i| {
            let themes = themes.get(&i.id).cloned().unwrap_or_default();
            let mut row = vec![
                i.reference.unwrap_or_default(),
                i.created_at.to_rfc3339(),
                i.topic,
                i.stakeholder_group,
                i.stakeholder_other.unwrap_or_default(),
                i.zip.unwrap_or_default(),
                i.status.as_str().to_string(),
                i.message,
                i.locale,
                themes,
            ];
            row.extend(contact_cells(request, i.name, i.email, i.phone));
            row
        })
        .collect();
    Ok((header, cells))
}

/// One meeting's attendees, one 0/1 column per accommodation (`/staff/events/{id}/attendees.csv`).
pub async fn attendees(
    conn: &impl ConnectionTrait,
    event_id: i32,
    request: &ExportRequest,
) -> Result<Table, DbErr> {
    let mut header = vec![
        "reference",
        "status",
        "party_size",
        "stakeholder_group",
        "stakeholder_other",
        "zip",
    ];
    header.extend(ACCOMMODATIONS.iter().copied());
    header.extend([
        "accommodation_other",
        "reminder_consent",
        "rsvp_at",
        "language",
    ]);
    let header = with_contact(header, request);
    let cells = events::attendees(conn, event_id, request.filters.group.as_deref())
        .await?
        .into_iter()
        .map(|r| {
            let asked: Vec<&str> = r.accommodations.split(',').collect();
            let mut row = vec![
                r.reference.clone().unwrap_or_default(),
                r.status.as_str().to_string(),
                r.party_size.to_string(),
                r.stakeholder_group.clone(),
                r.stakeholder_other.clone().unwrap_or_default(),
                r.zip.clone().unwrap_or_default(),
            ];
            row.extend(
                ACCOMMODATIONS
                    .iter()
                    .map(|code| u8::from(asked.contains(code)).to_string()),
            );
            row.push(r.accommodation_other.clone().unwrap_or_default());
            row.push(u8::from(r.reminder_consent).to_string());
            row.push(r.created_at.to_rfc3339());
            row.push(r.locale.clone());
            row.extend(contact_cells(request, r.name, r.email, r.phone));
            row
        })
        .collect();
    Ok((header, cells))
}
