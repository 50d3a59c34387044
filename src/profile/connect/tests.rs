//! The order the secret is looked for in, and its typed failures.

use super::*;
use crate::keychain::MemoryKeyStore;
use crate::profile::AuthApp;

fn acme() -> Profile {
    Profile {
        username: "ops@acme.vn".into(),
        cdp_gkey: "e7402a2f14aaaaa27488373a60355e0c".into(),
        ..Profile::named("acme")
    }
}

/// `acme` logging in with the auth-app flow.
fn acme_app() -> Profile {
    Profile {
        auth_app: Some(AuthApp {
            org_id: "org-1".into(),
            app_id: "app-1".into(),
            account: "ops".into(),
        }),
        ..acme()
    }
}

fn env_with_key(name: &str) -> Option<String> {
    (name == ENV_API_KEY).then(|| "from-env".to_string())
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn found(
    profile: &Profile,
    typed: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    session: Option<&dyn KeyStore>,
    keychain: &dyn KeyStore,
) -> Result<(String, SecretOrigin), ConnError> {
    let sources = SecretSources {
        typed: typed.map(Secret::new),
        env,
        session,
        keychain,
    };
    connection_for(profile, &sources).map(|c| (c.api_key.expose().to_string(), c.secret_origin))
}

#[test]
fn typed_wins_over_the_environment_over_the_session_over_the_keychain() {
    let p = acme();
    let keychain = MemoryKeyStore::new();
    keychain
        .set("acme", "ops@acme.vn", &Secret::new("from-keychain"))
        .unwrap();
    let session = MemoryKeyStore::new();
    session
        .set("acme", "ops@acme.vn", &Secret::new("from-session"))
        .unwrap();
    let s: Option<&dyn KeyStore> = Some(&session);
    assert_eq!(
        found(&p, Some("typed"), &env_with_key, s, &keychain),
        Ok(("typed".into(), SecretOrigin::Typed))
    );
    assert_eq!(
        found(&p, None, &env_with_key, s, &keychain),
        Ok(("from-env".into(), SecretOrigin::Environment))
    );
    assert_eq!(
        found(&p, None, &no_env, s, &keychain),
        Ok(("from-session".into(), SecretOrigin::Session))
    );
    assert_eq!(
        found(&p, None, &no_env, None, &keychain),
        Ok(("from-keychain".into(), SecretOrigin::Keychain))
    );
    // The sandbox's demo user falls back to the public demo key.
    assert_eq!(
        found(
            &Profile::sandbox(),
            None,
            &no_env,
            None,
            &MemoryKeyStore::new()
        ),
        Ok((SANDBOX_DEMO_KEY.into(), SecretOrigin::Demo))
    );
}

#[test]
fn a_missing_key_is_a_typed_error_naming_profile_and_user() {
    let e = found(&acme(), None, &no_env, None, &MemoryKeyStore::new()).unwrap_err();
    assert_eq!(
        e,
        ConnError::NoKey {
            profile: "acme".into(),
            username: "ops@acme.vn".into()
        }
    );
    let app = acme_app();
    let e = found(&app, None, &no_env, None, &MemoryKeyStore::new()).unwrap_err();
    assert!(matches!(e, ConnError::NoRefreshToken { .. }), "{e}");
    // An API key in the environment is not a refresh token, and the keychain stays shut.
    let e = found(&app, None, &env_with_key, None, &MemoryKeyStore::new()).unwrap_err();
    assert!(matches!(e, ConnError::ApiKeyForAuthApp { .. }), "{e}");
}

#[test]
fn an_auth_app_connection_carries_the_account_and_the_org() {
    let app = acme_app();
    let sources = SecretSources {
        typed: Some(Secret::new("r1")),
        env: &no_env,
        session: None,
        keychain: &MemoryKeyStore::new(),
    };
    let c = connection_for(&app, &sources).unwrap();
    let creds = c.credentials();
    assert_eq!(
        (creds.username.as_str(), creds.cdp_gkey.as_str()),
        ("ops", "org-1")
    );
    assert_eq!(creds.app, app.auth_app);
}

#[test]
fn logging_in_to_the_sandbox_and_failing_are_typed() {
    let sb = crate::sandbox::Sandbox::start(crate::sandbox::SandboxConfig::default()).unwrap();
    let profile = Profile {
        auth_url: sb.auth_url(),
        ingest_url: sb.ingest_url(),
        ..Profile::sandbox()
    };
    let keychain = MemoryKeyStore::new();
    let sources = |typed: &str| SecretSources {
        typed: Some(Secret::new(typed)),
        env: &no_env,
        session: None,
        keychain: &keychain,
    };
    let conn = connection_for(&profile, &sources(SANDBOX_DEMO_KEY)).unwrap();
    let done = log_in(&conn, Duration::from_secs(5)).unwrap();
    assert!(!done.token.value.expose().is_empty());
    let conn = connection_for(&profile, &sources("wrong")).unwrap();
    let e = log_in(&conn, Duration::from_secs(5)).unwrap_err();
    assert!(
        matches!(e, ConnectError::Login(LoginError::WrongKey(_))),
        "{e:?}"
    );
}
