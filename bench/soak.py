"""Soak test of the whole server (issue 13): mixed traffic for minutes while uploads, a login flood
and a CLI ingest run; errors, latency percentiles and server memory over time.

    .venv/bin/python bench/soak.py                          # 20 clients, 10 minutes
    .venv/bin/python bench/soak.py --minutes 1 --clients 5  # quick run
    .venv/bin/python bench/soak.py --json soak.json         # also write the figures as JSON

In a fresh temporary archive (``sulieu sample`` ingested with ``sulieu ingest``, an editor with a
token and a reader made with ``sulieu user``/``sulieu token``) it starts the real ``sulieu serve`` on
127.0.0.1 at a free port, then for ``--minutes`` runs at the same time:

- ``--clients`` closed-loop clients (no think time unless ``--think``), each an ``httpx.AsyncClient``,
  drawing from a mix of ``GET /api/search`` (varied Vietnamese queries, with and without diacritics,
  filters, sort, page 2), document records, page text, thumbnails and page images (only pages that have
  one), ``/``, ``/?q=``, ``/doc/{id}``, browse pages and, now and then, ``/export.csv``;
- one uploader posting a small file every ``--upload-every`` seconds (generated Vietnamese text
  documents, every fourth a generated PNG scan that goes through OCR) to ``POST /api/uploads`` with the
  editor's token, and polling each job to its end;
- a login flood: ``--flood`` concurrent tasks posting random names and wrong passwords to
  ``POST /api/auth/login`` from ``--flood-addresses`` loopback addresses (127.0.2.x; the guard counts
  failures per address, so some addresses keep reaching the password hash while others are locked
  out); 401 and 429 are the expected answers and are counted, not failed;
- the owner of an account signing in from 127.0.0.1 every 15 s (login, ``/api/auth/me``, logout with
  the CSRF header): that must keep working during the flood;
- ``sulieu ingest`` of another generated folder (text, multi-page PDFs, PNG scans) into the same
  archive, started at ``--ingest-at`` of the run: a second process taking the archive's writer lock.

Server memory (RSS, and PSS when readable, of the server process and all its children) is sampled
every 5 s. A failure is a 5xx, a connection error, a timeout (> 30 s), an unexpected 4xx on traffic
that should succeed, an upload job or file that fails or does not finish, or a non-zero ingest exit.
Exit status 1 when the issue's bounds are broken: any failure, p95 of search (API or UI) >= 500 ms,
or server memory >= 1 GB (1024 MB; MB here are MiB). Ctrl-C ends the soak early and still reports;
the server is stopped and the temporary folder removed (``--keep`` keeps it) whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

try:
    import psutil
except ImportError:  # the /proc fallback below does the same on Linux
    psutil = None

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

from loopback import free_port, stop_group, wait_ready  # noqa: E402

MB = 1024 * 1024
BOUND_P95_MS = 500.0
BOUND_MEMORY_MB = 1024.0
TIMEOUT_S = 30.0
MEMORY_EVERY_S = 5.0
EDITOR, READER = "soak-editor", "soak-reader"
READER_PASSWORD = "doc-gia-mat-khau-2024"

QUERIES = [
    "lịch sử Đảng bộ", "lich su dang bo", "tuyên truyền", "tuyen truyen", "Chỉ thị số 20-CT/TW", "20-CT/TW",
    "kỷ niệm 95 năm Ngày thành lập Đảng", "ky niem 95 nam ngay thanh lap dang", "Kế hoạch số 215-KH/TU",
    "215-KH/TU", "\"học tập và làm theo\"", "nghị quyết", "thành ủy hải phòng", "ban thường vụ",
    "công tác cán bộ nam:2020..2024", "loai:KH", "chuyển đổi số", "biên soạn lịch sử", "Hưng Yên",
    "hai phong", "đảng ủy xã", "báo cáo kết quả", "hướng dẫn tuyên truyền", "giáo dục truyền thống",
    "\"lịch sử Đảng bộ\" hưng yên", "quyết định", "41-CT/TW", "số hóa tài liệu", "nhân chứng lịch sử",
    "Đại hội Đảng bộ nhiệm kỳ 2025 - 2030", "di tích lịch sử", "thế hệ trẻ", "Văn Lâm", "Khoái Châu",
]

# kind -> weight of the client mix
MIX = {
    "search": 34, "document": 14, "page": 10, "thumbnail": 6, "image": 2, "ui_home": 5, "ui_search": 10,
    "ui_doc": 10, "browse": 4, "list": 2, "export_csv": 1,
}
SEARCH_KINDS = ("search", "ui_search")


# --- generated documents ------------------------------------------------------------------------
BODIES = [  # (issuer line 1, issuer line 2, issuer code, place)
    ("ĐẢNG BỘ TỈNH HƯNG YÊN", "HUYỆN ỦY KIM ĐỘNG", "HU", "Kim Động"),
    ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "QUẬN ỦY NGÔ QUYỀN", "QU", "Ngô Quyền"),
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY ĐÔNG ANH", "HU", "Đông Anh"),
    ("ĐẢNG BỘ HUYỆN VĨNH BẢO", "ĐẢNG ỦY XÃ TRUNG LẬP", "ĐU", "Trung Lập"),
    ("ĐẢNG BỘ TỈNH HƯNG YÊN", "TỈNH ỦY HƯNG YÊN", "TU", "Hưng Yên"),
    ("ĐẢNG BỘ QUẬN LÊ CHÂN", "ĐẢNG ỦY PHƯỜNG DƯ HÀNG", "ĐU", "Lê Chân"),
]
TYPES = [("KẾ HOẠCH", "KH"), ("BÁO CÁO", "BC"), ("THÔNG BÁO", "TB"), ("HƯỚNG DẪN", "HD"), ("CHƯƠNG TRÌNH", "CTr")]
SUBJECTS = [
    "tuyên truyền cuốn Lịch sử Đảng bộ địa phương", "sưu tầm, số hóa tài liệu lịch sử Đảng",
    "tổ chức kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam", "biên soạn lịch sử truyền thống các chi bộ",
    "giáo dục truyền thống cách mạng cho thế hệ trẻ", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "kiểm kê, bảo quản tài liệu lưu trữ của cấp ủy", "chuyển đổi số trong công tác văn thư, lưu trữ",
]
CITED = [
    "Kế hoạch số 215-KH/TU ngày 26/12/2024 của Ban Thường vụ Tỉnh ủy Hưng Yên",
    "Chỉ thị số 41-CT/TW của Ban Bí thư", "Hướng dẫn số 58-HD/BTGTU của Ban Tuyên giáo Thành ủy",
    "Kế hoạch số 96-KH/HU ngày 10/4/2024 của Ban Thường vụ Huyện ủy",
]
SENTENCES = [
    "Quán triệt sâu sắc vị trí, ý nghĩa của công tác nghiên cứu, biên soạn, tuyên truyền lịch sử Đảng.",
    "Nâng cao trách nhiệm của cấp ủy, tổ chức đảng và người đứng đầu đối với nhiệm vụ này.",
    "Các chi bộ giới thiệu nhân chứng lịch sử, cung cấp tư liệu, hình ảnh, hiện vật.",
    "Văn phòng cấp ủy tổng hợp, báo cáo Ban Thường vụ theo quy định.",
    "Bảo đảm tính khoa học, chân thực, khách quan của sử liệu; phát huy giá trị các công trình đã xuất bản.",
    "Ủy ban nhân dân bảo đảm kinh phí; các đoàn thể phối hợp tổ chức các hoạt động tuyên truyền.",
    "Tài liệu sau khi số hóa được kiểm tra, đối chiếu với bản gốc và lưu trữ theo quy định.",
    "Tổ chức tọa đàm, gặp mặt cán bộ lão thành cách mạng, trao tặng sách cho thư viện các trường học.",
]


def make_text(number: int, rnd: random.Random, paragraphs: int = 5) -> str:
    """A Vietnamese Party document (header, type, subject, body, distribution) with a unique number."""
    top, body, code, place = rnd.choice(BODIES)
    kind, kcode = rnd.choice(TYPES)
    day, month, year = rnd.randint(1, 28), rnd.randint(1, 12), rnd.randint(2019, 2025)
    lines = [top, body, "*", f"Số {number}-{kcode}/{code}", "", "ĐẢNG CỘNG SẢN VIỆT NAM", "",
             f"{place}, ngày {day:02d} tháng {month} năm {year}", "", kind, rnd.choice(SUBJECTS), "-----", "",
             f"Thực hiện {rnd.choice(CITED)}, {body.title()} xây dựng {kind.lower()} số {number} như sau:", ""]
    for i in range(paragraphs):
        lines += [f"{'I' * (i % 3 + 1)}. " + " ".join(rnd.sample(SENTENCES, 3)), ""]
    lines += ["Nơi nhận:", "- Ban Thường vụ (để b/c),", "- Các chi bộ,", "- Lưu VP."]
    return "\n".join(lines) + "\n"


def make_png(text: str) -> bytes:
    """A one-page scan of ``text`` (200 dpi, grey PNG, about 120 kB): goes through OCR."""
    from sample_data.scans import render_pages

    page = render_pages(text, dpi=200)[0]
    buf = io.BytesIO()
    page.convert("L").save(buf, "PNG", optimize=True, dpi=(200, 200))
    return buf.getvalue()


def make_pdf(path: Path, text: str, pages: int) -> None:
    from sample_data.directive_pdf import dejavu_fpdf

    pdf = dejavu_fpdf()
    paras = text.split("\n\n")
    for n in range(pages):
        pdf.add_page()
        pdf.set_font("DejaVu", "", 12)
        pdf.multi_cell(190, 7, "\n".join(paras) if n == 0 else f"Trang {n + 1}. " + " ".join(paras[3:]))
    pdf.output(str(path))


def make_ingest_folder(folder: Path, *, texts: int, pdfs: int, scans: int, seed: int = 13) -> dict:
    """The folder of the CLI ingest run part-way through: numbers 500+ (none in the sample)."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True)
    n = 500
    for _ in range(texts):
        (folder / f"soak-{n}.txt").write_text(make_text(n, rnd), encoding="utf-8")
        n += 1
    for _ in range(pdfs):
        make_pdf(folder / f"soak-{n}.pdf", make_text(n, rnd, paragraphs=8), pages=4)
        n += 1
    for _ in range(scans):
        (folder / f"soak-{n}.png").write_bytes(make_png(make_text(n, rnd, paragraphs=2)))
        n += 1
    return {"texts": texts, "pdfs": pdfs, "scans": scans, "files": texts + pdfs + scans}


# --- processes ------------------------------------------------------------------------------------
def sulieu_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("sulieu")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "sulieu_cli"]


def run_cli(args: list[str], env: dict, *, stdin: str | None = None) -> str:
    p = subprocess.run(sulieu_cmd() + args, env=env, cwd=ROOT, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"sulieu {' '.join(args)} thất bại (mã {p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p.stdout


def _proc_children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = defaultdict(list)
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                kids[ppid].append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return kids


def tree_memory(pid: int) -> tuple[float, float, int]:
    """(RSS MB, PSS MB, processes) of ``pid`` and all its descendants; PSS falls back to RSS."""
    rss = pss = 0
    n = 0
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0.0, 0.0, 0
        for p in procs:
            try:
                info = p.memory_full_info()
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                n += 1
            except psutil.AccessDenied:
                try:
                    r = p.memory_info().rss
                    rss += r
                    pss += r
                    n += 1
                except psutil.Error:
                    pass
            except psutil.Error:
                pass
        return rss / MB, pss / MB, n
    kids = _proc_children()
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(kids.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) * 1024
                    n += 1
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except OSError:
            pass
    return rss / MB, (pss or rss) / MB, n


# --- measurements -----------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    v = sorted(values)
    return round(v[min(len(v) - 1, int(p * len(v)))], 1)


class Recorder:
    def __init__(self, t0: float) -> None:
        self.t0 = t0
        self.lat: dict[str, list[float]] = defaultdict(list)       # kind -> ms
        self.count: Counter = Counter()                             # kind -> requests (failed ones too)
        self.per_minute: dict[int, dict] = defaultdict(lambda: {"requests": 0, "failures": 0, "search_ms": [],
                                                                 "login": Counter()})
        self.failures: Counter = Counter()                          # (kind, reason)
        self.examples: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.login: Counter = Counter()                             # flood answers by status
        self.login_ms: list[float] = []

    def minute(self, t: float) -> dict:
        return self.per_minute[int((t - self.t0) // 60)]

    def ok(self, kind: str, ms: float, t: float) -> None:
        self.lat[kind].append(ms)
        self.count[kind] += 1
        m = self.minute(t)
        m["requests"] += 1
        if kind in SEARCH_KINDS:
            m["search_ms"].append(ms)

    def fail(self, kind: str, reason: str, t: float, ms: float | None = None, **detail) -> None:
        if ms is not None:
            self.lat[kind].append(ms)
        self.count[kind] += 1
        self.failures[(kind, reason)] += 1
        m = self.minute(t)
        m["requests"] += 1
        m["failures"] += 1
        ex = self.examples[(kind, reason)]
        if len(ex) < 3:
            ex.append({"t_s": round(t - self.t0, 1), **detail})

    def flood(self, status: str, ms: float, t: float) -> None:
        self.login[status] += 1
        self.login_ms.append(ms)
        self.minute(t)["login"][status] += 1


async def timed(rec: Recorder, kind: str, client: httpx.AsyncClient, method: str, url: str, *,
                expect: tuple[int, ...] = (200,), **kw) -> httpx.Response | None:
    """One request: its latency under ``kind``, or a failure (status, connection error, timeout)."""
    t = time.monotonic()
    try:
        r = await client.request(method, url, **kw)
        ms = 1000 * (time.monotonic() - t)
    except httpx.TimeoutException as e:
        rec.fail(kind, "timeout", t, method=method, url=url, error=f"{type(e).__name__} after {TIMEOUT_S:.0f} s")
        return None
    except httpx.HTTPError as e:
        rec.fail(kind, "connection", t, method=method, url=url, error=f"{type(e).__name__}: {e}")
        return None
    if r.status_code in expect:
        rec.ok(kind, ms, t)
        return r
    reason = f"HTTP {r.status_code}"
    rec.fail(kind, reason, t, ms, method=method, url=url, status=r.status_code, body=r.text[:400])
    return None


class Catalog:
    """What the clients know of the archive: public ids, page counts, pages with an image."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.images: dict[str, list[int]] = {}
        self.ids: list[str] = []
        self.facets: dict[str, list[str]] = {}

    def add_list(self, data: list[dict]) -> None:
        for d in data:
            if d["id"] not in self.pages:
                self.ids.append(d["id"])
            self.pages[d["id"]] = max(1, d.get("page_count") or 1)

    def add_detail(self, d: dict) -> None:
        imgs = [p["number"] for p in d.get("pages", []) if p.get("has_image")]
        self.images[d["id"]] = imgs


def search_params(rnd: random.Random, cat: Catalog) -> dict:
    p: dict[str, str | int] = {"q": rnd.choice(QUERIES)}
    x = rnd.random()
    if x < 0.08:
        p["q"] = ""
    for name, chance in (("doc_type", 0.25), ("issuer", 0.1), ("year", 0.12), ("place", 0.05)):
        if cat.facets.get(name) and rnd.random() < chance:
            p[name] = rnd.choice(cat.facets[name])
    if rnd.random() < 0.1:
        p["date_from"] = f"{rnd.randint(2018, 2024)}-01-01"
    if rnd.random() < 0.12:
        p["sort"] = rnd.choice(["date_desc", "date_asc"])
    if rnd.random() < 0.1:
        p["page"] = 2
    return p


async def client_task(i: int, base: str, rec: Recorder, cat: Catalog, stop: asyncio.Event, think: float) -> None:
    rnd = random.Random(1000 + i)
    kinds, weights = list(MIX), list(MIX.values())
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S) as c:
        while not stop.is_set():
            kind = rnd.choices(kinds, weights)[0]
            doc = rnd.choice(cat.ids)
            if kind == "search":
                await timed(rec, kind, c, "GET", "/api/search", params=search_params(rnd, cat))
            elif kind == "document":
                r = await timed(rec, kind, c, "GET", f"/api/documents/{doc}")
                if r is not None:
                    cat.add_detail(r.json())
            elif kind == "page":
                await timed(rec, kind, c, "GET", f"/api/documents/{doc}/pages/{rnd.randint(1, cat.pages[doc])}")
            elif kind in ("thumbnail", "image"):
                with_img = [d for d, imgs in cat.images.items() if imgs]
                if not with_img:
                    continue
                d = rnd.choice(with_img)
                suffix = "/thumbnail" if kind == "thumbnail" else "/image"
                await timed(rec, kind, c, "GET", f"/api/documents/{d}/pages/{rnd.choice(cat.images[d])}{suffix}")
            elif kind == "ui_home":
                await timed(rec, kind, c, "GET", "/")
            elif kind == "ui_search":
                await timed(rec, kind, c, "GET", "/", params=search_params(rnd, cat))
            elif kind == "ui_doc":
                params = {"q": rnd.choice(QUERIES)} if rnd.random() < 0.4 else {}
                if cat.pages[doc] > 1 and rnd.random() < 0.3:
                    params["page"] = str(rnd.randint(1, cat.pages[doc]))
                await timed(rec, kind, c, "GET", f"/doc/{doc}", params=params)
            elif kind == "browse":
                url = rnd.choice(["/browse/issuers", "/browse/years", "/missing", "/api/browse?by=issuer",
                                  "/api/browse?by=year", "/api/lookup?symbol=215-KH/TU"])
                await timed(rec, kind, c, "GET", url)
            elif kind == "list":
                await timed(rec, kind, c, "GET", "/api/documents", params={"page_size": 50,
                                                                          "page": rnd.randint(1, 3)})
            elif kind == "export_csv":
                await timed(rec, kind, c, "GET", "/export.csv", params={"q": rnd.choice(QUERIES)})
            if think:
                await asyncio.sleep(rnd.uniform(0, 2 * think))


async def catalog_task(base: str, cat: Catalog, stop: asyncio.Event) -> None:
    """Every 20 s, learn the documents added by uploads and the CLI ingest (not timed)."""
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S) as c:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), 20)
                return
            except TimeoutError:
                pass
            try:
                page = 1
                while True:
                    r = await c.get("/api/documents", params={"page_size": 200, "page": page})
                    body = r.json()
                    cat.add_list(body["data"])
                    if page * 200 >= body["count"]:
                        break
                    page += 1
            except (httpx.HTTPError, ValueError, KeyError):
                pass  # the timed clients see and count any real failure


async def flood_task(i: int, base: str, rec: Recorder, stop: asyncio.Event, clients: list[httpx.AsyncClient]) -> None:
    rnd = random.Random(5000 + i)
    while not stop.is_set():
        c = rnd.choice(clients)
        name = (rnd.choice([EDITOR, READER, "admin"]) if rnd.random() < 0.1
                else "".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(4, 10))))
        pw = "".join(rnd.choices(string.ascii_letters + string.digits, k=12))
        t = time.monotonic()
        try:
            r = await c.post("/api/auth/login", json={"name": name, "password": pw})
        except httpx.TimeoutException:
            rec.fail("login_flood", "timeout", t, url="POST /api/auth/login")
            continue
        except httpx.HTTPError as e:
            rec.fail("login_flood", "connection", t, url="POST /api/auth/login", error=f"{type(e).__name__}: {e}")
            await asyncio.sleep(0.2)
            continue
        ms = 1000 * (time.monotonic() - t)
        if r.status_code in (401, 429):
            rec.flood(str(r.status_code), ms, t)
        else:  # 200 is impossible (wrong passwords); 422, 5xx... are bugs
            rec.fail("login_flood", f"HTTP {r.status_code}", t, ms, url="POST /api/auth/login",
                     status=r.status_code, body=r.text[:400], name=name)


async def owner_task(base: str, rec: Recorder, stop: asyncio.Event) -> None:
    """The account's owner signs in from 127.0.0.1 every 15 s while the flood comes from elsewhere."""
    while not stop.is_set():
        async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S) as c:
            r = await timed(rec, "login_owner", c, "POST", "/api/auth/login",
                            json={"name": READER, "password": READER_PASSWORD})
            if r is not None:
                csrf = r.json().get("csrf_token", "")
                await timed(rec, "auth_me", c, "GET", "/api/auth/me")
                await timed(rec, "logout", c, "POST", "/api/auth/logout", headers={"X-CSRF-Token": csrf})
        try:
            await asyncio.wait_for(stop.wait(), 15)
        except TimeoutError:
            pass


class Uploads:
    def __init__(self) -> None:
        self.posted = 0
        self.jobs: Counter = Counter()          # final job status
        self.files: Counter = Counter()         # final file status
        self.job_s: list[float] = []            # posting -> job finished
        self.pending: set[asyncio.Task] = set()
        self.doc_ids: list[str] = []


async def poll_job(c: httpx.AsyncClient, rec: Recorder, up: Uploads, job_id: str, name: str, t_post: float,
                   deadline: asyncio.Event) -> None:
    while True:
        r = await timed(rec, "job_poll", c, "GET", f"/api/jobs/{job_id}")
        if r is not None:
            job = r.json()
            if job["status"] in ("done", "failed", "cancelled"):
                up.jobs[job["status"]] += 1
                up.job_s.append(time.monotonic() - t_post)
                for f in job["files"]:
                    up.files[f["status"]] += 1
                    if f.get("doc_id") and f["status"] == "ingested":
                        up.doc_ids.append(f["doc_id"])
                bad = [f for f in job["files"] if f["status"] not in ("ingested", "duplicate")]
                if job["status"] != "done" or bad:
                    rec.fail("upload_job", f"job {job['status']}", t_post, job=job_id, file=name,
                             message=job.get("message"), files=bad[:2])
                return
        if deadline.is_set():
            up.jobs["unfinished"] += 1
            rec.fail("upload_job", "not finished", t_post, job=job_id, file=name)
            return
        await asyncio.sleep(1.0)


async def uploader_task(base: str, token: str, rec: Recorder, up: Uploads, stop: asyncio.Event,
                        every: float, pngs: list[bytes], deadline: asyncio.Event) -> None:
    rnd = random.Random(77)
    headers = {"Authorization": f"Bearer {token}"}
    number = 2000
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S, headers=headers) as c:
        while not stop.is_set():
            if up.posted % 4 == 3 and pngs:
                name, data, mime = f"ban-quet-{number}.png", pngs.pop(), "image/png"
            else:
                name, data, mime = f"van-ban-{number}.txt", make_text(number, rnd).encode("utf-8"), "text/plain"
            number += 1
            t = time.monotonic()
            r = await timed(rec, "upload", c, "POST", "/api/uploads", expect=(202,),
                            files=[("files", (name, data, mime))], data={"access": "public"})
            up.posted += 1
            if r is not None:
                task = asyncio.create_task(poll_job(c, rec, up, r.json()["id"], name, t, deadline))
                up.pending.add(task)
                task.add_done_callback(up.pending.discard)
            try:
                await asyncio.wait_for(stop.wait(), every)
            except TimeoutError:
                pass
        if up.pending:
            await asyncio.gather(*list(up.pending))


class Ingest:
    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.started_s: float | None = None
        self.ended_s: float | None = None
        self.returncode: int | None = None
        self.summary = ""
        self.peak_rss_mb = 0.0


async def ingest_task(folder: Path, env: dict, work: Path, at_s: float, t0: float, ing: Ingest,
                      stop: asyncio.Event, rec: Recorder) -> None:
    try:
        await asyncio.wait_for(stop.wait(), at_s)
        return  # stopped before it was due
    except TimeoutError:
        pass
    log = open(work / "ingest.log", "w")
    ing.started_s = time.monotonic() - t0
    ing.proc = subprocess.Popen(sulieu_cmd() + ["ingest", str(folder), "--access", "public", "--no-progress",
                                                "--user", "soak-cli"],
                                env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    print(f"  [{ing.started_s:5.0f} s] sulieu ingest {folder.name} bắt đầu (pid {ing.proc.pid})", flush=True)
    while ing.proc.poll() is None:
        await asyncio.sleep(0.5)
    log.close()
    ing.ended_s = time.monotonic() - t0
    ing.returncode = ing.proc.returncode
    out = (work / "ingest.log").read_text(errors="replace")
    lines = [ln for ln in out.splitlines() if ln.strip()]
    ing.summary = next((ln.strip() for ln in reversed(lines) if "Đã nhập" in ln), lines[-1] if lines else "")
    print(f"  [{ing.ended_s:5.0f} s] sulieu ingest xong, mã {ing.returncode}: {ing.summary}", flush=True)
    if (ing.returncode != 0 and not stop.is_set()) or re.search(r"Lỗi: [1-9]", ing.summary):
        rec.fail("cli_ingest", f"exit {ing.returncode}", t0 + ing.started_s, output=out[-1500:])


def anon_file_mb(pid: int) -> tuple[float, float]:
    """The server process's RSS split: anonymous (heap) and file-backed (mapped index, libraries)."""
    out = {"RssAnon": 0, "RssFile": 0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            k, _, v = line.partition(":")
            if k in out:
                out[k] = int(v.split()[0]) * 1024
    except OSError:
        pass
    return out["RssAnon"] / MB, out["RssFile"] / MB


def memory_thread(server_pid: int, ing: Ingest, t0: float, samples: list, halt: threading.Event) -> None:
    while True:
        rss, pss, n = tree_memory(server_pid)
        anon, filed = anon_file_mb(server_pid)
        t = time.monotonic() - t0
        ingest_rss = 0.0
        if ing.proc is not None and ing.proc.poll() is None:
            ingest_rss = tree_memory(ing.proc.pid)[0]
            ing.peak_rss_mb = max(ing.peak_rss_mb, ingest_rss)
        samples.append({"t_s": round(t, 1), "rss_mb": round(rss, 1), "pss_mb": round(pss, 1), "processes": n,
                        "anon_mb": round(anon, 1), "file_mb": round(filed, 1), "ingest_rss_mb": round(ingest_rss, 1), "load1": round(os.getloadavg()[0], 2)})
        if halt.wait(MEMORY_EVERY_S):
            return


async def loop_lag_task(stop: asyncio.Event, lags: list[float]) -> None:
    """How late the client's own event loop wakes up: a bound on what client-side delay adds to latency."""
    while not stop.is_set():
        t = time.monotonic()
        await asyncio.sleep(0.1)
        lags.append(1000 * (time.monotonic() - t - 0.1))


# --- the run ------------------------------------------------------------------------------------------
async def soak(args, base: str, token: str, cat: Catalog, server_pid: int, env: dict, work: Path,
               ingest_folder: Path, pngs: list[bytes], ing: Ingest) -> dict:
    loop = asyncio.get_running_loop()
    stop, deadline = asyncio.Event(), asyncio.Event()
    interrupted = False

    def on_signal() -> None:
        nonlocal interrupted
        if not stop.is_set():
            interrupted = True
            print("\nDừng sớm (Ctrl-C lần nữa để thoát ngay)…", flush=True)
            stop.set()
        else:
            raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal)

    t0 = time.monotonic()
    rec, up = Recorder(t0), Uploads()
    samples: list[dict] = []
    halt = threading.Event()
    mem = threading.Thread(target=memory_thread, args=(server_pid, ing, t0, samples, halt), daemon=True)
    mem.start()
    lags: list[float] = []
    flood_clients = [httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S,
                                       transport=httpx.AsyncHTTPTransport(local_address=f"127.0.2.{k + 1}"))
                     for k in range(args.flood_addresses)]
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    tasks = [asyncio.create_task(client_task(i, base, rec, cat, stop, args.think)) for i in range(args.clients)]
    tasks += [asyncio.create_task(flood_task(i, base, rec, stop, flood_clients)) for i in range(args.flood)]
    tasks += [asyncio.create_task(owner_task(base, rec, stop)), asyncio.create_task(catalog_task(base, cat, stop)),
              asyncio.create_task(loop_lag_task(stop, lags))]
    uploader = asyncio.create_task(uploader_task(base, token, rec, up, stop, args.upload_every, pngs, deadline))
    ingest = asyncio.create_task(ingest_task(ingest_folder, env, work, args.ingest_at * args.minutes * 60, t0,
                                             ing, stop, rec))

    async def progress() -> None:
        last = 0
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), 60)
            except TimeoutError:
                pass
            m = int((time.monotonic() - t0) // 60) - 1
            if m >= last and m in rec.per_minute:
                print("  " + minute_line(m, rec.per_minute[m], samples), flush=True)
                last = m + 1

    prog = asyncio.create_task(progress())
    try:
        await asyncio.wait_for(stop.wait(), args.minutes * 60)
    except TimeoutError:
        pass
    stop.set()
    traffic_s = time.monotonic() - t0
    await asyncio.gather(*tasks, prog)
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    # uploads still queued or running get 180 s more (traffic has stopped), the CLI ingest 600 s
    # (10 s and none after a Ctrl-C)
    drain_t = time.monotonic()
    try:
        await asyncio.wait_for(asyncio.shield(uploader), 10 if interrupted else 180)
    except TimeoutError:
        deadline.set()
        await uploader
    try:
        await asyncio.wait_for(asyncio.shield(ingest), 0 if interrupted else max(0.0, 600 - (time.monotonic() - drain_t)))
    except TimeoutError:
        stop_group(ing.proc, signal.SIGTERM, 5)
        await ingest
        if not interrupted:
            rec.fail("cli_ingest", "not finished", t0, detail="still running 600 s after the traffic ended")
    if ing.proc is None and not interrupted:
        rec.fail("cli_ingest", "not started", t0)
    drain_s = time.monotonic() - drain_t
    # after everything: each uploaded document answers, and the server sees every new document
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S) as c:
        for d in up.doc_ids:
            await timed(rec, "verify_upload", c, "GET", f"/api/documents/{d}")
        r = await timed(rec, "verify_count", c, "GET", "/api/documents", params={"page_size": 1})
        final_count = r.json()["count"] if r is not None else None
    halt.set()
    mem.join(10)
    for c in flood_clients:
        await c.aclose()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(sig)
    client_cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    return {"rec": rec, "up": up, "ing": ing, "samples": samples, "lags": lags, "traffic_s": traffic_s,
            "drain_s": drain_s, "final_count": final_count, "interrupted": interrupted, "client_cpu_s": client_cpu}


def minute_line(m: int, row: dict, samples: list[dict]) -> str:
    mem = [s["rss_mb"] for s in samples if m * 60 <= s["t_s"] < (m + 1) * 60]
    login = row["login"]
    return (f"phút {m + 1:2d}: {row['requests']:6d} yêu cầu, lỗi {row['failures']}, tìm kiếm p95 "
            f"{pct(row['search_ms'], 0.95):6.1f} ms · bộ nhớ máy chủ {min(mem, default=0):5.0f}–"
            f"{max(mem, default=0):5.0f} MB · đăng nhập 401 {login['401']} / 429 {login['429']}")


def server_log_findings(path: Path) -> dict:
    text = path.read_text(errors="replace") if path.exists() else ""
    lines = text.splitlines()
    status = Counter()
    for ln in lines:
        m = re.search(r'HTTP/1\.[01]" (\d{3})', ln)
        if m:
            status[m.group(1)] += 1
    tracebacks = []
    for i, ln in enumerate(lines):
        if ln.startswith("Traceback") and len(tracebacks) < 3:
            tracebacks.append("\n".join(lines[max(0, i - 2):i + 40]))
    errors = [ln for ln in lines if re.match(r"(ERROR|CRITICAL)", ln)]
    return {"access_log_status": dict(sorted(status.items())), "tracebacks": tracebacks,
            "error_lines": len(errors), "error_examples": errors[:5]}


def report(args, res: dict, setup: dict, log: dict) -> dict:
    rec: Recorder = res["rec"]
    up: Uploads = res["up"]
    ing: Ingest = res["ing"]
    kinds = {}
    for kind in sorted(rec.count):
        lat = rec.lat.get(kind, [])  # timeouts and connection errors count as requests, without a latency
        fails = sum(n for (k, _), n in rec.failures.items() if k == kind)
        kinds[kind] = {"requests": rec.count[kind], "failures": fails,
                       "p50_ms": pct(lat, 0.50), "p95_ms": pct(lat, 0.95), "p99_ms": pct(lat, 0.99),
                       "max_ms": round(max(lat), 1) if lat else 0.0}
    samples = res["samples"]
    rss = [s["rss_mb"] for s in samples] or [0.0]
    pss = [s["pss_mb"] for s in samples] or [0.0]
    minutes = []
    for m in sorted(rec.per_minute):
        row = rec.per_minute[m]
        mem = [s["rss_mb"] for s in samples if m * 60 <= s["t_s"] < (m + 1) * 60]
        minutes.append({"minute": m + 1, "requests": row["requests"], "failures": row["failures"],
                        "search_p95_ms": pct(row["search_ms"], 0.95), "rss_min_mb": min(mem, default=0),
                        "rss_max_mb": max(mem, default=0), "login_401": row["login"]["401"],
                        "login_429": row["login"]["429"],
                        "load1": max((s["load1"] for s in samples if m * 60 <= s["t_s"] < (m + 1) * 60), default=0)})
    total_fail = sum(rec.failures.values())
    search_p95 = {k: kinds.get(k, {}).get("p95_ms", 0.0) for k in SEARCH_KINDS}
    traffic = sum(v["requests"] for k, v in kinds.items() if k in MIX)
    bounds = {
        "no_failures": total_fail == 0,
        "search_p95_under_500_ms": all(v < BOUND_P95_MS for v in search_p95.values()),
        "memory_under_1_gb": max(rss) < BOUND_MEMORY_MB,
    }
    out = {
        "clients": args.clients, "minutes": args.minutes, "think_s": args.think, "flood": args.flood,
        "flood_addresses": args.flood_addresses, "upload_every_s": args.upload_every, "cpu_count": os.cpu_count(),
        "interrupted": res["interrupted"], "setup": setup, "traffic_seconds": round(res["traffic_s"], 1),
        "drain_seconds": round(res["drain_s"], 1), "client_requests": traffic,
        "client_req_per_s": round(traffic / res["traffic_s"], 1) if res["traffic_s"] else 0.0,
        "kinds": kinds, "failures": total_fail,
        "failure_examples": [{"kind": k, "reason": r, "count": rec.failures[(k, r)], "examples": ex}
                             for (k, r), ex in rec.examples.items()],
        "login_flood": {"answers": dict(rec.login), "p50_ms": pct(rec.login_ms, 0.5),
                        "p95_ms": pct(rec.login_ms, 0.95), "max_ms": round(max(rec.login_ms, default=0), 1)},
        "uploads": {"posted": up.posted, "jobs": dict(up.jobs), "files": dict(up.files),
                    "job_p50_s": round(pct(up.job_s, 0.5), 1), "job_p95_s": round(pct(up.job_s, 0.95), 1),
                    "job_max_s": round(max(up.job_s, default=0), 1)},
        "cli_ingest": {"files": setup.get("ingest_folder", {}).get("files"), "started_s": ing.started_s and round(ing.started_s, 1),
                       "ended_s": ing.ended_s and round(ing.ended_s, 1), "exit": ing.returncode, "summary": ing.summary,
                       "peak_rss_mb": round(ing.peak_rss_mb, 1)},
        "documents": {"before": setup.get("public_documents"), "after": res["final_count"]},
        "memory": {"rss_min_mb": min(rss), "rss_max_mb": max(rss), "pss_max_mb": max(pss),
                   "rss_first_mb": rss[0], "rss_last_mb": rss[-1], "samples": len(samples),
                   "anon_max_mb": max((s["anon_mb"] for s in samples), default=0),
                   "file_max_mb": max((s["file_mb"] for s in samples), default=0),
                   "max_processes": max((s["processes"] for s in samples), default=0)},
        "per_minute": minutes, "memory_samples": samples,
        "client_loop_lag_ms": {"p95": pct(res["lags"], 0.95), "max": round(max(res["lags"], default=0), 1)},
        "client_cpu_percent": round(100 * res["client_cpu_s"] / res["traffic_s"], 1) if res["traffic_s"] else 0,
        "server_log": log, "bounds": bounds, "passed": all(bounds.values()) and not res["interrupted"],
    }
    return out


def print_report(r: dict) -> None:
    print(f"\nKết quả soak: {r['clients']} client, {r['traffic_seconds']:.0f} s lưu lượng"
          f"{' (dừng sớm)' if r['interrupted'] else ''}, {r['cpu_count']} lõi · {r['client_requests']} yêu cầu "
          f"({r['client_req_per_s']} req/s) · client: CPU {r['client_cpu_percent']} % một lõi, "
          f"trễ vòng sự kiện p95 {r['client_loop_lag_ms']['p95']} ms")
    print(f"  {'loại':14s} {'số y/c':>7s} {'lỗi':>5s} {'p50':>8s} {'p95':>8s} {'p99':>8s} {'max':>8s}  (ms)")
    for kind, v in sorted(r["kinds"].items(), key=lambda kv: -kv[1]["requests"]):
        print(f"  {kind:14s} {v['requests']:7d} {v['failures']:5d} {v['p50_ms']:8.1f} {v['p95_ms']:8.1f} "
              f"{v['p99_ms']:8.1f} {v['max_ms']:8.1f}")
    lf = r["login_flood"]
    print(f"  login flood: trả lời {lf['answers']} · p50 {lf['p50_ms']} ms, p95 {lf['p95_ms']} ms, max {lf['max_ms']} ms")
    u = r["uploads"]
    print(f"  tải lên: {u['posted']} lần gửi · công việc {u['jobs']} · tệp {u['files']} · đến khi xong p50 "
          f"{u['job_p50_s']} s, p95 {u['job_p95_s']} s, max {u['job_max_s']} s")
    ci = r["cli_ingest"]
    print(f"  sulieu ingest ({ci['files']} tệp): từ {ci['started_s']} s đến {ci['ended_s']} s, mã {ci['exit']}, "
          f"RSS tối đa {ci['peak_rss_mb']} MB · {ci['summary']}")
    print(f"  tài liệu công khai: {r['documents']['before']} trước, {r['documents']['after']} sau")
    m = r["memory"]
    print(f"  bộ nhớ máy chủ (RSS cây tiến trình, {m['samples']} mẫu, tối đa {m['max_processes']} tiến trình): "
          f"{m['rss_min_mb']:.0f}–{m['rss_max_mb']:.0f} MB (PSS tối đa {m['pss_max_mb']:.0f} MB), "
          f"đầu {m['rss_first_mb']:.0f}, cuối {m['rss_last_mb']:.0f}; tiến trình chính: ẩn danh tối đa "
          f"{m['anon_max_mb']:.0f} MB, ánh xạ tệp tối đa {m['file_max_mb']:.0f} MB")
    for row in r["per_minute"]:
        print(f"    phút {row['minute']:2d}: {row['requests']:6d} y/c, lỗi {row['failures']}, tìm kiếm p95 "
              f"{row['search_p95_ms']:6.1f} ms, RSS {row['rss_min_mb']:5.0f}–{row['rss_max_mb']:5.0f} MB, "
              f"đăng nhập 401/429 {row['login_401']}/{row['login_429']}, load {row['load1']}")
    log = r["server_log"]
    print(f"  nhật ký máy chủ: mã trạng thái {log['access_log_status']}, {len(log['tracebacks'])} traceback, "
          f"{log['error_lines']} dòng ERROR")
    if r["failure_examples"]:
        print(f"  LỖI ({r['failures']}):")
        for f in r["failure_examples"]:
            print(f"    {f['kind']} · {f['reason']} × {f['count']}: {json.dumps(f['examples'][0], ensure_ascii=False)[:600]}")
    for tb in log["tracebacks"][:1]:
        print("  traceback đầu tiên trong nhật ký máy chủ:\n" + "\n".join("    " + ln for ln in tb.splitlines()))
    b = r["bounds"]
    print(f"  Điều kiện: không lỗi {'✓' if b['no_failures'] else '✗'} · p95 tìm kiếm < 500 ms "
          f"(API {r['kinds'].get('search', {}).get('p95_ms')}, UI {r['kinds'].get('ui_search', {}).get('p95_ms')}) "
          f"{'✓' if b['search_p95_under_500_ms'] else '✗'} · bộ nhớ < 1 GB ({m['rss_max_mb']:.0f} MB) "
          f"{'✓' if b['memory_under_1_gb'] else '✗'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--think", type=float, default=0.0, help="mean pause of a client between requests, s (0: closed loop)")
    ap.add_argument("--flood", type=int, default=8, help="concurrent login-flood tasks")
    ap.add_argument("--flood-addresses", type=int, default=32, help="loopback addresses the flood comes from (1-250)")
    ap.add_argument("--upload-every", type=float, default=5.0, help="seconds between uploads")
    ap.add_argument("--ingest-at", type=float, default=0.3, help="when the CLI ingest starts, as a fraction of the run")
    ap.add_argument("--ingest-files", type=int, nargs=3, default=[40, 12, 4], metavar=("TXT", "PDF", "PNG"),
                    help="files of the CLI ingest folder (4-page PDFs, 1-page scans)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (archive, server and ingest logs)")
    args = ap.parse_args()
    args.flood_addresses = max(1, min(250, args.flood_addresses))

    work = Path(tempfile.mkdtemp(prefix="sulieu-soak-"))
    archive = work / "archive"
    env = {**os.environ, "SULIEU_ARCHIVE": str(archive), "HAYSTACK_TELEMETRY_ENABLED": "False"}
    server: subprocess.Popen | None = None
    ing = Ingest()
    try:
        t = time.perf_counter()
        print(f"Dựng kho mẫu trong {work} (sulieu sample, sulieu ingest)…", flush=True)
        run_cli(["sample", str(work / "sample")], env)
        for access in ("public", "internal", "restricted"):
            out = run_cli(["ingest", str(work / "sample" / access), "--access", access, "--no-progress"], env)
            print(f"  {access}: {next((ln.strip() for ln in out.splitlines() if 'Đã nhập' in ln), out.strip()[-200:])}",
                  flush=True)
        run_cli(["user", "add", EDITOR, "--role", "editor", "--password-stdin"], env, stdin="bien-tap-vien-2024\n")
        run_cli(["user", "add", READER, "--role", "reader", "--password-stdin"], env, stdin=READER_PASSWORD + "\n")
        token = run_cli(["token", "create", EDITOR, "--label", "soak"], env).strip().splitlines()[-1]
        txt, pdf, png = args.ingest_files
        ingest_folder = work / "ingest-later"
        folder_info = make_ingest_folder(ingest_folder, texts=txt, pdfs=pdf, scans=png)
        n_png = int(args.minutes * 60 / args.upload_every / 4) + 2
        rnd = random.Random(99)
        pngs = [make_png(make_text(3000 + i, rnd, paragraphs=2)) for i in range(n_png)]
        setup_s = time.perf_counter() - t
        print(f"  thư mục nhập sau ({folder_info['files']} tệp), {n_png} bản quét để tải lên; xong trong {setup_s:.0f} s",
              flush=True)

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        slog = open(work / "server.log", "w")
        server = subprocess.Popen(sulieu_cmd() + ["serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                  cwd=ROOT, stdout=slog, stderr=subprocess.STDOUT, start_new_session=True)
        wait_ready(base, server, timeout=90)
        cat = Catalog()
        body = httpx.get(base + "/api/documents", params={"page_size": 200}, timeout=30).json()
        cat.add_list(body["data"])
        for d in cat.ids:
            cat.add_detail(httpx.get(f"{base}/api/documents/{d}", timeout=30).json())
        facets = httpx.get(base + "/api/search", params={"q": ""}, timeout=30).json()["facets"]
        cat.facets = {k: [f["value"] for f in v][:12] for k, v in facets.items()}
        setup = {"seconds": round(setup_s, 1), "public_documents": body["count"], "ingest_folder": folder_info,
                 "pages_with_image": sum(len(v) for v in cat.images.values())}
        print(f"Máy chủ {base} (pid {server.pid}) · {body['count']} tài liệu công khai, "
              f"{setup['pages_with_image']} trang có ảnh · {args.clients} client, flood {args.flood} × "
              f"{args.flood_addresses} địa chỉ, tải lên mỗi {args.upload_every:g} s · {args.minutes:g} phút", flush=True)

        res = asyncio.run(soak(args, base, token, cat, server.pid, env, work, ingest_folder, pngs, ing))
        stop_group(server)
        r = report(args, res, setup, server_log_findings(work / "server.log"))
        print_report(r)
        if args.json:
            args.json.write_text(json.dumps(r, indent=1, ensure_ascii=False))
        return 130 if r["interrupted"] else (0 if r["passed"] else 1)
    except KeyboardInterrupt:
        print("\nĐã ngắt.", flush=True)
        return 130
    finally:
        stop_group(ing.proc, signal.SIGTERM, 5)
        stop_group(server)
        if args.keep:
            print(f"Giữ thư mục {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
