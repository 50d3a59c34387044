//! `customer-identity` (pango-api.md §4.1). The documented table is cut off after
//! `storeId`; only the fields it shows are listed.

use super::{
    CUSTOMER_ID_SYNONYMS, EMAIL_SYNONYMS, EnumDef, FULL_NAME_OR_FIRST_LAST, FieldDef, FieldType::*,
    GENDER, INTERNAL_COMPANY_ID, OPT, ObjectType, PHONE_OR_EMAIL, PHONE_SYNONYMS, REQ,
    SOURCE_CHANNEL, SYSTEM_NAME, TIMEZONE_GMT, field,
};
use crate::i18n::Text2;

/// `maritalStatus`: Single, Married, Divorced.
pub static MARITAL_STATUS: EnumDef = EnumDef {
    values: &["Single", "Married", "Divorced"],
    aliases: &[
        ("doc than", "Single"),
        ("chua ket hon", "Single"),
        ("chua lap gia dinh", "Single"),
        ("da ket hon", "Married"),
        ("ket hon", "Married"),
        ("co gia dinh", "Married"),
        ("da lap gia dinh", "Married"),
        ("ly hon", "Divorced"),
        ("da ly hon", "Divorced"),
    ],
};

pub(super) const PHONE: FieldDef = field(
    "phone",
    Phone,
    OPT,
    ["Phone", "Số điện thoại"],
    [
        "Phone number; required when there is no e-mail.",
        "Số điện thoại; bắt buộc khi không có email.",
    ],
    "03596856xxx",
    PHONE_SYNONYMS,
);

pub(super) const EMAIL: FieldDef = field(
    "email",
    Email,
    OPT,
    ["E-mail", "Email"],
    [
        "E-mail address; required when there is no phone.",
        "Địa chỉ email; bắt buộc khi không có số điện thoại.",
    ],
    "user@gmail.com",
    EMAIL_SYNONYMS,
);

pub(super) const FULL_NAME: FieldDef = field(
    "fullName",
    Text,
    OPT,
    ["Full name", "Họ và tên"],
    [
        "Full name; required unless first and last name are given.",
        "Họ và tên đầy đủ; bắt buộc nếu không có họ và tên riêng.",
    ],
    "Nguyen Minh Dee",
    &[
        "ho va ten",
        "ho ten",
        "ten khach hang",
        "name",
        "customer name",
        "ten kh",
        "khach hang",
        "customer",
        "ho ten khach hang",
    ],
);

// Pango's example splits "Nguyen Minh Dee" into firstName "Nguyen",
// middleName "Minh", lastName "Dee": the words in written order, so a
// Vietnamese "Họ" (family name) column is firstName and "Tên" (given name) is
// lastName — never fullName, which takes "Họ và tên"/"Họ tên". English
// "family name"/"surname" follow the same reading (our reading: the docs give
// only the example).
pub(super) const FIRST_NAME: FieldDef = field(
    "firstName",
    Text,
    OPT,
    ["Family name (Họ)", "Họ"],
    [
        "First word of the name as written (Nguyen in Nguyen Minh Dee).",
        "Từ đầu của họ tên (Nguyen trong Nguyen Minh Dee).",
    ],
    "Nguyen",
    &["ho", "family name", "surname", "fname"],
);

pub(super) const LAST_NAME: FieldDef = field(
    "lastName",
    Text,
    OPT,
    ["Given name (Tên)", "Tên"],
    [
        "Last word of the name as written (Dee in Nguyen Minh Dee).",
        "Từ cuối của họ tên, tức tên gọi (Dee trong Nguyen Minh Dee).",
    ],
    "Dee",
    &[
        "ten",
        "ten rieng",
        "ten goi",
        "given name",
        "forename",
        "lname",
    ],
);

pub(super) const GENDER_FIELD: FieldDef = field(
    "gender",
    Enum(&GENDER),
    OPT,
    ["Gender", "Giới tính"],
    [
        "male, female or undefined (Nam/Nữ accepted).",
        "male, female hoặc undefined (nhận cả Nam/Nữ).",
    ],
    "male",
    &["gioi tinh", "sex", "phai"],
);

pub(super) const DOB: FieldDef = field(
    "dob",
    Timestamp,
    OPT,
    ["Date of birth", "Ngày sinh"],
    ["Birth date.", "Ngày sinh của khách hàng."],
    "582310800000",
    &[
        "ngay sinh",
        "birthday",
        "date of birth",
        "sinh nhat",
        "birth date",
        "ngay thang nam sinh",
    ],
);

pub(super) const SOURCE_CHANNEL_FIELD: FieldDef = field(
    "sourceChannel",
    Enum(&SOURCE_CHANNEL),
    OPT,
    ["Source channel", "Kênh nguồn"],
    [
        "Online or Offline.",
        "Online (trực tuyến) hoặc Offline (trực tiếp).",
    ],
    "Online",
    &["kenh", "kenh nguon", "channel", "kenh tiep can"],
);

pub(super) const SOURCE_NAME: FieldDef = field(
    "sourceName",
    Text,
    OPT,
    ["Source", "Nguồn"],
    [
        "Where the customer came from, e.g. Facebook Ads, Google Search.",
        "Nguồn khách hàng, ví dụ Facebook Ads, Google Search.",
    ],
    "Facebook Ads",
    &[
        "nguon",
        "nguon khach hang",
        "nguon du lieu",
        "source",
        "utm source",
    ],
);

pub(super) const SOURCE_NAME_LEVEL2: FieldDef = field(
    "sourceNameLevel2",
    Text,
    OPT,
    ["Source detail", "Nguồn cấp 2"],
    [
        "Second-level source, e.g. a form ID.",
        "Nguồn chi tiết, ví dụ mã biểu mẫu.",
    ],
    "FormID12323434",
    &[
        "nguon cap 2",
        "nguon phu",
        "chi tiet nguon",
        "source level 2",
        "source detail",
    ],
);

pub static CUSTOMER_IDENTITY: ObjectType = ObjectType {
    name: "customer-identity",
    label: Text2::new("Customers", "Khách hàng"),
    description: Text2::new(
        "Customers: one row per person — name, phone, e-mail, birthday, address…",
        "Khách hàng: mỗi dòng một người — họ tên, số điện thoại, email, ngày sinh, địa chỉ…",
    ),
    key: &["customerId"],
    fields: &[
        TIMEZONE_GMT,
        SYSTEM_NAME,
        INTERNAL_COMPANY_ID,
        field(
            "customerId",
            Text,
            REQ,
            ["Customer ID", "Mã khách hàng"],
            [
                "Your system's ID for the customer.",
                "Mã định danh khách hàng trong hệ thống của bạn.",
            ],
            "C120901341",
            CUSTOMER_ID_SYNONYMS,
        ),
        field(
            "customerGroup",
            Text,
            OPT,
            ["Customer group", "Nhóm khách hàng"],
            [
                "Group or tier of the customer.",
                "Nhóm hoặc hạng của khách hàng.",
            ],
            "VIP",
            &[
                "nhom khach hang",
                "nhom kh",
                "phan khuc",
                "hang khach hang",
                "loai khach hang",
                "customer type",
                "segment",
                "group",
            ],
        ),
        field(
            "identityNo",
            Text,
            OPT,
            ["ID card number", "Số CMND/CCCD"],
            [
                "National identity card number.",
                "Số chứng minh nhân dân hoặc căn cước công dân.",
            ],
            "38143xxxx",
            &[
                "cmnd",
                "cccd",
                "so cmnd",
                "so cccd",
                "cmnd cccd",
                "so cmnd cccd",
                "can cuoc",
                "can cuoc cong dan",
                "id number",
                "national id",
                "identity number",
            ],
        ),
        field(
            "passportNo",
            Text,
            OPT,
            ["Passport number", "Số hộ chiếu"],
            ["Passport number.", "Số hộ chiếu."],
            "BC12xxxxA",
            &["ho chieu", "so ho chieu", "passport", "passport number"],
        ),
        PHONE,
        EMAIL,
        FULL_NAME,
        FIRST_NAME,
        LAST_NAME,
        field(
            "middleName",
            Text,
            OPT,
            ["Middle name", "Tên đệm"],
            [
                "Middle part of the name (Minh in Nguyen Minh Dee).",
                "Tên đệm (Minh trong Nguyen Minh Dee).",
            ],
            "Minh",
            &["ten dem", "ten lot", "chu lot", "middle"],
        ),
        field(
            "nickNames",
            List,
            OPT,
            ["Nicknames", "Biệt danh"],
            [
                "Other names of the customer, separated by commas.",
                "Các tên gọi khác, cách nhau bằng dấu phẩy.",
            ],
            "Dee Nguyen, dee",
            &[
                "biet danh",
                "nickname",
                "nick name",
                "ten goi khac",
                "alias",
            ],
        ),
        GENDER_FIELD,
        DOB,
        field(
            "dob2",
            DateText,
            OPT,
            ["Date of birth (text)", "Ngày sinh (dạng chữ)"],
            [
                "Birth date sent as text yyyy-MM-dd.",
                "Ngày sinh gửi dưới dạng chữ yyyy-MM-dd.",
            ],
            "2001-10-31",
            &["ngay sinh dang chu", "dob text", "birth date text"],
        ),
        field(
            "yob",
            Integer,
            OPT,
            ["Year of birth", "Năm sinh"],
            ["Year of birth.", "Năm sinh."],
            "1988",
            &["nam sinh", "year of birth", "birth year"],
        ),
        field(
            "maritalStatus",
            Enum(&MARITAL_STATUS),
            OPT,
            ["Marital status", "Tình trạng hôn nhân"],
            [
                "Single, Married or Divorced.",
                "Single (độc thân), Married (đã kết hôn) hoặc Divorced (ly hôn).",
            ],
            "Single",
            &["tinh trang hon nhan", "hon nhan", "tt hon nhan", "marital"],
        ),
        field(
            "religious",
            Text,
            OPT,
            ["Religion", "Tôn giáo"],
            ["Religion.", "Tôn giáo."],
            "",
            &["ton giao", "religion"],
        ),
        field(
            "country",
            Text,
            OPT,
            ["Country", "Quốc gia"],
            ["Country.", "Quốc gia."],
            "Viet Nam",
            &["quoc gia", "nuoc", "nation"],
        ),
        field(
            "state",
            Text,
            OPT,
            ["State / region", "Bang / vùng"],
            [
                "State or region, where the country has them.",
                "Bang hoặc vùng, nếu quốc gia có.",
            ],
            "",
            &["bang", "vung", "region"],
        ),
        field(
            "city",
            Text,
            OPT,
            ["City / province", "Tỉnh/Thành phố"],
            ["City or province.", "Tỉnh hoặc thành phố."],
            "Ho Chi Minh",
            &[
                "tinh thanh",
                "thanh pho",
                "tinh",
                "tinh tp",
                "tinh thanh pho",
                "province",
            ],
        ),
        field(
            "district",
            Text,
            OPT,
            ["District", "Quận/Huyện"],
            ["District.", "Quận, huyện."],
            "Tan Phu",
            &["quan huyen", "quan", "huyen"],
        ),
        field(
            "ward",
            Text,
            OPT,
            ["Ward", "Phường/Xã"],
            ["Ward or commune.", "Phường, xã."],
            "Hiep Tan",
            &["phuong xa", "phuong", "xa", "commune"],
        ),
        field(
            "address",
            Text,
            OPT,
            ["Address", "Địa chỉ"],
            ["Street address.", "Số nhà, tên đường."],
            "278 Hoa Binh",
            &["dia chi", "so nha", "dia chi chi tiet", "street", "duong"],
        ),
        field(
            "building",
            Text,
            OPT,
            ["Building", "Tòa nhà"],
            ["Building name.", "Tên tòa nhà."],
            "Richstar Resident",
            &["toa nha", "ten toa nha", "chung cu"],
        ),
        field(
            "buildingBlock",
            Text,
            OPT,
            ["Block", "Block/Tòa"],
            ["Block of the building.", "Block hoặc tòa trong tòa nhà."],
            "Block x",
            &["block", "toa", "block toa nha"],
        ),
        field(
            "apartmentCode",
            Text,
            OPT,
            ["Apartment", "Căn hộ"],
            ["Apartment number.", "Số căn hộ."],
            "xx.xx",
            &[
                "can ho",
                "ma can ho",
                "so can ho",
                "so phong",
                "apartment",
                "apt",
            ],
        ),
        field(
            "zipCode",
            Text,
            OPT,
            ["ZIP code", "Mã bưu chính"],
            ["Postal code.", "Mã bưu chính."],
            "",
            &[
                "ma buu chinh",
                "ma buu dien",
                "zip",
                "postal code",
                "postcode",
            ],
        ),
        field(
            "language",
            Text,
            OPT,
            ["Language", "Ngôn ngữ"],
            ["The customer's language.", "Ngôn ngữ của khách hàng."],
            "Vietnamese",
            &["ngon ngu", "lang"],
        ),
        field(
            "status",
            Text,
            OPT,
            ["Customer status", "Trạng thái khách hàng"],
            [
                "Status of the customer in your system.",
                "Trạng thái của khách hàng trong hệ thống của bạn.",
            ],
            "",
            &[
                "trang thai",
                "tinh trang",
                "trang thai khach hang",
                "customer status",
            ],
        ),
        SOURCE_CHANNEL_FIELD,
        SOURCE_NAME,
        SOURCE_NAME_LEVEL2,
        field(
            "storeId",
            Text,
            OPT,
            ["Store ID", "Mã cửa hàng"],
            [
                "Store where the customer was created.",
                "Cửa hàng nơi khách hàng được tạo.",
            ],
            "",
            crate::schema::SYN_STORE_ID,
        ),
    ],
    rules: &[PHONE_OR_EMAIL, FULL_NAME_OR_FIRST_LAST],
    items: None,
    ignored_update_cfs: true,
};
