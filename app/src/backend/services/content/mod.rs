//! Consultation content packs: the city's text lives in files in the repository and is imported on first start.
//! The files are read and checked in `pack`; importing them and reading the current
//! consultation are here.

mod pack;

pub use pack::*;

use super::strategy;
use crate::backend::entity::{consultation, section, service_area};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

/// Imports the pack unless a consultation with its slug exists; returns whether it imported.
/// Several instances may start at once: the unique slug lets exactly one of them win.
pub async fn import_if_missing<C>(db: &C, pack: &ConsultationPack) -> Result<bool, ContentError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let existing = consultation::Entity::find()
        .filter(consultation::Column::Slug.eq(&pack.slug))
        .one(db)
        .await?;
    if let Some(existing) = existing {
        // A database from before sections existed gets them once; later edits are made in the portal.
        let has_sections = section::Entity::find()
            .filter(section::Column::ConsultationId.eq(existing.id))
            .one(db)
            .await?
            .is_some();
        if !has_sections && !pack.sections.is_empty() {
            let txn = crate::backend::services::begin_write(db).await?;
            strategy::import_sections(&txn, existing.id, &pack.sections).await?;
            txn.commit().await?;
        }
        // Likewise a database from before meetings existed gets the pack's sample meetings once.
        if !super::events::has_events(db, existing.id).await? && !pack.events.is_empty() {
            let txn = crate::backend::services::begin_write(db).await?;
            super::events::import_events(&txn, existing.id, &pack.events, pack.zone()).await?;
            txn.commit().await?;
        }
        // New surveys in the pack are added; existing ones are edited in the portal.
        let txn = crate::backend::services::begin_write(db).await?;
        super::surveys::import_surveys(&txn, existing.id, &pack.surveys, &pack.identities).await?;
        // The pack's translations follow its files at every start, like its new surveys.
        super::translations::save(&txn, pack).await?;
        super::timeline_faq::import::import_once(&txn, existing.id, pack).await?;
        txn.commit().await?;
        return Ok(false);
    }
    let txn = crate::backend::services::begin_write(db).await?;
    let inserted = consultation::ActiveModel {
        slug: Set(pack.slug.clone()),
        city_name: Set(pack.city_name.clone()),
        title: Set(pack.title.clone()),
        short_title: Set(pack.short_title.clone()),
        summary: Set(pack.summary.trim().to_string()),
        phase_label: Set(pack.phase.label.clone()),
        phase_summary: Set(pack.phase.summary.trim().to_string()),
        phase_opens_on: Set(pack.phase.opens_on),
        phase_closes_on: Set(pack.phase.closes_on),
        imported_at: Set(Utc::now()),
        time_zone: Set(pack.time_zone.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let consultation = match inserted {
        Ok(model) => model,
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            return Ok(false);
        }
        Err(err) => return Err(err.into()),
    };
    for (position, area) in (1..).zip(&pack.service_areas) {
        service_area::ActiveModel {
            consultation_id: Set(consultation.id),
            position: Set(position),
            name: Set(area.name.clone()),
            summary: Set(area.summary.trim().to_string()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    strategy::import_sections(&txn, consultation.id, &pack.sections).await?;
    super::events::import_events(&txn, consultation.id, &pack.events, pack.zone()).await?;
    super::surveys::import_surveys(&txn, consultation.id, &pack.surveys, &pack.identities).await?;
    super::translations::save(&txn, pack).await?;
    super::timeline_faq::import::import_once(&txn, consultation.id, pack).await?;
    txn.commit().await?;
    Ok(true)
}

/// What an import did, for the person who ran it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub consultation: String,
    pub consultation_created: bool,
    pub sections: strategy::ImportReport,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.consultation_created {
            "created"
        } else {
            "updated"
        };
        writeln!(f, "Consultation {}: {verb}.", self.consultation)?;
        let list = |slugs: &[String]| {
            if slugs.is_empty() {
                "none".to_string()
            } else {
                slugs.join(", ")
            }
        };
        writeln!(f, "New sections: {}", list(&self.sections.created))?;
        writeln!(f, "New versions: {}", list(&self.sections.new_versions))?;
        write!(f, "Unchanged: {}", list(&self.sections.unchanged))
    }
}

/// Imports the pack, or, when its consultation exists, brings it in line with the pack: the
/// consultation's texts and dates, and its sections (see `strategy::reimport_sections`).
pub async fn import_or_update<C>(
    db: &C,
    pack: &ConsultationPack,
) -> Result<ImportSummary, ContentError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if import_if_missing(db, pack).await? {
        return Ok(ImportSummary {
            consultation: pack.slug.clone(),
            consultation_created: true,
            sections: strategy::ImportReport {
                created: pack.sections.iter().map(|s| s.slug.clone()).collect(),
                ..Default::default()
            },
        });
    }
    let txn = crate::backend::services::begin_write(db).await?;
    let existing = consultation::Entity::find()
        .filter(consultation::Column::Slug.eq(&pack.slug))
        .one(&txn)
        .await?
        .ok_or(ContentError::Invalid(
            "the consultation vanished during the import",
        ))?;
    let id = existing.id;
    let mut edited: consultation::ActiveModel = existing.into();
    edited.city_name = Set(pack.city_name.clone());
    edited.title = Set(pack.title.clone());
    edited.short_title = Set(pack.short_title.clone());
    edited.summary = Set(pack.summary.trim().to_string());
    edited.phase_label = Set(pack.phase.label.clone());
    edited.phase_summary = Set(pack.phase.summary.trim().to_string());
    edited.phase_opens_on = Set(pack.phase.opens_on);
    edited.phase_closes_on = Set(pack.phase.closes_on);
    edited.time_zone = Set(pack.time_zone.clone());
    edited.update(&txn).await?;
    let sections = strategy::reimport_sections(&txn, id, &pack.sections).await?;
    // The timeline follows the files (staff do not edit it); the FAQ is the staff's.
    super::timeline_faq::import::reimport_timeline(&txn, id, pack).await?;
    txn.commit().await?;
    Ok(ImportSummary {
        consultation: pack.slug.clone(),
        consultation_created: false,
        sections,
    })
}

/// The consultation the portal presents: the most recently imported one.
pub async fn current_consultation(
    db: &impl ConnectionTrait,
) -> Result<Option<consultation::Model>, DbErr> {
    consultation::Entity::find()
        .order_by_desc(consultation::Column::Id)
        .one(db)
        .await
}

/// The current consultation with its service areas, for the home page.
pub async fn current(
    db: &impl ConnectionTrait,
) -> Result<Option<(consultation::Model, Vec<service_area::Model>)>, DbErr> {
    let Some(found) = current_consultation(db).await? else {
        return Ok(None);
    };
    let areas = service_area::Entity::find()
        .filter(service_area::Column::ConsultationId.eq(found.id))
        .order_by_asc(service_area::Column::Position)
        .all(db)
        .await?;
    Ok(Some((found, areas)))
}
