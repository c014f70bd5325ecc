//! The frame of every page: skip link, header with navigation and language switcher, main, footer.
//! Staff pages (once signed in) carry the staff header instead of the public one.

use crate::api::auth::current_staff;
use crate::api::site::{SiteInfo, get_site_info};
use crate::components::staff_header::{StaffHeader, is_staff_area};
use crate::error::AppError;
use crate::i18n::{Locale, t, use_locale};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = Resource::new(|| (), |_| get_site_info());
    let location = use_location();
    let staff_area = Memo::new(move |_| is_staff_area(&location.pathname.get()));
    // Asked only on staff pages, and again only when moving between the staff area and the rest.
    let me = Resource::new(
        move || staff_area.get(),
        |staff_area| async move {
            if staff_area {
                current_staff().await.ok()
            } else {
                None
            }
        },
    );
    view! {
        // rel=external: the client router would otherwise swallow this in-page link and focus nothing.
        <a class="skip-link" href="#main" rel="external">{t("site.skip_link")}</a>
        // Public pages render their header at once; staff pages wait for who is signed in (a
        // Transition keeps the header on screen while the client asks again).
        {move || {
            if staff_area.get() {
                view! {
                    <Transition fallback=move || view! { <PublicHeader site/> }>
                        {move || Suspend::new(async move {
                            match me.await {
                                Some(user) => view! { <StaffHeader user><LanguageSwitcher/></StaffHeader> }.into_any(),
                                None => view! { <PublicHeader site/> }.into_any(),
                            }
                        })}
                    </Transition>
                }
                .into_any()
            } else {
                view! { <PublicHeader site/> }.into_any()
            }
        }}
        <LanguageAlternates/>
        <main id="main" tabindex="-1">
            <div class="wrap">{children()}</div>
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        site.await.ok().map(|s| {
                            let mailto = format!("mailto:{}", s.inquiry_inbox);
                            let tel = format!("tel:{}", s.tty_number.chars().filter(|c| c.is_ascii_digit()).collect::<String>());
                            view! {
                                <h2 class="footer-heading">{t("footer.contact_heading")}</h2>
                                <p>
                                    {t("footer.email_prompt")} " "
                                    <a href=mailto>{s.inquiry_inbox.clone()}</a>
                                </p>
                                <p>
                                    {t("footer.tty_prompt")} " "
                                    <a href=tel>{format!("TTY {}", s.tty_number)}</a>
                                </p>
                            }
                        })
                    })}
                </Suspense>
                <nav class="footer-links" aria-label=t("footer.links_label")>
                    <ul>
                        <li><a href="/timeline">{t("footer.timeline")}</a></li>
                        <li><a href="/faq">{t("footer.faq")}</a></li>
                        <li><a href="/what-we-heard">{t("footer.what_we_heard")}</a></li>
                        <li><a href="/updates">{t("footer.updates")}</a></li>
                        <li><a href="/accessibility">{t("footer.accessibility")}</a></li>
                        <li><a href="/privacy">{t("privacy.title")}</a></li>
                    </ul>
                </nav>
                <p class="footer-staff">
                    <a href="/staff">{t("footer.staff_link")}</a>
                </p>
            </div>
        </footer>
    }
}

/// The public site's header: the portal's name and city, the main navigation, the languages.
#[component]
fn PublicHeader(site: Resource<Result<SiteInfo, AppError>>) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <span class="brand-name">{t("site.name")}</span>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            site.await.ok().map(|s| view! { <span class="brand-city">{s.city_name}</span> })
                        })}
                    </Suspense>
                </a>
                <nav class="site-nav" aria-label=t("nav.label")>
                    <ul>
                        <li><a href="/">{t("nav.home")}</a></li>
                        <li><a href="/strategy">{t("nav.strategy")}</a></li>
                        <li><a href="/surveys">{t("nav.surveys")}</a></li>
                        <li><a href="/events">{t("nav.events")}</a></li>
                        <li><a href="/transparency">{t("nav.transparency")}</a></li>
                        <li><a href="/contact">{t("nav.contact")}</a></li>
                    </ul>
                </nav>
                <LanguageSwitcher/>
            </div>
        </header>
    }
}

/// The page's address in each language for search engines and assistive tools (`hreflang`);
/// rendered on the server with the page, which is where crawlers read it.
#[component]
fn LanguageAlternates() -> impl IntoView {
    use leptos_meta::Link;
    let location = use_location();
    let (path, search) = (
        location.pathname.get_untracked(),
        location.search.get_untracked(),
    );
    Locale::ALL
        .into_iter()
        .map(|locale| {
            let href = crate::paths::with_language(&path, &search, locale.code());
            view! { <Link rel="alternate" hreflang=locale.code() href=href/> }
        })
        .collect_view()
}

/// Plain links (`?lang=xx`) so switching works without JavaScript; `rel=external` makes the
/// client router do a full load, which re-renders every string in the new language.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let current = use_locale();
    let location = use_location();
    view! {
        <nav class="language-switcher" aria-label=t("nav.language")>
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        let href = move || {
                            crate::paths::with_language(
                                &location.pathname.get(),
                                &location.search.get(),
                                locale.code(),
                            )
                        };
                        let is_current = locale == current;
                        view! {
                            <li>
                                <a
                                    href=href
                                    rel="external"
                                    lang=locale.code()
                                    hreflang=locale.code()
                                    aria-current=is_current.then_some("true")
                                >
                                    {locale.native_name()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
