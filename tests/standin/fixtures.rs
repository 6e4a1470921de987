//! Payload builders: dispatch `d` values (interactions, messages, READY, GUILD_CREATE) and the
//! objects the REST side answers with. Everything is checked against serenity 0.12.5's model
//! types in `tests/standin_selftest.rs`; a field commented "required" is one whose absence makes
//! serenity reject the payload (for a dispatch: silently, as `Event::Unknown`).
//!
//! Snowflakes are JSON strings, as Discord sends them.

use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::bail;
use serde_json::{Value, json};

use super::{APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, OTHER_GUILD_ID, OWNER_ID};
use super::{RecordedFile, decode};

/// The timestamp every fixture uses (`joined_at`, message `timestamp`, ...).
pub const TIMESTAMP: &str = "2024-01-01T00:00:00.000000+00:00";
/// Permissions the bot has in every channel (`app_permissions`): VIEW_CHANNEL, SEND_MESSAGES,
/// EMBED_LINKS, ATTACH_FILES, READ_MESSAGE_HISTORY, USE_EXTERNAL_EMOJIS, ADD_REACTIONS.
pub const BOT_PERMISSIONS: &str = "379968";
/// MANAGE_GUILD, for `Where::Guild { permissions, .. }`.
pub const MANAGE_GUILD: &str = "32";
/// Discord's attachment size limit for an unboosted guild (bytes); required in interactions.
pub const ATTACHMENT_SIZE_LIMIT: u64 = 10 * 1024 * 1024;

/// Where an interaction or message comes from.
#[derive(Clone, Copy, Debug)]
pub enum Where {
    /// A guild text channel ([`CHANNEL_ID`] in [`GUILD_ID`], [`OTHER_CHANNEL_ID`] in
    /// [`OTHER_GUILD_ID`]); `permissions` are the member's, e.g. `"0"` or [`MANAGE_GUILD`].
    Guild {
        guild_id: u64,
        user_id: u64,
        permissions: &'static str,
    },
    /// The user's DM channel with the bot ([`dm_channel_id`]).
    Dm { user_id: u64 },
}

impl Where {
    /// `user_id` in [`GUILD_ID`] without special permissions.
    pub fn guild(user_id: u64) -> Where {
        Where::Guild {
            guild_id: GUILD_ID,
            user_id,
            permissions: "0",
        }
    }

    /// `user_id` in the bot's DMs.
    pub fn dm(user_id: u64) -> Where {
        Where::Dm { user_id }
    }

    /// The user acting.
    pub fn user_id(&self) -> u64 {
        match *self {
            Where::Guild { user_id, .. } | Where::Dm { user_id } => user_id,
        }
    }

    /// The guild, if any.
    pub fn guild_id(&self) -> Option<u64> {
        match *self {
            Where::Guild { guild_id, .. } => Some(guild_id),
            Where::Dm { .. } => None,
        }
    }

    /// The channel the interaction or message is in.
    pub fn channel_id(&self) -> u64 {
        match *self {
            Where::Guild { guild_id, .. } => guild_channel_id(guild_id),
            Where::Dm { user_id } => dm_channel_id(user_id),
        }
    }
}

/// The text channel of a guild: [`CHANNEL_ID`], [`OTHER_CHANNEL_ID`], or `guild_id + 1`.
pub fn guild_channel_id(guild_id: u64) -> u64 {
    match guild_id {
        GUILD_ID => CHANNEL_ID,
        OTHER_GUILD_ID => OTHER_CHANNEL_ID,
        other => other + 1,
    }
}

/// The bot's DM channel with a user (what `POST /users/@me/channels` returns for them).
pub fn dm_channel_id(user_id: u64) -> u64 {
    // Snowflake ranges: 1.1e18 constants, 1.3e18 fresh ids, 1.4e18 commands, 1.6e18 DMs;
    // 1.2e18 is left for the tests' user ids.
    1_600_000_000_000_000_000 + user_id % 100_000_000_000_000_000
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh snowflake, unique within the test process (interactions, messages, attachments).
pub fn next_id() -> u64 {
    1_300_000_000_000_000_000 + NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// A command's id, derived from its name, so the ids in interactions match the ids the
/// stand-in gave the registered commands.
pub fn command_id(name: &str) -> u64 {
    // FNV-1a: stable across runs, unlike std's RandomState.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    1_400_000_000_000_000_000 + hash % 100_000_000_000_000_000
}

/// Reads a snowflake given as a JSON string or number (0 if neither).
pub fn snowflake(v: &Value) -> u64 {
    v.as_u64().or_else(|| v.as_str()?.parse().ok()).unwrap_or(0)
}

/// The `id` of an interaction payload.
pub fn interaction_id(v: &Value) -> String {
    v["id"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| v["id"].to_string())
}

/// The `token` of an interaction payload.
pub fn interaction_token(v: &Value) -> String {
    v["token"].as_str().unwrap_or_default().to_owned()
}

/// `<@BOT_ID>`, the text form of a mention of the bot.
pub fn bot_mention() -> String {
    format!("<@{BOT_ID}>")
}

// ---------------------------------------------------------------------------------------------
// Users, members, channels

/// A (non-bot) user object; username `user<id>`.
pub fn user(user_id: u64) -> Value {
    json!({
        "id": user_id.to_string(),
        "username": format!("user{user_id}"), // required
        "discriminator": "0",                 // new-style username: parsed as None
        "global_name": format!("User {user_id}"),
        "avatar": null,
        "bot": false,
        "public_flags": 0,
    })
}

/// The bot's user object (also `GET /users/@me` and READY `user`).
pub fn bot_user() -> Value {
    json!({
        "id": BOT_ID.to_string(),
        "username": "Rolecall",
        "discriminator": "0000",
        "global_name": null,
        "avatar": null,
        "bot": true,
        "verified": true,
        "mfa_enabled": false,
        "flags": 0,
        "public_flags": 0,
    })
}

/// A guild member as in an interaction: serenity's `Member` requires `user`, `roles`, `deaf`,
/// `mute` and `flags`; `permissions` is what poise checks `required_permissions` against.
pub fn member(user_id: u64, permissions: &str) -> Value {
    json!({
        "user": user(user_id),
        "nick": null,
        "avatar": null,
        "roles": [],
        "joined_at": TIMESTAMP,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": permissions,
        "communication_disabled_until": null,
    })
}

/// The bot's DM channel with a user (`POST /users/@me/channels`), a serenity `PrivateChannel`.
pub fn dm_channel(user_id: u64) -> Value {
    json!({
        "id": dm_channel_id(user_id).to_string(),
        "type": 1,
        "last_message_id": null,
        "recipients": [user(user_id)], // required: exactly one recipient
    })
}

/// The partial `channel` of an interaction.
fn partial_channel(at: Where) -> Value {
    match at {
        Where::Guild { guild_id, .. } => json!({
            "id": guild_channel_id(guild_id).to_string(),
            "type": 0,
            "name": "general",
            "guild_id": guild_id.to_string(),
            "permissions": BOT_PERMISSIONS,
        }),
        Where::Dm { user_id } => json!({
            "id": dm_channel_id(user_id).to_string(),
            "type": 1,
            "recipients": [user(user_id)],
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Interactions

/// The fields every interaction carries; `kind` 2 command, 3 component, 4 autocomplete.
fn interaction(kind: u8, data: Value, at: Where) -> Value {
    let id = next_id();
    let mut v = json!({
        "id": id.to_string(),
        "application_id": APP_ID.to_string(),
        "type": kind,
        "token": format!("tok-{id}"),
        "version": 1,
        "data": data,
        "channel_id": at.channel_id().to_string(),
        "channel": partial_channel(at),
        "locale": "en-US",                              // required
        "entitlements": [],                             // required
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT, // required
        "app_permissions": BOT_PERMISSIONS,             // poise checks required_bot_permissions
    });
    match at {
        Where::Guild {
            guild_id,
            user_id,
            permissions,
        } => {
            v["guild_id"] = guild_id.to_string().into();
            v["guild_locale"] = "en-US".into();
            v["member"] = member(user_id, permissions);
            v["authorizing_integration_owners"] = json!({ "0": guild_id.to_string() });
            v["context"] = 0.into(); // GUILD
        }
        Where::Dm { user_id } => {
            v["user"] = user(user_id);
            // A guild-installed app used in its DM: the guild-install owner is "0".
            v["authorizing_integration_owners"] = json!({ "0": "0" });
            v["context"] = 1.into(); // BOT_DM
        }
    }
    v
}

/// A command option with its type taken from the JSON value: string 3, integer 4, boolean 5,
/// number 10. For users, channels or roles build the object yourself (`{"name","type","value"}`).
pub fn opt(name: &str, value: impl Into<Value>) -> Value {
    let value = value.into();
    let kind = match &value {
        Value::Bool(_) => 5,
        Value::Number(n) if n.is_i64() || n.is_u64() => 4,
        Value::Number(_) => 10,
        _ => 3,
    };
    json!({ "name": name, "type": kind, "value": value })
}

/// A sub-command option (type 1) holding `options`.
pub fn sub(name: &str, options: Vec<Value>) -> Value {
    json!({ "name": name, "type": 1, "options": options })
}

/// Marks an option as the one being typed (autocomplete).
pub fn focus(mut option: Value) -> Value {
    option["focused"] = true.into();
    option
}

/// A chat-input command (`/name`) with string options.
pub fn slash(name: &str, options: &[(&str, &str)], at: Where) -> Value {
    slash_with(name, options.iter().map(|(n, v)| opt(n, *v)).collect(), at)
}

/// A chat-input command with any options (see [`opt`], [`sub`]).
pub fn slash_with(name: &str, options: Vec<Value>, at: Where) -> Value {
    interaction(2, command_data(name, options), at)
}

fn command_data(name: &str, options: Vec<Value>) -> Value {
    json!({
        "id": command_id(name).to_string(),
        "name": name,
        "type": 1, // CHAT_INPUT
        "options": options,
    })
}

/// An autocomplete request for `/name`: string options, the one named `focused` marked
/// `"focused": true` (added with value `""` if not among `options`: nothing typed yet).
pub fn autocomplete(name: &str, options: &[(&str, &str)], focused: &str, at: Where) -> Value {
    let mut opts: Vec<Value> = options
        .iter()
        .map(|(n, v)| {
            if *n == focused {
                focus(opt(n, *v))
            } else {
                opt(n, *v)
            }
        })
        .collect();
    if !options.iter().any(|(n, _)| *n == focused) {
        opts.push(focus(opt(focused, "")));
    }
    autocomplete_with(name, opts, at)
}

/// An autocomplete request with any options; mark the typed one with [`focus`].
pub fn autocomplete_with(name: &str, options: Vec<Value>, at: Where) -> Value {
    interaction(4, command_data(name, options), at)
}

/// A click on a button (component type 2) with `custom_id`, on a bot message carrying it.
pub fn button(custom_id: &str, at: Where) -> Value {
    let row = json!({ "type": 1, "components": [
        { "type": 2, "style": 1, "label": "Button", "custom_id": custom_id },
    ]});
    button_on(
        custom_id,
        with_components(bot_message(at.channel_id(), "Pick one"), row),
        at,
    )
}

/// A click on a button of a given message (e.g. one the bot sent, from [`Standin::original`]).
///
/// [`Standin::original`]: super::Standin::original
pub fn button_on(custom_id: &str, message: Value, at: Where) -> Value {
    let mut v = interaction(
        3,
        json!({ "custom_id": custom_id, "component_type": 2 }),
        at,
    );
    v["message"] = message; // required for component interactions
    v
}

/// A choice in a string select menu (component type 3) with `custom_id`.
pub fn select(custom_id: &str, values: &[&str], at: Where) -> Value {
    let options: Vec<Value> = values
        .iter()
        .map(|v| json!({ "label": v, "value": v, "default": false }))
        .collect();
    let row = json!({ "type": 1, "components": [
        { "type": 3, "custom_id": custom_id, "options": options, "min_values": 1, "max_values": 1 },
    ]});
    select_on(
        custom_id,
        values,
        with_components(bot_message(at.channel_id(), "Choose"), row),
        at,
    )
}

/// A choice in a string select menu of a given message.
pub fn select_on(custom_id: &str, values: &[&str], message: Value, at: Where) -> Value {
    let data = json!({ "custom_id": custom_id, "component_type": 3, "values": values });
    let mut v = interaction(3, data, at);
    v["message"] = message;
    v
}

/// A message context-menu command (command type 3) on `target` (a message, e.g. [`message`]).
pub fn message_context_menu(name: &str, target: Value, at: Where) -> Value {
    let target_id = target["id"].clone();
    let mut messages = serde_json::Map::new();
    messages.insert(target_id.as_str().unwrap_or_default().to_owned(), target);
    let data = json!({
        "id": command_id(name).to_string(),
        "name": name,
        "type": 3, // MESSAGE
        "target_id": target_id,
        "resolved": { "messages": messages },
    });
    interaction(2, data, at)
}

/// A user context-menu command (command type 2) on `target_user_id`.
pub fn user_context_menu(name: &str, target_user_id: u64, at: Where) -> Value {
    let id = target_user_id.to_string();
    let mut resolved = json!({ "users": { id.clone(): user(target_user_id) } });
    if at.guild_id().is_some() {
        resolved["members"] = json!({ id.clone(): {
            "roles": [], "joined_at": TIMESTAMP, "deaf": false, "mute": false, "flags": 0,
            "permissions": "0",
        }});
    }
    let data = json!({
        "id": command_id(name).to_string(),
        "name": name,
        "type": 2, // USER
        "target_id": id,
        "resolved": resolved,
    });
    interaction(2, data, at)
}

// ---------------------------------------------------------------------------------------------
// Messages

/// The fields serenity's `Message` requires, authored by `author`.
fn base_message(channel_id: u64, author: Value, content: &str) -> Value {
    json!({
        "id": next_id().to_string(),
        "channel_id": channel_id.to_string(),
        "author": author,
        "content": content,
        "timestamp": TIMESTAMP,
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 0,
        "flags": 0,
        "components": [],
    })
}

/// A user's message (MESSAGE_CREATE `d`). `content` is used as is: put [`bot_mention`] in it if
/// the bot parses mentions from the text; `mentions_bot` fills the `mentions` array.
pub fn message(content: &str, mentions_bot: bool, at: Where) -> Value {
    let mut m = base_message(at.channel_id(), user(at.user_id()), content);
    if mentions_bot {
        m["mentions"] = json!([bot_user()]);
    }
    if let Where::Guild { guild_id, .. } = at {
        m["guild_id"] = guild_id.to_string().into();
        // MESSAGE_CREATE's partial member: no `user`; `roles` is required.
        m["member"] = json!({
            "roles": [], "joined_at": TIMESTAMP, "deaf": false, "mute": false, "flags": 0,
        });
    }
    m
}

/// A user's reply to `to` (a message as the stand-in recorded it, e.g. the bot's answer):
/// Discord sends the replied-to message whole in `referenced_message`. Replying pings the
/// author by default, so the bot is among the mentions and gets the content.
pub fn reply_to(content: &str, to: &Value, at: Where) -> Value {
    let mut m = message(content, true, at);
    m["type"] = 19.into(); // REPLY
    m["message_reference"] = json!({
        "message_id": to["id"],
        "channel_id": to["channel_id"],
    });
    m["referenced_message"] = to.clone();
    m
}

/// A message sent by the bot.
pub fn bot_message(channel_id: u64, content: &str) -> Value {
    base_message(channel_id, bot_user(), content)
}

fn with_components(mut m: Value, row: Value) -> Value {
    m["components"] = json!([row]);
    m
}

/// The `Message` the stand-in returns for a create-message body (channel message, interaction
/// response, follow-up): content, embeds, components and flags echoed, uploaded files turned
/// into attachments, and embed links to them (`attachment://name`) resolved as Discord does
/// (see [`resolve_attachment_links`]). `webhook`: sent through the interaction webhook.
pub fn message_from_body(
    channel_id: u64,
    body: &Value,
    files: &[RecordedFile],
    webhook: bool,
) -> Value {
    let mut m = unresolved_message(channel_id, body, files, webhook);
    resolve_attachment_links(&mut m);
    m
}

/// [`message_from_body`] with `attachment://` links left as sent (an edit resolves them
/// once it knows which files the message keeps).
pub fn unresolved_message(
    channel_id: u64,
    body: &Value,
    files: &[RecordedFile],
    webhook: bool,
) -> Value {
    let mut m = bot_message(channel_id, body["content"].as_str().unwrap_or_default());
    if let Some(embeds) = body["embeds"].as_array() {
        m["embeds"] = embeds
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e["type"] = "rich".into();
                e
            })
            .collect();
    }
    if let Some(rows) = body["components"].as_array() {
        m["components"] = rows.clone().into();
    }
    if let Some(flags) = body["flags"].as_u64() {
        m["flags"] = flags.into();
    }
    if let Some(tts) = body["tts"].as_bool() {
        m["tts"] = tts.into();
    }
    m["attachments"] = files.iter().map(|f| attachment(channel_id, f)).collect();
    if webhook {
        m["webhook_id"] = APP_ID.to_string().into();
        m["application_id"] = APP_ID.to_string().into();
    }
    m
}

/// An uploaded file as a message attachment: a CDN URL, its size, and for a PNG its width
/// and height (read from its header, as Discord reports them).
pub fn attachment(channel_id: u64, f: &RecordedFile) -> Value {
    let id = next_id();
    let filename = clean_filename(&f.filename);
    let url = format!("https://cdn.discordapp.com/attachments/{channel_id}/{id}/{filename}");
    let mut a = json!({
        "id": id.to_string(),
        "filename": filename,
        "size": f.data.len(),
        "url": url,
        "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
        "content_type": f.content_type,
    });
    if let Some((w, h)) = png_size(&f.data) {
        a["width"] = w.into();
        a["height"] = h.into();
    }
    a
}

/// A PNG's width and height from its IHDR chunk, if the bytes start like a PNG.
pub fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.len() < 24 || !data.starts_with(b"\x89PNG\r\n\x1a\n") || &data[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&data[16..20]), be(&data[20..24])))
}

/// Discord stores an upload under a cleaned name (werkzeug's `secure_filename`): spaces
/// become `_`, characters other than ASCII letters, digits, `.`, `-` and `_` are dropped, and
/// so are leading dots and underscores. An `attachment://` link must use the cleaned name.
pub fn clean_filename(name: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    kept.trim_start_matches(['.', '_']).to_owned()
}

/// Embed images and thumbnails that link to a file of the message (`attachment://name`)
/// point at that file's URL, with its size; a link to a file the message does not have is
/// dropped (Discord sends the embed without the image).
pub fn resolve_attachment_links(m: &mut Value) {
    let attachments = m["attachments"].as_array().cloned().unwrap_or_default();
    let Some(embeds) = m["embeds"].as_array_mut() else {
        return;
    };
    for e in embeds {
        for key in ["image", "thumbnail"] {
            let Some(link) = e[key]["url"].as_str() else {
                continue;
            };
            let Some(name) = link.strip_prefix("attachment://") else {
                continue;
            };
            match attachments.iter().find(|a| a["filename"] == name) {
                Some(a) => {
                    let mut image = json!({ "url": a["url"], "proxy_url": a["proxy_url"] });
                    for dim in ["width", "height"] {
                        if !a[dim].is_null() {
                            image[dim] = a[dim].clone();
                        }
                    }
                    e[key] = image;
                }
                None => {
                    if let Some(o) = e.as_object_mut() {
                        o.remove(key);
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Gateway and application

/// READY `d`: serenity requires `v`, `user`, `guilds`, `session_id`, `resume_gateway_url` and
/// `application{id, flags}`; `application.id` becomes the id commands are registered under.
pub fn ready(session_id: &str, resume_gateway_url: &str) -> Value {
    ready_for(
        session_id,
        resume_gateway_url,
        &[GUILD_ID, OTHER_GUILD_ID],
        [0, 1],
    )
}

/// READY `d` for one shard of a sharded bot: the guilds on that shard.
pub fn ready_for(
    session_id: &str,
    resume_gateway_url: &str,
    guilds: &[u64],
    shard: [u32; 2],
) -> Value {
    let guilds: Vec<Value> = guilds
        .iter()
        .map(|g| json!({ "id": g.to_string(), "unavailable": true }))
        .collect();
    json!({
        "v": 10,
        "user": bot_user(),
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": resume_gateway_url,
        "shard": shard,
        "application": { "id": APP_ID.to_string(), "flags": 0 },
    })
}

/// GUILD_CREATE `d` for [`GUILD_ID`] or [`OTHER_GUILD_ID`]: one text channel, the @everyone
/// role (granting [`BOT_PERMISSIONS`]) and the bot as member. serenity's `Guild` requires all
/// of the listed fields, most of them for cache bookkeeping.
pub fn guild_create(guild_id: u64) -> Value {
    let name = if guild_id == GUILD_ID {
        "Rolecall Test"
    } else {
        "Other Test"
    };
    let channel = guild_channel_id(guild_id).to_string();
    // Built in parts: one json! this size exceeds the macro recursion limit.
    let mut g = json!({
        "id": guild_id.to_string(),
        "name": name,
        "icon": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": OWNER_ID.to_string(),
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
    });
    // GUILD_CREATE's extra fields.
    let extra = json!({
        "joined_at": TIMESTAMP,
        "large": false,
        "unavailable": false,
        "member_count": 2,
        "voice_states": [],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
    });
    g.as_object_mut()
        .expect("object")
        .extend(extra.as_object().expect("object").clone());
    g["roles"] = json!([{
        "id": guild_id.to_string(), // @everyone has the guild's id
        "name": "@everyone",
        "color": 0,
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": 0,
        "permissions": BOT_PERMISSIONS,
        "managed": false,
        "mentionable": false,
        "flags": 0,
    }]);
    g["members"] = json!([{
        "user": bot_user(),
        "roles": [],
        "joined_at": TIMESTAMP,
        "deaf": false,
        "mute": false,
        "flags": 0,
    }]);
    g["channels"] = json!([{
        "id": channel,
        "type": 0,
        "name": "general",
        "position": 0,
        "permission_overwrites": [],
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
    }]);
    g
}

/// `GET /channels/{id}`: the text channel of a test guild, or one added to `guild`.
pub fn channel(id: u64, guild: Option<u64>) -> Option<Value> {
    let guild = guild.or_else(|| {
        [GUILD_ID, OTHER_GUILD_ID]
            .into_iter()
            .find(|&g| guild_channel_id(g) == id)
    })?;
    Some(json!({
        "id": id.to_string(),
        "type": 0,
        "guild_id": guild.to_string(),
        "name": "general",
        "position": 0,
        "permission_overwrites": [],
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
    }))
}

/// `GET /oauth2/applications/@me`: serenity's `CurrentApplicationInfo` (poise reads `owner`
/// for its owners list).
pub fn application_info() -> Value {
    json!({
        "id": APP_ID.to_string(),
        "name": "Rolecall",
        "icon": null,
        "description": "",
        "bot_public": true,
        "bot_require_code_grant": false,
        "owner": user(OWNER_ID),
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "team": null,
        "flags": 0,
        "bot": bot_user(),
    })
}

/// Checks that serenity 0.12 decodes a dispatch into its proper event (not `Event::Unknown`),
/// decoding the main payload type first for a precise serde error.
pub fn check_dispatch(event: &str, d: &Value) -> anyhow::Result<()> {
    use serenity::model::event::{Event, GuildCreateEvent};
    match event {
        "INTERACTION_CREATE" => {
            decode::<serenity::model::application::Interaction>("INTERACTION_CREATE d", d)?;
        }
        "MESSAGE_CREATE" => {
            decode::<serenity::model::channel::Message>("MESSAGE_CREATE d", d)?;
        }
        "READY" => {
            decode::<serenity::model::gateway::Ready>("READY d", d)?;
        }
        "GUILD_CREATE" => {
            decode::<GuildCreateEvent>("GUILD_CREATE d", d)?;
        }
        _ => {}
    }
    let event_json = json!({ "t": event, "d": d });
    if let Event::Unknown(_) = decode::<Event>(event, &event_json)? {
        bail!(
            "serenity 0.12 decodes {event} as Event::Unknown (unknown event name, or a payload \
             missing a required field) and would drop it"
        );
    }
    Ok(())
}

/// Adds an attachment option (type 11) to a command payload: the option under `path` (the
/// sub-command names leading to it) and the attachment in `data.resolved.attachments`.
pub fn with_attachment(
    mut d: Value,
    path: &[&str],
    option: &str,
    filename: &str,
    url: &str,
    size: usize,
) -> Value {
    let id = next_id().to_string();
    let mut opts = &mut d["data"]["options"];
    for name in path {
        let i = opts
            .as_array()
            .and_then(|a| a.iter().position(|o| o["name"] == *name))
            .expect("sub-command in payload");
        opts = &mut opts[i]["options"];
    }
    opts.as_array_mut()
        .expect("options")
        .push(json!({ "name": option, "type": 11, "value": id }));
    d["data"]["resolved"] = json!({
        "attachments": { id.clone(): {
            "id": id, "filename": filename, "size": size, "url": url, "proxy_url": url,
            "content_type": "text/plain; charset=utf-8"
        } }
    });
    d
}

/// A modal submission (type 5): `fields` are (text input custom_id, value), one per row.
pub fn modal_submit(custom_id: &str, fields: &[(&str, &str)], at: Where) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(id, value)| json!({ "type": 1, "components": [{ "type": 4, "custom_id": id, "value": value }] }))
        .collect();
    interaction(5, json!({ "custom_id": custom_id, "components": rows }), at)
}
