//! The scheduler entry that runs `keel remind` while Keel is closed.
//!
//! - Linux: a systemd **user** timer and service (`Persistent=true`, so a
//!   day the computer was off gets its reminder at the next login), started
//!   with `systemctl --user`. Where there is no systemd user session, an XDG
//!   autostart entry runs `keel remind` at login instead.
//! - macOS: a `LaunchAgent` with a calendar interval.
//! - Windows: a Task Scheduler task, made with `schtasks`.
//!
//! Installing and removing are idempotent, touch only Keel's own files (each
//! carries a marker line; a file without it is never overwritten or
//! removed) and return sentences saying what was written or removed where.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Places, RemindError, ReminderSettings};

/// The systemd user service's file name.
pub const SERVICE_NAME: &str = "keel-remind.service";
/// The systemd user timer's file name.
pub const TIMER_NAME: &str = "keel-remind.timer";
/// The XDG autostart entry's file name.
pub const AUTOSTART_NAME: &str = "io.github.keel_journal.Keel.Reminder.desktop";
/// The macOS `LaunchAgent`'s label (its file is this plus `.plist`).
pub const LAUNCH_AGENT_LABEL: &str = "io.github.keel_journal.Keel.Reminder";
/// The Windows task's name.
pub const WINDOWS_TASK_NAME: &str = "Keel reminder";

/// The line that marks a file as Keel's own.
const MARKER: &str = "Written by `keel remind --install`; `keel remind --uninstall` removes it.";

/// The arguments the scheduler gives Keel: it stays a while after the
/// notification, so a click on it can open the window.
pub const REMIND_ARGS: [&str; 2] = ["remind", "--wait-for-click"];

/// Where the systemd user units go.
#[must_use]
pub fn units_folder(places: &Places) -> PathBuf {
    places.config_home.join("systemd").join("user")
}

/// Where the XDG autostart entry goes.
#[must_use]
pub fn autostart_file(places: &Places) -> PathBuf {
    places.config_home.join("autostart").join(AUTOSTART_NAME)
}

/// Where the macOS `LaunchAgent` goes.
#[must_use]
pub fn launch_agent_file(places: &Places) -> PathBuf {
    places.home.join("Library").join("LaunchAgents").join(format!("{LAUNCH_AGENT_LABEL}.plist"))
}

/// Whether the scheduler entry is in place (its file, where it has one;
/// on Windows, where Task Scheduler keeps it, the settings are trusted).
#[must_use]
pub fn is_installed(places: &Places) -> bool {
    if cfg!(target_os = "macos") {
        launch_agent_file(places).is_file()
    } else if cfg!(windows) {
        true
    } else {
        units_folder(places).join(TIMER_NAME).is_file()
    }
}

/// `program` quoted as the format reads a path, then [`REMIND_ARGS`].
fn command_line(program: &Path, quote: fn(&str) -> String) -> String {
    format!("{} {}", quote(&program.to_string_lossy()), REMIND_ARGS.join(" "))
}

/// The systemd user service that runs `keel remind`.
#[must_use]
pub fn service_unit(program: &Path) -> String {
    let command = command_line(program, systemd_quote);
    // KillMode=process: the window a click opens outlives the oneshot
    // service that started it (the default would stop it with the unit).
    format!(
        "# {MARKER}\n[Unit]\nDescription=Keel: a reminder from your decision journal\n\
         After=graphical-session.target\n\n\
         [Service]\nType=oneshot\nExecStart={command}\nKillMode=process\n"
    )
}

/// The systemd user timer that starts the service every day at `settings.at`.
#[must_use]
pub fn timer_unit(settings: &ReminderSettings) -> String {
    let at = settings.at_text();
    format!(
        "# {MARKER}\n[Unit]\nDescription=Keel: a daily reminder from your decision journal at {at}\n\n\
         [Timer]\nOnCalendar=*-*-* {at}:00\n# A day the computer was off gets its reminder at the next login.\n\
         Persistent=true\n\n[Install]\nWantedBy=timers.target\n"
    )
}

/// The XDG autostart entry that runs `keel remind` at login.
#[must_use]
pub fn autostart_entry(program: &Path) -> String {
    let command = command_line(program, desktop_quote);
    format!(
        "# {MARKER}\n[Desktop Entry]\nType=Application\nName=Keel reminder\n\
         Comment=A reminder from your decision journal when you log in\nExec={command}\n\
         Icon={}\nNoDisplay=true\nTerminal=false\nX-GNOME-Autostart-enabled=true\n",
        crate::APP_ID
    )
}

/// The macOS `LaunchAgent` that runs `keel remind` every day at `settings.at`.
#[must_use]
pub fn launch_agent(program: &Path, settings: &ReminderSettings) -> String {
    let arguments: String = std::iter::once(program.to_string_lossy().into_owned())
        .chain(REMIND_ARGS.iter().map(|arg| (*arg).to_owned()))
        .map(|arg| format!("    <string>{}</string>\n", super::escape_markup(&arg)))
        .collect::<Vec<_>>()
        .concat();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- {MARKER} -->\n<plist version=\"1.0\">\n<dict>\n\
         <key>Label</key><string>{LAUNCH_AGENT_LABEL}</string>\n<key>ProgramArguments</key>\n<array>\n{arguments}</array>\n\
         <key>StartCalendarInterval</key>\n<dict><key>Hour</key><integer>{}</integer><key>Minute</key><integer>{}</integer></dict>\n\
         </dict>\n</plist>\n",
        settings.at.hour(),
        settings.at.minute()
    )
}

/// The Windows task's definition (Task Scheduler's XML): every day at
/// `settings.at`, and, like systemd's `Persistent=true`, as soon as it can
/// after a day the computer was off at that time. (No marker comment: Wine's
/// Task Scheduler finds no task in a file whose first node is a comment.)
#[must_use]
pub fn windows_task_xml(program: &Path, settings: &ReminderSettings) -> String {
    let command = super::escape_markup(&program.to_string_lossy());
    let arguments = REMIND_ARGS.join(" ");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n\
         <Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n\
         <RegistrationInfo><Description>Keel: a daily reminder from your decision journal</Description></RegistrationInfo>\r\n\
         <Triggers><CalendarTrigger><StartBoundary>2000-01-01T{}:00</StartBoundary><Enabled>true</Enabled>\
         <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger></Triggers>\r\n\
         <Settings><StartWhenAvailable>true</StartWhenAvailable>\
         <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\
         <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\
         <ExecutionTimeLimit>PT15M</ExecutionTimeLimit><Enabled>true</Enabled></Settings>\r\n\
         <Actions Context=\"Author\"><Exec><Command>{command}</Command><Arguments>{arguments}</Arguments></Exec></Actions>\r\n\
         </Task>\r\n",
        settings.at_text()
    )
}

/// A program path as systemd reads the first word of `ExecStart`: quoted,
/// with `\`, `"`, the specifier sign `%` and the variable sign `$` escaped.
fn systemd_quote(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"").replace('%', "%%").replace('$', "$$");
    format!("\"{escaped}\"")
}

/// A program path as the desktop entry spec reads an `Exec` argument: quoted
/// with `"`, `` ` ``, `$` and `\` escaped, then the value's own `\` escaped,
/// and the field-code sign `%` doubled.
fn desktop_quote(text: &str) -> String {
    let mut quoted = String::from("\"");
    for character in text.chars() {
        if matches!(character, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(character);
    }
    quoted.push('"');
    quoted.replace('\\', "\\\\").replace('%', "%%")
}

/// Writes `text` to `path` unless a file there is not Keel's own.
fn write_ours(path: &Path, text: &str) -> Result<(), RemindError> {
    if path.exists() && !is_ours(path)? {
        return Err(RemindError::NotOurs { path: path.to_owned() });
    }
    crate::storage::write_atomically(path, |file| std::io::Write::write_all(file, text.as_bytes()))?;
    Ok(())
}

/// Removes `path` if it is Keel's own; says whether it was there.
fn remove_ours(path: &Path) -> Result<bool, RemindError> {
    if !path.exists() {
        return Ok(false);
    }
    if !is_ours(path)? {
        return Err(RemindError::NotOurs { path: path.to_owned() });
    }
    std::fs::remove_file(path).map_err(|source| RemindError::Io { path: path.to_owned(), source })?;
    Ok(true)
}

fn is_ours(path: &Path) -> Result<bool, RemindError> {
    let text = std::fs::read_to_string(path).map_err(|source| RemindError::Io { path: path.to_owned(), source })?;
    Ok(text.contains(MARKER))
}

/// Runs a service manager command; `Err` holds what it said.
fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let mut command = Command::new(program);
    command.args(args);
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt as _;
        /// No console window flashing up for schtasks (a console program)
        /// started from the windowed keel.exe.
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    match command.output() {
        Ok(output) if output.status.success() => Ok(()),
        Ok(output) => {
            let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            Err(if said.is_empty() { format!("{program} exited with {}", output.status) } else { said })
        }
        Err(error) => Err(format!("{program}: {error}")),
    }
}

/// Installs (or updates) the scheduler entry for `settings`, returning what
/// was done, a sentence each.
///
/// # Errors
/// A file could not be written, or one in the way is not Keel's.
pub fn install(places: &Places, settings: &ReminderSettings) -> Result<Vec<String>, RemindError> {
    if cfg!(target_os = "macos") {
        install_launch_agent(places, settings)
    } else if cfg!(windows) {
        install_windows_task(places, settings)
    } else {
        install_systemd(places, settings)
    }
}

/// Removes the scheduler entry, returning what was removed, a sentence each
/// (one saying so when nothing was installed).
///
/// # Errors
/// A file could not be removed, or one with Keel's name is not Keel's.
pub fn uninstall(places: &Places) -> Result<Vec<String>, RemindError> {
    if cfg!(target_os = "macos") {
        uninstall_launch_agent(places)
    } else if cfg!(windows) {
        Ok(uninstall_windows_task(places))
    } else {
        uninstall_systemd(places)
    }
}

fn install_systemd(places: &Places, settings: &ReminderSettings) -> Result<Vec<String>, RemindError> {
    let folder = units_folder(places);
    let (service, timer) = (folder.join(SERVICE_NAME), folder.join(TIMER_NAME));
    // Checked before anything is written, so a refusal leaves no half entry.
    for path in [&service, &timer, &autostart_file(places)] {
        if path.exists() && !is_ours(path)? {
            return Err(RemindError::NotOurs { path: path.clone() });
        }
    }
    write_ours(&service, &service_unit(&places.program))?;
    write_ours(&timer, &timer_unit(settings))?;
    let mut said = vec![format!("Wrote {} and {}.", service.display(), timer.display())];
    let started = if places.activate {
        run("systemctl", &["--user", "daemon-reload"])
            .and_then(|()| run("systemctl", &["--user", "enable", "--now", TIMER_NAME]))
    } else {
        Err("the service manager was not asked".to_owned())
    };
    let autostart = autostart_file(places);
    match started {
        Ok(()) => {
            said.push(format!("Started the timer: Keel reminds you every day at {}.", settings.at_text()));
            if remove_ours(&autostart)? {
                said.push(format!("Removed {}: the timer does its work now.", autostart.display()));
            }
        }
        Err(why) => {
            write_ours(&autostart, &autostart_entry(&places.program))?;
            said.push(format!(
                "No systemd user session ({why}); wrote {} instead, so Keel reminds you when you log in.",
                autostart.display()
            ));
        }
    }
    Ok(said)
}

fn uninstall_systemd(places: &Places) -> Result<Vec<String>, RemindError> {
    let folder = units_folder(places);
    let timer = folder.join(TIMER_NAME);
    let paths = [folder.join(SERVICE_NAME), timer.clone(), autostart_file(places)];
    // Checked before the service manager is asked anything.
    for path in &paths {
        if path.exists() && !is_ours(path)? {
            return Err(RemindError::NotOurs { path: path.clone() });
        }
    }
    let mut said = Vec::new();
    if places.activate
        && timer.exists()
        && let Err(why) = run("systemctl", &["--user", "disable", "--now", TIMER_NAME])
    {
        said.push(format!("systemctl could not stop the timer ({why}); its files are removed anyway."));
    }
    // `systemctl disable` removes this link; without a session it may be left.
    let wanted = folder.join("timers.target.wants").join(TIMER_NAME);
    if wanted.is_symlink() && std::fs::read_link(&wanted).is_ok_and(|target| target.ends_with(TIMER_NAME)) {
        std::fs::remove_file(&wanted).map_err(|source| RemindError::Io { path: wanted.clone(), source })?;
    }
    for path in paths {
        if remove_ours(&path)? {
            said.push(format!("Removed {}.", path.display()));
        }
    }
    if said.iter().any(|line| line.starts_with("Removed"))
        && places.activate
        && let Err(why) = run("systemctl", &["--user", "daemon-reload"])
    {
        said.push(format!("systemctl could not reload ({why})."));
    }
    if said.is_empty() {
        said.push("No reminder was installed; nothing to remove.".to_owned());
    }
    Ok(said)
}

fn install_launch_agent(places: &Places, settings: &ReminderSettings) -> Result<Vec<String>, RemindError> {
    let path = launch_agent_file(places);
    let path_text = path.to_string_lossy().into_owned();
    if path.exists() && !is_ours(&path)? {
        return Err(RemindError::NotOurs { path });
    }
    if places.activate && path.exists() {
        // A changed time is taken in only by unloading the old one first; an
        // agent that was not loaded makes this fail, which is fine.
        if let Err(why) = run("launchctl", &["unload", "-w", &path_text]) {
            log::debug!("launchctl unload before an update: {why}");
        }
    }
    write_ours(&path, &launch_agent(&places.program, settings))?;
    let mut said = vec![format!("Wrote {}.", path.display())];
    if places.activate {
        match run("launchctl", &["load", "-w", &path_text]) {
            Ok(()) => said.push(format!("Loaded it: Keel reminds you every day at {}.", settings.at_text())),
            Err(why) => said.push(format!("launchctl could not load it ({why}); it loads at your next login.")),
        }
    }
    Ok(said)
}

fn uninstall_launch_agent(places: &Places) -> Result<Vec<String>, RemindError> {
    let path = launch_agent_file(places);
    if path.exists() && !is_ours(&path)? {
        return Err(RemindError::NotOurs { path });
    }
    let mut said = Vec::new();
    if places.activate
        && path.exists()
        && let Err(why) = run("launchctl", &["unload", "-w", &path.to_string_lossy()])
    {
        said.push(format!("launchctl could not unload it ({why}); its file is removed anyway."));
    }
    if remove_ours(&path)? {
        said.push(format!("Removed {}.", path.display()));
    } else {
        said.push("No reminder was installed; nothing to remove.".to_owned());
    }
    Ok(said)
}

fn install_windows_task(places: &Places, settings: &ReminderSettings) -> Result<Vec<String>, RemindError> {
    // schtasks reads the definition from a file, in UTF-16 as Task
    // Scheduler writes its own.
    let definition = places.state_dir.join("reminder-task.xml");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(windows_task_xml(&places.program, settings).encode_utf16().flat_map(u16::to_le_bytes));
    crate::storage::write_atomically(&definition, |file| std::io::Write::write_all(file, &bytes))?;
    let definition_text = definition.to_string_lossy().into_owned();
    let args = ["/Create", "/F", "/TN", WINDOWS_TASK_NAME, "/XML", &definition_text];
    if !places.activate {
        return Ok(vec![format!("Wrote {}; would run: schtasks {}", definition.display(), args.join(" "))]);
    }
    let made = run("schtasks", &args);
    if let Err(error) = std::fs::remove_file(&definition) {
        log::debug!("the task definition {} stays: {error}", definition.display());
    }
    made.map_err(|why| RemindError::Io { path: PathBuf::from(WINDOWS_TASK_NAME), source: std::io::Error::other(why) })?;
    Ok(vec![format!(
        "Made the task \"{WINDOWS_TASK_NAME}\" in Task Scheduler: Keel reminds you every day at {}.",
        settings.at_text()
    )])
}

fn uninstall_windows_task(places: &Places) -> Vec<String> {
    if !places.activate {
        return vec![format!("Would run: schtasks /Delete /F /TN \"{WINDOWS_TASK_NAME}\"")];
    }
    // schtasks says "not found" and "access denied" alike through its exit
    // code, so its own words are shown when it refuses.
    vec![match run("schtasks", &["/Delete", "/F", "/TN", WINDOWS_TASK_NAME]) {
        Ok(()) => format!("Removed the task \"{WINDOWS_TASK_NAME}\" from Task Scheduler."),
        Err(why) => format!("No reminder task was removed (schtasks: {why})."),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{Time, Weekday};

    fn settings() -> ReminderSettings {
        ReminderSettings { enabled: true, at: Time::constant(8, 30, 0, 0), reflect_on: Weekday::Friday, journal: None }
    }

    #[test]
    fn units_run_this_keel_daily_at_the_chosen_time() {
        let service = service_unit(Path::new("/opt/my apps/keel"));
        assert!(service.contains("ExecStart=\"/opt/my apps/keel\" remind --wait-for-click"), "{service}");
        assert!(service.contains("KillMode=process"), "a window a click opens outlives the unit");
        let timer = timer_unit(&settings());
        assert!(timer.contains("OnCalendar=*-*-* 08:30:00") && timer.contains("Persistent=true"), "{timer}");
        assert!(timer.contains("WantedBy=timers.target"));
    }

    #[test]
    fn paths_are_quoted_for_each_format() {
        assert_eq!(systemd_quote("/a/100%/$HOME/keel"), "\"/a/100%%/$$HOME/keel\"");
        // The spec's two levels: `"` becomes `\"` as an argument, and the
        // value's own escaping doubles that backslash.
        assert_eq!(desktop_quote("/x/\"q\"/keel"), "\"/x/\\\\\"q\\\\\"/keel\"");
        let entry = autostart_entry(Path::new("/usr/bin/keel"));
        assert!(entry.contains("Exec=\"/usr/bin/keel\" remind --wait-for-click"), "{entry}");
        let plist = launch_agent(Path::new("/Applications/K&K/keel"), &settings());
        assert!(plist.contains("<string>/Applications/K&amp;K/keel</string>"), "{plist}");
        assert!(plist.contains("<key>Hour</key><integer>8</integer><key>Minute</key><integer>30</integer>"));
        let task = windows_task_xml(Path::new(r"C:\K&K\keel.exe"), &settings());
        assert!(task.contains("<StartBoundary>2000-01-01T08:30:00</StartBoundary>"), "{task}");
        assert!(task.contains("<StartWhenAvailable>true</StartWhenAvailable>"));
        assert!(task.contains(r"<Command>C:\K&amp;K\keel.exe</Command><Arguments>remind --wait-for-click</Arguments>"));
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn install_and_uninstall_touch_only_keels_files_and_are_idempotent() {
        let folder = tempfile::tempdir().unwrap();
        let places = Places::in_folder(folder.path(), "/usr/bin/keel".into());
        let units = units_folder(&places);
        std::fs::create_dir_all(&units).unwrap();
        std::fs::write(units.join("other.service"), "[Service]\n").unwrap();
        for _ in 0..2 {
            let said = install(&places, &settings()).unwrap();
            assert!(said.iter().any(|line| line.contains(AUTOSTART_NAME)), "{said:?}");
        }
        assert!(units.join(SERVICE_NAME).is_file() && units.join(TIMER_NAME).is_file());
        assert!(autostart_file(&places).is_file());
        let said = uninstall(&places).unwrap();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(!units.join(SERVICE_NAME).exists() && !autostart_file(&places).exists());
        assert!(units.join("other.service").is_file(), "someone else's unit stays");
        assert_eq!(uninstall(&places).unwrap(), ["No reminder was installed; nothing to remove."]);
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn a_file_keel_did_not_write_is_never_replaced_or_removed() {
        let folder = tempfile::tempdir().unwrap();
        let places = Places::in_folder(folder.path(), "/usr/bin/keel".into());
        let timer = units_folder(&places).join(TIMER_NAME);
        std::fs::create_dir_all(timer.parent().unwrap()).unwrap();
        std::fs::write(&timer, "[Timer]\nOnCalendar=hourly\n").unwrap();
        let error = install(&places, &settings()).unwrap_err().to_string();
        assert!(error.contains("keel-remind.timer was not written by Keel"), "{error}");
        assert!(!units_folder(&places).join(SERVICE_NAME).exists(), "nothing half-written");
        assert!(uninstall(&places).is_err());
        assert_eq!(std::fs::read_to_string(&timer).unwrap(), "[Timer]\nOnCalendar=hourly\n");
    }
}
