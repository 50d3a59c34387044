//! `upload --dry-run --payload-out` for each object type family, and Excel cell
//! kinds through the command line: the request bodies exactly where it matters.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{Run, arg, assert_keys, cli, entries, payloads, validate_mapped, write};
use serde_json::{Value, json};

const UPLOAD_KEYS: [&str; 9] = [
    "rows",
    "valid",
    "invalid",
    "sent",
    "accepted",
    "failed",
    "requests",
    "retries",
    "elapsed_ms",
];

/// `upload FILE --object TYPE --dry-run --json --payload-out DIR/p.jsonl EXTRA…`
fn dry_run(path: &Path, object: &str, extra: &[&str]) -> (Run, Vec<Value>) {
    let out: PathBuf = path.with_extension("payload.jsonl");
    let mut args = vec![
        "upload",
        arg(path),
        "--object",
        object,
        "--dry-run",
        "--json",
        "--payload-out",
        arg(&out),
    ];
    args.extend(extra);
    let run = cli(args);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    let v = run.json();
    assert_keys(&v, &UPLOAD_KEYS);
    assert_eq!(
        (&v["sent"], &v["accepted"], &v["failed"], &v["requests"]),
        (&json!(0), &json!(0), &json!(0), &json!(0)),
        "a dry run sends nothing: {v}"
    );
    let bodies = payloads(&out);
    for b in &bodies {
        assert_eq!(b["objectType"], object, "{b}");
    }
    (run, bodies)
}

fn mapping(dir: &Path, m: Value) -> PathBuf {
    write(dir, "mapping.json", m.to_string())
}

/// A mapping file of `object_type` with plain `(column, field)` pairs and nothing else.
fn columns_mapping(dir: &Path, object_type: &str, columns: &[(&str, &str)]) -> PathBuf {
    let columns: Vec<Value> = columns
        .iter()
        .map(|(column, field)| json!({"column": column, "field": field}))
        .collect();
    mapping(
        dir,
        json!({"version": 1, "object_type": object_type, "columns": columns}),
    )
}

#[test]
fn customers_in_batches_with_default_and_chosen_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "khach.csv",
        "Mã KH,Họ và tên,SĐT,Email,Giới tính\n\
         00123,Nguyễn Văn An,+84912345678,An@Example.COM,Nam\n\
         KH2, Trần Thị Bình ,091 234 5679,   ,Nữ\n\
         ,,,,\n\
         KH3,Lê Cúc,84912345670,cuc@x.vn,\n\
         KH4,Phạm Dũng,091-234-5671,,nam\n\
         KH5,Võ Em,0912345672,,\n",
    );
    let (run, bodies) = dry_run(
        &path,
        "customer-identity",
        &["--auto-map", "--batch-size", "2"],
    );
    run.expect_code(0);
    let v = run.json();
    assert_eq!(
        (&v["rows"], &v["valid"], &v["invalid"]),
        (&json!(5), &json!(5), &json!(0))
    );
    assert_eq!(bodies.len(), 3, "5 entries in batches of at most 2");
    for b in &bodies {
        assert_eq!(b["source"], "PangoImporter");
        assert!(b["entries"].as_array().unwrap().len() <= 2);
    }
    let e = entries(&bodies);
    assert_eq!(
        e[0],
        json!({
            "customerId": "00123",
            "fullName": "Nguyễn Văn An",
            "phone": "0912345678",
            "email": "An@example.com",
            "gender": "male"
        })
    );
    // Spaces are trimmed; empty (or blank) cells send no key at all.
    assert_eq!(
        e[1],
        json!({"customerId": "KH2", "fullName": "Trần Thị Bình", "phone": "0912345679", "gender": "female"})
    );
    assert_eq!(e.len(), 5, "the empty line is skipped");
    let phones: Vec<&str> = e.iter().map(|x| x["phone"].as_str().unwrap()).collect();
    assert_eq!(
        phones,
        [
            "0912345678",
            "0912345679",
            "0912345670",
            "0912345671",
            "0912345672"
        ]
    );

    let (run, bodies) = dry_run(
        &path,
        "customer-identity",
        &["--auto-map", "--source", "CRM"],
    );
    run.expect_code(0);
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["source"], "CRM");
    assert_eq!(bodies[0]["entries"].as_array().unwrap().len(), 5);
}

#[test]
fn order_lines_are_grouped_by_order_wherever_they_stand() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "don hang.csv",
        "Mã đơn;Trạng thái;Ngày đặt;Mã KH;Tên KH;Email KH;SKU;Tên SP;Đơn giá;SL\n\
         DH1;new;15/01/2024 10:00;KH1;An;an@x.vn;SP1;Áo;100.000;2\n\
         DH2;done;16/01/2024;KH2;Bình;binh@x.vn;SP2;Quần;250.000;1\n\
         DH1;;;;;;SP3;Mũ;50.000;3\n",
    );
    let map = mapping(
        dir.path(),
        json!({
            "version": 1,
            "object_type": "order",
            "columns": [
                {"column": "Mã đơn", "field": "orderId"},
                {"column": "Trạng thái", "field": "orderStatus"},
                {"column": "Ngày đặt", "field": "orderDate"},
                {"column": "Mã KH", "field": "customerId"},
                {"column": "Tên KH", "field": "customerName"},
                {"column": "Email KH", "field": "customerEmail"},
                {"column": "SKU", "field": "items.productSku"},
                {"column": "Tên SP", "field": "items.productName"},
                {"column": "Đơn giá", "field": "items.price", "decimal_mark": "comma"},
                {"column": "SL", "field": "items.quantity"}
            ]
        }),
    );
    let (run, bodies) = dry_run(&path, "order", &["--mapping", arg(&map), "--source", "POS"]);
    run.expect_code(0);
    assert_eq!(run.json()["rows"], 3, "rows count file rows, not entries");
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["source"], "POS");
    let e = entries(&bodies);
    assert_eq!(e.len(), 2);
    assert_eq!(e[0]["orderId"], "DH1");
    // 2024-01-15 10:00 at +07:00.
    assert_eq!(e[0]["orderDate"], json!(1705287600000i64));
    assert_eq!(e[0]["customerEmail"], "an@x.vn");
    let items = e[0]["items"].as_array().unwrap();
    let lines: Vec<(&str, f64, i64)> = items
        .iter()
        .map(|i| {
            (
                i["productSku"].as_str().unwrap(),
                i["price"].as_f64().unwrap(),
                i["quantity"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, [("SP1", 100000.0, 2), ("SP3", 50000.0, 3)]);
    assert_eq!(e[1]["orderId"], "DH2");
    assert_eq!(e[1]["items"].as_array().unwrap().len(), 1);
    assert_eq!(e[1]["items"][0]["productName"], "Quần");
}

#[test]
fn two_identical_lines_in_one_order_are_both_sent() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "don hang.csv",
        "orderId,orderStatus,customerId,customerName,customerEmail,productSku,productName,quantity,price\n\
         DH1,new,KH1,An,an@x.vn,SP1,Áo,1,100\n\
         DH1,new,KH1,An,an@x.vn,SP1,Áo,1,100\n",
    );
    let map = columns_mapping(
        dir.path(),
        "order",
        &[
            ("orderId", "orderId"),
            ("orderStatus", "orderStatus"),
            ("customerId", "customerId"),
            ("customerName", "customerName"),
            ("customerEmail", "customerEmail"),
            ("productSku", "items.productSku"),
            ("productName", "items.productName"),
            ("quantity", "items.quantity"),
            ("price", "items.price"),
        ],
    );
    let (run, bodies) = dry_run(&path, "order", &["--mapping", arg(&map)]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(
        (&v["rows"], &v["valid"], &v["invalid"]),
        (&json!(2), &json!(2), &json!(0)),
        "{v}"
    );
    let e = entries(&bodies);
    assert_eq!(e.len(), 1);
    let items = e[0]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "both lines are sent: {}", e[0]);
    for i in items {
        assert_eq!(
            (&i["productSku"], &i["quantity"]),
            (&json!("SP1"), &json!(1)),
            "{i}"
        );
    }
}

#[test]
fn products_with_lists_and_empty_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "san pham.csv",
        "productId,sku,name,price,imageLinks,recordStatus\n\
         1001,SKU-1,Áo thun,199000,http://a/1.jpg;http://a/2.jpg,Active\n\
         P2,SKU-2,Quần,,,\n",
    );
    let (run, bodies) = dry_run(&path, "product", &["--auto-map"]);
    run.expect_code(0);
    let e = entries(&bodies);
    assert_eq!(e[0]["productId"], "1001", "ids are strings");
    assert_eq!(e[0]["price"].as_f64(), Some(199000.0));
    assert_eq!(
        e[0]["imageLinks"],
        json!(["http://a/1.jpg", "http://a/2.jpg"])
    );
    assert_eq!(e[0]["recordStatus"], "Active");
    assert_eq!(
        e[1],
        json!({"productId": "P2", "sku": "SKU-2", "name": "Quần"})
    );
}

#[test]
fn custom_model_gets_its_mom_code_from_the_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "loyalty.csv",
        "refId,customerId,phone,tags,createdAt\nR1,KH1,912345678,\"vip,new\",01/02/2024\nR2,KH2,,,\n",
    );
    let map = mapping(
        dir.path(),
        json!({
            "version": 1,
            "object_type": "custom-model",
            "columns": [
                {"column": "refId", "field": "refId"},
                {"column": "customerId", "field": "customerId"},
                {"column": "phone", "field": "phone"},
                {"column": "tags", "field": "tags"},
                {"column": "createdAt", "field": "createdAt"}
            ],
            "constants": {"momCode": "MOM_LOYALTY"}
        }),
    );
    let (run, bodies) = dry_run(&path, "custom-model", &["--mapping", arg(&map)]);
    run.expect_code(0);
    let e = entries(&bodies);
    assert_eq!(
        e[0],
        json!({
            "refId": "R1",
            "customerId": "KH1",
            "phone": "0912345678",
            "tags": ["vip", "new"],
            "createdAt": 1706720400000i64,
            "momCode": "MOM_LOYALTY"
        })
    );
    assert_eq!(
        e[1],
        json!({"refId": "R2", "customerId": "KH2", "momCode": "MOM_LOYALTY"})
    );
}

#[test]
fn user_events_with_an_invalid_row_exit_1_and_send_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "su kien.csv",
        "source,sourceId,channel,eventCtg,eventName,eventAt,value,customerId\n\
         CustomerIdentity,KH1,Online,Transaction,purchase,15/01/2024 09:30,150000,KH1\n\
         CustomerIdentity,KH2,tại cửa hàng,giao dịch,purchase,16/01/2024,,KH2\n\
         CustomerIdentity,KH3,Moon,Transaction,purchase,16/01/2024,,KH3\n",
    );
    let (run, bodies) = dry_run(&path, "user-event", &["--auto-map", "--batch-size", "1"]);
    run.expect_code(1);
    let v = run.json();
    assert_eq!(
        (&v["rows"], &v["valid"], &v["invalid"]),
        (&json!(3), &json!(2), &json!(1))
    );
    assert_eq!(bodies.len(), 2, "one entry a request");
    let e = entries(&bodies);
    assert_eq!(e[0]["eventAt"], json!(1705285800000i64));
    assert_eq!(e[0]["value"].as_f64(), Some(150000.0));
    assert_eq!(
        (&e[1]["channel"], &e[1]["eventCtg"]),
        (&json!("Offline"), &json!("Transaction")),
        "Vietnamese words for the enums"
    );
    assert!(
        e.iter().all(|x| x["sourceId"] != "KH3"),
        "the invalid row is not sent"
    );
}

#[test]
fn meta_survey_questions_are_nested_by_question_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "khao sat.csv",
        "surveyId,surveyName,questionId,langDef,lang1\n\
         S1,Khảo sát hài lòng,Q1,Bạn hài lòng không?,Are you satisfied?\n\
         S2,Khảo sát 2,Q1,Câu hỏi,\n\
         S1,,Q2,Bạn sẽ quay lại?,Will you come back?\n",
    );
    let (run, bodies) = dry_run(&path, "meta-survey", &["--auto-map"]);
    run.expect_code(0);
    let e = entries(&bodies);
    assert_eq!(
        e[0],
        json!({
            "surveyId": "S1",
            "surveyName": "Khảo sát hài lòng",
            "questions": {
                "Q1": {"questionId": "Q1", "langDef": "Bạn hài lòng không?", "lang1": "Are you satisfied?"},
                "Q2": {"questionId": "Q2", "langDef": "Bạn sẽ quay lại?", "lang1": "Will you come back?"}
            }
        })
    );
    assert_eq!(
        e[1]["questions"],
        json!({"Q1": {"questionId": "Q1", "langDef": "Câu hỏi"}})
    );
}

/// Title in A1, header on Excel row 3; numbers, a date, a formula, a bad phone on row 5.
fn excel_customers(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("Khách hàng").unwrap();
    ws.write_string(0, 0, "DANH SÁCH KHÁCH HÀNG").unwrap();
    for (c, h) in ["Mã KH", "Họ và tên", "SĐT", "Ngày sinh", "Năm sinh"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_number(3, 0, 1001.0).unwrap();
    ws.write_string(3, 1, "Nguyễn Văn An").unwrap();
    ws.write_number(3, 2, 912345678.0).unwrap();
    let d = ExcelDateTime::from_ymd(1990, 5, 15).unwrap();
    ws.write_datetime_with_format(3, 3, &d, &date).unwrap();
    ws.write_formula(3, 4, Formula::new("=1980+10").set_result("1990"))
        .unwrap();
    ws.write_string(4, 0, "KH2").unwrap();
    ws.write_string(4, 1, "Trần Bình").unwrap();
    ws.write_number(4, 2, 12345.0).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn excel_cells_keep_ids_phones_dates_and_formula_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khach.xlsx");
    excel_customers(&path);
    let map = columns_mapping(
        dir.path(),
        "customer-identity",
        &[
            ("Mã KH", "customerId"),
            ("Họ và tên", "fullName"),
            ("SĐT", "phone"),
            ("Ngày sinh", "dob"),
            ("Năm sinh", "yob"),
        ],
    );
    let (run, bodies) = dry_run(&path, "customer-identity", &["--mapping", arg(&map)]);
    run.expect_code(1);
    let e = entries(&bodies);
    assert_eq!(
        e,
        [json!({
            "customerId": "1001",
            "fullName": "Nguyễn Văn An",
            "phone": "0912345678",
            "dob": 642704400000i64,
            "yob": 1990
        })],
        "1990-05-15 00:00 at +07:00; the formula's cached result"
    );

    let run = validate_mapped(&path, &map);
    run.expect_code(1);
    let v = run.json();
    let issues = v["issues"].as_array().unwrap();
    assert_eq!(issues.len(), 1, "{v}");
    assert_eq!(issues[0]["row"], 5, "Excel's row number");
    assert_eq!(issues[0]["column"], "SĐT");
    assert_eq!(issues[0]["field"], "phone");
}

#[test]
fn shipped_workbooks_build_the_same_payload() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for format in ["xlsx", "xls", "ods"] {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(format!("khach_hang.{format}"));
        let path = dir.path().join(format!("khach_hang.{format}"));
        std::fs::copy(&src, &path).unwrap();
        let (run, bodies) = dry_run(&path, "customer-identity", &["--auto-map"]);
        run.expect_code(0);
        let e = entries(&bodies);
        // A phone stored as a number, dates at +07:00, a date with a time.
        assert_eq!(e[0]["phone"], "0912345678", "{format}");
        assert_eq!(e[0]["dob"], json!(642704400000i64), "{format}");
        assert_eq!(e[1]["phone"], "0987654321", "{format}");
        assert_eq!(e[1]["dob"], json!(502248600000i64), "{format}");
        assert!(e[2].get("dob").is_none(), "{format}: empty date, no key");
        seen.push(e);
    }
    assert_eq!(seen[0], seen[1], "xls as xlsx");
    assert_eq!(seen[0], seen[2], "ods as xlsx");
}

#[test]
fn dry_run_report_and_saved_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "khach.csv",
        "Mã KH,Họ và tên,SĐT\nKH1,Nguyễn Ánh,0912345678\nKH2,Trần Bình,12345\n",
    );
    let report = dir.path().join("kết quả.csv");
    let saved = dir.path().join("saved.json");
    let (run, bodies) = dry_run(
        &path,
        "customer-identity",
        &[
            "--auto-map",
            "--report",
            arg(&report),
            "--save-mapping",
            arg(&saved),
        ],
    );
    run.expect_code(1);
    let bytes = std::fs::read(&report).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark");
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        rd.headers().unwrap(),
        vec!["row", "key", "status", "reason"]
    );
    let lines: Vec<(String, String, String)> = rd
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect();
    let l = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        lines,
        [l("2", "KH1", "not sent"), l("3", "KH2", "invalid")],
        "one line per file row"
    );

    // The saved mapping, used again, builds the same bodies.
    let (run, again) = dry_run(&path, "customer-identity", &["--mapping", arg(&saved)]);
    run.expect_code(1);
    assert_eq!(again, bodies);
}
