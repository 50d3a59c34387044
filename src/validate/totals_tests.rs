//! Totals rows at the end of the data: one warning, not sent, not counted invalid.

use super::tests::{mapping, order_mapping};
use super::*;
use crate::mapping::{Mapping, resolve};
use crate::source::{CellKind, Table, TableBuilder};

/// A table of text cells; each row with the number Excel shows for it.
fn table(headers: &[&str], rows: &[(u32, &[&str])]) -> Table {
    let mut b = TableBuilder::new(headers.len(), true);
    for (n, row) in rows {
        for text in *row {
            b.push(text, CellKind::Text).unwrap();
        }
        b.end_row(*n);
    }
    b.finish(headers.iter().map(|h| h.to_string()).collect(), 1)
}

fn check(t: &Table, m: &Mapping) -> Validation {
    validate(t, &resolve(m, t.headers()).unwrap(), None).unwrap()
}

fn customers() -> Mapping {
    mapping(
        "customer-identity",
        &[
            ("id", "customerId"),
            ("name", "fullName"),
            ("phone", "phone"),
        ],
    )
}

/// The first two customers of every file here (rows 2 and 3).
const AN: (u32, &[&str]) = (2, &["K1", "An", "0912345678"]);
const BINH: (u32, &[&str]) = (3, &["K2", "Bình", "0912345679"]);

/// `rows` under the headers id, name, phone, checked as customers.
fn check_customers(rows: &[(u32, &[&str])]) -> Validation {
    check(&table(&["id", "name", "phone"], rows), &customers())
}

fn codes_at(v: &Validation, row: u32) -> Vec<&'static str> {
    v.issues_at(row).iter().map(|i| i.problem.code()).collect()
}

#[test]
fn a_vietnamese_totals_row_is_one_warning_and_is_not_sent() {
    let v = check_customers(&[AN, BINH, (4, &["TỔNG CỘNG:", "", "2"])]);
    assert_eq!(codes_at(&v, 4), ["totals_row"], "{:#?}", v.issues);
    let w = &v.issues_at(4)[0];
    assert!(w.is_warning());
    assert_eq!(w.column.as_deref(), Some("id"));
    assert_eq!(
        w.message(crate::i18n::Lang::Vi),
        "có vẻ là dòng tổng cộng — không gửi"
    );
    assert_eq!(
        w.message(crate::i18n::Lang::En),
        "looks like a totals row — not sent"
    );
    assert_eq!((v.rows(), v.valid, v.invalid, v.skipped), (3, 2, 0, 1));
    assert_eq!(v.states[2], RowState::Skipped);
    assert_eq!(v.units.len(), 2);
    assert!(v.errors().next().is_none());
}

#[test]
fn an_english_total_under_order_lines_does_not_join_the_last_order() {
    let t = table(
        &["oid", "status", "sku", "pname", "qty"],
        &[
            (2, &["DH1", "new", "P1", "Áo", "1"]),
            (3, &["DH1", "new", "P2", "Quần", "2"]),
            (4, &["", "", "", "Grand Total", "3"]),
        ],
    );
    let v = check(&t, &order_mapping());
    assert_eq!(codes_at(&v, 4), ["totals_row"], "{:#?}", v.issues);
    assert_eq!((v.valid, v.invalid, v.skipped), (2, 0, 1));
    assert_eq!(v.units.len(), 1);
    assert_eq!(v.units.rows(0), [0, 1]);
}

#[test]
fn a_totals_row_after_blank_rows_is_taken_with_its_excel_row_number() {
    // Rows 4 to 6 were blank in the file (the table leaves them out).
    let v = check_customers(&[AN, BINH, (7, &["", "Sum", ""])]);
    assert_eq!(codes_at(&v, 7), ["totals_row"], "{:#?}", v.issues);
    assert_eq!(v.issues.len(), 1);
    assert_eq!((v.valid, v.invalid, v.skipped), (2, 0, 1));
}

#[test]
fn a_total_in_the_middle_of_the_data_is_an_ordinary_row() {
    let v = check_customers(&[
        AN,
        (3, &["", "Total", ""]),
        (4, &["K2", "Bình", "0912345679"]),
    ]);
    assert!(!codes_at(&v, 3).contains(&"totals_row"), "{:#?}", v.issues);
    assert!(codes_at(&v, 3).contains(&"required"), "{:#?}", v.issues);
    assert_eq!((v.valid, v.invalid, v.skipped), (2, 1, 0));
    assert_eq!(v.states[1], RowState::Invalid);
}

#[test]
fn a_customer_called_tong_at_the_end_is_a_customer() {
    let v = check_customers(&[AN, (3, &["K2", "Tổng", "0912345679"])]);
    assert!(v.issues.is_empty(), "{:#?}", v.issues);
    assert_eq!((v.valid, v.invalid, v.skipped), (2, 0, 0));
    assert_eq!(v.units.len(), 2);

    // Without a phone the same row is an error on that customer, not a totals row.
    let v = check_customers(&[AN, (3, &["K2", "Tổng", ""])]);
    assert!(!codes_at(&v, 3).contains(&"totals_row"), "{:#?}", v.issues);
    assert_eq!((v.valid, v.invalid, v.skipped), (1, 1, 0));
}

#[test]
fn a_totals_label_with_its_count_in_the_same_cell_is_a_totals_row() {
    // As in the sample workbook: "Tổng cộng: 12 khách hàng" under the names, nothing else.
    for label in [
        "Tổng cộng: 12 khách hàng",
        "TỔNG: 1.250.000 đ",
        "Total: 35 customers",
        "Tổng cộng 12 khách hàng",
        "Grand total = 2",
    ] {
        let v = check_customers(&[AN, BINH, (4, &["", label, ""])]);
        assert_eq!(codes_at(&v, 4), ["totals_row"], "{label}: {:#?}", v.issues);
        assert_eq!((v.valid, v.invalid, v.skipped), (2, 0, 1), "{label}");
    }
    // A name that starts like the word is a customer with an error, not a total.
    for name in ["Tống Văn Nam", "Tổng: chưa rõ", "Total care"] {
        let v = check_customers(&[AN, BINH, (4, &["", name, ""])]);
        assert!(
            !codes_at(&v, 4).contains(&"totals_row"),
            "{name}: {:#?}",
            v.issues
        );
        assert_eq!(v.invalid, 1, "{name}");
    }
}

#[test]
fn a_label_with_text_beside_it_is_not_a_totals_row() {
    let v = check_customers(&[AN, (3, &["", "Tổng", "Hà Nội"])]);
    assert!(!codes_at(&v, 3).contains(&"totals_row"), "{:#?}", v.issues);
    assert_eq!(v.invalid, 1);
}

#[test]
fn sums_as_people_write_them_look_like_numbers() {
    use super::totals::looks_numeric;
    for s in [
        "1.250.000 đ",
        "(300)",
        "$1,200",
        "12%",
        "3",
        "1 250 000 VND",
    ] {
        assert!(looks_numeric(s, CellKind::Text), "{s}");
    }
    for s in ["K3", "Hà Nội", "", "-"] {
        assert!(!looks_numeric(s, CellKind::Text), "{s}");
    }
}
