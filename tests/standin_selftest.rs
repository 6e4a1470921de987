//! Self-test of the Discord stand-in (tests/standin): every fixture decodes with serenity's own
//! model types, and a real serenity client gets through READY, an interaction round trip, a
//! resumed connection, an injected failure and a rejected token.

mod standin;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use serenity::all::{
    ClientBuilder, Command, Context, CreateActionRow, CreateAttachment, CreateButton,
    CreateCommand, CreateCommandOption, CreateEmbed, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, CurrentApplicationInfo, EventHandler,
    GatewayIntents, Http, HttpBuilder, Interaction, Message, Ready, ShardManager,
};
use serenity::async_trait;
use standin::fixtures::{self, Where};
use standin::{APP_ID, BOT_ID, GUILD_ID, OTHER_GUILD_ID, OWNER_ID, Standin, matching};
use tokio::sync::mpsc;

const TOKEN: &str = "standin-selftest-token";
const T: Duration = Duration::from_secs(10);

fn decode<T: serde::de::DeserializeOwned>(what: &str, v: &Value) -> T {
    match serde_json::from_value(v.clone()) {
        Ok(x) => x,
        Err(e) => panic!("{what} does not decode with serenity: {e}\n{v:#}"),
    }
}

fn places() -> [(&'static str, Where); 3] {
    [
        ("guild", Where::guild(7)),
        (
            "guild+manage",
            Where::Guild {
                guild_id: OTHER_GUILD_ID,
                user_id: 8,
                permissions: fixtures::MANAGE_GUILD,
            },
        ),
        ("dm", Where::dm(9)),
    ]
}

#[test]
fn interaction_fixtures_decode_as_serenity_interactions() {
    for (label, at) in places() {
        let check = |what: &str, v: &Value| {
            fixtures::check_dispatch("INTERACTION_CREATE", v)
                .unwrap_or_else(|e| panic!("{what} ({label}): {e:#}"));
            decode::<Interaction>(&format!("{what} ({label})"), v)
        };

        let v = fixtures::slash("role", &[("name", "nurse"), ("area", "leeds")], at);
        let Interaction::Command(c) = check("slash", &v) else {
            panic!("slash: not Command")
        };
        assert_eq!(c.data.name, "role");
        assert_eq!(c.data.options.len(), 2);
        assert_eq!(
            c.user.id.get(),
            at.user_id(),
            "user is taken from member in guilds"
        );
        assert_eq!(c.guild_id.map(|g| g.get()), at.guild_id());
        assert_eq!(c.channel_id.get(), at.channel_id());
        assert_eq!(c.token, fixtures::interaction_token(&v));
        assert_eq!(c.id.to_string(), fixtures::interaction_id(&v));
        match at {
            Where::Guild { permissions, .. } => {
                let member = c.member.as_ref().expect("member in guild");
                assert_eq!(member.permissions.unwrap().bits().to_string(), permissions);
            }
            Where::Dm { .. } => assert!(c.member.is_none()),
        }
        assert!(c.app_permissions.is_some());

        let v = fixtures::slash_with(
            "compare",
            vec![fixtures::sub(
                "pay",
                vec![fixtures::opt("a", "x"), fixtures::opt("n", 3)],
            )],
            at,
        );
        let Interaction::Command(c) = check("slash_with", &v) else {
            panic!("not Command")
        };
        assert_eq!(c.data.options[0].name, "pay");

        let v = fixtures::autocomplete("role", &[("name", "nur"), ("area", "x")], "name", at);
        let Interaction::Autocomplete(a) = check("autocomplete", &v) else {
            panic!("autocomplete: not Autocomplete")
        };
        let focused = a.data.autocomplete().expect("a focused option");
        assert_eq!((focused.name, focused.value), ("name", "nur"));
        let v = fixtures::autocomplete("role", &[], "name", at);
        let Interaction::Autocomplete(a) = check("autocomplete empty", &v) else {
            panic!()
        };
        assert_eq!(a.data.autocomplete().unwrap().value, "");

        let v = fixtures::button("next-page", at);
        let Interaction::Component(b) = check("button", &v) else {
            panic!("button: not Component")
        };
        assert_eq!(b.data.custom_id, "next-page");
        assert!(matches!(
            b.data.kind,
            serenity::all::ComponentInteractionDataKind::Button
        ));
        assert_eq!(b.message.author.id.get(), BOT_ID);

        let v = fixtures::select("pick", &["a", "b"], at);
        let Interaction::Component(s) = check("select", &v) else {
            panic!("select: not Component")
        };
        match &s.data.kind {
            serenity::all::ComponentInteractionDataKind::StringSelect { values } => {
                assert_eq!(values, &["a", "b"]);
            }
            other => panic!("select: {other:?}"),
        }

        let target = fixtures::message("Registered nurse", false, at);
        let v = fixtures::message_context_menu("Look up", target.clone(), at);
        let Interaction::Command(m) = check("message_context_menu", &v) else {
            panic!()
        };
        assert_eq!(m.data.kind, serenity::all::CommandType::Message);
        let target_id = m.data.target_id.expect("target_id");
        assert_eq!(target_id.to_string(), target["id"].as_str().unwrap());
        assert_eq!(m.data.resolved.messages.len(), 1);

        let v = fixtures::user_context_menu("Profile", 55, at);
        let Interaction::Command(u) = check("user_context_menu", &v) else {
            panic!()
        };
        assert_eq!(u.data.kind, serenity::all::CommandType::User);
    }
    // Every call gets a fresh interaction id and token.
    let a = fixtures::slash("x", &[], Where::dm(1));
    let b = fixtures::slash("x", &[], Where::dm(1));
    assert_ne!(fixtures::interaction_id(&a), fixtures::interaction_id(&b));
    assert_ne!(
        fixtures::interaction_token(&a),
        fixtures::interaction_token(&b)
    );
}

#[test]
fn message_and_gateway_fixtures_decode() {
    for (label, at) in places() {
        for mentions_bot in [false, true] {
            let content = format!("{} salary nurse", fixtures::bot_mention());
            let v = fixtures::message(&content, mentions_bot, at);
            fixtures::check_dispatch("MESSAGE_CREATE", &v).unwrap_or_else(|e| panic!("{e:#}"));
            let m: Message = decode(&format!("message ({label})"), &v);
            assert_eq!(m.author.id.get(), at.user_id());
            assert_eq!(m.guild_id.map(|g| g.get()), at.guild_id());
            assert_eq!(m.mentions_user_id(BOT_ID), mentions_bot);
            assert_eq!(m.member.is_some(), at.guild_id().is_some());
            // A reply carries the message it answers, components and all.
            let answer = fixtures::message_from_body(
                at.channel_id(),
                &json!({"embeds": [{"title": "Pay"}], "components": [{"type": 1, "components": [
                    {"type": 2, "style": 2, "label": "↻", "custom_id": "rc1|s|29-1141.00|"}]}]}),
                &[],
                false,
            );
            let r = fixtures::reply_to("and in texas?", &answer, at);
            fixtures::check_dispatch("MESSAGE_CREATE", &r).unwrap_or_else(|e| panic!("{e:#}"));
            let r: Message = decode(&format!("reply ({label})"), &r);
            let replied = r.referenced_message.expect("the replied-to message");
            assert_eq!(replied.author.id.get(), BOT_ID);
            assert_eq!(replied.components.len(), 1);
        }
    }

    let ready = fixtures::ready("s1", "ws://127.0.0.1:1/gateway");
    fixtures::check_dispatch("READY", &ready).unwrap_or_else(|e| panic!("{e:#}"));
    let r: Ready = decode("READY", &ready);
    assert_eq!(
        (r.user.id.get(), r.application.id.get(), r.version),
        (BOT_ID, APP_ID, 10)
    );
    assert!(r.user.bot);
    assert_eq!(r.guilds.len(), 2);

    for g in [GUILD_ID, OTHER_GUILD_ID] {
        let v = fixtures::guild_create(g);
        fixtures::check_dispatch("GUILD_CREATE", &v).unwrap_or_else(|e| panic!("{e:#}"));
        let guild: serenity::all::Guild = decode("GUILD_CREATE", &v);
        assert_eq!(guild.id.get(), g);
        assert_eq!(guild.channels.len(), 1);
        assert!(
            guild
                .members
                .contains_key(&serenity::all::UserId::new(BOT_ID))
        );
    }
    fixtures::check_dispatch("RESUMED", &json!({})).expect("RESUMED decodes");

    let info: CurrentApplicationInfo = decode("application info", &fixtures::application_info());
    assert_eq!(info.id.get(), APP_ID);
    assert_eq!(info.owner.expect("owner").id.get(), OWNER_ID);
    let dm: serenity::all::PrivateChannel = decode("DM channel", &fixtures::dm_channel(9));
    assert_eq!(dm.recipient.id.get(), 9);

    // The checks catch what serenity would drop.
    let mut broken = fixtures::slash("x", &[], Where::dm(1));
    broken.as_object_mut().unwrap().remove("locale");
    let err = fixtures::check_dispatch("INTERACTION_CREATE", &broken).unwrap_err();
    assert!(format!("{err:#}").contains("locale"), "{err:#}");
    assert!(fixtures::check_dispatch("NOT_AN_EVENT", &json!({})).is_err());
}

/// The stand-in's REST answers decode as what serenity expects back.
#[tokio::test(flavor = "multi_thread")]
async fn rest_answers_decode_with_serenity() {
    let discord = Standin::start(TOKEN).await;
    let http = HttpBuilder::new(TOKEN)
        .proxy(discord.base())
        .ratelimiter_disabled(true)
        .build();
    http.set_application_id(APP_ID.into());

    let info = http
        .get_current_application_info()
        .await
        .expect("application info");
    assert_eq!(info.owner.unwrap().id.get(), OWNER_ID);
    let me = http.get_current_user().await.expect("users/@me");
    assert_eq!(me.id.get(), BOT_ID);
    let gw = http.get_gateway().await.expect("gateway");
    assert_eq!(gw.url, discord.gateway_url());
    let gw = http.get_bot_gateway().await.expect("gateway/bot");
    assert_eq!(gw.shards, 1);

    // Command registration as poise does it (global and guild), with a context-menu command
    // (no description) and options with choices and autocomplete.
    let commands = vec![
        CreateCommand::new("role")
            .description("Look up a role")
            .add_option(
                CreateCommandOption::new(serenity::all::CommandOptionType::String, "name", "Role")
                    .required(true)
                    .set_autocomplete(true),
            )
            .add_option(
                CreateCommandOption::new(serenity::all::CommandOptionType::String, "area", "Area")
                    .add_string_choice("Leeds", "leeds"),
            ),
        CreateCommand::new("Look up").kind(serenity::all::CommandType::Message),
    ];
    let global = Command::set_global_commands(&http, commands.clone())
        .await
        .expect("PUT global");
    assert_eq!(global.len(), 2);
    assert_eq!(global[0].id.get(), fixtures::command_id("role"));
    let guild = serenity::all::GuildId::new(GUILD_ID)
        .set_commands(&http, commands)
        .await
        .expect("PUT guild commands");
    assert_eq!(guild[1].guild_id.map(|g| g.get()), Some(GUILD_ID));
    let listed = Command::get_global_commands(&http)
        .await
        .expect("GET global");
    assert_eq!(listed.len(), 2);
    assert_eq!(discord.commands(Some(GUILD_ID)).len(), 2);

    // Channel messages, JSON and multipart, echo what was sent.
    let channel = serenity::all::ChannelId::new(standin::CHANNEL_ID);
    let sent = channel
        .send_message(
            &http,
            CreateMessage::new()
                .content("hello")
                .embed(
                    CreateEmbed::new()
                        .title("Nurse")
                        .field("Pay", "£30k", true)
                        .footer(serenity::all::CreateEmbedFooter::new("source: NHS")),
                )
                .components(vec![CreateActionRow::Buttons(vec![
                    CreateButton::new("more").label("More"),
                    CreateButton::new_link("https://example.com").label("Link"),
                ])]),
        )
        .await
        .expect("POST channel message");
    assert_eq!(sent.content, "hello");
    assert_eq!(sent.embeds[0].fields[0].value, "£30k");
    assert_eq!(sent.components[0].components.len(), 2);
    let with_file = channel
        .send_message(
            &http,
            CreateMessage::new()
                .content("export")
                .add_file(CreateAttachment::bytes(b"a,b\n1,2\n".to_vec(), "roles.csv")),
        )
        .await
        .expect("POST multipart message");
    assert_eq!(with_file.attachments[0].filename, "roles.csv");
    let rec = discord
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_eq!(rec.body["content"], "hello");
    assert_eq!(
        rec.authorization.as_deref(),
        Some(format!("Bot {TOKEN}").as_str())
    );
    let rec = discord
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_eq!(
        rec.body["content"], "export",
        "payload_json of a multipart body"
    );
    assert_eq!(rec.files[0].data, b"a,b\n1,2\n");

    let dm = serenity::all::UserId::new(9)
        .create_dm_channel(&http)
        .await
        .expect("DM channel");
    assert_eq!(dm.id.get(), fixtures::dm_channel_id(9));

    // Discord's limits are enforced.
    let too_long = channel
        .send_message(&http, CreateMessage::new().content("x".repeat(2001)))
        .await;
    assert!(
        too_long.is_err(),
        "content over 2000 characters must be refused"
    );
    let empty = channel.send_message(&http, CreateMessage::new()).await;
    assert!(empty.is_err(), "an empty message must be refused");

    // Unknown routes: 404, visible in unhandled().
    assert!(http.get_guild(GUILD_ID.into()).await.is_err());
    assert!(
        discord
            .unhandled()
            .iter()
            .any(|r| r.path.ends_with(&GUILD_ID.to_string()))
    );
}

/// Interaction responses as poise sends them: callback, edits of @original, follow-ups.
#[tokio::test(flavor = "multi_thread")]
async fn interaction_webhooks_follow_discord_rules() {
    use serenity::all::{
        CreateAutocompleteResponse, CreateInteractionResponseFollowup, EditInteractionResponse,
    };
    let discord = Standin::start(TOKEN).await;
    let http = serenity_http(&discord);
    http.set_application_id(APP_ID.into());
    let reply = |text: &str| {
        CreateInteractionResponse::Message(CreateInteractionResponseMessage::new().content(text))
    };

    // No session: the interaction is only registered (and queued for a later session).
    let slash = fixtures::slash("role", &[("name", "nurse")], Where::guild(7));
    discord.dispatch("INTERACTION_CREATE", slash.clone()).await;
    let Interaction::Command(c) = decode::<Interaction>("slash", &slash) else {
        panic!()
    };
    let token = fixtures::interaction_token(&slash);

    assert!(
        c.get_response(&http).await.is_err(),
        "no @original before the callback"
    );
    let early = c
        .create_followup(&http, CreateInteractionResponseFollowup::new().content("x"))
        .await;
    assert!(early.is_err(), "no follow-up before the callback");

    c.defer(&http).await.expect("deferred callback");
    let thinking = c.get_response(&http).await.expect("GET @original");
    assert_eq!(thinking.content, "");
    let edited = c
        .edit_response(
            &http,
            EditInteractionResponse::new()
                .content("Nurse")
                .embed(CreateEmbed::new().description("Band 5")),
        )
        .await
        .expect("PATCH @original");
    assert_eq!(edited.content, "Nurse");
    assert_eq!(edited.embeds[0].description.as_deref(), Some("Band 5"));
    assert_eq!(discord.original(&token).unwrap()["content"], "Nurse");

    let follow = c
        .create_followup(
            &http,
            CreateInteractionResponseFollowup::new().content("page 2"),
        )
        .await
        .expect("POST follow-up");
    assert_eq!(follow.content, "page 2");
    let follow = c
        .edit_followup(
            &http,
            follow.id,
            CreateInteractionResponseFollowup::new().content("p2"),
        )
        .await
        .expect("PATCH follow-up");
    assert_eq!(follow.content, "p2");
    let rec = discord
        .expect_request(matching("PATCH", "/messages/"), T)
        .await
        .unwrap();
    assert!(rec.path.ends_with("@original"), "{rec}");

    // Autocomplete answers with type 8 only; choices are limited to 25.
    let ac = fixtures::autocomplete("role", &[("name", "nu")], "name", Where::dm(9));
    discord.dispatch("INTERACTION_CREATE", ac.clone()).await;
    let Interaction::Autocomplete(a) = decode::<Interaction>("autocomplete", &ac) else {
        panic!()
    };
    assert!(
        a.create_response(&http, reply("no")).await.is_err(),
        "message to autocomplete"
    );
    let too_many = (0..26).fold(CreateAutocompleteResponse::new(), |r, i| {
        r.add_string_choice(format!("c{i}"), format!("c{i}"))
    });
    let err = a
        .create_response(&http, CreateInteractionResponse::Autocomplete(too_many))
        .await;
    assert!(err.unwrap_err().to_string().contains("25 or fewer"));
    let choices = CreateAutocompleteResponse::new().add_string_choice("Nurse", "nurse");
    a.create_response(&http, CreateInteractionResponse::Autocomplete(choices))
        .await
        .expect("autocomplete result");
    let ac_id = fixtures::interaction_id(&ac);
    let accepted = |r: &standin::Recorded| r.is("POST", &ac_id) && r.status == 204;
    let rec = discord.expect_request(accepted, T).await.unwrap();
    assert_eq!(rec.body["data"]["choices"][0]["value"], "nurse");

    // A button click answered by updating its message: @original is that message.
    let click = fixtures::button("next", Where::guild(7));
    discord.dispatch("INTERACTION_CREATE", click.clone()).await;
    let Interaction::Component(b) = decode::<Interaction>("button", &click) else {
        panic!()
    };
    let update = CreateInteractionResponse::UpdateMessage(
        CreateInteractionResponseMessage::new().content("page 2"),
    );
    b.create_response(&http, update)
        .await
        .expect("UPDATE_MESSAGE");
    let original = discord
        .original(&fixtures::interaction_token(&click))
        .unwrap();
    assert_eq!(original["id"], click["message"]["id"]);
    assert_eq!(original["content"], "page 2");

    // Tokens that were never dispatched are unknown.
    let stray = fixtures::slash("role", &[], Where::dm(9));
    let Interaction::Command(s) = decode::<Interaction>("stray", &stray) else {
        panic!()
    };
    let err = s.create_response(&http, reply("hi")).await.unwrap_err();
    assert!(err.to_string().contains("Unknown interaction"), "{err}");
}

/// A PNG of `w` × `h` pixels, as the bot's charts are.
fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    let mut writer = enc.write_header().unwrap();
    writer
        .write_image_data(&vec![200; (w * h * 3) as usize])
        .unwrap();
    writer.finish().unwrap();
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_are_received_on_every_endpoint_and_embeds_link_to_them() {
    use serenity::all::{CreateInteractionResponseFollowup, EditInteractionResponse};
    let discord = Standin::start(TOKEN).await;
    let http = serenity_http(&discord);
    http.set_application_id(APP_ID.into());
    let pic = |name: &str, w: u32, h: u32| CreateAttachment::bytes(tiny_png(w, h), name);
    let shows = |name: &str| {
        CreateEmbed::new()
            .title("Pay")
            .image(format!("attachment://{name}"))
    };

    // A channel message: the upload is recorded as files[0] beside payload_json, becomes an
    // attachment with its size, and the embed's image points at it.
    let channel = serenity::all::ChannelId::new(standin::CHANNEL_ID);
    let sent = channel
        .send_message(
            &http,
            CreateMessage::new()
                .embed(shows("pay-range.png"))
                .add_file(pic("pay-range.png", 4, 3)),
        )
        .await
        .expect("POST with a file");
    let a = &sent.attachments[0];
    assert_eq!(
        (a.filename.as_str(), a.width, a.height),
        ("pay-range.png", Some(4), Some(3))
    );
    let image = sent.embeds[0].image.as_ref().expect("the embed's image");
    assert_eq!(image.url, a.url);
    assert_eq!((image.width, image.height), (Some(4), Some(3)));
    let rec = discord
        .expect_request(matching("POST", "/messages"), T)
        .await
        .unwrap();
    assert_eq!(rec.files[0].field, "files[0]");
    assert_eq!(rec.files[0].filename, "pay-range.png");
    assert_eq!(
        rec.body["embeds"][0]["image"]["url"],
        "attachment://pay-range.png"
    );

    // A link to a file the message does not have is dropped; so is one to a name Discord
    // cleaned ("my chart.png" is stored as "my_chart.png").
    let missing = channel
        .send_message(
            &http,
            CreateMessage::new()
                .embed(shows("other.png"))
                .add_file(pic("pay-range.png", 4, 3)),
        )
        .await
        .unwrap();
    assert!(missing.embeds[0].image.is_none());
    let spaced = channel
        .send_message(
            &http,
            CreateMessage::new()
                .embed(shows("my chart.png"))
                .add_file(pic("my chart.png", 4, 3)),
        )
        .await
        .unwrap();
    assert_eq!(spaced.attachments[0].filename, "my_chart.png");
    assert!(spaced.embeds[0].image.is_none());

    // An interaction's first response, then a follow-up and an edit of @original.
    let slash = fixtures::slash("salary", &[("role", "nurse")], Where::guild(7));
    discord.dispatch("INTERACTION_CREATE", slash.clone()).await;
    let Interaction::Command(c) = decode::<Interaction>("slash", &slash) else {
        panic!()
    };
    let token = fixtures::interaction_token(&slash);
    c.create_response(
        &http,
        CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .embed(shows("pay-range.png"))
                .add_file(pic("pay-range.png", 6, 2)),
        ),
    )
    .await
    .expect("callback with a file");
    let original = discord.original(&token).unwrap();
    assert_eq!(original["attachments"][0]["width"], 6);
    assert_eq!(
        original["embeds"][0]["image"]["url"],
        original["attachments"][0]["url"]
    );
    let follow = c
        .create_followup(
            &http,
            CreateInteractionResponseFollowup::new()
                .embed(shows("state-map.png"))
                .add_file(pic("state-map.png", 5, 5)),
        )
        .await
        .expect("follow-up with a file");
    assert_eq!(
        follow.embeds[0].image.as_ref().unwrap().url,
        follow.attachments[0].url
    );
    let edited = c
        .edit_response(
            &http,
            EditInteractionResponse::new()
                .embed(shows("state-map.png"))
                .new_attachment(pic("state-map.png", 8, 8)),
        )
        .await
        .expect("PATCH @original with a file");
    assert_eq!(
        edited.attachments.len(),
        1,
        "new_attachment replaces the files"
    );
    assert_eq!(edited.attachments[0].filename, "state-map.png");
    assert_eq!(
        edited.embeds[0].image.as_ref().unwrap().url,
        edited.attachments[0].url
    );
    let kept = c
        .edit_response(&http, EditInteractionResponse::new().content("still here"))
        .await
        .unwrap();
    assert_eq!(
        kept.attachments.len(),
        1,
        "an edit that says nothing of files keeps them"
    );
    let cleared = c
        .edit_response(&http, EditInteractionResponse::new().clear_attachments())
        .await
        .unwrap();
    assert!(cleared.attachments.is_empty());

    // UPDATE_MESSAGE on a card that carries a picture: serenity always sends the file list,
    // so the old picture goes, with or without a new one.
    let mut card = fixtures::bot_message(standin::CHANNEL_ID, "");
    card["attachments"] = json!([{
        "id": "1100000000000009999", "filename": "pay-range.png", "size": 10,
        "url": "https://cdn.discordapp.com/attachments/1/1100000000000009999/pay-range.png",
        "proxy_url": "https://media.discordapp.net/attachments/1/1100000000000009999/pay-range.png",
    }]);
    for (replacement, expect) in [(Some(pic("pay-range.png", 3, 9)), 1), (None, 0)] {
        let click = fixtures::button_on("x", card.clone(), Where::guild(7));
        discord.dispatch("INTERACTION_CREATE", click.clone()).await;
        let Interaction::Component(b) = decode::<Interaction>("button", &click) else {
            panic!()
        };
        let mut update = CreateInteractionResponseMessage::new().embed(shows("pay-range.png"));
        if let Some(file) = replacement {
            update = update.add_file(file);
        }
        b.create_response(&http, CreateInteractionResponse::UpdateMessage(update))
            .await
            .expect("UPDATE_MESSAGE");
        let now = discord
            .original(&fixtures::interaction_token(&click))
            .unwrap();
        let files = now["attachments"].as_array().unwrap();
        assert_eq!(files.len(), expect, "{now:#}");
        assert!(
            files.iter().all(|f| f["id"] != "1100000000000009999"),
            "the old file went"
        );
        if expect == 1 {
            assert_eq!(files[0]["height"], 9);
            assert_eq!(now["embeds"][0]["image"]["url"], files[0]["url"]);
        } else {
            assert!(
                now["embeds"][0]["image"].is_null(),
                "no link to a file that went"
            );
        }
    }
}

/// What the in-process bot reports to the test.
#[derive(Debug)]
enum Seen {
    Ready(Box<Ready>),
    Interaction(Box<Interaction>, Result<(), String>),
    Message(Box<Message>),
}

struct Handler(mpsc::UnboundedSender<Seen>);

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        let _ = self.0.send(Seen::Ready(Box::new(ready)));
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        // Answers slash commands with a message echoing the command name.
        let answered = match &interaction {
            Interaction::Command(c) => c
                .create_response(
                    &ctx.http,
                    CreateInteractionResponse::Message(
                        CreateInteractionResponseMessage::new()
                            .content(format!("you ran /{}", c.data.name))
                            .ephemeral(true),
                    ),
                )
                .await
                .map_err(|e| e.to_string()),
            _ => Ok(()),
        };
        let _ = self
            .0
            .send(Seen::Interaction(Box::new(interaction), answered));
    }

    async fn message(&self, _ctx: Context, msg: Message) {
        let _ = self.0.send(Seen::Message(Box::new(msg)));
    }
}

struct Bot {
    events: mpsc::UnboundedReceiver<Seen>,
    shards: Arc<ShardManager>,
    run: tokio::task::JoinHandle<serenity::Result<()>>,
}

impl Bot {
    async fn start(discord: &Standin, token: &str) -> Bot {
        let http = HttpBuilder::new(token)
            .proxy(discord.base())
            .ratelimiter_disabled(true)
            .build();
        let (tx, events) = mpsc::unbounded_channel();
        let intents = GatewayIntents::non_privileged()
            | GatewayIntents::GUILD_MESSAGES
            | GatewayIntents::DIRECT_MESSAGES;
        let mut client = ClientBuilder::new_with_http(http, intents)
            .event_handler(Handler(tx))
            .await
            .expect("client builds");
        let shards = Arc::clone(&client.shard_manager);
        let run = tokio::spawn(async move { client.start().await });
        Bot {
            events,
            shards,
            run,
        }
    }

    async fn next(&mut self) -> Seen {
        tokio::time::timeout(T, self.events.recv())
            .await
            .expect("bot saw nothing within the timeout")
            .expect("bot event channel closed")
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serenity_client_round_trip_resume_failure_and_bad_token() {
    let started = std::time::Instant::now();
    let discord = Standin::start(TOKEN).await;
    let mut bot = Bot::start(&discord, TOKEN).await;

    discord.wait_ready(T).await.expect("READY");
    let Seen::Ready(ready) = bot.next().await else {
        panic!("first event is not ready")
    };
    assert_eq!(ready.application.id.get(), APP_ID);
    assert_eq!(discord.identify_count(), 1);
    let identify = &discord.identifies()[0];
    assert_eq!(identify["token"], format!("Bot {TOKEN}"));
    let intents = identify["intents"].as_u64().unwrap();
    assert_ne!(intents & GatewayIntents::GUILD_MESSAGES.bits(), 0);

    // Slash command → the handler answers → the callback is recorded with the message.
    let slash = fixtures::slash("role", &[("name", "nurse")], Where::guild(7));
    discord.dispatch("INTERACTION_CREATE", slash.clone()).await;
    let Seen::Interaction(i, answered) = bot.next().await else {
        panic!("expected interaction")
    };
    answered.expect("callback accepted");
    let Interaction::Command(c) = *i else {
        panic!("not a command")
    };
    assert_eq!(c.data.name, "role");
    let path = format!(
        "/interactions/{}/{}/callback",
        fixtures::interaction_id(&slash),
        fixtures::interaction_token(&slash)
    );
    let cb = discord
        .expect_request(matching("POST", &path), T)
        .await
        .unwrap();
    assert_eq!(cb.status, 204);
    assert_eq!(cb.body["type"], 4);
    assert_eq!(cb.body["data"]["content"], "you ran /role");
    assert_eq!(cb.body["data"]["flags"], 64);
    let original = discord
        .original(&fixtures::interaction_token(&slash))
        .expect("original");
    assert_eq!(original["content"], "you ran /role");
    let original: Message = decode("original response", &original);
    assert_eq!(original.channel_id.get(), standin::CHANNEL_ID);

    // A second answer to the same interaction is refused, as on Discord.
    let again = c
        .create_response(
            &serenity_http(&discord),
            CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new().content("x"),
            ),
        )
        .await;
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("already been acknowledged")
    );

    // Gateway dropped with 4000 → RESUME → dispatches still arrive, sequence continued.
    let sessions = discord.sessions();
    discord.drop_gateway().await;
    // Dispatched while disconnected: queued and delivered after RESUMED.
    let hello = fixtures::message("hello after resume", true, Where::dm(9));
    discord.dispatch("MESSAGE_CREATE", hello).await;
    discord
        .wait_session(sessions + 1, T)
        .await
        .expect("session resumed");
    assert_eq!(discord.resume_count(), 1);
    assert_eq!(discord.identify_count(), 1, "resumed, not re-identified");
    let Seen::Message(m) = bot.next().await else {
        panic!("expected a message")
    };
    assert_eq!(m.content, "hello after resume");

    // The same after an abrupt TCP drop.
    let sessions = discord.sessions();
    discord.drop_gateway_abruptly().await;
    discord
        .wait_session(sessions + 1, T)
        .await
        .expect("session resumed after TCP drop");
    assert_eq!(discord.resume_count(), 2);
    discord
        .dispatch(
            "MESSAGE_CREATE",
            fixtures::message("still here", false, Where::guild(7)),
        )
        .await;
    let Seen::Message(m) = bot.next().await else {
        panic!("expected a message")
    };
    assert_eq!(m.content, "still here");
    assert_eq!(m.guild_id.map(|g| g.get()), Some(GUILD_ID));

    // Injected failure: the callback gets 500 and the handler's call errors; the next works.
    discord.fail_next("POST", "/callback", 500);
    discord
        .dispatch(
            "INTERACTION_CREATE",
            fixtures::slash("role", &[], Where::dm(9)),
        )
        .await;
    let Seen::Interaction(_, answered) = bot.next().await else {
        panic!("expected interaction")
    };
    let err = answered.expect_err("callback should fail");
    assert!(err.contains("500"), "{err}");
    discord
        .dispatch(
            "INTERACTION_CREATE",
            fixtures::slash("role", &[], Where::dm(9)),
        )
        .await;
    let Seen::Interaction(_, answered) = bot.next().await else {
        panic!("expected interaction")
    };
    answered.expect("callback after the injected failure");

    bot.shards.shutdown_all().await;
    let _ = tokio::time::timeout(T, bot.run).await;

    // Rejected token: a fresh client's start() ends with an error (close code 4004).
    discord.reject_token(true);
    let identifies = discord.identify_count();
    let bad = Bot::start(&discord, TOKEN).await;
    let ended = tokio::time::timeout(T, bad.run)
        .await
        .expect("start() with a rejected token should end")
        .expect("client task");
    let err = ended.expect_err("start() with a rejected token should fail");
    assert!(
        format!("{err:?}").contains("InvalidAuthentication"),
        "{err:?}"
    );
    assert_eq!(discord.identify_count(), identifies + 1);
    assert!(
        serenity_http(&discord).get_current_user().await.is_err(),
        "REST answers 401"
    );

    eprintln!("end-to-end self-test took {:?}", started.elapsed());
}

fn serenity_http(discord: &Standin) -> Http {
    HttpBuilder::new(TOKEN)
        .proxy(discord.base())
        .ratelimiter_disabled(true)
        .build()
}
