//! Feedback across channels: the public transparency page, open data without personal data, the
//! staff comment export with its filters, PII rule and injection guard, and who may see what.

use crate::helpers::{TestApp, location, spawn_app};
use app::backend::entity::{audit_log, comment, section};
use app::domain::Role;
use app::domain::status::CommentStatus;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "correct horse battery staple 42";
const SECTION: &str = "neighborhood-livability";

struct Seed<'a> {
    group: &'a str,
    status: &'a str,
    reason: Option<&'a str>,
    body: &'a str,
    days_ago: i64,
}

async fn seed(app: &TestApp, seeds: &[Seed<'_>]) {
    let found = section::Entity::find()
        .filter(section::Column::Slug.eq(SECTION))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no section {SECTION}"));
    let existing = comment::Entity::find().count(&app.db).await.unwrap_or(0) as usize;
    let rows: Vec<comment::ActiveModel> = seeds
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = existing + i;
            comment::ActiveModel {
                reference: Set(Some(format!("CSWB-2026-C-{n:05}"))),
                section_id: Set(found.id),
                section_version_id: Set(found.current_version_id.unwrap_or_default()),
                paragraph_anchor: Set(Some("p-1".into())),
                body: Set(s.body.into()),
                text_hash: Set(format!("hash-{n}")),
                stakeholder_group: Set(s.group.into()),
                stakeholder_other: Set(None),
                display_name: Set(format!("Neighbour {n}")),
                zip: Set(Some("90046".into())),
                email: Set(Some(format!("writer{n}@example.org"))),
                locale: Set("en".into()),
                status: Set(
                    CommentStatus::parse(s.status).unwrap_or_else(|| panic!("status {}", s.status))
                ),
                reject_reason: Set(s.reason.map(str::to_string)),
                created_at: Set(chrono::Utc::now() - chrono::Duration::days(s.days_ago)),
                decided_at: Set(None),
                decided_by: Set(None),
                ..Default::default()
            }
        })
        .collect();
    comment::Entity::insert_many(rows)
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

fn published<'a>(group: &'a str, body: &'static str) -> Seed<'a> {
    Seed {
        group,
        status: "published",
        reason: None,
        body,
        days_ago: 0,
    }
}

async fn signed_in(app: &TestApp, email: &str, role: Role) {
    app.create_staff(email, role, PASSWORD).await;
    app.sign_in(email, PASSWORD).await;
}

fn read_csv(body: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    assert!(body.starts_with("\u{FEFF}".as_bytes()), "no BOM");
    let mut reader = csv::Reader::from_reader(&body[3..]);
    let header = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    (header, rows)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transparency_counts_what_happened_to_every_comment_and_hides_small_groups() {
    let app = spawn_app().await;
    let mut seeds: Vec<Seed> = (0..6).map(|_| published("resident", "Good.")).collect();
    seeds.push(Seed {
        group: "business",
        status: "rejected",
        reason: Some("spam"),
        body: "Buy now",
        days_ago: 0,
    });
    seeds.push(Seed {
        group: "business",
        status: "pending",
        reason: None,
        body: "Waiting",
        days_ago: 0,
    });
    seed(&app, &seeds).await;
    let (status, page) = app.get_html("/transparency").await;
    assert_eq!(status, 200);
    assert!(page.contains("8 received: 6 published, 1 not published, 1 waiting for review"));
    assert!(page.contains("1 Spam"), "rejections by reason");
    assert!(
        page.contains("fewer than 5"),
        "the two business comments are withheld"
    );
    assert!(page.contains("<td>6</td>"), "six residents are shown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_data_holds_published_comments_only_and_no_personal_data() {
    let app = spawn_app().await;
    seed(
        &app,
        &[
            published("resident", "=1+1 more lighting"),
            Seed {
                group: "business",
                status: "pending",
                reason: None,
                body: "Not yet decided",
                days_ago: 0,
            },
        ],
    )
    .await;
    let response = app.get("/open-data/comments.csv").await;
    assert_eq!(response.status(), 200);
    let body = response.bytes().await.unwrap_or_default();
    let (header, rows) = read_csv(&body);
    assert_eq!(
        header,
        [
            "reference",
            "section",
            "paragraph",
            "stakeholder_group",
            "display_name",
            "posted_on",
            "comment",
            "channel"
        ]
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], SECTION);
    assert_eq!(&rows[0][6], "'=1+1 more lighting");
    let text = String::from_utf8_lossy(&body);
    assert!(!text.contains("@example.org") && !text.contains("90046"));

    let json: serde_json::Value = app
        .get("/open-data/comments.json")
        .await
        .json()
        .await
        .unwrap_or_else(|e| panic!("not JSON: {e}"));
    let comments = json["comments"].as_array().cloned().unwrap_or_default();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0]["comment"], "=1+1 more lighting");
    assert!(comments[0].get("email").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_comment_export_filters_guards_and_gives_contacts_only_to_admins() {
    let app = spawn_app().await;
    seed(
        &app,
        &[
            published("business", "@SUM(A1) shop owners want lights"),
            Seed {
                group: "business",
                status: "rejected",
                reason: Some("off_topic"),
                body: "Old business comment",
                days_ago: 40,
            },
            published("resident", "Resident view"),
        ],
    )
    .await;
    let path = "/staff/exports/comments.csv";
    assert_eq!(app.get(path).await.status(), 401);
    signed_in(&app, "mod@weho.org", Role::Moderator).await;
    assert_eq!(app.get(path).await.status(), 403);
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    assert_eq!(app.get(&format!("{path}?contact=1")).await.status(), 403);
    let from = (chrono::Utc::now() - chrono::Duration::days(7))
        .date_naive()
        .to_string();
    let body = app
        .get(&format!("{path}?group=business&from={from}"))
        .await
        .bytes()
        .await
        .unwrap_or_default();
    let (header, rows) = read_csv(&body);
    assert_eq!(rows.len(), 1, "one business comment in the last week");
    assert!(!header.iter().any(|h| h == "email"));
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    assert_eq!(
        &rows[0][column("comment")],
        "'@SUM(A1) shop owners want lights"
    );
    assert_eq!(&rows[0][column("status")], "published");
    let all = app
        .get(&format!("{path}?group=business"))
        .await
        .bytes()
        .await
        .unwrap_or_default();
    assert_eq!(read_csv(&all).1.len(), 2, "every status for staff");

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let text = app
        .get(&format!("{path}?contact=1"))
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(text.contains("@example.org"));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export.contact_details"))
        .count(&app.db)
        .await
        .unwrap_or(0);
    assert_eq!(audited, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feedback_dashboard_is_for_analysts_and_admins_with_small_cells_hidden_from_analysts() {
    let app = spawn_app().await;
    seed(&app, &[published("first_responder", "From the station")]).await;
    assert_eq!(
        location(&app.get("/staff/feedback").await),
        "/staff/sign-in?next=/staff/feedback"
    );
    signed_in(&app, "mod@weho.org", Role::Moderator).await;
    assert_eq!(app.get("/staff/feedback").await.status(), 403);
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let (status, page) = app.get_html("/staff/feedback").await;
    assert_eq!(status, 200);
    assert!(page.contains("In all: 1 comment, 0 survey responses"));
    assert!(page.contains("fewer than 5"));
    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let (_, page) = app.get_html("/staff/feedback").await;
    assert!(!page.contains("fewer than 5"), "admins see every number");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printable_report_ranks_sections_and_carries_the_highlighted_quotes() {
    let app = spawn_app().await;
    seed(
        &app,
        &[
            published("business", "Our customers feel safer with the ambassadors."),
            published("business", "Please light the alley behind the shops."),
            published("resident", "A resident's view"),
        ],
    )
    .await;
    assert_eq!(
        location(&app.get("/staff/reports/business").await),
        "/staff/sign-in?next=/staff/reports/business"
    );
    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let (status, page) = app.get_html("/staff/reports/business").await;
    assert_eq!(status, 200);
    assert!(page.contains("Phase II feedback from Business"));
    assert!(page.contains("No comments highlighted yet."));
    assert!(!page.contains("A resident&#x27;s view") && !page.contains("A resident's view"));
    let chosen = comment::Entity::find()
        .filter(comment::Column::Body.eq("Please light the alley behind the shops."))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no comment"));
    let response = app
        .post_form_from(
            "/staff/reports/business",
            "/api/staff/reports/highlight",
            &[
                ("group", "business"),
                ("comment_id", &chosen.id.to_string()),
                ("on", "1"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/staff/reports/business#quotes");
    let (_, page) = app.get_html("/staff/reports/business").await;
    let quotes = page
        .split("id=\"quotes\"")
        .nth(1)
        .and_then(|rest| rest.split("<details").next())
        .unwrap_or_default();
    assert!(quotes.contains("Please light the alley behind the shops."));
    assert!(!quotes.contains("Our customers feel safer"));

    // Analysts see the same report with small numbers withheld.
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let (_, page) = app.get_html("/staff/reports/business").await;
    assert!(page.contains("fewer than 5"));
    assert_eq!(app.get("/staff/reports/pirates").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_from_a_focus_group_is_keyed_in_and_counted_like_any_comment() {
    let app = spawn_app().await;
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let form = |body: &'static str| {
        vec![
            ("section", SECTION),
            ("channel", "focus_group"),
            ("stakeholder_group", "social_service_provider"),
            ("stakeholder_other", ""),
            ("display_name", "Focus group, Plummer Park"),
            ("body", body),
        ]
    };
    let refused = app
        .post_form_from("/staff/feedback", "/api/staff/feedback/offline", &form(""))
        .await;
    assert!(
        app.follow(&refused)
            .await
            .contains("Write down what was said")
    );
    assert_eq!(comment::Entity::find().count(&app.db).await.unwrap_or(9), 0);
    let saved = app
        .post_form_from(
            "/staff/feedback",
            "/api/staff/feedback/offline",
            &form("Outreach workers want a 24-hour crisis line."),
        )
        .await;
    assert!(location(&saved).starts_with("/staff/feedback?recorded=CSWB-C-"));
    let stored = comment::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not stored"));
    assert_eq!(stored.channel, "focus_group");
    assert_eq!(stored.status, CommentStatus::Published);
    assert_eq!(stored.stakeholder_group, "social_service_provider");
    let open = app
        .get("/open-data/comments.csv")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(open.contains("Outreach workers want a 24-hour crisis line.,focus_group"));
    let (_, transparency) = app.get_html("/transparency").await;
    assert!(transparency.contains("1 received: 1 published"));
    // Moderators do not key in feedback: the form answers with the sign-in or 403 page, nothing stored.
    signed_in(&app, "mod@weho.org", Role::Moderator).await;
    app.post_form_from("/staff/feedback", "/api/staff/feedback/offline", &form("x"))
        .await;
    assert_eq!(comment::Entity::find().count(&app.db).await.unwrap_or(9), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rsvp_and_inquiry_datasets_filter_by_group_and_keep_contacts_for_admins() {
    use crate::events::{mail, meeting, person};
    let app = spawn_app().await;
    let session = meeting(&app, Some(20), 48).await;
    let mut owner = person(1, 2);
    owner.stakeholder_group = "business".into();
    owner.accommodations = vec!["asl".into(), "childcare".into()];
    owner.accommodation_other = Some("+1 interpreter for my partner".into());
    app::backend::services::events::rsvp(&app.db, session.id, &owner, &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    app::backend::services::events::rsvp(&app.db, session.id, &person(2, 1), &mail())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    app.submit_inquiry(&[
        ("stakeholder_group", "business"),
        ("message", "-1 for the new parking rules"),
    ])
    .await;
    app.submit_inquiry(&[]).await;

    assert_eq!(app.get("/staff/exports/rsvps.csv").await.status(), 401);
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    assert_eq!(
        app.get("/staff/exports/inquiries.csv?contact=1")
            .await
            .status(),
        403
    );
    let body = app
        .get("/staff/exports/rsvps.csv?group=business")
        .await
        .bytes()
        .await
        .unwrap_or_default();
    let (header, rows) = read_csv(&body);
    assert_eq!(rows.len(), 1);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    assert_eq!(&rows[0][column("meeting")], session.slug.as_str());
    assert_eq!(&rows[0][column("accommodations")], "asl;childcare");
    assert_eq!(
        &rows[0][column("accommodation_other")],
        "'+1 interpreter for my partner"
    );
    assert!(!header.iter().any(|h| h == "email"));

    let body = app
        .get("/staff/exports/inquiries.csv?group=business")
        .await
        .bytes()
        .await
        .unwrap_or_default();
    let (header, rows) = read_csv(&body);
    assert_eq!(rows.len(), 1);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    assert_eq!(&rows[0][column("message")], "'-1 for the new parking rules");
    assert!(!String::from_utf8_lossy(&body).contains("ana@example.org"));

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let text = app
        .get("/staff/exports/inquiries.csv?contact=1")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(text.contains("ana@example.org"));
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .date_naive()
        .to_string();
    let later = app
        .get(&format!("/staff/exports/rsvps.csv?from={tomorrow}"))
        .await
        .bytes()
        .await
        .unwrap_or_default();
    assert!(read_csv(&later).1.is_empty(), "nothing from tomorrow on");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_groups_workbook_has_a_summary_and_a_sheet_per_dataset() {
    use calamine::{Reader, Xlsx};
    let app = spawn_app().await;
    seed(
        &app,
        &[
            published("business", "=cmd| more lighting on Sunset"),
            published("resident", "Resident comment"),
        ],
    )
    .await;
    app.submit_inquiry(&[("stakeholder_group", "business")])
        .await;
    assert_eq!(
        app.get("/staff/exports/groups/business").await.status(),
        401
    );
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    assert_eq!(app.get("/staff/exports/groups/pirates").await.status(), 404);
    let response = app.get("/staff/exports/groups/business").await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap_or_default();
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
        .unwrap_or_else(|e| panic!("not an XLSX file: {e}"));
    assert_eq!(
        workbook.sheet_names(),
        [
            "Summary",
            "Comments",
            "Survey business-community-surve",
            "Survey community-survey",
            "RSVPs",
            "Inquiries",
            "Themes"
        ]
    );
    let rows = |workbook: &mut Xlsx<_>, name: &str| -> Vec<Vec<String>> {
        workbook
            .worksheet_range(name)
            .unwrap_or_else(|e| panic!("{e}"))
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    assert_eq!(
        rows(&mut workbook, "Themes")[0],
        ["theme", "description", "items", "keywords"],
        "the codebook with the group's counts"
    );
    let summary = rows(&mut workbook, "Summary");
    assert!(
        summary
            .iter()
            .any(|r| r[0] == "Comments" && r[1] == "fewer than 5")
    );
    let comments = rows(&mut workbook, "Comments");
    assert_eq!(comments.len(), 2, "the header and the one business comment");
    assert_eq!(comments[1][7], "'=cmd| more lighting on Sunset");
    assert!(!comments[0].iter().any(|h| h == "email"));
    let inquiries = rows(&mut workbook, "Inquiries");
    assert_eq!(inquiries.len(), 2);

    signed_in(&app, "admin@weho.org", Role::Admin).await;
    let bytes = app
        .get("/staff/exports/groups/business")
        .await
        .bytes()
        .await
        .unwrap_or_default();
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
        .unwrap_or_else(|e| panic!("not an XLSX file: {e}"));
    let summary = rows(&mut workbook, "Summary");
    assert!(summary.iter().any(|r| r[0] == "Comments" && r[1] == "1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_narrows_by_channel_and_dates_and_shows_weeks_and_identities() {
    let app = spawn_app().await;
    seed(
        &app,
        &[
            published("resident", "Online one"),
            Seed {
                group: "resident",
                status: "published",
                reason: None,
                body: "Three weeks ago",
                days_ago: 21,
            },
        ],
    )
    .await;
    signed_in(&app, "admin@weho.org", Role::Admin).await;
    app.post_form_from(
        "/staff/feedback",
        "/api/staff/feedback/offline",
        &[
            ("section", SECTION),
            ("channel", "paper_form"),
            ("stakeholder_group", "resident"),
            ("body", "From a paper form"),
        ],
    )
    .await;
    let (_, all) = app.get_html("/staff/feedback").await;
    assert!(all.contains("3 comments, 0 survey responses"));
    assert!(all.contains("Week of"), "the weekly table");
    let (_, paper) = app.get_html("/staff/feedback?channel=paper_form").await;
    assert!(paper.contains("In all: 1 comment, 0 survey responses"));
    let week_ago = (chrono::Utc::now() - chrono::Duration::days(7))
        .date_naive()
        .to_string();
    let (_, recent) = app
        .get_html(&format!("/staff/feedback?from={week_ago}"))
        .await;
    assert!(recent.contains("2 comments, 0 survey responses"));
    assert!(recent.contains("No survey response names a community identity yet."));
}
