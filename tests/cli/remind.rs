//! `keel remind` against a real D-Bus session bus: a private `dbus-daemon`
//! started here, and a notification server written here (zbus) that
//! records every `Notify` call. Also `--install` / `--uninstall` in a
//! scratch configuration folder, checked with `systemd-analyze verify`.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

/// One `Notify` call as the server received it.
#[derive(Debug, Clone)]
struct Notified {
    app_name: String,
    app_icon: String,
    summary: String,
    body: String,
    actions: Vec<String>,
    desktop_entry: Option<String>,
}

struct Server {
    calls: Arc<Mutex<Vec<Notified>>>,
    /// Signals to send back, by notification id (sent from a thread).
    closing: std::sync::mpsc::Sender<u32>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
#[expect(
    clippy::unused_self,
    clippy::needless_pass_by_value,
    reason = "the D-Bus method signatures, as zbus's interface macro takes them"
)]
impl Server {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".to_owned(), "actions".to_owned()]
    }

    #[expect(clippy::too_many_arguments, reason = "the freedesktop method's signature")]
    fn notify(
        &mut self,
        app_name: String,
        replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, zbus::zvariant::OwnedValue>,
        expire_timeout: i32,
    ) -> u32 {
        assert_eq!(replaces_id, 0, "each reminder is a new notification");
        assert!(expire_timeout >= -1, "the server's default or a real timeout");
        let desktop_entry = hints.get("desktop-entry").and_then(|value| String::try_from(value.clone()).ok());
        let mut calls = self.calls.lock().expect("not poisoned");
        calls.push(Notified { app_name, app_icon, summary, body, actions, desktop_entry });
        let id = u32::try_from(calls.len()).expect("few");
        self.closing.send(id).expect("the closer runs");
        id
    }

    fn close_notification(&self, id: u32) {
        assert!(id > 0, "Keel closes only what it showed");
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("keel-test".to_owned(), "keel".to_owned(), "1".to_owned(), "1.2".to_owned())
    }
}

/// A private session bus with the recording server on it.
struct Bus {
    daemon: Child,
    address: String,
    calls: Arc<Mutex<Vec<Notified>>>,
    _connection: zbus::blocking::Connection,
}

impl Bus {
    fn start(folder: &Path) -> Self {
        let address = format!("unix:path={}", folder.join("bus").display());
        let mut daemon = Process::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address", &format!("--address={address}")])
            .stdout(Stdio::piped())
            // It says it cannot raise its file limit, which a test bus needs not.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (Debian's dbus-daemon package; .ci/run installs it)");
        let mut line = String::new();
        BufReader::new(daemon.stdout.take().expect("piped")).read_line(&mut line).expect("the bus address");
        let address = line.trim().to_owned();
        let calls = Arc::new(Mutex::new(Vec::new()));
        let (closing, closed) = std::sync::mpsc::channel::<u32>();
        let server = Server { calls: Arc::clone(&calls), closing };
        let connection = zbus::blocking::connection::Builder::address(address.as_str())
            .expect("an address")
            .name("org.freedesktop.Notifications")
            .expect("a name")
            .serve_at("/org/freedesktop/Notifications", server)
            .expect("served")
            .build()
            .expect("connected");
        // The notification "expires" at once: `--wait-for-click` must then
        // stop waiting. Sent a few times, since the client subscribes to
        // the signal only after its `Notify` returns.
        let signals = connection.clone();
        std::thread::spawn(move || {
            for id in closed {
                for _ in 0..20 {
                    std::thread::sleep(Duration::from_millis(100));
                    if signals
                        .emit_signal(
                            None::<&str>,
                            "/org/freedesktop/Notifications",
                            "org.freedesktop.Notifications",
                            "NotificationClosed",
                            &(id, 1_u32),
                        )
                        .is_err()
                    {
                        return;
                    }
                }
            }
        });
        Self { daemon, address, calls, _connection: connection }
    }

    fn calls(&self) -> Vec<Notified> {
        self.calls.lock().expect("not poisoned").clone()
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        if let Err(error) = self.daemon.kill() {
            eprintln!("dbus-daemon already gone: {error}");
        }
        if let Err(error) = self.daemon.wait() {
            eprintln!("dbus-daemon not reaped: {error}");
        }
    }
}

/// A scratch home: journal, configuration and state folders of its own.
struct Home {
    folder: tempfile::TempDir,
    journal: PathBuf,
}

impl Home {
    fn new() -> Self {
        let folder = tempfile::tempdir().expect("temp dir");
        let journal = folder.path().join("journal.ron");
        Self { folder, journal }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.folder.path().join(name)
    }

    /// `keel` with every folder in this home, and `bus` (or none) as the
    /// session bus.
    fn keel(&self, bus: Option<&Bus>) -> Command {
        let mut command = Command::cargo_bin("keel").expect("binary built");
        let runtime = self.path("runtime");
        std::fs::create_dir_all(&runtime).expect("runtime folder");
        command
            .arg("--journal")
            .arg(&self.journal)
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_STATE_HOME", self.path("state"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("KEEL_CACHE_DIR", "")
            .env_remove("KEEL_PASSPHRASE")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        match bus {
            Some(bus) => command.env("DBUS_SESSION_BUS_ADDRESS", &bus.address),
            None => command.env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", self.path("no-bus").display())),
        };
        command
    }

    fn add(&self, args: &[&str]) {
        let output = self.keel(None).arg("add").args(args).output().expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }

    /// `keel remind --format json`, today.
    fn remind(&self, bus: Option<&Bus>, extra: &[&str]) -> Value {
        let output = self.keel(bus).args(["remind", "--format", "json"]).args(extra).output().expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).expect("one JSON object")
    }

    /// Sets the weekday of the reflection reminder: today's, or another.
    fn reflect_today(&self, today_is_the_day: bool) {
        let day = if today_is_the_day { today() } else { day(-1) };
        let name = format!("{:?}", day.weekday()).to_lowercase();
        let folder = self.path("config").join("keel");
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(
            folder.join("reminders.json"),
            format!(r#"{{"enabled": false, "at": "17:00", "reflect_on": "{name}"}}"#),
        )
        .expect("written");
    }
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// The day `days_ago` days before today (negative: after), as text.
fn day(days_ago: i64) -> jiff::civil::Date {
    today().checked_sub(jiff::Span::new().days(days_ago)).expect("in range")
}

fn confident_team(home: &Home, managed: usize, led: usize) {
    for (at, style) in
        std::iter::repeat_n("management", managed).chain(std::iter::repeat_n("leadership", led)).enumerate()
    {
        let ago = i64::try_from(at % 7).expect("small") + 1;
        home.add(&[
            "--title",
            &format!("Team call {at}"),
            "--date",
            &day(ago).to_string(),
            "--style",
            style,
            "--situation",
            "confident-team",
        ]);
    }
}

fn assert_from_keel(call: &Notified) {
    assert_eq!(call.app_name, "Keel");
    assert_eq!(call.app_icon, "io.github.keel_journal.Keel");
    assert_eq!(call.desktop_entry.as_deref(), Some("io.github.keel_journal.Keel"));
    assert_eq!(call.actions.first().map(String::as_str), Some("default"), "{:?}", call.actions);
}

fn due_reviews(home: &Home) {
    for (title, due_ago) in [("Froze the scope for 4.2", 7), ("Hired a contractor", 6), ("Not due yet", -14)] {
        home.add(&["--title", title, "--date", &day(40).to_string(), "--review-on", &day(due_ago).to_string()]);
    }
}

#[test]
fn due_reviews_are_sent_once_a_day_with_their_titles_and_open_the_review_page() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    due_reviews(&home);

    let outcome = home.remind(Some(&bus), &["--wait-for-click"]);
    assert_eq!(outcome["sent"], true, "{outcome}");
    assert_eq!(outcome["kind"], "reviews");
    assert_eq!(outcome["action_page"], "review");
    let calls = bus.calls();
    assert_eq!(calls.len(), 1);
    assert_from_keel(&calls[0]);
    assert_eq!(calls[0].actions.get(1).map(String::as_str), Some("Open Review"));
    assert!(calls[0].summary.contains('2'), "{}", calls[0].summary);
    assert!(calls[0].body.contains("Froze the scope for 4.2") && calls[0].body.contains("Hired a contractor"));
    assert!(!calls[0].body.contains("Not due yet"));

    // The same day again: nothing more, even with something still due.
    let again = home.remind(Some(&bus), &[]);
    assert_eq!(again["sent"], false, "{again}");
    assert_eq!(again["kind"], Value::Null);
    assert_eq!(bus.calls().len(), 1, "one reminder a day");
    // Once the day on record is over, it comes again.
    let record = home.path("state").join("keel").join("last-reminder.json");
    let text = std::fs::read_to_string(&record).expect("a record in the state folder");
    std::fs::write(&record, text.replace(&today().to_string(), &day(1).to_string())).expect("written");
    assert_eq!(home.remind(Some(&bus), &[])["kind"], "reviews");
    assert_eq!(bus.calls().len(), 2);
}

#[test]
fn the_weekly_reflection_comes_on_its_weekday_until_the_week_has_one() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    home.add(&["--title", "Moved the launch", "--date", &today().to_string(), "--style", "leadership"]);
    home.reflect_today(false);
    assert_eq!(home.remind(Some(&bus), &[])["kind"], Value::Null, "not its day");
    home.reflect_today(true);
    let outcome = home.remind(Some(&bus), &[]);
    assert_eq!(outcome["kind"], "reflection", "{outcome}");
    assert_eq!(outcome["action_page"], "week");
    let calls = bus.calls();
    assert_eq!(calls.len(), 1);
    assert_from_keel(&calls[0]);
    assert_eq!(calls[0].actions.get(1).map(String::as_str), Some("Open This week"));
    assert_eq!(calls[0].summary, outcome["summary"].as_str().expect("a summary"));

    // Answered, the week needs no reminder.
    let reflected = home.keel(None).args(["reflect", "--answer", "It went well enough."]).output().expect("runs");
    assert!(reflected.status.success(), "{}", String::from_utf8_lossy(&reflected.stderr));
    assert_eq!(home.remind(Some(&bus), &["--dry-run"])["kind"], Value::Null, "the week has its reflection");
}

#[test]
fn a_goal_falling_behind_near_its_end_is_named() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    home.reflect_today(false);
    let goal = home
        .keel(None)
        .args(["goal", "add", "--title", "Let the team own calls", "--kind", "fit", "--situation", "confident-team"])
        .args(["--min", "70", "--from", &day(40).to_string(), "--until", &day(-5).to_string()])
        .output()
        .expect("runs");
    assert!(goal.status.success(), "{}", String::from_utf8_lossy(&goal.stderr));
    confident_team(&home, 4, 2);
    let outcome = home.remind(Some(&bus), &[]);
    assert_eq!(outcome["kind"], "goal", "{outcome}");
    assert_eq!(outcome["action_page"], "week");
    let calls = bus.calls();
    assert_from_keel(&calls[0]);
    assert!(calls[0].summary.contains("Let the team own calls") || calls[0].body.contains("Let the team own calls"));
}

#[test]
fn a_solid_pattern_is_told_only_with_five_decisions_behind_it() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    home.reflect_today(false);
    confident_team(&home, 3, 1);
    assert_eq!(home.remind(Some(&bus), &["--dry-run"])["kind"], Value::Null, "four are too few");
    home.add(&[
        "--title",
        "One more call",
        "--date",
        &day(2).to_string(),
        "--style",
        "management",
        "--situation",
        "confident-team",
    ]);
    let outcome = home.remind(Some(&bus), &[]);
    assert_eq!(outcome["kind"], "pattern", "{outcome}");
    let calls = bus.calls();
    assert_eq!(calls.len(), 1, "the dry run sent nothing");
    assert_from_keel(&calls[0]);
    assert!(calls[0].body.contains("4 of 5") || calls[0].summary.contains("4 of 5"), "{calls:?}");
}

#[test]
fn an_empty_journal_sends_nothing_even_on_the_reflection_day() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    home.reflect_today(true);
    let outcome = home.remind(Some(&bus), &[]);
    assert_eq!(outcome["sent"], false);
    assert_eq!(outcome["kind"], Value::Null);
    assert!(bus.calls().is_empty());
}

#[test]
fn an_encrypted_journal_without_its_passphrase_gets_only_the_weekly_reminder_with_nothing_from_inside() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    due_reviews(&home);
    let encrypted = home.keel(None).arg("encrypt").env("KEEL_NEW_PASSPHRASE", "correct horse").output().expect("runs");
    assert!(encrypted.status.success(), "{}", String::from_utf8_lossy(&encrypted.stderr));

    home.reflect_today(false);
    assert_eq!(home.remind(Some(&bus), &[])["kind"], Value::Null, "nothing but the weekly one");
    home.reflect_today(true);
    let outcome = home.remind(Some(&bus), &[]);
    assert_eq!(outcome["kind"], "reflection", "{outcome}");
    let calls = bus.calls();
    assert_eq!(calls.len(), 1);
    assert!(!calls[0].body.contains("Froze") && !calls[0].summary.contains("Froze"), "{calls:?}");
}

#[test]
fn without_a_notification_service_the_reminder_is_printed_and_the_command_succeeds() {
    let home = Home::new();
    due_reviews(&home);
    let output = home.keel(None).args(["remind"]).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Froze the scope for 4.2") && text.contains("keel --page review"), "{text}");
    let again = home.remind(None, &[]);
    assert_eq!(again["kind"], Value::Null, "printed for a person (or cron) counts as reminded: {again}");
}

#[test]
fn the_scheduler_without_a_notification_service_does_not_use_up_the_day() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    due_reviews(&home);
    // At login, before the desktop's notification service is up.
    let early = home.remind(None, &["--wait-for-click"]);
    assert_eq!((early["sent"].clone(), early["via"].clone()), (Value::Bool(false), Value::from("printed")), "{early}");
    let later = home.remind(Some(&bus), &["--wait-for-click"]);
    assert_eq!(later["sent"], true, "{later}");
    assert_eq!(bus.calls().len(), 1);
}

#[test]
fn a_dry_run_says_what_it_would_send_and_remembers_nothing() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    due_reviews(&home);
    let text = home.keel(Some(&bus)).args(["remind", "--dry-run"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&text.stdout).contains("Froze the scope for 4.2"));
    let outcome = home.remind(Some(&bus), &["--dry-run"]);
    assert_eq!((outcome["sent"].clone(), outcome["kind"].clone()), (Value::Bool(false), Value::from("reviews")));
    // As if it were a day before anything was due.
    let before = home.remind(Some(&bus), &["--dry-run", "--date", &day(30).to_string()]);
    assert_eq!(before["kind"], Value::Null, "{before}");
    assert!(bus.calls().is_empty());
    assert_eq!(home.remind(Some(&bus), &[])["sent"], true, "the dry runs did not count");
    // A day chosen by hand is only ever a dry run.
    let refused = home.keel(Some(&bus)).args(["remind", "--date", &today().to_string()]).output().expect("runs");
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_sample_journal_is_shown_never_sent() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    let output = home.keel(Some(&bus)).args(["--demo", "remind", "--format", "json"]).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let outcome: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(outcome["sent"], false, "{outcome}");
    assert!(bus.calls().is_empty());
    assert!(!home.path("state").join("keel").join("last-reminder.json").exists());
}

#[test]
fn waiting_for_a_click_ends_when_the_notification_closes() {
    let home = Home::new();
    let bus = Bus::start(home.folder.path());
    due_reviews(&home);
    let started = Instant::now();
    home.remind(Some(&bus), &["--wait-for-click"]);
    assert!(started.elapsed() < Duration::from_mins(1), "it stopped waiting once the notification closed");
}

fn files_under(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_owned()];
    while let Some(next) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else { continue };
        for entry in entries {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(folder).expect("inside").display().to_string());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn install_writes_units_the_verifier_accepts_and_uninstall_removes_only_them() {
    let home = Home::new();
    let config = home.path("config");
    std::fs::create_dir_all(config.join("systemd/user")).expect("folder");
    std::fs::write(config.join("systemd/user/other.timer"), "[Timer]\nOnCalendar=daily\n").expect("written");
    std::fs::create_dir_all(config.join("autostart")).expect("folder");
    std::fs::write(config.join("autostart/other.desktop"), "[Desktop Entry]\n").expect("written");
    let before = files_under(&config);

    for _ in 0..2 {
        let output = home.keel(None).args(["remind", "--install", "--at", "08:30"]).output().expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(said.contains("keel-remind.timer") && said.contains("reminders.json"), "{said}");
        assert!(said.contains(&format!("It reads the journal at {}", home.journal.display())), "{said}");
    }
    let units = config.join("systemd/user");
    let timer = std::fs::read_to_string(units.join("keel-remind.timer")).expect("the timer");
    assert!(timer.contains("OnCalendar=*-*-* 08:30:00") && timer.contains("Persistent=true"), "{timer}");
    let service = std::fs::read_to_string(units.join("keel-remind.service")).expect("the service");
    assert!(service.contains("remind --wait-for-click"), "{service}");
    // The test's runtime folder has no systemd: the login entry is written.
    let autostart = config.join("autostart/io.github.keel_journal.Keel.Reminder.desktop");
    assert!(std::fs::read_to_string(&autostart).expect("autostart").contains("remind --wait-for-click"));
    let settings = std::fs::read_to_string(config.join("keel/reminders.json")).expect("settings");
    assert!(settings.contains("\"enabled\": true") && settings.contains("08:30"), "{settings}");
    assert!(settings.contains("journal.ron"), "the timer reads the journal --install was given: {settings}");

    let verify = Process::new("systemd-analyze")
        .args(["verify", "--user"])
        .arg(units.join("keel-remind.service"))
        .arg(units.join("keel-remind.timer"))
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_RUNTIME_DIR", home.path("runtime"))
        .output()
        .expect("systemd-analyze runs (Debian's systemd package; .ci/run installs it)");
    assert!(
        verify.status.success() && verify.stderr.is_empty(),
        "systemd-analyze: {}",
        String::from_utf8_lossy(&verify.stderr)
    );

    for _ in 0..2 {
        let output = home.keel(None).args(["remind", "--uninstall"]).output().expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let after: Vec<String> = files_under(&config).into_iter().filter(|file| file != "keel/reminders.json").collect();
    assert_eq!(after, before, "only Keel's files came and went");
    let settings = std::fs::read_to_string(config.join("keel/reminders.json")).expect("settings");
    assert!(settings.contains("\"enabled\": false"), "{settings}");
}
