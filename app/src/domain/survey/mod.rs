//! Surveys: pages of typed questions, pages shown only when an earlier answer matches, and the
//! checks every answer goes through on the server (forged options are errors, not crashes).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every answer of a response, by question key; choices hold option keys (a ranking holds them in
/// rank order), texts and numbers hold one string. "Other (please specify)" text is under
/// `<key>__other`.
pub type Answers = BTreeMap<String, Vec<String>>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice {
        options: Vec<Choice>,
        #[serde(default)]
        other: bool,
    },
    MultipleChoice {
        options: Vec<Choice>,
        #[serde(default)]
        other: bool,
        #[serde(default)]
        min: Option<usize>,
        #[serde(default)]
        max: Option<usize>,
    },
    Dropdown {
        options: Vec<Choice>,
    },
    Rating {
        min: i32,
        max: i32,
        min_label: String,
        max_label: String,
    },
    YesNo,
    ShortText {
        #[serde(default = "short_text_limit")]
        max_chars: usize,
    },
    LongText {
        #[serde(default = "long_text_limit")]
        max_chars: usize,
    },
    Number {
        #[serde(default)]
        min: Option<i64>,
        #[serde(default)]
        max: Option<i64>,
    },
    Zip,
    Ranking {
        options: Vec<Choice>,
    },
}

fn short_text_limit() -> usize {
    200
}

fn long_text_limit() -> usize {
    2_000
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::SingleChoice { .. } => "single_choice",
            QuestionKind::MultipleChoice { .. } => "multiple_choice",
            QuestionKind::Dropdown { .. } => "dropdown",
            QuestionKind::Rating { .. } => "rating",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::ShortText { .. } => "short_text",
            QuestionKind::LongText { .. } => "long_text",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Zip => "zip",
            QuestionKind::Ranking { .. } => "ranking",
        }
    }

    /// The fixed choices of the question (yes/no and rating points included), if it has any.
    pub fn choices(&self) -> Vec<Choice> {
        match self {
            QuestionKind::SingleChoice { options, .. }
            | QuestionKind::MultipleChoice { options, .. }
            | QuestionKind::Dropdown { options }
            | QuestionKind::Ranking { options } => options.clone(),
            QuestionKind::YesNo => vec![
                Choice {
                    key: "yes".into(),
                    label: "Yes".into(),
                },
                Choice {
                    key: "no".into(),
                    label: "No".into(),
                },
            ],
            QuestionKind::Rating { min, max, .. } => (*min..=*max)
                .map(|n| Choice {
                    key: n.to_string(),
                    label: n.to_string(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn has_other(&self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice { other: true, .. }
                | QuestionKind::MultipleChoice { other: true, .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub prompt: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// Closed questions keep their answers but are no longer asked.
    #[serde(default)]
    pub closed: bool,
    #[serde(flatten)]
    pub kind: QuestionKind,
}

/// A page is shown only when the answer to `question` includes `equals`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub equals: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyPage {
    pub title: String,
    #[serde(default)]
    pub show_if: Option<Condition>,
    pub questions: Vec<Question>,
}

/// The pages with every word a reader sees taken out: what a translation must keep identical
/// (keys, types, options, limits, conditions), so answers merge across languages.
fn shape(pages: &[SurveyPage]) -> Vec<SurveyPage> {
    let blank = |choices: &mut Vec<Choice>| choices.iter_mut().for_each(|c| c.label.clear());
    pages
        .iter()
        .cloned()
        .map(|mut page| {
            page.title.clear();
            for question in &mut page.questions {
                question.prompt.clear();
                question.help = None;
                match &mut question.kind {
                    QuestionKind::SingleChoice { options, .. }
                    | QuestionKind::MultipleChoice { options, .. }
                    | QuestionKind::Dropdown { options }
                    | QuestionKind::Ranking { options } => blank(options),
                    QuestionKind::Rating {
                        min_label,
                        max_label,
                        ..
                    } => {
                        min_label.clear();
                        max_label.clear();
                    }
                    _ => {}
                }
            }
            page
        })
        .collect()
}

/// Whether `translated` asks the same questions as `english`, only in other words.
pub fn same_questions(english: &[SurveyPage], translated: &[SurveyPage]) -> bool {
    shape(english) == shape(translated)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDefinition {
    pub pages: Vec<SurveyPage>,
    /// Community identities offered on the closing "about you" page (the consultation's list).
    #[serde(default)]
    pub identities: Vec<Choice>,
}

/// The value posted for "other" when a choice question's "Other (please specify)" is picked.
pub const OTHER: &str = "__other";

/// The key of a question's "Other (please specify)" text in `Answers`.
pub fn other_key(question: &str) -> String {
    format!("{question}__other")
}

impl SurveyDefinition {
    /// Whether page `index` is shown, given the answers so far.
    pub fn page_shown(&self, index: usize, answers: &Answers) -> bool {
        match self.pages.get(index).and_then(|p| p.show_if.as_ref()) {
            None => self.pages.get(index).is_some(),
            Some(condition) => answers
                .get(&condition.question)
                .is_some_and(|given| given.contains(&condition.equals)),
        }
    }

    /// The next shown page after `index`, or `None` past the last question page.
    pub fn next_page(&self, index: usize, answers: &Answers) -> Option<usize> {
        (index + 1..self.pages.len()).find(|&i| self.page_shown(i, answers))
    }

    /// The shown page before `index`, if any.
    pub fn previous_page(&self, index: usize, answers: &Answers) -> Option<usize> {
        (0..index.min(self.pages.len()))
            .rev()
            .find(|&i| self.page_shown(i, answers))
    }

    /// The first shown page.
    pub fn first_page(&self, answers: &Answers) -> Option<usize> {
        (0..self.pages.len()).find(|&i| self.page_shown(i, answers))
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.pages
            .iter()
            .flat_map(|p| p.questions.iter())
            .find(|q| q.key == key)
    }

    /// Problems that make a definition unusable: duplicate keys, empty option lists, conditions
    /// on later or unknown questions. Empty when it is fine.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (index, page) in self.pages.iter().enumerate() {
            if let Some(condition) = &page.show_if {
                let earlier = self.pages[..index]
                    .iter()
                    .flat_map(|p| p.questions.iter())
                    .find(|q| q.key == condition.question);
                match earlier {
                    None => problems.push(format!(
                        "page {}: the condition names {}, which is not an earlier question",
                        index + 1,
                        condition.question
                    )),
                    // A closed question is no longer asked, so the page would never show.
                    Some(q) if q.closed => problems.push(format!(
                        "page {}: the condition names {}, which is closed",
                        index + 1,
                        q.key
                    )),
                    Some(q) if !q.kind.choices().iter().any(|c| c.key == condition.equals) => {
                        problems.push(format!(
                            "page {}: {} has no option {}",
                            index + 1,
                            q.key,
                            condition.equals
                        ))
                    }
                    Some(_) => {}
                }
            }
            for question in &page.questions {
                let key = question.key.as_str();
                if key.is_empty()
                    || !key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    || key.contains("__")
                {
                    problems.push(format!(
                        "{key}: a question key holds lower-case letters, digits and single underscores"
                    ));
                }
                if seen.contains(&key) {
                    problems.push(format!("{key}: the key is used twice"));
                }
                seen.push(key);
                let options = question.kind.choices();
                let needs_options = matches!(
                    question.kind,
                    QuestionKind::SingleChoice { .. }
                        | QuestionKind::MultipleChoice { .. }
                        | QuestionKind::Dropdown { .. }
                        | QuestionKind::Ranking { .. }
                );
                if needs_options && options.len() < 2 {
                    problems.push(format!(
                        "{key}: a choice question needs two options or more"
                    ));
                }
                if let QuestionKind::Rating { min, max, .. } = question.kind
                    && !(min < max && max - min <= 10)
                {
                    problems.push(format!(
                        "{key}: a scale runs from a lower to a higher number, 11 points at most"
                    ));
                }
            }
        }
        problems
    }
}

pub mod build;
mod check;
mod question_form;

pub use check::{
    PagePost, check_page, field_name, keep_page, kept_option_key, kept_rank_key, kept_value_key,
};
