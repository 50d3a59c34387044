//! The upload journal: what Pango accepted, written durably (fsync) after every
//! accepted batch, so a rerun after a crash, a kill or a power cut sends only what
//! is not yet accepted. It records a hash of each accepted entry's exact JSON —
//! never a key, a token or row contents — so an entry fixed since is sent again.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::envelope::Envelope;

/// The journal format this version writes and reads. Format 1 (no destination, no
/// envelope, a hash that could change between builds) is refused.
pub const JOURNAL_FORMAT: u32 = 2;

/// The name of the entry hash written in the header.
pub const HASH_NAME: &str = "fnv1a64";

/// Where an upload goes and what its requests carry besides the entries: a journal is
/// only ever used for the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalKey {
    /// The ingest URL, as used (`PANGO_INGEST_URL` or the profile's).
    pub ingest_url: String,
    /// The organisation: `cdpGKey` (or the auth-app `orgId`). Not a secret.
    pub org: String,
    pub envelope: Envelope,
}

#[derive(Serialize, Deserialize)]
struct Header {
    journal: u32,
    #[serde(default)]
    object_type: String,
    #[serde(default)]
    hash: Option<String>,
    #[serde(default)]
    destination: Option<Destination>,
    #[serde(default)]
    envelope: Option<Envelope>,
}

#[derive(Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Destination {
    ingest_url: String,
    cdp_g_key: String,
}

#[derive(Serialize, Deserialize)]
struct Accepted {
    accepted: Vec<u64>,
}

/// Why a journal cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: cannot use the journal: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error(
        "{path}: this journal belongs to an upload of '{found}', not '{expected}'; use another journal file"
    )]
    OtherObject {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error(
        "{path}: this journal belongs to an upload to {found}, not {expected}; it cannot tell what that server holds: use another journal file"
    )]
    OtherDestination {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error(
        "{path}: this journal belongs to an upload with other settings ({what}: {found} then, {expected} now); use another journal file, or the same settings"
    )]
    OtherSettings {
        path: PathBuf,
        what: &'static str,
        found: String,
        expected: String,
    },
    #[error(
        "{path}: this journal was written by an older version (journal format {found}, this one reads {JOURNAL_FORMAT}) that did not record where its rows went; use a new journal file (an upload to the same place sends every row again, which Pango stores once by key)"
    )]
    OldFormat { path: PathBuf, found: u32 },
    #[error("{path}: not an upload journal")]
    NotAJournal { path: PathBuf },
}

/// An open journal.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    accepted: HashSet<u64>,
}

/// The hash under which an entry (its exact JSON) is journalled: 64-bit FNV-1a
/// (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over the bytes, written
/// out here so it never changes between versions, builds or machines (README).
pub fn entry_hash(entry_json: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in entry_json {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `what` differs: the first envelope setting that does, as text.
fn first_difference(then: &Envelope, now: &Envelope) -> Option<(&'static str, String, String)> {
    let show = |o: &Option<String>| o.clone().unwrap_or_else(|| "none".into());
    let list = |l: &[String]| format!("[{}]", l.join(", "));
    if then.source != now.source {
        return Some(("source", then.source.clone(), now.source.clone()));
    }
    if then.je_config_id != now.je_config_id {
        return Some((
            "jeConfigId",
            show(&then.je_config_id),
            show(&now.je_config_id),
        ));
    }
    if then.je_event_key != now.je_event_key {
        return Some((
            "jeEventKey",
            show(&then.je_event_key),
            show(&now.je_event_key),
        ));
    }
    if then.init_data != now.init_data {
        return Some((
            "initData",
            then.init_data.to_string(),
            now.init_data.to_string(),
        ));
    }
    if then.ignored_update_cfs != now.ignored_update_cfs {
        return Some((
            "ignoredUpdateCfs",
            list(&then.ignored_update_cfs),
            list(&now.ignored_update_cfs),
        ));
    }
    None
}

impl Journal {
    /// Opens (or creates) the journal at `path` for an upload to `key`'s destination
    /// with its envelope. A journal of another destination, type or settings, or of an
    /// older format, is refused. A torn last line (a crash mid-write) is ignored.
    pub fn open(path: &Path, key: &JournalKey) -> Result<Journal, JournalError> {
        let object_type = key.envelope.object_type.as_str();
        let io = |e: std::io::Error| JournalError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let mut accepted = HashSet::new();
        let exists = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        if exists {
            let reader = BufReader::new(File::open(path).map_err(io)?);
            let mut lines = reader.lines();
            let header: Header = lines
                .next()
                .and_then(|l| l.ok())
                .and_then(|l| serde_json::from_str(&l).ok())
                .ok_or_else(|| JournalError::NotAJournal {
                    path: path.to_path_buf(),
                })?;
            check_header(path, header, key)?;
            for line in lines {
                let Ok(line) = line else { break };
                // A torn line (crash mid-write) is skipped; later lines still count.
                if let Ok(a) = serde_json::from_str::<Accepted>(&line) {
                    accepted.extend(a.accepted);
                }
            }
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(io)?;
        if !exists {
            let header = Header {
                journal: JOURNAL_FORMAT,
                object_type: object_type.to_string(),
                hash: Some(HASH_NAME.into()),
                destination: Some(Destination {
                    ingest_url: key.ingest_url.clone(),
                    cdp_g_key: key.org.clone(),
                }),
                envelope: Some(key.envelope.clone()),
            };
            writeln!(file, "{}", serde_json::to_string(&header).expect("JSON")).map_err(io)?;
            file.sync_all().map_err(io)?;
        } else {
            // Start on a fresh line if the last write was torn.
            file.write_all(b"\n").map_err(io)?;
        }
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            accepted,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether an entry with this hash was accepted before.
    pub fn contains(&self, hash: u64) -> bool {
        self.accepted.contains(&hash)
    }

    pub fn len(&self) -> usize {
        self.accepted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.accepted.is_empty()
    }

    /// Records accepted entries and waits until they are on disk.
    pub fn record(&mut self, hashes: &[u64]) -> Result<(), JournalError> {
        let line = serde_json::to_string(&Accepted {
            accepted: hashes.to_vec(),
        })
        .expect("JSON");
        let io = |e: std::io::Error| JournalError::Io {
            path: self.path.clone(),
            reason: e.to_string(),
        };
        writeln!(self.file, "{line}").map_err(io)?;
        self.file.sync_data().map_err(io)?;
        self.accepted.extend(hashes);
        Ok(())
    }
}

/// Refuses a journal whose header is not this format, destination and envelope.
fn check_header(path: &Path, header: Header, key: &JournalKey) -> Result<(), JournalError> {
    let path = path.to_path_buf();
    if header.journal != JOURNAL_FORMAT || header.hash.as_deref() != Some(HASH_NAME) {
        return Err(JournalError::OldFormat {
            path,
            found: header.journal,
        });
    }
    let (Some(dest), Some(envelope)) = (header.destination, header.envelope) else {
        return Err(JournalError::NotAJournal { path });
    };
    if header.object_type != key.envelope.object_type {
        return Err(JournalError::OtherObject {
            path,
            found: header.object_type,
            expected: key.envelope.object_type.clone(),
        });
    }
    if dest.ingest_url != key.ingest_url || dest.cdp_g_key != key.org {
        return Err(JournalError::OtherDestination {
            path,
            found: format!("{} (organisation {})", dest.ingest_url, dest.cdp_g_key),
            expected: format!("{} (organisation {})", key.ingest_url, key.org),
        });
    }
    if let Some((what, found, expected)) = first_difference(&envelope, &key.envelope) {
        return Err(JournalError::OtherSettings {
            path,
            what,
            found,
            expected,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(object: &str) -> JournalKey {
        JournalKey {
            ingest_url: "https://svc.example/dhub-i/api/v1.0/ingest".into(),
            org: "e7402a2f14aaaaa27488373a60355e0c".into(),
            envelope: Envelope {
                object_type: object.into(),
                source: "PangoImporter".into(),
                je_config_id: None,
                je_event_key: None,
                init_data: false,
                ignored_update_cfs: Vec::new(),
            },
        }
    }

    #[test]
    fn survives_reopen_and_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j").join("upload.journal");
        let mut j = Journal::open(&path, &key("order")).unwrap();
        assert!(j.is_empty());
        j.record(&[1, 2, 3]).unwrap();
        drop(j);
        // A crash mid-write leaves half a line.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"accepted":[4,5"#).unwrap();
        drop(f);
        let mut j = Journal::open(&path, &key("order")).unwrap();
        assert!(j.contains(1) && j.contains(3) && !j.contains(4));
        j.record(&[9]).unwrap();
        drop(j);
        let j = Journal::open(&path, &key("order")).unwrap();
        assert!(j.contains(9), "records after a torn line are read");
        assert_eq!(j.len(), 4);
        assert!(matches!(
            Journal::open(&path, &key("product")),
            Err(JournalError::OtherObject { .. })
        ));
        std::fs::write(dir.path().join("x"), "hello\n").unwrap();
        assert!(matches!(
            Journal::open(&dir.path().join("x"), &key("order")),
            Err(JournalError::NotAJournal { .. })
        ));
    }

    #[test]
    fn a_journal_of_another_destination_or_settings_or_format_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upload.journal");
        Journal::open(&path, &key("order"))
            .unwrap()
            .record(&[7])
            .unwrap();
        let header = std::fs::read_to_string(&path).unwrap();
        for needed in [
            "\"journal\":2",
            "fnv1a64",
            "svc.example",
            "e7402a2f14",
            "PangoImporter",
        ] {
            assert!(header.contains(needed), "{needed}: {header}");
        }
        let mut sandbox = key("order");
        sandbox.ingest_url = "http://127.0.0.1:8787/dhub-i/api/v1.0/ingest".into();
        let e = Journal::open(&path, &sandbox).unwrap_err();
        assert!(matches!(e, JournalError::OtherDestination { .. }), "{e}");
        assert!(e.to_string().contains("127.0.0.1:8787"), "{e}");
        let mut org = key("order");
        org.org = "another-org".into();
        assert!(matches!(
            Journal::open(&path, &org),
            Err(JournalError::OtherDestination { .. })
        ));
        type Edit = (&'static str, fn(&mut Envelope));
        let edits: [Edit; 5] = [
            ("source", |e| e.source = "CRM".into()),
            ("jeConfigId", |e| e.je_config_id = Some("je".into())),
            ("jeEventKey", |e| e.je_event_key = Some("k".into())),
            ("initData", |e| e.init_data = true),
            ("ignoredUpdateCfs", |e| {
                e.ignored_update_cfs = vec!["customField01".into()]
            }),
        ];
        for (what, edit) in edits {
            let mut k = key("order");
            edit(&mut k.envelope);
            let e = Journal::open(&path, &k).unwrap_err();
            assert!(
                matches!(e, JournalError::OtherSettings { what: w, .. } if w == what),
                "{what}: {e}"
            );
        }
        assert!(Journal::open(&path, &key("order")).unwrap().contains(7));
        // A journal of format 1 (before destinations were recorded).
        let old = dir.path().join("old.journal");
        std::fs::write(
            &old,
            "{\"journal\":1,\"object_type\":\"order\"}\n{\"accepted\":[1,2]}\n",
        )
        .unwrap();
        let e = Journal::open(&old, &key("order")).unwrap_err();
        assert!(matches!(e, JournalError::OldFormat { found: 1, .. }), "{e}");
        assert!(e.to_string().contains("older version"), "{e}");
    }

    #[test]
    fn the_entry_hash_is_fnv1a_64() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(entry_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(entry_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(entry_hash(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
