//! A totals row at the end of a file, through the command line: one warning, the
//! row not sent and not counted invalid, the exit code of a clean file.

mod common;

use std::path::Path;

use common::cli::{Run, VALIDATE_KEYS, arg, assert_keys, cli, write};

/// Two customers, a blank line, then the sum line a spreadsheet adds (row 5).
const CUSTOMERS: &str = "\
Mã KH,Họ và tên,Số điện thoại,Điểm
KH1,Nguyễn Văn An,0912345678,120
KH2,Trần Thị Bình,0912345679,80
,,,
Tổng cộng,,,200
";

fn validate(lang: &str, path: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "--lang",
        lang,
        "validate",
        arg(path),
        "--object",
        "customer-identity",
        "--auto-map",
    ];
    args.extend(extra);
    cli(args)
}

#[test]
fn a_totals_row_is_one_warning_and_the_file_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "khach-hang.csv", CUSTOMERS);
    let run = validate("en", &path, &["--json"]);
    run.expect_code(0);
    let v = run.json();
    assert_keys(&v, &VALIDATE_KEYS);
    assert_eq!(v["mapping"]["Mã KH"], "customerId", "{v}");
    assert_eq!(
        (v["valid"].as_u64(), v["invalid"].as_u64()),
        (Some(2), Some(0)),
        "{v}"
    );
    assert_eq!(v["issues_total"], 1, "{v}");
    let w = &v["issues"][0];
    assert_eq!(w["row"], 5, "{w}");
    assert_eq!(w["severity"], "warning", "{w}");
    assert_eq!(w["kind"], "totals_row", "{w}");
    assert_eq!(w["message"], "looks like a totals row — not sent", "{w}");
}

#[test]
fn the_human_summary_says_it_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "khach-hang.csv", CUSTOMERS);
    let run = validate("vi", &path, &[]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("valid: 2   invalid: 0   entries to send: 2"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("row 5, column Mã KH: có vẻ là dòng tổng cộng — không gửi"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("required"), "{}", run.stdout);
}

/// A real upload to the sandbox: the two customers are stored, the totals row is
/// neither sent nor counted as failed (which would make the exit code 3).
#[cfg(unix)]
#[test]
fn an_upload_stores_the_customers_and_counts_nothing_failed() {
    use pango_importer::sandbox::{Account, Sandbox, SandboxConfig};
    use serde_json::json;
    let account = Account::demo();
    let sb = Sandbox::start(SandboxConfig {
        accounts: vec![account.clone()],
        limits: Vec::new(),
        ..SandboxConfig::default()
    })
    .expect("the sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "khach-hang.csv", CUSTOMERS);
    let mut cmd = common::cli_command();
    cmd.arg("upload")
        .arg(&path)
        .args(["--object", "customer-identity", "--auto-map", "--json"])
        .arg("--report")
        .arg(dir.path().join("result.csv"))
        .env("PANGO_IMPORTER_HOME", dir.path().join("home"))
        .env("PANGO_AUTH_URL", sb.auth_url())
        .env("PANGO_INGEST_URL", sb.ingest_url())
        .env("PANGO_USERNAME", &account.username)
        .env("PANGO_API_KEY", &account.api_key)
        .env("PANGO_CDP_GKEY", &account.cdp_gkey);
    let ran = common::run_captured(&mut cmd, std::time::Duration::from_secs(60));
    assert_eq!(ran.code, Some(0), "{}\n{}", ran.stdout, ran.stderr);
    let v = ran.json();
    assert_eq!(
        (&v["valid"], &v["invalid"], &v["accepted"], &v["failed"]),
        (&json!(2), &json!(0), &json!(2), &json!(0)),
        "{v}"
    );
    assert_eq!(sb.records("customer-identity").len(), 2);
    // The result report says the totals row was not sent, and why.
    let report = std::fs::read_to_string(dir.path().join("result.csv")).unwrap();
    let line = report.lines().find(|l| l.starts_with("5,")).expect("row 5");
    assert!(
        line.contains("not sent") && line.contains("totals row"),
        "{report}"
    );
}
