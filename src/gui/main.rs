//! `pango-importer`: the desktop wizard. `pango-importer FILE` opens FILE in the File
//! step once logged in ("Open with Pango Importer").
//!
//! On Windows it is a GUI program (no console window opens behind it); started from a
//! console, `--version`, `--help` and start-up errors are still printed there.

#![cfg_attr(windows, windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use pango_importer::i18n::Lang;

#[derive(Parser, Debug)]
#[command(
    name = "pango-importer",
    version = pango_importer::VERSION_LINE,
    about = "Put CSV and Excel files into PangoCDP: log in, pick a file, map, check, upload"
)]
struct Args {
    /// A CSV/TSV/Excel/ODS file to open (it waits on the login screen).
    file: Option<PathBuf>,
    /// Language of the app: en or vi (default: as last chosen, else the system's).
    #[arg(long, value_parser = ["en", "vi"])]
    lang: Option<String>,
}

fn main() -> ExitCode {
    console::attach_to_parent();
    let args = Args::parse();
    let lang = args
        .lang
        .as_deref()
        .map(|l| if l == "vi" { Lang::Vi } else { Lang::En });
    let file = args.file.map(|f| std::path::absolute(&f).unwrap_or(f));
    let env = match pango_importer::gui::Env::from_system(file, lang) {
        Ok(env) => env,
        Err(e) => {
            let message = format!("pango-importer: {e}");
            eprintln!("{message}");
            console::show_error(&message);
            return ExitCode::from(2);
        }
    };
    match pango_importer::gui::run(env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let message = format!("pango-importer: cannot open the window: {e}");
            eprintln!("{message}");
            console::show_error(&message);
            ExitCode::from(1)
        }
    }
}

/// Where a GUI program's text goes on Windows, which gives it no console of its own.
mod console {
    /// Started from a console (cmd, PowerShell), prints there: `--version`, `--help`, errors.
    /// Started from Explorer or the Start menu there is no console, and nothing happens.
    #[cfg(windows)]
    pub fn attach_to_parent() {
        use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
        // SAFETY: a plain Win32 call without pointers; failing (no parent console, or the
        // output already goes to a pipe or file) leaves everything as it was.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }

    #[cfg(not(windows))]
    pub fn attach_to_parent() {}

    /// A start-up error nobody would see on stderr (no console on Windows) in a message box.
    #[cfg(windows)]
    pub fn show_error(message: &str) {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Pango Importer")
            .set_description(message)
            .show();
    }

    #[cfg(not(windows))]
    pub fn show_error(_message: &str) {}
}
