//! Which endpoint URLs the app will send an API key to.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Accepts `https://` URLs, and plain `http://` only for this computer (loopback:
/// 127.0.0.0/8, `localhost`, `[::1]`), where the sandbox runs. Anything else is
/// refused with a sentence saying why (the key would travel unencrypted, or the text
/// is not a usable URL). The message never repeats the URL.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("the URL is empty".to_string());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the URL contains spaces or control characters".to_string());
    }
    let lower = url.to_ascii_lowercase();
    let (secure, rest) = if lower.starts_with("https://") {
        (true, &url["https://".len()..])
    } else if lower.starts_with("http://") {
        (false, &url["http://".len()..])
    } else if let Some(i) = url.find("://") {
        return Err(format!(
            "the scheme {}:// is not allowed: use https://",
            &url[..i]
        ));
    } else {
        return Err("this is not a URL: it must start with https://".to_string());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(
            "the URL must not hold a user name or password (give them in the profile)".to_string(),
        );
    }
    let (host, port) = split_host_port(authority)?;
    if let Some(port) = port {
        match port.parse::<u16>() {
            Ok(p) if p > 0 => {}
            _ => return Err("the port is not a number from 1 to 65535".to_string()),
        }
    }
    let loopback = match Host::parse(host)? {
        Host::V4(ip) => ip.is_loopback(),
        Host::V6(ip) => ip.is_loopback(),
        Host::Name(name) => name.eq_ignore_ascii_case("localhost"),
    };
    if secure || loopback {
        Ok(())
    } else {
        Err(
            "plain http:// is allowed only for this computer (127.0.0.1, localhost, [::1]): \
             the API key would travel unencrypted; use https://"
                .to_string(),
        )
    }
}

enum Host<'a> {
    V4(Ipv4Addr),
    V6(Ipv6Addr),
    Name(&'a str),
}

impl<'a> Host<'a> {
    fn parse(host: &'a str) -> Result<Self, String> {
        if let Some(inner) = host.strip_prefix('[') {
            let inner = inner.strip_suffix(']').unwrap_or(inner);
            return inner
                .parse::<Ipv6Addr>()
                .map(Host::V6)
                .map_err(|_| "the IPv6 address in brackets is not valid".to_string());
        }
        if let Ok(ip) = host.parse::<Ipv4Addr>() {
            return Ok(Host::V4(ip));
        }
        let valid_label = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        let name = host.strip_suffix('.').unwrap_or(host);
        if name.len() > 253 || !name.split('.').all(valid_label) {
            return Err("the host name is not valid".to_string());
        }
        // A dotted all-digit name that is not an IPv4 address (e.g. 999.1.1.1).
        if name
            .split('.')
            .all(|l| l.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err("the IP address is not valid".to_string());
        }
        Ok(Host::Name(name))
    }
}

fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), String> {
    if authority.is_empty() {
        return Err("the URL has no host".to_string());
    }
    if authority.starts_with('[') {
        let end = authority
            .find(']')
            .ok_or_else(|| "the IPv6 address has no closing ]".to_string())?;
        let (host, after) = authority.split_at(end + 1);
        return match after.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if after.is_empty() => Ok((host, None)),
            None => Err("unexpected text after the IPv6 address".to_string()),
        };
    }
    match authority.split_once(':') {
        Some((host, port)) if !host.is_empty() => Ok((host, Some(port))),
        Some(_) => Err("the URL has no host".to_string()),
        None => Ok((authority, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn accepted() {
        for url in [
            "https://account.mydatalakes.com/api/accounts/authen",
            "HTTPS://svc.mydatalakes.com/dhub-i/api/v1.0/ingest",
            "https://example.com:8443/x?y=1",
            "https://10.0.0.5/ingest",
            "http://127.0.0.1:8787/api/accounts/authen",
            "http://127.1.2.3/x",
            "http://localhost",
            "http://LOCALHOST:9000/x",
            "http://[::1]:8787/x",
            "http://[::1]",
        ] {
            assert_eq!(check_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn refused_with_a_reason() {
        let cases = [
            ("http://10.0.0.5/ingest", "unencrypted"),
            ("http://example.com", "unencrypted"),
            ("http://127.0.0.1.evil.com/", "unencrypted"),
            ("http://localhost.evil.com/", "unencrypted"),
            ("http://[::2]/", "unencrypted"),
            ("ftp://example.com/", "ftp://"),
            ("example.com/ingest", "not a URL"),
            ("not a url", "spaces"),
            ("", "empty"),
            ("https://", "no host"),
            ("https://:8080/", "no host"),
            ("https://user:pw@example.com/", "password"),
            ("https://example.com:99999/", "port"),
            ("https://example.com:abc/", "port"),
            ("https://exa_mple.com/", "host name"),
            ("http://999.1.1.1/", "IP address"),
            ("http://[::1/", "closing"),
        ];
        for (url, why) in cases {
            let err = check_url(url).expect_err(url);
            assert!(err.contains(why), "{url}: {err}");
            assert!(url.len() < 8 || !err.contains(url), "{url}: {err}");
        }
    }
}
