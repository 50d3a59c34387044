//! The customer CSV the benches read: a deterministic generator and the columns every
//! bench's rows share. Each bench (`mod common;`) says which cells are bad and how a
//! phone number looks.

use std::io::{BufWriter, Write};
use std::path::Path;

pub const CITIES: [&str; 5] = ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Cần Thơ", "Hải Phòng"];
pub const NAMES: [&str; 6] = [
    "Nguyễn Văn Ánh",
    "Trần Thị Bích",
    "Lê Minh Đức",
    "Phạm Thu Hà",
    "Võ Quốc Huy",
    "Đặng Ngọc Ân",
];

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);
impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Customer `i`'s e-mail; a `bad` one has no top-level domain.
pub fn email(i: u64, bad: bool) -> String {
    if bad {
        format!("kh{i}@mail")
    } else {
        format!("kh{i}@Example.vn")
    }
}

/// A birth date (dd/mm/yyyy); a `bad` one is 31 February.
pub fn dob(rng: &mut Rng, bad: bool) -> String {
    if bad {
        "31/02/1990".to_string()
    } else {
        format!(
            "{:02}/{:02}/{}",
            1 + rng.below(28),
            1 + rng.below(12),
            1960 + rng.below(45)
        )
    }
}

/// Writes customer `i`'s row: Mã KH, Họ và tên, SĐT, Email, Ngày sinh, Giới tính,
/// Thành phố, Địa chỉ, then `tail` (the cells of any further columns, each after a
/// comma) and a line end.
pub fn write_row(
    out: &mut String,
    i: u64,
    rng: &mut Rng,
    [phone, email, dob]: [&str; 3],
    tail: &str,
) {
    use std::fmt::Write as _;
    let gender = ["Nam", "Nữ", "male", "female"][rng.below(4) as usize];
    let _ = writeln!(
        out,
        "KH{i:07},{},{phone},{email},{dob},{gender},{},\"{} Lê Lợi, Phường {}\"{tail}",
        NAMES[rng.below(6) as usize],
        CITIES[rng.below(5) as usize],
        rng.below(500),
        rng.below(20),
    );
}

/// Writes `header` and then `rows` rows made by `row`, from a fixed seed.
pub fn make_csv(path: &Path, header: &str, rows: u64, row: fn(u64, &mut Rng, &mut String)) {
    let mut w = BufWriter::new(std::fs::File::create(path).unwrap());
    w.write_all(header.as_bytes()).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut buf = String::new();
    for i in 0..rows {
        buf.clear();
        row(i, &mut rng, &mut buf);
        w.write_all(buf.as_bytes()).unwrap();
    }
    w.flush().unwrap();
}

/// The number in environment variable `name` (a size the run is asked for), or
/// `default` when it is unset or not a number.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
