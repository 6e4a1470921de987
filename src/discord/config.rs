//! Settings for `rolecall serve` and `rolecall register`, from the environment (and `.env`).
//! See `.env.example` for each one.

use serenity::all::GuildId;
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
    /// The SQLite database of edits (moderators' and owners').
    pub db: PathBuf,
    /// Users who may edit the data everyone sees and reload data/.
    pub owners: Vec<u64>,
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
            db: crate::settings::db_path(),
            owners: owners()?,
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
            db: PathBuf::new(),
            owners: Vec::new(),
        };
        assert!(!format!("{c:?}").contains("secret"));
    }
}
