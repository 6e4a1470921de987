//! The bot under hostile and unlucky conditions, end to end against the stand-in, which holds
//! the bot to Discord's 3-second deadline for a first response: slow downloads and a slow
//! modlog channel, a database locked by someone else, a client with an old copy of the
//! commands, a confirmation clicked too late, a career hidden in a server.

mod botproc;
mod common;
mod standin;

use botproc::Bot;
use botproc::reading::{self, interact};
use rolecall::store::{GuildSettings, Scope, Store, sqlite::SqliteStore};
use serde_json::{Value, json};
use standin::fixtures::{self, Where, opt, sub};
use standin::{CHANNEL_ID, GUILD_ID, Recorded, Standin, matching};
use std::time::Duration;

const T: Duration = Duration::from_secs(30);
const MOD: u64 = 1_200_000_000_000_000_021;
const MEMBER: u64 = 1_200_000_000_000_000_023;
/// Longer than Discord's deadline for a first response.
const SLOW: Duration = Duration::from_secs(4);

fn moderator() -> Where {
    Where::Guild {
        guild_id: GUILD_ID,
        user_id: MOD,
        permissions: "32",
    }
}

fn text(r: &Recorded) -> String {
    reading::all_text(reading::embed(&r.body))
}

fn db(state: &std::path::Path) -> std::path::PathBuf {
    state.join("rolecall.sqlite")
}

async fn start(state: &std::path::Path) -> (Standin, Bot) {
    botproc::connected_in(state).await
}

fn add_alias(name: &str) -> Value {
    let alias = sub("add", vec![opt("role", "actuary"), opt("name", name)]);
    fixtures::slash_with(
        "dataset",
        vec![json!({ "name": "alias", "type": 2, "options": [alias] })],
        moderator(),
    )
}

/// The names the guild's edits add, as saved.
fn saved_names(state: &std::path::Path) -> Vec<String> {
    SqliteStore::open(&db(state))
        .unwrap()
        .entries(Scope::Guild(GUILD_ID))
        .unwrap()
        .iter()
        .filter_map(|e| e.value["text"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_download_and_a_slow_modlog_do_not_make_the_bot_miss_discords_deadline() {
    let state = tempfile::tempdir().unwrap();
    // The guild posts every change to its modlog channel, which is slow to accept messages.
    SqliteStore::open(&db(state.path()))
        .unwrap()
        .set_settings(
            GUILD_ID,
            &GuildSettings {
                moderator_role: None,
                modlog_channel: Some(CHANNEL_ID),
            },
        )
        .unwrap();
    let (standin, bot) = start(state.path()).await;
    let modlog = format!("/channels/{CHANNEL_ID}/messages");
    standin.slow("POST", &modlog, SLOW);

    // An edit is answered at once; the modlog gets it afterwards.
    let done = interact(&standin, add_alias("quant risk person")).await;
    assert!(
        text(&done).starts_with("Done"),
        "{}\n{}",
        text(&done),
        bot.log()
    );
    let posted = standin
        .expect_request(matching("POST", &modlog), T)
        .await
        .unwrap();
    assert!(
        done.at < posted.at,
        "the answer did not wait for the modlog"
    );
    assert!(
        text(&posted).contains("quant risk person"),
        "{}",
        text(&posted)
    );

    // An import whose file takes longer to download than Discord waits for an answer.
    let csv = "key,value\nhidden/15-2011.00,true\n";
    let url = standin.host_file("slow.csv", csv.as_bytes());
    standin.slow("GET", "/attachments/slow.csv", SLOW);
    let d = fixtures::with_attachment(
        fixtures::slash_with("dataset", vec![sub("import", vec![])], moderator()),
        &["import"],
        "file",
        "slow.csv",
        &url,
        csv.len(),
    );
    let preview = interact(&standin, d).await;
    assert_eq!(
        preview.body["data"]["flags"], 64,
        "only the moderator sees it"
    );
    assert!(
        text(&preview).contains("Import: 1 change\n")
            && text(&preview).contains("Actuaries hidden"),
        "{}",
        text(&preview)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_database_gets_a_clear_answer_loses_nothing_and_does_not_stop_answers() {
    let state = tempfile::tempdir().unwrap();
    let (standin, bot) = start(state.path()).await;
    let before = interact(&standin, add_alias("risk quant before")).await;
    assert!(text(&before).starts_with("Done"), "{}", text(&before));

    // Someone else (a CLI import, a backup) holds the write lock.
    let other = rusqlite::Connection::open(db(state.path())).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let refused = interact(&standin, add_alias("risk quant during")).await;
    assert_eq!(refused.body["data"]["flags"], 64, "ephemeral");
    let t = text(&refused);
    assert!(
        t.contains("Edits database unavailable") && t.contains("nothing was changed"),
        "{t}\n{}",
        bot.log()
    );
    assert!(!t.contains("database is locked"), "no internal text: {t}");
    // Answers come from memory: they do not wait for the lock.
    let card = interact(
        &standin,
        fixtures::slash(
            "career",
            &[("role", "risk quant before")],
            Where::guild(MEMBER),
        ),
    )
    .await;
    assert_eq!(reading::embed(&card.body)["title"], "Actuaries");

    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    let after = interact(&standin, add_alias("risk quant after")).await;
    assert!(text(&after).starts_with("Done"), "{}", text(&after));
    let saved = saved_names(state.path());
    assert!(
        saved.contains(&"risk quant before".to_string()),
        "{saved:?}"
    );
    assert!(saved.contains(&"risk quant after".to_string()), "{saved:?}");
    assert!(
        !saved.contains(&"risk quant during".to_string()),
        "{saved:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_command_of_another_shape_is_answered_and_the_commands_registered_again_once() {
    let state = tempfile::tempdir().unwrap();
    let (standin, bot) = start(state.path()).await;
    let registered = |s: &Standin| {
        s.requests()
            .iter()
            .filter(|r| r.method == "PUT" && r.path.ends_with("/commands"))
            .count()
    };
    let at_start = registered(&standin);
    // Those registrations are not the one this test waits for below.
    for _ in 0..at_start {
        standin
            .expect_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), T)
            .await
            .unwrap();
    }

    // A client with an old definition sends a number where the command takes text.
    let mut d = fixtures::slash("career", &[("role", "actuary")], Where::guild(MEMBER));
    d["data"]["options"][0] = json!({ "name": "role", "type": 4, "value": 7 });
    let cb = interact(&standin, d).await;
    assert_eq!(cb.body["data"]["flags"], 64, "ephemeral: {}", cb.body);
    assert!(
        text(&cb).contains("older version of this command"),
        "{}\n{}",
        text(&cb),
        bot.log()
    );
    standin
        .expect_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), T)
        .await
        .unwrap();
    bot.wait_log(&["another shape", "career"], T).await;

    // A command this build does not have at all.
    let unknown = interact(
        &standin,
        fixtures::slash("salary-old", &[("role", "actuary")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(unknown.body["data"]["flags"], 64);
    assert!(
        text(&unknown).contains("older list of my commands"),
        "{}",
        text(&unknown)
    );
    // Registered again once per process, not once per stale click.
    let ok = interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(reading::embed(&ok.body)["title"], "Actuaries");
    assert_eq!(registered(&standin), at_start + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_confirmation_clicked_after_fifteen_minutes_says_it_expired_and_changes_nothing() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    // A change that waited for its Confirm button for 16 minutes.
    let store = SqliteStore::open(&db(state.path())).unwrap();
    let pending = json!({
        "changes": [{ "key": "hidden/15-2011.00", "after": true, "expected": null }],
        "summary": "Hide Actuaries",
    });
    let id = store
        .put_pending(
            Scope::Guild(GUILD_ID),
            &pending,
            rolecall::store::now_secs() - 16 * 60,
        )
        .unwrap();
    let late = interact(
        &standin,
        fixtures::button(&format!("rc1|k|{id}"), moderator()),
    )
    .await;
    assert!(
        text(&late).contains("expired (they last 15 minutes)"),
        "{}",
        text(&late)
    );
    assert!(store.entries(Scope::Guild(GUILD_ID)).unwrap().is_empty());
    let card = interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(reading::embed(&card.body)["title"], "Actuaries");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hidden_career_is_said_to_be_hidden_and_left_out_of_suggestions() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    let empty_box = |at: Where| fixtures::autocomplete("career", &[("role", "")], "role", at);
    let before = interact(&standin, empty_box(Where::guild(MEMBER))).await;
    let first = before.body["data"]["choices"][0]["value"]
        .as_str()
        .expect("suggestions for an empty box")
        .to_string();

    for role in ["actuary", first.as_str()] {
        let hide = fixtures::slash_with(
            "dataset",
            vec![sub("hide", vec![opt("role", role)])],
            moderator(),
        );
        let done = interact(&standin, hide).await;
        assert!(text(&done).starts_with("Done"), "{}", text(&done));
    }
    // Asked by name, the hidden career is named as hidden, not answered by another.
    let card = interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(card.body["data"]["flags"], 64);
    let t = text(&card);
    assert!(t.contains("Actuaries, which is hidden here"), "{t}");
    assert_ne!(
        reading::embed(&card.body)["title"],
        "Statistical Assistants"
    );
    // An empty box no longer suggests a career hidden here…
    let after = interact(&standin, empty_box(Where::guild(MEMBER))).await;
    let values: Vec<&str> = after.body["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["value"].as_str())
        .collect();
    assert!(!values.contains(&first.as_str()), "{values:?}");
    assert_eq!(values.len(), 25, "still a full list");
    // …but does elsewhere.
    let dm = interact(&standin, empty_box(Where::dm(MEMBER))).await;
    assert_eq!(dm.body["data"]["choices"][0]["value"], first.as_str());
}
