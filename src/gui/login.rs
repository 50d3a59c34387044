//! Step 1, Log in: the form ([`super::login_form`]), "Log in", "Test connection", and
//! "Try without an account" (the local sandbox, which the built-in `sandbox` profile
//! also starts). Enter acts on the focused button; it logs in only from the form's
//! text fields or the Log in button.

use eframe::egui::{self, RichText};

use crate::i18n::Lang;
use crate::profile::{AppDirs, Profile, Settings};
use crate::sandbox::SandboxConfig;
use crate::secret::Secret;

use super::login_field::LoginField;
use super::login_form::form;
use super::session::{
    KeyPlaces, LoginForm, LoginProblem, Session, keychain_user, log_in, try_sandbox,
};
use super::task::{Task, finished};
use super::text::tr;
use super::widgets;

/// What the login screen is doing.
enum Busy {
    LogIn(Task<Result<Session, LoginProblem>>),
    Test(Task<Result<Session, LoginProblem>>),
    Sandbox(Task<Result<Session, LoginProblem>>),
}

pub struct LoginState {
    pub form: LoginForm,
    pub(super) profiles: Vec<Profile>,
    /// A key is kept for the chosen profile and user (the field may stay empty).
    pub(super) has_saved_key: bool,
    /// Looking in the keychain happens off the UI thread (the OS may ask to unlock it).
    key_probe: Option<Task<bool>>,
    probe_needed: bool,
    pub(super) new_profile: bool,
    busy: Option<Busy>,
    pub problem: Option<LoginProblem>,
    pub note: Option<String>,
    /// The field a failed login points at, focused when next drawn.
    pub(super) focus: Option<LoginField>,
    /// Enter was pressed in one of the form's text fields this frame.
    pub(super) submit: bool,
}

/// What the login screen asks the app to do.
#[must_use]
pub enum LoginAction {
    LoggedIn(Box<Session>),
}

impl LoginState {
    pub fn new(dirs: &AppDirs) -> Self {
        let settings = Settings::load(dirs).unwrap_or_default();
        let profiles = settings.all_profiles();
        let chosen = settings
            .last_profile
            .clone()
            .unwrap_or_else(|| crate::profile::PRODUCTION.to_string());
        let mut st = Self {
            form: LoginForm {
                remember: true,
                ..LoginForm::default()
            },
            profiles,
            has_saved_key: false,
            key_probe: None,
            probe_needed: false,
            new_profile: false,
            busy: None,
            problem: None,
            note: None,
            focus: None,
            submit: false,
        };
        st.choose_profile(&chosen);
        st
    }

    pub(super) fn choose_profile(&mut self, name: &str) {
        let p = self
            .profiles
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .unwrap_or_else(Profile::production);
        self.form.profile = p.name.clone();
        self.form.username = p.username.clone();
        self.form.cdp_gkey = p.cdp_gkey.clone();
        self.form.auth_url = p.auth_url.clone();
        self.form.ingest_url = p.ingest_url.clone();
        self.form.use_app = p.auth_app.is_some();
        let app = p
            .auth_app
            .clone()
            .unwrap_or_else(|| crate::profile::AuthApp {
                org_id: String::new(),
                app_id: String::new(),
                account: String::new(),
            });
        self.form.org_id = app.org_id;
        self.form.app_id = app.app_id;
        self.form.account = app.account;
        self.form.api_key = Secret::default();
        self.new_profile = false;
        self.has_saved_key = false;
        self.key_probe = None;
        self.probe_needed = !keychain_user(&p).is_empty();
        self.problem = None;
        self.note = None;
    }

    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// The built-in `sandbox` profile is chosen: logging in starts the local sandbox.
    pub fn is_sandbox(&self) -> bool {
        !self.new_profile && self.form.profile == crate::profile::SANDBOX
    }

    /// Starts "Try without an account" (also used by tests and by a file opened before login).
    pub fn start_sandbox(&mut self, ctx: &egui::Context, config: SandboxConfig, lang: Lang) {
        self.problem = None;
        self.busy = Some(Busy::Sandbox(Task::spawn(ctx, "sandbox", move |_| {
            try_sandbox(config, lang)
        })));
    }

    fn poll(&mut self, lang: Lang) -> Option<LoginAction> {
        let busy = self.busy.as_mut()?;
        let (ended, testing) = match busy {
            Busy::LogIn(t) | Busy::Sandbox(t) => (t.ended()?, false),
            Busy::Test(t) => (t.ended()?, true),
        };
        self.busy = None;
        let result = ended.unwrap_or_else(|broken| {
            Err(LoginProblem {
                title: tr(lang, "Logging in stopped", "Đăng nhập bị dừng").to_string(),
                advice: broken.message(tr(lang, "Logging in", "Việc đăng nhập"), lang),
                field: None,
            })
        });
        match result {
            Ok(session) if testing => {
                self.note = Some(match lang {
                    Lang::En => format!(
                        "Connection works: Pango accepted {} for this organisation.",
                        session.profile.username
                    ),
                    Lang::Vi => format!(
                        "Kết nối tốt: Pango chấp nhận {} cho tổ chức này.",
                        session.profile.username
                    ),
                });
                None
            }
            Ok(session) => Some(LoginAction::LoggedIn(Box::new(session))),
            Err(p) => {
                self.focus = p.field;
                self.problem = Some(p);
                None
            }
        }
    }
}

/// Draws the login step. `waiting_file` is a file given on the command line.
pub fn ui(
    ui: &mut egui::Ui,
    st: &mut LoginState,
    lang: Lang,
    dirs: &AppDirs,
    places: &KeyPlaces,
    sandbox: &SandboxConfig,
    waiting_file: Option<&str>,
) -> Option<LoginAction> {
    let action = st.poll(lang);
    if std::mem::take(&mut st.probe_needed) {
        let user = if st.form.use_app {
            format!("auth-app:{}", st.form.account)
        } else {
            st.form.username.clone()
        };
        let (profile, places) = (st.form.profile.clone(), places.clone());
        st.key_probe = Some(Task::spawn(ui.ctx(), "keychain", move |_| {
            places.saved_key(&profile, &user).is_some()
        }));
    }
    if let Some(found) = finished(&mut st.key_probe) {
        // A keychain that could not be asked holds no key we can use.
        st.has_saved_key = found.unwrap_or(false);
    }
    let enabled = !st.is_busy();
    widgets::centered_column(ui, 520.0, |ui| {
        ui.heading(tr(lang, "Log in to Pango", "Đăng nhập Pango"));
        ui.label(tr(
            lang,
            "Use your Pango API account. The API key is kept in this computer's keychain, never in a file.",
            "Dùng tài khoản API Pango của bạn. API key được giữ trong kho khóa của máy tính, không lưu vào tệp.",
        ));
        if let Some(name) = waiting_file {
            ui.add_space(4.0);
            widgets::info_box(
                ui,
                &format!("{}: {name}", tr(lang, "File waiting", "Tệp chờ")),
            );
        }
        ui.add_space(8.0);
        st.submit = false;
        ui.add_enabled_ui(enabled, |ui| form(ui, st, lang));
        // A field the form does not show now (a built-in profile's addresses) is not kept for later.
        st.focus = None;
        ui.add_space(8.0);
        let places = Places {
            dirs,
            keys: places,
            sandbox,
        };
        ui.horizontal(|ui| buttons(ui, st, lang, &places));
        if let Some(p) = &st.problem {
            ui.add_space(6.0);
            widgets::problem_box(ui, &p.title, &p.advice);
        }
        if let Some(n) = &st.note {
            ui.add_space(6.0);
            widgets::ok_box(ui, n);
        }
        ui.add_space(16.0);
        ui.separator();
        ui.add_space(8.0);
        ui.label(RichText::new(tr(lang, "No account yet?", "Chưa có tài khoản?")).strong());
        ui.label(tr(
            lang,
            "Practise the whole import on the local sandbox: a server inside this app, with sample files. Nothing goes to Pango. The profile “Local sandbox” above is the same.",
            "Thực hành toàn bộ quy trình với máy chủ thử trên máy này: chạy ngay trong ứng dụng, có sẵn tệp mẫu. Không có gì được gửi lên Pango. Hồ sơ “Máy chủ thử trên máy này” ở trên cũng chính là nó.",
        ));
        if ui
            .add_enabled(
                enabled,
                egui::Button::new(tr(
                    lang,
                    "Try without an account",
                    "Dùng thử không cần tài khoản",
                )),
            )
            .clicked()
        {
            st.start_sandbox(ui.ctx(), sandbox.clone(), lang);
        }
    });
    action
}

/// Where a login goes and keeps its key.
#[derive(Clone, Copy)]
struct Places<'a> {
    dirs: &'a AppDirs,
    keys: &'a KeyPlaces,
    sandbox: &'a SandboxConfig,
}

/// Log in, Test connection and the spinner. Log in runs on a click (Enter on the
/// focused button is one) or on Enter in a form field; with the sandbox profile it
/// starts the local sandbox, which needs no test.
fn buttons(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang, to: &Places<'_>) {
    let Places {
        dirs,
        keys: places,
        sandbox,
    } = *to;
    let enabled = !st.is_busy();
    let login = ui.add_enabled(
        enabled,
        egui::Button::new(RichText::new(tr(lang, "Log in", "Đăng nhập")).strong())
            .min_size(egui::vec2(120.0, 32.0)),
    );
    if enabled && (login.clicked() || st.submit) {
        st.problem = None;
        st.note = None;
        if st.is_sandbox() {
            st.start_sandbox(ui.ctx(), sandbox.clone(), lang);
        } else {
            let (form, dirs, places) = (st.form.clone(), dirs.clone(), places.clone());
            st.busy = Some(Busy::LogIn(Task::spawn(ui.ctx(), "login", move |_| {
                log_in(form, dirs, places, lang)
            })));
        }
    }
    if !st.is_sandbox()
        && ui
            .add_enabled(
                enabled,
                egui::Button::new(tr(lang, "Test connection", "Kiểm tra kết nối")),
            )
            .clicked()
    {
        st.problem = None;
        st.note = None;
        let form = LoginForm {
            remember: false,
            ..st.form.clone()
        };
        let (dirs, places) = (dirs.clone(), places.clone());
        st.busy = Some(Busy::Test(Task::spawn(ui.ctx(), "test-login", move |_| {
            log_in(form, dirs, places, lang)
        })));
    }
    if st.is_busy() {
        ui.spinner();
        ui.label(tr(lang, "Connecting…", "Đang kết nối…"));
    }
}
