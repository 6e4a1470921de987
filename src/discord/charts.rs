//! Pictures on the cards: the pay-range chart and the state map (`rolecall::chart`), drawn on
//! blocking threads, cached, and sent as files the embeds show (`attachment://<name>.png`).
//!
//! - **Off the async workers.** A render (a few milliseconds of CPU) runs under
//!   `spawn_blocking`, and at most [`RENDERERS`] at once, so a burst of charts can neither
//!   stall the gateway nor hold a picture's buffers on every blocking thread.
//! - **Cached by what is drawn.** A picture's input holds everything the PNG shows (the
//!   answer's careers and place, the figures of this dataset, each edited figure and its
//!   mark, the source line), and rendering is a pure function of it: so the cache is keyed
//!   by the input itself (its stable hash, and the input compared on a hit). A new dataset or
//!   an edit changes the input, hence the key; two guilds that see the same figures share
//!   one PNG. Least recently used entries go first once [`CACHE_BYTES`] is passed.
//! - **Bounded while sending.** Each send carries its own copy of its PNGs (serenity's
//!   attachments own their bytes) until Discord has them. At most [`SENDING_BYTES`] of
//!   pictures are on their way at once; past that (Discord slow, a burst of questions) a card
//!   goes without its picture rather than let memory grow with the queue.
//! - **Never at the cost of the answer.** A picture that fails, is not ready within the
//!   budget, or finds no room to be sent, is logged and left out; the card goes without it
//!   (and without its image URL).

use super::embed::Embed;
use super::reply::Reply;
use rolecall::chart::Picture;
use serenity::all::CreateAttachment;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// PNG bytes the cache may hold. A chart is 20–60 KiB and a map about 60–90 KiB, so this is
/// some hundred pictures: the questions people repeat.
pub const CACHE_BYTES: usize = 2 << 20;
/// PNG bytes that may be on their way to Discord at once (see [`Sending`]).
pub const SENDING_BYTES: usize = 2 << 20;
/// Renders at once. Each holds about 1 MiB while it draws (a band of pixels, the encoder,
/// the glyph cache); more than the machine's cores would only queue in the kernel instead.
pub const RENDERERS: usize = 2;
/// How long an interaction's answer waits for its pictures: Discord wants the first response
/// within 3 seconds of the click.
pub const INTERACTION_BUDGET: Duration = Duration::from_millis(1500);
/// How long a reply in chat waits for its pictures (no deadline there but the asker's).
pub const CHAT_BUDGET: Duration = Duration::from_secs(5);

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

/// The renderer, its cache and its permits. Cheap to clone.
#[derive(Clone)]
pub struct Charts {
    inner: Arc<Inner>,
}

struct Inner {
    cache: Mutex<Cache>,
    permits: Arc<Semaphore>,
    /// One permit per KiB of pictures being sent.
    sending: Arc<Semaphore>,
    render: Render,
}

/// The room a reply's pictures take while they are sent: keep it until the send is done.
#[must_use = "hold it until the reply is sent"]
pub struct Sending(#[allow(dead_code)] Vec<tokio::sync::OwnedSemaphorePermit>);

impl Default for Charts {
    fn default() -> Charts {
        Charts::new(render, CACHE_BYTES, RENDERERS)
    }
}

impl Charts {
    pub fn new(render: Render, cache_bytes: usize, renderers: usize) -> Charts {
        Charts::with_room(render, cache_bytes, renderers, SENDING_BYTES)
    }

    fn with_room(render: Render, cache: usize, renderers: usize, sending: usize) -> Charts {
        Charts {
            inner: Arc::new(Inner {
                cache: Mutex::new(Cache::new(cache)),
                permits: Arc::new(Semaphore::new(renderers.max(1))),
                sending: Arc::new(Semaphore::new(sending.div_ceil(1024))),
                render,
            }),
        }
    }

    /// Draws the reply's pictures and attaches them: the first is the first embed's image,
    /// each other one an embed of its own below it. A picture that fails, is not ready
    /// within `budget`, or finds no room among the pictures being sent, is logged and left
    /// out; the rest of the reply is sent as it is. Hold the [`Sending`] until it is sent.
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
                Ok(Err(e)) => {
                    tracing::error!(context, picture = kind, error = %e, "a picture could not be drawn; the card goes without it");
                    super::metrics::chart(kind, "failed");
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
    /// a render that outlives its budget still serves the next asker).
    async fn png(&self, picture: Picture) -> Result<Arc<[u8]>, String> {
        let key = picture.cache_key();
        let kind = picture.kind();
        if let Some(png) = self.cached(key, &picture) {
            super::metrics::chart(kind, "cached");
            return Ok(png);
        }
        let permit = self
            .inner
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        // Another asker may have drawn it while this one waited.
        if let Some(png) = self.cached(key, &picture) {
            super::metrics::chart(kind, "cached");
            return Ok(png);
        }
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let started = Instant::now();
            let png: Arc<[u8]> = (inner.render)(&picture)?.into();
            super::metrics::chart_drawn(kind, started);
            lock(&inner.cache).put(key, picture, png.clone());
            Ok(png)
        })
        .await
        .map_err(|e| format!("the drawing task failed: {e}"))?
    }

    fn cached(&self, key: u64, picture: &Picture) -> Option<Arc<[u8]>> {
        lock(&self.inner.cache).get(key, picture)
    }

    /// PNG bytes held, and pictures.
    #[cfg(test)]
    fn held(&self) -> (usize, usize) {
        let c = lock(&self.inner.cache);
        (c.bytes, c.entries.len())
    }
}

/// Pictures by key, least recently used first out.
struct Cache {
    entries: HashMap<u64, Entry>,
    bytes: usize,
    limit: usize,
    clock: u64,
}

struct Entry {
    picture: Picture,
    png: Arc<[u8]>,
    used: u64,
}

impl Cache {
    fn new(limit: usize) -> Cache {
        Cache {
            entries: HashMap::new(),
            bytes: 0,
            limit,
            clock: 0,
        }
    }

    fn get(&mut self, key: u64, picture: &Picture) -> Option<Arc<[u8]>> {
        self.clock += 1;
        let e = self.entries.get_mut(&key)?;
        // A 64-bit key could collide; the input decides.
        if e.picture != *picture {
            return None;
        }
        e.used = self.clock;
        Some(e.png.clone())
    }

    fn put(&mut self, key: u64, picture: Picture, png: Arc<[u8]>) {
        // One picture never takes more than a quarter of the room.
        if png.len() > self.limit / 4 {
            return;
        }
        self.clock += 1;
        if let Some(old) = self.entries.insert(
            key,
            Entry {
                picture,
                png: png.clone(),
                used: self.clock,
            },
        ) {
            self.bytes -= old.png.len();
        }
        self.bytes += png.len();
        while self.bytes > self.limit {
            let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| *k)
            else {
                break;
            };
            if let Some(e) = self.entries.remove(&oldest) {
                self.bytes -= e.png.len();
            }
        }
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
        let charts = Charts::new(|_| Err("no ink".into()), CACHE_BYTES, RENDERERS);
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

        // Room for four pictures of about this size: the least recently used goes first.
        let small = Charts::new(render, size * 4 + size / 2, RENDERERS);
        for t in ["a", "b", "c", "d"] {
            let _ = small.attach(card(vec![chart(t)]), CHAT_BUDGET, "t").await;
        }
        let _ = small.attach(card(vec![chart("a")]), CHAT_BUDGET, "t").await; // a is recent
        let _ = small.attach(card(vec![chart("e")]), CHAT_BUDGET, "t").await;
        let (bytes, n) = small.held();
        assert!(bytes <= size * 4 + size / 2, "{bytes}");
        assert_eq!(n, 4);
        let c = lock(&small.inner.cache);
        let has = |t: &str| c.entries.values().any(|e| e.picture == chart(t));
        assert!(has("a") && has("e") && !has("b"), "b was the oldest");
    }

    #[tokio::test]
    async fn pictures_wait_for_room_to_be_sent_and_free_it_once_sent() {
        let charts = Charts::default();
        let (one, _) = charts
            .attach(card(vec![chart("a")]), CHAT_BUDGET, "test")
            .await;
        let size = one.attachments[0].data.len();
        // Room for one picture of this size on its way at a time.
        let tight = Charts::with_room(render, CACHE_BYTES, RENDERERS, size + 1024);
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
}
