// TEMPORARY compile shim, replaced by the Check helper's module before commit.
use crate::i18n::Lang;
use crate::mapping::Mapping;
use crate::source::Table;
use crate::validate::Validation;
use eframe::egui;
use std::path::PathBuf;
use std::sync::Arc;
pub struct CheckState {
    t: Arc<Table>,
    v: Arc<Validation>,
    m: Mapping,
}
impl CheckState {
    pub fn new(
        table: Arc<Table>,
        validation: Arc<Validation>,
        mapping: Mapping,
        _file: PathBuf,
    ) -> Self {
        Self {
            t: table,
            v: validation,
            m: mapping,
        }
    }
    pub fn table(&self) -> &Arc<Table> {
        &self.t
    }
    pub fn validation(&self) -> &Arc<Validation> {
        &self.v
    }
    pub fn mapping(&self) -> &Mapping {
        &self.m
    }
    pub fn busy(&self) -> bool {
        false
    }
    pub fn poll(&mut self, _ctx: &egui::Context) {}
    pub fn blocker(&self, _lang: Lang) -> Option<String> {
        None
    }
    pub fn show_rejected(&mut self, _rejected: Vec<(u32, String)>) {}
}
pub fn ui(ui: &mut egui::Ui, st: &mut CheckState, _lang: Lang) {
    ui.label(format!("{} valid, {} invalid", st.v.valid, st.v.invalid));
}
