//! Pipeline benchmark: prints figures as ratios against baselines measured in the
//! same run (this machine is shared and noisy).
//!
//! `cargo bench --bench pipeline` — generates a 1,000,000-row customer CSV and a
//! 200,000-row xlsx in a temp dir, then measures:
//! - raw `csv` crate parse (ByteRecord loop) vs our read + auto-map + validate;
//! - calamine's own read of the xlsx vs our read;
//! - peak memory of read + validate (in a child process) vs the file size, for the
//!   UTF-8 CSV and for the same rows as Windows-1258 and as UTF-16 "Unicode Text"
//!   (tab-separated, with a BOM), which are decoded as they are read.
//!
//! - with the `gui` feature (the default): the app's peak memory with the UTF-8 CSV
//!   opened and checked (egui_kittest drives the real app from the File step to
//!   Check by its visible labels), beside the CLI's read + validate; and the time from
//!   pressing Next on Map to the Check summary on screen, beside the same auto-map +
//!   validate in the library and the CLI's whole `validate --auto-map --json` process.
//!
//! `BENCH_ROWS` and `BENCH_XLSX_ROWS` change the sizes.
//!
//! ## Figures (issue 13 point 7; 2 cores, rustc 1.95, release profile: fat LTO)
//!
//! `cargo bench --bench pipeline`, three runs with the machine quiet (load average
//! 0.4–0.6), median of each line (the spread is shown). 1,000,000 rows, 120.7 MB UTF-8:
//!
//! | measure | median (range) | target |
//! |---|---:|---:|
//! | raw csv parse (ByteRecord loop) | 0.136 s (0.134–0.137) | |
//! | ours: read | 0.136 s (0.135–0.141) | |
//! | ours: read + auto-map + validate | 0.278 s (0.274–0.279) | |
//! | ratio validate / raw | **2.03x** (2.02–2.08) | <= 3x |
//! | peak RSS read + validate, UTF-8 (120.7 MB) | 210.9 MB, **1.75x** the file | <= 2x |
//! | same rows as Windows-1258 (112.9 MB) | 212.1 MB, **1.88x** (1.87–1.90) | <= 2x |
//! | same rows as UTF-16 text, tabs (213.6 MB) | 211.1 MB, **0.99x** | <= 2x |
//! | the app, file opened and checked (UTF-8) | 223.3 MB, 1.85x the file (idle app 15.3 MB) | |
//! | xlsx, 200,000 rows: ours / calamine time | 1.26x; peak RSS 1.06x | <= 1.5x |
//!
//! Issue 14 (`cargo bench --bench pipeline`, the machine quiet, load average 1.5; an
//! earlier run with three builds going gave the same memory and 0.563 / 0.440 / 1.080 s):
//!
//! | measure | figure |
//! |---|---:|
//! | raw csv parse / ours read + auto-map + validate | 0.150 s / 0.305 s, **2.04x** |
//! | the app, 1,000,000-row CSV (120.7 MB) opened and checked: peak RSS | 222.5 MB, **1.84x** the file (idle app 15.2 MB) |
//! | the app, Next on Map -> Check summary on screen | 0.217 s |
//! | the same auto-map + validate in the library | 0.160 s (the app takes 1.35x) |
//! | the CLI's `validate --auto-map --json`, the whole process | 0.364 s (the app's Map -> Check is 0.59x of it) |
//!
//! The real window (release build under Xvfb, Mesa's software OpenGL), a 105.6 MB
//! 1,000,000-row CSV: 110.7 MB before any file (window and GL), 267.9 MB once read, 312.2 MB
//! at Check: 2.96x the file in all, 1.91x above the idle window.
//!
//! Before the change the decoded files took about 2.7x by the issue's figure (the
//! whole text decoded at once beside the table; not re-measured here); they are now
//! decoded as they are read. The issue's 2.10x for UTF-8 was not reproduced either. With other
//! builds running (load average 2.6–3.9) the validate ratio rose to 3.2x–4.4x over
//! six runs: validation runs on both cores, the raw parse on one, so contention hits
//! ours harder; the memory figures do not move with load. A perf profile
//! (line-tables-only, no LTO) of read + validate: csv_core's record loop 17%, the
//! page faults and copies of building the table ~15%, UTF-8 validation 4%, the sort
//! of all entry keys for duplicates 3.7% (the one single-threaded step of
//! validation, now one bucket per core), phone/e-mail/date conversion ~10%.

mod common;
#[cfg(feature = "gui")]
#[path = "../tests/gui_support/mod.rs"]
mod gui_support;
#[path = "common/legacy.rs"]
mod legacy;

use std::path::{Path, PathBuf};
use std::time::Instant;

use pango_importer::mapping::{auto_mapping, resolve};
use pango_importer::schema;
use pango_importer::source::{ReadOptions, read_file};
use pango_importer::validate::validate;

use common::{CITIES, NAMES, Rng, make_csv};

const HEADER: &str =
    "Mã KH,Họ và tên,SĐT,Email,Ngày sinh,Giới tính,Thành phố,Địa chỉ,Nhóm KH,Ghi chú\n";
/// One customer row; about 2% of cells are bad (phone, e-mail or date).
fn row(i: u64, rng: &mut Rng, out: &mut String) {
    let bad = rng.below(100);
    let phone = if bad == 0 {
        "12345".to_string()
    } else {
        format!("09{:08}", rng.below(100_000_000))
    };
    let email = common::email(i, bad == 1);
    let dob = common::dob(rng, bad == 2);
    common::write_row(out, i, rng, [&phone, &email, &dob], ",VIP,");
}

fn make_xlsx(path: &Path, rows: u32) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "DANH SÁCH KHÁCH HÀNG").unwrap();
    for (c, h) in HEADER.trim().split(',').enumerate() {
        ws.write_string(2, c as u16, h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut rng = Rng(42);
    for i in 0..rows {
        let r = i + 3;
        ws.write_string(r, 0, format!("KH{i:07}")).unwrap();
        ws.write_string(r, 1, NAMES[rng.below(6) as usize]).unwrap();
        ws.write_number(r, 2, (900_000_000 + rng.below(99_999_999)) as f64)
            .unwrap();
        ws.write_string(r, 3, format!("kh{i}@example.vn")).unwrap();
        ws.write_number_with_format(r, 4, 25_000.0 + rng.below(15_000) as f64, &date)
            .unwrap();
        ws.write_string(r, 5, ["Nam", "Nữ"][rng.below(2) as usize])
            .unwrap();
        ws.write_string(r, 6, CITIES[rng.below(5) as usize])
            .unwrap();
        ws.write_string(r, 7, format!("{} Lê Lợi", rng.below(500)))
            .unwrap();
        ws.write_string(r, 8, "VIP").unwrap();
    }
    wb.save(path).unwrap();
}

fn raw_csv(path: &Path) -> (f64, u64) {
    let t = Instant::now();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    let mut rec = csv::ByteRecord::new();
    let mut n = 0u64;
    while rdr.read_byte_record(&mut rec).unwrap() {
        n += rec.len() as u64;
    }
    (t.elapsed().as_secs_f64(), n)
}

fn ours(path: &Path) -> (f64, f64, usize, usize) {
    let t = Instant::now();
    let loaded = read_file(path, &ReadOptions::default()).unwrap();
    let read = t.elapsed().as_secs_f64();
    let m = auto_mapping(
        loaded.table.headers(),
        schema::find("customer-identity").unwrap(),
    )
    .unwrap();
    let plan = resolve(&m, loaded.table.headers()).unwrap();
    let v = validate(&loaded.table, &plan, None).unwrap();
    (read, t.elapsed().as_secs_f64(), v.invalid, v.issues.len())
}

/// The line with its unquoted commas turned into tabs (as Excel saves "Unicode Text").
fn to_tabs(line: &str) -> String {
    let mut quoted = false;
    line.chars()
        .map(|c| match c {
            '"' => {
                quoted = !quoted;
                c
            }
            ',' if !quoted => '\t',
            c => c,
        })
        .collect()
}

/// Writes the UTF-8 file `from` again as Windows-1258 (`utf16` false) or as
/// UTF-16LE text with a BOM and tabs.
fn transcode(from: &Path, to: &Path, utf16: bool) {
    use std::io::{BufRead, BufWriter, Write};
    let rd = std::io::BufReader::new(std::fs::File::open(from).unwrap());
    let mut w = BufWriter::new(std::fs::File::create(to).unwrap());
    if utf16 {
        w.write_all(&[0xFF, 0xFE]).unwrap();
    }
    for line in rd.lines() {
        let line = line.unwrap() + "\n";
        if utf16 {
            for u in to_tabs(&line).encode_utf16() {
                w.write_all(&u.to_le_bytes()).unwrap();
            }
        } else {
            w.write_all(&legacy::windows_1258(&line)).unwrap();
        }
    }
    w.flush().unwrap();
}

fn raw_calamine(path: &Path) -> (f64, usize) {
    use calamine::Reader;
    let t = Instant::now();
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    (t.elapsed().as_secs_f64(), range.height())
}

fn best<T>(n: usize, mut f: impl FnMut() -> T, secs: impl Fn(&T) -> f64) -> T {
    let mut out = f();
    for _ in 1..n {
        let x = f();
        if secs(&x) < secs(&out) {
            out = x;
        }
    }
    out
}

/// Peak resident memory of this process (Linux: VmHWM), in bytes.
fn peak_rss() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn child(kind: &str, path: &Path) {
    let before = peak_rss().unwrap_or(0);
    match kind {
        "validate" => {
            let r = ours(path);
            std::hint::black_box(r);
        }
        "raw-xlsx" => {
            std::hint::black_box(raw_calamine(path));
        }
        "read-xlsx" => {
            std::hint::black_box(
                read_file(path, &ReadOptions::default())
                    .unwrap()
                    .table
                    .len(),
            );
        }
        #[cfg(feature = "gui")]
        "app" => {
            let (start, map_to_check) = app_to_check(path);
            println!("{} {} {}", start, peak_rss().unwrap_or(0), map_to_check);
            return;
        }
        _ => panic!("unknown child {kind}"),
    }
    println!("{} {}", before, peak_rss().unwrap_or(0));
}

/// Opens `path` in the app (egui_kittest, no window) and goes on to Check, by the
/// labels a user clicks. Returns the peak RSS once the app was up, before the file,
/// and the seconds from pressing Next on Map to the Check summary on screen.
#[cfg(feature = "gui")]
fn app_to_check(path: &Path) -> (u64, f64) {
    use gui_support::{app_in, click, drop_file, next_to_map, shows, wait_for};
    let home = tempfile::tempdir().unwrap();
    let sandbox = pango_importer::sandbox::SandboxConfig::default();
    let mut h = app_in(home.path(), sandbox, pango_importer::i18n::Lang::En);
    h.step();
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the File step", 60, |h| {
        shows(h, "Choose the file to import")
    });
    let start = peak_rss().unwrap_or(0);
    drop_file(&mut h, path);
    wait_for(&mut h, "the file", 600, |h| shows(h, " rows · "));
    next_to_map(&mut h, "Next: map columns ➡");
    let t = Instant::now();
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "the Check step", 600, |h| {
        shows(h, "rows with errors")
    });
    (start, t.elapsed().as_secs_f64())
}

/// The CLI's whole `validate` of `path` (a process: read, auto-map, validate, the JSON
/// written to a pipe), in seconds, best of `n`.
fn cli_validate(path: &Path, n: usize) -> Option<f64> {
    let run = || {
        let t = Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pango-importer-cli"))
            .args([
                "validate",
                "--object",
                "customer-identity",
                "--auto-map",
                "--json",
            ])
            .arg(path)
            .output()
            .ok()?;
        // Exit 0 (all valid) or 1 (rows with errors) are both a finished validate.
        matches!(out.status.code(), Some(0 | 1)).then(|| t.elapsed().as_secs_f64())
    };
    (0..n).filter_map(|_| run()).min_by(f64::total_cmp)
}

fn child_peak(kind: &str, path: &Path) -> Option<(u64, u64)> {
    let out = std::process::Command::new(std::env::current_exe().ok()?)
        .env("BENCH_CHILD", kind)
        .env("BENCH_PATH", path)
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&out.stdout);
    let mut it = s.split_whitespace();
    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
}

/// The app child's third figure: seconds from Next on Map to the Check summary.
#[cfg(feature = "gui")]
fn app_child(path: &Path) -> Option<(u64, u64, f64)> {
    let out = std::process::Command::new(std::env::current_exe().ok()?)
        .env("BENCH_CHILD", "app")
        .env("BENCH_PATH", path)
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&out.stdout);
    let mut it = s.split_whitespace();
    Some((
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    ))
}

fn mb(b: u64) -> f64 {
    b as f64 / 1e6
}

fn main() {
    if let (Ok(kind), Ok(path)) = (std::env::var("BENCH_CHILD"), std::env::var("BENCH_PATH")) {
        child(&kind, Path::new(&path));
        return;
    }
    let rows: u64 = common::env_or("BENCH_ROWS", 1_000_000);
    let xrows: u32 = common::env_or("BENCH_XLSX_ROWS", 200_000);
    let dir = tempfile::tempdir().unwrap();
    let csv_path: PathBuf = dir.path().join("customers.csv");
    let xlsx_path: PathBuf = dir.path().join("customers.xlsx");
    eprintln!("generating {rows} CSV rows and {xrows} xlsx rows …");
    make_csv(&csv_path, HEADER, rows, row);
    make_xlsx(&xlsx_path, xrows);
    let legacy_path = dir.path().join("customers-1258.csv");
    let utf16_path = dir.path().join("customers-unicode.txt");
    transcode(&csv_path, &legacy_path, false);
    transcode(&csv_path, &utf16_path, true);
    let size = std::fs::metadata(&csv_path).unwrap().len();
    let xsize = std::fs::metadata(&xlsx_path).unwrap().len();

    println!(
        "== CSV: {rows} rows, {:.1} MB, {} cores",
        mb(size),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let (raw, fields) = best(3, || raw_csv(&csv_path), |r| r.0);
    let (read, total, invalid, issues) = best(3, || ours(&csv_path), |r| r.1);
    println!("raw csv parse (ByteRecord loop, {fields} fields): {raw:.3} s");
    println!(
        "ours: read {read:.3} s, read + auto-map + validate {total:.3} s ({invalid} invalid rows, {issues} issues)"
    );
    println!("ratio read / raw:     {:.2}x", read / raw);
    println!("ratio validate / raw: {:.2}x   (target <= 3x)", total / raw);

    println!("== XLSX: {xrows} rows, {:.1} MB", mb(xsize));
    let (cal, height) = best(2, || raw_calamine(&xlsx_path), |r| r.0);
    let t = Instant::now();
    let n = read_file(&xlsx_path, &ReadOptions::default())
        .unwrap()
        .table
        .len();
    let our_x = t.elapsed().as_secs_f64();
    println!("calamine worksheet_range ({height} rows): {cal:.3} s");
    println!("ours read_file ({n} data rows): {our_x:.3} s");
    println!(
        "ratio ours / calamine: {:.2}x   (target <= 1.5x)",
        our_x / cal
    );

    println!("== Peak memory (child processes)");
    if let Some((base, peak)) = child_peak("validate", &csv_path) {
        println!(
            "read + validate CSV: peak RSS {:.1} MB (process start {:.1} MB) for a {:.1} MB file: {:.2}x the file   (target <= 2x)",
            mb(peak),
            mb(base),
            mb(size),
            peak as f64 / size as f64
        );
    }
    #[cfg(feature = "gui")]
    if let Some((base, peak, map_to_check)) = app_child(&csv_path) {
        println!(
            "app, the CSV opened and checked: peak RSS {:.1} MB (app up, no file: {:.1} MB) for a {:.1} MB file: {:.2}x the file, {:.2}x above the idle app   (target <= 2.5x)",
            mb(peak),
            mb(base),
            mb(size),
            peak as f64 / size as f64,
            (peak - base) as f64 / size as f64
        );
        println!("== Time to Check: the app beside the CLI");
        let check_only = total - read;
        println!(
            "app, Next on Map -> Check summary on screen: {map_to_check:.3} s; the same auto-map + validate in the library: {check_only:.3} s ({:.2}x)",
            map_to_check / check_only
        );
        if let Some(cli) = cli_validate(&csv_path, 2) {
            println!(
                "CLI `validate --auto-map --json` of the file (a process: read + map + validate + JSON out): {cli:.3} s; the app's Map -> Check is {:.2}x of it",
                map_to_check / cli
            );
        }
    }
    for (name, path) in [
        ("Windows-1258 CSV", &legacy_path),
        ("UTF-16 text", &utf16_path),
    ] {
        let size = std::fs::metadata(path).unwrap().len();
        let t = Instant::now();
        let peak = child_peak("validate", path);
        let secs = t.elapsed().as_secs_f64();
        if let Some((_, peak)) = peak {
            println!(
                "read + validate {name}: peak RSS {:.1} MB for a {:.1} MB file: {:.2}x the file   (target <= 2x; {secs:.2} s with process start)",
                mb(peak),
                mb(size),
                peak as f64 / size as f64
            );
        }
    }
    if let (Some((_, cal_peak)), Some((_, our_peak))) = (
        child_peak("raw-xlsx", &xlsx_path),
        child_peak("read-xlsx", &xlsx_path),
    ) {
        println!(
            "xlsx: calamine peak RSS {:.1} MB, ours {:.1} MB: {:.2}x",
            mb(cal_peak),
            mb(our_peak),
            our_peak as f64 / cal_peak as f64
        );
    }
}
