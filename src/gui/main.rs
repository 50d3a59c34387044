//! `pango-importer`: the desktop wizard. `pango-importer FILE` opens FILE in the File
//! step once logged in ("Open with Pango Importer").

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
    let args = Args::parse();
    let lang = args
        .lang
        .as_deref()
        .map(|l| if l == "vi" { Lang::Vi } else { Lang::En });
    let file = args.file.map(|f| std::path::absolute(&f).unwrap_or(f));
    let env = match pango_importer::gui::Env::from_system(file, lang) {
        Ok(env) => env,
        Err(e) => {
            eprintln!("pango-importer: {e}");
            return ExitCode::from(2);
        }
    };
    match pango_importer::gui::run(env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pango-importer: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}
