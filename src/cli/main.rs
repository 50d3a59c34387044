//! `pango-importer-cli`: the headless front end over the same core as the app.
//! Exit codes (design.md §3): 0 success, 1 invalid rows, 2 usage/file/login error,
//! 3 rows sent but not accepted.

mod args;
mod fail;
mod inspect;
mod login_cmd;
mod object_choice;
mod objects;
mod progress;
mod sandbox_cmd;
mod upload;
mod validate;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use fail::Fail;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() {
                // --help and --version.
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let _ = e.print();
            if std::env::args().any(|a| a == "--json") {
                // The contract's error object, for scripts that asked for JSON.
                let text = e.render().to_string();
                let first = text.lines().next().unwrap_or("usage error");
                let message = first.strip_prefix("error: ").unwrap_or(first);
                println!("{}", serde_json::json!({ "error": { "message": message } }));
            }
            return ExitCode::from(2);
        }
    };
    let json = cli.command.json();
    let result = match &cli.command {
        Command::Inspect(a) => inspect::run(a),
        Command::Objects(a) => objects::run(a, cli.lang),
        Command::Validate(a) => validate::run(a, cli.lang),
        Command::Upload(a) => upload::run(a, cli.lang),
        Command::Sandbox(a) => sandbox_cmd::run(a).map_err(Fail::usage),
        Command::Login(a) => login_cmd::run_with_check(
            a,
            &pango_importer::keychain::OsKeyStore::new(),
            Some(&login_cmd::check_with_pango),
        )
        .map_err(Fail::usage),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(fail) => {
            fail.report(json);
            ExitCode::from(2)
        }
    }
}
