//! An upload that was started and has not ended yet, written beside the journal so
//! that after a crash, a closed laptop or a killed app the next start can offer to
//! resume it: the same file, read the same way, with the same mapping and journal
//! (whose accepted entries are not sent again). Holds no key and no token.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::envelope::Envelope;
use super::journal::JOURNAL_FORMAT;
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

/// What a journal's path is made from: the file (path, size, modified time), the
/// destination, the journal format and every envelope setting, so that a journal that
/// would be refused (an older format, other settings) is never at the path looked for.
fn journal_key(file: &Path, destination: &str, envelope: &Envelope, format: u32) -> String {
    let meta = fs::metadata(file).ok();
    let size = meta.as_ref().map_or(0, |m| m.len());
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let envelope = serde_json::to_string(envelope).expect("JSON");
    format!(
        "{}\u{1f}{size}\u{1f}{modified}\u{1f}{destination}\u{1f}{format}\u{1f}{envelope}",
        file.display()
    )
}

/// The journal file for a file, a destination (the profile's server and organisation)
/// and the envelope settings (object type, source, jeConfigId …): the same file (path,
/// size, modified time) uploaded with the same settings to the same place reuses its
/// journal, so nothing accepted is sent twice; other settings get their own journal
/// (one of theirs would be refused), and a practice run on the sandbox never hides
/// rows from the real server.
pub fn journal_path_for(
    journals: &Path,
    file: &Path,
    destination: &str,
    envelope: &Envelope,
) -> PathBuf {
    let object_type = envelope.object_type.as_str();
    let key = journal_key(file, destination, envelope, JOURNAL_FORMAT);
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

    fn envelope(object_type: &str) -> Envelope {
        Envelope {
            object_type: object_type.into(),
            source: "PangoImporter".into(),
            je_config_id: None,
            je_event_key: None,
            init_data: false,
            ignored_update_cfs: Vec::new(),
        }
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
        let customers = envelope("customers");
        assert_eq!(
            journal_path_for(j, &a, prod, &customers),
            journal_path_for(j, &a, prod, &customers)
        );
        assert_ne!(
            journal_path_for(j, &a, prod, &customers),
            journal_path_for(j, &b, prod, &customers)
        );
        assert_ne!(
            journal_path_for(j, &a, prod, &customers),
            journal_path_for(j, &a, prod, &envelope("orders"))
        );
        assert_ne!(
            journal_path_for(j, &a, prod, &customers),
            journal_path_for(
                j,
                &a,
                "http://127.0.0.1:8787/ingest\u{1f}demo-org",
                &customers
            ),
            "a practice run on the sandbox does not count for the real server"
        );
        assert!(
            journal_path_for(j, &a, prod, &customers)
                .to_string_lossy()
                .contains("thang_11-customers-")
        );
    }

    #[test]
    fn other_envelope_settings_get_their_own_journal() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("kh.csv");
        fs::write(&a, "x\n1\n").unwrap();
        let (j, prod) = (dir.path(), "https://x/ingest\u{1f}org1");
        let base = envelope("customers");
        type Edit = (&'static str, fn(&mut Envelope));
        let edits: [Edit; 5] = [
            ("source", |e| e.source = "CRM".into()),
            ("jeConfigId", |e| e.je_config_id = Some("cfg".into())),
            ("jeEventKey", |e| e.je_event_key = Some("ev".into())),
            ("initData", |e| e.init_data = true),
            ("ignoredUpdateCfs", |e| {
                e.ignored_update_cfs = vec!["customField1".into()]
            }),
        ];
        for (what, edit) in edits {
            let mut other = base.clone();
            edit(&mut other);
            assert_ne!(
                journal_path_for(j, &a, prod, &base),
                journal_path_for(j, &a, prod, &other),
                "{what}"
            );
            assert_eq!(
                journal_path_for(j, &a, prod, &other),
                journal_path_for(j, &a, prod, &other.clone()),
                "{what}: the same upload finds its journal again"
            );
        }
        // A journal of another format (an older version's) is never at this path.
        assert_ne!(
            journal_key(&a, prod, &base, JOURNAL_FORMAT),
            journal_key(&a, prod, &base, JOURNAL_FORMAT - 1)
        );
    }
}
