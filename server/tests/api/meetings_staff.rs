//! Staff tools for one meeting: duplicating it as a draft, the printable sign-in sheet, and one
//! message emailed to everyone registered or, separately, to the waitlist.

use crate::events::{mail, meeting, person};
use crate::helpers::{TestApp, location, spawn_app, spawn_app_with};
use crate::meetings::{rsvps_of, signed_in};
use app::backend::entity::{event, outbox_message};
use app::backend::services::events;
use app::domain::Role;
use app::domain::status::EventStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn rsvp(app: &TestApp, event_id: i32, n: usize, party: i32, locale: &str) -> events::Placed {
    let mut new = person(n, party);
    new.locale = locale.into();
    events::rsvp(&app.db, event_id, &new, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn meetings_count(app: &TestApp) -> u64 {
    event::Entity::find()
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn staff_messages(app: &TestApp) -> u64 {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.like("event-message%"))
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicating_a_meeting_makes_an_audited_draft_copy_without_its_rsvps() {
    let app = spawn_app().await;
    let original = meeting(&app, Some(10), 48).await;
    rsvp(&app, original.id, 1, 2, "en").await;
    rsvp(&app, original.id, 2, 1, "en").await;
    let page = format!("/staff/events/{}", original.id);
    let id = original.id.to_string();
    let before = meetings_count(&app).await;

    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let (_, analyst_page) = app.get_html(&page).await;
    assert!(!analyst_page.contains("action=\"/api/staff/events/duplicate\""));
    app.post_form_from(&page, "/api/staff/events/duplicate", &[("id", &id)])
        .await;
    assert_eq!(
        meetings_count(&app).await,
        before,
        "an analyst copied a meeting"
    );

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let (_, admin_page) = app.get_html(&page).await;
    assert!(admin_page.contains("action=\"/api/staff/events/duplicate\""));
    let response = app
        .post_form_from(&page, "/api/staff/events/duplicate", &[("id", &id)])
        .await;
    let target = location(&response);
    let copy = event::Entity::find()
        .filter(event::Column::Slug.eq("phase-ii-community-session-copy"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no copy stored"));
    assert_eq!(target, format!("/staff/events/{}?copied=1", copy.id));
    assert_eq!(meetings_count(&app).await, before + 1);
    assert_eq!(copy.title, "Phase II community session (copy)");
    assert_eq!(copy.status, EventStatus::Draft);
    assert_eq!(
        (
            &copy.description_markdown,
            &copy.format,
            &copy.venue_name,
            &copy.venue_address,
            copy.capacity,
            &copy.accessibility_notes,
            &copy.languages,
            copy.starts_at,
        ),
        (
            &original.description_markdown,
            &original.format,
            &original.venue_name,
            &original.venue_address,
            original.capacity,
            &original.accessibility_notes,
            &original.languages,
            original.starts_at,
        )
    );
    assert!(
        rsvps_of(&app, copy.id).await.is_empty(),
        "RSVPs were copied"
    );
    assert_eq!(rsvps_of(&app, original.id).await.len(), 2);
    let audited = app.audit_actions("event.duplicated").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].record_id, copy.id);

    // The staff member lands on the copy's editor.
    let editor = app.follow(&response).await;
    assert!(editor.contains("Copy saved as a draft"));
    assert!(editor.contains("value=\"Phase II community session (copy)\""));
    assert!(editor.contains("action=\"/api/staff/events/save\""));
    // A draft is not public.
    assert_eq!(
        app.get(&format!("/events/{}", copy.slug)).await.status(),
        404
    );

    // A second copy gets a slug of its own.
    app.post_form_from(&page, "/api/staff/events/duplicate", &[("id", &id)])
        .await;
    assert_eq!(meetings_count(&app).await, before + 2);
    assert!(
        event::Entity::find()
            .filter(event::Column::Slug.eq("phase-ii-community-session-copy-2"))
            .one(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_some()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_sheet_lists_everyone_registered_and_only_admins_open_it() {
    let app = spawn_app().await;
    let meeting = meeting(&app, Some(4), 48).await;
    let first = rsvp(&app, meeting.id, 1, 2, "en").await;
    let leaving = rsvp(&app, meeting.id, 5, 1, "en").await;
    let mut second = person(2, 1);
    second.accommodations = vec!["childcare".into(), "other".into()];
    second.accommodation_other = Some("A quiet seat near the door".into());
    let second = events::rsvp(&app.db, meeting.id, &second, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Full: the next party waits, and a freed single seat is too small for it.
    let waiting = rsvp(&app, meeting.id, 3, 2, "en").await;
    assert!(matches!(
        waiting.placement,
        events::Placement::Waitlisted { .. }
    ));
    events::cancel(&app.db, &leaving.token, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let sheet = format!("/staff/events/{}/sign-in-sheet", meeting.id);
    let anonymous = app.get(&sheet).await;
    assert!(anonymous.status().is_redirection(), "anonymous");
    assert!(location(&anonymous).starts_with("/staff/sign-in?next="));
    for (email, role) in [
        ("mod@weho.org", Role::Moderator),
        ("analyst@weho.org", Role::Analyst),
    ] {
        signed_in(&app, email, role).await;
        let (status, page) = app.get_html(&sheet).await;
        assert_eq!(status, 403, "{role:?}");
        assert!(!page.contains("Person 1"), "{role:?} saw a name");
        let answer = app
            .client
            .post(app.url("/api/staff/events/sign-in-sheet"))
            .form(&[("id", meeting.id.to_string())])
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(answer.status(), 403, "{role:?}");
        assert!(!answer.text().await.unwrap_or_default().contains("Person 1"));
    }
    assert!(app.audit_actions("view.contact_details").await.is_empty());

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    // Checked in already: still on the sheet.
    let checked = app
        .post_form(
            "/api/staff/events/check-in",
            &[
                ("id", &meeting.id.to_string()),
                ("rsvp_id", &second.rsvp.id.to_string()),
                ("arrived", "1"),
            ],
        )
        .await;
    assert!(checked.status().is_redirection());
    let (_, meeting_page) = app.get_html(&format!("/staff/events/{}", meeting.id)).await;
    assert!(meeting_page.contains(&format!("href=\"{sheet}\"")));
    let (status, page) = app.get_html(&sheet).await;
    assert_eq!(status, 200);
    assert!(page.contains("Sign-in sheet: Phase II community session"));
    assert!(page.contains("Signature"));
    assert!(page.contains("Print command"));
    for listed in [
        "Person 1",
        "Person 2",
        first.rsvp.reference.as_deref().unwrap_or("?"),
        "Childcare",
        "A quiet seat near the door",
        "2 RSVPs registered.",
        "3 people in all.",
    ] {
        assert!(page.contains(listed), "{listed:?} not on the sheet");
    }
    for left_out in ["Person 3", "Person 5", "person1@example.org"] {
        assert!(!page.contains(left_out), "{left_out:?} is on the sheet");
    }
    // Alphabetical, so the door finds a name quickly.
    assert!(page.find("Person 1") < page.find("Person 2"));
    let views = app.audit_actions("view.contact_details").await;
    assert!(
        views
            .iter()
            .any(|v| v.detail.as_deref() == Some("sign-in sheet") && v.record_id == meeting.id),
        "the sheet's names were not audited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_email_everyone_registered_or_the_waitlist_one_email_each_in_their_language() {
    let sink = crate::smtp::SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    let meeting = meeting(&app, Some(2), 48).await;
    rsvp(&app, meeting.id, 1, 1, "en").await;
    rsvp(&app, meeting.id, 2, 1, "es").await;
    let waiting = rsvp(&app, meeting.id, 3, 1, "ru").await;
    assert!(matches!(
        waiting.placement,
        events::Placement::Waitlisted { .. }
    ));
    sink.wait_for(3).await;
    let page = format!("/staff/events/{}", meeting.id);
    let id = meeting.id.to_string();

    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    app.post_form_from(
        &page,
        "/api/staff/events/email",
        &[
            ("id", &id),
            ("audience", "registered"),
            ("subject", "Hello"),
            ("message", "Hi"),
        ],
    )
    .await;
    assert_eq!(
        staff_messages(&app).await,
        0,
        "an analyst emailed attendees"
    );

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let (_, form) = app.get_html(&page).await;
    assert!(form.contains("action=\"/api/staff/events/email\""));
    let refused = app
        .post_form_from(
            &page,
            "/api/staff/events/email",
            &[
                ("id", &id),
                ("audience", "everyone"),
                ("subject", " "),
                ("message", ""),
            ],
        )
        .await;
    let again = app.follow(&refused).await;
    for message in [
        "Choose who gets the email",
        "Enter a subject",
        "Enter the message",
    ] {
        assert!(again.contains(message), "no message {message:?}");
    }
    assert!(again.contains("error-summary"));
    let kept = app
        .post_form_from(
            &page,
            "/api/staff/events/email",
            &[
                ("id", &id),
                ("audience", "registered"),
                ("subject", "Room change for Thursday"),
                ("message", ""),
            ],
        )
        .await;
    let again = app.follow(&kept).await;
    assert!(again.contains("Enter the message"));
    assert!(
        again.contains("value=\"Room change for Thursday\""),
        "subject not kept"
    );
    assert_eq!(staff_messages(&app).await, 0);
    assert!(app.audit_actions("event.emailed").await.is_empty());

    let sent = app
        .post_form_from(
            &page,
            "/api/staff/events/email",
            &[
                ("id", &id),
                ("audience", "registered"),
                ("subject", "Room change for Thursday"),
                ("message", "We moved to Room B.\r\n\r\nSee you there."),
            ],
        )
        .await;
    assert_eq!(location(&sent), format!("{page}?emailed=2&to=registered"));
    assert!(
        app.follow(&sent)
            .await
            .contains("Message queued: 2 emails to everyone registered.")
    );
    let received = sink.wait_for(5).await;
    let to_registered: Vec<_> = received
        .iter()
        .filter(|m| m.subject() == "Room change for Thursday")
        .collect();
    let mut recipients: Vec<String> = to_registered.iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    assert_eq!(recipients, ["person1@example.org", "person2@example.org"]);
    for message in &to_registered {
        let text = message.text();
        assert!(text.contains("We moved to Room B."), "{text}");
        if message.to.iter().any(|t| t == "person2@example.org") {
            assert!(
                text.contains("Recibe este mensaje"),
                "not in Spanish: {text}"
            );
        } else {
            assert!(text.contains("You are receiving this message"), "{text}");
        }
    }

    let sent = app
        .post_form_from(
            &page,
            "/api/staff/events/email",
            &[
                ("id", &id),
                ("audience", "waitlist"),
                ("subject", "Still waiting?"),
                ("message", "A bigger room may free seats."),
            ],
        )
        .await;
    assert_eq!(location(&sent), format!("{page}?emailed=1&to=waitlist"));
    assert!(
        app.follow(&sent)
            .await
            .contains("Message queued: 1 email to the waitlist.")
    );
    let received = sink.wait_for(6).await;
    let to_waitlist: Vec<_> = received
        .iter()
        .filter(|m| m.subject() == "Still waiting?")
        .collect();
    assert_eq!(to_waitlist.len(), 1);
    assert_eq!(to_waitlist[0].to, ["person3@example.org"]);
    assert!(to_waitlist[0].text().contains("листе ожидания"));
    assert!(
        !to_waitlist[0]
            .text()
            .contains("Plummer Park Community Center"),
        "the waitlist got the place"
    );

    let audited = app.audit_actions("event.emailed").await;
    let mut details: Vec<String> = audited.iter().filter_map(|a| a.detail.clone()).collect();
    details.sort();
    assert_eq!(
        details,
        ["1 queued for waitlist", "2 queued for registered"]
    );
    assert!(audited.iter().all(|a| a.record_id == meeting.id));
}
