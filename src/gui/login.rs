//! Step 1, Log in: profile, username, API key (masked), organisation key, "Remember",
//! "Test connection", and "Try without an account" (the built-in sandbox).

use eframe::egui::{self, RichText, TextEdit};

use crate::i18n::Lang;
use crate::profile::{AppDirs, Profile, Settings};
use crate::sandbox::SandboxConfig;
use crate::secret::Secret;

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
    profiles: Vec<Profile>,
    /// A key is kept for the chosen profile and user (the field may stay empty).
    has_saved_key: bool,
    /// Looking in the keychain happens off the UI thread (the OS may ask to unlock it).
    key_probe: Option<Task<bool>>,
    probe_needed: bool,
    new_profile: bool,
    busy: Option<Busy>,
    pub problem: Option<LoginProblem>,
    pub note: Option<String>,
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
        };
        st.choose_profile(&chosen);
        st
    }

    fn choose_profile(&mut self, name: &str) {
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
        ui.add_enabled_ui(enabled, |ui| form(ui, st, lang));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let login = ui.add_enabled(
                enabled,
                egui::Button::new(RichText::new(tr(lang, "Log in", "Đăng nhập")).strong())
                    .min_size(egui::vec2(120.0, 32.0)),
            );
            if login.clicked()
                || (enabled
                    && ui.input(|i| i.key_pressed(egui::Key::Enter))
                    && (!st.form.username.is_empty() || st.form.use_app))
            {
                st.problem = None;
                st.note = None;
                let (form, dirs, places) = (st.form.clone(), dirs.clone(), places.clone());
                st.busy = Some(Busy::LogIn(Task::spawn(ui.ctx(), "login", move |_| {
                    log_in(form, dirs, places, lang)
                })));
            }
            if ui
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
        });
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
            "Practise the whole import on a server inside this app, with sample files. Nothing goes to Pango.",
            "Thực hành toàn bộ quy trình trên máy chủ thử ngay trong ứng dụng, với tệp mẫu. Không có gì được gửi lên Pango.",
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

fn form(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    egui::Grid::new("login-form")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let l = ui.label(tr(lang, "Profile", "Hồ sơ"));
            let mut chosen: Option<String> = None;
            let mut add_new = false;
            let shown = if st.new_profile {
                tr(lang, "New profile", "Hồ sơ mới").to_string()
            } else {
                st.form.profile.clone()
            };
            egui::ComboBox::from_id_salt("profile")
                .selected_text(shown)
                .width(300.0)
                .show_ui(ui, |ui| {
                    for p in &st.profiles {
                        if ui
                            .selectable_label(p.name == st.form.profile, &p.name)
                            .clicked()
                        {
                            chosen = Some(p.name.clone());
                        }
                    }
                    if ui
                        .selectable_label(st.new_profile, tr(lang, "New profile…", "Hồ sơ mới…"))
                        .clicked()
                    {
                        add_new = true;
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            if let Some(name) = chosen {
                st.choose_profile(&name);
            }
            if add_new {
                st.new_profile = true;
                st.form.profile.clear();
                st.form.username.clear();
                st.form.cdp_gkey.clear();
                st.form.api_key = Secret::default();
                st.has_saved_key = false;
            }
            if st.new_profile {
                let l = ui.label(tr(lang, "Profile name", "Tên hồ sơ"));
                ui.add(
                    TextEdit::singleline(&mut st.form.profile)
                        .desired_width(300.0)
                        .hint_text("brand-x"),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(tr(lang, "Login address", "Địa chỉ đăng nhập"));
                ui.add(TextEdit::singleline(&mut st.form.auth_url).desired_width(300.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(tr(lang, "Ingest address", "Địa chỉ nhận dữ liệu"));
                ui.add(TextEdit::singleline(&mut st.form.ingest_url).desired_width(300.0))
                    .labelled_by(l.id);
                ui.end_row();
            }
            ui.label("");
            ui.checkbox(
                &mut st.form.use_app,
                tr(
                    lang,
                    "auth-app login (observed, not documented)",
                    "Đăng nhập auth-app (quan sát được, chưa có tài liệu)",
                ),
            )
            .on_hover_text(tr(
                lang,
                "Log in with an app's orgId, appId, account and refresh token. This login is seen in public code that calls Pango, not in Pango's documentation: it may change.",
                "Đăng nhập bằng orgId, appId, tài khoản và refresh token của ứng dụng. Cách này thấy trong mã nguồn công khai gọi Pango, không có trong tài liệu của Pango: có thể thay đổi.",
            ));
            ui.end_row();
            if st.form.use_app {
                app_rows(ui, st, lang);
                return;
            }
            let l = ui.label(tr(lang, "Username", "Tên đăng nhập"));
            ui.add(TextEdit::singleline(&mut st.form.username).desired_width(300.0))
                .labelled_by(l.id);
            ui.end_row();
            secret_row(ui, st, lang, "API key");
            let l = ui.label(tr(
                lang,
                "Organisation key (cdpGKey)",
                "Mã tổ chức (cdpGKey)",
            ));
            ui.add(TextEdit::singleline(&mut st.form.cdp_gkey).desired_width(300.0))
                .labelled_by(l.id);
            ui.end_row();
            remember_row(ui, st, lang);
        });
}

fn remember_row(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    ui.label("");
    ui.checkbox(
        &mut st.form.remember,
        tr(
            lang,
            "Remember the key on this computer",
            "Ghi nhớ key trên máy này",
        ),
    );
    ui.end_row();
}

/// The auth-app login's fields: orgId, appId, account and the refresh token (masked,
/// kept in the keychain like an API key).
fn app_rows(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    for (label, value) in [
        (
            tr(lang, "Organisation ID (orgId)", "Mã tổ chức (orgId)"),
            &mut st.form.org_id,
        ),
        (
            tr(lang, "App ID (appId)", "Mã ứng dụng (appId)"),
            &mut st.form.app_id,
        ),
        (tr(lang, "Account", "Tài khoản"), &mut st.form.account),
    ] {
        let l = ui.label(label);
        ui.add(TextEdit::singleline(value).desired_width(300.0))
            .labelled_by(l.id);
        ui.end_row();
    }
    secret_row(ui, st, lang, "Refresh token");
    remember_row(ui, st, lang);
}

/// The masked secret of the form (the API key, or an auth-app refresh token), with a hint
/// when one is saved in the keychain.
fn secret_row(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang, label: &str) {
    let l = ui.label(label);
    let mut secret = st.form.api_key.expose().to_string();
    let hint = if st.has_saved_key {
        tr(
            lang,
            "•••• saved in the keychain",
            "•••• đã lưu trong kho khóa",
        )
    } else {
        ""
    };
    let r = ui
        .add(
            TextEdit::singleline(&mut secret)
                .password(true)
                .desired_width(300.0)
                .hint_text(hint),
        )
        .labelled_by(l.id);
    if r.changed() {
        st.form.api_key = Secret::new(secret);
    }
    ui.end_row();
}
