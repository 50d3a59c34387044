//! `pango-importer-cli login`: save a profile in the settings and its API key in the
//! OS keychain. The key is read from a no-echo prompt, or from standard input's
//! first line (`--key-stdin`, or whenever standard input is not a terminal); never
//! from an argument, and it is never printed.

use std::io::{BufRead, IsTerminal, Write};

use pango_importer::keychain::{self, KeyError, KeyStore};
use pango_importer::profile::login::{clean_key, prepare_profile};
use pango_importer::profile::resolve::{ENV_API_KEY, ENV_REFRESH_TOKEN, process_env};
use pango_importer::profile::{
    AppDirs, ConnectError, Connection, LoginRequest, SecretSources, Settings, connection_for,
    log_in,
};
use pango_importer::secret::Secret;

/// Save a profile in the settings and store its API key in the system keychain.
#[derive(clap::Args, Debug)]
pub struct LoginArgs {
    /// The profile to create or update
    #[arg(long, value_name = "NAME", default_value = "production")]
    pub profile: String,
    /// PangoCDP login name (kept from the saved profile when not given)
    #[arg(long, value_name = "NAME")]
    pub username: Option<String>,
    /// The organisation's group key, cdpGKey (kept from the saved profile when not given)
    #[arg(long = "cdp-gkey", value_name = "KEY")]
    pub cdp_gkey: Option<String>,
    /// Authentication endpoint (full URL; https://, or http:// on this computer only)
    #[arg(long, value_name = "URL")]
    pub auth_url: Option<String>,
    /// Ingestion endpoint (full URL; https://, or http:// on this computer only)
    #[arg(long, value_name = "URL")]
    pub ingest_url: Option<String>,
    /// Use the auth-app login (observed in public code, not documented by Pango): the
    /// organisation id; the secret asked for is then the refresh token
    #[arg(long, value_name = "ID")]
    pub org_id: Option<String>,
    /// auth-app login: the app id
    #[arg(long, value_name = "ID")]
    pub app_id: Option<String>,
    /// auth-app login: the account
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Read the API key from the first line of standard input instead of a prompt
    #[arg(long)]
    pub key_stdin: bool,
    /// Delete the profile's stored API key from the keychain (the profile stays)
    #[arg(long, conflicts_with = "key_stdin")]
    pub forget: bool,
}

/// A credentials test run before anything is stored (the API client's login, wired
/// by the caller); its `Err` message is shown and nothing is saved.
pub type CheckFn<'a> = &'a dyn Fn(&Connection) -> Result<(), String>;

/// Logs in once with the new credentials before anything is stored (the `check` the
/// command runs with). A server that cannot be reached is said as such, by its type.
pub fn check_with_pango(c: &Connection) -> Result<(), String> {
    match log_in(c, std::time::Duration::from_secs(30)) {
        Ok(_) => Ok(()),
        Err(ConnectError::Login(e)) if e.net_failure().is_some_and(|f| f.is_offline()) => {
            Err(e.to_string())
        }
        Err(ConnectError::Login(e)) => Err(format!("Pango did not accept these credentials: {e}")),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs `login`; `check` (the hook point for the API client) receives the complete
/// [`Connection`], key included, before the profile or the key is stored.
pub fn run_with_check(
    a: &LoginArgs,
    keys: &dyn KeyStore,
    check: Option<CheckFn<'_>>,
) -> Result<u8, String> {
    let dirs = AppDirs::from_env()?;
    let env_key_set = std::env::var_os(ENV_API_KEY).is_some_and(|v| !v.is_empty());
    let mut read = |prompt: &str| read_key(a.key_stdin, prompt);
    let mut out = std::io::stdout().lock();
    login(a, keys, &dirs, &mut read, check, env_key_set, &mut out)
}

/// Reads the key: from stdin's first line when asked to or when stdin is not a
/// terminal, else from a no-echo prompt on the terminal.
fn read_key(from_stdin: bool, prompt: &str) -> Result<String, String> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the API key from standard input: {e}"))?;
        Ok(line)
    } else {
        rpassword::prompt_password(prompt)
            .map_err(|e| format!("cannot read the API key from the terminal: {e}"))
    }
}

fn login(
    a: &LoginArgs,
    keys: &dyn KeyStore,
    dirs: &AppDirs,
    read_key: &mut dyn FnMut(&str) -> Result<String, String>,
    check: Option<CheckFn<'_>>,
    env_key_set: bool,
    out: &mut dyn Write,
) -> Result<u8, String> {
    let mut settings = Settings::load(dirs).map_err(|e| e.to_string())?;
    if a.forget {
        return forget(a, keys, &settings, out);
    }
    let req = LoginRequest {
        profile: a.profile.clone(),
        username: a.username.clone(),
        cdp_gkey: a.cdp_gkey.clone(),
        auth_url: a.auth_url.clone(),
        ingest_url: a.ingest_url.clone(),
        org_id: a.org_id.clone(),
        app_id: a.app_id.clone(),
        account: a.account.clone(),
    };
    let profile = prepare_profile(&settings, &req).map_err(|e| e.to_string())?;
    // The keychain user and what the secret is: the API key, or the auth-app refresh token.
    let user = profile.keychain_user();
    let secret_name = match &profile.auth_app {
        Some(_) => "refresh token",
        None => "API key",
    };
    let prompt = match &profile.auth_app {
        Some(app) => format!(
            "Refresh token for {} (profile {}; auth-app login: observed, not documented): ",
            app.account, profile.name
        ),
        None => format!(
            "API key for {} (profile {}): ",
            profile.username, profile.name
        ),
    };
    let key = clean_key(&read_key(&prompt)?)
        .map(Secret::new)
        .ok_or_else(|| format!("no {secret_name} was given (nothing was saved)"))?;
    let sources = SecretSources {
        typed: Some(key),
        env: &process_env,
        session: None,
        keychain: keys,
    };
    let conn = connection_for(&profile, &sources).map_err(|e| e.to_string())?;
    if let Some(check) = check {
        check(&conn).map_err(|e| format!("{e} (nothing was saved)"))?;
    }

    settings.upsert(profile.clone());
    settings.last_profile = Some(profile.name.clone());
    settings.save(dirs).map_err(|e| e.to_string())?;
    let _ = writeln!(
        out,
        "Saved profile '{}' (user {}, auth {}, ingest {}) in {}",
        profile.name,
        profile.username,
        profile.auth_url,
        profile.ingest_url,
        dirs.settings_file().display()
    );

    let account = keychain::account(&profile.name, &user);
    match keys.set(&profile.name, &user, &conn.api_key) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "Stored the {secret_name} in the system keychain (service \"{}\", account \"{account}\")",
                keychain::SERVICE
            );
            if env_key_set {
                let _ = writeln!(
                    out,
                    "Note: {ENV_API_KEY} is set in this environment; while it is, commands use \
                     it instead of the stored key"
                );
            }
            Ok(0)
        }
        Err(KeyError::Unavailable { .. }) => {
            let env = if profile.auth_app.is_some() {
                ENV_REFRESH_TOKEN
            } else {
                ENV_API_KEY
            };
            Err(format!(
                "No system keychain is available (on Linux: no Secret Service is running), so \
                 the {secret_name} was not stored. The profile '{0}' was saved: give the \
                 {secret_name} to each command through the environment instead, e.g. {env}=… \
                 pango-importer-cli upload --profile {0} …",
                profile.name
            ))
        }
        Err(e) => Err(format!("the {secret_name} was not stored: {e}")),
    }
}

fn forget(
    a: &LoginArgs,
    keys: &dyn KeyStore,
    settings: &Settings,
    out: &mut dyn Write,
) -> Result<u8, String> {
    // An auth-app profile's refresh token is filed under `auth-app:<account>`.
    let saved = settings.profile(&a.profile).map(|p| p.keychain_user());
    let username = a
        .username
        .clone()
        .filter(|u| !u.trim().is_empty())
        .or(saved.filter(|u| !u.is_empty()))
        .ok_or_else(|| {
            format!(
                "profile '{}' has no username: say whose key to forget with --username",
                a.profile
            )
        })?;
    match keys.delete(&a.profile, &username) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "Removed the API key of profile '{}' (user {username}) from the system keychain",
                a.profile
            );
            Ok(0)
        }
        Err(KeyError::Unavailable { .. }) => Err(
            "No system keychain is available (on Linux: no Secret Service is running): there \
             is no stored key to remove"
                .to_string(),
        ),
        Err(e) => Err(format!("the API key was not removed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pango_importer::keychain::MemoryKeyStore;
    use pango_importer::secret::Secret;

    const KEY: &str = "46a5207f18abcde1ec6fb99bf";

    struct NoKeychain;

    impl KeyStore for NoKeychain {
        fn get(&self, _: &str, _: &str) -> Result<Option<Secret>, KeyError> {
            Err(KeyError::Unavailable {
                detail: "test".into(),
            })
        }
        fn set(&self, _: &str, _: &str, _: &Secret) -> Result<(), KeyError> {
            Err(KeyError::Unavailable {
                detail: "test".into(),
            })
        }
        fn delete(&self, _: &str, _: &str) -> Result<(), KeyError> {
            Err(KeyError::Unavailable {
                detail: "test".into(),
            })
        }
    }

    fn args(profile: &str) -> LoginArgs {
        LoginArgs {
            profile: profile.to_string(),
            username: Some("ops@acme.vn".to_string()),
            cdp_gkey: Some("e7402a2f14aaaaa27488373a60355e0c".to_string()),
            auth_url: None,
            ingest_url: None,
            org_id: None,
            app_id: None,
            account: None,
            key_stdin: true,
            forget: false,
        }
    }

    #[test]
    fn an_auth_app_profile_keeps_its_refresh_token_in_the_keychain() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let keys = MemoryKeyStore::new();
        let a = LoginArgs {
            username: None,
            cdp_gkey: None,
            org_id: Some("org-1".into()),
            app_id: Some("app-1".into()),
            account: Some("ops".into()),
            ..args("app")
        };
        let check = |c: &Connection| {
            assert_eq!(
                c.auth_app.as_ref().map(|a| a.app_id.as_str()),
                Some("app-1")
            );
            Ok(())
        };
        let (r, out) = run_in(&a, &keys, &dirs, Some(&check));
        assert_eq!(r, Ok(0), "{out}");
        assert!(out.contains("account \"app:auth-app:ops\""), "{out}");
        assert_eq!(
            keys.get("app", "auth-app:ops").unwrap().unwrap().expose(),
            KEY
        );
        let text = std::fs::read_to_string(dirs.settings_file()).unwrap();
        assert!(text.contains("authApp") && !text.contains(KEY), "{text}");
    }

    fn run_in(
        a: &LoginArgs,
        keys: &dyn KeyStore,
        dirs: &AppDirs,
        check: Option<CheckFn<'_>>,
    ) -> (Result<u8, String>, String) {
        let mut out = Vec::new();
        let mut read = |_: &str| Ok(format!("{KEY}\n"));
        let r = login(a, keys, dirs, &mut read, check, false, &mut out);
        (r, String::from_utf8(out).unwrap())
    }

    #[test]
    fn saves_the_profile_and_the_key_apart() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let keys = MemoryKeyStore::new();
        let (r, out) = run_in(&args("acme"), &keys, &dirs, None);
        assert_eq!(r, Ok(0));
        assert!(out.contains("account \"acme:ops@acme.vn\""), "{out}");
        assert!(!out.contains(KEY));
        let text = std::fs::read_to_string(dirs.settings_file()).unwrap();
        assert!(!text.contains(KEY));
        let s = Settings::load(&dirs).unwrap();
        assert_eq!(s.last_profile.as_deref(), Some("acme"));
        assert_eq!(s.profile("acme").unwrap().username, "ops@acme.vn");
        assert_eq!(
            keys.get("acme", "ops@acme.vn").unwrap().unwrap().expose(),
            KEY
        );
    }

    #[test]
    fn no_keychain_says_so_and_points_to_the_environment() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let (r, _) = run_in(&args("acme"), &NoKeychain, &dirs, None);
        let msg = r.unwrap_err();
        assert!(msg.contains("No system keychain is available"), "{msg}");
        assert!(msg.contains("PANGO_API_KEY"), "{msg}");
        assert!(!msg.contains(KEY));
        assert!(Settings::load(&dirs).unwrap().profile("acme").is_some());
    }

    #[test]
    fn no_keychain_for_an_auth_app_profile_points_to_the_refresh_token_variable() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let a = LoginArgs {
            username: None,
            cdp_gkey: None,
            org_id: Some("org-1".into()),
            app_id: Some("app-1".into()),
            account: Some("ops".into()),
            ..args("app")
        };
        let (r, _) = run_in(&a, &NoKeychain, &dirs, None);
        let msg = r.unwrap_err();
        assert!(msg.contains("the refresh token was not stored"), "{msg}");
        assert!(
            msg.contains("PANGO_REFRESH_TOKEN=") && !msg.contains("PANGO_API_KEY"),
            "{msg}"
        );
        assert!(!msg.contains(KEY));
    }

    #[test]
    fn a_failed_check_saves_nothing() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let keys = MemoryKeyStore::new();
        let check = |c: &Connection| {
            assert_eq!(c.api_key.expose(), KEY);
            Err("the server refused the key".to_string())
        };
        let (r, _) = run_in(&args("acme"), &keys, &dirs, Some(&check));
        assert!(r.unwrap_err().contains("refused"));
        assert!(!dirs.settings_file().exists());
        assert_eq!(keys.get("acme", "ops@acme.vn").unwrap(), None);
    }

    #[test]
    fn a_server_that_cannot_be_reached_is_not_said_to_refuse_the_key() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let a = LoginArgs {
            auth_url: Some(format!("http://127.0.0.1:{closed}/api/accounts/authen")),
            ingest_url: Some(format!("http://127.0.0.1:{closed}/ingest")),
            ..args("acme")
        };
        let (r, _) = run_in(&a, &MemoryKeyStore::new(), &dirs, Some(&check_with_pango));
        let msg = r.unwrap_err();
        assert!(
            msg.contains("cannot reach the server") && !msg.contains("did not accept"),
            "{msg}"
        );
        assert!(msg.contains("nothing was saved"), "{msg}");
        assert!(!dirs.settings_file().exists());
    }

    #[test]
    fn forget_removes_the_key() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let keys = MemoryKeyStore::new();
        run_in(&args("acme"), &keys, &dirs, None).0.unwrap();
        let a = LoginArgs {
            username: None,
            forget: true,
            key_stdin: false,
            ..args("acme")
        };
        let (r, out) = run_in(&a, &keys, &dirs, None);
        assert_eq!(r, Ok(0), "{out}");
        assert_eq!(keys.get("acme", "ops@acme.vn").unwrap(), None);
    }

    #[test]
    fn an_empty_key_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let dirs = AppDirs::at(t.path());
        let mut read = |_: &str| Ok("\n".to_string());
        let r = login(
            &args("acme"),
            &MemoryKeyStore::new(),
            &dirs,
            &mut read,
            None,
            false,
            &mut Vec::new(),
        );
        assert!(r.unwrap_err().contains("no API key"));
        assert!(!dirs.settings_file().exists());
    }
}
