//! Saved mappings ("templates"): the line that says which one was applied and which
//! columns changed since, "Load template", and "Save template" (written on a
//! background thread).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::mapping::{self, Mapping};

use super::MapState;
use super::notice::Notice;
use super::state::{Action, pick};

/// The template in use and how the file differs from it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Applied {
    pub name: String,
    /// Headers in this file the template did not have.
    pub added: Vec<String>,
    /// Headers the template had that this file lacks.
    pub removed: Vec<String>,
    /// Applied by itself because the headers fit (not picked by the user).
    pub automatic: bool,
}

type SaveResult = Result<Vec<(String, PathBuf, Mapping)>, String>;

pub(super) struct Templates {
    dir: PathBuf,
    /// Every readable template (name, path, mapping), by name.
    pub list: Vec<(String, PathBuf, Mapping)>,
    pub applied: Option<Applied>,
    pub name_draft: String,
    saving: Option<(String, Receiver<SaveResult>)>,
}

/// Headers added and removed between a template and this file (accents, case and
/// spacing aside).
pub(super) fn header_changes(tpl: &Mapping, headers: &[String]) -> (Vec<String>, Vec<String>) {
    mapping::header_changes(&tpl.headers, headers)
}

impl Templates {
    pub fn new(dir: PathBuf, default_name: String) -> Self {
        let list = mapping::list_templates(&dir);
        Self {
            dir,
            list,
            applied: None,
            name_draft: default_name,
            saving: None,
        }
    }

    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Writes `m` as template `name_draft` on a background thread.
    pub fn save(&mut self, m: Mapping) {
        let name = self.name_draft.trim().to_string();
        if name.is_empty() || self.saving.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let dir = self.dir.clone();
        let thread_name = name.clone();
        std::thread::spawn(move || {
            let result = mapping::save_template(&dir, &thread_name, &m)
                .map(|_| mapping::list_templates(&dir))
                .map_err(|e| e.to_string());
            let _ = tx.send(result);
        });
        self.saving = Some((name, rx));
    }

    /// The save's outcome, once it is there.
    pub fn poll(&mut self) -> Option<Notice> {
        let (name, rx) = self.saving.as_ref()?;
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err("the save stopped unexpectedly".to_string()),
        };
        let name = name.clone();
        self.saving = None;
        Some(match result {
            Ok(list) => {
                self.list = list;
                // The list names templates by file stem.
                let stem = mapping::file_name_for(&name);
                let stem = stem.trim_end_matches(".json").to_string();
                Notice::TemplateSaved { name: stem }
            }
            Err(error) => Notice::TemplateFailed { name, error },
        })
    }
}

fn names(lang: Lang, n: usize, one_en: &str, many_en: &str, vi: &str, list: &[String]) -> String {
    let joined = list.join(", ");
    pick(
        lang,
        format!("{n} {}: {joined}", if n == 1 { one_en } else { many_en }),
        format!("{n} {vi}: {joined}"),
    )
}

/// The "Template '…' applied — 1 new column: Zalo; 1 column gone: Fax" line.
pub(super) fn applied_text(a: &Applied, lang: Lang) -> String {
    let mut parts = vec![pick(
        lang,
        format!("Template “{}” applied", a.name),
        format!("Đã áp dụng mẫu “{}”", a.name),
    )];
    let mut changes = Vec::new();
    if !a.added.is_empty() {
        changes.push(names(
            lang,
            a.added.len(),
            "new column",
            "new columns",
            "cột mới",
            &a.added,
        ));
    }
    if !a.removed.is_empty() {
        changes.push(names(
            lang,
            a.removed.len(),
            "column gone",
            "columns gone",
            "cột không còn",
            &a.removed,
        ));
    }
    if changes.is_empty() {
        parts.push(
            tr(
                lang,
                "the file has the same columns",
                "tệp có đúng các cột như mẫu",
            )
            .to_string(),
        );
    } else {
        parts.push(changes.join("; "));
    }
    parts.join(" — ")
}

pub(super) fn ui(ui: &mut egui::Ui, st: &mut MapState, lang: Lang, actions: &mut Vec<Action>) {
    if let Some(a) = &st.templates.applied {
        let changed = !a.added.is_empty() || !a.removed.is_empty();
        let text = egui::RichText::new(applied_text(a, lang)).strong();
        let text = if changed {
            text.color(ui.visuals().warn_fg_color)
        } else {
            text
        };
        ui.label(text);
        if a.automatic {
            ui.label(
                egui::RichText::new(tr(
                    lang,
                    "Applied by itself: this file's columns fit a saved template.",
                    "Tự áp dụng: các cột của tệp khớp với một mẫu đã lưu.",
                ))
                .small()
                .weak(),
            );
        }
        if changed {
            ui.label(
                egui::RichText::new(tr(
                    lang,
                    "New columns are marked “new” below: check their fields. Fields of columns that are gone are no longer filled.",
                    "Các cột mới được đánh dấu “mới” bên dưới: hãy kiểm tra trường của chúng. Trường của cột không còn sẽ không được điền.",
                ))
                .small()
                .weak(),
            );
        }
    }
    ui.horizontal_wrapped(|ui| {
        let t = &mut st.templates;
        if !t.list.is_empty() {
            let current = t.applied.as_ref().map(|a| a.name.clone());
            egui::ComboBox::new("map-load-template", tr(lang, "Load template", "Dùng mẫu"))
                .selected_text(
                    current
                        .clone()
                        .unwrap_or_else(|| tr(lang, "Choose…", "Chọn…").to_string()),
                )
                .show_ui(ui, |ui| {
                    for (i, (name, _, m)) in t.list.iter().enumerate() {
                        let obj = super::state::object_for(Some(&m.object_type));
                        let text = format!("{name} · {}", obj.label.get(lang));
                        if ui
                            .selectable_label(current.as_deref() == Some(name), text)
                            .clicked()
                        {
                            actions.push(Action::LoadTemplate(i));
                        }
                    }
                });
            ui.separator();
        }
        let label = ui.label(tr(lang, "Template name", "Tên mẫu"));
        ui.add(
            egui::TextEdit::singleline(&mut t.name_draft)
                .desired_width(200.0)
                .hint_text(tr(lang, "e.g. Customers monthly", "ví dụ Khách hàng hằng tháng")),
        )
        .labelled_by(label.id);
        let can_save = !t.name_draft.trim().is_empty() && !t.is_saving();
        let button = ui
            .add_enabled(
                can_save,
                egui::Button::new(tr(lang, "Save template", "Lưu mẫu")),
            )
            .on_hover_text(tr(
                lang,
                "Remember this mapping: a file with the same columns will be mapped the same way next time.",
                "Ghi nhớ cách ghép cột này: lần sau, tệp có cùng các cột sẽ được ghép y như vậy.",
            ));
        if button.clicked() {
            actions.push(Action::SaveTemplate);
        }
        if t.is_saving() {
            ui.spinner();
            ui.label(tr(lang, "Saving…", "Đang lưu…"));
        } else {
            let stem = mapping::file_name_for(t.name_draft.trim());
            let stem = stem.trim_end_matches(".json");
            if !t.name_draft.trim().is_empty() && t.list.iter().any(|(n, _, _)| n == stem) {
                ui.label(
                    egui::RichText::new(tr(
                        lang,
                        "(replaces the template with this name)",
                        "(sẽ thay mẫu cùng tên)",
                    ))
                    .small()
                    .weak(),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_changes_ignore_accents_and_case() {
        let mut tpl = Mapping::new("customer-identity");
        tpl.headers = vec!["Họ và tên".into(), "SĐT".into(), "Fax".into()];
        let headers = vec!["ho va ten".to_string(), "sđt ".into(), "Zalo".into()];
        let (added, removed) = header_changes(&tpl, &headers);
        assert_eq!(added, vec!["Zalo".to_string()]);
        assert_eq!(removed, vec!["Fax".to_string()]);
    }

    #[test]
    fn applied_line_names_changed_columns_in_both_languages() {
        let a = Applied {
            name: "khach-hang".into(),
            added: vec!["Zalo".into()],
            removed: vec!["Fax".into(), "Telex".into()],
            automatic: true,
        };
        assert_eq!(
            applied_text(&a, Lang::En),
            "Template “khach-hang” applied — 1 new column: Zalo; 2 columns gone: Fax, Telex"
        );
        assert_eq!(
            applied_text(&a, Lang::Vi),
            "Đã áp dụng mẫu “khach-hang” — 1 cột mới: Zalo; 2 cột không còn: Fax, Telex"
        );
    }
}
