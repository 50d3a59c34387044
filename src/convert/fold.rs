//! Folding words for matching without regard to case or accents: headers to field
//! synonyms, enumeration values, yes/no words.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::convert::Problem;
use crate::schema::EnumDef;

/// Lower-case, Vietnamese/Latin accents removed (đ/Đ → d, ư → u, ơ → o, …, also on NFD input),
/// every run of non-alphanumeric characters → one space, trimmed. "Số điện thoại" → "so dien thoai",
/// "SĐT" → "sdt", "Mã_KH (*)" → "ma kh", "customer-ID" → "customer id".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses; `out` is cleared first.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    fold_each(s, |c| {
        out.push(c);
        true
    });
}

/// The documented value of an enumerated field: a documented value matched without regard to
/// case/accents ("MALE", "Female"), or an alias (aliases are stored folded: ("nu", "female")).
pub fn match_enum(raw: &str, def: &'static EnumDef) -> Result<&'static str, Problem> {
    // Exact spelling first: the common case costs one comparison per value.
    if let Some(v) = def.values.iter().find(|v| **v == raw) {
        return Ok(v);
    }
    let mut buf = SmallFold::new();
    buf.fill(raw);
    let folded = buf.as_str();
    if !folded.is_empty() {
        if let Some(v) = def.values.iter().find(|v| folds_to(v, folded)) {
            return Ok(v);
        }
        if let Some((_, v)) = def.aliases.iter().find(|(a, _)| folds_to(a, folded)) {
            return Ok(v);
        }
    }
    Err(Problem::NotInList {
        allowed: def.values.join(", "),
    })
}

/// Whether `fold(s) == folded`, without allocating.
pub(crate) fn folds_to(s: &str, folded: &str) -> bool {
    let mut rest = folded.chars();
    let complete = fold_each(s, |c| rest.next() == Some(c));
    complete && rest.next().is_none()
}

/// The folded text of a short value on the stack; longer values spill to the heap.
pub(crate) struct SmallFold {
    buf: [u8; 64],
    len: usize,
    heap: Option<String>,
}

impl SmallFold {
    pub(crate) fn new() -> Self {
        SmallFold {
            buf: [0; 64],
            len: 0,
            heap: None,
        }
    }

    pub(crate) fn fill(&mut self, s: &str) {
        self.len = 0;
        self.heap = None;
        let mut overflow = false;
        fold_each(s, |c| {
            let mut tmp = [0u8; 4];
            let enc = c.encode_utf8(&mut tmp).as_bytes();
            if self.len + enc.len() > self.buf.len() {
                overflow = true;
                return false;
            }
            self.buf[self.len..self.len + enc.len()].copy_from_slice(enc);
            self.len += enc.len();
            true
        });
        if overflow {
            self.heap = Some(fold(s));
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match &self.heap {
            Some(h) => h,
            // Only whole UTF-8 encodings of chars are ever copied into `buf`.
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""),
        }
    }
}

/// Calls `emit` with each character of the folded text, in order; stops (returning
/// false) as soon as `emit` returns false.
pub(crate) fn fold_each(s: &str, mut emit: impl FnMut(char) -> bool) -> bool {
    let mut st = State {
        started: false,
        pending_space: false,
    };
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            // `i` is a char boundary: everything before it is ASCII.
            return fold_slow(&s[i..], st, emit);
        }
        if b.is_ascii_alphanumeric() {
            if !st.push(b.to_ascii_lowercase() as char, &mut emit) {
                return false;
            }
        } else {
            st.pending_space = true;
        }
    }
    true
}

struct State {
    started: bool,
    pending_space: bool,
}

impl State {
    #[inline]
    fn push(&mut self, c: char, emit: &mut impl FnMut(char) -> bool) -> bool {
        if self.pending_space && self.started && !emit(' ') {
            return false;
        }
        self.pending_space = false;
        self.started = true;
        emit(c)
    }

    /// One base character (already without its marks): lower-cased, then kept or
    /// turned into a separator.
    fn base(&mut self, c: char, emit: &mut impl FnMut(char) -> bool) -> bool {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                return self.push(c.to_ascii_lowercase(), emit);
            }
            self.pending_space = true;
            return true;
        }
        match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => return self.push('d', emit),
            'ø' | 'Ø' => return self.push('o', emit),
            'ł' | 'Ł' => return self.push('l', emit),
            'ß' => return self.push('s', emit) && self.push('s', emit),
            'æ' | 'Æ' => return self.push('a', emit) && self.push('e', emit),
            _ => {}
        }
        if !c.is_alphanumeric() {
            self.pending_space = true;
            return true;
        }
        for l in c.to_lowercase() {
            if !self.push(l, emit) {
                return false;
            }
        }
        true
    }
}

/// The general path, taken from the first non-ASCII character on, continuing the
/// state of the ASCII prefix.
fn fold_slow(rest: &str, mut st: State, mut emit: impl FnMut(char) -> bool) -> bool {
    for c in rest.chars() {
        if c.is_ascii() {
            if !st.base(c, &mut emit) {
                return false;
            }
            continue;
        }
        if is_combining_mark(c) {
            // A mark of NFD text (or a stray one): accents are dropped.
            continue;
        }
        let mut ok = true;
        let mut any = false;
        decompose_canonical(c, |d| {
            any = true;
            if ok && !is_combining_mark(d) {
                ok = st.base(d, &mut emit);
            }
        });
        if !any {
            ok = st.base(c, &mut emit);
        }
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{GENDER, RECORD_STATUS, YES_NO};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn examples_from_the_contract() {
        assert_eq!(fold("Số điện thoại"), "so dien thoai");
        assert_eq!(fold("SĐT"), "sdt");
        assert_eq!(fold("Mã_KH (*)"), "ma kh");
        assert_eq!(fold("customer-ID"), "customer id");
    }

    #[test]
    fn ascii_only() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("   "), "");
        assert_eq!(fold("***"), "");
        assert_eq!(fold("  Full  Name  "), "full name");
        assert_eq!(fold("customerId"), "customerid");
        assert_eq!(fold("a__b--c"), "a b c");
        assert_eq!(fold("Email 2"), "email 2");
        assert_eq!(fold("(*)Phone"), "phone");
    }

    #[test]
    fn vietnamese_letters_nfc_and_nfd() {
        let words = [
            ("Họ và tên", "ho va ten"),
            ("Ngày sinh", "ngay sinh"),
            ("GIỚI TÍNH", "gioi tinh"),
            ("Địa chỉ", "dia chi"),
            ("Nữ", "nu"),
            (
                "ương ướng ườn ưởng ưỡng ượng",
                "uong uong uon uong uong uong",
            ),
            ("ƠỚỜỞỠỢ", "oooooo"),
            ("ăằắẳẵặ âầấẩẫậ", "aaaaaa aaaaaa"),
            ("êềếểễệ ôồốổỗộ", "eeeeee oooooo"),
            ("ìíỉĩị ỳýỷỹỵ ùúủũụ", "iiiii yyyyy uuuuu"),
            ("Mã khách hàng", "ma khach hang"),
            ("Không", "khong"),
            ("ĐÚNG", "dung"),
        ];
        for (input, want) in words {
            let nfc: String = input.nfc().collect();
            let nfd: String = input.nfd().collect();
            assert_eq!(fold(&nfc), want, "NFC {input}");
            assert_eq!(fold(&nfd), want, "NFD {input}");
        }
    }

    #[test]
    fn other_scripts_and_symbols() {
        assert_eq!(fold("Café crème"), "cafe creme");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Ðức"), "duc");
        assert_eq!(fold("a—b…c"), "a b c");
        assert_eq!(fold("a\u{00a0}b"), "a b");
        assert_eq!(fold("ΑΒΓ"), "αβγ");
        assert_eq!(fold("名前"), "名前");
        assert_eq!(fold("İ"), "i");
        assert_eq!(fold("\u{0301}a"), "a");
        assert_eq!(fold("x\u{0301}\u{0301}y"), "xy");
        assert_eq!(fold("số: 1"), "so 1");
        assert_eq!(fold("tổng (₫)"), "tong");
    }

    #[test]
    fn fold_into_clears_and_matches() {
        let mut out = String::from("old text");
        fold_into("Tên Đầy Đủ", &mut out);
        assert_eq!(out, "ten day du");
        fold_into("", &mut out);
        assert_eq!(out, "");
    }

    #[test]
    fn fold_is_idempotent() {
        for s in ["Số điện thoại", "a  b", "Ðức-Æ", "x\u{0301}y", "  Z "] {
            let once = fold(s);
            assert_eq!(fold(&once), once);
        }
    }

    #[test]
    fn folds_to_without_allocating() {
        assert!(folds_to("Nữ", "nu"));
        assert!(folds_to("  NU ", "nu"));
        assert!(!folds_to("Nữa", "nu"));
        assert!(!folds_to("N", "nu"));
        assert!(folds_to("", ""));
        assert!(folds_to("--", ""));
        assert!(!folds_to("a", ""));
    }

    #[test]
    fn small_fold_spills_long_values() {
        let long = "Đ".repeat(100);
        let mut b = SmallFold::new();
        b.fill(&long);
        assert_eq!(b.as_str(), "d".repeat(100));
        b.fill("Có");
        assert_eq!(b.as_str(), "co");
    }

    #[test]
    fn enum_documented_values() {
        assert_eq!(match_enum("male", &GENDER), Ok("male"));
        assert_eq!(match_enum("MALE", &GENDER), Ok("male"));
        assert_eq!(match_enum("Female", &GENDER), Ok("female"));
        assert_eq!(match_enum(" undefined ", &GENDER), Ok("undefined"));
        assert_eq!(match_enum("active", &RECORD_STATUS), Ok("Active"));
        assert_eq!(match_enum("DELETED", &RECORD_STATUS), Ok("Deleted"));
        assert_eq!(match_enum("yes", &YES_NO), Ok("Yes"));
    }

    #[test]
    fn enum_aliases() {
        assert_eq!(match_enum("Nam", &GENDER), Ok("male"));
        assert_eq!(match_enum("nữ", &GENDER), Ok("female"));
        assert_eq!(match_enum("NỮ", &GENDER), Ok("female"));
        let nfd: String = "Nữ".nfd().collect();
        assert_eq!(match_enum(&nfd, &GENDER), Ok("female"));
        assert_eq!(match_enum("F", &GENDER), Ok("female"));
        assert_eq!(match_enum("m", &GENDER), Ok("male"));
        assert_eq!(match_enum("Không xác định", &GENDER), Ok("undefined"));
        assert_eq!(match_enum("Đã xóa", &RECORD_STATUS), Ok("Deleted"));
        assert_eq!(match_enum("Có", &YES_NO), Ok("Yes"));
        assert_eq!(match_enum("0", &YES_NO), Ok("No"));
    }

    #[test]
    fn enum_outside_the_list() {
        let want = Err(Problem::NotInList {
            allowed: "male, female, undefined".into(),
        });
        assert_eq!(match_enum("mal", &GENDER), want);
        assert_eq!(match_enum("", &GENDER), want);
        assert_eq!(match_enum("---", &GENDER), want);
        assert_eq!(match_enum("nam nu", &GENDER), want);
        assert_eq!(
            match_enum("x", &RECORD_STATUS),
            Err(Problem::NotInList {
                allowed: "Active, Deleted".into()
            })
        );
    }

    #[test]
    fn enum_with_unfolded_alias_spelling() {
        static DEF: EnumDef = EnumDef {
            values: &["Gold Member"],
            aliases: &[("vàng", "Gold Member")],
        };
        assert_eq!(match_enum("gold-member", &DEF), Ok("Gold Member"));
        assert_eq!(match_enum("VÀNG", &DEF), Ok("Gold Member"));
        assert_eq!(match_enum("vang", &DEF), Ok("Gold Member"));
    }
}
