//! Stand-alone migration CLI (`cargo run -p migrations -- up`); `engage migrate` does the same.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migrations::Migrator).await;
}
