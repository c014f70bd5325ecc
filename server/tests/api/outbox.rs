use crate::helpers::{location, spawn_app_with};
use crate::smtp::{SmtpSink, reserve_port};
use app::backend::entity::{outbox_attempt, outbox_message};
use app::backend::services::outbox::{self, NewEmail};
use app::domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashSet;

fn email(n: usize) -> NewEmail {
    NewEmail {
        kind: "test",
        to_address: format!("person{n}@example.org"),
        to_name: None,
        reply_to: None,
        subject: format!("Message {n}"),
        text_body: format!("Body {n}"),
        html_body: format!("<p>Body {n}</p>"),
        attachment: None,
    }
}

fn assert_each_once(received: &[crate::smtp::Received], expected: usize) {
    let ids: HashSet<String> = received.iter().map(|m| m.message_id()).collect();
    assert_eq!(received.len(), expected, "exactly {expected} deliveries");
    assert_eq!(ids.len(), expected, "no Message-ID twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_down_when_inquiries_arrive_then_up_delivers_every_message_exactly_once() {
    let port = reserve_port().await;
    let app =
        spawn_app_with(|s| s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into())).await;
    for n in 0..3 {
        let response = app
            .submit_inquiry(&[("email", &format!("person{n}@example.org"))])
            .await;
        assert!(
            location(&response).starts_with("/contact/thanks?ref="),
            "stored while SMTP is down"
        );
    }
    // Failed attempts are recorded while nothing listens.
    for _ in 0..100 {
        let failed = outbox_attempt::Entity::find()
            .filter(outbox_attempt::Column::Succeeded.eq(false))
            .count(&app.db)
            .await
            .unwrap_or(0);
        if failed >= 6 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let queued = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq("queued"))
        .count(&app.db)
        .await
        .unwrap_or(0);
    assert_eq!(queued, 6, "nothing lost, nothing sent yet");

    let sink = SmtpSink::start_on(port).await;
    let received = sink.wait_for(6).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_each_once(&sink.messages(), 6);
    assert_eq!(received.len(), 6);
    let sent = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq("sent"))
        .count(&app.db)
        .await
        .unwrap_or(0);
    assert_eq!(sent, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_left_by_a_dead_worker_is_taken_over_after_its_lease() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(url.into());
        s.outbox_worker = false;
    })
    .await;
    for n in 0..2 {
        outbox::enqueue(&app.db, email(n), "test.example")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let now = chrono::Utc::now();
    let lease = app.outbox_worker.lease();
    // A worker claims both messages and dies before sending.
    let claimed = outbox::claim_due(&app.db, "dead-worker:1", now, lease, 10)
        .await
        .unwrap_or_default();
    assert_eq!(claimed.len(), 2);

    let survivor = app.outbox_worker.renamed("survivor");
    assert_eq!(
        survivor.run_once(now).await.unwrap_or(99),
        0,
        "the lease still holds"
    );
    let after_lease = now + lease + chrono::Duration::seconds(1);
    assert_eq!(survivor.run_once(after_lease).await.unwrap_or(0), 2);
    assert_each_once(&sink.wait_for(2).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_at_once_never_send_a_message_twice() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(url.into());
        s.outbox_worker = false;
    })
    .await;
    const MESSAGES: usize = 40;
    for n in 0..MESSAGES {
        outbox::enqueue(&app.db, email(n), "test.example")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let drain = |worker: engage::outbox_worker::OutboxWorker| async move {
        let mut handled = 0;
        loop {
            match worker.run_once(chrono::Utc::now()).await {
                Ok(0) => break handled,
                Ok(n) => handled += n,
                // SQLite may report a busy database under contention; the next round retries.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
            }
        }
    };
    let (a, b) = tokio::join!(
        tokio::spawn(drain(app.outbox_worker.renamed("worker-a"))),
        tokio::spawn(drain(app.outbox_worker.renamed("worker-b")))
    );
    assert_eq!(
        a.unwrap_or(0) + b.unwrap_or(0),
        MESSAGES,
        "every message handled by exactly one worker"
    );
    assert_each_once(&sink.wait_for(MESSAGES).await, MESSAGES);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_message_is_shown_to_admins_and_can_be_retried() {
    let port = reserve_port().await;
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
        s.outbox_max_attempts = 1;
    })
    .await;
    app.submit_inquiry(&[]).await;
    for _ in 0..100 {
        let dead = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq("dead"))
            .count(&app.db)
            .await
            .unwrap_or(0);
        if dead == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.create_staff(
        "admin@weho.org",
        Role::Admin,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("admin@weho.org", "correct horse battery staple")
        .await;
    let (status, page) = app.get_html("/staff/outbox?status=dead").await;
    assert_eq!(status, 200);
    assert!(page.contains("Retry this message"));
    assert!(
        page.contains("Connection refused") || page.contains("connection"),
        "the error is shown"
    );

    let sink = SmtpSink::start_on(port).await;
    let dead = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq("dead"))
        .all(&app.db)
        .await
        .unwrap_or_default();
    for message in &dead {
        app.post_form(
            "/api/staff/outbox/retry",
            &[("id", &message.id.to_string())],
        )
        .await;
    }
    assert_each_once(&sink.wait_for(2).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_messages_become_eml_files_and_staff_are_told() {
    let app = spawn_app_with(|_| {}).await;
    app.submit_inquiry(&[]).await;
    let mut files = Vec::new();
    for _ in 0..100 {
        files = std::fs::read_dir(app.data_dir().join("outbox"))
            .map(|d| d.flatten().collect::<Vec<_>>())
            .unwrap_or_default();
        if files.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(files.len(), 2);
    let text = std::fs::read_to_string(files[0].path()).unwrap_or_default();
    assert!(text.contains("Message-ID: <"));
    app.create_staff(
        "admin@weho.org",
        Role::Admin,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("admin@weho.org", "correct horse battery staple")
        .await;
    let (_, page) = app.get_html("/staff/outbox").await;
    assert!(page.contains("No SMTP server is configured"));
}
