//! The login form's rows: profile, addresses of a new profile, username, the masked
//! API key (or the auth-app fields), organisation key, "Remember". Enter in one of its
//! text fields submits the login; a failed login puts the focus back in the field
//! to fix.

use eframe::egui::{self, TextEdit};

use crate::i18n::Lang;
use crate::profile::SANDBOX;
use crate::secret::Secret;

use super::login::LoginState;
use super::login_field::LoginField;
use super::session::LoginForm;
use super::text::tr;

/// The name a profile is shown by. The built-in `sandbox` profile is, in the app, the
/// practice server "Try without an account" starts (the command line's `--profile
/// sandbox` reaches `pango-importer-cli sandbox` on 127.0.0.1:8787 instead).
pub fn profile_label(name: &str, lang: Lang) -> String {
    if name == SANDBOX {
        tr(
            lang,
            "Local sandbox (sample data, nothing sent to Pango)",
            "Máy chủ thử trên máy này (dữ liệu mẫu, không gửi gì lên Pango)",
        )
        .to_string()
    } else {
        name.to_string()
    }
}

/// The short name a profile goes by outside the login form (top bar, upload screen,
/// History, Settings): the built-in `sandbox` is "Local sandbox" there too.
pub fn profile_short(name: &str, lang: Lang) -> String {
    if name == SANDBOX {
        tr(lang, "Local sandbox", "Máy chủ thử").to_string()
    } else {
        name.to_string()
    }
}

/// The text a field of the form edits (the secret is drawn by [`secret_row`]).
fn text_of(form: &mut LoginForm, which: LoginField) -> &mut String {
    match which {
        LoginField::ProfileName => &mut form.profile,
        LoginField::AuthUrl => &mut form.auth_url,
        LoginField::IngestUrl => &mut form.ingest_url,
        LoginField::Username | LoginField::Secret => &mut form.username,
        LoginField::CdpGKey => &mut form.cdp_gkey,
        LoginField::OrgId => &mut form.org_id,
        LoginField::AppId => &mut form.app_id,
        LoginField::Account => &mut form.account,
    }
}

/// Gives `r` the focus when a failed login pointed at `which`, and notes Enter pressed
/// in it (a single-line field gives up its focus on Enter).
fn watch(ui: &egui::Ui, st: &mut LoginState, which: LoginField, r: &egui::Response) {
    if st.focus == Some(which) {
        r.request_focus();
        st.focus = None;
    }
    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        st.submit = true;
    }
}

/// A labelled one-line text field of the form.
fn text_row(ui: &mut egui::Ui, st: &mut LoginState, label: &str, which: LoginField, hint: &str) {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(text_of(&mut st.form, which))
                .desired_width(300.0)
                .hint_text(hint),
        )
        .labelled_by(l.id);
    watch(ui, st, which, &r);
    ui.end_row();
}

pub fn form(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    egui::Grid::new("login-form")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            profile_row(ui, st, lang);
            if st.new_profile {
                let rows = [
                    (tr(lang, "Profile name", "Tên hồ sơ"), LoginField::ProfileName, "brand-x"),
                    (tr(lang, "Login address", "Địa chỉ đăng nhập"), LoginField::AuthUrl, ""),
                    (tr(lang, "Ingest address", "Địa chỉ nhận dữ liệu"), LoginField::IngestUrl, ""),
                ];
                for (label, which, hint) in rows {
                    text_row(ui, st, label, which, hint);
                }
            }
            if st.is_sandbox() {
                ui.label("");
                ui.label(tr(
                    lang,
                    "A practice server inside this app, with sample files and a demo account: no key needed, nothing is sent to Pango.",
                    "Máy chủ thử chạy ngay trong ứng dụng, có tệp mẫu và tài khoản demo: không cần key, không gửi gì lên Pango.",
                ));
                ui.end_row();
                return;
            }
            app_choice_row(ui, st, lang);
            if st.form.use_app {
                app_rows(ui, st, lang);
                return;
            }
            text_row(ui, st, tr(lang, "Username", "Tên đăng nhập"), LoginField::Username, "");
            secret_row(ui, st, lang, "API key");
            let label = tr(lang, "Organisation key (cdpGKey)", "Mã tổ chức (cdpGKey)");
            text_row(ui, st, label, LoginField::CdpGKey, "");
            remember_row(ui, st, lang);
        });
}

fn profile_row(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    let l = ui.label(tr(lang, "Profile", "Hồ sơ"));
    let mut chosen: Option<String> = None;
    let mut add_new = false;
    let shown = if st.new_profile {
        tr(lang, "New profile", "Hồ sơ mới").to_string()
    } else {
        profile_label(&st.form.profile, lang)
    };
    egui::ComboBox::from_id_salt("profile")
        .selected_text(shown)
        .width(300.0)
        .show_ui(ui, |ui| {
            for p in &st.profiles {
                let label = profile_label(&p.name, lang);
                if ui
                    .selectable_label(p.name == st.form.profile, label)
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
}

/// A checkbox in the form's second column.
fn checkbox_row(ui: &mut egui::Ui, value: &mut bool, text: &str) -> egui::Response {
    ui.label("");
    let r = ui.checkbox(value, text);
    ui.end_row();
    r
}

fn app_choice_row(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    let text = tr(
        lang,
        "auth-app login (observed, not documented)",
        "Đăng nhập auth-app (quan sát được, chưa có tài liệu)",
    );
    checkbox_row(ui, &mut st.form.use_app, text).on_hover_text(tr(
        lang,
        "Log in with an app's orgId, appId, account and refresh token. This login is seen in public code that calls Pango, not in Pango's documentation: it may change.",
        "Đăng nhập bằng orgId, appId, tài khoản và refresh token của ứng dụng. Cách này thấy trong mã nguồn công khai gọi Pango, không có trong tài liệu của Pango: có thể thay đổi.",
    ));
}

fn remember_row(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    let text = tr(
        lang,
        "Remember the key on this computer",
        "Ghi nhớ key trên máy này",
    );
    checkbox_row(ui, &mut st.form.remember, text);
}

/// The auth-app login's fields: orgId, appId, account and the refresh token (masked,
/// kept in the keychain like an API key).
fn app_rows(ui: &mut egui::Ui, st: &mut LoginState, lang: Lang) {
    let rows = [
        (
            tr(lang, "Organisation ID (orgId)", "Mã tổ chức (orgId)"),
            LoginField::OrgId,
        ),
        (
            tr(lang, "App ID (appId)", "Mã ứng dụng (appId)"),
            LoginField::AppId,
        ),
        (tr(lang, "Account", "Tài khoản"), LoginField::Account),
    ];
    for (label, which) in rows {
        text_row(ui, st, label, which, "");
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
    watch(ui, st, LoginField::Secret, &r);
    ui.end_row();
}
