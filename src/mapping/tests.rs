use super::*;
use crate::error::FileErrorKind;
use crate::schema;

fn h(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn fields(m: &Mapping) -> Vec<(String, Option<String>)> {
    m.columns
        .iter()
        .map(|c| (c.column.clone().unwrap(), c.field.clone()))
        .collect()
}

#[test]
fn vietnamese_and_english_headers_match_with_confidence() {
    let headers = h(&[
        "Số điện thoại",
        "SĐT",
        "Họ tên",
        "Mã khách hàng",
        "E-mail",
        "DOB",
        "Ghi chú nội bộ",
    ]);
    let cust = schema::find("customer-identity").unwrap();
    let s = suggest(&headers, cust);
    assert_eq!(s[0].as_ref().unwrap().field, "phone");
    assert_eq!(s[0].as_ref().unwrap().confidence, 1.0);
    // Only one column gets a field: the second phone-like header is left for the user.
    assert!(s[1].is_none() || s[1].as_ref().unwrap().field != "phone");
    assert_eq!(s[2].as_ref().unwrap().field, "fullName");
    assert_eq!(s[3].as_ref().unwrap().field, "customerId");
    assert_eq!(s[4].as_ref().unwrap().field, "email");
    assert_eq!(s[5].as_ref().unwrap().field, "dob");
    assert!(s[6].is_none(), "{:?}", s[6]);
}

#[test]
fn accents_case_and_spacing_do_not_matter() {
    let cust = schema::find("customer-identity").unwrap();
    for header in [
        "so dien thoai",
        "SỐ ĐIỆN THOẠI",
        "  Số  điện-thoại ",
        "sdt",
        "Phone Number",
    ] {
        let s = suggest(&h(&[header]), cust);
        assert_eq!(
            s[0].as_ref().map(|s| s.field.as_str()),
            Some("phone"),
            "{header}"
        );
    }
    // The API's own field names match too.
    let s = suggest(&h(&["customerId", "fullName", "yob"]), cust);
    let got: Vec<_> = s
        .iter()
        .map(|s| s.as_ref().unwrap().field.as_str())
        .collect();
    assert_eq!(got, ["customerId", "fullName", "yob"]);
}

#[test]
fn order_lines_map_item_fields_with_their_prefix() {
    let order = schema::find("order").unwrap();
    let m = auto_mapping(
        &h(&[
            "Mã đơn hàng",
            "Mã SP",
            "Tên sản phẩm",
            "Số lượng",
            "Đơn giá",
        ]),
        order,
    )
    .unwrap();
    assert_eq!(
        fields(&m),
        [
            ("Mã đơn hàng".into(), Some("orderId".into())),
            ("Mã SP".into(), Some("items.productSku".into())),
            ("Tên sản phẩm".into(), Some("items.productName".into())),
            ("Số lượng".into(), Some("items.quantity".into())),
            ("Đơn giá".into(), Some("items.price".into())),
        ]
    );
}

#[test]
fn auto_mapping_refuses_duplicate_headers_naming_both_columns() {
    let cust = schema::find("customer-identity").unwrap();
    let err = auto_mapping(&h(&["Mã KH", "Email", "SĐT", "email"]), cust).unwrap_err();
    assert_eq!(
        err,
        FileErrorKind::DuplicateHeader {
            header: "email".into(),
            first: "B".into(),
            second: "D".into()
        }
    );
}

#[test]
fn resolve_checks_fields_columns_and_positions() {
    let headers = h(&["Mã KH", "Email", "Email"]);
    let mut m = Mapping::new("customer-identity");
    m.columns.push(ColumnMap {
        column: Some("Mã KH".into()),
        field: Some("customerId".into()),
        ..Default::default()
    });
    m.columns.push(ColumnMap {
        position: Some("C".into()),
        field: Some("email".into()),
        ..Default::default()
    });
    let plan = resolve(&m, &headers).unwrap();
    assert_eq!(plan.columns[1].index, 2);
    assert_eq!(plan.source, DEFAULT_SOURCE);

    let mut bad = m.clone();
    bad.columns[1] = ColumnMap {
        column: Some("Email".into()),
        field: Some("email".into()),
        ..Default::default()
    };
    assert!(matches!(
        resolve(&bad, &headers),
        Err(FileErrorKind::DuplicateHeader { .. })
    ));

    let mut unknown = m.clone();
    unknown.columns[1].field = Some("emial".into());
    let e = resolve(&unknown, &headers).unwrap_err().to_string();
    assert!(
        e.contains("'emial' is not a field of customer-identity"),
        "{e}"
    );

    let mut twice = m.clone();
    twice.constants.insert("customerId".into(), "X".into());
    assert!(resolve(&twice, &headers).is_err());

    let mut missing = m.clone();
    missing.columns[0].column = Some("Mã khách".into());
    assert_eq!(
        resolve(&missing, &headers).unwrap_err(),
        FileErrorKind::NoSuchColumn("Mã khách".into())
    );

    let mut custom = m.clone();
    custom.custom_fields.push(CustomField {
        code: "customFieldLong01".into(),
        kind: crate::schema::CustomKind::Long,
        item: true,
        label: None,
    });
    assert!(
        resolve(&custom, &headers)
            .unwrap_err()
            .to_string()
            .contains("no line items")
    );
}

#[test]
fn mapping_json_round_trips_and_rejects_unknown_keys() {
    let mut m = Mapping::new("order");
    m.columns.push(ColumnMap {
        column: Some("SĐT".into()),
        field: Some("customerPhone".into()),
        options: ColumnOptions {
            phone_format: Some(crate::convert::PhoneFormat::E164),
            ..Default::default()
        },
        ..Default::default()
    });
    m.constants.insert("systemName".into(), "POS".into());
    let text = m.to_json();
    assert!(text.contains("\"phone_format\": \"e164\""), "{text}");
    assert_eq!(Mapping::from_json(&text).unwrap(), m);
    let typo = text.replace("\"constants\"", "\"constant\"");
    assert!(Mapping::from_json(&typo).unwrap_err().contains("constant"));
    let newer = text.replace("\"version\": 1", "\"version\": 9");
    assert!(Mapping::from_json(&newer).unwrap_err().contains("newer"));
}

#[test]
fn templates_are_recognised_by_header_set_and_report_changes() {
    let dir = tempfile::tempdir().unwrap();
    let cust = schema::find("customer-identity").unwrap();
    let october = h(&["Mã KH", "Họ tên", "SĐT", "Email", "Ngày sinh"]);
    let mut m = auto_mapping(&october, cust).unwrap();
    m.constants.insert("systemName".into(), "CRM".into());
    save_template(dir.path(), "Khách hàng hằng tháng", &m).unwrap();
    assert_eq!(list_templates(dir.path()).len(), 1);

    // Next month: same headers, other case and accents.
    let november = h(&["mã kh", "Họ Tên", "Sđt", "EMAIL", "Ngày sinh"]);
    let found = find_template(dir.path(), &november).unwrap();
    assert!(found.is_exact());
    let adapted = adapt_to_headers(&found.mapping, &november);
    let plan = resolve(&adapted, &november).unwrap();
    assert_eq!(plan.columns.len(), 5);
    assert_eq!(plan.constants.len(), 1);

    // A column added and one removed are pointed out.
    let december = h(&["Mã KH", "Họ tên", "SĐT", "Email", "Hạng thẻ"]);
    let found = find_template(dir.path(), &december).unwrap();
    assert_eq!(found.added, ["Hạng thẻ"]);
    assert_eq!(found.removed, ["Ngày sinh"]);
    let plan = resolve(&adapt_to_headers(&found.mapping, &december), &december).unwrap();
    assert_eq!(plan.columns.len(), 4);

    // An unrelated file finds nothing.
    assert!(find_template(dir.path(), &h(&["SKU", "Price"])).is_none());
}

#[test]
fn separate_ho_and_ten_columns_go_to_first_and_last_name_as_in_pangos_example() {
    // Pango's customer example: fullName "Nguyen Minh Dee", firstName "Nguyen"
    // (the family name, Họ), lastName "Dee" (Tên).
    for object in ["customer-identity", "lead-information"] {
        let o = schema::find(object).unwrap();
        let m = auto_mapping(&h(&["Mã KH", "Họ", "Tên", "SĐT"]), o).unwrap();
        let f = fields(&m);
        assert_eq!(f[1].1.as_deref(), Some("firstName"), "{object}: {f:?}");
        assert_eq!(f[2].1.as_deref(), Some("lastName"), "{object}: {f:?}");
        // Tên alone is the given name, never the full name.
        let m = auto_mapping(&h(&["Mã KH", "Tên", "SĐT"]), o).unwrap();
        assert_ne!(fields(&m)[1].1.as_deref(), Some("fullName"), "{object}");
        for whole in ["Họ và tên", "Họ tên", "HỌ TÊN"] {
            let m = auto_mapping(&h(&["Mã KH", whole, "Tên", "Họ"]), o).unwrap();
            let f = fields(&m);
            assert_eq!(f[1].1.as_deref(), Some("fullName"), "{object} {whole}");
            assert_eq!(f[2].1.as_deref(), Some("lastName"), "{object} {whole}");
            assert_eq!(f[3].1.as_deref(), Some("firstName"), "{object} {whole}");
        }
    }
}

#[test]
fn a_custom_field_code_must_fit_its_container() {
    let headers = h(&["Mã KH", "X"]);
    let with = |code: &str, kind: crate::schema::CustomKind| {
        let mut m = Mapping::new("customer-identity");
        m.columns.push(ColumnMap {
            column: Some("X".into()),
            field: Some(code.into()),
            ..Default::default()
        });
        m.custom_fields.push(CustomField {
            code: code.into(),
            kind,
            item: false,
            label: None,
        });
        resolve(&m, &headers)
    };
    use crate::schema::CustomKind::*;
    for (code, kind) in [
        ("customField01", Text),
        ("customField67", Text),
        ("customField100", Text),
        ("customFieldLong03", Long),
        ("customFieldTimestamp01", Timestamp),
        ("customFieldList01", List),
    ] {
        assert!(with(code, kind).is_ok(), "{code}");
    }
    for (code, kind) in [
        ("strangeCode", Text),
        ("customField", Text),
        ("customField1", Text),
        ("customFieldLong01", Text),
        ("customField01", Long),
        ("customFieldList01", Timestamp),
        ("customfield01", Text),
        ("customField01 ", Text),
        ("customFieldLong1a", Long),
    ] {
        let e = with(code, kind).unwrap_err().to_string();
        assert!(e.contains(code.trim()), "{code}: {e}");
    }
    let e = with("customField01", Long).unwrap_err().to_string();
    assert!(e.contains("customFieldLong01"), "{e}");
}

#[test]
fn template_file_names_are_ones_windows_can_create() {
    assert_eq!(
        file_name_for("Khách hàng tháng 12"),
        "khach-hang-thang-12.json"
    );
    // Windows' device names are taken whatever the extension: "con.json" cannot be created.
    for (name, file) in [
        ("CON", "con-mapping.json"),
        ("Nul", "nul-mapping.json"),
        ("com1", "com1-mapping.json"),
        ("LPT9", "lpt9-mapping.json"),
        ("console", "console.json"),
        ("com10", "com10.json"),
    ] {
        assert_eq!(file_name_for(name), file, "{name}");
    }
}
