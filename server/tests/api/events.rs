//! Meeting RSVPs: seats are never oversold under concurrency, the waitlist keeps its order, a
//! cancellation promotes, manage links are unguessable.

use crate::helpers::{TestApp, spawn_app_with};
use app::backend::MailContext;
use app::backend::entity::{consultation, event, rsvp};
use app::backend::services::events::{self, NewRsvp, Placement, RsvpRefused};
use app::domain::status::{EventStatus, RsvpStatus};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

pub(crate) async fn meeting(
    app: &TestApp,
    capacity: Option<i32>,
    deadline_in_hours: i64,
) -> event::Model {
    meeting_in_days(app, capacity, deadline_in_hours, 7).await
}

pub(crate) async fn meeting_in_days(
    app: &TestApp,
    capacity: Option<i32>,
    deadline_in_hours: i64,
    days: i64,
) -> event::Model {
    let consultation_id = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |c| c.id);
    let starts = chrono::Utc::now() + chrono::Duration::days(days);
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
        status: Set(EventStatus::Published),
        revision: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) fn mail() -> MailContext {
    MailContext {
        inbox: "cswb@weho.org".into(),
        tty_number: "(323) 848-6496".into(),
        message_id_host: "127.0.0.1".into(),
        reference_prefix: "CSWB".into(),
        public_url: "http://127.0.0.1".into(),
        zone: chrono_tz::America::Los_Angeles,
    }
}

pub(crate) fn person(n: usize, party: i32) -> NewRsvp {
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
        answers.spawn(async move { events::rsvp(&db, meeting.id, &person(n, 1), &mail()).await });
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
            events::rsvp(&db, meeting.id, &person(n, party), &mail())
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
        events::cancel(&app.db, "not-a-real-token", &mail())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_none()
    );

    let promoted = events::cancel(&app.db, &first.token, &mail())
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
    assert_eq!(found.status, RsvpStatus::Cancelled);
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
    let refused = events::rsvp(&app.db, meeting.id, &person(1, 1), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(refused.err(), Some(RsvpRefused::Closed));
    let missing = events::rsvp(&app.db, meeting.id + 100, &person(1, 1), &mail())
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_confirmation_arrives_by_smtp_with_a_calendar_invitation_and_a_promotion_follows_a_cancellation()
 {
    use icalendar::{Calendar, CalendarComponent, Component};
    use mail_parser::MimeHeaders;
    let sink = crate::smtp::SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    let meeting = meeting(&app, Some(1), 48).await;
    let first = events::rsvp(&app.db, meeting.id, &person(1, 1), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut spanish = person(2, 1);
    spanish.locale = "es".into();
    events::rsvp(&app.db, meeting.id, &spanish, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));

    let received = sink.wait_for(2).await;
    let confirmation = received
        .iter()
        .find(|m| m.to == ["person1@example.org"])
        .unwrap_or_else(|| panic!("no confirmation"));
    assert_eq!(
        confirmation.subject(),
        "You are registered: Phase II community session"
    );
    assert!(
        confirmation
            .text()
            .contains(&format!("/events/{}/rsvp/{}", meeting.slug, first.token))
    );
    let parsed = confirmation.parsed();
    let invite = parsed
        .attachments()
        .find(|a| a.attachment_name() == Some("invite.ics"))
        .unwrap_or_else(|| panic!("no invitation attached"));
    let content_type = invite
        .content_type()
        .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()));
    assert_eq!(content_type.as_deref(), Some("text/calendar"));
    let ics = String::from_utf8_lossy(invite.contents()).to_string();
    assert!(ics.contains("METHOD:REQUEST"));
    let calendar: Calendar = ics.parse().unwrap_or_else(|e| panic!("not RFC 5545: {e}"));
    let event = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no VEVENT"));
    assert_eq!(
        event.get_uid(),
        Some(format!("event-{}@127.0.0.1", meeting.id).as_str())
    );

    let waitlisted = received
        .iter()
        .find(|m| m.to == ["person2@example.org"])
        .unwrap_or_else(|| panic!("no waitlist notice"));
    assert_eq!(
        waitlisted.subject(),
        "Está en la lista de espera: Phase II community session"
    );
    assert!(waitlisted.text().contains("puesto 1"));
    assert_eq!(
        waitlisted.parsed().attachment_count(),
        0,
        "no invitation while waiting"
    );

    events::cancel(&app.db, &first.token, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let received = sink.wait_for(4).await;
    let promoted = received
        .iter()
        .find(|m| m.to == ["person2@example.org"] && m.subject().starts_with("Tiene un lugar"))
        .unwrap_or_else(|| panic!("no promotion email"));
    assert_eq!(
        promoted.parsed().attachment_count(),
        1,
        "the promoted get the invitation"
    );
    assert!(
        received.iter().any(|m| m.to == ["person1@example.org"]
            && m.subject().starts_with("Your RSVP is cancelled"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_48_hours_ahead_once_and_only_to_those_who_agreed() {
    use app::backend::entity::outbox_message;
    use sea_orm::PaginatorTrait;
    let app = spawn_app_with(|s| s.outbox_worker = false).await;
    let meeting = meeting_in_days(&app, None, 24, 5).await;
    events::rsvp(&app.db, meeting.id, &person(1, 2), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut no_reminder = person(2, 1);
    no_reminder.reminder_consent = false;
    events::rsvp(&app.db, meeting.id, &no_reminder, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let cancelled = events::rsvp(&app.db, meeting.id, &person(3, 1), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    events::cancel(&app.db, &cancelled.token, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let reminders = || async {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Kind.eq("rsvp-reminder"))
            .all(&app.db)
            .await
            .unwrap_or_default()
    };

    // Three days before: too early.
    let early = meeting.starts_at - chrono::Duration::hours(72);
    assert_eq!(
        app.outbox_worker
            .queue_reminders(early)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0
    );

    // Within 48 hours, two workers at once: one reminder, to the person who agreed.
    let due = meeting.starts_at - chrono::Duration::hours(47);
    let other = app.outbox_worker.renamed("second-instance");
    let (a, b) = tokio::join!(
        app.outbox_worker.queue_reminders(due),
        other.queue_reminders(due)
    );
    let queued = a.unwrap_or_else(|e| panic!("{e}")) + b.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(queued, 1);
    let sent = reminders().await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to_address, "person1@example.org");
    assert_eq!(sent[0].subject, "Reminder: Phase II community session");

    // Later runs find nothing new.
    let later = meeting.starts_at - chrono::Duration::hours(2);
    assert_eq!(
        app.outbox_worker
            .queue_reminders(later)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0
    );
    assert_eq!(
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Kind.eq("rsvp-reminder"))
            .count(&app.db)
            .await
            .unwrap_or_default(),
        1
    );
}
