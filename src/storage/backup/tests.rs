//! Tests of the backups: names, listing, keeping, rotation ([`super`]).

use super::*;

fn at(text: &str) -> Timestamp {
    text.parse().expect("timestamp")
}

fn backup(taken: &str) -> Backup {
    Backup { path: PathBuf::from(taken), taken: at(taken), decisions: 1, migrated_from: None }
}

#[test]
fn names_round_trip() {
    let journal = Path::new("/data/journal.ron");
    let taken = at("2026-11-28T14:02:03.045Z");
    let name = file_name(journal, taken, 186, None);
    assert_eq!(name, "journal.20261128-140203-045.186.ron");
    assert_eq!(parse_name(journal, &name), Some((taken, 186, None)));
    let original = file_name(journal, taken, 3, Some(1));
    assert_eq!(parse_name(journal, &original), Some((taken, 3, Some(1))));
    assert_eq!(parse_name(journal, "journal.ron.lock"), None);
    assert_eq!(parse_name(journal, "unreadable-journal.ron.20261128-140203-045"), None);
    assert_eq!(parse_name(Path::new("other.ron"), &name), None);
}

#[test]
fn copies_of_one_version_never_push_older_versions_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = dir.path().join("journal.ron");
    fs::create_dir_all(folder(&journal)).expect("folder");
    // Four distinct versions, then twelve copies of the fifth (what a
    // full disk left: one per failed save), all today.
    let versions = (1..=4).map(|version| format!("version {version}")).chain((0..12).map(|_| "version 5".to_owned()));
    for (minute, text) in versions.enumerate() {
        let taken = at(&format!("2026-11-29T10:{minute:02}:00Z"));
        fs::write(folder(&journal).join(file_name(&journal, taken, 1, None)), text).expect("written");
    }
    rotate(&journal, at("2026-11-29T12:00:00Z")).expect("rotated");
    let mut kept: Vec<String> =
        list(&journal).expect("listed").iter().map(|b| fs::read_to_string(&b.path).expect("read")).collect();
    kept.reverse();
    assert_eq!(kept, ["version 1", "version 2", "version 3", "version 4", "version 5"]);
}

#[test]
fn a_backup_is_a_copy_never_the_live_file_and_an_identical_one_is_not_kept_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = dir.path().join("journal.ron");
    fs::write(&journal, "version 1").expect("written");
    let first = keep(&journal, 1, None, at("2026-11-29T10:00:00Z"), None).expect("kept").expect("new");
    assert_eq!(keep(&journal, 1, None, at("2026-11-29T10:01:00Z"), None).expect("kept"), None, "same bytes");
    // Editing the journal in place leaves the backup as it was.
    fs::write(&journal, "version 2").expect("rewritten in place");
    assert_eq!(fs::read_to_string(&first).expect("read"), "version 1");
    assert!(keep(&journal, 1, None, at("2026-11-29T10:02:00Z"), None).expect("kept").is_some());
    assert_eq!(list(&journal).expect("listed").len(), 2);
}

#[test]
fn backups_named_after_a_journal_no_longer_there_are_orphans() {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = dir.path().join("journal.ron");
    let other = dir.path().join("work.ron");
    fs::write(&journal, "now").expect("written");
    fs::write(&other, "another journal, still there").expect("written");
    fs::create_dir_all(folder(&journal)).expect("folder");
    let taken = at("2026-11-28T14:02:03.045Z");
    let names = [
        file_name(&journal, taken, 3, None),
        file_name(&other, taken, 3, None),
        file_name(Path::new("old.ron"), taken, 3, None),
        file_name(Path::new("old.ron"), taken, 3, Some(1)),
        file_name(Path::new("my.old.journal"), taken, 3, None),
        format!("unreadable-old.ron.{}", format_time(taken)),
        "notes.txt".to_owned(),
        // Gone too, but another journal's: none of this one's ids.
        file_name(Path::new("stranger.ron"), taken, 3, None),
    ];
    for name in &names {
        fs::write(folder(&journal).join(name), "(decisions: [(id: \"ours-1\")])").expect("written");
    }
    fs::write(folder(&journal).join(&names[7]), "(decisions: [(id: \"theirs-9\")])").expect("written");
    let found: Vec<String> = orphans(&journal, &["ours-1"])
        .iter()
        .map(|path| path.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    let mut expected = vec![names[2].clone(), names[3].clone(), names[4].clone(), names[5].clone()];
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn rotation_keeps_the_last_ten_and_one_a_day_for_two_weeks() {
    let now = at("2026-11-29T12:00:00Z");
    // 12 saves today, 3 a day for the 20 days before.
    let mut backups: Vec<Backup> = (0..12).map(|minute| backup(&format!("2026-11-29T11:{minute:02}:00Z"))).collect();
    let mut day = jiff::civil::date(2026, 11, 28);
    for _ in 0..20 {
        for hour in [9, 13, 17] {
            backups.push(backup(&format!("{day}T{hour:02}:00:00Z")));
        }
        day = day.yesterday().expect("valid");
    }
    backups.push(Backup { migrated_from: Some(1), ..backup("2026-01-01T00:00:00Z") });
    backups.sort_by_key(|b| std::cmp::Reverse(b.taken));
    let removed: HashSet<Timestamp> = to_remove(&backups, now, &TimeZone::UTC).iter().map(|b| b.taken).collect();
    let kept: Vec<&Backup> = backups.iter().filter(|b| !removed.contains(&b.taken)).collect();
    // 10 newest (all today) + the newest of each of the 13 days before
    // today within the window + the migrated original.
    assert_eq!(kept.len(), 10 + 13 + 1, "{kept:#?}");
    assert!(kept.iter().any(|b| b.taken == at("2026-11-28T17:00:00Z")));
    assert!(!kept.iter().any(|b| b.taken == at("2026-11-28T13:00:00Z")));
    assert!(kept.iter().any(|b| b.taken == at("2026-11-16T17:00:00Z")), "14th day kept");
    assert!(!kept.iter().any(|b| b.taken == at("2026-11-15T17:00:00Z")), "15th day rotated away");
    assert!(kept.iter().any(|b| b.migrated_from == Some(1)));
}

#[test]
fn a_backup_of_a_failed_save_that_stays_is_returned_as_a_notice() {
    let folder = tempfile::tempdir().expect("temp dir");
    let gone = folder.path().join("journal.ron.2026-01-01T00-00-00Z.1.bak");
    std::fs::write(&gone, "x").expect("written");
    assert_eq!(discard(&gone), None);
    assert!(!gone.exists());
    // A folder in its place cannot be removed as a file.
    let stays = folder.path().join("stays.bak");
    std::fs::create_dir(&stays).expect("folder");
    let notice = discard(&stays).expect("a notice");
    assert!(notice.contains("removing the backup of a failed save"), "{notice}");
}
