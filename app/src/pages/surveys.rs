//! Surveys for the public: the list, a survey's introduction, one step at a time (questions,
//! "about you", review) and the thank-you page with the reference.

use crate::api::surveys::{
    ReviewItem, SaveSurveyAbout, SaveSurveyPage, StartSurvey, StepKind, SubmitSurvey, SurveyIntro,
    SurveyStep, SurveySummary, get_survey, get_survey_step, list_surveys,
};
use crate::components::error_view::error_view;
use crate::components::form::{ErrorSummary, SelectField, TextField};
use crate::components::intake::IntakeFields;
use crate::domain::stakeholder::StakeholderGroup;
use crate::domain::survey::Choice;
use crate::error::AppError;
use crate::i18n::{format_date, t, t_with, use_locale};
use crate::pages::survey_question::QuestionField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn availability_line(summary: &SurveySummary) -> String {
    let locale = use_locale();
    match (
        summary.availability.as_str(),
        &summary.closes_on,
        &summary.opens_on,
    ) {
        ("open", Some(closes), _) => t_with(
            "surveys.open_until",
            &[("date", format_date(locale, closes))],
        ),
        ("open", None, _) => t("surveys.open"),
        ("not_yet_open", _, Some(opens)) => {
            t_with("surveys.opens_on", &[("date", format_date(locale, opens))])
        }
        _ => t("surveys.closed"),
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let surveys = Resource::new(|| (), |_| list_surveys());
    view! {
        <Title text=t("surveys.title")/>
        <h1>{t("surveys.title")}</h1>
        <p class="lead">{t("surveys.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let all = surveys.await.unwrap_or_default();
                if all.is_empty() {
                    return view! { <p>{t("surveys.none")}</p> }.into_any();
                }
                view! {
                    <ul class="toc">
                        {all.into_iter().map(|s| view! {
                            <li class="card">
                                <h2 lang=other_lang(&s.lang)><a href=format!("/surveys/{}", s.slug)>{s.title.clone()}</a></h2>
                                <p>{t_with("surveys.for", &[("audience", s.audience.clone())])}</p>
                                <p><strong>{availability_line(&s)}</strong></p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn SurveyIntroPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let survey = Resource::new(slug, get_survey);
    let start = ServerAction::<StartSurvey>::new();
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match survey.await {
                    Ok(intro) => view! { <Intro intro start/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Intro(intro: SurveyIntro, start: ServerAction<StartSurvey>) -> impl IntoView {
    let summary = intro.summary.clone();
    let open = summary.availability == "open" && !intro.already_answered;
    let error = Signal::derive(move || start.value().get().and_then(Result::err));
    view! {
        <Title text=format!("{} | {}", summary.title, t("surveys.title"))/>
        <nav aria-label=t("strategy.breadcrumb")><a href="/surveys">{t("surveys.title")}</a></nav>
        <h1 lang=other_lang(&summary.lang)>{summary.title.clone()}</h1>
        <p>{t_with("surveys.for", &[("audience", summary.audience.clone())])}</p>
        // Sanitised with ammonia when the survey was saved; never raw input.
        <div class="section-body" lang=other_lang(&summary.lang) inner_html=intro.intro_html.clone()></div>
        <p><strong>{availability_line(&summary)}</strong></p>
        {intro.already_answered.then(|| view! {
            <p class="notice-box" role="status">{t("surveys.already_answered")}</p>
        })}
        {open.then(|| view! {
            <p>{t("surveys.privacy_note")} " " <a href="/privacy#surveys">{t("privacy.form_link")}</a></p>
            <ErrorSummary error/>
            <ActionForm action=start>
                <IntakeFields stamp=intro.form_stamp.clone()/>
                <input type="hidden" name="slug" value=summary.slug.clone()/>
                // The target of the error summary's link when starting was refused.
                <button type="submit" id="field-start" class="button">{t("surveys.start")}</button>
            </ActionForm>
        })}
    }
}

#[component]
pub fn SurveyStepPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let save_page = ServerAction::<SaveSurveyPage>::new();
    let save_about = ServerAction::<SaveSurveyAbout>::new();
    let submit = ServerAction::<SubmitSurvey>::new();
    let step = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("token").unwrap_or_default(),
                query
                    .read()
                    .get("step")
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(0),
                save_page.version().get(),
                save_about.version().get(),
            )
        },
        |(slug, token, step, ..)| get_survey_step(slug, token, step),
    );
    view! {
        // The address holds the draft's key: keep it out of search engines.
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match step.await {
                    Ok(step) => view! { <Step step save_page save_about submit/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Step(
    step: SurveyStep,
    save_page: ServerAction<SaveSurveyPage>,
    save_about: ServerAction<SaveSurveyAbout>,
    submit: ServerAction<SubmitSurvey>,
) -> impl IntoView {
    let query = use_query_map();
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let error = Signal::derive(move || {
        save_page
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| save_about.value().get().and_then(Result::err))
    });
    let incomplete = move || {
        query
            .read()
            .get("incomplete")
            .map(|_| view! { <p class="notice-box" role="status">{t("surveys.incomplete")}</p> })
    };
    let progress = match &step.kind {
        StepKind::Review(_) => t("surveys.review.heading"),
        _ => t_with(
            "surveys.progress",
            &[
                ("number", step.number.to_string()),
                ("total", step.total.to_string()),
            ],
        ),
    };
    let back = step
        .previous
        .map(|p| format!("/surveys/{}/answer/{token}?step={p}", step.slug));
    let hidden = {
        let (slug, token) = (step.slug.clone(), token.clone());
        move || {
            view! {
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="token" value=token.clone()/>
            }
        }
    };
    let questions_lang = other_lang(&step.lang);
    let form_lang = questions_lang.clone();
    let heading_lang = matches!(step.kind, StepKind::Questions(_))
        .then(|| other_lang(&step.lang))
        .flatten();
    let heading = match &step.kind {
        StepKind::Questions(page) => page.title.clone(),
        StepKind::About { .. } => t("surveys.about.heading"),
        StepKind::Review(_) => t("surveys.review.heading"),
    };
    let has_previous = step.previous.is_some();
    let content = match step.kind.clone() {
        StepKind::Questions(page) => {
            let answers = step.answers.clone();
            view! {
                <ActionForm action=save_page attr:class="stacked-form" attr:novalidate=true>
                    {hidden()}
                    <input type="hidden" name="step" value=step.step/>
                    // Untranslated questions are marked as English (the buttons stay in the page's language).
                    <div lang=form_lang>
                        {page.questions.into_iter().map(|q| view! { <QuestionField question=q answers=answers.clone() error/> }).collect_view()}
                    </div>
                    <div class="button-row">
                        {has_previous.then(|| view! {
                            <button type="submit" name="nav" value="back" class="button button-secondary">{t("surveys.back")}</button>
                        })}
                        <button type="submit" name="nav" value="next" class="button">{t("surveys.continue")}</button>
                    </div>
                </ActionForm>
            }
            .into_any()
        }
        StepKind::About { identities, ask_contact } => {
            view! { <About about=step.about.clone() identities ask_contact error action=save_about hidden=hidden().into_any()/> }.into_any()
        }
        StepKind::Review(items) => view! {
            <Review items slug=step.slug.clone() token=token.clone()/>
            <ActionForm action=submit attr:class="stacked-form">
                {hidden()}
                <div class="button-row">
                    {back.clone().map(|href| view! { <a class="button button-secondary" href=href>{t("surveys.back")}</a> })}
                    <button type="submit" class="button">{t("surveys.submit")}</button>
                </div>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <Title text=format!("{} | {}", heading, step.title)/>
        <p class="eyebrow" lang=questions_lang>{step.title.clone()}</p>
        <h1 lang=heading_lang>{heading}</h1>
        <p role="status">{progress}</p>
        {incomplete}
        <ErrorSummary error/>
        {content}
    }
}

#[component]
fn About(
    about: std::collections::BTreeMap<String, String>,
    identities: Vec<Choice>,
    ask_contact: bool,
    error: Signal<Option<AppError>>,
    action: ServerAction<SaveSurveyAbout>,
    hidden: AnyView,
) -> impl IntoView {
    let groups: Vec<(&'static str, &'static str)> = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.as_str(), g.label_key()))
        .collect();
    let ticked: Vec<String> = about
        .get("identities")
        .map(|list| {
            list.split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let saved = move |field: &str| about.get(field).cloned();
    view! {
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            {hidden}
            <SelectField name="stakeholder_group" label_key="field.stakeholder_group.label" options=groups required=true error initial=saved("stakeholder_group").unwrap_or_default()/>
            <TextField name="stakeholder_other" label_key="field.stakeholder_other.label" hint_key="field.stakeholder_other.hint" error initial=saved("stakeholder_other").unwrap_or_default()/>
            <TextField name="zip" label_key="field.zip.label" autocomplete="postal-code" hint_key="field.zip.hint" error initial=saved("zip").unwrap_or_default()/>
            <IdentityChoices identities ticked error/>
            {ask_contact.then(|| view! {
                <p class="hint">{t("surveys.about.contact_note")}</p>
                <TextField name="contact_name" label_key="surveys.about.contact_name" autocomplete="name" error initial=saved("contact_name").unwrap_or_default()/>
                <TextField name="contact_email" label_key="surveys.about.contact_email" input_type="email" autocomplete="email" error initial=saved("contact_email").unwrap_or_default()/>
            })}
            <div class="button-row">
                <button type="submit" name="nav" value="back" class="button button-secondary">{t("surveys.back")}</button>
                <button type="submit" name="nav" value="next" class="button">{t("surveys.continue")}</button>
            </div>
        </ActionForm>
    }
}

/// The configurable identity list: labels come from the consultation, not the catalogue.
#[component]
pub(crate) fn IdentityChoices(
    identities: Vec<Choice>,
    ticked: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <fieldset class="field" id="field-identities" aria-describedby="field-identities-hint">
            <legend>{t("surveys.about.identities")}</legend>
            <p class="hint" id="field-identities-hint">{t("surveys.about.identities_hint")}</p>
            {identities.into_iter().enumerate().map(|(n, choice)| {
                let id = format!("field-identities-{}", choice.key);
                let kept_key = format!("identities_{}", choice.key);
                let was = ticked.contains(&choice.key);
                let checked = move || match error.get().and_then(|e| e.form().cloned()) {
                    Some(form) => form.kept(&kept_key).is_some(),
                    None => was,
                };
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=format!("identities[{n}]") value=choice.key.clone() checked=checked/>
                        <label for=id>{choice.label.clone()}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn Review(items: Vec<ReviewItem>, slug: String, token: String) -> impl IntoView {
    view! {
        <p>{t("surveys.review.intro")}</p>
        <dl class="facts review">
            {items.into_iter().map(|item| {
                let href = format!("/surveys/{slug}/answer/{token}?step={}", item.step);
                let answer = if item.answer.is_empty() { t("surveys.review.no_answer") } else { item.answer.clone() };
                view! {
                    <dt>{item.prompt.clone()}</dt>
                    <dd>
                        {answer} " "
                        <a href=href>{t("surveys.review.change")}<span class="visually-hidden">": " {item.prompt.clone()}</span></a>
                    </dd>
                }
            }).collect_view()}
        </dl>
    }
}

#[component]
pub fn SurveyThanksPage() -> impl IntoView {
    let query = use_query_map();
    let reference = move || query.read().get("ref").filter(|r| r.len() <= 40);
    let link = Resource::new(|| (), |_| crate::api::surveys::response_link());
    view! {
        <Title text=t("surveys.thanks.title")/>
        <h1>{t("surveys.thanks.title")}</h1>
        {move || reference().map(|reference| view! {
            <p class="reference" role="status">{t("surveys.thanks.reference")} " " <strong>{reference}</strong></p>
        })}
        <p>{t("surveys.thanks.next")}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                link.await.ok().flatten().map(|href| view! {
                    <p>{t("surveys.thanks.manage")} " " <a href=href>{t("surveys.thanks.manage_link")}</a></p>
                })
            })}
        </Suspense>
        <p><a href="/strategy">{t("surveys.thanks.strategy_link")}</a></p>
    }
}

/// `lang` for survey text that is not in the page's language (not translated yet).
fn other_lang(lang: &str) -> Option<String> {
    (lang != crate::i18n::use_locale().code()).then(|| lang.to_string())
}
