//! The table of rows: virtualised (only the rows in view are laid out), one column for
//! the row number the user sees, one for the row's status, then the file's columns.
//! Cells with issues are coloured; hovering shows the messages and the value sent.

use eframe::egui::{
    self, Align, CornerRadius, Id, Key, Response, Role, Sense, TextStyle, Ui, WidgetInfo,
};
use egui_extras::{Column, TableBuilder};

use crate::gui::text::{count, tr};
use crate::i18n::Lang;
use crate::validate::{Issue, RowState, Value};

use super::frozen::Frozen;
use super::paint::{self, Severity, severity};
use super::{Action, CheckState, Filter};

/// The line above the table: how many rows are shown, and how to edit (or, while
/// editing, the "Edit cell C17" label the text field is named by).
pub fn toolbar(ui: &mut Ui, st: &CheckState, lang: Lang) -> Option<Id> {
    let mut label = None;
    ui.horizontal(|ui| {
        let shown = count(lang, st.view.len());
        let total = count(lang, st.table.len());
        ui.label(match lang {
            Lang::En => format!("Showing {shown} of {total} rows"),
            Lang::Vi => format!("Đang hiện {shown} / {total} dòng"),
        });
        ui.separator();
        if let Some(ed) = &st.editor {
            let cell = format!(
                "{}{}",
                st.table.column_letter(ed.col),
                st.table.row_number(ed.row as usize)
            );
            let text = match lang {
                Lang::En => format!("Edit cell {cell}"),
                Lang::Vi => format!("Sửa ô {cell}"),
            };
            label = Some(ui.strong(text).id);
            ui.weak(tr(
                lang,
                "Enter keeps the change · Esc cancels",
                "Enter để lưu · Esc để hủy",
            ));
        } else if st.busy() {
            ui.spinner();
            ui.label(tr(lang, "Checking again…", "Đang kiểm tra lại…"));
        } else {
            ui.weak(tr(
                lang,
                "Double-click a cell (or select it and press Enter or F2) to fix it",
                "Nhấp đúp vào ô (hoặc chọn ô rồi nhấn Enter hoặc F2) để sửa",
            ));
        }
    });
    label
}

/// The table itself.
pub fn show(
    ui: &mut Ui,
    st: &mut CheckState,
    lang: Lang,
    edit_label: Option<Id>,
    actions: &mut Vec<Action>,
) {
    if st.view.is_empty() {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(match st.filter {
                Filter::All => tr(lang, "The file has no rows.", "Tệp không có dòng nào."),
                _ => tr(
                    lang,
                    "No rows match this filter.",
                    "Không có dòng nào khớp bộ lọc này.",
                ),
            });
        });
        return;
    }
    let body_h = ui.text_style_height(&TextStyle::Body);
    let row_h = body_h + 6.0;
    let digits = st.table.row_number(st.table.len() - 1).to_string().len() as f32;
    let row_w = (digits * body_h * 0.6 + 16.0).max(44.0);
    let status_w = body_h + 10.0;
    let show_reasons = st.rejected.is_some();
    let can_edit = st.can_edit();
    st.jump_with_keys(ui.ctx());
    let scroll_to = st.scroll_to.take();
    let focus_cell = st.focus_cell.take();

    let table = st.table.clone();
    let validation = st.validation.clone();
    let width = table.width();
    let mut first_last: Option<(u32, u32)> = None;
    let mut focused = false;

    // Salted with the table: a new file opens at its first row and column, while the
    // same file checked again (after a change in Map) keeps its place.
    let table_salt = std::sync::Arc::as_ptr(&table) as usize;
    egui::ScrollArea::horizontal()
        .id_salt(("check-grid-h", table_salt))
        .show(ui, |ui| {
            let gap = ui.spacing().item_spacing.x;
            let frozen = Frozen::measure(ui, row_w + status_w + 2.0 * gap);
            let mut tb = TableBuilder::new(ui)
                .id_salt(("check-grid", table_salt))
                .striped(true)
                .resizable(true)
                .auto_shrink(false)
                .animate_scrolling(false)
                .cell_layout(egui::Layout::left_to_right(Align::Center))
                .column(Column::exact(row_w))
                .column(Column::exact(status_w));
            if show_reasons {
                tb = tb.column(Column::initial(240.0).at_least(80.0).clip(true));
            }
            for c in 0..width {
                let chars = table.headers()[c].chars().count() as f32;
                let w = (chars * body_h * 0.55 + 24.0).clamp(90.0, 220.0);
                tb = tb.column(Column::initial(w).at_least(40.0).clip(true));
            }
            if let Some(pos) = scroll_to {
                tb = tb.scroll_to_row(pos, Some(Align::Center));
            }
            tb.header(body_h * 2.0 + 8.0, |mut header| {
                header.col(|ui| {
                    let rect = frozen.place(ui.max_rect());
                    let painter = frozen.painter(ui, rect, false, false, false);
                    let text = egui::RichText::new(tr(lang, "Row", "Dòng")).strong();
                    let galley = egui::WidgetText::from(text).into_galley(
                        ui,
                        Some(egui::TextWrapMode::Truncate),
                        rect.width(),
                        TextStyle::Body,
                    );
                    let at = egui::pos2(rect.left(), rect.center().y - galley.size().y / 2.0);
                    painter.galley(at, galley, ui.visuals().strong_text_color());
                    let resp = ui.interact(rect, Id::unique("check-row-header"), Sense::hover());
                    let name = tr(lang, "Row", "Dòng");
                    resp.widget_info(|| WidgetInfo::labeled(Role::ColumnHeader, true, name));
                });
                header.col(|ui| {
                    // No room for a word: the column is named for screen readers and on hover.
                    let name = tr(lang, "Row status", "Trạng thái dòng");
                    let rect = frozen.place(ui.max_rect());
                    let _ = frozen.painter(ui, rect, false, false, true);
                    let resp = ui.interact(rect, Id::unique("check-status-header"), Sense::hover());
                    resp.widget_info(|| WidgetInfo::labeled(Role::ColumnHeader, true, name));
                    resp.on_hover_text(name);
                });
                if show_reasons {
                    header.col(|ui| {
                        ui.strong(tr(lang, "Server's reason", "Lý do máy chủ từ chối"));
                    });
                }
                for c in 0..width {
                    header.col(|ui| column_header(ui, st, c, lang));
                }
            })
            .body(|body| {
                body.rows(row_h, st.view.len(), |mut row| {
                    let r = st.view.row(row.index());
                    let row_number = table.row_number(r);
                    first_last = Some(match first_last {
                        None => (row_number, row_number),
                        Some((f, _)) => (f, row_number),
                    });
                    let issues = validation.issues_at(row_number);
                    let selected = st.selected.is_some_and(|(sr, _)| sr as usize == r);
                    row.set_selected(selected);
                    let stripe = row.index() % 2 == 1;
                    row.col(|ui| {
                        let rect = frozen.place(ui.max_rect());
                        let painter = frozen.painter(ui, rect, stripe, selected, false);
                        let resp =
                            ui.interact(rect, Id::unique(("check-rownum", r)), Sense::hover());
                        let label = match lang {
                            Lang::En => format!("Row {row_number}"),
                            Lang::Vi => format!("Dòng {row_number}"),
                        };
                        resp.widget_info(|| WidgetInfo::labeled(Role::RowHeader, true, &label));
                        let color = ui.visuals().weak_text_color();
                        let job = paint::plain(ui, &row_number.to_string(), color);
                        paint::text_on(&painter, ui, rect, job);
                    });
                    let state = validation.states[r];
                    let reason = st
                        .rejected
                        .as_ref()
                        .and_then(|rj| rj.reasons.get(&(r as u32)))
                        .map(String::as_str);
                    row.col(|ui| {
                        let rect = frozen.place(ui.max_rect());
                        let painter = frozen.painter(ui, rect, stripe, selected, true);
                        let cell = StatusCell {
                            r,
                            state,
                            issues,
                            reason,
                        };
                        status_cell(ui, &painter, rect, cell, lang);
                    });
                    if show_reasons {
                        row.col(|ui| {
                            let text = reason.unwrap_or("");
                            let rect = ui.max_rect();
                            let resp =
                                ui.interact(rect, Id::unique(("check-reason", r)), Sense::hover());
                            resp.widget_info(|| WidgetInfo::labeled(Role::Cell, true, text));
                            let color = ui.visuals().text_color();
                            paint::text(ui, rect, paint::plain(ui, text, color));
                            if !text.is_empty() {
                                resp.on_hover_text(text);
                            }
                        });
                    }
                    for c in 0..width {
                        row.col(|ui| {
                            let editing = st
                                .editor
                                .as_ref()
                                .is_some_and(|e| e.row as usize == r && e.col == c);
                            if editing {
                                if let Some(ed) = st.editor.as_mut() {
                                    ed.show(ui, edit_label, actions);
                                }
                                return;
                            }
                            let resp = data_cell(ui, st, r, c, issues, lang);
                            if focus_cell == Some((r as u32, c)) {
                                resp.request_focus();
                                focused = true;
                            }
                            cell_actions(ui, st, &resp, r, c, can_edit, actions);
                        });
                    }
                });
            });
        });
    st.visible = first_last;
    // A cell scrolled to this frame may be drawn only on the next: focus it then.
    if !focused && scroll_to.is_some() {
        st.focus_cell = focus_cell;
    }
}

/// Header of a file column: its text, and under it the column letter and the field
/// it feeds (or that it is not sent).
fn column_header(ui: &mut Ui, st: &CheckState, c: usize, lang: Lang) {
    let header = crate::source::header_text(&st.table.headers()[c], lang);
    let letter = st.table.column_letter(c);
    let field = st.col_plan[c].map(|ci| {
        let target = &st.validation.plan.columns[ci].target;
        target
            .def
            .map(|d| d.label.get(lang).to_string())
            .unwrap_or_else(|| target.path.clone())
    });
    ui.vertical(|ui| {
        ui.add(egui::Label::new(egui::RichText::new(header).strong()).truncate());
        let weak = ui.visuals().weak_text_color();
        let below = match &field {
            Some(f) => paint::arrow_text(ui, &letter, f, weak, true),
            None => {
                let text = format!("{letter} · {}", tr(lang, "not sent", "không gửi"));
                paint::plain(ui, &text, weak)
            }
        };
        ui.add(egui::Label::new(below).truncate());
    });
}

/// What the status cell of row `r` shows.
struct StatusCell<'a> {
    r: usize,
    state: RowState,
    issues: &'a [Issue],
    reason: Option<&'a str>,
}

/// The row's status icon at `rect` (a frozen column), its messages on hover.
fn status_cell(
    ui: &mut Ui,
    painter: &egui::Painter,
    rect: egui::Rect,
    cell: StatusCell<'_>,
    lang: Lang,
) {
    let StatusCell {
        r,
        state,
        issues,
        reason,
    } = cell;
    let sev = if state == RowState::Invalid {
        Severity::Error
    } else {
        severity(issues.iter()).min(Severity::Warning)
    };
    let sev = if reason.is_some() {
        Severity::Error
    } else {
        sev
    };
    let name = match sev {
        Severity::Fine => tr(lang, "valid", "hợp lệ"),
        Severity::Warning => tr(lang, "warning", "cảnh báo"),
        Severity::Error => tr(lang, "error", "lỗi"),
    };
    let resp = ui.interact(rect, Id::unique(("check-status", r)), Sense::hover());
    resp.widget_info(|| WidgetInfo::labeled(Role::Cell, true, name));
    paint::icon_on(painter, ui, rect, sev);
    if issues.is_empty() && reason.is_none() {
        return;
    }
    resp.on_hover_ui(|ui| {
        ui.set_max_width(420.0);
        if let Some(reason) = reason {
            ui.label(format!(
                "{}: {reason}",
                tr(lang, "Rejected by the server", "Máy chủ từ chối")
            ));
        }
        for issue in issues {
            issue_line(ui, issue, true, lang);
        }
    });
}

/// One file cell: its text (or "original → sent"), coloured by its issues.
fn data_cell(
    ui: &mut Ui,
    st: &CheckState,
    r: usize,
    c: usize,
    row_issues: &[Issue],
    lang: Lang,
) -> Response {
    let table = st.cells();
    let text = table.cell(r, c);
    let cell_issues = || row_issues.iter().filter(move |i| i.column_index == Some(c));
    let sev = severity(cell_issues());
    let ci = st.col_plan[c];
    let sent = ci.map(|ci| st.validation.value(&st.table, r, ci));
    // With "Show values as sent", a value that changes on the way shows "original → sent".
    let shown_sent = match &sent {
        Some(Ok(Some(v))) if st.show_sent => Some(v.display()).filter(|d| d != text.trim()),
        _ => None,
    };
    let rect = ui.max_rect();
    let id = Id::unique(("check-cell", r, c));
    let resp = ui.interact(rect, id, Sense::click());
    let label = match (&shown_sent, text.is_empty()) {
        (Some(d), _) => format!("{text} → {d}"),
        (None, false) => text.to_string(),
        (None, true) => format!(
            "{}{} {}",
            st.table.column_letter(c),
            table.row_number(r),
            tr(lang, "empty", "trống")
        ),
    };
    resp.widget_info(|| WidgetInfo::labeled(Role::Cell, true, &label));

    if ui.is_rect_visible(rect) {
        if let Some(f) = paint::fill(ui, sev) {
            ui.painter()
                .rect_filled(rect.expand(1.0), CornerRadius::ZERO, f);
        }
        let color = ui.visuals().text_color();
        let mut job = paint::plain(ui, text, color);
        if let Some(d) = &shown_sent {
            let blue = paint::sent_color(ui);
            paint::arrow(ui, &mut job, blue);
            paint::append(ui, &mut job, d, blue);
        }
        paint::text(ui, rect, job);
        if st.selected == Some((r as u32, c)) || resp.has_focus() {
            paint::selection_frame(ui, rect);
        }
        if table.is_edited(r, c) {
            paint::edited_mark(ui, rect, paint::sent_color(ui));
        }
    }
    resp.on_hover_ui(|ui| {
        ui.set_max_width(420.0);
        for issue in cell_issues() {
            issue_line(ui, issue, false, lang);
        }
        if table.is_edited(r, c) {
            ui.weak(tr(lang, "Edited by you", "Bạn đã sửa ô này"));
        }
        ui.label(sent_line(sent.as_ref(), lang));
    })
}

/// "will be sent as: 0912345678", or why nothing is sent for this cell.
fn sent_line(
    sent: Option<&Result<Option<Value<'_>>, crate::validate::Problem>>,
    lang: Lang,
) -> String {
    match sent {
        None => tr(
            lang,
            "not sent: this column is not mapped to a field",
            "không gửi: cột này chưa được gán vào trường nào",
        )
        .to_string(),
        Some(Ok(Some(v))) => format!(
            "{}: {}",
            tr(lang, "will be sent as", "sẽ gửi là"),
            v.display()
        ),
        Some(Ok(None)) => tr(
            lang,
            "empty: nothing is sent for this field",
            "trống: không gửi gì cho trường này",
        )
        .to_string(),
        Some(Err(_)) => tr(
            lang,
            "cannot be sent until it is fixed",
            "không gửi được cho đến khi được sửa",
        )
        .to_string(),
    }
}

/// Selecting and opening the editor, by mouse or keyboard.
fn cell_actions(
    ui: &Ui,
    st: &CheckState,
    resp: &Response,
    r: usize,
    c: usize,
    can_edit: bool,
    actions: &mut Vec<Action>,
) {
    let (row, col) = (r as u32, c);
    let selected = st.selected == Some((row, col));
    let f2 = resp.has_focus() && ui.input(|i| i.key_pressed(Key::F2));
    if can_edit && (resp.double_clicked() || f2 || (resp.clicked() && selected)) {
        actions.push(Action::StartEdit { row, col });
    } else if (resp.clicked() || resp.gained_focus()) && !selected {
        actions.push(Action::Select { row, col });
    }
}

/// One issue in a tooltip: its icon, (its column,) its message.
fn issue_line(ui: &mut Ui, issue: &Issue, with_column: bool, lang: Lang) {
    let sev = if issue.is_warning() {
        Severity::Warning
    } else {
        Severity::Error
    };
    ui.horizontal(|ui| {
        paint::icon_widget(ui, sev, ui.text_style_height(&TextStyle::Body));
        let text = if with_column {
            issue.located_message(lang)
        } else {
            issue.message(lang)
        };
        ui.label(text);
    });
}
