//! E-mail addresses: a syntax check, and the domain lower-cased.

use std::borrow::Cow;

use crate::convert::Problem;

/// Longest local part (RFC 5321).
const MAX_LOCAL: usize = 64;
/// Longest domain name (RFC 1035, without the final dot).
const MAX_DOMAIN: usize = 253;
/// Longest label of a domain name.
const MAX_LABEL: usize = 63;

/// Syntactically valid address with a dotted domain (labels of letters/digits/hyphens, not starting or
/// ending with '-', TLD ≥ 2 letters); local part kept exactly as written (dot-atom characters; no spaces,
/// no consecutive/leading/trailing dots); domain lower-cased. Borrowed when unchanged.
/// Only syntax is checked (no guessing at typos such as "gmial.com"). Err(Problem::InvalidEmail).
///
/// `raw` is trimmed and non-empty.
pub fn normalize_email(raw: &str) -> Result<Cow<'_, str>, Problem> {
    let bytes = raw.as_bytes();
    let at = memchr::memchr(b'@', bytes).ok_or(Problem::InvalidEmail)?;
    let (local, domain) = (&bytes[..at], &bytes[at + 1..]);
    if !valid_local(local) || !valid_domain(domain) {
        return Err(Problem::InvalidEmail);
    }
    if domain.iter().any(u8::is_ascii_uppercase) {
        // Everything is ASCII here: both parts were checked byte by byte.
        let mut out = String::with_capacity(raw.len());
        out.push_str(&raw[..=at]);
        out.extend(domain.iter().map(|b| b.to_ascii_lowercase() as char));
        Ok(Cow::Owned(out))
    } else {
        Ok(Cow::Borrowed(raw))
    }
}

/// A dot-atom: atext characters in runs separated by single dots.
fn valid_local(local: &[u8]) -> bool {
    if local.is_empty() || local.len() > MAX_LOCAL {
        return false;
    }
    if local[0] == b'.' || local[local.len() - 1] == b'.' {
        return false;
    }
    let mut prev_dot = false;
    for &b in local {
        if b == b'.' {
            if prev_dot {
                return false;
            }
            prev_dot = true;
        } else if is_atext(b) {
            prev_dot = false;
        } else {
            return false;
        }
    }
    true
}

/// RFC 5322 `atext`.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'/'
                | b'='
                | b'?'
                | b'^'
                | b'_'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'~'
        )
}

/// At least two labels of letters/digits/hyphens (not at either end of a label),
/// the last one (TLD) of two or more letters.
fn valid_domain(domain: &[u8]) -> bool {
    if domain.is_empty() || domain.len() > MAX_DOMAIN {
        return false;
    }
    let mut labels = 0usize;
    let mut last: &[u8] = &[];
    for label in domain.split(|&b| b == b'.') {
        if label.is_empty() || label.len() > MAX_LABEL {
            return false;
        }
        if label[0] == b'-' || label[label.len() - 1] == b'-' {
            return false;
        }
        if !label
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        normalize_email(s)
            .unwrap_or_else(|e| panic!("{s}: {e:?}"))
            .into_owned()
    }

    #[test]
    fn valid_addresses_are_borrowed_when_unchanged() {
        for s in [
            "a@b.co",
            "nguyen.van.a@gmail.com",
            "first+tag@sub.example.vn",
            "x_y-z@my-domain.com.vn",
            "o'brien@example.ie",
            "user!#$%&'*+/=?^_`{|}~-@example.org",
            "123@456.info",
            "a@xn--80ak6aa92e.com",
        ] {
            let got = normalize_email(s).unwrap();
            assert!(matches!(got, Cow::Borrowed(_)), "{s}");
            assert_eq!(got, s);
        }
    }

    #[test]
    fn domain_is_lower_cased_local_part_kept() {
        assert_eq!(ok("Nguyen.Van.A@GMAIL.COM"), "Nguyen.Van.A@gmail.com");
        assert_eq!(ok("ABC@Example.Com.VN"), "ABC@example.com.vn");
        assert!(matches!(
            normalize_email("ABC@example.com").unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn invalid_addresses() {
        for s in [
            "plainaddress",
            "@example.com",
            "user@",
            "user@localhost",
            "user@example",
            "user@example.c",
            "user@example.c0m",
            "user@example.123",
            "user@@example.com",
            "us@er@example.com",
            "user name@example.com",
            "user@exa mple.com",
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "user@.example.com",
            "user@example.com.",
            "user@example..com",
            "user@-example.com",
            "user@example-.com",
            "user@exa_mple.com",
            "user@example.com>",
            "<user@example.com>",
            "\"quoted\"@example.com",
            "user(comment)@example.com",
            "nguyễn@example.com",
            "user@việtnam.vn",
            "user@example.com,other@example.com",
            "user@example.com;",
            "user,@example.com",
            "user@[127.0.0.1]",
        ] {
            assert_eq!(normalize_email(s), Err(Problem::InvalidEmail), "{s}");
        }
    }

    #[test]
    fn lengths() {
        let local = "a".repeat(64);
        assert!(normalize_email(&format!("{local}@example.com")).is_ok());
        let local = "a".repeat(65);
        assert!(normalize_email(&format!("{local}@example.com")).is_err());
        let label = "b".repeat(63);
        assert!(normalize_email(&format!("a@{label}.com")).is_ok());
        let label = "b".repeat(64);
        assert!(normalize_email(&format!("a@{label}.com")).is_err());
        let long_domain = format!("{}com", "abcdefghi.".repeat(26));
        assert!(long_domain.len() > 253);
        assert!(normalize_email(&format!("a@{long_domain}")).is_err());
    }
}
