//! The core of `login`: turning what the user gave into a saved profile. Reading the
//! key and printing belong to the front end (`cli/login_cmd.rs`, the GUI's login
//! screen).

use super::{AuthApp, Profile, Settings, check_profile_name, check_url};

/// What the user gave (`None` = keep what the profile has).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginRequest {
    pub profile: String,
    pub username: Option<String>,
    pub cdp_gkey: Option<String>,
    pub auth_url: Option<String>,
    pub ingest_url: Option<String>,
    /// The auth-app login (observed, not documented): any of these makes the profile
    /// use it.
    pub org_id: Option<String>,
    pub app_id: Option<String>,
    pub account: Option<String>,
}

/// Why a login request cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginRequestError {
    #[error("{0}")]
    BadName(String),
    #[error("the {what} is refused: {reason}")]
    BadUrl { what: &'static str, reason: String },
    #[error("profile '{profile}' has no {what} yet: give it with {flag}")]
    Missing {
        profile: String,
        what: &'static str,
        flag: &'static str,
    },
    #[error("the {what} must not contain spaces")]
    Spaces { what: &'static str },
}

/// The profile to save: the existing one (saved or built-in) or a new one starting
/// from the production URLs, with the given fields applied and checked.
pub fn prepare_profile(
    settings: &Settings,
    req: &LoginRequest,
) -> Result<Profile, LoginRequestError> {
    let name = req.profile.trim();
    check_profile_name(name).map_err(LoginRequestError::BadName)?;
    let mut p = settings
        .profile(name)
        .unwrap_or_else(|| Profile::named(name));
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    if let Some(v) = given(&req.username) {
        p.username = v;
    }
    if let Some(v) = given(&req.cdp_gkey) {
        p.cdp_gkey = v;
    }
    if let Some(v) = given(&req.auth_url) {
        p.auth_url = v;
    }
    if let Some(v) = given(&req.ingest_url) {
        p.ingest_url = v;
    }
    for (what, url) in [("auth URL", &p.auth_url), ("ingest URL", &p.ingest_url)] {
        check_url(url).map_err(|reason| LoginRequestError::BadUrl { what, reason })?;
    }
    let app_given = [&req.org_id, &req.app_id, &req.account]
        .iter()
        .any(|v| given(v).is_some());
    if app_given || p.auth_app.is_some() {
        let old = p.auth_app.clone();
        let pick = |v: &Option<String>, f: fn(&AuthApp) -> &String| {
            given(v)
                .or_else(|| old.as_ref().map(|a| f(a).clone()))
                .unwrap_or_default()
        };
        let app = AuthApp {
            org_id: pick(&req.org_id, |a| &a.org_id),
            app_id: pick(&req.app_id, |a| &a.app_id),
            account: pick(&req.account, |a| &a.account),
        };
        for (what, flag, value) in [
            ("orgId", "--org-id", &app.org_id),
            ("appId", "--app-id", &app.app_id),
            ("account", "--account", &app.account),
        ] {
            if value.is_empty() {
                return Err(LoginRequestError::Missing {
                    profile: p.name.clone(),
                    what,
                    flag,
                });
            }
            if value.chars().any(char::is_whitespace) {
                return Err(LoginRequestError::Spaces { what });
            }
        }
        p.auth_app = Some(app);
        return Ok(p);
    }
    for (what, flag, value) in [
        ("username", "--username", &p.username),
        ("cdpGKey", "--cdp-gkey", &p.cdp_gkey),
    ] {
        if value.is_empty() {
            return Err(LoginRequestError::Missing {
                profile: p.name.clone(),
                what,
                flag,
            });
        }
        if value.chars().any(char::is_whitespace) {
            return Err(LoginRequestError::Spaces { what });
        }
    }
    Ok(p)
}

/// Cleans a key as typed or piped: the first line, without the line break and the
/// spaces around it. `None` when nothing is left.
pub fn clean_key(raw: &str) -> Option<String> {
    let line = raw.lines().next().unwrap_or_default().trim();
    (!line.is_empty()).then(|| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(profile: &str) -> LoginRequest {
        LoginRequest {
            profile: profile.to_string(),
            ..LoginRequest::default()
        }
    }

    #[test]
    fn new_profile_starts_from_production_urls() {
        let p = prepare_profile(
            &Settings::default(),
            &LoginRequest {
                username: Some(" ops@acme.vn ".to_string()),
                cdp_gkey: Some("e7402a2f14aaaaa27488373a60355e0c".to_string()),
                ..req("acme")
            },
        )
        .unwrap();
        assert_eq!(p.name, "acme");
        assert_eq!(p.username, "ops@acme.vn");
        assert_eq!(p.auth_url, super::super::PRODUCTION_AUTH_URL);
    }

    #[test]
    fn existing_fields_are_kept_and_missing_ones_named() {
        let p = prepare_profile(&Settings::default(), &req("sandbox")).unwrap();
        assert_eq!(p, Profile::sandbox());
        let e = prepare_profile(&Settings::default(), &req("production")).unwrap_err();
        assert!(e.to_string().contains("--username"), "{e}");
        let e = prepare_profile(
            &Settings::default(),
            &LoginRequest {
                username: Some("me".to_string()),
                ..req("production")
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("--cdp-gkey"), "{e}");
    }

    #[test]
    fn bad_inputs_are_refused() {
        let s = Settings::default();
        let e = prepare_profile(&s, &req("a:b")).unwrap_err();
        assert!(matches!(e, LoginRequestError::BadName(_)));
        let e = prepare_profile(
            &s,
            &LoginRequest {
                ingest_url: Some("http://10.0.0.5/ingest".to_string()),
                ..req("sandbox")
            },
        )
        .unwrap_err();
        assert!(matches!(
            e,
            LoginRequestError::BadUrl {
                what: "ingest URL",
                ..
            }
        ));
    }

    #[test]
    fn keys_are_cleaned() {
        assert_eq!(clean_key("abc\r\n").as_deref(), Some("abc"));
        assert_eq!(clean_key("  abc  \nsecond line").as_deref(), Some("abc"));
        assert_eq!(clean_key("\n"), None);
        assert_eq!(clean_key(""), None);
    }
}
