//! The Discord bot end to end: the real `rolecall serve` binary against the stand-in for
//! Discord (tests/standin) on 127.0.0.1, asserting on what Discord would receive — the
//! callbacks, messages and their embeds and components — with figures checked against data/.

mod botproc;
mod common;
mod standin;

use botproc::reading::{all_text, custom_ids, embed, interact};
use botproc::{Bot, TOKEN};
use common::{dollars, table_row};
use serde_json::Value;
use standin::fixtures::{self, Where};
use standin::{BOT_ID, GUILD_ID, Standin, matching};
use std::time::Duration;

const T: Duration = Duration::from_secs(30);
const USER: u64 = 1_200_000_000_000_000_001;

fn guild() -> Where {
    Where::guild(USER)
}

fn dm() -> Where {
    Where::Dm { user_id: USER }
}

async fn start() -> (Standin, Bot) {
    botproc::connected().await
}

/// Discord's limits, checked on what the bot actually sent.
fn assert_within_limits(e: &Value) {
    let len = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    assert!(len(&e["title"]) <= 256, "title too long");
    assert!(len(&e["description"]) <= 4096, "description too long");
    let fields = e["fields"].as_array().cloned().unwrap_or_default();
    assert!(fields.len() <= 25);
    let mut total = len(&e["title"]) + len(&e["description"]) + len(&e["footer"]["text"]);
    for f in &fields {
        assert!(
            len(&f["name"]) <= 256 && len(&f["value"]) <= 1024,
            "field too long: {f}"
        );
        total += len(&f["name"]) + len(&f["value"]);
    }
    assert!(len(&e["footer"]["text"]) <= 2048);
    assert!(total <= 6000, "embed has {total} characters");
}

/// No message the bot sends may ping anyone.
fn assert_pings_nobody(body: &Value) {
    let data = if body.get("data").is_some() {
        &body["data"]
    } else {
        body
    };
    let am = &data["allowed_mentions"];
    assert_eq!(
        am["parse"],
        serde_json::json!([]),
        "allowed_mentions must be empty: {data}"
    );
    assert!(
        am["users"].as_array().is_none_or(Vec::is_empty)
            && am["roles"].as_array().is_none_or(Vec::is_empty)
    );
}

fn assert_nothing_pings(standin: &Standin) {
    for r in standin.requests() {
        let sends_message = (r.is("POST", "/callback")
            && matches!(r.body["type"].as_u64(), Some(4 | 7)))
            || r.is("POST", "/messages")
            || r.is("POST", "/webhooks/")
            || r.is("PATCH", "/webhooks/");
        if sends_message {
            assert_pings_nobody(&r.body);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn compare_card_shows_figures_from_the_data_with_sources_and_components() {
    let (standin, bot) = start().await;
    let cb = interact(
        &standin,
        fixtures::slash(
            "compare",
            &[("first", "cto"), ("second", "product-manager")],
            guild(),
        ),
    )
    .await;
    assert_eq!(cb.body["type"], 4, "{}", bot.log());
    let e = embed(&cb.body);
    assert_eq!(e["title"], "Chief Technology Officer vs Product Manager");
    let fields = e["fields"].as_array().unwrap();
    assert_eq!(fields[0]["name"], "Chief Technology Officer (curated role)");
    assert_eq!(fields[0]["inline"], true);
    assert_eq!(fields[1]["name"], "Product Manager (curated role)");
    let cis = table_row("pay.tsv", &["11-3021", "0000000"]);
    let mkt = table_row("pay.tsv", &["11-2021", "0000000"]);
    let cis_ep = table_row("projections.tsv", &["11-3021"]);
    let mkt_ep = table_row("projections.tsv", &["11-2021"]);
    let cto = fields[0]["value"].as_str().unwrap();
    let pm = fields[1]["value"].as_str().unwrap();
    assert!(
        cto.contains(&format!("Median {}", dollars(&cis["annual_median"]))),
        "{cto}"
    );
    assert!(
        cto.contains(&format!(
            "{} – {}",
            dollars(&cis["annual_p25"]),
            dollars(&cis["annual_p75"])
        )),
        "spread: {cto}"
    );
    assert!(
        cto.contains(&format!("Growth +{}%", cis_ep["change_pct"])),
        "{cto}"
    );
    assert!(cto.contains(&cis_ep["education"]), "{cto}");
    assert!(
        pm.contains(&format!("Median {}", dollars(&mkt["annual_median"]))),
        "{pm}"
    );
    assert!(
        pm.contains(&format!("Growth +{}%", mkt_ep["change_pct"])),
        "{pm}"
    );
    let text = all_text(e);
    assert!(
        text.contains("figures are those of Computer and Information Systems Managers"),
        "curated disclosure: {text}"
    );
    let footer = e["footer"]["text"].as_str().unwrap();
    assert!(
        footer.contains("OEWS, May 2025") && footer.contains("released 2026-05-15"),
        "{footer}"
    );
    assert!(
        footer.contains("Employment Projections") && footer.contains("O*NET 29.3"),
        "{footer}"
    );
    assert_within_limits(e);
    let ids = custom_ids(&cb.body);
    assert!(
        ids.contains(&"rc1|r|chief-technology-officer".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"rc1|l|product-manager".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"rc1|o".to_string()),
        "select menu of related careers: {ids:?}"
    );
    assert_nothing_pings(&standin);
}

#[tokio::test(flavor = "multi_thread")]
async fn autocomplete_on_a_typo_offers_the_right_career() {
    let (standin, _bot) = start().await;
    let cb = interact(
        &standin,
        fixtures::autocomplete("salary", &[("role", "registerd nurs")], "role", guild()),
    )
    .await;
    assert_eq!(cb.body["type"], 8);
    let choices = cb.body["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);
    assert!(
        choices
            .iter()
            .all(|c| c["name"].as_str().unwrap().chars().count() <= 100)
    );
    assert!(
        choices.iter().any(|c| c["value"] == "29-1141.00"),
        "{choices:?}"
    );
    // A curated role is labelled as such; an abbreviation says what it stands for.
    let cb = interact(
        &standin,
        fixtures::autocomplete("compare", &[("first", "cto")], "first", guild()),
    )
    .await;
    let names: Vec<&str> = cb.body["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names[0].starts_with("Chief Technology Officer (curated role"),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.contains("→ Chief Executives")),
        "{names:?}"
    );
    // Location autocomplete.
    let cb = interact(
        &standin,
        fixtures::autocomplete(
            "salary",
            &[("role", "nurse"), ("place", "ohi")],
            "place",
            guild(),
        ),
    )
    .await;
    assert!(
        cb.body["data"]["choices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["value"] == "3900000")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn buttons_and_the_related_menu_open_more_cards() {
    let (standin, _bot) = start().await;
    let cb = interact(
        &standin,
        fixtures::button("rc1|r|chief-technology-officer", guild()),
    )
    .await;
    assert_eq!(cb.body["type"], 4);
    assert_eq!(
        cb.body["data"]["flags"], 64,
        "opened ephemerally for the one who clicked"
    );
    let e = embed(&cb.body);
    assert_eq!(
        e["title"],
        "Responsibilities: Chief Technology Officer (curated role)"
    );
    assert!(
        e["description"].as_str().unwrap().contains("IT budget"),
        "{e}"
    );

    let cb = interact(
        &standin,
        fixtures::select("rc1|o", &["information-architect"], guild()),
    )
    .await;
    assert_eq!(
        embed(&cb.body)["title"],
        "Information Architect (curated role)"
    );

    let cb = interact(&standin, fixtures::button("rc1|l|product-manager", dm())).await;
    let text = all_text(embed(&cb.body));
    assert!(text.contains("Clinical Administrator"), "{text}");

    // A component from another format, or naming a career that no longer exists, expired.
    for stale in ["rc0|c|15-1252.00", "rc1|c|99-9999.00", "garbage"] {
        let cb = interact(&standin, fixtures::button(stale, guild())).await;
        assert_eq!(
            embed(&cb.body)["title"],
            "This button has expired",
            "{stale}"
        );
    }
    assert_nothing_pings(&standin);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ambiguous_name_asks_back_and_a_choice_answers() {
    let (standin, _bot) = start().await;
    let cb = interact(
        &standin,
        fixtures::slash(
            "salary",
            &[("role", "developer"), ("place", "ohio")],
            guild(),
        ),
    )
    .await;
    assert_eq!(cb.body["data"]["flags"], 64, "asked back ephemerally");
    assert_eq!(embed(&cb.body)["title"], "Which one did you mean?");
    let ids = custom_ids(&cb.body);
    assert_eq!(ids[0], "rc1|!s|15-1252.00|3900000", "{ids:?}");
    assert!(ids.iter().any(|i| i.contains("15-1254.00")), "{ids:?}");

    // Clicking a choice replaces the question with the answer.
    let cb = interact(&standin, fixtures::button(&ids[0], guild())).await;
    assert_eq!(cb.body["type"], 7, "update the message");
    let e = embed(&cb.body);
    assert_eq!(e["title"], "Pay: Software Developers");
    let oh = table_row("pay.tsv", &["15-1252", "3900000"]);
    assert!(all_text(e).contains(&dollars(&oh["annual_median"])), "{e}");

    // A name with a typo in every word still lands on its career.
    let cb = interact(
        &standin,
        fixtures::slash(
            "career",
            &[("role", "registerd nurze praktitioner")],
            guild(),
        ),
    )
    .await;
    assert_eq!(embed(&cb.body)["title"], "Nurse Practitioners");
    // An unknown name: an ephemeral error with suggestions.
    let cb = interact(
        &standin,
        fixtures::slash("career", &[("role", "zzqx")], guild()),
    )
    .await;
    assert_eq!(cb.body["data"]["flags"], 64);
    assert_eq!(embed(&cb.body)["title"], "Not found");
    assert!(
        embed(&cb.body)["description"]
            .as_str()
            .unwrap()
            .contains("zzqx")
    );
    assert_nothing_pings(&standin);
}

#[tokio::test(flavor = "multi_thread")]
async fn questions_in_chat_by_mention_and_by_dm() {
    let (standin, _bot) = start().await;
    // A message that does not mention the bot is not answered; the mention that follows is.
    let quiet = fixtures::message("how much does a nurse make in Ohio?", false, guild());
    let quiet_id = quiet["id"].as_str().unwrap().to_string();
    standin.dispatch("MESSAGE_CREATE", quiet).await;
    let asked = fixtures::message(
        &format!("<@{BOT_ID}> how much does a nurse make in Ohio?"),
        true,
        guild(),
    );
    let asked_id = asked["id"].as_str().unwrap().to_string();
    standin.dispatch("MESSAGE_CREATE", asked).await;
    let sent = standin
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_eq!(
        sent.body["message_reference"]["message_id"],
        asked_id.as_str()
    );
    let e = embed(&sent.body);
    assert_eq!(e["title"], "Pay: Registered Nurses");
    let oh = table_row("pay.tsv", &["29-1141", "3900000"]);
    let us = table_row("pay.tsv", &["29-1141", "0000000"]);
    let text = all_text(e);
    assert!(
        text.contains("Ohio") && text.contains(&dollars(&oh["annual_median"])),
        "{text}"
    );
    assert!(text.contains(&dollars(&us["annual_median"])), "{text}");
    assert_pings_nobody(&sent.body);
    assert_eq!(sent.body["allowed_mentions"]["replied_user"], false);

    // A DM with a location needs no mention.
    standin
        .dispatch(
            "MESSAGE_CREATE",
            fixtures::message("what does an electrician make in texas", false, dm()),
        )
        .await;
    let sent = standin
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    let e = embed(&sent.body);
    assert_eq!(e["title"], "Pay: Electricians");
    let tx = table_row("pay.tsv", &["47-2111", "4800000"]);
    assert!(all_text(e).contains(&dollars(&tx["annual_median"])));

    // @everyone in a question pings nobody.
    standin
        .dispatch(
            "MESSAGE_CREATE",
            fixtures::message(
                &format!("<@{BOT_ID}> @everyone cto vs product manager"),
                true,
                guild(),
            ),
        )
        .await;
    let sent = standin
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_eq!(
        embed(&sent.body)["title"],
        "Chief Technology Officer vs Product Manager"
    );
    assert!(
        standin
            .requests()
            .iter()
            .all(|r| r.body["message_reference"]["message_id"] != quiet_id.as_str())
    );
    assert_nothing_pings(&standin);
}

#[tokio::test(flavor = "multi_thread")]
async fn ask_rolecall_answers_the_selected_message() {
    let (standin, _bot) = start().await;
    let target = fixtures::message("what does a data scientist do?", false, guild());
    let cb = interact(
        &standin,
        fixtures::message_context_menu("Ask Rolecall", target, guild()),
    )
    .await;
    assert_eq!(
        embed(&cb.body)["title"],
        "Responsibilities: Data Scientists"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bot_reconnects_after_the_gateway_drops_and_keeps_answering() {
    let (standin, bot) = start().await;
    let before = standin.sessions();
    standin.drop_gateway().await;
    standin
        .wait_session(before + 1, T)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", bot.log()));
    assert_eq!(
        standin.resume_count(),
        1,
        "resumed rather than identified again"
    );
    assert_eq!(standin.identify_count(), 1);
    let cb = interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], guild()),
    )
    .await;
    assert_eq!(embed(&cb.body)["title"], "Actuaries");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_500_on_a_callback_is_logged_and_the_bot_keeps_running() {
    let (standin, bot) = start().await;
    standin.fail_next("POST", "/callback", 500);
    let d = fixtures::slash("career", &[("role", "actuary")], guild());
    let id = fixtures::interaction_id(&d);
    standin.dispatch("INTERACTION_CREATE", d).await;
    let failed = standin
        .expect_request(matching("POST", &format!("/interactions/{id}/")), T)
        .await
        .unwrap();
    assert_eq!(failed.status, 500);
    let line = bot.wait_log(&["ERROR", &id], T).await;
    assert!(line.contains("/career"), "logged with context: {line}");
    assert!(!line.contains(TOKEN));
    // The user hears that something went wrong, and nothing of the internal error.
    let apology = standin
        .expect_request(matching("POST", &format!("/interactions/{id}/")), T)
        .await
        .unwrap();
    assert_eq!(apology.body["data"]["flags"], 64);
    let e = embed(&apology.body);
    assert_eq!(e["title"], "Something went wrong");
    assert!(!all_text(e).contains("500"), "{e}");
    let cb = interact(
        &standin,
        fixtures::slash("career", &[("role", "nurse")], guild()),
    )
    .await;
    assert_eq!(embed(&cb.body)["title"], "Registered Nurses");
}

#[tokio::test(flavor = "multi_thread")]
async fn long_texts_are_cut_to_discords_limits() {
    let (standin, _bot) = start().await;
    // The career with the most responsibility text.
    let tasks = std::fs::read_to_string(botproc::data_dir().join("tasks.tsv")).unwrap();
    let mut totals = std::collections::HashMap::<&str, usize>::new();
    for line in tasks.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        *totals.entry(f[0]).or_default() += f[3].chars().count() + 3;
    }
    let (soc, chars) = totals.into_iter().max_by_key(|(_, n)| *n).unwrap();
    assert!(
        chars > 4096,
        "the test needs a career whose tasks exceed a description"
    );
    let cb = interact(
        &standin,
        fixtures::slash("responsibilities", &[("role", soc)], guild()),
    )
    .await;
    let e = embed(&cb.body);
    assert_within_limits(e);
    assert!(
        e["description"].as_str().unwrap().contains("more."),
        "says how many are not shown"
    );
    for name in ["career", "salary", "related"] {
        let cb = interact(&standin, fixtures::slash(name, &[("role", soc)], guild())).await;
        assert_within_limits(embed(&cb.body));
    }
    let cb = interact(
        &standin,
        fixtures::slash(
            "compare",
            &[
                ("first", "cto"),
                ("second", "nurse"),
                ("third", soc),
                ("fourth", "actuary"),
                ("place", "california"),
            ],
            guild(),
        ),
    )
    .await;
    assert_within_limits(embed(&cb.body));
}

#[tokio::test(flavor = "multi_thread")]
async fn careers_search_pages_through_results() {
    let (standin, _bot) = start().await;
    let cb = interact(
        &standin,
        fixtures::slash("careers", &[("query", "engineer")], guild()),
    )
    .await;
    let e = embed(&cb.body);
    assert!(
        e["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Page 1 of "),
        "{e}"
    );
    let next = custom_ids(&cb.body)
        .into_iter()
        .find(|i| i.starts_with("rc1|p|2|"))
        .expect("a next button");
    let cb = interact(&standin, fixtures::button(&next, guild())).await;
    assert!(
        embed(&cb.body)["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Page 2 of ")
    );
    let cb = interact(&standin, fixtures::slash("careers", &[], guild())).await;
    assert!(
        embed(&cb.body)["footer"]["text"]
            .as_str()
            .unwrap()
            .contains("1,011 careers")
    );
    let cb = interact(&standin, fixtures::slash("about", &[], dm())).await;
    assert!(all_text(embed(&cb.body)).contains("CC BY 4.0"));
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_are_registered_once_and_again_only_when_asked() {
    let standin = Standin::start(TOKEN).await;
    let state = tempfile::tempdir().unwrap();
    let env = botproc::env(&standin.base(), TOKEN, state.path());
    let mut bot = Bot::start_with(&["serve"], env.clone(), state.path().into());
    standin.wait_ready(T).await.unwrap();
    bot.wait_log(&["registered 14 commands"], T).await;
    let cmds = standin.commands(None);
    let names: Vec<&str> = cmds.iter().map(|c| c["name"].as_str().unwrap()).collect();
    for n in [
        "compare",
        "career",
        "salary",
        "responsibilities",
        "related",
        "careers",
        "about",
        "outlook",
        "top-places",
        "education",
        "ask",
        "help",
        "Ask Rolecall",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    let compare = cmds.iter().find(|c| c["name"] == "compare").unwrap();
    let opts: Vec<&str> = compare["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(opts, ["first", "second", "third", "fourth", "place"]);
    assert!(compare["options"][0]["autocomplete"].as_bool().unwrap());
    assert_eq!(
        compare["integration_types"],
        serde_json::json!([0, 1]),
        "guild and user installs"
    );
    assert_eq!(
        compare["contexts"],
        serde_json::json!([0, 1, 2]),
        "guilds, bot DMs, private channels"
    );
    bot.terminate();
    assert_eq!(bot.wait_exit(T).await, 0);

    // Same definitions: a restart does not register again.
    let puts = || {
        standin
            .requests()
            .iter()
            .filter(|r| r.is("PUT", "/commands"))
            .count()
    };
    assert_eq!(puts(), 1);
    let mut bot = Bot::start_with(&["serve"], env.clone(), state.path().into());
    bot.wait_log(&["command definitions unchanged"], T).await;
    assert_eq!(puts(), 1);
    bot.terminate();
    assert_eq!(bot.wait_exit(T).await, 0);

    // `rolecall register` registers now.
    let mut reg = Bot::start_with(&["register"], env, state.path().into());
    assert_eq!(reg.wait_exit(T).await, 0, "{}", reg.log());
    assert_eq!(puts(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_shuts_down_cleanly_and_the_token_is_never_logged() {
    let standin = Standin::start(TOKEN).await;
    let state = tempfile::tempdir().unwrap();
    let mut env = botproc::env(&standin.base(), TOKEN, state.path());
    env.retain(|(k, _)| k != "RUST_LOG");
    env.push(("RUST_LOG".into(), "trace".into()));
    let mut bot = Bot::start_with(&["serve"], env, state.path().into());
    standin.wait_ready(T).await.unwrap();
    interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], guild()),
    )
    .await;
    bot.terminate();
    bot.wait_log(&["shut down cleanly"], T).await;
    assert_eq!(bot.wait_exit(T).await, 0);
    assert!(!bot.log().contains(TOKEN), "the token appeared in the log");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_or_rejected_token_is_one_clear_line() {
    let standin = Standin::start(TOKEN).await;
    let state = tempfile::tempdir().unwrap();
    let mut env = botproc::env(&standin.base(), "", state.path());
    let mut bot = Bot::start_with(&["serve"], env.clone(), state.path().into());
    assert_eq!(bot.wait_exit(T).await, 1);
    let line = bot.wait_log(&["DISCORD_TOKEN is not set"], T).await;
    assert!(line.starts_with("error:"));
    assert!(!bot.log().contains("panicked") && !bot.log().contains("backtrace"));

    standin.reject_token(true);
    env.retain(|(k, _)| k != "DISCORD_TOKEN");
    env.push(("DISCORD_TOKEN".into(), "wrong-token".into()));
    let mut bot = Bot::start_with(&["serve"], env, state.path().into());
    assert_ne!(bot.wait_exit(T).await, 0);
    bot.wait_log(&["Discord rejected the token"], T).await;
    assert!(!bot.log().contains("wrong-token"));
    assert!(!bot.log().contains("panicked"));
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_data_stops_the_bot_with_file_and_line() {
    let standin = Standin::start(TOKEN).await;
    let state = tempfile::tempdir().unwrap();
    let data = common::copy_of_data();
    let path = data.path().join("projections.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("\t4.3\t", "\tlots\t", 1);
    std::fs::write(&path, text).unwrap();
    let mut env = botproc::env(&standin.base(), TOKEN, state.path());
    env.retain(|(k, _)| k != "ROLECALL_DATA");
    env.push(("ROLECALL_DATA".into(), data.path().to_str().unwrap().into()));
    let mut bot = Bot::start_with(&["serve"], env, state.path().into());
    assert_eq!(bot.wait_exit(T).await, 3);
    bot.wait_log(&["projections.tsv:3: field `change_pct`"], T)
        .await;
    assert_eq!(standin.identify_count(), 0, "never connected");
}

#[tokio::test(flavor = "multi_thread")]
async fn with_a_guild_id_commands_are_registered_in_that_guild_only() {
    let standin = Standin::start(TOKEN).await;
    let state = tempfile::tempdir().unwrap();
    let mut env = botproc::env(&standin.base(), TOKEN, state.path());
    env.retain(|(k, _)| k != "DISCORD_GUILD_ID");
    env.push(("DISCORD_GUILD_ID".into(), GUILD_ID.to_string()));
    let bot = Bot::start_with(&["serve"], env, state.path().into());
    standin.wait_ready(T).await.unwrap();
    bot.wait_log(&["registered 14 commands", &GUILD_ID.to_string()], T)
        .await;
    assert_eq!(standin.commands(Some(GUILD_ID)).len(), 14);
    assert!(
        standin.commands(None).is_empty(),
        "nothing registered globally"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cards_read_well_names_agree_places_are_named_and_counts_are_grouped() {
    let (standin, _bot) = start().await;
    let cb = interact(
        &standin,
        fixtures::slash(
            "compare",
            &[
                ("first", "registered nurse"),
                ("second", "cto"),
                ("place", "ohio"),
            ],
            guild(),
        ),
    )
    .await;
    let e = embed(&cb.body);
    let said = e["description"].as_str().unwrap();
    assert!(
        said.contains("Chief Technology Officer pays ") && said.contains("at the median in Ohio."),
        "{said}"
    );
    assert!(
        said.contains("Registered Nurses typically need a bachelor's degree")
            || said.contains("Both typically need a bachelor's degree"),
        "{said}"
    );
    assert!(!said.contains(" there"), "{said}");
    let text = all_text(e);
    assert!(
        text.contains("*Figures for Computer and Information Systems Managers (11-3021.00)*"),
        "{text}"
    );

    let cb = interact(
        &standin,
        fixtures::slash("career", &[("role", "registered nurse")], guild()),
    )
    .await;
    let description = embed(&cb.body)["description"].as_str().unwrap();
    let also = description
        .split("Also called: ")
        .nth(1)
        .expect("also called");
    assert!(
        also.starts_with("Charge Nurse, Emergency Department RN,"),
        "the names people use first: {also}"
    );
    assert!(!also.contains("CCU"), "{also}");

    let cb = interact(&standin, fixtures::slash("about", &[], guild())).await;
    let about = all_text(embed(&cb.body));
    assert!(
        about.contains("1,011 careers") && about.contains(" names, 583 places"),
        "{about}"
    );
    assert!(!about.contains("areas"), "{about}");
}
