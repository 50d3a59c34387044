use serde_json::{Value as Json, json};

use super::*;
use crate::mapping::{ColumnMap, Mapping, resolve};
use crate::payload::entry;
use crate::source::{CellKind, Table, TableBuilder};

pub(super) fn table(headers: &[&str], rows: &[&[(&str, CellKind)]]) -> Table {
    let mut b = TableBuilder::new(headers.len(), true);
    for (i, row) in rows.iter().enumerate() {
        for (text, kind) in *row {
            b.push(text, *kind).unwrap();
        }
        b.end_row(i as u32 + 2);
    }
    b.finish(headers.iter().map(|h| h.to_string()).collect(), 1)
}

pub(super) fn mapping(object: &str, pairs: &[(&str, &str)]) -> Mapping {
    let mut m = Mapping::new(object);
    for (col, field) in pairs {
        m.columns.push(ColumnMap {
            column: Some(col.to_string()),
            field: Some(field.to_string()),
            ..ColumnMap::default()
        });
    }
    m
}

pub(super) fn check(t: &Table, m: &Mapping) -> Validation {
    validate(t, &resolve(m, t.headers()).unwrap(), None).unwrap()
}

use CellKind::*;

#[test]
fn excel_cells_keep_their_meaning() {
    let t = table(
        &["id", "phone", "dob", "yob", "name"],
        &[
            &[
                ("1001", Number),
                ("912345678", Number),
                ("1990-01-15T00:00:00", Date),
                ("1990", Number),
                ("Ánh", Text),
            ],
            &[
                ("KH2", Text),
                ("#N/A", Error),
                ("", Text),
                ("", Text),
                ("Bích", Text),
            ],
        ],
    );
    let m = mapping(
        "customer-identity",
        &[
            ("id", "customerId"),
            ("phone", "phone"),
            ("dob", "dob"),
            ("yob", "yob"),
            ("name", "fullName"),
        ],
    );
    let v = check(&t, &m);
    assert_eq!((v.valid, v.invalid), (1, 1));
    assert_eq!(
        Json::Object(entry(&t, &v, 0)),
        json!({"customerId": "1001", "phone": "0912345678", "dob": 632336400000i64, "yob": 1990, "fullName": "Ánh"})
    );
    let i = &v.issues[0];
    assert_eq!(
        (i.row, i.column.as_deref(), i.problem.code()),
        (3, Some("phone"), "excel_error")
    );
}

#[test]
fn white_space_is_empty_and_huge_cells_are_issues() {
    let big = "x".repeat(MAX_CELL_BYTES + 1);
    let t = table(
        &["id", "name", "email", "note"],
        &[
            &[(" K1 ", Text), ("  An  ", Text), ("   ", Text), ("", Text)],
            &[
                ("K2", Text),
                (big.as_str(), Text),
                ("b@x.vn", Text),
                ("", Text),
            ],
        ],
    );
    let mut m = mapping(
        "customer-identity",
        &[
            ("id", "customerId"),
            ("name", "fullName"),
            ("email", "email"),
        ],
    );
    m.constants.insert("phone".into(), "0912345678".into());
    let v = check(&t, &m);
    let e = Json::Object(entry(&t, &v, 0));
    assert_eq!(
        e,
        json!({"customerId": "K1", "fullName": "An", "phone": "0912345678"})
    );
    assert_eq!(v.issues.len(), 1);
    assert_eq!(
        v.issues[0].problem,
        Problem::TooLong {
            bytes: MAX_CELL_BYTES + 1
        }
    );
}

#[test]
fn ragged_rows_are_issues_on_their_row() {
    let mut b = TableBuilder::new(2, false);
    for (cells, n) in [(&["K1", "An"][..], 2), (&["K2", "Bình", "extra"][..], 3)] {
        for c in cells {
            b.push(c, Text).unwrap();
        }
        b.end_row(n);
    }
    let t = b.finish(vec!["id".into(), "name".into()], 1);
    let mut m = mapping(
        "customer-identity",
        &[("id", "customerId"), ("name", "fullName")],
    );
    m.constants.insert("email".into(), "a@b.vn".into());
    let v = check(&t, &m);
    assert_eq!(v.states, [RowState::Valid, RowState::Invalid]);
    assert_eq!(
        v.issues[0].problem,
        Problem::RaggedRow {
            expected: 2,
            found: 3
        }
    );
    assert_eq!(v.issues[0].row, 3);
}

#[test]
fn a_bad_constant_is_a_mapping_error() {
    let t = table(&["id"], &[&[("K1", Text)]]);
    let mut m = mapping("customer-identity", &[("id", "customerId")]);
    m.constants.insert("yob".into(), "nineteen".into());
    let plan = resolve(&m, t.headers()).unwrap();
    let err = validate(&t, &plan, None).unwrap_err();
    assert!(
        matches!(&err, ValidateError::BadConstant { field, value, .. } if field == "yob" && value == "nineteen"),
        "{err:?}"
    );
    assert!(err.to_string().contains("yob"), "{err}");
}

#[test]
fn survey_questions_are_keyed_by_question_id() {
    let t = table(
        &["survey", "qid", "lang", "vi", "en"],
        &[
            &[
                ("S1", Text),
                ("q_age", Text),
                ("vi", Text),
                ("Bạn bao nhiêu tuổi", Text),
                ("How old are you?", Text),
            ],
            &[
                ("S1", Text),
                ("q_city", Text),
                ("vi", Text),
                ("Bạn ở đâu", Text),
                ("Where do you live?", Text),
            ],
        ],
    );
    let m = mapping(
        "meta-survey",
        &[
            ("survey", "surveyId"),
            ("qid", "questions.questionId"),
            ("lang", "questions.langDef"),
            ("vi", "questions.lang1"),
            ("en", "questions.lang2"),
        ],
    );
    let v = check(&t, &m);
    assert_eq!(v.invalid, 0, "{:?}", v.issues);
    let e = Json::Object(entry(&t, &v, 0));
    assert_eq!(e["surveyId"], "S1");
    assert_eq!(e["questions"]["q_city"]["lang2"], "Where do you live?");
    assert_eq!(e["questions"].as_object().unwrap().len(), 2);
}

#[test]
fn progress_counts_every_row() {
    let rows: Vec<[(String, CellKind); 1]> =
        (0..70_000).map(|i| [(format!("K{i}"), Text)]).collect();
    let mut b = TableBuilder::new(1, false);
    for (i, r) in rows.iter().enumerate() {
        b.push(&r[0].0, Text).unwrap();
        b.end_row(i as u32 + 2);
    }
    let t = b.finish(vec!["id".into()], 1);
    let mut m = mapping("customer-identity", &[("id", "customerId")]);
    m.constants.insert("email".into(), "a@b.vn".into());
    m.constants.insert("fullName".into(), "A".into());
    let p = crate::progress::Progress::new();
    let v = validate(&t, &resolve(&m, t.headers()).unwrap(), Some(&p)).unwrap();
    assert_eq!(v.valid, 70_000);
    assert_eq!(p.fraction(), 1.0);
}

pub(super) fn order_mapping() -> Mapping {
    let mut m = mapping(
        "order",
        &[
            ("oid", "orderId"),
            ("status", "orderStatus"),
            ("sku", "items.productSku"),
            ("pname", "items.productName"),
            ("qty", "items.quantity"),
        ],
    );
    for (k, val) in [
        ("customerId", "C1"),
        ("customerName", "An"),
        ("customerEmail", "a@b.vn"),
    ] {
        m.constants.insert(k.into(), val.into());
    }
    m
}

/// Every row counted valid is sent (in a unit, or folded into one).
fn valid_rows_are_all_sent(v: &Validation) {
    let in_units: usize = (0..v.units.len()).map(|u| v.units.rows(u).len()).sum();
    let folded = v
        .states
        .iter()
        .filter(|s| matches!(s, RowState::DuplicateOf(_)))
        .count();
    assert_eq!(v.valid, in_units + folded, "{:?}", v.states);
}

#[test]
fn lines_left_blank_under_merged_order_cells_join_the_order_above() {
    let t = table(
        &["oid", "status", "sku", "pname", "qty"],
        &[
            &[
                ("DH1", Text),
                ("new", Text),
                ("P1", Text),
                ("Áo", Text),
                ("1", Text),
            ],
            &[
                ("", Text),
                ("", Text),
                ("P2", Text),
                ("Quần", Text),
                ("2", Text),
            ],
            &[
                ("DH2", Text),
                ("new", Text),
                ("P3", Text),
                ("Mũ", Text),
                ("1", Text),
            ],
        ],
    );
    let v = check(&t, &order_mapping());
    assert_eq!((v.valid, v.invalid, v.units.len()), (3, 0, 2));
    valid_rows_are_all_sent(&v);
    let e = Json::Object(entry(&t, &v, 0));
    assert_eq!(e["orderId"], "DH1");
    assert_eq!(e["items"].as_array().unwrap().len(), 2);
    let w = v.issues.iter().find(|i| i.is_warning()).unwrap();
    assert_eq!(w.row, 3);
    assert_eq!(
        w.problem,
        Problem::ContinuesEntry {
            key: "DH1".into(),
            first_row: 2
        }
    );
}

#[test]
fn a_line_with_order_data_but_no_order_id_is_an_issue_not_a_silent_drop() {
    let t = table(
        &["oid", "status", "sku", "pname", "qty"],
        &[
            &[
                ("DH1", Text),
                ("new", Text),
                ("P1", Text),
                ("Áo", Text),
                ("1", Text),
            ],
            &[
                ("", Text),
                ("new", Text),
                ("P2", Text),
                ("Quần", Text),
                ("2", Text),
            ],
        ],
    );
    let v = check(&t, &order_mapping());
    assert_eq!(v.states, [RowState::Valid, RowState::Invalid]);
    valid_rows_are_all_sent(&v);
    let i = v.errors().next().unwrap();
    assert_eq!(
        (i.row, i.field.as_deref(), i.column.as_deref()),
        (3, Some("orderId"), Some("oid"))
    );
    assert_eq!(i.problem, Problem::Required);
}

#[test]
fn a_copy_of_an_invalid_row_is_folded_into_a_valid_copy_or_not_at_all() {
    let mut b = TableBuilder::new(2, false);
    for (cells, n) in [
        (&["K1", "An", "extra"][..], 2),
        (&["K1", "An"][..], 3),
        (&["K1", "An"][..], 4),
    ] {
        for c in cells {
            b.push(c, Text).unwrap();
        }
        b.end_row(n);
    }
    let t = b.finish(vec!["id".into(), "name".into()], 1);
    let mut m = mapping(
        "customer-identity",
        &[("id", "customerId"), ("name", "fullName")],
    );
    m.constants.insert("email".into(), "a@b.vn".into());
    let v = check(&t, &m);
    // Row 2 has an extra field (invalid); rows 3 and 4 are the same valid entry.
    assert_eq!(
        v.states,
        [RowState::Invalid, RowState::Valid, RowState::DuplicateOf(1)]
    );
    valid_rows_are_all_sent(&v);
}

fn line(oid: &str, status: &str, sku: &str, name: &str, qty: &str) -> [(String, CellKind); 5] {
    [oid, status, sku, name, qty].map(|s| (s.to_string(), Text))
}

fn order_table(lines: &[[(String, CellKind); 5]]) -> Table {
    let rows: Vec<Vec<(&str, CellKind)>> = lines
        .iter()
        .map(|l| l.iter().map(|(s, k)| (s.as_str(), *k)).collect())
        .collect();
    let refs: Vec<&[(&str, CellKind)]> = rows.iter().map(|r| r.as_slice()).collect();
    table(&["oid", "status", "sku", "pname", "qty"], &refs)
}

fn codes_at(v: &Validation, row: u32) -> Vec<&'static str> {
    v.issues_at(row).iter().map(|i| i.problem.code()).collect()
}

#[test]
fn a_bad_line_under_merged_cells_keeps_its_whole_order_back_and_the_next_line_still_joins() {
    let t = order_table(&[
        line("DH1", "new", "P1", "Áo", "1"),
        line("", "", "P2", "Quần", "hai"),
        line("", "", "P3", "Mũ", "1"),
        line("DH2", "new", "P4", "Giày", "1"),
    ]);
    let v = check(&t, &order_mapping());
    // Row 3 is wrong: DH1 (rows 2–4) is not sent at all; DH2 is.
    assert_eq!(
        v.states,
        [
            RowState::Invalid,
            RowState::Invalid,
            RowState::Invalid,
            RowState::Valid
        ],
        "{:#?}",
        v.issues
    );
    assert_eq!(v.units.len(), 1);
    assert_eq!(Json::Object(entry(&t, &v, 0))["orderId"], "DH2");
    valid_rows_are_all_sent(&v);
    // No false "order ID required" on row 4: it joined DH1 like row 3.
    assert!(
        v.issues.iter().all(|i| i.problem.code() != "required"),
        "{:#?}",
        v.issues
    );
    assert!(codes_at(&v, 3).contains(&"invalid_number"));
    for row in [2, 4] {
        let g = v
            .issues_at(row)
            .iter()
            .find(|i| i.problem.code() == "group_invalid")
            .unwrap_or_else(|| panic!("row {row}: {:#?}", v.issues));
        assert_eq!(
            g.problem,
            Problem::GroupInvalid {
                key: "DH1".into(),
                rows: "3".into()
            }
        );
    }
}

#[test]
fn every_line_of_an_entry_with_two_bad_lines_names_the_others() {
    let t = order_table(&[
        line("DH1", "new", "P1", "Áo", "x"),
        line("", "", "P2", "Quần", "1"),
        line("", "", "P3", "Mũ", "y"),
    ]);
    let v = check(&t, &order_mapping());
    assert_eq!(v.invalid, 3);
    assert_eq!(v.units.len(), 0);
    let named = |row: u32| -> Option<String> {
        v.issues_at(row).iter().find_map(|i| match &i.problem {
            Problem::GroupInvalid { rows, .. } => Some(rows.clone()),
            _ => None,
        })
    };
    assert_eq!(named(2).as_deref(), Some("4"));
    assert_eq!(named(3).as_deref(), Some("2, 4"));
    assert_eq!(named(4).as_deref(), Some("2"));
}

/// Order lines validated with the order mapping, every row valid (asserted).
fn all_valid_orders(lines: &[[(String, CellKind); 5]]) -> (Table, Validation) {
    let t = order_table(lines);
    let v = check(&t, &order_mapping());
    assert_eq!((v.valid, v.invalid), (3, 0), "{:#?}", v.issues);
    (t, v)
}

#[test]
fn the_same_sku_twice_in_one_order_is_a_warning_and_both_lines_are_sent() {
    let (t, v) = all_valid_orders(&[
        line("DH1", "new", "P1", "Áo", "1"),
        line("DH1", "new", "P1", "Áo (tặng)", "2"),
        line("DH2", "new", "P1", "Áo", "1"),
    ]);
    assert_eq!(v.units.len(), 2);
    let e = Json::Object(entry(&t, &v, 0));
    assert_eq!(e["items"].as_array().unwrap().len(), 2);
    assert_eq!(e["items"][1]["quantity"], 2);
    assert!(v.errors().next().is_none());
    assert_eq!(codes_at(&v, 2), ["duplicate_item"]);
    assert_eq!(codes_at(&v, 3), ["duplicate_item"]);
    assert!(v.issues_at(4).is_empty());
}

#[test]
fn two_identical_lines_in_one_order_are_both_sent_each_naming_the_other() {
    let (t, v) = all_valid_orders(&[
        line("DH1", "new", "P1", "Áo", "1"),
        line("DH1", "new", "P1", "Áo", "1"),
        line("DH1", "new", "P2", "Quần", "1"),
    ]);
    assert!(
        v.states.iter().all(|s| *s == RowState::Valid),
        "no line is folded: {:?}",
        v.states
    );
    assert_eq!(v.units.len(), 1);
    assert_eq!(v.units.rows(0).len(), 3);
    let e = Json::Object(entry(&t, &v, 0));
    let skus: Vec<&str> = e["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["productSku"].as_str().unwrap())
        .collect();
    assert_eq!(skus, ["P1", "P1", "P2"]);
    assert!(v.errors().next().is_none());
    for (row, other) in [(2, "3"), (3, "2")] {
        let w = v.issues_at(row);
        assert_eq!(w.len(), 1, "row {row}: {w:#?}");
        assert_eq!(
            w[0].problem,
            Problem::DuplicateItem {
                key: "DH1".into(),
                item: "P1".into(),
                rows: other.into()
            }
        );
    }
    assert!(v.issues_at(4).is_empty());
    valid_rows_are_all_sent(&v);
}

#[test]
fn integers_are_32_bit_and_longs_64_bit() {
    let t = table(
        &["id", "yob", "long"],
        &[
            &[
                ("K1", Text),
                ("2147483647", Text),
                ("9223372036854775807", Text),
            ],
            &[
                ("K2", Text),
                ("2147483648", Text),
                ("-9223372036854775808", Text),
            ],
            &[
                ("K3", Text),
                ("-2147483649", Number),
                ("9223372036854775808", Text),
            ],
            &[("K4", Text), ("-2147483648", Text), ("3000000000", Text)],
        ],
    );
    let mut m = mapping(
        "customer-identity",
        &[
            ("id", "customerId"),
            ("yob", "yob"),
            ("long", "customFieldLong01"),
        ],
    );
    m.custom_fields.push(crate::mapping::CustomField {
        code: "customFieldLong01".into(),
        kind: crate::schema::CustomKind::Long,
        item: false,
        label: None,
    });
    m.constants.insert("email".into(), "a@b.vn".into());
    m.constants.insert("fullName".into(), "A".into());
    let v = check(&t, &m);
    assert_eq!(
        v.states,
        [
            RowState::Valid,
            RowState::Invalid,
            RowState::Invalid,
            RowState::Valid
        ],
        "{:#?}",
        v.issues
    );
    assert_eq!(codes_at(&v, 3), ["out_of_range"]);
    assert_eq!(v.issues_at(3)[0].field.as_deref(), Some("yob"));
    assert_eq!(codes_at(&v, 4), ["out_of_range", "out_of_range"]);
    let e = Json::Object(entry(&t, &v, 0));
    assert_eq!(e["yob"], 2147483647);
    assert_eq!(
        e["customFieldLongs"]["customFieldLong01"],
        9223372036854775807i64
    );
    assert_eq!(
        Json::Object(entry(&t, &v, 1))["customFieldLongs"]["customFieldLong01"],
        3000000000i64
    );
}

#[test]
fn a_list_cell_of_separators_only_is_empty() {
    let t = table(
        &["id", "nick"],
        &[
            &[("K1", Text), (",", Text)],
            &[("K2", Text), (" ; ,", Text)],
            &[("K3", Text), ("An; , Bé", Text)],
        ],
    );
    let mut m = mapping(
        "customer-identity",
        &[("id", "customerId"), ("nick", "nickNames")],
    );
    m.constants.insert("email".into(), "a@b.vn".into());
    m.constants.insert("fullName".into(), "A".into());
    let v = check(&t, &m);
    assert_eq!(v.invalid, 0, "{:#?}", v.issues);
    assert!(v.issues.is_empty(), "{:#?}", v.issues);
    for i in 0..2 {
        let e = entry(&t, &v, i);
        assert!(!e.contains_key("nickNames"), "{e:?}");
    }
    assert_eq!(
        Json::Object(entry(&t, &v, 2))["nickNames"],
        json!(["An", "Bé"])
    );
}
