//! The Check (preview) step: every row in a virtualised table with its issues, a
//! summary by kind that filters the table, inline fixes that re-validate in the
//! background, the export of error rows, and the choice of what to upload.
//!
//! Drawing collects [`Action`]s; [`CheckState::apply`] makes every state change in
//! one place after the frame's widgets are drawn.

mod edit;
mod filter;
mod frozen;
mod grid;
mod paint;
mod panel;
mod summary;
mod tasks;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use crate::gui::open::DialogEnd;
use crate::gui::task::{Task, finished};
use crate::gui::text::{count, tr};
use crate::i18n::Lang;
use crate::mapping::Mapping;
use crate::source::{Edits, Table, TableView};
use crate::validate::Validation;

pub use filter::Filter;
pub use summary::{CheckSummary, Group, KindKey};

use edit::Editor;
use filter::View;
use tasks::{Export, ExportDone, Revalidated};

/// What the user chose to do with rows that still have errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadChoice {
    /// Send the valid rows; rows with errors stay behind (they can be exported).
    ValidOnly,
    /// Do not upload until every row is fixed.
    FixFirst,
}

/// Rows the server rejected, brought back by "Fix rejected rows".
#[derive(Clone, Debug, Default)]
struct Rejected {
    /// Table row indices, ascending.
    rows: Vec<u32>,
    /// Table row index → the server's reason.
    reasons: HashMap<u32, String>,
    /// Row numbers that are not in the table (left out of the list).
    unknown: usize,
}

/// Something the user did this frame; applied by [`CheckState::apply`].
#[derive(Clone, Debug, PartialEq)]
enum Action {
    SetFilter(Filter),
    Select {
        row: u32,
        col: usize,
    },
    StartEdit {
        row: u32,
        col: usize,
    },
    CommitEdit,
    CancelEdit,
    ShowSent(bool),
    Choose(UploadChoice),
    Export,
    /// Write the error rows to this path (typed when no save dialog opened).
    ExportTo(PathBuf),
    /// Check every row again (after a re-check that broke).
    Recheck,
}

/// The state of the Check step.
pub struct CheckState {
    /// The table as read, shared (never copied) with the file step and the upload.
    table: Arc<Table>,
    /// The user's fixes over `table`, applied by every later validation.
    edits: Edits,
    validation: Arc<Validation>,
    mapping: Mapping,
    file: PathBuf,
    summary: CheckSummary,
    filter: Filter,
    view: View,
    /// Table column → plan column (`None` when the column is not sent).
    col_plan: Vec<Option<usize>>,
    rejected: Option<Rejected>,
    choice: UploadChoice,
    show_sent: bool,
    /// The selected cell (table row index, table column).
    selected: Option<(u32, usize)>,
    editor: Option<Editor>,
    /// A cell to give keyboard focus to when it is next drawn.
    focus_cell: Option<(u32, usize)>,
    /// A view position to scroll to on the next frame.
    scroll_to: Option<usize>,
    revalidating: Option<Task<Revalidated>>,
    revalidate_error: Option<String>,
    export: Option<Export>,
    /// The language of the last action, for the messages of the work it started.
    work_lang: Lang,
    export_done: Option<ExportDone>,
    /// Row numbers of the first and last rows drawn in the last frame.
    visible: Option<(u32, u32)>,
}

impl CheckState {
    /// After validation (done by the shell in the background): the table, the
    /// validation (whose edits Check starts from), the mapping it used.
    pub fn new(
        table: Arc<Table>,
        validation: Arc<Validation>,
        mapping: Mapping,
        file: PathBuf,
    ) -> Self {
        let summary = CheckSummary::build(&table, &validation);
        let mut col_plan = vec![None; table.width()];
        for (ci, col) in validation.plan.columns.iter().enumerate() {
            if let Some(slot) = col_plan.get_mut(col.index) {
                *slot = Some(ci);
            }
        }
        let view = View::compute(&Filter::All, &validation, &summary, &[]);
        Self {
            table,
            edits: validation.edits.clone(),
            validation,
            mapping,
            file,
            summary,
            filter: Filter::All,
            view,
            col_plan,
            rejected: None,
            choice: UploadChoice::FixFirst,
            show_sent: false,
            selected: None,
            editor: None,
            focus_cell: None,
            scroll_to: None,
            revalidating: None,
            revalidate_error: None,
            export: None,
            work_lang: Lang::En,
            export_done: None,
            visible: None,
        }
    }

    pub fn table(&self) -> &Arc<Table> {
        &self.table
    }

    /// The user's fixes over the table.
    pub fn edits(&self) -> &Edits {
        &self.edits
    }

    /// The table as the user sees it now: the file's cells with the fixes over them.
    pub fn cells(&self) -> TableView<'_> {
        TableView::new(&self.table, &self.edits)
    }

    pub fn validation(&self) -> &Arc<Validation> {
        &self.validation
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// The file the table was read from.
    pub fn file(&self) -> &PathBuf {
        &self.file
    }

    /// The issue kinds, their counts and rows (as the summary panel shows them).
    pub fn summary(&self) -> &CheckSummary {
        &self.summary
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Shows only the rows `filter` selects (as clicking in the summary does).
    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refresh_view();
        self.scroll_to = Some(0);
    }

    /// Number of rows the table shows under the current filter.
    pub fn shown_rows(&self) -> usize {
        self.view.len()
    }

    /// Row numbers (as the user sees them) of the first and last rows drawn last frame.
    pub fn visible_rows(&self) -> Option<(u32, u32)> {
        self.visible
    }

    /// Scrolls the table so the row the user knows as `row_number` is in view.
    pub fn scroll_to_row_number(&mut self, row_number: u32) {
        if let Some(pos) = self
            .table
            .index_of_row_number(row_number)
            .and_then(|r| self.view.position(r))
        {
            self.scroll_to = Some(pos);
        }
    }

    /// Ctrl+Home / Ctrl+End (⌘ on a Mac), as in Excel: the first or last row shown,
    /// scrolled into view, selected and focused in the selected column (the first when
    /// none). Not while a cell is being edited: there the keys move in the text.
    fn jump_with_keys(&mut self, ctx: &egui::Context) {
        if self.editor.is_some() || self.view.is_empty() {
            return;
        }
        let (home, end) = ctx.input_mut(|i| {
            let home = i.consume_key(egui::Modifiers::COMMAND, egui::Key::Home);
            let end = i.consume_key(egui::Modifiers::COMMAND, egui::Key::End);
            (home, end)
        });
        let pos = match (home, end) {
            (true, _) => 0,
            (_, true) => self.view.len() - 1,
            _ => return,
        };
        let row = self.view.row(pos) as u32;
        let col = self.selected.map_or(0, |(_, c)| c);
        self.selected = Some((row, col));
        self.focus_cell = Some((row, col));
        self.scroll_to = Some(pos);
    }

    /// The selected cell as (row number the user sees, column index), if any.
    pub fn selected_cell(&self) -> Option<(u32, usize)> {
        self.selected
            .map(|(r, c)| (self.table.row_number(r as usize), c))
    }

    pub fn upload_choice(&self) -> UploadChoice {
        self.choice
    }

    pub fn set_upload_choice(&mut self, choice: UploadChoice) {
        self.choice = choice;
    }

    /// Row numbers of the rows the server rejected (after [`Self::show_rejected`]).
    pub fn rejected_row_numbers(&self) -> Vec<u32> {
        self.rejected
            .as_ref()
            .map(|rj| {
                rj.rows
                    .iter()
                    .map(|&r| self.table.row_number(r as usize))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// True while a re-validation after an edit runs in the background (the shell disables Next).
    pub fn busy(&self) -> bool {
        self.revalidating.is_some()
    }

    /// True while error rows are being exported (dialog open or file being written).
    pub fn exporting(&self) -> bool {
        matches!(self.export, Some(Export::Choosing(_) | Export::Writing(_)))
    }

    /// Polls background work (re-validation, export); call each frame with the ctx to request repaints.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let what = tr(self.work_lang, "Checking again", "Việc kiểm tra lại");
        match finished(&mut self.revalidating) {
            Some(Ok(Ok((v, s)))) => {
                self.revalidate_error = None;
                self.validation = Arc::new(v);
                self.summary = s;
                self.refresh_view();
                ctx.request_repaint();
            }
            Some(Ok(Err(e))) => self.revalidate_error = Some(e),
            Some(Err(broken)) => self.revalidate_error = Some(broken.message(what, self.work_lang)),
            None if self.revalidating.is_some() => {
                ctx.request_repaint_after(Duration::from_millis(30))
            }
            None => {}
        }
        self.poll_export(ctx);
    }

    fn poll_export(&mut self, ctx: &egui::Context) {
        let lang = self.work_lang;
        match &mut self.export {
            Some(Export::Choosing(t)) => {
                let secs = t.elapsed_secs();
                match t.ended().map(|end| DialogEnd::of(end, secs)) {
                    Some(DialogEnd::Chosen(path)) => self.start_writing(path, lang, ctx),
                    // Closed without a choice: the button works again.
                    Some(DialogEnd::Cancelled) => self.export = None,
                    // No dialog: a path beside the file is offered to save to or copy.
                    Some(DialogEnd::Unavailable) => {
                        self.export = Some(Export::NoDialog(
                            self.file
                                .with_file_name(tasks::export_name(&self.file, lang)),
                        ));
                    }
                    None => ctx.request_repaint_after(Duration::from_millis(100)),
                }
            }
            Some(Export::Writing(t)) => match t.ended() {
                Some(done) => {
                    let what = tr(lang, "The export", "Việc xuất tệp");
                    self.export = None;
                    self.export_done = Some(done.unwrap_or_else(|broken| {
                        Err((PathBuf::new(), broken.message(what, lang)))
                    }));
                    ctx.request_repaint();
                }
                None => ctx.request_repaint_after(Duration::from_millis(30)),
            },
            Some(Export::NoDialog(_)) | None => {}
        }
    }

    /// Why "Upload" cannot be pressed: None when there are valid rows and either no invalid rows or the user chose "upload valid rows only"; Some(reason in user's language) when the user chose "fix everything first" and errors remain, or no valid row exists.
    pub fn blocker(&self, lang: Lang) -> Option<String> {
        let v = &self.validation;
        if v.valid == 0 {
            return Some(
                tr(
                    lang,
                    "No row can be uploaded: every row has errors. Fix them first.",
                    "Không có dòng nào gửi được: dòng nào cũng có lỗi. Hãy sửa trước.",
                )
                .to_string(),
            );
        }
        if v.invalid > 0 && self.choice == UploadChoice::FixFirst {
            let n = count(lang, v.invalid);
            return Some(match lang {
                Lang::En => format!(
                    "{n} {} still {} errors. Fix them, or choose “Upload valid rows only”.",
                    if v.invalid == 1 { "row" } else { "rows" },
                    if v.invalid == 1 { "has" } else { "have" },
                ),
                Lang::Vi => {
                    format!("Còn {n} dòng có lỗi. Hãy sửa, hoặc chọn “Chỉ gửi các dòng hợp lệ”.")
                }
            });
        }
        None
    }

    /// The Upload step's rejected rows come back: show only them, each with the server's reason (row number as the user sees it → reason).
    pub fn show_rejected(&mut self, rejected: Vec<(u32, String)>) {
        let mut rj = Rejected::default();
        for (row_number, reason) in rejected {
            match self.table.index_of_row_number(row_number) {
                Some(r) => {
                    rj.reasons.insert(r as u32, reason);
                }
                None => rj.unknown += 1,
            }
        }
        rj.rows = rj.reasons.keys().copied().collect();
        rj.rows.sort_unstable();
        self.rejected = Some(rj);
        self.editor = None;
        self.set_filter(Filter::Rejected);
    }

    /// Writes the rows with errors to `path` in the background (what "Export error
    /// rows…" does after its save dialog). The outcome shows in the summary panel.
    pub fn export_errors_to(&mut self, path: PathBuf, lang: Lang, ctx: &egui::Context) {
        self.start_writing(path, lang, ctx);
    }

    /// The last export's outcome: the file and rows written, or the error.
    pub fn export_result(&self) -> Option<Result<(&PathBuf, usize), &str>> {
        self.export_done.as_ref().map(|d| match d {
            Ok((p, n)) => Ok((p, *n)),
            Err((_, e)) => Err(e.as_str()),
        })
    }

    fn start_writing(&mut self, path: PathBuf, lang: Lang, ctx: &egui::Context) {
        self.export_done = None;
        let task = tasks::write(path, self.table.clone(), self.validation.clone(), lang, ctx);
        self.export = Some(Export::Writing(task));
    }

    /// Validates every row again in the background (after an edit, or "Check again").
    fn recheck(&mut self, ctx: &egui::Context, lang: Lang) {
        self.work_lang = lang;
        self.revalidate_error = None;
        let (table, edits) = (self.table.clone(), self.edits.clone());
        let plan = self.validation.plan.clone();
        self.revalidating = Some(tasks::revalidate(table, edits, plan, lang, ctx));
    }

    fn refresh_view(&mut self) {
        let rejected = self.rejected.as_ref().map_or(&[][..], |r| &r.rows[..]);
        self.view = View::compute(&self.filter, &self.validation, &self.summary, rejected);
    }

    fn can_edit(&self) -> bool {
        !self.busy() && !matches!(self.export, Some(Export::Writing(_)))
    }

    fn apply(&mut self, action: Action, ctx: &egui::Context, lang: Lang) {
        match action {
            Action::SetFilter(f) => {
                // The cell being edited may leave the view: keep what was typed.
                self.apply(Action::CommitEdit, ctx, lang);
                self.set_filter(f);
            }
            Action::Select { row, col } => self.selected = Some((row, col)),
            Action::StartEdit { row, col } => {
                if self.can_edit() && self.editor.is_none() {
                    self.selected = Some((row, col));
                    let text = self.cells().cell(row as usize, col).to_string();
                    self.editor = Some(Editor::new(row, col, text));
                }
            }
            Action::CancelEdit => {
                if let Some(ed) = self.editor.take() {
                    self.focus_cell = Some((ed.row, ed.col));
                }
            }
            Action::CommitEdit => {
                let Some(ed) = self.editor.take() else {
                    return;
                };
                self.focus_cell = Some((ed.row, ed.col));
                if !self.can_edit() || self.cells().cell(ed.row as usize, ed.col) == ed.text {
                    return;
                }
                self.edits
                    .set(&self.table, ed.row as usize, ed.col, ed.text);
                self.recheck(ctx, lang);
            }
            Action::ShowSent(on) => self.show_sent = on,
            Action::Choose(c) => self.choice = c,
            Action::Export => {
                if matches!(self.export, None | Some(Export::NoDialog(_))) {
                    self.export_done = None;
                    self.work_lang = lang;
                    let name = tasks::export_name(&self.file, lang);
                    self.export = Some(Export::Choosing(tasks::choose_path(name, lang, ctx)));
                }
            }
            Action::ExportTo(path) => {
                self.work_lang = lang;
                self.start_writing(path, lang, ctx);
            }
            Action::Recheck => {
                if self.revalidating.is_none() {
                    self.recheck(ctx, lang);
                }
            }
        }
    }
}

/// Draws the Check step. Call [`CheckState::poll`] each frame as well.
pub fn ui(ui: &mut egui::Ui, st: &mut CheckState, lang: Lang) {
    let mut actions = Vec::new();
    egui::Panel::left("check-summary")
        .resizable(true)
        .default_size(320.0)
        .size_range(220.0..=520.0)
        .show(ui, |ui| panel::show(ui, st, lang, &mut actions));
    egui::CentralPanel::default().show(ui, |ui| {
        let edit_label = grid::toolbar(ui, st, lang);
        grid::show(ui, st, lang, edit_label, &mut actions);
    });
    let ctx = ui.ctx().clone();
    for a in actions {
        st.apply(a, &ctx, lang);
    }
}

#[cfg(test)]
mod tests;
