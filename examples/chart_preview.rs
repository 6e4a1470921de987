//! Renders sample charts from the shipped data, each also composited onto Discord's dark
//! (#313338) and light (#ffffff) backgrounds, so a person can look at them before a change
//! lands. `cargo run --release --example chart_preview -- OUT_DIR`

use rolecall::chart::{RangeChart, StateMap, map_png, range_png};
use rolecall::{Rolecall, answers};
use std::path::Path;

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "chart-preview".into());
    let out = Path::new(&out);
    std::fs::create_dir_all(out).expect("create the output directory");
    let rc = Rolecall::load(&rolecall::default_data_dir()).expect("data loads");
    let v = rc.view();
    let career = |q: &str| v.lookup_career(q).expect("career resolves");
    let place = |q: &str| rc.lookup_place(q).expect("place resolves");
    let compare = |roles: &[&str], at: Option<&str>| {
        let idx: Vec<_> = roles.iter().map(|r| career(r)).collect();
        answers::compare(&v, &idx, at.map(place)).expect("compare")
    };
    let charts = [
        (
            "compare-texas",
            RangeChart::from_compare(&compare(&["cto", "product-manager"], Some("texas"))),
        ),
        (
            "compare-mixed-units",
            RangeChart::from_compare(&compare(
                &["musicians and singers", "registered nurse", "cto"],
                None,
            )),
        ),
        (
            "salary-capped",
            RangeChart::from_salary(&answers::salary(
                &v,
                career("29-1242.00"),
                Some(place("minnesota")),
            )),
        ),
        (
            "salary-all-capped",
            RangeChart::from_salary(&answers::salary(
                &v,
                career("29-1022.00"),
                Some(place("alabama")),
            )),
        ),
        (
            "salary-hourly",
            RangeChart::from_salary(&answers::salary(&v, career("27-2042.00"), None)),
        ),
    ];
    for (name, chart) in &charts {
        write(out, name, &range_png(chart).expect("renders"));
    }
    let maps = [
        (
            "map-nurse-ohio",
            StateMap::for_career(&v, career("registered nurse"), Some(place("ohio"))),
        ),
        (
            "map-anesthesiologists",
            StateMap::for_career(&v, career("29-1211.00"), None),
        ),
        (
            "map-musicians",
            StateMap::for_career(&v, career("27-2042.00"), Some(place("texas"))),
        ),
    ];
    for (name, map) in &maps {
        write(out, name, &map_png(map).expect("renders"));
    }
    println!(
        "wrote {} charts to {}",
        charts.len() + maps.len(),
        out.display()
    );
}

fn write(dir: &Path, name: &str, png: &[u8]) {
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write");
    for (theme, bg) in [("dark", [0x31, 0x33, 0x38]), ("light", [0xff, 0xff, 0xff])] {
        std::fs::write(
            dir.join(format!("{name}.{theme}.png")),
            on_background(png, bg),
        )
        .expect("write");
    }
}

/// The picture over a solid background, as Discord shows it.
fn on_background(png_bytes: &[u8], bg: [u8; 3]) -> Vec<u8> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .expect("decodes");
    let mut buf = vec![0; dec.output_buffer_size().expect("size")];
    let info = dec.next_frame(&mut buf).expect("frame");
    let (w, h) = (info.width + 64, info.height + 64);
    let mut out = vec![0u8; (w * h * 3) as usize];
    for px in out.chunks_exact_mut(3) {
        px.copy_from_slice(&bg);
    }
    for y in 0..info.height {
        for x in 0..info.width {
            let s = ((y * info.width + x) * 4) as usize;
            let d = (((y + 32) * w + x + 32) * 3) as usize;
            let a = buf[s + 3] as u32;
            for c in 0..3 {
                out[d + c] = ((buf[s + c] as u32 * a + bg[c] as u32 * (255 - a)) / 255) as u8;
            }
        }
    }
    let mut bytes = Vec::new();
    let mut e = png::Encoder::new(&mut bytes, w, h);
    e.set_color(png::ColorType::Rgb);
    e.write_header()
        .and_then(|mut wr| wr.write_image_data(&out))
        .expect("encode");
    bytes
}
