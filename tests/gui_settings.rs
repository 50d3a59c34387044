//! The Settings page's profile actions: "Forget saved key" and "Remove profile" work
//! on the keychain and settings.json in the background (never inside the drawing), and
//! say what they did.

#![cfg(feature = "gui")]

mod gui_support;

use egui_kittest::kittest::Queryable;
use gui_support::*;
use pango_importer::sandbox::{Sandbox, SandboxConfig};

#[test]
fn forgetting_a_key_and_removing_a_profile_happen_and_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
    let home = dir.path().join("home");
    let env = pango_importer::gui::Env::isolated(&home);
    let keys = env.places.keys.clone();
    let dirs = env.dirs.clone();
    let mut h = logged_in(env, &sandbox, "brand-x");
    assert!(keys.get("brand-x", "demo").unwrap().is_some());
    click(&mut h, "Settings");
    wait_for(&mut h, "the profiles", 20, |h| shows(h, "brand-x"));
    // One "Forget saved key" per profile with a user; brand-x is listed last.
    h.query_all_by_label("Forget saved key")
        .last()
        .unwrap()
        .click();
    h.step();
    wait_for(&mut h, "the key to go", 20, |h| {
        shows(h, "The saved key was removed.")
    });
    assert!(keys.get("brand-x", "demo").unwrap().is_none());
    wait_for(&mut h, "the list again", 20, |h| shows(h, "Remove profile"));
    click(&mut h, "Remove profile");
    wait_for(&mut h, "the profile to go", 20, |h| {
        shows(h, "The profile was removed.")
    });
    let settings = pango_importer::profile::Settings::load(&dirs).unwrap();
    assert!(!settings.all_profiles().iter().any(|p| p.name == "brand-x"));
    wait_for(&mut h, "the list without it", 20, |h| {
        !shows(h, "Remove profile")
    });
}
