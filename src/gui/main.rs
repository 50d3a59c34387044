//! `pango-importer`: the desktop wizard.
fn main() {
    println!("Pango Importer {}", pango_importer::VERSION_LINE);
}
