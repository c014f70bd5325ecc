//! Following by email without an account: the form, the "check your email" page, the page the
//! confirmation link opens, and the unsubscribe page every update links to.

use crate::api::follow::{
    ConfirmFollow, Follow, FollowFormData, SectionChoice, follow_link, follow_options,
    unsubscribe_link,
};
use crate::components::error_view::error_view;
use crate::components::form::{
    ErrorSummary, FieldError, TextField, described_by, field_kept, field_message,
};
use crate::components::intake::IntakeFields;
use crate::error::AppError;
use crate::i18n::{Locale, t, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `lang` for text whose language differs from the page's; nothing when they match.
fn other_lang(lang: &str) -> Option<String> {
    (lang != use_locale().code()).then(|| lang.to_string())
}

#[component]
pub fn FollowPage() -> impl IntoView {
    let action = ServerAction::<Follow>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let options = Resource::new(|| (), |_| follow_options());
    let query = use_query_map();
    view! {
        <Title text=t("follow.title")/>
        <div class="narrow">
            <h1>{t("follow.title")}</h1>
            <p class="lead">{t("follow.intro")}</p>
            <ErrorSummary error/>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || Suspend::new(async move {
                    let preselected = query.read_untracked().get("section");
                    match options.await {
                        Ok(options) => view! { <FollowFormView options preselected action error/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
            <p><a href="/updates">{t("follow.see_updates")}</a></p>
        </div>
    }
}

#[component]
fn FollowFormView(
    options: FollowFormData,
    preselected: Option<String>,
    action: ServerAction<Follow>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <IntakeFields stamp=options.stamp/>
            <TextField name="email" label_key="field.email.label" hint_key="follow.email_hint" input_type="email" autocomplete="email" required=true error/>
            <TargetSelect sections=options.sections preselected error/>
            <LanguageChoice error/>
            <p>{t("follow.privacy")} " " <a href="/privacy">{t("privacy.form_link")}</a></p>
            <button type="submit" class="button">{t("follow.submit")}</button>
        </ActionForm>
    }
}

/// The whole consultation or one section; `?section=slug` (from a section's page) picks it.
#[component]
fn TargetSelect(
    sections: Vec<SectionChoice>,
    preselected: Option<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = "target";
    let message = field_message(error, name);
    let kept = field_kept(error, name);
    let preselected = StoredValue::new(preselected);
    let chosen = move || {
        kept()
            .or_else(|| preselected.get_value())
            .unwrap_or_else(|| "all".to_string())
    };
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for="field-target">{t("follow.target")}</label>
            <FieldError name error/>
            <select
                id="field-target"
                name=name
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || described_by(name, false, message)
            >
                <option value="all" selected=move || chosen() == "all">{t("follow.target.all")}</option>
                <optgroup label=t("follow.target.one_section")>
                    {sections
                        .into_iter()
                        .map(|s| {
                            let lang = other_lang(&s.lang);
                            let slug = s.slug.clone();
                            view! { <option value=s.slug lang=lang selected=move || chosen() == slug>{s.title}</option> }
                        })
                        .collect_view()}
                </optgroup>
            </select>
        </div>
    }
}

/// The language of the emails, the page's unless chosen; each name is written in its language.
#[component]
fn LanguageChoice(error: Signal<Option<AppError>>) -> impl IntoView {
    let name = "language";
    let message = field_message(error, name);
    let kept = field_kept(error, name);
    let page = use_locale();
    let chosen = move || kept().unwrap_or_else(|| page.code().to_string());
    view! {
        <fieldset class="field" class:field-invalid=move || message().is_some() id="field-language">
            <legend>{t("follow.language")}</legend>
            <FieldError name error/>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    let id = format!("field-language-{}", locale.code());
                    let lang = other_lang(locale.code());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=name value=locale.code() checked=move || chosen() == locale.code()/>
                            <label for=id lang=lang>{locale.native_name()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
pub fn FollowCheckEmailPage() -> impl IntoView {
    view! {
        <Title text=t("follow.check_email.title")/>
        <div class="narrow">
            <h1>{t("follow.check_email.title")}</h1>
            <p role="status">{t("follow.check_email.sent")}</p>
            <p>{t("follow.check_email.nothing_yet")}</p>
            <p>{t("follow.check_email.not_arrived")}</p>
            <p><a href="/follow">{t("follow.ask_again")}</a></p>
        </div>
    }
}

/// The page for a link that is unknown, expired or replaced by a newer one.
fn link_not_working() -> AnyView {
    #[cfg(feature = "ssr")]
    crate::backend::request::set_status(http::StatusCode::NOT_FOUND);
    view! {
        <Title text=t("follow.link_expired.title")/>
        <div class="narrow">
            <h1>{t("follow.link_expired.title")}</h1>
            <p>{t("follow.link_expired.body")}</p>
            <p><a href="/follow">{t("follow.ask_again")}</a></p>
        </div>
    }
    .into_any()
}

#[component]
pub fn FollowConfirmPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let confirm = ServerAction::<ConfirmFollow>::new();
    let found = Resource::new(
        move || (token(), confirm.version().get()),
        |(token, _)| follow_link(token),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(link) => {
                        let what = t_with("follow.confirm.what", &[("what", link.what)]);
                        view! {
                            <Title text=t("follow.confirm.title")/>
                            <div class="narrow">
                                <h1>{t("follow.confirm.title")}</h1>
                                {if link.confirmed {
                                    view! {
                                        <p class="notice" role="status">{t("follow.confirm.done")}</p>
                                        <p>{what}</p>
                                        <p>{t("follow.confirm.every_email")}</p>
                                        <p><a href="/updates">{t("follow.see_updates")}</a></p>
                                    }.into_any()
                                } else {
                                    view! {
                                        <p>{what}</p>
                                        <p>{t("follow.confirm.explained")}</p>
                                        <ActionForm action=confirm>
                                            <input type="hidden" name="token" value=token()/>
                                            <button type="submit" class="button">{t("follow.confirm.button")}</button>
                                        </ActionForm>
                                    }.into_any()
                                }}
                            </div>
                        }.into_any()
                    }
                    Err(_) => link_not_working(),
                }
            })}
        </Suspense>
    }
}

/// One button, posted as a plain form to the page's own address: the same route takes the
/// one-click POST that mail clients send (RFC 8058), without cookies or page state.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let found = Resource::new(token, unsubscribe_link);
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(link) => {
                        let action = crate::paths::at(crate::api::follow::UNSUBSCRIBE_PATH, token());
                        view! {
                            <Title text=t("unsubscribe.title")/>
                            <div class="narrow">
                                <h1>{t("unsubscribe.title")}</h1>
                                {if link.unsubscribed {
                                    view! {
                                        <p class="notice" role="status">{t_with("unsubscribe.done", &[("what", link.what)])}</p>
                                        <p>{t("unsubscribe.address_deleted")}</p>
                                        <p><a href="/follow">{t("unsubscribe.follow_again")}</a></p>
                                    }.into_any()
                                } else {
                                    view! {
                                        <p>{t_with("unsubscribe.question", &[("what", link.what)])}</p>
                                        <form method="post" action=action>
                                            <input type="hidden" name="List-Unsubscribe" value="One-Click"/>
                                            <button type="submit" class="button">{t("unsubscribe.button")}</button>
                                        </form>
                                    }.into_any()
                                }}
                            </div>
                        }.into_any()
                    }
                    Err(_) => link_not_working(),
                }
            })}
        </Suspense>
    }
}
