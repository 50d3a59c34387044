//! The secrets rule: the API key and the login tokens never appear in a file the app
//! writes (settings, history, journal, result and issue reports, payload and mapping
//! files, the sandbox's data directory) nor in anything a command prints.
//!
//! The account's key is unique to the run, so any copy of it is a leak. The sandbox's
//! tokens cannot be read from outside, but they have a recognisable shape (48 ASCII
//! letters and digits), which no file or output here has otherwise.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{
    Ran, cli_command, files_under, finish, read_result_report, run_captured, token_shaped,
    unique_secret, write_customers,
};
use pango_importer::keychain::OsKeyStore;
use pango_importer::sandbox::{Account, Sandbox, SandboxConfig};

const RUN: Duration = Duration::from_secs(60);
const PROFILE: &str = "sbx-secrets";

/// Runs `cmd` with `input` on its standard input.
fn run_with_stdin(cmd: &mut Command, input: &str) -> Ran {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    finish(child, RUN)
}

fn login(home: &Path, sb: &Sandbox, account: &Account) -> Command {
    let mut c = cli_command();
    c.args([
        "login",
        "--profile",
        PROFILE,
        "--username",
        &account.username,
    ])
    .args(["--cdp-gkey", &account.cdp_gkey])
    .args([
        "--auth-url",
        &sb.auth_url(),
        "--ingest-url",
        &sb.ingest_url(),
    ])
    .arg("--key-stdin")
    .env("PANGO_IMPORTER_HOME", home);
    c
}

#[test]
fn no_file_the_app_writes_and_nothing_it_prints_holds_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let work = dir.path().join("work");
    let sandbox_data = dir.path().join("sandbox-data");
    std::fs::create_dir_all(&work).unwrap();
    let account = Account {
        username: "ops@acme.vn".into(),
        api_key: unique_secret("k3y-"),
        cdp_gkey: "0f1e2d3c4b5a69788796a5b4c3d2e1f0".into(),
    };
    let key = account.api_key.clone();
    let wrong = unique_secret("wrong-k3y-");
    let sb = Sandbox::start(SandboxConfig {
        data_dir: Some(sandbox_data.clone()),
        accounts: vec![account.clone()],
        limits: Vec::new(),
        ..SandboxConfig::default()
    })
    .unwrap();
    let mut printed: Vec<Ran> = Vec::new();

    // A key the sandbox refuses: nothing is saved.
    let ran = run_with_stdin(&mut login(&home, &sb, &account), &format!("{wrong}\n"));
    assert_eq!(ran.code, Some(2), "{ran:?}");
    assert!(
        ran.stderr.contains("did not accept these credentials")
            && ran.stderr.contains("nothing was saved"),
        "{}",
        ran.stderr
    );
    assert!(!home.join("config/settings.json").exists());
    printed.push(ran);

    // The right key: checked against the sandbox, the profile saved; the key goes to
    // the OS keychain or, on a machine without one (this headless one), nowhere.
    let keychain_works = OsKeyStore::new().status().is_ok();
    let ran = run_with_stdin(&mut login(&home, &sb, &account), &format!("{key}\n"));
    if keychain_works {
        assert_eq!(ran.code, Some(0), "{ran:?}");
        assert!(
            ran.stdout
                .contains("Stored the API key in the system keychain")
        );
    } else {
        assert_eq!(ran.code, Some(2), "{ran:?}");
        assert!(
            ran.stderr.contains("No system keychain is available")
                && ran.stderr.contains("the API key was not stored")
                && ran.stderr.contains("PANGO_API_KEY"),
            "says so plainly: {}",
            ran.stderr
        );
    }
    let settings = std::fs::read_to_string(home.join("config/settings.json")).unwrap();
    assert!(settings.contains(PROFILE) && settings.contains(&sb.ingest_url()));
    printed.push(ran);
    let logins_so_far = sb.stats().auth_requests;
    assert_eq!(logins_so_far, 2, "login checks the key with the server");

    // Uploads through the saved profile with the key from the environment, writing
    // every file upload can write.
    let file = work.join("kh.csv");
    write_customers(&file, 180, &[]);
    let upload = |extra: &[&str], api_key: &str| {
        let mut c = cli_command();
        c.arg("upload")
            .arg(&file)
            .args(["--object", "customer-identity", "--auto-map", "--json"])
            .args(["--profile", PROFILE])
            .args(extra)
            .current_dir(&work)
            .env("PANGO_IMPORTER_HOME", &home)
            .env("PANGO_API_KEY", api_key);
        run_captured(&mut c, RUN)
    };
    let files = [
        "--journal",
        "kh.journal",
        "--report",
        "result.csv",
        "--payload-out",
        "payload.jsonl",
        "--save-mapping",
        "mapping.json",
        "--batch-size",
        "40",
    ];
    let ran = upload(&files, &key);
    assert_eq!(ran.code, Some(0), "{ran:?}");
    assert_eq!(ran.json()["accepted"], 180);
    printed.push(ran);
    // `--payload-out` holds what each run sent: keep the first run's to scan.
    std::fs::copy(work.join("payload.jsonl"), work.join("payload-first.jsonl")).unwrap();
    let ran = upload(&files, &key);
    assert_eq!(ran.code, Some(0), "{ran:?}");
    assert_eq!(ran.json()["requests"], 0, "the journal had it all");
    printed.push(ran);
    let ran = upload(
        &["--report", "refused.csv", "--journal", "other.journal"],
        &wrong,
    );
    assert_eq!(ran.code, Some(2), "{ran:?}");
    printed.push(ran);
    let ran = upload(
        &[
            "--dry-run",
            "--payload-out",
            "dry.jsonl",
            "--report",
            "dry.csv",
        ],
        &key,
    );
    assert_eq!(ran.code, Some(0), "{ran:?}");
    printed.push(ran);
    let mut validate = cli_command();
    validate
        .arg("validate")
        .arg(&file)
        .args(["--object", "customer-identity", "--auto-map", "--json"])
        .args(["--report", "issues.csv"])
        .current_dir(&work)
        .env("PANGO_IMPORTER_HOME", &home)
        .env("PANGO_API_KEY", &key);
    let ran = run_captured(&mut validate, RUN);
    assert_eq!(ran.code, Some(0), "{ran:?}");
    printed.push(ran);

    if keychain_works {
        // Leave no test key in the user's keychain.
        let mut forget = cli_command();
        forget
            .args(["login", "--profile", PROFILE, "--forget"])
            .env("PANGO_IMPORTER_HOME", &home);
        let ran = run_captured(&mut forget, RUN);
        assert_eq!(ran.code, Some(0), "{ran:?}");
        printed.push(ran);
    }

    assert_eq!(sb.records("customer-identity").len(), 180);
    assert!(sb.stats().auth_requests > logins_so_far);
    sb.shutdown();

    // What the scan covers: everything under the app's home, the working folder
    // and the sandbox's data directory; make sure the files are there to scan.
    let mut scanned = Vec::new();
    for d in [&home, &work, &sandbox_data] {
        scanned.extend(files_under(d));
    }
    for expected in [
        home.join("config/settings.json"),
        home.join("data/history.jsonl"),
        work.join("kh.journal"),
        work.join("other.journal"),
        work.join("result.csv"),
        work.join("refused.csv"),
        work.join("payload.jsonl"),
        work.join("dry.jsonl"),
        work.join("dry.csv"),
        work.join("mapping.json"),
        work.join("issues.csv"),
        sandbox_data.join("customer-identity.jsonl"),
        sandbox_data.join("customer-identity.json"),
    ] {
        assert!(
            scanned.contains(&expected),
            "{} was not written",
            expected.display()
        );
    }
    let history = std::fs::read_to_string(home.join("data/history.jsonl")).unwrap();
    assert_eq!(
        history.lines().count(),
        3,
        "one line per upload:\n{history}"
    );
    assert_eq!(
        read_result_report(&work.join("result.csv")).len(),
        180,
        "the report has every row"
    );
    let payload = std::fs::read_to_string(work.join("payload-first.jsonl")).unwrap();
    assert_eq!(payload.lines().count(), 5, "180 rows in batches of 40");
    let rerun = std::fs::read_to_string(work.join("payload.jsonl")).unwrap();
    assert_eq!(rerun.lines().count(), 0, "the rerun sent nothing");

    for path in &scanned {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in [&key, &wrong] {
            assert!(
                !text.contains(secret.as_str()),
                "{} holds an API key",
                path.display()
            );
        }
        assert_eq!(
            token_shaped(&text),
            None,
            "{} holds something shaped like a login token",
            path.display()
        );
    }
    for ran in &printed {
        for secret in [&key, &wrong] {
            assert!(
                !ran.stdout.contains(secret.as_str()) && !ran.stderr.contains(secret.as_str()),
                "a command printed an API key:\n{}\n{}",
                ran.stdout,
                ran.stderr
            );
        }
        assert_eq!(token_shaped(&ran.stdout), None, "{}", ran.stdout);
        assert_eq!(token_shaped(&ran.stderr), None, "{}", ran.stderr);
    }
}

#[test]
fn the_token_shape_check_finds_a_token() {
    // The scan above is only as good as this detector.
    let token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijkl";
    assert_eq!(token.len(), 48);
    assert_eq!(
        token_shaped(&format!("{{\"token\":\"{token}\"}}")),
        Some(token)
    );
    assert_eq!(token_shaped(&format!("TOKEN: {token}\n")), Some(token));
    assert_eq!(token_shaped("KH00001,Khách 1,0900000001"), None);
    assert_eq!(token_shaped(&format!("{token}x")), None, "49 is not 48");
}
