//! Turning a profile, the environment and the keychain into one [`Connection`]
//! (design.md §3–§4).
//!
//! Rules:
//! - Each of `PANGO_AUTH_URL`, `PANGO_INGEST_URL`, `PANGO_USERNAME`, `PANGO_CDP_GKEY`
//!   and `PANGO_API_KEY` (when set and not blank) overrides that part of the profile.
//! - With `PANGO_API_KEY` set, the keychain is neither read nor written (an auth-app
//!   profile then needs `PANGO_REFRESH_TOKEN`) and no saved
//!   profile is needed: the base is the named profile, or else the `production`
//!   profile (so the URLs default to production's); the last-used profile is not
//!   consulted. A named profile that does not exist is still an error unless both
//!   URLs come from the environment.
//! - Without it, the profile is the one named, else the last used, else `production`,
//!   and its key comes from the keychain under `<profile>:<username>`. The built-in
//!   sandbox profile's demo user falls back to the public demo key.
//! - Both URLs must pass [`check_url`].

use crate::keychain::{KeyError, KeyStore};
use crate::secret::Secret;

use super::connect::{SecretOrigin, SecretSources, connection_for, env_value};
use super::{AuthApp, PRODUCTION, Profile, Settings, check_url};

pub const ENV_AUTH_URL: &str = "PANGO_AUTH_URL";
pub const ENV_INGEST_URL: &str = "PANGO_INGEST_URL";
pub const ENV_USERNAME: &str = "PANGO_USERNAME";
pub const ENV_API_KEY: &str = "PANGO_API_KEY";
pub const ENV_CDP_GKEY: &str = "PANGO_CDP_GKEY";
/// The refresh token of a profile that uses the auth-app login (instead of the keychain).
pub const ENV_REFRESH_TOKEN: &str = "PANGO_REFRESH_TOKEN";

/// Everything needed to log in and ingest. `Debug` shows `Secret(***)` for the key.
/// With `auth_app`, `api_key` holds the refresh token, `username` the account and
/// `cdp_gkey` the orgId.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub profile: String,
    pub auth_url: String,
    pub ingest_url: String,
    pub username: String,
    pub api_key: Secret,
    pub cdp_gkey: String,
    pub auth_app: Option<AuthApp>,
    /// Where `api_key` came from (a key from the environment is never stored).
    pub secret_origin: SecretOrigin,
}

/// Why no connection could be put together. Messages say what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnError {
    #[error(
        "there is no profile named '{name}' (known: {}); create it with \
         `pango-importer-cli login --profile {name}`",
        known.join(", ")
    )]
    UnknownProfile { name: String, known: Vec<String> },
    #[error(
        "profile '{profile}' has no {what}: run `pango-importer-cli login --profile {profile} \
         {flag} …`, or set {env}"
    )]
    Missing {
        profile: String,
        what: &'static str,
        flag: &'static str,
        env: &'static str,
    },
    #[error(
        "no API key is stored for profile '{profile}' (user '{username}'): run \
         `pango-importer-cli login --profile {profile}`, or set PANGO_API_KEY"
    )]
    NoKey { profile: String, username: String },
    #[error(
        "no refresh token is stored for profile '{profile}' (auth-app login, account \
         '{account}'): run `pango-importer-cli login --profile {profile}`, or set PANGO_REFRESH_TOKEN"
    )]
    NoRefreshToken { profile: String, account: String },
    #[error(
        "profile '{profile}' logs in with an auth app, which takes a refresh token, not an \
         API key: set PANGO_REFRESH_TOKEN (with PANGO_API_KEY set, the keychain is not read)"
    )]
    ApiKeyForAuthApp { profile: String },
    #[error(
        "No system keychain is available (on Linux: no Secret Service is running), so the \
         API key of profile '{profile}' cannot be read: set PANGO_API_KEY for this session"
    )]
    KeychainUnavailable { profile: String },
    #[error("cannot read the API key of profile '{profile}': {error}")]
    Keychain { profile: String, error: KeyError },
    #[error("the {what} {origin} is refused: {reason}")]
    BadUrl {
        what: &'static str,
        origin: String,
        reason: String,
    },
}

/// The process environment, for [`resolve_connection`]'s `env`.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Puts a connection together; see the module documentation for the rules.
/// `profile` is the `--profile` the user gave, if any.
pub fn resolve_connection(
    settings: &Settings,
    profile: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    keys: &dyn KeyStore,
) -> Result<Connection, ConnError> {
    let var = |name: &str| env_value(env, name);
    let env_key_set = var(ENV_API_KEY).is_some();
    let (env_auth, env_ingest) = (var(ENV_AUTH_URL), var(ENV_INGEST_URL));
    let name = match profile {
        Some(n) => n.to_string(),
        None if env_key_set => PRODUCTION.to_string(),
        None => settings
            .last_profile
            .clone()
            .unwrap_or_else(|| PRODUCTION.to_string()),
    };
    let mut base = match settings.profile(&name) {
        Some(p) => p,
        None if env_key_set && env_auth.is_some() && env_ingest.is_some() => Profile {
            username: String::new(),
            cdp_gkey: String::new(),
            auth_app: None,
            ..Profile::named(&name)
        },
        None => {
            return Err(ConnError::UnknownProfile {
                name,
                known: settings.profile_names(),
            });
        }
    };

    let auth = pick(env_auth, base.auth_url, ENV_AUTH_URL, &name);
    let ingest = pick(env_ingest, base.ingest_url, ENV_INGEST_URL, &name);
    for (what, (url, origin)) in [("auth URL", &auth), ("ingest URL", &ingest)] {
        check_url(url).map_err(|reason| ConnError::BadUrl {
            what,
            origin: origin.clone(),
            reason,
        })?;
    }
    (base.auth_url, base.ingest_url) = (auth.0, ingest.0);
    if base.auth_app.is_none() {
        base.username = var(ENV_USERNAME).unwrap_or(base.username);
        if base.username.is_empty() {
            return Err(missing(&name, "username", "--username", ENV_USERNAME));
        }
        base.cdp_gkey = var(ENV_CDP_GKEY).unwrap_or(base.cdp_gkey);
        if base.cdp_gkey.is_empty() {
            return Err(missing(&name, "cdpGKey", "--cdp-gkey", ENV_CDP_GKEY));
        }
    }
    let sources = SecretSources {
        typed: None,
        env,
        session: None,
        keychain: keys,
    };
    connection_for(&base, &sources)
}

/// The value and where it came from (for messages).
fn pick(env: Option<String>, saved: String, var: &str, profile: &str) -> (String, String) {
    match env {
        Some(v) => (v, format!("from {var}")),
        None => (saved, format!("of profile '{profile}'")),
    }
}

fn missing(profile: &str, what: &'static str, flag: &'static str, env: &'static str) -> ConnError {
    ConnError::Missing {
        profile: profile.to_string(),
        what,
        flag,
        env,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keychain::MemoryKeyStore;
    use crate::profile::SANDBOX_DEMO_KEY;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn sandbox_demo_user_gets_the_demo_key() {
        let c = resolve_connection(
            &Settings::default(),
            Some("sandbox"),
            &no_env,
            &MemoryKeyStore::new(),
        )
        .unwrap();
        assert_eq!(c.api_key.expose(), SANDBOX_DEMO_KEY);
        assert_eq!(c.username, "demo");
        assert_eq!(c.auth_url, super::super::SANDBOX_AUTH_URL);
    }

    #[test]
    fn an_auth_app_profile_takes_its_refresh_token_from_the_keychain_or_the_environment() {
        let mut settings = Settings::default();
        settings.upsert(Profile {
            auth_app: Some(AuthApp {
                org_id: "org-1".into(),
                app_id: "app-1".into(),
                account: "ops".into(),
            }),
            ..Profile::named("app")
        });
        let keys = MemoryKeyStore::new();
        let e = resolve_connection(&settings, Some("app"), &no_env, &keys).unwrap_err();
        assert!(matches!(e, ConnError::NoRefreshToken { .. }), "{e}");
        assert!(e.to_string().contains("PANGO_REFRESH_TOKEN"), "{e}");
        keys.set("app", "auth-app:ops", &Secret::new("r1")).unwrap();
        let c = resolve_connection(&settings, Some("app"), &no_env, &keys).unwrap();
        assert_eq!(c.api_key.expose(), "r1");
        assert_eq!((c.username.as_str(), c.cdp_gkey.as_str()), ("ops", "org-1"));
        assert_eq!(c.auth_app.as_ref().unwrap().app_id, "app-1");
        let env = |n: &str| (n == ENV_REFRESH_TOKEN).then(|| "r2".to_string());
        let c = resolve_connection(&settings, Some("app"), &env, &keys).unwrap();
        assert_eq!(c.api_key.expose(), "r2");
    }

    /// A key store that must not be touched.
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

    #[test]
    fn with_pango_api_key_set_an_auth_app_profile_never_reads_the_keychain() {
        let mut settings = Settings::default();
        settings.upsert(Profile {
            auth_app: Some(AuthApp {
                org_id: "org-1".into(),
                app_id: "app-1".into(),
                account: "ops".into(),
            }),
            ..Profile::named("app")
        });
        let env = |n: &str| (n == ENV_API_KEY).then(|| "k1".to_string());
        let e = resolve_connection(&settings, Some("app"), &env, &Untouchable).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("PANGO_REFRESH_TOKEN"), "{text}");
        assert!(text.contains("PANGO_API_KEY"), "{text}");
        // With the refresh token set too, that is what it uses.
        let env = |n: &str| match n {
            ENV_API_KEY => Some("k1".to_string()),
            ENV_REFRESH_TOKEN => Some("r2".to_string()),
            _ => None,
        };
        let c = resolve_connection(&settings, Some("app"), &env, &Untouchable).unwrap();
        assert_eq!(c.api_key.expose(), "r2");
    }

    #[test]
    fn production_without_username_says_how() {
        let e = resolve_connection(&Settings::default(), None, &no_env, &MemoryKeyStore::new())
            .unwrap_err();
        assert!(matches!(
            e,
            ConnError::Missing {
                what: "username",
                ..
            }
        ));
        let msg = e.to_string();
        assert!(
            msg.contains("login --profile production --username"),
            "{msg}"
        );
        assert!(msg.contains("PANGO_USERNAME"), "{msg}");
    }
}
