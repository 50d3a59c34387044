//! The inline editor of one cell: a text field in the cell, Enter (or clicking
//! elsewhere) keeps the text, Escape cancels.

use eframe::egui::{self, Id, Key, TextEdit, text::CCursorRange};

use super::Action;

/// A cell being edited.
#[derive(Clone, Debug)]
pub struct Editor {
    /// Table row index.
    pub row: u32,
    /// Table column.
    pub col: usize,
    pub text: String,
    /// Focus and select the text on the first frame.
    opening: bool,
}

impl Editor {
    pub fn new(row: u32, col: usize, text: String) -> Self {
        Self {
            row,
            col,
            text,
            opening: true,
        }
    }

    fn id(&self) -> Id {
        Id::unique(("check-edit", self.row, self.col))
    }

    /// Draws the text field in the current (cell) ui; `label` is the visible
    /// "Edit cell C17" label it is named by.
    pub fn show(&mut self, ui: &mut egui::Ui, label: Option<Id>, actions: &mut Vec<Action>) {
        let id = self.id();
        let mut out = TextEdit::singleline(&mut self.text)
            .id(id)
            .desired_width(f32::INFINITY)
            .margin(egui::vec2(2.0, 1.0))
            .show(ui);
        let mut resp = out.response.response.clone();
        if let Some(label) = label {
            resp = resp.labelled_by(label);
        }
        if self.opening {
            self.opening = false;
            resp.request_focus();
            out.state
                .cursor
                .set_char_range(Some(CCursorRange::select_all_str(&self.text)));
            out.state.store(ui.ctx(), id);
            return;
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape && (resp.lost_focus() || resp.has_focus()) {
            actions.push(Action::CancelEdit);
        } else if resp.lost_focus() || (enter && resp.has_focus()) {
            // Enter, Tab or a click elsewhere keeps the text (as in Excel).
            actions.push(Action::CommitEdit);
        } else if !resp.has_focus() && !ui.ctx().memory(|m| m.has_focus(id)) {
            // Focus went elsewhere without this field noticing (e.g. it scrolled away).
            actions.push(Action::CommitEdit);
        }
    }
}
