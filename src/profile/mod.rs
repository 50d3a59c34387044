//! Connection profiles (name, endpoint URLs, username, cdpGKey) kept in the user's
//! settings; their API keys live in the OS keychain ([`crate::keychain`]), never here.
//! The environment (design.md §3) overrides a profile: see [`resolve`].

pub mod connect;
mod dirs;
pub mod login;
pub mod resolve;
mod settings;
mod url;

pub use connect::{ConnectError, LoggedIn, SecretOrigin, SecretSources, connection_for, log_in};
pub use dirs::{AppDirs, HOME_ENV};
pub use login::{LoginRequest, LoginRequestError};
pub use resolve::{ConnError, Connection, resolve_connection};
pub use settings::{Settings, SettingsError};
pub use url::check_url;

use serde::{Deserialize, Serialize};

/// Name of the built-in profile for the real service.
pub const PRODUCTION: &str = "production";
/// Name of the built-in profile for the local sandbox server. On the command line it
/// reaches `pango-importer-cli sandbox` on 127.0.0.1:8787; in the desktop app, choosing
/// it is "Try without an account" (the same sandbox, started inside the app).
pub const SANDBOX: &str = "sandbox";

/// v1 authentication endpoint. **Not documented by Pango**: observed in third-party
/// integrations (pango-api.md §0); a profile or `PANGO_AUTH_URL` can change it.
pub const PRODUCTION_AUTH_URL: &str = "https://account.mydatalakes.com/api/accounts/authen";
/// v1 ingestion endpoint. **Not documented by Pango**: observed in third-party
/// integrations (pango-api.md §0); a profile or `PANGO_INGEST_URL` can change it.
pub const PRODUCTION_INGEST_URL: &str = "https://svc.mydatalakes.com/dhub-i/api/v1.0/ingest";

pub const SANDBOX_AUTH_URL: &str = "http://127.0.0.1:8787/api/accounts/authen";
pub const SANDBOX_INGEST_URL: &str = "http://127.0.0.1:8787/dhub-i/api/v1.0/ingest";
/// The sandbox's demo account (public demo data, not a secret).
pub const SANDBOX_USERNAME: &str = "demo";
pub const SANDBOX_CDP_GKEY: &str = "0123456789abcdef0123456789abcdef";
/// The sandbox demo account's API key: public demo data that the local sandbox server
/// accepts. It is used only for the built-in sandbox profile's demo user.
pub const SANDBOX_DEMO_KEY: &str = "sandbox-demo-key";
/// The sandbox's demo auth-app login (public demo data, not secrets).
pub const SANDBOX_APP_ID: &str = "demo-app";
pub const SANDBOX_APP_ACCOUNT: &str = "demo";
pub const SANDBOX_DEMO_REFRESH_TOKEN: &str = "sandbox-demo-refresh-token";
/// Paths of the auth-app flow, as observed in public code (pango-api.md §1.3).
pub const AUTH_APP_PATH: &str = "/api/v1.0/auth-app/{orgId}/authen";
pub const INGEST_V2_PATH: &str = "/dhub-i/api/v2.0/ingest";

/// The "auth-app" login (pango-api.md §1.3): **observed in public code, not documented
/// by Pango**. The auth URL is `…/api/v1.0/auth-app/{orgId}/authen` (sent a
/// `refreshToken` header and `{appId, account}`), the ingest URL `…/api/v2.0/ingest`
/// (sent `AccessToken: Bearer …` and `OrgId`). The refresh token lives in the keychain
/// like an API key, under the user [`AuthApp::keychain_user`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthApp {
    pub org_id: String,
    pub app_id: String,
    pub account: String,
}

impl AuthApp {
    /// The keychain user its refresh token is filed under: `auth-app:<account>`.
    pub fn keychain_user(&self) -> String {
        format!("auth-app:{}", self.account)
    }
}

/// One set of connection settings. Holds no secret: the API key (or the auth-app
/// refresh token) is in the keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub auth_url: String,
    pub ingest_url: String,
    #[serde(default)]
    pub username: String,
    #[serde(default, rename = "cdpGKey", alias = "cdp_gkey")]
    pub cdp_gkey: String,
    /// Set: the profile logs in with the auth-app flow instead of username + API key.
    #[serde(default, rename = "authApp", skip_serializing_if = "Option::is_none")]
    pub auth_app: Option<AuthApp>,
}

impl Profile {
    /// The real service with the URLs observed in third-party code (not documented by
    /// Pango); username and cdpGKey are the user's own, so they start empty.
    pub fn production() -> Self {
        Self {
            name: PRODUCTION.to_string(),
            auth_url: PRODUCTION_AUTH_URL.to_string(),
            ingest_url: PRODUCTION_INGEST_URL.to_string(),
            username: String::new(),
            cdp_gkey: String::new(),
            auth_app: None,
        }
    }

    /// The local sandbox server with its demo account.
    pub fn sandbox() -> Self {
        Self {
            name: SANDBOX.to_string(),
            auth_url: SANDBOX_AUTH_URL.to_string(),
            ingest_url: SANDBOX_INGEST_URL.to_string(),
            username: SANDBOX_USERNAME.to_string(),
            cdp_gkey: SANDBOX_CDP_GKEY.to_string(),
            auth_app: None,
        }
    }

    /// The built-in profiles, in the order they are listed.
    pub fn builtins() -> Vec<Profile> {
        vec![Self::production(), Self::sandbox()]
    }

    /// The keychain user its secret is filed under: the username, or for the auth-app
    /// login `auth-app:<account>`.
    pub fn keychain_user(&self) -> String {
        match &self.auth_app {
            Some(app) => app.keychain_user(),
            None => self.username.clone(),
        }
    }

    /// A new profile named `name`, starting from the production URLs.
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_string(),
            ..Self::production()
        }
    }
}

/// Checks a profile name: 1 to 64 letters (Vietnamese ones too), digits, spaces, `-`, `_`
/// or `.`, not starting or ending with a space (it becomes part of the keychain account
/// `<profile>:<username>`, so never a `:`).
pub fn check_profile_name(name: &str) -> Result<(), String> {
    let count = name.chars().count();
    if count == 0 || count > 64 {
        return Err("a profile name has 1 to 64 characters".to_string());
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.');
    if !name.chars().all(allowed) || name.trim() != name {
        return Err(format!(
            "the profile name '{name}' may use only letters, digits, spaces, '-', '_' and '.'"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_may_be_vietnamese_but_never_hold_the_keychain_separator() {
        for ok in [
            "production",
            "acme-2",
            "a.b_c",
            "Thử nghiệm",
            "Khách hàng ABC",
            "đối-tác_2.0",
        ] {
            assert_eq!(check_profile_name(ok), Ok(()), "{ok}");
        }
        for bad in ["", "a:b", " lead", "trail ", "tab\there", &"x".repeat(65)] {
            assert!(check_profile_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(check_profile_name(&"ữ".repeat(64)), Ok(()));
    }

    #[test]
    fn builtins_pass_the_url_check() {
        for p in Profile::builtins() {
            check_url(&p.auth_url).unwrap();
            check_url(&p.ingest_url).unwrap();
            check_profile_name(&p.name).unwrap();
        }
    }

    #[test]
    fn profile_json_uses_cdp_gkey_as_in_the_api() {
        let json = serde_json::to_string(&Profile::sandbox()).unwrap();
        assert!(json.contains("\"cdpGKey\":\"0123456789abcdef0123456789abcdef\""));
        let back: Profile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Profile::sandbox());
    }
}
