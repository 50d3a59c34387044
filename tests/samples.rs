//! The sample files shipped in assets/samples/ (for trying the sandbox, and for
//! the desktop app's "try without an account"): each shows what it says it shows.

use std::path::Path;

use pango_importer::mapping::{auto_mapping, resolve};
use pango_importer::schema;
use pango_importer::source::{ReadOptions, read_file};
use pango_importer::validate::{Validation, validate};

fn check(file: &str, object: &str) -> Validation {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(file);
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    let m = auto_mapping(loaded.table.headers(), schema::find(object).unwrap()).unwrap();
    let plan = resolve(&m, loaded.table.headers()).unwrap();
    validate(&loaded.table, &plan, None).unwrap()
}

fn codes(v: &Validation) -> Vec<(u32, &'static str)> {
    v.issues.iter().map(|i| (i.row, i.problem.code())).collect()
}

#[test]
fn the_customer_sample_is_a_messy_export_with_a_few_real_mistakes() {
    let v = check("khach-hang-thang-11.csv", "customer-identity");
    assert_eq!((v.rows(), v.valid, v.invalid, v.units.len()), (10, 7, 3, 6));
    assert_eq!(
        codes(&v),
        [
            (6, "invalid_email"),
            (6, "invalid_date"),
            (7, "missing_one_of"),
            (8, "duplicate_row"),
            (9, "invalid_phone"),
        ]
    );
}

#[test]
fn the_order_sample_has_merged_cells_lines_apart_and_one_missing_sku() {
    let v = check("don-hang-mau.csv", "order");
    assert_eq!((v.rows(), v.valid, v.invalid, v.units.len()), (6, 5, 1, 3));
    assert_eq!(codes(&v), [(3, "continues_entry"), (7, "required")]);
}

#[test]
fn the_customer_workbook_skips_its_notes_sheet_and_catches_its_mistakes() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/khach-hang-thang-12.xlsx");
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    assert_eq!(loaded.info.sheets, ["Ghi chú", "Khách hàng T12"]);
    assert_eq!(
        loaded.info.sheet.as_deref(),
        Some("Khách hàng T12"),
        "the one-line notes sheet is passed over"
    );
    assert_eq!(
        loaded.info.header_row, 3,
        "below the merged title and a blank row"
    );
    let v = check("khach-hang-thang-12.xlsx", "customer-identity");
    assert_eq!(v.rows(), 13, "12 customers and the totals row");
    // 912345678 (a number that lost its 0) and the real Excel dates are fine; a phone
    // with too few digits, a hotline, a bad e-mail and 31 February are not; the totals row
    // ("Tổng cộng: 12 khách hàng" under the names) is one warning and is not sent.
    assert_eq!(
        codes(&v),
        [
            (6, "invalid_email"),
            (6, "invalid_date"),
            (7, "missing_one_of"),
            (8, "invalid_phone"),
            (14, "invalid_phone"),
            (17, "totals_row"),
        ]
    );
    assert_eq!((v.valid, v.invalid, v.skipped), (8, 4, 1));
}
