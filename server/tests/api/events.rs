//! Meeting RSVPs: seats are never oversold under concurrency, the waitlist keeps its order, a
//! cancellation promotes, manage links are unguessable.

use crate::helpers::{TestApp, spawn_app_with};
use app::server::entity::{consultation, event, rsvp};
use app::server::services::events::{self, NewRsvp, Placement, RsvpRefused};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

async fn meeting(app: &TestApp, capacity: Option<i32>, deadline_in_hours: i64) -> event::Model {
    let consultation_id = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |c| c.id);
    let starts = chrono::Utc::now() + chrono::Duration::days(7);
    event::ActiveModel {
        consultation_id: Set(consultation_id),
        slug: Set(format!("session-{}", capacity.unwrap_or(0))),
        title: Set("Phase II community session".into()),
        description_markdown: Set("Talk with us.".into()),
        description_html: Set("<p>Talk with us.</p>".into()),
        starts_at: Set(starts),
        ends_at: Set(starts + chrono::Duration::hours(2)),
        format: Set("in_person".into()),
        venue_name: Set(Some("Plummer Park Community Center".into())),
        venue_address: Set(Some("7377 Santa Monica Blvd".into())),
        online_url: Set(None),
        capacity: Set(capacity),
        rsvp_deadline: Set(Some(
            chrono::Utc::now() + chrono::Duration::hours(deadline_in_hours),
        )),
        languages: Set("en,es,ru".into()),
        accessibility_notes: Set("Step-free entrance.".into()),
        status: Set("published".into()),
        revision: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

fn person(n: usize, party: i32) -> NewRsvp {
    NewRsvp {
        name: format!("Person {n}"),
        email: format!("person{n}@example.org"),
        party_size: party,
        stakeholder_group: "resident".into(),
        accommodations: vec!["asl".into()],
        reminder_consent: true,
        locale: "en".into(),
        ..Default::default()
    }
}

async fn registered_seats(app: &TestApp, event_id: i32) -> i64 {
    events::seats_taken(&app.db, event_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_people_at_once_never_oversell_ten_seats_and_the_rest_wait_in_order() {
    let app = spawn_app_with(|s| s.outbox_worker = false).await;
    let meeting = meeting(&app, Some(10), 48).await;
    let mut answers = tokio::task::JoinSet::new();
    for n in 0..50 {
        let db = app.db.clone();
        answers.spawn(async move { events::rsvp(&db, meeting.id, &person(n, 1), "CSWB").await });
    }
    let mut registered = 0;
    let mut positions = Vec::new();
    while let Some(answer) = answers.join_next().await {
        let placed = answer
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("database: {e}"))
            .unwrap_or_else(|e| panic!("refused: {e}"));
        match placed.placement {
            Placement::Registered => registered += 1,
            Placement::Waitlisted { position } => positions.push(position),
        }
    }
    assert_eq!(registered, 10);
    assert_eq!(
        registered_seats(&app, meeting.id).await,
        10,
        "never more than the capacity"
    );
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=40).collect::<Vec<u64>>(),
        "each waiting place given once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancellation_promotes_the_first_in_line_and_a_wrong_token_finds_nothing() {
    let app = spawn_app_with(|s| s.outbox_worker = false).await;
    let meeting = meeting(&app, Some(4), 48).await;
    let place = |n: usize, party: i32| {
        let db = app.db.clone();
        async move {
            events::rsvp(&db, meeting.id, &person(n, party), "CSWB")
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };
    let first = place(1, 3).await;
    assert_eq!(first.placement, Placement::Registered);
    let second = place(2, 2).await;
    assert_eq!(second.placement, Placement::Waitlisted { position: 1 });
    // One seat is free, but the party of 1 does not jump ahead of the party of 2.
    let third = place(3, 1).await;
    assert_eq!(third.placement, Placement::Waitlisted { position: 2 });

    assert!(
        events::by_token(&app.db, "not-a-real-token")
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );
    assert!(
        events::cancel(&app.db, "not-a-real-token")
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );

    let promoted = events::cancel(&app.db, &first.token)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the token is known"));
    let names: Vec<&str> = promoted.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["Person 2", "Person 3"],
        "promoted in order while seats fit"
    );
    assert_eq!(registered_seats(&app, meeting.id).await, 3);
    let (found, _) = events::by_token(&app.db, &first.token)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("still findable"));
    assert_eq!(found.status, "cancelled");
    let stored = rsvp::Entity::find()
        .filter(rsvp::Column::TokenHash.eq(first.token.clone()))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(stored.is_none(), "the token itself is never stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_deadline_rsvps_are_refused() {
    let app = spawn_app_with(|s| s.outbox_worker = false).await;
    let meeting = meeting(&app, None, -1).await;
    let refused = events::rsvp(&app.db, meeting.id, &person(1, 1), "CSWB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(refused.err(), Some(RsvpRefused::Closed));
    let missing = events::rsvp(&app.db, meeting.id + 100, &person(1, 1), "CSWB")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(missing.err(), Some(RsvpRefused::NotFound));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_meetings_are_in_the_calendar_feed_in_city_time_without_online_links() {
    use chrono::TimeZone;
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};
    let app = crate::helpers::spawn_app().await;
    let response = app.get("/events.ics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/calendar; charset=utf-8")
    );
    let text = response.text().await.unwrap_or_default();
    assert!(
        !text.contains("cswb-online-session"),
        "online links only go to people who RSVP"
    );
    let parsed: Calendar = text.parse().unwrap_or_else(|e| panic!("not RFC 5545: {e}"));
    let meetings: Vec<icalendar::Event> = parsed
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(meetings.len(), 2);
    let park = meetings
        .iter()
        .find(|e| e.get_summary() == Some("Phase II community session at Plummer Park"))
        .unwrap_or_else(|| panic!("the in-person session"));
    assert!(
        park.get_location()
            .unwrap_or_default()
            .contains("7377 Santa Monica Boulevard")
    );
    let zone = chrono_tz::America::Los_Angeles;
    let expected_day =
        chrono::Utc::now().with_timezone(&zone).date_naive() + chrono::Duration::days(21);
    let expected = zone
        .from_local_datetime(&expected_day.and_hms_opt(18, 30, 0).unwrap_or_default())
        .earliest()
        .map(|d| d.with_timezone(&chrono::Utc));
    match park.get_start() {
        Some(DatePerhapsTime::DateTime(start)) => assert_eq!(start.try_into_utc(), expected),
        other => panic!("no start: {other:?}"),
    }

    let one = app
        .get("/events/phase-ii-session-online/calendar.ics")
        .await;
    assert_eq!(one.status(), 200);
    assert!(
        one.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("phase-ii-session-online.ics"))
    );
    let text = one.text().await.unwrap_or_default();
    assert!(text.contains("SUMMARY:Phase II community session online"));
    assert_eq!(
        app.get("/events/no-such-meeting/calendar.ics")
            .await
            .status(),
        404
    );
}
