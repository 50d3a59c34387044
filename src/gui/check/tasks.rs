//! Background work of the Check step: re-validating after an edit, the save dialog
//! and writing the error rows. Each is a [`Task`] that `CheckState::poll` reads each
//! frame; a task that breaks ends with a message, never a spinner forever.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use crate::export;
use crate::gui::task::Task;
use crate::i18n::Lang;
use crate::mapping::Plan;
use crate::source::{Edits, Table, TableView};
use crate::validate::{Validation, validate};

use super::summary::CheckSummary;

/// A finished re-validation: the new validation and its summary, or why it failed.
pub type Revalidated = Result<(Validation, CheckSummary), String>;

/// Re-validates `table` with `edits` over it against `plan` in the background (the
/// table is shared, never copied; the edits are the user's few fixes).
pub fn revalidate(
    table: Arc<Table>,
    edits: Edits,
    plan: Plan,
    lang: Lang,
    ctx: &egui::Context,
) -> Task<Revalidated> {
    Task::spawn(ctx, "revalidate", move |p| {
        validate(TableView::new(&table, &edits), &plan, Some(p))
            .map(|v| {
                let s = CheckSummary::build(&table, &v);
                (v, s)
            })
            .map_err(|e| e.message(lang))
    })
}

/// Where an export stands.
pub enum Export {
    /// The save dialog is open (on its own thread).
    Choosing(Task<Option<PathBuf>>),
    /// The file is being written.
    Writing(Task<ExportDone>),
    /// No save dialog could be opened: the path offered instead (beside the file).
    NoDialog(PathBuf),
}

/// The outcome of writing the error rows: the path and rows written, or the error text.
pub type ExportDone = Result<(PathBuf, usize), (PathBuf, String)>;

/// The name an export suggests: "khach-hang-loi.xlsx" beside "khach-hang.csv".
pub fn export_name(file: &std::path::Path, lang: Lang) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    format!(
        "{stem}-{}.xlsx",
        crate::gui::text::tr(lang, "errors", "loi")
    )
}

/// Opens the save dialog in the background (never on the UI thread).
pub fn choose_path(suggested: String, lang: Lang, ctx: &egui::Context) -> Task<Option<PathBuf>> {
    Task::spawn(ctx, "export-dialog", move |_| {
        let title = crate::gui::text::tr(lang, "Export error rows", "Xuất các dòng lỗi");
        rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(suggested)
            .add_filter(
                crate::gui::text::tr(lang, "Excel workbook", "Sổ tính Excel"),
                &["xlsx"],
            )
            .add_filter("CSV", &["csv"])
            .save_file()
    })
}

/// Writes the invalid rows to `path` in the background.
pub fn write(
    path: PathBuf,
    table: Arc<Table>,
    validation: Arc<Validation>,
    lang: Lang,
    ctx: &egui::Context,
) -> Task<ExportDone> {
    Task::spawn(ctx, "export", move |_| {
        let out = match export::write_error_rows(&path, &table, &validation, lang) {
            Ok(n) => Ok((path, n)),
            Err(e) => Err((path, e.to_string())),
        };
        drop((table, validation));
        out
    })
}
