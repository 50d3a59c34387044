//! Unit tests of the envelope and entry checks.

use serde_json::{Value, json};

use super::entry_check::{check_entry, entry_key};
use super::envelope::{Refusal, parse};
use super::sample_entry;
use crate::schema;

fn customer() -> Value {
    json!({
        "customerId": "C1",
        "phone": "0912345678",
        "fullName": "Nguyễn Văn A",
        "dob": 582310800000_i64,
        "gender": "male",
        "nickNames": ["A", "Ba"],
        "customFieldTexts": {"customField01": "x"},
        "customFieldLongs": {"customFieldLong01": 2},
        "customFieldTimestamps": {"customFieldTimestamp01": 1718600000000_i64},
        "customFieldListTexts": {"customFieldList01": ["a", "b"]},
    })
}

fn check(ty: &str, entry: &Value) -> Result<(), String> {
    check_entry(schema::find(ty).unwrap(), entry, "entries[0]")
}

fn refused(ty: &str, entry: &Value, needle: &str) {
    let err = check(ty, entry).expect_err(&entry.to_string());
    assert!(err.contains(needle), "{err:?} should contain {needle:?}");
}

#[test]
fn every_type_accepts_its_sample() {
    for ty in schema::all() {
        let entry = sample_entry(ty.name, "K1").unwrap();
        assert_eq!(check(ty.name, &entry), Ok(()), "{}: {entry}", ty.name);
        assert!(entry_key(ty, &entry).contains("K1"), "{}", ty.name);
    }
}

#[test]
fn a_full_customer_passes() {
    assert_eq!(check("customer-identity", &customer()), Ok(()));
}

#[test]
fn wrong_types_are_refused() {
    let cases = [
        (
            "phone",
            json!(912345678),
            "entries[0].phone: expected a string",
        ),
        ("phone", json!("09x"), "not a phone"),
        ("email", json!("not-mail"), "not an e-mail"),
        ("dob", json!("1988-06-15"), "expected an integer"),
        ("dob", json!(1.5), "expected an integer"),
        ("yob", json!(1988.5), "expected an integer"),
        ("yob", json!(5_000_000_000_i64), "32-bit"),
        ("gender", json!("Nam"), "not one of"),
        ("nickNames", json!("a,b"), "expected an array"),
        ("nickNames", json!([1]), "expected a string"),
        ("nickNames", json!([]), "empty list"),
        ("dob2", json!("31/10/2001"), "yyyy-MM-dd"),
        ("dob2", json!("2001-02-29"), "yyyy-MM-dd"),
        ("fullName", json!(""), "empty string"),
        ("fullName", json!("  "), "empty string"),
        ("customerId", Value::Null, "required field is null"),
        ("customerId", json!(12), "expected a string"),
        ("nope", json!("x"), "entries[0].nope: unknown field"),
        (
            "customFieldTexts",
            json!({"customField01": 3}),
            "expected a string",
        ),
        (
            "customFieldTexts",
            json!({"field01": "x"}),
            "not a custom field code",
        ),
        ("customFieldTexts", json!({}), "empty"),
        (
            "customFieldLongs",
            json!({"customFieldLong01": "3"}),
            "expected an integer",
        ),
        (
            "customFieldTimestamps",
            json!({"customFieldTimestamp01": 1718600000}),
            "seconds",
        ),
        (
            "customFieldListTexts",
            json!({"customFieldList01": "a"}),
            "expected an array",
        ),
        ("customFieldTexts", json!({"customField01": null}), "null"),
    ];
    for (field, value, needle) in cases {
        let mut entry = customer();
        entry[field] = value;
        refused("customer-identity", &entry, needle);
    }
}

#[test]
fn old_and_small_timestamps_in_dob_pass() {
    for dob in [-631_152_000_000_i64, 0, 1_180_800_000] {
        let mut entry = customer();
        entry["dob"] = json!(dob);
        assert_eq!(check("customer-identity", &entry), Ok(()), "{dob}");
    }
    let mut entry = customer();
    entry["dob"] = json!(100_000_000_000_000_i64);
    refused("customer-identity", &entry, "out of range");
    let mut order = sample_entry("order", "O1").unwrap();
    order["createdAt"] = json!(1584483275);
    refused(
        "order",
        &order,
        "entries[0].createdAt: 1584483275 looks like epoch seconds",
    );
    order["createdAt"] = json!(-1584483275);
    assert_eq!(check("order", &order), Ok(()));
}

#[test]
fn null_is_accepted_for_optional_fields_only() {
    let mut entry = customer();
    entry["email"] = Value::Null;
    assert_eq!(check("customer-identity", &entry), Ok(()));
    // ... but it does not count for a rule.
    entry["phone"] = Value::Null;
    refused("customer-identity", &entry, "Phone or e-mail");
}

#[test]
fn rules_and_required_fields() {
    let mut entry = customer();
    entry.as_object_mut().unwrap().remove("customerId");
    refused(
        "customer-identity",
        &entry,
        "customerId: missing required field",
    );
    let mut entry = customer();
    entry.as_object_mut().unwrap().remove("fullName");
    refused("customer-identity", &entry, "Full name");
    entry["firstName"] = json!("A");
    refused("customer-identity", &entry, "Full name");
    entry["lastName"] = json!("B");
    assert_eq!(check("customer-identity", &entry), Ok(()));
}

#[test]
fn items_are_required_and_checked() {
    let order = sample_entry("order", "O1").unwrap();
    let mut entry = order.clone();
    entry.as_object_mut().unwrap().remove("items");
    refused("order", &entry, "entries[0].items: missing required field");
    let mut entry = order.clone();
    entry["items"] = json!([]);
    refused("order", &entry, "at least one item");
    let mut entry = order.clone();
    entry["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("productSku");
    refused(
        "order",
        &entry,
        "items[0].productSku: missing required field",
    );
    let mut entry = order.clone();
    entry["items"][0]["quantity"] = json!("2");
    refused("order", &entry, "items[0].quantity: expected an integer");
    let mut entry = order;
    entry["items"][0]["customFieldTexts"] = json!({"customField01": "ok"});
    assert_eq!(check("order", &entry), Ok(()));
}

#[test]
fn survey_questions_are_keyed_by_question_id() {
    let survey = sample_entry("meta-survey", "S1").unwrap();
    assert!(survey["questions"].is_object(), "{survey}");
    let mut entry = survey.clone();
    entry["questions"] = json!([survey["questions"]["S1-1"]]);
    refused(
        "meta-survey",
        &entry,
        "expected an object keyed by questionId",
    );
    let mut entry = survey;
    entry["questions"]["S1-1"]["questionId"] = json!("other");
    refused("meta-survey", &entry, "must equal the item's key");
}

#[test]
fn keys_join_with_a_slash() {
    let ty = schema::find("custom-model").unwrap();
    let entry = json!({"momCode": "M-1", "refId": "R-9"});
    assert_eq!(entry_key(ty, &entry), "M-1 / R-9");
    let ev = schema::find("user-event").unwrap();
    let entry = sample_entry("user-event", "E").unwrap();
    assert!(entry_key(ev, &entry).ends_with("1584483275000"));
}

fn body(v: Value) -> Vec<u8> {
    v.to_string().into_bytes()
}

#[test]
fn envelope_checks() {
    let ok = json!({"objectType": "customer-identity", "source": "T", "entries": [customer()],
        "jeConfigId": null, "jeEventKey": null, "ignoredUpdateCfs": ["customField01"]});
    let env = parse(&body(ok.clone())).unwrap();
    assert_eq!(env.entries.len(), 1);
    assert_eq!(env.ignored_update_cfs, ["customField01"]);

    let missing = |m: &str| Err::<(), _>(Refusal::MissingInfo(m.to_owned()));
    let run = |v: Value| parse(&body(v)).map(|_| ());
    let mut v = ok.clone();
    v["objectType"] = json!("shoe");
    assert_eq!(run(v), Err(Refusal::ObjectType));
    let mut v = ok.clone();
    v.as_object_mut().unwrap().remove("objectType");
    assert_eq!(run(v), Err(Refusal::ObjectType));
    let mut v = ok.clone();
    v.as_object_mut().unwrap().remove("source");
    assert_eq!(run(v), missing("Invalid value of: source"));
    let mut v = ok.clone();
    v["entries"] = json!([]);
    assert!(matches!(run(v), Err(Refusal::MissingInfo(m)) if m.contains("entries")));
    let mut v = ok.clone();
    v["entries"] = Value::Array(vec![customer(); 51]);
    assert!(matches!(run(v), Err(Refusal::MissingInfo(m)) if m.contains("at most 50")));
    let mut v = ok.clone();
    v["entries"] = Value::Array(vec![customer(); 50]);
    assert_eq!(run(v), Ok(()));
    let mut v = ok.clone();
    v["jeConfigId"] = json!(5);
    assert_eq!(run(v), missing("Invalid value of: jeConfigId"));
    let mut v = ok.clone();
    v["ignoredUpdateCfs"] = json!("customField01");
    assert_eq!(run(v), missing("Invalid value of: ignoredUpdateCfs"));
    let mut v = ok.clone();
    v["extra"] = json!(1);
    assert!(matches!(run(v), Err(Refusal::InvalidData(m)) if m.contains("extra")));
    let mut v = ok;
    v["entries"][0]["phone"] = json!(912345678);
    assert!(matches!(run(v), Err(Refusal::InvalidData(m)) if m.starts_with("entries[0].phone")));
    assert!(matches!(parse(b"[1]"), Err(Refusal::MissingInfo(_))));
    assert!(matches!(parse(b"{"), Err(Refusal::MissingInfo(_))));
}
