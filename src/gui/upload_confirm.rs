//! Before anything goes to Pango: an upload to a real profile (not the practice
//! server) asks once, naming how many rows of which object type go to which profile
//! and organisation. "Cancel" (or Esc) sends nothing. A resume of the same upload is
//! not asked again.

use eframe::egui::{self, RichText};

use crate::i18n::Lang;
use crate::profile::SANDBOX;

use super::question::{self, Answer};
use super::session::Session;
use super::text::{count, tr};

/// Whether an upload through `session` is asked about first: every profile but the
/// practice ones ("Try without an account", the built-in sandbox profile).
pub fn asks_first(session: &Session) -> bool {
    session.sandbox.is_none() && session.profile.name != SANDBOX
}

/// What the question names.
pub struct Question {
    pub rows: usize,
    /// The object type's label in the app's language.
    pub object: String,
    pub profile: String,
    /// The organisation key, shortened (it is not a secret, but need not be shown whole).
    pub organisation: String,
    /// The host the rows go to.
    pub host: String,
}

impl Question {
    pub fn new(session: &Session, rows: usize, object: String) -> Self {
        let (ingest_url, org) = session.destination();
        let host = url_host(&ingest_url);
        Self {
            rows,
            object,
            profile: session.profile.name.clone(),
            organisation: shorten(&org),
            host,
        }
    }

    /// "Send 35 rows (Customers) to acme (organisation 0123…cdef at svc.mydatalakes.com)?"
    pub fn text(&self, lang: Lang) -> String {
        let Question {
            object,
            profile,
            organisation,
            host,
            ..
        } = self;
        let rows = count(lang, self.rows);
        match lang {
            Lang::En => format!(
                "Send {rows} rows ({object}) to {profile} (organisation {organisation} at {host})?"
            ),
            Lang::Vi => format!(
                "Gửi {rows} dòng ({object}) tới {profile} (tổ chức {organisation} tại {host})?"
            ),
        }
    }
}

/// The host of a URL (the whole text when it has none).
fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_string()
}

/// `0123456789abcdef0123456789abcdef` → `0123…cdef`.
fn shorten(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 10 {
        return key.to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Draws the question; `Some(true)` to send, `Some(false)` to cancel (Esc too).
pub fn ask(ctx: &egui::Context, q: &Question, lang: Lang) -> Option<bool> {
    let body = |ui: &mut egui::Ui| {
        ui.add_space(4.0);
        ui.label(RichText::new(q.text(lang)).strong());
        ui.label(tr(
            lang,
            "Rows Pango accepts are in your organisation's data at once. Nothing is sent before you press Send.",
            "Các dòng Pango nhận sẽ vào dữ liệu của tổ chức ngay. Chưa có gì được gửi trước khi bạn bấm Gửi.",
        ));
    };
    let title = tr(lang, "Send to Pango?", "Gửi lên Pango?");
    let buttons = [tr(lang, "Send", "Gửi"), tr(lang, "Cancel", "Huỷ")];
    question::ask(ctx, "confirm-upload", 460.0, title, body, &buttons)
        .map(|a| a == Answer::Button(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_question_names_rows_type_profile_and_where_they_go() {
        let q = Question {
            rows: 1_035,
            object: "Khách hàng".into(),
            profile: "acme".into(),
            organisation: shorten("e7402a2f14aaaaa27488373a60355e0c"),
            host: url_host("https://svc.mydatalakes.com/dhub-i/api/v1.0/ingest"),
        };
        assert_eq!(
            q.text(Lang::Vi),
            "Gửi 1.035 dòng (Khách hàng) tới acme (tổ chức e740…5e0c tại svc.mydatalakes.com)?"
        );
        assert_eq!(url_host("http://127.0.0.1:8787/x"), "127.0.0.1:8787");
    }
}
