//! Which login field a failed login points at, so the login screen can put the focus
//! (and the cursor) in the field to fix.

use crate::api::LoginError;
use crate::profile::ConnectError;
use crate::profile::login::LoginRequestError;

/// A field of the login form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginField {
    ProfileName,
    AuthUrl,
    IngestUrl,
    Username,
    /// The API key, or the auth-app login's refresh token.
    Secret,
    CdpGKey,
    OrgId,
    AppId,
    Account,
}

impl LoginField {
    /// The field a form the core refused names (`what` is the core's word for it).
    pub fn of_request(e: &LoginRequestError) -> Option<Self> {
        let what = match e {
            LoginRequestError::BadName(_) => return Some(Self::ProfileName),
            LoginRequestError::BadUrl { what, .. }
            | LoginRequestError::Missing { what, .. }
            | LoginRequestError::Spaces { what } => *what,
        };
        Some(match what {
            "auth URL" => Self::AuthUrl,
            "ingest URL" => Self::IngestUrl,
            "username" => Self::Username,
            "cdpGKey" => Self::CdpGKey,
            "orgId" => Self::OrgId,
            "appId" => Self::AppId,
            "account" => Self::Account,
            _ => return None,
        })
    }

    /// The field a refused or failed login points at: the key, the organisation key,
    /// or the login address when nothing (or not Pango) answered there.
    pub fn of_connect(e: &ConnectError) -> Option<Self> {
        match e {
            ConnectError::Address(_) => Some(Self::AuthUrl),
            ConnectError::Setup(_) | ConnectError::Runtime(_) => None,
            ConnectError::Login(e) => Self::of_login(e),
        }
    }

    fn of_login(e: &LoginError) -> Option<Self> {
        match e {
            LoginError::WrongKey(_) => Some(Self::Secret),
            LoginError::MissingInfo(_) => Some(Self::Username),
            LoginError::Organisation(_) => Some(Self::CdpGKey),
            LoginError::Unreachable { failure, .. } if failure.is_no_internet() => None,
            LoginError::Unreachable { .. }
            | LoginError::Redirected { .. }
            | LoginError::NotConfirmed { .. }
            | LoginError::BadAnswer(_)
            | LoginError::Refused(_) => Some(Self::AuthUrl),
            LoginError::Timeout(_) | LoginError::Server { .. } => None,
        }
    }
}
