//! Residents' own say over what they sent: the links in confirmation emails to see and delete a
//! survey response or withdraw an inquiry, and requests by email address, confirmed from the
//! mailbox and handled by an admin.

use crate::events::{mail, meeting, person};
use crate::helpers::{TestApp, link_path, location, new_browser, sets_session, spawn_app};
use crate::meetings::{post_rsvp, rsvps_of};
use crate::surveys::{BUSINESS, PRIORITIES, RANKS, about, page, started, submit};
use app::backend::entity::{
    audit_log, comment, inquiry, inquiry_entry, outbox_message, privacy_request, rsvp,
    survey_response,
};
use app::backend::services::{events, retention};
use app::domain::Role;
use app::domain::status::{
    CommentStatus, InquiryStatus, PrivacyRequestStatus, ResponseStatus, RsvpStatus,
};
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const ANA: &str = "ana@example.org";
const ADMIN: &str = "admin@weho.org";
const PASSWORD: &str = "correct horse battery staple";

async fn all<E: EntityTrait>(app: &TestApp) -> Vec<E::Model> {
    E::find()
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Emails that still name Ana anywhere: recipient, reply-to or body.
async fn emails_naming_ana(app: &TestApp) -> Vec<outbox_message::Model> {
    all::<outbox_message::Entity>(app)
        .await
        .into_iter()
        .filter(|m| {
            m.to_address == ANA
                || m.reply_to.as_deref().is_some_and(|r| r.contains(ANA))
                || m.text_body.contains(ANA)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_respondent_sees_and_deletes_their_answers_from_the_emailed_link() {
    let app = spawn_app().await;
    let draft = started(&app, BUSINESS).await;
    page(&app, &draft, 0, &[("answers[role][0]", "neither")]).await;
    let mut ranks = RANKS.to_vec();
    ranks.push(("answers[ambassadors_contact][0]", "no"));
    page(&app, &draft, 2, &ranks).await;
    page(&app, &draft, 3, &PRIORITIES).await;
    about(
        &app,
        &draft,
        &[
            ("stakeholder_group", "business"),
            ("zip", "90069"),
            ("identities[0]", "lgbtq"),
            ("contact_name", "Ana Owner"),
            ("contact_email", ANA),
        ],
    )
    .await;
    let thanks = submit(&app, &draft).await;
    assert!(
        !thanks.contains(&draft.token),
        "no key in the thank-you address"
    );
    let email = app.last_email("survey-received", ANA).await;
    let link = link_path("/your-response/", &email.text_body);
    let (_, thanks_page) = app.get_html(&thanks).await;
    assert!(
        thanks_page.contains(&format!("href=\"{link}\"")),
        "the thank-you page shows the same link"
    );
    assert!(
        !link.contains(&draft.token),
        "a new key, not the drafting link"
    );
    assert_eq!(
        app.get(&format!("/your-response/{}", draft.token))
            .await
            .status(),
        404,
        "the drafting link, maybe left in a shared computer's history, opens nothing"
    );
    let token = link.trim_start_matches("/your-response/").to_string();

    let (status, mine) = app.get_html(&link).await;
    assert_eq!(status, 200);
    assert!(
        mine.contains("Theft and break-ins"),
        "the answers are shown"
    );

    let deleted = app
        .post_form_from(&link, "/api/your-response/delete", &[("token", &token)])
        .await;
    assert_eq!(location(&deleted), format!("{link}?done=delete"));
    let stored = &all::<survey_response::Entity>(&app).await[0];
    assert_eq!(stored.status, ResponseStatus::Withdrawn);
    assert_eq!(stored.answers, "{}");
    assert_eq!(
        (
            stored.contact_email.as_deref(),
            stored.zip.as_deref(),
            stored.identities.as_str()
        ),
        (None, None, "")
    );
    assert!(
        emails_naming_ana(&app).await.is_empty(),
        "no copy in the outbox"
    );
    let (_, after) = app.get_html(&link).await;
    assert!(after.contains("You deleted this response"));
    let audit = app
        .audit_actions("survey_response.deleted_by_respondent")
        .await;
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].staff_account_id, &audit[0].detail), (None, &None));
    assert_eq!(
        app.get("/your-response/not-a-real-link").await.status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_withdraws_their_inquiry_from_the_acknowledgement_link() {
    let app = spawn_app().await;
    app.submit_inquiry(&[]).await;
    let ack = app.last_email("inquiry-ack", ANA).await;
    let link = link_path("/your-inquiry/", &ack.text_body);
    let token = link.trim_start_matches("/your-inquiry/").to_string();
    let (status, mine) = app.get_html(&link).await;
    assert_eq!(status, 200);
    assert!(mine.contains("Please add lighting to the alley"));

    let withdrawn = app
        .post_form_from(&link, "/api/your-inquiry/withdraw", &[("token", &token)])
        .await;
    assert_eq!(location(&withdrawn), format!("{link}?done=withdraw"));
    let stored = &all::<inquiry::Entity>(&app).await[0];
    assert_eq!(stored.status, InquiryStatus::Withdrawn);
    assert_eq!(
        (
            stored.name.as_str(),
            stored.email.as_str(),
            stored.message.as_str()
        ),
        ("", "", "")
    );
    assert!(stored.zip.is_none());
    assert!(
        all::<inquiry_entry::Entity>(&app)
            .await
            .iter()
            .all(|e| e.body.is_empty())
    );
    assert!(
        emails_naming_ana(&app).await.is_empty(),
        "neither the acknowledgement nor the City's copy keeps her"
    );
    let (_, after) = app.get_html(&link).await;
    assert!(after.contains("You withdrew this message"));
    assert_eq!(
        app.audit_actions("inquiry.withdrawn_by_sender").await.len(),
        1
    );
}

/// A comment, an inquiry, an RSVP and an email subscription from Ana.
async fn ana_took_part(app: &TestApp) {
    let followed = app
        .post_form_from(
            "/follow",
            "/api/follow",
            &[
                ("email", ANA),
                ("target", "all"),
                ("language", "en"),
                ("website", ""),
                ("form_stamp", &app.form_stamp()),
            ],
        )
        .await;
    assert_eq!(location(&followed), "/follow/check-email");
    crate::comments::open_period(app, true).await;
    crate::comments::send(
        app,
        &[
            ("email", ANA),
            ("body", "Brighter lights on Santa Monica Boulevard."),
        ],
    )
    .await;
    app.submit_inquiry(&[]).await;
    let meeting = meeting(app, Some(30), 48).await;
    let mut guest = person(1, 1);
    guest.email = ANA.into();
    events::rsvp(&app.db, meeting.id, &guest, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e:?}"));
}

/// Asks from the public form as a person would; returns the path of the emailed link.
async fn ask(app: &TestApp, email: &str, kind: &str) -> String {
    let response = app
        .post_form_from(
            "/privacy/request",
            "/api/privacy/request",
            &[
                ("email", email),
                ("kind", kind),
                ("website", ""),
                ("form_stamp", &app.form_stamp()),
            ],
        )
        .await;
    assert_eq!(location(&response), "/privacy/request?sent=1");
    let to = email.trim().to_lowercase();
    link_path(
        "/privacy/request/",
        &app.last_email("privacy-confirm", &to).await.text_body,
    )
}

async fn confirm(app: &TestApp, link: &str) {
    let token = link.trim_start_matches("/privacy/request/");
    let (_, page) = app.get_html(link).await;
    assert!(page.contains("Confirm my request"));
    let confirmed = app
        .post_form_from(link, "/api/privacy/request/confirm", &[("token", token)])
        .await;
    assert_eq!(location(&confirmed), link);
}

async fn admin(app: &mut TestApp) {
    app.client = new_browser();
    app.create_staff(ADMIN, Role::Admin, PASSWORD).await;
    assert!(sets_session(&app.sign_in(ADMIN, PASSWORD).await));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_by_email_is_confirmed_from_the_mailbox_and_an_admin_erases_everything() {
    let mut app = spawn_app().await;
    ana_took_part(&app).await;
    let link = ask(&app, " Ana@Example.org ", "erase").await;
    // The same answer and the same email for an address that never took part.
    let stranger = ask(&app, "nobody@example.org", "erase").await;
    assert_ne!(stranger, link);
    let to_ana = app.last_email("privacy-confirm", ANA).await;
    let to_nobody = app
        .last_email("privacy-confirm", "nobody@example.org")
        .await;
    assert_eq!(to_ana.subject, to_nobody.subject);
    assert_eq!(
        to_ana.text_body.replace(&link, "LINK"),
        to_nobody.text_body.replace(&stranger, "LINK"),
        "word for word the same, so the form tells nobody who took part"
    );

    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    assert!(sets_session(&app.sign_in("mod@weho.org", PASSWORD).await));
    assert_eq!(
        app.get("/staff/privacy-requests").await.status(),
        403,
        "addresses are for admins"
    );
    app.post_form(
        "/api/staff/privacy-requests/handle",
        &[("id", "1"), ("handling", "close")],
    )
    .await;
    assert!(
        all::<privacy_request::Entity>(&app)
            .await
            .iter()
            .all(|r| r.status == PrivacyRequestStatus::Unconfirmed),
        "a moderator cannot handle requests"
    );
    admin(&mut app).await;
    let (_, before) = app.get_html("/staff/privacy-requests").await;
    assert!(
        !before.contains(ANA),
        "an unconfirmed request does not reach the admins"
    );

    confirm(&app, &link).await;
    let (_, queue) = app.get_html("/staff/privacy-requests").await;
    assert!(queue.contains(ANA));
    assert!(queue.contains("Comments: 1") && queue.contains("Meeting registrations: 1"));
    assert!(queue.contains("Email subscriptions: 1"));
    let request = privacy_request::Entity::find()
        .filter(privacy_request::Column::Email.eq(ANA))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.status, PrivacyRequestStatus::Confirmed);

    let id = request.id.to_string();
    let wrong = app
        .post_form(
            "/api/staff/privacy-requests/handle",
            &[("id", &id), ("handling", "copy")],
        )
        .await;
    assert_ne!(
        location(&wrong),
        "/staff/privacy-requests?done=1",
        "a copy does not answer a request to erase"
    );
    let handled = app
        .post_form(
            "/api/staff/privacy-requests/handle",
            &[("id", &id), ("handling", "erase")],
        )
        .await;
    assert_eq!(location(&handled), "/staff/privacy-requests?done=1");
    let again = app
        .post_form(
            "/api/staff/privacy-requests/handle",
            &[("id", &id), ("handling", "erase")],
        )
        .await;
    assert_ne!(
        location(&again),
        "/staff/privacy-requests?done=1",
        "handled once"
    );

    let comment = &all::<comment::Entity>(&app).await[0];
    assert_eq!(comment.status, CommentStatus::Withdrawn);
    assert_eq!(
        (comment.body.as_str(), comment.email.as_deref()),
        ("", None)
    );
    let inquiry = &all::<inquiry::Entity>(&app).await[0];
    assert_eq!((inquiry.email.as_str(), inquiry.message.as_str()), ("", ""));
    assert!(
        all::<app::backend::entity::follower::Entity>(&app)
            .await
            .iter()
            .all(|f| f.email.is_empty() && f.unsubscribed_at.is_some()),
        "the subscription ends and its address goes"
    );
    let rsvp = &all::<rsvp::Entity>(&app).await[0];
    assert_eq!(
        (rsvp.email.as_str(), rsvp.status),
        ("", RsvpStatus::Cancelled)
    );
    let done = privacy_request::Entity::find_by_id(request.id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(
        (done.status, done.email.as_str(), done.outcome.as_deref()),
        (PrivacyRequestStatus::Handled, "", Some("erased"))
    );
    let left: Vec<String> = emails_naming_ana(&app)
        .await
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(left, ["privacy-done"], "only the email saying it is done");
    let audit = app.audit_actions("privacy_request.erased").await;
    assert_eq!(audit.len(), 1);
    assert!(audit[0].staff_account_id.is_some());
    for action in [
        "comment.erased_on_request",
        "inquiry.erased_on_request",
        "rsvp.erased_on_request",
    ] {
        let each = app.audit_actions(action).await;
        assert_eq!(each.len(), 1, "{action}");
        assert_eq!(
            each[0].staff_account_id, audit[0].staff_account_id,
            "{action} names the admin who acted"
        );
    }
    let (_, link_page) = app.get_html(&link).await;
    assert!(!link_page.contains("Confirm my request"));

    // The request nobody confirmed is forgotten after its week.
    let later = Utc::now() + Duration::days(8);
    let purge = retention::purge(&app.db, &retention::Policy::default(), later, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(purge.privacy_requests, 1, "{purge}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_request_sends_what_is_held_to_the_confirmed_address() {
    let mut app = spawn_app().await;
    ana_took_part(&app).await;
    let link = ask(&app, ANA, "copy").await;
    confirm(&app, &link).await;
    admin(&mut app).await;
    let request = all::<privacy_request::Entity>(&app).await[0].id.to_string();
    let handled = app
        .post_form(
            "/api/staff/privacy-requests/handle",
            &[("id", &request), ("handling", "copy")],
        )
        .await;
    assert_eq!(location(&handled), "/staff/privacy-requests?done=1");
    let copy = app.last_email("privacy-copy", ANA).await;
    for held in [
        "Brighter lights on Santa Monica Boulevard.",
        "Please add lighting to the alley",
        "Meeting registrations (1)",
        "Person 1",
        "Email subscriptions (1)",
    ] {
        assert!(
            copy.text_body.contains(held),
            "{held} in {}",
            copy.text_body
        );
    }
    assert_eq!(
        all::<comment::Entity>(&app).await[0].email.as_deref(),
        Some(ANA),
        "a copy changes nothing"
    );
    assert_eq!(
        app.audit_actions("privacy_request.copy_sent").await.len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attendee_deletes_their_details_from_the_manage_link_and_the_waitlist_moves_up() {
    let app = spawn_app().await;
    let meeting = meeting(&app, Some(2), 48).await;
    let response = post_rsvp(&app, &meeting.slug, &[]).await;
    let target = location(&response);
    let manage = target.trim_end_matches("?new=1").to_string();
    let token = manage.rsplit('/').next().unwrap_or_default().to_string();
    events::rsvp(&app.db, meeting.id, &person(2, 1), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let (_, page) = app.get_html(&manage).await;
    assert!(page.contains("Cancel and delete my details"));

    let erased = app
        .post_form_from(
            &manage,
            "/api/events/rsvp/erase",
            &[("slug", &meeting.slug), ("token", &token)],
        )
        .await;
    assert_eq!(
        location(&erased),
        format!("/events/{}?erased=1", meeting.slug)
    );
    let notice = app.follow_path(&location(&erased)).await;
    assert!(notice.contains("Your RSVP is cancelled and your details are deleted."));
    let rows = rsvps_of(&app, meeting.id).await;
    let gone = rows
        .iter()
        .find(|r| r.party_size == 2)
        .unwrap_or_else(|| panic!("the row stays"));
    assert_eq!(gone.status, RsvpStatus::Cancelled);
    assert_eq!((gone.name.as_str(), gone.email.as_str()), ("", ""));
    assert_eq!(
        (
            gone.phone.clone(),
            gone.zip.clone(),
            gone.accommodations.as_str()
        ),
        (None, None, "")
    );
    let moved = rows
        .iter()
        .find(|r| r.email == "person2@example.org")
        .unwrap_or_else(|| panic!("the waiting person"));
    assert_eq!(
        moved.status,
        RsvpStatus::Registered,
        "the waitlist moved up"
    );
    let copies = outbox_message::Entity::find()
        .filter(outbox_message::Column::ToAddress.eq("ana@example.org"))
        .count(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(copies, 0, "no email to the erased address is kept");
    let (status, _) = app.get_html(&manage).await;
    assert_eq!(status, 404, "the link stops working");
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("rsvp.erased_by_attendee"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("audited"));
    assert_eq!((audit.staff_account_id, audit.detail), (None, None));
}
