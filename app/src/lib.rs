//! Engage's user interface: pages, components and server functions, compiled for the server
//! (`ssr`) and for the browser (`hydrate`).
// Deeply nested views have deeply nested types; the release wasm build needs the higher limit.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod paths;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{Stylesheet, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use pages::{
    accessibility::AccessibilityPage,
    comment_page::CommentPermalinkPage,
    comments::{CommentReceivedPage, ReportCommentPage},
    contact::{ContactPage, ContactThanksPage},
    events::{EventsPage, MeetingPage},
    faq::FaqPage,
    follow::{FollowCheckEmailPage, FollowConfirmPage, FollowPage, UnsubscribePage},
    home::HomePage,
    my_comment::MyCommentPage,
    my_records::{MyInquiryPage, MyResponsePage},
    not_found::NotFoundPage,
    privacy::PrivacyPage,
    privacy_request::{PrivacyRequestLinkPage, PrivacyRequestPage},
    rsvp::ManageRsvpPage,
    staff::{
        account::MyAccountPage,
        accounts::StaffAccountsPage,
        audit::StaffAuditPage,
        dashboard::StaffDashboardPage,
        event_attendees::StaffSignInSheetPage,
        events::{StaffEventPage, StaffEventsPage},
        faq::StaffFaqPage,
        faq_entry::StaffFaqEntryPage,
        feedback::StaffFeedbackPage,
        inquiries::StaffInquiriesPage,
        inquiry::StaffInquiryPage,
        moderation::StaffModerationPage,
        outbox::StaffOutboxPage,
        password::{ForgotPasswordPage, PasswordLinkPage},
        privacy_requests::StaffPrivacyRequestsPage,
        report::StaffReportPage,
        search::StaffSearchPage,
        section_changes::{SectionChangeEditorPage, SectionChangesPage},
        section_translation::StaffSectionTranslationPage,
        sections::{StaffSectionEditorPage, StaffSectionsPage},
        sign_in::SignInPage,
        survey_editor::StaffSurveyEditorPage,
        survey_paper::SurveyPaperPage,
        survey_preview::{SurveyPreviewPage, SurveyTomlPage},
        survey_question_editor::SurveyQuestionEditorPage,
        survey_structure::SurveyPageEditorPage,
        surveys::{StaffSurveyResultsPage, StaffSurveysPage},
        themes::{StaffSuggestionsPage, StaffThemePage, StaffThemesPage},
        two_factor::{EnrolPage, SecondFactorPage},
        updates::StaffUpdatesPage,
    },
    strategy::{SectionPage, StrategyPage},
    surveys::{SurveyIntroPage, SurveyStepPage, SurveyThanksPage, SurveysPage},
    timeline::TimelinePage,
    transparency::TransparencyPage,
    updates::{UpdatePage, UpdatesPage},
    versions::{VersionPage, VersionsPage},
    what_we_heard::{WhatWeHeardPage, WhatWeHeardSectionPage},
    whole_draft::WholeDraftPage,
};

/// The HTML document around the app; rendered only on the server.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::MetaTags;
    backend::security::provide_page_csp();
    let locale = i18n::resolve_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(i18n::resolve_locale());
    // Effects run only in the browser: the attribute tells people and tests that hydration finished.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    // Every route renders completely on the server (SsrMode::Async), so pages work without JavaScript.
    view! {
        <Stylesheet id="engage-css" href="/pkg/engage.css"/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/strategy") view=StrategyPage ssr=SsrMode::Async/>
                    // Before /strategy/:slug: the first matching route wins.
                    <Route path=path!("/strategy/print") view=WholeDraftPage ssr=SsrMode::Async/>
                    <Route path=path!("/strategy/:slug") view=SectionPage ssr=SsrMode::Async/>
                    <Route path=path!("/strategy/:slug/received") view=CommentReceivedPage ssr=SsrMode::Async/>
                    <Route path=path!("/strategy/:slug/versions") view=VersionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/strategy/:slug/versions/:number") view=VersionPage ssr=SsrMode::Async/>
                    <Route path=path!("/strategy/:slug/report/:id") view=ReportCommentPage ssr=SsrMode::Async/>
                    <Route path=path!("/strategy/:slug/comments/:id") view=CommentPermalinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy/request") view=PrivacyRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy/request/:token") view=PrivacyRequestLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/your-comment/:token") view=MyCommentPage ssr=SsrMode::Async/>
                    <Route path=path!("/your-response/:token") view=MyResponsePage ssr=SsrMode::Async/>
                    <Route path=path!("/your-inquiry/:token") view=MyInquiryPage ssr=SsrMode::Async/>
                    <Route path=path!("/surveys") view=SurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("/surveys/:slug") view=SurveyIntroPage ssr=SsrMode::Async/>
                    <Route path=path!("/surveys/:slug/answer/:token") view=SurveyStepPage ssr=SsrMode::Async/>
                    <Route path=path!("/surveys/:slug/thanks") view=SurveyThanksPage ssr=SsrMode::Async/>
                    <Route path=path!("/events") view=EventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:slug") view=MeetingPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:slug/rsvp/:token") view=ManageRsvpPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/events") view=StaffEventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys") view=StaffSurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys/:id/results") view=StaffSurveyResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys/:id/edit") view=StaffSurveyEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys/:id/pages/:page") view=SurveyPageEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys/:id/questions/:key") view=SurveyQuestionEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys/:id/preview") view=SurveyPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys/:id/toml") view=SurveyTomlPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/surveys/:id/paper") view=SurveyPaperPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/feedback") view=StaffFeedbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/search") view=StaffSearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/themes") view=StaffThemesPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/themes/suggestions") view=StaffSuggestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/themes/:id") view=StaffThemePage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/reports/:group") view=StaffReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/transparency") view=TransparencyPage ssr=SsrMode::Async/>
                    <Route path=path!("/timeline") view=TimelinePage ssr=SsrMode::Async/>
                    <Route path=path!("/faq") view=FaqPage ssr=SsrMode::Async/>
                    <Route path=path!("/accessibility") view=AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/faq") view=StaffFaqPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/faq/:id") view=StaffFaqEntryPage ssr=SsrMode::Async/>
                    <Route path=path!("/what-we-heard") view=WhatWeHeardPage ssr=SsrMode::Async/>
                    <Route path=path!("/what-we-heard/:slug") view=WhatWeHeardSectionPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/events/:id") view=StaffEventPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/events/:id/sign-in-sheet") view=StaffSignInSheetPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/moderation") view=StaffModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/contact") view=ContactPage ssr=SsrMode::Async/>
                    <Route path=path!("/contact/thanks") view=ContactThanksPage ssr=SsrMode::Async/>
                    <Route path=path!("/follow") view=FollowPage ssr=SsrMode::Async/>
                    <Route path=path!("/follow/check-email") view=FollowCheckEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/follow/confirm/:token") view=FollowConfirmPage ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/updates") view=UpdatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/updates/:id") view=UpdatePage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/updates") view=StaffUpdatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=StaffDashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sign-in/code") view=SecondFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sign-in/enrol") view=EnrolPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/password/:token") view=PasswordLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/account") view=MyAccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/accounts") view=StaffAccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/audit") view=StaffAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inquiries") view=StaffInquiriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inquiries/:id") view=StaffInquiryPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/outbox") view=StaffOutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/privacy-requests") view=StaffPrivacyRequestsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sections") view=StaffSectionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sections/:slug") view=StaffSectionEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sections/:slug/:code") view=StaffSectionTranslationPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sections/:slug/versions/:number") view=SectionChangesPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sections/:slug/versions/:number/:passage") view=SectionChangeEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/*any") view=NotFoundPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
