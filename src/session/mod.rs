//! Sessions: one respondent's answers, context and bottleneck ratings, loaded from and saved to YAML.
//!
//! The file is the user's: an answer for a question the questionnaire lacks is kept (and warned
//! about by the report), never dropped, and saving writes back everything that was read.

mod answer;
mod fields;
mod model;
mod read;

pub use answer::{Answer, AnswerEntry, Reported};
pub use answer::{EPSILON, Trend, consensus, credit, reaches, room_does_not_know};
pub(crate) use read::relative_path;
pub use read::{load, parse, save};

pub use model::*;

#[cfg(test)]
mod tests;
