//! Stamps the build date (UTC, `YYYY-MM-DD`) into `PANGO_BUILD_DATE` for `--version` and About.
//! `SOURCE_DATE_EPOCH` (reproducible builds) wins over the clock.
//! For a Windows target it also compiles the app's resources (icon, version, manifest:
//! `packaging/windows/pango-importer.rc`) into `pango-importer.exe`.

fn main() {
    windows_resources();
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    println!("cargo:rustc-env=PANGO_BUILD_DATE={y:04}-{m:02}-{d:02}");
}

/// The desktop app's icon, version and manifest, when building for Windows (a no-op elsewhere).
/// The command line keeps the default console program's resources.
fn windows_resources() {
    println!("cargo:rerun-if-changed=packaging/windows/pango-importer.rc");
    println!("cargo:rerun-if-changed=packaging/windows/pango-importer.manifest");
    println!("cargo:rerun-if-changed=assets/icons/pango-importer.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = env!("CARGO_PKG_VERSION");
    let mut parts = version.split('.').map(|p| p.parse::<u16>().unwrap_or(0));
    let macros = [
        format!("VERSION_MAJOR={}", parts.next().unwrap_or(0)),
        format!("VERSION_MINOR={}", parts.next().unwrap_or(0)),
        format!("VERSION_PATCH={}", parts.next().unwrap_or(0)),
    ];
    if let Err(e) = embed_resource::compile_for(
        "packaging/windows/pango-importer.rc",
        ["pango-importer"],
        &macros,
    )
    .manifest_required()
    {
        panic!("cannot compile the Windows resources of pango-importer.exe: {e}");
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}
