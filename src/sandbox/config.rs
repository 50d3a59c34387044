//! What a sandbox is started with: accounts, rate windows, token lifetime, faults.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// A login the sandbox accepts. `Debug` never shows the API key.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    pub username: String,
    pub api_key: String,
    /// The organization key (`cdpGKey`).
    pub cdp_gkey: String,
}

impl Account {
    /// The public demo account (its key is printed by `sandbox` and written in the README).
    pub fn demo() -> Account {
        Account {
            username: "demo".to_owned(),
            api_key: "sandbox-demo-key".to_owned(),
            cdp_gkey: "0123456789abcdef0123456789abcdef".to_owned(),
        }
    }
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("username", &self.username)
            .field("api_key", &"<redacted>")
            .field("cdp_gkey", &self.cdp_gkey)
            .finish()
    }
}

/// An auth-app login the sandbox accepts (the flow observed in public code,
/// pango-api.md §1.3). `Debug` never shows the refresh token.
#[derive(Clone, PartialEq, Eq)]
pub struct AppAccount {
    pub org_id: String,
    pub app_id: String,
    pub account: String,
    pub refresh_token: String,
}

impl AppAccount {
    /// The public demo app (same organisation as the demo account).
    pub fn demo() -> AppAccount {
        AppAccount {
            org_id: crate::profile::SANDBOX_CDP_GKEY.to_owned(),
            app_id: crate::profile::SANDBOX_APP_ID.to_owned(),
            account: crate::profile::SANDBOX_APP_ACCOUNT.to_owned(),
            refresh_token: crate::profile::SANDBOX_DEMO_REFRESH_TOKEN.to_owned(),
        }
    }
}

impl fmt::Debug for AppAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppAccount")
            .field("org_id", &self.org_id)
            .field("app_id", &self.app_id)
            .field("account", &self.account)
            .field("refresh_token", &"<redacted>")
            .finish()
    }
}

/// At most `max` ingest requests in any `window` (a sliding window).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub window: Duration,
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.window.as_millis();
        let (per, unit) = [
            (86_400_000, "d"),
            (3_600_000, "h"),
            (60_000, "m"),
            (1000, "s"),
        ]
        .into_iter()
        .find(|&(per, _)| ms.is_multiple_of(per))
        .unwrap_or((1, "ms"));
        let n = ms / per;
        write!(f, "{}/{n}{unit}", self.max)
    }
}

/// The five windows of pango-api.md §2.4.
pub fn documented_limits() -> Vec<RateLimit> {
    [
        (50, 1),
        (1_000, 60),
        (5_000, 300),
        (50_000, 3_600),
        (400_000, 86_400),
    ]
    .into_iter()
    .map(|(max, secs)| RateLimit {
        max,
        window: Duration::from_secs(secs),
    })
    .collect()
}

/// Parses `"50/1s,1000/60s,5000/5m"`: `MAX/NUMBER UNIT` with unit `ms`, `s`, `m`, `h` or `d`.
pub fn parse_limits(text: &str) -> Result<Vec<RateLimit>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let bad = || format!("bad rate limit {part:?}: write it as MAX/WINDOW, e.g. 50/1s");
            let (max, window) = part.split_once('/').ok_or_else(bad)?;
            let max: u32 = max.trim().parse().map_err(|_| bad())?;
            let window = parse_duration(window.trim()).ok_or_else(bad)?;
            if max == 0 || window.is_zero() {
                return Err(bad());
            }
            Ok(RateLimit { max, window })
        })
        .collect()
}

/// `250ms`, `1s`, `5m`, `1h`, `1d` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let n: u64 = digits.parse().ok()?;
    let ms_per = match unit.trim() {
        "ms" => 1,
        "" | "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return None,
    };
    Some(Duration::from_millis(n.checked_mul(ms_per)?))
}

/// A fault the sandbox can inject into an ingest request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// HTTP 500 with a JSON error; nothing stored.
    Status500,
    /// HTTP 502; nothing stored.
    Status502,
    /// HTTP 503; nothing stored.
    Status503,
    /// The connection is closed with no answer; nothing stored.
    Drop,
    /// The answer comes after [`Faults::slow`]; handled normally otherwise.
    Slow,
    /// The batch is stored, then the answer is HTTP 500.
    StoredThen500,
}

impl FaultKind {
    pub const ALL: [FaultKind; 6] = [
        FaultKind::Status500,
        FaultKind::Status502,
        FaultKind::Status503,
        FaultKind::Drop,
        FaultKind::Slow,
        FaultKind::StoredThen500,
    ];

    /// The name used on the command line: `500`, `502`, `503`, `drop`, `slow`, `stored-500`.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Status500 => "500",
            FaultKind::Status502 => "502",
            FaultKind::Status503 => "503",
            FaultKind::Drop => "drop",
            FaultKind::Slow => "slow",
            FaultKind::StoredThen500 => "stored-500",
        }
    }

    pub fn parse(name: &str) -> Option<FaultKind> {
        let name = name.trim().to_ascii_lowercase();
        FaultKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Parses a comma-separated list such as `500,502,drop,stored-500`.
    pub fn parse_list(text: &str) -> Result<Vec<FaultKind>, String> {
        text.split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                FaultKind::parse(s).ok_or_else(|| {
                    format!(
                        "unknown fault {:?}: use 500, 502, 503, drop, slow or stored-500",
                        s.trim()
                    )
                })
            })
            .collect()
    }
}

/// Fault injection: each ingest request that passes the rate and auth checks is
/// faulty with probability `rate`, the kind picked evenly from `kinds`. The draws
/// come from a generator seeded with `seed`, so a seed and an order of requests
/// always give the same faults.
#[derive(Clone, Debug, PartialEq)]
pub struct Faults {
    /// Share of ingest requests, 0..=1.
    pub rate: f64,
    pub kinds: Vec<FaultKind>,
    pub seed: u64,
    /// How long a [`FaultKind::Slow`] answer waits.
    pub slow: Duration,
}

impl Faults {
    /// No faults.
    pub fn none() -> Faults {
        Faults {
            rate: 0.0,
            kinds: FaultKind::ALL.to_vec(),
            seed: 1,
            slow: Duration::from_secs(2),
        }
    }

    /// The faults the first `n` eligible requests will get (what the server will do).
    pub fn plan(&self, n: usize) -> Vec<Option<FaultKind>> {
        let mut dice = super::faults::FaultDice::new(self);
        (0..n).map(|_| dice.roll()).collect()
    }
}

impl Default for Faults {
    fn default() -> Self {
        Faults::none()
    }
}

/// How the sandbox answers where the docs leave the answer open (pango-api.md §9 q4–5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AnswerStyle {
    /// 200 `{"success":true,"requestId"}`; the retry-after header only on a 429.
    #[default]
    Plain,
    /// Every ingest answer, 2xx included, carries `X-Rate-Limit-Retry-After-Seconds`.
    HeaderAlways,
    /// 200 bodies carry no `success` key: `{"requestId":"…"}`.
    NoSuccess,
}

impl AnswerStyle {
    /// The name used on the command line: `plain`, `header-always`, `no-success`.
    pub fn name(self) -> &'static str {
        match self {
            AnswerStyle::Plain => "plain",
            AnswerStyle::HeaderAlways => "header-always",
            AnswerStyle::NoSuccess => "no-success",
        }
    }

    pub fn parse(name: &str) -> Result<AnswerStyle, String> {
        [
            AnswerStyle::Plain,
            AnswerStyle::HeaderAlways,
            AnswerStyle::NoSuccess,
        ]
        .into_iter()
        .find(|s| s.name() == name.trim())
        .ok_or_else(|| {
            format!("unknown answer style {name:?}: use plain, header-always or no-success")
        })
    }
}

/// How to run a sandbox. `Default` gives a free port, memory only, the demo
/// account, 1800 s tokens, the documented limits and no faults.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// 0 = a free port.
    pub port: u16,
    /// Where to keep what was received; `None` = memory only.
    pub data_dir: Option<PathBuf>,
    pub accounts: Vec<Account>,
    /// Logins of the auth-app flow.
    pub apps: Vec<AppAccount>,
    pub token_lifetime: Duration,
    /// Empty = no limits.
    pub limits: Vec<RateLimit>,
    pub faults: Faults,
    pub answer_style: AnswerStyle,
    /// Answer every login with `307 Temporary Redirect` to this URL (a client must not
    /// follow it: the body holds the API key).
    pub login_redirect: Option<String>,
    /// Answer every ingest request with `307` to this URL (another origin, for tests).
    pub ingest_redirect: Option<String>,
    /// Refuse every ingest request, whatever its entries, with 400 and this message
    /// (a refusal of the envelope).
    pub refuse_all: Option<String>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            port: 0,
            data_dir: None,
            accounts: vec![Account::demo()],
            apps: vec![AppAccount::demo()],
            token_lifetime: Duration::from_secs(1800),
            limits: documented_limits(),
            faults: Faults::none(),
            answer_style: AnswerStyle::Plain,
            login_redirect: None,
            ingest_redirect: None,
            refuse_all: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_key() {
        let text = format!("{:?}", Account::demo());
        assert!(!text.contains("sandbox-demo-key"), "{text}");
        assert!(text.contains("demo"));
    }

    #[test]
    fn limits_parse_and_print() {
        let limits = parse_limits("50/1s, 1000/60s,5000/5m,50000/1h,400000/1d").unwrap();
        assert_eq!(limits, documented_limits());
        let text: Vec<String> = limits.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            ["50/1s", "1000/1m", "5000/5m", "50000/1h", "400000/1d"]
        );
        assert_eq!(
            parse_limits("5/200ms").unwrap(),
            [RateLimit {
                max: 5,
                window: Duration::from_millis(200)
            }]
        );
        for bad in ["5", "x/1s", "5/1y", "0/1s", "5/0s", "5/"] {
            assert!(parse_limits(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fault_names_round_trip() {
        for kind in FaultKind::ALL {
            assert_eq!(FaultKind::parse(kind.name()), Some(kind));
        }
        assert_eq!(
            FaultKind::parse_list("500, drop,STORED-500").unwrap(),
            [
                FaultKind::Status500,
                FaultKind::Drop,
                FaultKind::StoredThen500
            ]
        );
        assert!(FaultKind::parse_list("404").is_err());
    }
}
