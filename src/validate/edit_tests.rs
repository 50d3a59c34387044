//! Validation, payloads and keys read the table through the user's edits.

use serde_json::{Value as Json, json};

use super::tests::mapping;
use super::*;
use crate::mapping::resolve;
use crate::payload::entry;
use crate::source::{CellKind, Edits, TableBuilder};

fn table() -> Table {
    let mut b = TableBuilder::new(3, true);
    for (i, (id, phone, kind)) in [
        ("1001", "912345678", CellKind::Number),
        ("KH2", "#N/A", CellKind::Error),
    ]
    .into_iter()
    .enumerate()
    {
        b.push(id, CellKind::Text).unwrap();
        b.push(phone, kind).unwrap();
        b.push("Ánh", CellKind::Text).unwrap();
        b.end_row(i as u32 + 2);
    }
    b.finish(vec!["id".into(), "phone".into(), "name".into()], 1)
}

fn plan(t: &Table) -> Plan {
    let pairs = [
        ("id", "customerId"),
        ("phone", "phone"),
        ("name", "fullName"),
    ];
    resolve(&mapping("customer-identity", &pairs), t.headers()).unwrap()
}

#[test]
fn an_edit_fixes_a_row_and_is_what_gets_sent() {
    let t = table();
    let plan = plan(&t);
    let before = validate(&t, &plan, None).unwrap();
    assert_eq!((before.valid, before.invalid), (1, 1));
    assert!(before.edits.is_empty());

    let mut edits = Edits::new();
    edits.set(&t, 1, 1, "0987 654 321");
    edits.set(&t, 1, 0, "KH02");
    let after = validate(TableView::new(&t, &edits), &plan, None).unwrap();
    assert_eq!((after.valid, after.invalid), (2, 0), "{:?}", after.issues);
    assert_eq!(after.edits, edits);
    assert_eq!(after.units.len(), 2);
    assert_eq!(
        Json::Object(entry(&t, &after, 1)),
        json!({"customerId": "KH02", "phone": "0987654321", "fullName": "Ánh"})
    );
    assert_eq!(after.key_reader(&t)(1), "KH02");
    // The table itself is untouched: validated alone it is as before.
    assert_eq!(t.cell(1, 1), "#N/A");
    assert_eq!(validate(&t, &plan, None).unwrap().invalid, 1);
}

#[test]
fn an_edited_cell_is_read_as_text() {
    let t = table();
    let plan = plan(&t);
    let mut edits = Edits::new();
    // Typed over with the same text, the Excel error cell becomes a text cell: its
    // problem is now a phone number that is not valid, no longer an Excel error.
    edits.set(&t, 1, 1, "#N/A");
    let v = validate(TableView::new(&t, &edits), &plan, None).unwrap();
    let codes: Vec<_> = v.issues.iter().map(|i| i.problem.code()).collect();
    assert_eq!(codes, ["invalid_phone"]);
    assert_eq!(
        validate(&t, &plan, None).unwrap().issues[0].problem.code(),
        "excel_error"
    );
}
