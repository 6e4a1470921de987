//! Moderators editing the dataset from Discord, end to end against the stand-in: scopes,
//! permissions (also for replayed buttons), confirmation and conflicts, history and undo,
//! persistence across a restart and a `kill -9`.

mod botproc;
mod common;
mod standin;

use botproc::reading::{self, interact};
use botproc::{Bot, TOKEN};
use common::{dollars, table_row};
use rolecall::store::{Scope, Store, sqlite::SqliteStore};
use serde_json::{Value, json};
use standin::fixtures::{self, Where, opt, sub};
use standin::{GUILD_ID, OTHER_GUILD_ID, Recorded, Standin, matching};
use std::time::Duration;

const T: Duration = Duration::from_secs(30);
const MOD: u64 = 1_200_000_000_000_000_011;
const MOD2: u64 = 1_200_000_000_000_000_012;
const MEMBER: u64 = 1_200_000_000_000_000_013;
/// Manage Server.
const MANAGE_GUILD: &str = "32";

fn moderator(user: u64) -> Where {
    Where::Guild {
        guild_id: GUILD_ID,
        user_id: user,
        permissions: MANAGE_GUILD,
    }
}

fn member() -> Where {
    Where::Guild {
        guild_id: GUILD_ID,
        user_id: MEMBER,
        permissions: "0",
    }
}

fn group(name: &str, options: Vec<Value>) -> Value {
    json!({ "name": name, "type": 2, "options": options })
}

fn embed(r: &Recorded) -> &Value {
    reading::embed(&r.body)
}

fn text(r: &Recorded) -> String {
    reading::all_text(embed(r))
}

fn custom_ids(r: &Recorded) -> Vec<String> {
    reading::custom_ids(&r.body)
}

/// The value poise registered for a choice of the `field` option.
fn field_value(standin: &Standin, label: &str) -> Value {
    let cmds = standin.commands(None);
    let dataset = cmds
        .iter()
        .find(|c| c["name"] == "dataset")
        .expect("/dataset registered");
    let figure = dataset["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "figure")
        .unwrap();
    let set = &figure["options"][0];
    let field = set["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "field")
        .unwrap();
    field["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == label)
        .unwrap()["value"]
        .clone()
}

/// `/dataset figure set` → the confirmation's Confirm custom_id.
async fn propose(
    standin: &Standin,
    at: Where,
    role: &str,
    value: &str,
    location: &str,
) -> Recorded {
    let median = field_value(standin, "median pay (annual)");
    let set = sub(
        "set",
        vec![
            opt("role", role),
            opt("field", median),
            opt("value", value),
            opt("source", "Ohio Nurses survey 2026"),
            opt("place", location),
        ],
    );
    interact(
        standin,
        fixtures::slash_with("dataset", vec![group("figure", vec![set])], at),
    )
    .await
}

fn confirm_id(r: &Recorded) -> String {
    custom_ids(r)
        .into_iter()
        .find(|i| i.starts_with("rc1|k|"))
        .unwrap_or_else(|| panic!("no confirm button: {}", r.body))
}

async fn salary(standin: &Standin, at: Where) -> String {
    text(
        &interact(
            standin,
            fixtures::slash("salary", &[("role", "nurse"), ("place", "ohio")], at),
        )
        .await,
    )
}

async fn start(state: &std::path::Path) -> (Standin, Bot) {
    botproc::connected_in(state).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moderators_salary_shows_in_that_guild_only_and_survives_a_restart() {
    let state = tempfile::tempdir().unwrap();
    let (standin, mut bot) = start(state.path()).await;
    let published = dollars(&table_row("pay.tsv", &["29-1141", "3900000"])["annual_median"]);

    let preview = propose(
        &standin,
        moderator(MOD),
        "registered nurse",
        "$91,500",
        "ohio",
    )
    .await;
    assert_eq!(preview.body["data"]["flags"], 64);
    assert!(
        text(&preview).contains("Median pay for Registered Nurses in Ohio set to $91,500"),
        "{}",
        text(&preview)
    );
    let done = interact(
        &standin,
        fixtures::button(&confirm_id(&preview), moderator(MOD)),
    )
    .await;
    assert!(text(&done).starts_with("Done"), "{}", text(&done));

    let here = salary(&standin, Where::guild(MEMBER)).await;
    assert!(here.contains("$91,500"), "{here}");
    assert!(
        here.contains("edited by a moderator on") && here.contains("Ohio Nurses survey 2026"),
        "{here}"
    );
    assert!(
        here.contains(&published),
        "the published figure stays visible: {here}"
    );
    let elsewhere = salary(
        &standin,
        Where::Guild {
            guild_id: OTHER_GUILD_ID,
            user_id: MEMBER,
            permissions: "0",
        },
    )
    .await;
    assert!(
        !elsewhere.contains("$91,500") && elsewhere.contains(&published),
        "{elsewhere}"
    );
    let dm = salary(&standin, Where::dm(MEMBER)).await;
    assert!(!dm.contains("$91,500"), "{dm}");

    // A restart keeps it.
    bot.terminate();
    assert_eq!(bot.wait_exit(T).await, 0);
    drop(standin);
    let (standin, _bot) = start(state.path()).await;
    assert!(
        salary(&standin, Where::guild(MEMBER))
            .await
            .contains("$91,500")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn members_without_permission_are_refused_also_when_replaying_a_button() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    let refused = propose(&standin, member(), "registered nurse", "95000", "ohio").await;
    assert_eq!(refused.body["data"]["flags"], 64);
    assert!(
        text(&refused).contains("You need the Manage Server permission"),
        "{}",
        text(&refused)
    );

    // A moderator's pending change, confirmed by hand by a member with the button's id.
    let preview = propose(
        &standin,
        moderator(MOD),
        "registered nurse",
        "95000",
        "ohio",
    )
    .await;
    let replay = interact(&standin, fixtures::button(&confirm_id(&preview), member())).await;
    assert!(
        text(&replay).contains("You need the Manage Server permission"),
        "{}",
        text(&replay)
    );
    // …or in another guild, where the pending change does not exist.
    let other = Where::Guild {
        guild_id: OTHER_GUILD_ID,
        user_id: MOD,
        permissions: MANAGE_GUILD,
    };
    let elsewhere = interact(&standin, fixtures::button(&confirm_id(&preview), other)).await;
    assert!(
        text(&elsewhere).contains("no longer open")
            && text(&elsewhere).contains("Nothing was changed"),
        "{}",
        text(&elsewhere)
    );
    assert!(
        !salary(&standin, Where::guild(MEMBER))
            .await
            .contains("$95,000"),
        "nothing changed"
    );

    // Direct edits and history are guarded too.
    let alias = sub(
        "add",
        vec![opt("role", "registered nurse"), opt("name", "floor nurse")],
    );
    let r = interact(
        &standin,
        fixtures::slash_with("dataset", vec![group("alias", vec![alias])], member()),
    )
    .await;
    assert!(text(&r).contains("You need the Manage Server permission"));
    let h = interact(
        &standin,
        fixtures::slash_with("dataset", vec![sub("history", vec![])], member()),
    )
    .await;
    assert!(text(&h).contains("You need the Manage Server permission"));
    // Owners may edit the data everyone sees from a DM; nobody else may.
    let dm = interact(
        &standin,
        fixtures::slash_with(
            "dataset",
            vec![sub("hide", vec![opt("role", "actuary")])],
            Where::dm(MEMBER),
        ),
    )
    .await;
    assert!(text(&dm).contains("Only the bot's owners"), "{}", text(&dm));
}

#[tokio::test(flavor = "multi_thread")]
async fn two_concurrent_edits_give_one_conflict() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    let a = propose(
        &standin,
        moderator(MOD),
        "registered nurse",
        "90000",
        "ohio",
    )
    .await;
    let b = propose(
        &standin,
        moderator(MOD2),
        "registered nurse",
        "99000",
        "ohio",
    )
    .await;
    // Both confirmed at the same moment: exactly one is applied, the other is told who won.
    let (first, second) = tokio::join!(
        interact(&standin, fixtures::button(&confirm_id(&a), moderator(MOD))),
        interact(&standin, fixtures::button(&confirm_id(&b), moderator(MOD2))),
    );
    let (first, second) = (text(&first), text(&second));
    let (won, lost, value) = match (first.starts_with("Done"), second.starts_with("Done")) {
        (true, false) => (&first, &second, "$90,000"),
        (false, true) => (&second, &first, "$99,000"),
        _ => panic!("not exactly one applied:\n{first}\n---\n{second}"),
    };
    assert!(won.starts_with("Done"), "{won}");
    assert!(
        lost.contains("Not changed")
            && lost.contains("changed this meanwhile")
            && lost.contains(value),
        "{lost}"
    );
    assert!(
        salary(&standin, Where::guild(MEMBER)).await.contains(value),
        "the winner's figure is the one shown"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn history_lists_changes_and_undo_restores() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    let published = dollars(&table_row("pay.tsv", &["29-1141", "3900000"])["annual_median"]);
    let p = propose(
        &standin,
        moderator(MOD),
        "registered nurse",
        "90000",
        "ohio",
    )
    .await;
    interact(&standin, fixtures::button(&confirm_id(&p), moderator(MOD))).await;
    let alias = sub(
        "add",
        vec![opt("role", "registered nurse"), opt("name", "floor nurse")],
    );
    let added = interact(
        &standin,
        fixtures::slash_with(
            "dataset",
            vec![group("alias", vec![alias])],
            moderator(MOD2),
        ),
    )
    .await;
    assert!(
        text(&added).contains("Name “floor nurse” added to Registered Nurses"),
        "{}",
        text(&added)
    );
    // The new name resolves here.
    let r = interact(
        &standin,
        fixtures::slash("career", &[("role", "floor nurse")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(embed(&r)["title"], "Registered Nurses");

    let h = interact(
        &standin,
        fixtures::slash_with("dataset", vec![sub("history", vec![])], moderator(MOD)),
    )
    .await;
    let t = text(&h);
    assert!(
        t.contains("#2") && t.contains("floor nurse") && t.contains("#1") && t.contains("$90,000"),
        "{t}"
    );
    assert!(
        t.find("#2").unwrap() < t.find("#1").unwrap(),
        "newest first: {t}"
    );

    // Undo the salary (#1): the published figure is back.
    let u = interact(
        &standin,
        fixtures::slash_with(
            "dataset",
            vec![sub("undo", vec![opt("change", 1)])],
            moderator(MOD),
        ),
    )
    .await;
    assert!(text(&u).contains("Undid #1"), "{}", text(&u));
    let s = salary(&standin, Where::guild(MEMBER)).await;
    assert!(!s.contains("$90,000") && s.contains(&published), "{s}");
    let again = interact(
        &standin,
        fixtures::slash_with(
            "dataset",
            vec![sub("undo", vec![opt("change", 1)])],
            moderator(MOD),
        ),
    )
    .await;
    assert!(text(&again).contains("already undone"), "{}", text(&again));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kill_9_during_a_burst_of_edits_loses_no_acknowledged_edit() {
    let state = tempfile::tempdir().unwrap();
    let (standin, mut bot) = start(state.path()).await;
    let mut feed = standin.subscribe();
    const N: usize = 40;
    let mut names = std::collections::HashMap::new();
    for i in 0..N {
        let name = format!("burst name {i}");
        let alias = sub(
            "add",
            vec![opt("role", "actuary"), opt("name", name.as_str())],
        );
        let d = fixtures::slash_with("dataset", vec![group("alias", vec![alias])], moderator(MOD));
        names.insert(fixtures::interaction_token(&d), name);
        standin.dispatch_raw("INTERACTION_CREATE", d).await;
    }
    // Kill the bot once some edits are acknowledged ("Done" shown: the answer that replaces
    // the deferred "thinking…") and others are still in flight.
    let mut acknowledged = Vec::new();
    while acknowledged.len() < N / 4 {
        let r = feed.recv().await.unwrap();
        let done = reading::embed(&r.body)["title"] == "Done";
        if let Some((_, name)) = names
            .iter()
            .find(|(token, _)| r.path.contains(token.as_str()))
            && done
        {
            acknowledged.push(name.clone());
        }
    }
    let pid = bot.child.id().unwrap().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert_ne!(bot.wait_exit(T).await, 0);

    let store = SqliteStore::open(&state.path().join("rolecall.sqlite")).expect("opens clean");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let saved: Vec<String> = store
        .entries(Scope::Guild(GUILD_ID))
        .unwrap()
        .iter()
        .filter_map(|e| e.value["text"].as_str().map(str::to_string))
        .collect();
    for name in &acknowledged {
        assert!(
            saved.contains(name),
            "acknowledged edit “{name}” lost; saved: {saved:?}"
        );
    }
    assert!(saved.len() >= acknowledged.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn export_then_import_a_valid_file_and_refuse_a_malformed_one() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    let p = propose(
        &standin,
        moderator(MOD),
        "registered nurse",
        "90000",
        "ohio",
    )
    .await;
    interact(&standin, fixtures::button(&confirm_id(&p), moderator(MOD))).await;

    // Export: a JSON attachment with the change in it.
    let e = interact(
        &standin,
        fixtures::slash_with("dataset", vec![sub("export", vec![])], moderator(MOD)),
    )
    .await;
    let file = e.files.first().expect("an attachment");
    assert_eq!(file.filename, "rolecall-edits.json");
    let exported = String::from_utf8(file.data.clone()).unwrap();
    assert!(
        exported.contains("figure/29-1141.00/3900000/annual_median") && exported.contains("90000"),
        "{exported}"
    );

    // Import that file into the other guild: a preview, then applied on confirm.
    let other = Where::Guild {
        guild_id: OTHER_GUILD_ID,
        user_id: MOD,
        permissions: MANAGE_GUILD,
    };
    let url = standin.host_file("edits.json", exported.as_bytes());
    let d = fixtures::with_attachment(
        fixtures::slash_with("dataset", vec![sub("import", vec![])], other),
        &["import"],
        "file",
        "edits.json",
        &url,
        exported.len(),
    );
    let preview = interact(&standin, d).await;
    let t = text(&preview);
    assert!(
        t.contains("1 change") && t.contains("Median pay for Registered Nurses in Ohio"),
        "{t}"
    );
    let before = salary(
        &standin,
        Where::Guild {
            guild_id: OTHER_GUILD_ID,
            user_id: MEMBER,
            permissions: "0",
        },
    )
    .await;
    assert!(
        !before.contains("$90,000"),
        "nothing applied before confirming"
    );
    interact(&standin, fixtures::button(&confirm_id(&preview), other)).await;
    let after = salary(
        &standin,
        Where::Guild {
            guild_id: OTHER_GUILD_ID,
            user_id: MEMBER,
            permissions: "0",
        },
    )
    .await;
    assert!(after.contains("$90,000"), "{after}");

    // A malformed CSV: refused with the line and the reason; nothing applied.
    let csv = "key,value\nhidden/15-2011.00,true\nfigure/29-1141.00/0000000/annual_median,{\"value\": -5, \"source\": \"x\"}\n";
    let url = standin.host_file("bad.csv", csv.as_bytes());
    let d = fixtures::with_attachment(
        fixtures::slash_with("dataset", vec![sub("import", vec![])], moderator(MOD)),
        &["import"],
        "file",
        "bad.csv",
        &url,
        csv.len(),
    );
    let refused = interact(&standin, d).await;
    let t = text(&refused);
    assert!(
        t.contains("bad.csv is refused") && t.contains("line 3"),
        "{t}"
    );
    let r = interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(
        embed(&r)["title"],
        "Actuaries",
        "the valid first line was not applied either"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn forms_are_pre_filled_guarded_and_conflict_checked() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    let open = |at: Where, sub_name: &'static str| {
        fixtures::slash_with(
            "dataset",
            vec![sub(sub_name, vec![opt("role", "actuary")])],
            at,
        )
    };
    let form = interact(&standin, open(moderator(MOD), "edit")).await;
    assert_eq!(form.body["type"], 9, "a modal: {}", form.body);
    let id = form.body["data"]["custom_id"].as_str().unwrap().to_string();
    assert_eq!(id, "rc1|t|15-2011.00|");
    assert_eq!(
        form.body["data"]["components"][0]["components"][0]["value"], "Actuaries",
        "pre-filled"
    );
    // Another moderator opens the same form before the first submits.
    let form2 = interact(&standin, open(moderator(MOD2), "edit")).await;
    let id2 = form2.body["data"]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();

    // A member replaying the submission by hand is refused.
    let fields = [
        ("title", "Risk Actuaries"),
        ("description", "Measure and price risk."),
    ];
    let forged = interact(&standin, fixtures::modal_submit(&id, &fields, member())).await;
    assert!(
        text(&forged).contains("You need the Manage Server permission"),
        "{}",
        text(&forged)
    );

    let done = interact(
        &standin,
        fixtures::modal_submit(&id, &fields, moderator(MOD)),
    )
    .await;
    assert!(text(&done).starts_with("Done"), "{}", text(&done));
    let card = interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(embed(&card)["title"], "Risk Actuaries");
    assert!(text(&card).contains("Measure and price risk."));

    let late = interact(
        &standin,
        fixtures::modal_submit(
            &id2,
            &[("title", "Actuaries (old)"), ("description", "x")],
            moderator(MOD2),
        ),
    )
    .await;
    assert!(
        text(&late).contains("Not changed") && text(&late).contains("changed this meanwhile"),
        "{}",
        text(&late)
    );

    // Responsibilities, one per line.
    let tasks = interact(&standin, open(moderator(MOD), "responsibilities")).await;
    let tid = tasks.body["data"]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let list = "Price insurance policies\n• Model mortality\n\n- Explain risk to executives";
    let done = interact(
        &standin,
        fixtures::modal_submit(&tid, &[("tasks", list)], moderator(MOD)),
    )
    .await;
    assert!(text(&done).contains("3 items"), "{}", text(&done));
    let r = interact(
        &standin,
        fixtures::slash(
            "responsibilities",
            &[("role", "actuary")],
            Where::guild(MEMBER),
        ),
    )
    .await;
    let d = embed(&r)["description"].as_str().unwrap().to_string();
    assert!(
        d.contains("• Model mortality") && d.contains("• Explain risk to executives"),
        "{d}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_moderator_role_may_edit_and_every_change_reaches_the_modlog() {
    const ROLE: u64 = 1_400_000_000_000_000_001;
    const MODLOG: u64 = 1_400_000_000_000_000_002;
    let state = tempfile::tempdir().unwrap();
    {
        // The guild's settings, as /dataset settings stores them.
        let store = SqliteStore::open(&state.path().join("rolecall.sqlite")).unwrap();
        let s = rolecall::store::GuildSettings {
            moderator_role: Some(ROLE),
            modlog_channel: Some(MODLOG),
        };
        store.set_settings(GUILD_ID, &s).unwrap();
    }
    let (standin, _bot) = start(state.path()).await;
    let add = sub(
        "add",
        vec![
            opt("name", "Developer Advocate"),
            opt("description", "Helps developers succeed with a product."),
            opt("figures_from", "software developers"),
        ],
    );
    let mut d = fixtures::slash_with("dataset", vec![add], member());
    d["member"]["roles"] = json!([ROLE.to_string()]);
    let done = interact(&standin, d).await;
    assert!(
        text(&done).contains("Role “Developer Advocate” added (figures: Software Developers)"),
        "{}",
        text(&done)
    );
    let posted = standin
        .expect_request(matching("POST", &format!("/channels/{MODLOG}/messages")), T)
        .await
        .unwrap();
    assert!(
        posted.body["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains("Developer Advocate")
    );
    assert_eq!(posted.body["allowed_mentions"]["parse"], json!([]));

    // The new role answers here, with its figures' occupation disclosed; not in another guild.
    let card = interact(
        &standin,
        fixtures::slash(
            "career",
            &[("role", "developer advocate")],
            Where::guild(MEMBER),
        ),
    )
    .await;
    assert_eq!(embed(&card)["title"], "Developer Advocate (curated role)");
    assert!(
        text(&card).contains("figures are those of Software Developers"),
        "{}",
        text(&card)
    );
    let other = interact(
        &standin,
        fixtures::slash(
            "career",
            &[("role", "developer advocate")],
            Where::Guild {
                guild_id: OTHER_GUILD_ID,
                user_id: MEMBER,
                permissions: "0",
            },
        ),
    )
    .await;
    assert_ne!(embed(&other)["title"], "Developer Advocate (curated role)");
}

#[tokio::test(flavor = "multi_thread")]
async fn owners_reload_data_and_a_broken_file_keeps_the_running_data() {
    let state = tempfile::tempdir().unwrap();
    let data = common::copy_of_data();
    let standin = Standin::start(TOKEN).await;
    let mut env = botproc::env(&standin.base(), TOKEN, state.path());
    env.retain(|(k, _)| k != "ROLECALL_DATA");
    env.push(("ROLECALL_DATA".into(), data.path().to_str().unwrap().into()));
    let bot = Bot::start_with(&["serve"], env, state.path().into());
    standin.wait_ready(T).await.unwrap();
    let owner = Where::dm(standin::OWNER_ID);
    let reload = || fixtures::slash_with("dataset", vec![sub("reload", vec![])], owner);

    let ok = interact(&standin, reload()).await;
    assert!(
        text(&ok).contains("Reloaded") && text(&ok).contains("1,011 careers"),
        "{}",
        text(&ok)
    );
    let not_owner = interact(
        &standin,
        fixtures::slash_with("dataset", vec![sub("reload", vec![])], moderator(MOD)),
    )
    .await;
    assert!(
        text(&not_owner).contains("Only the bot's owners"),
        "{}",
        text(&not_owner)
    );

    // Break a file by hand: the reload is refused with file and line, the bot keeps answering.
    let path = data.path().join("projections.tsv");
    let broken = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("\t4.3\t", "\tlots\t", 1);
    std::fs::write(&path, broken).unwrap();
    let refused = interact(&standin, reload()).await;
    let t = text(&refused);
    assert!(
        t.contains("Not reloaded") && t.contains("projections.tsv:3: field `change_pct`"),
        "{t}"
    );
    let card = interact(
        &standin,
        fixtures::slash("career", &[("role", "actuary")], Where::guild(MEMBER)),
    )
    .await;
    assert_eq!(embed(&card)["title"], "Actuaries");
    drop(bot);
}

#[tokio::test(flavor = "multi_thread")]
async fn history_pages_through_many_changes() {
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    for i in 0..12 {
        let alias = sub(
            "add",
            vec![
                opt("role", "actuary"),
                opt("name", format!("risk person {i}").as_str()),
            ],
        );
        interact(
            &standin,
            fixtures::slash_with("dataset", vec![group("alias", vec![alias])], moderator(MOD)),
        )
        .await;
    }
    let h = interact(
        &standin,
        fixtures::slash_with(
            "dataset",
            vec![sub("history", vec![opt("role", "actuary")])],
            moderator(MOD),
        ),
    )
    .await;
    assert!(
        embed(&h)["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Page 1 of 2 · 12 changes")
    );
    let older = custom_ids(&h)
        .into_iter()
        .find(|i| i.starts_with("rc1|h|2|"))
        .expect("an Older button");
    // The button is guarded too.
    let refused = interact(&standin, fixtures::button(&older, member())).await;
    assert!(text(&refused).contains("You need the Manage Server permission"));
    let p2 = interact(&standin, fixtures::button(&older, moderator(MOD))).await;
    assert!(
        embed(&p2)["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Page 2 of 2")
    );
    assert!(
        text(&p2).contains("risk person 0") && !text(&p2).contains("risk person 11"),
        "{}",
        text(&p2)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_need_manage_server_and_take_effect_at_once() {
    const ROLE: u64 = 1_400_000_000_000_000_011;
    const MODLOG: u64 = 1_400_000_000_000_000_012;
    let state = tempfile::tempdir().unwrap();
    let (standin, _bot) = start(state.path()).await;
    standin.add_channel(GUILD_ID, MODLOG);
    let settings_with = |at: Where, channel: u64| {
        let mut d = fixtures::slash_with(
            "dataset",
            vec![sub(
                "settings",
                vec![
                    json!({"name": "moderator_role", "type": 8, "value": ROLE.to_string()}),
                    json!({"name": "modlog_channel", "type": 7, "value": channel.to_string()}),
                ],
            )],
            at,
        );
        d["data"]["resolved"] = json!({
            "roles": { ROLE.to_string(): {
                "id": ROLE.to_string(), "name": "Career mods", "color": 0,
                "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
                "hoist": false, "icon": null, "unicode_emoji": null, "position": 1, "permissions": "0",
                "managed": false, "mentionable": false, "flags": 0
            } },
            "channels": { channel.to_string(): { "id": channel.to_string(), "name": "modlog", "type": 0, "permissions": "0" } }
        });
        d
    };
    let settings = |at: Where| settings_with(at, MODLOG);
    // Another server's channel, given by id, is refused: changes would be posted there.
    let elsewhere = interact(
        &standin,
        settings_with(moderator(MOD), standin::OTHER_CHANNEL_ID),
    )
    .await;
    assert!(
        text(&elsewhere).contains("not one of this server's channels"),
        "{}",
        text(&elsewhere)
    );
    // The moderator role cannot grant itself settings: Manage Server only.
    let refused = interact(&standin, settings(member())).await;
    assert!(
        text(&refused).contains("You need the Manage Server permission to change these settings"),
        "{}",
        text(&refused)
    );
    let set = interact(&standin, settings(moderator(MOD))).await;
    assert!(
        text(&set).contains(&format!("<@&{ROLE}>")) && text(&set).contains(&format!("<#{MODLOG}>")),
        "{}",
        text(&set)
    );
    assert_eq!(
        set.body["data"]["allowed_mentions"]["parse"],
        json!([]),
        "showing the role pings nobody"
    );

    // Now a member with that role may edit, and the change is posted to the modlog.
    let alias = sub(
        "add",
        vec![opt("role", "actuary"), opt("name", "risk modeller")],
    );
    let mut d = fixtures::slash_with("dataset", vec![group("alias", vec![alias])], member());
    d["member"]["roles"] = json!([ROLE.to_string()]);
    let done = interact(&standin, d).await;
    assert!(text(&done).starts_with("Done"), "{}", text(&done));
    standin
        .expect_request(matching("POST", &format!("/channels/{MODLOG}/messages")), T)
        .await
        .unwrap();
}
