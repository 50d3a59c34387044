//! `--object auto`: the CLI picks the object type whose fields best match the headers
//! and says what it chose and why (stderr; `--json` keeps its one object on stdout);
//! a type given by name that fits much worse gets a note; words for dates that are
//! no real dates.

mod common;

use std::path::Path;

use common::cli::{Run, VALIDATE_KEYS, arg, assert_keys, cli, expect_file_error, write};
use serde_json::json;

const ORDERS: &str = "\
Mã đơn hàng,Ngày mua,Tên sản phẩm,Số lượng,Đơn giá,Mã KH
DH001,15/01/2024,Áo thun,2,150000,KH1
DH001,15/01/2024,Quần jean,1,450000,KH1
DH002,16/01/2024,Mũ lưỡi trai,3,90000,KH2
";

const CUSTOMERS: &str = "\
Họ và tên,Số điện thoại,Email,Ngày sinh
Nguyễn Văn An,0912345678,an@example.vn,15/01/1990
Trần Thị Bình,0912345679,binh@example.vn,31/02/1990
";

/// `--lang LANG validate FILE --object OBJECT` and `extra`.
fn validate_in(lang: &str, path: &Path, object: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--lang", lang, "validate", arg(path), "--object", object];
    args.extend(extra);
    cli(args)
}

fn validate_auto(path: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["--auto-map"];
    args.extend(extra);
    validate_in("en", path, "auto", &args)
}

#[test]
fn an_orders_sheet_is_validated_as_orders_and_json_stays_one_object() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "don-hang.csv", ORDERS);
    let run = validate_auto(&path, &["--json"]);
    // Order status, customer name and e-mail, SKU are required and absent.
    run.expect_code(1);
    let v = run.json();
    assert_keys(&v, &VALIDATE_KEYS);
    assert_eq!(v["mapping"]["Mã đơn hàng"], "orderId");
    assert_eq!(v["mapping"]["Tên sản phẩm"], "items.productName");
    assert!(
        run.stderr.contains(
            "Object type: order, chosen from the headers: 6 of 6 columns match Orders fields; \
             required fields found: Order ID, Customer ID, Product name"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_customer_list_is_customers_in_human_mode_and_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "khach.csv", CUSTOMERS);
    let run = cli([
        "upload",
        arg(&path),
        "--object",
        "auto",
        "--auto-map",
        "--dry-run",
    ]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("Object type: customer-identity, chosen from the headers: 4 of 4 columns"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("Object type: customer-identity"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Dry run:"), "{}", run.stdout);

    let run = validate_in("vi", &path, "auto", &["--auto-map"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "Loại dữ liệu: customer-identity, chọn theo tiêu đề cột: 4/4 cột khớp với trường của Khách hàng"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn english_headers_choose_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "orders.csv",
        "Order ID,Order status,Order date,Customer ID,Customer name,Email,SKU,Product name,Quantity\n\
         O1,paid,2024-01-15,C1,An,an@example.vn,SKU1,Shirt,2\n",
    );
    let run = validate_auto(&path, &["--json"]);
    run.expect_code(0);
    assert_eq!(run.json()["mapping"]["Order ID"], "orderId");
    assert!(
        run.stderr
            .contains("Object type: order, chosen from the headers"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_that_matches_no_type_is_named_and_points_to_object() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "misc.csv", "Foo,Bar,Baz\n1,2,3\n");
    let message = expect_file_error(&validate_auto(&path, &["--json"]), &path, None);
    assert!(message.contains("no object type matches"), "{message}");
    assert!(message.contains("Foo, Bar, Baz"), "{message}");
    assert!(message.contains("--object TYPE"), "{message}");

    // Without --json: the same words on stderr, nothing on stdout.
    let run = validate_auto(&path, &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("misc.csv"), "{}", run.stderr);
    assert!(run.stderr.contains("--object"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn a_named_type_that_fits_much_worse_gets_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "don-hang.csv", ORDERS);
    let run = validate_in("en", &path, "customer-identity", &["--auto-map", "--json"]);
    run.json();
    assert!(
        run.stderr
            .contains("note: the headers fit 'order' much better than 'customer-identity'")
            && run.stderr.contains("try --object order or --object auto"),
        "{}",
        run.stderr
    );
    // The type that fits says nothing.
    let run = validate_in("en", &path, "order", &["--auto-map", "--json"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
}

#[test]
fn auto_with_a_mapping_file_takes_the_mapping_files_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "khach.csv", CUSTOMERS);
    let map = write(
        dir.path(),
        "map.json",
        json!({
            "version": 1,
            "object_type": "lead-information",
            "columns": [
                {"column": "Họ và tên", "field": "fullName"},
                {"column": "Số điện thoại", "field": "phone"}
            ]
        })
        .to_string(),
    );
    let run = validate_in("en", &path, "auto", &["--mapping", arg(&map), "--json"]);
    let v = run.json();
    assert!(
        run.stderr
            .contains("Object type: lead-information (from the mapping file)"),
        "{}",
        run.stderr
    );
    assert_eq!(v["mapping"]["Họ và tên"], "fullName");
}

#[test]
fn the_31st_of_february_is_not_a_real_date_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "khach.csv", CUSTOMERS);
    for (lang, want) in [
        ("en", "not a real date (February has 28 or 29 days)"),
        ("vi", "ngày không có thật (tháng 2 có 28 hoặc 29 ngày)"),
    ] {
        let run = validate_in(lang, &path, "customer-identity", &["--auto-map", "--json"]);
        run.expect_code(1);
        let v = run.json();
        let issue = v["issues"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["column"] == "Ngày sinh")
            .unwrap_or_else(|| panic!("no date issue in {v}"));
        assert_eq!(
            (&issue["row"], &issue["value"], &issue["kind"]),
            (&json!(3), &json!("31/02/1990"), &json!("invalid_date"))
        );
        assert_eq!(issue["message"], want);
    }
}
