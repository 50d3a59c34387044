//! The Map step: which file column feeds which Pango field. One row per column
//! (header, sample values, a searchable field picker, the auto-match confidence,
//! "ignore", per-column options); a side panel with the required-field checklist,
//! fixed values (constants) and custom fields; a template line on top (a saved
//! mapping whose headers fit is applied by itself, and changed columns are named).
//!
//! Drawing code returns [`Action`]s; [`MapState::apply`] (in `state.rs`) is the one
//! place the mapping changes.

mod columns;
mod constants;
mod custom;
mod fit;
mod notice;
mod objects;
mod options;
mod picker;
mod required;
mod state;
mod templates;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use eframe::egui;

use crate::i18n::Lang;
use crate::mapping::{CustomField, Mapping};
use crate::schema::ObjectType;

use fit::FitHint;
use notice::Notice;
use state::{Action, Column, ConstantDraft, CustomDraft};
pub use templates::TemplateFolder;
use templates::Templates;

/// What the Map step starts from.
#[derive(Clone, Debug)]
pub struct MapInput {
    /// For template names and messages.
    pub file_name: String,
    /// `table.headers()`.
    pub headers: Vec<String>,
    /// Per column, up to 5 non-empty sample values.
    pub samples: Vec<Vec<String>>,
    /// `AppDirs::templates()`.
    pub templates_dir: PathBuf,
}

/// The Map step's state: the mapping being built and the screen's drafts.
pub struct MapState {
    file_name: String,
    headers: Vec<String>,
    object: &'static ObjectType,
    columns: Vec<Column>,
    constants: BTreeMap<String, String>,
    custom_fields: Vec<CustomField>,
    /// Carries what this screen does not edit (import options, `ignored_update_cfs` …).
    base: Mapping,
    templates: Templates,
    notice: Option<Notice>,
    /// How the chosen object type fits the file's columns.
    fit: FitHint,
    custom_draft: CustomDraft,
    constant_draft: ConstantDraft,
}

impl MapState {
    /// Starts the screen, reading the template folder here (blocking: tools and tests;
    /// the app reads it in the background and calls [`MapState::with_folder`]).
    pub fn new(input: MapInput, object_type: Option<&str>) -> Self {
        let folder = TemplateFolder::read(&input.templates_dir, &input.headers);
        Self::with_folder(input, object_type, folder)
    }

    /// Starts the screen: a saved template whose header set fits is applied (and the
    /// columns added or removed since are remembered, to point them out); otherwise the
    /// columns are auto-matched for `object_type` (the remembered type) while it fits
    /// the columns about as well as any other, else for the type they fit best.
    pub fn with_folder(input: MapInput, object_type: Option<&str>, folder: TemplateFolder) -> Self {
        let (object, chosen) = match folder.found {
            Some(_) => (state::object_for(object_type), None),
            None => fit::starting_object(object_type, &input.headers),
        };
        let mut st = Self::blank(input, object, folder.list);
        match folder.found {
            Some(m) => st.apply_template(&m.name, &m.mapping, m.added, m.removed, true),
            None => st.auto_match_all(),
        }
        // `blank` found no better type for it: a type chosen from the columns fits best.
        st.fit.chosen = chosen;
        st
    }

    /// Restores a mapping the user had (going back from Check, or a resumed upload),
    /// reading the template folder here (blocking: tools and tests).
    pub fn with_mapping(input: MapInput, mapping: Mapping) -> Self {
        let folder = TemplateFolder::read(&input.templates_dir, &input.headers);
        Self::restored(input, mapping, folder)
    }

    /// Restores a mapping the user had, with the template folder already read.
    pub fn restored(input: MapInput, mapping: Mapping, folder: TemplateFolder) -> Self {
        let object = state::object_for(Some(&mapping.object_type));
        let mut st = Self::blank(input, object, folder.list);
        st.load_mapping(&mapping, state::Origin::Restored);
        st
    }

    /// The mapping as the user built it (`headers` set to the file's header set).
    pub fn mapping(&self) -> Mapping {
        self.build_mapping()
    }

    /// Why "Next" cannot be pressed yet, in the user's language, or `None` when the
    /// mapping resolves and every required field and rule is covered.
    pub fn blocker(&self, lang: Lang) -> Option<String> {
        self.blocker_text(lang)
    }

    /// Polls background work (the template save); call each frame.
    pub fn poll(&mut self, lang: Lang) {
        if let Some(notice) = self.templates.poll(lang) {
            self.notice = Some(notice);
        }
    }

    /// The object type being mapped (its `objectType` value, e.g. `customer-identity`).
    pub fn object_type(&self) -> &'static str {
        self.object.name
    }

    /// Whether a template save is still being written.
    pub fn is_saving(&self) -> bool {
        self.templates.is_saving()
    }
}

/// Draws the Map step into `ui` (Back/Next belong to the shell).
pub fn ui(ui: &mut egui::Ui, st: &mut MapState, lang: Lang) {
    st.templates.ctx = ui.ctx().clone();
    st.poll(lang);
    let mut actions: Vec<Action> = Vec::new();
    egui::Panel::top("map-top").show(ui, |ui| {
        ui.add_space(4.0);
        objects::ui(ui, st, lang, &mut actions);
        fit::ui(ui, st, lang, &mut actions);
        ui.add_space(2.0);
        templates::ui(ui, st, lang, &mut actions);
        notice::ui(ui, st, lang, &mut actions);
        ui.add_space(4.0);
    });
    egui::Panel::right("map-side")
        .resizable(true)
        .default_size(310.0)
        .min_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("map-side-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    required::ui(ui, st, lang);
                    ui.separator();
                    constants::ui(ui, st, lang, &mut actions);
                    ui.separator();
                    custom::ui(ui, st, lang, &mut actions);
                    ui.separator();
                    options::import_ui(ui, st, lang, &mut actions);
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        columns::ui(ui, st, lang, &mut actions);
    });
    for action in actions {
        st.apply(action);
    }
    if st.templates.is_saving() {
        ui.ctx().request_repaint_after(Duration::from_millis(30));
    }
}
