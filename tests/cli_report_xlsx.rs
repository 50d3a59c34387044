//! `--report x.xlsx`: the issues report of `validate` and the result report of
//! `upload` as workbooks for people (headers and statuses in `--lang`, text kept as
//! text, row numbers as numbers); any other extension keeps the CSV of design.md §3.
//! Continuation lines (left blank under merged order cells) carry their entry's key
//! in both.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, open_workbook_auto};
use common::cli::{arg, cli, write};
use common::{cli_command, read_result_report, run_captured, unique_secret};
use pango_importer::sandbox::{Account, Sandbox, SandboxConfig};

/// Phones with leading zeros, a bad phone ("0999") and a date that is not one.
const CUSTOMERS: &str = "Mã KH,Họ và tên,SĐT,Ngày sinh\n\
    007,Nguyễn Văn An,0912345678,15/01/1990\n\
    KH2,Bé Tư,12345,31/02/1990\n\
    KH4,Đặng Thị Ngọc,0999,\n";

fn order_sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/don-hang-mau.csv")
}

/// The first sheet's name and its cells, row by row.
fn sheet(path: &Path) -> (String, Vec<Vec<Data>>) {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    (name, range.rows().map(<[Data]>::to_vec).collect())
}

fn texts(row: &[Data]) -> Vec<String> {
    row.iter().map(|d| d.to_string()).collect()
}

fn s(text: &str) -> Data {
    Data::String(text.into())
}

/// `validate FILE --auto-map --lang LANG --report REPORT` on the customers: exit 1.
fn validate(file: &Path, report: &Path, lang: &str) {
    let args = ["validate", arg(file), "--object", "customer-identity"];
    cli(args
        .into_iter()
        .chain(["--auto-map", "--lang", lang, "--report", arg(report)]))
    .expect_code(1);
}

#[test]
fn validate_writes_a_workbook_in_the_requested_language_for_xlsx_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "kh.csv", CUSTOMERS);
    let report = dir.path().join("vấn đề.xlsx");
    validate(&file, &report, "vi");
    let (name, rows) = sheet(&report);
    assert_eq!(name, "Vấn đề");
    assert_eq!(
        texts(&rows[0]).join(","),
        "Dòng,Cột,Trường,Giá trị,Thông báo,Loại,Mức độ"
    );
    let phone = rows
        .iter()
        .find(|r| r[1] == s("SĐT") && r[0] == Data::Float(4.0));
    let phone = phone.unwrap_or_else(|| panic!("the bad phone on row 4: {rows:?}"));
    assert_eq!(phone[3], s("0999"), "the value stays text, its 0 kept");
    assert!(phone[4].to_string().contains("số điện thoại"), "{phone:?}");
    assert_eq!(phone[6], s("lỗi"));
    let date = rows.iter().find(|r| r[1] == s("Ngày sinh")).unwrap();
    assert_eq!(
        (&date[0], &date[3]),
        (&Data::Float(3.0), &s("31/02/1990")),
        "a row number is a number, a date as the file had it"
    );

    // English, and the extension in capitals.
    let report = dir.path().join("issues.XLSX");
    validate(&file, &report, "en");
    let (name, rows) = sheet(&report);
    assert_eq!(name, "Issues");
    assert_eq!(
        texts(&rows[0]),
        [
            "Row", "Column", "Field", "Value", "Message", "Kind", "Severity"
        ]
    );
    assert!(rows[1..].iter().all(|r| r[6] == s("error")), "{rows:?}");

    // Any other extension keeps the CSV of design.md §3, whatever the language.
    let report = dir.path().join("issues.txt");
    validate(&file, &report, "vi");
    let bytes = std::fs::read(&report).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFrow,column,field,value,message,kind,severity\n"));
}

#[test]
fn a_dry_run_report_gives_continuation_lines_their_orders_key_in_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("kết quả.csv");
    let book = dir.path().join("kết quả.xlsx");
    for report in [&csv, &book] {
        let ran = cli([
            "upload",
            arg(&order_sample()),
            "--object",
            "order",
            "--auto-map",
            "--dry-run",
            "--report",
            arg(report),
        ]);
        ran.expect_code(1);
    }
    let lines = read_result_report(&csv);
    let key = |row: u32| lines.iter().find(|l| l.0 == row).unwrap().1.clone();
    assert_eq!(key(2), "DH1001", "{lines:?}");
    assert_eq!(key(3), "DH1001", "the line under merged cells: {lines:?}");
    assert_eq!(lines[1].2, "not sent");

    let (name, rows) = sheet(&book);
    assert_eq!(name, "Result");
    assert_eq!(texts(&rows[0]), ["Row", "Key", "Status", "Reason"]);
    assert_eq!(rows.len(), lines.len() + 1);
    for (l, r) in lines.iter().zip(&rows[1..]) {
        assert_eq!(r[0], Data::Float(f64::from(l.0)));
        assert_eq!(r[1].to_string(), l.1, "the same keys as the CSV");
        assert_eq!(r[2].to_string(), l.2);
    }
}

#[test]
fn an_upload_writes_its_result_workbook_with_vietnamese_statuses() {
    let account = Account {
        username: "report@acme.vn".into(),
        api_key: unique_secret("k3y-"),
        cdp_gkey: "e7402a2f14aaaaa27488373a60355e0c".into(),
    };
    let sb = Sandbox::start(SandboxConfig {
        accounts: vec![account.clone()],
        ..SandboxConfig::default()
    })
    .expect("the sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("kết quả.xlsx");
    let ran = run_captured(
        cli_command()
            .arg("upload")
            .arg(order_sample())
            .args([
                "--object",
                "order",
                "--auto-map",
                "--lang",
                "vi",
                "--report",
            ])
            .arg(&report)
            .env("PANGO_IMPORTER_HOME", dir.path().join("home"))
            .env("PANGO_AUTH_URL", sb.auth_url())
            .env("PANGO_INGEST_URL", sb.ingest_url())
            .env("PANGO_USERNAME", &account.username)
            .env("PANGO_API_KEY", &account.api_key)
            .env("PANGO_CDP_GKEY", &account.cdp_gkey),
        Duration::from_secs(60),
    );
    assert_eq!(ran.code, Some(1), "one row is invalid: {}", ran.stderr);
    let (name, rows) = sheet(&report);
    assert_eq!(name, "Kết quả");
    assert_eq!(texts(&rows[0]), ["Dòng", "Mã", "Trạng thái", "Lý do"]);
    let by_row = |n: u32| {
        let n = Data::Float(f64::from(n));
        rows.iter().find(|r| r[0] == n).unwrap()
    };
    assert_eq!(by_row(2)[1..3], [s("DH1001"), s("đã nhận")]);
    assert_eq!(
        by_row(3)[1..3],
        [s("DH1001"), s("đã nhận")],
        "the continuation line carries its order's key"
    );
    assert_eq!(by_row(7)[2], s("lỗi"));
    assert!(
        by_row(7)[3].to_string().contains("Mã SP"),
        "{:?}",
        by_row(7)
    );
}
