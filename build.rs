//! Build script: for Windows targets, embeds Keel's icon and version
//! information in `keel.exe` (`packaging/windows/keel.rc`, compiled with
//! mingw's windres, or rc.exe with MSVC). Nothing for other targets.

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed=packaging/windows/keel.rc");
    println!("cargo:rerun-if-changed=packaging/windows/keel.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return Ok(());
    }
    // The version shown in the file's properties is Cargo.toml's.
    let version = std::env::var("CARGO_PKG_VERSION")?;
    let mut numbers: Vec<&str> = version.split(['.', '-', '+']).take(3).collect();
    numbers.resize(3, "0");
    let macros = [format!("KEEL_VERSION={},0", numbers.join(",")), format!("KEEL_VERSION_TEXT={version}")];
    embed_resource::compile("packaging/windows/keel.rc", &macros).manifest_optional()?;
    Ok(())
}
