//! Unit tests of the staff side of meetings: the editor's checks in city time, the accommodation summary.

use super::*;
use crate::backend::services::events::editor::*;

fn valid_form() -> EventForm {
    EventForm {
        title: "Listening session, Plummer Park".into(),
        starts_local: "2027-01-14T18:30".into(),
        ends_local: "2027-01-14T20:00".into(),
        format: "hybrid".into(),
        venue_name: "Plummer Park".into(),
        online_url: "https://meet.example.org/x".into(),
        capacity: "40".into(),
        deadline_local: "2027-01-13T00:00".into(),
        status: "published".into(),
        ..Default::default()
    }
}

#[test]
fn local_times_are_read_in_the_consultation_zone() {
    let weho = chrono_tz::America::Los_Angeles;
    let Ok(saved) = check_event(&valid_form(), weho) else {
        panic!("refused a good form")
    };
    // Pacific Standard Time in January: UTC-8.
    assert_eq!(saved.starts_at.to_rfc3339(), "2027-01-15T02:30:00+00:00");
    assert_eq!(to_local_input(saved.starts_at, weho), "2027-01-14T18:30");
    // The same wall-clock time in Madrid (UTC+1 in January) is nine hours earlier.
    let madrid = chrono_tz::Europe::Madrid;
    let Ok(saved) = check_event(&valid_form(), madrid) else {
        panic!("refused a good form")
    };
    assert_eq!(saved.starts_at.to_rfc3339(), "2027-01-14T17:30:00+00:00");
    assert_eq!(to_local_input(saved.starts_at, madrid), "2027-01-14T18:30");
}

#[test]
fn every_problem_is_reported_and_the_input_kept() {
    let form = EventForm {
        starts_local: "2027-01-14T18:30".into(),
        ends_local: "2027-01-14T17:00".into(),
        format: "hybrid".into(),
        online_url: "http://insecure.example.org".into(),
        capacity: "0".into(),
        deadline_local: "2027-01-15T00:00".into(),
        status: "cancelled".into(),
        ..Default::default()
    };
    let Err(errors) = check_event(&form, chrono_tz::America::Los_Angeles) else {
        panic!("accepted a bad form")
    };
    for field in [
        "title",
        "ends_local",
        "venue_name",
        "online_url",
        "capacity",
        "deadline_local",
        "status",
    ] {
        assert!(errors.for_field(field).is_some(), "no error for {field}");
    }
    assert_eq!(errors.kept("capacity"), Some("0"));
}

#[test]
fn slugs_are_made_of_the_titles_words() {
    assert_eq!(
        slug_from("Phase II: Plummer Park (in person)"),
        "phase-ii-plummer-park-in-person"
    );
    assert_eq!(slug_from("¿?"), "meeting");
}
