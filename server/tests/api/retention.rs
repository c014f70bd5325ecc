//! Retention by policy: contact details, identities and accommodation needs go a set time after
//! the consultation (or meeting) ends, email bodies sooner; what people said and the counts stay.

use crate::events::{mail, meeting, person};
use crate::helpers::{TestApp, spawn_app};
use app::backend::entity::{comment, consultation, event, inquiry, outbox_message, rsvp};
use app::backend::services::{events, retention};
use app::domain::status::OutboxStatus;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

/// One of each kind of input with personal data: a comment with an email, an inquiry, an RSVP
/// with an accommodation, and the emails they caused, all delivered.
async fn inputs(app: &TestApp) -> i32 {
    crate::comments::open_period(app, true).await;
    crate::comments::send(
        app,
        &[
            ("email", "ana@example.org"),
            ("body", "Brighter lights on Santa Monica Boulevard."),
        ],
    )
    .await;
    crate::comments::approve_all(app).await;
    app.submit_inquiry(&[]).await;
    let meeting = meeting(app, Some(30), 48).await;
    let mut guest = person(1, 1);
    guest.phone = Some("(323) 555-0101".into());
    events::rsvp(&app.db, meeting.id, &guest, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    while app
        .outbox_worker
        .run_once(Utc::now())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        > 0
    {}
    // The app's own worker may still hold the last message; wait until it is through.
    for attempt in 0..=100 {
        assert!(attempt < 100, "the outbox did not empty in 10 s");
        let waiting = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.ne(OutboxStatus::Sent))
            .count(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        if waiting == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    meeting.id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_data_is_erased_after_its_time_and_the_feedback_and_counts_stay() {
    let app = spawn_app().await;
    let meeting_id = inputs(&app).await;
    let policy = retention::Policy::default();

    // Today nothing is due: the consultation is open and the meeting is ahead.
    let today = retention::purge(&app.db, &policy, Utc::now(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(today.total(), 0, "{today}");

    // The retention period after both the close of the consultation and the meeting.
    let closes = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|c| c.phase_closes_on)
        .unwrap_or_else(|| panic!("no consultation"));
    let closed = closes
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc())
        .unwrap_or_else(Utc::now);
    let later =
        closed.max(Utc::now() + Duration::days(8)) + Duration::days(policy.contact_days + 2);
    let dry = retention::purge(&app.db, &policy, later, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((dry.comments, dry.inquiries, dry.rsvps), (1, 1, 1), "{dry}");
    assert!(dry.emails >= 3, "{dry}");
    let found = rsvp::Entity::find().one(&app.db).await.ok().flatten();
    assert_eq!(
        found.map(|r| r.email),
        Some("person1@example.org".into()),
        "a dry run erases nothing"
    );

    let done = retention::purge(&app.db, &policy, later, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done, dry, "the dry run said exactly what went");

    let guest = rsvp::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the RSVP row stays, for the counts"));
    assert_eq!((guest.name.as_str(), guest.email.as_str()), ("", ""));
    assert_eq!((guest.phone, guest.accommodations.as_str()), (None, ""));
    assert_eq!(guest.event_id, meeting_id);
    assert_eq!(guest.party_size, 1);

    let asked = inquiry::Entity::find().one(&app.db).await.ok().flatten();
    let asked = asked.unwrap_or_else(|| panic!("the inquiry stays"));
    assert_eq!(
        (asked.name.as_str(), asked.email.as_str(), asked.phone),
        ("", "", None)
    );
    assert!(!asked.message.is_empty(), "what they asked stays");

    let said = comment::Entity::find().one(&app.db).await.ok().flatten();
    let said = said.unwrap_or_else(|| panic!("the comment stays"));
    assert_eq!((said.email, said.zip), (None, None));
    assert!(
        said.body.contains("Brighter lights"),
        "the published comment stays"
    );
    let (_, page) = app.get_html("/strategy/neighborhood-livability").await;
    assert!(page.contains("Brighter lights"));

    let sent = outbox_message::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!sent.is_empty());
    for message in &sent {
        assert_eq!(
            message.to_address, "",
            "{} ({:?})",
            message.kind, message.status
        );
        assert_eq!(message.text_body, "");
        assert_eq!(message.attachment_body, None);
    }
    assert_eq!(
        event::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or_default(),
        1 + 2,
        "meetings stay (the pack's two and this one)"
    );

    let again = retention::purge(&app.db, &policy, later, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.total(), 0, "erased once: {again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_keys_and_rate_limit_events_expire() {
    use app::backend::entity::{comment_report, rate_limit_event};
    let app = spawn_app().await;
    let id = crate::comments::published_comment(&app, "Please repair the crosswalk lights.").await;
    let long_ago = Utc::now() - Duration::days(90);
    comment_report::ActiveModel {
        comment_id: Set(id),
        reason: Set("spam".into()),
        note: Set(None),
        reporter_hash: Set("0123abcd".into()),
        created_at: Set(long_ago),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    rate_limit_event::ActiveModel {
        bucket: Set("comment-ip".into()),
        key_hash: Set("abcd".into()),
        occurred_at: Set(long_ago),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let done = retention::purge(&app.db, &retention::Policy::default(), Utc::now(), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((done.report_keys, done.rate_limit_events), (1, 1), "{done}");
    let report = comment_report::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten();
    let report = report.unwrap_or_else(|| panic!("the report stays"));
    assert!(report.reporter_hash.starts_with("expired-"));
    assert_eq!(report.reason, "spam");
    use sea_orm::{ColumnTrait, QueryFilter};
    let old = rate_limit_event::Entity::find()
        .filter(rate_limit_event::Column::OccurredAt.lt(Utc::now() - Duration::days(1)))
        .count(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(old, 0, "the old event is gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_entries_are_deleted_only_by_the_policy_after_their_period() {
    use app::backend::entity::audit_log;
    // The worker applies the policy when it starts; this test applies it by hand.
    let app = crate::helpers::spawn_app_with(|s| s.outbox_worker = false).await;
    for (action, age) in [("staff.sign_in_failed", 731), ("staff.signed_in", 10)] {
        audit_log::ActiveModel {
            staff_account_id: Set(None),
            action: Set(action.into()),
            record_type: Set("staff_account".into()),
            record_id: Set(0),
            detail: Set(Some("someone@example.org".into())),
            created_at: Set(Utc::now() - Duration::days(age)),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let policy = retention::Policy::default();
    let dry = retention::purge(&app.db, &policy, Utc::now(), false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dry.audit_entries, 1, "{dry}");
    retention::purge(&app.db, &policy, Utc::now(), true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let left: Vec<String> = audit_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(left.contains(&"staff.signed_in".to_string()), "{left:?}");
    assert!(
        !left.contains(&"staff.sign_in_failed".to_string()),
        "{left:?}"
    );
    let (_, notice) = app.get_html("/privacy").await;
    assert!(notice.contains("is deleted 730 days after each entry"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_privacy_notice_states_the_configured_periods_and_every_form_links_to_its_part() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.retention.contact_days = 90;
        s.retention.email_days = 14;
        s.post_moderation = true;
    })
    .await;
    let (status, notice) = app.get_html("/privacy").await;
    assert_eq!(status, 200);
    assert!(notice.contains("are erased 90 days after the consultation closes"));
    assert!(notice.contains("erased 14 days after they are sent"));
    assert!(
        notice.contains("Comments are published at once."),
        "post-moderation is said"
    );
    for (page, part) in [
        ("/contact", "/privacy#contact"),
        ("/events/phase-ii-session-plummer-park", "/privacy#meetings"),
        ("/strategy/neighborhood-livability", "/privacy#comments"),
    ] {
        let (_, html) = app.get_html(page).await;
        assert!(
            html.contains(&format!("href=\"{part}\"")),
            "{page} links to {part}"
        );
        let anchor = part.trim_start_matches("/privacy#");
        assert!(
            notice.contains(&format!("id=\"{anchor}\"")),
            "the notice has #{anchor}"
        );
    }
}
