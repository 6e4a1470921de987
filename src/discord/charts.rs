//! Pictures on the cards: the pay-range chart and the state map (`rolecall::chart`), drawn on
//! blocking threads, cached, and sent as files the embeds show (`attachment://<name>.png`).
//!
//! - **Off the async workers.** A render (a few milliseconds of CPU) runs under
//!   `spawn_blocking`, and on at most half the machine's cores at once, so a burst of new
//!   pictures can neither stall the gateway nor slow the answers that have none. Askers of a
//!   picture being drawn wait for that drawing; a few drawings may wait for a renderer, and
//!   past that a card goes without its picture rather than queue.
//! - **Cached by what is drawn.** A picture's input holds everything the PNG shows (the
//!   answer's careers and place, the figures of this dataset, each edited figure and its
//!   mark, the source line), and rendering is a pure function of it: so the cache is keyed
//!   by the input itself (its stable hash, and the input compared on a hit). A new dataset or
//!   an edit changes the input, hence the key; two guilds that see the same figures share
//!   one PNG. Past [`CACHE_BYTES`], the pictures asked for least often go first, and a
//!   picture asked for once does not push out one asked for more (see `Cache`).
//! - **Bounded while sending.** Each send carries its own copy of its PNGs (serenity's
//!   attachments own their bytes) until Discord has them. At most [`SENDING_BYTES`] of
//!   pictures are on their way at once; past that (Discord slow, a burst of questions) a card
//!   goes without its picture rather than let memory grow with the queue.
//! - **Never at the cost of the answer.** A picture that fails, is not ready within the
//!   budget, or finds no room, is logged and left out; the card goes without it (and without
//!   its image URL).

use super::embed::Embed;
use super::reply::Reply;
use rolecall::chart::Picture;
use serenity::all::CreateAttachment;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// PNG bytes the cache may hold: a chart is 130–220 KiB and a map 300–450 KiB, so a dozen
/// pictures, the ones people ask for most. Small, because the bot's memory is.
pub const CACHE_BYTES: usize = 2 << 20;
/// PNG bytes that may be on their way to Discord at once (see [`Sending`]).
pub const SENDING_BYTES: usize = 2 << 20;
/// Drawings that may wait for a renderer, per renderer.
const QUEUE: usize = 4;
/// The share of one core that drawing may use on average, and the drawing time it may
/// borrow ahead: past that, answers go without their new pictures (counted `busy`) instead
/// of taking the CPU that every other answer needs. About 50 new pictures a second in a
/// release build, after a burst of ten seconds of drawing; pictures in the cache cost nothing.
const DRAW_SHARE: f64 = 0.25;
const DRAW_BURST: Duration = Duration::from_secs(10);

/// Drawing time owed: it grows by each drawing's time and is paid back at [`DRAW_SHARE`].
struct Budget {
    owed: f64,
    at: Instant,
}

impl Budget {
    fn allows(&mut self, now: Instant) -> bool {
        let paid = now.saturating_duration_since(self.at).as_secs_f64() * DRAW_SHARE;
        self.owed = (self.owed - paid).max(0.0);
        self.at = now;
        self.owed < DRAW_BURST.as_secs_f64()
    }

    fn spend(&mut self, took: Duration) {
        self.owed += took.as_secs_f64();
    }
}

/// How long an interaction's answer waits for its pictures: Discord wants the first response
/// within 3 seconds of the click.
pub const INTERACTION_BUDGET: Duration = Duration::from_millis(1500);
/// How long a reply in chat waits for its pictures (no deadline there but the asker's).
pub const CHAT_BUDGET: Duration = Duration::from_secs(5);

/// Renders at once: half the machine's cores, at least one. Each holds about 1 MiB while it
/// draws (a band of pixels, the encoder, the glyph cache), and a burst of new pictures must
/// leave cores for the gateway and for the answers without pictures.
fn renderers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

/// Turns a picture into PNG bytes (the real renderer, or a test's).
pub type Render = fn(&Picture) -> Result<Vec<u8>, String>;

fn render(p: &Picture) -> Result<Vec<u8>, String> {
    p.png().map_err(|e| e.to_string())
}

/// The file name a picture is sent under. ASCII letters and hyphens only: Discord rewrites
/// other names, and the embed's `attachment://` link would then miss.
pub fn file_name(p: &Picture) -> String {
    format!("{}.png", p.kind())
}

/// Why there is no picture: too many were waiting to be drawn already, or drawing failed.
#[derive(Debug, Clone)]
enum Unavailable {
    Busy,
    Failed(String),
}

/// A drawing under way: its askers wait on the same cell.
type Flight = Arc<tokio::sync::OnceCell<Result<Arc<[u8]>, Unavailable>>>;

/// The renderer, its cache and its permits. Cheap to clone.
#[derive(Clone)]
pub struct Charts {
    inner: Arc<Inner>,
}

struct Inner {
    cache: Mutex<Cache>,
    /// Pictures being drawn, by key (with the picture, in case two keys collide).
    flights: Mutex<HashMap<u64, (Picture, Flight)>>,
    /// Drawings waiting for a renderer or being drawn (see [`QUEUE`]).
    queue: Arc<Semaphore>,
    /// Renderers.
    permits: Arc<Semaphore>,
    /// One permit per KiB of pictures being sent.
    sending: Arc<Semaphore>,
    budget: Mutex<Budget>,
    render: Render,
}

/// The room a reply's pictures take while they are sent: keep it until the send is done.
#[must_use = "hold it until the reply is sent"]
pub struct Sending(#[allow(dead_code)] Vec<tokio::sync::OwnedSemaphorePermit>);

impl Default for Charts {
    fn default() -> Charts {
        Charts::new(render, CACHE_BYTES, renderers())
    }
}

impl Charts {
    pub fn new(render: Render, cache_bytes: usize, renderers: usize) -> Charts {
        Charts::with_room(render, cache_bytes, renderers, SENDING_BYTES)
    }

    fn with_room(render: Render, cache: usize, renderers: usize, sending: usize) -> Charts {
        let renderers = renderers.max(1);
        Charts {
            inner: Arc::new(Inner {
                cache: Mutex::new(Cache::new(cache)),
                flights: Mutex::new(HashMap::new()),
                queue: Arc::new(Semaphore::new(renderers * (QUEUE + 1))),
                permits: Arc::new(Semaphore::new(renderers)),
                sending: Arc::new(Semaphore::new(sending.div_ceil(1024))),
                budget: Mutex::new(Budget {
                    owed: 0.0,
                    at: Instant::now(),
                }),
                render,
            }),
        }
    }

    /// Draws the reply's pictures and attaches them: the first is the first embed's image,
    /// each other one an embed of its own below it. A picture that fails, is not ready
    /// within `budget`, or finds no room, is logged and left out; the rest of the reply is
    /// sent as it is. Hold the [`Sending`] until it is sent.
    pub async fn attach(
        &self,
        mut reply: Reply,
        budget: Duration,
        context: &str,
    ) -> (Reply, Sending) {
        let pictures = std::mem::take(&mut reply.pictures);
        let deadline = tokio::time::Instant::now() + budget;
        let mut room = Vec::new();
        for picture in pictures {
            let name = file_name(&picture);
            let kind = picture.kind();
            let png = match tokio::time::timeout_at(deadline, self.png(picture)).await {
                Ok(Ok(png)) => png,
                Ok(Err(Unavailable::Failed(e))) => {
                    tracing::error!(context, picture = kind, error = %e, "a picture could not be drawn; the card goes without it");
                    super::metrics::chart(kind, "failed");
                    continue;
                }
                Ok(Err(Unavailable::Busy)) => {
                    tracing::warn!(
                        context,
                        picture = kind,
                        "too many pictures waiting to be drawn; the card goes without this one"
                    );
                    super::metrics::chart(kind, "busy");
                    continue;
                }
                Err(_) => {
                    tracing::warn!(
                        context,
                        picture = kind,
                        budget_ms = budget.as_millis() as u64,
                        "a picture was not ready in time; the card goes without it"
                    );
                    super::metrics::chart(kind, "late");
                    continue;
                }
            };
            let kib = u32::try_from(png.len().div_ceil(1024)).unwrap_or(u32::MAX);
            match self.inner.sending.clone().try_acquire_many_owned(kib) {
                Ok(permit) => room.push(permit),
                Err(_) => {
                    tracing::warn!(
                        context,
                        picture = kind,
                        "too many pictures on their way to Discord; the card goes without this one"
                    );
                    super::metrics::chart(kind, "busy");
                    continue;
                }
            }
            let url = format!("attachment://{name}");
            match reply.embeds.first_mut() {
                Some(first) if first.image.is_none() => first.image = Some(url),
                first => {
                    let colour = first.and_then(|e| e.colour);
                    reply.embeds.push(Embed::picture(url, colour));
                }
            }
            reply
                .attachments
                .push(CreateAttachment::bytes(png.to_vec(), name));
        }
        (reply, Sending(room))
    }

    /// A picture's PNG: from the cache, or drawn on a blocking thread (and cached there, so
    /// a render that outlives its budget still serves the next asker). Askers of a picture
    /// being drawn wait for that drawing rather than start another.
    async fn png(&self, picture: Picture) -> Result<Arc<[u8]>, Unavailable> {
        let key = picture.cache_key();
        let kind = picture.kind();
        if let Some(png) = lock(&self.inner.cache).get(key, &picture) {
            super::metrics::chart(kind, "cached");
            return Ok(png);
        }
        let flight: Flight = {
            let mut flights = lock(&self.inner.flights);
            match flights.get(&key) {
                Some((p, f)) if *p == picture => f.clone(),
                _ => {
                    // Drawings nobody waits for any more are forgotten.
                    flights.retain(|_, (_, f)| Arc::strong_count(f) > 1);
                    let f = Flight::default();
                    flights.insert(key, (picture.clone(), f.clone()));
                    f
                }
            }
        };
        let mut drew = false;
        let result = flight
            .get_or_init(|| {
                drew = true;
                self.draw(key, picture)
            })
            .await
            .clone();
        if !drew && result.is_ok() {
            super::metrics::chart(kind, "shared");
        }
        let mut flights = lock(&self.inner.flights);
        if flights
            .get(&key)
            .is_some_and(|(_, f)| Arc::ptr_eq(f, &flight))
        {
            flights.remove(&key);
        }
        result
    }

    /// Draws a picture on a blocking thread, when a renderer is free, and offers it to the
    /// cache.
    async fn draw(&self, key: u64, picture: Picture) -> Result<Arc<[u8]>, Unavailable> {
        let kind = picture.kind();
        // A few drawings may wait for a renderer; past that, the renderers are behind and
        // waiting would only hold more answers (and their memory) for nothing.
        let Ok(_queued) = self.inner.queue.clone().try_acquire_owned() else {
            return Err(Unavailable::Busy);
        };
        // Drawing has had its share of the CPU for now.
        if !lock(&self.inner.budget).allows(Instant::now()) {
            return Err(Unavailable::Busy);
        }
        let permit = self
            .inner
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| Unavailable::Failed(e.to_string()))?;
        // A drawing whose askers all gave up may have finished while this one waited.
        if let Some(png) = lock(&self.inner.cache).found(key, &picture) {
            super::metrics::chart(kind, "cached");
            return Ok(png);
        }
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let started = Instant::now();
            let png: Arc<[u8]> = (inner.render)(&picture)
                .map_err(Unavailable::Failed)?
                .into();
            super::metrics::chart_drawn(kind, started);
            lock(&inner.budget).spend(started.elapsed());
            lock(&inner.cache).put(key, picture, png.clone());
            Ok(png)
        })
        .await
        .map_err(|e| Unavailable::Failed(format!("the drawing task failed: {e}")))?
    }

    /// PNG bytes held, and pictures.
    #[cfg(test)]
    fn held(&self) -> (usize, usize) {
        let c = lock(&self.inner.cache);
        (c.bytes, c.entries.len())
    }
}

/// Pictures by key, with how often each was asked for. When full, a newly drawn picture
/// takes the place of the one asked for least often (the least recently used of those) only
/// if it was itself asked for more often before: a picture asked for once does not push
/// out one asked for twice. Counts halve every [`AGING`] drawings, so yesterday's favourite
/// does not stay forever. (Plain least-recently-used would keep none of a round of
/// questions larger than the cache; this keeps most of it.)
struct Cache {
    entries: HashMap<u64, Entry>,
    /// How many times each recent picture was asked for and not found.
    asked: HashMap<u64, u32>,
    bytes: usize,
    limit: usize,
    clock: u64,
    draws: u64,
}

struct Entry {
    picture: Picture,
    png: Arc<[u8]>,
    hits: u32,
    used: u64,
}

/// Drawings between two halvings of the counts.
const AGING: u64 = 64;
/// Pictures whose misses are counted (the counts are forgotten past it).
const COUNTED: usize = 4096;

impl Cache {
    fn new(limit: usize) -> Cache {
        Cache {
            entries: HashMap::new(),
            asked: HashMap::new(),
            bytes: 0,
            limit,
            clock: 0,
            draws: 0,
        }
    }

    /// The picture if cached; a miss is counted.
    fn get(&mut self, key: u64, picture: &Picture) -> Option<Arc<[u8]>> {
        let found = self.found(key, picture);
        if found.is_none() {
            if self.asked.len() >= COUNTED {
                self.asked.clear();
            }
            *self.asked.entry(key).or_default() += 1;
        }
        found
    }

    /// The picture if cached (a miss is not counted: the asker was counted already).
    fn found(&mut self, key: u64, picture: &Picture) -> Option<Arc<[u8]>> {
        self.clock += 1;
        // A 64-bit key could collide; the input decides.
        let e = self
            .entries
            .get_mut(&key)
            .filter(|e| e.picture == *picture)?;
        e.used = self.clock;
        e.hits = e.hits.saturating_add(1);
        Some(e.png.clone())
    }

    /// The entry to give up first: asked for least often, then least recently.
    fn victim(&self) -> Option<(u64, u32)> {
        self.entries
            .iter()
            .min_by_key(|(_, e)| (e.hits, e.used))
            .map(|(k, e)| (*k, e.hits))
    }

    fn put(&mut self, key: u64, picture: Picture, png: Arc<[u8]>) {
        self.clock += 1;
        self.draws += 1;
        if self.draws.is_multiple_of(AGING) {
            self.entries.values_mut().for_each(|e| e.hits /= 2);
            self.asked.values_mut().for_each(|n| *n /= 2);
            self.asked.retain(|_, n| *n > 0);
        }
        // Asked for before the ask that drew it.
        let before = self.asked.get(&key).copied().unwrap_or(0).saturating_sub(1);
        // One picture never takes more than a quarter of the room.
        if png.len() > self.limit / 4 {
            return;
        }
        if let Some(old) = self.entries.remove(&key) {
            self.bytes -= old.png.len();
        }
        while self.bytes + png.len() > self.limit {
            let Some((victim, hits)) = self.victim() else {
                break;
            };
            if before <= hits {
                return; // not asked for often enough to take its place
            }
            if let Some(e) = self.entries.remove(&victim) {
                self.bytes -= e.png.len();
            }
        }
        self.bytes += png.len();
        self.entries.insert(
            key,
            Entry {
                picture,
                png,
                hits: 0,
                used: self.clock,
            },
        );
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall::chart::{RangeChart, RangeRow, Unit};
    use rolecall::data::Pay;

    fn chart(title: &str) -> Picture {
        Picture::Range(RangeChart {
            title: title.into(),
            place: "United States".into(),
            rows: vec![RangeRow {
                career: title.into(),
                area: "United States".into(),
                local: false,
                unit: Unit::Annual,
                stats: [10, 20, 30, 40, 50].map(Pay::amount),
                edited: [false; 5],
            }],
            source: "Source: test".into(),
        })
    }

    fn card(pictures: Vec<Picture>) -> Reply {
        let mut r = Reply::card(Embed::new("Pay", super::super::embed::colour::PAY));
        r.pictures = pictures;
        r
    }

    fn names(r: &Reply) -> Vec<String> {
        r.attachments.iter().map(|a| a.filename.clone()).collect()
    }

    #[tokio::test]
    async fn pictures_become_files_the_embeds_show() {
        let charts = Charts::default();
        let map = Picture::Map(rolecall::chart::StateMap {
            career: "Nurse".into(),
            unit: Unit::Annual,
            medians: vec![("OH".into(), Pay::amount(80_000))],
            highlight: Some("OH".into()),
            source: "Source: test".into(),
        });
        let (r, _) = charts
            .attach(card(vec![chart("a"), map]), CHAT_BUDGET, "test")
            .await;
        assert_eq!(names(&r), ["pay-range.png", "state-map.png"]);
        assert_eq!(r.embeds.len(), 2);
        assert_eq!(r.embeds[0].title, "Pay");
        assert_eq!(
            r.embeds[0].image.as_deref(),
            Some("attachment://pay-range.png")
        );
        assert_eq!(
            r.embeds[1].image.as_deref(),
            Some("attachment://state-map.png")
        );
        assert_eq!(r.embeds[1].colour, r.embeds[0].colour);
        assert!(r.pictures.is_empty());
        assert!(r.attachments[0].data.starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    #[tokio::test]
    async fn a_failed_picture_leaves_the_card_whole_and_without_an_image() {
        let charts = Charts::new(|_| Err("no ink".into()), CACHE_BYTES, 1);
        let (r, _) = charts
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        assert!(r.attachments.is_empty());
        assert_eq!(r.embeds.len(), 1);
        assert_eq!(r.embeds[0].title, "Pay");
        assert_eq!(r.embeds[0].image, None);
    }

    /// Holds every render until the test lets go.
    static GATE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    static RENDERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[tokio::test(flavor = "multi_thread")]
    #[allow(clippy::await_holding_lock)] // the held lock is what keeps the render waiting
    async fn a_late_picture_is_left_out_and_cached_when_it_is_done() {
        // One renderer: the second asker waits for the first render rather than drawing.
        let charts = Charts::new(
            |p| {
                drop(lock(&GATE));
                RENDERS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                render(p)
            },
            CACHE_BYTES,
            1,
        );
        let held = lock(&GATE);
        let (r, _) = charts
            .attach(card(vec![chart("slow")]), Duration::from_millis(20), "test")
            .await;
        assert!(r.attachments.is_empty());
        assert_eq!(r.embeds[0].image, None);
        drop(held);
        // The render goes on without its asker, and the next one gets it from the cache.
        let (again, _) = charts
            .attach(card(vec![chart("slow")]), CHAT_BUDGET, "test")
            .await;
        assert_eq!(names(&again), ["pay-range.png"]);
        assert_eq!(charts.held().1, 1);
        assert_eq!(RENDERS.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn the_cache_serves_the_same_input_and_stays_within_its_bytes() {
        let drawn = Charts::default();
        let (a, _) = drawn
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        let size = a.attachments[0].data.len();
        assert_eq!(drawn.held(), (size, 1));
        let (again, _) = drawn
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        assert_eq!(again.attachments[0].data, a.attachments[0].data);
        assert_eq!(drawn.held().1, 1, "served from the cache");

        // Room for four pictures of about this size.
        let small = Charts::new(render, size * 4 + size / 2, 1);
        for t in ["a", "b", "c", "d"] {
            let _ = small.attach(card(vec![chart(t)]), CHAT_BUDGET, "t").await;
        }
        let _ = small.attach(card(vec![chart("a")]), CHAT_BUDGET, "t").await; // a: asked twice
        let has = |t: &str| {
            lock(&small.inner.cache)
                .entries
                .values()
                .any(|e| e.picture == chart(t))
        };
        // A picture seen once does not push out one that was never asked for again...
        let _ = small.attach(card(vec![chart("e")]), CHAT_BUDGET, "t").await;
        assert!(!has("e") && has("b"));
        // ...but asked for again, it takes the place of the least asked for, oldest first.
        let _ = small.attach(card(vec![chart("e")]), CHAT_BUDGET, "t").await;
        let (bytes, n) = small.held();
        assert!(bytes <= size * 4 + size / 2, "{bytes}");
        assert_eq!(n, 4);
        assert!(
            has("a") && has("e") && !has("b"),
            "b was the oldest of those never hit"
        );
    }

    #[tokio::test]
    async fn pictures_wait_for_room_to_be_sent_and_free_it_once_sent() {
        let charts = Charts::default();
        let (one, _) = charts
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        let size = one.attachments[0].data.len();
        // Room for one picture of this size on its way at a time.
        let tight = Charts::with_room(render, CACHE_BYTES, 1, size + 1024);
        let (first, sending) = tight
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        assert_eq!(names(&first), ["pay-range.png"]);
        let (second, _) = tight
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        assert!(
            second.attachments.is_empty(),
            "no room while the first is sent"
        );
        assert_eq!(second.embeds.len(), 1);
        assert_eq!(second.embeds[0].image, None);
        drop(sending);
        let (third, _) = tight
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        assert_eq!(names(&third), ["pay-range.png"], "room again once sent");
    }

    static CYCLED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[tokio::test]
    async fn a_round_of_questions_larger_than_the_cache_still_hits_it() {
        let (one, _) = Charts::default()
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        let size = one.attachments[0].data.len();
        let counted = Charts::new(
            |p| {
                CYCLED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                render(p)
            },
            size * 4 + size / 2,
            1,
        );
        // Six pictures asked for in turn, four times, with room for four.
        for _ in 0..4 {
            for t in ["a", "b", "c", "d", "e", "f"] {
                let (r, _) = counted.attach(card(vec![chart(t)]), CHAT_BUDGET, "t").await;
                assert_eq!(names(&r), ["pay-range.png"]);
            }
        }
        let drawn = CYCLED.load(std::sync::atomic::Ordering::SeqCst);
        // Least recently used would draw all 24; here four stay cached after the first round.
        assert!(drawn <= 6 + 3 * 2, "{drawn} drawn");
    }

    static HELD: std::sync::Mutex<()> = std::sync::Mutex::new(());
    static SHARED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[tokio::test(flavor = "multi_thread")]
    #[allow(clippy::await_holding_lock)] // the held lock is what keeps the render waiting
    async fn askers_of_a_picture_being_drawn_share_that_drawing() {
        let charts = Charts::new(
            |p| {
                drop(lock(&HELD));
                SHARED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                render(p)
            },
            CACHE_BYTES,
            2,
        );
        let held = lock(&HELD);
        let askers: Vec<_> = (0..8)
            .map(|_| {
                let charts = charts.clone();
                tokio::spawn(async move {
                    charts
                        .attach(card(vec![chart("popular")]), CHAT_BUDGET, "t")
                        .await
                        .0
                })
            })
            .collect();
        // Every asker is waiting on the one drawing (the map holds one more handle).
        let key = chart("popular").cache_key();
        while lock(&charts.inner.flights)
            .get(&key)
            .is_none_or(|(_, f)| Arc::strong_count(f) < 9)
        {
            tokio::task::yield_now().await;
        }
        drop(held);
        for a in askers {
            assert_eq!(names(&a.await.unwrap()), ["pay-range.png"]);
        }
        assert_eq!(SHARED.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(lock(&charts.inner.flights).is_empty());
    }

    #[tokio::test]
    async fn past_the_queue_a_new_picture_is_left_out_at_once() {
        let charts = Charts::new(render, CACHE_BYTES, 1);
        // Every place in the queue taken, as by drawings waiting for the renderer.
        let _taken = charts
            .inner
            .queue
            .clone()
            .try_acquire_many_owned((QUEUE + 1) as u32)
            .unwrap();
        let (r, _) = charts
            .attach(card(vec![chart("new")]), CHAT_BUDGET, "t")
            .await;
        assert!(r.attachments.is_empty());
        assert_eq!(r.embeds[0].image, None);
    }
}
