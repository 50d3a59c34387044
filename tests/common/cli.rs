//! Running the real `pango-importer-cli` binary on files the tests write.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// What one run of the command line produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `validate FILE --object customer-identity --mapping MAP --json`.
pub fn validate_mapped(path: &Path, map: &Path) -> Run {
    cli([
        "validate",
        arg(path),
        "--object",
        "customer-identity",
        "--mapping",
        arg(map),
        "--json",
    ])
}

/// Runs `pango-importer-cli` with `args`. Fails the test if it was killed or panicked.
pub fn cli<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_pango-importer-cli"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the CLI binary runs");
    let run = Run {
        code: out.status.code().expect("the CLI exited by itself"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "the CLI panicked: {}",
        run.stderr
    );
    run
}

impl Run {
    /// stdout as exactly one JSON object (nothing else on stdout).
    pub fn json(&self) -> Value {
        let v: Value = serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON object ({e}):\n{}\nstderr: {}",
                self.stdout, self.stderr
            )
        });
        assert!(v.is_object(), "{v}");
        v
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code; stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Writes `bytes` to `dir/name`.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The keys of `validate --json` (design.md §3).
pub const VALIDATE_KEYS: [&str; 6] = [
    "rows",
    "valid",
    "invalid",
    "mapping",
    "issues_total",
    "issues",
];

/// Asserts that the object `v` has every key of `keys` (the contract's names).
pub fn assert_keys(v: &Value, keys: &[&str]) {
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"));
    for k in keys {
        assert!(obj.contains_key(*k), "key '{k}' missing in {v}");
    }
}

/// The request bodies written by `--payload-out`, one per line.
pub fn payloads(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Every entry of every request body, in order.
pub fn entries(bodies: &[Value]) -> Vec<Value> {
    bodies
        .iter()
        .flat_map(|b| b["entries"].as_array().unwrap().clone())
        .collect()
}

/// Standalone upper-case words of `text` (column letters such as `C`).
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Checks an exit-2 failure: the exit code, the file named on stderr, and with
/// `--json` the `{"error": {message, file, row?, column?}}` object (nothing else)
/// on stdout. Returns the message.
pub fn expect_file_error(run: &Run, file: &Path, row: Option<u32>) -> String {
    run.expect_code(2);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        run.stderr.contains(&name),
        "stderr does not name {name}: {}",
        run.stderr
    );
    let v = run.json();
    let obj = v.as_object().unwrap();
    assert_eq!(obj.len(), 1, "{v}");
    let err = v["error"]
        .as_object()
        .unwrap_or_else(|| panic!("no error object: {v}"));
    for k in err.keys() {
        assert!(
            ["message", "file", "row", "column"].contains(&k.as_str()),
            "unexpected key '{k}' in {v}"
        );
    }
    let message = err["message"].as_str().expect("a message").to_string();
    assert!(
        message.contains(&name),
        "message does not name {name}: {message}"
    );
    assert_eq!(err["file"], file.display().to_string(), "{v}");
    assert_eq!(
        err.get("row").and_then(Value::as_u64),
        row.map(u64::from),
        "{v}"
    );
    message
}

/// A path as a command-line argument (the tests' temporary paths are UTF-8).
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}
