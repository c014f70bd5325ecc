//! `engage bench-search`: fills a throwaway database with feedback items and times staff searches
//! next to a plain indexed lookup measured in the same run (the goal: well under 100 ms at 100,000
//! items). Not a test: `make bench-search` runs it against a fresh SQLite file.

use app::backend::entity::feedback_item;
use app::backend::services::search::{query, words};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::time::{Duration, Instant};

const ENGLISH: &[&str] = &[
    "the",
    "street",
    "lighting",
    "is",
    "poor",
    "near",
    "park",
    "please",
    "add",
    "more",
    "lights",
    "parking",
    "costs",
    "too",
    "much",
    "sidewalk",
    "broken",
    "crosswalk",
    "safety",
    "traffic",
    "noise",
    "at",
    "night",
    "homeless",
    "services",
    "outreach",
    "mental",
    "health",
    "police",
    "response",
    "time",
    "fire",
    "station",
    "trees",
    "shade",
    "bus",
    "stop",
    "bike",
    "lane",
    "business",
    "district",
    "rent",
    "housing",
    "seniors",
    "youth",
    "programs",
    "library",
];
const SPANISH: &[&str] = &[
    "la",
    "iluminación",
    "de",
    "calle",
    "es",
    "mala",
    "cerca",
    "del",
    "parque",
    "más",
    "luces",
    "estacionamiento",
    "caro",
    "acera",
    "rota",
    "seguridad",
    "tráfico",
    "ruido",
    "noche",
    "servicios",
    "salud",
    "mental",
    "policía",
    "árboles",
    "sombra",
    "parada",
    "autobús",
];
const RUSSIAN: &[&str] = &[
    "во",
    "дворах",
    "не",
    "хватает",
    "фонарей",
    "вечером",
    "страшно",
    "парковка",
    "дорогая",
    "тротуар",
    "сломан",
    "безопасность",
    "движение",
    "шум",
    "ночью",
    "услуги",
    "здоровье",
    "полиция",
    "деревья",
    "остановка",
    "автобуса",
    "фонари",
    "улица",
    "парк",
];
const GROUPS: &[&str] = &[
    "resident",
    "business",
    "community_organization",
    "first_responder",
    "social_service_provider",
];

/// A cheap, repeatable pseudo-random sequence (no need for a random crate here).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Made-up words from syllables: the bulk of any real text is words nobody searches for, so a
/// searched word is in a few percent of items, not in half of them.
fn filler_words() -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ter", "su", "ban", "re", "do", "fi", "nal", "po", "ser", "vi", "ta",
        "gen", "mo", "ru", "cal", "de", "pin",
    ];
    let mut words = Vec::new();
    for a in SYLLABLES {
        for b in SYLLABLES {
            for c in ["", "s", "ing", "ed", "o", "a"] {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

async fn seed(db: &DatabaseConnection, items: u32) -> Result<(), DbErr> {
    let mut sequence = Sequence(42);
    let fillers = filler_words();
    let start = chrono::Utc::now() - chrono::Duration::days(60);
    let mut done = 0u32;
    while done < items {
        let txn = db.begin().await?;
        let batch: Vec<feedback_item::ActiveModel> = (0..1_000.min(items - done))
            .map(|i| {
                let n = done + i;
                let (language, vocabulary) = match sequence.next(10) {
                    0 => ("es", SPANISH),
                    1 => ("ru", RUSSIAN),
                    _ => ("en", ENGLISH),
                };
                let length = 12 + sequence.next(30);
                // One word in ten is a word of the consultation's own vocabulary.
                let body = (0..length)
                    .map(|_| {
                        if sequence.next(10) == 0 {
                            vocabulary[sequence.next(vocabulary.len())].to_string()
                        } else {
                            fillers[sequence.next(fillers.len())].clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                // The worst case for a count: one word in every other item.
                let body = if n.is_multiple_of(2) {
                    format!("{body} alley")
                } else {
                    body
                };
                feedback_item::ActiveModel {
                    consultation_id: Set(1),
                    kind: Set(["comment", "survey_answer", "inquiry"][sequence.next(3)].into()),
                    source_id: Set(n as i32 + 1),
                    question_key: Set(String::new()),
                    section_id: Set(Some(1 + sequence.next(6) as i32)),
                    survey_id: Set(None),
                    stakeholder_group: Set(GROUPS[sequence.next(GROUPS.len())].into()),
                    channel: Set("online".into()),
                    language: Set(language.into()),
                    created_at: Set(start + chrono::Duration::seconds(i64::from(n) * 50)),
                    stems: Set(words::stems(language, &body)),
                    body: Set(body),
                    ..Default::default()
                }
            })
            .collect();
        let count = batch.len() as u32;
        feedback_item::Entity::insert_many(batch).exec(&txn).await?;
        txn.commit().await?;
        done += count;
    }
    Ok(())
}

/// Median and 95th percentile of `runs` timings of `work`.
async fn time<F, Fut>(runs: usize, mut work: F) -> Result<(Duration, Duration, u64), DbErr>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<u64, DbErr>>,
{
    let mut timings = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        found = work().await?;
        timings.push(started.elapsed());
    }
    timings.sort();
    let at = |share: f64| timings[((timings.len() as f64 * share) as usize).min(timings.len() - 1)];
    Ok((at(0.5), at(0.95), found))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1_000.0)
}

pub async fn run(db: &DatabaseConnection, items: u32) -> Result<(), DbErr> {
    if feedback_item::Entity::find().count(db).await? > 0 {
        return Err(DbErr::Custom(
            "bench-search fills the database itself: point DATABASE_URL at an empty one".into(),
        ));
    }
    let started = Instant::now();
    seed(db, items).await?;
    // What autovacuum (PostgreSQL) or a periodic ANALYZE would have done on a live database.
    db.execute_unprepared("ANALYZE").await?;
    println!(
        "Seeded {items} items in {:.1} s ({:?})\n",
        started.elapsed().as_secs_f64(),
        db.get_database_backend()
    );

    let (base_median, base_p95, base_found) = time(30, || async {
        let page = feedback_item::Entity::find()
            .filter(feedback_item::Column::ConsultationId.eq(1))
            .filter(feedback_item::Column::StakeholderGroup.eq("business"))
            .order_by_desc(feedback_item::Column::CreatedAt)
            .limit(25)
            .all(db)
            .await?;
        let total = feedback_item::Entity::find()
            .filter(feedback_item::Column::ConsultationId.eq(1))
            .filter(feedback_item::Column::StakeholderGroup.eq("business"))
            .count(db)
            .await?;
        Ok(total.max(page.len() as u64))
    })
    .await?;
    println!(
        "{:<48} {:>10} {:>10} {:>8} {:>8} {:>6}",
        "query (page of 25 with its total)", "median", "p95", "found", "ratio", "goal"
    );
    println!(
        "{:<48} {:>10} {:>10} {:>8} {:>8} {:>6}",
        "baseline: indexed lookup by group",
        ms(base_median),
        ms(base_p95),
        base_found,
        "1.0",
        ""
    );
    let cases: Vec<(&str, query::Filters)> = vec![
        (
            "words: lighting (English forms)",
            query::Filters {
                text: "lighting".into(),
                ..Default::default()
            },
        ),
        (
            "words: фонари (Russian forms)",
            query::Filters {
                text: "фонари".into(),
                ..Default::default()
            },
        ),
        (
            "words: iluminaciones (Spanish forms)",
            query::Filters {
                text: "iluminaciones".into(),
                ..Default::default()
            },
        ),
        (
            "words: street lighting park (all three)",
            query::Filters {
                text: "street lighting park".into(),
                ..Default::default()
            },
        ),
        (
            "words + group + language",
            query::Filters {
                text: "parking".into(),
                group: Some("business".into()),
                language: Some("en".into()),
                ..Default::default()
            },
        ),
        (
            "words: alley (in half of all items)",
            query::Filters {
                text: "alley".into(),
                ..Default::default()
            },
        ),
    ];
    let mut all_pass = true;
    for (name, filters) in cases {
        let (median, p95, found) = time(30, || async {
            Ok(query::search(db, 1, &filters, 1, 25).await?.total)
        })
        .await?;
        let pass = median < Duration::from_millis(100);
        all_pass &= pass;
        println!(
            "{:<48} {:>10} {:>10} {:>8} {:>8.1} {:>6}",
            name,
            ms(median),
            ms(p95),
            found,
            median.as_secs_f64() / base_median.as_secs_f64().max(1e-9),
            if pass { "pass" } else { "short" }
        );
    }
    println!(
        "\nGoal: every search's median under 100 ms at {items} items: {}",
        if all_pass { "pass" } else { "falls short" }
    );
    Ok(())
}
