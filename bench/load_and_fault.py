"""Load and faults: nothing lost when something fails (clusterportal/faults.py).

Serves the site with production settings on gunicorn, PostgreSQL and Redis, on 127.0.0.1 only,
and for RUN seconds:

- keeps CONNECTIONS concurrent keep-alive connections busy on a mix of pages (raw HTTP/1.1 over
  asyncio; no wrk needed), tallying statuses per second and latencies;
- an editor signed in to the admin saves a new article every second (GET the form, POST it with
  its CSRF token) and remembers every save acknowledged with a 302;
- stops PostgreSQL for OUTAGE seconds at OUTAGE_AT, then starts it again;
- SIGKILLs one gunicorn worker at KILL_AT (the master starts another).

Passes when there is no 5xx outside the outage window (GRACE seconds either side), the 5xx in it
are all 503s, no connection fails outside the outage and the worker's death, and every
acknowledged save is in the database afterwards with its text intact. Prints a table; exits 1
on failure. Always starts PostgreSQL again and stops gunicorn (try/finally); stops by itself.

It stops the machine's PostgreSQL for OUTAGE seconds: other databases on it are unavailable too.
Not part of the test suite. Usage (from the project folder)::

    .venv/bin/python bench/load_and_fault.py [--run 60] [--connections 1000] [--outage 10]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import html.parser
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8779
PG_VERSION = sorted(os.listdir("/etc/postgresql"))[-1] if os.path.isdir("/etc/postgresql") else "15"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "clusterportal_bench"
REDIS_URL = "redis://127.0.0.1:6379/14"
REQUEST_TIMEOUT = 20.0


# --- the server -------------------------------------------------------------------------------


def bench_env(work: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-only-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        "REQUIRE_TWO_FACTOR": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}",
        "REDIS_URL": REDIS_URL,
        "VAR_DIR": str(work),
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "uploads"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def pg(action: str) -> None:
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=False, capture_output=True, timeout=60)


def pg_is_up() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


def prepare(env: dict, username: str, password: str) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    quiet = {"stdout": subprocess.DEVNULL}
    manage(env, "migrate", "--noinput", "-v0", **quiet)
    manage(env, "collectstatic", "--noinput", "-v0", **quiet)
    manage(env, "load_demo", "-v0", **quiet)
    superuser = {**env, "DJANGO_SUPERUSER_USERNAME": username, "DJANGO_SUPERUSER_PASSWORD": password}
    manage(superuser, "createsuperuser", "--noinput", "--email", "bench@example.com", **quiet)


def drop_database() -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def start_gunicorn(env: dict, log: Path, workers: int, threads: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "clusterportal.wsgi",
        "--bind",
        f"{HOST}:{PORT}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--worker-connections",
        "2000",
        "--backlog",
        "4096",
        "--keep-alive",
        "75",
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            status, _headers, _body = asyncio.run(one_request("GET", "/healthz"))
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer /healthz; see {log}")


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


# --- raw HTTP/1.1 -------------------------------------------------------------------------------


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, list[str]] = collections.defaultdict(list)
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()].append(value.strip())
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"][0]))
    elif "chunked" in ",".join(headers.get("transfer-encoding", [])):
        parts = []
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                break
            parts.append(await reader.readexactly(size))
            await reader.readline()
        body = b"".join(parts)
    elif status in (204, 304) or status < 200:
        body = b""
    else:
        body = await reader.read()
    return status, headers, body


def request_bytes(method: str, path: str, *, headers: dict | None = None, body: bytes = b"", close=False) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "User-Agent: load-and-fault"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close" if close else "Connection: keep-alive")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def one_request(method: str, path: str, *, headers: dict | None = None, body: bytes = b""):
    """One request on its own connection (the editor's, and the start-up probe)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, PORT), REQUEST_TIMEOUT)
    try:
        writer.write(request_bytes(method, path, headers=headers, body=body, close=True))
        return await asyncio.wait_for(read_response(reader), REQUEST_TIMEOUT)
    finally:
        writer.close()


# --- the visitors -------------------------------------------------------------------------------


@dataclass
class Tally:
    started: float
    per_second: dict = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    latencies: list = field(default_factory=list)  # (second, seconds, status)
    errors: list = field(default_factory=list)  # (second sent, second broken, kind)

    def second(self, at: float) -> int:
        return int(at - self.started)


async def visitor(index: int, paths: list[str], deadline: float, tally: Tally) -> None:
    reader = writer = None
    turn = index
    while time.monotonic() < deadline:
        path = paths[turn % len(paths)]
        turn += 1
        for attempt in (1, 2):
            fresh = writer is None
            sent = time.monotonic()
            try:
                if fresh:
                    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, PORT), REQUEST_TIMEOUT)
                sent = time.monotonic()
                writer.write(request_bytes("GET", path))
                status, headers, _body = await asyncio.wait_for(read_response(reader), REQUEST_TIMEOUT)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
                if writer is not None:
                    writer.close()
                reader = writer = None
                if not fresh and attempt == 1 and isinstance(error, asyncio.IncompleteReadError) and not error.partial:
                    continue  # the server had closed this idle keep-alive connection: ask again, as browsers do
                # Tallied at the second the request was sent (a timeout is about then, not 20 s
                # later), and kept with the second it broke: a worker's death resets, at that
                # moment, requests sent seconds before that were queued on its connections.
                tally.errors.append((tally.second(sent), tally.second(time.monotonic()), type(error).__name__))
                tally.per_second[tally.second(sent)]["error"] += 1
                await asyncio.sleep(0.2)
                break
            done = time.monotonic()
            tally.per_second[tally.second(done)][status] += 1
            tally.latencies.append((tally.second(done), done - sent, status))
            if "close" in ",".join(headers.get("connection", [])).lower():
                writer.close()
                reader = writer = None
            break
    if writer is not None:
        writer.close()


# --- the editor ---------------------------------------------------------------------------------


class FormFields(html.parser.HTMLParser):
    """The fields of the form with ``form_id``, with the values a browser would send unchanged."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[str]] = collections.defaultdict(list)
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self.options[self._select].append(value)
            if "selected" in attrs:
                self.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Editor:
    """Signs in, then saves a new article every second; remembers what was acknowledged."""

    def __init__(self, username: str, password: str, tally_started: float):
        self.username, self.password = username, password
        self.cookies: dict[str, str] = {}
        self.started = tally_started
        self.acknowledged: list[tuple[int, str, str, str]] = []  # (second, title, lead, body token)
        self.refused: collections.Counter = collections.Counter()

    def cookie_header(self) -> dict:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def keep_cookies(self, headers: dict) -> None:
        for value in headers.get("set-cookie", []):
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    async def get(self, path: str):
        status, headers, body = await one_request("GET", path, headers=self.cookie_header())
        self.keep_cookies(headers)
        return status, headers, body.decode("utf-8", "replace")

    async def post(self, path: str, data: dict):
        body = urllib.parse.urlencode(data).encode()
        headers = {**self.cookie_header(), "Content-Type": "application/x-www-form-urlencoded"}
        status, response_headers, _ = await one_request("POST", path, headers=headers, body=body)
        self.keep_cookies(response_headers)
        return status, response_headers

    async def sign_in(self) -> None:
        status, _h, page = await self.get("/admin/login/?next=/admin/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = {"csrfmiddlewaretoken": token, "username": self.username, "password": self.password, "next": "/admin/"}
        status, _ = await self.post("/admin/login/?next=/admin/", data)
        if status != 302:
            raise SystemExit(f"the editor could not sign in (status {status})")

    async def save_one(self, number: int) -> None:
        status, _h, page = await self.get("/admin/news/article/add/")
        if status != 200:
            self.refused[f"form {status}"] += 1
            return
        form = FormFields("article_form")
        form.feed(page)
        token = secrets.token_hex(6)
        title = f"Bench save {number} {token}"
        lead = f"Saved by the load-and-fault run, number {number}."
        data = {
            **form.fields,
            "title": title,
            "slug": "",
            "lead": lead,
            "body": f"<p>Body of save {number}: {token}.</p>",
            "status": "draft",
            "_save": "Save",
        }
        if not data.get("category"):
            data["category"] = next(value for value in form.options["category"] if value)
        status, headers = await self.post("/admin/news/article/add/", data)
        if status == 302 and "/add/" not in ",".join(headers.get("location", [])):
            self.acknowledged.append((int(time.monotonic() - self.started), title, lead, token))
        else:
            self.refused[f"save {status}"] += 1

    async def run(self, deadline: float) -> None:
        number = 0
        while time.monotonic() < deadline:
            tick = time.monotonic()
            number += 1
            try:
                await self.save_one(number)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, AttributeError) as error:
                self.refused[type(error).__name__] += 1
            await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Events:
    outage_start: float | None = None
    outage_end: float | None = None  # PostgreSQL accepts connections again
    killed_at: float | None = None
    killed_pid: int | None = None


async def faults_schedule(server: subprocess.Popen, args, started: float, events: Events) -> None:
    await asyncio.sleep(args.outage_at)
    events.outage_start = time.monotonic() - started
    await asyncio.to_thread(pg, "stop")
    await asyncio.sleep(max(0.0, args.outage - (time.monotonic() - started - events.outage_start)))
    await asyncio.to_thread(pg, "start")
    while not await asyncio.to_thread(pg_is_up):
        await asyncio.sleep(0.2)
    events.outage_end = time.monotonic() - started
    await asyncio.sleep(max(0.0, args.kill_at - (time.monotonic() - started)))
    workers = workers_of(server.pid)
    if workers:
        events.killed_pid = workers[0]
        os.kill(events.killed_pid, signal.SIGKILL)
        events.killed_at = time.monotonic() - started


async def load(server, args, paths, editor_login) -> tuple[Tally, Editor, Events]:
    editor = Editor(*editor_login, tally_started=0)
    await editor.sign_in()
    started = time.monotonic()
    editor.started = started
    tally, events = Tally(started), Events()
    deadline = started + args.run
    tasks = [asyncio.create_task(visitor(i, paths, deadline, tally)) for i in range(args.connections)]
    tasks.append(asyncio.create_task(editor.run(deadline)))
    if not args.no_faults:
        tasks.append(asyncio.create_task(faults_schedule(server, args, started, events)))
    await asyncio.gather(*tasks)
    return tally, editor, events


def present_saves(acknowledged) -> tuple[int, list[str]]:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{BENCH_DB}") as conn:
        rows = {title: (lead, body) for title, lead, body in conn.execute("SELECT title, lead, body FROM news_article")}
    missing = []
    for _second, title, lead, token in acknowledged:
        row = rows.get(title)
        if row is None or row[0] != lead or token not in row[1]:
            missing.append(title)
    return len(acknowledged) - len(missing), missing


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def report(args, tally: Tally, editor: Editor, events: Events, saves_present: int, missing, log: Path) -> bool:
    grace = args.grace
    outage_start = events.outage_start if events.outage_start is not None else float("inf")
    outage_end = events.outage_end if events.outage_end is not None else float("inf")

    def in_outage(second: int) -> bool:
        return outage_start - grace <= second <= outage_end + grace

    def near_kill(second: int) -> bool:
        return events.killed_at is not None and events.killed_at - 1 <= second <= events.killed_at + grace

    print(f"\n{'s':>3} {'total':>6} {'2xx':>6} {'3xx':>5} {'503':>5} {'5xx':>4} {'4xx':>4} {'err':>4}  note")
    totals = collections.Counter()
    for second in range(args.run + 1):
        counts = tally.per_second.get(second, collections.Counter())
        row = collections.Counter()
        for status, count in counts.items():
            if status == "error":
                row["err"] += count
            elif status == 503:
                row["503"] += count
            elif status >= 500:
                row["5xx"] += count
            else:
                row[f"{status // 100}xx"] += count
        totals.update(row)
        notes = []
        if events.outage_start is not None and int(events.outage_start) == second:
            notes.append("PostgreSQL stopped")
        if events.outage_end is not None and int(events.outage_end) == second:
            notes.append("PostgreSQL back")
        if events.killed_at is not None and int(events.killed_at) == second:
            notes.append(f"worker {events.killed_pid} killed")
        print(
            f"{second:>3} {sum(row.values()):>6} {row['2xx']:>6} {row['3xx']:>5} {row['503']:>5} {row['5xx']:>4} "
            f"{row['4xx']:>4} {row['err']:>4}  {', '.join(notes)}"
        )

    failures = []
    statuses = collections.Counter(status for _s, _l, status in tally.latencies)
    inside = collections.Counter(status for second, _l, status in tally.latencies if in_outage(second))
    outside = collections.Counter(status for second, _l, status in tally.latencies if not in_outage(second))
    bad_outside = {status: n for status, n in outside.items() if status >= 500}
    if bad_outside:
        failures.append(f"5xx outside the outage window: {bad_outside}")
    not_503 = {status: n for status, n in inside.items() if status >= 500 and status != 503}
    if not_503:
        failures.append(f"5xx other than 503 in the outage window: {not_503}")
    # gunicorn keeps running through the outage, so only the killed worker's connections may
    # break; a request left unanswered for REQUEST_TIMEOUT fails the run wherever it happens.
    stray_errors = [(s, kind) for s, broken, kind in tally.errors if kind == "TimeoutError" or not near_kill(broken)]
    if stray_errors:
        failures.append(f"{len(stray_errors)} connection errors other than the killed worker's")
    if missing:
        failures.append(f"{len(missing)} acknowledged saves missing or changed: {missing[:3]}")
    if events.outage_end is None and not args.no_faults:
        failures.append("PostgreSQL did not come back during the run")

    outside_latencies = [latency for second, latency, _st in tally.latencies if not in_outage(second)]
    inside_latencies = [latency for second, latency, status in tally.latencies if in_outage(second) and status == 503]
    all_latencies = [latency for _s, latency, _st in tally.latencies]
    db_lines = sum("Database unavailable" in line for line in log.read_text(errors="replace").splitlines())
    traceback_lines = sum("Traceback" in line for line in log.read_text(errors="replace").splitlines())
    print()
    print(f"connections {args.connections}, run {args.run} s, gunicorn {args.workers} workers x {args.threads} threads")
    print(
        f"outage: PostgreSQL stopped at {outage_start:.1f} s, accepting again at {outage_end:.1f} s "
        f"(window with {grace} s grace: {outage_start - grace:.1f}–{outage_end + grace:.1f} s)"
    )
    print(f"worker killed at {events.killed_at or float('nan'):.1f} s (pid {events.killed_pid})")
    print(f"requests answered {len(tally.latencies)}, per status {dict(sorted(statuses.items()))}")
    print(f"  inside the window  {dict(sorted(inside.items()))}")
    print(f"  outside the window {dict(sorted(outside.items()))}")
    print(f"connection errors {len(tally.errors)} ({dict(collections.Counter(k for _s, _b, k in tally.errors))}),")
    print(f"  of which other than the killed worker's (resets just after the kill): {len(stray_errors)}")
    print(
        f"latency p50 {percentile(all_latencies, 0.5) * 1000:.0f} ms,"
        f" p99 {percentile(all_latencies, 0.99) * 1000:.0f} ms"
        f" (outside the window p50 {percentile(outside_latencies, 0.5) * 1000:.0f} ms,"
        f" p99 {percentile(outside_latencies, 0.99) * 1000:.0f} ms;"
        f" 503s p50 {percentile(inside_latencies, 0.5) * 1000:.0f} ms,"
        f" p99 {percentile(inside_latencies, 0.99) * 1000:.0f} ms)"
    )
    print(
        f"editor: saves acknowledged {len(editor.acknowledged)}, present afterwards with their text {saves_present}; "
        f"not acknowledged {dict(editor.refused)}"
    )
    print(f"server log: {db_lines} 'Database unavailable' lines, {traceback_lines} tracebacks")
    print("\nPASS" if not failures else "\nFAIL:\n  " + "\n  ".join(failures))
    return not failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", type=int, default=60, help="seconds of load (at most 300)")
    parser.add_argument("--connections", type=int, default=1000, help="concurrent connections (at most 2000)")
    parser.add_argument("--outage", type=int, default=10, help="seconds PostgreSQL is stopped (at most 15)")
    parser.add_argument("--outage-at", type=int, default=20)
    parser.add_argument("--kill-at", type=int, default=45)
    parser.add_argument("--grace", type=int, default=2, help="seconds either side of the outage")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--no-faults", action="store_true", help="load only: PostgreSQL and the workers left alone")
    args = parser.parse_args()
    args.run, args.connections, args.outage = min(args.run, 300), min(args.connections, 2000), min(args.outage, 15)

    work = Path(tempfile.mkdtemp(prefix="load-and-fault-"))
    log = work / "gunicorn.log"
    env = bench_env(work)
    username, password = "bench-editor", secrets.token_urlsafe(24)
    server = None
    try:
        print(f"preparing {BENCH_DB} (migrate, collectstatic, load_demo) in {work} …", flush=True)
        prepare(env, username, password)
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{BENCH_DB}") as conn:
            slug = conn.execute("SELECT slug FROM news_article WHERE status = 'published' LIMIT 1").fetchone()[0]
        paths = [
            "/",
            "/news/",
            f"/news/{slug}/",
            "/portfolio/",
            "/media-center/",
            "/search/?q=cluster",
            "/ru/",
            "/ru/news/",
            "/healthz",
        ]
        # As many requests again for a static file (whitenoise): a page's stylesheet is asked for too.
        paths += ["/static/css/site.css"] * len(paths)
        server = start_gunicorn(env, log, args.workers, args.threads)
        print(f"gunicorn {server.pid} on http://{HOST}:{PORT}/; {args.run} s of load …", flush=True)
        tally, editor, events = asyncio.run(load(server, args, paths, (username, password)))
        if not pg_is_up():
            pg("start")
        saves_present, missing = present_saves(editor.acknowledged)
        return 0 if report(args, tally, editor, events, saves_present, missing, log) else 1
    finally:
        if not pg_is_up():
            pg("start")
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        try:
            drop_database()
        except psycopg.Error as error:
            print(f"could not drop {BENCH_DB}: {error}", file=sys.stderr)
        print(f"server log kept: {log}")


if __name__ == "__main__":
    sys.exit(main())
