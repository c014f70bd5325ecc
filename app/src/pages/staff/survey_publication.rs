//! On a survey's results page: whether its results are on the public "What we heard" page, and for
//! admins the form that publishes them or takes them off (a plain POST; audited).

use crate::api::what_we_heard::{Publication, PublishSurveyResults, survey_publication};
use crate::error::AppError;
use crate::i18n::{format_date, t, t_with, use_locale};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Made by the results page beside its own resource (a resource made inside a `Suspend` would
/// hydrate out of order); asked again after the redirect that follows each form post.
pub fn publication_resource() -> Resource<Result<Publication, AppError>> {
    let params = use_params_map();
    let query = use_query_map();
    Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i32>().ok())
                    .unwrap_or(0),
                query.read().get("publication"),
            )
        },
        |(id, _)| survey_publication(id),
    )
}

#[component]
pub fn SurveyPublication(id: i32, publication: Publication) -> impl IntoView {
    let query = use_query_map();
    let publish = ServerAction::<PublishSurveyResults>::new();
    let outcome = move || match query.read().get("publication").as_deref() {
        Some("published") => Some(t("wwh.staff.now_published")),
        Some("unpublished") => Some(t("wwh.staff.now_unpublished")),
        _ => None,
    };
    let locale = use_locale();
    let state = match (publication.published, &publication.published_on) {
        (true, Some(on)) => t_with(
            "wwh.staff.published_on",
            &[("date", format_date(locale, on))],
        ),
        (true, None) => t("wwh.staff.published"),
        (false, _) => t("wwh.staff.not_published"),
    };
    let (value, label) = if publication.published {
        ("0", t("wwh.staff.unpublish"))
    } else {
        ("1", t("wwh.staff.publish"))
    };
    view! {
        <section class="card" aria-labelledby="publication-heading">
            <h2 id="publication-heading">{t("wwh.staff.heading")}</h2>
            <p role="status">{outcome}</p>
            <p>{state} " " <a href="/what-we-heard">{t("wwh.staff.public_page")}</a></p>
            <p class="hint">{t_with("wwh.staff.what_is_shown", &[("k", publication.k.to_string())])}</p>
            {publication.can_publish.then(|| view! {
                <ActionForm action=publish>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="publish" value=value/>
                    <button type="submit" class="button">{label}</button>
                </ActionForm>
            })}
        </section>
    }
}
