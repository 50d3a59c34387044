//! Settings: language, light/dark, saved profiles and their keys, where data is
//! kept, and About (version, build date, licences).

use eframe::egui::{self, RichText};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::keychain::KeyStore;
use crate::profile::{AppDirs, Profile, Settings};

use super::login_form;
use super::session::KeyPlaces;
use super::task::{Task, finished};
use super::text::tr;
use super::{open, widgets};

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// What the Settings page asks the app to do.
#[must_use]
pub enum SettingsAction {
    Language(Lang),
    Theme(ThemeChoice),
    /// Remove the key of (profile, user) from the keychain.
    ForgetKey {
        profile: String,
        user: String,
    },
    /// Remove a profile from settings.json.
    RemoveProfile(String),
}

#[derive(Default)]
pub struct SettingsState {
    profiles: Option<Vec<Profile>>,
    /// Reading settings.json for the list of profiles.
    loading: Option<Task<Vec<Profile>>>,
    /// A change under way (keychain or settings.json); what to tell the user after.
    changing: Option<Task<String>>,
    note: Option<String>,
}

impl SettingsState {
    /// Removes the saved key of (`profile`, `user`) in the background.
    pub fn forget_key(
        &mut self,
        ctx: &egui::Context,
        places: &KeyPlaces,
        lang: Lang,
        profile: String,
        user: String,
    ) {
        let places = places.clone();
        self.changing = Some(Task::spawn(ctx, "keychain", move |_| {
            let _ = places.session_keys.delete(&profile, &user);
            match places.keys.delete(&profile, &user) {
                Ok(()) => tr(lang, "The saved key was removed.", "Đã xoá key đã lưu.").to_string(),
                Err(e) => e.to_string(),
            }
        }));
    }

    /// Removes profile `name` from settings.json in the background.
    pub fn remove_profile(
        &mut self,
        ctx: &egui::Context,
        dirs: &AppDirs,
        lang: Lang,
        name: String,
    ) {
        let dirs = dirs.clone();
        self.changing = Some(Task::spawn(ctx, "settings", move |_| {
            let mut s = Settings::load(&dirs).unwrap_or_default();
            s.remove(&name);
            match s.save(&dirs) {
                Ok(()) => tr(lang, "The profile was removed.", "Đã xoá hồ sơ.").to_string(),
                Err(e) => e.to_string(),
            }
        }));
    }

    /// Takes in what background work brought; starts reading the profiles when needed.
    fn poll(&mut self, ctx: &egui::Context, dirs: &AppDirs, lang: Lang) {
        if let Some(ended) = finished(&mut self.changing) {
            let what = tr(lang, "The change", "Thay đổi");
            self.note = Some(ended.unwrap_or_else(|b| b.message(what, lang)));
            self.profiles = None;
        }
        match finished(&mut self.loading) {
            Some(Ok(list)) => self.profiles = Some(list),
            Some(Err(b)) => {
                let what = tr(lang, "Reading the profiles", "Việc đọc hồ sơ");
                self.note = Some(b.message(what, lang));
                self.profiles = Some(Vec::new());
            }
            None => {}
        }
        if self.profiles.is_none() && self.loading.is_none() && self.changing.is_none() {
            let dirs = dirs.clone();
            self.loading = Some(Task::spawn(ctx, "settings", move |_| {
                Settings::load(&dirs).unwrap_or_default().all_profiles()
            }));
        }
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    st: &mut SettingsState,
    lang: Lang,
    theme: ThemeChoice,
    dirs: &AppDirs,
) -> Option<SettingsAction> {
    let mut action = None;
    ui.heading(tr(lang, "Settings", "Cài đặt"));
    ui.add_space(8.0);
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            let l = ui.label(tr(lang, "Language", "Ngôn ngữ"));
            ui.horizontal(|ui| {
                if ui
                    .selectable_label(lang == Lang::En, "English")
                    .labelled_by(l.id)
                    .clicked()
                {
                    action = Some(SettingsAction::Language(Lang::En));
                }
                if ui
                    .selectable_label(lang == Lang::Vi, "Tiếng Việt")
                    .clicked()
                {
                    action = Some(SettingsAction::Language(Lang::Vi));
                }
            });
            ui.end_row();
            ui.label(tr(lang, "Appearance", "Giao diện"));
            ui.horizontal(|ui| {
                for (t, en, vi) in [
                    (ThemeChoice::System, "Follow the system", "Theo hệ thống"),
                    (ThemeChoice::Light, "Light", "Sáng"),
                    (ThemeChoice::Dark, "Dark", "Tối"),
                ] {
                    if ui.selectable_label(theme == t, tr(lang, en, vi)).clicked() {
                        action = Some(SettingsAction::Theme(t));
                    }
                }
            });
            ui.end_row();
            ui.label(tr(lang, "Data folder", "Thư mục dữ liệu"));
            ui.horizontal(|ui| {
                let dir = dirs
                    .history_file()
                    .parent()
                    .map(|p| p.to_path_buf())
                    .unwrap_or_default();
                ui.label(RichText::new(dir.display().to_string()).monospace());
                if ui.button(tr(lang, "Open", "Mở")).clicked() {
                    open::in_default_app(ui.ctx(), &dir);
                }
            });
            ui.end_row();
        });
    ui.add_space(12.0);
    ui.label(RichText::new(tr(lang, "Profiles", "Hồ sơ kết nối")).strong());
    st.poll(ui.ctx(), dirs, lang);
    if st.loading.is_some() || st.changing.is_some() {
        ui.spinner();
    }
    egui::Grid::new("profiles")
        .num_columns(4)
        .spacing([14.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for p in st.profiles.as_deref().unwrap_or_default() {
                ui.label(RichText::new(login_form::profile_short(&p.name, lang)).strong());
                ui.label(&p.username);
                // The Local sandbox runs inside the app (its port is chosen when it starts);
                // the address kept in the profile is the command line's sandbox.
                let place = if p.name == crate::profile::SANDBOX {
                    tr(
                        lang,
                        "inside this app · nothing is sent to Pango",
                        "chạy ngay trong ứng dụng · không gửi gì lên Pango",
                    )
                    .to_string()
                } else {
                    p.auth_url.clone()
                };
                ui.label(RichText::new(place).weak());
                ui.horizontal(|ui| {
                    if !p.username.is_empty()
                        && ui
                            .button(tr(lang, "Forget saved key", "Xoá key đã lưu"))
                            .on_hover_text(tr(
                                lang,
                                "Removes this profile's API key from the keychain.",
                                "Xoá API key của hồ sơ này khỏi kho khóa.",
                            ))
                            .clicked()
                    {
                        action = Some(SettingsAction::ForgetKey {
                            profile: p.name.clone(),
                            user: p.username.clone(),
                        });
                    }
                    let builtin = Profile::builtins().iter().any(|b| b.name == p.name);
                    if !builtin && ui.button(tr(lang, "Remove profile", "Xoá hồ sơ")).clicked()
                    {
                        action = Some(SettingsAction::RemoveProfile(p.name.clone()));
                    }
                });
                ui.end_row();
            }
        });
    if let Some(n) = &st.note {
        widgets::info_box(ui, n);
    }
    ui.add_space(16.0);
    ui.label(RichText::new(tr(lang, "About", "Giới thiệu")).strong());
    ui.label(format!("Pango Importer {}", crate::VERSION_LINE));
    ui.label(tr(
        lang,
        "Text is drawn with Noto Sans (SIL Open Font License 1.1), shipped with the app.",
        "Chữ được hiển thị bằng phông Noto Sans (giấy phép SIL Open Font License 1.1), đi kèm ứng dụng.",
    ));
    action
}
