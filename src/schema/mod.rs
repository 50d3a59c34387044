//! Object types and their fields, as documented by Pango (shared/pango-api.md and
//! the Transaction seed page), with bilingual labels and header synonyms for
//! auto-matching. Custom fields are declared by the user (see [`CustomKind`]).

mod activity;
mod custom_model;
mod customer;
mod event;
mod lead;
mod meta;
mod transaction;
mod types;

/// Header synonyms shared by several object types.
pub(crate) const SYN_EVENT_CATEGORY: &[&str] = &[
    "nhom su kien",
    "loai su kien",
    "danh muc su kien",
    "event category",
    "category",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_STORE_ID: &[&str] = &[
    "ma cua hang",
    "cua hang",
    "ma chi nhanh",
    "chi nhanh",
    "store",
    "store code",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_SKU: &[&str] = &[
    "ma sp",
    "ma san pham",
    "sku",
    "ma hang",
    "ma hang hoa",
    "masp",
    "product code",
    "item code",
    "product id",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_PRODUCT_NAME: &[&str] = &[
    "ten san pham",
    "ten sp",
    "ten hang",
    "ten hang hoa",
    "san pham",
    "hang hoa",
    "mat hang",
    "product",
    "item name",
    "item",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_CATEGORY_NAME: &[&str] = &[
    "danh muc",
    "ten danh muc",
    "loai san pham",
    "loai hang",
    "nhom hang",
    "category",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_CATEGORY_ID: &[&str] = &[
    "ma danh muc",
    "ma loai",
    "ma nhom hang",
    "category id",
    "category code",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_IMAGE_LINK: &[&str] = &[
    "hinh anh",
    "anh",
    "hinh",
    "link anh",
    "link hinh anh",
    "url anh",
    "anh san pham",
    "image",
    "image url",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_PRODUCT_LINK: &[&str] = &[
    "link san pham",
    "link sp",
    "duong dan san pham",
    "link",
    "url",
    "product url",
];

/// Header synonyms shared by several object types.
pub(crate) const SYN_RECEIPT_ID: &[&str] = &[
    "ma bien lai",
    "so bien lai",
    "so phieu",
    "ma phieu",
    "receipt",
    "receipt no",
];

#[cfg(test)]
mod tests;

pub use activity::{CUSTOMER_PRODUCT_ACTIVITY, EMAIL_INTERACTION};
pub use custom_model::CUSTOM_MODEL;
pub use customer::{CUSTOMER_IDENTITY, MARITAL_STATUS};
pub use event::{EVENT_CATEGORY, EVENT_CHANNEL, EVENT_CONDITION, USER_EVENT};
pub use lead::LEAD_INFORMATION;
pub use meta::{META_FORM_MARKETING, META_SURVEY};
pub use transaction::{ORDER, ORDER_PAYMENT, PRODUCT, PURCHASE_HISTORY, SHOPPING_CART};
pub use types::*;

use crate::i18n::Text2;

/// Every object type the importer knows, in the order the UI lists them.
pub fn all() -> &'static [&'static ObjectType] {
    static ALL: &[&ObjectType] = &[
        &CUSTOMER_IDENTITY,
        &ORDER,
        &PRODUCT,
        &LEAD_INFORMATION,
        &SHOPPING_CART,
        &PURCHASE_HISTORY,
        &ORDER_PAYMENT,
        &USER_EVENT,
        &CUSTOM_MODEL,
        &CUSTOMER_PRODUCT_ACTIVITY,
        &EMAIL_INTERACTION,
        &META_SURVEY,
        &META_FORM_MARKETING,
    ];
    ALL
}

/// The object type whose `objectType` value is `name`.
pub fn find(name: &str) -> Option<&'static ObjectType> {
    all().iter().copied().find(|t| t.name == name)
}

/// The label of the built-in field at `path` (`phone`, `items.productSku`) in the
/// first object type that has one: for messages that name a field without their
/// object type at hand (the same key has the same label across types).
pub fn field_label(path: &str) -> Option<Text2> {
    all().iter().find_map(|t| {
        let by_item = t
            .items
            .and_then(|i| Some((i, path.strip_prefix(i.container)?.strip_prefix('.')?)))
            .and_then(|(_, name)| t.item_field(name));
        by_item.or_else(|| t.field(path)).map(|f| f.label)
    })
}

// ---------------------------------------------------------------------------
// Helpers for the field tables in the sibling modules.

/// `required` argument of [`field`]: the docs mark the field "Yes".
const REQ: bool = true;
/// `required` argument of [`field`]: optional, or required only under a [`Rule`].
const OPT: bool = false;

/// One field: API name, type, required, `[en, vi]` label, `[en, vi]` help, the
/// documented example and the folded header synonyms (without the field's own
/// name split into words, which auto-matching adds by itself).
const fn field(
    name: &'static str,
    ty: FieldType,
    required: bool,
    label: [&'static str; 2],
    help: [&'static str; 2],
    example: &'static str,
    synonyms: &'static [&'static str],
) -> FieldDef {
    FieldDef {
        name,
        ty,
        required,
        label: Text2::new(label[0], label[1]),
        help: Text2::new(help[0], help[1]),
        example,
        synonyms,
    }
}

/// A cross-field rule: at least one group of `any_of` must be fully present.
const fn rule(
    any_of: &'static [&'static [&'static str]],
    en: &'static str,
    vi: &'static str,
) -> Rule {
    Rule {
        any_of,
        message: Text2::new(en, vi),
    }
}

const PHONE_OR_EMAIL: Rule = rule(
    &[&["phone"], &["email"]],
    "Phone or e-mail is required",
    "Cần số điện thoại hoặc email",
);

const CUSTOMER_PHONE_OR_EMAIL: Rule = rule(
    &[&["customerPhone"], &["customerEmail"]],
    "Customer phone or e-mail is required",
    "Cần số điện thoại hoặc email của khách hàng",
);

const FULL_NAME_OR_FIRST_LAST: Rule = rule(
    &[&["fullName"], &["firstName", "lastName"]],
    "Full name, or first and last name, is required",
    "Cần họ và tên, hoặc cả họ lẫn tên",
);

// Fields that many entity tables share, written once. Their synonyms must not be
// claimed by another field of a type that uses them.

const TIMEZONE_GMT: FieldDef = field(
    "timezoneGmt",
    FieldType::Integer,
    OPT,
    ["Time zone (GMT offset)", "Múi giờ (GMT)"],
    [
        "Hours from GMT of the dates you send, e.g. 7 for Vietnam.",
        "Số giờ lệch so với GMT của các ngày gửi lên, ví dụ 7 cho Việt Nam.",
    ],
    "7",
    &[
        "mui gio",
        "timezone",
        "time zone",
        "gmt",
        "utc offset",
        "mui gio gmt",
    ],
);

const SYSTEM_NAME: FieldDef = field(
    "systemName",
    FieldType::Text,
    OPT,
    ["System name", "Tên hệ thống"],
    [
        "Name of the system the data comes from (CRM, POS…).",
        "Tên hệ thống nguồn của dữ liệu (CRM, POS…).",
    ],
    "CRM",
    &[
        "ten he thong",
        "he thong",
        "system",
        "source system",
        "he thong nguon",
    ],
);

const INTERNAL_COMPANY_ID: FieldDef = field(
    "internalCompanyId",
    FieldType::Text,
    OPT,
    ["Company ID", "Mã công ty"],
    [
        "The company a record belongs to, when your system holds several companies.",
        "Công ty sở hữu bản ghi, khi hệ thống của bạn quản lý nhiều công ty.",
    ],
    "",
    &[
        "ma cong ty",
        "company id",
        "id cong ty",
        "ma doanh nghiep",
        "company code",
    ],
);

const CREATED_AT: FieldDef = field(
    "createdAt",
    FieldType::Timestamp,
    OPT,
    ["Created at", "Ngày tạo"],
    ["When the record was created.", "Thời điểm tạo bản ghi."],
    "1584483275000",
    &[
        "ngay tao",
        "thoi gian tao",
        "created",
        "created date",
        "create date",
        "date created",
        "creation date",
    ],
);

const CREATED_BY: FieldDef = field(
    "createdBy",
    FieldType::Text,
    OPT,
    ["Created by", "Người tạo"],
    ["Who created the record.", "Người đã tạo bản ghi."],
    "user1",
    &["nguoi tao", "creator", "tao boi"],
);

const UPDATED_AT: FieldDef = field(
    "updatedAt",
    FieldType::Timestamp,
    OPT,
    ["Updated at", "Ngày cập nhật"],
    [
        "When the record was last changed.",
        "Thời điểm bản ghi được sửa lần cuối.",
    ],
    "1584483275000",
    &[
        "ngay cap nhat",
        "thoi gian cap nhat",
        "updated",
        "last updated",
        "update date",
        "modified date",
        "ngay sua",
    ],
);

const UPDATED_BY: FieldDef = field(
    "updatedBy",
    FieldType::Text,
    OPT,
    ["Updated by", "Người cập nhật"],
    [
        "Who last changed the record.",
        "Người sửa bản ghi lần cuối.",
    ],
    "user1",
    &["nguoi cap nhat", "nguoi sua", "modified by", "updater"],
);

const RECORD_STATUS_FIELD: FieldDef = field(
    "recordStatus",
    FieldType::Enum(&RECORD_STATUS),
    OPT,
    ["Record status", "Trạng thái bản ghi"],
    [
        "Active, or Deleted to remove the record in Pango.",
        "Active (hoạt động), hoặc Deleted để xoá bản ghi trong Pango.",
    ],
    "Active",
    &[
        "trang thai ban ghi",
        "tinh trang ban ghi",
        "trang thai du lieu",
    ],
);

// Customer contact fields as the transaction tables name them (`customerId`,
// `customerName`, `customerPhone`, `customerEmail`); they take the synonyms that
// customer-identity gives `customerId`, `fullName`, `phone` and `email`.

/// Synonyms of a field named `phone` (its own name is matched anyway).
const PHONE_SYNONYMS: &[&str] = &[
    "so dien thoai",
    "sdt",
    "dien thoai",
    "dtdd",
    "di dong",
    "mobile",
    "phone number",
    "tel",
    "so dt",
    "so di dong",
    "telephone",
    "mobile phone",
    "dt",
];

/// Synonyms of a field named `email`.
const EMAIL_SYNONYMS: &[&str] = &[
    "e mail",
    "thu dien tu",
    "dia chi email",
    "mail",
    "email address",
];

const CUSTOMER_ID_SYNONYMS: &[&str] = &[
    "ma kh",
    "ma khach hang",
    "id khach hang",
    "makh",
    "ma khach",
    "customer code",
    "client id",
];

const CUSTOMER_NAME_SYNONYMS: &[&str] = &[
    "ho va ten",
    "ho ten",
    "ten khach hang",
    "full name",
    "name",
    "ten",
    "ten kh",
    "khach hang",
    "customer",
    "ho ten khach hang",
];

const CUSTOMER_PHONE_SYNONYMS: &[&str] = &[
    "so dien thoai",
    "sdt",
    "dien thoai",
    "dtdd",
    "di dong",
    "mobile",
    "phone",
    "phone number",
    "tel",
    "so dt",
    "so di dong",
    "telephone",
    "mobile phone",
    "dt",
    "sdt khach hang",
];

const CUSTOMER_EMAIL_SYNONYMS: &[&str] = &[
    "email",
    "e mail",
    "thu dien tu",
    "dia chi email",
    "mail",
    "email address",
    "email khach hang",
];

const CUSTOMER_ID_REQ: FieldDef = field(
    "customerId",
    FieldType::Text,
    REQ,
    ["Customer ID", "Mã khách hàng"],
    [
        "Your system's ID for the customer.",
        "Mã định danh khách hàng trong hệ thống của bạn.",
    ],
    "C01001001",
    CUSTOMER_ID_SYNONYMS,
);

const CUSTOMER_ID_OPT: FieldDef = field(
    "customerId",
    FieldType::Text,
    OPT,
    ["Customer ID", "Mã khách hàng"],
    [
        "Your system's ID for the customer this record belongs to.",
        "Mã khách hàng mà bản ghi này thuộc về.",
    ],
    "C09320932032",
    CUSTOMER_ID_SYNONYMS,
);

const CUSTOMER_NAME_REQ: FieldDef = field(
    "customerName",
    FieldType::Text,
    REQ,
    ["Customer name", "Tên khách hàng"],
    ["The customer's full name.", "Họ và tên khách hàng."],
    "Nguyen Van A",
    CUSTOMER_NAME_SYNONYMS,
);

const CUSTOMER_PHONE_OPT: FieldDef = field(
    "customerPhone",
    FieldType::Phone,
    OPT,
    ["Customer phone", "Số điện thoại khách hàng"],
    [
        "The customer's phone number.",
        "Số điện thoại của khách hàng.",
    ],
    "098685xxxx",
    CUSTOMER_PHONE_SYNONYMS,
);

const CUSTOMER_EMAIL_OPT: FieldDef = field(
    "customerEmail",
    FieldType::Email,
    OPT,
    ["Customer e-mail", "Email khách hàng"],
    [
        "The customer's e-mail address.",
        "Địa chỉ email của khách hàng.",
    ],
    "email@domain.com",
    CUSTOMER_EMAIL_SYNONYMS,
);

const CUSTOMER_EMAIL_REQ: FieldDef = field(
    "customerEmail",
    FieldType::Email,
    REQ,
    ["Customer e-mail", "Email khách hàng"],
    [
        "The customer's e-mail address.",
        "Địa chỉ email của khách hàng.",
    ],
    "john@email.com",
    CUSTOMER_EMAIL_SYNONYMS,
);
