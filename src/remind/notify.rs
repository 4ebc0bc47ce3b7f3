//! The desktop notification: the freedesktop Notifications service over the
//! D-Bus session bus on Linux and Windows' own (both through notify-rust),
//! and `osascript`'s `display notification` on macOS. On Linux it carries
//! Keel's name and the installed desktop entry's icon and id, and on
//! Windows the app id the installer registers, so the desktop shows it as
//! Keel's; macOS shows it under the script runner's name.

use std::time::Duration;

use crate::analysis::reminder::Reminder;

/// The action id a click on the notification's body sends (the spec's
/// "default" action).
pub const CLICK_ACTION: &str = "default";

/// A notification on screen, which may still be clicked.
pub struct Shown {
    #[cfg(all(unix, not(target_os = "macos")))]
    handle: notify_rust::NotificationHandle,
}

impl std::fmt::Debug for Shown {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Shown").finish_non_exhaustive()
    }
}

#[cfg_attr(
    not(all(unix, not(target_os = "macos"))),
    expect(unused_variables, reason = "only the freedesktop service shows an action's label")
)]
/// Shows `reminder` as a desktop notification; `action_label` names what a
/// click opens ("Open This week").
///
/// # Errors
/// No notification service answered (no session bus, no server): the
/// caller prints the reminder instead.
pub fn show(reminder: &Reminder, action_label: &str) -> Result<Shown, String> {
    #[cfg(target_os = "macos")]
    {
        // notify-rust's macOS back end builds Objective-C, which only a Mac
        // can compile; AppleScript's notification needs nothing built, so
        // the macOS build stays checkable from Linux.
        let script = format!(
            "display notification {} with title \"Keel\" subtitle {}",
            applescript_text(&reminder.body),
            applescript_text(&reminder.summary)
        );
        let status = std::process::Command::new("osascript").args(["-e", &script]).status();
        match status {
            Ok(status) if status.success() => Ok(Shown {}),
            Ok(status) => Err(format!("osascript exited with {status}")),
            Err(error) => Err(format!("osascript: {error}")),
        }
    }
    #[cfg(not(target_os = "macos"))]
    {
        let mut notification = notify_rust::Notification::new();
        notification.appname("Keel").summary(&reminder.summary).body(&reminder.body).icon(crate::APP_ID);
        #[cfg(unix)]
        {
            // A server that reads markup in the body would take "R&D" or a
            // "<" in a title for markup.
            if notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|cap| cap == "body-markup")) {
                notification.body(&super::escape_markup(&reminder.body));
            }
            notification
                .hint(notify_rust::Hint::DesktopEntry(crate::APP_ID.to_owned()))
                .action(CLICK_ACTION, action_label);
            let handle = notification.show().map_err(|error| error.to_string())?;
            Ok(Shown { handle })
        }
        #[cfg(windows)]
        {
            notification.app_id(crate::APP_ID);
            notification.show().map_err(|error| error.to_string())?;
            Ok(Shown {})
        }
    }
}

/// `text` as a string literal of `osascript`'s language.
#[must_use]
pub fn applescript_text(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Waits up to `timeout` for the user to click `shown`; `true` if they did.
/// Returns at once with `false` where the server cannot report clicks.
#[must_use]
#[cfg_attr(
    not(all(unix, not(target_os = "macos"))),
    expect(
        unused_variables,
        clippy::needless_pass_by_value,
        reason = "clicks are reported by the freedesktop service only"
    )
)]
pub fn wait_for_click(shown: Shown, timeout: Duration) -> bool {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        let takes_clicks = notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|cap| cap == "actions"));
        if !takes_clicks {
            return false;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        // notify-rust waits without a timeout, so the wait runs on a thread
        // of its own that the process leaves behind when it ends.
        std::thread::spawn(move || {
            shown.handle.wait_for_action(|action| {
                if sender.send(action == CLICK_ACTION).is_err() {
                    log::debug!("a click arrived after Keel stopped waiting");
                }
            });
        });
        receiver.recv_timeout(timeout).unwrap_or(false)
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        false
    }
}
