use std::collections::{HashMap, HashSet};

use super::*;

const EXPECTED_ORDER: [&str; 13] = [
    "customer-identity",
    "order",
    "product",
    "lead-information",
    "shopping-cart",
    "purchase-history",
    "order-payment",
    "user-event",
    "custom-model",
    "customer-product-activity",
    "email-interaction",
    "meta-survey",
    "meta-form-marketing",
];

fn ty(name: &str) -> &'static ObjectType {
    find(name).unwrap_or_else(|| panic!("no object type {name}"))
}

/// Entry fields and item fields together, item fields named `container.field`.
fn all_fields(t: &ObjectType) -> Vec<(String, &'static FieldDef)> {
    let mut out: Vec<(String, &'static FieldDef)> =
        t.fields.iter().map(|f| (f.name.to_string(), f)).collect();
    if let Some(items) = t.items {
        out.extend(
            items
                .fields
                .iter()
                .map(|f| (format!("{}.{}", items.container, f.name), f)),
        );
    }
    out
}

fn required(t: &ObjectType) -> Vec<String> {
    all_fields(t)
        .into_iter()
        .filter(|(_, f)| f.required)
        .map(|(n, _)| n)
        .collect()
}

/// A field name split into lower-case words the way a person reads it:
/// `customerId` → "customer id", `lineVATPercent` → "line vat percent",
/// `payment1` → "payment 1".
fn split_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit()))
                || (c.is_uppercase() && prev.is_uppercase() && next_lower)
                || (c.is_ascii_digit() != prev.is_ascii_digit());
            if boundary {
                out.push(' ');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn is_folded(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ')
}

#[test]
fn split_name_reads_like_a_header() {
    assert_eq!(split_name("customerId"), "customer id");
    assert_eq!(split_name("lineVATPercent"), "line vat percent");
    assert_eq!(split_name("payment1"), "payment 1");
    assert_eq!(split_name("dob"), "dob");
}

#[test]
fn all_lists_the_thirteen_types_in_ui_order() {
    let names: Vec<&str> = all().iter().map(|t| t.name).collect();
    assert_eq!(names, EXPECTED_ORDER);
}

#[test]
fn find_returns_the_type_or_none() {
    for t in all() {
        assert!(std::ptr::eq(find(t.name).unwrap(), *t));
    }
    assert!(std::ptr::eq(find("order").unwrap(), &ORDER));
    assert!(
        find("Order").is_none(),
        "objectType values are case-sensitive"
    );
    assert!(find("customer").is_none());
    assert!(find("").is_none());
}

#[test]
fn type_names_are_unique() {
    let set: HashSet<&str> = all().iter().map(|t| t.name).collect();
    assert_eq!(set.len(), all().len());
}

#[test]
fn field_names_are_unique_within_entry_and_within_items() {
    for t in all() {
        let mut seen = HashSet::new();
        for f in t.fields {
            assert!(seen.insert(f.name), "{}: {} twice", t.name, f.name);
        }
        if let Some(items) = t.items {
            let mut seen = HashSet::new();
            for f in items.fields {
                assert!(seen.insert(f.name), "{}.items: {} twice", t.name, f.name);
            }
        }
    }
}

#[test]
fn keys_rules_and_item_keys_name_existing_fields() {
    for t in all() {
        assert!(!t.key.is_empty(), "{} has no key", t.name);
        for k in t.key {
            assert!(t.field(k).is_some(), "{}: key {k} is not a field", t.name);
        }
        for r in t.rules {
            assert!(r.any_of.len() >= 2, "{}: a rule needs alternatives", t.name);
            for name in r.any_of.iter().flat_map(|g| g.iter()) {
                let f = t
                    .field(name)
                    .unwrap_or_else(|| panic!("{}: rule names unknown {name}", t.name));
                assert!(
                    !f.required,
                    "{}: {name} is in a rule, so not plainly required",
                    t.name
                );
            }
        }
        if let Some(items) = t.items {
            assert!(t.item_field(items.key).is_some(), "{}: item key", t.name);
            if let Some(mk) = items.map_key {
                assert!(t.item_field(mk).is_some(), "{}: map key", t.name);
            }
            for name in items
                .rules
                .iter()
                .flat_map(|r| r.any_of.iter().flat_map(|g| g.iter()))
            {
                assert!(t.item_field(name).is_some(), "{}: item rule {name}", t.name);
            }
            assert!(
                t.field(items.container).is_none(),
                "{}: the container is not a field",
                t.name
            );
        }
    }
}

#[test]
fn keys_are_as_agreed() {
    let expect: [(&str, &[&str]); 13] = [
        ("customer-identity", &["customerId"]),
        ("order", &["orderId"]),
        ("product", &["productId"]),
        ("lead-information", &["leadId"]),
        ("shopping-cart", &["cartId"]),
        ("purchase-history", &["transactionId"]),
        ("order-payment", &["paymentId"]),
        (
            "user-event",
            &["source", "sourceId", "eventName", "eventAt"],
        ),
        ("custom-model", &["momCode", "refId"]),
        ("customer-product-activity", &["actionId"]),
        ("email-interaction", &["id"]),
        ("meta-survey", &["surveyId"]),
        ("meta-form-marketing", &["formId"]),
    ];
    for (name, key) in expect {
        assert_eq!(ty(name).key, key, "{name}");
    }
}

#[test]
fn items_are_where_the_docs_put_them() {
    let expect = [
        ("order", "items", None, "productSku"),
        ("shopping-cart", "items", None, "productSku"),
        ("purchase-history", "items", None, "itemId"),
        ("order-payment", "items", None, "paymentDetailId"),
        ("meta-survey", "questions", Some("questionId"), "questionId"),
    ];
    for (name, container, map_key, key) in expect {
        let items = ty(name).items.unwrap_or_else(|| panic!("{name} has items"));
        assert_eq!(items.container, container, "{name}");
        assert_eq!(items.map_key, map_key, "{name}");
        assert_eq!(items.key, key, "{name}");
    }
    let with_items: Vec<&str> = all()
        .iter()
        .filter(|t| t.items.is_some())
        .map(|t| t.name)
        .collect();
    assert_eq!(
        with_items,
        [
            "order",
            "shopping-cart",
            "purchase-history",
            "order-payment",
            "meta-survey"
        ]
    );
    let questions: Vec<&str> = META_SURVEY
        .items
        .unwrap()
        .fields
        .iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        questions,
        [
            "questionId",
            "langDef",
            "lang1",
            "lang2",
            "lang3",
            "lang4",
            "lang5"
        ]
    );
}

#[test]
fn required_fields_are_exactly_the_documented_ones() {
    let expect: [(&str, &[&str]); 13] = [
        ("customer-identity", &["customerId"]),
        (
            "order",
            &[
                "orderId",
                "orderStatus",
                "customerId",
                "customerName",
                "customerEmail",
                "items.productSku",
                "items.productName",
            ],
        ),
        ("product", &["productId", "sku"]),
        ("lead-information", &["leadId", "phone"]),
        (
            "shopping-cart",
            &[
                "cartId",
                "cartStatus",
                "customerId",
                "customerName",
                "customerEmail",
                "items.productSku",
                "items.productName",
            ],
        ),
        (
            "purchase-history",
            &[
                "transactionId",
                "customerId",
                "customerName",
                "transactionDate",
                "transactionAt",
                "items.itemId",
                "items.itemName",
            ],
        ),
        (
            "order-payment",
            &[
                "paymentId",
                "customerId",
                "items.paymentDetailId",
                "items.typeFee",
                "items.paymentItemName",
            ],
        ),
        (
            "user-event",
            &[
                "source",
                "sourceId",
                "channel",
                "eventCtg",
                "eventName",
                "eventAt",
            ],
        ),
        ("custom-model", &["momCode", "refId"]),
        (
            "customer-product-activity",
            &[
                "actionId",
                "action",
                "actionAt",
                "customerId",
                "customerName",
                "productSku",
                "productName",
                "productCategoryId",
            ],
        ),
        (
            "email-interaction",
            &[
                "id",
                "email",
                "serviceProvider",
                "eventAt",
                "event",
                "actionAt",
            ],
        ),
        (
            "meta-survey",
            &["surveyId", "questions.questionId", "questions.langDef"],
        ),
        ("meta-form-marketing", &["formId", "provider", "name"]),
    ];
    for (name, req) in expect {
        assert_eq!(required(ty(name)), req, "{name}");
    }
}

#[test]
fn conditional_rules_are_as_documented() {
    let groups = |t: &ObjectType| -> Vec<Vec<Vec<&str>>> {
        t.rules
            .iter()
            .map(|r| r.any_of.iter().map(|g| g.to_vec()).collect())
            .collect()
    };
    assert_eq!(
        groups(&CUSTOMER_IDENTITY),
        [
            vec![vec!["phone"], vec!["email"]],
            vec![vec!["fullName"], vec!["firstName", "lastName"]],
        ]
    );
    assert_eq!(
        groups(&LEAD_INFORMATION),
        [vec![vec!["fullName"], vec!["firstName", "lastName"]]]
    );
    for t in [&PURCHASE_HISTORY, &CUSTOMER_PRODUCT_ACTIVITY] {
        assert_eq!(
            groups(t),
            [vec![vec!["customerPhone"], vec!["customerEmail"]]],
            "{}",
            t.name
        );
    }
    for t in all() {
        let ruled = [
            "customer-identity",
            "lead-information",
            "purchase-history",
            "customer-product-activity",
        ];
        if !ruled.contains(&t.name) {
            assert!(t.rules.is_empty(), "{} has no documented rule", t.name);
        }
        for r in t.rules {
            assert!(!r.message.en.is_empty() && !r.message.vi.is_empty());
        }
    }
    assert_eq!(
        CUSTOMER_IDENTITY.rules[0].message.en,
        "Phone or e-mail is required"
    );
    assert_eq!(
        CUSTOMER_IDENTITY.rules[0].message.vi,
        "Cần số điện thoại hoặc email"
    );
}

#[test]
fn ignored_update_cfs_only_where_tagged() {
    let tagged: Vec<&str> = all()
        .iter()
        .filter(|t| t.ignored_update_cfs)
        .map(|t| t.name)
        .collect();
    assert_eq!(
        tagged,
        [
            "customer-identity",
            "lead-information",
            "user-event",
            "custom-model",
            "customer-product-activity"
        ]
    );
}

#[test]
fn synonyms_are_folded() {
    for t in all() {
        for (name, f) in all_fields(t) {
            for s in f.synonyms {
                assert!(
                    is_folded(s),
                    "{}.{name}: synonym {s:?} is not folded",
                    t.name
                );
            }
        }
    }
}

#[test]
fn synonyms_are_unique_within_a_type() {
    for t in all() {
        let mut owner: HashMap<&str, String> = HashMap::new();
        for (name, f) in all_fields(t) {
            for s in f.synonyms {
                if let Some(other) = owner.insert(s, name.clone()) {
                    panic!("{}: {s:?} is a synonym of both {other} and {name}", t.name);
                }
            }
        }
    }
}

#[test]
fn synonyms_do_not_repeat_or_steal_field_names() {
    for t in all() {
        let fields = all_fields(t);
        for (name, f) in &fields {
            for s in f.synonyms {
                assert_ne!(
                    *s,
                    split_name(f.name),
                    "{}.{name}: its own name is matched anyway",
                    t.name
                );
                for (other, g) in &fields {
                    if g.name != f.name {
                        assert_ne!(
                            *s,
                            split_name(g.name),
                            "{}.{name}: synonym {s:?} is the name of {other}",
                            t.name
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_field_has_real_world_synonyms() {
    for t in all() {
        for (name, f) in all_fields(t) {
            assert!(!f.synonyms.is_empty(), "{}.{name} has no synonym", t.name);
        }
    }
}

#[test]
fn shared_headers_go_to_the_likely_field() {
    let owner = |t: &ObjectType, header: &str| -> Option<String> {
        all_fields(t)
            .into_iter()
            .find(|(_, f)| f.synonyms.contains(&header))
            .map(|(n, _)| n)
    };
    let cust = &CUSTOMER_IDENTITY;
    assert_eq!(owner(cust, "sdt").as_deref(), Some("phone"));
    assert_eq!(owner(cust, "so dien thoai").as_deref(), Some("phone"));
    assert_eq!(owner(cust, "ho va ten").as_deref(), Some("fullName"));
    // Tên alone is the given name: lastName in Pango's example, never fullName.
    assert_eq!(owner(cust, "ten").as_deref(), Some("lastName"));
    assert_eq!(owner(cust, "ho").as_deref(), Some("firstName"));
    assert_eq!(owner(cust, "ma kh").as_deref(), Some("customerId"));
    assert_eq!(owner(cust, "ngay sinh").as_deref(), Some("dob"));
    assert_eq!(owner(cust, "gioi tinh").as_deref(), Some("gender"));
    assert_eq!(owner(cust, "dia chi").as_deref(), Some("address"));
    assert_eq!(owner(cust, "tinh thanh").as_deref(), Some("city"));
    assert_eq!(owner(cust, "quan huyen").as_deref(), Some("district"));
    assert_eq!(owner(cust, "phuong xa").as_deref(), Some("ward"));

    let order = &ORDER;
    assert_eq!(owner(order, "ma don hang").as_deref(), Some("orderId"));
    assert_eq!(
        owner(order, "ten khach hang").as_deref(),
        Some("customerName")
    );
    assert_eq!(owner(order, "ten").as_deref(), Some("customerName"));
    assert_eq!(owner(order, "sdt").as_deref(), Some("customerPhone"));
    assert_eq!(owner(order, "email").as_deref(), Some("customerEmail"));
    assert_eq!(
        owner(order, "ten san pham").as_deref(),
        Some("items.productName")
    );
    assert_eq!(owner(order, "ma sp").as_deref(), Some("items.productSku"));
    assert_eq!(owner(order, "so luong").as_deref(), Some("items.quantity"));
    assert_eq!(owner(order, "don gia").as_deref(), Some("items.price"));

    // The order's customer fields read the same headers as the customer's own.
    let syn = |t: &ObjectType, f: &str| -> HashSet<&str> {
        t.field(f).unwrap().synonyms.iter().copied().collect()
    };
    // `b` (the customer's synonyms) minus the order field's own name, within `a`.
    let same = |a: HashSet<&str>, b: HashSet<&str>, own_a: &str| {
        let b: HashSet<&str> = b.into_iter().filter(|s| *s != own_a).collect();
        assert!(b.is_subset(&a), "missing: {:?}", b.difference(&a));
    };
    same(
        syn(order, "customerName"),
        syn(cust, "fullName"),
        "customer name",
    );
    same(
        syn(order, "customerPhone"),
        syn(cust, "phone"),
        "customer phone",
    );
    same(
        syn(order, "customerEmail"),
        syn(cust, "email"),
        "customer email",
    );
}

#[test]
fn labels_and_help_are_bilingual() {
    for t in all() {
        for text in [t.label, t.description] {
            assert!(
                !text.en.trim().is_empty() && !text.vi.trim().is_empty(),
                "{}",
                t.name
            );
        }
        assert!(
            !t.label.vi.is_ascii(),
            "{}: Vietnamese label lost its accents",
            t.name
        );
        assert!(!t.description.vi.is_ascii(), "{}", t.name);
        if let Some(items) = t.items {
            assert!(!items.label.en.is_empty() && !items.label.vi.is_empty());
        }
        for (name, f) in all_fields(t) {
            for text in [f.label, f.help] {
                assert!(
                    !text.en.trim().is_empty() && !text.vi.trim().is_empty(),
                    "{}.{name}",
                    t.name
                );
            }
        }
    }
}

#[test]
fn vietnamese_labels_keep_their_diacritics() {
    let vi = |t: &ObjectType, f: &str| t.field(f).unwrap().label.vi;
    assert_eq!(vi(&CUSTOMER_IDENTITY, "phone"), "Số điện thoại");
    assert_eq!(vi(&CUSTOMER_IDENTITY, "customerId"), "Mã khách hàng");
    assert_eq!(vi(&CUSTOMER_IDENTITY, "dob"), "Ngày sinh");
    assert_eq!(vi(&CUSTOMER_IDENTITY, "fullName"), "Họ và tên");
    assert_eq!(vi(&CUSTOMER_IDENTITY, "gender"), "Giới tính");
    assert_eq!(vi(&CUSTOMER_IDENTITY, "address"), "Địa chỉ");
    assert_eq!(vi(&ORDER, "orderId"), "Mã đơn hàng");
    assert_eq!(
        ORDER.item_field("productName").unwrap().label.vi,
        "Tên sản phẩm"
    );
    assert_eq!(ORDER.item_field("quantity").unwrap().label.vi, "Số lượng");
    assert_eq!(vi(&PRODUCT, "price"), "Giá");
    assert_eq!(CUSTOMER_IDENTITY.label.vi, "Khách hàng");
    assert_eq!(ORDER.label.vi, "Đơn hàng");
}

#[test]
fn documented_types() {
    let t = |o: &ObjectType, f: &str| o.field(f).unwrap_or_else(|| panic!("{f}")).ty;
    let it = |o: &ObjectType, f: &str| o.item_field(f).unwrap_or_else(|| panic!("{f}")).ty;
    assert_eq!(t(&PURCHASE_HISTORY, "totalItem"), FieldType::Long);
    assert_eq!(t(&PURCHASE_HISTORY, "totalQuantity"), FieldType::Long);
    assert_eq!(it(&PURCHASE_HISTORY, "quantity"), FieldType::Long);
    assert_eq!(it(&ORDER, "quantity"), FieldType::Integer);
    assert_eq!(t(&ORDER, "shippingCost"), FieldType::Double);
    assert_eq!(t(&ORDER, "vatPercent"), FieldType::Float);
    assert_eq!(t(&ORDER, "orderDate"), FieldType::Timestamp);
    assert_eq!(it(&ORDER, "price4Sale"), FieldType::Double);
    assert_eq!(t(&ORDER_PAYMENT, "refund"), FieldType::Boolean);
    assert_eq!(t(&ORDER_PAYMENT, "updatedBy"), FieldType::Text);
    assert_eq!(it(&ORDER_PAYMENT, "lineQty"), FieldType::Long);
    assert_eq!(it(&ORDER_PAYMENT, "lineVATPercent"), FieldType::Float);
    assert_eq!(t(&PRODUCT, "imageLinks"), FieldType::List);
    assert_eq!(t(&PRODUCT, "imageLink"), FieldType::Text);
    assert_eq!(t(&CUSTOMER_IDENTITY, "dob"), FieldType::Timestamp);
    assert_eq!(t(&CUSTOMER_IDENTITY, "dob2"), FieldType::DateText);
    assert_eq!(t(&CUSTOMER_IDENTITY, "yob"), FieldType::Integer);
    assert_eq!(t(&CUSTOMER_IDENTITY, "nickNames"), FieldType::List);
    assert_eq!(t(&CUSTOMER_IDENTITY, "internalCompanyId"), FieldType::Text);
    assert_eq!(t(&LEAD_INFORMATION, "prospectLevel"), FieldType::Integer);
    assert_eq!(t(&USER_EVENT, "value"), FieldType::Double);
    assert_eq!(t(&USER_EVENT, "eventLabels"), FieldType::List);
    assert_eq!(
        t(&CUSTOMER_PRODUCT_ACTIVITY, "boolResult"),
        FieldType::Boolean
    );
    assert_eq!(t(&CUSTOMER_PRODUCT_ACTIVITY, "longResult"), FieldType::Long);
    assert_eq!(t(&CUSTOM_MODEL, "tags"), FieldType::List);
}

fn is_enum(ty: FieldType, e: &'static EnumDef) -> bool {
    matches!(ty, FieldType::Enum(d) if std::ptr::eq(d, e))
}

#[test]
fn special_fields_have_special_types_everywhere() {
    for t in all() {
        for (name, f) in all_fields(t) {
            let ok = match f.name {
                "phone" | "customerPhone" => f.ty == FieldType::Phone,
                "email" | "customerEmail" => f.ty == FieldType::Email,
                "gender" => is_enum(f.ty, &GENDER),
                "recordStatus" => is_enum(f.ty, &RECORD_STATUS),
                "sourceChannel" => is_enum(f.ty, &SOURCE_CHANNEL),
                "timezoneGmt" => f.ty == FieldType::Integer,
                "doubleOptIn" | "singleOptIn" => is_enum(f.ty, &YES_NO),
                _ => true,
            };
            assert!(ok, "{}.{name} has type {:?}", t.name, f.ty);
        }
    }
    assert!(is_enum(
        CUSTOMER_IDENTITY.field("maritalStatus").unwrap().ty,
        &MARITAL_STATUS
    ));
    assert!(is_enum(
        USER_EVENT.field("channel").unwrap().ty,
        &EVENT_CHANNEL
    ));
    assert!(is_enum(
        USER_EVENT.field("eventCtg").unwrap().ty,
        &EVENT_CATEGORY
    ));
    assert!(is_enum(
        USER_EVENT.field("condition").unwrap().ty,
        &EVENT_CONDITION
    ));
}

#[test]
fn enums_are_consistent() {
    let enums: [&EnumDef; 8] = [
        &GENDER,
        &RECORD_STATUS,
        &SOURCE_CHANNEL,
        &YES_NO,
        &MARITAL_STATUS,
        &EVENT_CHANNEL,
        &EVENT_CATEGORY,
        &EVENT_CONDITION,
    ];
    for e in enums {
        let mut seen = HashSet::new();
        for (alias, value) in e.aliases {
            assert!(e.values.contains(value), "alias {alias} -> unknown {value}");
            assert!(is_folded(alias), "alias {alias:?} is not folded");
            assert!(seen.insert(*alias), "alias {alias} twice");
        }
    }
    assert_eq!(MARITAL_STATUS.values, ["Single", "Married", "Divorced"]);
    for (alias, value) in [
        ("doc than", "Single"),
        ("da ket hon", "Married"),
        ("co gia dinh", "Married"),
        ("ly hon", "Divorced"),
    ] {
        assert!(MARITAL_STATUS.aliases.contains(&(alias, value)), "{alias}");
    }
    assert_eq!(EVENT_CHANNEL.values, ["Online", "Offline", "None"]);
    assert_eq!(
        EVENT_CATEGORY.values,
        [
            "CampaignBehaviour",
            "UserIdentity",
            "UserInteraction",
            "Transaction",
            "CustomerService",
            "Other"
        ]
    );
    assert_eq!(EVENT_CONDITION.values, ["Changed", "Created"]);
}

#[test]
fn examples_fit_their_types() {
    for t in all() {
        for (name, f) in all_fields(t) {
            let ex = f.example;
            if ex.is_empty() {
                continue;
            }
            let ok = match f.ty {
                FieldType::Integer | FieldType::Long | FieldType::Timestamp => {
                    ex.parse::<i64>().is_ok()
                }
                FieldType::Double | FieldType::Float => ex.parse::<f64>().is_ok(),
                FieldType::Boolean => ex == "true" || ex == "false",
                FieldType::Enum(e) => e.values.contains(&ex),
                FieldType::DateText => ex.len() == 10 && ex.as_bytes()[4] == b'-',
                _ => true,
            };
            assert!(
                ok,
                "{}.{name}: example {ex:?} does not fit {:?}",
                t.name, f.ty
            );
        }
    }
}
