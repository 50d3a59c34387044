//! Where the app keeps its files: settings under the config folder; journals,
//! reports, templates and the import history under the data folder.

use std::path::{Path, PathBuf};

/// The environment variable that puts config and data under one folder
/// (`<it>/config`, `<it>/data`): for tests and the sandbox-only "try it" flow.
pub const HOME_ENV: &str = "PANGO_IMPORTER_HOME";

/// The app's two base folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl AppDirs {
    /// Config and data under one base folder: `<base>/config`, `<base>/data`.
    pub fn at(base: &Path) -> Self {
        Self {
            config: base.join("config"),
            data: base.join("data"),
        }
    }

    /// `PANGO_IMPORTER_HOME` when set, else the platform's folders for
    /// `vn.Pango.Pango Importer` (e.g. `~/.config/pangoimporter` on Linux).
    pub fn from_env() -> Result<Self, String> {
        Self::resolve(&|name| std::env::var(name).ok())
    }

    /// As [`AppDirs::from_env`], reading variables through `env`.
    pub fn resolve(env: &dyn Fn(&str) -> Option<String>) -> Result<Self, String> {
        if let Some(home) = env(HOME_ENV).filter(|h| !h.is_empty()) {
            return Ok(Self::at(Path::new(&home)));
        }
        let dirs =
            directories::ProjectDirs::from("vn", "Pango", "Pango Importer").ok_or_else(|| {
                format!("cannot find the user's home folder; set {HOME_ENV} to a folder to use")
            })?;
        Ok(Self {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
        })
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.json")
    }

    pub fn journals(&self) -> PathBuf {
        self.data.join("journals")
    }

    pub fn reports(&self) -> PathBuf {
        self.data.join("reports")
    }

    pub fn templates(&self) -> PathBuf {
        self.data.join("templates")
    }

    pub fn history_file(&self) -> PathBuf {
        self.data.join("history.jsonl")
    }

    /// Creates the config folder and the data folders (journals, reports, templates).
    pub fn create_all(&self) -> std::io::Result<()> {
        for dir in [
            self.config.clone(),
            self.journals(),
            self.reports(),
            self.templates(),
        ] {
            std::fs::create_dir_all(dir)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_override_puts_everything_under_it() {
        let d = AppDirs::resolve(&|n| (n == HOME_ENV).then(|| "/tmp/pih".to_string())).unwrap();
        assert_eq!(d, AppDirs::at(Path::new("/tmp/pih")));
        assert_eq!(
            d.settings_file(),
            Path::new("/tmp/pih/config/settings.json")
        );
        assert_eq!(d.history_file(), Path::new("/tmp/pih/data/history.jsonl"));
        assert_eq!(d.journals(), Path::new("/tmp/pih/data/journals"));
        assert_eq!(d.reports(), Path::new("/tmp/pih/data/reports"));
        assert_eq!(d.templates(), Path::new("/tmp/pih/data/templates"));
    }

    #[test]
    fn platform_dirs_without_override() {
        // With a home folder (as on this machine) the platform folders are used.
        if let Ok(d) = AppDirs::resolve(&|_| None) {
            assert!(d.config.is_absolute() && d.data.is_absolute());
        }
    }

    #[test]
    fn create_all_makes_the_folders() {
        let t = tempfile::tempdir().unwrap();
        let d = AppDirs::at(t.path());
        d.create_all().unwrap();
        assert!(d.config.is_dir() && d.journals().is_dir() && d.templates().is_dir());
    }
}
