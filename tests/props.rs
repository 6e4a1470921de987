//! Whatever people type — empty, huge, emoji, right-to-left, control characters — the resolver,
//! autocomplete and the question parser answer without panicking, and their answers are
//! well-formed.

use proptest::prelude::*;
use rolecall::Rolecall;
use rolecall::resolve::Verdict;
use std::sync::OnceLock;

fn rc() -> &'static Rolecall {
    static RC: OnceLock<Rolecall> = OnceLock::new();
    RC.get_or_init(|| Rolecall::load(&rolecall::default_data_dir()).expect("data/ loads"))
}

/// Text that mixes the scripts and oddities people (and bots) send.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,12}",
        Just(" ".to_string()),
        Just("-".to_string()),
        Just("_".to_string()),
        "[\\p{Arabic}\\p{Hebrew}]{1,6}",
        "[\\p{Han}\\p{Cyrillic}]{1,6}",
        "[\u{1F300}-\u{1FAFF}\u{200D}\u{FE0F}]{1,4}",
        "[\u{0}-\u{1F}\u{7F}\u{202A}-\u{202E}]{1,3}",
        "[àéîõüçñ]{1,3}",
        Just("<@123456789012345678>".to_string()),
        Just("@everyone".to_string()),
        Just(" in ohio".to_string()),
        Just(" vs ".to_string()),
        Just("how much does a ".to_string()),
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn resolving_any_text_is_well_formed(q in messy_text()) {
        let rc = rc();
        let r = rc.careers.resolve(&rc.data, &q);
        prop_assert!(r.candidates.len() <= 10);
        prop_assert!(r.candidates.iter().all(|c| c.score.is_finite() && c.score > 0.0 && c.score < 1.1));
        prop_assert!(r.candidates.windows(2).all(|w| w[0].score + 1e-3 >= w[1].score));
        prop_assert!(!r.ambiguous || r.best.is_some());
        if let Verdict::Found(b) = r.verdict() {
            prop_assert_eq!(Some(b), r.candidates.first().map(|c| c.target));
        }
        let p = rc.places.resolve(&rc.data, &q);
        prop_assert!(p.candidates.iter().all(|c| (c.target as usize) < rc.data.areas.len()));
    }

    #[test]
    fn autocomplete_on_any_prefix_is_bounded(q in messy_text()) {
        let rc = rc();
        let r = rc.careers.complete(&rc.data, &q, 25);
        prop_assert!(r.candidates.len() <= 25);
        let p = rc.places.complete(&rc.data, &q, 25);
        prop_assert!(p.candidates.len() <= 25);
    }

    #[test]
    fn any_question_gets_an_answer_or_a_clear_error(q in messy_text()) {
        use rolecall::lookup::UserError;
        let rc = rc();
        match rc.answer_question(&q) {
            Ok(answer) => { serde_json::to_string(&answer).unwrap(); }
            // Each error says what to do: what can be asked, which names were meant, or how
            // long a question may be.
            Err(UserError::NotUnderstood { help, .. }) => prop_assert!(help.contains("You can ask")),
            Err(UserError::Unknown { query, .. } | UserError::Ambiguous { query, .. }) => {
                prop_assert!(!query.trim().is_empty());
            }
            Err(UserError::TooLong { chars, max, .. }) => prop_assert!(chars > max),
            Err(e) => prop_assert!(false, "unexpected error for a question: {e:?}"),
        }
        let _ = rc.lookup_career(&q);
        let _ = rc.lookup_place(&q);
    }

    /// Long messages of real words, as long as Discord allows, are read, not refused.
    #[test]
    fn long_questions_are_read(words in proptest::collection::vec(prop_oneof![
        Just("nurse"), Just("how"), Just("much"), Just("make"), Just("in"), Just("ohio"),
        Just("welder"), Just("vs"), Just("the"), Just("lol"), Just("what"), Just("do"),
    ], 150..=200)) {
        let q = words.join(" ");
        prop_assume!(q.chars().count() <= rolecall::question::MAX_QUESTION_CHARS);
        let r = rc().answer_question(&q);
        let refused = matches!(r, Err(rolecall::lookup::UserError::TooLong { .. }));
        prop_assert!(!refused, "{q}");
    }

    #[test]
    fn normalising_is_idempotent(q in messy_text()) {
        let once = rolecall::text::tokens(&q);
        let twice = rolecall::text::tokens(&once.join(" "));
        prop_assert_eq!(once, twice);
    }
}

#[test]
fn huge_inputs_are_refused_or_bounded_quickly() {
    let rc = rc();
    let huge = "nurse ".repeat(2_000);
    assert!(
        rc.lookup_career(&huge)
            .unwrap_err()
            .to_string()
            .contains("too long")
    );
    assert!(rc.answer_question(&huge).is_err());
    // The resolver itself bounds the work on long text rather than refusing it.
    let r = rc.careers.resolve(&rc.data, &huge);
    assert!(r.candidates.len() <= 10);
    let emoji = "👩‍⚕️".repeat(3_000);
    assert!(rc.careers.resolve(&rc.data, &emoji).best.is_none());
}

#[test]
fn questions_of_nothing_readable_say_what_can_be_asked() {
    use rolecall::lookup::UserError;
    let rc = rc();
    let long = "a".repeat(10_000);
    assert!(matches!(
        rc.answer_question(&long),
        Err(UserError::TooLong { max: 2000, .. })
    ));
    for q in [
        "🙂🙂🙂 👩‍⚕️",
        "مرحبا كيف حالك",
        "שלום מה שלומך",
        "<@123456789012345678> <@!987654321098765432>",
        "@everyone @here",
        "\u{202e}\u{0}\u{7}",
        "?!?! ... ,,,",
    ] {
        match rc.answer_question(q) {
            Err(UserError::NotUnderstood { help, .. }) => {
                assert!(help.contains("You can ask"), "{q}")
            }
            other => panic!("{q:?}: {other:?}"),
        }
    }
}
