use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_language_picks_the_page_language() {
    let app = spawn_app().await;
    let html = app
        .client
        .get(app.url("/"))
        .header("accept-language", "es-MX,es;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_default();
    assert!(html.contains("<html lang=\"es\""));
    assert!(html.contains("Saltar al contenido principal"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_language_chosen_in_the_url_is_remembered_in_a_cookie() {
    let app = spawn_app().await;
    let response = app.get("/?lang=ru").await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("engage_lang="))
        .map(str::to_string)
        .unwrap_or_default();
    assert!(
        cookie.starts_with("engage_lang=ru"),
        "cookie was {cookie:?}"
    );
    let (_, html) = app.get_html("/staff/sign-in").await;
    assert!(
        html.contains("<html lang=\"ru\""),
        "the cookie keeps Russian on the next page"
    );
    assert!(html.contains("Вход для сотрудников"));
}
