//! A throwaway PostgreSQL server for the tests: `initdb` in a temporary directory, `postgres`
//! on a free loopback port, stopped and removed when the test process ends. Nothing has to be
//! installed but Debian's `postgresql` package (which `.ci/run` installs when it is missing),
//! and nothing has to be started by hand.
//!
//! PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (its
//! directory handed to that user); otherwise as whoever runs the tests.
//!
//! [`shared`] is one server per test binary, with a fresh database per test
//! ([`Server::fresh_database`]) so that tests run in parallel; [`Server::start`] is a server
//! of a test's own, to stop and restart ([`Server::stop`], [`Server::restart`]).
#![allow(dead_code)]

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

/// How long a server may take to accept connections after it is started.
const READY: Duration = Duration::from_secs(60);
/// How long it may take to stop.
const STOPPED: Duration = Duration::from_secs(30);
/// The prefix of every server's directory under the temporary directory.
const PREFIX: &str = "rolecall-pgtest-";

pub struct Server {
    bin: PathBuf,
    /// The unprivileged user to run as (uid, gid), when the tests run as root.
    user: Option<(u32, u32)>,
    port: u16,
    /// Removed when the server is dropped (or at exit, for the shared one).
    dir: Mutex<Option<tempfile::TempDir>>,
    child: Mutex<Option<Child>>,
    databases: AtomicUsize,
}

fn fail(msg: &str) -> ! {
    panic!("cannot start a PostgreSQL server for the tests: {msg}")
}

/// The directory of `initdb` and `postgres`: `pg_config --bindir`, else `initdb` on the PATH,
/// else the newest `/usr/lib/postgresql/*/bin` (Debian's, off the PATH).
fn bindir() -> PathBuf {
    let has = |dir: &Path| dir.join("initdb").is_file() && dir.join("postgres").is_file();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if has(&dir) {
            return dir;
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has(&dir) {
                return dir;
            }
        }
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let dir = e.path().join("bin");
            has(&dir).then_some((version, dir))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, dir)) => dir,
        None => fail(
            "initdb and postgres were not found (pg_config --bindir, the PATH, \
             /usr/lib/postgresql/*/bin). Install PostgreSQL's server: \
             `apt-get install postgresql` on Debian, as .ci/run does",
        ),
    }
}

/// Who the server runs as: as root, the `postgres` user (PostgreSQL refuses root).
fn unprivileged() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    // SAFETY: a NUL-terminated name; the record is read at once, before another getpw* call.
    let pw = unsafe { libc::getpwnam(c"postgres".as_ptr()) };
    if pw.is_null() {
        fail(
            "running as root, and there is no `postgres` user to run the server as \
             (PostgreSQL refuses to run as root; Debian's postgresql package creates the user)",
        );
    }
    // SAFETY: checked non-null above.
    let pw = unsafe { &*pw };
    Some((pw.pw_uid, pw.pw_gid))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| fail(&format!("no free port: {e}")))
}

fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Removes what servers of test processes that were killed (and so could not clean up) left.
fn sweep_stale() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if !name.to_string_lossy().starts_with(PREFIX) {
            continue;
        }
        let dir = e.path();
        let owner = std::fs::read_to_string(dir.join("owner.pid"))
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok());
        let postmaster = std::fs::read_to_string(dir.join("data/postmaster.pid"))
            .ok()
            .and_then(|s| s.lines().next()?.trim().parse::<u32>().ok());
        if owner.is_some_and(|p| !alive(p)) && !postmaster.is_some_and(alive) {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// Starts children from one thread that lives as long as the process: a child is told to
/// quit when the thread that started it ends (`PR_SET_PDEATHSIG`), so a server never
/// outlives the tests, even when they are killed, and never dies with the test that happened
/// to start it.
fn spawn_kept(cmd: Command) -> std::io::Result<Child> {
    type Request = (Command, mpsc::Sender<std::io::Result<Child>>);
    static KEEPER: OnceLock<Mutex<mpsc::Sender<Request>>> = OnceLock::new();
    let keeper = KEEPER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Request>();
        std::thread::Builder::new()
            .name("postgres-keeper".into())
            .spawn(move || {
                for (mut cmd, reply) in rx {
                    let _ = reply.send(cmd.spawn());
                }
                // The sender lives in a static: never reached while the process lives.
                loop {
                    std::thread::park();
                }
            })
            .expect("a keeper thread");
        Mutex::new(tx)
    });
    let (tx, rx) = mpsc::channel();
    keeper
        .lock()
        .unwrap()
        .send((cmd, tx))
        .expect("the keeper thread");
    rx.recv().expect("the keeper thread")
}

impl Server {
    /// A new server of its own (about a second or two: initdb, then start).
    pub fn start() -> Server {
        sweep_stale();
        let bin = bindir();
        let user = unprivileged();
        let dir = tempfile::Builder::new()
            .prefix(PREFIX)
            .tempdir()
            .unwrap_or_else(|e| fail(&format!("a temporary directory: {e}")));
        std::fs::write(dir.path().join("owner.pid"), std::process::id().to_string())
            .unwrap_or_else(|e| fail(&e.to_string()));
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .unwrap_or_else(|e| fail(&format!("handing the directory to postgres: {e}")));
        }
        let mut initdb = Command::new(bin.join("initdb"));
        initdb
            .arg("-D")
            .arg(dir.path().join("data"))
            .args([
                "-A",
                "trust",
                "-U",
                "rolecall",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .env_remove("PGDATA");
        if let Some((uid, gid)) = user {
            initdb.uid(uid).gid(gid);
        }
        let out = initdb
            .output()
            .unwrap_or_else(|e| fail(&format!("running initdb: {e}")));
        if !out.status.success() {
            fail(&format!(
                "initdb failed:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let server = Server {
            bin,
            user,
            port: free_port(),
            dir: Mutex::new(Some(dir)),
            child: Mutex::new(None),
            databases: AtomicUsize::new(0),
        };
        server.run();
        server
    }

    fn dir(&self) -> PathBuf {
        self.dir
            .lock()
            .unwrap()
            .as_ref()
            .expect("the server's directory")
            .path()
            .to_path_buf()
    }

    /// Starts `postgres` on the server's port and waits until it accepts connections.
    fn run(&self) {
        let dir = self.dir();
        let log_path = dir.join("server.log");
        let log = std::fs::File::create(&log_path).unwrap_or_else(|e| fail(&e.to_string()));
        let mut cmd = Command::new(self.bin.join("postgres"));
        cmd.arg("-D")
            .arg(dir.join("data"))
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-k")
            .arg(&dir)
            .args([
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=300",
                "-c",
                "shared_buffers=32MB",
            ])
            .current_dir(&dir)
            .env("HOME", &dir)
            .env_remove("PGDATA")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap_or_else(|e| fail(&e.to_string())))
            .stderr(log);
        if let Some((uid, gid)) = self.user {
            cmd.uid(uid).gid(gid);
        }
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                // Immediate shutdown when the keeper thread (so the test process) ends.
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = spawn_kept(cmd).unwrap_or_else(|e| fail(&format!("running postgres: {e}")));
        let deadline = Instant::now() + READY;
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                let mut log = String::new();
                let _ = std::fs::File::open(&log_path).and_then(|mut f| f.read_to_string(&mut log));
                fail(&format!("postgres exited ({status}):\n{log}"));
            }
            let last = match ::postgres::Client::connect(&self.admin_url(), ::postgres::NoTls) {
                Ok(_) => break,
                Err(e) => e.to_string(),
            };
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                fail(&format!(
                    "postgres did not accept connections within {READY:?}: {last}"
                ));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        *self.child.lock().unwrap() = Some(child);
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    fn admin_url(&self) -> String {
        format!(
            "host=127.0.0.1 port={} user=rolecall dbname=postgres connect_timeout=5",
            self.port
        )
    }

    /// The URL of one of its databases.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://rolecall@127.0.0.1:{}/{database}", self.port)
    }

    /// The URL of one of its databases, through the Unix socket in its directory.
    pub fn socket_url(&self, database: &str) -> String {
        let dir = self.dir().to_string_lossy().replace('/', "%2F");
        format!("postgres://rolecall@{dir}:{}/{database}", self.port)
    }

    /// A new, empty database: its URL.
    pub fn fresh_database(&self) -> String {
        let name = format!(
            "test_{}",
            self.databases.fetch_add(1, Ordering::Relaxed) + 1
        );
        let mut admin = ::postgres::Client::connect(&self.admin_url(), ::postgres::NoTls)
            .unwrap_or_else(|e| panic!("connecting to the test server: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e:?}"));
        self.url(&name)
    }

    /// Stops the server (a fast shutdown: connections are closed), keeping its data.
    pub fn stop(&self) {
        let Some(mut child) = self.child.lock().unwrap().take() else {
            return;
        };
        // SAFETY: signalling our own child, not yet reaped.
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGINT);
        }
        let deadline = Instant::now() + STOPPED;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Starts it again after [`Server::stop`], on the same port with the same data.
    pub fn restart(&self) {
        self.stop();
        self.run();
    }

    /// Stops it and removes its directory.
    fn shut_down(&self) {
        self.stop();
        if let Some(dir) = self.dir.lock().unwrap().take() {
            let _ = dir.close();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

static SHARED: OnceLock<Server> = OnceLock::new();

extern "C" fn shut_down_shared() {
    if let Some(s) = SHARED.get() {
        s.shut_down();
    }
}

/// The test binary's server, started by the first test that asks. Statics are never dropped:
/// it is stopped, and its directory removed, when the process exits.
pub fn shared() -> &'static Server {
    SHARED.get_or_init(|| {
        let server = Server::start();
        // SAFETY: registers a plain function; it runs once, at exit.
        unsafe {
            libc::atexit(shut_down_shared);
        }
        server
    })
}
