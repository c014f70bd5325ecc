//! The Engage server: configuration, the axum application around the Leptos app, and the CLI.

pub mod backup;
pub mod bench_search;
pub mod cli;
pub mod config;
pub mod db;
pub mod form_flash;
pub mod metrics;
pub mod middleware;
pub mod outbox_worker;
pub mod router;
pub mod routes;
pub mod startup;
pub mod telemetry;

/// The built-in content pack: the City of West Hollywood's draft CSWB strategy.
pub const DEFAULT_CONSULTATION: &str = include_str!("../content/cswb/consultation.toml");

/// The built-in pack's own words in Spanish and Russian, as (file name, text).
pub const DEFAULT_TRANSLATIONS: [(&str, &str); 2] = [
    (
        "consultation.es.toml",
        include_str!("../content/cswb/consultation.es.toml"),
    ),
    (
        "consultation.ru.toml",
        include_str!("../content/cswb/consultation.ru.toml"),
    ),
];

/// The built-in pack's timeline and FAQ, as (file name, text): English, then Spanish and Russian.
pub const DEFAULT_TIMELINE_AND_FAQ: [(&str, &str); 6] = [
    (
        "timeline.toml",
        include_str!("../content/cswb/timeline.toml"),
    ),
    (
        "timeline.es.toml",
        include_str!("../content/cswb/timeline.es.toml"),
    ),
    (
        "timeline.ru.toml",
        include_str!("../content/cswb/timeline.ru.toml"),
    ),
    ("faq.toml", include_str!("../content/cswb/faq.toml")),
    ("faq.es.toml", include_str!("../content/cswb/faq.es.toml")),
    ("faq.ru.toml", include_str!("../content/cswb/faq.ru.toml")),
];

/// The built-in pack's surveys, as (file name, text): English, then Spanish and Russian.
pub const DEFAULT_SURVEYS: [(&str, &str); 6] = [
    (
        "business.toml",
        include_str!("../content/cswb/surveys/business.toml"),
    ),
    (
        "business.es.toml",
        include_str!("../content/cswb/surveys/business.es.toml"),
    ),
    (
        "business.ru.toml",
        include_str!("../content/cswb/surveys/business.ru.toml"),
    ),
    (
        "community.toml",
        include_str!("../content/cswb/surveys/community.toml"),
    ),
    (
        "community.es.toml",
        include_str!("../content/cswb/surveys/community.es.toml"),
    ),
    (
        "community.ru.toml",
        include_str!("../content/cswb/surveys/community.ru.toml"),
    ),
];

/// The built-in pack's sections, as (file name, text): English, then Spanish and Russian.
pub const DEFAULT_SECTIONS: [(&str, &str); 15] = [
    (
        "01-introduction.md",
        include_str!("../content/cswb/sections/01-introduction.md"),
    ),
    (
        "01-introduction.es.md",
        include_str!("../content/cswb/sections/01-introduction.es.md"),
    ),
    (
        "01-introduction.ru.md",
        include_str!("../content/cswb/sections/01-introduction.ru.md"),
    ),
    (
        "02-law-enforcement-and-emergency-response.md",
        include_str!("../content/cswb/sections/02-law-enforcement-and-emergency-response.md"),
    ),
    (
        "02-law-enforcement-and-emergency-response.es.md",
        include_str!("../content/cswb/sections/02-law-enforcement-and-emergency-response.es.md"),
    ),
    (
        "02-law-enforcement-and-emergency-response.ru.md",
        include_str!("../content/cswb/sections/02-law-enforcement-and-emergency-response.ru.md"),
    ),
    (
        "03-neighborhood-livability.md",
        include_str!("../content/cswb/sections/03-neighborhood-livability.md"),
    ),
    (
        "03-neighborhood-livability.es.md",
        include_str!("../content/cswb/sections/03-neighborhood-livability.es.md"),
    ),
    (
        "03-neighborhood-livability.ru.md",
        include_str!("../content/cswb/sections/03-neighborhood-livability.ru.md"),
    ),
    (
        "04-health-and-human-services.md",
        include_str!("../content/cswb/sections/04-health-and-human-services.md"),
    ),
    (
        "04-health-and-human-services.es.md",
        include_str!("../content/cswb/sections/04-health-and-human-services.es.md"),
    ),
    (
        "04-health-and-human-services.ru.md",
        include_str!("../content/cswb/sections/04-health-and-human-services.ru.md"),
    ),
    (
        "05-how-phase-ii-works.md",
        include_str!("../content/cswb/sections/05-how-phase-ii-works.md"),
    ),
    (
        "05-how-phase-ii-works.es.md",
        include_str!("../content/cswb/sections/05-how-phase-ii-works.es.md"),
    ),
    (
        "05-how-phase-ii-works.ru.md",
        include_str!("../content/cswb/sections/05-how-phase-ii-works.ru.md"),
    ),
];
