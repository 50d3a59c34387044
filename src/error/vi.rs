//! The Vietnamese of every [`FileErrorKind`] and [`MappingError`], for the app in
//! Vietnamese (the English is their `Display`, which the CLI prints).

use crate::i18n::Lang;
use crate::mapping::MappingError;
use crate::schema::field_label;

use super::FileErrorKind;

/// Why the file cannot be read, in Vietnamese.
pub(super) fn kind(k: &FileErrorKind) -> String {
    use FileErrorKind::*;
    match k {
        Io(detail) => format!("không mở được tệp: {detail}"),
        Empty => "tệp trống".into(),
        HeaderOnly => "tệp có dòng tiêu đề nhưng không có dòng dữ liệu nào".into(),
        Binary => "đây không phải bảng văn bản hay bảng tính (có vẻ là dữ liệu nhị phân)".into(),
        HtmlDisguised => "đây là trang web (HTML) được lưu với tên bảng tính; hãy mở bằng Excel, \
             chọn Tệp > Lưu thành > Sổ làm việc Excel (.xlsx) hoặc CSV UTF-8, rồi chọn tệp mới"
            .into(),
        Encrypted { .. } => {
            "sổ làm việc được bảo vệ bằng mật khẩu nên không đọc được; hãy mở bằng \
             Excel, chọn Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xóa mật \
             khẩu, lưu lại rồi chọn lại tệp"
                .into()
        }
        BadWorkbook { format, detail } => {
            format!("sổ làm việc bị hỏng hoặc không thật sự là tệp {format}: {detail}")
        }
        BadEncoding { encoding } => format!(
            "văn bản không đúng mã {encoding}; hãy chọn bảng mã của tệp (ví dụ windows-1258)"
        ),
        UnknownEncoding(label) => format!(
            "không biết bảng mã '{label}'; hãy dùng một tên như UTF-8, UTF-16LE, windows-1258 \
             hoặc windows-1252"
        ),
        UnterminatedQuote => {
            "có một giá trị mở ngoặc kép mà không đóng (tệp có thể bị cắt cụt)".into()
        }
        NoSuchSheet(name) => format!("sổ làm việc không có trang tính tên '{name}'"),
        EmptySheet(name) => format!("trang tính '{name}' trống"),
        HeaderRowOutOfRange { row, rows } => {
            format!("dòng tiêu đề {row} nằm sau dòng dữ liệu cuối cùng (có {rows} dòng)")
        }
        TooLarge => "tệp quá lớn để mở (hơn 4 GiB văn bản)".into(),
        DuplicateHeader {
            header,
            first,
            second,
        } => format!(
            "tiêu đề '{header}' xuất hiện hai lần (cột {first} và {second}); hãy đổi tên một cột, \
             hoặc gán cột theo vị trí trong tệp ánh xạ"
        ),
        NoSuchColumn(name) => format!("tệp không có cột tên '{name}'"),
        Mapping(e) => mapping(e),
        Cancelled => "thao tác đã bị huỷ".into(),
    }
}

/// A field as the Vietnamese message names it: "Số điện thoại (phone)", or the
/// code alone for a custom field.
fn field(path: &str) -> String {
    match field_label(path) {
        Some(label) => format!("{} ({path})", label.get(Lang::Vi)),
        None => format!("'{path}'"),
    }
}

/// Why a mapping does not fit, in Vietnamese.
pub(super) fn mapping(e: &MappingError) -> String {
    use MappingError::*;
    match e {
        UnknownObject(name) => format!("không có loại đối tượng '{name}'"),
        NotAField { path, object } => format!("'{path}' không phải là trường của {object}"),
        CustomCodeMisfit {
            code,
            container,
            prefix,
            example,
        } => format!(
            "mã trường tùy chỉnh '{code}' không hợp với {container}: mã của nó là {prefix} rồi hai \
             chữ số trở lên, như {example} (chép mã từ payload mẫu của mô hình trong Pango)"
        ),
        CustomItemWithoutItems { code, object } => format!(
            "trường tùy chỉnh '{code}' được đánh dấu là trường của dòng hàng, nhưng {object} \
             không có dòng hàng"
        ),
        ColumnMappedTwice { column, header } => {
            format!("cột {column} ('{header}') được gán hai lần")
        }
        FieldFedTwice { field: f } => {
            format!(
                "trường {} được lấy từ hai cột; hãy chỉ gán từ một cột",
                field(f)
            )
        }
        ColumnAndConstant { field: f } => format!(
            "trường {} vừa có cột vừa có giá trị cố định; hãy giữ một",
            field(f)
        ),
        BadPosition { position } => {
            format!("'{position}' không phải vị trí cột (dùng chữ cái như C hoặc số như 3)")
        }
        PositionPastEnd { position, last } => {
            format!("cột {position} nằm sau cột cuối cùng ({last})")
        }
        PositionHeaderMismatch {
            column,
            header,
            named,
        } => format!("cột {column} có tiêu đề '{header}', không phải '{named}'"),
        NoColumn => "mỗi mục cột cần \"column\" (tiêu đề) hoặc \"position\"".into(),
        EmptyConstant { field: f } => format!("giá trị cố định của {} đang trống", field(f)),
        BadConstant {
            field: f,
            value,
            reason,
        } => format!("giá trị cố định của {} (\"{value}\"): {reason}", field(f)),
        AmbiguousHeader {
            header,
            first,
            first_header,
            second,
            second_header,
        } => format!(
            "tiêu đề '{header}' ứng với hai cột khi bỏ qua dấu, chữ hoa và khoảng trắng: {first} \
             ('{first_header}') và {second} ('{second_header}'); hãy viết tiêu đề đúng như trong \
             tệp, hoặc gán cột theo vị trí"
        ),
    }
}
