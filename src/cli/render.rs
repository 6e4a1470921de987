//! Answers as text for a terminal. Layout only: every figure and sentence comes from the core.

use super::bars;
use super::style::Style;
use super::table;
use rolecall::answers::*;
use rolecall::chart::RangeChart;
use rolecall::data::TaskKind;
use rolecall::format;
use rolecall::lookup::UserError;

pub fn answer(a: &Answer, s: Style) -> String {
    match a {
        Answer::Compare(c) => compare(c, s),
        Answer::Career(p) => profile(p, s),
        Answer::Salary(x) => salary(x, s),
        Answer::Outlook(x) => outlook(x, s),
        Answer::TopPlaces(x) => top_places(x, s),
        Answer::Education(x) => education(x, s),
        Answer::Responsibilities(r) => responsibilities(r, s),
        Answer::Related(r) => related(r, s),
        Answer::Search(x) => search(x, s),
        Answer::About(x) => about(x, s),
        Answer::Help(h) => format!("{}\n", h.text),
    }
}

fn title_line(c: &CareerRef) -> String {
    if c.curated {
        format!("{} (curated role)", c.title)
    } else {
        format!("{} ({})", c.title, c.id)
    }
}

fn median(p: &Option<PayBlock>) -> String {
    p.as_ref()
        .and_then(PayBlock::headline_median)
        .map_or("—".into(), |m| m.text())
}

fn middle(p: &Option<PayBlock>) -> String {
    p.as_ref()
        .and_then(PayBlock::middle_half)
        .unwrap_or_else(|| "—".into())
}

fn growth(o: &Option<Outlook>) -> String {
    o.as_ref()
        .map_or("—".into(), |o| format::percent_change(o.growth_pct))
}

fn footer(out: &mut String, disclosures: &[Disclosure], sources: &[Cite], s: Style) {
    if !disclosures.is_empty() {
        out.push('\n');
        for d in disclosures {
            out.push_str(&s.warn(&format!("Note: {}", d.text)));
            out.push('\n');
        }
    }
    if !sources.is_empty() {
        out.push('\n');
        let list: Vec<String> = sources
            .iter()
            .map(|c| format!("{} ({}; released {})", c.citation, c.period, c.released))
            .collect();
        out.push_str(&s.dim(&format!("Sources: {}", list.join("; "))));
        out.push('\n');
    }
}

pub fn compare(c: &Compare, s: Style) -> String {
    let header: Vec<String> = c.careers.iter().map(|r| r.career.title.clone()).collect();
    let col = |f: &dyn Fn(&CompareRow) -> String| c.careers.iter().map(f).collect::<Vec<_>>();
    let mut rows = vec![
        ("Figures for".to_string(), col(&|r| r.career.figures_for())),
        (
            "Entry education".into(),
            col(&|r| r.entry.as_ref().map_or("—".into(), |e| e.education.clone())),
        ),
        (
            "Experience".into(),
            col(&|r| {
                r.entry
                    .as_ref()
                    .map_or("—".into(), |e| e.experience.clone())
            }),
        ),
        ("Median pay (US)".into(), col(&|r| median(&r.pay))),
        ("Middle half (US)".into(), col(&|r| middle(&r.pay))),
    ];
    if let Some(area) = &c.area {
        rows.push((
            format!("Median pay ({})", area.name),
            col(&|r| median(&r.local_pay)),
        ));
        rows.push((
            format!("Middle half ({})", area.name),
            col(&|r| middle(&r.local_pay)),
        ));
    }
    rows.push(("Growth 2024–34".into(), col(&|r| growth(&r.outlook))));
    rows.push((
        "Openings a year".into(),
        col(&|r| {
            r.outlook.as_ref().map_or("—".into(), |o| {
                o.openings_per_year.map_or("—".into(), format::thousands)
            })
        }),
    ));
    let mut out = s.heading(&header.join(" vs ")) + "\n\n";
    out.push_str(&table::render(&header, &rows));
    out.push_str(&bars::section(&RangeChart::from_compare(c), s));
    if !c.differences.is_empty() {
        out.push('\n');
        for d in &c.differences {
            out.push_str(&format!("• {d}\n"));
        }
    }
    footer(&mut out, &c.disclosures, &c.sources, s);
    out
}

pub fn profile(p: &Profile, s: Style) -> String {
    let mut out = s.heading(&title_line(&p.career)) + "\n";
    for line in table::wrap(&p.description, 88) {
        out.push_str(&line);
        out.push('\n');
    }
    if !p.also_called.is_empty() {
        let names = format!("Also called: {}", p.also_called.join(", "));
        for line in table::wrap(&names, 88) {
            out.push_str(&s.dim(&line));
            out.push('\n');
        }
    }
    out.push('\n');
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    if let Some(e) = &p.entry {
        rows.push(("Entry education".into(), vec![e.education.clone()]));
        rows.push(("Experience".into(), vec![e.experience.clone()]));
        rows.push(("On-the-job training".into(), vec![e.training.clone()]));
    }
    rows.push(("Median pay (US)".into(), vec![median(&p.pay)]));
    rows.push(("Middle half (US)".into(), vec![middle(&p.pay)]));
    rows.push(("Growth 2024–34".into(), vec![growth(&p.outlook)]));
    if let Some(o) = &p.outlook {
        rows.push((
            "Jobs (2024)".into(),
            vec![o.employment_2024.map_or("—".into(), format::thousands)],
        ));
        rows.push((
            "Openings a year".into(),
            vec![o.openings_per_year.map_or("—".into(), format::thousands)],
        ));
    }
    out.push_str(&table::render(&[String::new()], &rows));
    if !p.responsibilities.is_empty() {
        out.push_str(&format!("\n{}\n", s.bold("Responsibilities")));
        for t in &p.responsibilities {
            out.push_str(&format!("• {t}\n"));
        }
    }
    if !p.related.is_empty() {
        out.push_str(&format!("\n{}\n", s.bold("Related careers")));
        for r in &p.related {
            out.push_str(&format!("• {}\n", title_line(r)));
        }
    }
    footer(&mut out, &p.disclosures, &p.sources, s);
    out
}

fn wage_rows(w: &Wages) -> Vec<String> {
    [w.p10, w.p25, w.median, w.p75, w.p90, w.mean]
        .iter()
        .map(Money::text)
        .collect()
}

pub fn salary(x: &Salary, s: Style) -> String {
    let mut out = s.heading(&format!("Pay: {}", title_line(&x.career))) + "\n\n";
    let mut blocks: Vec<&PayBlock> = Vec::new();
    if let Some(l) = &x.local {
        blocks.push(l);
    }
    if let Some(n) = &x.national {
        blocks.push(n);
    }
    if blocks.is_empty() {
        out.push_str("No pay figures are published for this career.\n");
    } else {
        // The nation by the name the charts and Discord give it.
        let header: Vec<String> = blocks
            .iter()
            .map(|b| match b.area.kind {
                rolecall::data::AreaKind::National => "United States".to_string(),
                _ => b.area.name.clone(),
            })
            .collect();
        let labels = [
            "10th percentile",
            "25th percentile",
            "Median",
            "75th percentile",
            "90th percentile",
            "Mean",
        ];
        for (unit, get) in [("annual", 0), ("hourly", 1)] {
            let sets: Vec<Option<&Wages>> = blocks
                .iter()
                .map(|b| {
                    if get == 0 {
                        b.annual.as_ref()
                    } else {
                        b.hourly.as_ref()
                    }
                })
                .collect();
            if sets.iter().all(Option::is_none) {
                continue;
            }
            let cols: Vec<Vec<String>> = sets
                .iter()
                .map(|w| w.map_or(vec!["—".to_string(); 6], wage_rows))
                .collect();
            let rows: Vec<(String, Vec<String>)> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    (
                        format!("{l} ({unit})"),
                        cols.iter().map(|c| c[i].clone()).collect(),
                    )
                })
                .collect();
            out.push_str(&table::render(&header, &rows));
            out.push('\n');
        }
        let jobs: Vec<String> = blocks
            .iter()
            .map(|b| {
                b.employment
                    .map_or("—".into(), |e| format::thousands(e as u64))
            })
            .collect();
        out.push_str(&table::render(&header, &[("Jobs".into(), jobs)]));
        out.push_str(&bars::section(&RangeChart::from_salary(x), s));
    }
    footer(&mut out, &x.disclosures, &x.sources, s);
    out
}

/// Sentences as a wrapped list.
fn sentences(out: &mut String, lines: &[String]) {
    for l in lines {
        let mut wrapped = table::wrap(l, 86).into_iter();
        out.push_str(&format!("• {}\n", wrapped.next().unwrap_or_default()));
        for w in wrapped {
            out.push_str(&format!("  {w}\n"));
        }
    }
}

pub fn outlook(x: &OutlookAnswer, s: Style) -> String {
    let mut out = s.heading(&format!("Outlook: {}", title_line(&x.career))) + "\n\n";
    if let Some(o) = &x.outlook {
        let mut rows = vec![(
            "Growth 2024–34".to_string(),
            vec![format::percent_change(o.growth_pct)],
        )];
        if let Some(all) = x.all_occupations_pct {
            rows.push(("All occupations".into(), vec![format::percent_change(all)]));
        }
        let jobs = |v: Option<u64>| v.map_or("—".into(), format::thousands);
        rows.push(("Jobs in 2024".into(), vec![jobs(o.employment_2024)]));
        rows.push(("Jobs in 2034".into(), vec![jobs(o.employment_2034)]));
        if let Some(d) = x.change_jobs {
            let sign = if d >= 0 { "+" } else { "−" };
            rows.push((
                "Change in jobs".into(),
                vec![format!("{sign}{}", format::thousands(d.unsigned_abs()))],
            ));
        }
        rows.push(("Openings a year".into(), vec![jobs(o.openings_per_year)]));
        out.push_str(&table::render(&[String::new()], &rows));
        out.push('\n');
    }
    sentences(&mut out, &x.summary);
    footer(&mut out, &x.disclosures, &x.sources, s);
    out
}

pub fn top_places(x: &TopPlaces, s: Style) -> String {
    let which = if x.lowest { "Lowest" } else { "Highest" };
    let mut out = s.heading(&format!("{which}-paying places: {}", title_line(&x.career))) + "\n\n";
    let unit = if x.hourly { "hourly" } else { "annual" };
    for (what, list) in [("States", &x.states), ("Metro areas", &x.metros)] {
        if list.is_empty() {
            continue;
        }
        let rows: Vec<(String, Vec<String>)> = list
            .iter()
            .take(SHOWN)
            .map(|r| {
                (
                    format!("{:>2}.", r.rank),
                    vec![
                        r.area.name.clone(),
                        format!(
                            "{}{}",
                            r.median.text(),
                            if r.edited { " (edited)" } else { "" }
                        ),
                        r.employment
                            .map_or("—".into(), |e| format::thousands(e as u64)),
                    ],
                )
            })
            .collect();
        out.push_str(&table::render_capped(
            &[
                what.to_string(),
                format!("Median ({unit})"),
                "Jobs".to_string(),
            ],
            &rows,
            &[table::MAX_HEADER, 30, 30],
        ));
        out.push('\n');
    }
    sentences(&mut out, &x.summary);
    footer(&mut out, &x.disclosures, &x.sources, s);
    out
}

pub fn education(x: &Education, s: Style) -> String {
    let mut out = s.heading(&format!("Education: {}", title_line(&x.career))) + "\n\n";
    if let Some(e) = &x.entry {
        let mut rows = vec![
            ("Entry education".to_string(), vec![e.education.clone()]),
            ("Experience".into(), vec![e.experience.clone()]),
            ("On-the-job training".into(), vec![e.training.clone()]),
        ];
        if let Some(p) = &x.preparation {
            rows.push(("Preparation (O*NET)".into(), vec![p.clone()]));
        }
        out.push_str(&table::render(&[String::new()], &rows));
        out.push('\n');
    }
    sentences(&mut out, &x.summary);
    footer(&mut out, &x.disclosures, &x.sources, s);
    out
}

pub fn responsibilities(r: &Responsibilities, s: Style) -> String {
    let mut out = s.heading(&format!("Responsibilities: {}", title_line(&r.career))) + "\n\n";
    let has_core = r.tasks.iter().any(|t| t.kind == TaskKind::Core);
    let mut shown_supplemental = false;
    for t in &r.tasks {
        if t.kind == TaskKind::Supplemental && has_core && !shown_supplemental {
            out.push_str(&format!("\n{}\n", s.bold("Also, in some jobs:")));
            shown_supplemental = true;
        }
        let mut lines = table::wrap(&t.text, 86).into_iter();
        out.push_str(&format!("• {}\n", lines.next().unwrap_or_default()));
        for l in lines {
            out.push_str(&format!("  {l}\n"));
        }
    }
    footer(&mut out, &r.disclosures, &r.sources, s);
    out
}

pub fn related(r: &Related, s: Style) -> String {
    let mut out = s.heading(&format!("Careers related to {}", title_line(&r.career))) + "\n\n";
    let rows: Vec<(String, Vec<String>)> = r
        .related
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (
                format!("{:>2}.", i + 1),
                vec![
                    title_line(&x.career),
                    x.median_pay.map_or("pay not published".into(), |m| {
                        format!("median {}", m.text())
                    }),
                ],
            )
        })
        .collect();
    out.push_str(&table::render(
        &["Career".into()],
        &rows
            .into_iter()
            .map(|(n, v)| (n, vec![format!("{} — {}", v[0], v[1])]))
            .collect::<Vec<_>>(),
    ));
    footer(&mut out, &[], &r.sources, s);
    out
}

pub fn search(x: &Search, s: Style) -> String {
    let what = if x.query.is_empty() {
        "All careers".to_string()
    } else {
        format!("Careers matching “{}”", x.query)
    };
    let mut out = s.heading(&format!(
        "{what} — page {} of {} ({} in all)",
        format::thousands(x.page as u64),
        format::thousands(x.pages as u64),
        format::thousands(x.total as u64)
    )) + "\n\n";
    if x.results.is_empty() {
        out.push_str("Nothing matches.\n");
    }
    for item in &x.results {
        let via = item
            .matched
            .as_ref()
            .map(|m| s.dim(&format!("  (matched “{m}”)")))
            .unwrap_or_default();
        out.push_str(&format!("• {}{via}\n", title_line(&item.career)));
    }
    if x.page < x.pages {
        let mut command = vec!["rolecall".to_string(), "search".to_string()];
        command.extend(x.query.split_whitespace().map(str::to_string));
        command.extend(["--page".to_string(), (x.page + 1).to_string()]);
        out.push_str(&s.dim(&format!("\nNext page: {}\n", shell_words(&command))));
    }
    out
}

pub fn about(a: &About, s: Style) -> String {
    let mut out = s.heading("Rolecall: career questions answered with real data") + "\n\n";
    out.push_str(&a.summary());
    out.push_str("\n\n");
    for src in &a.sources {
        out.push_str(&format!(
            "• {} — {} (period {}, released {})\n",
            s.bold(&src.name),
            src.publisher,
            src.period,
            src.released
        ));
        if !src.url.is_empty() {
            out.push_str(&format!("  {}\n", src.url));
        }
    }
    out.push('\n');
    for line in table::wrap(&a.onet_credit, 88) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    for line in table::wrap(&a.bls_note, 88) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A command line as it can be typed again: words with characters a shell reads specially
/// are single-quoted.
pub fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let plain = !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphanumeric() || "-_.,:/+=@%".contains(c));
            if plain {
                w.clone()
            } else {
                format!("'{}'", w.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn user_error(e: &UserError, s: Style) -> String {
    format!("{} {e}\n", s.error("error:"))
}
