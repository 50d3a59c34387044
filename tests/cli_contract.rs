//! The command-line contract of design.md §3 for `inspect`, `objects` and `validate`:
//! the real binary on files the tests write, `--json` keys, exit codes, reports.

mod common;

use std::path::Path;

use common::cli::{Run, VALIDATE_KEYS, arg, assert_keys, cli, write};
use serde_json::{Value, json};

const INSPECT_KEYS: [&str; 8] = [
    "format",
    "encoding",
    "delimiter",
    "sheets",
    "sheet",
    "header_row",
    "columns",
    "rows",
];
const ISSUE_KEYS: [&str; 5] = ["row", "column", "field", "value", "message"];

fn inspect(path: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["inspect", arg(path), "--json"];
    args.extend(extra);
    let run = cli(args);
    run.expect_code(0);
    let v = run.json();
    assert_keys(&v, &INSPECT_KEYS);
    v
}

fn validate(path: &Path, object: &str, extra: &[&str]) -> Run {
    let mut args = vec!["validate", arg(path), "--object", object];
    args.extend(extra);
    cli(args)
}

/// The contract's figures of an inspect result, in one comparable value.
fn summary(v: &Value) -> Value {
    json!([
        v["format"],
        v["encoding"],
        v["delimiter"],
        v["header_row"],
        v["rows"]
    ])
}

#[test]
fn inspect_utf8_bom_comma_csv() {
    let dir = tempfile::tempdir().unwrap();
    // The name is NFD (as macOS writes it); it comes back NFC.
    let text = "\u{feff}Mã KH,Họ và tên,SĐT\nKH001,Nguye\u{302}\u{303}n Văn Ánh,0912345678\nKH002,Trần Bình,0912345679\n";
    let path = write(dir.path(), "khach.csv", text);
    let v = inspect(&path, &[]);
    assert_eq!(summary(&v), json!(["csv", "UTF-8", ",", 1, 2]));
    assert_eq!(v["sheets"], json!([]));
    assert_eq!(v["sheet"], Value::Null);
    assert_eq!(v["columns"], json!(["Mã KH", "Họ và tên", "SĐT"]));

    let out = path.with_extension("jsonl");
    let run = cli([
        "upload",
        arg(&path),
        "--object",
        "customer-identity",
        "--auto-map",
        "--dry-run",
        "--payload-out",
        arg(&out),
    ]);
    run.expect_code(0);
    let body = std::fs::read_to_string(&out).unwrap();
    assert!(body.contains("Nguyễn Văn Ánh"), "NFC text: {body}");
}

const CUSTOMERS_VI: &str = "\
DANH SÁCH KHÁCH HÀNG THÁNG 10;;;
Mã KH;Họ và tên;SĐT;Ghi chú
KH001;Nguyễn Thị Hương;0912345678;Khách quen
KH002;Trần Đức Thắng;0987654321;
";

#[test]
fn inspect_windows_1258_semicolon_csv_and_encoding_override() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "khach hang.csv",
        common::to_windows_1258(CUSTOMERS_VI),
    );
    let v = inspect(&path, &[]);
    assert_eq!(summary(&v), json!(["csv", "windows-1258", ";", 2, 2]));
    assert_eq!(
        v["columns"],
        json!(["Mã KH", "Họ và tên", "SĐT", "Ghi chú"])
    );

    let run = validate(&path, "customer-identity", &["--auto-map", "--json"]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["mapping"]["Họ và tên"], "fullName");
    assert_eq!(v["mapping"]["SĐT"], "phone");

    // Forced to windows-1252, the tone marks' bytes read as Western letters.
    let v = inspect(&path, &["--encoding", "windows-1252", "--header-row", "2"]);
    assert_eq!(v["encoding"], "windows-1252");
    assert_eq!(v["header_row"], 2);
    let headers: Vec<&str> = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    // Windows-1258 writes tone marks as separate bytes: ~ (0xDE) reads as Þ,
    // the dot below (0xF2) as ò, the grave (0xCC) as Ì.
    assert_eq!(headers[0], "MaÞ KH");
    assert_eq!(headers[1], "Hoò vaÌ tên");
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let b = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        out.extend(b);
    }
    out
}

#[test]
fn inspect_utf16_unicode_text_and_pipe_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Mã KH\tHọ và tên\tĐịa chỉ\r\nKH001\tLê Hương\t12, Lê Lợi, Q1\r\n";
    for (le, label) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let path = write(dir.path(), &format!("{label}.txt"), utf16(text, le));
        let v = inspect(&path, &[]);
        assert_eq!(summary(&v), json!(["csv", label, "\t", 1, 1]));
        assert_eq!(v["columns"], json!(["Mã KH", "Họ và tên", "Địa chỉ"]));
    }

    let path = write(
        dir.path(),
        "pipe.txt",
        "customerId|fullName|phone\nC1|An|0912345678\nC2|Bình|0912345679\nC3|Cúc|0912345670\n",
    );
    let v = inspect(&path, &[]);
    assert_eq!(summary(&v), json!(["csv", "UTF-8", "|", 1, 3]));
    assert_eq!(v["columns"], json!(["customerId", "fullName", "phone"]));
    // A delimiter the user picks is used, even a wrong one.
    let v = inspect(&path, &["--delimiter", ";"]);
    assert_eq!(v["delimiter"], ";");
    assert_eq!(v["columns"], json!(["customerId|fullName|phone"]));

    // Tab chosen for a file where commas are only inside the values.
    let path = write(
        dir.path(),
        "tabs.txt",
        "Tên\tĐịa chỉ\nAn\t12, Lê Lợi, Q1\nBình\t3, Hai Bà Trưng\n",
    );
    let v = inspect(&path, &["--delimiter", "tab"]);
    assert_eq!(v["delimiter"], "\t");
    assert_eq!(v["columns"], json!(["Tên", "Địa chỉ"]));
    assert_eq!(v["rows"], 2);
}

/// A workbook with a title row over the customer sheet and a second sheet.
fn two_sheet_book(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Khách hàng").unwrap();
    ws.write_string(0, 0, "KHÁCH HÀNG THÁNG 10").unwrap();
    for (c, h) in ["Mã KH", "Họ tên", "SĐT"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, (id, name, phone)) in [("KH1", "An", "0912345678"), ("KH2", "Bình", "0912345679")]
        .iter()
        .enumerate()
    {
        let r = 3 + r as u32;
        ws.write_string(r, 0, *id).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, *phone).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("Đơn hàng").unwrap();
    ws.write_string(0, 0, "Mã đơn").unwrap();
    ws.write_string(0, 1, "Tổng tiền").unwrap();
    ws.write_string(1, 0, "DH1").unwrap();
    ws.write_number(1, 1, 150000.0).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn inspect_xlsx_sheets_sheet_choice_and_header_override() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao cao.xlsx");
    two_sheet_book(&path);
    let v = inspect(&path, &[]);
    assert_eq!(summary(&v), json!(["xlsx", null, null, 3, 2]));
    assert_eq!(v["sheets"], json!(["Khách hàng", "Đơn hàng"]));
    assert_eq!(v["sheet"], "Khách hàng");
    assert_eq!(v["columns"], json!(["Mã KH", "Họ tên", "SĐT"]));

    let v = inspect(&path, &["--sheet", "Đơn hàng"]);
    assert_eq!(v["sheet"], "Đơn hàng");
    assert_eq!(v["sheets"], json!(["Khách hàng", "Đơn hàng"]));
    assert_eq!((&v["header_row"], &v["rows"]), (&json!(1), &json!(1)));
    assert_eq!(v["columns"], json!(["Mã đơn", "Tổng tiền"]));

    let v = inspect(&path, &["--header-row", "4"]);
    assert_eq!((&v["header_row"], &v["rows"]), (&json!(4), &json!(1)));
    assert_eq!(v["columns"], json!(["KH1", "An", "0912345678"]));
}

#[test]
fn inspect_shipped_xls_and_ods_fixtures() {
    for format in ["xls", "ods", "xlsx"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(format!("khach_hang.{format}"));
        let v = inspect(&path, &[]);
        assert_eq!(summary(&v), json!([format, null, null, 3, 3]), "{format}");
        assert_eq!(v["sheets"], json!(["Trống", "Khách hàng", "Ghi chú"]));
        assert_eq!(v["sheet"], "Khách hàng");
        assert_eq!(
            v["columns"],
            json!(["Mã KH", "Họ tên", "SĐT", "Ngày sinh", "Điểm", "VIP"]),
            "{format}"
        );
    }
}

#[test]
fn objects_lists_thirteen_types_with_their_fields() {
    let run = cli(["objects", "--json"]);
    run.expect_code(0);
    let v = run.json();
    let list = v["objects"].as_array().expect("an objects list");
    let names: Vec<&str> = list.iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 13, "{names:?}");
    for expected in [
        "customer-identity",
        "order",
        "product",
        "shopping-cart",
        "purchase-history",
        "order-payment",
        "user-event",
        "custom-model",
        "meta-survey",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    for o in list {
        assert!(!o["fields"].as_array().unwrap().is_empty(), "{}", o["name"]);
    }
    let customer = list
        .iter()
        .find(|o| o["name"] == "customer-identity")
        .unwrap();
    let field = |name: &str| {
        customer["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
            .clone()
    };
    assert_eq!(field("customerId")["required"], true);
    assert_eq!(field("phone")["required"], false);
    let order = list.iter().find(|o| o["name"] == "order").unwrap();
    assert!(
        order["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "items.productSku"),
        "order line fields are listed"
    );
}

#[test]
fn validate_all_valid_exits_0_with_the_contract_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "ok.csv",
        "Mã KH,Họ và tên,SĐT,Email\nKH1,An,0912345678,an@x.vn\nKH2,Bình,,binh@x.vn\n",
    );
    let run = validate(&path, "customer-identity", &["--auto-map", "--json"]);
    run.expect_code(0);
    let v = run.json();
    assert_keys(&v, &VALIDATE_KEYS);
    assert_eq!(
        (&v["rows"], &v["valid"], &v["invalid"], &v["issues_total"]),
        (&json!(2), &json!(2), &json!(0), &json!(0))
    );
    assert_eq!(v["issues"], json!([]));
    assert_eq!(
        v["mapping"],
        json!({"Mã KH": "customerId", "Họ và tên": "fullName", "SĐT": "phone", "Email": "email"})
    );
}

/// A title row, then the header (row 2); the first record spans two lines (row 3).
const WITH_ISSUES: &str = "\
BÁO CÁO KHÁCH HÀNG,,,,
Mã KH,Họ và tên,SĐT,Ngày sinh,Ghi chú
KH1,\"Nguyễn
Văn An\",0912345678,15/01/1990 08:00,x
KH2,Bé Tư,12345,31/02/1990,y
KH3,Cúc,0912345670,01/01/2000,z
KH4,Đặng Thị Ngọc,0999,,
";

#[test]
fn validate_invalid_rows_exit_1_with_row_numbers_as_the_user_sees_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "loi.csv", WITH_ISSUES);
    let run = validate(&path, "customer-identity", &["--auto-map", "--json"]);
    run.expect_code(1);
    let v = run.json();
    assert_keys(&v, &VALIDATE_KEYS);
    assert_eq!(
        (&v["rows"], &v["valid"], &v["invalid"], &v["issues_total"]),
        (&json!(4), &json!(2), &json!(2), &json!(3))
    );
    let issues = v["issues"].as_array().unwrap();
    for i in issues {
        assert_keys(i, &ISSUE_KEYS);
    }
    let at: Vec<(u64, &str, &str)> = issues
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("");
            (i["row"].as_u64().unwrap(), s("column"), s("value"))
        })
        .collect();
    assert_eq!(
        at,
        [
            (4, "SĐT", "12345"),
            (4, "Ngày sinh", "31/02/1990"),
            (6, "SĐT", "0999")
        ]
    );
    assert_eq!(issues[0]["field"], "phone");

    // --max-issues trims the list, not the count.
    let run = validate(
        &path,
        "customer-identity",
        &["--auto-map", "--json", "--max-issues", "1"],
    );
    run.expect_code(1);
    let v = run.json();
    assert_eq!(v["issues_total"], 3);
    assert_eq!(v["issues"].as_array().unwrap().len(), 1);
    assert_eq!(v["issues"][0]["row"], 4);

    // --lang vi: the same issue in Vietnamese.
    let run = cli([
        "--lang",
        "vi",
        "validate",
        arg(&path),
        "--object",
        "customer-identity",
        "--auto-map",
        "--json",
    ]);
    run.expect_code(1);
    let msg = run.json()["issues"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("số điện thoại"), "{msg}");
}

#[test]
fn validate_report_is_utf8_with_bom_and_holds_every_issue() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "loi.csv", WITH_ISSUES);
    let report = dir.path().join("lỗi.csv");
    let run = validate(
        &path,
        "customer-identity",
        &["--auto-map", "--max-issues", "1", "--report", arg(&report)],
    );
    run.expect_code(1);
    let bytes = std::fs::read(&report).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    for k in ISSUE_KEYS {
        assert!(headers.iter().any(|h| h == k), "{k} in {headers:?}");
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<(String, String, String)> = rd
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[col("row")].to_string(),
                r[col("column")].to_string(),
                r[col("value")].to_string(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        rows,
        [
            s("4", "SĐT", "12345"),
            s("4", "Ngày sinh", "31/02/1990"),
            s("6", "SĐT", "0999")
        ],
        "every issue, Vietnamese intact, though --max-issues is 1"
    );

    // In Vietnamese, the messages in the report are Vietnamese too.
    let run = cli([
        "validate",
        arg(&path),
        "--object",
        "customer-identity",
        "--auto-map",
        "--lang",
        "vi",
        "--report",
        arg(&report),
    ]);
    run.expect_code(1);
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("số điện thoại"), "{text}");
}

#[test]
fn mapping_file_by_position_and_timezone_shift() {
    let dir = tempfile::tempdir().unwrap();
    // Two columns share the header "Liên hệ": phone in C, e-mail in D.
    let path = write(
        dir.path(),
        "lien he.csv",
        "Mã KH,Tên,Liên hệ,Liên hệ,Ngày sinh\nKH1,An,0912345678,an@x.vn,15/01/1990\n",
    );
    let map = write(
        dir.path(),
        "map.json",
        json!({
            "version": 1,
            "object_type": "customer-identity",
            "columns": [
                {"column": "Mã KH", "field": "customerId"},
                {"column": "Tên", "field": "fullName"},
                {"position": "C", "field": "phone"},
                {"position": "4", "field": "email"},
                {"column": "Ngày sinh", "field": "dob"}
            ]
        })
        .to_string(),
    );
    let dob = |tz: Option<&str>| -> i64 {
        let out = dir.path().join("p.jsonl");
        let mut args = vec![
            "upload",
            arg(&path),
            "--object",
            "customer-identity",
            "--mapping",
            arg(&map),
            "--dry-run",
            "--payload-out",
            arg(&out),
        ];
        if let Some(tz) = tz {
            args.push(tz);
        }
        cli(args).expect_code(0);
        let e = &common::cli::payloads(&out)[0]["entries"][0];
        assert_eq!(e["phone"], "0912345678");
        assert_eq!(e["email"], "an@x.vn");
        e["dob"].as_i64().expect("integer ms")
    };
    // 1990-01-15 00:00 at +07:00 is 1990-01-14 17:00 UTC.
    assert_eq!(dob(None), 632336400000);
    assert_eq!(dob(Some("--timezone=+00:00")), 632336400000 + 7 * 3_600_000);
    assert_eq!(
        dob(Some("--timezone=-05:00")),
        632336400000 + 12 * 3_600_000
    );

    let run = validate(
        &path,
        "customer-identity",
        &["--mapping", arg(&map), "--json"],
    );
    run.expect_code(0);
    assert_eq!(run.json()["valid"], 1);
}

#[test]
fn auto_map_sends_separate_ho_and_ten_as_first_and_last_name() {
    // Pango's example: firstName "Nguyen" (the family name, Họ), lastName "Dee".
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "họ tên riêng.csv",
        "Mã KH,Họ,Tên,SĐT\nKH1,Nguyễn,An,0912345678\n",
    );
    let out = dir.path().join("payload.jsonl");
    let run = cli([
        "upload",
        arg(&path),
        "--object",
        "customer-identity",
        "--auto-map",
        "--dry-run",
        "--payload-out",
        arg(&out),
        "--json",
    ]);
    run.expect_code(0);
    let body: Value = serde_json::from_str(
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let e = &body["entries"][0];
    assert_eq!(e["firstName"], "Nguyễn", "{e}");
    assert_eq!(e["lastName"], "An", "{e}");
    assert!(e.get("fullName").is_none(), "{e}");

    let run = validate(&path, "customer-identity", &["--auto-map", "--json"]);
    run.expect_code(0);
    assert_eq!(
        run.json()["mapping"],
        json!({"Mã KH": "customerId", "Họ": "firstName", "Tên": "lastName", "SĐT": "phone"})
    );
    let path = write(
        dir.path(),
        "họ và tên.csv",
        "Mã KH,Họ và tên,SĐT\nKH1,Nguyễn Văn An,0912345678\n",
    );
    let run = validate(&path, "customer-identity", &["--auto-map", "--json"]);
    run.expect_code(0);
    assert_eq!(run.json()["mapping"]["Họ và tên"], "fullName");
}
