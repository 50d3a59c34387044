//! Logging in, off the UI thread: checking the form, asking Pango (or the built-in
//! sandbox) for a token, and keeping the key where the user asked. The result is a
//! [`Session`] the later steps use; the upload renews its token by itself.

use std::sync::Arc;
use std::time::Duration;

use crate::api::{Client, Credentials, Endpoints, LoginError, SetupError, install_tls_provider};
use crate::i18n::Lang;
use crate::keychain::{KeyStore, MemoryKeyStore, Persistence, store_key};
use crate::profile::login::{LoginRequest, prepare_profile};
use crate::profile::{AppDirs, Profile, Settings};
use crate::sandbox::{Account, Sandbox, SandboxConfig};
use crate::secret::Secret;

use super::text::tr;

/// A logged-in connection.
#[derive(Clone)]
pub struct Session {
    pub profile: Profile,
    pub creds: Credentials,
    pub client: Client,
    /// The in-process sandbox ("Try without an account"), kept running while the session lives.
    pub sandbox: Option<Arc<Sandbox>>,
    /// Where the key was kept, when the user asked to remember it.
    pub kept: Option<Persistence>,
}

impl Session {
    /// Where an upload goes, as its journal records it: the ingest URL and the
    /// organisation. The in-app practice server listens on a new port at each start
    /// but is one place (its journal must survive a restart), so it is named, not
    /// addressed.
    pub fn destination(&self) -> (String, String) {
        let org = match &self.profile.auth_app {
            Some(app) => app.org_id.clone(),
            None => self.profile.cdp_gkey.clone(),
        };
        match self.sandbox {
            Some(_) => ("in-app practice server (sandbox)".to_string(), org),
            None => (self.profile.ingest_url.clone(), org),
        }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("profile", &self.profile.name)
            .field("username", &self.creds.username)
            .finish_non_exhaustive()
    }
}

/// What the login form holds when the user presses "Log in" or "Test connection".
#[derive(Clone, Default)]
pub struct LoginForm {
    pub profile: String,
    pub username: String,
    pub api_key: Secret,
    pub cdp_gkey: String,
    /// Only for profiles the user adds (the built-in ones keep theirs).
    pub auth_url: String,
    pub ingest_url: String,
    pub remember: bool,
    /// The auth-app login (observed in public code, not documented by Pango): then
    /// `api_key` holds the refresh token and username/cdpGKey are not used.
    pub use_app: bool,
    pub org_id: String,
    pub app_id: String,
    pub account: String,
}

/// Why logging in failed, with what to do about it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoginProblem {
    pub title: String,
    pub advice: String,
}

/// Everything the login thread needs from the app.
#[derive(Clone)]
pub struct KeyPlaces {
    pub keys: Arc<dyn KeyStore>,
    pub session_keys: Arc<MemoryKeyStore>,
}

impl KeyPlaces {
    /// A key kept for this profile and user: in the keychain, or for this session only.
    pub fn saved_key(&self, profile: &str, username: &str) -> Option<Secret> {
        if let Ok(Some(k)) = self.session_keys.get(profile, username) {
            return Some(k);
        }
        self.keys.get(profile, username).ok().flatten()
    }
}

const TIMEOUT: Duration = Duration::from_secs(30);

/// The keychain user a profile's secret is filed under: its username, or for the
/// auth-app login `auth-app:<account>`.
pub fn keychain_user(profile: &Profile) -> String {
    match &profile.auth_app {
        Some(app) => app.keychain_user(),
        None => profile.username.clone(),
    }
}

/// Checks the form, logs in, and (when asked) keeps the key and saves the profile.
pub fn log_in(
    form: LoginForm,
    dirs: AppDirs,
    places: KeyPlaces,
    lang: Lang,
) -> Result<Session, LoginProblem> {
    let problem = |title: &str, advice: String| LoginProblem {
        title: title.to_string(),
        advice,
    };
    let mut settings = Settings::load(&dirs).unwrap_or_default();
    let req = LoginRequest {
        profile: form.profile.clone(),
        username: Some(form.username.clone()),
        cdp_gkey: Some(form.cdp_gkey.clone()),
        auth_url: Some(form.auth_url.clone()).filter(|u| !u.trim().is_empty()),
        ingest_url: Some(form.ingest_url.clone()).filter(|u| !u.trim().is_empty()),
        org_id: form.use_app.then(|| form.org_id.clone()),
        app_id: form.use_app.then(|| form.app_id.clone()),
        account: form.use_app.then(|| form.account.clone()),
    };
    let mut settings_for_form = settings.clone();
    if !form.use_app
        && let Some(mut p) = settings_for_form.profile(&form.profile)
    {
        // Unticking the auth-app login goes back to username + API key.
        p.auth_app = None;
        settings_for_form.upsert(p);
    }
    let settings_ref = &settings_for_form;
    let profile = prepare_profile(settings_ref, &req).map_err(|e| {
        problem(
            tr(lang, "Some details are missing", "Còn thiếu thông tin"),
            describe_form_error(&e, lang),
        )
    })?;
    let key_user = keychain_user(&profile);
    let key = if form.api_key.expose().trim().is_empty() {
        places.saved_key(&profile.name, &key_user).ok_or_else(|| {
            if profile.auth_app.is_some() {
                return problem(
                    tr(
                        lang,
                        "The refresh token is missing",
                        "Chưa nhập refresh token",
                    ),
                    tr(
                        lang,
                        "Paste the refresh token of the app (auth-app login).",
                        "Dán refresh token của ứng dụng (đăng nhập auth-app).",
                    )
                    .to_string(),
                );
            }
            problem(
                tr(lang, "The API key is missing", "Chưa nhập API key"),
                tr(
                    lang,
                    "Paste the API key Pango gave your account (Pango: Settings › API).",
                    "Dán API key mà Pango cấp cho tài khoản (trong Pango: Cài đặt › API).",
                )
                .to_string(),
            )
        })?
    } else {
        Secret::new(form.api_key.expose().trim())
    };
    let session = connect(profile, key, None, lang)?;
    let mut kept = None;
    if form.remember {
        kept = store_key(
            places.keys.as_ref(),
            &places.session_keys,
            &session.profile.name,
            &key_user,
            &session.creds.api_key,
        )
        .ok();
    }
    settings.upsert(session.profile.clone());
    settings.last_profile = Some(session.profile.name.clone());
    let _ = dirs.create_all().map(|_| settings.save(&dirs));
    Ok(Session { kept, ..session })
}

/// Starts the built-in sandbox in this process and logs in to its demo account.
pub fn try_sandbox(config: SandboxConfig, lang: Lang) -> Result<Session, LoginProblem> {
    let sandbox = Sandbox::start(config).map_err(|e| LoginProblem {
        title: tr(
            lang,
            "The practice server did not start",
            "Không khởi động được máy chủ thử",
        )
        .to_string(),
        advice: e.to_string(),
    })?;
    let demo = Account::demo();
    let profile = Profile {
        auth_url: sandbox.auth_url(),
        ingest_url: sandbox.ingest_url(),
        username: demo.username.clone(),
        cdp_gkey: demo.cdp_gkey.clone(),
        ..Profile::sandbox()
    };
    let session = connect(profile, Secret::new(demo.api_key), None, lang)?;
    Ok(Session {
        sandbox: Some(Arc::new(sandbox)),
        ..session
    })
}

fn connect(
    profile: Profile,
    key: Secret,
    sandbox: Option<Arc<Sandbox>>,
    lang: Lang,
) -> Result<Session, LoginProblem> {
    install_tls_provider();
    let bad_address = |e: String| LoginProblem {
        title: tr(
            lang,
            "The server address is not valid",
            "Địa chỉ máy chủ không hợp lệ",
        )
        .into(),
        advice: e,
    };
    let endpoints = Endpoints::new(&profile.auth_url, &profile.ingest_url).map_err(bad_address)?;
    let client = Client::new(endpoints, TIMEOUT).map_err(|e| match e {
        SetupError::NoTrustedCertificates => LoginProblem {
            title: tr(
                lang,
                "This computer cannot check secure connections",
                "Máy tính này không kiểm tra được kết nối bảo mật",
            )
            .into(),
            advice: tr(
                lang,
                "It has no list of trusted certificates, so it cannot tell the real Pango server from an impostor. Ask your IT team to install the system certificates (on Debian or Ubuntu: sudo apt install ca-certificates). \"Try without an account\" works without them.",
                "Máy không có danh sách chứng chỉ tin cậy nên không phân biệt được máy chủ Pango thật với máy chủ giả. Hãy nhờ bộ phận IT cài chứng chỉ hệ thống (trên Debian hoặc Ubuntu: sudo apt install ca-certificates). \"Dùng thử không cần tài khoản\" vẫn chạy được khi chưa có chứng chỉ.",
            )
            .into(),
        },
        SetupError::Other(text) => bad_address(text),
    })?;
    let creds = Credentials {
        username: profile.username.clone(),
        api_key: key,
        cdp_gkey: profile.cdp_gkey.clone(),
        app: profile.auth_app.clone(),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| bad_address(e.to_string()))?;
    rt.block_on(client.login(&creds))
        .map_err(|e| explain(&e, &profile, lang))?;
    Ok(Session {
        profile,
        creds,
        client,
        sandbox,
        kept: None,
    })
}

fn describe_form_error(e: &crate::profile::login::LoginError, lang: Lang) -> String {
    use crate::profile::login::LoginError as E;
    match e {
        E::Missing { what, .. } if *what == "username" => tr(
            lang,
            "Type the username of your Pango API account.",
            "Nhập tên đăng nhập (username) của tài khoản API Pango.",
        )
        .into(),
        E::Missing { .. } => tr(
            lang,
            "Type your organisation key (cdpGKey). Your Pango administrator has it.",
            "Nhập mã tổ chức (cdpGKey). Quản trị viên Pango của bạn có mã này.",
        )
        .into(),
        E::Spaces { what } => match lang {
            Lang::En => format!("The {what} must not contain spaces."),
            Lang::Vi => format!("{what} không được chứa dấu cách."),
        },
        other => other.to_string(),
    }
}

/// Turns a login failure into what the user should do.
pub fn explain(e: &LoginError, profile: &Profile, lang: Lang) -> LoginProblem {
    let (title, advice): (&str, String) = match e {
        LoginError::WrongKey(_) | LoginError::MissingInfo(_) => (
            tr(
                lang,
                "Wrong username or API key",
                "Sai tên đăng nhập hoặc API key",
            ),
            tr(
                lang,
                "Pango did not accept this username and API key. Copy the key again from Pango (Settings › API) and check the username.",
                "Pango không chấp nhận tên đăng nhập và API key này. Hãy sao chép lại key từ Pango (Cài đặt › API) và kiểm tra tên đăng nhập.",
            )
            .into(),
        ),
        LoginError::Organisation(_) => (
            tr(
                lang,
                "Organisation key (cdpGKey) not recognised",
                "Mã tổ chức (cdpGKey) không đúng",
            ),
            tr(
                lang,
                "The organisation key is missing or not known to Pango. Ask your Pango administrator for your organisation's cdpGKey.",
                "Mã tổ chức bị thiếu hoặc Pango không nhận ra. Hãy hỏi quản trị viên Pango mã cdpGKey của tổ chức bạn.",
            )
            .into(),
        ),
        LoginError::Unreachable { failure, .. } if failure.is_no_internet() => (
            tr(lang, "No internet connection", "Không có kết nối Internet"),
            tr(
                lang,
                "The server's name could not be looked up. Check that this computer is online (Wi-Fi, cable, VPN), then try again.",
                "Không tra được tên máy chủ. Hãy kiểm tra máy tính đã kết nối mạng (Wi-Fi, cáp, VPN) rồi thử lại.",
            )
            .into(),
        ),
        LoginError::Unreachable { url, .. } => (
            tr(lang, "The server cannot be reached", "Không kết nối được máy chủ"),
            match lang {
                Lang::En => format!(
                    "Nothing answered at {url}. The internet works, but this address does not: check the profile's server address, or try again later."
                ),
                Lang::Vi => format!(
                    "Không có phản hồi từ {url}. Mạng vẫn hoạt động nhưng địa chỉ này thì không: kiểm tra địa chỉ máy chủ của hồ sơ, hoặc thử lại sau."
                ),
            },
        ),
        LoginError::Timeout(_) => (
            tr(lang, "The server did not answer in time", "Máy chủ không trả lời kịp"),
            tr(
                lang,
                "The connection is very slow or the server is busy. Try again in a minute.",
                "Kết nối quá chậm hoặc máy chủ đang bận. Hãy thử lại sau một phút.",
            )
            .into(),
        ),
        LoginError::Server { status, .. } => (
            tr(lang, "Pango's server has a problem", "Máy chủ Pango đang gặp sự cố"),
            match lang {
                Lang::En => format!("It answered with error {status}. Try again in a few minutes; if it persists, contact Pango support."),
                Lang::Vi => format!("Máy chủ trả lỗi {status}. Hãy thử lại sau vài phút; nếu vẫn lỗi, liên hệ hỗ trợ Pango."),
            },
        ),
        LoginError::Redirected { to, .. } => (
            tr(lang, "The login address redirects elsewhere", "Địa chỉ đăng nhập chuyển hướng sang nơi khác"),
            match lang {
                Lang::En => format!(
                    "{} answered with a redirect to {to}. A login is never sent on (it holds your API key): check the profile's login address.",
                    profile.auth_url
                ),
                Lang::Vi => format!(
                    "{} trả lời bằng chuyển hướng sang {to}. Đăng nhập không bao giờ được gửi tiếp (nó chứa API key): kiểm tra địa chỉ đăng nhập của hồ sơ.",
                    profile.auth_url
                ),
            },
        ),
        LoginError::NotConfirmed { .. } => (
            tr(lang, "The login was not confirmed", "Đăng nhập không được xác nhận"),
            match lang {
                Lang::En => format!(
                    "The answer from {} held a token but did not say success: true, so it was not used: check the profile's login address.",
                    profile.auth_url
                ),
                Lang::Vi => format!(
                    "Phản hồi từ {} có token nhưng không báo success: true nên không được dùng: kiểm tra địa chỉ đăng nhập của hồ sơ.",
                    profile.auth_url
                ),
            },
        ),
        LoginError::BadAnswer(_) | LoginError::Refused(_) => (
            tr(lang, "This is not Pango's login service", "Đây không phải dịch vụ đăng nhập Pango"),
            match lang {
                Lang::En => format!("The answer from {} is not a login answer: check the profile's server addresses.", profile.auth_url),
                Lang::Vi => format!("Phản hồi từ {} không phải phản hồi đăng nhập: kiểm tra địa chỉ máy chủ của hồ sơ.", profile.auth_url),
            },
        ),
    };
    LoginProblem {
        title: title.to_string(),
        advice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::NetFailure;

    #[test]
    fn offline_and_refused_are_told_apart() {
        let p = Profile::production();
        let offline = LoginError::Unreachable {
            url: "https://x".into(),
            reason: "error sending request".into(),
            failure: NetFailure::NameNotFound,
        };
        let refused = LoginError::Unreachable {
            url: "http://127.0.0.1:9".into(),
            reason: "error sending request".into(),
            failure: NetFailure::Refused,
        };
        assert_eq!(
            explain(&offline, &p, Lang::En).title,
            "No internet connection"
        );
        assert_eq!(
            explain(&refused, &p, Lang::En).title,
            "The server cannot be reached"
        );
        assert!(
            explain(&refused, &p, Lang::En)
                .advice
                .contains("127.0.0.1:9")
        );
        assert_eq!(
            explain(&LoginError::Organisation("x".into()), &p, Lang::Vi).title,
            "Mã tổ chức (cdpGKey) không đúng"
        );
    }

    #[test]
    fn debug_shows_no_key() {
        let s = try_sandbox(SandboxConfig::default(), Lang::En).unwrap();
        let text = format!("{s:?}");
        assert!(!text.contains("sandbox-demo-key"), "{text}");
        assert!(text.contains("demo"));
    }
}
