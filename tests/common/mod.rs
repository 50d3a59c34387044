//! Helpers shared by the integration tests.
#![allow(dead_code)]

use unicode_normalization::UnicodeNormalization;

/// Vietnamese tone marks, which Windows-1258 writes as separate combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Encodes text as Vietnamese Windows writes Windows-1258: each letter's
/// circumflex/breve/horn composed with it (â, ơ, ư …), its tone mark after it as a
/// combining character. Panics if a character cannot be written (a test bug).
pub fn to_windows_1258(text: &str) -> Vec<u8> {
    let mut out = String::new();
    for ch in text.chars() {
        let parts: Vec<char> = ch.to_string().nfd().collect();
        let (tones, rest): (Vec<char>, Vec<char>) = parts.iter().partition(|c| TONES.contains(c));
        out.extend(rest.into_iter().collect::<String>().nfc());
        out.extend(tones);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&out);
    assert!(!unmappable, "cannot write {text:?} in windows-1258");
    bytes.into_owned()
}

pub mod cfb;
pub mod cli;

// ---- Running `pango-importer-cli` as a process (tests/cli_upload.rs, tests/secrets.rs) ----

/// The command-line binary built for these tests.
pub const CLI: &str = env!("CARGO_BIN_EXE_pango-importer-cli");

/// A `pango-importer-cli` command with none of the caller's connection settings,
/// proxies or app folder: what a test sets is all it gets.
pub fn cli_command() -> std::process::Command {
    let mut c = std::process::Command::new(CLI);
    for var in [
        "PANGO_AUTH_URL",
        "PANGO_INGEST_URL",
        "PANGO_USERNAME",
        "PANGO_API_KEY",
        "PANGO_CDP_GKEY",
        "PANGO_IMPORTER_HOME",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        c.env_remove(var);
    }
    c.stdin(std::process::Stdio::null());
    c
}

/// What a finished command printed and how it ended.
#[derive(Debug)]
pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// stdout as the one JSON object `--json` prints.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON object ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Waits for a child, killing it (and failing) after `timeout`.
pub fn finish(mut child: std::process::Child, timeout: std::time::Duration) -> Ran {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "the command did not end within {timeout:?}; stderr:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Starts `cmd` with stdout and stderr captured. A child that fills a pipe
/// blocks, so only use this for commands that print little (`upload` does: its
/// progress line goes to stderr every 5 s when that is not a terminal).
pub fn spawn_captured(cmd: &mut std::process::Command) -> std::process::Child {
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the CLI starts")
}

/// Runs `cmd` to the end (at most `timeout`).
pub fn run_captured(cmd: &mut std::process::Command, timeout: std::time::Duration) -> Ran {
    finish(spawn_captured(cmd), timeout)
}

/// Polls `done` every 10 ms until it holds; false after `timeout`.
pub fn wait_until(timeout: std::time::Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if done() {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A string nobody else uses: `prefix` and 32 hex digits from the std hasher's
/// per-process random keys, the time and the process id.
pub fn unique_secret(prefix: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::from(prefix);
    for round in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(round);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        h.write_u32(std::process::id());
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// A date our checks accept but the sandbox refuses in a custom timestamp: in the
/// first weeks of 1970, its epoch milliseconds look like epoch seconds.
pub const REFUSED_DATE: &str = "05/01/1970";

/// A customer file the auto-mapping understands: `Mã KH,Họ tên,SĐT,Mã lạ`, keys
/// `KH00000`…, the last column holding [`REFUSED_DATE`] on the rows listed in
/// `odd_rows` (0-based).
pub fn write_customers(path: &std::path::Path, n: usize, odd_rows: &[usize]) {
    let mut csv = String::from("Mã KH,Họ tên,SĐT,Mã lạ\n");
    for i in 0..n {
        let odd = if odd_rows.contains(&i) {
            REFUSED_DATE
        } else {
            ""
        };
        csv.push_str(&format!("KH{i:05},Khách {i},09{i:08},{odd}\n"));
    }
    std::fs::write(path, csv).unwrap();
}

/// Every file under `dir` (recursively); none when it does not exist.
pub fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The first run of exactly 48 ASCII letters and digits in `text`: the shape of
/// the tokens the sandbox hands out.
pub fn token_shaped(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_alphanumeric() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end - start == 48 {
            return Some(&text[start..end]);
        }
        start = end;
    }
    None
}

/// Reads the result report (`--report`): its rows as (row, key, status, reason),
/// after checking the UTF-8 byte-order mark and the header.
pub fn read_result_report(path: &std::path::Path) -> Vec<(u32, String, String, String)> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["row", "key", "status", "reason"]
    );
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].parse().unwrap(),
                rec[1].to_string(),
                rec[2].to_string(),
                rec[3].to_string(),
            )
        })
        .collect()
}
