//! Answers from the core, laid out as Discord cards with their buttons and menus. Only layout:
//! every figure, sentence and disclosure comes from the answer.

use super::actions::Action;
use super::embed::{Embed, colour, fit};
use super::reply::Reply;
use rolecall::answers::*;
use rolecall::data::TaskKind;
use rolecall::format;
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateButton, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};

pub fn answer(a: &Answer) -> Reply {
    match a {
        Answer::Compare(c) => compare(c),
        Answer::Career(p) => profile(p),
        Answer::Salary(s) => salary(s),
        Answer::Outlook(o) => outlook(o),
        Answer::TopPlaces(t) => top_places(t),
        Answer::Education(x) => education(x),
        Answer::Responsibilities(r) => responsibilities(r),
        Answer::Related(r) => related(r),
        Answer::Search(s) => search(s),
        Answer::About(a) => about(a),
        Answer::Help(_) => help(),
    }
}

/// A card's own question, as its first button ("↻", to ask it again): a reply to the card is
/// read in its context from this, so nothing about the card is kept in memory.
pub fn with_state(mut reply: Reply, own: &Action) -> Reply {
    let Some(button) = button("↻", own, ButtonStyle::Secondary) else {
        return reply;
    };
    match reply.components.first_mut() {
        Some(CreateActionRow::Buttons(b)) if b.len() < 5 => b.insert(0, button),
        _ => {
            reply
                .components
                .insert(0, CreateActionRow::Buttons(vec![button]));
            reply.components.truncate(super::reply::MAX_ROWS);
        }
    }
    reply
}

/// The question a card answers, read back from its first button (see [`with_state`]).
pub fn state_of(custom_ids: &[String]) -> Option<Action> {
    custom_ids
        .iter()
        .find_map(|id| Action::decode(id))
        .map(|(a, _)| a)
        .filter(|a| a.intent().is_some())
}

/// The commands, as `/help` lists them.
const COMMANDS: &str = "`/compare` two to four careers side by side · `/career` a profile · \
`/salary` pay, here or in a state or city · `/outlook` growth and openings · \
`/top-places` where it pays most · `/education` what it takes to start · \
`/responsibilities` what the job involves · `/related` careers like it · `/careers` search · \
`/ask` a question in your own words · `/about` the data";

/// What can be asked: example questions (from the core) and the commands.
pub fn help() -> Reply {
    Reply::card(
        Embed::new("What you can ask", colour::INFO)
            .description(format!(
                "{}\n\nMention me with a question, DM me, use **/ask**, or use “Ask Rolecall” on a message. Reply to one of my answers to follow up (“and in Texas?”).",
                rolecall::question::HELP
            ))
            .field("Commands", COMMANDS, false),
    )
}

/// What each source stands behind, for the footer.
fn what(source: &str) -> &'static str {
    match source {
        "bls-oews" => "Pay",
        "bls-ep" => "Growth, openings, education",
        "onet" => "Descriptions, tasks, related careers",
        _ => "Curated role",
    }
}

/// The source and date of every figure on the card.
fn footer(sources: &[Cite]) -> String {
    sources
        .iter()
        .map(|c| format!("{}: {} (released {})", what(&c.id), c.citation, c.released))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn esc(s: &str) -> String {
    super::embed::escape_markdown(s)
}

fn notes(d: &[Disclosure]) -> String {
    d.iter()
        .map(|d| format!("ⓘ {}", esc(&d.text)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn title(c: &CareerRef) -> String {
    if c.curated {
        format!("{} (curated role)", c.title)
    } else {
        c.title.clone()
    }
}

/// Whose figures these are, when they are not the career's own (a curated role's borrowed
/// occupation, or a broader BLS group), named with its code.
fn figures_line(c: &CareerRef) -> Option<String> {
    (c.figures_group.is_some() || c.figures_from.is_some())
        .then(|| format!("*Figures for {}*", esc(&c.figures_for())))
}

fn median_line(p: &PayBlock) -> String {
    let m = p.headline_median().map_or("—".into(), |m| m.text());
    match p.middle_half() {
        Some(mid) => format!("Median {m}\nMiddle half {mid}"),
        None => format!("Median {m}"),
    }
}

fn button(label: &str, action: &Action, style: ButtonStyle) -> Option<CreateButton> {
    action
        .encode()
        .map(|id| CreateButton::new(id).label(fit(label, 80)).style(style))
}

/// Rows of at most five buttons.
fn button_rows(buttons: Vec<CreateButton>) -> Vec<CreateActionRow> {
    buttons
        .chunks(5)
        .map(|c| CreateActionRow::Buttons(c.to_vec()))
        .collect()
}

/// A select menu that opens the card of the chosen career (at most 25 options).
fn career_menu(placeholder: &str, careers: &[(CareerRef, String)]) -> Option<CreateActionRow> {
    let mut seen = Vec::new();
    let options: Vec<CreateSelectMenuOption> = careers
        .iter()
        .filter(|(c, _)| {
            if seen.contains(&c.id) {
                false
            } else {
                seen.push(c.id.clone());
                true
            }
        })
        .take(25)
        .map(|(c, why)| {
            CreateSelectMenuOption::new(fit(&title(c), 100), c.id.clone())
                .description(fit(why, 100))
        })
        .collect();
    if options.is_empty() {
        return None;
    }
    let id = Action::OpenSelected.encode()?;
    Some(CreateActionRow::SelectMenu(
        CreateSelectMenu::new(id, CreateSelectMenuKind::String { options })
            .placeholder(fit(placeholder, 150)),
    ))
}

pub fn compare(c: &Compare) -> Reply {
    let names: Vec<&str> = c.careers.iter().map(|r| r.career.title.as_str()).collect();
    let mut e = Embed::new(names.join(" vs "), colour::CARD).description(
        c.differences
            .iter()
            .map(|d| format!("• {d}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    for row in &c.careers {
        let mut lines = Vec::new();
        if let Some(f) = figures_line(&row.career) {
            lines.push(f);
        }
        if let Some(entry) = &row.entry {
            lines.push(format!("🎓 {}", esc(&entry.education)));
            lines.push(format!("🧰 Experience: {}", entry.experience));
        }
        match &row.pay {
            Some(p) => lines.push(format!("💵 {} (US)", median_line(p))),
            None => lines.push("💵 Pay not published".into()),
        }
        if let (Some(area), Some(p)) = (&c.area, &row.local_pay) {
            lines.push(format!(
                "📍 {}: median {}",
                area.name,
                p.headline_median().map_or("—".into(), |m| m.text())
            ));
        }
        if let Some(o) = &row.outlook {
            lines.push(format!(
                "📈 Growth {} (2024–34)",
                format::percent_change(o.growth_pct)
            ));
            lines.push(format!(
                "🧭 {} openings a year",
                o.openings_per_year.map_or("—".into(), format::thousands)
            ));
        }
        e = e.field(title(&row.career), lines.join("\n"), true);
    }
    if !c.disclosures.is_empty() {
        e = e.field("Notes", notes(&c.disclosures), false);
    }
    e = e.footer(footer(&c.sources));

    let mut rows: Vec<CreateActionRow> = c
        .careers
        .iter()
        .filter_map(|r| {
            let buttons: Vec<CreateButton> = [
                button(
                    &format!("Responsibilities: {}", r.career.title),
                    &Action::Responsibilities(r.career.id.clone()),
                    ButtonStyle::Secondary,
                ),
                button(
                    &format!("Related: {}", r.career.title),
                    &Action::Related(r.career.id.clone()),
                    ButtonStyle::Secondary,
                ),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!buttons.is_empty()).then_some(CreateActionRow::Buttons(buttons))
        })
        .collect();
    let related: Vec<(CareerRef, String)> = c
        .careers
        .iter()
        .flat_map(|r| {
            r.related
                .iter()
                .map(move |x| (x.clone(), format!("Related to {}", r.career.title)))
        })
        .filter(|(x, _)| !c.careers.iter().any(|r| r.career.id == x.id))
        .collect();
    rows.truncate(4);
    rows.extend(career_menu("Open a related career…", &related));
    Reply::card(e).with_rows(rows)
}

pub fn profile(p: &Profile) -> Reply {
    // Career text can come from moderators' edits: escaped so it cannot format or link.
    let mut description = esc(&p.description);
    if !p.also_called.is_empty() {
        description.push_str(&format!(
            "\n\n*Also called: {}*",
            esc(&p.also_called.join(", "))
        ));
    }
    let mut e = Embed::new(title(&p.career), colour::CARD).description(description);
    if let Some(f) = figures_line(&p.career) {
        e = e.field("Figures", f, false);
    }
    if let Some(entry) = &p.entry {
        e = e.field(
            "🎓 Entry",
            format!(
                "{}\nExperience: {}\nTraining: {}",
                entry.education, entry.experience, entry.training
            ),
            true,
        );
    }
    e = e.field(
        "💵 Pay (US)",
        p.pay.as_ref().map_or("Not published".into(), median_line),
        true,
    );
    if let Some(o) = &p.outlook {
        e = e.field(
            "📈 Outlook 2024–34",
            format!(
                "Growth {}\n{} jobs (2024)\n{} openings a year",
                format::percent_change(o.growth_pct),
                o.employment_2024.map_or("—".into(), format::thousands),
                o.openings_per_year.map_or("—".into(), format::thousands)
            ),
            true,
        );
    }
    if !p.responsibilities.is_empty() {
        e = e.field(
            "Responsibilities",
            p.responsibilities
                .iter()
                .map(|t| format!("• {}", esc(t)))
                .collect::<Vec<_>>()
                .join("\n"),
            false,
        );
    }
    if !p.related.is_empty() {
        e = e.field(
            "Related careers",
            p.related
                .iter()
                .map(|r| format!("• {}", esc(&title(r))))
                .collect::<Vec<_>>()
                .join("\n"),
            false,
        );
    }
    if !p.disclosures.is_empty() {
        e = e.field("Notes", notes(&p.disclosures), false);
    }
    e = e.footer(footer(&p.sources));
    let id = &p.career.id;
    let buttons = [
        button(
            "All responsibilities",
            &Action::Responsibilities(id.clone()),
            ButtonStyle::Secondary,
        ),
        button(
            "Related careers",
            &Action::Related(id.clone()),
            ButtonStyle::Secondary,
        ),
        button(
            "Pay by percentile",
            &Action::Salary {
                career: id.clone(),
                area: None,
            },
            ButtonStyle::Secondary,
        ),
    ];
    let mut rows = button_rows(buttons.into_iter().flatten().collect());
    let related: Vec<(CareerRef, String)> = p
        .related
        .iter()
        .map(|r| (r.clone(), format!("Related to {}", p.career.title)))
        .collect();
    rows.extend(career_menu("Open a related career…", &related));
    Reply::card(e).with_rows(rows)
}

fn wage_lines(w: &Wages) -> String {
    format!(
        "10th: {}\n25th: {}\n**Median: {}**\n75th: {}\n90th: {}\nMean: {}",
        w.p10.text(),
        w.p25.text(),
        w.median.text(),
        w.p75.text(),
        w.p90.text(),
        w.mean.text()
    )
}

fn pay_field(p: &PayBlock) -> String {
    let mut out = match (&p.annual, &p.hourly) {
        (Some(a), Some(h)) => format!("{}\nHourly median: {}", wage_lines(a), h.median.text()),
        (Some(a), None) => wage_lines(a),
        (None, Some(h)) => wage_lines(h),
        (None, None) => "Not published".into(),
    };
    if let Some(jobs) = p.employment {
        out.push_str(&format!("\nJobs: {}", format::thousands(jobs as u64)));
    }
    out
}

pub fn salary(s: &Salary) -> Reply {
    let mut e = Embed::new(format!("Pay: {}", title(&s.career)), colour::PAY);
    if let Some(f) = figures_line(&s.career) {
        e = e.description(f);
    }
    if let Some(area) = &s.area {
        e = e.field(
            area.name.clone(),
            s.local
                .as_ref()
                .map_or("Not published here".into(), pay_field),
            true,
        );
    }
    e = e.field(
        "United States",
        s.national
            .as_ref()
            .map_or("Not published".into(), pay_field),
        true,
    );
    if !s.disclosures.is_empty() {
        e = e.field("Notes", notes(&s.disclosures), false);
    }
    e = e.footer(footer(&s.sources));
    let id = &s.career.id;
    let buttons = [
        button(
            "Career profile",
            &Action::Career(id.clone()),
            ButtonStyle::Secondary,
        ),
        button(
            "Related careers",
            &Action::Related(id.clone()),
            ButtonStyle::Secondary,
        ),
    ];
    Reply::card(e).with_rows(button_rows(buttons.into_iter().flatten().collect()))
}

/// Buttons that lead on from a card about one career, leaving out the one it is.
fn lead_on(id: &str, area: Option<&AreaRef>, this: &str) -> Vec<CreateActionRow> {
    let area = area.map(|a| a.code.clone());
    let all = [
        (
            "pay",
            "Pay",
            Action::Salary {
                career: id.into(),
                area: area.clone(),
            },
        ),
        (
            "outlook",
            "Outlook",
            Action::Outlook {
                career: id.into(),
                area: area.clone(),
            },
        ),
        (
            "education",
            "Education",
            Action::Education {
                career: id.into(),
                area: None,
            },
        ),
        (
            "places",
            "Where it pays most",
            Action::TopPlaces {
                career: id.into(),
                lowest: false,
            },
        ),
        ("career", "Career profile", Action::Career(id.into())),
        ("related", "Related careers", Action::Related(id.into())),
    ];
    button_rows(
        all.iter()
            .filter(|(k, _, _)| *k != this)
            .filter_map(|(_, label, a)| button(label, a, ButtonStyle::Secondary))
            .collect(),
    )
}

fn summary_text(lines: &[String]) -> String {
    lines.iter().map(|l| esc(l)).collect::<Vec<_>>().join("\n")
}

pub fn outlook(o: &OutlookAnswer) -> Reply {
    let mut e = Embed::new(format!("Outlook: {}", esc(&title(&o.career))), colour::CARD)
        .description(summary_text(&o.summary));
    if let Some(p) = &o.outlook {
        e = e.field("Growth 2024–34", format::percent_change(p.growth_pct), true);
        if let Some(all) = o.all_occupations_pct {
            e = e.field("All occupations", format::percent_change(all), true);
        }
        if let Some(open) = p.openings_per_year {
            e = e.field("Openings a year", format::thousands(open), true);
        }
        if let (Some(a), Some(b)) = (p.employment_2024, p.employment_2034) {
            e = e.field(
                "Jobs",
                format!(
                    "{} (2024) → {} (2034)",
                    format::thousands(a),
                    format::thousands(b)
                ),
                false,
            );
        }
    }
    if let Some(f) = figures_line(&o.career) {
        e = e.field("Figures", f, false);
    }
    if !o.disclosures.is_empty() {
        e = e.field("Notes", notes(&o.disclosures), false);
    }
    e = e.footer(footer(&o.sources));
    Reply::card(e).with_rows(lead_on(&o.career.id, o.area.as_ref(), "outlook"))
}

fn place_lines(list: &[PlaceRank]) -> String {
    list.iter()
        .take(SHOWN)
        .map(|r| {
            format!(
                "{}. {} — {}{}{}",
                r.rank,
                esc(&r.area.name),
                r.median.text(),
                if r.edited { " (edited)" } else { "" },
                r.employment.map_or(String::new(), |j| format!(
                    " · {} jobs",
                    format::thousands(j as u64)
                ))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn top_places(t: &TopPlaces) -> Reply {
    let which = if t.lowest { "Lowest" } else { "Highest" };
    let mut e = Embed::new(
        format!("{which}-paying places: {}", esc(&title(&t.career))),
        colour::PAY,
    )
    .description(summary_text(&t.summary));
    if !t.states.is_empty() {
        e = e.field("States", place_lines(&t.states), false);
    }
    if !t.metros.is_empty() {
        e = e.field("Metro areas", place_lines(&t.metros), false);
    }
    if !t.disclosures.is_empty() {
        e = e.field("Notes", notes(&t.disclosures), false);
    }
    e = e.footer(footer(&t.sources));
    let other = Action::TopPlaces {
        career: t.career.id.clone(),
        lowest: !t.lowest,
    };
    let mut buttons: Vec<CreateButton> = button(
        if t.lowest {
            "Where it pays most"
        } else {
            "Where it pays least"
        },
        &other,
        ButtonStyle::Secondary,
    )
    .into_iter()
    .collect();
    buttons.extend(button(
        "Pay",
        &Action::Salary {
            career: t.career.id.clone(),
            area: None,
        },
        ButtonStyle::Secondary,
    ));
    buttons.extend(button(
        "Career profile",
        &Action::Career(t.career.id.clone()),
        ButtonStyle::Secondary,
    ));
    Reply::card(e).with_rows(button_rows(buttons))
}

pub fn education(x: &Education) -> Reply {
    let mut e = Embed::new(
        format!("Education: {}", esc(&title(&x.career))),
        colour::CARD,
    )
    .description(summary_text(&x.summary));
    if let Some(en) = &x.entry {
        e = e
            .field("Entry education", esc(&en.education), true)
            .field("Experience", esc(&en.experience), true)
            .field("On-the-job training", esc(&en.training), true);
    }
    if let Some(p) = &x.preparation {
        e = e.field("Preparation (O*NET Job Zone)", esc(p), false);
    }
    if !x.disclosures.is_empty() {
        e = e.field("Notes", notes(&x.disclosures), false);
    }
    e = e.footer(footer(&x.sources));
    Reply::card(e).with_rows(lead_on(&x.career.id, x.area.as_ref(), "education"))
}

/// Room left in the description for the "and N more" line.
const LIST_BUDGET: usize = super::embed::DESCRIPTION - 100;

pub fn responsibilities(r: &Responsibilities) -> Reply {
    let has_core = r.tasks.iter().any(|t| t.kind == TaskKind::Core);
    let mut text = String::new();
    let mut shown = 0;
    let mut supplemental_header = false;
    for t in &r.tasks {
        let mut line = String::new();
        if t.kind == TaskKind::Supplemental && has_core && !supplemental_header {
            line.push_str("\n**Also, in some jobs:**\n");
            supplemental_header = true;
        }
        line.push_str(&format!("• {}\n", esc(&t.text)));
        if text.chars().count() + line.chars().count() > LIST_BUDGET {
            break;
        }
        text.push_str(&line);
        shown += 1;
    }
    if shown < r.tasks.len() {
        text.push_str(&format!("\n…and {} more.", r.tasks.len() - shown));
    }
    let mut e = Embed::new(
        format!("Responsibilities: {}", title(&r.career)),
        colour::LIST,
    )
    .description(text);
    if !r.disclosures.is_empty() {
        e = e.field("Notes", notes(&r.disclosures), false);
    }
    e = e.footer(footer(&r.sources));
    let buttons = [button(
        "Career profile",
        &Action::Career(r.career.id.clone()),
        ButtonStyle::Secondary,
    )];
    Reply::card(e).with_rows(button_rows(buttons.into_iter().flatten().collect()))
}

pub fn related(r: &Related) -> Reply {
    let lines: Vec<String> = r
        .related
        .iter()
        .map(|x| {
            let pay = x
                .median_pay
                .map_or(String::new(), |m| format!(" — median {}", m.text()));
            format!("• **{}**{pay}", esc(&title(&x.career)))
        })
        .collect();
    let e = Embed::new(
        format!("Careers related to {}", title(&r.career)),
        colour::LIST,
    )
    .description(lines.join("\n"))
    .footer(footer(&r.sources));
    let options: Vec<(CareerRef, String)> = r
        .related
        .iter()
        .map(|x| {
            (
                x.career.clone(),
                x.median_pay
                    .map_or(String::new(), |m| format!("Median {}", m.text())),
            )
        })
        .collect();
    Reply::card(e).with_rows(
        career_menu("Open one of these careers…", &options)
            .into_iter()
            .collect(),
    )
}

pub fn search(s: &Search) -> Reply {
    let heading = if s.query.is_empty() {
        "All careers".to_string()
    } else {
        format!("Careers matching “{}”", s.query)
    };
    let lines: Vec<String> = s
        .results
        .iter()
        .map(|x| match &x.matched {
            Some(m) => format!(
                "• {} *(matched “{}”)*",
                title(&x.career),
                super::embed::escape_markdown(m)
            ),
            None => format!("• {}", title(&x.career)),
        })
        .collect();
    let body = if lines.is_empty() {
        "Nothing matches.".to_string()
    } else {
        lines.join("\n")
    };
    let e = Embed::new(
        fit(&super::embed::escape_markdown(&heading), 200),
        colour::LIST,
    )
    .description(body)
    .footer(format!(
        "Page {} of {} · {}",
        format::thousands(s.page as u64),
        format::thousands(s.pages as u64),
        rolecall::text::count(s.total, "career", "careers")
    ));
    let mut buttons = Vec::new();
    if s.page > 1 {
        buttons.extend(button(
            "◀ Previous",
            &Action::Page {
                query: s.query.clone(),
                page: s.page - 1,
            },
            ButtonStyle::Secondary,
        ));
    }
    if s.page < s.pages {
        buttons.extend(button(
            "Next ▶",
            &Action::Page {
                query: s.query.clone(),
                page: s.page + 1,
            },
            ButtonStyle::Secondary,
        ));
    }
    let options: Vec<(CareerRef, String)> = s
        .results
        .iter()
        .map(|x| (x.career.clone(), String::new()))
        .collect();
    let mut rows = button_rows(buttons);
    rows.extend(career_menu("Open a career…", &options));
    Reply::card(e).with_rows(rows)
}

pub fn about(a: &About) -> Reply {
    let mut e = Embed::new("About Rolecall", colour::INFO).description(format!(
        "Career questions answered with real data.\n{}\n\n{}\n\n{}",
        a.summary(),
        a.onet_credit,
        a.bls_note
    ));
    for s in &a.sources {
        e = e.field(
            s.name.clone(),
            format!(
                "{}\nPeriod {} · released {}\n{}",
                s.publisher, s.period, s.released, s.url
            ),
            false,
        );
    }
    Reply::card(e.footer(format!("Dataset version {}", a.dataset_version)))
}
