//! Where API keys live: the OS keychain (through `keyring` v4 and `keyring-core`), or
//! process memory for tests and for "remember for this session only".
//!
//! Entries are named service [`SERVICE`] ("Pango Importer"), account
//! `"<profile>:<username>"`. Nothing here ever formats a key: [`KeyError`] carries
//! only fixed texts and the keychain's own (key-free) reasons.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use keyring_core::{CredentialStore, Entry};

use crate::secret::Secret;

/// The keychain service name every entry of the app is filed under.
pub const SERVICE: &str = "Pango Importer";

/// Why a keychain call failed. Never holds the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// No usable keychain at all: no default store (`NoDefaultStore`), or the
    /// platform store failed (`PlatformFailure`: on Linux, typically no D-Bus
    /// session bus or no Secret Service provider). `detail` is the platform's reason,
    /// for a verbose log; the message is what the user reads.
    #[error(
        "No system keychain is available (on Linux: no Secret Service is running). \
         The key is kept for this session only."
    )]
    Unavailable { detail: String },
    /// The keychain exists but refused access (locked, or the unlock prompt was
    /// dismissed).
    #[error("The system keychain refused access (it may be locked; unlock it and try again): {0}")]
    Locked(String),
    /// Anything else the keychain reported.
    #[error("The system keychain failed: {0}")]
    Failed(String),
}

impl KeyError {
    pub fn is_unavailable(&self) -> bool {
        matches!(self, KeyError::Unavailable { .. })
    }
}

/// Storage for API keys, one per (profile, username).
pub trait KeyStore: Send + Sync {
    /// The key stored for this profile and user; `Ok(None)` when there is none.
    fn get(&self, profile: &str, username: &str) -> Result<Option<Secret>, KeyError>;
    /// Stores (or replaces) the key.
    fn set(&self, profile: &str, username: &str, key: &Secret) -> Result<(), KeyError>;
    /// Deletes the key; deleting a key that is not there is not an error.
    fn delete(&self, profile: &str, username: &str) -> Result<(), KeyError>;
}

/// The keychain account name of a profile's key.
pub fn account(profile: &str, username: &str) -> String {
    format!("{profile}:{username}")
}

/// Where a key ended up (see [`store_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// In the OS keychain: it survives a restart.
    Keychain,
    /// Only in this process's memory, because there is no keychain.
    SessionOnly,
}

/// Stores a key in `primary`; when `primary` is [`KeyError::Unavailable`], keeps it in
/// `session` instead (the app still works for this session) and says so.
pub fn store_key(
    primary: &dyn KeyStore,
    session: &MemoryKeyStore,
    profile: &str,
    username: &str,
    key: &Secret,
) -> Result<Persistence, KeyError> {
    match primary.set(profile, username, key) {
        Ok(()) => Ok(Persistence::Keychain),
        Err(e) if e.is_unavailable() => {
            session.set(profile, username, key)?;
            Ok(Persistence::SessionOnly)
        }
        Err(e) => Err(e),
    }
}

/// The OS keychain through `keyring` v4: Secret Service (over zbus, pure Rust) on
/// Linux and the BSDs, Credential Manager on Windows, Keychain on macOS.
///
/// The platform store is opened once per process (by `keyring`'s own one-time
/// initialisation); when that failed, every call answers [`KeyError::Unavailable`].
pub struct OsKeyStore {
    store: Result<Arc<CredentialStore>, String>,
}

impl OsKeyStore {
    /// Opens the platform's keychain. Never fails: an unavailable keychain is
    /// reported by each call (and by [`OsKeyStore::status`]).
    pub fn new() -> Self {
        let store = match keyring::Entry::store_status() {
            Ok(()) => keyring_core::get_default_store()
                .ok_or_else(|| "no default credential store was set".to_string()),
            Err(e) => Err(reason(e)),
        };
        Self { store }
    }

    /// Uses a given `keyring-core` store (tests pass `keyring_core::mock::Store`).
    pub fn with_store(store: Arc<CredentialStore>) -> Self {
        Self { store: Ok(store) }
    }

    /// `Ok` when a keychain was opened (it may still refuse a later call).
    pub fn status(&self) -> Result<(), KeyError> {
        self.store
            .as_ref()
            .map(|_| ())
            .map_err(|d| KeyError::Unavailable { detail: d.clone() })
    }

    fn entry(&self, profile: &str, username: &str) -> Result<Entry, KeyError> {
        let store = self
            .store
            .as_ref()
            .map_err(|d| KeyError::Unavailable { detail: d.clone() })?;
        store
            .build(SERVICE, &account(profile, username), None)
            .map_err(map_error)
    }
}

impl Default for OsKeyStore {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyStore for OsKeyStore {
    fn get(&self, profile: &str, username: &str) -> Result<Option<Secret>, KeyError> {
        match self.entry(profile, username)?.get_password() {
            Ok(key) => Ok(Some(Secret::new(key))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e)),
        }
    }

    fn set(&self, profile: &str, username: &str, key: &Secret) -> Result<(), KeyError> {
        self.entry(profile, username)?
            .set_password(key.expose())
            .map_err(map_error)
    }

    fn delete(&self, profile: &str, username: &str) -> Result<(), KeyError> {
        match self.entry(profile, username)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e)),
        }
    }
}

/// A key-free reason for a store that could not be opened.
fn reason(e: &keyring_core::Error) -> String {
    match e {
        keyring_core::Error::PlatformFailure(p) | keyring_core::Error::NoStorageAccess(p) => {
            p.to_string()
        }
        keyring_core::Error::NoDefaultStore => "no default credential store".to_string(),
        keyring_core::Error::Invalid(what, why) => format!("{what}: {why}"),
        _ => "the credential store could not be opened".to_string(),
    }
}

/// Maps a `keyring-core` error to [`KeyError`] without ever formatting secret bytes
/// (`BadEncoding` and `BadDataFormat` carry the stored data).
fn map_error(e: keyring_core::Error) -> KeyError {
    use keyring_core::Error as E;
    match e {
        E::NoDefaultStore => KeyError::Unavailable {
            detail: "no default credential store".to_string(),
        },
        E::PlatformFailure(p) => KeyError::Unavailable {
            detail: p.to_string(),
        },
        E::NoStorageAccess(p) => KeyError::Locked(p.to_string()),
        E::NoEntry => KeyError::Failed("no such entry".to_string()),
        E::BadEncoding(_) => KeyError::Failed("the stored key is not valid text".to_string()),
        E::BadDataFormat(_, _) => KeyError::Failed("the stored key is damaged".to_string()),
        E::BadStoreFormat(why) => KeyError::Failed(format!("the keychain is damaged: {why}")),
        E::TooLong(what, max) => {
            KeyError::Failed(format!("{what} is longer than {max} characters"))
        }
        E::Invalid(what, why) => KeyError::Failed(format!("{what} is invalid: {why}")),
        E::Ambiguous(items) => KeyError::Failed(format!(
            "{} keychain entries match; remove the extra ones",
            items.len()
        )),
        E::NotSupportedByStore(why) => KeyError::Failed(format!("not supported: {why}")),
        _ => KeyError::Failed("unexpected keychain error".to_string()),
    }
}

/// Keys in process memory only: for tests, and for "remember for this session only"
/// when there is no keychain.
#[derive(Default)]
pub struct MemoryKeyStore {
    keys: Mutex<HashMap<(String, String), Secret>>,
}

impl MemoryKeyStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut HashMap<(String, String), Secret>) -> T) -> T {
        let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut keys)
    }
}

impl std::fmt::Debug for MemoryKeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.with(|k| k.len());
        write!(f, "MemoryKeyStore({n} keys)")
    }
}

impl KeyStore for MemoryKeyStore {
    fn get(&self, profile: &str, username: &str) -> Result<Option<Secret>, KeyError> {
        Ok(self.with(|k| k.get(&(profile.to_string(), username.to_string())).cloned()))
    }

    fn set(&self, profile: &str, username: &str, key: &Secret) -> Result<(), KeyError> {
        self.with(|k| k.insert((profile.to_string(), username.to_string()), key.clone()));
        Ok(())
    }

    fn delete(&self, profile: &str, username: &str) -> Result<(), KeyError> {
        self.with(|k| k.remove(&(profile.to_string(), username.to_string())));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_set_get_delete() {
        let m = MemoryKeyStore::new();
        assert_eq!(m.get("p", "u").unwrap(), None);
        m.set("p", "u", &Secret::new("k1")).unwrap();
        assert_eq!(m.get("p", "u").unwrap().unwrap().expose(), "k1");
        assert_eq!(m.get("p", "other").unwrap(), None);
        m.set("p", "u", &Secret::new("k2")).unwrap();
        assert_eq!(m.get("p", "u").unwrap().unwrap().expose(), "k2");
        m.delete("p", "u").unwrap();
        assert_eq!(m.get("p", "u").unwrap(), None);
        m.delete("p", "u").unwrap();
        assert!(!format!("{m:?}").contains("k2"));
    }

    #[test]
    fn os_store_round_trip_through_a_keyring_core_mock() {
        let os = OsKeyStore::with_store(keyring_core::mock::Store::new().unwrap());
        assert!(os.status().is_ok());
        assert_eq!(os.get("prod", "me").unwrap(), None);
        os.set("prod", "me", &Secret::new("s3cret")).unwrap();
        assert_eq!(os.get("prod", "me").unwrap().unwrap().expose(), "s3cret");
        os.delete("prod", "me").unwrap();
        assert_eq!(os.get("prod", "me").unwrap(), None);
        os.delete("prod", "me").unwrap();
    }

    #[test]
    fn platform_failure_is_unavailable_and_no_access_is_locked() {
        let os = OsKeyStore::with_store(keyring_core::mock::Store::new().unwrap());
        let entry = os.entry("p", "u").unwrap();
        let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(keyring_core::Error::PlatformFailure("no bus".into()));
        let e = os.get("p", "u").unwrap_err();
        assert!(e.is_unavailable(), "{e:?}");
        assert!(e.to_string().contains("No system keychain is available"));
        assert!(e.to_string().contains("session only"));
        cred.set_error(keyring_core::Error::NoStorageAccess("locked".into()));
        assert!(matches!(os.get("p", "u"), Err(KeyError::Locked(_))));
        cred.set_error(keyring_core::Error::BadEncoding(b"s3cret\xff".to_vec()));
        let e = os.get("p", "u").unwrap_err();
        assert!(!format!("{e} {e:?}").contains("s3cret"));
    }

    #[test]
    fn a_store_that_could_not_open_is_unavailable() {
        let os = OsKeyStore {
            store: Err("no session bus".to_string()),
        };
        assert!(os.status().unwrap_err().is_unavailable());
        assert!(os.get("p", "u").unwrap_err().is_unavailable());
        assert!(
            os.set("p", "u", &Secret::new("k"))
                .unwrap_err()
                .is_unavailable()
        );
        assert!(os.delete("p", "u").unwrap_err().is_unavailable());
    }

    #[test]
    fn store_key_falls_back_to_session_memory() {
        let os = OsKeyStore {
            store: Err("no session bus".to_string()),
        };
        let session = MemoryKeyStore::new();
        let got = store_key(&os, &session, "p", "u", &Secret::new("k")).unwrap();
        assert_eq!(got, Persistence::SessionOnly);
        assert_eq!(session.get("p", "u").unwrap().unwrap().expose(), "k");
        let mem = MemoryKeyStore::new();
        let got = store_key(&mem, &session, "p", "v", &Secret::new("k")).unwrap();
        assert_eq!(got, Persistence::Keychain);
    }

    #[test]
    fn the_real_os_store_answers_without_panicking() {
        // Headless CI has no Secret Service: then every call must be Unavailable.
        let os = OsKeyStore::new();
        let profile = format!("unit-test-{}", std::process::id());
        match os.get(&profile, "nobody") {
            Ok(None) => {
                // A real keychain: leave nothing behind.
                os.delete(&profile, "nobody").unwrap();
            }
            Ok(Some(_)) => panic!("a key was found for a profile that was never stored"),
            Err(e) => assert!(
                e.is_unavailable() || matches!(e, KeyError::Locked(_)),
                "unexpected keychain error: {e:?}"
            ),
        }
    }
}
