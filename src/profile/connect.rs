//! Connecting and logging in: the one use case the app's login screen, `login` and
//! `upload` run, in one order of steps:
//!
//! 1. the profile: what the user gave now (the login form, `login`'s flags) over the
//!    saved profile ([`super::login::prepare_profile`]); for a command that takes a saved
//!    profile (`upload`), the environment over it ([`super::resolve_connection`]);
//! 2. its secret (API key, or an auth-app refresh token), from the first of:
//!    typed now, the environment (`PANGO_API_KEY` / `PANGO_REFRESH_TOKEN`: then no
//!    keychain is read), this session's keys, the OS keychain, and for the built-in
//!    sandbox profile's demo user its public demo key ([`connection_for`]);
//! 3. the client, the credentials and a login ([`log_in`]).

use std::time::Duration;

use crate::api::{Client, Credentials, Endpoints, LoginError, SetupError, Token};
use crate::keychain::{KeyError, KeyStore};
use crate::secret::Secret;

use super::resolve::{ConnError, Connection, ENV_API_KEY, ENV_REFRESH_TOKEN};
use super::{Profile, SANDBOX, SANDBOX_DEMO_KEY, SANDBOX_USERNAME};

/// Where the secret of a [`Connection`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretOrigin {
    /// Typed by the user now (the login form, `login`'s prompt).
    Typed,
    /// `PANGO_API_KEY` or `PANGO_REFRESH_TOKEN`.
    Environment,
    /// Kept for this session only (the app, without a keychain).
    Session,
    /// The OS keychain.
    Keychain,
    /// The built-in sandbox profile's public demo key.
    Demo,
}

/// Where a secret may be found, tried in the order of the module documentation.
pub struct SecretSources<'a> {
    pub typed: Option<Secret>,
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// This session's keys (the app's, when there is no keychain).
    pub session: Option<&'a dyn KeyStore>,
    pub keychain: &'a dyn KeyStore,
}

/// A variable of the environment, trimmed, when set and not blank.
pub(super) fn env_value(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    env(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `profile` with its secret: step 2 of the module documentation.
pub fn connection_for(
    profile: &Profile,
    sources: &SecretSources<'_>,
) -> Result<Connection, ConnError> {
    let (secret, origin) = find_secret(profile, sources)?;
    let (username, cdp_gkey) = match &profile.auth_app {
        Some(app) => (app.account.clone(), app.org_id.clone()),
        None => (profile.username.clone(), profile.cdp_gkey.clone()),
    };
    Ok(Connection {
        profile: profile.name.clone(),
        auth_url: profile.auth_url.clone(),
        ingest_url: profile.ingest_url.clone(),
        username,
        api_key: secret,
        cdp_gkey,
        auth_app: profile.auth_app.clone(),
        secret_origin: origin,
    })
}

fn find_secret(
    profile: &Profile,
    sources: &SecretSources<'_>,
) -> Result<(Secret, SecretOrigin), ConnError> {
    if let Some(typed) = sources.typed.as_ref().filter(|k| !k.expose().is_empty()) {
        return Ok((typed.clone(), SecretOrigin::Typed));
    }
    let name = profile.name.clone();
    let env_key = env_value(sources.env, ENV_API_KEY);
    if profile.auth_app.is_some() {
        if let Some(token) = env_value(sources.env, ENV_REFRESH_TOKEN) {
            return Ok((Secret::new(token), SecretOrigin::Environment));
        }
        if env_key.is_some() {
            // With PANGO_API_KEY set the keychain is neither read nor written, and an
            // API key is not what an auth-app login takes.
            return Err(ConnError::ApiKeyForAuthApp { profile: name });
        }
    } else if let Some(key) = env_key {
        return Ok((Secret::new(key), SecretOrigin::Environment));
    }
    let user = profile.keychain_user();
    if let Some(Ok(Some(key))) = sources.session.map(|s| s.get(&name, &user)) {
        return Ok((key, SecretOrigin::Session));
    }
    let demo = profile.auth_app.is_none() && name == SANDBOX && user == SANDBOX_USERNAME;
    match sources.keychain.get(&name, &user) {
        Ok(Some(key)) => Ok((key, SecretOrigin::Keychain)),
        Ok(None) | Err(KeyError::Unavailable { .. }) if demo => {
            Ok((Secret::new(SANDBOX_DEMO_KEY), SecretOrigin::Demo))
        }
        Ok(None) => Err(match &profile.auth_app {
            Some(app) => ConnError::NoRefreshToken {
                profile: name,
                account: app.account.clone(),
            },
            None => ConnError::NoKey {
                profile: name,
                username: user,
            },
        }),
        Err(KeyError::Unavailable { .. }) => Err(ConnError::KeychainUnavailable { profile: name }),
        Err(error) => Err(ConnError::Keychain {
            profile: name,
            error,
        }),
    }
}

impl Connection {
    /// What the API client logs in with.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            username: self.username.clone(),
            api_key: self.api_key.clone(),
            cdp_gkey: self.cdp_gkey.clone(),
            app: self.auth_app.clone(),
        }
    }

    /// An API client for this connection's URLs, `timeout` per request.
    pub fn client(&self, timeout: Duration) -> Result<Client, ConnectError> {
        let endpoints =
            Endpoints::new(&self.auth_url, &self.ingest_url).map_err(ConnectError::Address)?;
        Ok(Client::new(endpoints, timeout)?)
    }
}

/// Why connecting and logging in failed (step 3).
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("{0}")]
    Address(String),
    #[error(transparent)]
    Setup(#[from] SetupError),
    #[error("cannot start the network runtime: {0}")]
    Runtime(String),
    #[error(transparent)]
    Login(#[from] LoginError),
}

/// A connection that logged in.
#[derive(Clone, Debug)]
pub struct LoggedIn {
    pub client: Client,
    pub credentials: Credentials,
    pub token: Token,
}

/// Step 3: makes the client and logs in once, blocking this (non-UI) thread.
pub fn log_in(conn: &Connection, timeout: Duration) -> Result<LoggedIn, ConnectError> {
    let client = conn.client(timeout)?;
    let credentials = conn.credentials();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ConnectError::Runtime(e.to_string()))?;
    let token = rt.block_on(client.login(&credentials))?;
    Ok(LoggedIn {
        client,
        credentials,
        token,
    })
}

#[cfg(test)]
mod tests;
