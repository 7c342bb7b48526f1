//! The automatic backup file: what is written to it, and its status in words. The browser side
//! (choosing the file, permission, writing) is `src/ui/backup_file.js` and `src/ui/backup.rs`.

use super::file::{Choice, ExportFile};
use crate::model::State;

/// The file's text for `state`: the same bytes as **Back up everything** at the same moment
/// (`exported_at`, RFC 3339), so the backup file imports anywhere an export does.
pub fn text(state: &State, exported_at: &str) -> String {
    ExportFile::new(state, &Choice::everything(), exported_at).to_json()
}

/// Whether there is anything to keep in the file: a device that has not started a plan (a
/// first run, or just erased, whatever colours or dates were chosen since) never writes over
/// a backup.
pub fn worth_writing(state: &State) -> bool {
    state.settings.set_up
        || !state.goals.is_empty()
        || !state.check_ins.is_empty()
        || !state.resources.is_empty()
        || !state.people.is_empty()
}

/// Why the backup file could not be chosen or written, from the browser's error name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The browser refused leave to write the file (`NotAllowedError`).
    Denied,
    /// A policy or the page's setting forbids files (`SecurityError`).
    Blocked,
    /// The file was moved or deleted (`NotFoundError`).
    Missing,
    /// No room left on the disk or in Drive (`QuotaExceededError`).
    Full,
    /// The file could not be changed just now (`NoModificationAllowedError`,
    /// `InvalidStateError`): open elsewhere, or Drive offline.
    Busy,
    /// The browser no longer holds the chosen file (its site data was partly cleared).
    Forgotten,
    /// The part of Branch Out that writes the file did not load.
    NotLoaded,
    /// The click that opens the picker was used up while Branch Out fetched the code behind it.
    Again,
    /// Anything else, by its name.
    Other(String),
}

impl Failure {
    /// The failure a browser error name stands for.
    pub fn from_name(name: &str) -> Failure {
        match name {
            "NotAllowedError" => Failure::Denied,
            "SecurityError" => Failure::Blocked,
            "NotFoundError" => Failure::Missing,
            "QuotaExceededError" => Failure::Full,
            "NoModificationAllowedError" | "InvalidStateError" => Failure::Busy,
            "Forgotten" => Failure::Forgotten,
            "NotLoaded" => Failure::NotLoaded,
            "NoActivation" => Failure::Again,
            other => Failure::Other(other.to_owned()),
        }
    }

    /// What happened, as the end of "The backup file … ".
    pub fn sentence(&self) -> String {
        match self {
            Failure::Denied => "The browser did not allow Branch Out to write it.".into(),
            Failure::Blocked => {
                "This browser's settings don't allow Branch Out to keep a file up to date.".into()
            }
            Failure::Missing => "The file was moved or deleted.".into(),
            Failure::Full => "There is no room left on the disk or in Drive.".into(),
            Failure::Busy => {
                "The file could not be changed just now (it may be open elsewhere, or Drive may be offline)."
                    .into()
            }
            Failure::Forgotten => "This browser no longer knows which file it was.".into(),
            Failure::NotLoaded => {
                "The part of Branch Out that writes it didn't load; check the connection.".into()
            }
            Failure::Again => "Branch Out needed a moment to get ready; please choose it again.".into(),
            Failure::Other(name) => format!("Writing it failed ({name})."),
        }
    }
}

/// Where automatic backup stands in this tab.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Status {
    /// No backup file.
    #[default]
    Off,
    /// A backup file is in use; the browser has not yet said whether it may be written.
    Checking {
        /// The file's name.
        name: String,
    },
    /// Written after every change; `at` is when it was last written (ms), if known.
    On {
        /// The file's name.
        name: String,
        /// When it was last written.
        at: Option<i64>,
    },
    /// The browser must be asked again (a new session): Resume asks.
    Paused {
        /// The file's name.
        name: String,
        /// When it was last written.
        at: Option<i64>,
    },
    /// Choosing or writing failed; changes are kept on the device, and Resume tries again.
    Failed {
        /// The file's name (empty when none was chosen).
        name: String,
        /// When it was last written.
        at: Option<i64>,
        /// Why.
        why: Failure,
    },
}

impl Status {
    /// True while a backup file is chosen (whether or not it can be written now).
    pub fn in_use(&self) -> bool {
        !matches!(self, Status::Off)
    }

    /// True when **Resume automatic backup** can help: the browser must be asked again, or a
    /// write failed. Not when the browser forgot the file or its settings forbid files: only
    /// choosing a file helps then.
    pub fn can_resume(&self) -> bool {
        match self {
            Status::Paused { .. } => true,
            Status::Failed { why, .. } => !matches!(why, Failure::Forgotten | Failure::Blocked),
            _ => false,
        }
    }

    /// True when writing is expected to work, so the reminders to download a backup rest.
    pub fn writing(&self) -> bool {
        matches!(self, Status::On { .. } | Status::Checking { .. })
    }

    /// The same file, failing for `why` (off stays off: no file, nothing to fail).
    pub fn failing(self, why: Failure) -> Status {
        let (name, at) = match self {
            Status::Off => return Status::Off,
            Status::Checking { name } => (name, None),
            Status::On { name, at }
            | Status::Paused { name, at }
            | Status::Failed { name, at, .. } => (name, at),
        };
        Status::Failed { name, at, why }
    }

    /// What is wrong, in words (without when the file was last written); `None` while
    /// automatic backup is off or working.
    pub fn problem(&self) -> Option<String> {
        match self {
            Status::Paused { name, .. } => Some(format!(
                "Automatic backup to {name} is paused until you allow it again."
            )),
            Status::Failed { name, why, .. } if name.is_empty() => Some(format!(
                "Automatic backup could not start. {}",
                why.sentence()
            )),
            Status::Failed { name, why, .. } => Some(format!(
                "Automatic backup to {name} stopped. {} Your changes are kept on this device.",
                why.sentence()
            )),
            _ => None,
        }
    }

    /// The status in one sentence, `now` being the current time (ms).
    pub fn line(&self, now: i64) -> String {
        match self {
            Status::Off => "Automatic backup is off.".into(),
            Status::Checking { name } => format!("Backing up to {name}."),
            Status::On { name, at: Some(at) } => format!("Backed up to {name} {}.", ago(now - at)),
            Status::On { name, at: None } => {
                format!("Backing up to {name}: it is written after your next change.")
            }
            Status::Paused { at, .. } | Status::Failed { at, .. } => {
                let written = at
                    .map(|at| format!(" It was last written {}.", ago(now - at)))
                    .unwrap_or_default();
                format!("{}{written}", self.problem().unwrap_or_default())
            }
        }
    }
}

/// How long ago, in words: "just now", "2 minutes ago", "3 hours ago", "yesterday", "5 days
/// ago". A time in the future (another device's clock) is "just now".
pub fn ago(ms: i64) -> String {
    const MINUTE: i64 = 60_000;
    let minutes = ms / MINUTE;
    let (hours, days) = (minutes / 60, minutes / (60 * 24));
    let plural = |n: i64, one: &str| {
        if n == 1 {
            format!("1 {one} ago")
        } else {
            format!("{n} {one}s ago")
        }
    };
    match () {
        _ if minutes < 1 => "just now".into(),
        _ if hours < 1 => plural(minutes, "minute"),
        _ if days < 1 => plural(hours, "hour"),
        _ if days == 1 => "yesterday".into(),
        _ => plural(days, "day"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ago_says_the_largest_whole_unit() {
        let m = 60_000;
        assert_eq!(ago(-5 * m), "just now");
        assert_eq!(ago(59_999), "just now");
        assert_eq!(ago(m), "1 minute ago");
        assert_eq!(ago(2 * m + 59_999), "2 minutes ago");
        assert_eq!(ago(59 * m), "59 minutes ago");
        assert_eq!(ago(60 * m), "1 hour ago");
        assert_eq!(ago(23 * 60 * m), "23 hours ago");
        assert_eq!(ago(24 * 60 * m), "yesterday");
        assert_eq!(ago(47 * 60 * m), "yesterday");
        assert_eq!(ago(48 * 60 * m), "2 days ago");
    }

    #[test]
    fn every_browser_error_has_its_own_sentence() {
        let names = [
            "NotAllowedError",
            "SecurityError",
            "NotFoundError",
            "QuotaExceededError",
            "NoModificationAllowedError",
            "Forgotten",
            "NotLoaded",
            "NoActivation",
            "TypeError",
        ];
        let sentences: Vec<String> = names
            .iter()
            .map(|n| Failure::from_name(n).sentence())
            .collect();
        for s in &sentences {
            assert!(s.ends_with('.'), "{s}");
            assert_eq!(
                sentences.iter().filter(|t| *t == s).count(),
                1,
                "{s} said twice"
            );
        }
        assert_eq!(Failure::from_name("InvalidStateError"), Failure::Busy);
        assert!(sentences.last().is_some_and(|s| s.contains("TypeError")));
    }

    #[test]
    fn the_status_line_names_the_file_and_the_time() {
        let name = "Branch Out backup.json".to_owned();
        let now = 10 * 60_000;
        let on = Status::On {
            name: name.clone(),
            at: Some(now - 2 * 60_000),
        };
        assert_eq!(
            on.line(now),
            "Backed up to Branch Out backup.json 2 minutes ago."
        );
        assert!(on.writing() && on.in_use());
        let paused = Status::Paused {
            name: name.clone(),
            at: None,
        };
        assert!(!paused.writing() && paused.in_use());
        assert!(paused.line(now).contains("paused"));
        let failed = Status::Failed {
            name,
            at: Some(now),
            why: Failure::Full,
        };
        let line = failed.line(now);
        assert!(line.contains("no room left") && line.contains("kept on this device"));
        assert!(line.ends_with("last written just now."), "{line}");
        assert!(!failed.writing() && failed.can_resume());
        assert_eq!(
            failed.problem().as_deref(),
            Some("Automatic backup to Branch Out backup.json stopped. There is no room left on the disk or in Drive. Your changes are kept on this device.")
        );
        assert_eq!(on.problem(), None);
        assert!(paused.can_resume() && !on.can_resume() && !Status::Off.can_resume());
        let forgotten = Status::Failed {
            name: String::new(),
            at: None,
            why: Failure::Forgotten,
        };
        assert!(!forgotten.can_resume());
        // No file was ever chosen: nothing "stopped", it could not start.
        assert_eq!(
            forgotten.problem().as_deref(),
            Some(
                "Automatic backup could not start. This browser no longer knows which file it was."
            )
        );
        assert!(!Status::Failed {
            name: String::new(),
            at: None,
            why: Failure::Blocked
        }
        .can_resume());
        assert!(!Status::Off.in_use() && !Status::Off.writing());
        assert_eq!(Status::Off.failing(Failure::NotLoaded), Status::Off);
        let checking = Status::Checking {
            name: "b.json".into(),
        };
        assert_eq!(
            checking.failing(Failure::Missing),
            Status::Failed {
                name: "b.json".into(),
                at: None,
                why: Failure::Missing
            }
        );
        let on = Status::On {
            name: "b.json".into(),
            at: Some(5),
        };
        assert_eq!(
            on.failing(Failure::Busy),
            Status::Failed {
                name: "b.json".into(),
                at: Some(5),
                why: Failure::Busy
            }
        );
    }
}
