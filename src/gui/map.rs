// TEMPORARY compile shim, replaced by the Map helper's module before commit.
use crate::i18n::Lang;
use crate::mapping::Mapping;
use eframe::egui;
pub struct MapInput {
    pub file_name: String,
    pub headers: Vec<String>,
    pub samples: Vec<Vec<String>>,
    pub templates_dir: std::path::PathBuf,
}
pub struct MapState {
    m: Mapping,
}
impl MapState {
    pub fn new(input: MapInput, object_type: Option<&str>) -> Self {
        let o = crate::schema::find(object_type.unwrap_or("customer-identity")).unwrap();
        Self {
            m: crate::mapping::auto_mapping(&input.headers, o).unwrap(),
        }
    }
    pub fn with_mapping(_input: MapInput, m: Mapping) -> Self {
        Self { m }
    }
    pub fn mapping(&self) -> Mapping {
        self.m.clone()
    }
    pub fn blocker(&self, _lang: Lang) -> Option<String> {
        None
    }
    pub fn poll(&mut self) {}
}
pub fn ui(ui: &mut egui::Ui, st: &mut MapState, _lang: Lang) {
    ui.label(format!("{} columns", st.m.columns.len()));
}
