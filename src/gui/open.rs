//! Opening a report or a folder in the user's own app (Excel, the file manager),
//! without waiting for it, and saying so when nothing opens: no file manager, no
//! `xdg-open`, or one that fails. The same for the file dialogs (rfd) that cannot
//! open (no portal or zenity on Linux): the user gets the path to copy or to type.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use eframe::egui;

use super::task::{Broken, Task};
use super::text::tr;
use crate::i18n::Lang;

/// A dialog that comes back empty sooner than this never showed: a person does not
/// cancel that fast.
const NO_DIALOG_SECS: f32 = 0.5;

/// How a file dialog ended.
#[derive(Debug, PartialEq, Eq)]
pub enum DialogEnd {
    Chosen(PathBuf),
    /// The user closed it without choosing.
    Cancelled,
    /// No dialog could be shown (it failed, or came back empty at once).
    Unavailable,
}

impl DialogEnd {
    /// Reads a dialog task's outcome; `secs` is how long it was open.
    pub fn of(outcome: Result<Option<PathBuf>, Broken>, secs: f32) -> Self {
        match outcome {
            Ok(Some(p)) => DialogEnd::Chosen(p),
            Ok(None) if secs >= NO_DIALOG_SECS => DialogEnd::Cancelled,
            Ok(None) | Err(_) => DialogEnd::Unavailable,
        }
    }
}

/// Polls a dialog task in `slot`: once it has ended, takes it out and says how.
pub fn dialog_ended(slot: &mut Option<Task<Option<PathBuf>>>) -> Option<DialogEnd> {
    let task = slot.as_mut()?;
    let secs = task.elapsed_secs();
    let outcome = task.ended()?;
    *slot = None;
    Some(DialogEnd::of(outcome, secs))
}

/// A path the system did not open, and why.
#[derive(Clone, Debug)]
struct Unopened {
    path: PathBuf,
    why: String,
}

/// The openings under way and the last one that failed, kept with the context so any
/// page can open a path with one call and the notice is drawn in one place.
#[derive(Default)]
struct Openings {
    pending: Vec<(PathBuf, Task<Result<(), NotOpened>>)>,
    failed: Option<Unopened>,
}

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Openings>>);

fn shared(ctx: &egui::Context) -> Shared {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Shared>(egui::Id::unique("pango-openings"))
            .clone()
    })
}

/// The program that opens a path with the system's default app.
fn opener_program() -> &'static str {
    if cfg!(target_os = "windows") {
        // Explorer opens a file with its default app and a folder in a window, takes
        // any path (no `cmd /C start`, which reads `%` and `^` in a file name and
        // would flash a console window behind the app).
        "explorer.exe"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// Why the opener did not open a path.
#[derive(Debug)]
enum NotOpened {
    /// The opener program could not be started (not installed).
    NoOpener(&'static str),
    /// It ran and said it failed, with this exit status.
    Failed(String),
}

impl NotOpened {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (NotOpened::NoOpener(p), Lang::En) => format!("{p} could not be started"),
            (NotOpened::NoOpener(p), Lang::Vi) => format!("không chạy được {p}"),
            (NotOpened::Failed(s), Lang::En) => format!("the opener failed ({s})"),
            (NotOpened::Failed(s), Lang::Vi) => format!("trình mở tệp báo lỗi ({s})"),
        }
    }
}

/// Runs the opener and waits for it (it hands the path over and ends). Explorer's
/// exit code means nothing (1 on success too); `open` and `xdg-open` say failure
/// with theirs (xdg-open: 3 when no tool is found, 4 when opening failed).
fn run_opener(path: &Path) -> Result<(), NotOpened> {
    let program = opener_program();
    let no_opener = |_| NotOpened::NoOpener(program);
    let mut child = Command::new(program).arg(path).spawn().map_err(no_opener)?;
    let status = child.wait().map_err(no_opener)?;
    if status.success() || cfg!(target_os = "windows") {
        Ok(())
    } else {
        Err(NotOpened::Failed(status.to_string()))
    }
}

/// Opens `path` with the system's default app, in the background (nothing waits
/// for it). When nothing opens it, [`show_unopened`] says so with the path.
pub fn in_default_app(ctx: &egui::Context, path: &Path) {
    let p = path.to_path_buf();
    let task = Task::spawn(ctx, "open", move |_| run_opener(&p));
    let s = shared(ctx);
    let mut o = s.0.lock().unwrap_or_else(|e| e.into_inner());
    o.pending.push((path.to_path_buf(), task));
}

/// Checks the openings under way and, when one failed, shows a window saying so
/// with its path to copy. Call once a frame.
pub fn show_unopened(ctx: &egui::Context, lang: Lang) {
    let s = shared(ctx);
    let mut o = s.0.lock().unwrap_or_else(|e| e.into_inner());
    let mut i = 0;
    while i < o.pending.len() {
        match o.pending[i].1.ended() {
            None => i += 1,
            Some(outcome) => {
                let (path, _) = o.pending.remove(i);
                let why = match outcome {
                    Ok(Ok(())) => continue,
                    Ok(Err(why)) => why.text(lang),
                    Err(_) => tr(lang, "the opener stopped", "trình mở tệp bị dừng").to_string(),
                };
                o.failed = Some(Unopened { path, why });
            }
        }
    }
    let Some(failed) = o.failed.clone() else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new(tr(lang, "Nothing opened", "Không mở được"))
        .id(egui::Id::unique("pango-unopened"))
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.label(unopened_text(&failed.path, lang));
            ui.weak(&failed.why);
            let text = failed.path.display().to_string();
            path_row(ui, lang, &mut text.as_str());
            close = ui.button(tr(lang, "Close", "Đóng")).clicked();
        });
    if !open || close {
        o.failed = None;
    }
}

/// "Could not open X: …" in `lang`.
fn unopened_text(path: &Path, lang: Lang) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    match lang {
        Lang::En => format!(
            "Could not open {name}: no app or file manager opened it. Open it yourself from \
             this path:"
        ),
        Lang::Vi => format!(
            "Không mở được {name}: không có ứng dụng hay trình quản lý tệp nào mở nó. Hãy tự \
             mở theo đường dẫn này:"
        ),
    }
}

/// A path in a text field (selectable; editable when `text` is a `String`), the
/// width the place gives, and under it a "Copy path" button that puts it on the
/// clipboard. Returns the field's response.
pub fn path_row(ui: &mut egui::Ui, lang: Lang, text: &mut dyn egui::TextBuffer) -> egui::Response {
    let field = path_field(ui, lang, text);
    if ui
        .button(tr(lang, "Copy path", "Sao chép đường dẫn"))
        .clicked()
    {
        ui.ctx().copy_text(text.as_str().to_string());
    }
    field
}

/// A labelled one-line field for a path, as wide as the place gives (at most 560).
pub fn path_field(
    ui: &mut egui::Ui,
    lang: Lang,
    text: &mut dyn egui::TextBuffer,
) -> egui::Response {
    let label = ui.label(tr(lang, "Path", "Đường dẫn"));
    ui.add(egui::TextEdit::singleline(text).desired_width(ui.available_width().min(560.0)))
        .labelled_by(label.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_that_comes_back_empty_at_once_or_breaks_never_showed() {
        let p = PathBuf::from("/tmp/kh.csv");
        assert_eq!(
            DialogEnd::of(Ok(Some(p.clone())), 0.0),
            DialogEnd::Chosen(p)
        );
        assert_eq!(DialogEnd::of(Ok(None), 4.0), DialogEnd::Cancelled);
        assert_eq!(DialogEnd::of(Ok(None), 0.01), DialogEnd::Unavailable);
        assert_eq!(
            DialogEnd::of(Err(Broken::Lost), 3.0),
            DialogEnd::Unavailable
        );
    }

    #[test]
    fn why_nothing_opened_reads_in_both_languages() {
        let none = NotOpened::NoOpener("xdg-open");
        assert_eq!(none.text(Lang::En), "xdg-open could not be started");
        assert_eq!(none.text(Lang::Vi), "không chạy được xdg-open");
        let failed = NotOpened::Failed("exit status: 3".into());
        assert_eq!(
            failed.text(Lang::Vi),
            "trình mở tệp báo lỗi (exit status: 3)"
        );
    }

    #[test]
    fn the_notice_names_the_file_in_both_languages() {
        let p = Path::new("/home/an/báo cáo.xlsx");
        assert!(unopened_text(p, Lang::En).starts_with("Could not open báo cáo.xlsx: "));
        assert!(unopened_text(p, Lang::Vi).starts_with("Không mở được báo cáo.xlsx: "));
    }
}
