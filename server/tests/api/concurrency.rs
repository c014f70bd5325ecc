//! Pages keep answering while other apps start in the same process (as they do in this suite).

use crate::helpers::spawn_app;
use std::time::Duration;

/// Starting an app lists its routes by rendering the app with resource loading switched off for
/// the whole process; a page that began loading in that window used to wait forever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_apps_start() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));

    let starts = tokio::spawn(async {
        for _ in 0..12 {
            drop(spawn_app().await);
        }
    });
    let mut readers = tokio::task::JoinSet::new();
    for reader in 0..6 {
        let client = client.clone();
        let url = app.url(["/", "/strategy", "/contact"][reader % 3]);
        let starting = starts.abort_handle();
        readers.spawn(async move {
            let mut pages = 0;
            while !starting.is_finished() {
                let response = client
                    .get(&url)
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("GET {url}: {e:?}"));
                assert_eq!(response.status(), 200, "{url}");
                let body = response
                    .text()
                    .await
                    .unwrap_or_else(|e| panic!("body of {url}: {e:?}"));
                assert!(body.contains("</html>"), "{url} ended early");
                pages += 1;
            }
            pages
        });
    }
    let mut pages = 0;
    while let Some(result) = readers.join_next().await {
        pages += result.unwrap_or_else(|e| panic!("reader: {e}"));
    }
    starts.await.unwrap_or_else(|e| panic!("starts: {e}"));
    assert!(pages > 0, "no page was read while the apps started");
}
