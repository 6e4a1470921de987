//! The words a question is made of besides its careers and places: what each says about what
//! is asked (a cue, with a weight), or that it says nothing (filler).
//!
//! Words are stored normalised like names (`text::normalize`: lowercase, singular), so
//! "salaries", "Salary" and "salary" are one entry. A word that is also part of job titles
//! ("compensation analyst", "school bus driver", "security guard") is still a cue here: the
//! names are found first, and only the words no name took are read as cues.

use crate::text;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a word points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cue {
    Salary,
    Outlook,
    Education,
    Duties,
    Related,
    Profile,
    Compare,
    /// "where", "which state", "best city": places ranked.
    Ranking,
    /// "most", "highest", "best", "top".
    High,
    /// "least", "lowest", "worst".
    Low,
    About,
    Help,
    /// Asking for someone to do a job ("need a plumber asap"), not about a career.
    Service,
    /// "vs", "versus": two careers side by side.
    Versus,
    /// A word that introduces a place: "in", "near", "around", "from".
    PlacePrep,
}

#[derive(Debug, Default, Clone)]
pub struct Entry {
    /// Says nothing about what is asked.
    pub filler: bool,
    /// An article, preposition, pronoun or auxiliary: never the first or last word of a name.
    pub function: bool,
    pub cues: Vec<(Cue, f32)>,
}

impl Entry {
    pub fn cue(&self, c: Cue) -> f32 {
        self.cues
            .iter()
            .filter(|(k, _)| *k == c)
            .map(|(_, w)| *w)
            .sum()
    }
}

/// Articles, prepositions, pronouns and auxiliaries.
const FUNCTION: &str = "a an the of for to in at on as with and or but so if than is are am was were be been being \
    do does did i im me my you your we us our they them their it its this that these those there what whats how who which \
    where when why can could would should will just by from into out up without within give want \
    away neither either nor both recommend against";

/// Words that carry no meaning of their own in a question.
const FILLER: &str = "a an the of for to in at on as with and or but so if then than is are am was were be been being \
    do does did done doing doe i im ive id me my mine myself you your youre ya u ur we us our they them their he she his her him \
    it its itll that thats this these those there theres here what whats how hows who whos which where wheres when why \
    can could would should will wont shall may might must just really actually even still also too very pretty kinda sorta \
    kind sort any anyone anybody someone somebody some something anything every everyone all about please pls plz \
    hey hi hello yo sup hiya heya guys folks yall quick q question asking ask wondering wonder \
    thanks thank thx ty lol lmao lmfao haha hahaha tbh ngl idk imo imho fr btw ok okay um uh hmm genuinely honestly \
    seriously friend bro dude get got getting have has had having know think thinking thought want wanna gonna gotta \
    working worked started starting \
    not no yes yeah yep nah nope now today currently these days nowadays lately typical typically \
    usually generally normal normally decent real realistically exactly irl per year yr month week same \
    rolecall bot someone one ones people person guy gal folk like need needs needed go going into out up \
    back just new old currently around sure say says said tell told me mean different other than also another much many \
    find use pick choose decide consider considering try trying look looking see feel love hate enjoy live living stay \
    leave quit burnt burned burnout sick tired stressed stress happy long short big small \
    high low lot lots bit little right wrong true false thing things stuff way ways time times life day days night \
    weekend mid level senior junior entry experience experienced skill skills background older young age yo kid kids \
    family mom dad parent parents wife husband cousin uncle aunt sister brother son daughter friends \
    by also first last next ever never always again why because since while after before until into onto over under \
    then only lot else everywhere anywhere somewhere nowhere here trade trades gig gigs abt \
    moving take takes taking current main";

/// (words, cue, weight). Weights: 3 a word that says it alone, 2 a strong hint, 1 a hint.
const CUES: &[(&str, Cue, f32)] = &[
    (
        "salary salaries salery sallary paid wage wages income compensation comp paycheck pay",
        Cue::Salary,
        3.5,
    ),
    (
        "make makes making made earn earns earning earnings money tc rate hourly paying",
        Cue::Salary,
        2.0,
    ),
    (
        "annual annually yearly hour hours starting bank raise bonus lowball lowballing offer \
         median average avg mean gross ballpark compensated figures",
        Cue::Salary,
        1.0,
    ),
    ("demand supply outlook", Cue::Outlook, 4.0),
    (
        "growing growth shortage oversaturated saturated saturation dying obsolete replace \
         replaced replacing replacement automation automated automate disappearing disappear \
         vanish prospects projection projections projected openings layoffs extinct anymore cooked",
        Cue::Outlook,
        3.0,
    ),
    (
        "future grow hiring market security employment",
        Cue::Outlook,
        2.0,
    ),
    ("forecast unemployment", Cue::Outlook, 3.0),
    (
        "hired needed stable stability trend trends recession proof robots robot enough secure \
         bubble collapse safe",
        Cue::Outlook,
        2.0,
    ),
    ("ai chatgpt hot kill", Cue::Outlook, 1.0),
    ("exist", Cue::Outlook, 1.0),
    (
        "degree degrees school schooling college university masters bachelor bachelors doctorate phd \
         certificate certification certifications cert certs license licensing licensure training \
         certified licensed \
         apprenticeship requirements requirement qualifications education diploma bootcamp prereqs \
         prerequisites exam exams",
        Cue::Education,
        3.0,
    ),
    (
        "major study studies educational course courses program programs apprentice qualified required \
         train",
        Cue::Education,
        2.0,
    ),
    ("become becoming learn path", Cue::Education, 1.0),
    (
        "duties duty responsibilities responsibility tasks task involve involves involved entail \
         entails",
        Cue::Duties,
        3.0,
    ),
    (
        "daily routine everyday perform performs spend spends workday",
        Cue::Duties,
        2.0,
    ),
    ("responsible", Cue::Duties, 3.0),
    ("description handle shift", Cue::Duties, 1.0),
    (
        "similar related alternative alternatives adjacent pivot switch",
        Cue::Related,
        3.0,
    ),
    (
        "instead besides else change former ideas options suggestions ex transferable transition \
         outside comparable overlap overlaps closest",
        Cue::Related,
        2.0,
    ),
    ("move leaving", Cue::Related, 1.0),
    (
        "info information overview rundown profile worth thoughts advice details interested \
         pros cons balance lifestyle culture environment conditions lowdown scoop talk curious basics \
         suit reality realities",
        Cue::Profile,
        2.0,
    ),
    (
        "boring stressful fun fulfilling rewarding hard difficult easy dangerous safe satisfying \
         exciting demanding respected prestigious toxic choice describe explain legit dumb stupid \
         crazy smart wise fit great deathtrap",
        Cue::Profile,
        1.5,
    ),
    ("career careers good bad like deal life", Cue::Profile, 1.0),
    (
        "job jobs field role roles work profession occupation vocation industry position title \
         opportunity opportunities line",
        Cue::Profile,
        0.5,
    ),
    (
        "compare comparison difference differences between",
        Cue::Compare,
        3.0,
    ),
    ("torn", Cue::Compare, 2.0),
    ("stack", Cue::Compare, 3.0),
    ("better more less which who", Cue::Compare, 1.0),
    ("vs versus v", Cue::Versus, 3.0),
    (
        "where state states city cities metro metros place places area areas region",
        Cue::Ranking,
        1.0,
    ),
    (
        "most highest best top ranking ranked rank more better",
        Cue::High,
        1.0,
    ),
    ("least lowest worst", Cue::Low, 1.0),
    (
        "source sources data numbers credit credits bls onet updated",
        Cue::About,
        2.0,
    ),
    ("help commands command usage examples", Cue::Help, 3.0),
    (
        "recommendation hire asap urgent emergency fix fixing broken leak leaking flooding \
         flooded repair movie film song lyrics book novel episode series character meme joke \
         pun riddle knock headline strike win bowl playoff team season",
        Cue::Service,
        3.0,
    ),
    ("in near around from based", Cue::PlacePrep, 1.0),
];

static LEXICON: LazyLock<HashMap<String, Entry>> = LazyLock::new(|| {
    let mut map: HashMap<String, Entry> = HashMap::new();
    for w in FUNCTION.split_whitespace() {
        for t in text::tokens(w) {
            let e = map.entry(t).or_default();
            e.function = true;
            e.filler = true;
        }
    }
    for w in FILLER.split_whitespace() {
        for t in text::tokens(w) {
            map.entry(t).or_default().filler = true;
        }
    }
    for (words, cue, weight) in CUES {
        for w in words.split_whitespace() {
            for t in text::tokens(w) {
                // "degree" and "degrees" are one entry: a cue counts once, at its weight.
                let cues = &mut map.entry(t).or_default().cues;
                match cues.iter_mut().find(|(c, _)| c == cue) {
                    Some((_, w)) => *w = w.max(*weight),
                    None => cues.push((*cue, *weight)),
                }
            }
        }
    }
    map
});

/// What a normalised word is in a question, if it is one of the question's own words.
pub fn entry(word: &str) -> Option<&'static Entry> {
    LEXICON.get(word)
}

/// Whether a word belongs to the question rather than to a career or place name.
pub fn is_known(word: &str) -> bool {
    LEXICON.contains_key(word)
}

/// An article, preposition, pronoun or auxiliary (see [`Entry::function`]).
pub fn is_function(word: &str) -> bool {
    LEXICON.get(word).is_some_and(|e| e.function)
}

/// A cue word misspelt ("salery", "responsibilites"): the closest lexicon word within one
/// edit, for words of five letters or more. Only words with a cue are candidates; the lexicon
/// is small, so this is a short scan.
pub fn correct(word: &str) -> Option<&'static str> {
    if word.len() < 6 || !word.is_ascii() {
        return None;
    }
    static CUE_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut v: Vec<&'static str> = LEXICON
            .iter()
            .filter(|(k, e)| !e.cues.is_empty() && k.len() >= 4)
            .map(|(k, _)| k.as_str())
            .collect();
        v.sort_unstable();
        v
    });
    // A misspelling keeps its first letter ("stitch" is not "switch").
    CUE_WORDS
        .iter()
        .copied()
        .filter(|w| w.len().abs_diff(word.len()) <= 1 && w.as_bytes()[0] == word.as_bytes()[0])
        // "grown" is not a misspelt "grow": an inflection is another word.
        .filter(|w| !w.starts_with(word) && !word.starts_with(w))
        .find(|w| strsim::damerau_levenshtein(w, word) == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_word_meet_in_one_entry() {
        assert!(entry("salary").unwrap().cue(Cue::Salary) > 0.0);
        assert!(
            entry(&text::normalize("Salaries"))
                .unwrap()
                .cue(Cue::Salary)
                > 0.0
        );
        assert!(entry(&text::normalize("does")).unwrap().filler);
        assert!(is_function("the"));
        assert!(!is_function("salary"));
        assert!(!is_function("life"), "life coach");
        assert!(!is_known("plumber"));
    }

    #[test]
    fn misspelt_cues_are_read() {
        assert_eq!(correct("salery"), Some("salary"));
        assert_eq!(correct("outlok"), Some("outlook"));
        assert_eq!(correct("plumber"), None);
        assert_eq!(correct("pay"), None, "short words are never corrected");
    }
}
