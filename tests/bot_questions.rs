//! Questions in Discord end to end: `/ask`, `/help`, the new answers (outlook, where a career
//! pays most, education) and follow-ups by replying to an answer, with the real bot against
//! the stand-in and every figure checked against data/.

mod botproc;
mod common;
mod standin;

use botproc::Bot;
use botproc::reading::{all_text, custom_ids, embed, interact};
use common::{data_dir, dollars, table_row};
use serde_json::Value;
use standin::fixtures::{self, Where};
use standin::{Recorded, Standin, matching};
use std::time::Duration;

const T: Duration = Duration::from_secs(30);
const USER: u64 = 1_200_000_000_000_000_001;

fn guild() -> Where {
    Where::guild(USER)
}

async fn start() -> (Standin, Bot) {
    botproc::connected().await
}

/// Sends a chat message and returns the bot's answer to it (a channel message that
/// references it).
async fn answer_to(standin: &Standin, message: Value) -> Recorded {
    let id = message["id"].as_str().unwrap().to_string();
    standin.dispatch("MESSAGE_CREATE", message).await;
    loop {
        let sent = standin
            .expect_request(matching("POST", "/messages"), T)
            .await
            .unwrap();
        if sent.body["message_reference"]["message_id"] == id.as_str() {
            return sent;
        }
    }
}

/// The bot's answer as Discord would deliver it inside a reply (`referenced_message`).
fn as_message(sent: &Recorded) -> Value {
    fixtures::message_from_body(guild().channel_id(), &sent.body, &[], false)
}

/// The median annual pay in the state that pays a career most, from pay.tsv itself.
fn top_state(figures_code: &str) -> (String, String) {
    let areas = std::fs::read_to_string(data_dir().join("areas.tsv")).unwrap();
    let states: std::collections::HashMap<&str, &str> = areas
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f[1] == "state")
        .map(|f| (f[0], f[3]))
        .collect();
    let pay = std::fs::read_to_string(data_dir().join("pay.tsv")).unwrap();
    let mut lines = pay.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (code, area, median) = (col("code"), col("area_code"), col("annual_median"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f[code] == figures_code && states.contains_key(f[area]))
        .filter_map(|f| {
            f[median]
                .parse::<u64>()
                .ok()
                .map(|m| (m, f[area].to_string()))
        })
        .max()
        .map(|(m, a)| (states[a.as_str()].to_string(), dollars(&m.to_string())))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn ask_help_and_the_new_answers_as_slash_commands() {
    let (standin, bot) = start().await;

    let cb = interact(
        &standin,
        fixtures::slash(
            "ask",
            &[("question", "are electricians in demand?")],
            guild(),
        ),
    )
    .await;
    let e = embed(&cb.body);
    assert_eq!(e["title"], "Outlook: Electricians", "{}", bot.log());
    let ep = table_row("projections.tsv", &["47-2111"]);
    let all = table_row("projections.tsv", &["00-0000"]);
    let text = all_text(e);
    assert!(text.contains(&format!("+{}%", ep["change_pct"])), "{text}");
    assert!(
        text.contains(&format!("+{}%", all["change_pct"])),
        "compared with all occupations: {text}"
    );

    let cb = interact(&standin, fixtures::slash("help", &[], guild())).await;
    let text = all_text(embed(&cb.body));
    assert!(
        text.contains("You can ask") && text.contains("/outlook"),
        "{text}"
    );

    let cb = interact(
        &standin,
        fixtures::slash("top-places", &[("role", "registered nurse")], guild()),
    )
    .await;
    let e = embed(&cb.body);
    assert_eq!(e["title"], "Highest-paying places: Registered Nurses");
    let states = e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "States")
        .unwrap()["value"]
        .as_str()
        .unwrap()
        .to_string();
    let (name, median) = top_state("29-1141");
    assert!(
        states.starts_with(&format!("1. {name} — {median}")),
        "{states}"
    );

    let cb = interact(
        &standin,
        fixtures::slash("education", &[("role", "plumber")], guild()),
    )
    .await;
    let e = embed(&cb.body);
    assert_eq!(
        e["title"],
        "Education: Plumbers, Pipefitters, and Steamfitters"
    );
    let edu = table_row("projections.tsv", &["47-2152"])["education"].clone();
    assert!(all_text(e).contains(&edu), "{}", all_text(e));

    // Not a career question: what can be asked, to the asker only.
    let cb = interact(
        &standin,
        fixtures::slash("ask", &[("question", "tell me a joke")], guild()),
    )
    .await;
    assert_eq!(cb.body["data"]["flags"], 64, "ephemeral");
    assert_eq!(embed(&cb.body)["title"], "I didn't get that");
    assert!(all_text(embed(&cb.body)).contains("You can ask"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_to_an_answer_is_read_in_its_context() {
    let (standin, bot) = start().await;
    let first = answer_to(
        &standin,
        fixtures::message(
            &format!("<@{}> how much does a nurse make in Ohio?", standin::BOT_ID),
            true,
            guild(),
        ),
    )
    .await;
    assert_eq!(embed(&first.body)["title"], "Pay: Registered Nurses");
    assert!(
        custom_ids(&first.body)
            .first()
            .is_some_and(|id| id.contains("29-1141.00") && id.contains("3900000")),
        "the answer carries what it answered: {:?}",
        custom_ids(&first.body)
    );

    // Another place.
    let texas = answer_to(
        &standin,
        fixtures::reply_to("and in Texas?", &as_message(&first), guild()),
    )
    .await;
    let e = embed(&texas.body);
    assert_eq!(e["title"], "Pay: Registered Nurses", "{}", bot.log());
    let tx = table_row("pay.tsv", &["29-1141", "4800000"]);
    assert!(all_text(e).contains(&dollars(&tx["annual_median"])));

    // Another career, in the place the answer was about.
    let electricians = answer_to(
        &standin,
        fixtures::reply_to("what about electricians?", &as_message(&texas), guild()),
    )
    .await;
    let e = embed(&electricians.body);
    assert_eq!(e["title"], "Pay: Electricians");
    let tx = table_row("pay.tsv", &["47-2111", "4800000"]);
    assert!(all_text(e).contains(&dollars(&tx["annual_median"])));

    // A career beside it.
    let compared = answer_to(
        &standin,
        fixtures::reply_to(
            "compare with a plumber",
            &as_message(&electricians),
            guild(),
        ),
    )
    .await;
    assert_eq!(
        embed(&compared.body)["title"],
        "Electricians vs Plumbers, Pipefitters, and Steamfitters"
    );

    // "thanks!" needs no answer; the question after it gets one, and nothing answered the
    // thanks before it.
    let thanks = fixtures::reply_to("thanks!", &as_message(&compared), guild());
    let thanks_id = thanks["id"].as_str().unwrap().to_string();
    standin.dispatch("MESSAGE_CREATE", thanks).await;
    let outlook = answer_to(
        &standin,
        fixtures::reply_to("and the outlook?", &as_message(&compared), guild()),
    )
    .await;
    assert_eq!(embed(&outlook.body)["title"], "Outlook: Electricians");
    assert!(
        standin
            .requests()
            .iter()
            .all(|r| r.body["message_reference"]["message_id"] != thanks_id.as_str()),
        "thanks! was not answered"
    );
}
