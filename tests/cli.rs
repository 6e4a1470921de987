//! The terminal front end, driven as a person (or a script) would: the real binary, real
//! data, assertions on what is printed. Figures are checked against data/ read directly.

mod common;
use common::*;
use serde_json::Value;

#[test]
fn compare_cto_and_product_manager_shows_both_cards_with_figures_from_the_data() {
    let run = rolecall(&["compare", "cto", "product-manager"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cis = table_row("pay.tsv", &["11-3021", "0000000"]);
    let mkt = table_row("pay.tsv", &["11-2021", "0000000"]);
    let cis_ep = table_row("projections.tsv", &["11-3021"]);
    let out = &run.stdout;
    assert!(
        out.contains("Chief Technology Officer") && out.contains("Product Manager"),
        "{out}"
    );
    assert!(
        out.contains(&dollars(&cis["annual_median"])),
        "CTO median missing:\n{out}"
    );
    assert!(
        out.contains(&dollars(&mkt["annual_median"])),
        "PM median missing:\n{out}"
    );
    assert!(
        out.contains(&format!("+{}%", cis_ep["change_pct"])),
        "CTO growth missing:\n{out}"
    );
    assert!(out.contains(&cis_ep["education"]), "{out}");
    // The curated-role disclosure and the source of every figure.
    assert!(
        out.contains("figures are those of Computer and Information Systems Managers (11-3021.00)"),
        "{out}"
    );
    assert!(
        out.contains("OEWS, May 2025")
            && out.contains("Employment Projections")
            && out.contains("O*NET 29.3"),
        "{out}"
    );
    assert!(
        out.contains("as much as") && out.contains("points faster"),
        "differences spelled out:\n{out}"
    );
}

#[test]
fn compare_json_carries_soc_and_title_for_each_career() {
    let run = rolecall(&["compare", "cto", "product-manager", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let careers = v["careers"].as_array().unwrap();
    assert_eq!(careers[0]["career"]["soc"], "11-3021.00");
    assert_eq!(careers[0]["career"]["title"], "Chief Technology Officer");
    assert_eq!(careers[1]["career"]["soc"], "11-2021.00");
    assert_eq!(careers[1]["career"]["title"], "Product Manager");
    let median = table_row("pay.tsv", &["11-3021", "0000000"])["annual_median"]
        .parse::<u64>()
        .unwrap();
    assert_eq!(careers[0]["pay"]["annual"]["median"], median);
    assert_eq!(careers[0]["pay"]["source"], "bls-oews");
    assert_eq!(careers[0]["outlook"]["source"], "bls-ep");
    assert!(
        v["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["period"] == "May 2025")
    );
}

#[test]
fn many_spellings_land_on_the_same_career() {
    for q in [
        "cto",
        "Chief Technology Officer",
        "chief-technology-officer",
        "CHIEF TECHNOLOGY OFFICER",
    ] {
        let v = rolecall(&["resolve", "--json", q]).json();
        assert_eq!(v["best"]["id"], "chief-technology-officer", "{q}: {v}");
        assert_eq!(v["ambiguous"], false, "{q}");
    }
    for q in [
        "prodcut manager",
        "product-manager",
        "manager product",
        "Product Managers",
    ] {
        let v = rolecall(&["resolve", "--json", q]).json();
        assert_eq!(v["best"]["soc"], "11-2021.00", "{q}: {v}");
        assert_eq!(v["best"]["title"], "Product Manager", "{q}");
    }
}

#[test]
fn resolve_json_has_the_documented_shape() {
    let v = rolecall(&["resolve", "--json", "registered nurse"]).json();
    assert_eq!(v["best"]["soc"], "29-1141.00");
    assert!(v["ambiguous"].is_boolean());
    let c = &v["candidates"][0];
    for key in ["soc", "title", "score", "matched"] {
        assert!(!c[key].is_null(), "candidate lacks {key}: {c}");
    }
    let none = rolecall(&["resolve", "--json", "asdfghjkl"]);
    assert_ne!(none.code, 0);
    assert!(none.json()["best"].is_null());
}

#[test]
fn an_unknown_role_suggests_and_exits_non_zero() {
    let run = rolecall(&["career", "zzqx"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("I don't know a role called “zzqx”"),
        "{}",
        run.stderr
    );
    // Three typos in three words still name the career, and say which.
    let typo = rolecall(&["career", "registrd nurze practitionr"]);
    assert_eq!(typo.code, 0, "{}", typo.stderr);
    assert!(
        typo.stdout.starts_with("Nurse Practitioners (29-1171.00)"),
        "{}",
        typo.stdout
    );
}

#[test]
fn an_ambiguous_name_asks_back_with_choices() {
    let run = rolecall(&["salary", "developer"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("could mean several roles"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Software Developers") && run.stderr.contains("Web Developers"),
        "{}",
        run.stderr
    );
    let json = rolecall(&["salary", "developer", "--json"]).json();
    assert_eq!(json["error"], "ambiguous");
    assert_eq!(json["options"][0]["id"], "15-1252.00");
}

#[test]
fn salary_in_a_state_sits_beside_the_national_figure() {
    let run = rolecall(&["salary", "nurse", "--in", "ohio"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let oh = table_row("pay.tsv", &["29-1141", "3900000"]);
    let us = table_row("pay.tsv", &["29-1141", "0000000"]);
    // The nation by the name the charts and Discord give it, not the data's "National".
    let header = run.stdout.lines().nth(2).unwrap();
    assert!(
        header.contains("Ohio") && header.contains("United States"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("National"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&dollars(&oh["annual_median"])),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&dollars(&us["annual_median"])),
        "{}",
        run.stdout
    );
    // Postal code and a metro, fuzzily.
    let oh2 = rolecall(&["salary", "nurse", "--in", "OH", "--json"]).json();
    assert_eq!(oh2["area"]["name"], "Ohio");
    let metro = rolecall(&["salary", "nurse", "--in", "akron", "--json"]).json();
    assert_eq!(metro["area"]["name"], "Akron, OH");
    assert!(metro["national"]["annual"]["median"].is_number());
}

#[test]
fn capped_and_hourly_only_wages_stay_what_they_are() {
    let run = rolecall(&[
        "salary",
        "oral and maxillofacial surgeons",
        "--in",
        "alabama",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("$239,200 or more"), "{}", run.stdout);
    assert!(run.stdout.contains("publication cap"), "{}", run.stdout);
    let json = rolecall(&[
        "salary",
        "oral and maxillofacial surgeons",
        "--in",
        "alabama",
        "--json",
    ])
    .json();
    assert_eq!(json["local"]["annual"]["median"]["at_least"], 239200);

    let actors = rolecall(&["salary", "actors", "--json"]).json();
    assert!(
        actors["national"]["annual"].is_null(),
        "no annual wages are invented: {actors}"
    );
    assert_eq!(actors["national"]["hourly"]["median"], 29.05);
    assert!(
        actors["disclosures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["kind"] == "one-unit-only")
    );
}

#[test]
fn figures_from_a_broader_group_say_so() {
    let run = rolecall(&["career", "15-1299.08"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("broader group “Computer occupations, all other”"),
        "{}",
        run.stdout
    );
}

#[test]
fn questions_in_plain_language() {
    let salary = rolecall(&["ask", "how much does a nurse make in Ohio?", "--json"]).json();
    assert_eq!(salary["answer"], "salary");
    assert_eq!(salary["career"]["soc"], "29-1141.00");
    assert_eq!(salary["area"]["name"], "Ohio");

    let cmp = rolecall(&["ask", "cto vs product manager", "--json"]).json();
    assert_eq!(cmp["answer"], "compare");
    assert_eq!(cmp["careers"][1]["career"]["title"], "Product Manager");

    let duties = rolecall(&["ask", "what does a data scientist do", "--json"]).json();
    assert_eq!(duties["answer"], "responsibilities");
    assert_eq!(duties["career"]["soc"], "15-2051.00");

    let like = rolecall(&["ask", "jobs like actuary", "--json"]).json();
    assert_eq!(like["answer"], "related");
    assert_eq!(like["career"]["soc"], "15-2011.00");

    let degree = rolecall(&["ask", "do I need a degree to be an electrician", "--json"]).json();
    assert_eq!(degree["answer"], "education");
    assert_eq!(degree["career"]["soc"], "47-2111.00");
    let edu = table_row("projections.tsv", &["47-2111"])["education"].clone();
    assert_eq!(degree["entry"]["education"], edu.as_str());

    let nonsense = rolecall(&["ask", "what is the airspeed velocity of an unladen swallow"]);
    assert_eq!(nonsense.code, 1);
    assert!(
        nonsense.stderr.contains("You can ask, for example"),
        "{}",
        nonsense.stderr
    );
}

#[test]
fn responsibilities_related_and_search() {
    let r = rolecall(&["responsibilities", "cto"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("Creating an IT budget") || r.stdout.contains("IT budget"),
        "{}",
        r.stdout
    );
    let rel = rolecall(&["related", "cto", "--json"]).json();
    assert!(
        rel["related"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["career"]["id"] == "information-architect")
    );
    let rel_pm = rolecall(&["related", "product manager", "--json"]).json();
    assert!(
        rel_pm["related"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["career"]["id"] == "clinical-administrator")
    );

    let s = rolecall(&["search", "nurse", "--json"]).json();
    assert!(s["total"].as_u64().unwrap() > 5);
    assert!(
        s["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["career"]["soc"] == "29-1141.00")
    );
    let browse = rolecall(&["search", "--page", "2", "--json"]).json();
    assert_eq!(browse["page"], 2);
    assert_eq!(browse["total"].as_u64().unwrap() as usize, 1011);
    let past_end = rolecall(&["search", "--page", "9999", "--json"]).json();
    assert_eq!(past_end["page"], past_end["pages"]);
}

#[test]
fn about_carries_the_credits() {
    let run = rolecall(&["about"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("O*NET 29.3 Database by the U.S. Department of Labor"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("CC BY 4.0"));
    assert!(run.stdout.contains("Bureau of Labor Statistics"));
    assert!(run.stdout.contains("2026-05-15"));
}

#[test]
fn bad_input_gets_a_clear_message_not_a_panic() {
    let long = "a".repeat(10_000);
    for input in [
        long.as_str(),
        "   ",
        "\u{202e}reganam tcudorp",
        "👩‍⚕️👨‍🔧",
        "nurse\u{7}\u{1b}[31m",
        "@everyone",
    ] {
        for cmd in [
            &["career", input][..],
            &["ask", input][..],
            &["resolve", input][..],
            &["salary", "nurse", "--in", input][..],
        ] {
            let run = rolecall(cmd);
            assert!(
                !run.stderr.contains("panicked"),
                "{cmd:?} panicked: {}",
                run.stderr
            );
            assert!(
                matches!(run.code, 0 | 1),
                "{cmd:?} exited {}: {}",
                run.code,
                run.stderr
            );
        }
    }
    let run = rolecall(&["career", &long]);
    assert!(run.stderr.contains("too long"), "{}", run.stderr);
}

#[test]
fn compare_needs_two_to_four_distinct_roles() {
    let one = rolecall(&["compare", "cto", "CTO"]);
    assert_eq!(one.code, 1);
    assert!(
        one.stderr.contains("2 to 4 different roles"),
        "{}",
        one.stderr
    );
    let five = rolecall(&[
        "compare",
        "nurse",
        "cto",
        "actuary",
        "electrician",
        "plumber",
    ]);
    assert_eq!(five.code, 1);
    let four = rolecall(&[
        "compare",
        "nurse",
        "cto",
        "actuary",
        "electrician",
        "--in",
        "texas",
        "--json",
    ])
    .json();
    assert_eq!(four["careers"].as_array().unwrap().len(), 4);
    assert_eq!(four["area"]["name"], "Texas");
}

#[test]
fn owners_manage_global_edits_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("edits.sqlite");
    let env = [("ROLECALL_DB", db.to_str().unwrap()), ("USER", "owner")];
    let run = |args: &[&str]| rolecall_env(&data_dir(), args, &env);
    let file = tmp.path().join("edits.csv");
    std::fs::write(
        &file,
        "key,value\nfigure/29-1141.00/0000000/annual_median,\"{\"\"value\"\": 101000, \"\"source\"\": \"\"2026 survey\"\"}\"\nalias/15-2011.00/risk wizard,\"{\"\"text\"\": \"\"risk wizard\"\", \"\"on\"\": true}\"\n",
    )
    .unwrap();
    // Without --yes: a preview, nothing applied.
    let preview = run(&["dataset", "import", file.to_str().unwrap()]);
    assert_eq!(preview.code, 0, "{}", preview.stderr);
    assert!(
        preview
            .stdout
            .contains("Median pay for Registered Nurses in the United States"),
        "{}",
        preview.stdout
    );
    assert!(preview.stdout.contains("run again with --yes"));
    assert_eq!(
        run(&["salary", "nurse", "--json"]).json()["national"]["annual"]["median"],
        table_row("pay.tsv", &["29-1141", "0000000"])["annual_median"]
            .parse::<u64>()
            .unwrap()
    );

    let applied = run(&["dataset", "import", file.to_str().unwrap(), "--yes"]);
    assert!(
        applied.stdout.contains("applied 2 changes to global"),
        "{}{}",
        applied.stdout,
        applied.stderr
    );
    // Global edits show in the terminal, with the disclosure and the published figure.
    let salary = run(&["salary", "nurse", "--json"]).json();
    assert_eq!(salary["national"]["annual"]["median"], 101000);
    let edited = &salary["national"]["edited"][0];
    assert_eq!(edited["source"], "2026 survey");
    assert!(
        salary["disclosures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["kind"] == "edited")
    );
    assert_eq!(
        run(&["resolve", "--json", "risk wizard"]).json()["best"]["soc"],
        "15-2011.00"
    );

    let history = run(&["dataset", "history"]);
    assert!(
        history.stdout.contains("2 changes in global") && history.stdout.contains("cli:owner"),
        "{}",
        history.stdout
    );
    let export = run(&["dataset", "export", "--format", "csv"]);
    assert!(
        export.stdout.starts_with("key,value,by,at") && export.stdout.contains("risk wizard"),
        "{}",
        export.stdout
    );

    let undo = run(&["dataset", "undo"]);
    assert!(undo.stdout.contains("undid #2"), "{}", undo.stdout);
    assert_eq!(
        run(&["resolve", "--json", "risk wizard"]).json()["best"]["soc"],
        Value::Null
    );

    // A malformed file: its line, and nothing applied.
    std::fs::write(&file, "key,value\nhidden/15-2011.00,true\nfigure/29-1141.00/0000000/annual_median,{\"value\": -3, \"source\": \"x\"}\n").unwrap();
    let bad = run(&["dataset", "import", file.to_str().unwrap(), "--yes"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("edits.csv:3:") && bad.stderr.contains("nothing was changed"),
        "{}",
        bad.stderr
    );
    let actuary = run(&["career", "actuary"]);
    assert!(
        actuary.code == 0 && actuary.stdout.starts_with("Actuaries"),
        "the valid line (hiding Actuaries) was not applied either: {}{}",
        actuary.stdout,
        actuary.stderr
    );
}

#[test]
fn questions_people_actually_ask() {
    // (question, answer kind, career title, place)
    let cases = [
        (
            "what's the salary of a dental hygienist in texas",
            "salary",
            "Dental Hygienists",
            "Texas",
        ),
        (
            "how much does a nurse make in ohio per year",
            "salary",
            "Registered Nurses",
            "Ohio",
        ),
        (
            "what does a nurse in ohio do",
            "responsibilities",
            "Registered Nurses",
            "",
        ),
        (
            "how much does a nurse make in the bay area",
            "salary",
            "Registered Nurses",
            "San Francisco-Oakland-Fremont, CA",
        ),
        (
            "registered nurse salary california",
            "salary",
            "Registered Nurses",
            "California",
        ),
        (
            "what does a day care worker do",
            "responsibilities",
            "Childcare Workers",
            "",
        ),
        (
            "what does a train conductor do",
            "responsibilities",
            "Railroad Conductors and Yardmasters",
            "",
        ),
        (
            "what other duties does a nurse have",
            "responsibilities",
            "Registered Nurses",
            "",
        ),
        (
            "what's it like being a firefighter",
            "career",
            "Firefighters",
            "",
        ),
        (
            "compensation analyst salary",
            "salary",
            "Compensation, Benefits, and Job Analysis Specialists",
            "",
        ),
        (
            "what education does a pharmacist need",
            "education",
            "Pharmacists",
            "",
        ),
    ];
    for (q, kind, title, place) in cases {
        let v = rolecall(&["ask", q, "--json"]).json();
        assert_eq!(v["answer"], kind, "{q}: {v}");
        assert_eq!(v["career"]["title"], title, "{q}");
        if !place.is_empty() {
            assert_eq!(v["area"]["name"], place, "{q}");
        }
    }
    let cmp = rolecall(&[
        "ask",
        "who earns more, a plumber or an electrician",
        "--json",
    ])
    .json();
    assert_eq!(cmp["answer"], "compare");
    assert_eq!(cmp["careers"][1]["career"]["title"], "Electricians");
    let help = rolecall(&["ask", "help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("You can ask, for example"));
    // A place that could be two: asked back, not guessed.
    let portland = rolecall(&["ask", "how much does a nurse make in portland", "--json"]);
    assert_eq!(portland.json()["error"], "ambiguous");
    assert_eq!(portland.json()["what"], "place");
}

fn decode_png(path: &std::path::Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut r = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; r.output_buffer_size().unwrap()];
    let info = r.next_frame(&mut buf).expect("decodes");
    (info.width, info.height)
}

#[test]
fn chart_writes_the_pay_range_png_and_the_terminal_shows_range_bars() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("compare.png");
    let run = rolecall(&[
        "compare",
        "cto",
        "product-manager",
        "--in",
        "texas",
        "--chart",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The same chart the library lays out for this answer, at 2×.
    let rc = rolecall::Rolecall::load(&data_dir()).unwrap();
    let v = rc.view();
    let c = rolecall::answers::compare(
        &v,
        &[
            v.lookup_career("cto").unwrap(),
            v.lookup_career("product-manager").unwrap(),
        ],
        Some(rc.lookup_place("texas").unwrap()),
    )
    .unwrap();
    let layout = rolecall::chart::range::layout(&rolecall::chart::RangeChart::from_compare(&c));
    assert_eq!(
        decode_png(&file),
        (1280, (layout.scene.height * 2.0).ceil() as u32)
    );
    // On the terminal: one bar per career and place, on one scale, with its median.
    let out = &run.stdout;
    assert!(out.contains("Pay range"), "{out}");
    let tx = dollars(&table_row("pay.tsv", &["11-3021", "4800000"])["annual_median"]);
    let bar = out
        .lines()
        .find(|l| l.starts_with("Chief Technology Officer") && l.contains("Texas"))
        .unwrap_or_else(|| panic!("no bar for CTO in Texas:\n{out}"));
    assert!(
        bar.contains('─') && bar.contains('█') && bar.contains('┃'),
        "{bar}"
    );
    assert!(bar.ends_with(&format!("median {tx}")), "{bar}");
    let bars: Vec<&str> = out
        .lines()
        .filter(|l| l.contains('┃') && l.contains("median $"))
        .collect();
    assert_eq!(bars.len(), 4, "{out}");
    // The bars start at the same column: one shared scale.
    let starts: Vec<usize> = bars
        .iter()
        .map(|l| l.find("Texas").or(l.find("United States")).unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{bars:?}");
}

#[test]
fn salary_writes_the_chart_and_the_state_map_and_a_capped_bar_ends_open() {
    let dir = tempfile::tempdir().unwrap();
    let (chart, map) = (dir.path().join("s.png"), dir.path().join("m.png"));
    let run = rolecall(&[
        "salary",
        "29-1242.00",
        "--in",
        "minnesota",
        "--chart",
        chart.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (w, h) = decode_png(&chart);
    assert_eq!(w, 1280);
    assert!(h > 200, "{h}");
    let (w, h) = decode_png(&map);
    assert_eq!(w, 1280);
    assert!(h > 1000, "eight rows of squares and a legend: {h}");
    let local = run
        .stdout
        .lines()
        .find(|l| l.contains("Minnesota") && l.contains('┃'))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(local.contains("─▶"), "the capped 90th runs open: {local}");
    let national = run
        .stdout
        .lines()
        .find(|l| l.contains("United States") && l.contains('┃'))
        .unwrap();
    assert!(!national.contains('▶'), "{national}");

    // With --json the chart is still written and stdout stays JSON, with no bars in it.
    let file = dir.path().join("j.png");
    let json = rolecall(&[
        "salary",
        "musicians and singers",
        "--json",
        "--chart",
        file.to_str().unwrap(),
    ]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert!(json.json()["national"]["annual"].is_null());
    assert_eq!(decode_png(&file).0, 1280);
}

#[test]
fn a_chart_file_that_cannot_be_written_is_a_bad_argument() {
    let run = rolecall(&[
        "salary",
        "nurse",
        "--chart",
        "/nonexistent/rolecall-tests/dir/chart.png",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

/// The O*NET titles of a career that a data/ column marks, in file order.
fn aliases_marked(soc: &str, usage: &str) -> Vec<String> {
    let text = std::fs::read_to_string(data_dir().join("aliases.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f[0] == soc && f[4] == usage)
        .map(|f| f[2].to_string())
        .collect()
}

#[test]
fn comparison_sentences_agree_with_their_titles_and_name_the_place() {
    let run = rolecall(&["compare", "nurse", "electrician", "cto", "--in", "ohio"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    let sentences: Vec<&str> = out.lines().filter(|l| l.starts_with("• ")).collect();
    assert!(!sentences.is_empty(), "{out}");
    // O*NET titles name many people; a curated role names one.
    assert!(
        sentences
            .iter()
            .any(|l| l.contains("Registered Nurses pay ") && l.ends_with("at the median in Ohio.")),
        "{sentences:#?}"
    );
    assert!(
        sentences
            .iter()
            .any(|l| l.starts_with("• Chief Technology Officer pays ")),
        "{sentences:#?}"
    );
    assert!(
        sentences
            .iter()
            .any(|l| l.starts_with("• Electricians are projected to grow")),
        "{sentences:#?}"
    );
    for l in &sentences {
        assert!(!l.contains(" there"), "a vague place: {l}");
        assert!(
            !l.contains("Nurses pays") && !l.contains("Electricians is"),
            "{l}"
        );
    }
    assert!(
        sentences
            .iter()
            .any(|l| l.contains("typically need a bachelor's degree")),
        "{sentences:#?}"
    );
    // Whose figures: named, with the code, for an occupation as for a curated role.
    let figures = out.lines().find(|l| l.starts_with("Figures for")).unwrap();
    assert!(
        figures.contains("Registered Nurses (29-1141.00)")
            && figures.contains("Electricians (47-2111.00)"),
        "{out}"
    );
    assert!(out.contains("Computer and Information"), "{out}");
}

#[test]
fn also_called_gives_the_names_people_use_once_each_and_wrapped() {
    let run = rolecall(&["career", "registered nurse"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let at = run.stdout.find("Also called: ").expect("also called");
    let block: String = run.stdout[at..].split("\n\n").next().unwrap().to_string();
    assert!(block.lines().all(|l| l.chars().count() <= 88), "{block}");
    let joined = block["Also called: ".len()..]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let names: Vec<String> = joined.split(", ").map(str::to_string).collect();
    // The titles My Next Move shows come first, each without the parenthesis that spells
    // it out ("Emergency Department RN (Emergency Department Registered Nurse)").
    let featured: Vec<String> = aliases_marked("29-1141.00", "featured")
        .iter()
        .map(|t| t.split(" (").next().unwrap().to_string())
        .collect();
    assert!(featured.len() >= 3);
    assert_eq!(names[..featured.len()], featured[..], "{block}");
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    for (i, n) in lower.iter().enumerate() {
        assert!(
            !lower[..i]
                .iter()
                .any(|m| m.contains(n.as_str()) || n.contains(m.as_str())),
            "{n} repeats an earlier name: {names:?}"
        );
    }
    assert!(!block.contains('('), "{block}");
}

#[test]
fn search_ranks_curated_and_title_names_before_shared_alternate_titles() {
    let json = rolecall(&["search", "prod", "--json"]).json();
    let results = json["results"].as_array().unwrap();
    let at = |f: &dyn Fn(&Value) -> bool| results.iter().position(f);
    let pm = at(&|r| r["career"]["id"] == "product-manager").expect("Product Manager on page 1");
    if let Some(op) = at(&|r| r["matched"] == "Production Operator") {
        assert!(pm < op, "{results:#?}");
    }
    assert!(pm < 5, "Product Manager at {pm}: {results:#?}");
    // The next page's hint is a command to type.
    let run = rolecall(&["search", "prod"]);
    assert!(
        run.stdout
            .contains("Next page: rolecall search prod --page 2"),
        "{}",
        run.stdout
    );
    let run = rolecall(&["search", "nurse's aide"]);
    assert!(
        run.stdout
            .contains("Next page: rolecall search 'nurse'\\''s' aide --page 2"),
        "{}",
        run.stdout
    );
}

#[test]
fn counts_have_thousands_separators_and_places_are_places() {
    let about = rolecall(&["about"]);
    let names = rolecall(&["about", "--json"]).json()["names"]
        .as_u64()
        .unwrap();
    assert!(names > 1000);
    let with_commas = {
        let s = names.to_string();
        let (head, tail) = s.split_at(s.len() - 3);
        format!("{head},{tail} names")
    };
    assert!(about.stdout.contains(&with_commas), "{}", about.stdout);
    assert!(about.stdout.contains("1,011 careers"), "{}", about.stdout);
    let search = rolecall(&["search"]);
    assert!(
        search.stdout.contains("(1,011 in all)"),
        "{}",
        search.stdout
    );
    let check = rolecall(&["check-data"]);
    assert!(
        check.stdout.contains("1,011 careers, 583 places"),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("areas"), "{}", check.stdout);
}

#[test]
fn metro_names_are_whole_in_table_headers_and_cells() {
    let run = rolecall(&["salary", "nurse", "--in", "nashville"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("Nashville-Davidson--Murfreesboro--Franklin, TN")),
        "{}",
        run.stdout
    );
    let run = rolecall(&["top-places", "nurse"]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("San Jose-Sunnyvale-Santa Clara, CA")),
        "{}",
        run.stdout
    );
}
