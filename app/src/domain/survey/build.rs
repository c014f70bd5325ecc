//! The survey builder's edits, one change per form post: pages, questions and options added,
//! edited, moved and removed. Each change gives a whole new definition or the field errors that
//! say why not; whether it breaks answers already given is checked by the caller.

pub use super::question_form::{QUESTION_TYPES, QuestionForm, options_of};
use super::question_form::{edited_question, kind_named, options_mut};
use super::{Choice, Condition, Question, QuestionKind, SurveyDefinition, SurveyPage};
use crate::error::FormErrors;

/// One change to a survey's pages and questions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    AddPage {
        title: String,
    },
    /// `condition` is "question=option", or empty for a page everyone sees.
    EditPage {
        page: usize,
        title: String,
        condition: String,
    },
    MovePage {
        page: usize,
        up: bool,
    },
    RemovePage {
        page: usize,
    },
    AddQuestion {
        page: usize,
        kind: String,
        prompt: String,
    },
    EditQuestion {
        key: String,
        form: QuestionForm,
    },
    /// Up and down within the page; past its first or last question, onto the next page.
    MoveQuestion {
        key: String,
        up: bool,
    },
    RemoveQuestion {
        key: String,
    },
    AddOption {
        key: String,
        label: String,
    },
    RenameOption {
        key: String,
        option: String,
        label: String,
    },
    MoveOption {
        key: String,
        option: String,
        up: bool,
    },
    RemoveOption {
        key: String,
        option: String,
    },
}

impl Change {
    /// The audit action recorded for the change.
    pub fn audit_action(&self) -> &'static str {
        match self {
            Change::AddPage { .. } => "survey.page_added",
            Change::EditPage { .. } => "survey.page_edited",
            Change::MovePage { .. } => "survey.page_moved",
            Change::RemovePage { .. } => "survey.page_removed",
            Change::AddQuestion { .. } => "survey.question_added",
            Change::EditQuestion { .. } => "survey.question_edited",
            Change::MoveQuestion { .. } => "survey.question_moved",
            Change::RemoveQuestion { .. } => "survey.question_removed",
            Change::AddOption { .. } => "survey.option_added",
            Change::RenameOption { .. } => "survey.option_edited",
            Change::MoveOption { .. } => "survey.option_moved",
            Change::RemoveOption { .. } => "survey.option_removed",
        }
    }
}

/// What the change touched, for the audit row and the anchor the editor returns to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touched {
    Page(usize),
    Question(String),
}

fn error(field: &str, message: &str) -> FormErrors {
    let mut errors = FormErrors::default();
    errors.add(field, message);
    errors
}

/// Lower-case ASCII words joined by single underscores, at most 40 characters; empty when the
/// text has no ASCII letters or digits (a prompt in Russian, say).
pub fn key_from(text: &str) -> String {
    let words: Vec<String> = text
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut key = String::new();
    for word in words {
        if key.len() + word.len() + 1 > 40 {
            break;
        }
        if !key.is_empty() {
            key.push('_');
        }
        key.push_str(&word);
    }
    if key.starts_with(|c: char| c.is_ascii_digit()) {
        key.insert_str(0, "q_");
    }
    key
}

/// `base`, or `base_2`, `base_3`... whichever is not taken.
fn unique(base: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { fallback } else { base };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|k| !taken(k))
        .unwrap_or_else(|| base.to_string())
}

/// Where a question sits: page index and position on the page.
fn locate(definition: &SurveyDefinition, key: &str) -> Option<(usize, usize)> {
    definition.pages.iter().enumerate().find_map(|(p, page)| {
        page.questions
            .iter()
            .position(|q| q.key == key)
            .map(|i| (p, i))
    })
}

fn question_mut<'a>(
    definition: &'a mut SurveyDefinition,
    key: &str,
) -> Result<&'a mut Question, FormErrors> {
    let (p, i) = locate(definition, key).ok_or_else(|| error("question", "builder.error.gone"))?;
    Ok(&mut definition.pages[p].questions[i])
}

/// The definition after `change`, and what it touched; or the field errors saying why not.
pub fn apply(
    definition: &SurveyDefinition,
    change: &Change,
) -> Result<(SurveyDefinition, Touched), FormErrors> {
    let mut next = definition.clone();
    let pages = next.pages.len();
    let touched = match change {
        Change::AddPage { title } => {
            let title = title.trim();
            if title.is_empty() || title.chars().count() > 200 {
                return Err(error("page_title", "builder.error.page_title"));
            }
            next.pages.push(SurveyPage {
                title: title.to_string(),
                show_if: None,
                questions: Vec::new(),
            });
            Touched::Page(pages)
        }
        Change::EditPage {
            page,
            title,
            condition,
        } => {
            let mut errors = FormErrors::default();
            errors.keep("title", title);
            errors.keep("condition", condition);
            let title = title.trim();
            if title.is_empty() || title.chars().count() > 200 {
                errors.add("title", "builder.error.page_title");
            }
            let show_if = match condition.split_once('=') {
                None if condition.trim().is_empty() => None,
                Some((question, equals)) => {
                    let earlier = definition.pages[..(*page).min(pages)]
                        .iter()
                        .flat_map(|p| p.questions.iter())
                        .find(|q| q.key == question && !q.closed);
                    if !earlier.is_some_and(|q| q.kind.choices().iter().any(|c| c.key == equals)) {
                        errors.add("condition", "builder.error.condition");
                    }
                    Some(Condition {
                        question: question.to_string(),
                        equals: equals.to_string(),
                    })
                }
                None => {
                    errors.add("condition", "builder.error.condition");
                    None
                }
            };
            let Some(target) = next.pages.get_mut(*page) else {
                return Err(error("title", "builder.error.gone"));
            };
            if !errors.is_empty() {
                return Err(errors);
            }
            target.title = title.to_string();
            target.show_if = show_if;
            Touched::Page(*page)
        }
        Change::MovePage { page, up } => {
            if *page >= pages {
                return Err(error("structure", "builder.error.gone"));
            }
            let other = if *up {
                page.checked_sub(1)
            } else {
                page.checked_add(1)
            };
            match other {
                Some(other) if other < pages && *page < pages => {
                    next.pages.swap(*page, other);
                    Touched::Page(other)
                }
                _ => Touched::Page(*page),
            }
        }
        Change::RemovePage { page } => {
            if *page >= pages {
                return Err(error("page", "builder.error.gone"));
            }
            if pages == 1 {
                return Err(error("page", "builder.error.last_page"));
            }
            next.pages.remove(*page);
            Touched::Page(page.saturating_sub(1))
        }
        Change::AddQuestion { page, kind, prompt } => {
            let mut errors = FormErrors::default();
            errors.keep("prompt", prompt);
            errors.keep("kind", kind);
            let prompt = prompt.trim();
            if prompt.is_empty() || prompt.chars().count() > 500 {
                errors.add("prompt", "builder.error.prompt");
            }
            let made = kind_named(kind.trim(), Vec::new());
            if made.is_none() {
                errors.add("kind", "builder.error.kind");
            }
            let (Some(made), true) = (made, errors.is_empty()) else {
                return Err(errors);
            };
            let key = unique(&key_from(prompt), "question", |k| {
                definition.question(k).is_some()
            });
            let Some(target) = next.pages.get_mut(*page) else {
                return Err(error("prompt", "builder.error.gone"));
            };
            target.questions.push(Question {
                key: key.clone(),
                prompt: prompt.to_string(),
                help: None,
                required: false,
                closed: false,
                kind: made,
            });
            Touched::Question(key)
        }
        Change::EditQuestion { key, form } => {
            let question = question_mut(&mut next, key)?;
            let edited = edited_question(question, form)?;
            let new_key = edited.key.clone();
            *question = edited;
            if new_key != *key {
                if definition.question(&new_key).is_some() {
                    let mut errors = form.keep();
                    errors.add("key", "builder.error.key_taken");
                    return Err(errors);
                }
                // Conditions follow the question they name.
                for page in &mut next.pages {
                    if let Some(condition) = &mut page.show_if
                        && condition.question == *key
                    {
                        condition.question = new_key.clone();
                    }
                }
            }
            Touched::Question(new_key)
        }
        Change::MoveQuestion { key, up } => {
            let (p, i) =
                locate(&next, key).ok_or_else(|| error("question", "builder.error.gone"))?;
            let last = next.pages[p].questions.len() - 1;
            match (*up, i) {
                (true, 0) if p > 0 => {
                    let question = next.pages[p].questions.remove(0);
                    next.pages[p - 1].questions.push(question);
                }
                (true, 0) => {}
                (true, _) => next.pages[p].questions.swap(i, i - 1),
                (false, i) if i == last && p + 1 < pages => {
                    let question = next.pages[p].questions.remove(i);
                    next.pages[p + 1].questions.insert(0, question);
                }
                (false, i) if i == last => {}
                (false, _) => next.pages[p].questions.swap(i, i + 1),
            }
            Touched::Question(key.clone())
        }
        Change::RemoveQuestion { key } => {
            let (p, i) =
                locate(&next, key).ok_or_else(|| error("question", "builder.error.gone"))?;
            next.pages[p].questions.remove(i);
            Touched::Page(p)
        }
        Change::AddOption { key, label } => {
            let label = label.trim();
            let question = question_mut(&mut next, key)?;
            let Some(options) = options_mut(&mut question.kind) else {
                return Err(error("label", "builder.error.no_options"));
            };
            if label.is_empty() || label.chars().count() > 200 {
                let mut errors = error("label", "builder.error.option_label");
                errors.keep("label", label);
                return Err(errors);
            }
            let option_key = unique(
                &key_from(label),
                &format!("option_{}", options.len() + 1),
                |k| options.iter().any(|o| o.key == k),
            );
            options.push(Choice {
                key: option_key,
                label: label.to_string(),
            });
            Touched::Question(key.clone())
        }
        Change::RenameOption { key, option, label } => {
            let label = label.trim();
            if label.is_empty() || label.chars().count() > 200 {
                let mut errors = error(&format!("option-{option}"), "builder.error.option_label");
                errors.keep(&format!("option-{option}"), label);
                return Err(errors);
            }
            let question = question_mut(&mut next, key)?;
            let found = options_mut(&mut question.kind)
                .and_then(|options| options.iter_mut().find(|o| o.key == *option))
                .ok_or_else(|| error("label", "builder.error.gone"))?;
            found.label = label.to_string();
            Touched::Question(key.clone())
        }
        Change::MoveOption { key, option, up } => {
            let question = question_mut(&mut next, key)?;
            if let Some(options) = options_mut(&mut question.kind)
                && let Some(i) = options.iter().position(|o| o.key == *option)
            {
                if *up && i > 0 {
                    options.swap(i, i - 1);
                } else if !*up && i + 1 < options.len() {
                    options.swap(i, i + 1);
                }
            }
            Touched::Question(key.clone())
        }
        Change::RemoveOption { key, option } => {
            let question = question_mut(&mut next, key)?;
            let Some(options) = options_mut(&mut question.kind) else {
                return Err(error("label", "builder.error.no_options"));
            };
            if options.len() <= 2 {
                return Err(error("label", "builder.error.two_options"));
            }
            options.retain(|o| o.key != *option);
            let left = options.len();
            // A limit past the options left would make the question impossible to answer.
            if let QuestionKind::MultipleChoice { min, max, .. } = &question.kind
                && (min.is_some_and(|m| m > left) || max.is_some_and(|m| m > left))
            {
                return Err(error("label", "builder.error.choice_limits"));
            }
            Touched::Question(key.clone())
        }
    };
    Ok((next, touched))
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
