//! The words validation puts in front of the user: field labels (not API names)
//! in messages, and sent dates shown as dates.

use serde_json::json;

use super::tests::{check, mapping, table};
use super::*;
use crate::convert::{DateOrder, Offset, PhoneFormat};
use crate::i18n::Lang;
use crate::schema::FieldType;
use crate::source::CellKind::Text;

#[test]
fn a_missing_one_of_names_the_fields_by_their_labels() {
    let t = table(
        &["id", "name", "family"],
        &[&[("KH1", Text), ("", Text), ("Nguyễn", Text)]],
    );
    let m = mapping(
        "customer-identity",
        &[
            ("id", "customerId"),
            ("name", "fullName"),
            ("family", "firstName"),
        ],
    );
    let v = check(&t, &m);
    let messages: Vec<(String, String)> = v
        .issues
        .iter()
        .filter(|i| i.problem.code() == "missing_one_of")
        .map(|i| (i.message(Lang::En), i.message(Lang::Vi)))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "needs at least one of: Phone or E-mail".to_string(),
                "cần ít nhất một trong: Số điện thoại hoặc Email".to_string()
            ),
            (
                "needs at least one of: Full name or both Family name (Họ) and Given name (Tên)"
                    .to_string(),
                "cần ít nhất một trong: Họ và tên hoặc cả Họ lẫn Tên".to_string()
            ),
        ]
    );
    // The issue's field (the CLI's "field" key) keeps the API names.
    let fields: Vec<_> = v.issues.iter().filter_map(|i| i.field.as_deref()).collect();
    assert!(fields.contains(&"phone or email"), "{fields:?}");
}

#[test]
fn a_sent_date_reads_as_a_date_with_its_zone_and_goes_out_as_epoch_ms() {
    let rules = CellRules {
        ty: FieldType::Timestamp,
        date_order: DateOrder::Dmy,
        offset: Offset::VIETNAM,
        phone_format: PhoneFormat::default(),
        decimal: None,
    };
    let v = cell_value("14/02/1990", Text, &rules).unwrap().unwrap();
    assert_eq!(v.display(), "1990-02-14 00:00 +07:00");
    assert_eq!(v.to_json(), json!(634928400000i64));
    let v = cell_value("14/02/1990 08:30:15", Text, &rules)
        .unwrap()
        .unwrap();
    assert_eq!(v.display(), "1990-02-14 08:30:15 +07:00");
    let utc = CellRules {
        offset: Offset::parse("-05:30").unwrap(),
        ..rules
    };
    let v = cell_value("01/01/2024 00:00", Text, &utc).unwrap().unwrap();
    assert_eq!(v.display(), "2024-01-01 00:00 -05:30");
}

#[test]
fn a_bad_fixed_value_names_its_field_by_label_in_the_app_and_by_name_in_the_cli() {
    let t = table(&["id"], &[&[("K1", Text)]]);
    let mut m = mapping("customer-identity", &[("id", "customerId")]);
    m.constants.insert("yob".into(), "nineteen".into());
    let plan = crate::mapping::resolve(&m, t.headers()).unwrap();
    let err = validate(&t, &plan, None).unwrap_err();
    let both = [Lang::En, Lang::Vi].map(|lang| err.message(lang));
    assert_eq!(
        both,
        [
            "the fixed value for Year of birth (\"nineteen\"): not a number",
            "giá trị cố định của Năm sinh (\"nineteen\"): không phải là số",
        ]
    );
    assert!(
        err.to_string().starts_with("the constant for 'yob'"),
        "{err}"
    );
}
