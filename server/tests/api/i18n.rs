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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switcher_keeps_the_whole_address_and_pages_name_their_alternates() {
    let app = spawn_app().await;
    let (_, html) = app.get_html("/strategy?paragraph=p3&lang=es").await;
    assert!(
        html.contains("href=\"/strategy?paragraph=p3&amp;lang=ru\""),
        "the switcher keeps the query: {}",
        html.split("language-switcher").nth(1).unwrap_or_default()
    );
    for code in ["en", "es", "ru"] {
        let alternate = format!("href=\"/strategy?paragraph=p3&amp;lang={code}\"");
        let head = html.split("</head>").next().unwrap_or_default();
        assert!(
            head.contains(&alternate) && head.contains(&format!("hreflang=\"{code}\"")),
            "{code} alternate in the head"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_read_in_the_plural_each_language_needs() {
    let app = spawn_app().await;
    crate::comments::open_period(&app, true).await;
    let (_, english) = app.get_html("/strategy?lang=en").await;
    assert!(english.contains("0 comments"), "English plural for none");
    let (_, russian) = app.get_html("/strategy?lang=ru").await;
    assert!(
        russian.contains("0 комментариев"),
        "Russian 'many' form for 0"
    );
    let (_, spanish) = app.get_html("/?lang=es").await;
    assert!(
        spanish.contains("Las 3 áreas de servicio de la estrategia"),
        "Spanish plural of the three service areas"
    );
}
