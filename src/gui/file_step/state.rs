//! The File step's state: the file and choices of the table shown, the read under way
//! (a [`Task`]), the dialog, and what a read that failed or broke leaves to retry.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use crate::error::{FileError, FileErrorKind};
use crate::i18n::Lang;
use crate::source::{Loaded, ReadOptions, SourceInfo, Table, read_file_with};

use super::super::open::{DialogEnd, dialog_ended};
use super::super::task::Task;
use super::super::text::tr;
use super::{EXTENSIONS, file_name};

/// Reading a file in the background, with the file and choices it reads with.
pub(super) struct Reading {
    pub task: Task<Result<Loaded, Box<FileError>>>,
    pub path: PathBuf,
    pub opts: ReadOptions,
}

#[derive(Default)]
pub struct FileState {
    /// The file and the choices of the table shown (changed only when a read succeeds).
    pub path: Option<PathBuf>,
    pub opts: ReadOptions,
    /// A read under way.
    pub(super) load: Option<Reading>,
    pub(super) dialog: Option<Task<Option<PathBuf>>>,
    /// No file dialog could be opened: the path the user types or pastes instead.
    pub(super) typed_path: Option<String>,
    pub loaded: Option<(Arc<Table>, SourceInfo)>,
    pub error: Option<String>,
    /// A read refused for its header row (no data rows under it, or past the end):
    /// the file and choices, and the row to offer, so the user can pick another
    /// header row even when no table of this file is shown.
    pub header_retry: Option<(PathBuf, ReadOptions, u32)>,
    /// A read whose work broke (panicked or vanished): the file and choices, to try again.
    pub broken_read: Option<(PathBuf, ReadOptions)>,
}

/// What the File step asks the app to do.
#[must_use]
pub enum FileAction {
    /// A file was read (remember it in the recent list, name it in the title).
    Loaded(PathBuf),
    /// A read failed (the message is on screen; the table shown, if any, is unchanged).
    Failed,
}

impl FileState {
    /// Reads `path` with everything detected.
    pub fn open(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.start(ctx, path, ReadOptions::default());
    }

    /// Reads `path` with the given choices (resuming an upload).
    pub fn open_with(&mut self, ctx: &egui::Context, path: PathBuf, opts: ReadOptions) {
        self.start(ctx, path, opts);
    }

    /// Reads the file of the last read refused for its header row again, with
    /// `row` as the header row. False when there is no such read.
    pub fn retry_with_header_row(&mut self, ctx: &egui::Context, row: u32) -> bool {
        let Some((path, mut opts, _)) = self.header_retry.take() else {
            return false;
        };
        opts.header_row = Some(row);
        self.start(ctx, path, opts);
        true
    }

    pub(super) fn start(&mut self, ctx: &egui::Context, path: PathBuf, opts: ReadOptions) {
        self.error = None;
        self.broken_read = None;
        let (p, o) = (path.clone(), opts.clone());
        let task = Task::spawn(ctx, "read-file", move |progress| {
            read_file_with(&p, &o, progress).map_err(Box::new)
        });
        self.load = Some(Reading { task, path, opts });
    }

    /// Reads the file whose reading broke again, with the same choices.
    pub fn retry_broken(&mut self, ctx: &egui::Context) {
        if let Some((path, opts)) = self.broken_read.take() {
            self.start(ctx, path, opts);
        }
    }

    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    pub fn table(&self) -> Option<&Arc<Table>> {
        self.loaded.as_ref().map(|(t, _)| t)
    }

    pub fn file_name(&self) -> Option<String> {
        self.path.as_deref().map(file_name)
    }

    /// Why "Next" cannot be pressed yet.
    pub fn blocker(&self, lang: Lang) -> Option<String> {
        if self.is_loading() {
            return Some(tr(lang, "Reading the file…", "Đang đọc tệp…").into());
        }
        match &self.loaded {
            None => Some(tr(lang, "Choose a file first.", "Hãy chọn một tệp trước.").into()),
            Some((t, _)) if t.is_empty() => Some(
                tr(
                    lang,
                    "The sheet has no data rows.",
                    "Trang tính không có dòng dữ liệu.",
                )
                .into(),
            ),
            Some(_) => None,
        }
    }

    /// Polls the reading and the dialog; returns what the app must do.
    pub fn poll(&mut self, ctx: &egui::Context, lang: Lang) -> Option<FileAction> {
        // No dialog could be shown: the user types the path instead.
        match dialog_ended(&mut self.dialog) {
            Some(DialogEnd::Chosen(path)) => {
                self.typed_path = None;
                self.open(ctx, path);
            }
            Some(DialogEnd::Unavailable) => {
                self.typed_path.get_or_insert_with(String::new);
            }
            Some(DialogEnd::Cancelled) | None => {}
        }
        let outcome = self.load.as_mut()?.task.ended()?;
        let Reading { path, opts, .. } = self.load.take()?;
        match outcome {
            Ok(r) => Some(self.read_ended(r, path, opts, lang)),
            Err(broken) => {
                let what = tr(lang, "Reading the file", "Việc đọc tệp");
                self.error = Some(broken.message(what, lang));
                self.broken_read = Some((path, opts));
                Some(FileAction::Failed)
            }
        }
    }

    fn read_ended(
        &mut self,
        result: Result<Loaded, Box<FileError>>,
        path: PathBuf,
        opts: ReadOptions,
        lang: Lang,
    ) -> FileAction {
        match result {
            Ok(loaded) => {
                self.header_retry = None;
                self.path = Some(path.clone());
                self.opts = opts;
                self.loaded = Some((Arc::new(loaded.table), loaded.info));
                FileAction::Loaded(path)
            }
            Err(e) if e.kind == FileErrorKind::Cancelled => FileAction::Failed,
            Err(e) => {
                self.header_retry = match e.kind {
                    FileErrorKind::HeaderOnly | FileErrorKind::HeaderRowOutOfRange { .. } => {
                        let row = opts.header_row.or(e.row).unwrap_or(1);
                        Some((path, opts, row))
                    }
                    _ => None,
                };
                self.error = Some(e.message(lang));
                FileAction::Failed
            }
        }
    }

    pub(super) fn choose(&mut self, ctx: &egui::Context, lang: Lang) {
        if self.dialog.is_some() {
            return;
        }
        let title = tr(lang, "Choose a file to import", "Chọn tệp để nhập").to_string();
        let filter = tr(lang, "Spreadsheets", "Bảng tính").to_string();
        self.dialog = Some(Task::spawn(ctx, "file-dialog", move |_| {
            rfd::FileDialog::new()
                .set_title(title)
                .add_filter(filter, EXTENSIONS)
                .pick_file()
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle(st: &mut FileState, ctx: &egui::Context) {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while st.is_loading() {
            st.poll(ctx, Lang::En);
            assert!(std::time::Instant::now() < end, "the read never ended");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn a_header_row_with_no_data_under_it_can_be_changed_instead_of_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kh.csv");
        std::fs::write(&path, "Mã KH,Họ và tên\nKH1,An\nKH2,Bình\n").unwrap();
        let ctx = egui::Context::default();
        let mut st = FileState::default();
        // The user asks for the last row as the header: nothing is left under it.
        st.open_with(
            &ctx,
            path.clone(),
            ReadOptions {
                header_row: Some(3),
                ..ReadOptions::default()
            },
        );
        settle(&mut st, &ctx);
        assert!(st.loaded.is_none());
        assert!(st.error.as_deref().unwrap().contains("no data rows"));
        let offered = st
            .header_retry
            .as_ref()
            .map(|(p, _, row)| (p.clone(), *row));
        assert_eq!(offered, Some((path.clone(), 3)));
        // Picking row 1 reads the file.
        assert!(st.retry_with_header_row(&ctx, 1));
        settle(&mut st, &ctx);
        let (table, info) = st.loaded.as_ref().expect("read with header row 1");
        assert_eq!((info.header_row, table.len()), (1, 2));
        assert!(st.header_retry.is_none() && st.error.is_none());
    }
}
