//! `pango-importer-cli`: the headless front end.

fn main() {}
