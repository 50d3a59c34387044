//! End to end through the core: file -> table -> auto-mapping -> validation -> payloads,
//! on small files the tests write, the way marketing and CS users' files look.

mod common;

use std::path::{Path, PathBuf};

use pango_importer::mapping::{ColumnMap, CustomField, Mapping, auto_mapping, resolve};
use pango_importer::payload::{batch_body, batches, entry};
use pango_importer::schema::{self, CustomKind};
use pango_importer::source::{ReadOptions, read_file};
use pango_importer::validate::{Problem, RowState, Validation, validate};
use serde_json::{Value, json};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(path: &Path, mapping: &Mapping) -> (pango_importer::source::Table, Validation) {
    let loaded = read_file(path, &ReadOptions::default()).unwrap();
    let plan = resolve(mapping, loaded.table.headers()).unwrap();
    let v = validate(&loaded.table, &plan, None).unwrap();
    (loaded.table, v)
}

fn auto(path: &Path, object: &str) -> (pango_importer::source::Table, Validation) {
    let loaded = read_file(path, &ReadOptions::default()).unwrap();
    let m = auto_mapping(loaded.table.headers(), schema::find(object).unwrap()).unwrap();
    run(path, &m)
}

fn entries(table: &pango_importer::source::Table, v: &Validation) -> Vec<Value> {
    (0..v.units.len())
        .map(|i| Value::Object(entry(table, v, i)))
        .collect()
}

const CUSTOMERS: &str = "\
DANH SÁCH KHÁCH HÀNG THÁNG 10;;;;;
Mã KH;Họ và tên;SĐT;Email;Ngày sinh;Giới tính
KH001;Nguyễn Văn Ánh;091 234 5678;anh@Example.COM;15/01/1990;Nam
KH002;Trần Thị Bích;+84912345679;;05/11/1985;Nữ
KH003;Lê Số;12345;le@mail.vn;31/02/1990;nu
KH004;Phạm Điện Thoại;;;;
";

#[test]
fn vietnamese_customer_csv_in_windows_1258_maps_validates_and_builds_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "khach hang.csv",
        &common::to_windows_1258(CUSTOMERS),
    );
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    assert_eq!(loaded.info.encoding, Some("windows-1258"));
    assert_eq!(loaded.info.delimiter, Some(';'));
    assert_eq!(loaded.info.header_row, 2, "the title row is skipped");
    let m = auto_mapping(
        loaded.table.headers(),
        schema::find("customer-identity").unwrap(),
    )
    .unwrap();
    let field = |h: &str| m.column(h).and_then(|c| c.field.clone());
    assert_eq!(field("Mã KH").as_deref(), Some("customerId"));
    assert_eq!(field("Họ và tên").as_deref(), Some("fullName"));
    assert_eq!(field("SĐT").as_deref(), Some("phone"));
    assert_eq!(field("Email").as_deref(), Some("email"));
    assert_eq!(field("Ngày sinh").as_deref(), Some("dob"));
    assert_eq!(field("Giới tính").as_deref(), Some("gender"));

    let (table, v) = run(&path, &m);
    assert_eq!((v.rows(), v.valid, v.invalid), (4, 2, 2));
    // Row numbers are the file's: title row 1, header row 2, KH003 on row 5.
    let bad: Vec<(u32, &str)> = v.errors().map(|i| (i.row, i.problem.code())).collect();
    assert!(bad.contains(&(5, "invalid_phone")), "{bad:?}");
    assert!(bad.contains(&(5, "invalid_date")), "{bad:?}");
    assert!(bad.contains(&(6, "missing_one_of")), "{bad:?}");
    let phone_issue = v
        .issues
        .iter()
        .find(|i| i.problem == Problem::InvalidPhone)
        .unwrap();
    assert_eq!(phone_issue.column.as_deref(), Some("SĐT"));
    assert_eq!(phone_issue.value, "12345");

    let e = entries(&table, &v);
    assert_eq!(e.len(), 2);
    assert_eq!(
        e[0],
        json!({
            "customerId": "KH001",
            "fullName": "Nguyễn Văn Ánh",
            "phone": "0912345678",
            "email": "anh@example.com",
            "dob": 632336400000i64,
            "gender": "male"
        })
    );
    // An empty e-mail sends no key at all.
    assert!(e[1].get("email").is_none(), "{}", e[1]);
    assert_eq!(e[1]["gender"], "female");
    assert_eq!(e[1]["phone"], "0912345679");
}

#[test]
fn identical_rows_are_sent_once_and_conflicting_keys_block_both() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "customerId,fullName,phone\n\
               C1,An,0912345678\n\
               C2,Bình,0912345679\n\
               C1,An,0912345678\n\
               C2,Bính,0912345679\n\
               C3,Cúc,0912345670\n";
    let path = write(dir.path(), "dups.csv", csv.as_bytes());
    let (table, v) = auto(&path, "customer-identity");
    assert_eq!(v.states[2], RowState::DuplicateOf(0));
    assert_eq!(v.states[1], RowState::Invalid);
    assert_eq!(v.states[3], RowState::Invalid);
    assert_eq!((v.valid, v.invalid), (3, 2));
    let warn = v.issues.iter().find(|i| i.is_warning()).unwrap();
    assert_eq!(warn.row, 4);
    assert_eq!(warn.problem, Problem::DuplicateRow { first_row: 2 });
    let dup_rows: Vec<u32> = v
        .issues
        .iter()
        .filter(|i| matches!(i.problem, Problem::DuplicateKey { .. }))
        .map(|i| i.row)
        .collect();
    assert_eq!(dup_rows, [3, 5]);
    let e = entries(&table, &v);
    let ids: Vec<&str> = e
        .iter()
        .map(|x| x["customerId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["C1", "C3"]);
}

const ORDER_LINES: &str = "\
Mã đơn hàng,Trạng thái,Mã KH,Tên khách hàng,Email,Mã SP,Tên sản phẩm,Số lượng,Đơn giá,Ngày đặt
DH01,Completed,KH001,Nguyễn Văn Ánh,anh@example.com,SP1,Cà phê sữa,2,\"45.000,5\",15/01/2024 08:30
DH02,Completed,KH002,Trần Bích,bich@example.com,SP1,Cà phê sữa,1,\"1.045.000\",16/01/2024
DH01,,,,,SP2,Bánh mì,1,20000,
DH03,Completed,KH003,Lê Cúc,cuc@example.com,SP3,Trà đá,1,5000,
DH03,Cancelled,KH003,Lê Cúc,cuc@example.com,SP4,Trà chanh,1,7000,
";

#[test]
fn order_lines_are_grouped_by_order_id_wherever_they_stand() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "don hang.csv", ORDER_LINES.as_bytes());
    let (table, v) = auto(&path, "order");
    let mapped: Vec<&str> = v
        .plan
        .columns
        .iter()
        .map(|c| c.target.path.as_str())
        .collect();
    for f in [
        "orderId",
        "orderStatus",
        "customerId",
        "customerName",
        "customerEmail",
        "items.productSku",
        "items.productName",
        "items.quantity",
        "items.price",
        "orderDate",
    ] {
        assert!(mapped.contains(&f), "{f} not auto-mapped: {mapped:?}");
    }
    // DH03's two lines disagree on the status: the whole order is held back.
    assert_eq!(v.states[3], RowState::Invalid);
    assert_eq!(v.states[4], RowState::Invalid);
    assert!(
        v.issues.iter().any(
            |i| i.row == 6 && matches!(&i.problem, Problem::GroupConflict { other_row: 5, .. })
        )
    );
    assert!(
        v.issues
            .iter()
            .any(|i| i.row == 5 && matches!(i.problem, Problem::GroupInvalid { .. }))
    );
    assert_eq!(v.units.len(), 2);
    let e = entries(&table, &v);
    let dh01 = &e[0];
    assert_eq!(dh01["orderId"], "DH01");
    assert_eq!(dh01["customerName"], "Nguyễn Văn Ánh");
    assert_eq!(dh01["orderDate"], json!(1705282200000i64));
    let items = dh01["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        2,
        "the later DH01 line joins the first: {dh01}"
    );
    assert_eq!(items[0]["productSku"], "SP1");
    assert_eq!(items[0]["quantity"], json!(2));
    // "45.000,5" and "1.045.000" decide the column: comma is the decimal mark.
    assert_eq!(items[0]["price"], json!(45000.5));
    assert_eq!(items[1]["price"], json!(20000.0));
    assert_eq!(e[1]["items"][0]["price"], json!(1045000.0));
}

#[test]
fn ambiguous_thousands_are_flagged_until_the_user_picks_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "productId,sku,name,price\nP1,S1,Áo,\"1,250\"\nP2,S2,Quần,\"2,500\"\n";
    let path = write(dir.path(), "sp.csv", csv.as_bytes());
    let (_, v) = auto(&path, "product");
    assert_eq!(v.invalid, 2);
    assert!(v.errors().all(|i| i.problem == Problem::AmbiguousDecimal));
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    let mut m = auto_mapping(loaded.table.headers(), schema::find("product").unwrap()).unwrap();
    m.columns
        .iter_mut()
        .find(|c| c.column.as_deref() == Some("price"))
        .unwrap()
        .options
        .decimal_mark = Some(pango_importer::convert::DecimalMark::Dot);
    let (table, v) = run(&path, &m);
    assert_eq!(v.invalid, 0);
    assert_eq!(entries(&table, &v)[0]["price"], json!(1250.0));
}

#[test]
fn custom_fields_constants_and_batches() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("refId,Hạng thẻ,Điểm,Sở thích\n");
    for i in 0..120 {
        csv.push_str(&format!("R{i},Vàng,{i},\"bơi, chạy\"\n"));
    }
    let path = write(dir.path(), "model.csv", csv.as_bytes());
    let mut m = Mapping::new("custom-model");
    m.custom_fields = vec![
        CustomField {
            code: "customField01".into(),
            kind: CustomKind::Text,
            item: false,
            label: Some("Hạng thẻ".into()),
        },
        CustomField {
            code: "customFieldLong01".into(),
            kind: CustomKind::Long,
            item: false,
            label: None,
        },
        CustomField {
            code: "customFieldList01".into(),
            kind: CustomKind::List,
            item: false,
            label: None,
        },
    ];
    for (col, field) in [
        ("refId", "refId"),
        ("Hạng thẻ", "customField01"),
        ("Điểm", "customFieldLong01"),
        ("Sở thích", "customFieldList01"),
    ] {
        m.columns.push(ColumnMap {
            column: Some(col.into()),
            field: Some(field.into()),
            ..ColumnMap::default()
        });
    }
    m.constants
        .insert("momCode".into(), "M-T5QMS-O-UIWWY-M".into());
    m.source = Some("CRM".into());
    let (table, v) = run(&path, &m);
    assert_eq!(v.invalid, 0, "{:?}", v.issues.first());
    let sizes: Vec<usize> = batches(v.units.len(), 50).map(|r| r.len()).collect();
    assert_eq!(sizes, [50, 50, 20]);
    let body = batch_body(&table, &v, &v.plan.source, 0..2);
    assert_eq!(body["objectType"], "custom-model");
    assert_eq!(body["source"], "CRM");
    assert_eq!(
        body["entries"][1],
        json!({
            "refId": "R1",
            "customFieldTexts": {"customField01": "Vàng"},
            "customFieldLongs": {"customFieldLong01": 1},
            "customFieldListTexts": {"customFieldList01": ["bơi", "chạy"]},
            "momCode": "M-T5QMS-O-UIWWY-M"
        })
    );
}

#[test]
fn a_missing_required_column_makes_every_row_invalid_with_a_plain_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "x.csv",
        "Họ tên,SĐT\nAn,0912345678\n".as_bytes(),
    );
    let (_, v) = auto(&path, "customer-identity");
    assert_eq!(v.invalid, 1);
    let i = v.errors().next().unwrap();
    assert_eq!(
        (i.row, i.field.as_deref(), i.problem.code()),
        (2, Some("customerId"), "required")
    );
    assert!(
        i.message(pango_importer::i18n::Lang::Vi)
            .contains("bắt buộc")
    );
}
