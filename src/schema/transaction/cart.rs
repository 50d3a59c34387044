//! `shopping-cart` and its Shopping Cart Item entity. (shared/seeds/pango-transaction-entities.txt)

use super::*;

static CART_ITEMS: ItemDef = ItemDef {
    container: "items",
    map_key: None,
    key: "productSku",
    key_is_sku: true,
    label: Text2::new("Cart items", "Sản phẩm trong giỏ"),
    fields: PRODUCT_LINE_FIELDS,
    rules: &[],
};

pub static SHOPPING_CART: ObjectType = ObjectType {
    name: "shopping-cart",
    label: Text2::new("Shopping carts", "Giỏ hàng"),
    description: Text2::new(
        "Shopping carts (e.g. abandoned carts): one row per product; rows with the same cart ID make one cart.",
        "Giỏ hàng (ví dụ giỏ hàng bị bỏ quên): mỗi dòng một sản phẩm; các dòng cùng mã giỏ hàng gộp thành một giỏ.",
    ),
    key: &["cartId"],
    fields: &[
        TIMEZONE_GMT,
        SYSTEM_NAME,
        INTERNAL_COMPANY_ID,
        field(
            "cartId",
            Text,
            REQ,
            ["Cart ID", "Mã giỏ hàng"],
            [
                "Your system's ID for the cart.",
                "Mã giỏ hàng trong hệ thống của bạn.",
            ],
            "CART00001",
            &[
                "ma gio hang",
                "ma gio",
                "so gio hang",
                "gio hang",
                "cart",
                "cart no",
            ],
        ),
        field(
            "cartStatus",
            Text,
            REQ,
            ["Cart status", "Trạng thái giỏ hàng"],
            [
                "Status of the cart, as your system writes it.",
                "Trạng thái giỏ hàng, ghi như trong hệ thống của bạn.",
            ],
            "",
            &["trang thai gio hang", "trang thai", "tinh trang", "status"],
        ),
        CUSTOMER_ID_REQ,
        CUSTOMER_NAME_REQ,
        CUSTOMER_EMAIL_REQ,
        CUSTOMER_PHONE_OPT,
        CREATED_AT,
        UPDATED_AT,
        VAT_COST,
        VAT_PERCENT,
        DISCOUNT,
        DISCOUNT_PERCENT,
        TOTAL_PRODUCT_COST,
        TOTAL_COST,
        TOTAL_COST_WITH_VAT,
        RECORD_STATUS_FIELD,
    ],
    rules: &[],
    items: Some(&CART_ITEMS),
    ignored_update_cfs: false,
};

// ---------------------------------------------------------------------------
// purchase-history
