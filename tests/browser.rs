//! The store against a real `localStorage`, and the app shell mounted in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use branch_out::model::State;
use branch_out::store::keys::{ACTIVE, BLOCK_PREFIX, SLOT_A, SLOT_B};
use branch_out::store::local::{classify, LocalBackend};
use branch_out::store::slots::{self, Backend, Loaded, SaveError, StorageError};
use gloo_storage::{errors::StorageError as GlooError, LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod common;

use common::named;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn fresh() -> LocalBackend {
    storage().clear().unwrap();
    LocalBackend::open().unwrap()
}

/// "Saved at" and the recovery banner's time: as the browser writes a date and time to the
/// minute (no seconds), and a time no date can hold (read from a damaged save's header) reads
/// "Invalid Date" rather than throwing.
#[wasm_bindgen_test]
fn local_times_read_as_the_browser_writes_them_and_never_throw() {
    use branch_out::ui::platform::local_time;
    let ms = 1_796_195_016_585_i64;
    let fields = js_sys::Object::new();
    for field in ["year", "month", "day", "hour", "minute"] {
        js_sys::Reflect::set(&fields, &field.into(), &"numeric".into()).unwrap();
    }
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let expected = date.to_locale_string("default", &fields);
    assert_eq!(local_time(ms), String::from(expected));
    // Seconds are left out: every moment of a minute reads the same.
    let seconds = |s: f64| local_time(ms - (ms % 60_000) + (s * 1000.0) as i64);
    assert_eq!(seconds(0.0), seconds(59.9));
    assert_ne!(seconds(59.9), seconds(60.0));
    assert_ne!(
        local_time(ms),
        String::from(date.to_locale_string("default", &JsValue::UNDEFINED))
    );
    // Minutes taken in turn (each after the other's text was kept) read as the browser's own.
    for m in [0, 1, 0, -1, 525_600, 0] {
        let at = ms + m * 60_000;
        let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
        assert_eq!(
            local_time(at),
            String::from(date.to_locale_string("default", &fields))
        );
        assert_eq!(local_time(at), local_time(at));
    }
    for damaged in [i64::MAX, i64::MIN, 8_640_000_000_000_001] {
        assert_eq!(local_time(damaged), "Invalid Date");
    }
}

/// S-17: pin gloo-storage's behaviour, so an upgrade that changes it fails here.
#[wasm_bindgen_test]
fn s17_gloo_storage_contract() {
    storage().clear().unwrap();
    assert!(matches!(
        LocalStorage::get::<serde_json::Value>("missing"),
        Err(GlooError::KeyNotFound(_))
    ));
    storage()
        .set_item("corrupt", "{\"schema\":3,\"data\":{")
        .unwrap();
    assert!(matches!(
        LocalStorage::get::<serde_json::Value>("corrupt"),
        Err(GlooError::SerdeError(_))
    ));
    assert_eq!(
        storage().get_item("corrupt").unwrap().as_deref(),
        Some("{\"schema\":3,\"data\":{"),
        "a failed read must not delete"
    );
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn saves_and_loads_through_real_local_storage() {
    let b = fresh();
    let mut w = match slots::load(&b) {
        Loaded::FirstRun(w) => w,
        other => panic!("{other:?}"),
    };
    assert_eq!(storage().length().unwrap(), 0, "first run writes nothing");
    slots::save(&b, &mut w, &named("Robin"), 1).unwrap();
    slots::save(&b, &mut w, &named("Robin P."), 2).unwrap();
    assert!(storage().get_item(SLOT_A).unwrap().is_some());
    assert!(storage().get_item(SLOT_B).unwrap().is_some());
    match slots::load(&LocalBackend::open().unwrap()) {
        Loaded::Ready { snapshot, .. } => assert_eq!(snapshot.state, named("Robin P.")),
        other => panic!("{other:?}"),
    }
    storage().clear().unwrap();
}

/// Blocks through real localStorage: the packed characters survive it, the backend lists
/// them, and a change to one item adds one block beside the shared ones.
#[wasm_bindgen_test]
fn blocks_are_written_listed_and_shared_in_the_browser() {
    use branch_out::model::{CheckIn, Id};
    let b = fresh();
    let mut w = slots::Writer::default();
    let mut state = named("Robin");
    state.check_ins = (0..400)
        .map(|i| CheckIn {
            id: Id::parse(&format!("c{i}")).unwrap(),
            date: common::today(),
            goal: None,
            note: format!("met {i} colleagues \u{1F4DA} \u{202E} and \u{0}"),
            people: String::new(),
            with: Vec::new(),
            resources: Vec::new(),
        })
        .collect();
    slots::save(&b, &mut w, &state, 1).unwrap();
    let blocks = |b: &LocalBackend| -> Vec<String> {
        b.keys()
            .unwrap()
            .into_iter()
            .filter(|k| k.starts_with(BLOCK_PREFIX))
            .collect()
    };
    let first = blocks(&b);
    assert!(first.len() > 3, "{} blocks", first.len());
    state.check_ins[200].note = "changed".into();
    slots::save(&b, &mut w, &state, 2).unwrap();
    let second = blocks(&b);
    assert_eq!(second.len(), first.len() + 1);
    assert!(first.iter().all(|k| second.contains(k)));
    match slots::load(&LocalBackend::open().unwrap()) {
        Loaded::Ready { snapshot, .. } => assert_eq!(snapshot.state, state),
        other => panic!("{other:?}"),
    }
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn s02_a_corrupt_newest_save_loads_the_previous_one_in_the_browser() {
    let b = fresh();
    let mut w = slots::Writer::default();
    slots::save(&b, &mut w, &named("old"), 1).unwrap();
    slots::save(&b, &mut w, &named("new"), 2).unwrap();
    storage()
        .set_item(SLOT_B, "{\"schema\":3,\"data\":{")
        .unwrap();
    match slots::load(&b) {
        Loaded::Ready {
            snapshot,
            recovered: Some(_),
            ..
        } => assert_eq!(snapshot.state, named("old")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        storage().get_item(SLOT_B).unwrap().as_deref(),
        Some("{\"schema\":3,\"data\":{")
    );
    storage().clear().unwrap();
}

/// S-07 against Chromium's real quota: fill storage, then save.
#[wasm_bindgen_test]
fn s07_real_quota_is_reported_and_the_last_save_survives() {
    let b = fresh();
    let mut w = slots::Writer::default();
    slots::save(&b, &mut w, &named("kept"), 1).unwrap();
    let s = storage();
    let mut chunk = 1 << 20;
    let mut i = 0;
    while chunk > 0 {
        let pad = "x".repeat(chunk);
        if s.set_item(&format!("pad-{i}"), &pad).is_ok() {
            i += 1;
        } else {
            chunk /= 2;
        }
    }
    let before = (s.get_item(SLOT_A).unwrap(), s.get_item(ACTIVE).unwrap());
    assert_eq!(
        slots::save(&b, &mut w, &named(&"new ".repeat(50)), 2),
        Err(SaveError::Quota)
    );
    assert_eq!(
        (s.get_item(SLOT_A).unwrap(), s.get_item(ACTIVE).unwrap()),
        before
    );
    for k in 0..i {
        s.remove_item(&format!("pad-{k}")).unwrap();
    }
    match slots::load(&b) {
        Loaded::Ready { snapshot, .. } => assert_eq!(snapshot.state, named("kept")),
        other => panic!("{other:?}"),
    }
    s.clear().unwrap();
}

/// S-08: every browser's name and code for a full quota is recognised.
#[wasm_bindgen_test]
fn s08_quota_errors_are_recognised_by_name_or_code() {
    let quota = [
        web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError")
            .unwrap()
            .into(),
        js_sys::eval("({name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014, message: 'full'})")
            .unwrap(),
        js_sys::eval("({name: 'QUOTA_EXCEEDED_ERR', code: 22, message: 'full'})").unwrap(),
        js_sys::eval("({name: 'Error', code: 22})").unwrap(),
    ];
    for e in &quota {
        assert_eq!(classify(e), StorageError::Quota, "{e:?}");
    }
    let other: JsValue =
        web_sys::DomException::new_with_message_and_name("denied", "SecurityError")
            .unwrap()
            .into();
    assert_eq!(
        classify(&other),
        StorageError::Other("SecurityError: denied".into())
    );
    assert!(matches!(
        classify(&JsValue::from_str("odd")),
        StorageError::Other(_)
    ));
}

#[wasm_bindgen_test]
fn the_backend_reads_back_exactly_what_it_wrote() {
    let b = fresh();
    let text = "emoji 👩‍👩‍👧, RTL שלום, quote \" and NUL \u{0}";
    b.set("branch-out/v1/probe", text).unwrap();
    assert_eq!(b.get("branch-out/v1/probe").unwrap().as_deref(), Some(text));
    assert!(b.used_chars() > 0);
    storage().clear().unwrap();
}

mod shell {
    use super::*;
    use leptos::prelude::*;

    fn mount_app() -> (web_sys::HtmlElement, impl Drop) {
        let doc = document();
        let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
        doc.body().unwrap().append_child(&host).unwrap();
        let handle = leptos::mount::mount_to(host.clone(), branch_out::ui::App);
        (host, handle)
    }

    fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
        host.query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
            .text_content()
            .unwrap_or_default()
    }

    #[wasm_bindgen_test]
    async fn the_shell_has_landmarks_one_heading_and_every_screen() {
        storage().clear().unwrap();
        window().location().set_hash("#/today").unwrap();
        let (host, handle) = mount_app();
        leptos::task::tick().await;
        assert_eq!(text_of(&host, "h1"), "Today");
        assert_eq!(host.query_selector_all("h1").unwrap().length(), 1);
        let links = host.query_selector_all("nav[aria-label='Main'] a").unwrap();
        assert_eq!(links.length(), 6);
        assert_eq!(text_of(&host, "a[aria-current='page']"), "Today");
        assert!(host
            .query_selector("a.skip-link[href='#main']")
            .unwrap()
            .is_some());
        assert!(host.query_selector("main#main").unwrap().is_some());

        for (hash, heading) in [
            ("#/plan", "Plan"),
            ("#/resources", "Resources"),
            ("#/people", "People"),
            ("#/share", "Share and back up"),
            ("#/settings", "Settings"),
            ("#/nowhere", "Page not found"),
        ] {
            window().location().set_hash(hash).unwrap();
            // hashchange is dispatched asynchronously.
            let mut tries = 0;
            while text_of(&host, "h1") != heading && tries < 50 {
                gloo_timers_sleep(10).await;
                tries += 1;
            }
            assert_eq!(text_of(&host, "h1"), heading);
            assert_eq!(host.query_selector_all("h1").unwrap().length(), 1);
        }
        drop(handle);
        host.remove();
        assert_eq!(storage().length().unwrap(), 0, "browsing writes nothing");
    }

    #[wasm_bindgen_test]
    async fn saving_the_profile_writes_storage_and_the_status_says_so() {
        storage().clear().unwrap();
        window().location().set_hash("#/settings").unwrap();
        let (host, handle) = mount_app();
        leptos::task::tick().await;
        let input: web_sys::HtmlInputElement = host
            .query_selector("#profile-name")
            .unwrap()
            .unwrap()
            .unchecked_into();
        input.set_value("  Robin\u{202E} ");
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        let button: web_sys::HtmlElement = host
            .query_selector("form button[type='submit']")
            .unwrap()
            .unwrap()
            .unchecked_into();
        button.click();
        leptos::task::tick().await;
        assert_eq!(input.value(), "Robin", "the cleaned value is shown");
        // The save follows the paint.
        assert!(until(|| text_of(&host, ".save-status").starts_with("Saved")).await);
        match slots::load(&LocalBackend::open().unwrap()) {
            Loaded::Ready { snapshot, .. } => assert_eq!(snapshot.state.settings.name, "Robin"),
            other => panic!("{other:?}"),
        }
        drop(handle);
        host.remove();
        storage().clear().unwrap();
    }

    #[wasm_bindgen_test]
    async fn unreadable_storage_opens_the_recovery_view_and_writes_nothing() {
        storage().clear().unwrap();
        storage().set_item(SLOT_A, "{\"oops").unwrap();
        window().location().set_hash("#/settings").unwrap();
        let (host, handle) = mount_app();
        leptos::task::tick().await;
        assert_eq!(text_of(&host, "h1"), "Your saved data needs attention");
        assert!(text_of(&host, "main").contains("Nothing has been changed or deleted"));
        assert_eq!(
            storage().get_item(SLOT_A).unwrap().as_deref(),
            Some("{\"oops")
        );
        assert!(storage().get_item(ACTIVE).unwrap().is_none());
        drop(handle);
        host.remove();
        storage().clear().unwrap();
    }

    #[wasm_bindgen_test]
    async fn today_shows_progress_from_stored_check_ins() {
        use branch_out::model::{Area, Cadence, CheckInInput, GoalInput, Id};
        let b = fresh();
        let d = js_sys::Date::new_0();
        let today = chrono::NaiveDate::from_ymd_opt(
            d.get_full_year() as i32,
            d.get_month() + 1,
            d.get_date(),
        )
        .unwrap();
        let mut state = State::default();
        let goal = Id::from_random([7; 16]);
        state
            .apply(branch_out::model::Action::AddGoal {
                id: goal.clone(),
                today,
                input: GoalInput {
                    title: "Reach out to a colleague".into(),
                    notes: String::new(),
                    area: Area::School,
                    cadence: Cadence::Weekly,
                    target: 2,
                },
            })
            .unwrap();
        state
            .apply(branch_out::model::Action::LogCheckIn {
                id: Id::from_random([8; 16]),
                input: CheckInInput {
                    date: today,
                    goal: Some(goal),
                    note: String::new(),
                    people: String::new(),
                    with: vec![],
                    resources: vec![],
                },
            })
            .unwrap();
        slots::save(&b, &mut slots::Writer::default(), &state, 1).unwrap();
        window().location().set_hash("#/today").unwrap();
        let (host, handle) = mount_app();
        leptos::task::tick().await;
        let main = text_of(&host, "main");
        assert!(main.contains("This week"), "{main}");
        assert!(main.contains("1 of 2 this week."), "{main}");
        let button = host
            .query_selector("button[aria-label='Log a connection: Reach out to a colleague']")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>();
        button.click();
        leptos::task::tick().await;
        assert!(text_of(&host, "main").contains("2 of 2 this week. Done for this week."));
        // The save follows the paint.
        let saved = || {
            matches!(slots::load(&LocalBackend::open().unwrap()),
                Loaded::Ready { snapshot, .. } if snapshot.state.check_ins.len() == 2)
        };
        assert!(until(saved).await);
        match slots::load(&LocalBackend::open().unwrap()) {
            Loaded::Ready { snapshot, .. } => assert_eq!(snapshot.state.check_ins.len(), 2),
            other => panic!("{other:?}"),
        }
        drop(handle);
        host.remove();
        storage().clear().unwrap();
    }

    /// Waits (up to 2 s) until `ready` holds.
    async fn until(mut ready: impl FnMut() -> bool) -> bool {
        for _ in 0..200 {
            if ready() {
                return true;
            }
            gloo_timers_sleep(10).await;
        }
        ready()
    }

    #[wasm_bindgen_test]
    async fn pasting_an_export_previews_it_and_importing_saves_it() {
        storage().clear().unwrap();
        window().location().set_hash("#/share").unwrap();
        let (host, handle) = mount_app();
        leptos::task::tick().await;
        let area: web_sys::HtmlTextAreaElement = host
            .query_selector("#import-paste")
            .unwrap()
            .unwrap()
            .unchecked_into();
        area.set_value(include_str!("fixtures/export-v1.json"));
        area.dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        let read: web_sys::HtmlElement = area
            .closest("form")
            .unwrap()
            .unwrap()
            .query_selector("button[type=submit]")
            .unwrap()
            .unwrap()
            .unchecked_into();
        read.click();
        let opened = until(|| {
            host.query_selector("dialog[open] h3")
                .unwrap()
                .and_then(|h| h.text_content())
                .is_some_and(|t| t == "New (7)")
        })
        .await;
        assert!(opened, "the preview lists the seven new items");
        assert_eq!(
            storage().length().unwrap(),
            0,
            "nothing is written before Import"
        );
        let import: web_sys::HtmlElement = host
            .query_selector("dialog[open] button.primary")
            .unwrap()
            .unwrap()
            .unchecked_into();
        import.click();
        let saved = until(|| storage().get_item(ACTIVE).unwrap().is_some()).await;
        assert!(saved);
        match slots::load(&LocalBackend::open().unwrap()) {
            Loaded::Ready { snapshot, .. } => {
                assert_eq!(snapshot.state.goals.len(), 2);
                assert_eq!(snapshot.state.check_ins.len(), 2);
                assert_eq!(snapshot.state.resources.len(), 3);
                assert_eq!(snapshot.state.settings.name, "Sam Lee");
            }
            other => panic!("expected the import saved, got {other:?}"),
        }
        drop(handle);
        host.remove();
        storage().clear().unwrap();
    }

    async fn gloo_timers_sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// Every key and value in localStorage.
fn stored_strings() -> std::collections::BTreeMap<String, String> {
    let s = storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect()
}

/// Another tab's save of `state`, made on top of `seen` (what it last read), lands in
/// localStorage over whatever this tab wrote since: the keys it wrote replace this tab's.
fn saved_elsewhere(seen: &std::collections::BTreeMap<String, String>, state: &State) {
    let other = slots::MemoryBackend {
        map: seen.clone().into(),
        ..Default::default()
    };
    let Loaded::Ready { mut writer, .. } = slots::load(&other) else {
        panic!("nothing saved");
    };
    slots::save(&other, &mut writer, state, 7).unwrap();
    for (k, v) in other.snapshot() {
        if seen.get(&k) != Some(&v) {
            storage().set_item(&k, &v).unwrap();
        }
    }
    for k in seen.keys().filter(|k| !other.snapshot().contains_key(*k)) {
        storage().remove_item(k).unwrap();
    }
}

fn stored_state() -> (State, u64) {
    match slots::load(&LocalBackend::open().unwrap()) {
        Loaded::Ready {
            snapshot, writer, ..
        } => (snapshot.state, writer.rev()),
        other => panic!("{other:?}"),
    }
}

/// B-02 in one tab's terms: another tab saved at the same moment as this one, neither having
/// seen the other's save, and the browser kept the other's. This tab sees it, puts its own
/// change on top again and saves; a later save built on that one is taken as it is.
#[wasm_bindgen_test]
fn b02_a_save_replaced_by_one_made_elsewhere_at_the_same_moment_is_made_again() {
    use branch_out::model::{Action, WeekStart};
    use branch_out::ui::ctx::Ctx;
    use leptos::prelude::GetUntracked;
    let backend = fresh();
    let Loaded::FirstRun(mut w) = slots::load(&backend) else {
        panic!("not empty");
    };
    slots::save(&backend, &mut w, &named("start"), 1).unwrap();
    let start = stored_strings();

    let ctx = Ctx::load();
    ctx.dispatch(Action::SetWeekStart(WeekStart::Sunday))
        .unwrap();
    ctx.flush();
    assert_eq!(stored_state().1, 2);
    // The other tab had seen only "start" and saved the next revision too.
    saved_elsewhere(&start, &named("from the other tab"));
    let (theirs, rev) = stored_state();
    assert_eq!((theirs.settings.week_start, rev), (WeekStart::Monday, 2));

    assert!(ctx.refresh());
    let on_screen = ctx.state.get_untracked();
    assert_eq!(on_screen.settings.name, "from the other tab");
    assert_eq!(on_screen.settings.week_start, WeekStart::Sunday);
    ctx.flush();
    let (stored, rev) = stored_state();
    assert_eq!(stored, on_screen);
    assert_eq!(rev, 3);

    // A save built on this tab's: nothing is made again, whatever it changed.
    let both = stored_strings();
    let mut later = stored.clone();
    later.settings.week_start = WeekStart::Monday;
    saved_elsewhere(&both, &later);
    assert!(ctx.refresh());
    assert_eq!(ctx.state.get_untracked(), later);
    ctx.flush();
    assert_eq!(stored_state(), (later, 4));
    storage().clear().unwrap();
}
