//! The upload journal: what Pango accepted, written durably (fsync) after every
//! accepted batch, so a rerun after a crash, a kill or a power cut sends only what
//! is not yet accepted. It records a hash of each accepted entry's exact JSON —
//! never a key, a token or row contents — so an entry fixed since is sent again.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Header {
    journal: u32,
    object_type: String,
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

/// The hash under which an entry (its exact JSON) is journalled.
pub fn entry_hash(entry_json: &[u8]) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x6a6f_7572_6e61_6c31).build_hasher();
    h.write(entry_json);
    h.finish()
}

impl Journal {
    /// Opens (or creates) the journal at `path` for an upload of `object_type`.
    /// A torn last line (a crash mid-write) is ignored.
    pub fn open(path: &Path, object_type: &str) -> Result<Journal, JournalError> {
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
            if header.object_type != object_type {
                return Err(JournalError::OtherObject {
                    path: path.to_path_buf(),
                    found: header.object_type,
                    expected: object_type.to_string(),
                });
            }
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
                journal: 1,
                object_type: object_type.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_reopen_and_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j").join("upload.journal");
        let mut j = Journal::open(&path, "order").unwrap();
        assert!(j.is_empty());
        j.record(&[1, 2, 3]).unwrap();
        drop(j);
        // A crash mid-write leaves half a line.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"accepted":[4,5"#).unwrap();
        drop(f);
        let mut j = Journal::open(&path, "order").unwrap();
        assert!(j.contains(1) && j.contains(3) && !j.contains(4));
        j.record(&[9]).unwrap();
        drop(j);
        let j = Journal::open(&path, "order").unwrap();
        assert!(j.contains(9), "records after a torn line are read");
        assert_eq!(j.len(), 4);
        assert!(matches!(
            Journal::open(&path, "product"),
            Err(JournalError::OtherObject { .. })
        ));
        std::fs::write(dir.path().join("x"), "hello\n").unwrap();
        assert!(matches!(
            Journal::open(&dir.path().join("x"), "order"),
            Err(JournalError::NotAJournal { .. })
        ));
    }
}
