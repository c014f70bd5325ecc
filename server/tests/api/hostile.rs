//! Nothing a client sends may panic a request or get a 5xx: every page route, every file route
//! and every server function, walked with a corpus of hostile values, anonymous and as an admin.

use crate::helpers::{TestApp, spawn_app};
use app::domain::Role;

/// Values a hostile client sends: control characters, bad encodings, sizes and shapes no form makes.
const HOSTILE: [&str; 9] = [
    "a\nb",
    "\u{0}",
    "\r\n\t",
    "../../etc/passwd",
    "-1",
    "99999999999999999999",
    "<script>alert(1)</script>",
    "💥\u{202e}",
    "",
];

/// As they appear in a path: also a raw percent-encoded NUL and invalid UTF-8.
fn path_values() -> Vec<String> {
    let mut values: Vec<String> = HOSTILE
        .iter()
        .filter(|v| !v.is_empty())
        .map(|v| percent(v))
        .collect();
    values.extend(["%00".into(), "%FF%FE".into(), "x".repeat(3000)]);
    values
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The field names the server functions take, each given the same hostile value.
const FIELDS: [&str; 24] = [
    "slug",
    "id",
    "token",
    "step",
    "page",
    "name",
    "email",
    "phone",
    "body",
    "message",
    "reason",
    "note",
    "status",
    "group",
    "party_size",
    "stakeholder_group",
    "paragraph",
    "topic",
    "decision",
    "number",
    "definition",
    "next",
    "password",
    "nav",
];

async fn expect_answer(request: reqwest::RequestBuilder, what: &str) {
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{what}: the connection was dropped: {e:?}"));
    let status = response.status();
    assert!(!status.is_server_error(), "{what}: answered {status}");
}

/// One connection per request: the server may close a connection after refusing a request
/// (a body over the limit is never read), and a pooled client would send its next request into
/// that closed connection and report a drop that is not the server's.
struct Walker {
    cookie: String,
}

impl Walker {
    fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"))
    }

    fn get(&self, url: String) -> reqwest::RequestBuilder {
        self.client().get(url).header("cookie", &self.cookie)
    }

    fn post(&self, url: String) -> reqwest::RequestBuilder {
        self.client().post(url).header("cookie", &self.cookie)
    }
}

fn fill(route: &str, value: &str) -> String {
    route
        .split('/')
        .map(|part| {
            if part.starts_with(':') || part.starts_with('*') || part.starts_with('{') {
                value.to_string()
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

async fn walk(app: &TestApp, client: &Walker) {
    let mut routes = engage::router::page_routes();
    routes.extend(
        [
            app::paths::OPEN_COMMENTS_CSV,
            app::paths::COMMENTS_CSV,
            app::paths::RSVPS_CSV,
            app::paths::INQUIRIES_CSV,
            app::paths::GROUP_WORKBOOK,
            app::paths::SURVEY_RESPONSES_CSV,
            app::paths::SURVEY_RESPONSES_XLSX,
            app::paths::ATTENDEES_CSV,
            app::paths::MEETING_ICS,
        ]
        .map(String::from),
    );
    for route in &routes {
        for value in path_values() {
            let path = fill(route, &value);
            let request = client.get(app.url(&path));
            expect_answer(request, &format!("GET {path}")).await;
            let query = client.get(app.url(&format!(
                "{}?step={value}&group={value}&page={value}",
                fill(route, "x")
            )));
            expect_answer(query, &format!("GET {route} with a hostile query")).await;
        }
    }
    let functions: Vec<(&str, http::Method)> = leptos::server_fn::axum::server_fn_paths().collect();
    assert!(functions.len() > 30, "the server functions are registered");
    for (path, _) in &functions {
        for value in HOSTILE {
            let form: Vec<(&str, &str)> = FIELDS.iter().map(|f| (*f, value)).collect();
            for accept in ["text/html", "application/json"] {
                let request = client
                    .post(app.url(path))
                    .header("accept", accept)
                    .header("referer", app.url("/"))
                    .form(&form);
                expect_answer(request, &format!("POST {path} ({accept}) {value:?}")).await;
            }
        }
        let shapes: [(&str, Vec<u8>); 4] = [
            (
                "application/x-www-form-urlencoded",
                br#"{"slug":"x","id":1}"#.to_vec(),
            ),
            (
                "application/json",
                br#"{"slug":"x","id":"one","extra":[1,2]}"#.to_vec(),
            ),
            (
                "application/x-www-form-urlencoded",
                b"slug=%FF%FE&id=%00&body=\xff\xfe".to_vec(),
            ),
            (
                "application/x-www-form-urlencoded",
                b"unknown=1&another=2".to_vec(),
            ),
        ];
        for (content_type, body) in shapes {
            let request = client
                .post(app.url(path))
                .header("content-type", content_type)
                .body(body);
            expect_answer(request, &format!("POST {path} as {content_type}")).await;
        }
        let oversize = format!("body={}", "x".repeat(300 * 1024));
        let request = client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(oversize);
        expect_answer(request, &format!("POST {path} oversize")).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_never_gets_a_server_error_or_a_dropped_connection() {
    let app = spawn_app().await;
    walk(
        &app,
        &Walker {
            cookie: String::new(),
        },
    )
    .await;
    app.create_staff(
        "admin@weho.org",
        Role::Admin,
        "correct horse battery staple 42",
    )
    .await;
    // The password, then the admin's authenticator code.
    let signed_in = app
        .sign_in("admin@weho.org", "correct horse battery staple 42")
        .await;
    assert!(signed_in.status().is_redirection());
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    assert!(cookie.contains("engage_session="), "signed in: {cookie}");
    walk(&app, &Walker { cookie }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_with_a_control_character_in_its_slug_is_answered() {
    let app = spawn_app().await;
    let id = crate::comments::published_comment(&app, "More lighting on the alleys, please.").await;
    let response = app
        .client
        .post(app.url("/api/strategy/comments/report"))
        .header("accept", "text/html")
        .header("referer", app.url("/strategy"))
        .form(&[
            ("slug", "a\nb"),
            ("id", &id.to_string()),
            ("reason", "spam"),
            ("note", ""),
            ("form_stamp", &app.form_stamp()),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("the connection was dropped: {e:?}"));
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = crate::helpers::location(&response);
    assert!(!location.contains('\n'), "{location:?}");
}
