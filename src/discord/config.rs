//! Settings for `rolecall serve` and `rolecall register`, from the environment (and `.env`).
//! See `.env.example` for each one.

use rolecall::store::Location;
use serenity::all::GuildId;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The bot token. Its `Debug` never shows it, so no log line or error can leak it.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub token: Token,
    /// Register commands in this guild only (instant; for development).
    pub guild_id: Option<GuildId>,
    /// REST base URL other than Discord's (a proxy such as twilight-http-proxy, or the tests'
    /// stand-in); the gateway URL is asked from it too.
    pub api_base: Option<String>,
    /// Where the bot keeps what it must remember between runs (the command definitions hash).
    pub state_dir: PathBuf,
    /// The edits (moderators' and owners'): a SQLite file, or a PostgreSQL URL for a bot run
    /// as several processes.
    pub db: Location,
    /// Users who may edit the data everyone sees and reload data/.
    pub owners: Vec<u64>,
    pub shards: Shards,
    /// Where `/healthz` and `/metrics` are served (off when unset).
    pub metrics_addr: Option<SocketAddr>,
}

/// Which gateway shards this process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shards {
    /// All of them, as many as Discord recommends (`GET /gateway/bot`).
    Recommended,
    /// Shards `first..=last` of `count`.
    Range { first: u32, last: u32, count: u32 },
}

impl Shards {
    /// Whether this process runs shard 0: the one that receives DMs and registers commands.
    pub fn has_first(self) -> bool {
        match self {
            Shards::Recommended => true,
            Shards::Range { first, .. } => first == 0,
        }
    }

    /// `SHARD_COUNT` (all shards of that many) and `SHARD_RANGE` (`2-3`, or `2`: some of them).
    fn from_env() -> Result<Shards, String> {
        Shards::parse(var("SHARD_COUNT"), var("SHARD_RANGE"))
    }

    fn parse(count: Option<String>, range: Option<String>) -> Result<Shards, String> {
        let count = match count {
            None => None,
            Some(c) => Some(c.parse::<u32>().ok().filter(|&c| c >= 1).ok_or_else(|| {
                format!("SHARD_COUNT must be a number of shards (1 or more), not `{c}`")
            })?),
        };
        let Some(count) = count else {
            return match range {
                None => Ok(Shards::Recommended),
                Some(_) => Err("SHARD_RANGE needs SHARD_COUNT: the shards of how many?".into()),
            };
        };
        let (first, last) = match range {
            None => (0, count - 1),
            Some(r) => {
                let bad = || {
                    format!(
                        "SHARD_RANGE must be `first-last` (e.g. 0-3) or one shard, within 0-{}, not `{r}`",
                        count - 1
                    )
                };
                let (a, b) = r.split_once('-').unwrap_or((&r, &r));
                let a: u32 = a.trim().parse().map_err(|_| bad())?;
                let b: u32 = b.trim().parse().map_err(|_| bad())?;
                if a > b || b >= count {
                    return Err(bad());
                }
                (a, b)
            }
        };
        Ok(Shards::Range { first, last, count })
    }
}

/// `OWNER_IDS`: comma-separated user ids.
pub fn owners() -> Result<Vec<u64>, String> {
    var("OWNER_IDS")
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<u64>().map_err(|_| {
                        format!("OWNER_IDS must be comma-separated user ids, not `{s}`")
                    })
                })
                .collect()
        })
        .unwrap_or(Ok(Vec::new()))
}

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl Config {
    /// Reads the settings; a problem is one line that says what to fix.
    pub fn from_env() -> Result<Config, String> {
        let token = var("DISCORD_TOKEN")
            .ok_or("DISCORD_TOKEN is not set (copy .env.example to .env and fill it in)")?;
        // A pasted "Bot xyz" still works: serenity adds the prefix itself.
        let token = token.strip_prefix("Bot ").unwrap_or(&token).to_string();
        if token.chars().any(char::is_whitespace) {
            return Err("DISCORD_TOKEN contains whitespace; paste the token alone".into());
        }
        let guild_id = match var("DISCORD_GUILD_ID") {
            None => None,
            Some(g) => Some(
                g.parse::<u64>()
                    .ok()
                    .filter(|&id| id != 0)
                    .map(GuildId::new)
                    .ok_or_else(|| {
                        format!("DISCORD_GUILD_ID must be a numeric guild id, not `{g}`")
                    })?,
            ),
        };
        let api_base = match var("DISCORD_API_BASE") {
            None => None,
            Some(b) if b.starts_with("http://") || b.starts_with("https://") => {
                Some(b.trim_end_matches('/').to_string())
            }
            Some(b) => {
                return Err(format!(
                    "DISCORD_API_BASE must start with http:// or https://, not `{b}`"
                ));
            }
        };
        let state_dir = var("ROLECALL_STATE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("state"));
        Ok(Config {
            token: Token(token),
            guild_id,
            api_base,
            state_dir,
            db: Location::parse(&crate::settings::db()),
            owners: owners()?,
            shards: Shards::from_env()?,
            metrics_addr: match var("METRICS_ADDR") {
                None => None,
                Some(a) => Some(a.parse().map_err(|_| {
                    format!(
                        "METRICS_ADDR must be an address and port such as 127.0.0.1:9100, not `{a}`"
                    )
                })?),
            },
        })
    }

    /// The HTTP client: Discord's, or the configured base. serenity honours a proxy only with
    /// its own rate limiter off, which is right: such a proxy does the rate limiting.
    pub fn http(&self) -> serenity::http::Http {
        let builder = serenity::http::HttpBuilder::new(self.token.expose());
        match &self.api_base {
            Some(base) => builder
                .proxy(base.clone())
                .ratelimiter_disabled(true)
                .build(),
            None => builder.build(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let t = Token("secret-token-value".into());
        assert!(!format!("{t:?}").contains("secret"));
        let c = Config {
            token: t,
            guild_id: None,
            api_base: None,
            state_dir: PathBuf::new(),
            db: Location::parse("postgres://bot:secret-password@db.internal/rolecall"),
            owners: Vec::new(),
            shards: Shards::Recommended,
            metrics_addr: None,
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("db.internal"), "{shown}");
    }

    #[test]
    fn shard_settings_are_checked() {
        let parse = |count: Option<&str>, range: Option<&str>| {
            Shards::parse(count.map(str::to_string), range.map(str::to_string))
        };
        assert_eq!(parse(None, None), Ok(Shards::Recommended));
        assert_eq!(
            parse(Some("4"), None),
            Ok(Shards::Range {
                first: 0,
                last: 3,
                count: 4
            })
        );
        assert_eq!(
            parse(Some("4"), Some("2-3")),
            Ok(Shards::Range {
                first: 2,
                last: 3,
                count: 4
            })
        );
        assert_eq!(
            parse(Some("4"), Some("1")),
            Ok(Shards::Range {
                first: 1,
                last: 1,
                count: 4
            })
        );
        for (c, r) in [
            (Some("4"), Some("3-4")),
            (Some("0"), None),
            (None, Some("0-1")),
            (Some("2"), Some("1-0")),
        ] {
            let e = parse(c, r).unwrap_err();
            assert!(e.contains("SHARD_"), "{e}");
        }
        parse(None, None).unwrap();
    }
}
