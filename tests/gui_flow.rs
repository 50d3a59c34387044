//! The whole app driven as a user would, against the built-in sandbox: log in (or
//! try without an account), drop a file, map, check, upload, see the summary.

#![cfg(feature = "gui")]

mod gui_support;
#[path = "gui_support/keys.rs"]
mod keys;

use egui_kittest::kittest::{NodeT, Queryable};
use gui_support::*;
use pango_importer::gui::shell::Step;
use pango_importer::i18n::Lang;
use pango_importer::sandbox::SandboxConfig;

/// A customer list whose key column has a header auto-matching cannot know ("Số thẻ",
/// the loyalty card number), two bad phones (no e-mail either) and one bad e-mail.
fn monthly_list(path: &std::path::Path) {
    let mut s = String::from("Số thẻ,Họ và tên,Số điện thoại,Email,Ngày sinh\n");
    for i in 0..30 {
        let phone = if i == 4 || i == 9 {
            "12345".to_string()
        } else {
            format!("09{i:08}")
        };
        let email = match i {
            4 | 9 => String::new(),
            12 => "lan@mail".to_string(),
            _ => format!("kh{i}@vi.vn"),
        };
        s.push_str(&format!(
            "TV{i:04},Nguyễn Thị {i},{phone},{email},{:02}/03/1990\n",
            i % 28 + 1
        ));
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn try_without_an_account_then_upload_a_file_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("khách hàng tháng 11.csv");
    monthly_list(&file);
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    h.step();
    assert!(shows(&h, "Log in to Pango"));
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    assert!(
        shows(&h, "demo · Local sandbox"),
        "the top bar names who is logged in"
    );
    drop_file(&mut h, &file);
    wait_for(&mut h, "the file to be read", 20, |h| {
        shows(h, "30 rows · 5 columns")
    });
    assert_eq!(
        h.state().title(),
        "khách hàng tháng 11.csv — Pango Importer"
    );
    next_to_map(&mut h, "Next: map columns ➡");
    assert_eq!(h.state().step, Step::Map);
    // Auto-matching found name, phone, e-mail and birthday but not the key: Next waits.
    assert!(shows(&h, "Still missing: Customer ID"));
    assert!(
        h.get_by_label("Next: check rows ➡")
            .accesskit_node()
            .is_disabled(),
        "Next waits for the missing field"
    );
    h.get_by_label("Field for column Số thẻ").click();
    h.run_steps(3);
    type_into(&mut h, "Search fields", "mã khách");
    click(&mut h, "Customer ID * — customerId");
    assert!(!shows(&h, "Still missing"), "the checklist is complete");
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "the Check step", 20, |h| {
        h.state().step == Step::Check
    });
    assert!(shows(&h, "27 rows valid · 3 rows with errors"));
    assert!(shows(&h, "2 rows: phone number not valid (Số điện thoại)"));
    assert!(shows(&h, "1 row: e-mail not valid (Email)"));
    click(&mut h, "Upload valid rows only");
    click(&mut h, "Upload ➡");
    wait_for(&mut h, "the upload to finish", 30, |h| {
        shows(h, "Upload complete.")
    });
    assert!(shows(&h, "27 rows accepted"), "summary counts");
    assert!(shows(&h, "3 had errors and were skipped"));
    let sandbox = h.state().session.as_ref().unwrap().sandbox.clone().unwrap();
    let records = sandbox.records("customer-identity");
    assert_eq!(records.len(), 27, "the server holds what the summary says");
    assert!(
        records.contains_key("TV0000"),
        "keyed by the column mapped by hand: {:?}",
        records.keys().next()
    );
    // The report and the history entry exist.
    wait_for(&mut h, "the report", 10, |h| {
        h.state().upload.as_ref().unwrap().report.is_some()
    });
    let report = h.state().upload.as_ref().unwrap().report.clone().unwrap();
    // A workbook (row, key, status, reason), read back the way the app reads files.
    let read = pango_importer::source::read_file(&report, &Default::default()).unwrap();
    let t = &read.table;
    let status = |s: &str| (0..t.len()).filter(|&r| t.cell(r, 2) == s).count();
    assert_eq!(status("accepted"), 27);
    assert_eq!(status("invalid"), 3);
    click(&mut h, "Open history");
    wait_for(&mut h, "the history list", 10, |h| {
        shows(h, "khách hàng tháng 11.csv")
    });
}

#[test]
fn a_wrong_key_and_an_unreachable_server_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = pango_importer::sandbox::Sandbox::start(SandboxConfig::default()).unwrap();
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    h.step();
    keys::profile_for(&mut h, &sandbox, "brand-x", "not-the-key");
    click(&mut h, "Log in");
    wait_for(&mut h, "the wrong-key message", 20, |h| {
        shows(h, "Wrong username or API key")
    });
    assert!(shows(&h, "Copy the key again from Pango"));
    assert_eq!(h.state().step, Step::Login);
    h.run_steps(2);
    assert!(
        h.get_by_label("API key").is_focused(),
        "the focus is in the field to fix"
    );

    // The same profile, pointed at a port where nothing listens.
    let mut h = app_in(
        &dir.path().join("home2"),
        SandboxConfig::default(),
        Lang::En,
    );
    h.step();
    new_profile(
        &mut h,
        "offline",
        "http://127.0.0.1:9/api/accounts/authen",
        "http://127.0.0.1:9/dhub-i/api/v1.0/ingest",
        "sandbox-demo-key",
    );
    click(&mut h, "Test connection");
    wait_for(&mut h, "the unreachable message", 20, |h| {
        shows(h, "The server cannot be reached")
    });
    assert!(shows(&h, "127.0.0.1:9"));
    h.run_steps(2);
    assert!(h.get_by_label("Login address").is_focused());

    // A missing organisation key is caught before anything is sent.
    let mut h = app_in(
        &dir.path().join("home3"),
        SandboxConfig::default(),
        Lang::Vi,
    );
    h.step();
    type_into(&mut h, "Tên đăng nhập", "demo");
    type_into(&mut h, "API key", "sandbox-demo-key");
    click(&mut h, "Đăng nhập");
    wait_for(&mut h, "the missing-organisation message", 20, |h| {
        shows(h, "Còn thiếu thông tin")
    });
    assert!(shows(&h, "Nhập mã tổ chức (cdpGKey)"));
    h.run_steps(2);
    assert!(h.get_by_label("Mã tổ chức (cdpGKey)").is_focused());
}

#[test]
fn a_right_key_is_remembered_in_the_keychain_and_never_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = pango_importer::sandbox::Sandbox::start(SandboxConfig::default()).unwrap();
    let home = dir.path().join("home");
    let env = pango_importer::gui::Env::isolated(&home);
    let keys = env.places.keys.clone();
    let _h = logged_in(env, &sandbox, "brand-x");
    let saved = keys.get("brand-x", "demo").unwrap().unwrap();
    assert_eq!(saved.expose(), "sandbox-demo-key");
    let settings = std::fs::read_to_string(home.join("config/settings.json"))
        .or_else(|_| {
            let found = walk(&home)
                .into_iter()
                .find(|p| p.ends_with("settings.json"))
                .unwrap();
            std::fs::read_to_string(found)
        })
        .unwrap();
    assert!(settings.contains("brand-x"));
    assert!(!settings.contains("sandbox-demo-key"), "{settings}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_language_switch_changes_every_step_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(dir.path(), SandboxConfig::default(), Lang::En);
    h.step();
    assert!(shows(&h, "Log in to Pango"));
    click(&mut h, "Settings");
    click(&mut h, "Tiếng Việt");
    assert_eq!(h.state().lang, Lang::Vi);
    assert!(shows(&h, "Cài đặt"));
    assert!(shows(&h, "Ghép cột"));
    click(&mut h, "Cài đặt");
    assert!(shows(&h, "Đăng nhập Pango"));
    assert_eq!(
        h.state().prefs.lang,
        Some(Lang::Vi),
        "the choice is kept for next time"
    );
}

#[test]
fn a_file_given_on_the_command_line_waits_on_the_login_screen_then_opens() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("don-hang.csv");
    customers_csv(&file, 5, &[]);
    let mut env = pango_importer::gui::Env::isolated(&dir.path().join("home"));
    env.open_file = Some(file.clone());
    let mut h = app_with(env);
    h.step();
    assert!(shows(&h, "File waiting: don-hang.csv"));
    assert_eq!(h.state().title(), "don-hang.csv — Pango Importer");
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the file to open after login", 20, |h| {
        shows(h, "5 rows · 5 columns")
    });
    assert_eq!(h.state().step, Step::File);
}

/// A machine with no keychain at all (a Linux session without Secret Service).
struct NoKeychain;

impl pango_importer::keychain::KeyStore for NoKeychain {
    fn get(
        &self,
        _: &str,
        _: &str,
    ) -> Result<Option<pango_importer::secret::Secret>, pango_importer::keychain::KeyError> {
        Err(pango_importer::keychain::KeyError::Unavailable {
            detail: "no D-Bus".into(),
        })
    }
    fn set(
        &self,
        _: &str,
        _: &str,
        _: &pango_importer::secret::Secret,
    ) -> Result<(), pango_importer::keychain::KeyError> {
        Err(pango_importer::keychain::KeyError::Unavailable {
            detail: "no D-Bus".into(),
        })
    }
    fn delete(&self, _: &str, _: &str) -> Result<(), pango_importer::keychain::KeyError> {
        Err(pango_importer::keychain::KeyError::Unavailable {
            detail: "no D-Bus".into(),
        })
    }
}

#[test]
fn without_a_keychain_the_key_is_kept_for_the_session_and_the_app_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = pango_importer::sandbox::Sandbox::start(SandboxConfig::default()).unwrap();
    let mut env = pango_importer::gui::Env::isolated(&dir.path().join("home"));
    env.places.keys = std::sync::Arc::new(NoKeychain);
    let session_keys = env.places.session_keys.clone();
    let mut h = logged_in(env, &sandbox, "brand-y");
    assert!(shows(
        &h,
        "the API key is kept only until you close the app"
    ));
    use pango_importer::keychain::KeyStore;
    assert!(
        session_keys.get("brand-y", "demo").unwrap().is_some(),
        "kept for the session"
    );
    click(&mut h, "OK");
    assert!(!shows(&h, "kept only until you close the app"));
}

#[test]
fn order_lines_from_the_sample_go_through_as_orders_with_their_items() {
    let dir = tempfile::tempdir().unwrap();
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/don-hang-mau.csv");
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    h.step();
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    // A CS trainee picks the sample from the list on the File step.
    click(&mut h, "📄 don-hang-mau.csv");
    wait_for(&mut h, "the order lines", 20, |h| {
        shows(h, "6 rows · 10 columns")
    });
    next_to_map(&mut h, "Next: map columns ➡");
    h.get_by_label("Object type").click();
    h.run_steps(3);
    click(&mut h, "Orders");
    assert_eq!(h.state().map.as_ref().unwrap().object_type(), "order");
    assert!(
        !shows(&h, "Still missing"),
        "every order field was matched from the Vietnamese headers"
    );
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "the Check step", 20, |h| {
        h.state().step == Step::Check
    });
    assert!(shows(&h, "5 rows valid · 1 row with errors"));
    click(&mut h, "Upload valid rows only");
    click(&mut h, "Upload ➡");
    wait_for(&mut h, "the upload to finish", 30, |h| {
        shows(h, "Upload complete.")
    });
    assert!(shows(&h, "5 rows accepted"));
    let sandbox = h.state().session.as_ref().unwrap().sandbox.clone().unwrap();
    let orders = sandbox.records("order");
    assert_eq!(
        orders.len(),
        3,
        "lines grouped into their orders (DH1004 lacks a SKU): {:?}",
        orders.keys().collect::<Vec<_>>()
    );
    let items: usize = orders
        .values()
        .map(|o| o["items"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(
        items, 5,
        "each order carries its lines, the one under the merged cell and the one apart included"
    );
    assert_eq!(orders["DH1002"]["items"].as_array().unwrap().len(), 2);
    assert!(file.exists());
}

#[test]
fn a_cell_fixed_in_check_stays_fixed_after_going_back_to_map_and_forward() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("khach.csv");
    customers_csv(&file, 6, &[2]);
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    h.step();
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    drop_file(&mut h, &file);
    wait_for(&mut h, "the file", 20, |h| shows(h, "6 rows · 5 columns"));
    next_to_map(&mut h, "Next: map columns ➡");
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "the Check step", 20, |h| {
        h.state().step == Step::Check
    });
    assert!(shows(&h, "5 rows valid · 1 row with errors"));
    // Two clicks in one frame: a double-click opens the cell.
    fix_cell(&mut h, "12345", "Edit cell C4", "0912000111");
    wait_for(&mut h, "the row to be valid", 10, |h| {
        shows(h, "6 rows valid · 0 rows with errors")
    });
    click(&mut h, "⬅ Back");
    assert_eq!(h.state().step, Step::Map);
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "Check again", 20, |h| {
        h.state().step == Step::Check && h.state().check.is_some()
    });
    assert!(
        shows(&h, "6 rows valid · 0 rows with errors"),
        "the fix is kept"
    );
    let check = h.state().check.as_ref().unwrap();
    assert_eq!(check.cells().cell(2, 2), "0912000111");
    // Check holds the very table the file step read (its fix is an overlay): one
    // allocation, two holders, and the file's own text under the fix.
    assert_eq!(
        std::sync::Arc::strong_count(check.table()),
        2,
        "the table was copied"
    );
    assert_eq!(check.table().cell(2, 2), "12345");
}

#[test]
fn the_auth_app_login_is_labelled_observed_and_keeps_its_refresh_token_in_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = pango_importer::sandbox::Sandbox::start(SandboxConfig::default()).unwrap();
    let app = pango_importer::sandbox::AppAccount::demo();
    let home = dir.path().join("home");
    let env = pango_importer::gui::Env::isolated(&home);
    let keys = env.places.keys.clone();
    let mut h = app_with(env);
    h.step();
    click(&mut h, "Profile");
    click(&mut h, "New profile…");
    type_into(&mut h, "Profile name", "app-x");
    replace_text(&mut h, "Login address", &sandbox.auth_app_url(&app.org_id));
    replace_text(&mut h, "Ingest address", &sandbox.ingest_v2_url());
    let choice = "auth-app login (observed, not documented)";
    assert!(shows(&h, "observed, not documented"));
    assert!(!shows(&h, "Refresh token"));
    click(&mut h, choice);
    assert!(shows(&h, "Refresh token") && !shows(&h, "Username"));
    type_into(&mut h, "Organisation ID (orgId)", &app.org_id);
    type_into(&mut h, "App ID (appId)", &app.app_id);
    type_into(&mut h, "Account", &app.account);
    type_into(&mut h, "Refresh token", &app.refresh_token);
    click(&mut h, "Log in");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    let saved = keys.get("app-x", "auth-app:demo").unwrap().unwrap();
    assert_eq!(saved.expose(), app.refresh_token);
    let settings = walk(&home)
        .into_iter()
        .find(|p| p.ends_with("settings.json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap();
    assert!(
        settings.contains("authApp") && settings.contains("demo-app"),
        "{settings}"
    );
    assert!(!settings.contains(&app.refresh_token), "{settings}");
}

#[test]
fn tab_reaches_history_before_settings_as_the_screen_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    h.step();
    let mut order: Vec<&str> = Vec::new();
    for _ in 0..40 {
        h.key_press(eframe::egui::Key::Tab);
        h.run();
        for name in ["History", "Settings"] {
            if h.get_by_label(name).is_focused() && !order.contains(&name) {
                order.push(name);
            }
        }
        if order.len() == 2 {
            break;
        }
    }
    assert_eq!(order, ["History", "Settings"], "Tab follows the screen");
}
