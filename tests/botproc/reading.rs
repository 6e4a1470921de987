//! Reading what the bot sent: the callback for an interaction, its embed, its text and its
//! component ids. Shared by the bot's end-to-end tests.

use crate::standin::fixtures;
use crate::standin::{Recorded, Standin, matching};
use serde_json::Value;
use std::time::Duration;

const T: Duration = Duration::from_secs(30);

/// Sends an interaction and returns what its user sees: the callback the bot made for it, or,
/// when the bot deferred (type 5 "thinking…", or 6 after a click), the message that then
/// replaced it, as `{"type": 5|6, "data": message}` with the flags the deferral set (as
/// Discord keeps them). Fails if the first response missed Discord's 3-second deadline.
pub async fn interact(standin: &Standin, d: Value) -> Recorded {
    let id = fixtures::interaction_id(&d);
    let token = fixtures::interaction_token(&d);
    standin.dispatch("INTERACTION_CREATE", d).await;
    let cb = standin
        .expect_request(matching("POST", &format!("/interactions/{id}/")), T)
        .await
        .unwrap();
    assert!(
        (200..300).contains(&cb.status),
        "the first response to interaction {id} was refused: {cb}\n{}",
        cb.response
    );
    let kind = cb.body["type"].as_u64();
    if !matches!(kind, Some(5 | 6)) {
        return cb;
    }
    let answer = standin
        .expect_request(
            |r| {
                r.path.contains("/webhooks/")
                    && r.path.contains(&token)
                    && matches!(r.method.as_str(), "POST" | "PATCH")
            },
            T,
        )
        .await
        .unwrap();
    let mut data = answer.body.clone();
    if kind == Some(5) {
        data["flags"] = cb.body["data"]["flags"].clone();
    }
    Recorded {
        body: serde_json::json!({ "type": kind, "data": data }),
        ..answer
    }
}

/// The message part of a callback body (`data`), or a message body as it is.
pub fn message(body: &Value) -> &Value {
    if body.get("data").is_some() {
        &body["data"]
    } else {
        body
    }
}

/// The first embed of a callback or message body.
pub fn embed(body: &Value) -> &Value {
    &message(body)["embeds"][0]
}

/// An embed's title, description, fields and footer, as one text to search.
pub fn all_text(e: &Value) -> String {
    let mut s = format!(
        "{}\n{}\n",
        e["title"].as_str().unwrap_or(""),
        e["description"].as_str().unwrap_or("")
    );
    for f in e["fields"].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "{}\n{}\n",
            f["name"].as_str().unwrap(),
            f["value"].as_str().unwrap()
        ));
    }
    s.push_str(e["footer"]["text"].as_str().unwrap_or(""));
    s
}

/// The custom_ids of every component on a callback or message body.
pub fn custom_ids(body: &Value) -> Vec<String> {
    message(body)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}
