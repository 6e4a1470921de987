//! Pictures on the bot's cards, end to end: the real `rolecall serve` against the stand-in.
//! What a user would see is checked on what Discord would receive: the embed's image is
//! `attachment://<name>.png`, a file of that name was uploaded in the same request (a
//! multipart part beside `payload_json`), it decodes as a PNG of the chart's size, and it is
//! the picture of this answer: the same bytes the library draws for it, not another
//! answer's. The stand-in then links the embed to the stored attachment, as Discord does.

mod botproc;
mod common;
mod standin;

use botproc::Bot;
use botproc::reading::{custom_ids, embed, interact, message};
use rolecall::Rolecall;
use rolecall::chart::{self, Picture, SCALE};
use rolecall::question::Intent;
use serde_json::Value;
use standin::fixtures::{self, Where};
use standin::{BOT_ID, GUILD_ID, Recorded, Standin, matching};
use std::sync::OnceLock;
use std::time::Duration;

const T: Duration = Duration::from_secs(30);
const USER: u64 = 1_200_000_000_000_000_001;
const NURSE: &str = "29-1141.00";
const OHIO: &str = "3900000";

fn guild() -> Where {
    Where::guild(USER)
}

async fn start() -> (Standin, Bot) {
    botproc::connected().await
}

fn rc() -> &'static Rolecall {
    static RC: OnceLock<Rolecall> = OnceLock::new();
    RC.get_or_init(|| Rolecall::load(&common::data_dir()).expect("data loads"))
}

/// The pictures the library draws for a question's answer, on the shipped data.
fn pictures_for(intent: Intent) -> Vec<Picture> {
    let v = rc().view();
    let answer = v.answer_intent(intent).expect("answers");
    chart::pictures(&v, &answer)
}

fn salary(role: &str, place: Option<&str>) -> Vec<Picture> {
    pictures_for(Intent::Salary {
        role: role.into(),
        place: place.map(str::to_string),
    })
}

/// A PNG's size in pixels, decoded (not read from the header alone).
fn decoded_size(bytes: &[u8]) -> (u32, u32) {
    let mut r = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("the upload is a PNG");
    let mut buf = vec![0; r.output_buffer_size().expect("a size")];
    let info = r.next_frame(&mut buf).expect("one frame");
    (info.width, info.height)
}

/// The size a picture is drawn at: its layout's logical size at `SCALE`.
fn drawn_size(p: &Picture) -> (u32, u32) {
    let scene = match p {
        Picture::Range(c) => chart::range::layout(c).scene,
        Picture::Map(m) => chart::map::layout(m).scene,
    };
    (
        (scene.width * SCALE).ceil() as u32,
        (scene.height * SCALE).ceil() as u32,
    )
}

/// Asserts that the request shows exactly `expected`, in order: embed `i` (or the card's
/// first embed for the first picture) links `attachment://<name>`, the same request uploaded
/// a file of that name as a `files[n]` part, and the file is the PNG of that picture at its
/// size. Returns the uploaded bytes.
fn assert_shows(rec: &Recorded, expected: &[Picture]) -> Vec<Vec<u8>> {
    let m = message(&rec.body);
    let embeds = m["embeds"].as_array().expect("embeds");
    let names: Vec<&str> = rec.files.iter().map(|f| f.filename.as_str()).collect();
    let want: Vec<String> = expected
        .iter()
        .map(|p| format!("{}.png", p.kind()))
        .collect();
    assert_eq!(names, want, "the files uploaded with {rec}");
    let mut out = Vec::new();
    for (i, (p, name)) in expected.iter().zip(&want).enumerate() {
        assert_eq!(
            embeds[i]["image"]["url"],
            format!("attachment://{name}"),
            "embed {i} shows the uploaded {name}"
        );
        let file = &rec.files[i];
        assert!(
            file.field.starts_with("files["),
            "a multipart file part: {}",
            file.field
        );
        assert_eq!(
            payload_attachment(m, &file.field),
            Some(name.as_str()),
            "payload_json names the part"
        );
        assert_eq!(decoded_size(&file.data), drawn_size(p), "{name}'s size");
        assert!(
            file.data == p.png().expect("the library draws it"),
            "{name} is the picture of this answer"
        );
        out.push(file.data.clone());
    }
    // No image without its file.
    for (i, e) in embeds.iter().enumerate().skip(expected.len()) {
        assert!(e["image"].is_null(), "embed {i} has no picture: {e}");
    }
    if expected.is_empty() {
        assert!(rec.files.is_empty(), "no files: {names:?}");
    }
    out
}

/// The filename `payload_json`'s `attachments` gives the part `files[n]`.
fn payload_attachment<'a>(m: &'a Value, field: &str) -> Option<&'a str> {
    let n: u64 = field
        .strip_prefix("files[")?
        .strip_suffix(']')?
        .parse()
        .ok()?;
    m["attachments"]
        .as_array()?
        .iter()
        .find(|a| fixtures::snowflake(&a["id"]) == n)?["filename"]
        .as_str()
}

/// What Discord stored: each embed image points at an attachment of the message.
fn assert_linked(stored: &Value, pictures: usize) {
    let files = stored["attachments"].as_array().expect("attachments");
    assert_eq!(files.len(), pictures, "{stored:#}");
    for (i, f) in files.iter().enumerate() {
        assert_eq!(stored["embeds"][i]["image"]["url"], f["url"], "{stored:#}");
        assert!(f["width"].as_u64().unwrap() > 0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn compare_and_salary_cards_show_their_pictures() {
    let (standin, bot) = start().await;

    let cb = interact(
        &standin,
        fixtures::slash(
            "compare",
            &[
                ("first", "cto"),
                ("second", "product-manager"),
                ("place", "texas"),
            ],
            guild(),
        ),
    )
    .await;
    assert_eq!(cb.body["type"], 4, "{}", bot.log());
    let compare = pictures_for(Intent::Compare {
        roles: vec!["cto".into(), "product-manager".into()],
        place: Some("texas".into()),
    });
    assert_eq!(compare.len(), 1);
    let Picture::Range(c) = &compare[0] else {
        panic!("a range chart")
    };
    assert_eq!(c.rows.len(), 4, "each career in Texas and in the nation");
    assert_shows(&cb, &compare);
    assert_eq!(
        embed(&cb.body)["title"],
        "Chief Technology Officer vs Product Manager"
    );

    // Pay in a state: the chart on the card, and the state map below it.
    let d = fixtures::slash(
        "salary",
        &[("role", "registered nurse"), ("place", "ohio")],
        guild(),
    );
    let token = fixtures::interaction_token(&d);
    let cb = interact(&standin, d).await;
    let ohio = salary(NURSE, Some(OHIO));
    assert_eq!(ohio.len(), 2);
    let Picture::Map(map) = &ohio[1] else {
        panic!("a map")
    };
    assert_eq!(map.highlight.as_deref(), Some("OH"), "Ohio outlined");
    assert_shows(&cb, &ohio);
    assert_eq!(embed(&cb.body)["title"], "Pay: Registered Nurses");
    assert!(
        message(&cb.body)["embeds"][1]["image"]["url"] == "attachment://state-map.png"
            && message(&cb.body)["embeds"][1]["title"].is_null(),
        "the map is a picture of its own under the card"
    );
    assert_linked(&standin.original(&token).unwrap(), 2);

    // The nation alone, and a metro area: the chart, and no map.
    let cb = interact(
        &standin,
        fixtures::slash("salary", &[("role", "registered nurse")], guild()),
    )
    .await;
    assert_shows(&cb, &salary(NURSE, None));
    let cb = interact(
        &standin,
        fixtures::slash(
            "salary",
            &[("role", "registered nurse"), ("place", "0018140")],
            guild(),
        ),
    )
    .await;
    let columbus = salary(NURSE, Some("0018140"));
    assert_eq!(columbus.len(), 1, "no map for a metro area");
    assert_shows(&cb, &columbus);

    // A card without pay has no picture.
    let cb = interact(
        &standin,
        fixtures::slash("career", &[("role", "registered nurse")], guild()),
    )
    .await;
    assert_shows(&cb, &[]);
    assert!(bot.log().lines().all(|l| !l.contains("could not be drawn")));
}

#[tokio::test(flavor = "multi_thread")]
async fn chat_answers_carry_their_pictures() {
    let (standin, _bot) = start().await;
    let ask = |text: &str| fixtures::message(&format!("<@{BOT_ID}> {text}"), true, guild());

    standin
        .dispatch("MESSAGE_CREATE", ask("how much does a nurse make in Ohio?"))
        .await;
    let sent = standin
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_shows(&sent, &salary(NURSE, Some(OHIO)));
    assert_linked(&sent.response, 2);

    standin
        .dispatch("MESSAGE_CREATE", ask("where do nurses earn the most"))
        .await;
    let sent = standin
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert!(
        embed(&sent.body)["title"]
            .as_str()
            .unwrap()
            .starts_with("Highest-paying"),
        "{}",
        sent.body
    );
    let top = pictures_for(Intent::TopPlaces {
        role: NURSE.into(),
        lowest: false,
    });
    assert!(matches!(&top[..], [Picture::Map(m)] if m.highlight.is_none()));
    assert_shows(&sent, &top);
    assert_linked(&sent.response, 1);

    standin
        .dispatch(
            "MESSAGE_CREATE",
            fixtures::message("electrician vs plumber", false, Where::Dm { user_id: USER }),
        )
        .await;
    let sent = standin
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_shows(
        &sent,
        &pictures_for(Intent::Compare {
            roles: vec!["electrician".into(), "plumber".into()],
            place: None,
        }),
    );

    // A follow-up by reply gets the picture of the new answer, not of the one replied to.
    standin
        .dispatch(
            "MESSAGE_CREATE",
            fixtures::reply_to("and in Texas?", &sent.response, guild()),
        )
        .await;
    let followed = standin
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_shows(
        &followed,
        &pictures_for(Intent::Compare {
            roles: vec!["electrician".into(), "plumber".into()],
            place: Some("texas".into()),
        }),
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_click_shows_the_picture_of_its_own_answer() {
    let (standin, _bot) = start().await;

    // A card with Ohio's chart first, so that a stale picture would have something to be.
    let cb = interact(
        &standin,
        fixtures::slash(
            "salary",
            &[("role", "registered nurse"), ("place", "ohio")],
            guild(),
        ),
    )
    .await;
    let ohio_png = assert_shows(&cb, &salary(NURSE, Some(OHIO)));

    // Where nurses pay most: the map. Its "Pay" button opens the national pay, whose chart
    // is the nation's alone.
    let d = fixtures::slash("top-places", &[("role", "registered nurse")], guild());
    let token = fixtures::interaction_token(&d);
    let cb = interact(&standin, d).await;
    let map_png = assert_shows(
        &cb,
        &pictures_for(Intent::TopPlaces {
            role: NURSE.into(),
            lowest: false,
        }),
    );
    let card = standin.original(&token).expect("the top-places card");
    let pay = custom_ids(&cb.body)
        .into_iter()
        .find(|i| i == &format!("rc1|s|{NURSE}|"))
        .expect("a Pay button");
    let clicked = interact(&standin, fixtures::button_on(&pay, card.clone(), guild())).await;
    assert_eq!(clicked.body["type"], 4, "opened as a new message");
    let national = assert_shows(&clicked, &salary(NURSE, None));
    assert_ne!(national[0], ohio_png[0], "not the Ohio chart shown before");
    assert_ne!(national[0], map_png[0]);
    assert_eq!(
        standin.original(&token).unwrap()["attachments"],
        card["attachments"],
        "the card clicked keeps its map"
    );

    // A "did you mean" choice replaces the question with the answer, and the message's
    // files with the answer's pictures.
    let d = fixtures::slash(
        "salary",
        &[("role", "developer"), ("place", "ohio")],
        guild(),
    );
    let token = fixtures::interaction_token(&d);
    let asked = interact(&standin, d).await;
    assert_shows(&asked, &[]);
    let choice = custom_ids(&asked.body)[0].clone();
    assert_eq!(choice, "rc1|!s|15-1252.00|3900000");
    let question = standin.original(&token).unwrap();
    let click = fixtures::button_on(&choice, question, guild());
    let click_token = fixtures::interaction_token(&click);
    let cb = interact(&standin, click).await;
    assert_eq!(cb.body["type"], 7, "the message is updated");
    let answer = salary("15-1252.00", Some(OHIO));
    assert_shows(&cb, &answer);
    assert_eq!(
        cb.body["data"]["attachments"].as_array().map(Vec::len),
        Some(2),
        "the update lists exactly its own files"
    );
    let updated = standin.original(&click_token).unwrap();
    assert_eq!(embed(&updated)["title"], "Pay: Software Developers");
    assert_linked(&updated, 2);
}

/// `/dataset figure set` of a median, then Confirm, as a moderator of [`GUILD_ID`].
async fn set_median(standin: &Standin, role: &str, value: &str, location: &str) {
    use standin::fixtures::{opt, sub};
    let moderator = Where::Guild {
        guild_id: GUILD_ID,
        user_id: USER + 10,
        permissions: "32", // Manage Server
    };
    let cmds = standin.commands(None);
    let field = cmds
        .iter()
        .find(|c| c["name"] == "dataset")
        .and_then(|d| {
            d["options"]
                .as_array()?
                .iter()
                .find(|o| o["name"] == "figure")
        })
        .and_then(|f| f["options"][0]["options"].as_array())
        .and_then(|o| o.iter().find(|o| o["name"] == "field"))
        .and_then(|f| f["choices"].as_array())
        .and_then(|c| c.iter().find(|c| c["name"] == "median pay (annual)"))
        .expect("the median field")["value"]
        .clone();
    let set = sub(
        "set",
        vec![
            opt("role", role),
            opt("field", field),
            opt("value", value),
            opt("source", "a survey"),
            opt("place", location),
        ],
    );
    let group = serde_json::json!({ "name": "figure", "type": 2, "options": [set] });
    let preview = interact(
        standin,
        fixtures::slash_with("dataset", vec![group], moderator),
    )
    .await;
    let confirm = custom_ids(&preview.body)
        .into_iter()
        .find(|i| i.starts_with("rc1|k|"))
        .unwrap_or_else(|| panic!("no confirm button: {}", preview.body));
    let done = interact(standin, fixtures::button(&confirm, moderator)).await;
    assert!(
        embed(&done.body)["title"]
            .as_str()
            .unwrap()
            .starts_with("Done"),
        "{}",
        done.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_redraws_the_pictures_where_it_was_made_and_nowhere_else() {
    let (standin, bot) = start().await;
    bot.wait_log(&["registered", "commands"], T).await;
    let ask = |at: Where| {
        fixtures::slash(
            "salary",
            &[("role", "registered nurse"), ("place", "ohio")],
            at,
        )
    };
    let published = salary(NURSE, Some(OHIO));
    let before = assert_shows(&interact(&standin, ask(guild())).await, &published);

    set_median(&standin, "registered nurse", "91500", "ohio").await;

    // What the edited guild should see: the same pictures with Ohio's median at $91,500,
    // marked as edited on the chart.
    let mut edited = published.clone();
    let Picture::Range(c) = &mut edited[0] else {
        panic!()
    };
    assert!(c.rows[0].local, "Ohio's row first");
    c.rows[0].stats[2] = rolecall::data::Pay::amount(91_500);
    c.rows[0].edited[2] = true;
    let Picture::Map(m) = &mut edited[1] else {
        panic!()
    };
    let oh = m.medians.iter_mut().find(|(p, _)| p == "OH").unwrap();
    oh.1 = rolecall::data::Pay::amount(91_500);
    let after = assert_shows(&interact(&standin, ask(guild())).await, &edited);
    assert_ne!(after, before);

    // Another guild, and DMs, still see the published figures' pictures.
    let elsewhere = Where::Guild {
        guild_id: standin::OTHER_GUILD_ID,
        user_id: USER,
        permissions: "0",
    };
    let other = assert_shows(&interact(&standin, ask(elsewhere)).await, &published);
    assert_eq!(other, before);
    assert_shows(
        &interact(&standin, ask(Where::Dm { user_id: USER })).await,
        &published,
    );
}
