//! A consultation the city runs (the CSWB strategy by default), imported from a content pack.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub city_name: String,
    pub title: String,
    pub short_title: String,
    pub summary: String,
    pub phase_label: String,
    pub phase_summary: String,
    pub phase_opens_on: Date,
    pub phase_closes_on: Date,
    pub imported_at: DateTimeUtc,
    /// IANA name (`America/Los_Angeles`); meetings are entered, shown and mailed in this zone.
    pub time_zone: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::service_area::Entity")]
    ServiceArea,
}

impl Related<super::service_area::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceArea.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
