//! The one way the bot builds embeds, so that every embed is within Discord's limits: a
//! title of 256 characters, a description of 4,096, 25 fields of 256 + 1,024, a footer of
//! 2,048 and 6,000 in all. Text that does not fit is cut at a word with "…", never rejected.

use serenity::all::{Colour, CreateEmbed, CreateEmbedFooter};

pub const TITLE: usize = 256;
pub const DESCRIPTION: usize = 4096;
pub const FIELDS: usize = 25;
pub const FIELD_NAME: usize = 256;
pub const FIELD_VALUE: usize = 1024;
pub const FOOTER: usize = 2048;
pub const TOTAL: usize = 6000;

/// Consistent colours: what kind of card, at a glance.
pub mod colour {
    use serenity::all::Colour;
    pub const CARD: Colour = Colour::new(0x2b7bb9);
    pub const PAY: Colour = Colour::new(0x2e9e5b);
    pub const LIST: Colour = Colour::new(0x6c5ce7);
    pub const INFO: Colour = Colour::new(0x7f8c8d);
    pub const ASK: Colour = Colour::new(0xe1a32a);
    pub const ERROR: Colour = Colour::new(0xd64541);
}

#[derive(Debug, Clone, Default)]
pub struct Embed {
    pub title: String,
    pub description: String,
    pub fields: Vec<(String, String, bool)>,
    pub footer: String,
    pub colour: Option<Colour>,
    /// The picture shown large under the fields: `attachment://<name>.png`, a file sent with
    /// the message.
    pub image: Option<String>,
}

/// Cuts `s` to at most `max` characters, at a word boundary where one is near, marking the cut.
pub fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&i| cut[..i].chars().count() > max * 3 / 4)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

impl Embed {
    pub fn new(title: impl Into<String>, colour: Colour) -> Embed {
        Embed {
            title: title.into(),
            colour: Some(colour),
            ..Embed::default()
        }
    }

    pub fn description(mut self, d: impl Into<String>) -> Embed {
        self.description = d.into();
        self
    }

    pub fn field(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        inline: bool,
    ) -> Embed {
        self.fields.push((name.into(), value.into(), inline));
        self
    }

    pub fn footer(mut self, f: impl Into<String>) -> Embed {
        self.footer = f.into();
        self
    }

    /// An embed that only shows a picture (a card's second picture).
    pub fn picture(url: impl Into<String>, colour: Option<Colour>) -> Embed {
        Embed {
            colour,
            image: Some(url.into()),
            ..Embed::default()
        }
    }

    /// The embed with every limit applied. When the total would pass 6,000 characters, the
    /// description is shortened first, then fields are dropped from the end, and a last field
    /// says so.
    pub fn fitted(&self) -> Embed {
        let title = fit(&self.title, TITLE);
        let footer = fit(&self.footer, FOOTER);
        let mut fields: Vec<(String, String, bool)> = self
            .fields
            .iter()
            .filter(|(n, v, _)| !n.trim().is_empty() && !v.trim().is_empty())
            .map(|(n, v, i)| (fit(n, FIELD_NAME), fit(v, FIELD_VALUE), *i))
            .collect();
        let mut dropped = fields.len().saturating_sub(FIELDS);
        fields.truncate(FIELDS);
        let mut description = fit(&self.description, DESCRIPTION);
        let count = |d: &str, f: &[(String, String, bool)]| {
            title.chars().count()
                + footer.chars().count()
                + d.chars().count()
                + f.iter()
                    .map(|(n, v, _)| n.chars().count() + v.chars().count())
                    .sum::<usize>()
        };
        // Room for the "more not shown" field.
        let reserve = 40;
        while count(&description, &fields) + reserve > TOTAL {
            let over = count(&description, &fields) + reserve - TOTAL;
            let d_len = description.chars().count();
            if d_len > 200 {
                description = fit(&description, d_len.saturating_sub(over).max(200));
            } else if fields.pop().is_some() {
                dropped += 1;
            } else {
                description = fit(&description, d_len.saturating_sub(over));
                break;
            }
        }
        if dropped > 0 {
            if fields.len() == FIELDS {
                fields.pop();
                dropped += 1;
            }
            fields.push(("…".into(), format!("{dropped} more not shown"), false));
        }
        Embed {
            title,
            description,
            fields,
            footer,
            colour: self.colour,
            image: self.image.clone(),
        }
    }

    /// Characters counted against Discord's 6,000 total.
    #[cfg(test)]
    pub fn total_chars(&self) -> usize {
        self.title.chars().count()
            + self.description.chars().count()
            + self.footer.chars().count()
            + self
                .fields
                .iter()
                .map(|(n, v, _)| n.chars().count() + v.chars().count())
                .sum::<usize>()
    }

    pub fn build(&self) -> CreateEmbed {
        let e = self.fitted();
        let mut out = CreateEmbed::new();
        if !e.title.is_empty() {
            out = out.title(e.title);
        }
        if !e.description.is_empty() {
            out = out.description(e.description);
        }
        for (n, v, i) in e.fields {
            out = out.field(n, v, i);
        }
        if !e.footer.is_empty() {
            out = out.footer(CreateEmbedFooter::new(e.footer));
        }
        if let Some(c) = e.colour {
            out = out.colour(c);
        }
        if let Some(url) = e.image {
            out = out.image(url);
        }
        out
    }
}

/// Escapes Discord markdown (and mention-looking text) in text that came from a user, so it
/// shows as typed and cannot format or ping.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut line_start = true;
    for c in s.chars() {
        let special = matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '[' | ']' | '<'
        ) || (line_start && matches!(c, '#' | '-'));
        if special {
            out.push('\\');
        }
        if c == '@' {
            // A zero-width space after @ defuses @everyone/@here even where pings are allowed.
            out.push_str("@\u{200b}");
        } else {
            out.push(c);
        }
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(e: &Embed) -> serde_json::Value {
        serde_json::to_value(e.build()).unwrap()
    }

    fn len(v: &serde_json::Value) -> usize {
        v.as_str().map_or(0, |s| s.chars().count())
    }

    #[test]
    fn texts_exactly_at_the_limits_are_kept_whole() {
        let e = Embed::new("t".repeat(TITLE), colour::CARD)
            .description("d".repeat(DESCRIPTION - 2000))
            .field("n".repeat(FIELD_NAME), "v".repeat(FIELD_VALUE), true)
            .footer("f".repeat(300));
        let v = json(&e);
        assert_eq!(len(&v["title"]), TITLE);
        assert_eq!(len(&v["fields"][0]["name"]), FIELD_NAME);
        assert_eq!(len(&v["fields"][0]["value"]), FIELD_VALUE);
        assert!(!v["title"].as_str().unwrap().ends_with('…'));
    }

    #[test]
    fn texts_past_the_limits_are_cut_and_marked() {
        let words = "word ".repeat(3000);
        let mut e = Embed::new(words.clone(), colour::CARD)
            .description(words.clone())
            .footer(words.clone());
        for i in 0..40 {
            e = e.field(format!("{i} {words}"), words.clone(), i % 2 == 0);
        }
        let v = json(&e);
        assert!(len(&v["title"]) <= TITLE && v["title"].as_str().unwrap().ends_with('…'));
        assert!(len(&v["description"]) <= DESCRIPTION);
        assert!(len(&v["footer"]["text"]) <= FOOTER);
        let fields = v["fields"].as_array().unwrap();
        assert!(fields.len() <= FIELDS);
        assert!(
            fields
                .iter()
                .all(|f| len(&f["name"]) <= FIELD_NAME && len(&f["value"]) <= FIELD_VALUE)
        );
        assert!(
            e.fitted().total_chars() <= TOTAL,
            "{}",
            e.fitted().total_chars()
        );
        assert!(
            fields.last().unwrap()["value"]
                .as_str()
                .unwrap()
                .ends_with("more not shown")
        );
    }

    #[test]
    fn twenty_six_short_fields_become_twenty_five() {
        let mut e = Embed::new("t", colour::CARD);
        for i in 0..26 {
            e = e.field(format!("f{i}"), "v", true);
        }
        let fields = e.fitted().fields;
        assert_eq!(fields.len(), FIELDS);
        assert_eq!(fields.last().unwrap().1, "2 more not shown");
    }

    #[test]
    fn user_text_cannot_format_or_ping() {
        assert_eq!(
            escape_markdown("**bold** @everyone"),
            "\\*\\*bold\\*\\* @\u{200b}everyone"
        );
        assert_eq!(escape_markdown("<@123>"), "\\<@\u{200b}123\\>");
    }
}
