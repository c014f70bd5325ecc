//! A city in another time zone: its meetings are stored, shown and put in calendars in its own
//! time, and a pack naming a zone nobody knows is refused with the reason.

use crate::helpers::spawn_app_with;
use app::backend::entity::event;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_city_in_another_zone_gets_its_meetings_pages_and_calendars_in_its_own_time() {
    use chrono::Timelike;
    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pack = engage::DEFAULT_CONSULTATION.replace(
        "time_zone = \"America/Los_Angeles\"",
        "time_zone = \"Europe/Madrid\"",
    );
    assert!(
        pack.contains("Europe/Madrid"),
        "the default pack names its zone"
    );
    std::fs::write(content.path().join("consultation.toml"), pack)
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = content.path().to_path_buf();
    let app = spawn_app_with(move |s| s.content_dir = Some(dir)).await;

    // The pack says 18:30: that is 18:30 in Madrid, not in Los Angeles.
    let madrid = chrono_tz::Europe::Madrid;
    let stored = event::Entity::find()
        .filter(event::Column::Slug.eq("phase-ii-session-plummer-park"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the pack's meeting was imported"));
    let local = stored.starts_at.with_timezone(&madrid);
    assert_eq!((local.hour(), local.minute()), (18, 30));

    let (status, page) = app.get_html("/events/phase-ii-session-plummer-park").await;
    assert_eq!(status, 200);
    assert!(page.contains("6:30 PM–8:30 PM"), "local time on the page");
    assert!(
        page.contains(&local.format("%Z").to_string()),
        "with the zone's abbreviation"
    );

    let feed = app.get("/events.ics").await;
    let body = feed.text().await.unwrap_or_default();
    assert!(body.contains("TZID:Europe/Madrid\r\n"));
    assert!(body.contains(&format!(
        "DTSTART;TZID=Europe/Madrid:{}\r\n",
        local.format("%Y%m%dT183000")
    )));
    assert!(!body.contains("Los_Angeles"));
}

#[test]
fn a_pack_with_a_zone_nobody_knows_is_refused_with_the_reason() {
    let pack = engage::DEFAULT_CONSULTATION.replace(
        "time_zone = \"America/Los_Angeles\"",
        "time_zone = \"Pacific Time\"",
    );
    match app::backend::services::content::ConsultationPack::from_toml(&pack) {
        Ok(_) => panic!("accepted an unknown zone"),
        Err(e) => assert!(
            e.to_string()
                .contains("\"Pacific Time\" is not an IANA time zone name"),
            "{e}"
        ),
    }
}
