//! The Transaction page (shared/seeds/pango-transaction-entities.txt): `order`,
//! `shopping-cart`, `purchase-history`, `order-payment` and `product`. The seed's
//! tables are complete and win over pango-api.md §4.2 where the two differ.
//! This file holds the fields several of them share; each type has its own file.

mod cart;
mod order;
mod payment;
mod product;
mod purchase;

pub use cart::SHOPPING_CART;
pub use order::ORDER;
pub use payment::ORDER_PAYMENT;
pub use product::PRODUCT;
pub use purchase::PURCHASE_HISTORY;

use super::{
    CREATED_AT, CREATED_BY, CUSTOMER_EMAIL_OPT, CUSTOMER_EMAIL_REQ, CUSTOMER_ID_REQ,
    CUSTOMER_NAME_REQ, CUSTOMER_NAME_SYNONYMS, CUSTOMER_PHONE_OPT, CUSTOMER_PHONE_OR_EMAIL,
    FieldDef, FieldType::*, INTERNAL_COMPANY_ID, ItemDef, OPT, ObjectType, RECORD_STATUS,
    RECORD_STATUS_FIELD, REQ, SYSTEM_NAME, TIMEZONE_GMT, UPDATED_AT, UPDATED_BY, field,
};
use crate::i18n::Text2;

// ---------------------------------------------------------------------------
// Money fields of order, shopping-cart and purchase-history entries.

const VAT_COST: FieldDef = field(
    "vatCost",
    Double,
    OPT,
    ["VAT amount", "Tiền thuế VAT"],
    ["VAT amount.", "Số tiền thuế VAT."],
    "25000",
    &[
        "tien thue",
        "tien vat",
        "thue gtgt",
        "tien thue gtgt",
        "vat",
        "vat amount",
        "thue",
        "tax",
        "tax amount",
    ],
);

const VAT_PERCENT: FieldDef = field(
    "vatPercent",
    Float,
    OPT,
    ["VAT rate (%)", "Thuế suất VAT (%)"],
    [
        "VAT rate in percent, e.g. 10.",
        "Thuế suất VAT tính theo phần trăm, ví dụ 10.",
    ],
    "10",
    &[
        "thue suat",
        "thue suat vat",
        "ty le vat",
        "phan tram vat",
        "vat rate",
        "tax rate",
        "vat pct",
    ],
);

const DISCOUNT: FieldDef = field(
    "discount",
    Double,
    OPT,
    ["Discount", "Giảm giá"],
    ["Discount amount.", "Số tiền giảm giá."],
    "58000",
    &[
        "giam gia",
        "chiet khau",
        "tien giam gia",
        "so tien giam",
        "tien chiet khau",
        "ck",
        "khuyen mai",
        "discount amount",
    ],
);

const DISCOUNT_PERCENT: FieldDef = field(
    "discountPercent",
    Float,
    OPT,
    ["Discount (%)", "Giảm giá (%)"],
    ["Discount in percent.", "Tỷ lệ giảm giá theo phần trăm."],
    "8.2",
    &[
        "phan tram giam gia",
        "ty le giam gia",
        "ti le giam gia",
        "phan tram chiet khau",
        "ty le chiet khau",
        "ti le chiet khau",
        "discount rate",
        "discount pct",
    ],
);

const TOTAL_PRODUCT_COST: FieldDef = field(
    "totalProductCost",
    Double,
    OPT,
    ["Goods amount", "Tiền hàng"],
    [
        "Total of the products (quantity × selling price).",
        "Tổng tiền hàng (số lượng × giá bán).",
    ],
    "530000",
    &[
        "tien hang",
        "tong tien hang",
        "cong tien hang",
        "amount",
        "subtotal",
        "sub total",
    ],
);

const TOTAL_COST: FieldDef = field(
    "totalCost",
    Double,
    OPT,
    ["Total before discount", "Tổng tiền trước giảm giá"],
    [
        "Total cost before any discount.",
        "Tổng tiền gốc, chưa trừ giảm giá.",
    ],
    "560000",
    &[
        "tong tien",
        "tong gia tri",
        "total",
        "total amount",
        "tong tien truoc giam gia",
        "tong tien chua giam",
    ],
);

const TOTAL_COST_WITH_VAT: FieldDef = field(
    "totalCostWithVat",
    Double,
    OPT,
    ["Total incl. VAT", "Tổng tiền gồm VAT"],
    ["Total cost including VAT.", "Tổng tiền đã gồm thuế VAT."],
    "",
    &[
        "tong cong",
        "tong thanh toan",
        "tong tien thanh toan",
        "tong tien sau thue",
        "tong tien gom vat",
        "tong tien co vat",
        "grand total",
        "total with vat",
        "total incl vat",
    ],
);

const PAYMENT_METHOD: FieldDef = field(
    "paymentMethod",
    Text,
    OPT,
    ["Payment method", "Phương thức thanh toán"],
    [
        "How the customer paid, e.g. Cash, Transfer.",
        "Cách khách thanh toán, ví dụ tiền mặt, chuyển khoản.",
    ],
    "cash",
    &[
        "phuong thuc thanh toan",
        "hinh thuc thanh toan",
        "pttt",
        "thanh toan",
        "payment",
        "payment type",
    ],
);

// ---------------------------------------------------------------------------
// Line-item fields of order and shopping-cart items (and, where the names match,
// purchase-history items). Item fields that share a name with an entry field
// (discount, updatedAt …) take item-specific synonyms.

const ITEM_PRODUCT_SKU: FieldDef = field(
    "productSku",
    Text,
    REQ,
    ["Product SKU", "Mã sản phẩm (SKU)"],
    [
        "SKU of the product on this line.",
        "Mã SKU của sản phẩm trên dòng này.",
    ],
    "SKU001",
    crate::schema::SYN_SKU,
);

const ITEM_PRODUCT_NAME: FieldDef = field(
    "productName",
    Text,
    REQ,
    ["Product name", "Tên sản phẩm"],
    [
        "Name of the product on this line.",
        "Tên sản phẩm trên dòng này.",
    ],
    "Coffee Bee",
    crate::schema::SYN_PRODUCT_NAME,
);

const ITEM_PRICE: FieldDef = field(
    "price",
    Double,
    OPT,
    ["Unit price", "Đơn giá"],
    ["List price of one unit.", "Giá niêm yết của một đơn vị."],
    "50000",
    &[
        "don gia",
        "gia",
        "unit price",
        "gia niem yet",
        "gia goc",
        "gia ban le",
        "list price",
    ],
);

const ITEM_PRICE_4_SALE: FieldDef = field(
    "price4Sale",
    Double,
    OPT,
    ["Selling price", "Giá bán"],
    [
        "Price actually applied on this line.",
        "Giá thực tế áp dụng cho dòng này.",
    ],
    "45000",
    &[
        "gia ban",
        "gia khuyen mai",
        "gia km",
        "gia sau giam",
        "gia thuc te",
        "sale price",
        "selling price",
        "price for sale",
    ],
);

const ITEM_IMAGE_LINK: FieldDef = field(
    "imageLink",
    Text,
    OPT,
    ["Image link", "Link ảnh"],
    ["Link to the product image.", "Đường dẫn ảnh sản phẩm."],
    "https://domain.com/media/pic1.png",
    crate::schema::SYN_IMAGE_LINK,
);

const ITEM_PRODUCT_LINK: FieldDef = field(
    "productLink",
    Text,
    OPT,
    ["Product link", "Link sản phẩm"],
    ["Link to the product page.", "Đường dẫn trang sản phẩm."],
    "https://domain.com/p1",
    crate::schema::SYN_PRODUCT_LINK,
);

const ITEM_QUANTITY: FieldDef = field(
    "quantity",
    Integer,
    OPT,
    ["Quantity", "Số lượng"],
    [
        "Number of units on this line.",
        "Số lượng sản phẩm trên dòng này.",
    ],
    "2",
    &["so luong", "sl", "qty", "so luong mua"],
);

const ITEM_UNIT: FieldDef = field(
    "unit",
    Text,
    OPT,
    ["Unit", "Đơn vị tính"],
    ["Unit the product is sold in.", "Đơn vị tính của sản phẩm."],
    "Package",
    &["don vi", "don vi tinh", "dvt", "uom", "unit of measure"],
);

const ITEM_DISCOUNT: FieldDef = field(
    "discount",
    Double,
    OPT,
    ["Line discount", "Giảm giá sản phẩm"],
    [
        "Discount amount on this line.",
        "Số tiền giảm giá trên dòng này.",
    ],
    "35000",
    &[
        "giam gia san pham",
        "giam gia sp",
        "chiet khau san pham",
        "chiet khau sp",
        "ck sp",
        "item discount",
        "line discount",
    ],
);

const ITEM_DISCOUNT_PERCENT: FieldDef = field(
    "discountPercent",
    Float,
    OPT,
    ["Line discount (%)", "Giảm giá sản phẩm (%)"],
    [
        "Discount on this line, in percent.",
        "Tỷ lệ giảm giá trên dòng này, theo phần trăm.",
    ],
    "5",
    &[
        "phan tram giam gia san pham",
        "ty le giam gia san pham",
        "ty le chiet khau san pham",
        "item discount percent",
        "line discount percent",
    ],
);

const ITEM_TOTAL_PRODUCT_COST: FieldDef = field(
    "totalProductCost",
    Double,
    OPT,
    ["Line amount", "Thành tiền"],
    [
        "Quantity × selling price for this line.",
        "Số lượng × giá bán của dòng này.",
    ],
    "530000",
    &[
        "thanh tien",
        "thanh tien sp",
        "thanh tien san pham",
        "line total",
        "line amount",
        "item total",
    ],
);

const ITEM_TOTAL_COST: FieldDef = field(
    "totalCost",
    Double,
    OPT,
    ["Line amount before discount", "Thành tiền trước giảm giá"],
    [
        "Line amount before any discount.",
        "Thành tiền gốc của dòng, chưa trừ giảm giá.",
    ],
    "560000",
    &[
        "thanh tien goc",
        "thanh tien truoc giam gia",
        "line total before discount",
        "item total cost",
    ],
);

const ITEM_ADDED_AT: FieldDef = field(
    "addedAt",
    Timestamp,
    OPT,
    ["Added at", "Thời điểm thêm"],
    [
        "When the line was added.",
        "Thời điểm thêm dòng sản phẩm này.",
    ],
    "1584483275000",
    &[
        "ngay them",
        "thoi gian them",
        "ngay them vao gio",
        "added",
        "added date",
    ],
);

const ITEM_UPDATED_AT: FieldDef = field(
    "updatedAt",
    Timestamp,
    OPT,
    ["Line updated at", "Ngày cập nhật dòng"],
    [
        "When the line was last changed.",
        "Thời điểm dòng này được sửa lần cuối.",
    ],
    "1584483275000",
    &[
        "ngay cap nhat san pham",
        "ngay cap nhat dong",
        "item updated at",
        "item updated",
    ],
);

const ITEM_RECORD_STATUS: FieldDef = field(
    "recordStatus",
    Enum(&RECORD_STATUS),
    OPT,
    ["Line status", "Trạng thái dòng"],
    [
        "Active, or Deleted to remove this line in Pango.",
        "Active (hoạt động), hoặc Deleted để xoá dòng này trong Pango.",
    ],
    "Active",
    &[
        "trang thai dong",
        "trang thai dong hang",
        "item status",
        "item record status",
    ],
);

/// Order items and shopping-cart items have the same fields.
const PRODUCT_LINE_FIELDS: &[FieldDef] = &[
    ITEM_PRODUCT_SKU,
    ITEM_PRODUCT_NAME,
    ITEM_PRICE,
    ITEM_PRICE_4_SALE,
    ITEM_IMAGE_LINK,
    ITEM_PRODUCT_LINK,
    ITEM_QUANTITY,
    ITEM_UNIT,
    ITEM_DISCOUNT,
    ITEM_DISCOUNT_PERCENT,
    ITEM_TOTAL_PRODUCT_COST,
    ITEM_TOTAL_COST,
    ITEM_ADDED_AT,
    ITEM_UPDATED_AT,
    ITEM_RECORD_STATUS,
];

// ---------------------------------------------------------------------------
// order
