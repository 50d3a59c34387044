//! The user's settings file (`<config>/settings.json`): saved profiles and the last
//! profile used. Written atomically; never holds a secret.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{AppDirs, Profile};

/// Why the settings could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("the settings file {} is damaged ({detail}); fix it or delete it to start over", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("cannot read or write the settings file {}: {detail}", path.display())]
    Io { path: PathBuf, detail: String },
}

/// What `settings.json` holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Profiles the user saved. A saved profile named like a built-in one replaces it.
    #[serde(default)]
    pub profiles: Vec<Profile>,
    /// The profile used last (the default for the next run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_profile: Option<String>,
    /// Settings this version does not know (written by other parts or versions of the
    /// app): kept as they are.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Settings {
    /// Reads `<config>/settings.json`; a missing file gives the defaults.
    pub fn load(dirs: &AppDirs) -> Result<Self, SettingsError> {
        Self::load_from(&dirs.settings_file())
    }

    /// Writes `<config>/settings.json` atomically.
    pub fn save(&self, dirs: &AppDirs) -> Result<(), SettingsError> {
        self.save_to(&dirs.settings_file())
    }

    pub fn load_from(path: &Path) -> Result<Self, SettingsError> {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(io_err(path, e)),
        };
        serde_json::from_slice(&bytes).map_err(|e| SettingsError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })
    }

    /// Writes to a temporary file beside `path`, flushes it to disk, then renames it
    /// over `path`, so a crash leaves either the old or the new file.
    pub fn save_to(&self, path: &Path) -> Result<(), SettingsError> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| io_err(path, e))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| io_err(path, e))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("settings");
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            fs::rename(&tmp, path)
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(io_err(path, e));
        }
        #[cfg(unix)]
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// The profile named `name`: a saved one, else a built-in one.
    pub fn profile(&self, name: &str) -> Option<Profile> {
        self.profiles
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .or_else(|| Profile::builtins().into_iter().find(|p| p.name == name))
    }

    /// Every profile: built-in ones first (as saved, if the user changed them), then
    /// the others in the order they were saved.
    pub fn all_profiles(&self) -> Vec<Profile> {
        let mut all: Vec<Profile> = Profile::builtins()
            .into_iter()
            .map(|b| self.profile(&b.name).unwrap_or(b))
            .collect();
        for p in &self.profiles {
            if !all.iter().any(|a| a.name == p.name) {
                all.push(p.clone());
            }
        }
        all
    }

    pub fn profile_names(&self) -> Vec<String> {
        self.all_profiles().into_iter().map(|p| p.name).collect()
    }

    /// Adds the profile, or replaces the saved one with the same name.
    pub fn upsert(&mut self, profile: Profile) {
        match self.profiles.iter_mut().find(|p| p.name == profile.name) {
            Some(p) => *p = profile,
            None => self.profiles.push(profile),
        }
    }

    /// Removes a saved profile (a built-in one then comes back as built). Returns
    /// whether one was removed.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.profiles.len();
        self.profiles.retain(|p| p.name != name);
        if self.last_profile.as_deref() == Some(name) {
            self.last_profile = None;
        }
        self.profiles.len() != before
    }
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> SettingsError {
    SettingsError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Profile {
        Profile {
            username: "ops@acme.vn".to_string(),
            cdp_gkey: "e7402a2f14aaaaa27488373a60355e0c".to_string(),
            ..Profile::named("acme")
        }
    }

    #[test]
    fn missing_file_gives_defaults() {
        let t = tempfile::tempdir().unwrap();
        let s = Settings::load(&AppDirs::at(t.path())).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.profile_names(), ["production", "sandbox"]);
    }

    #[test]
    fn round_trip_keeps_unknown_settings() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let mut s = Settings::default();
        s.upsert(acme());
        s.last_profile = Some("acme".to_string());
        s.other.insert("language".to_string(), "vi".into());
        s.save(&dirs).unwrap();
        let back = Settings::load(&dirs).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.profile_names(), ["production", "sandbox", "acme"]);
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(&dirs.config).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn corrupt_file_is_an_error_naming_it() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        fs::create_dir_all(&dirs.config).unwrap();
        fs::write(dirs.settings_file(), b"{\"profiles\": [").unwrap();
        let err = Settings::load(&dirs).unwrap_err();
        assert!(matches!(err, SettingsError::Corrupt { .. }));
        assert!(err.to_string().contains("settings.json"), "{err}");
    }

    #[test]
    fn a_saved_profile_replaces_the_builtin_of_that_name() {
        let mut s = Settings::default();
        let mine = Profile {
            username: "me".to_string(),
            ..Profile::production()
        };
        s.upsert(mine.clone());
        assert_eq!(s.profile("production"), Some(mine.clone()));
        assert_eq!(s.all_profiles()[0], mine);
        assert!(s.remove("production"));
        assert_eq!(s.profile("production"), Some(Profile::production()));
        assert!(!s.remove("production"));
        assert_eq!(s.profile("nope"), None);
    }
}
