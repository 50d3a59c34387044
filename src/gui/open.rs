//! Opening a report or a folder in the user's own app (Excel, the file manager),
//! without waiting for it.

use std::path::Path;
use std::process::Command;

use eframe::egui;

use super::task::Task;

/// Opens `path` with the system's default app, in the background (nothing waits for it:
/// the task is let go, and the app it starts lives on its own).
pub fn in_default_app(ctx: &egui::Context, path: &Path) {
    let path = path.to_path_buf();
    let opening = Task::spawn(ctx, "open", move |_| {
        let mut cmd = if cfg!(target_os = "windows") {
            // Explorer opens a file with its default app and a folder in a window, takes
            // any path (no `cmd /C start`, which reads `%` and `^` in a file name and
            // would flash a console window behind the app).
            let mut c = Command::new("explorer.exe");
            c.arg(&path);
            c
        } else if cfg!(target_os = "macos") {
            let mut c = Command::new("open");
            c.arg(&path);
            c
        } else {
            let mut c = Command::new("xdg-open");
            c.arg(&path);
            c
        };
        if let Ok(mut child) = cmd.spawn() {
            let _ = child.wait();
        }
    });
    drop(opening);
}
