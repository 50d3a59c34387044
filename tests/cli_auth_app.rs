//! The auth-app login (observed in public code, not documented by Pango) through the
//! command line: `login --org-id --app-id --account` saves the profile (the refresh
//! token goes to the keychain when there is one, else `PANGO_REFRESH_TOKEN`), then
//! `upload --profile` sends through the v2 ingest with `AccessToken: Bearer` and
//! `OrgId`, and the refresh token is printed nowhere.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::{cli_command, finish, run_captured, write_customers};
use pango_importer::sandbox::{AppAccount, Sandbox, SandboxConfig};

const RUN: Duration = Duration::from_secs(60);

#[test]
fn login_then_upload_with_the_auth_app_flow() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let app = AppAccount {
        refresh_token: common::unique_secret("r3fresh-"),
        ..AppAccount::demo()
    };
    let sb = Sandbox::start(SandboxConfig {
        apps: vec![app.clone()],
        limits: Vec::new(),
        ..SandboxConfig::default()
    })
    .unwrap();
    let mut login = cli_command();
    login
        .args(["login", "--profile", "app-x", "--key-stdin"])
        .args(["--org-id", &app.org_id, "--app-id", &app.app_id])
        .args(["--account", &app.account])
        .args(["--auth-url", &sb.auth_app_url(&app.org_id)])
        .args(["--ingest-url", &sb.ingest_v2_url()])
        .env("PANGO_IMPORTER_HOME", &home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = login.spawn().unwrap();
    writeln!(child.stdin.take().unwrap(), "{}", app.refresh_token).unwrap();
    let ran = finish(child, RUN);
    // Saved either way; the token is stored only where a keychain exists.
    assert!(
        ran.code == Some(0) || ran.stderr.contains("No system keychain"),
        "{ran:?}"
    );
    assert_eq!(sb.stats().auth_requests, 1, "the login was checked first");
    let settings = std::fs::read_to_string(home.join("config/settings.json")).unwrap();
    assert!(settings.contains("authApp") && !settings.contains(&app.refresh_token));

    let file = dir.path().join("kh.csv");
    write_customers(&file, 70, &[]);
    let mut upload = cli_command();
    upload
        .arg("upload")
        .arg(&file)
        .args(["--object", "customer-identity", "--auto-map", "--json"])
        .args(["--profile", "app-x"])
        .env("PANGO_IMPORTER_HOME", &home)
        .env("PANGO_REFRESH_TOKEN", &app.refresh_token);
    let up = run_captured(&mut upload, RUN);
    assert_eq!(up.code, Some(0), "{up:?}");
    assert_eq!(up.json()["accepted"], 70);
    assert_eq!(sb.records("customer-identity").len(), 70);
    for r in [&ran, &up] {
        assert!(!r.stdout.contains(&app.refresh_token) && !r.stderr.contains(&app.refresh_token));
    }
    if ran.code == Some(0) {
        // Leave no test token in the user's keychain.
        let mut forget = cli_command();
        forget
            .args(["login", "--profile", "app-x", "--forget"])
            .env("PANGO_IMPORTER_HOME", &home);
        let gone = run_captured(&mut forget, RUN);
        assert_eq!(gone.code, Some(0), "{gone:?}");
    }
    // A wrong refresh token: exit 2, said plainly, not printed.
    let mut wrong = cli_command();
    wrong
        .arg("upload")
        .arg(&file)
        .args(["--object", "customer-identity", "--auto-map", "--json"])
        .args(["--profile", "app-x"])
        .env("PANGO_IMPORTER_HOME", &home)
        .env("PANGO_REFRESH_TOKEN", "not-the-t0ken-1a2b");
    let bad = run_captured(&mut wrong, RUN);
    assert_eq!(bad.code, Some(2), "{bad:?}");
    assert!(
        !bad.stdout.contains("not-the-t0ken-1a2b") && !bad.stderr.contains("not-the-t0ken-1a2b")
    );
}
