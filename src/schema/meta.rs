//! The Meta Data page (pango-api.md §4.8–§4.9): `meta-survey` (a survey and its
//! questions) and `meta-form-marketing` (a marketing form). The page is cut off
//! after these two tables.

use super::{
    CREATED_AT, CREATED_BY, FieldDef, FieldType::*, INTERNAL_COMPANY_ID, ItemDef, OPT, ObjectType,
    RECORD_STATUS_FIELD, REQ, SYSTEM_NAME, TIMEZONE_GMT, UPDATED_AT, UPDATED_BY, field,
};
use crate::i18n::Text2;

/// `lang1` … `lang5`: the question's text in one language.
const fn lang_n(
    name: &'static str,
    n: [&'static str; 2],
    example: &'static str,
    synonyms: &'static [&'static str],
) -> FieldDef {
    field(
        name,
        Text,
        OPT,
        n,
        [
            "The question's text in one of your languages.",
            "Nội dung câu hỏi bằng một trong các ngôn ngữ của bạn.",
        ],
        example,
        synonyms,
    )
}

static QUESTIONS: ItemDef = ItemDef {
    container: "questions",
    map_key: Some("questionId"),
    key: "questionId",
    key_is_sku: false,
    label: Text2::new("Questions", "Câu hỏi"),
    fields: &[
        field(
            "questionId",
            Text,
            REQ,
            ["Question ID", "Mã câu hỏi"],
            [
                "ID of the question within the survey.",
                "Mã câu hỏi trong khảo sát.",
            ],
            "this_is_question_1",
            &[
                "ma cau hoi",
                "id cau hoi",
                "cau hoi so",
                "question code",
                "question no",
            ],
        ),
        field(
            "langDef",
            Text,
            REQ,
            ["Default language", "Ngôn ngữ mặc định"],
            [
                "Default language of the question, e.g. vi.",
                "Ngôn ngữ mặc định của câu hỏi, ví dụ vi.",
            ],
            "vi",
            &[
                "ngon ngu mac dinh",
                "ngon ngu",
                "default language",
                "language",
            ],
        ),
        lang_n(
            "lang1",
            ["Question text (language 1)", "Câu hỏi (ngôn ngữ 1)"],
            "Bạn bao nhiêu tuổi",
            &[
                "cau hoi",
                "noi dung cau hoi",
                "cau hoi 1",
                "ngon ngu 1",
                "question",
                "question 1",
            ],
        ),
        lang_n(
            "lang2",
            ["Question text (language 2)", "Câu hỏi (ngôn ngữ 2)"],
            "How old are you?",
            &["cau hoi 2", "ngon ngu 2", "question 2"],
        ),
        lang_n(
            "lang3",
            ["Question text (language 3)", "Câu hỏi (ngôn ngữ 3)"],
            "",
            &["cau hoi 3", "ngon ngu 3", "question 3"],
        ),
        lang_n(
            "lang4",
            ["Question text (language 4)", "Câu hỏi (ngôn ngữ 4)"],
            "",
            &["cau hoi 4", "ngon ngu 4", "question 4"],
        ),
        lang_n(
            "lang5",
            ["Question text (language 5)", "Câu hỏi (ngôn ngữ 5)"],
            "",
            &["cau hoi 5", "ngon ngu 5", "question 5"],
        ),
    ],
    rules: &[],
};

pub static META_SURVEY: ObjectType = ObjectType {
    name: "meta-survey",
    label: Text2::new("Surveys", "Khảo sát"),
    description: Text2::new(
        "Surveys: one row per question; rows with the same survey ID make one survey.",
        "Khảo sát: mỗi dòng một câu hỏi; các dòng cùng mã khảo sát gộp thành một khảo sát.",
    ),
    key: &["surveyId"],
    fields: &[
        TIMEZONE_GMT,
        SYSTEM_NAME,
        INTERNAL_COMPANY_ID,
        field(
            "surveyId",
            Text,
            REQ,
            ["Survey ID", "Mã khảo sát"],
            [
                "Your system's ID for the survey.",
                "Mã khảo sát trong hệ thống của bạn.",
            ],
            "",
            &["ma khao sat", "id khao sat", "survey code"],
        ),
        field(
            "surveyName",
            Text,
            OPT,
            ["Survey name", "Tên khảo sát"],
            ["Name of the survey.", "Tên khảo sát."],
            "Survey 1",
            &["ten khao sat", "khao sat", "survey"],
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
        CREATED_AT,
        UPDATED_AT,
        CREATED_BY,
        UPDATED_BY,
        RECORD_STATUS_FIELD,
    ],
    rules: &[],
    items: Some(&QUESTIONS),
    ignored_update_cfs: false,
};

pub static META_FORM_MARKETING: ObjectType = ObjectType {
    name: "meta-form-marketing",
    label: Text2::new("Marketing forms", "Biểu mẫu marketing"),
    description: Text2::new(
        "Marketing forms: one row per sign-up form you run (ID, provider, name).",
        "Biểu mẫu marketing: mỗi dòng một biểu mẫu đăng ký (mã, nhà cung cấp, tên).",
    ),
    key: &["formId"],
    fields: &[
        TIMEZONE_GMT,
        SYSTEM_NAME,
        INTERNAL_COMPANY_ID,
        field(
            "formId",
            Text,
            REQ,
            ["Form ID", "Mã biểu mẫu"],
            [
                "Your ID for the form.",
                "Mã biểu mẫu trong hệ thống của bạn.",
            ],
            "",
            &["ma form", "ma bieu mau", "id bieu mau", "form code"],
        ),
        field(
            "provider",
            Text,
            REQ,
            ["Provider", "Nhà cung cấp"],
            [
                "The service the form runs on, e.g. Brevo.",
                "Dịch vụ chạy biểu mẫu, ví dụ Brevo.",
            ],
            "Brevo",
            &["nha cung cap", "nen tang", "dich vu", "platform"],
        ),
        field(
            "name",
            Text,
            REQ,
            ["Form name", "Tên biểu mẫu"],
            ["Name of the form.", "Tên biểu mẫu."],
            "",
            &["ten form", "ten bieu mau", "ten", "form name", "form"],
        ),
        CREATED_AT,
        UPDATED_AT,
        CREATED_BY,
        UPDATED_BY,
        RECORD_STATUS_FIELD,
    ],
    rules: &[],
    items: None,
    ignored_update_cfs: false,
};
