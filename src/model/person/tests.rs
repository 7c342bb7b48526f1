//! Tests of [`super`]: kept apart so the module reads on its own.

use super::*;
use crate::model::Action;
use crate::testing::today;

fn sam() -> PersonInput {
    PersonInput {
        name: " Sam Lee ".into(),
        email: "Sam@Northside.EDU".into(),
        url: "https://northside.edu/staff/sam".into(),
        relation: Relation::Mentor,
        tags: vec!["makerspace".into(), "Makerspace".into()],
        keep_in_touch: KeepInTouch::Month,
        ..PersonInput::default()
    }
}

fn add(state: &mut State, n: u8, input: PersonInput) -> Result<crate::model::Undo, ActionError> {
    let checked = input.check(Id::from_random([n; 16]), today())?;
    state.apply(Action::People(PeopleAction::Add(checked)))
}

#[test]
fn a_person_is_checked_as_typed() {
    let p = sam()
        .into_person(Id::from_random([1; 16]), today())
        .unwrap();
    assert_eq!(p.name, "Sam Lee");
    assert_eq!(p.email, "Sam@northside.edu");
    assert_eq!(p.tags, vec!["makerspace".to_owned()]);
    let bad_link = PersonInput {
        url: "javascript:alert(1)".into(),
        ..sam()
    };
    assert!(matches!(
        bad_link.check(Id::from_random([1; 16]), today()),
        Err(ActionError::Url(_))
    ));
    let bad_mail = PersonInput {
        email: "sam@lib.org?bcc=x@y.org".into(),
        ..sam()
    };
    assert!(matches!(
        bad_mail.check(Id::from_random([1; 16]), today()),
        Err(ActionError::Email(_))
    ));
    let nameless = PersonInput {
        name: " \u{200B}".into(),
        ..sam()
    };
    assert!(nameless.check(Id::from_random([1; 16]), today()).is_err());
}

#[test]
fn add_edit_star_archive_delete_and_every_undo() {
    let mut s = State::default();
    let undo_add = add(&mut s, 1, sam()).unwrap().unwrap();
    add(
        &mut s,
        2,
        PersonInput {
            name: "Robin".into(),
            ..PersonInput::default()
        },
    )
    .unwrap();
    assert_eq!(s.people.len(), 2);
    let original = s.clone();
    let id = Id::from_random([1; 16]);

    // An edit keeps when they were added and whether archived; undo puts it back.
    s.apply(Action::People(PeopleAction::Archive {
        id: id.clone(),
        archived: true,
    }))
    .unwrap();
    let archived = s.clone();
    let later = today().succ_opt().unwrap_or_default();
    let edit = PersonInput {
        name: "Sam Lee-Park".into(),
        ..sam()
    }
    .check(id.clone(), later)
    .unwrap();
    let undo = s
        .apply(Action::People(PeopleAction::Edit(edit)))
        .unwrap()
        .unwrap();
    let p = s.person(&id).unwrap();
    assert_eq!(
        (p.name.as_str(), p.added, p.archived),
        ("Sam Lee-Park", today(), true)
    );
    s.apply(undo).unwrap();
    assert_eq!(s, archived);

    let undo = s
        .apply(Action::People(PeopleAction::Archive {
            id: id.clone(),
            archived: false,
        }))
        .unwrap()
        .unwrap();
    assert!(!s.person(&id).unwrap().archived);
    s.apply(undo).unwrap();
    assert!(s.person(&id).unwrap().archived);
    s.apply(Action::People(PeopleAction::Archive {
        id: id.clone(),
        archived: false,
    }))
    .unwrap();
    assert_eq!(s, original);

    let undo = s
        .apply(Action::People(PeopleAction::Favourite {
            id: id.clone(),
            favourite: true,
        }))
        .unwrap()
        .unwrap();
    assert!(s.person(&id).unwrap().favourite);
    s.apply(undo).unwrap();
    assert_eq!(s, original);

    // Delete and undo: back in the same place, exactly.
    let undo = s
        .apply(Action::People(PeopleAction::Delete { id: id.clone() }))
        .unwrap()
        .unwrap();
    assert_eq!(s.people.len(), 1);
    assert_eq!(s.person(&id), None);
    s.apply(undo).unwrap();
    assert_eq!(s, original);

    // Undo of the add removes them.
    s.apply(undo_add).unwrap();
    assert_eq!(s.person(&id), None);
    assert_eq!(s.people.len(), 1);
}

#[test]
fn refusals_change_nothing() {
    let mut s = State::default();
    add(&mut s, 1, sam()).unwrap();
    let before = s.clone();
    let nobody = Id::from_random([9; 16]);
    assert_eq!(add(&mut s, 1, sam()), Err(ActionError::IdTaken));
    for a in [
        PeopleAction::Delete { id: nobody.clone() },
        PeopleAction::Favourite {
            id: nobody.clone(),
            favourite: true,
        },
        PeopleAction::Archive {
            id: nobody.clone(),
            archived: true,
        },
        PeopleAction::Edit(sam().check(nobody.clone(), today()).unwrap()),
    ] {
        assert_eq!(s.apply(Action::People(a)), Err(ActionError::NoSuchPerson));
    }
    assert_eq!(s, before);
    // A person's id may not be taken by anything else.
    s.goals.push(crate::model::Goal {
        id: nobody.clone(),
        title: "g".into(),
        notes: String::new(),
        area: Area::School,
        cadence: crate::model::Cadence::Weekly,
        target: 1,
        status: crate::model::GoalStatus::Active,
        created: today(),
        skipped: vec![],
        pauses: vec![],
        origin: None,
    });
    assert_eq!(add(&mut s, 9, sam()), Err(ActionError::IdTaken));
}

#[test]
fn the_network_is_capped() {
    let mut s = State::default();
    let p = sam()
        .into_person(Id::from_random([0; 16]), today())
        .unwrap();
    s.people = (0..MAX_PEOPLE)
        .map(|i| {
            let mut q = p.clone();
            let b = u32::try_from(i).unwrap_or_default().to_le_bytes();
            q.id = Id::from_random([b[0], b[1], b[2], 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]);
            q
        })
        .collect();
    assert_eq!(
        add(&mut s, 200, sam()),
        Err(ActionError::TooMany(MAX_PEOPLE))
    );
    s.people.pop();
    assert!(add(&mut s, 200, sam()).is_ok());
}
