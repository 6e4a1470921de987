//! What a question asks, read from the words its careers and places leave over: each cue
//! word adds to an intent's score, a few word patterns add more ("how much", "what does … do",
//! "what else"), and the interpretation as a whole must explain the question well enough.
//! Below that, nothing is invented: the answer says what can be asked.

use super::lexicon::{self, Cue};
use super::mentions::{self, Mention, Strength, What};
use super::words::Words;

/// What was read, before any name is resolved to a career.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    Ask {
        ask: Ask,
        /// What to resolve for each career, in the order asked.
        roles: Vec<String>,
        /// The place's area code, or the words to ask back about when they could mean several.
        place: Option<String>,
        /// A place typed differently from its name ("texs").
        place_corrected: bool,
    },
    About,
    Help,
    /// Not a career question, or not one this can read.
    NotUnderstood,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Salary,
    Compare,
    Responsibilities,
    Related,
    Education,
    Career,
    Outlook,
    TopPlaces { lowest: bool },
}

/// An intent cue must add up to this to decide what is asked.
const DECIDES: f32 = 2.0;

#[derive(Clone, Debug)]
struct Scores {
    salary: f32,
    outlook: f32,
    education: f32,
    duties: f32,
    related: f32,
    profile: f32,
    compare: f32,
    ranking_place: f32,
    ranking_where: f32,
    high: f32,
    low: f32,
    about: f32,
    help: f32,
    service: f32,
}

impl Scores {
    /// Scales what was added since `before` by `k`.
    fn scale_since(&mut self, before: &Scores, k: f32) {
        let pairs: [(&mut f32, f32); 14] = [
            (&mut self.salary, before.salary),
            (&mut self.outlook, before.outlook),
            (&mut self.education, before.education),
            (&mut self.duties, before.duties),
            (&mut self.related, before.related),
            (&mut self.profile, before.profile),
            (&mut self.compare, before.compare),
            (&mut self.ranking_place, before.ranking_place),
            (&mut self.ranking_where, before.ranking_where),
            (&mut self.high, before.high),
            (&mut self.low, before.low),
            (&mut self.about, before.about),
            (&mut self.help, before.help),
            (&mut self.service, before.service),
        ];
        for (now, was) in pairs {
            *now = was + (*now - was) * k;
        }
    }
}

fn has(words: &Words, i: usize, w: &str) -> bool {
    i < words.len() && words.norm(i) == w
}

/// Cues in another sentence than the career's count for less: "sonographer salary in san
/// diego? thinking about the program at my community college" asks about pay.
const OTHER_SENTENCE: f32 = 0.6;

fn score(words: &Words, taken: &[bool], role: Option<&Mention>, focus: Option<u16>) -> Scores {
    let mut s = Scores {
        salary: 0.0,
        outlook: 0.0,
        education: 0.0,
        duties: 0.0,
        related: 0.0,
        profile: 0.0,
        compare: 0.0,
        ranking_place: 0.0,
        ranking_where: 0.0,
        high: 0.0,
        low: 0.0,
        about: 0.0,
        help: 0.0,
        service: 0.0,
    };
    if words.dollar {
        s.salary += 2.0;
    }
    let n = words.len();
    for i in (0..n).filter(|&i| !taken[i]) {
        let w = words.norm(i);
        let entry = lexicon::entry(w).or_else(|| lexicon::correct(w).and_then(lexicon::entry));
        let k = match focus {
            Some(f) if words.words[i].sentence != f && !words.asks_at(i) => OTHER_SENTENCE,
            _ => 1.0,
        };
        let before = s.clone();
        if let Some(e) = entry {
            s.salary += e.cue(Cue::Salary);
            s.outlook += e.cue(Cue::Outlook);
            s.education += e.cue(Cue::Education);
            s.duties += e.cue(Cue::Duties);
            s.related += e.cue(Cue::Related);
            s.profile += e.cue(Cue::Profile);
            s.compare += e.cue(Cue::Compare) + e.cue(Cue::Versus);
            s.about += e.cue(Cue::About);
            s.help += e.cue(Cue::Help);
            s.service += e.cue(Cue::Service);
            s.high += e.cue(Cue::High);
            s.low += e.cue(Cue::Low);
            if e.cue(Cue::Ranking) > 0.0 {
                if w == "where" {
                    s.ranking_where += 1.0;
                } else {
                    s.ranking_place += 1.0;
                }
            }
        }
        if words.words[i].number && w.ends_with('k') {
            s.salary += 1.0; // "150k"
        }
        let next = |k: usize| (i + k < n).then(|| words.norm(i + k));
        // "a good long term move", "a solid career choice": the career judged as a choice.
        if matches!(
            w,
            "good"
                | "smart"
                | "right"
                | "wise"
                | "bad"
                | "solid"
                | "legit"
                | "decent"
                | "great"
                | "realistic"
                | "viable"
        ) && let Some(x) = (i + 1..(i + 4).min(n)).map(|j| words.norm(j)).find(|x| {
            [
                "move",
                "choice",
                "idea",
                "fit",
                "option",
                "path",
                "decision",
                "pick",
                "trade",
                "career",
                "job",
                "field",
                "profession",
                "industry",
                "gig",
            ]
            .contains(x)
        }) {
            s.profile += 2.0;
            s.related -= lexicon::entry(x).map_or(0.0, |e| e.cue(Cue::Related));
        }
        match (w, next(1), next(2)) {
            ("how", Some("much"), _) => s.salary += 2.0,
            // "how long is dental hygiene school"; not "how long do i cook rice for".
            ("how", Some("long"), _)
            | ("how", Some("many"), Some("year" | "yr" | "hour" | "month"))
                if (i + 2..n)
                    .take_while(|&j| words.words[j].sentence == words.words[i].sentence)
                    .any(|j| {
                        lexicon::entry(words.norm(j)).is_some_and(|e| e.cue(Cue::Education) > 0.0)
                            || matches!(words.norm(j), "take" | "school" | "year" | "yr")
                    }) =>
            {
                s.education += 2.0
            }
            ("what", Some("can" | "could" | "else"), Some("i" | "you" | "someone"))
                if (i + 3..(i + 6).min(n)).any(|j| words.norm(j) == "with") =>
            {
                s.related += 3.0
            }
            ("what", Some("else"), _) => s.related += 2.0,
            ("other", Some(x), _)
                if [
                    "job", "career", "role", "option", "field", "work", "thing", "path", "position",
                ]
                .contains(&x) =>
            {
                s.related += 4.0
            }
            ("it", Some("like"), _) | ("it", Some(_), Some("like")) => s.profile += 2.0,
            ("actual" | "real", Some("job" | "work"), _) => s.duties += 2.0,
            ("as", Some("a"), Some("career" | "job" | "profession" | "living")) => s.profile += 2.0,
            ("what", Some("the"), Some("job" | "work" | "role")) => s.duties += 2.0,
            ("describe", Some("the" | "their" | "your"), Some("work" | "job" | "day")) => {
                s.duties += 3.0
            }
            ("work" | "job" | "day" | "life", Some("like"), Some("for" | "at" | "in" | "as")) => {
                s.duties += 3.0
            }
            ("anything" | "something" | "job" | "career", Some("similar" | "like"), _) => {
                s.related += 3.0
            }
            ("stack", Some("up"), _) => s.compare += 1.0,
            ("role", Some("of"), _) => s.duties += 2.0,
            // "what does the job actually look like", "what's a typical day look like".
            ("look", Some("like"), _) => {
                let about_work = (i.saturating_sub(4)..i).any(|j| {
                    matches!(
                        words.norm(j),
                        "job" | "day" | "work" | "shift" | "routine" | "workday"
                    )
                });
                s.duties += if about_work { 3.0 } else { 1.0 };
            }
            ("job", Some("security"), _) => s.outlook += 2.0,
            ("worth", Some("it"), _) => s.profile += 2.0,
            ("recommend", Some("a" | "an" | "some" | "any" | "someone" | "me"), _) => {
                s.service += 3.0
            }
            ("recommend", Some("it" | "being" | "this" | "becoming" | "the"), _) => {
                s.profile += 2.0
            }
            ("any" | "still", Some("job" | "opening" | "position" | "work"), _) => s.outlook += 3.0,
            ("dead", Some("end"), _) | ("done", Some("for"), _) => s.outlook += 3.0,
            ("step", Some("up"), _) => s.related += 3.0,
            ("what", Some("can"), Some("this" | "the" | "u" | "rolecall" | "it")) => s.help += 3.0,
            ("real" | "legit" | "actual", Some("career" | "profession"), _) => s.profile += 2.0,
            ("do", Some("anything"), Some("beside" | "else" | "other" | "but")) => s.duties += 3.0,
            ("safe", Some("from"), _) | ("phased", Some("out"), _) => s.outlook += 3.0,
            (
                "no" | "enough" | "plenty" | "few",
                Some("job" | "opening" | "work" | "position"),
                _,
            ) => s.outlook += 3.0,
            ("take", Some("job"), _) | ("take", Some(_), Some("job")) => s.outlook += 2.0,
            ("same", Some("family" | "area" | "field" | "ballpark" | "realm" | "vein"), _) => {
                s.related += 3.0
            }
            ("similar" | "close" | "comparable" | "adjacent" | "closest", Some("to"), _) => {
                s.related += 3.0
            }
            ("teach" | "show", Some("me" | "us"), _)
                if (i + 2..(i + 5).min(n)).any(|j| words.norm(j) == "about") =>
            {
                s.profile += 2.0
            }
            ("everything", Some("about" | "on"), _) => s.profile += 2.0,
            ("career", Some("as" | "in"), _) => s.profile += 2.0,
            ("deal", Some("with"), _) => s.profile += 2.0,
            ("should", Some("know"), _) => s.profile += 2.0,
            ("next", Some("step" | "move"), _) => s.related += 3.0,
            ("go", Some("after" | "from"), _) => s.related += 3.0,
            ("get" | "getting", Some("rich"), _) => s.salary += 3.0,
            ("long", Some("term"), _) => s.outlook += 2.0,
            ("a", Some("thing"), _) | ("even", Some("a"), Some("job")) => s.outlook += 2.0,
            ("are" | "is", Some("there"), _)
                if (i + 2..(i + 6).min(n))
                    .any(|j| matches!(words.norm(j), "job" | "opening" | "demand")) =>
            {
                s.outlook += 3.0
            }

            (
                "related" | "similar",
                Some("job" | "career" | "role" | "field" | "work" | "position" | "occupation"),
                _,
            ) => s.related += 3.0,
            ("end", Some("up"), _) => s.related += 2.0,
            ("tell", Some("me" | "us"), Some("abt")) => s.profile += 2.0,
            ("take", Some("over"), _) => s.outlook += 3.0,
            ("walk", Some("me" | "us"), Some("through")) => s.duties += 3.0,
            ("job", Some("description"), _) => s.duties += 3.0,
            ("bring" | "pull" | "rake" | "take", Some("in" | "home"), _) => s.salary += 2.0,
            ("hard" | "easy" | "tough", Some("to"), Some("find" | "get")) => s.outlook += 3.0,
            ("by" | "per" | "each", Some("state" | "city" | "metro" | "region"), _) => {
                s.high += 1.0
            }
            ("what" | "which", Some("job" | "career" | "role" | "position"), _) => s.related += 2.0,
            ("work", Some("day" | "week"), _) | ("typical", Some("work"), _) => s.duties += 2.0,
            ("goe" | "go", Some("on"), _) => s.duties += 2.0,
            ("describe" | "explain", Some(_), _)
                if (i + 1..(i + 6).min(n))
                    .any(|j| matches!(words.norm(j), "job" | "work" | "role")) =>
            {
                s.duties += 3.0
            }
            ("in", Some("charge"), Some("of")) => s.duties += 3.0,
            // "I'm in high school", "a college student": where the asker is, not what the
            // career needs.
            ("high" | "middle" | "grad", Some("school"), _)
            | ("in" | "after", Some("college" | "school"), _)
            | ("out", Some("of"), Some("college" | "school"))
            | ("college" | "school", Some("student" | "kid" | "senior" | "junior"), _) => {
                s.education -= 3.0
            }
            ("make" | "earn", Some("a"), Some("living")) => {
                s.salary += 3.0;
                s.profile -= 2.0;
            }
            ("get" | "find" | "land", Some("a" | "any"), Some("job" | "position"))
            | ("get" | "find" | "land", Some("job" | "work" | "hired"), _) => s.outlook += 2.0,
            ("same", Some("skill" | "kind"), _) => s.related += 3.0,
            ("get", Some("started"), _) => s.education += 2.0,
            ("day", Some("go" | "look"), _) => s.duties += 2.0,
            ("work", Some("on"), _) if i > 0 => s.duties += 1.0,
            ("tell", Some("me" | "us"), _)
                if (i + 2..(i + 5).min(n)).any(|j| words.norm(j) == "about") =>
            {
                s.profile += 2.0
            }
            ("learn", Some("more" | "about"), _) => s.profile += 2.0,
            ("think" | "thinking" | "thought", Some("about" | "of"), _) => s.profile += 2.0,
            ("how", Some("many"), Some("job" | "position" | "opening")) => s.outlook += 2.0,
            ("be", Some("doing"), _) => {
                let what = (i.saturating_sub(5)..i).any(|j| words.norm(j) == "what");
                s.duties += if what { 3.0 } else { 2.0 }
            }
            ("day", Some("like"), _) => s.duties += 2.0,
            ("what", Some("next"), _) => s.related += 1.0,
            ("get", Some("out"), _) => s.related += 2.0,
            ("should", Some("i"), Some("become" | "be" | "go" | "do" | "get")) => s.profile += 2.0,
            ("what", Some("doe"), Some("it")) if next(3) == Some("take") => s.education += 2.0,
            ("how", Some("do" | "doe" | "can"), Some("i" | "you" | "one" | "someone"))
                if matches!(next(3), Some("become" | "get")) =>
            {
                s.education += 2.0
            }
            ("day", Some("to"), Some("day")) | ("day", Some("in"), Some("the")) => s.duties += 3.0,
            ("typical", Some("day" | "shift" | "week"), _) => s.duties += 3.0,
            ("all", Some("day"), _) => s.duties += 2.0,
            // "what am i supposed to be doing", "what are they supposed to do".
            ("supposed", Some("to"), _)
                if (i + 2..(i + 5).min(n)).any(|j| matches!(words.norm(j), "do" | "doing")) =>
            {
                s.duties += 3.0
            }
            // "cashier jobs going away", "is there any future for petroleum engineers",
            // "epidemiologist jobs after the funding dried up".
            ("go" | "going", Some("away"), _) | ("any", Some("future"), _) => s.outlook += 3.0,
            ("dried" | "dry" | "drying", Some("up"), _) => s.outlook += 3.0,
            // "careers like this that pay more", "jobs like mine".
            ("work" | "role" | "field", Some("like"), Some("this" | "that" | "mine" | "it")) => {
                s.related += 3.0
            }
            // "help desk to what?", "the usual career path out of it".
            ("path" | "way", Some("out"), _) => s.related += 3.0,
            ("to", Some("what"), None) => s.related += 3.0,
            ("to", Some("what"), Some(_))
                if words.words[i + 2].sentence != words.words[i].sentence =>
            {
                s.related += 3.0
            }
            // "anyone else's manager…": someone else, not another career.
            ("anyone" | "someone" | "everyone" | "anybody" | "nobody", Some("else"), _) => {
                s.related -= 2.0
            }
            // "careers like this that pay more": other careers, ranked by pay.
            ("that" | "which", Some("pay" | "pays"), Some("more" | "better"))
                if i > 0 && words.norm(i - 1) != "," =>
            {
                s.related += 3.0
            }
            // "in most states": a quantifier, not a ranking.
            ("in" | "for", Some("most"), Some("state" | "place" | "city" | "area")) => {
                s.high -= 1.0
            }
            // "what do i need to get in", "what do you need for it".
            ("what", Some("do" | "doe"), Some("i" | "you" | "one" | "someone"))
                if next(3) == Some("need") =>
            {
                s.education += 2.0
            }
            // "which states actually pay well".
            ("pay" | "pays" | "paid" | "paying", Some("well"), _) => s.high += 1.0,
            // "how does this bot work", "what can your bot do".
            ("this" | "the" | "your" | "ur", Some("bot"), _)
                if (i.saturating_sub(3)..i).any(|j| matches!(words.norm(j), "how" | "what")) =>
            {
                s.help += 3.0
            }
            ("job", Some("of"), _) => s.duties += 2.0,
            ("will", Some("there"), _) => s.outlook += 2.0,
            ("in", Some(_), Some("yr" | "year")) if words.words[i + 1].number => s.outlook += 2.0,
            ("make", Some("bank"), _) => s.high += 1.0,
            ("move", Some("into" | "to"), _) if s.ranking_where == 0.0 => s.related += 1.0,
            ("who", Some("made" | "built" | "created" | "wrote" | "make" | "run"), _) => {
                s.about += 3.0
            }
            ("come", Some("from"), _) => s.about += 2.0,
            ("what", Some("can"), Some("you")) if matches!(next(3), Some("do")) => s.help += 3.0,
            ("what", Some("can"), Some("i")) if matches!(next(3), Some("ask")) => s.help += 3.0,
            ("how", Some("do"), Some("i")) if matches!(next(3), Some("use")) => s.help += 3.0,
            ("what", Some("kind" | "sort" | "type"), Some("of"))
                if matches!(next(3), Some("question")) =>
            {
                s.help += 3.0
            }
            _ => {}
        }
        if k != 1.0 {
            s.scale_since(&before, k);
        }
    }
    // "what does she do at work", "what does a professional mermaid actually do": asked of
    // someone other than a career found (the career's own sentence is read below).
    for i in 0..n {
        let sentence = words.words[i].sentence;
        if words.norm(i) == "what"
            && i + 3 < n
            && matches!(words.norm(i + 1), "do" | "doe" | "did")
            && (role.is_none_or(|r| words.words[r.start].sentence != sentence)
                || matches!(words.norm(i + 2), "you" | "they" | "he" | "she" | "u"))
            && (i + 3..n)
                .take_while(|&j| words.words[j].sentence == sentence)
                .any(|j| matches!(words.norm(j), "do" | "doe" | "doing" | "work"))
        {
            s.duties += 3.0;
        }
    }
    // "What's being a chef actually like?": a sentence that starts with "what" and ends with
    // "like" asks what the career is like.
    for (i, &is_taken) in taken.iter().enumerate() {
        let end_of_sentence = i + 1 == n || words.words[i + 1].sentence != words.words[i].sentence;
        if words.norm(i) == "like" && end_of_sentence && !is_taken {
            let start = (0..=i)
                .rev()
                .take_while(|&j| words.words[j].sentence == words.words[i].sentence)
                .last()
                .unwrap_or(i);
            if (start..i).take(3).any(|j| words.norm(j) == "what") {
                // "what's the money like for…" asks about pay.
                let pay = (start..i).any(|j| {
                    lexicon::entry(words.norm(j)).is_some_and(|e| e.cue(Cue::Salary) >= 2.0)
                });
                if pay {
                    s.salary += 2.0;
                } else {
                    s.profile += 2.0;
                }
            }
        }
    }
    // "what does a data scientist do", "what do actuaries do day to day".
    if let Some(role) = role {
        let sentence = words.words[role.start].sentence;
        // "what does a … do", "hospitalist — what does that kind of doctor do": about the work;
        // "what can a … do", "what kind of jobs could a … do": about what else it leads to.
        let in_sentence = |j: usize| words.words[j].sentence == sentence;
        // ("whats a loss prevention guy do", "what exactly does a…", "wtf does a…")
        let what = (0..n).find(|&j| {
            in_sentence(j)
                && matches!(words.norm(j), "what" | "wtf" | "wth")
                && (j + 1..(j + 4).min(n)).any(|k| {
                    matches!(
                        words.norm(k),
                        "do" | "doe" | "did" | "can" | "could" | "kind" | "a" | "an"
                    )
                })
        });
        if let Some(w) = what {
            // (Not the auxiliary right after "what": "xray tech school, what do i need".)
            let last_do = (role.end.max(w + 2)..n)
                .filter(|&j| in_sentence(j) && !taken[j])
                .any(|j| {
                    matches!(
                        words.norm(j),
                        "do" | "doe"
                            | "doing"
                            | "work"
                            | "handle"
                            | "perform"
                            | "deal"
                            | "build"
                            | "create"
                            | "design"
                            | "fix"
                            | "write"
                            | "type"
                            | "say"
                            | "solve"
                    )
                });
            if last_do {
                // Options words between "what" and the career: "what kind of jobs could…".
                let options = (w + 1..role.start.max(w + 1)).any(|j| {
                    matches!(
                        words.norm(j),
                        "can" | "could" | "else" | "job" | "career" | "role" | "option"
                    )
                });
                if options {
                    s.related += 3.0;
                } else {
                    s.duties += 3.0;
                }
            }
        }
        // "jobs like accountant", "careers that are like being a pharmacist": a kind of work,
        // then "like", then the role.
        let like = (role.start.saturating_sub(3)..role.start).find(|&j| {
            has(words, j, "like")
                && !(j > 0 && matches!(words.norm(j - 1), "look" | "feel" | "sound" | "seem"))
        });
        if let Some(l) = like
            && (l.saturating_sub(3)..l).any(|j| {
                [
                    "job",
                    "career",
                    "role",
                    "position",
                    "work",
                    "something",
                    "thing",
                ]
                .contains(&words.norm(j))
            })
        {
            s.related += 3.0;
        }
        // "I'm a barista …", "I work as a welder …": the asker's own job.
        let own = (role.start.saturating_sub(4)..role.start).any(|j| {
            matches!(words.norm(j), "im" | "am" | "ive")
                || (words.norm(j) == "work" && j > 0 && words.norm(j - 1) == "i")
        });
        if own {
            s.related += 1.0;
        }
        // Asking for someone to do the job: "need a plumber", "anyone know a good electrician".
        let before: Vec<&str> = (role.start.saturating_sub(3)..role.start)
            .map(|i| words.norm(i))
            .collect();
        let asks_for = before
            .iter()
            .any(|w| ["need", "know", "recommend", "hire", "call", "suggest"].contains(w))
            && !before.contains(&"to");
        // "the best barber in brooklyn", "can a pharmacist tell me…": asking for one, or of one.
        let best_one = before
            .last()
            .is_some_and(|w| matches!(*w, "best" | "good" | "cheap"))
            || (before.len() >= 2
                && matches!(before[before.len() - 2], "best" | "good" | "cheap")
                && matches!(before[before.len() - 1], "a" | "the"));
        if best_one && s.salary == 0.0 {
            s.service += 2.0;
        }
        if role.end + 1 < n
            && matches!(
                words.norm(role.end),
                "tell" | "help" | "explain" | "check" | "look"
            )
            && matches!(words.norm(role.end + 1), "me" | "us" | "if" | "at")
        {
            s.service += 3.0;
        }
        // "my uncle is a pilot and he's flying in": a person, not the career.
        let relative = role.start >= 3
            && matches!(words.norm(role.start - 1), "a" | "an" | "the")
            && matches!(words.norm(role.start - 2), "is" | "was")
            && (role.start.saturating_sub(5)..role.start - 2)
                .any(|j| matches!(words.norm(j), "my" | "our" | "his" | "her" | "their"));
        if relative {
            s.service += 2.0;
        }
        // "who is the ceo of tesla": a person.
        if role.start >= 2
            && matches!(words.norm(role.start - 1), "the")
            && matches!(words.norm(role.start - 2), "is" | "was")
            && (0..role.start - 2).any(|j| words.norm(j) == "who")
        {
            s.service += 3.0;
        }
        // "my doctor says…", "our plumber": a person, not the career.
        let someone = role.start > 0
            && ["my", "our", "his", "her", "their", "your"].contains(&words.norm(role.start - 1));
        if asks_for || someone {
            s.service += 2.0;
        }
    }
    s
}

/// "Is it worth going back to school to become a hygienist?", "is nursing a good career? i'm
/// thinking about nursing school": a judgement of the career, with schooling only mentioned.
/// Education wins only when the schooling itself is asked about (what is needed, how long it
/// takes, what to study).
fn judged_not_schooled(words: &Words, taken: &[bool], mut s: Scores) -> Scores {
    let n = words.len();
    let free = |i: usize| !taken[i];
    let judged = (0..n).filter(|&i| free(i)).any(|i| {
        words.norm(i) == "worth"
            || (matches!(words.norm(i), "good" | "solid" | "decent" | "smart" | "bad")
                && (i + 1..(i + 4).min(n)).any(|j| {
                    matches!(
                        words.norm(j),
                        "career" | "choice" | "move" | "idea" | "job" | "path"
                    )
                }))
    });
    let asks_schooling = (0..n).filter(|&i| free(i)).any(|i| {
        matches!(
            words.norm(i),
            "need"
                | "requirement"
                | "required"
                | "qualification"
                | "certification"
                | "license"
                | "major"
                | "study"
                | "learn"
                | "long"
                | "take"
                | "prerequisite"
                | "cert"
        )
    });
    if judged && !asks_schooling && s.education > 0.0 {
        s.education = (s.education - 2.5).max(0.0);
    }
    s
}

/// Words that nothing explains: not a name, not the question's own, not a number.
fn unexplained(words: &Words, taken: &[bool]) -> usize {
    mentions::runs(words, taken)
        .iter()
        .map(|(a, b)| b - a)
        .sum()
}

/// How well a career mention is matched: exact names first, fuzzy readings, then words that
/// name no career.
fn rank(m: &Mention) -> u8 {
    match m.what {
        What::Role {
            strength: Strength::Exact,
            ..
        } => 0,
        What::Role {
            strength: Strength::Corrected,
            ..
        } => 1,
        What::Role {
            strength: Strength::Fuzzy,
            ..
        } => 2,
        _ => 3,
    }
}

fn lookup(m: &Mention) -> String {
    match &m.what {
        What::Role { lookup, .. } | What::Place { lookup, .. } => lookup.clone(),
    }
}

/// The cue scores, for `rolecall ask --explain`.
pub fn scores(words: &Words, mentions: &[Mention]) -> String {
    let mut taken = vec![false; words.len()];
    for m in mentions {
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
    }
    let role = mentions
        .iter()
        .filter(|m| m.is_role())
        .min_by_key(|m| (rank(m), std::cmp::Reverse(m.end - m.start), m.start));
    let focus = role.map(|m| words.words[m.start].sentence);
    format!("{:?}", score(words, &taken, role, focus))
}

pub fn read(words: &Words, mentions: &[Mention]) -> Reading {
    let mut taken = vec![false; words.len()];
    for m in mentions {
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
    }
    // "rn" read as "right now" is explained too.
    for (i, t) in taken.iter_mut().enumerate() {
        if words.norm(i) == "rn" {
            *t = true;
        }
    }
    // A one-word career inside another career's name is that career's word ("sales engineers…
    // do they sell or do they engineer?").
    let multi: Vec<String> = mentions
        .iter()
        .filter(|m| m.is_role() && m.end - m.start > 1)
        .map(lookup)
        .collect();
    let roles: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.is_role())
        .filter(|m| {
            m.end - m.start > 1 || {
                let own = lookup(m);
                !multi.iter().any(|t| t.split(' ').any(|w| w == own))
            }
        })
        .collect();
    // The career asked about: the best matched, in a sentence that asks if any does, the
    // longest, the first.
    // The asker's own job ("icu nurse here, is crna worth it?", "I'm a chef…") is not what
    // is asked about when another career is named.
    let own = |m: &Mention| {
        (m.end < words.len() && words.norm(m.end) == "here")
            || (m.start.saturating_sub(3)..m.start).any(|j| matches!(words.norm(j), "im" | "am"))
    };
    let any_asks = roles.iter().any(|m| words.asks_at(m.start));
    // Exact names first; a typo'd word and a fuzzy reading of several words ("wind turbine
    // techs") next, then the sentence that asks ("…? is it all climbing towers").
    let trust = |m: &Mention| match rank(m) {
        0 => 0,
        1 => 1,
        2 if m.end - m.start >= 2 => 1,
        _ => 2,
    };
    let role = roles.iter().copied().min_by_key(|m| {
        (
            trust(m),
            any_asks && !words.asks_at(m.start),
            roles.len() > 1 && own(m),
            std::cmp::Reverse(m.end - m.start),
            rank(m),
            m.start,
        )
    });
    let focus = role.map(|m| words.words[m.start].sentence);
    let s = score(words, &taken, role, focus);
    let leftover = unexplained(words, &taken);
    let s = judged_not_schooled(words, &taken, s);
    // The place: the first one named that is not the whole country, in the career's
    // sentence or before it ("moving to DC in the fall. what do accountants make there?"),
    // not in a later aside.
    // ("my son wants to be a sparky. what does that pay in phoenix?": a later sentence that
    // asks is not an aside.)
    let place_mention = mentions.iter().find(|m| {
        matches!(
            m.what,
            What::Place {
                national: false,
                ..
            }
        ) && focus.is_none_or(|f| words.words[m.start].sentence <= f || words.asks_at(m.start))
    });
    let (place, place_corrected) = match place_mention.map(|m| &m.what) {
        Some(What::Place {
            lookup, corrected, ..
        }) => (Some(lookup.clone()), *corrected),
        _ => (None, false),
    };

    let Some(role) = role else {
        if s.help >= 3.0 && leftover <= 1 {
            return Reading::Help;
        }
        if s.about >= 2.0 {
            return Reading::About;
        }
        // A clear question about a career nobody knows by that name: ask about the words
        // where the career would be, so the answer can say it does not know them.
        if best_score(&s) >= 3.0 && s.service < best_score(&s) {
            let runs = mentions::runs(words, &taken);
            // Only words where a career goes: after "a", "an", "the", "to", "as", "like",
            // "for", or right before a word of the question ("influencer salary").
            let slot = |&&(a, b): &&(usize, usize)| {
                b - a <= 4
                    && ((a > 0
                        && matches!(
                            words.norm(a - 1),
                            "a" | "an" | "the" | "to" | "as" | "like" | "for" | "of"
                        ))
                        || (b < words.len()
                            && lexicon::entry(words.norm(b)).is_some_and(|e| !e.cues.is_empty())))
            };
            if let (Some(&(a, b)), Some(ask)) = (runs.iter().find(slot), pick(&s, false)) {
                return Reading::Ask {
                    ask,
                    roles: vec![words.typed(a, b)],
                    place,
                    place_corrected,
                };
            }
        }
        return Reading::NotUnderstood;
    };

    // Two to four careers joined by "vs", "or", "than" (or "and" in a comparison). A
    // one-word fuzzy reading is too weak to compare.
    let comparable: Vec<&Mention> = roles
        .iter()
        .copied()
        .filter(|m| rank(m) <= 1 || (rank(m) == 2 && m.end - m.start >= 2))
        .collect();
    if comparable.len() >= 2 {
        let joined: Vec<&Mention> = joined_roles(words, &taken, &comparable, s.compare);
        if joined.len() >= 2 {
            return Reading::Ask {
                ask: Ask::Compare,
                roles: joined.iter().take(4).map(|m| lookup(m)).collect(),
                place,
                place_corrected,
            };
        }
    }
    // "civil vs mechanical vs electrical engineering": the last career's head word shared.
    if let Some(roles) = elided(words, &taken, role) {
        return Reading::Ask {
            ask: Ask::Compare,
            roles,
            place,
            place_corrected,
        };
    }

    // Places ranked by pay: "where do nurses earn the most", "best state for electricians".
    let ranks = (s.ranking_place >= 1.0 || (s.ranking_where >= 1.0 && s.salary > 0.0))
        && (s.high + s.low) >= 1.0;
    if ranks && s.service < 3.0 {
        return Reading::Ask {
            ask: Ask::TopPlaces {
                lowest: s.low > s.high,
            },
            roles: vec![lookup(role)],
            place: None,
            place_corrected: false,
        };
    }

    // A place says "pay there" on its own only when it is clearly where the job is: after
    // "in", or next to the career ("nurse ohio", "ATL hvac tech") — not "indiana jones".
    let place_says_pay = place_mention.is_some_and(|p| {
        mentions::after_place_word(words, p.start)
            || p.end == role.start
            || p.start == role.end
            || (p.start == role.end + 1 && words.norm(role.end) == "in")
    });
    let best = best_score(&s);
    let ask = match pick(&s, place_says_pay) {
        // Asking for someone to do the job ("need a plumber asap"), not about the career.
        Some(_) if s.service > 0.0 && s.service >= best => None,
        // Words that only resemble a career, and no clear question: nothing is invented.
        Some(_) if rank(role) >= 2 && best < DECIDES => None,
        Some(a) => Some(a),
        // No cue: one career named on its own ("plumber", "cto") asks for its profile, if the
        // name explains the question.
        // A question about it in words this does not know ("how's life as an electrician?")
        // asks for the profile too; a remark that mentions one ("nurse sharks") does not.
        None if rank(role) == 0 && s.service == 0.0 && roles.len() == 1 => {
            let role_words = role.end - role.start;
            let explained = leftover * 2 < role_words + leftover;
            // "cook rice", "nurse sharks": a word nothing explains right after it makes it a
            // verb or a modifier, not a career asked about.
            let modifies = role.end < words.len()
                && words.words[role.end].sentence == words.words[role.start].sentence
                && !words.words[role.end].pause_before
                && mentions::is_unexplained(words, role.end, &taken);
            (!modifies && (explained || (asks(words) && leftover <= 4))).then_some(Ask::Career)
        }
        None => None,
    };
    match ask {
        Some(ask) => Reading::Ask {
            ask,
            roles: vec![lookup(role)],
            place,
            place_corrected,
        },
        None => Reading::NotUnderstood,
    }
}

/// Whether the text is put as a question: a question mark, or a question word among its
/// first words ("hey so what's it like…").
fn asks(words: &Words) -> bool {
    words.question_mark
        || words.words.iter().take(4).any(|w| {
            [
                "what", "whats", "how", "hows", "is", "are", "should", "can", "could", "do", "doe",
                "did", "will", "would", "tell", "give", "any", "why", "which", "who",
            ]
            .contains(&w.norm.as_str())
        })
}

/// A comparison whose careers share the last one's head word: "civil vs mechanical vs
/// electrical engineering", "rn or lpn nurse". Each word before a "vs"/"or" that nothing
/// explains gets the head of the career named last.
fn elided(words: &Words, taken: &[bool], last: &Mention) -> Option<Vec<String>> {
    let head = lookup(last);
    let (_, tail) = head.split_once(' ')?;
    let mut items: Vec<String> = Vec::new();
    let mut i = last.start;
    while i >= 2
        && matches!(words.norm(i - 1), "vs" | "versus" | "v" | "or")
        && !taken[i - 2]
        && !lexicon::is_known(words.norm(i - 2))
        && !words.words[i - 2].number
    {
        items.push(format!("{} {tail}", words.norm(i - 2)));
        i -= 2;
    }
    if items.is_empty() {
        return None;
    }
    items.reverse();
    items.push(head);
    Some(items.into_iter().take(4).collect())
}

fn best_score(s: &Scores) -> f32 {
    [
        s.salary,
        s.outlook,
        s.education,
        s.duties,
        s.related,
        s.profile,
    ]
    .into_iter()
    .fold(0.0, f32::max)
}

/// The intent with the highest score, if any decides; ties go to the more specific intent.
/// A place with no other cue asks for pay there ("web developers in LA").
fn pick(s: &Scores, has_place: bool) -> Option<Ask> {
    let ranked = [
        (s.related, Ask::Related),
        (s.duties, Ask::Responsibilities),
        (s.education, Ask::Education),
        (s.outlook, Ask::Outlook),
        (s.salary, Ask::Salary),
        (s.profile, Ask::Career),
    ];
    let best = ranked
        .iter()
        .fold(None::<(f32, Ask)>, |acc, &(score, ask)| match acc {
            Some((b, _)) if b >= score => acc,
            _ => Some((score, ask)),
        });
    match best {
        Some((score, ask)) if score >= DECIDES => Some(ask),
        _ if has_place => Some(Ask::Salary),
        Some((score, ask)) if score >= 1.0 && ask != Ask::Career => Some(ask),
        _ => None,
    }
}

/// The careers of a comparison: consecutive role mentions with a joining word between them.
fn joined_roles<'m>(
    words: &Words,
    taken: &[bool],
    roles: &[&'m Mention],
    compare: f32,
) -> Vec<&'m Mention> {
    let mut out: Vec<&Mention> = vec![roles[0]];
    for pair in roles.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let between: Vec<&str> = (a.end..b.start).map(|i| words.norm(i)).collect();
        let joins =
            between.iter().any(|w| {
                matches!(*w, "vs" | "versus" | "v" | "or" | "than" | "against")
                    || (compare >= 3.0 && matches!(*w, "and" | "with" | "to"))
            }) || (compare >= 3.0 && between.is_empty() && words.words[b.start].pause_before);
        // "being a vet … than being a dentist": a few words may stand between, but not words
        // nothing explains ("at a factory or a warehouse": the "or" joins something else).
        let unexplained = (a.end..b.start).any(|i| mentions::is_unexplained(words, i, taken));
        if joins && between.len() <= 8 && !unexplained {
            if !out.iter().any(|m| std::ptr::eq(*m, b)) {
                out.push(b);
            }
        } else if out.len() >= 2 {
            break;
        } else {
            out = vec![b];
        }
    }
    out
}

/// What was asked before, for a reply that follows up on an answer: the kind of answer, its
/// careers (ids) and its place (an area code).
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    pub ask: Ask,
    pub roles: Vec<String>,
    pub place: Option<String>,
}

/// Reads a reply to an answer in the light of that answer: "and in Texas?" asks the same with
/// another place, "what about nurses?" the same about another career, "compare with a
/// pharmacist" sets a career beside the ones shown, "and the outlook?" asks something else
/// about the same careers. A reply that says nothing this can read is `NotUnderstood` (and
/// the bot stays quiet: "thanks!" needs no answer).
pub fn read_followup(words: &Words, mentions: &[Mention], context: &Context) -> Reading {
    let alone = read(words, mentions);
    let mut taken = vec![false; words.len()];
    for m in mentions {
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
    }
    let roles: Vec<String> = mentions
        .iter()
        .filter(|m| m.is_role() && rank(m) <= 2)
        .map(lookup)
        .collect();
    let place = mentions.iter().find_map(|m| match &m.what {
        What::Place {
            lookup,
            national: false,
            ..
        } => Some(lookup.clone()),
        _ => None,
    });
    let first_role = mentions.iter().find(|m| m.is_role());
    let focus = first_role.map(|m| words.words[m.start].sentence);
    let s = score(words, &taken, first_role, focus);
    let cue = pick(&s, false).filter(|_| best_score(&s) >= DECIDES);
    let compare = s.compare >= 3.0
        || (0..words.len()).any(|i| {
            matches!(words.norm(i), "with" | "against" | "v" | "vs" | "versus")
                && i + 1 < words.len()
                && mentions.iter().any(|m| m.is_role() && m.start > i)
        });
    let ask_with = |ask: Ask, roles: Vec<String>, place: Option<String>| Reading::Ask {
        ask,
        roles,
        place,
        place_corrected: false,
    };
    let keeps_place = |ask: Ask| {
        matches!(
            ask,
            Ask::Salary | Ask::Compare | Ask::Outlook | Ask::Education
        )
    };
    // "compare with a pharmacist", "vs an rn": beside the careers shown.
    if compare && !roles.is_empty() && !context.roles.is_empty() {
        let mut all = context.roles.clone();
        for r in roles {
            if !all.contains(&r) && all.len() < 4 {
                all.push(r);
            }
        }
        return ask_with(Ask::Compare, all, place.or(context.place.clone()));
    }
    match (&alone, roles.is_empty(), cue) {
        // A new career and no cue: the same question about it.
        (_, false, None) => {
            let ask = match context.ask {
                Ask::Compare if roles.len() == 1 => Ask::Salary,
                other => other,
            };
            let place = place.or(context.place.clone()).filter(|_| keeps_place(ask));
            ask_with(ask, roles, place)
        }
        // A question that stands on its own.
        (Reading::Ask { .. } | Reading::About | Reading::Help, false, Some(_)) => alone,
        (Reading::About | Reading::Help, true, _) => alone,
        // Something else about the same careers: "and the outlook?", "what do they do?".
        (_, true, Some(ask)) if !context.roles.is_empty() => {
            let roles = match ask {
                Ask::Compare => context.roles.clone(),
                _ => context.roles.iter().take(1).cloned().collect(),
            };
            let place = place.or(context.place.clone()).filter(|_| keeps_place(ask));
            ask_with(ask, roles, place)
        }
        // Only a place: the same question there ("and in Texas?"); pay for a card that had
        // no place to show.
        (_, true, None) if place.is_some() && !context.roles.is_empty() => {
            let ask = if keeps_place(context.ask) {
                context.ask
            } else {
                Ask::Salary
            };
            let roles = match ask {
                Ask::Compare => context.roles.clone(),
                _ => context.roles.iter().take(1).cloned().collect(),
            };
            ask_with(ask, roles, place)
        }
        _ => Reading::NotUnderstood,
    }
}
