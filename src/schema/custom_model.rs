//! `custom-model` (pango-api.md §4.4): a record of a model the tenant defined in
//! Pango, chosen by `momCode`. Most of its data goes in custom fields.

use super::{
    CREATED_AT, CREATED_BY, CUSTOMER_ID_OPT, EMAIL_SYNONYMS, FieldDef, FieldType::*, OPT,
    ObjectType, PHONE_SYNONYMS, RECORD_STATUS_FIELD, REQ, SYSTEM_NAME, TIMEZONE_GMT, UPDATED_AT,
    UPDATED_BY, field,
};
use crate::i18n::Text2;

/// An optional text field of this type.
const fn text(
    name: &'static str,
    label: [&'static str; 2],
    help: [&'static str; 2],
    example: &'static str,
    synonyms: &'static [&'static str],
) -> FieldDef {
    field(name, Text, OPT, label, help, example, synonyms)
}

pub static CUSTOM_MODEL: ObjectType = ObjectType {
    name: "custom-model",
    label: Text2::new("Custom model", "Mô hình tùy chỉnh"),
    description: Text2::new(
        "Custom model: records of a model your company set up in Pango (pick it by its MOM code); most columns go to custom fields.",
        "Mô hình tùy chỉnh: bản ghi của một mô hình dữ liệu riêng đã tạo trong Pango (chọn theo mã MOM); phần lớn cột đưa vào trường tùy chỉnh.",
    ),
    key: &["momCode", "refId"],
    fields: &[
        TIMEZONE_GMT,
        SYSTEM_NAME,
        field(
            "momCode",
            Text,
            REQ,
            ["Model code (MOM code)", "Mã mô hình (MOM code)"],
            [
                "Which custom model in Pango the record belongs to.",
                "Mã của mô hình tùy chỉnh trong Pango mà bản ghi thuộc về.",
            ],
            "M-T5QMS-O-UIWWY-M",
            &["ma mo hinh", "ma model", "model code", "model"],
        ),
        field(
            "refId",
            Text,
            REQ,
            ["Record ID", "Mã bản ghi"],
            [
                "Your system's ID for the record; sending it again updates the record.",
                "Mã bản ghi trong hệ thống của bạn; gửi lại cùng mã sẽ cập nhật bản ghi.",
            ],
            "ORDER-123",
            &[
                "ma ban ghi",
                "id ban ghi",
                "ma tham chieu",
                "reference id",
                "record id",
                "ref",
                "id",
                "ma",
            ],
        ),
        CUSTOMER_ID_OPT,
        field(
            "email",
            Email,
            OPT,
            ["E-mail", "Email"],
            [
                "E-mail address linked to the record.",
                "Địa chỉ email gắn với bản ghi.",
            ],
            "email@bytetech.io",
            EMAIL_SYNONYMS,
        ),
        field(
            "phone",
            Phone,
            OPT,
            ["Phone", "Số điện thoại"],
            [
                "Phone number linked to the record.",
                "Số điện thoại gắn với bản ghi.",
            ],
            "0986858xxx",
            PHONE_SYNONYMS,
        ),
        text(
            "leadId",
            ["Lead ID", "Mã lead"],
            [
                "The lead this record belongs to.",
                "Mã lead mà bản ghi thuộc về.",
            ],
            "Lead01",
            &["ma lead", "id lead", "ma khach hang tiem nang"],
        ),
        text(
            "deviceId",
            ["Device ID", "Mã thiết bị"],
            ["ID of the device.", "Mã thiết bị."],
            "",
            &["ma thiet bi", "id thiet bi", "thiet bi", "device"],
        ),
        text(
            "eventCtg",
            ["Event category", "Nhóm sự kiện"],
            ["Category of the event.", "Nhóm hoặc loại sự kiện."],
            "Ecommerce",
            crate::schema::SYN_EVENT_CATEGORY,
        ),
        text(
            "event",
            ["Event", "Sự kiện"],
            ["The event, e.g. AddToCart.", "Sự kiện, ví dụ AddToCart."],
            "AddToCart",
            &[
                "su kien",
                "ten su kien",
                "hanh dong",
                "event name",
                "action",
            ],
        ),
        text(
            "eventLabel",
            ["Event detail", "Chi tiết sự kiện"],
            ["Detail of the event.", "Chi tiết của sự kiện."],
            "",
            &["chi tiet su kien", "nhan su kien", "nhan", "label"],
        ),
        text(
            "ggCid",
            ["Google client ID", "Google client ID"],
            ["Google Analytics client ID.", "Mã client Google Analytics."],
            "12252636xxxx.55232265xxx",
            &["google client id", "ga client id", "client id ga"],
        ),
        text(
            "ggTid",
            ["Google tracking ID", "Mã theo dõi Google"],
            [
                "Google Analytics tracking ID.",
                "Mã theo dõi Google Analytics.",
            ],
            "UA-0934xxxxxx",
            &["google tracking id", "ga tracking id", "ma ga"],
        ),
        text(
            "fbPid",
            ["Facebook pixel ID", "Mã Facebook pixel"],
            ["Facebook pixel ID.", "Mã Facebook pixel."],
            "2686938073xxxx",
            &["facebook pixel id", "fb pixel id", "pixel id", "fb pixel"],
        ),
        text(
            "fbCId",
            ["Facebook pixel client ID", "Mã client Facebook pixel"],
            [
                "Facebook pixel client ID (fbp cookie).",
                "Mã client của Facebook pixel (cookie fbp).",
            ],
            "fb.2.16xx22.2xx49384",
            &["facebook client id", "fb client id", "fbp"],
        ),
        text(
            "zoOAId",
            ["Zalo OA ID", "Mã Zalo OA"],
            ["Zalo Official Account ID.", "Mã Zalo Official Account."],
            "4446199182319379222",
            &["zalo oa id", "zalo oa", "oa id", "ma oa"],
        ),
        text(
            "zoUId",
            ["Zalo user ID", "Mã người dùng Zalo"],
            [
                "Zalo user ID (per Official Account).",
                "Mã người dùng Zalo (theo Official Account).",
            ],
            "8567445237543317591",
            &["zalo user id", "zalo uid", "zalo id", "id zalo"],
        ),
        text(
            "zoUAId",
            ["Zalo user app ID", "Mã người dùng Zalo theo ứng dụng"],
            [
                "Zalo user ID for your app.",
                "Mã người dùng Zalo theo ứng dụng của bạn.",
            ],
            "6730998452418537179",
            &["zalo user app id", "zalo app user id", "zalo app id"],
        ),
        text(
            "cookieGroup01",
            ["Cookie group 1", "Nhóm cookie 1"],
            [
                "Vendor of extra cookie 1.",
                "Nhà cung cấp của cookie bổ sung 1.",
            ],
            "",
            &["nhom cookie 1", "cookie vendor 1"],
        ),
        text(
            "cookie01",
            ["Cookie 1", "Cookie 1"],
            [
                "ID held in extra cookie 1.",
                "Mã lưu trong cookie bổ sung 1.",
            ],
            "",
            &["cookie 1", "cookie id 1"],
        ),
        text(
            "cookieGroup02",
            ["Cookie group 2", "Nhóm cookie 2"],
            [
                "Vendor of extra cookie 2.",
                "Nhà cung cấp của cookie bổ sung 2.",
            ],
            "",
            &["nhom cookie 2", "cookie vendor 2"],
        ),
        text(
            "cookie02",
            ["Cookie 2", "Cookie 2"],
            [
                "ID held in extra cookie 2.",
                "Mã lưu trong cookie bổ sung 2.",
            ],
            "",
            &["cookie 2", "cookie id 2"],
        ),
        text(
            "cookieGroup03",
            ["Cookie group 3", "Nhóm cookie 3"],
            [
                "Vendor of extra cookie 3.",
                "Nhà cung cấp của cookie bổ sung 3.",
            ],
            "",
            &["nhom cookie 3", "cookie vendor 3"],
        ),
        text(
            "cookie03",
            ["Cookie 3", "Cookie 3"],
            [
                "ID held in extra cookie 3.",
                "Mã lưu trong cookie bổ sung 3.",
            ],
            "",
            &["cookie 3", "cookie id 3"],
        ),
        field(
            "tags",
            List,
            OPT,
            ["Tags", "Thẻ"],
            [
                "Tags, separated by commas.",
                "Các thẻ, cách nhau bằng dấu phẩy.",
            ],
            "",
            &["the", "the gan", "tag"],
        ),
        CREATED_AT,
        CREATED_BY,
        UPDATED_AT,
        UPDATED_BY,
        RECORD_STATUS_FIELD,
    ],
    rules: &[],
    items: None,
    ignored_update_cfs: true,
};
