//! Feeds arbitrary bytes to the file readers under every extension and with forced
//! encodings/delimiters: any input must give a table or a FileError, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pango_importer::source::{ReadOptions, read_file};

const EXTENSIONS: [&str; 7] = ["csv", "tsv", "txt", "xlsx", "xls", "xlsb", "ods"];
const ENCODINGS: [Option<&str>; 5] = [None, Some("UTF-8"), Some("UTF-16LE"), Some("windows-1258"), Some("windows-1252")];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let ext = EXTENSIONS[selector as usize % EXTENSIONS.len()];
    let path = dir.path().join(format!("input.{ext}"));
    std::fs::write(&path, body).expect("write input");
    let opts = ReadOptions {
        encoding: ENCODINGS[(selector as usize / 7) % ENCODINGS.len()].map(str::to_string),
        delimiter: [None, Some(b';'), Some(b'\t')][(selector as usize / 35) % 3],
        header_row: if selector & 0x80 != 0 { Some(1 + (selector as u32 & 3)) } else { None },
        sheet: None,
    };
    if let Ok(loaded) = read_file(&path, &opts) {
        // Touch every cell: offsets must be consistent.
        let t = &loaded.table;
        for r in 0..t.len() {
            for c in 0..t.width() {
                std::hint::black_box(t.cell(r, c));
            }
        }
    }
});
