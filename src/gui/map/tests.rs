//! The Map step's logic, without drawing.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::mapping::{self, ColumnMap, Mapping};
use crate::schema::CustomKind;

use super::notice::Notice;
use super::state::{Action, CustomError, Origin, object_for};
use super::{MapInput, MapState, required};

fn input(headers: &[&str]) -> MapInput {
    MapInput {
        file_name: "khach-hang.csv".into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        samples: Vec::new(),
        templates_dir: PathBuf::from("/nonexistent/pango-map-tests"),
    }
}

const CUSTOMER: &[&str] = &["Mã KH", "Họ và tên", "Số điện thoại", "Email", "Ghi chú"];

fn field(st: &MapState, header: &str) -> Option<String> {
    st.mapping()
        .column(header)
        .filter(|c| !c.ignore)
        .and_then(|c| c.field.clone())
}

#[test]
fn object_types_are_found_by_name_or_plain_word() {
    assert_eq!(object_for(None).name, "customer-identity");
    assert_eq!(object_for(Some("customers")).name, "customer-identity");
    assert_eq!(object_for(Some("orders")).name, "order");
    assert_eq!(object_for(Some("Products")).name, "product");
    assert_eq!(object_for(Some("shopping-cart")).name, "shopping-cart");
    assert_eq!(object_for(Some("Đơn hàng")).name, "order");
    assert_eq!(object_for(Some("no such thing")).name, "customer-identity");
}

#[test]
fn auto_match_fills_every_known_header_and_resolves() {
    let st = MapState::new(input(CUSTOMER), None);
    assert_eq!(field(&st, "Mã KH").as_deref(), Some("customerId"));
    assert_eq!(field(&st, "Số điện thoại").as_deref(), Some("phone"));
    assert_eq!(field(&st, "Ghi chú"), None);
    assert!(matches!(st.columns[0].origin, Origin::Auto(c) if c > 0.9));
    assert_eq!(st.blocker(Lang::En), None);
    let m = st.mapping();
    assert_eq!(m.headers.len(), 5);
    assert!(mapping::resolve(&m, &m.headers).is_ok());
}

#[test]
fn a_field_moves_between_columns_and_the_notice_names_both() {
    let mut st = MapState::new(input(CUSTOMER), None);
    st.apply(Action::SetField {
        col: 4,
        path: "phone".into(),
    });
    assert_eq!(field(&st, "Ghi chú").as_deref(), Some("phone"));
    assert_eq!(field(&st, "Số điện thoại"), None);
    assert_eq!(
        st.notice,
        Some(Notice::Moved {
            path: "phone".into(),
            from: 2,
            to: 4
        })
    );
    assert_eq!(st.columns[4].origin, Origin::User);
}

#[test]
fn a_constant_and_a_column_never_feed_the_same_field() {
    let mut st = MapState::new(input(CUSTOMER), None);
    st.apply(Action::SetConstant {
        path: "customerId".into(),
        value: "KH".into(),
    });
    assert_eq!(field(&st, "Mã KH"), None);
    assert!(matches!(
        st.notice,
        Some(Notice::ColumnReplaced { column: 0, .. })
    ));
    assert_eq!(st.blocker(Lang::En), None);
    st.apply(Action::SetField {
        col: 0,
        path: "customerId".into(),
    });
    assert!(st.mapping().constants.is_empty());
    // An empty value removes the constant.
    st.apply(Action::SetConstant {
        path: "systemName".into(),
        value: "CRM".into(),
    });
    st.apply(Action::SetConstant {
        path: "systemName".into(),
        value: "  ".into(),
    });
    assert!(st.mapping().constants.is_empty());
}

#[test]
fn ignoring_keeps_the_field_for_later_unless_it_was_taken() {
    let mut st = MapState::new(input(CUSTOMER), None);
    st.apply(Action::SetIgnore {
        col: 3,
        ignore: true,
    });
    assert_eq!(field(&st, "Email"), None);
    st.apply(Action::SetIgnore {
        col: 3,
        ignore: false,
    });
    assert_eq!(field(&st, "Email").as_deref(), Some("email"));
    st.apply(Action::SetIgnore {
        col: 3,
        ignore: true,
    });
    st.apply(Action::SetField {
        col: 4,
        path: "email".into(),
    });
    st.apply(Action::SetIgnore {
        col: 3,
        ignore: false,
    });
    assert_eq!(field(&st, "Email"), None);
    assert_eq!(field(&st, "Ghi chú").as_deref(), Some("email"));
}

#[test]
fn custom_fields_are_checked_and_removing_one_unmaps_it() {
    let mut st = MapState::new(input(CUSTOMER), None);
    st.custom_draft.code = "bad code".into();
    st.apply(Action::AddCustom);
    assert_eq!(st.custom_draft.error, Some(CustomError::BadCode));
    st.custom_draft.code = "".into();
    st.apply(Action::AddCustom);
    assert_eq!(st.custom_draft.error, Some(CustomError::Empty));
    st.apply(Action::CustomFor(Some(4)));
    assert_eq!(st.custom_draft.label, "Ghi chú");
    st.custom_draft.code = "customFieldLong01".into();
    st.custom_draft.kind = CustomKind::Long;
    st.apply(Action::AddCustom);
    assert_eq!(st.custom_draft.error, None);
    assert_eq!(field(&st, "Ghi chú").as_deref(), Some("customFieldLong01"));
    let m = st.mapping();
    assert_eq!(m.custom_fields[0].kind, CustomKind::Long);
    assert!(
        mapping::resolve(&m, &m.headers)
            .unwrap()
            .feeds("customFieldLong01")
    );
    st.custom_draft.code = "customFieldLong01".into();
    st.apply(Action::AddCustom);
    assert_eq!(st.custom_draft.error, Some(CustomError::Taken));
    st.apply(Action::KeepExisting {
        code: "customFieldLong01".into(),
        keep: true,
    });
    assert_eq!(st.mapping().ignored_update_cfs, vec!["customFieldLong01"]);
    st.apply(Action::RemoveCustom("customFieldLong01".into()));
    assert!(st.mapping().ignored_update_cfs.is_empty());
    assert_eq!(field(&st, "Ghi chú"), None);
    assert!(st.mapping().custom_fields.is_empty());
}

#[test]
fn item_custom_fields_go_on_the_line() {
    let mut st = MapState::new(
        input(&["Mã đơn", "Trạng thái", "Mã SP", "Màu"]),
        Some("orders"),
    );
    st.apply(Action::CustomFor(Some(3)));
    st.custom_draft.code = "customField02".into();
    st.custom_draft.item = true;
    st.apply(Action::AddCustom);
    assert_eq!(field(&st, "Màu").as_deref(), Some("items.customField02"));
    let m = st.mapping();
    assert!(m.custom_fields[0].item);
    assert!(mapping::resolve(&m, &m.headers).is_ok());
    // Customers have no line items: item custom fields go with a switch.
    st.apply(Action::SetObject("customer-identity"));
    assert!(st.mapping().custom_fields.is_empty());
}

#[test]
fn switching_type_rematches_and_keeps_constants_that_still_apply() {
    let mut st = MapState::new(input(CUSTOMER), None);
    st.apply(Action::SetConstant {
        path: "systemName".into(),
        value: "CRM".into(),
    });
    st.apply(Action::SetConstant {
        path: "gender".into(),
        value: "female".into(),
    });
    st.apply(Action::SetObject("order"));
    assert_eq!(st.object_type(), "order");
    let m = st.mapping();
    assert_eq!(m.object_type, "order");
    assert_eq!(
        m.constants.keys().collect::<Vec<_>>(),
        vec!["systemName"],
        "order has systemName but no gender"
    );
    assert_eq!(field(&st, "Mã KH").as_deref(), Some("customerId"));
    let missing = st.blocker(Lang::En).unwrap();
    assert!(missing.contains("Order ID"), "{missing}");
}

#[test]
fn the_checklist_covers_entry_and_item_requirements() {
    let st = MapState::new(input(&["Mã đơn hàng", "Mã SP"]), Some("order"));
    let checks = required::checklist(&st, Lang::En);
    let order_id = checks.iter().find(|c| c.text == "Order ID").unwrap();
    assert!(order_id.met);
    assert_eq!(order_id.by.as_deref(), Some("column A (Mã đơn hàng)"));
    assert!(checks.iter().any(|c| !c.met && c.text == "Order status"));
    // Item fields name the list they belong to.
    assert!(
        checks.iter().any(|c| c.text.contains("(Order items)")),
        "{checks:?}"
    );
}

#[test]
fn rules_read_as_alternatives() {
    let st = MapState::new(input(&["Mã KH", "Tên", "Họ"]), None);
    let checks = required::checklist(&st, Lang::Vi);
    let texts: Vec<&str> = checks.iter().map(|c| c.text.as_str()).collect();
    assert!(texts.contains(&"Số điện thoại hoặc Email"), "{texts:?}");
    let phone = checks
        .iter()
        .find(|c| c.text == "Số điện thoại hoặc Email")
        .unwrap();
    assert!(!phone.met);
}

#[test]
fn duplicate_headers_are_written_by_position_and_come_back() {
    let mut st = MapState::new(input(&["Mã KH", "SĐT", "SĐT", "Email"]), None);
    st.apply(Action::SetField {
        col: 2,
        path: "phone".into(),
    });
    let m = st.mapping();
    assert_eq!(m.columns[2].position.as_deref(), Some("C"));
    assert_eq!(m.columns[0].position, None);
    assert!(mapping::resolve(&m, &m.headers).is_ok());
    let back = MapState::with_mapping(input(&["Mã KH", "SĐT", "SĐT", "Email"]), m.clone());
    assert_eq!(back.mapping(), m);
    assert_eq!(back.columns[2].field.as_deref(), Some("phone"));
}

#[test]
fn a_restored_mapping_drops_what_no_longer_fits() {
    let mut m = Mapping::new("customer-identity");
    m.columns = vec![
        ColumnMap {
            column: Some("mã kh".into()),
            field: Some("customerId".into()),
            ..ColumnMap::default()
        },
        ColumnMap {
            column: Some("Fax".into()),
            field: Some("phone".into()),
            ..ColumnMap::default()
        },
        ColumnMap {
            column: Some("Email".into()),
            field: Some("noSuchField".into()),
            ..ColumnMap::default()
        },
    ];
    let st = MapState::with_mapping(input(CUSTOMER), m);
    assert_eq!(field(&st, "Mã KH").as_deref(), Some("customerId"));
    assert_eq!(field(&st, "Email"), None);
    assert_eq!(st.columns[0].origin, Origin::Restored);
}

#[test]
fn a_template_fills_new_columns_by_auto_match_and_names_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = MapState::new(
        MapInput {
            templates_dir: dir.path().to_path_buf(),
            ..input(&["Mã KH", "Họ và tên", "Email", "Fax"])
        },
        None,
    );
    first.apply(Action::SetField {
        col: 3,
        path: "customerGroup".into(),
    });
    mapping::save_template(dir.path(), "Khách hàng", &first.mapping()).unwrap();
    let st = MapState::new(
        MapInput {
            templates_dir: dir.path().to_path_buf(),
            ..input(&["Mã KH", "Họ và tên", "Email", "Số điện thoại"])
        },
        None,
    );
    let applied = st.templates.applied.clone().unwrap();
    assert_eq!(applied.name, "khach-hang");
    assert_eq!(applied.added, vec!["Số điện thoại".to_string()]);
    assert_eq!(applied.removed, vec!["Fax".to_string()]);
    assert!(applied.automatic);
    assert_eq!(st.columns[0].origin, Origin::Template);
    assert_eq!(field(&st, "Số điện thoại").as_deref(), Some("phone"));
    assert!(matches!(st.columns[3].origin, Origin::Auto(_)));
}

#[test]
fn saving_a_template_happens_in_the_background_and_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = MapState::new(
        MapInput {
            templates_dir: dir.path().join("templates"),
            ..input(CUSTOMER)
        },
        None,
    );
    assert_eq!(st.templates.name_draft, "khach-hang");
    st.templates.name_draft = "Khách hàng tháng 11".into();
    st.apply(Action::SaveTemplate);
    let start = std::time::Instant::now();
    while st.is_saving() {
        assert!(start.elapsed().as_secs() < 10);
        std::thread::sleep(std::time::Duration::from_millis(5));
        st.poll();
    }
    assert_eq!(
        st.notice,
        Some(Notice::TemplateSaved {
            name: "khach-hang-thang-11".into()
        })
    );
    assert_eq!(st.templates.list.len(), 1);
    assert_eq!(st.templates.list[0].2, st.mapping());
}

#[test]
fn a_failed_save_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let mut st = MapState::new(
        MapInput {
            templates_dir: blocker.join("templates"),
            ..input(CUSTOMER)
        },
        None,
    );
    st.apply(Action::SaveTemplate);
    while st.is_saving() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        st.poll();
    }
    assert!(matches!(st.notice, Some(Notice::TemplateFailed { .. })));
}

#[test]
fn a_custom_field_code_must_fit_the_chosen_type() {
    let mut st = MapState::new(input(CUSTOMER), None);
    for (code, kind) in [
        ("customField01", CustomKind::Long),
        ("customFieldLong01", CustomKind::Text),
        ("strangeCode", CustomKind::Text),
        ("customField1", CustomKind::Text),
    ] {
        st.custom_draft.code = code.into();
        st.custom_draft.kind = kind;
        st.apply(Action::AddCustom);
        assert_eq!(st.custom_draft.error, Some(CustomError::BadCode), "{code}");
    }
    st.custom_draft.code = "customFieldTimestamp02".into();
    st.custom_draft.kind = CustomKind::Timestamp;
    st.apply(Action::AddCustom);
    assert_eq!(st.custom_draft.error, None);
}

#[test]
fn the_app_finds_a_column_by_header_as_the_cli_and_templates_do() {
    let headers = ["Mã KH", "Tên", "Số điện thoại", "Ten"];
    let by = |name: &str, field: &str| ColumnMap {
        column: Some(name.into()),
        field: Some(field.into()),
        ..ColumnMap::default()
    };
    let mut m = Mapping::new("customer-identity");
    // Accents and case set aside: found by all three; "TEN" could be B or D: by none.
    m.columns = vec![by("ma kh", "customerId"), by("So dien thoai", "phone")];
    let st = MapState::with_mapping(input(&headers), m.clone());
    let owned: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let plan = mapping::resolve(&m, &owned).unwrap();
    let adapted = mapping::adapt_to_headers(&m, &owned);
    for (n, (header, path)) in [("Mã KH", "customerId"), ("Số điện thoại", "phone")]
        .into_iter()
        .enumerate()
    {
        assert_eq!(field(&st, header).as_deref(), Some(path));
        assert_eq!(plan.columns[n].header, header);
        assert_eq!(adapted.columns[n].column.as_deref(), Some(header));
    }
    m.columns.push(by("TEN", "firstName"));
    let st = MapState::with_mapping(input(&headers), m.clone());
    assert!(
        st.columns
            .iter()
            .all(|c| c.field.as_deref() != Some("firstName"))
    );
    assert!(matches!(
        mapping::resolve(&m, &owned),
        Err(crate::error::FileErrorKind::Mapping(
            mapping::MappingError::AmbiguousHeader { .. }
        ))
    ));
    assert_eq!(mapping::adapt_to_headers(&m, &owned).columns.len(), 2);
}
