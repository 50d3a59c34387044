//! What History says of an import, in the user's language: the object type's label
//! (never its API name), how it ended, and its rows: accepted, refused by Pango, and
//! not sent yet (an upload that stopped part-way left them waiting, not refused).

use crate::history::HistoryRecord;
use crate::i18n::Lang;
use crate::upload::pending::PendingUpload;

use super::text::{count, tr};

/// The object type as the app names it: "Khách hàng", not `customer-identity` (a name
/// the app does not know is shown as it is).
pub fn object_label(name: &str, lang: Lang) -> String {
    crate::schema::find(name).map_or_else(|| name.to_string(), |t| t.label.get(lang).to_string())
}

/// How an import ended, in a few words (the history file keeps the English word).
pub fn outcome_words(rec: &HistoryRecord, lang: Lang) -> String {
    let waiting = rec.not_sent_rows() > 0;
    match rec.outcome.as_str() {
        "completed" => tr(lang, "Completed", "Hoàn tất").into(),
        "cancelled" if waiting => tr(
            lang,
            "Stopped part-way: rows wait to be sent",
            "Dừng giữa chừng: còn dòng chờ gửi",
        )
        .into(),
        "cancelled" => tr(lang, "Cancelled", "Đã huỷ").into(),
        "finished with rows not accepted" if rec.refused_rows() == 0 => tr(
            lang,
            "Finished, some rows not sent",
            "Xong, còn dòng chưa gửi",
        )
        .into(),
        "finished with rows not accepted" => tr(
            lang,
            "Finished, some rows refused by Pango",
            "Xong, có dòng bị Pango từ chối",
        )
        .into(),
        other => match other.strip_prefix("stopped: ") {
            Some(why) => match lang {
                Lang::En => format!("Stopped: {why}"),
                Lang::Vi => format!("Đã dừng: {why}"),
            },
            None => other.to_string(),
        },
    }
}

/// The rows of an import in words, those that are not zero: "600 accepted · 900 not
/// sent yet · 1 invalid".
pub fn counts_words(rec: &HistoryRecord, lang: Lang) -> String {
    let parts = [
        (rec.accepted, tr(lang, "accepted", "đã nhận")),
        (rec.not_sent_rows(), tr(lang, "not sent yet", "chưa gửi")),
        (
            rec.refused_rows(),
            tr(lang, "refused by Pango", "bị Pango từ chối"),
        ),
        (rec.invalid, tr(lang, "invalid", "dòng lỗi")),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{} {w}", count(lang, *n as usize)))
        .collect();
    if said.is_empty() {
        match lang {
            Lang::En => format!("{} rows", count(lang, rec.rows as usize)),
            Lang::Vi => format!("{} dòng", count(lang, rec.rows as usize)),
        }
    } else {
        said.join(" · ")
    }
}

/// An upload that did not finish and left no line in the history (the app was closed
/// hard, the computer died): what History says of it.
pub fn interrupted_words(p: &PendingUpload, lang: Lang) -> (String, String) {
    let outcome = tr(
        lang,
        "Interrupted: rows wait to be sent",
        "Bị gián đoạn: còn dòng chờ gửi",
    );
    let rows = match lang {
        Lang::En => format!(
            "{} valid rows; those not accepted yet are not sent yet",
            count(lang, p.rows)
        ),
        Lang::Vi => format!(
            "{} dòng hợp lệ; các dòng chưa được nhận đang chờ gửi",
            count(lang, p.rows)
        ),
    };
    (outcome.into(), rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_types_by_their_label_in_the_apps_language() {
        assert_eq!(object_label("customer-identity", Lang::Vi), "Khách hàng");
        assert_eq!(object_label("order", Lang::Vi), "Đơn hàng");
        assert_eq!(object_label("order", Lang::En), "Orders");
        assert_eq!(object_label("something-else", Lang::Vi), "something-else");
    }
}
