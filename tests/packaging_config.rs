//! The installers' configuration (packaging/Packager.toml, the desktop entry, the release
//! workflow) agrees with the package: same version, the package's own binaries, files that
//! exist, the file types "Open with" offers. A wrong path here only shows when an installer is
//! built (on Windows and macOS: in the workflow), so it is checked on every `cargo test`.

use std::path::{Path, PathBuf};

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(project().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn packager() -> toml::Table {
    read("packaging/Packager.toml")
        .parse()
        .expect("packaging/Packager.toml is valid TOML")
}

fn string<'a>(t: &'a toml::Table, key: &str) -> &'a str {
    t.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("Packager.toml has no string `{key}`"))
}

/// Files a path or simple glob (`*` in the file name) names, relative to packaging/.
fn matches(pattern: &str) -> Vec<PathBuf> {
    let path = project().join("packaging").join(pattern);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    if !name.contains('*') {
        return if path.exists() { vec![path] } else { vec![] };
    }
    let (prefix, suffix) = name.split_once('*').unwrap();
    let dir = path.parent().unwrap();
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    found.retain(|p| {
        let n = p.file_name().unwrap().to_string_lossy();
        n.starts_with(prefix) && n.ends_with(suffix) && n.len() >= prefix.len() + suffix.len()
    });
    found
}

#[test]
fn the_installers_carry_the_version_of_cargo_toml() {
    let config = packager();
    assert_eq!(
        string(&config, "version"),
        env!("CARGO_PKG_VERSION"),
        "packaging/Packager.toml's version must be Cargo.toml's"
    );
    assert_eq!(string(&config, "product-name"), "Pango Importer");
    let id = string(&config, "identifier");
    assert!(
        id.split('.').count() >= 3 && id.chars().all(|c| c.is_ascii_lowercase() || c == '.'),
        "identifier {id:?} is not reverse-DNS"
    );
    assert!(!string(&config, "description").is_empty());
    assert!(string(&config, "long-description").len() > 200);
}

#[test]
fn the_installers_ship_both_binaries_of_the_package() {
    let config = packager();
    let binaries = config["binaries"].as_array().expect("binaries");
    let names: Vec<&str> = binaries
        .iter()
        .map(|b| b["path"].as_str().unwrap())
        .collect();
    let mains: Vec<&str> = binaries
        .iter()
        .filter(|b| b.get("main").and_then(|m| m.as_bool()) == Some(true))
        .map(|b| b["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        mains,
        ["pango-importer"],
        "the desktop app opens from the menu"
    );

    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    let mut bins: Vec<&str> = cargo["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    bins.sort();
    let mut shipped = names.clone();
    shipped.sort();
    assert_eq!(
        shipped, bins,
        "Packager.toml's binaries are Cargo.toml's [[bin]]s"
    );
}

#[test]
fn every_file_the_configuration_names_exists() {
    let config = packager();
    let mut patterns: Vec<String> = vec![string(&config, "license-file").to_owned()];
    for icon in config["icons"].as_array().unwrap() {
        patterns.push(icon.as_str().unwrap().to_owned());
    }
    for r in config["resources"].as_array().unwrap() {
        patterns.push(r["src"].as_str().unwrap().to_owned());
    }
    let deb = config["deb"].as_table().unwrap();
    patterns.push(deb["desktop-template"].as_str().unwrap().to_owned());
    patterns.extend(deb["files"].as_table().unwrap().keys().cloned());
    for p in &patterns {
        assert!(
            !matches(p).is_empty(),
            "packaging/Packager.toml names {p}, which matches no file"
        );
    }
    // The icon in every size the desktop and the installers use, drawn from one SVG.
    for size in [32, 64, 128, 256, 512] {
        let png = format!("../assets/icons/pango-importer-{size}.png");
        assert!(!matches(&png).is_empty(), "missing {png}");
    }
    assert!(!matches("../assets/icons/pango-importer.svg").is_empty());
    // The embedded font's licence ships beside ours, in every installer and in the .deb's docs.
    let res: Vec<&str> = config["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["src"].as_str().unwrap())
        .collect();
    assert!(res.contains(&"../assets/fonts/OFL.txt"));
    assert!(res.contains(&"../LICENSE"));
    // The samples the File step offers are the ones in assets/samples.
    let samples: usize = res
        .iter()
        .filter(|r| r.starts_with("../assets/samples/"))
        .map(|r| matches(r).len())
        .sum();
    assert!(samples >= 3, "the sample files ship: {samples}");
}

#[test]
fn the_deb_declares_the_libraries_the_app_opens() {
    let config = packager();
    let depends: Vec<&str> = config["deb"]["depends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    // Linked (dpkg-shlibdeps) and dlopened (OpenGL, X11, Wayland, xkbcommon, D-Bus): without any
    // of these the window does not open on a machine that lacks it (test-deb.sh proves it).
    for lib in [
        "libc6",
        "libgcc-s1",
        "libgl1",
        "libegl1",
        "libx11-6",
        "libxcursor1",
        "libxi6",
        "libxkbcommon0",
        "libxkbcommon-x11-0",
        "libwayland-client0",
        "libwayland-egl1",
        "libdbus-1-3",
    ] {
        assert!(
            depends
                .iter()
                .any(|d| d.split_whitespace().next() == Some(lib)),
            "Depends lacks {lib}"
        );
    }
}

#[test]
fn open_with_offers_the_app_for_spreadsheets_and_passes_the_file() {
    let entry = read("packaging/pango-importer.desktop");
    let field = |key: &str| {
        entry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("the desktop entry has no {key}"))
            .to_owned()
    };
    assert_eq!(field("Exec"), "pango-importer %f");
    assert_eq!(field("Icon"), "pango-importer");
    assert!(field("Categories").split(';').any(|c| c == "Office"));
    let mime = field("MimeType");
    for t in [
        "text/csv",
        "text/tab-separated-values",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "application/vnd.oasis.opendocument.spreadsheet",
    ] {
        assert!(mime.split(';').any(|m| m == t), "MimeType lacks {t}");
    }
    assert!(entry.contains("Name[vi]=") || entry.contains("GenericName[vi]="));
}

#[test]
fn the_release_workflow_builds_every_installer_from_this_configuration() {
    let wf = read(".github/workflows/release.yml");
    assert!(wf.contains("--config packaging/Packager.toml"));
    for os in ["ubuntu-latest", "macos-latest"] {
        assert!(wf.contains(os), "the workflow has no {os} job");
    }
    for formats in ["formats: deb", "formats: windows", "formats: app,dmg"] {
        assert!(
            wf.contains(formats),
            "the workflow does not build {formats}"
        );
    }
    // The Windows installer it uploads is the one built and proven the way developers do.
    assert!(wf.contains("bash packaging/build-windows.sh"));
    assert!(wf.contains("bash packaging/test-windows.sh \"$INSTALLER\""));
    assert!(
        !wf.contains("windows-latest") && !wf.contains("wix"),
        "an untested MSVC/.msi build"
    );
    assert!(wf.contains("cargo test --locked"));
    assert!(wf.contains("actions/upload-artifact"));
    let build = read("packaging/build-deb.sh");
    assert!(build.contains("packaging/Packager.toml"));
    assert!(Path::new(&project().join("packaging/test-deb.sh")).exists());
    assert!(read("packaging/build-windows.sh").contains("packaging/Packager.toml"));
}

#[test]
fn the_deb_maintainer_carries_an_address_the_readme_states() {
    let config = packager();
    let authors = config["authors"].as_array().expect("authors is a list");
    let first = authors[0].as_str().expect("a string");
    let (name, rest) = first
        .split_once(" <")
        .expect("Maintainer is `Name <address>`");
    let address = rest
        .strip_suffix('>')
        .expect("Maintainer is `Name <address>`");
    assert!(!name.trim().is_empty());
    assert!(address.contains('@') && address.contains('.'), "{address}");
    assert!(
        read("README.md").contains(address),
        "the README names {address}"
    );
}

/// The extensions the Windows installer offers "Open with" for: each `!insertmacro NAME ".ext"`.
fn nsis_extensions(script: &str, name: &str) -> Vec<String> {
    let prefix = format!("!insertmacro {name} \"");
    script
        .lines()
        .filter_map(|l| l.trim().strip_prefix(prefix.as_str()))
        .map(|rest| rest.trim_end_matches('"').to_owned())
        .collect()
}

#[test]
fn the_windows_installer_is_per_user_64_bit_and_takes_back_what_it_adds() {
    let nsi = read("packaging/windows/installer.nsi");
    assert!(nsi.contains("Target amd64-unicode"), "a 64-bit installer");
    assert!(
        nsi.contains("RequestExecutionLevel user"),
        "no administrator"
    );
    assert!(nsi.contains("InstallDir \"$LOCALAPPDATA\\${PRODUCT_NAME}\""));
    // Open with: the file types the Linux desktop entry offers, never the default app.
    let added = nsis_extensions(&nsi, "OpenWith");
    assert_eq!(added, [".csv", ".tsv", ".xlsx", ".xls", ".ods"]);
    assert_eq!(
        nsis_extensions(&nsi, "UnOpenWith"),
        added,
        "uninstall removes each one"
    );
    for line in nsi.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("WriteRegStr HKCU \"Software\\Classes\\") {
            // Writes go to the app's own keys or an extension's OpenWithProgids list only.
            assert!(
                rest.starts_with("Applications\\")
                    || rest.starts_with("${")
                    || rest.contains("\\OpenWithProgids\""),
                "writes outside its own keys: {line}"
            );
        }
        assert!(
            !line.starts_with("WriteRegStr HKLM"),
            "per user only: {line}"
        );
    }
    for (write, delete) in [
        (
            "WriteRegStr HKCU \"${APP_KEY}\"",
            "DeleteRegKey HKCU \"${APP_KEY}\"",
        ),
        (
            "WriteRegStr HKCU \"${PROGID_KEY}\"",
            "DeleteRegKey HKCU \"${PROGID_KEY}\"",
        ),
        (
            "WriteRegStr HKCU \"${UNINSTALL_KEY}\"",
            "DeleteRegKey HKCU \"${UNINSTALL_KEY}\"",
        ),
        ("CreateShortCut \"${SHORTCUT}\"", "Delete \"${SHORTCUT}\""),
    ] {
        assert!(nsi.contains(write), "{write}");
        assert!(
            nsi.contains(delete),
            "installs {write} but never removes it"
        );
    }
    // The resources of the app's .exe: the icon the shortcut and Open with show.
    let rc = read("packaging/windows/pango-importer.rc");
    assert!(rc.contains("../../assets/icons/pango-importer.ico"));
    assert!(project().join("assets/icons/pango-importer.ico").exists());
}
