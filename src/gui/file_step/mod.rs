//! Step 2, File: drop a file or choose one (never blocking), recent files and the
//! sample files, then what was detected (format, encoding, delimiter, sheet, header
//! row) with controls to change it and a preview of the raw rows. Big files load in
//! the background with progress and can be cancelled.

mod state;

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use crate::i18n::Lang;
use crate::source::{ReadOptions, SourceInfo, Table, header_text};

use super::open;
use super::text::{count, tr};
use super::widgets;

/// Extensions the app reads.
pub const EXTENSIONS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"];

use state::Reading;
pub use state::{FileAction, FileState};

const ENCODINGS: &[&str] = &[
    "UTF-8",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1258",
    "windows-1252",
];

pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Draws the File step.
pub fn ui(
    ui: &mut egui::Ui,
    st: &mut FileState,
    lang: Lang,
    recent: &[PathBuf],
    samples: &[PathBuf],
) -> Option<FileAction> {
    let ctx = ui.ctx().clone();
    let action = st.poll(&ctx, lang);
    // Files dropped anywhere on the window.
    let dropped: Option<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .next()
    });
    if let Some(p) = dropped {
        st.open(&ctx, p);
    }
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());

    ui.horizontal(|ui| {
        ui.heading(tr(lang, "Choose the file to import", "Chọn tệp cần nhập"));
    });
    ui.add_space(6.0);
    drop_zone(ui, st, lang, hovering);
    typed_path(ui, st, lang);
    if let Some(Reading {
        task,
        path: reading,
        ..
    }) = &st.load
    {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.spinner();
            let name = file_name(reading);
            ui.label(match lang {
                Lang::En => format!("Reading {name}…"),
                Lang::Vi => format!("Đang đọc {name}…"),
            });
            ui.add(
                egui::ProgressBar::new(task.progress().fraction())
                    .desired_width(240.0)
                    .show_percentage(),
            );
            if ui.button(tr(lang, "Cancel", "Huỷ")).clicked() {
                task.cancel();
            }
        });
    }
    if let Some(e) = &st.error {
        ui.add_space(6.0);
        widgets::problem_box(
            ui,
            tr(lang, "This file cannot be read", "Không đọc được tệp này"),
            e,
        );
        if st.broken_read.is_some() && ui.button(tr(lang, "Try again", "Thử lại")).clicked() {
            st.retry_broken(&ctx);
        }
    }
    header_retry(ui, st, lang);
    if st.loaded.is_none() {
        ui.add_space(10.0);
        file_lists(ui, st, lang, recent, samples);
        return action;
    }
    ui.add_space(8.0);
    let mut reload = None;
    if let Some((table, info)) = &st.loaded {
        let mut opts = st.opts.clone();
        if detected(ui, &mut opts, table, info, lang)
            && let Some(path) = st.path.clone()
        {
            reload = Some((path, opts));
        }
        ui.add_space(6.0);
        preview(ui, table, lang);
    }
    if let Some((path, opts)) = reload {
        st.start(&ctx, path, opts);
    }
    action
}

/// After a read refused for its header row, a header-row control to read the file
/// again (the table shown, if any, belongs to another file or choice).
fn header_retry(ui: &mut egui::Ui, st: &mut FileState, lang: Lang) {
    let Some((path, _, row)) = &mut st.header_retry else {
        return;
    };
    if st.load.is_some() || (st.loaded.is_some() && st.path.as_ref() == Some(path)) {
        return;
    }
    let mut go = false;
    ui.horizontal(|ui| {
        let l = ui.label(tr(lang, "Header row", "Dòng tiêu đề"));
        ui.add(egui::DragValue::new(row).range(1..=1_000_000))
            .labelled_by(l.id);
        go = ui
            .button(tr(
                lang,
                "Read with this header row",
                "Đọc với dòng tiêu đề này",
            ))
            .clicked();
    });
    if go {
        let row = *row;
        let ctx = ui.ctx().clone();
        st.retry_with_header_row(&ctx, row);
    }
}

fn drop_zone(ui: &mut egui::Ui, st: &mut FileState, lang: Lang, hovering: bool) {
    let compact = st.loaded.is_some();
    let stroke_color = if hovering {
        ui.visuals().selection.bg_fill
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke.color
    };
    egui::Frame::new()
        .stroke(egui::Stroke::new(
            if hovering { 3.0 } else { 1.5 },
            stroke_color,
        ))
        .corner_radius(10.0)
        .inner_margin(if compact { 10.0 } else { 28.0 })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.vertical_centered(|ui| {
                if !compact {
                    ui.label(RichText::new("⬇").size(36.0));
                }
                let text = if hovering {
                    tr(lang, "Drop it here", "Thả tệp vào đây")
                } else if compact {
                    tr(
                        lang,
                        "Drop another file here, or",
                        "Thả tệp khác vào đây, hoặc",
                    )
                } else {
                    tr(
                        lang,
                        "Drag a CSV or Excel file here (csv, tsv, xlsx, xls, xlsb, ods)",
                        "Kéo tệp CSV hoặc Excel vào đây (csv, tsv, xlsx, xls, xlsb, ods)",
                    )
                };
                ui.label(RichText::new(text).size(if compact { 14.0 } else { 17.0 }));
                let label = tr(lang, "Choose file…", "Chọn tệp…");
                let b = ui.add_enabled(
                    st.dialog.is_none() && st.load.is_none(),
                    egui::Button::new(RichText::new(label).strong())
                        .min_size(egui::vec2(140.0, 30.0)),
                );
                if b.clicked() {
                    st.choose(ui.ctx(), lang);
                }
                if let Some(p) = &st.path
                    && compact
                {
                    // The name only (a full path is long and says little); the path on hover.
                    ui.label(RichText::new(file_name(p)).weak())
                        .on_hover_text(p.display().to_string());
                }
            });
        });
}

/// When no file dialog can be opened: the path to type or paste, and "Open".
fn typed_path(ui: &mut egui::Ui, st: &mut FileState, lang: Lang) {
    let Some(text) = st.typed_path.as_mut() else {
        return;
    };
    ui.add_space(6.0);
    widgets::problem_box(
        ui,
        tr(
            lang,
            "Could not open the file dialog",
            "Không mở được hộp thoại chọn tệp",
        ),
        tr(
            lang,
            "Paste or type the path of the file, then press Open.",
            "Hãy dán hoặc gõ đường dẫn của tệp, rồi bấm Mở.",
        ),
    );
    let field = open::path_field(ui, lang, text);
    let mut go = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    go |= ui
        .add_enabled(
            !text.trim().is_empty(),
            egui::Button::new(tr(lang, "Open", "Mở")).min_size(egui::vec2(80.0, 0.0)),
        )
        .clicked();
    let path = text.trim().trim_matches('"').to_string();
    if go && !path.is_empty() {
        st.typed_path = None;
        let ctx = ui.ctx().clone();
        st.open(&ctx, PathBuf::from(path));
    }
}

fn file_lists(
    ui: &mut egui::Ui,
    st: &mut FileState,
    lang: Lang,
    recent: &[PathBuf],
    samples: &[PathBuf],
) {
    let ctx = ui.ctx().clone();
    ui.columns(2, |cols| {
        cols[0].label(RichText::new(tr(lang, "Recent files", "Tệp gần đây")).strong());
        if recent.is_empty() {
            cols[0].label(RichText::new(tr(lang, "None yet.", "Chưa có.")).weak());
        }
        for p in recent {
            let exists = p.exists();
            let r = cols[0]
                .add_enabled(exists, egui::Button::new(file_name(p)).frame(false))
                .on_hover_text(p.display().to_string())
                .on_disabled_hover_text(tr(
                    lang,
                    "This file is no longer there.",
                    "Tệp này không còn nữa.",
                ));
            if r.clicked() {
                st.open(&ctx, p.clone());
            }
        }
        cols[1].label(
            RichText::new(tr(
                lang,
                "Sample files to practise with",
                "Tệp mẫu để thực hành",
            ))
            .strong(),
        );
        if samples.is_empty() {
            cols[1].label(RichText::new(tr(lang, "Not installed.", "Chưa được cài.")).weak());
        }
        for p in samples {
            let r = cols[1]
                .add(egui::Button::new(format!("📄 {}", file_name(p))).frame(false))
                .on_hover_text(p.display().to_string());
            if r.clicked() {
                st.open(&ctx, p.clone());
            }
        }
    });
}

/// A row of the "detected" grid: `label`, then the drop-down `id` showing `shown`,
/// labelled by it.
fn choice_row(
    ui: &mut egui::Ui,
    label: &str,
    id: &str,
    shown: impl Into<egui::WidgetText>,
    choices: impl FnOnce(&mut egui::Ui),
) {
    let l = ui.label(label);
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, choices)
        .response
        .labelled_by(l.id);
    ui.end_row();
}

/// What was detected, with controls to change it. True when the file must be read again.
fn detected(
    ui: &mut egui::Ui,
    opts: &mut ReadOptions,
    table: &Table,
    info: &SourceInfo,
    lang: Lang,
) -> bool {
    let mut reload = false;
    egui::Grid::new("detected")
        .num_columns(2)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            ui.label(tr(lang, "File", "Tệp"));
            ui.label(RichText::new(file_name(&info.path)).strong());
            ui.end_row();
            ui.label(tr(lang, "Format", "Định dạng"));
            ui.label(format_name(info, lang));
            ui.end_row();
            if !info.sheets.is_empty() {
                let current = info.sheet.clone().unwrap_or_default();
                let label = tr(lang, "Sheet", "Trang tính");
                choice_row(ui, label, "sheet", &current, |ui| {
                    for s in &info.sheets {
                        if ui.selectable_label(*s == current, s).clicked() && *s != current {
                            opts.sheet = Some(s.clone());
                            opts.header_row = None;
                            reload = true;
                        }
                    }
                });
            }
            if let Some(enc) = info.encoding {
                let label = tr(lang, "Text encoding", "Bảng mã");
                let shown = if info.encoding_detected {
                    format!("{enc} ({})", tr(lang, "detected", "tự nhận"))
                } else {
                    enc.to_string()
                };
                choice_row(ui, label, "encoding", shown, |ui| {
                    if ui
                        .selectable_label(opts.encoding.is_none(), tr(lang, "Detect", "Tự nhận"))
                        .clicked()
                    {
                        opts.encoding = None;
                        reload = true;
                    }
                    for e in ENCODINGS {
                        if ui
                            .selectable_label(opts.encoding.as_deref() == Some(*e), *e)
                            .clicked()
                        {
                            opts.encoding = Some((*e).to_string());
                            reload = true;
                        }
                    }
                });
            }
            if let Some(d) = info.delimiter {
                let label = tr(lang, "Separator", "Dấu phân cách");
                choice_row(ui, label, "delimiter", delimiter_name(d, lang), |ui| {
                    for c in [',', ';', '\t', '|'] {
                        if ui
                            .selectable_label(d == c, delimiter_name(c, lang))
                            .clicked()
                            && d != c
                        {
                            opts.delimiter = Some(c as u8);
                            reload = true;
                        }
                    }
                });
            }
            let l = ui.label(tr(lang, "Header row", "Dòng tiêu đề"));
            ui.horizontal(|ui| {
                let mut row = info.header_row;
                let r = ui
                    .add(egui::DragValue::new(&mut row).range(1..=1_000_000))
                    .labelled_by(l.id);
                if r.changed() && row != info.header_row {
                    opts.header_row = Some(row);
                    reload = true;
                }
                if info.header_detected {
                    ui.label(RichText::new(tr(lang, "(detected)", "(tự nhận)")).weak());
                }
            });
            ui.end_row();
            ui.label(tr(lang, "Size", "Kích thước"));
            ui.label(match lang {
                Lang::En => format!(
                    "{} rows · {} columns",
                    count(lang, table.len()),
                    table.width()
                ),
                Lang::Vi => format!("{} dòng · {} cột", count(lang, table.len()), table.width()),
            });
            ui.end_row();
        });
    for d in &info.duplicate_headers {
        widgets::problem_box(
            ui,
            tr(
                lang,
                "Two columns have the same header",
                "Hai cột trùng tiêu đề",
            ),
            &match lang {
                Lang::En => format!(
                    "Columns {} are all called \"{}\". Rename one in the file (or pick another header row) so each can be mapped.",
                    d.columns.join(", "),
                    d.header
                ),
                Lang::Vi => format!(
                    "Các cột {} cùng tên \"{}\". Hãy đổi tên một cột trong tệp (hoặc chọn dòng tiêu đề khác) để ghép được từng cột.",
                    d.columns.join(", "),
                    d.header
                ),
            },
        );
    }
    reload
}

fn format_name(info: &SourceInfo, lang: Lang) -> String {
    use crate::source::Format;
    let kind = match info.format {
        Format::Csv => tr(lang, "Text file (CSV/TSV)", "Tệp văn bản (CSV/TSV)"),
        Format::Xlsx => tr(lang, "Excel workbook", "Sổ làm việc Excel"),
        Format::Xls => tr(lang, "Excel 97–2003 workbook", "Sổ làm việc Excel 97–2003"),
        Format::Xlsb => tr(lang, "Excel binary workbook", "Sổ làm việc Excel nhị phân"),
        Format::Ods => tr(lang, "OpenDocument spreadsheet", "Bảng tính OpenDocument"),
    };
    format!("{kind} · {}", info.format.as_str())
}

fn delimiter_name(c: char, lang: Lang) -> String {
    match c {
        ',' => tr(lang, "Comma ( , )", "Dấu phẩy ( , )").into(),
        ';' => tr(lang, "Semicolon ( ; )", "Dấu chấm phẩy ( ; )").into(),
        '\t' => tr(lang, "Tab", "Tab").into(),
        '|' => tr(lang, "Pipe ( | )", "Dấu gạch đứng ( | )").into(),
        other => format!("'{other}'"),
    }
}

/// The raw rows as read (every row, virtualised), with Excel's row numbers and column letters.
fn preview(ui: &mut egui::Ui, table: &Table, lang: Lang) {
    ui.label(
        RichText::new(tr(
            lang,
            "Preview (as read from the file)",
            "Xem trước (như đọc từ tệp)",
        ))
        .strong(),
    );
    let width = table.width();
    egui::ScrollArea::horizontal()
        .id_salt("preview-h")
        .show(ui, |ui| {
            let height = ui.available_height();
            let mut tb = TableBuilder::new(ui)
                .id_salt("preview")
                .striped(true)
                .resizable(true)
                .max_scroll_height(height)
                .column(Column::exact(56.0));
            for _ in 0..width {
                tb = tb.column(Column::initial(140.0).at_least(60.0).clip(true));
            }
            tb.header(40.0, |mut h| {
                h.col(|ui| {
                    ui.label(RichText::new(tr(lang, "Row", "Dòng")).weak());
                });
                for c in 0..width {
                    h.col(|ui| {
                        ui.vertical(|ui| {
                            ui.label(RichText::new(table.column_letter(c)).weak());
                            ui.label(
                                RichText::new(header_text(&table.headers()[c], lang)).strong(),
                            );
                        });
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, table.len(), |mut row| {
                    let r = row.index();
                    row.col(|ui| {
                        ui.label(RichText::new(table.row_number(r).to_string()).weak());
                    });
                    for c in 0..width {
                        row.col(|ui| {
                            ui.label(table.cell(r, c));
                        });
                    }
                });
            });
        });
}
