//! A mapping file names columns by header under the one rule the app and templates use:
//! accents, case and spacing set aside, an exact header first, two columns that could
//! be meant refused naming both.

mod common;

use common::cli::{expect_file_error, validate_mapped, write};
use serde_json::json;

const FILE: &str = "Mã KH,Họ và tên,Số điện thoại\nKH1,Nguyễn Văn An,0912345678\n";
/// Two columns that fold alike: "Tên" and "Ten".
const TWO_NAMES: &str = "Mã KH,Tên,Ten,Số điện thoại\nKH1,An,An,0912345678\n";

/// The mapping's columns, with `name` naming the one for fullName.
fn name_column(name: &str) -> serde_json::Value {
    json!([
        {"column": "Mã KH", "field": "customerId"},
        {"column": name, "field": "fullName"},
        {"column": "Số điện thoại", "field": "phone"}
    ])
}

fn validate_with(csv: &str, columns: serde_json::Value) -> (common::cli::Run, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "khach hang.csv", csv);
    let map = write(
        dir.path(),
        "mau.json",
        json!({"version": 1, "object_type": "customer-identity", "columns": columns}).to_string(),
    );
    (validate_mapped(&path, &map), dir)
}

#[test]
fn a_mapping_naming_so_dien_thoai_finds_the_accented_column() {
    let (run, _dir) = validate_with(
        FILE,
        json!([
            {"column": "ma kh", "field": "customerId"},
            {"column": "HO VA TEN", "field": "fullName"},
            {"column": "So dien thoai", "field": "phone"}
        ]),
    );
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["valid"], 1, "{v}");
    assert_eq!(v["mapping"]["Số điện thoại"], "phone", "{v}");
    assert_eq!(v["mapping"]["Mã KH"], "customerId", "{v}");
}

#[test]
fn two_columns_that_fold_alike_are_refused_naming_both() {
    let (run, dir) = validate_with(TWO_NAMES, name_column("TEN"));
    let message = expect_file_error(&run, &dir.path().join("mau.json"), None);
    assert!(
        message.contains("B ('Tên')") && message.contains("C ('Ten')"),
        "{message}"
    );
    // An exact header is no ambiguity.
    let (run, _dir) = validate_with(TWO_NAMES, name_column("Ten"));
    run.expect_code(0);
    assert_eq!(run.json()["mapping"]["Ten"], "fullName");
}
