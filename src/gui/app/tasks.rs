//! Background work the app itself owns: validation for Check and reading the template
//! folder for Map. Each task lives in the state it feeds and is dropped with it (a new
//! file drops them), so a stale result cannot arrive. Their ends become actions; work
//! that breaks becomes a [`Trouble`] with "Try again" and "Back".

use std::sync::Arc;

use eframe::egui;

use crate::mapping::{Mapping, resolve};
use crate::source::{Table, TableView};
use crate::upload::pending::PendingUpload;
use crate::validate::{Validation, validate};

use super::super::map::{MapInput, MapState, TemplateFolder};
use super::super::task::{Broken, Task, finished};
use super::super::text::tr;
use super::App;
use super::actions::Action;

/// What a validation run returns: the table it checked (shared with the file step),
/// the mapping, and the outcome.
pub struct Validated {
    pub table: Arc<Table>,
    pub mapping: Mapping,
    pub result: Result<Validation, String>,
}

/// How the Map step starts once the template folder is read.
#[derive(Clone, Debug)]
pub enum MapStart {
    /// A template that fits, or auto-matching for this object type.
    Fresh(Option<String>),
    /// The mapping of an interrupted upload.
    Restore(Box<Mapping>),
}

/// Reading the template folder for the Map step.
pub struct MapLoading {
    task: Task<TemplateFolder>,
    input: MapInput,
    start: MapStart,
}

/// The app's own background work.
#[derive(Default)]
pub struct AppWork {
    /// Validation for Check, with the mapping it checks (for "Try again").
    pub validating: Option<(Task<Validated>, Mapping)>,
    pub map_loading: Option<MapLoading>,
    /// Removing the record of a discarded interrupted upload.
    pub discarding: Option<Task<()>>,
    /// Reading the record of an upload left unfinished last time (at start).
    pub looking_for_pending: Option<Task<Option<PendingUpload>>>,
}

/// Background work that broke, what the user reads, and what "Try again" starts.
pub struct Trouble {
    pub message: String,
    pub retry: Retry,
}

/// What "Try again" starts again.
#[derive(Clone, Debug)]
pub enum Retry {
    Validation(Box<Mapping>),
    MapTemplates(MapStart),
}

impl App {
    /// Map → Check: resolve the mapping and validate every row in the background. The
    /// table is the file step's own (shared, not copied); the edits are the ones Check
    /// already holds for this file (so they are kept), else none.
    pub(super) fn start_validation(&mut self, ctx: &egui::Context, mapping: Mapping) {
        let Some(table) = self.file.table().cloned() else {
            return;
        };
        let edits = self
            .check
            .as_ref()
            .map(|c| c.edits().clone())
            .unwrap_or_default();
        self.prefs.object_type = Some(mapping.object_type.clone());
        self.problem = None;
        self.trouble = None;
        self.check = None;
        let checked = mapping.clone();
        let lang = self.lang;
        let task = Task::spawn(ctx, "validate", move |p| {
            let result = resolve(&mapping, table.headers())
                .map_err(|e| e.message(lang))
                .and_then(|plan| {
                    validate(TableView::new(&table, &edits), &plan, Some(p))
                        .map_err(|e| e.message(lang))
                });
            Validated {
                table,
                mapping,
                result,
            }
        });
        self.work.validating = Some((task, checked));
    }

    /// Reads the template folder in the background; the Map step starts when it is read.
    pub(super) fn start_map(&mut self, ctx: &egui::Context, start: MapStart) {
        let Some(input) = self.map_input() else {
            return;
        };
        self.trouble = None;
        let task = TemplateFolder::read_in_background(
            ctx,
            input.templates_dir.clone(),
            input.headers.clone(),
        );
        self.work.map_loading = Some(MapLoading { task, input, start });
    }

    /// Whether the Map step waits for the template folder.
    pub(super) fn map_loading(&self) -> bool {
        self.work.map_loading.is_some()
    }

    /// The ends of the app's own tasks, as actions.
    pub(super) fn poll_work(&mut self, queue: &mut Vec<Action>) {
        let _ = finished(&mut self.work.discarding);
        // A record that cannot be read offers nothing (as an unreadable file always did).
        if let Some(Ok(Some(p))) = finished(&mut self.work.looking_for_pending) {
            queue.push(Action::PendingFound(Box::new(p)));
        }
        let ended = self.work.validating.as_mut().and_then(|(t, _)| t.ended());
        if let Some(end) = ended
            && let Some((_, mapping)) = self.work.validating.take()
        {
            queue.push(match end {
                Ok(v) => Action::Validated(Box::new(v)),
                Err(broken) => self.broken(broken, Retry::Validation(Box::new(mapping))),
            });
        }
        let ended = self.work.map_loading.as_mut().and_then(|l| l.task.ended());
        if let Some(end) = ended
            && let Some(loading) = self.work.map_loading.take()
        {
            queue.push(match end {
                Ok(folder) => Action::MapReady(Box::new(match loading.start {
                    MapStart::Fresh(object) => {
                        MapState::with_folder(loading.input, object.as_deref(), folder)
                    }
                    MapStart::Restore(m) => MapState::restored(loading.input, *m, folder),
                })),
                Err(broken) => self.broken(broken, Retry::MapTemplates(loading.start)),
            });
        }
    }

    fn broken(&self, broken: Broken, retry: Retry) -> Action {
        let lang = self.lang;
        let what = match retry {
            Retry::Validation(_) => tr(lang, "Checking the rows", "Việc kiểm tra các dòng"),
            Retry::MapTemplates(_) => tr(
                lang,
                "Reading the saved templates",
                "Việc đọc các mẫu đã lưu",
            ),
        };
        Action::Broken(Box::new(Trouble {
            message: broken.message(what, lang),
            retry,
        }))
    }

    /// "Try again" after a [`Trouble`].
    pub(super) fn retry(&mut self, ctx: &egui::Context) {
        let Some(t) = self.trouble.take() else {
            return;
        };
        match t.retry {
            Retry::Validation(m) => self.start_validation(ctx, *m),
            Retry::MapTemplates(start) => self.start_map(ctx, start),
        }
    }

    /// The bar under the step while validation runs: progress and Cancel.
    pub(super) fn validation_bar(&self, ui: &mut egui::Ui, queue: &mut Vec<Action>) {
        let Some((v, _)) = &self.work.validating else {
            return;
        };
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(v.progress().fraction())
                    .desired_width(300.0)
                    .show_percentage(),
            );
            if ui.button(tr(self.lang, "Cancel", "Huỷ")).clicked() {
                queue.push(Action::CancelValidation);
            }
        });
    }

    pub(super) fn cancel_validation(&self) {
        if let Some((v, _)) = &self.work.validating {
            v.cancel();
        }
    }
}
