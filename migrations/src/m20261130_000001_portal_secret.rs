//! Keys the portal generates for itself on first start (the key that signs form stamps), kept in
//! the database so that every instance behind a load balancer signs and checks with the same key.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PortalSecret::Table)
                    .if_not_exists()
                    .col(string(PortalSecret::Name).primary_key())
                    .col(string(PortalSecret::Value))
                    .col(timestamp_with_time_zone(PortalSecret::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PortalSecret::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PortalSecret {
    Table,
    Name,
    Value,
    CreatedAt,
}
