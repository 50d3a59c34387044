//! An upload that was started and has not ended yet, written beside the journal so
//! that after a crash, a closed laptop or a killed app the next start can offer to
//! resume it: the same file, read the same way, with the same mapping and journal
//! (whose accepted entries are not sent again). Holds no key and no token.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::mapping::Mapping;
use crate::source::ReadOptions;

/// How the file was read (the user's choices in the File step).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadChoices {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<u8>,
}

impl From<&ReadOptions> for ReadChoices {
    fn from(o: &ReadOptions) -> Self {
        Self {
            sheet: o.sheet.clone(),
            header_row: o.header_row,
            encoding: o.encoding.clone(),
            delimiter: o.delimiter,
        }
    }
}

impl From<&ReadChoices> for ReadOptions {
    fn from(c: &ReadChoices) -> Self {
        Self {
            sheet: c.sheet.clone(),
            header_row: c.header_row,
            encoding: c.encoding.clone(),
            delimiter: c.delimiter,
        }
    }
}

/// One interrupted (or running) upload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingUpload {
    pub file: PathBuf,
    pub read: ReadChoices,
    pub mapping: Mapping,
    /// The profile it was sent with.
    pub profile: String,
    pub journal: PathBuf,
    pub started_at_ms: i64,
    /// Valid rows when it started.
    pub rows: usize,
}

/// `<journals>/pending.json`.
pub fn pending_path(journals: &Path) -> PathBuf {
    journals.join("pending.json")
}

impl PendingUpload {
    /// Writes the record atomically (temporary file, fsync, rename).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let mut f = fs::File::create(&tmp)?;
        f.write_all(serde_json::to_string_pretty(self)?.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    }

    /// The record, if there is a readable one.
    pub fn load(path: &Path) -> Option<Self> {
        let text = fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Forgets the record (the upload ended, or the user discarded it).
    pub fn clear(path: &Path) -> std::io::Result<()> {
        match fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The journal file for a file, an object type and a destination (the profile's
/// server and organisation): the same file (path, size, modified time) uploaded as the
/// same type to the same place reuses its journal, so nothing accepted is sent twice;
/// a practice run on the sandbox never hides rows from the real server.
pub fn journal_path_for(
    journals: &Path,
    file: &Path,
    object_type: &str,
    destination: &str,
) -> PathBuf {
    let meta = fs::metadata(file).ok();
    let size = meta.as_ref().map_or(0, |m| m.len());
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let key = format!(
        "{}\u{1f}{size}\u{1f}{modified}\u{1f}{object_type}\u{1f}{destination}",
        file.display()
    );
    let hash = super::entry_hash(key.as_bytes());
    let stem: String = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    journals.join(format!("{stem}-{object_type}-{hash:016x}.journal"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_upload_survives_a_restart_and_can_be_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let path = pending_path(dir.path());
        assert!(PendingUpload::load(&path).is_none());
        let p = PendingUpload {
            file: dir.path().join("khách hàng.csv"),
            read: ReadChoices {
                sheet: Some("Sheet1".into()),
                header_row: Some(3),
                encoding: None,
                delimiter: Some(b';'),
            },
            mapping: Mapping::new("customers"),
            profile: "sandbox".into(),
            journal: dir.path().join("j.journal"),
            started_at_ms: 1,
            rows: 10,
        };
        p.save(&path).unwrap();
        assert_eq!(PendingUpload::load(&path), Some(p.clone()));
        let opts = ReadOptions::from(&p.read);
        assert_eq!(opts.header_row, Some(3));
        assert_eq!(ReadChoices::from(&opts), p.read);
        PendingUpload::clear(&path).unwrap();
        PendingUpload::clear(&path).unwrap();
        assert!(PendingUpload::load(&path).is_none());
    }

    #[test]
    fn the_same_file_type_and_destination_share_a_journal_and_others_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("thang 11.csv");
        let b = dir.path().join("thang 12.csv");
        fs::write(&a, "x\n1\n").unwrap();
        fs::write(&b, "x\n1\n").unwrap();
        let j = dir.path();
        let prod = "https://x/ingest\u{1f}org1";
        assert_eq!(
            journal_path_for(j, &a, "customers", prod),
            journal_path_for(j, &a, "customers", prod)
        );
        assert_ne!(
            journal_path_for(j, &a, "customers", prod),
            journal_path_for(j, &b, "customers", prod)
        );
        assert_ne!(
            journal_path_for(j, &a, "customers", prod),
            journal_path_for(j, &a, "orders", prod)
        );
        assert_ne!(
            journal_path_for(j, &a, "customers", prod),
            journal_path_for(
                j,
                &a,
                "customers",
                "http://127.0.0.1:8787/ingest\u{1f}demo-org"
            ),
            "a practice run on the sandbox does not count for the real server"
        );
        assert!(
            journal_path_for(j, &a, "customers", prod)
                .to_string_lossy()
                .contains("thang_11-customers-")
        );
    }
}
