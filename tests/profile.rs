//! Profiles, settings, keys and connection resolution, from the outside.
//! Directories and the environment are passed explicitly: tests run in parallel and
//! environment variables are process-global.

use std::collections::HashMap;

use pango_importer::history::{HistoryRecord, append_history, load_history};
use pango_importer::keychain::{KeyError, KeyStore, MemoryKeyStore, OsKeyStore};
use pango_importer::profile::login::prepare_profile;
use pango_importer::profile::{
    AppDirs, ConnError, LoginRequest, PRODUCTION_AUTH_URL, PRODUCTION_INGEST_URL, Profile,
    Settings, check_url, resolve_connection,
};
use pango_importer::secret::Secret;

const KEY: &str = "46a5207f18abcde1ec6fb99bf";
const GKEY: &str = "e7402a2f14aaaaa27488373a60355e0c";

/// A keychain that must not be touched.
struct Untouchable;

impl KeyStore for Untouchable {
    fn get(&self, _: &str, _: &str) -> Result<Option<Secret>, KeyError> {
        panic!("the keychain was read")
    }
    fn set(&self, _: &str, _: &str, _: &Secret) -> Result<(), KeyError> {
        panic!("the keychain was written")
    }
    fn delete(&self, _: &str, _: &str) -> Result<(), KeyError> {
        panic!("the keychain was written")
    }
}

/// A machine without a keychain (a headless Linux session).
struct NoKeychain;

impl KeyStore for NoKeychain {
    fn get(&self, _: &str, _: &str) -> Result<Option<Secret>, KeyError> {
        Err(unavailable())
    }
    fn set(&self, _: &str, _: &str, _: &Secret) -> Result<(), KeyError> {
        Err(unavailable())
    }
    fn delete(&self, _: &str, _: &str) -> Result<(), KeyError> {
        Err(unavailable())
    }
}

fn unavailable() -> KeyError {
    KeyError::Unavailable {
        detail: "no session bus".to_string(),
    }
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

fn acme() -> Profile {
    Profile {
        name: "acme".to_string(),
        auth_url: "https://auth.acme.example/authen".to_string(),
        ingest_url: "https://ingest.acme.example/ingest".to_string(),
        username: "ops@acme.vn".to_string(),
        cdp_gkey: GKEY.to_string(),
        auth_app: None,
    }
}

fn settings_with_acme() -> Settings {
    let mut s = Settings::default();
    s.upsert(acme());
    s
}

fn keys_with_acme() -> MemoryKeyStore {
    let keys = MemoryKeyStore::new();
    keys.set("acme", "ops@acme.vn", &Secret::new(KEY)).unwrap();
    keys
}

#[test]
fn settings_round_trip_and_never_hold_the_key() {
    let home = tempfile::tempdir().unwrap();
    let dirs = AppDirs::at(home.path());
    let mut settings = Settings::load(&dirs).unwrap();
    let req = LoginRequest {
        profile: "acme".to_string(),
        username: Some("ops@acme.vn".to_string()),
        cdp_gkey: Some(GKEY.to_string()),
        auth_url: Some("https://auth.acme.example/authen".to_string()),
        ingest_url: Some("https://ingest.acme.example/ingest".to_string()),
        ..LoginRequest::default()
    };
    let profile = prepare_profile(&settings, &req).unwrap();
    let keys = MemoryKeyStore::new();
    keys.set(&profile.name, &profile.username, &Secret::new(KEY))
        .unwrap();
    settings.upsert(profile);
    settings.last_profile = Some("acme".to_string());
    settings.save(&dirs).unwrap();

    let text = std::fs::read_to_string(dirs.settings_file()).unwrap();
    assert!(!text.contains(KEY), "{text}");
    let back = Settings::load(&dirs).unwrap();
    assert_eq!(back, settings);
    assert_eq!(back.profile("acme"), Some(acme()));

    let conn = resolve_connection(&back, None, &env_of(&[]), &keys).unwrap();
    assert_eq!(conn.profile, "acme");
    assert_eq!(conn.api_key.expose(), KEY);
}

#[test]
fn named_profile_with_its_stored_key() {
    let conn = resolve_connection(
        &settings_with_acme(),
        Some("acme"),
        &env_of(&[]),
        &keys_with_acme(),
    )
    .unwrap();
    assert_eq!(conn.auth_url, "https://auth.acme.example/authen");
    assert_eq!(conn.ingest_url, "https://ingest.acme.example/ingest");
    assert_eq!(conn.username, "ops@acme.vn");
    assert_eq!(conn.cdp_gkey, GKEY);
    assert_eq!(conn.api_key.expose(), KEY);
}

#[test]
fn each_environment_variable_overrides_its_part() {
    let s = settings_with_acme();
    let keys = keys_with_acme();
    let get = |pairs: &[(&str, &str)]| {
        resolve_connection(&s, Some("acme"), &env_of(pairs), &keys).unwrap()
    };
    let c = get(&[("PANGO_AUTH_URL", "https://other.example/a")]);
    assert_eq!(c.auth_url, "https://other.example/a");
    assert_eq!(c.ingest_url, "https://ingest.acme.example/ingest");
    let c = get(&[("PANGO_INGEST_URL", "http://127.0.0.1:8787/i")]);
    assert_eq!(c.ingest_url, "http://127.0.0.1:8787/i");
    assert_eq!(c.auth_url, "https://auth.acme.example/authen");
    let c = get(&[("PANGO_CDP_GKEY", "ffffffffffffffffffffffffffffffff")]);
    assert_eq!(c.cdp_gkey, "ffffffffffffffffffffffffffffffff");
    assert_eq!(c.api_key.expose(), KEY);
    // Another username reads that user's key.
    keys.set("acme", "other@acme.vn", &Secret::new("other-key"))
        .unwrap();
    let c = get(&[("PANGO_USERNAME", "other@acme.vn")]);
    assert_eq!(c.username, "other@acme.vn");
    assert_eq!(c.api_key.expose(), "other-key");
    // Blank values count as unset.
    let c = get(&[("PANGO_AUTH_URL", "  "), ("PANGO_API_KEY", "")]);
    assert_eq!(c.auth_url, "https://auth.acme.example/authen");
    assert_eq!(c.api_key.expose(), KEY);
}

#[test]
fn env_api_key_never_touches_the_keychain() {
    let env = env_of(&[
        ("PANGO_API_KEY", KEY),
        ("PANGO_USERNAME", "ci@acme.vn"),
        ("PANGO_CDP_GKEY", GKEY),
    ]);
    // No settings at all: the production URLs.
    let c = resolve_connection(&Settings::default(), None, &env, &Untouchable).unwrap();
    assert_eq!(c.profile, "production");
    assert_eq!(c.auth_url, PRODUCTION_AUTH_URL);
    assert_eq!(c.ingest_url, PRODUCTION_INGEST_URL);
    assert_eq!(c.username, "ci@acme.vn");
    assert_eq!(c.api_key.expose(), KEY);
    // The last profile is not consulted; a named one is.
    let mut s = settings_with_acme();
    s.last_profile = Some("acme".to_string());
    let c = resolve_connection(&s, None, &env, &Untouchable).unwrap();
    assert_eq!(c.auth_url, PRODUCTION_AUTH_URL);
    let c = resolve_connection(&s, Some("acme"), &env, &Untouchable).unwrap();
    assert_eq!(c.auth_url, "https://auth.acme.example/authen");
    assert_eq!(c.username, "ci@acme.vn");
    // An unknown named profile is fine only when the environment gives both URLs.
    let e = resolve_connection(&s, Some("nope"), &env, &Untouchable).unwrap_err();
    assert!(matches!(e, ConnError::UnknownProfile { .. }), "{e}");
    let env_full = env_of(&[
        ("PANGO_API_KEY", KEY),
        ("PANGO_USERNAME", "ci@acme.vn"),
        ("PANGO_CDP_GKEY", GKEY),
        ("PANGO_AUTH_URL", "https://a.example/x"),
        ("PANGO_INGEST_URL", "https://i.example/y"),
    ]);
    let c = resolve_connection(&s, Some("nope"), &env_full, &Untouchable).unwrap();
    assert_eq!(c.ingest_url, "https://i.example/y");
}

#[test]
fn missing_key_says_how_to_store_one() {
    let e = resolve_connection(
        &settings_with_acme(),
        Some("acme"),
        &env_of(&[]),
        &MemoryKeyStore::new(),
    )
    .unwrap_err();
    assert!(matches!(e, ConnError::NoKey { .. }));
    let msg = e.to_string();
    assert!(
        msg.contains("pango-importer-cli login --profile acme"),
        "{msg}"
    );
    assert!(msg.contains("PANGO_API_KEY"), "{msg}");
}

#[test]
fn unavailable_keychain_is_reported_plainly() {
    let msg = unavailable().to_string();
    assert_eq!(
        msg,
        "No system keychain is available (on Linux: no Secret Service is running). \
         The key is kept for this session only."
    );
    let e = resolve_connection(
        &settings_with_acme(),
        Some("acme"),
        &env_of(&[]),
        &NoKeychain,
    )
    .unwrap_err();
    assert!(matches!(e, ConnError::KeychainUnavailable { .. }));
    assert!(e.to_string().contains("No system keychain is available"));
    assert!(e.to_string().contains("PANGO_API_KEY"));
    // The sandbox's public demo account still works without a keychain.
    let c = resolve_connection(
        &Settings::default(),
        Some("sandbox"),
        &env_of(&[]),
        &NoKeychain,
    )
    .unwrap();
    assert_eq!(c.api_key.expose(), "sandbox-demo-key");
}

#[test]
fn unknown_profile_lists_the_known_ones() {
    let e = resolve_connection(
        &settings_with_acme(),
        Some("acmee"),
        &env_of(&[]),
        &keys_with_acme(),
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("'acmee'") && msg.contains("production, sandbox, acme"));
}

#[test]
fn refused_urls_stop_resolution() {
    let keys = keys_with_acme();
    let s = settings_with_acme();
    for (var, url) in [
        ("PANGO_INGEST_URL", "http://10.0.0.5/ingest"),
        ("PANGO_AUTH_URL", "ftp://example.com/a"),
    ] {
        let e = resolve_connection(&s, Some("acme"), &env_of(&[(var, url)]), &keys).unwrap_err();
        assert!(matches!(e, ConnError::BadUrl { .. }), "{e}");
        assert!(e.to_string().contains(var), "{e}");
    }
}

#[test]
fn connection_debug_hides_the_key() {
    let c = resolve_connection(
        &settings_with_acme(),
        Some("acme"),
        &env_of(&[]),
        &keys_with_acme(),
    )
    .unwrap();
    let debug = format!("{c:?} {c:#?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(debug.contains("Secret(***)"));
}

#[test]
fn url_rules() {
    for ok in [
        "https://svc.mydatalakes.com/dhub-i/api/v1.0/ingest",
        "http://127.0.0.1:8787/api/accounts/authen",
        "http://localhost/x",
        "http://[::1]:8787/x",
    ] {
        assert_eq!(check_url(ok), Ok(()), "{ok}");
    }
    for bad in [
        "http://10.0.0.5/ingest",
        "http://example.com/",
        "ftp://example.com/",
        "garbage",
        "",
    ] {
        assert!(check_url(bad).is_err(), "{bad}");
    }
}

#[test]
fn memory_and_os_keystores() {
    let m = MemoryKeyStore::new();
    m.set("p", "u", &Secret::new(KEY)).unwrap();
    assert_eq!(m.get("p", "u").unwrap().unwrap().expose(), KEY);
    m.delete("p", "u").unwrap();
    assert_eq!(m.get("p", "u").unwrap(), None);

    // On a headless machine there is no Secret Service: Unavailable, never a panic.
    let os = OsKeyStore::new();
    match os.get(&format!("it-{}", std::process::id()), "nobody") {
        Ok(found) => assert!(found.is_none()),
        Err(e) => assert!(
            e.is_unavailable() || matches!(e, KeyError::Locked(_)),
            "{e:?}"
        ),
    }
}

#[test]
fn history_survives_a_torn_last_line() {
    let home = tempfile::tempdir().unwrap();
    let path = AppDirs::at(home.path()).history_file();
    let rec = |at: i64, outcome: &str| HistoryRecord {
        started_at_ms: at,
        file: "khach-hang.csv".to_string(),
        object_type: "customer".to_string(),
        profile: "sandbox".to_string(),
        rows: 3,
        valid: 2,
        invalid: 1,
        sent: 2,
        accepted: 2,
        failed: 0,
        refused: Some(0),
        not_sent: Some(0),
        report_path: None,
        journal_path: Some("/tmp/j".to_string()),
        outcome: outcome.to_string(),
    };
    append_history(&path, &rec(1, "completed")).unwrap();
    append_history(&path, &rec(2, "cancelled")).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"started_at_ms\":3,\"file\":\"x");
    std::fs::write(&path, bytes).unwrap();
    let got = load_history(&path);
    assert_eq!(got, [rec(2, "cancelled"), rec(1, "completed")]);
}
