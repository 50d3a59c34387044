//! Frame time while scrolling the Check step's preview: a 1,000,000-row customer
//! table against a 1,000-row one measured in the same run (this machine is shared
//! and noisy, so the ratio is the figure to read).
//!
//! `cargo bench --bench gui_scroll` — writes an 8-column customer CSV (about 2% bad
//! cells) to a temp dir, reads it, auto-maps and validates it, builds the Check
//! step, then drives it in a bare `egui::Context` (layout + tessellation, what the
//! CPU does for a frame; no GPU) for `BENCH_FRAMES` frames (default 300):
//! the first two thirds scroll one page per frame with mouse-wheel events (turning
//! back at either end, so every frame lays out new rows), the last third jump to
//! rows spread over the whole table. `BENCH_ROWS` changes the size.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use eframe::egui::{
    self, Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase,
    vec2,
};
use pango_importer::gui::check::{self, CheckState};
use pango_importer::i18n::Lang;
use pango_importer::mapping::{auto_mapping, resolve};
use pango_importer::schema;
use pango_importer::source::{ReadOptions, read_file};
use pango_importer::validate::validate;

use common::{Rng, make_csv};

const HEADER: &str = "Mã KH,Họ và tên,SĐT,Email,Ngày sinh,Giới tính,Thành phố,Địa chỉ\n";
const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(1280.0, 800.0));
const WARMUP: usize = 10;

/// One customer row. Phone, e-mail and birth date are each bad in 1 row of 19, so
/// about 2% of all cells (3 × 5.3% of 8 columns) are bad.
fn row(i: u64, rng: &mut Rng, out: &mut String) {
    let phone = match rng.below(19) {
        0 => "12345".to_string(),
        _ => format!(
            "09{:02} {:03} {:03}",
            rng.below(100),
            rng.below(1000),
            rng.below(1000)
        ),
    };
    let email = common::email(i, rng.below(19) == 0);
    let bad_dob = rng.below(19) == 0;
    let dob = common::dob(rng, bad_dob);
    common::write_row(out, i, rng, [&phone, &email, &dob], "");
}

fn load(path: PathBuf) -> CheckState {
    let t = Instant::now();
    let table = read_file(&path, &ReadOptions::default()).unwrap().table;
    let object = schema::find("customer-identity").unwrap();
    let mapping = auto_mapping(table.headers(), object).unwrap();
    let plan = resolve(&mapping, table.headers()).unwrap();
    let v = validate(&table, &plan, None).unwrap();
    let read_validate = t.elapsed();
    let t = Instant::now();
    let st = CheckState::new(Arc::new(table), Arc::new(v), mapping, path);
    eprintln!(
        "  {} rows: read+validate {:.0} ms, CheckState::new {:.1} ms, {} valid / {} with errors",
        st.table().len(),
        read_validate.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3,
        st.validation().valid,
        st.validation().invalid,
    );
    st
}

struct Figures {
    median: f64,
    p95: f64,
    max: f64,
    last_rows: Option<(u32, u32)>,
}

/// Runs `frames` frames of scrolling and returns the frame times (ms).
fn scroll(mut st: CheckState, frames: usize) -> Figures {
    let ctx = egui::Context::default();
    pango_importer::gui::fonts::install(&ctx);
    let pointer = Pos2::new(800.0, 450.0); // over the table, right of the summary panel
    let rows = st.table().len() as u32;
    let last_row = st.table().row_number(st.table().len() - 1);
    let jumps_from = frames * 2 / 3;
    let mut times = Vec::with_capacity(frames);
    let mut time = 0.0;
    // Wheel direction: down (-1) until the last row is in view, then back up, so a
    // small table also lays out new rows every frame.
    let mut dir = -1.0;
    for f in 0..WARMUP + frames {
        let i = f.saturating_sub(WARMUP);
        let mut events = vec![Event::PointerMoved(pointer)];
        if f >= WARMUP && i < jumps_from {
            match st.visible_rows() {
                Some((_, last)) if last >= last_row => dir = 1.0,
                Some((first, _)) if first <= 2 => dir = -1.0,
                _ => {}
            }
            events.push(Event::MouseWheel {
                unit: MouseWheelUnit::Page,
                delta: vec2(0.0, dir),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            });
        } else if f >= WARMUP {
            let k = (i - jumps_from) as u64;
            let n = (frames - jumps_from) as u64;
            let target = 2 + (k * 7919 % n) * u64::from(rows) / n;
            st.scroll_to_row_number(target as u32);
        }
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(SCREEN),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let t = Instant::now();
        let out = ctx.run_ui(input, |ui| {
            st.poll(ui.ctx());
            check::ui(ui, &mut st, Lang::Vi);
        });
        let egui::FullOutput {
            shapes,
            pixels_per_point,
            mut textures_delta,
            ..
        } = out;
        let prims = ctx.tessellate(shapes, pixels_per_point);
        textures_delta.clear(); // no GPU to upload the font atlas to
        let dt = t.elapsed().as_secs_f64() * 1e3;
        std::hint::black_box(prims);
        if f >= WARMUP {
            times.push(dt);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Figures {
        median: at(0.5),
        p95: at(0.95),
        max: *times.last().unwrap(),
        last_rows: st.visible_rows(),
    }
}

fn main() {
    let rows: u64 = common::env_or("BENCH_ROWS", 1_000_000);
    let frames: usize = common::env_or("BENCH_FRAMES", 300);
    let dir = tempfile::tempdir().unwrap();
    let small_path = dir.path().join("small.csv");
    let big_path = dir.path().join("big.csv");
    make_csv(&small_path, HEADER, 1_000, row);
    make_csv(&big_path, HEADER, rows, row);
    eprintln!(
        "gui_scroll: {frames} frames (2/3 wheel pages, 1/3 jumps), 1280x800, 8 columns, Vietnamese UI"
    );
    let small = load(small_path);
    let big = load(big_path);
    let base = scroll(small, frames);
    let big_fig = scroll(big, frames);
    println!("frame time (layout + tessellation, ms)   median     p95     max   last rows drawn");
    for (name, f) in [
        ("1,000 rows (baseline)", &base),
        ("1,000,000 rows", &big_fig),
    ] {
        let name = if name.starts_with("1,000,000") && rows != 1_000_000 {
            format!("{rows} rows")
        } else {
            name.to_string()
        };
        println!(
            "{name:<40} {:>7.2} {:>7.2} {:>7.2}   {:?}",
            f.median, f.p95, f.max, f.last_rows
        );
    }
    println!(
        "ratio big / baseline: median {:.2}x, p95 {:.2}x",
        big_fig.median / base.median,
        big_fig.p95 / base.p95
    );
}
