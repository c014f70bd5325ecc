//! Meetings through the web: the RSVP form without JavaScript, the manage link, staff attendee
//! lists with check-in and the CSV download, the editor in city time, and cancelling a meeting
//! (a city's own time zone is in `time_zone.rs`, erasing one's RSVP in `privacy.rs`).

use crate::events::{mail, meeting, person};
use crate::helpers::{TestApp, location, spawn_app, spawn_app_with};
use app::backend::entity::{audit_log, event, rsvp};
use app::backend::services::events;
use app::domain::Role;
use app::domain::status::RsvpStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "correct horse battery staple 42";

pub(crate) async fn post_rsvp(
    app: &TestApp,
    slug: &str,
    overrides: &[(&str, &str)],
) -> reqwest::Response {
    let mut form: Vec<(String, String)> = [
        ("slug", slug),
        ("name", "Ana Resident"),
        ("email", "ana@example.org"),
        ("phone", ""),
        ("party_size", "2"),
        ("stakeholder_group", "business"),
        ("stakeholder_other", ""),
        ("zip", "90069"),
        ("accommodations[0]", "asl"),
        ("accommodations[5]", "childcare"),
        ("accommodation_other", ""),
        ("reminder_consent", "on"),
        ("website", ""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    form.push(("form_stamp".into(), app.form_stamp()));
    for (key, value) in overrides {
        form.retain(|(k, _)| k != key);
        if *value != "<absent>" {
            form.push((key.to_string(), value.to_string()));
        }
    }
    app.client
        .post(app.url("/api/events/rsvp"))
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/events/{slug}")))
        .form(&form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) async fn rsvps_of(app: &TestApp, event_id: i32) -> Vec<rsvp::Model> {
    rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) async fn signed_in(app: &TestApp, email: &str, role: Role) {
    app.create_staff(email, role, PASSWORD).await;
    let response = app.sign_in(email, PASSWORD).await;
    assert!(response.status().is_redirection(), "sign-in failed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_rsvp_by_plain_form_opens_its_manage_page_where_the_party_changes_and_cancels() {
    let app = spawn_app().await;
    let meeting = meeting(&app, Some(10), 48).await;
    let (status, list) = app.get_html("/events").await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("href=\"/events/{}\"", meeting.slug)));
    let (status, page) = app.get_html(&format!("/events/{}", meeting.slug)).await;
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/api/events/rsvp\""));
    assert!(page.contains("10 seats left"));

    let response = post_rsvp(&app, &meeting.slug, &[]).await;
    assert!(response.status().is_redirection());
    let target = location(&response);
    let prefix = format!("/events/{}/rsvp/", meeting.slug);
    assert!(target.starts_with(&prefix), "went to {target}");
    assert!(target.ends_with("?new=1"));
    let token = target[prefix.len()..target.len() - "?new=1".len()].to_string();

    let stored = rsvps_of(&app, meeting.id).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].accommodations, "asl,childcare");
    assert_eq!(stored[0].stakeholder_group, "business");
    assert_eq!(stored[0].party_size, 2);
    assert!(stored[0].reminder_consent);

    let manage = app.follow(&response).await;
    assert!(manage.contains("You are registered"));
    assert!(manage.contains(stored[0].reference.as_deref().unwrap_or("?")));
    assert!(manage.contains("Childcare"));
    assert!(manage.contains("noindex"));
    let (_, page) = app.get_html(&format!("/events/{}", meeting.slug)).await;
    assert!(page.contains("8 seats left"));

    let manage_path = format!("/events/{}/rsvp/{token}", meeting.slug);
    let changed = app
        .client
        .post(app.url("/api/events/rsvp/change"))
        .header("accept", "text/html")
        .header("referer", app.url(&manage_path))
        .form(&[
            ("slug", meeting.slug.as_str()),
            ("token", token.as_str()),
            ("party_size", "4"),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(location(&changed), format!("{manage_path}?changed=1"));
    assert_eq!(rsvps_of(&app, meeting.id).await[0].party_size, 4);

    let cancelled = app
        .client
        .post(app.url("/api/events/rsvp/cancel"))
        .header("accept", "text/html")
        .header("referer", app.url(&manage_path))
        .form(&[("slug", meeting.slug.as_str()), ("token", token.as_str())])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(location(&cancelled), format!("{manage_path}?cancelled=1"));
    assert_eq!(
        rsvps_of(&app, meeting.id).await[0].status,
        RsvpStatus::Cancelled
    );
    let after = app.follow(&cancelled).await;
    assert!(after.contains("This RSVP is cancelled"));
    assert!(!after.contains("action=\"/api/events/rsvp/change\""));

    for wrong in [
        format!("/events/{}/rsvp/not-the-token", meeting.slug),
        format!("/events/another-meeting/rsvp/{token}"),
    ] {
        assert_eq!(app.get(&wrong).await.status(), 404, "{wrong}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_rsvp_comes_back_with_every_message_and_the_input_and_nothing_is_stored() {
    let app = spawn_app().await;
    let meeting = meeting(&app, Some(10), 48).await;
    let response = post_rsvp(
        &app,
        &meeting.slug,
        &[
            ("name", ""),
            ("email", "ana-at-example"),
            ("party_size", "9"),
            ("accommodations[6]", "other"),
            ("accommodations[2]", "valet-parking"),
            ("zip", "90069"),
        ],
    )
    .await;
    assert!(response.status().is_redirection());
    let page = app.follow(&response).await;
    for message in [
        "Enter your name",
        "Choose a party size from 1 to 5",
        "Choose accommodations from the list",
        "Describe the other accommodation you need",
    ] {
        assert!(page.contains(message), "no message {message:?}");
    }
    assert!(page.contains("error-summary"));
    assert!(page.contains("value=\"ana-at-example\""), "input not kept");
    assert!(page.contains("value=\"90069\""), "input not kept");
    assert!(rsvps_of(&app, meeting.id).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_deadline_or_a_cancellation_the_form_gives_way_to_a_notice() {
    let app = spawn_app().await;
    let closed = meeting(&app, Some(10), -1).await;
    let (_, page) = app.get_html(&format!("/events/{}", closed.slug)).await;
    assert!(page.contains("RSVPs for this meeting closed on"));
    assert!(!page.contains("action=\"/api/events/rsvp\""));
    // A form loaded before the deadline and sent after it: the page now says why, nothing is stored.
    let response = post_rsvp(&app, &closed.slug, &[]).await;
    let page = app.follow(&response).await;
    assert!(page.contains("RSVPs for this meeting closed on"));
    assert!(rsvps_of(&app, closed.id).await.is_empty());

    let open = meeting(&app, Some(20), 48).await;
    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let staff_page = format!("/staff/events/{}", open.id);
    let refused = app
        .post_form_from(
            &staff_page,
            "/api/staff/events/cancel",
            &[("id", &open.id.to_string())],
        )
        .await;
    assert!(
        app.follow(&refused)
            .await
            .contains("Tick the box to confirm")
    );
    app.post_form(
        "/api/staff/events/cancel",
        &[("id", &open.id.to_string()), ("confirm", "on")],
    )
    .await;
    let (_, page) = app.get_html(&format!("/events/{}", open.slug)).await;
    assert!(page.contains("This meeting has been cancelled"));
    assert!(!page.contains("action=\"/api/events/rsvp\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_meeting_tells_everyone_registered_or_waiting_with_a_calendar_withdrawal() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let sink = crate::smtp::SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    let meeting = meeting(&app, Some(1), 48).await;
    for n in 1..=2 {
        events::rsvp(&app.db, meeting.id, &person(n, 1), &mail())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    sink.wait_for(2).await;
    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let response = app
        .post_form(
            "/api/staff/events/cancel",
            &[("id", &meeting.id.to_string()), ("confirm", "on")],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/staff/events/{}?told=2", meeting.id)
    );
    let received = sink.wait_for(4).await;
    let notices: Vec<_> = received
        .iter()
        .filter(|m| m.subject().starts_with("Cancelled: "))
        .collect();
    assert_eq!(notices.len(), 2);
    for notice in notices {
        let parsed = notice.parsed();
        let ics = parsed
            .attachments()
            .next()
            .map(|a| String::from_utf8_lossy(a.contents()).to_string())
            .unwrap_or_else(|| panic!("no calendar update"));
        assert!(ics.contains("METHOD:CANCEL"));
        let calendar: Calendar = ics.parse().unwrap_or_else(|e| panic!("not RFC 5545: {e}"));
        let vevent = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no VEVENT"));
        assert_eq!(
            vevent.get_uid(),
            Some(format!("event-{}@127.0.0.1", meeting.id).as_str())
        );
        assert_eq!(vevent.property_value("STATUS"), Some("CANCELLED"));
        assert_eq!(vevent.property_value("SEQUENCE"), Some("1"));
    }
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("event.cancelled"))
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audited, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_smaller_party_frees_seats_for_the_waitlist_and_a_bigger_one_only_takes_free_seats() {
    let app = spawn_app().await;
    let meeting = meeting(&app, Some(4), 48).await;
    let big = events::rsvp(&app.db, meeting.id, &person(1, 4), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let waiting = events::rsvp(&app.db, meeting.id, &person(2, 2), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        waiting.placement,
        events::Placement::Waitlisted { position: 1 }
    ));
    let smaller = events::change_party(&app.db, &big.token, 2, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(smaller, Some(Ok(_))));
    let promoted = rsvp::Entity::find_by_id(waiting.rsvp.id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|r| r.status);
    assert_eq!(promoted, Some(RsvpStatus::Registered));
    let bigger = events::change_party(&app.db, &big.token, 3, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bigger, Some(Err(events::ChangeRefused::NoSeats(2))));
    assert_eq!(
        events::change_party(&app.db, "wrong-token", 1, &mail())
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_see_what_to_arrange_check_people_in_and_download_a_guarded_csv_by_group() {
    let app = spawn_app().await;
    let meeting = meeting(&app, Some(30), 48).await;
    let mut business = person(1, 2);
    business.stakeholder_group = "business".into();
    business.accommodations = vec!["asl".into(), "other".into()];
    business.accommodation_other = Some("=HYPERLINK(\"http://evil\")".into());
    let business = events::rsvp(&app.db, meeting.id, &business, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut resident = person(2, 1);
    resident.accommodations = vec!["asl".into(), "childcare".into()];
    events::rsvp(&app.db, meeting.id, &resident, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));

    let csv_path = format!("/staff/events/{}/attendees.csv", meeting.id);
    assert_eq!(app.get(&csv_path).await.status(), 401, "anonymous");
    signed_in(&app, "mod@weho.org", Role::Moderator).await;
    assert_eq!(app.get(&csv_path).await.status(), 403, "moderator");
    assert_eq!(
        app.get(&format!("/staff/events/{}", meeting.id))
            .await
            .status(),
        403
    );

    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let (status, page) = app.get_html(&format!("/staff/events/{}", meeting.id)).await;
    assert_eq!(status, 200);
    assert!(page.contains("2 need: American Sign Language (ASL) interpreter"));
    assert!(page.contains("1 need: Childcare"));
    assert!(
        !page.contains("action=\"/api/staff/events/check-in\""),
        "analysts only read"
    );
    assert_eq!(
        app.get(&format!("{csv_path}?contact=1")).await.status(),
        403,
        "contact details are for admins"
    );
    let response = app.get(&format!("{csv_path}?group=business")).await;
    assert_eq!(response.status(), 200);
    let body = response.bytes().await.unwrap_or_default();
    assert!(body.starts_with("\u{FEFF}".as_bytes()), "no BOM");
    let mut reader = csv::Reader::from_reader(&body[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "reference",
            "status",
            "party_size",
            "stakeholder_group",
            "stakeholder_other",
            "zip",
            "asl",
            "cart",
            "spanish",
            "russian",
            "wheelchair",
            "childcare",
            "other",
            "accommodation_other",
            "reminder_consent",
            "rsvp_at",
            "language"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_default()).collect();
    assert_eq!(rows.len(), 1, "only the business group");
    let row = &rows[0];
    assert_eq!(&row[0], business.rsvp.reference.as_deref().unwrap_or("?"));
    assert_eq!(&row[1], "registered");
    assert_eq!(&row[2], "2");
    assert_eq!(&row[3], "business");
    assert_eq!((&row[6], &row[11], &row[12]), ("1", "0", "1"));
    assert_eq!(
        &row[13], "'=HYPERLINK(\"http://evil\")",
        "formula not guarded"
    );
    assert!(!String::from_utf8_lossy(&body).contains("person1@example.org"));

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let response = app.get(&format!("{csv_path}?contact=1")).await;
    let text = response.text().await.unwrap_or_default();
    assert!(text.contains("person1@example.org") && text.contains("person2@example.org"));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export.contact_details"))
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audited, 1);

    let checked = app
        .post_form(
            "/api/staff/events/check-in",
            &[
                ("id", &meeting.id.to_string()),
                ("rsvp_id", &business.rsvp.id.to_string()),
                ("arrived", "1"),
            ],
        )
        .await;
    assert!(checked.status().is_redirection());
    let status = rsvp::Entity::find_by_id(business.rsvp.id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|r| r.status);
    assert_eq!(status, Some(RsvpStatus::CheckedIn));
    let (_, page) = app.get_html(&format!("/staff/events/{}", meeting.id)).await;
    assert!(page.contains("3 seats taken, 2 people checked in."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_creates_a_meeting_in_city_time_and_a_bad_form_stores_nothing() {
    let app = spawn_app().await;
    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let before = event::Entity::find()
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let form = [
        ("id", "0"),
        ("title", "Pop-up at the farmers market"),
        ("description", "Find us at the **City** tent."),
        ("starts_local", "2031-07-10T09:00"),
        ("ends_local", "2031-07-10T12:00"),
        ("format", "in_person"),
        ("venue_name", "Plummer Park"),
        ("venue_address", "7377 Santa Monica Blvd"),
        ("online_url", ""),
        ("capacity", ""),
        ("deadline_local", ""),
        ("languages", "English, Español"),
        ("accessibility_notes", "Shade and seating."),
        ("status", "published"),
    ];
    let mut bad = form.to_vec();
    bad.retain(|(k, _)| *k != "ends_local");
    bad.push(("ends_local", "2031-07-10T08:00"));
    let refused = app
        .post_form_from("/staff/events/new", "/api/staff/events/save", &bad)
        .await;
    assert!(
        app.follow(&refused)
            .await
            .contains("The end must be after the start")
    );
    assert_eq!(
        event::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        before
    );

    let saved = app.post_form("/api/staff/events/save", &form).await;
    assert!(location(&saved).starts_with("/staff/events/"));
    let created = event::Entity::find()
        .filter(event::Column::Slug.eq("pop-up-at-the-farmers-market"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not stored"));
    // July in Los Angeles is daylight time, UTC-7.
    assert_eq!(created.starts_at.to_rfc3339(), "2031-07-10T16:00:00+00:00");
    assert_eq!(created.capacity, None);
    assert!(created.description_html.contains("<strong>City</strong>"));
    let (_, page) = app.get_html("/events/pop-up-at-the-farmers-market").await;
    assert!(page.contains("9:00 AM–12:00 PM"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analysts_never_receive_attendees_contact_details_and_an_admins_view_is_audited() {
    let app = spawn_app().await;
    let meeting = meeting(&app, Some(30), 48).await;
    let mut ana = person(7, 1);
    ana.phone = Some("(323) 555-0107".into());
    events::rsvp(&app.db, meeting.id, &ana, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let details = |app: &TestApp| {
        let request = app
            .client
            .post(app.url("/api/staff/events/one"))
            .form(&[("id", meeting.id.to_string())]);
        async move {
            request
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .text()
                .await
                .unwrap_or_default()
        }
    };
    let views = || async {
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("view.contact_details"))
            .count(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    };

    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let answer = details(&app).await;
    assert!(answer.contains("\"party_size\":1"), "{answer}");
    for personal in ["person7@example.org", "555-0107", "Person 7"] {
        assert!(!answer.contains(personal), "an analyst received {personal}");
    }
    let (_, page) = app.get_html(&format!("/staff/events/{}", meeting.id)).await;
    assert!(!page.contains("person7@example.org") && !page.contains("555-0107"));
    assert_eq!(views().await, 0);

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let answer = details(&app).await;
    assert!(answer.contains("person7@example.org"), "{answer}");
    assert_eq!(views().await, 1, "the admin's view is in the audit log");
}
