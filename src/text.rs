//! Normalising what people type, the same way for the index and for the query.
//!
//! "Product-Manager", "product_managers", "PRODUCT MANAGER" and "prodüct manager" all become
//! the tokens `product manager`; a plural becomes its singular so "nurses" meets "nurse".

use std::borrow::Cow;

/// Splits text into normalised tokens: lowercase ASCII where the text is Latin (diacritics
/// dropped), punctuation, hyphens and underscores as separators, `&` as `and`, apostrophes
/// removed, each token singularised. Letters of other scripts are kept (lowercased) so such a
/// query simply matches nothing instead of being mangled into something it is not.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, |t| out.push(t.to_string()));
    out
}

/// [`tokens`] one at a time, without allocating each: for building indexes over tens of
/// thousands of names.
pub fn each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut count = 0;
    let mut cur = String::new();
    // The word as typed, to tell an abbreviation's plural ("RNs", "CNAs") from a word's.
    let mut typed = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' || c == '’' {
            // "worker's" → "worker", "RN's" → "rn"; "y'all" → "yall".
            if chars.peek().is_some_and(|n| *n == 's' || *n == 'S') {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek().is_none_or(|n| !n.is_alphanumeric()) {
                    chars.next();
                    flush(&mut cur, &mut typed, &mut count, &mut f);
                }
            }
            continue;
        }
        if c == '&' {
            flush(&mut cur, &mut typed, &mut count, &mut f);
            if count < MAX_TOKENS {
                f("and");
            }
            count += 1;
            continue;
        }
        if c.is_ascii() {
            // What the general path below does for ASCII, without `to_lowercase`'s iterator.
            if c.is_ascii_alphanumeric() {
                cur.push(c.to_ascii_lowercase());
                typed.push(c);
            } else {
                flush(&mut cur, &mut typed, &mut count, &mut f);
            }
        } else {
            // Lowercase first, then sort what that gives: a capital outside the Latin blocks
            // can lower to a letter inside them ("Ƛ" → "ƛ"), which must be read the same both
            // times.
            for l in c.to_lowercase() {
                if l.is_ascii_alphanumeric() {
                    cur.push(l);
                    typed.push(c);
                } else if is_latin_letter(l) {
                    for d in deunicode::deunicode_char(l).unwrap_or("").chars() {
                        if d.is_ascii_alphanumeric() {
                            cur.push(d.to_ascii_lowercase());
                            typed.push(d);
                        }
                    }
                } else if l.is_alphanumeric() {
                    cur.push(l);
                    typed.push(l);
                } else {
                    flush(&mut cur, &mut typed, &mut count, &mut f);
                }
            }
        }
        if count >= MAX_TOKENS {
            return;
        }
    }
    flush(&mut cur, &mut typed, &mut count, &mut f);
}

/// Emits the word read so far, if any: singular, or an abbreviation without its plural "s".
fn flush(cur: &mut String, typed: &mut String, count: &mut usize, f: &mut impl FnMut(&str)) {
    if !cur.is_empty() {
        // Bound the work on absurd input: nobody's job title has more than 64 words.
        if *count < MAX_TOKENS {
            if is_abbreviation_plural(typed) {
                f(&cur[..cur.len() - 1]);
            } else {
                f(&singular(cur));
            }
        }
        *count += 1;
        cur.clear();
    }
    typed.clear();
}

/// At most this many tokens are read from any text.
const MAX_TOKENS: usize = 64;

/// "RNs", "CNAs", "EMTs": two or more capitals and a small "s".
fn is_abbreviation_plural(typed: &str) -> bool {
    let b = typed.as_bytes();
    b.len() >= 3 && b[b.len() - 1] == b's' && b[..b.len() - 1].iter().all(u8::is_ascii_uppercase)
}

/// "1 change", "3 changes", "1,204 changes": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::format::thousands(n as u64),
        if n == 1 { one } else { many }
    )
}

/// Whether a job title names several people and takes a plural verb: its head noun (before
/// a comma or "of", "in", "for") ends in a plural "s" ("Data Engineers", "Heads of
/// Sales"), or it joins two ("Musicians and Singers"). "Chief Technology Officer",
/// "Business Analyst" and "Head of Sales" name one.
pub fn reads_plural(title: &str) -> bool {
    let head = title.split(',').next().unwrap_or("");
    let words: Vec<String> = head
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .take_while(|w| !matches!(w.as_str(), "of" | "in" | "for" | "at" | "to"))
        .collect();
    if words.iter().any(|w| w == "and" || w == "&") && words.len() > 2 {
        return true;
    }
    words.last().is_some_and(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() > 2
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
    })
}

/// Text safe to show anywhere: control characters (a terminal escape, a bell, a carriage
/// return) become U+FFFD, so text from an edit can never drive a terminal or break a line it
/// should not; line breaks are kept.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Latin letters with diacritics (Latin-1 Supplement, Latin Extended-A/B, Extended Additional).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// The normalised form of a whole phrase: its tokens joined by single spaces.
pub fn normalize(text: &str) -> String {
    tokens(text).join(" ")
}

/// A light English singulariser. It only has to map a plural and its singular to the same
/// form (it is applied to both sides of every comparison), not to produce real words.
pub fn singular(word: &str) -> Cow<'_, str> {
    let w = word;
    let n = w.len();
    if w == "men" || w == "women" {
        return Cow::Owned(w.replacen("men", "man", 1)); // "garbage men", "women" → "woman"
    }
    // "rns", "yrs", "nps": three letters with no vowel before the "s" are an abbreviation's
    // plural however they are typed.
    if n == 3 && w.ends_with('s') && !w[..2].contains(['a', 'e', 'i', 'o', 'u']) {
        return Cow::Borrowed(&w[..2]);
    }
    if n <= 3 || !w.is_ascii() {
        return Cow::Borrowed(w);
    }
    if let Some(stem) = w.strip_suffix("ies")
        && n > 4
    {
        return Cow::Owned(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("wives") {
        // midwives, housewives
        return Cow::Owned(format!("{stem}wife"));
    }
    if let Some(stem) = w.strip_suffix("men") {
        // firemen, salesmen, but not "specimen"-like words that end so in the singular.
        if n > 5 && !w.ends_with("imen") {
            return Cow::Owned(format!("{stem}man"));
        }
    }
    for suffix in ["sses", "ches", "shes", "xes", "zzes"] {
        if w.ends_with(suffix) {
            return Cow::Borrowed(&w[..n - 2]);
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return Cow::Borrowed(&w[..n - 1]);
    }
    Cow::Borrowed(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_punctuation_hyphens_and_underscores_vanish() {
        assert_eq!(normalize("Product-Manager"), "product manager");
        assert_eq!(normalize("product_manager"), "product manager");
        assert_eq!(normalize("  PRODUCT   manager!! "), "product manager");
    }

    #[test]
    fn plurals_meet_their_singular() {
        for (plural, single) in [
            ("nurses", "nurse"),
            ("secretaries", "secretary"),
            ("coaches", "coach"),
            ("firemen", "fireman"),
            ("analysts", "analyst"),
            ("midwives", "midwife"),
            ("rns", "rn"),
            ("yrs", "yr"),
        ] {
            assert_eq!(singular(plural), singular(single), "{plural}");
        }
        // Words that end in "s" in the singular stay as they are.
        for word in ["boss", "campus", "analysis", "address", "gas", "bus", "yes"] {
            assert_eq!(singular(word), word);
        }
    }

    #[test]
    fn diacritics_are_dropped_and_other_scripts_kept() {
        assert_eq!(normalize("Café Manager"), "cafe manager");
        assert_eq!(normalize("Électricien"), "electricien");
        assert_eq!(normalize("مهندس"), "مهندس");
        assert_eq!(normalize("👩‍⚕️"), "");
    }

    #[test]
    fn abbreviations_lose_their_plural() {
        assert_eq!(normalize("RNs"), "rn");
        assert_eq!(normalize("rn's"), "rn");
        assert_eq!(normalize("CNAs and LPNs"), "cna and lpn");
        assert_eq!(normalize("y'all"), "yall");
        assert_eq!(
            normalize("Bus"),
            "bus",
            "a capitalised word is not an abbreviation"
        );
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        // "Ƛ" (U+A7DC) lowers to "ƛ" (U+019B), which is in a Latin block.
        for s in ["Ƛ", "Ƛs", "ǅ", "İstanbul", "ΣΑΣ", "Straße", "RNs", "x's y"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s}");
        }
    }

    #[test]
    fn control_characters_never_reach_a_terminal() {
        assert_eq!(printable("Nurse"), "Nurse");
        assert_eq!(
            printable("a\u{1b}[31mred\u{7}\r\nb"),
            "a\u{fffd}[31mred\u{fffd}\u{fffd}\nb"
        );
    }

    #[test]
    fn ampersand_and_apostrophe() {
        assert_eq!(normalize("Hunters & Trappers"), "hunter and trapper");
        assert_eq!(normalize("Worker's Comp"), "worker comp");
        assert_eq!(normalize("Workers' Comp"), "worker comp");
    }
    #[test]
    fn titles_read_as_one_person_or_several() {
        for one in [
            "Chief Technology Officer",
            "Product Manager",
            "Business Analyst",
            "Head of Sales",
            "VP of Engineering",
            "Boss",
            "DevOps Engineer",
        ] {
            assert!(!super::reads_plural(one), "{one}");
        }
        for many in [
            "Registered Nurses",
            "Musicians and Singers",
            "Heads of Sales",
            "Cooks, Fast Food",
            "Data Engineers",
        ] {
            assert!(super::reads_plural(many), "{many}");
        }
    }
}
