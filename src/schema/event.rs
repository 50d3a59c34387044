//! `user-event` (pango-api.md §4.5): a behaviour or journey event tied to a
//! record of another model. It has no single ID: an event is identified by the
//! record it relates to, its name and its time.

use super::{
    CUSTOMER_ID_OPT, EMAIL_SYNONYMS, EnumDef, FieldType::*, OPT, ObjectType, PHONE_SYNONYMS,
    RECORD_STATUS_FIELD, REQ, field,
};
use crate::i18n::Text2;

/// `channel`: Online, Offline or None.
pub static EVENT_CHANNEL: EnumDef = EnumDef {
    values: &["Online", "Offline", "None"],
    aliases: &[
        ("truc tuyen", "Online"),
        ("truc tiep", "Offline"),
        ("tai cua hang", "Offline"),
        ("khong", "None"),
        ("khong co", "None"),
    ],
};

/// `eventCtg`: the documented event categories.
pub static EVENT_CATEGORY: EnumDef = EnumDef {
    values: &[
        "CampaignBehaviour",
        "UserIdentity",
        "UserInteraction",
        "Transaction",
        "CustomerService",
        "Other",
    ],
    aliases: &[
        ("campaign behaviour", "CampaignBehaviour"),
        ("campaign behavior", "CampaignBehaviour"),
        ("campaignbehavior", "CampaignBehaviour"),
        ("hanh vi chien dich", "CampaignBehaviour"),
        ("user identity", "UserIdentity"),
        ("dinh danh", "UserIdentity"),
        ("user interaction", "UserInteraction"),
        ("tuong tac", "UserInteraction"),
        ("giao dich", "Transaction"),
        ("customer service", "CustomerService"),
        ("cham soc khach hang", "CustomerService"),
        ("cskh", "CustomerService"),
        ("khac", "Other"),
    ],
};

/// `condition`: Changed (a new event each time `eventAt` changes) or Created
/// (once per `sourceId`, the default).
pub static EVENT_CONDITION: EnumDef = EnumDef {
    values: &["Changed", "Created"],
    aliases: &[
        ("thay doi", "Changed"),
        ("tao moi", "Created"),
        ("tao", "Created"),
    ],
};

pub static USER_EVENT: ObjectType = ObjectType {
    name: "user-event",
    label: Text2::new("User events", "Sự kiện người dùng"),
    description: Text2::new(
        "User events: one row per thing a person did (a purchase, a sign-up, a call…), tied to a customer, order or other record.",
        "Sự kiện người dùng: mỗi dòng một hành động của một người (mua hàng, đăng ký, cuộc gọi…), gắn với khách hàng, đơn hàng hoặc bản ghi khác.",
    ),
    key: &["source", "sourceId", "eventName", "eventAt"],
    fields: &[
        field(
            "source",
            Text,
            REQ,
            ["Related model", "Mô hình liên quan"],
            [
                "The model the event relates to: CustomerIdentity, LeadInformation, PurchaseHistory… or a custom model's MOM code.",
                "Mô hình mà sự kiện gắn với: CustomerIdentity, LeadInformation, PurchaseHistory… hoặc mã MOM của mô hình tùy chỉnh.",
            ],
            "CustomerMembership",
            &[
                "mo hinh",
                "mo hinh lien quan",
                "model",
                "doi tuong",
                "source model",
            ],
        ),
        field(
            "sourceId",
            Text,
            REQ,
            ["Related record ID", "Mã bản ghi liên quan"],
            [
                "ID of the record the event relates to, e.g. the transaction ID for a purchase.",
                "Mã của bản ghi gắn với sự kiện, ví dụ mã giao dịch với sự kiện mua hàng.",
            ],
            "TX009323",
            &[
                "ma ban ghi",
                "ma ban ghi lien quan",
                "ma doi tuong",
                "id doi tuong",
                "record id",
                "ref id",
            ],
        ),
        field(
            "condition",
            Enum(&EVENT_CONDITION),
            OPT,
            ["Condition", "Điều kiện ghi nhận"],
            [
                "Created (default): record the event once per record; Changed: again each time the event time changes.",
                "Created (mặc định): ghi nhận một lần cho mỗi bản ghi; Changed: ghi nhận lại mỗi khi thời gian sự kiện thay đổi.",
            ],
            "Changed",
            &["dieu kien", "dieu kien ghi nhan", "kieu ghi nhan"],
        ),
        field(
            "channel",
            Enum(&EVENT_CHANNEL),
            REQ,
            ["Channel", "Kênh"],
            [
                "Online, Offline or None.",
                "Online (trực tuyến), Offline (trực tiếp) hoặc None.",
            ],
            "Online",
            &["kenh", "kenh su kien", "online offline"],
        ),
        field(
            "eventCtg",
            Enum(&EVENT_CATEGORY),
            REQ,
            ["Event category", "Nhóm sự kiện"],
            [
                "CampaignBehaviour, UserIdentity, UserInteraction, Transaction, CustomerService or Other.",
                "CampaignBehaviour, UserIdentity, UserInteraction, Transaction, CustomerService hoặc Other.",
            ],
            "CampaignBehaviour",
            crate::schema::SYN_EVENT_CATEGORY,
        ),
        field(
            "eventCtg2",
            Text,
            OPT,
            ["Event sub-category", "Nhóm sự kiện cấp 2"],
            ["Sub-category of the event.", "Nhóm con của sự kiện."],
            "",
            &[
                "nhom su kien 2",
                "loai su kien 2",
                "nhom su kien cap 2",
                "event category 2",
                "sub category",
            ],
        ),
        field(
            "eventCtg3",
            Text,
            OPT,
            ["Event sub-sub-category", "Nhóm sự kiện cấp 3"],
            ["Third-level category of the event.", "Nhóm sự kiện cấp 3."],
            "",
            &[
                "nhom su kien 3",
                "loai su kien 3",
                "nhom su kien cap 3",
                "event category 3",
            ],
        ),
        field(
            "eventName",
            Text,
            REQ,
            ["Event name", "Tên sự kiện"],
            [
                "Name of the event, e.g. purchased.",
                "Tên sự kiện, ví dụ purchased.",
            ],
            "purchased",
            &["ten su kien", "su kien", "hanh dong", "event", "action"],
        ),
        field(
            "eventAt",
            Timestamp,
            REQ,
            ["Event time", "Thời gian sự kiện"],
            ["When the event happened.", "Thời điểm xảy ra sự kiện."],
            "1656825748000",
            &[
                "thoi gian su kien",
                "ngay su kien",
                "thoi diem",
                "thoi gian",
                "ngay",
                "event time",
                "event date",
                "time",
                "date",
                "timestamp",
            ],
        ),
        field(
            "value",
            Double,
            OPT,
            ["Value", "Giá trị"],
            [
                "A number attached to the event, e.g. an amount.",
                "Giá trị số của sự kiện, ví dụ số tiền.",
            ],
            "430",
            &["gia tri", "so tien", "amount"],
        ),
        field(
            "eventLabels",
            List,
            OPT,
            ["Event labels", "Nhãn sự kiện"],
            [
                "Labels of the event, separated by commas.",
                "Các nhãn của sự kiện, cách nhau bằng dấu phẩy.",
            ],
            "type, source: 123",
            &["nhan su kien", "nhan", "labels", "event label", "label"],
        ),
        field(
            "eventLabel2s",
            List,
            OPT,
            ["Event labels 2", "Nhãn sự kiện 2"],
            [
                "Second set of labels, separated by commas.",
                "Bộ nhãn thứ hai, cách nhau bằng dấu phẩy.",
            ],
            "link: http1",
            &["nhan su kien 2", "nhan 2", "labels 2", "event labels 2"],
        ),
        field(
            "eventLabel3s",
            List,
            OPT,
            ["Event labels 3", "Nhãn sự kiện 3"],
            [
                "Third set of labels, separated by commas.",
                "Bộ nhãn thứ ba, cách nhau bằng dấu phẩy.",
            ],
            "link: http1",
            &["nhan su kien 3", "nhan 3", "labels 3", "event labels 3"],
        ),
        CUSTOMER_ID_OPT,
        field(
            "email",
            Email,
            OPT,
            ["E-mail", "Email"],
            [
                "E-mail address of the person.",
                "Địa chỉ email của người thực hiện.",
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
                "Phone number of the person.",
                "Số điện thoại của người thực hiện.",
            ],
            "098685xxxx",
            PHONE_SYNONYMS,
        ),
        field(
            "zaloOAId",
            Text,
            OPT,
            ["Zalo OA ID", "Mã Zalo OA"],
            ["Zalo Official Account ID.", "Mã Zalo Official Account."],
            "763845675567xxx",
            &["zalo oa", "oa id", "ma oa"],
        ),
        field(
            "zaloUserId",
            Text,
            OPT,
            ["Zalo user ID", "Mã người dùng Zalo"],
            ["The person's Zalo user ID.", "Mã người dùng Zalo."],
            "5425775678654xxxxx",
            &["zalo uid", "zalo id", "id zalo", "zalo"],
        ),
        field(
            "note",
            Text,
            OPT,
            ["Note", "Ghi chú"],
            ["Free note.", "Ghi chú."],
            "",
            &["ghi chu", "chu thich", "notes", "remark", "remarks"],
        ),
        // Documented values are "Active" / "NDeleted"; the latter is a typo for Deleted.
        RECORD_STATUS_FIELD,
    ],
    rules: &[],
    items: None,
    ignored_update_cfs: true,
};
