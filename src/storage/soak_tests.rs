//! A randomized soak of two computers sharing one journal through a sync
//! service, simulated the way the services behave: a file changed on one
//! side only is copied over; changed on both while apart, one version wins
//! on both sides and the other becomes a conflict copy, named as Syncthing,
//! Dropbox, Nextcloud or `OneDrive` name theirs. Each round, each computer
//! adds, edits, deletes, undoes a deletion or restores a backup; one
//! computer's clock runs two hours slow; both write before the first sync.
//!
//! A model tracks what each decision must be: only the computer that made a
//! decision edits or deletes it, so every decision has exactly one right
//! state, whatever the clocks say. After every round (once the service has
//! settled and Keel absorbed the copies) both journals must hold exactly
//! the model's decisions, in their latest versions, byte for byte the same.
//!
//! `KEEL_SOAK_RUNS` (default 3) sets the runs per service and
//! `KEEL_SOAK_ROUNDS` (default 12) the rounds per run.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use jiff::Timestamp;
use jiff::civil::date;

use super::*;
use crate::model::{Clock, Decision, DecisionDraft, DecisionId};

/// A clock the soak moves forward, with a skew of its own.
struct SoakClock {
    now_s: Arc<AtomicI64>,
    skew_s: i64,
}

impl Clock for SoakClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_second(self.now_s.load(Ordering::SeqCst) + self.skew_s).expect("in range")
    }

    fn today(&self) -> jiff::civil::Date {
        self.now().to_zoned(jiff::tz::TimeZone::UTC).date()
    }
}

/// A small deterministic random source (64-bit LCG), so a failing seed can
/// be run again.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % u64::try_from(n.max(1)).expect("small")).expect("small")
    }
}

#[derive(Clone, Copy, Debug)]
enum Service {
    Syncthing,
    Dropbox,
    Nextcloud,
    OneDrive,
}

impl Service {
    /// A folder this service syncs, marked as it marks its folders.
    fn folder(self, root: &Path, side: &str) -> PathBuf {
        let folder = match self {
            Service::OneDrive => root.join(side).join("OneDrive"),
            _ => root.join(side).join("Journal"),
        };
        fs::create_dir_all(&folder).expect("folder");
        match self {
            Service::Syncthing => fs::create_dir_all(folder.join(".stfolder")).expect("marker"),
            Service::Dropbox => fs::write(folder.join(".dropbox"), "{}").expect("marker"),
            Service::Nextcloud => fs::write(folder.join(".nextcloudsync.log"), "").expect("marker"),
            Service::OneDrive => {}
        }
        folder
    }

    /// The name this service gives the losing version in round `round`.
    fn copy_name(self, round: usize, loser: &str) -> String {
        let day = date(2026, 1, 1).saturating_add(jiff::Span::new().days(i64::try_from(round).expect("small")));
        let ymd = day.strftime("%Y%m%d").to_string();
        match self {
            Service::Syncthing => {
                format!("journal.sync-conflict-{ymd}-120000-{}.ron", loser.to_uppercase().repeat(2)[..7].to_owned())
            }
            Service::Dropbox => format!("journal ({loser}'s conflicted copy {}).ron", day.strftime("%Y-%m-%d")),
            Service::Nextcloud => format!("journal (conflicted copy {} 120000).ron", day.strftime("%Y-%m-%d")),
            Service::OneDrive => format!("journal-{}.ron", loser.to_uppercase()),
        }
    }
}

struct Side {
    name: &'static str,
    folder: PathBuf,
    store: Store,
    clock: Arc<SoakClock>,
    /// Decisions this side deleted, as they were, to bring back.
    deleted: Vec<Decision>,
}

impl Side {
    fn path(&self) -> PathBuf {
        self.folder.join("journal.ron")
    }

    fn bytes(&self) -> Vec<u8> {
        fs::read(self.path()).unwrap_or_default()
    }

    fn decisions(&self) -> BTreeMap<DecisionId, String> {
        match self.store.read() {
            Ok(loaded) => loaded.contents.journal.decisions().iter().map(|d| (d.id.clone(), d.title.clone())).collect(),
            Err(StorageError::NotFound { .. }) => BTreeMap::new(),
            Err(error) => panic!("{} cannot read its journal: {error}", self.name),
        }
    }
}

/// What happened over a run, for the report.
#[derive(Debug, Default)]
struct Tally {
    rounds: usize,
    file_conflicts: usize,
    decision_conflicts: usize,
    restores: usize,
    undos: usize,
}

/// The model: each decision's owner and its title (`None`: deleted).
type Model = BTreeMap<DecisionId, (&'static str, Option<String>)>;

/// What a side may do in a round.
#[derive(Clone, Copy, PartialEq)]
enum May {
    /// Anything but restore.
    Edit,
    /// Anything, restoring a backup too.
    Restore,
    /// Only add (the other side restores this round).
    Add,
}

fn act(side: &mut Side, model: &mut Model, rng: &mut Rng, tally: &mut Tally, round: usize, may: May) {
    let now = side.clock.now();
    let own: Vec<DecisionId> = model
        .iter()
        .filter(|(_, (owner, title))| *owner == side.name && title.is_some())
        .map(|(id, _)| id.clone())
        .collect();
    let choice = match may {
        May::Add => 0,
        // A restoring side restores more often than not.
        May::Restore if rng.below(3) > 0 => 9,
        _ => rng.below(10),
    };
    match choice {
        0..=3 => {
            let title = format!("{} r{round} #{}", side.name, rng.below(1_000_000));
            let decision = DecisionDraft { title: title.clone(), date: Some(date(2026, 11, 2)), ..Default::default() }
                .into_new_decision(date(2026, 11, 2), now)
                .expect("valid");
            model.insert(decision.id.clone(), (side.name, Some(title)));
            side.store
                .update(|journal| {
                    journal.push(decision);
                    Ok::<(), StorageError>(())
                })
                .expect("added");
        }
        4 | 5 if !own.is_empty() => {
            let id = own[rng.below(own.len())].clone();
            let title = format!("{} edited r{round} #{}", side.name, rng.below(1_000_000));
            model.insert(id.clone(), (side.name, Some(title.clone())));
            side.store
                .update(|journal| {
                    let mut decision = journal.get(&id).expect("own decision present").clone();
                    decision.title = title;
                    decision.updated = now;
                    journal.replace(decision);
                    Ok::<(), StorageError>(())
                })
                .expect("edited");
        }
        6 | 7 if !own.is_empty() => {
            let id = own[rng.below(own.len())].clone();
            model.insert(id.clone(), (side.name, None));
            let removed = side
                .store
                .update(|journal| Ok::<_, StorageError>(journal.remove(&id).map(|(_, decision)| decision)))
                .expect("deleted")
                .expect("own decision present");
            side.deleted.push(removed);
        }
        8 if !side.deleted.is_empty() => {
            // Undo of a deletion, as the window does it: the decision as it
            // was, old version and all, put back.
            let decision = side.deleted.remove(rng.below(side.deleted.len()));
            if model.get(&decision.id).is_some_and(|(owner, title)| *owner == side.name && title.is_none()) {
                model.insert(decision.id.clone(), (side.name, Some(decision.title.clone())));
                side.store
                    .update(|journal| {
                        journal.push(decision);
                        Ok::<(), StorageError>(())
                    })
                    .expect("undone");
                tally.undos += 1;
            }
        }
        9 if may == May::Restore => {
            let backups = side.store.backups().expect("listed");
            if backups.is_empty() {
                return;
            }
            let backup = &backups[rng.below(backups.len().min(4))];
            let Ok(held) = side.store.read_backup(backup) else { return };
            // Restoring puts back the backup's decisions and deletes the
            // rest; the other side adds only, this round (see `run`).
            let restored: BTreeMap<DecisionId, String> =
                held.journal.decisions().iter().map(|d| (d.id.clone(), d.title.clone())).collect();
            let present = side.decisions();
            for (id, (owner, title)) in model.iter_mut() {
                if let Some(kept) = restored.get(id) {
                    *title = Some(kept.clone());
                    // The restoring side owns it from now on: its state is
                    // the restore's.
                    *owner = side.name;
                } else if present.contains_key(id) {
                    *title = None;
                    *owner = side.name;
                }
            }
            side.store.restore(backup).expect("restored");
            tally.restores += 1;
        }
        _ => {}
    }
}

/// The service settles: a file changed on one side only is copied over;
/// changed on both, one wins on both sides and the other is left as a
/// conflict copy beside one of them, which that side's Keel then absorbs.
fn sync(sides: &mut [Side; 2], last: &mut Vec<u8>, service: Service, rng: &mut Rng, tally: &mut Tally, round: usize) {
    for _ in 0..4 {
        let (a, b) = (sides[0].bytes(), sides[1].bytes());
        let (a_changed, b_changed) = (a != *last, b != *last);
        match (a_changed, b_changed) {
            (false, false) => return,
            (true, false) => {
                fs::write(sides[1].path(), &a).expect("synced to b");
                *last = a;
            }
            (false, true) => {
                fs::write(sides[0].path(), &b).expect("synced to a");
                *last = b;
            }
            (true, true) if a == b => *last = a,
            (true, true) => {
                tally.file_conflicts += 1;
                let winner = rng.below(2);
                let (win, lose) = if winner == 0 { (a, b) } else { (b, a) };
                let loser_name = sides[1 - winner].name;
                for side in sides.iter() {
                    fs::write(side.path(), &win).expect("winner");
                }
                *last = win;
                // The copy shows up on one side; its Keel absorbs it on its
                // next write (here at once), and the merge syncs back.
                let absorber = &sides[rng.below(2)];
                fs::write(absorber.folder.join(service.copy_name(round, loser_name)), &lose).expect("copy");
                let report = absorber.store.absorb_copies().expect("absorbed");
                assert!(report.left.is_empty(), "a copy was left: {report:?}");
                assert_eq!(report.absorbed.len(), 1, "{service:?}'s copy was not found: {report:?}");
                tally.decision_conflicts += report.conflicts().len();
            }
        }
    }
    panic!("the service did not settle in round {round}");
}

fn run(service: Service, seed: u64, rounds: usize) -> Tally {
    let root = tempfile::tempdir().expect("temp dir");
    let now_s = Arc::new(AtomicI64::new(1_796_558_400));
    let mut sides = ["aaaa", "bbbb"].map(|name| {
        let clock = Arc::new(SoakClock { now_s: now_s.clone(), skew_s: if name == "bbbb" { -2 * 3600 } else { 0 } });
        let folder = service.folder(root.path(), name);
        let store = Store::new(folder.join("journal.ron"))
            .with_cache(None)
            .with_editor(Editor::new(name, clock.clone() as Arc<dyn Clock>));
        Side { name, folder, store, clock, deleted: Vec::new() }
    });
    let mut rng = Rng(seed);
    let mut model = Model::new();
    let mut tally = Tally::default();
    let mut last = Vec::new();
    for round in 0..rounds {
        now_s.fetch_add(600, Ordering::SeqCst);
        // One side may restore a backup this round; the other then only
        // adds, since a restore rewinds every decision it holds.
        let restorer = (round % 3 == 2).then(|| rng.below(2));
        for (index, side) in sides.iter_mut().enumerate() {
            for _ in 0..=rng.below(3) {
                let may = match restorer {
                    // Both computers write before their first sync.
                    _ if round == 0 => May::Add,
                    Some(restorer) if restorer == index => May::Restore,
                    Some(_) => May::Add,
                    None => May::Edit,
                };
                act(side, &mut model, &mut rng, &mut tally, round, may);
            }
        }
        sync(&mut sides, &mut last, service, &mut rng, &mut tally, round);
        let expected: BTreeMap<DecisionId, String> =
            model.iter().filter_map(|(id, (_, title))| title.clone().map(|title| (id.clone(), title))).collect();
        for side in &sides {
            let held = side.decisions();
            let missing: Vec<_> = expected.keys().filter(|id| !held.contains_key(*id)).collect();
            let resurrected: Vec<_> = held.keys().filter(|id| !expected.contains_key(*id)).collect();
            let wrong: Vec<_> =
                expected.iter().filter(|(id, title)| held.get(*id).is_some_and(|h| h != *title)).collect();
            assert!(
                missing.is_empty() && resurrected.is_empty() && wrong.is_empty(),
                "{service:?} seed {seed} round {round} on {}: lost {missing:?}, resurrected {resurrected:?}, in a \
                 wrong version {wrong:?}",
                side.name
            );
        }
        assert_eq!(sides[0].bytes(), sides[1].bytes(), "{service:?} seed {seed} round {round}: files differ");
        tally.rounds += 1;
    }
    tally
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

#[test]
#[expect(clippy::print_stdout, reason = "the soak's tally, for the record of a long test run")]
fn two_computers_through_each_service_lose_resurrect_and_misversion_nothing() {
    let (runs, rounds) = (env_count("KEEL_SOAK_RUNS", 3), env_count("KEEL_SOAK_ROUNDS", 12));
    for (number, service) in
        [Service::Syncthing, Service::Dropbox, Service::Nextcloud, Service::OneDrive].into_iter().enumerate()
    {
        let mut total = Tally::default();
        for run_index in 0..runs {
            let seed = 0x5eed_0000 + u64::try_from(number * 1000 + run_index).expect("small");
            let tally = run(service, seed, rounds);
            total.rounds += tally.rounds;
            total.file_conflicts += tally.file_conflicts;
            total.decision_conflicts += tally.decision_conflicts;
            total.restores += tally.restores;
            total.undos += tally.undos;
        }
        // Printed for the record (cargo test -- --nocapture shows it).
        println!("soak {service:?}: {runs} runs x {rounds} rounds: {total:?}; lost 0, resurrected 0, wrong 0");
        assert!(total.file_conflicts > 0, "{service:?}: the soak made no conflict copy to absorb");
        assert!(total.restores > 0, "{service:?}: the soak restored no backup");
    }
}
