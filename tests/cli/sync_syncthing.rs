//! Two real Syncthing devices on loopback share a journal's folder; each
//! changes the journal with `keel` while they are apart, then they meet
//! again. Keel must absorb the conflict copies Syncthing makes so both
//! devices end with every decision, byte-identical journals and no copies.
//!
//! Needs Debian's `syncthing` on the PATH (`.ci/run` installs it and sets
//! `KEEL_REQUIRE_SYNCTHING=1`, so there a missing binary fails); elsewhere
//! the tests say they were skipped. Every address is 127.0.0.1: discovery,
//! relays, NAT, usage and crash reporting and upgrades are turned off in
//! `config.xml` before the first start.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const FOLDER_ID: &str = "keel-journal";
/// How long one wait for Syncthing may take before the test fails.
const WAIT_LIMIT: Duration = Duration::from_secs(90);

fn syncthing_available() -> bool {
    let found = Command::new("syncthing").arg("--version").output().is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("KEEL_REQUIRE_SYNCTHING").is_none(),
            "KEEL_REQUIRE_SYNCTHING is set but syncthing is not on the PATH"
        );
        eprintln!("skipped: syncthing is not installed (Debian: apt install syncthing)");
    }
    found
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// A minimal HTTP/1.1 request to a local Syncthing's REST API.
fn rest(port: u16, api_key: &str, method: &str, path_and_query: &str) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    let request = format!(
        "{method} {path_and_query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-API-Key: {api_key}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n").ok_or("no HTTP body")?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!("{method} {path_and_query}: {}", head.lines().next().unwrap_or_default()));
    }
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_owned() };
    if body.trim().is_empty() {
        Ok(Value::Null)
    } else {
        serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || after.len() < size {
            break;
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    out
}

/// One Syncthing device with its home, shared folder and ports.
struct Device {
    name: &'static str,
    home: PathBuf,
    folder: PathBuf,
    data_home: PathBuf,
    id: String,
    gui_port: u16,
    listen_port: u16,
    api_key: String,
    child: Option<Child>,
}

impl Device {
    fn generate(root: &Path, name: &'static str) -> Self {
        let home = root.join(name).join("syncthing");
        let folder = root.join(name).join("Sync");
        let data_home = root.join(name).join("local-data");
        fs::create_dir_all(&folder).expect("folder");
        fs::create_dir_all(&data_home).expect("data home");
        // The marker Syncthing wants in a folder before it syncs it.
        fs::create_dir_all(folder.join(".stfolder")).expect("marker");
        let output = Command::new("syncthing")
            .args(["generate", "--no-default-folder", "--skip-port-probing"])
            .arg(format!("--home={}", home.display()))
            .output()
            .expect("syncthing generate");
        assert!(output.status.success(), "generate: {}", String::from_utf8_lossy(&output.stderr));
        let printed = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        let id = printed
            .lines()
            .find_map(|line| line.split_once("Device ID:").map(|(_, id)| id.trim().to_owned()))
            .expect("a device id printed");
        Self {
            name,
            home,
            folder,
            data_home,
            id,
            gui_port: free_port(),
            listen_port: free_port(),
            api_key: format!("keel-test-{name}-key"),
            child: None,
        }
    }

    /// Writes the whole config before the first start: loopback only, no
    /// discovery, relays, NAT, reporting or upgrades.
    fn configure(&self, peer: &Device) {
        let device = |d: &Device| {
            format!(
                r#"<device id="{}" name="{}" compression="metadata" introducer="false"><address>tcp://127.0.0.1:{}</address><paused>false</paused><autoAcceptFolders>false</autoAcceptFolders></device>"#,
                d.id, d.name, d.listen_port
            )
        };
        let config = format!(
            r#"<configuration version="36">
    <folder id="{FOLDER_ID}" label="Keel" path="{folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="false" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{me}"></device>
        <device id="{peer_id}"></device>
        <minDiskFree unit="%">0</minDiskFree>
        <markerName>.stfolder</markerName>
        <!-- Syncthing's own default: without it a clash loses one side. -->
        <maxConflicts>10</maxConflicts>
    </folder>
    {my_device}
    {peer_device}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:{gui}</address>
        <apikey>{api_key}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <urURL></urURL>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <releasesURL></releasesURL>
        <crashReportingEnabled>false</crashReportingEnabled>
        <crashReportingURL></crashReportingURL>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunServer></stunServer>
        <announceLANAddresses>false</announceLANAddresses>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
"#,
            folder = self.folder.display(),
            me = self.id,
            peer_id = peer.id,
            my_device = device(self),
            peer_device = device(peer),
            gui = self.gui_port,
            api_key = self.api_key,
            listen = self.listen_port,
        );
        fs::write(self.home.join("config.xml"), config).expect("config");
    }

    fn start(&mut self) {
        let log = fs::File::create(self.home.join("syncthing.log")).expect("log");
        let child = Command::new("syncthing")
            .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
            .arg(format!("--home={}", self.home.display()))
            .env("STNOUPGRADE", "1")
            .env("STNODEFAULTFOLDER", "1")
            .env("STNORESTART", "1")
            // One process: without this, `serve` starts a monitor that runs
            // Syncthing as its child, which a kill of the monitor orphans.
            .env("STMONITORED", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("syncthing serve");
        self.child = Some(child);
        wait_for(&format!("{} to answer", self.name), || self.get("/rest/system/ping").is_ok());
    }

    fn get(&self, path: &str) -> Result<Value, String> {
        rest(self.gui_port, &self.api_key, "GET", path)
    }

    fn post(&self, path: &str) {
        rest(self.gui_port, &self.api_key, "POST", path).expect("REST call");
    }

    fn connected_to(&self, peer: &Device) -> bool {
        self.get("/rest/system/connections")
            .is_ok_and(|value| value["connections"][&peer.id]["connected"].as_bool() == Some(true))
    }

    /// Idle, nothing to pull, and the peer has everything this side has.
    fn in_sync_with(&self, peer: &Device) -> bool {
        let status = self.get(&format!("/rest/db/status?folder={FOLDER_ID}"));
        let completion = self.get(&format!("/rest/db/completion?folder={FOLDER_ID}&device={}", peer.id));
        match (status, completion) {
            (Ok(status), Ok(completion)) => {
                status["state"] == "idle"
                    && status["needTotalItems"].as_u64() == Some(0)
                    && status["pullErrors"].as_u64().unwrap_or(0) == 0
                    && completion["completion"].as_f64() == Some(100.0)
            }
            _ => false,
        }
    }

    fn journal(&self) -> PathBuf {
        self.folder.join("journal.ron")
    }

    /// `keel` on this device's journal, with its own local data folder (its
    /// backups outside the synced folder) and no parse cache.
    fn keel(&self, args: &[&str]) -> std::process::Output {
        // KEEL_BIN runs another build (an installed package, a copy).
        let keel =
            std::env::var_os("KEEL_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_keel")), PathBuf::from);
        let mut command = self.clock_command(keel);
        let output = command
            .arg("--journal")
            .arg(self.journal())
            .args(args)
            .env("XDG_DATA_HOME", &self.data_home)
            .env("KEEL_CACHE_DIR", "")
            .env_remove("KEEL_PASSPHRASE")
            .output()
            .expect("keel runs");
        assert!(output.status.success(), "keel {args:?} on {}: {}", self.name, String::from_utf8_lossy(&output.stderr));
        output
    }

    /// A command for `program` run on this device's clock: the desktop's
    /// runs two hours slow (through Debian's `faketime`, which `.ci/run`
    /// installs; without it, on the real clock), so merging can be seen not
    /// to trust clocks.
    fn clock_command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        if self.name == "desktop" && faketime_available() {
            let mut command = Command::new("faketime");
            command.arg("-f").arg("-2h").arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    /// Deletes the decision titled `title` as the window does (through the
    /// journal's store), in a child process with this device's data folder.
    fn delete(&self, title: &str) {
        self.run_helper("KEEL_TEST_DELETE_TITLE", title);
    }

    /// Undoes the deletion of `title` as the window's undo does: the
    /// decision put back as it was (from the newest backup that holds it).
    fn undelete(&self, title: &str) {
        self.run_helper("KEEL_TEST_UNDELETE_TITLE", title);
    }

    fn run_helper(&self, variable: &str, title: &str) {
        // The test binary runs again as the helper: named by its path in
        // the binary ("sync_syncthing::delete_helper"), or `--exact`
        // would match no test and the helper would do nothing.
        fn helper_test_name() -> String {
            let module = module_path!().split_once("::").map_or("", |(_, rest)| rest);
            format!("{module}::delete_helper")
        }
        let output = self
            .clock_command(std::env::current_exe().expect("test binary"))
            .args(["--exact", &helper_test_name(), "--nocapture"])
            .env("KEEL_TEST_DELETE_FROM", self.journal())
            .env(variable, title)
            .env("XDG_DATA_HOME", &self.data_home)
            .output()
            .expect("helper runs");
        assert!(
            output.status.success(),
            "{variable} on {}: {}{}",
            self.name,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn titles(&self) -> BTreeSet<String> {
        let output = self.keel(&["list", "--format", "json"]);
        let list: Value = serde_json::from_slice(&output.stdout).expect("json");
        list.as_array().expect("array").iter().map(|d| d["title"].as_str().expect("title").to_owned()).collect()
    }

    fn conflict_copies(&self) -> Vec<String> {
        fs::read_dir(&self.folder)
            .expect("list")
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("sync-conflict"))
            .collect()
    }

    fn log_tail(&self) -> String {
        let log = fs::read_to_string(self.home.join("syncthing.log")).unwrap_or_default();
        log.lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n")
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // A bounded run: the process never outlives the test.
            rest(self.gui_port, &self.api_key, "POST", "/rest/system/shutdown").ok();
            if child.kill().is_ok() {
                child.wait().ok();
            }
        }
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < WAIT_LIMIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Two devices, configured, started and connected.
fn pair(root: &Path) -> (Device, Device) {
    let mut laptop = Device::generate(root, "laptop");
    let mut desktop = Device::generate(root, "desktop");
    laptop.configure(&desktop);
    desktop.configure(&laptop);
    laptop.start();
    desktop.start();
    wait_for("the devices to connect", || laptop.connected_to(&desktop) && desktop.connected_to(&laptop));
    (laptop, desktop)
}

fn rescan_and_settle(laptop: &Device, desktop: &Device) {
    for device in [laptop, desktop] {
        device.post(&format!("/rest/db/scan?folder={FOLDER_ID}"));
    }
    // Status lags a little behind a scan: in sync twice in a row, a moment apart.
    let start = Instant::now();
    let mut calm = 0;
    while calm < 5 {
        assert!(
            start.elapsed() < WAIT_LIMIT,
            "timed out waiting for the devices to sync\nlaptop:\n{}\ndesktop:\n{}",
            laptop.log_tail(),
            desktop.log_tail()
        );
        // Connected too: a device that dropped the link reports stale
        // completion for its peer.
        let settled = laptop.connected_to(desktop)
            && desktop.connected_to(laptop)
            && laptop.in_sync_with(desktop)
            && desktop.in_sync_with(laptop);
        calm = if settled { calm + 1 } else { 0 };
        std::thread::sleep(Duration::from_millis(400));
    }
}

/// What Syncthing's file watcher would do after a local change: scan, then
/// wait until the device is idle again, so the change has a version.
fn scan_alone(device: &Device) {
    device.post(&format!("/rest/db/scan?folder={FOLDER_ID}"));
    wait_for(&format!("{} to finish scanning", device.name), || {
        device.get(&format!("/rest/db/status?folder={FOLDER_ID}")).is_ok_and(|status| status["state"] == "idle")
    });
}

fn set_paused(laptop: &Device, desktop: &Device, paused: bool) {
    let verb = if paused { "pause" } else { "resume" };
    laptop.post(&format!("/rest/system/{verb}?device={}", desktop.id));
    desktop.post(&format!("/rest/system/{verb}?device={}", laptop.id));
    if paused {
        wait_for("the devices to part", || !laptop.connected_to(desktop) && !desktop.connected_to(laptop));
    } else {
        wait_for("the devices to reconnect", || laptop.connected_to(desktop) && desktop.connected_to(laptop));
    }
}

/// After a round apart, one `keel` write on either device absorbs what
/// Syncthing made of the clash; then both settle.
fn meet_again(laptop: &Device, desktop: &Device, absorb_on: &Device, title: &str) {
    scan_alone(laptop);
    scan_alone(desktop);
    set_paused(laptop, desktop, false);
    // Twice: the conflict copy a pull makes is only announced by the next
    // scan (the test turns Syncthing's file watcher off to stay in step).
    rescan_and_settle(laptop, desktop);
    rescan_and_settle(laptop, desktop);
    let copies = absorb_on.conflict_copies();
    let output = absorb_on.keel(&["add", "--title", title, "--date", "2026-11-30"]);
    let said = String::from_utf8_lossy(&output.stderr);
    for copy in &copies {
        assert!(said.contains(copy.as_str()), "{copy} was beside the journal, yet keel said: {said:?}");
    }
    rescan_and_settle(laptop, desktop);
    rescan_and_settle(laptop, desktop);
}

#[test]
fn decisions_made_apart_on_two_devices_all_reach_both() {
    if !syncthing_available() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let (laptop, desktop) = pair(root.path());
    laptop.keel(&["add", "--title", "First, before parting", "--date", "2026-11-28"]);
    rescan_and_settle(&laptop, &desktop);
    assert_eq!(desktop.titles(), laptop.titles());

    set_paused(&laptop, &desktop, true);
    laptop.keel(&["add", "--title", "Written on the laptop", "--date", "2026-11-29", "--style", "leadership"]);
    desktop.keel(&["add", "--title", "Written on the desktop", "--date", "2026-11-29", "--style", "management"]);
    meet_again(&laptop, &desktop, &desktop, "Absorbed on desktop");

    let expected: BTreeSet<String> =
        ["First, before parting", "Written on the laptop", "Written on the desktop", "Absorbed on desktop"]
            .map(str::to_owned)
            .into();
    assert_eq!(laptop.titles(), expected);
    assert_eq!(desktop.titles(), expected);
    assert_eq!(fs::read(laptop.journal()).expect("laptop"), fs::read(desktop.journal()).expect("desktop"));
    assert!(laptop.conflict_copies().is_empty(), "{:?}", laptop.conflict_copies());
    assert!(desktop.conflict_copies().is_empty(), "{:?}", desktop.conflict_copies());
    assert!(!laptop.folder.join("backups").exists(), "backups stay on each computer, outside the synced folder");
}

/// Whether Debian's `faketime` is there to run the desktop on a slow clock.
fn faketime_available() -> bool {
    Command::new("faketime").args(["-f", "-2h", "true"]).output().is_ok_and(|out| out.status.success())
}

/// Not a test of its own: the child process [`Device::delete`] and
/// [`Device::undelete`] run.
#[test]
fn delete_helper() {
    let Some(journal) = std::env::var_os("KEEL_TEST_DELETE_FROM") else { return };
    let store = keel::storage::Store::new(PathBuf::from(journal)).with_cache(None);
    store.absorb_copies().expect("copies merged first, as every writer does");
    if let Ok(title) = std::env::var("KEEL_TEST_UNDELETE_TITLE") {
        let decision = store
            .backups()
            .expect("listed")
            .iter()
            .find_map(|backup| {
                let held = store.read_backup(backup).ok()?;
                held.journal.decisions().iter().find(|d| d.title == title).cloned()
            })
            .expect("a backup holds it");
        store
            .update(|journal| {
                journal.push(decision);
                Ok::<(), keel::storage::StorageError>(())
            })
            .expect("put back");
        return;
    }
    let Ok(title) = std::env::var("KEEL_TEST_DELETE_TITLE") else { return };
    store
        .update(|journal| {
            let id = journal.decisions().iter().find(|d| d.title == title).map(|d| d.id.clone()).expect("present");
            journal.remove(&id);
            Ok::<(), keel::storage::StorageError>(())
        })
        .expect("deleted");
}

/// A small deterministic generator, so a failing soak can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).expect("small")
    }
}

#[test]
fn twenty_rounds_of_offline_adds_edits_and_deletes_converge() {
    if !syncthing_available() {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let (laptop, desktop) = pair(root.path());
    let mut rng = Rng(0x5eed_cafe_f00d);
    // What every acknowledged change says the journal should hold.
    let mut expected: BTreeSet<String> = BTreeSet::new();
    // Decisions each device deleted last round (the deletion has reached
    // the other device since), to bring back.
    let mut deleted_earlier: Vec<(&str, String)> = Vec::new();
    let mut undone = 0;
    let rounds = std::env::var("KEEL_SOAK_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(20);
    for round in 0..rounds {
        set_paused(&laptop, &desktop, true);
        let mut deleted_now: Vec<(&str, String)> = Vec::new();
        for device in [&laptop, &desktop] {
            // Adds (each device its own titles, so nothing clashes by name).
            for n in 0..=rng.below(2) {
                let title = format!("r{round} {} add {n}", device.name);
                device.keel(&["add", "--title", &title, "--date", "2026-11-20"]);
                expected.insert(title);
            }
            // A review recorded on one of this device's own decisions edits it.
            let own: Vec<String> =
                expected.iter().filter(|t| t.contains(device.name) && !t.contains("reviewed")).cloned().collect();
            if !own.is_empty() && rng.below(2) == 0 {
                let pick = own[rng.below(own.len())].clone();
                let listed = device.keel(&["list", "--format", "json", "--search", &pick]);
                let list: Value = serde_json::from_slice(&listed.stdout).expect("json");
                if let Some(id) = list
                    .as_array()
                    .and_then(|all| all.iter().find(|d| d["title"] == pick.as_str()))
                    .and_then(|d| d["id"].as_str())
                {
                    device.keel(&["review", "record", id, "--result", "as-expected", "--outcome", "Went fine"]);
                }
            }
            // Now and then a deletion of one of this device's own decisions.
            let own: Vec<String> = expected.iter().filter(|t| t.contains(device.name)).cloned().collect();
            if !own.is_empty() && rng.below(3) == 0 {
                let pick = own[rng.below(own.len())].clone();
                device.delete(&pick);
                expected.remove(&pick);
                deleted_now.push((device.name, pick));
            }
            // And now and then a deletion made rounds ago undone, while the
            // other device still holds that deletion: the undo must stand.
            if let Some(at) = deleted_earlier.iter().position(|(name, _)| *name == device.name)
                && rng.below(2) == 0
            {
                let (_, title) = deleted_earlier.remove(at);
                device.undelete(&title);
                expected.insert(title);
                undone += 1;
            }
        }
        // Only last round's: older backups rotate away, as the window's
        // undo history ends too.
        deleted_earlier = deleted_now;
        let absorb_on = if round % 2 == 0 { &laptop } else { &desktop };
        let title = format!("r{round} absorbed on {}", absorb_on.name);
        meet_again(&laptop, &desktop, absorb_on, &title);
        expected.insert(title);
        // Every round, so a failure names the round it happened in.
        for device in [&laptop, &desktop] {
            let titles = device.titles();
            assert!(
                titles == expected,
                "round {round}, {}: missing {:?}, unexpected {:?}\nfiles: {:?}\nlog:\n{}",
                device.name,
                expected.difference(&titles).collect::<Vec<_>>(),
                titles.difference(&expected).collect::<Vec<_>>(),
                fs::read_dir(&device.folder).expect("list").map(|e| e.expect("entry").file_name()).collect::<Vec<_>>(),
                device.log_tail()
            );
        }
    }
    assert_eq!(laptop.titles(), expected);
    assert_eq!(desktop.titles(), expected);
    assert_eq!(fs::read(laptop.journal()).expect("laptop"), fs::read(desktop.journal()).expect("desktop"));
    assert!(laptop.conflict_copies().is_empty() && desktop.conflict_copies().is_empty());
    println!(
        "soak over Syncthing: {rounds} rounds, {undone} deletions undone after syncing, desktop clock {}",
        if faketime_available() { "two hours slow" } else { "true (no faketime)" }
    );
}
