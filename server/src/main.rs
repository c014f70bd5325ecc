//! `engage`: serve the portal, run migrations, or create staff accounts.

use clap::Parser;
use engage::cli::{Cli, run};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("engage: {err}");
            ExitCode::FAILURE
        }
    }
}
