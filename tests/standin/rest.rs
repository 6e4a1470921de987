//! REST v10 under `/api/v10`: the routes a serenity/poise bot uses, each answered with a body
//! serenity decodes. Unknown routes get 404 with a Discord-style error body.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::{APP_ID, GUILD_ID, OTHER_GUILD_ID, Recorded, RecordedFile, RestState, Shared};
use super::{fixtures, lock};

/// A REST answer: status and JSON body (`None` → empty body).
type Answer = (u16, Option<Value>);

fn error(status: u16, code: u64, message: &str) -> Answer {
    (status, Some(json!({ "message": message, "code": code })))
}

fn not_found() -> Answer {
    error(404, 0, "404: Not Found")
}

pub(super) async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let delay = lock(&shared.rest)
        .delays
        .iter()
        .filter(|(m, p, _)| m == method.as_str() && path.contains(p.as_str()))
        .map(|(_, _, d)| *d)
        .max();
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    // Attachments a test put up with `Standin::host_file`, as Discord's CDN serves them.
    if let Some(name) = path.strip_prefix("/attachments/") {
        let file = lock(&shared.files).get(name).cloned();
        return match file {
            Some(bytes) => (StatusCode::OK, bytes).into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let query = uri.query().unwrap_or("").to_owned();
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (body, files) = parse_body(&content_type, &raw);

    let (status, response) = answer(
        &shared,
        &method,
        &path,
        authorization.as_deref(),
        &body,
        &files,
    );

    shared.record(Recorded {
        method: method.as_str().to_owned(),
        path,
        query,
        body,
        authorization,
        files,
        status,
        response: response.clone().unwrap_or(Value::Null),
        at: std::time::Instant::now(),
    });

    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match response {
        Some(v) => (status, axum::Json(v)).into_response(),
        None => status.into_response(),
    }
}

fn answer(
    shared: &Shared,
    method: &Method,
    path: &str,
    authorization: Option<&str>,
    body: &Value,
    files: &[RecordedFile],
) -> Answer {
    let mut rest = lock(&shared.rest);
    if let Some(i) = rest
        .failures
        .iter()
        .position(|(m, p, _)| m == method.as_str() && path.contains(p.as_str()))
    {
        let (_, _, status) = rest.failures.remove(i);
        return error(
            status,
            0,
            &format!("{status}: injected failure (fail_next)"),
        );
    }
    let Some(rest_path) = path.strip_prefix("/api/v10/") else {
        return not_found();
    };
    let segs: Vec<&str> = rest_path.trim_end_matches('/').split('/').collect();

    // Discord serves GET /gateway without authentication. Answering it even with a rejected
    // token also keeps serenity from falling back to the real wss://gateway.discord.gg.
    if method == Method::GET && segs == ["gateway"] {
        return (200, Some(json!({ "url": shared.ws_url })));
    }
    if !authorization.is_some_and(|a| a.starts_with("Bot ") && shared.token_ok(a)) {
        return error(401, 0, "401: Unauthorized");
    }

    let app = APP_ID.to_string();
    match (method.as_str(), segs.as_slice()) {
        ("GET", ["gateway", "bot"]) => (
            200,
            Some(json!({
                "url": shared.ws_url,
                "shards": lock(&shared.gw).recommended_shards,
                "session_start_limit":
                    { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 },
            })),
        ),
        ("GET", ["oauth2", "applications", "@me"] | ["applications", "@me"]) => {
            (200, Some(fixtures::application_info()))
        }
        ("GET", ["users", "@me"]) => (200, Some(fixtures::bot_user())),
        ("POST", ["users", "@me", "channels"]) => match body["recipient_id"].as_str() {
            Some(user) => match user.parse::<u64>() {
                Ok(user) => (200, Some(fixtures::dm_channel(user))),
                Err(_) => error(400, 50035, "Invalid Form Body: recipient_id"),
            },
            None => error(400, 50035, "Invalid Form Body: recipient_id"),
        },

        (_, ["applications", a, ..]) if *a != app => error(404, 10002, "Unknown Application"),
        (m, ["applications", _, "commands"]) => commands(&mut rest, m, None, body),
        (m, ["applications", _, "guilds", g, "commands"]) => match g.parse::<u64>() {
            Ok(g) if g == GUILD_ID || g == OTHER_GUILD_ID => commands(&mut rest, m, Some(g), body),
            _ => error(403, 50001, "Missing Access"),
        },

        ("POST", ["interactions", id, token, "callback"]) => {
            callback(&mut rest, id, token, body, files)
        }

        (_, ["webhooks", a, ..]) if *a != app => error(404, 10015, "Unknown Webhook"),
        (m, ["webhooks", _, token, rest_of @ ..]) => {
            webhook(&mut rest, m, token, rest_of, body, files)
        }

        ("POST", ["channels", channel, "messages"]) => match channel.parse::<u64>() {
            Ok(channel) => match check_message(body, files, true) {
                Ok(()) => {
                    let m = fixtures::message_from_body(channel, body, files, false);
                    store(&mut rest, &m);
                    (200, Some(m))
                }
                Err(e) => e,
            },
            Err(_) => not_found(),
        },
        (m, ["channels", _, "messages", id]) => stored_message(&mut rest, m, id, body, files),
        ("GET", ["channels", channel]) => match channel.parse::<u64>() {
            Ok(c) => match fixtures::channel(c, rest.channels.get(&c).copied()) {
                Some(v) => (200, Some(v)),
                None => error(404, 10003, "Unknown Channel"),
            },
            Err(_) => not_found(),
        },
        ("POST", ["channels", _, "typing"]) => (204, None),

        _ => not_found(),
    }
}

/// Global (`guild` None) or guild command registration; PUT echoes what serenity's `Command`
/// needs (id, application_id, version, type, description...).
fn commands(rest: &mut RestState, method: &str, guild: Option<u64>, body: &Value) -> Answer {
    match method {
        "PUT" => {
            let Some(list) = body.as_array() else {
                return error(
                    400,
                    50035,
                    "Invalid Form Body: expected an array of commands",
                );
            };
            let echoed: Vec<Value> = list.iter().map(|c| echo_command(c, guild)).collect();
            rest.commands.insert(guild, echoed.clone());
            (200, Some(Value::Array(echoed)))
        }
        "POST" => {
            let echoed = echo_command(body, guild);
            let list = rest.commands.entry(guild).or_default();
            list.retain(|c| c["name"] != echoed["name"]);
            list.push(echoed.clone());
            (201, Some(echoed))
        }
        "GET" => (
            200,
            Some(Value::Array(
                rest.commands.get(&guild).cloned().unwrap_or_default(),
            )),
        ),
        _ => not_found(),
    }
}

fn echo_command(c: &Value, guild: Option<u64>) -> Value {
    let mut c = c.as_object().cloned().unwrap_or_default();
    let name = c
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    c.insert("id".into(), fixtures::command_id(&name).to_string().into());
    c.insert("application_id".into(), APP_ID.to_string().into());
    c.insert(
        "version".into(),
        fixtures::command_id(&name).to_string().into(),
    );
    c.entry("type").or_insert(json!(1));
    // Context-menu commands are sent without a description; `Command::description` is required.
    c.entry("description").or_insert(json!(""));
    c.entry("default_member_permissions").or_insert(Value::Null);
    c.entry("nsfw").or_insert(json!(false));
    match guild {
        Some(g) => {
            c.insert("guild_id".into(), g.to_string().into());
        }
        None => {
            c.entry("dm_permission").or_insert(json!(true));
            c.entry("integration_types").or_insert(json!([0]));
            c.entry("contexts").or_insert(json!([0, 1, 2]));
        }
    }
    if let Some(Value::Array(options)) = c.get_mut("options") {
        options.iter_mut().for_each(fill_option);
    }
    Value::Object(c)
}

/// Options (and nested sub-command options) need a description in serenity's `CommandOption`.
fn fill_option(o: &mut Value) {
    if let Value::Object(o) = o {
        o.entry("description").or_insert(json!(""));
        if let Some(Value::Array(nested)) = o.get_mut("options") {
            nested.iter_mut().for_each(fill_option);
        }
    }
}

/// `POST /interactions/{id}/{token}/callback`: 204, like Discord, after checking that the
/// interaction was dispatched, is not acknowledged yet, and the response type fits it.
fn callback(
    rest: &mut RestState,
    id: &str,
    token: &str,
    body: &Value,
    files: &[RecordedFile],
) -> Answer {
    let Some(it) = rest.interactions.get(token) else {
        return error(404, 10062, "Unknown interaction");
    };
    if it.id != id {
        return error(404, 10062, "Unknown interaction");
    }
    // Discord forgets an interaction not answered within 3 seconds.
    if it.dispatched.elapsed() > super::RESPONSE_DEADLINE {
        return error(404, 10062, "Unknown interaction");
    }
    if it.acknowledged {
        return error(400, 40060, "Interaction has already been acknowledged.");
    }
    let kind = body["type"].as_u64().unwrap_or(0);
    let is_autocomplete = it.kind == 4;
    let is_component = it.kind == 3;
    let data = &body["data"];
    let original = match kind {
        _ if is_autocomplete != (kind == 8) => {
            return error(
                400,
                50035,
                "Invalid Form Body: type: Interaction response type is invalid",
            );
        }
        // CHANNEL_MESSAGE_WITH_SOURCE
        4 => {
            if let Err(e) = check_message(data, files, true) {
                return e;
            }
            Some(fixtures::message_from_body(
                it.channel_id,
                data,
                files,
                true,
            ))
        }
        // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: "thinking…" until the original is edited.
        5 => {
            let flags = json!({ "flags": data["flags"] });
            Some(fixtures::message_from_body(
                it.channel_id,
                &flags,
                &[],
                true,
            ))
        }
        // DEFERRED_UPDATE_MESSAGE / UPDATE_MESSAGE: @original is the component's message.
        6 | 7 if is_component => {
            if kind == 7
                && let Err(e) = check_message(data, files, false)
            {
                return e;
            }
            let mut m = it
                .message
                .clone()
                .unwrap_or_else(|| fixtures::bot_message(it.channel_id, ""));
            if kind == 7 {
                merge_message(&mut m, data, files);
            }
            Some(m)
        }
        // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        8 => {
            if let Err(e) = check_choices(data) {
                return e;
            }
            None
        }
        // MODAL
        9 => None,
        _ => {
            return error(
                400,
                50035,
                "Invalid Form Body: type: Interaction response type is invalid",
            );
        }
    };
    let it = rest.interactions.get_mut(token).expect("looked up above");
    it.acknowledged = true;
    it.deferred = kind == 5;
    it.original = original;
    (204, None)
}

/// `/webhooks/{app}/{token}[/messages/{id|@original}]`: follow-ups and response edits.
fn webhook(
    rest: &mut RestState,
    method: &str,
    token: &str,
    rest_of: &[&str],
    body: &Value,
    files: &[RecordedFile],
) -> Answer {
    let Some(it) = rest.interactions.get_mut(token) else {
        return error(404, 10015, "Unknown Webhook");
    };
    match (method, rest_of) {
        // Follow-up message. Discord refuses it before the interaction is acknowledged.
        ("POST", []) => {
            if !it.acknowledged {
                return error(400, 10015, "Unknown Webhook");
            }
            if let Err(e) = check_message(body, files, true) {
                return e;
            }
            let mut m = fixtures::message_from_body(it.channel_id, body, files, true);
            // The first follow-up after a deferral replaces the "thinking…" message, and
            // keeps its flags (ephemeral or not, as deferred).
            if std::mem::take(&mut it.deferred) {
                if let Some(original) = &it.original {
                    m["id"] = original["id"].clone();
                    m["flags"] = original["flags"].clone();
                }
                it.original = Some(m.clone());
            }
            store(rest, &m);
            (200, Some(m))
        }
        (_, ["messages", "@original"]) => {
            let Some(original) = it.original.as_mut() else {
                return error(404, 10008, "Unknown Message");
            };
            match method {
                "GET" => (200, Some(original.clone())),
                "PATCH" => {
                    if let Err(e) = check_message(body, files, false) {
                        return e;
                    }
                    it.deferred = false;
                    merge_message(original, body, files);
                    (200, Some(original.clone()))
                }
                "DELETE" => {
                    it.original = None;
                    (204, None)
                }
                _ => not_found(),
            }
        }
        (m, ["messages", id]) => stored_message(rest, m, id, body, files),
        _ => not_found(),
    }
}

/// GET/PATCH/DELETE of a message created earlier over REST.
fn stored_message(
    rest: &mut RestState,
    method: &str,
    id: &str,
    body: &Value,
    files: &[RecordedFile],
) -> Answer {
    let id = id.parse::<u64>().unwrap_or(0);
    let Some(m) = rest.messages.get_mut(&id) else {
        return error(404, 10008, "Unknown Message");
    };
    match method {
        "GET" => (200, Some(m.clone())),
        "PATCH" => {
            if let Err(e) = check_message(body, files, false) {
                return e;
            }
            merge_message(m, body, files);
            (200, Some(m.clone()))
        }
        "DELETE" => {
            rest.messages.remove(&id);
            (204, None)
        }
        _ => not_found(),
    }
}

fn store(rest: &mut RestState, m: &Value) {
    if let Some(id) = m["id"].as_str().and_then(|s| s.parse().ok()) {
        rest.messages.insert(id, m.clone());
    }
}

/// Applies an edit (PATCH body, or an UPDATE_MESSAGE callback) to a stored message: given
/// fields replace the old ones; the attachments become those the edit keeps by id plus the
/// files it uploads (an edit that lists none keeps none, as on Discord); then embed links to
/// files are resolved against what the message now has.
fn merge_message(m: &mut Value, edit: &Value, files: &[RecordedFile]) {
    let channel = fixtures::snowflake(&m["channel_id"]);
    let fresh = fixtures::unresolved_message(channel, edit, files, false);
    for key in ["content", "embeds", "components", "flags"] {
        if edit.get(key).is_some_and(|v| !v.is_null()) {
            m[key] = fresh[key].clone();
        }
    }
    if edit.get("attachments").is_some() || !files.is_empty() {
        // Attachments listed by id are kept; uploaded files are added.
        let keep: Vec<Value> = edit["attachments"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| {
                m["attachments"]
                    .as_array()?
                    .iter()
                    .find(|old| old["id"] == a["id"])
                    .cloned()
            })
            .collect();
        let mut all = keep;
        all.extend(fresh["attachments"].as_array().cloned().unwrap_or_default());
        m["attachments"] = Value::Array(all);
    }
    fixtures::resolve_attachment_links(m);
    m["edited_timestamp"] = json!(fixtures::TIMESTAMP);
}

/// Discord's default upload limit per file (25 MiB).
const UPLOAD_LIMIT: usize = 25 << 20;

/// Length in characters of a JSON string (0 for anything else).
fn len(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Discord's documented message limits; a bot that breaks them gets 400 here as on Discord.
/// `full`: a new message, which must not be empty (edits may change a single field).
fn check_message(body: &Value, files: &[RecordedFile], full: bool) -> Result<(), Answer> {
    let mut problems = Vec::new();
    let limit = |what: String, v: &Value, max: usize, problems: &mut Vec<String>| {
        if len(v) > max {
            problems.push(format!(
                "{what}: Must be {max} or fewer in length (got {})",
                len(v)
            ));
        }
    };
    limit("content".into(), &body["content"], 2000, &mut problems);
    let embeds = body["embeds"].as_array().cloned().unwrap_or_default();
    let mut embed_total = 0;
    for (i, e) in embeds.iter().enumerate() {
        limit(format!("embeds.{i}.title"), &e["title"], 256, &mut problems);
        limit(
            format!("embeds.{i}.description"),
            &e["description"],
            4096,
            &mut problems,
        );
        limit(
            format!("embeds.{i}.footer.text"),
            &e["footer"]["text"],
            2048,
            &mut problems,
        );
        limit(
            format!("embeds.{i}.author.name"),
            &e["author"]["name"],
            256,
            &mut problems,
        );
        embed_total += len(&e["title"])
            + len(&e["description"])
            + len(&e["footer"]["text"])
            + len(&e["author"]["name"]);
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        if fields.len() > 25 {
            problems.push(format!("embeds.{i}.fields: Must be 25 or fewer in length"));
        }
        for (j, f) in fields.iter().enumerate() {
            limit(
                format!("embeds.{i}.fields.{j}.name"),
                &f["name"],
                256,
                &mut problems,
            );
            limit(
                format!("embeds.{i}.fields.{j}.value"),
                &f["value"],
                1024,
                &mut problems,
            );
            if len(&f["name"]) == 0 || len(&f["value"]) == 0 {
                problems.push(format!(
                    "embeds.{i}.fields.{j}: name and value must not be empty"
                ));
            }
            embed_total += len(&f["name"]) + len(&f["value"]);
        }
    }
    if embeds.len() > 10 {
        problems.push("embeds: Must be 10 or fewer in length".into());
    }
    if embed_total > 6000 {
        problems.push(format!(
            "embeds: Embed size exceeds maximum size of 6000 (got {embed_total})"
        ));
    }
    let rows = body["components"].as_array().cloned().unwrap_or_default();
    if rows.len() > 5 {
        problems.push("components: Must be 5 or fewer in length".into());
    }
    for (i, row) in rows.iter().enumerate() {
        let parts = row["components"].as_array().cloned().unwrap_or_default();
        if parts.is_empty() || parts.len() > 5 {
            problems.push(format!(
                "components.{i}.components: Must be between 1 and 5 in length"
            ));
        }
        for (j, c) in parts.iter().enumerate() {
            limit(
                format!("components.{i}.components.{j}.custom_id"),
                &c["custom_id"],
                100,
                &mut problems,
            );
            limit(
                format!("components.{i}.components.{j}.label"),
                &c["label"],
                80,
                &mut problems,
            );
            let options = c["options"].as_array().cloned().unwrap_or_default();
            if options.len() > 25 {
                problems.push(format!(
                    "components.{i}.components.{j}.options: Must be 25 or fewer"
                ));
            }
            for (k, o) in options.iter().enumerate() {
                limit(
                    format!("components.{i}.components.{j}.options.{k}.label"),
                    &o["label"],
                    100,
                    &mut problems,
                );
                limit(
                    format!("components.{i}.components.{j}.options.{k}.value"),
                    &o["value"],
                    100,
                    &mut problems,
                );
            }
        }
    }
    // Uploads: `files[n]` parts, at most 10, each within the upload limit; a new attachment
    // listed in the payload names the part it describes by `n`.
    if files.len() > 10 {
        problems.push("files: Must be 10 or fewer in length".into());
    }
    let mut indices = Vec::new();
    for f in files {
        match f
            .field
            .strip_prefix("files[")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|n| n.parse::<u64>().ok())
        {
            Some(n) if !indices.contains(&n) => indices.push(n),
            _ => problems.push(format!(
                "{}: not a files[n] part, or a repeated one",
                f.field
            )),
        }
        if f.data.len() > UPLOAD_LIMIT {
            return Err(error(413, 40005, "Request entity too large"));
        }
    }
    for a in body["attachments"].as_array().into_iter().flatten() {
        let id = fixtures::snowflake(&a["id"]);
        // Small ids are new uploads; existing attachments are referred to by snowflake.
        if id < 1 << 22 && !indices.contains(&id) {
            problems.push(format!(
                "attachments: no files[{id}] part for attachment {id}"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(error(
            400,
            50035,
            &format!("Invalid Form Body: {}", problems.join("; ")),
        ));
    }
    let empty = len(&body["content"]) == 0
        && embeds.is_empty()
        && rows.is_empty()
        && files.is_empty()
        && body["poll"].is_null()
        && body["sticker_ids"].as_array().is_none_or(Vec::is_empty);
    if full && empty {
        return Err(error(400, 50006, "Cannot send an empty message"));
    }
    Ok(())
}

/// Autocomplete results: at most 25 choices, names and string values at most 100 characters.
fn check_choices(data: &Value) -> Result<(), Answer> {
    let choices = data["choices"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    if choices.len() > 25 {
        problems.push(format!(
            "data.choices: Must be 25 or fewer in length (got {})",
            choices.len()
        ));
    }
    for (i, c) in choices.iter().enumerate() {
        for key in ["name", "value"] {
            if let Some(s) = c[key].as_str() {
                let n = s.chars().count();
                if n == 0 || n > 100 {
                    problems.push(format!(
                        "data.choices.{i}.{key}: Must be between 1 and 100 in length (got {n})"
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(error(
            400,
            50035,
            &format!("Invalid Form Body: {}", problems.join("; ")),
        ))
    }
}

/// JSON body, or multipart/form-data with a `payload_json` part and file parts.
fn parse_body(content_type: &str, raw: &[u8]) -> (Value, Vec<RecordedFile>) {
    if raw.is_empty() {
        return (Value::Null, Vec::new());
    }
    let boundary = content_type
        .starts_with("multipart/form-data")
        .then(|| {
            content_type
                .split(';')
                .find_map(|p| p.trim().strip_prefix("boundary="))
                .map(|b| b.trim_matches('"').to_owned())
        })
        .flatten();
    match boundary {
        Some(b) => parse_multipart(&b, raw),
        None => (
            serde_json::from_slice(raw)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(raw).into_owned())),
            Vec::new(),
        ),
    }
}

fn parse_multipart(boundary: &str, raw: &[u8]) -> (Value, Vec<RecordedFile>) {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut body = Value::Null;
    let mut fields = Map::new();
    let mut files = Vec::new();
    for part in split(raw, &delimiter).into_iter().skip(1) {
        if part.starts_with(b"--") {
            break; // closing delimiter
        }
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(split_at) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..split_at]);
        let data = &part[split_at + 4..];
        let (mut name, mut filename, mut content_type) = (String::new(), None, None);
        for line in head.lines() {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("content-disposition:") {
                name = param(line, "name").unwrap_or_default();
                filename = param(line, "filename");
            } else if lower.starts_with("content-type:") {
                content_type = line.split_once(':').map(|(_, v)| v.trim().to_owned());
            }
        }
        if name == "payload_json" {
            body = serde_json::from_slice(data).unwrap_or(Value::Null);
        } else if let Some(filename) = filename {
            files.push(RecordedFile {
                field: name,
                filename,
                content_type,
                data: data.to_vec(),
                size: data.len(),
            });
        } else {
            fields.insert(name, String::from_utf8_lossy(data).into_owned().into());
        }
    }
    // Plain form fields (no payload_json) become the body's keys.
    if !fields.is_empty() {
        match &mut body {
            Value::Object(o) => o.extend(fields),
            _ => body = Value::Object(fields),
        }
    }
    (body, files)
}

/// `name="value"` from a header line (not matching `filename=` for `name=`).
fn param(line: &str, key: &str) -> Option<String> {
    line.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The first place `needle` occurs. Scans for its first byte and compares only there:
/// uploads are hundreds of kilobytes, and a window-by-window compare would make the
/// stand-in, not the bot, the slow side of a benchmark.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn split<'a>(mut haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(i) = find(haystack, needle) {
        parts.push(&haystack[..i]);
        haystack = &haystack[i + needle.len()..];
    }
    parts.push(haystack);
    parts
}
