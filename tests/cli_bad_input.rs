//! Bad input through the command line: a clear message naming the file (and the
//! row where it applies), exit code 2, `{"error": …}` with `--json`, never a panic.

mod common;

use std::path::Path;

use common::cli::{Run, arg, cli, expect_file_error, validate_mapped, words, write};
use serde_json::{Value, json};

fn inspect(path: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["inspect", arg(path), "--json"];
    args.extend(extra);
    cli(args)
}

fn validate(path: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "validate",
        arg(path),
        "--object",
        "customer-identity",
        "--json",
    ];
    args.extend(extra);
    cli(args)
}

/// Both `inspect` and `validate --auto-map` refuse the file the same way.
fn refused(path: &Path, row: Option<u32>) -> String {
    let message = expect_file_error(&inspect(path, &[]), path, row);
    expect_file_error(&validate(path, &["--auto-map"]), path, row);
    message.to_lowercase()
}

#[test]
fn an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "trống.csv", b"");
    assert!(refused(&path, None).contains("empty"));
}

#[test]
fn a_header_without_data_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "chỉ tiêu đề.csv", "Mã KH,Họ và tên,SĐT\r\n");
    let message = expect_file_error(&inspect(&path, &[]), &path, Some(1));
    assert!(message.contains("no data rows"), "{message}");
    expect_file_error(&validate(&path, &["--auto-map"]), &path, Some(1));
}

#[test]
fn binary_garbage_named_csv() {
    let dir = tempfile::tempdir().unwrap();
    // Deterministic "random" bytes with NULs among them.
    let mut x: u32 = 0x2545_F491;
    let bytes: Vec<u8> = (0..4096)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if i % 7 == 0 { 0 } else { x as u8 }
        })
        .collect();
    let path = write(dir.path(), "data.csv", bytes);
    assert!(refused(&path, None).contains("binary"));
}

#[test]
fn a_truncated_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/khach_hang.xlsx");
    let bytes = std::fs::read(real).unwrap();
    let path = write(dir.path(), "cắt.xlsx", &bytes[..500]);
    assert!(refused(&path, None).contains("damaged"));
}

#[test]
fn an_html_page_saved_as_xls_says_how_to_resave() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\
                <table><tr><td>Mã KH</td><td>Họ tên</td></tr><tr><td>KH1</td><td>An</td></tr>\
                </table></body></html>\n";
    let path = write(dir.path(), "xuat tu web.xls", page);
    let message = refused(&path, None);
    assert!(message.contains("save as"), "{message}");
}

#[test]
fn a_csv_named_xlsx_is_read_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "khach.xlsx",
        "Mã KH,Họ và tên,SĐT\nKH1,An,0912345678\n",
    );
    let run = inspect(&path, &[]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["format"], "csv");
    assert_eq!(v["columns"], json!(["Mã KH", "Họ và tên", "SĐT"]));
    validate(&path, &["--auto-map"]).expect_code(0);
}

#[test]
fn an_unterminated_quote_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "cut.csv",
        "Mã KH,Họ và tên,SĐT\nKH1,An,0912345678\nKH2,\"Bình,0912345679\nKH3,Cúc,0912345670\n",
    );
    let message = refused(&path, Some(3));
    assert!(message.contains("row 3"), "{message}");
    assert!(message.contains("quote"), "{message}");
}

#[test]
fn a_20_mb_field_is_a_too_long_issue_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Mã KH,Họ và tên,SĐT\nKH1,");
    text.push_str(&"a".repeat(20 << 20));
    text.push_str(",0912345678\nKH2,Bình,0912345679\n");
    let path = write(dir.path(), "to.csv", text);
    let run = validate(&path, &["--auto-map"]);
    match run.code {
        1 => {
            let v = run.json();
            assert_eq!((&v["valid"], &v["invalid"]), (&json!(1), &json!(1)));
            let issue = &v["issues"][0];
            assert_eq!(
                (&issue["row"], &issue["column"]),
                (&json!(2), &json!("Họ và tên"))
            );
            let message = issue["message"].as_str().unwrap();
            assert!(message.contains("too long"), "{message}");
        }
        _ => {
            expect_file_error(&run, &path, Some(2));
        }
    }
}

#[test]
fn invalid_utf8_forced_as_utf8_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "sai ma.csv",
        b"customerId,fullName,phone\nC1,An,0912345678\nC2,B\xe9o,0912345677\n".as_slice(),
    );
    let run = inspect(&path, &["--encoding", "UTF-8"]);
    let message = expect_file_error(&run, &path, Some(3));
    assert!(message.contains("UTF-8"), "{message}");
    let run = validate(&path, &["--auto-map", "--encoding", "UTF-8"]);
    expect_file_error(&run, &path, Some(3));
    // Left to detection, the same bytes read as a legacy encoding.
    inspect(&path, &[]).expect_code(0);
}

#[test]
fn duplicate_headers_are_listed_refused_by_auto_map_and_mapped_by_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "trung.csv",
        "Mã KH,Họ và tên,Liên hệ,Liên hệ\nKH1,An,0912345678,an@x.vn\n",
    );
    let run = inspect(&path, &[]);
    run.expect_code(0);
    assert_eq!(
        run.json()["columns"],
        json!(["Mã KH", "Họ và tên", "Liên hệ", "Liên hệ"])
    );

    let run = validate(&path, &["--auto-map"]);
    let message = expect_file_error(&run, &path, None);
    assert!(message.contains("'Liên hệ'"), "{message}");
    let w = words(&message);
    assert!(w.contains(&"C") && w.contains(&"D"), "{message}");

    let map = write(
        dir.path(),
        "map.json",
        json!({
            "version": 1,
            "object_type": "customer-identity",
            "columns": [
                {"column": "Mã KH", "field": "customerId"},
                {"column": "Họ và tên", "field": "fullName"},
                {"position": "C", "field": "phone"},
                {"position": "D", "field": "email"}
            ]
        })
        .to_string(),
    );
    validate(&path, &["--mapping", arg(&map)]).expect_code(0);
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("không có.csv");
    refused(&path, None);
}

#[test]
fn read_options_that_do_not_fit_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.csv", "customerId,fullName\nC1,An\n");
    let message = expect_file_error(&inspect(&path, &["--encoding", "klingon"]), &path, None);
    assert!(message.contains("klingon"), "{message}");
    expect_file_error(&inspect(&path, &["--header-row", "9"]), &path, None);
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/khach_hang.ods");
    let message = expect_file_error(&inspect(&book, &["--sheet", "Không có"]), &book, None);
    assert!(message.contains("Không có"), "{message}");
}

#[test]
fn an_unknown_object_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.csv", "customerId,fullName\nC1,An\n");
    let run = cli([
        "validate",
        arg(&path),
        "--object",
        "khach-hang",
        "--auto-map",
        "--json",
    ]);
    run.expect_code(2);
    let v = run.json();
    let err = v["error"].as_object().expect("an error object");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("khach-hang"), "{message}");
    assert!(message.contains("objects"), "points to the list: {message}");
    assert!(run.stderr.contains("khach-hang"), "{}", run.stderr);
}

fn mapping_error(map_text: &str) -> (Run, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "a.csv",
        "customerId,fullName,phone\nC1,An,0912345678\n",
    );
    let map = write(dir.path(), "anh xa.json", map_text);
    let run = validate(&path, &["--mapping", arg(&map)]);
    (run, map, dir)
}

#[test]
fn a_malformed_mapping_file_is_named() {
    let (run, map, _dir) =
        mapping_error("{\"version\": 1, \"object_type\": \"customer-identity\", \"columns\": [");
    expect_file_error(&run, &map, None);
}

#[test]
fn an_unknown_field_in_a_mapping_says_which() {
    let m: Value = json!({
        "version": 1,
        "object_type": "customer-identity",
        "columns": [
            {"column": "customerId", "field": "customerId"},
            {"column": "fullName", "field": "hoTen"},
            {"column": "phone", "field": "phone"}
        ]
    });
    let (run, _map, _dir) = mapping_error(&m.to_string());
    run.expect_code(2);
    let v = run.json();
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains("'hoTen'"), "{message}");
    assert!(run.stderr.contains("'hoTen'"), "{}", run.stderr);
}

#[test]
fn malformed_utf16_is_an_encoding_error_naming_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes: Vec<u8> =
        "\u{feff}customerId\tphone\tfullName\nC1\t0912345678\tAn\nC2\t0912345679\tB"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
    bytes.extend([0x00, 0xD8]); // a lone high surrogate
    bytes.extend("nh\n".encode_utf16().flat_map(u16::to_le_bytes));
    let path = write(dir.path(), "unicode.txt", bytes);
    let out = dir.path().join("p.jsonl");
    let run = cli([
        "upload",
        arg(&path),
        "--object",
        "customer-identity",
        "--auto-map",
        "--dry-run",
        "--json",
        "--payload-out",
        arg(&out),
    ]);
    expect_file_error(&run, &path, Some(3));
}

#[test]
fn a_usage_error_with_json_prints_the_error_object() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.csv", "customerId,fullName\nC1,An\n");
    let run = cli(["validate", arg(&path), "--json"]); // no --object, no mapping
    run.expect_code(2);
    let v = run.json();
    assert!(v["error"]["message"].is_string(), "{v}");
}

#[test]
fn an_unknown_object_type_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.csv", "customerId,fullName\nC1,An\n");
    let run = cli([
        "validate",
        arg(&path),
        "--object",
        "khach-hang",
        "--auto-map",
        "--json",
    ]);
    expect_file_error(&run, &path, None);
}

#[test]
fn an_unknown_field_in_a_mapping_names_the_mapping_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "a.csv",
        "customerId,fullName,phone\nC1,An,0912345678\n",
    );
    let map = write(dir.path(), "anh xa.json", json!({"version": 1, "object_type": "customer-identity",
        "columns": [{"column": "customerId", "field": "customerId"}, {"column": "fullName", "field": "hoTen"}]}).to_string());
    let run = validate_mapped(&path, &map);
    expect_file_error(&run, &map, None);
}

/// A workbook saved with a password is said to be one (with how to remove the
/// password in Excel), not "damaged".
fn says_password_protected(message: &str) {
    let m = message.to_lowercase();
    assert!(m.contains("password"), "{message}");
    assert!(!m.contains("damaged"), "{message}");
    assert!(m.contains("encrypt with password"), "{message}");
    assert!(m.contains("protect workbook"), "{message}");
}

#[test]
fn a_password_protected_xlsx_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "mật khẩu.xlsx", common::cfb::encrypted_xlsx());
    says_password_protected(&refused(&path, None));
    // The extension does not matter: the content says what it is.
    let path = write(dir.path(), "mật khẩu.xls", common::cfb::encrypted_xlsx());
    says_password_protected(&refused(&path, None));
}

#[test]
fn a_password_protected_xls_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "cũ có mật khẩu.xls",
        common::cfb::password_xls(),
    );
    says_password_protected(&refused(&path, None));
}

#[test]
fn a_text_footer_does_not_become_the_header_when_the_real_header_has_a_number() {
    // The real header has a year in it (not all text); the signature line at the
    // bottom looks like a header but would leave no data rows.
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "doanh số.csv",
        "Mã KH,Họ và tên,2024\nKH1,An,5\nKH2,Bình,6\n\nNgười lập,Kế toán,Giám đốc\n",
    );
    let run = inspect(&path, &[]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["header_row"], 1, "{v}");
    assert_eq!(v["columns"], json!(["Mã KH", "Họ và tên", "2024"]));
    // The user can still name any row with data below it.
    let run = inspect(&path, &["--header-row", "2"]);
    run.expect_code(0);
    assert_eq!(run.json()["header_row"], 2);
}
