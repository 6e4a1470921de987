//! A question split into words, each normalised the way names are (so a span of words can
//! be looked up in the name indexes as it stands), with what the raw text says around it:
//! capitals ("TX"), sentence and comma boundaries, numbers, a dollar sign.

use crate::text;

/// At most this many words are read; a Discord message rarely has more, and the work on a
/// question grows with it.
pub const MAX_WORDS: usize = 160;

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Normalised like an indexed name: lowercase ASCII, singular ("nurses" → "nurse").
    pub norm: String,
    /// Typed in capitals, two letters or more ("TX", "NYC", "SRE").
    pub upper: bool,
    /// Which sentence it is in: `.`, `?`, `!`, `;` and line breaks end one.
    pub sentence: u16,
    /// A comma, colon or dash stands between this word and the one before.
    pub pause_before: bool,
    /// Made of digits ("2025", "150k", "18"): never part of a career or place name here.
    pub number: bool,
    /// The whitespace-separated piece of the question it came from (`Words::chunks`).
    pub chunk: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Words {
    pub words: Vec<Word>,
    /// The question's pieces as typed, punctuation trimmed from their ends.
    pub chunks: Vec<String>,
    /// A `$` anywhere ("how much $$"): money is being asked about.
    pub dollar: bool,
    /// A question mark anywhere.
    pub question_mark: bool,
    /// Per sentence: whether it ends with a question mark.
    pub asking: Vec<bool>,
}

impl Words {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence of word `i` ends with a question mark.
    pub fn asks_at(&self, i: usize) -> bool {
        self.asking
            .get(self.words[i].sentence as usize)
            .copied()
            .unwrap_or(false)
    }

    pub fn norm(&self, i: usize) -> &str {
        &self.words[i].norm
    }

    /// The normalised words from `start` to `end`, joined by spaces.
    pub fn text(&self, start: usize, end: usize) -> String {
        self.words[start..end]
            .iter()
            .map(|w| w.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The words from `start` to `end` as they were typed ("pro esports player").
    pub fn typed(&self, start: usize, end: usize) -> String {
        let mut out: Vec<&str> = Vec::new();
        let mut last = None;
        for w in &self.words[start..end] {
            if last != Some(w.chunk) {
                out.push(&self.chunks[w.chunk]);
                last = Some(w.chunk);
            }
        }
        out.join(" ")
    }

    /// Whether a sentence boundary lies inside `start..end`.
    pub fn crosses_sentence(&self, start: usize, end: usize) -> bool {
        end > start + 1 && self.words[start].sentence != self.words[end - 1].sentence
    }
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | ';' | '\n' | '…' | '¿' | '¡')
}

fn pause(c: char) -> bool {
    matches!(c, ',' | ':' | '—' | '–' | '(' | ')' | '/')
}

/// Splits a question into words. Control characters, emoji and other symbols separate words
/// and are otherwise dropped.
pub fn split(question: &str) -> Words {
    let mut out = Words::default();
    let mut sentence: u16 = 0;
    let mut pause_pending = false;
    for chunk in question.split(|c: char| c.is_whitespace() || c.is_control()) {
        if out.words.len() >= MAX_WORDS {
            break;
        }
        if chunk.is_empty() {
            continue;
        }
        if chunk.contains('$') {
            out.dollar = true;
        }
        if chunk.contains(['?', '¿']) {
            out.question_mark = true;
        }
        // A lone dash between words is a pause ("hvac vs electrician - which…").
        if chunk.chars().all(|c| matches!(c, '-' | '—' | '–')) {
            pause_pending = true;
            continue;
        }
        // Capitals, allowing an abbreviation's plural ("RNs").
        let mut letters: Vec<char> = chunk.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 3 && letters.last() == Some(&'s') {
            letters.pop();
        }
        let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let leading_pause = chunk.starts_with(pause);
        let id = out.chunks.len();
        out.chunks.push(
            chunk
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string(),
        );
        for (k, norm) in text::tokens(chunk).into_iter().enumerate() {
            if out.words.len() >= MAX_WORDS {
                break;
            }
            let number = norm.chars().any(|c| c.is_ascii_digit());
            out.words.push(Word {
                upper,
                sentence,
                pause_before: k == 0 && (pause_pending || leading_pause),
                number,
                chunk: id,
                norm,
            });
            pause_pending = false;
        }
        let last = chunk.chars().last().unwrap_or(' ');
        // "sales engineers... do they sell": trailing dots in chat are a pause, not an end.
        let trailing_dots = chunk.ends_with("..") || chunk.ends_with('…');
        if trailing_dots {
            pause_pending = true;
        } else if chunk.chars().rev().take(3).any(ends_sentence)
            && (chunk.contains(['?', '!']) || !is_abbreviation(chunk))
        {
            out.asking.resize(sentence as usize + 1, false);
            out.asking[sentence as usize] = chunk.contains(['?', '¿']);
            sentence = sentence.saturating_add(1);
        } else if pause(last) || chunk.ends_with(" -") {
            pause_pending = true;
        }
    }
    // A sentence put as a question without its question mark ("what do data engineers
    // actually build", "how does this bot work") asks too: chat often drops the mark.
    let sentences = out.words.last().map_or(0, |w| w.sentence as usize + 1);
    out.asking.resize(sentences.max(out.asking.len()), false);
    for (i, w) in out.words.iter().enumerate() {
        let first = i == 0 || out.words[i - 1].sentence != w.sentence;
        if first && QUESTION_WORDS.contains(&w.norm.as_str()) {
            out.asking[w.sentence as usize] = true;
        }
    }
    out
}

/// Words a question starts with.
const QUESTION_WORDS: &[&str] = &[
    "what", "whats", "how", "hows", "which", "where", "why", "who", "whos", "when", "should",
    "can", "could", "do", "doe", "does", "is", "are", "will", "would", "wtf",
];

/// "d.c.", "st." and "u.s." end in a full stop without ending a sentence.
fn is_abbreviation(chunk: &str) -> bool {
    let c = chunk.to_ascii_lowercase();
    let bare = c.trim_end_matches(['?', '!', ',']);
    [
        "d.c.", "st.", "u.s.", "mt.", "ft.", "jr.", "dr.", "vs.", "v.",
    ]
    .contains(&bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(w: &Words) -> Vec<&str> {
        w.words.iter().map(|w| w.norm.as_str()).collect()
    }

    #[test]
    fn words_are_normalised_like_names() {
        let w = split("How much do RNs make in the U.S.? Asking 4 a friend 😅");
        assert_eq!(
            norms(&w),
            [
                "how", "much", "do", "rn", "make", "in", "the", "u", "s", "asking", "4", "a",
                "friend"
            ]
        );
        assert!(w.words[3].upper, "RNs is typed in capitals");
        assert_eq!(w.words[8].sentence, 0);
        assert_eq!(
            w.words[9].sentence, 1,
            "the question mark ends the sentence"
        );
        assert!(w.words[10].number);
    }

    #[test]
    fn pauses_and_dollars_are_kept() {
        let w = split("hvac vs electrician - which pays more $$, really");
        assert!(w.dollar);
        let which = w.words.iter().position(|w| w.norm == "which").unwrap();
        assert!(w.words[which].pause_before);
        let really = w.words.iter().position(|w| w.norm == "really").unwrap();
        assert!(w.words[really].pause_before);
    }

    #[test]
    fn the_work_is_bounded() {
        let long = "nurse ".repeat(10_000);
        assert_eq!(split(&long).len(), MAX_WORDS);
        assert_eq!(split("").len(), 0);
        assert_eq!(split("🙂 \u{202e} \u{0}").len(), 0);
    }
}
