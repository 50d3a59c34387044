//! The Upload step's "What happened" lines and its state in words: each event of the
//! job as a user reads it.

use std::time::Duration;

use crate::i18n::Lang;
use crate::upload::{JobState, UploadEvent};

use super::text::{count, tr};

/// The line an event adds to "What happened", if any.
pub fn line(ev: &UploadEvent, lang: Lang) -> Option<String> {
    let say = |en: String, vi: String| match lang {
        Lang::En => en,
        Lang::Vi => vi,
    };
    match ev {
        UploadEvent::Started {
            rows_to_send,
            already_accepted_rows,
            ..
        } => Some(if *already_accepted_rows > 0 {
            say(
                format!(
                    "Resuming: {} rows were accepted before and are not sent again; {} to send.",
                    count(lang, *already_accepted_rows),
                    count(lang, *rows_to_send)
                ),
                format!(
                    "Tiếp tục: {} dòng đã được nhận trước đó và không gửi lại; còn {} dòng.",
                    count(lang, *already_accepted_rows),
                    count(lang, *rows_to_send)
                ),
            )
        } else {
            say(
                format!("Sending {} rows.", count(lang, *rows_to_send)),
                format!("Đang gửi {} dòng.", count(lang, *rows_to_send)),
            )
        }),
        UploadEvent::TokenRenewed => {
            Some(tr(lang, "Login renewed.", "Đã gia hạn đăng nhập.").into())
        }
        UploadEvent::Rejected { rows, reason } => Some(say(
            format!("Pango refused {} rows: {reason}", rows.len()),
            format!("Pango từ chối {} dòng: {reason}", rows.len()),
        )),
        UploadEvent::Retrying {
            attempt,
            delay,
            reason,
        } => {
            let s = secs(delay);
            Some(say(
                format!(
                    "Connection problem ({reason}); trying again in {s} s (attempt {attempt})."
                ),
                format!("Lỗi kết nối ({reason}); thử lại sau {s} giây (lần {attempt})."),
            ))
        }
        UploadEvent::RateLimited { wait } => {
            let s = secs(wait);
            Some(say(
                format!("Pango asked to slow down; waiting {s} s."),
                format!("Pango yêu cầu gửi chậm lại; chờ {s} giây."),
            ))
        }
        UploadEvent::Paused => Some(tr(lang, "Paused.", "Đã tạm dừng.").into()),
        UploadEvent::Resumed => Some(tr(lang, "Resumed.", "Tiếp tục gửi.").into()),
        UploadEvent::Cancelling => Some(
            tr(
                lang,
                "Cancelling: requests already sent finish; the rest wait to be sent.",
                "Đang huỷ: các yêu cầu đã gửi sẽ hoàn tất; phần còn lại chờ gửi.",
            )
            .into(),
        ),
        UploadEvent::LoggedIn
        | UploadEvent::BatchAccepted { .. }
        | UploadEvent::Progress(_)
        | UploadEvent::Finished(_) => None,
    }
}

/// Whole seconds, rounded up.
fn secs(d: &Duration) -> u64 {
    d.as_secs_f64().ceil() as u64
}

/// What the job is doing, in words.
pub fn state_words(state: Option<JobState>, lang: Lang) -> &'static str {
    match state {
        None | Some(JobState::LoggingIn) => tr(lang, "Logging in…", "Đang đăng nhập…"),
        Some(JobState::Sending) => tr(lang, "Sending…", "Đang gửi…"),
        Some(JobState::WaitingForLimit) => tr(
            lang,
            "Waiting for Pango's rate limit…",
            "Đang chờ theo giới hạn tốc độ của Pango…",
        ),
        Some(JobState::Retrying) => tr(
            lang,
            "Connection problem, retrying…",
            "Lỗi kết nối, đang thử lại…",
        ),
        Some(JobState::RenewingLogin) => tr(lang, "Renewing the login…", "Đang gia hạn đăng nhập…"),
        Some(JobState::Paused) => tr(lang, "Paused", "Đã tạm dừng"),
        Some(JobState::Cancelling) => tr(lang, "Cancelling…", "Đang huỷ…"),
        Some(JobState::Finished) => tr(lang, "Finished", "Đã xong"),
    }
}
