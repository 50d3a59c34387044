//! `pango-importer-cli`: the headless front end over the same core as the app.
//! Exit codes (design.md §3): 0 success, 1 invalid rows, 2 usage/file/login error,
//! 3 rows sent but not accepted.

mod args;
mod fail;
mod inspect;
mod objects;
mod report;
mod upload;
mod validate;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let json = cli.command.json();
    let result = match &cli.command {
        Command::Inspect(a) => inspect::run(a),
        Command::Objects(a) => objects::run(a, cli.lang),
        Command::Validate(a) => validate::run(a, cli.lang),
        Command::Upload(a) => upload::run(a, cli.lang),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(fail) => {
            fail.report(json);
            ExitCode::from(2)
        }
    }
}
