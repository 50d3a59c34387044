//! `pango-importer-cli sandbox`: runs the local stand-in for Pango until Ctrl-C.

use std::path::PathBuf;
use std::time::Duration;

use pango_importer::sandbox::{
    Account, AnswerStyle, AppAccount, FaultKind, Faults, Sandbox, SandboxConfig, documented_limits,
    parse_limits,
};

/// The environment variable holding the API key of `--account`.
pub const KEY_ENV: &str = "PANGO_SANDBOX_KEY";

/// Options of `sandbox`.
#[derive(clap::Args, Debug)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Keep what is received in this directory (<objectType>.jsonl and .json);
    /// without it, memory only.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Token lifetime in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 1800)]
    pub token_lifetime: u64,
    /// No rate limits at all.
    #[arg(long, conflicts_with = "limits")]
    pub no_limits: bool,
    /// Rate windows instead of the documented five, e.g. "50/1s,1000/60s,5000/5m"
    /// (units ms, s, m, h, d).
    #[arg(long, value_name = "LIST")]
    pub limits: Option<String>,
    /// Share of ingest requests that get a fault, 0 to 1.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub fault_rate: f64,
    /// Faults to pick from: 500, 502, 503, drop, slow, stored-500.
    #[arg(
        long,
        value_name = "LIST",
        default_value = "500,502,503,drop,slow,stored-500"
    )]
    pub faults: String,
    /// Seed of the fault dice (same seed, same faults for the same requests).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// How long a "slow" fault waits, in milliseconds.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub slow_ms: u64,
    /// The account to accept instead of the demo one, as USER:GKEY; its API key
    /// is read from the environment variable PANGO_SANDBOX_KEY.
    #[arg(long, value_name = "USER:GKEY")]
    pub account: Option<String>,
    /// How ingest answers where the docs leave it open: plain; header-always (every
    /// answer, 2xx included, carries X-Rate-Limit-Retry-After-Seconds); no-success
    /// (200 bodies without a `success` key).
    #[arg(long, value_name = "STYLE", default_value = "plain")]
    pub answer_style: String,
    /// Answer every login with a 307 redirect to URL (clients must not follow it).
    #[arg(long, value_name = "URL")]
    pub login_redirect: Option<String>,
    /// Answer every ingest request with a 307 redirect to URL.
    #[arg(long, value_name = "URL")]
    pub ingest_redirect: Option<String>,
    /// Refuse every ingest request, whatever its entries, with 400 and MESSAGE.
    #[arg(long, value_name = "MESSAGE")]
    pub refuse_all: Option<String>,
}

/// Builds the server's configuration from the options (and PANGO_SANDBOX_KEY).
pub fn config(a: &SandboxArgs) -> Result<SandboxConfig, String> {
    let limits = match (&a.limits, a.no_limits) {
        (_, true) => Vec::new(),
        (Some(text), false) => parse_limits(text)?,
        (None, false) => documented_limits(),
    };
    if !(0.0..=1.0).contains(&a.fault_rate) {
        return Err(format!(
            "--fault-rate must be between 0 and 1, got {}",
            a.fault_rate
        ));
    }
    let kinds = FaultKind::parse_list(&a.faults)?;
    if a.fault_rate > 0.0 && kinds.is_empty() {
        return Err("--faults lists no fault".to_owned());
    }
    if a.token_lifetime == 0 {
        return Err("--token-lifetime must be at least 1 second".to_owned());
    }
    let account = match &a.account {
        None => Account::demo(),
        Some(spec) => {
            let (username, gkey) = spec
                .split_once(':')
                .filter(|(u, g)| !u.is_empty() && !g.is_empty())
                .ok_or_else(|| format!("--account must be USER:GKEY, got {spec:?}"))?;
            let api_key = std::env::var(KEY_ENV)
                .ok()
                .filter(|k| !k.is_empty())
                .ok_or_else(|| format!("--account needs its API key in {KEY_ENV}"))?;
            Account {
                username: username.to_owned(),
                api_key,
                cdp_gkey: gkey.to_owned(),
            }
        }
    };
    Ok(SandboxConfig {
        port: a.port,
        data_dir: a.data_dir.clone(),
        accounts: vec![account],
        apps: vec![AppAccount::demo()],
        token_lifetime: Duration::from_secs(a.token_lifetime),
        limits,
        faults: Faults {
            rate: a.fault_rate,
            kinds,
            seed: a.seed,
            slow: Duration::from_millis(a.slow_ms),
        },
        answer_style: AnswerStyle::parse(&a.answer_style)?,
        login_redirect: a.login_redirect.clone(),
        ingest_redirect: a.ingest_redirect.clone(),
        refuse_all: a.refuse_all.clone(),
    })
}

/// Starts the sandbox, prints how to reach it, and runs until Ctrl-C.
pub fn run(a: &SandboxArgs) -> Result<u8, String> {
    let config = config(a)?;
    let account = config.accounts[0].clone();
    let is_demo = account == Account::demo();
    let limits = describe_limits(&config);
    let faults = describe_faults(&config.faults);
    let data_dir = config.data_dir.clone();
    let sandbox = Sandbox::start(config)
        .map_err(|e| format!("cannot start the sandbox on 127.0.0.1:{}: {e}", a.port))?;

    println!("Pango sandbox listening on {}", sandbox.base_url());
    println!("  auth URL:   {}", sandbox.auth_url());
    println!("  ingest URL: {}", sandbox.ingest_url());
    println!("  username:   {}", account.username);
    println!("  cdpGKey:    {}", account.cdp_gkey);
    if is_demo {
        println!(
            "  API key:    {} (the public demo key, also in the README)",
            account.api_key
        );
    } else {
        println!("  API key:    the one in {KEY_ENV}");
    }
    match &data_dir {
        Some(dir) => println!("  data dir:   {}", dir.display()),
        None => println!("  data dir:   none (memory only)"),
    }
    let app = AppAccount::demo();
    println!(
        "  auth-app:   {} and {} (observed, not documented): appId {}, account {}, refresh token {}",
        sandbox.auth_app_url(&app.org_id),
        sandbox.ingest_v2_url(),
        app.app_id,
        app.account,
        app.refresh_token
    );
    println!("  limits:     {limits}");
    println!("  faults:     {faults}");
    println!();
    println!("Point the importer at it:");
    println!("  PANGO_AUTH_URL={}", sandbox.auth_url());
    println!("  PANGO_INGEST_URL={}", sandbox.ingest_url());
    println!("  PANGO_USERNAME={}", account.username);
    println!("  PANGO_CDP_GKEY={}", account.cdp_gkey);
    if is_demo {
        println!("  PANGO_API_KEY={}", account.api_key);
    }
    println!();
    println!("Press Ctrl-C to stop.");

    wait_for_ctrl_c()?;
    let stats = sandbox.stats();
    sandbox.shutdown();
    println!();
    println!(
        "Stopped. {} login(s), {} ingest request(s): {} batch(es) stored ({} entries), \
         {} refused, {} rate-limited, {} unauthorized, {} fault(s) injected.",
        stats.auth_requests,
        stats.ingest_requests,
        stats.accepted_batches,
        stats.entries_stored,
        stats.rejected_batches,
        stats.rate_limited,
        stats.unauthorized,
        stats.faults_injected
    );
    Ok(0)
}

fn wait_for_ctrl_c() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
    runtime
        .block_on(tokio::signal::ctrl_c())
        .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))
}

fn describe_limits(config: &SandboxConfig) -> String {
    if config.limits.is_empty() {
        return "none".to_owned();
    }
    let list: Vec<String> = config.limits.iter().map(ToString::to_string).collect();
    list.join(", ")
}

fn describe_faults(faults: &Faults) -> String {
    if faults.rate <= 0.0 || faults.kinds.is_empty() {
        return "none".to_owned();
    }
    let kinds: Vec<&str> = faults.kinds.iter().map(|k| k.name()).collect();
    format!(
        "{}% of ingest requests, from {} (seed {}, slow = {} ms)",
        faults.rate * 100.0,
        kinds.join(", "),
        faults.seed,
        faults.slow.as_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: SandboxArgs,
    }

    fn parse(args: &[&str]) -> SandboxArgs {
        let mut all = vec!["sandbox"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).unwrap().args
    }

    #[test]
    fn defaults() {
        let config = config(&parse(&[])).unwrap();
        assert_eq!(config.port, 8787);
        assert_eq!(config.limits, documented_limits());
        assert_eq!(config.accounts, [Account::demo()]);
        assert_eq!(config.token_lifetime, Duration::from_secs(1800));
        assert_eq!(config.faults.rate, 0.0);
        assert_eq!(describe_faults(&config.faults), "none");
    }

    #[test]
    fn options() {
        let a = parse(&[
            "--port",
            "0",
            "--limits",
            "5/200ms,20/1s",
            "--fault-rate",
            "0.1",
            "--faults",
            "500,drop",
            "--seed",
            "7",
            "--slow-ms",
            "50",
            "--token-lifetime",
            "3",
        ]);
        let config = config(&a).unwrap();
        assert_eq!(describe_limits(&config), "5/200ms, 20/1s");
        assert_eq!(config.faults.kinds, [FaultKind::Status500, FaultKind::Drop]);
        assert_eq!(config.faults.seed, 7);
        assert_eq!(config.token_lifetime, Duration::from_secs(3));
        assert!(describe_faults(&config.faults).starts_with("10% of ingest requests"));
        assert!(
            super::config(&parse(&["--no-limits"]))
                .unwrap()
                .limits
                .is_empty()
        );
        assert!(Cli::try_parse_from(["sandbox", "--no-limits", "--limits", "1/1s"]).is_err());
        for bad in [
            &["--fault-rate", "2"][..],
            &["--faults", "404"],
            &["--limits", "fast"],
            &["--account", "nogkey"],
            &["--answer-style", "sometimes"],
        ] {
            assert!(super::config(&parse(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn answer_styles_redirects_and_refusals() {
        let config = config(&parse(&[
            "--answer-style",
            "header-always",
            "--login-redirect",
            "http://127.0.0.1:9/elsewhere",
            "--refuse-all",
            "Organization is locked",
        ]))
        .unwrap();
        assert_eq!(config.answer_style, AnswerStyle::HeaderAlways);
        assert_eq!(
            config.login_redirect.as_deref(),
            Some("http://127.0.0.1:9/elsewhere")
        );
        assert_eq!(config.refuse_all.as_deref(), Some("Organization is locked"));
        let plain = config_of(&[]);
        assert_eq!(plain.answer_style, AnswerStyle::Plain);
        assert_eq!(
            config_of(&["--answer-style", "no-success"]).answer_style,
            AnswerStyle::NoSuccess
        );
        assert_eq!(plain.apps, [AppAccount::demo()]);
    }

    fn config_of(args: &[&str]) -> SandboxConfig {
        config(&parse(args)).unwrap()
    }
}
