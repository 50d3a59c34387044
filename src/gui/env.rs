//! What the app starts with: where it keeps things, the keychain, the sample files,
//! the language, and the choices it remembers between runs (never a key).

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::keychain::{KeyStore, MemoryKeyStore, OsKeyStore};
use crate::profile::AppDirs;
use crate::sandbox::SandboxConfig;

use super::file_step;
use super::session::KeyPlaces;
use super::settings_page::ThemeChoice;

/// Where the app keeps things and what it starts with (tests give their own).
pub struct Env {
    pub dirs: AppDirs,
    pub places: KeyPlaces,
    /// The built-in sandbox's settings for "Try without an account".
    pub sandbox: SandboxConfig,
    /// A file given on the command line ("Open with Pango Importer").
    pub open_file: Option<PathBuf>,
    /// A language given on the command line (else the saved one, else the system's).
    pub lang: Option<Lang>,
    /// The sample files offered in the File step.
    pub samples: Vec<PathBuf>,
}

impl Env {
    /// The real machine: data folders from the OS (or PANGO_IMPORTER_HOME), the OS keychain.
    pub fn from_system(open_file: Option<PathBuf>, lang: Option<Lang>) -> Result<Env, String> {
        let dirs = AppDirs::from_env()?;
        Ok(Env {
            dirs,
            places: KeyPlaces {
                keys: Arc::new(OsKeyStore::new()),
                session_keys: Arc::new(MemoryKeyStore::new()),
            },
            sandbox: SandboxConfig::default(),
            open_file,
            lang,
            samples: sample_files(),
        })
    }

    /// Everything in a temporary place, with an in-memory keychain (tests).
    pub fn isolated(base: &std::path::Path) -> Env {
        Env {
            dirs: AppDirs::at(base),
            places: KeyPlaces {
                keys: Arc::new(MemoryKeyStore::new()) as Arc<dyn KeyStore>,
                session_keys: Arc::new(MemoryKeyStore::new()),
            },
            sandbox: SandboxConfig::default(),
            open_file: None,
            lang: Some(Lang::En),
            samples: sample_files(),
        }
    }
}

/// Sample files: installed beside the app, or in the source tree.
pub fn sample_files() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Ok(d) = std::env::var("PANGO_IMPORTER_SAMPLES") {
        dirs.push(d.into());
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(bin) = exe.parent()
    {
        // Where packaging/Packager.toml's resources land: .deb /usr/lib/pango-importer/,
        // Windows the install folder, macOS Contents/Resources.
        dirs.push(bin.join("../lib/pango-importer/samples"));
        dirs.push(bin.join("samples"));
        dirs.push(bin.join("../Resources/samples"));
    }
    dirs.push(PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples"
    )));
    for d in dirs {
        if let Ok(rd) = std::fs::read_dir(&d) {
            let mut files: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .map(|e| e.to_string_lossy().to_lowercase())
                        .is_some_and(|e| file_step::EXTENSIONS.contains(&e.as_str()))
                })
                .collect();
            if !files.is_empty() {
                files.sort();
                return files;
            }
        }
    }
    Vec::new()
}

/// Choices kept between runs (eframe's storage; never a key).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Prefs {
    pub lang: Option<Lang>,
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    pub object_type: Option<String>,
}

/// Vietnamese when the user's Windows display language or regional format is Vietnamese
/// (a Vietnamese team often keeps an English Windows with Vietnamese formats); `None` when
/// Windows does not say.
#[cfg(windows)]
fn windows_lang() -> Option<Lang> {
    use windows_sys::Win32::Globalization::{GetUserDefaultLocaleName, GetUserDefaultUILanguage};
    const LANG_VIETNAMESE: u16 = 0x2a;
    // SAFETY: no arguments.
    let ui = unsafe { GetUserDefaultUILanguage() };
    let mut buf = [0u16; 85];
    // SAFETY: the buffer is writable and its length is passed (LOCALE_NAME_MAX_LENGTH = 85).
    let n = unsafe { GetUserDefaultLocaleName(buf.as_mut_ptr(), buf.len() as i32) };
    let locale =
        String::from_utf16_lossy(&buf[..usize::try_from(n).unwrap_or(0).saturating_sub(1)]);
    if ui == 0 && locale.is_empty() {
        return None;
    }
    let vietnamese = ui & 0x3ff == LANG_VIETNAMESE || locale.to_lowercase().starts_with("vi");
    Some(if vietnamese { Lang::Vi } else { Lang::En })
}

pub const PREFS_KEY: &str = "pango-importer-prefs";
pub const MAX_RECENT: usize = 8;

/// The language of the system: on Windows the user's display language and regional format
/// (Settings → Time & language), elsewhere the usual environment variables.
pub fn system_lang() -> Lang {
    #[cfg(windows)]
    if let Some(lang) = windows_lang() {
        return lang;
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.to_lowercase().starts_with("vi") {
                Lang::Vi
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}
