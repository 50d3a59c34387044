use super::*;

fn h(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The orders workbook of the issue: an order per "Mã đơn hàng", product lines.
fn orders_vi() -> Vec<String> {
    h(&[
        "Mã đơn hàng",
        "Ngày mua",
        "Tên sản phẩm",
        "Số lượng",
        "Đơn giá",
        "Mã KH",
    ])
}

fn customers_vi() -> Vec<String> {
    h(&["Họ và tên", "Số điện thoại", "Email", "Ngày sinh"])
}

fn ranked(headers: &[String]) -> Vec<TypeFit> {
    rank_object_types(headers, schema::all())
}

fn fit_of<'a>(fits: &'a [TypeFit], name: &str) -> &'a TypeFit {
    fits.iter().find(|f| f.object.name == name).unwrap()
}

/// Asserts the suggestion for `headers`: its type and its reason in English.
fn expect_best(headers: &[String], name: &str, reason: &str) -> TypeFit {
    let best = suggest_object_type(headers).unwrap();
    assert_eq!(best.object.name, name);
    assert_eq!(best.reason(Lang::En), reason);
    best
}

#[test]
fn a_vietnamese_orders_sheet_is_orders_and_says_why() {
    let best = expect_best(
        &orders_vi(),
        "order",
        "6 of 6 columns match Orders fields; required fields found: Order ID, Customer ID, \
         Product name; missing: Order status, Customer name, Customer e-mail, Product SKU",
    );
    assert!(
        best.reason(Lang::Vi).starts_with(
            "6/6 cột khớp với trường của Đơn hàng; có các trường bắt buộc: Mã đơn hàng"
        ),
        "{}",
        best.reason(Lang::Vi)
    );
}

#[test]
fn a_product_name_column_does_not_make_an_orders_sheet_customers() {
    let fits = ranked(&orders_vi());
    let customer = fit_of(&fits, "customer-identity");
    // "Tên sản phẩm" is a product's name first: it neither counts as a customer column
    // nor fills the customer's name.
    assert!(
        customer
            .required_missing()
            .any(|s| s.label(Lang::En).contains("Full name")),
        "{customer:?}"
    );
    assert!(customer.score < fit_of(&fits, "order").score * 0.7);
    let better = better_fit(schema::find("customer-identity").unwrap(), &orders_vi());
    assert_eq!(better.map(|f| f.object.name), Some("order"));
    assert_eq!(
        better_fit(schema::find("order").unwrap(), &orders_vi()),
        None
    );
}

#[test]
fn a_vietnamese_customer_list_is_customers() {
    expect_best(
        &customers_vi(),
        "customer-identity",
        "4 of 4 columns match Customers fields; required fields found: Phone or E-mail, \
         Full name or Family name (Họ) and Given name (Tên); missing: Customer ID",
    );
    // Leads fit as well (same fields): neither is offered over the other.
    let lead = schema::find("lead-information").unwrap();
    assert_eq!(better_fit(lead, &customers_vi()), None);
    let order = schema::find("order").unwrap();
    assert_eq!(
        better_fit(order, &customers_vi()).map(|f| f.object.name),
        Some("customer-identity")
    );
}

#[test]
fn english_headers_are_read_too() {
    let orders = h(&[
        "Order ID",
        "Order date",
        "Product name",
        "Quantity",
        "Unit price",
        "Customer ID",
    ]);
    assert_eq!(suggest_object_type(&orders).unwrap().object.name, "order");
    let people = h(&["Customer ID", "Full name", "Phone", "Email", "Birthday"]);
    assert_eq!(
        suggest_object_type(&people).unwrap().object.name,
        "customer-identity"
    );
    let products = h(&["SKU", "Product name", "Price", "Category"]);
    assert_eq!(
        suggest_object_type(&products).unwrap().object.name,
        "product"
    );
}

#[test]
fn headers_that_match_nothing_suggest_nothing() {
    assert_eq!(suggest_object_type(&h(&["Foo", "Bar", "Cột 3"])), None);
    assert_eq!(suggest_object_type(&h(&["", "  "])), None);
    assert_eq!(suggest_object_type(&[]), None);
    // A note column fits many types, and fills no required field of any.
    assert_eq!(suggest_object_type(&h(&["Ghi chú"])), None);
}

#[test]
fn a_type_that_finds_a_required_field_beats_one_that_only_matches_columns() {
    // Payments and events have a phone and a note, but no required field here.
    let best = suggest_object_type(&h(&["Số điện thoại", "Ghi chú"])).unwrap();
    assert_eq!(best.object.name, "customer-identity");
}

#[test]
fn a_key_shared_by_many_types_says_little_alone() {
    // A customer ID beside a product name is no customer list.
    let best = suggest_object_type(&h(&["Tên sản phẩm", "Mã KH"])).unwrap();
    assert_ne!(best.object.name, "customer-identity");
}

#[test]
fn a_customer_list_without_ids_stays_customers_when_nothing_fits_much_better() {
    // Leads fit this list about as well; the usual monthly customer list wins.
    let card = h(&["Số thẻ", "Họ và tên", "Số điện thoại", "Email", "Ngày sinh"]);
    let chosen = choose_object_type(None, &card).unwrap();
    assert_eq!(chosen.object.name, "customer-identity");
}

#[test]
fn the_preferred_type_gives_way_only_to_a_much_better_one() {
    let customers = schema::find("customer-identity");
    let orders = schema::find("order");
    assert_eq!(
        choose_object_type(customers, &orders_vi())
            .unwrap()
            .object
            .name,
        "order"
    );
    assert_eq!(
        choose_object_type(orders, &orders_vi())
            .unwrap()
            .object
            .name,
        "order"
    );
    assert_eq!(
        choose_object_type(customers, &customers_vi())
            .unwrap()
            .object
            .name,
        "customer-identity"
    );
    assert!(choose_object_type(customers, &h(&["abc", "xyz"])).is_none());
}
