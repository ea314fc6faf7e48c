"""OAI-PMH 2.0 repository: the six verbs over the catalogue, answered as XML.

Every answer is computed from the documents the harvester may see (``allowed``, from its token):
lists, ``completeListSize`` and deleted-record headers alike, so a hidden document leaves no trace.
Soft-deleted documents are reported as ``status="deleted"`` headers (``deletedRecord`` is
``transient``: a document whose access level is raised simply leaves the harvester's view).

Datestamps are the last write of a record or its corrections, in UTC to the second. Resumption
tokens are stateless and signed: they carry the original arguments and the (datestamp, id) of the
last record sent, so records added during a harvest are not skipped or repeated by shifting pages,
and a token made for one access level is refused at another.
"""

from __future__ import annotations

import bisect
import hashlib
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer

from services.catalog import Catalog, DocSummary, visible
from services.oai_records import EPOCH, all_sets, datestamp, doc_sets, format_stamp, in_set
from services.oai_xml import OaiWriter
from sulieu.citation_graph import CitationGraph

VERBS = ("Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords")
ARGS: dict[str, tuple[set[str], set[str]]] = {  # verb -> (required, optional); resumptionToken is exclusive
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
METADATA_PREFIX = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
TOKEN_HOURS = 24


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Repository:
    """What the protocol needs to know about this archive and this harvester."""

    catalog: Catalog
    graph: CitationGraph | None  # resolves dc:relation to our URLs
    allowed: list[str]
    base_url: str  # the site root; the OAI base URL is ``base_url + "/oai"``
    repository_id: str
    admin_email: str
    secret: bytes
    page_size: int

    @property
    def oai_url(self) -> str:
        return self.base_url + "/oai"

    def identifier(self, doc_id: str) -> str:
        return f"oai:{self.repository_id}:{doc_id}"

    def doc_id(self, identifier: str) -> str | None:
        prefix = f"oai:{self.repository_id}:"
        return identifier[len(prefix):] if identifier.startswith(prefix) else None

    def docs(self) -> list[DocSummary]:
        """Every document the harvester may see, deleted ones included, in harvest order."""
        return _ordered(self.catalog, self.allowed).docs

    def seen(self) -> dict[str, DocSummary]:
        """The same documents by id (a per-record catalogue look-up checks the archive's folders each time)."""
        return _ordered(self.catalog, self.allowed).by_id


@dataclass(frozen=True)
class _Order:
    generation: int
    keys: list[tuple[str, str]]
    docs: list[DocSummary]
    by_id: dict[str, DocSummary]


# Harvest order per catalogue and access levels, kept until the catalogue changes: sorting every document
# for every page made a 10,000-record harvest cost 94-138 ms a page (bench/oai_harvest.py --synthetic).
_ORDER: weakref.WeakKeyDictionary[Catalog, dict[tuple[str, ...], _Order]] = weakref.WeakKeyDictionary()
_ORDER_LOCK = threading.Lock()


def _ordered(catalog: Catalog, allowed: list[str]) -> _Order:
    """What ``allowed`` may see, deleted documents included, sorted by (datestamp, id)."""
    generation = catalog.generation()
    key = tuple(sorted(allowed))
    with _ORDER_LOCK:
        cached = _ORDER.get(catalog, {}).get(key)
    if cached is not None and cached.generation == generation:
        return cached
    docs = sorted((d for d in catalog.all() if visible(d, allowed, include_deleted=True)), key=order_key)
    order = _Order(generation, [order_key(d) for d in docs], docs, {d.id: d for d in docs})
    with _ORDER_LOCK:
        _ORDER.setdefault(catalog, {})[key] = order
    return order


def order_key(doc: DocSummary) -> tuple[str, str]:
    return (format_stamp(datestamp(doc)), doc.id)


def parse_stamp(value: str, *, end: bool) -> tuple[datetime, str]:
    """A ``from``/``until`` argument at either granularity; ``until`` of a day means its last second."""
    for fmt, kind in (("%Y-%m-%dT%H:%M:%SZ", "seconds"), ("%Y-%m-%d", "day")):
        try:
            when = datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
        if kind == "day" and end:
            when += timedelta(days=1, seconds=-1)
        return when, kind
    raise OaiError("badArgument", f"Ngày giờ {value[:40]!r} không đúng dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ.")


def check_arguments(args: Mapping[str, Sequence[str]]) -> tuple[str, dict[str, str]]:
    """The verb and its single-valued arguments, or the protocol's error for what is wrong."""
    verbs = args.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "Thiếu tham số verb, verb lặp lại hoặc không phải một trong: " + ", ".join(VERBS) + ".")
    verb = verbs[0]
    required, optional = ARGS[verb]
    given = {k: v for k, v in args.items() if k != "verb"}
    repeated = sorted(k for k, v in given.items() if len(v) != 1)
    unknown = sorted(set(given) - required - optional)
    if repeated or unknown:
        raise OaiError("badArgument", f"Tham số lặp lại hoặc không hợp lệ với {verb}: {', '.join(repeated + unknown)}.")
    flat = {k: v[0] for k, v in given.items()}
    if "resumptionToken" in flat:
        if len(flat) > 1:
            raise OaiError("badArgument", "resumptionToken phải là tham số duy nhất (ngoài verb).")
        return verb, flat
    missing = sorted(required - set(flat))
    if missing:
        raise OaiError("badArgument", f"{verb} cần tham số: {', '.join(missing)}.")
    return verb, flat


def respond(repo: Repository, args: Mapping[str, Sequence[str]], now: datetime | None = None) -> bytes:
    """The whole response document for one request (errors included: OAI-PMH answers them with HTTP 200)."""
    out = OaiWriter(repo.oai_url, now or datetime.now(UTC))
    try:
        verb, flat = check_arguments(args)
    except OaiError as e:
        return out.error(e.code, e.message, request_args=None)
    try:
        handler = HANDLERS[verb]
        return handler(repo, out, flat)
    except OaiError as e:  # the request is echoed only if its arguments were understood
        understood = e.code not in ("badVerb", "badArgument")
        return out.error(e.code, e.message, request_args={"verb": verb, **flat} if understood else None)


# --- verbs ------------------------------------------------------------------------------------
def identify(repo: Repository, out: OaiWriter, args: dict[str, str]) -> bytes:
    docs = repo.docs()
    earliest = min((datestamp(d) for d in docs), default=EPOCH)
    return out.identify({"verb": "Identify"}, repository_name="Sử liệu — kho tư liệu lịch sử Đảng",
                        admin_email=repo.admin_email, earliest=format_stamp(earliest), deleted_record="transient",
                        granularity=GRANULARITY, repository_id=repo.repository_id,
                        sample_id=repo.identifier(docs[0].id) if docs else None)


def _find(repo: Repository, identifier: str) -> DocSummary:
    doc_id = repo.doc_id(identifier)
    doc = repo.catalog.get(doc_id) if doc_id else None
    if not visible(doc, repo.allowed, include_deleted=True):
        raise OaiError("idDoesNotExist", f"Không có bản ghi {identifier[:100]!r} (hoặc không được phép xem).")
    return doc


def list_metadata_formats(repo: Repository, out: OaiWriter, args: dict[str, str]) -> bytes:
    if "identifier" in args:
        _find(repo, args["identifier"])
    return out.metadata_formats({"verb": "ListMetadataFormats", **args})


def list_sets(repo: Repository, out: OaiWriter, args: dict[str, str]) -> bytes:
    if "resumptionToken" in args:  # every set fits in one answer: no token is ever issued
        raise OaiError("badResumptionToken", "Danh sách tập hợp không phân trang; mã tiếp tục không hợp lệ.")
    sets = all_sets([d for d in repo.docs() if not d.deleted])
    if not sets:
        raise OaiError("noSetHierarchy", "Kho chưa có tập hợp nào.")
    return out.sets({"verb": "ListSets"}, sets)


def _check_prefix(prefix: str) -> None:
    if prefix != METADATA_PREFIX:
        raise OaiError("cannotDisseminateFormat", f"Chỉ có định dạng {METADATA_PREFIX} (không có {prefix[:40]!r}).")


def get_record(repo: Repository, out: OaiWriter, args: dict[str, str]) -> bytes:
    _check_prefix(args["metadataPrefix"])
    doc = _find(repo, args["identifier"])
    return out.records({"verb": "GetRecord", **args}, "GetRecord", [doc], repo, with_metadata=True, token=None)


# --- lists and resumption tokens --------------------------------------------------------------
def _access_tag(allowed: list[str]) -> str:
    return hashlib.sha256(",".join(sorted(allowed)).encode()).hexdigest()[:12]


def _serializer(repo: Repository) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(repo.secret, salt="sulieu-oai-token")


def _load_token(repo: Repository, verb: str, token: str) -> dict[str, str]:
    try:
        data = _serializer(repo).loads(token, max_age=TOKEN_HOURS * 3600)
    except BadSignature:
        raise OaiError("badResumptionToken", "Mã tiếp tục (resumptionToken) sai, hỏng hoặc đã hết hạn.") from None
    if not isinstance(data, dict) or data.get("verb") != verb or data.get("access") != _access_tag(repo.allowed):
        raise OaiError("badResumptionToken", "Mã tiếp tục không dùng được cho yêu cầu này hoặc quyền truy cập này.")
    return data


def _selection(repo: Repository, args: dict[str, str]) -> tuple[list[tuple[str, str]], list[DocSummary]]:
    """(order keys, documents) of a list request, in harvest order."""
    _check_prefix(args["metadataPrefix"])
    low = parse_stamp(args["from"], end=False) if "from" in args else None
    high = parse_stamp(args["until"], end=True) if "until" in args else None
    if low and high and low[1] != high[1]:
        raise OaiError("badArgument", "from và until phải cùng độ chi tiết (cùng là ngày, hoặc cùng là ngày giờ).")
    if low and high and low[0] > high[0]:
        raise OaiError("badArgument", "from phải trước until.")
    order = _ordered(repo.catalog, repo.allowed)
    keys, docs = order.keys, order.docs
    if not (low or high or "set" in args):
        return keys, docs
    low_key = format_stamp(low[0]) if low else ""
    high_key = format_stamp(high[0]) if high else "~"
    pairs = [(k, d) for k, d in zip(keys, docs, strict=True)
             if low_key <= k[0] <= high_key and ("set" not in args or in_set(d, args["set"]))]
    return [k for k, _ in pairs], [d for _, d in pairs]


def list_records(repo: Repository, out: OaiWriter, args: dict[str, str], verb: str = "ListRecords") -> bytes:
    request_args = {"verb": verb, **args}
    after: tuple[str, str] | None = None
    if "resumptionToken" in args:
        state = _load_token(repo, verb, args["resumptionToken"])
        args = {k: v for k, v in state["args"].items()}  # type: ignore[attr-defined]
        after = (state["after"][0], state["after"][1])
    keys, docs = _selection(repo, args)
    if not docs:
        raise OaiError("noRecordsMatch", "Không có bản ghi nào khớp các điều kiện.")
    cursor = bisect.bisect_right(keys, after) if after is not None else 0
    page = docs[cursor:cursor + repo.page_size]
    if not page and after is not None:
        raise OaiError("badResumptionToken", "Mã tiếp tục đã đi quá cuối danh sách.")
    token = None
    if cursor + len(page) < len(docs) or "resumptionToken" in request_args:
        more = cursor + len(page) < len(docs)
        value = _serializer(repo).dumps({"verb": verb, "args": args, "after": list(order_key(page[-1])),
                                         "access": _access_tag(repo.allowed)}) if more else ""
        expires = format_stamp(datetime.now(UTC) + timedelta(hours=TOKEN_HOURS)) if more else None
        token = (value, len(docs), cursor, expires)
    return out.records(request_args, verb, page, repo, with_metadata=verb == "ListRecords", token=token)


def list_identifiers(repo: Repository, out: OaiWriter, args: dict[str, str]) -> bytes:
    return list_records(repo, out, args, verb="ListIdentifiers")


HANDLERS = {"Identify": identify, "ListMetadataFormats": list_metadata_formats, "ListSets": list_sets,
            "GetRecord": get_record, "ListIdentifiers": list_identifiers, "ListRecords": list_records}

__all__ = ["Repository", "respond", "OaiError", "doc_sets", "datestamp", "METADATA_PREFIX"]
