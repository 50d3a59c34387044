//! Logging in, off the UI thread: checking the form, asking Pango (or the built-in
//! sandbox) for a token, and keeping the key where the user asked. The result is a
//! [`Session`] the later steps use; the upload renews its token by itself.

use std::sync::Arc;
use std::time::Duration;

use crate::api::{Client, Credentials, LoginError, SetupError};
use crate::i18n::Lang;
use crate::keychain::{KeyStore, MemoryKeyStore, Persistence, store_key};
use crate::profile::login::{LoginRequest, LoginRequestError, prepare_profile};
use crate::profile::resolve::process_env;
use crate::profile::{
    AppDirs, ConnError, ConnectError, Connection, Profile, SecretOrigin, SecretSources, Settings,
    connection_for, log_in as log_in_to,
};
use crate::sandbox::{Account, Sandbox, SandboxConfig};
use crate::secret::Secret;

use super::login_field::LoginField;
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
    /// The form field to fix, where one is to blame (the focus goes there).
    pub field: Option<LoginField>,
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
    profile.keychain_user()
}

/// Checks the form, logs in, and (when asked) keeps the key and saves the profile.
pub fn log_in(
    form: LoginForm,
    dirs: AppDirs,
    places: KeyPlaces,
    lang: Lang,
) -> Result<Session, LoginProblem> {
    let mut settings = Settings::load(&dirs).unwrap_or_default();
    let (profile, conn) = form_connection(&form, &settings, &places, &process_env, lang)?;
    let session = connect(profile, &conn, None, lang)?;
    let mut kept = None;
    // A key from the environment is never stored (design.md §4).
    let keep = !matches!(
        conn.secret_origin,
        SecretOrigin::Environment | SecretOrigin::Demo
    );
    if form.remember && keep {
        kept = store_key(
            places.keys.as_ref(),
            &places.session_keys,
            &session.profile.name,
            &session.profile.keychain_user(),
            &session.creds.api_key,
        )
        .ok();
    }
    settings.upsert(session.profile.clone());
    settings.last_profile = Some(session.profile.name.clone());
    let _ = dirs.create_all().map(|_| settings.save(&dirs));
    Ok(Session { kept, ..session })
}

/// The profile the form describes: the saved one with what the form holds applied.
fn form_profile(
    form: &LoginForm,
    settings: &Settings,
    lang: Lang,
) -> Result<Profile, LoginProblem> {
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
    let mut settings = settings.clone();
    if !form.use_app
        && let Some(mut p) = settings.profile(&form.profile)
    {
        // Unticking the auth-app login goes back to username + API key.
        p.auth_app = None;
        settings.upsert(p);
    }
    prepare_profile(&settings, &req).map_err(|e| LoginProblem {
        title: tr(lang, "Some details are missing", "Còn thiếu thông tin").to_string(),
        advice: form_error_advice(&e, lang),
        field: LoginField::of_request(&e),
    })
}

/// The form's profile with its secret, found in the core's one order (typed, the
/// environment, this session's keys, the keychain, the sandbox demo key).
fn form_connection(
    form: &LoginForm,
    settings: &Settings,
    places: &KeyPlaces,
    env: &dyn Fn(&str) -> Option<String>,
    lang: Lang,
) -> Result<(Profile, Connection), LoginProblem> {
    let profile = form_profile(form, settings, lang)?;
    let sources = SecretSources {
        typed: Some(Secret::new(form.api_key.expose().trim())),
        env,
        session: Some(places.session_keys.as_ref()),
        keychain: places.keys.as_ref(),
    };
    let conn = connection_for(&profile, &sources).map_err(|e| no_secret(&e, lang))?;
    Ok((profile, conn))
}

/// Why no secret was found, as the login screen says it.
fn no_secret(e: &ConnError, lang: Lang) -> LoginProblem {
    let problem = |title: &str, advice: &str| LoginProblem {
        title: title.to_string(),
        advice: advice.to_string(),
        field: Some(LoginField::Secret),
    };
    match e {
        ConnError::ApiKeyForAuthApp { .. } => problem(
            tr(
                lang,
                "The refresh token is missing",
                "Chưa nhập refresh token",
            ),
            &e.to_string(),
        ),
        ConnError::NoRefreshToken { .. } => problem(
            tr(
                lang,
                "The refresh token is missing",
                "Chưa nhập refresh token",
            ),
            tr(
                lang,
                "Paste the refresh token of the app (auth-app login).",
                "Dán refresh token của ứng dụng (đăng nhập auth-app).",
            ),
        ),
        _ => problem(
            tr(lang, "The API key is missing", "Chưa nhập API key"),
            tr(
                lang,
                "Paste the API key Pango gave your account (Pango: Settings › API).",
                "Dán API key mà Pango cấp cho tài khoản (trong Pango: Cài đặt › API).",
            ),
        ),
    }
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
        field: None,
    })?;
    let demo = Account::demo();
    let profile = Profile {
        auth_url: sandbox.auth_url(),
        ingest_url: sandbox.ingest_url(),
        username: demo.username.clone(),
        cdp_gkey: demo.cdp_gkey.clone(),
        ..Profile::sandbox()
    };
    let sources = SecretSources {
        typed: Some(Secret::new(demo.api_key)),
        env: &|_| None,
        session: None,
        keychain: &MemoryKeyStore::new(),
    };
    let conn = connection_for(&profile, &sources).map_err(|e| no_secret(&e, lang))?;
    let session = connect(profile, &conn, None, lang)?;
    Ok(Session {
        sandbox: Some(Arc::new(sandbox)),
        ..session
    })
}

/// Logs in with the core's use case and says what went wrong in the user's words.
fn connect(
    profile: Profile,
    conn: &Connection,
    sandbox: Option<Arc<Sandbox>>,
    lang: Lang,
) -> Result<Session, LoginProblem> {
    let bad_address = |e: String| LoginProblem {
        title: tr(
            lang,
            "The server address is not valid",
            "Địa chỉ máy chủ không hợp lệ",
        )
        .into(),
        advice: e,
        field: Some(LoginField::AuthUrl),
    };
    let done = log_in_to(conn, TIMEOUT).map_err(|e| {
        let field = LoginField::of_connect(&e);
        let problem = match e {
        ConnectError::Setup(SetupError::NoTrustedCertificates) => LoginProblem {
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
            field: None,
        },
        ConnectError::Setup(SetupError::Other(text)) => bad_address(text),
        ConnectError::Address(text) | ConnectError::Runtime(text) => bad_address(text),
        ConnectError::Login(e) => explain(&e, &profile, lang),
        };
        LoginProblem { field, ..problem }
    })?;
    Ok(Session {
        profile,
        creds: done.credentials,
        client: done.client,
        sandbox,
        kept: None,
    })
}

fn form_error_advice(e: &LoginRequestError, lang: Lang) -> String {
    use LoginRequestError as E;
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
        field: None,
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

    fn places() -> KeyPlaces {
        KeyPlaces {
            keys: Arc::new(MemoryKeyStore::new()),
            session_keys: Arc::new(MemoryKeyStore::new()),
        }
    }

    fn acme_form(key: &str) -> LoginForm {
        LoginForm {
            profile: "acme".into(),
            username: "ops@acme.vn".into(),
            api_key: Secret::new(key),
            cdp_gkey: "e7402a2f14aaaaa27488373a60355e0c".into(),
            ..LoginForm::default()
        }
    }

    #[test]
    fn the_form_gives_the_connection_the_cli_login_gives() {
        // What `pango-importer-cli login --profile acme --username … --cdp-gkey …` builds
        // from the same settings and key (cli/login_cmd.rs: prepare_profile, then the
        // core's connection_for).
        let settings = Settings::default();
        let req = LoginRequest {
            profile: "acme".into(),
            username: Some("ops@acme.vn".into()),
            cdp_gkey: Some("e7402a2f14aaaaa27488373a60355e0c".into()),
            ..LoginRequest::default()
        };
        let keys = MemoryKeyStore::new();
        let cli = connection_for(
            &prepare_profile(&settings, &req).unwrap(),
            &SecretSources {
                typed: Some(Secret::new("k3y")),
                env: &process_env,
                session: None,
                keychain: &keys,
            },
        )
        .unwrap();
        let (_, app) =
            form_connection(&acme_form("k3y"), &settings, &places(), &|_| None, Lang::En).unwrap();
        assert_eq!(app, cli);
    }

    #[test]
    fn a_blank_key_is_looked_for_in_the_environment_first_then_the_keychains() {
        let p = places();
        let no_env = |_: &str| None;
        let e = form_connection(&acme_form(""), &Settings::default(), &p, &no_env, Lang::En)
            .unwrap_err();
        assert_eq!(e.title, "The API key is missing");
        p.keys
            .set("acme", "ops@acme.vn", &Secret::new("kept"))
            .unwrap();
        let (_, c) =
            form_connection(&acme_form(""), &Settings::default(), &p, &no_env, Lang::En).unwrap();
        assert_eq!(
            (c.api_key.expose(), c.secret_origin),
            ("kept", SecretOrigin::Keychain)
        );
        let env = |n: &str| (n == "PANGO_API_KEY").then(|| "from-env".to_string());
        let (_, c) =
            form_connection(&acme_form(""), &Settings::default(), &p, &env, Lang::En).unwrap();
        assert_eq!(c.secret_origin, SecretOrigin::Environment);
        let (_, c) = form_connection(
            &acme_form("typed"),
            &Settings::default(),
            &p,
            &env,
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            (c.api_key.expose(), c.secret_origin),
            ("typed", SecretOrigin::Typed)
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
