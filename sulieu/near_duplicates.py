"""Near-duplicates: the same directive held twice (a scan and a born-digital copy, two scans of one paper).

Two rules find a pair (``duplicate_reason``): the same symbol, date and issuer (the issuer compared as
its scope's first body, ``sulieu.issuers``, so "Ban Thường vụ Huyện ủy X" and "Huyện ủy X" agree), or
texts whose character 5-shingles overlap above ``TEXT_THRESHOLD`` (estimated with MinHash, then confirmed
exactly). A same-symbol pair must also pass a lower text bar (``KEY_TEXT_THRESHOLD``): two committees
may number two different plans alike, and a matching symbol alone never merges them. Two documents
whose issuers, dates or symbols are known and differ are never paired by text alone.

Pairs live in ``<archive>/duplicates.json``: detected ones, and an editor's decision (this one is the
copy of that one; or: not a duplicate). The copy of each pair is left out of search results by
default (``copies``); the original is the editor's choice, else the born-digital one, else the one
ingested first.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sulieu.errors import ArchiveError
from sulieu.issuers import issuer_scope
from sulieu.model import DocumentMetadata
from sulieu.store import ArchiveStore, atomic_write_json
from sulieu.text import fold

SHINGLE = 5  # characters per shingle
PERMUTATIONS = 64  # MinHash signature length
BANDS = 16  # LSH bands of 4 rows: pairs at Jaccard 0.5 meet in a band with probability 0.65, at 0.7 with 0.99
TEXT_THRESHOLD = 0.5  # shingle Jaccard above which two texts are one document (chosen in bench/near_dup_bench.py)
KEY_TEXT_THRESHOLD = 0.2  # same symbol + date + issuer: the texts must still share this much
_MASK = (1 << 61) - 1
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

Status = Literal["detected", "confirmed", "rejected"]


class DuplicatePair(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: str
    b: str
    reason: Literal["key", "text", "editor"]
    similarity: float = 0.0
    original: str | None = None  # which of a, b is kept in results
    status: Status = "detected"
    decided_by: str | None = None
    decided_at: datetime | None = None

    @property
    def copy_id(self) -> str | None:
        if self.status == "rejected" or self.original is None:
            return None
        return self.b if self.original == self.a else self.a

    def other(self, doc_id: str) -> str:
        return self.b if doc_id == self.a else self.a


class DuplicatesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = 1
    pairs: list[DuplicatePair] = Field(default_factory=list)

    def copies(self) -> frozenset[str]:
        return frozenset(c for p in self.pairs if (c := p.copy_id) is not None)

    def of(self, doc_id: str) -> list[DuplicatePair]:
        return [p for p in self.pairs if doc_id in (p.a, p.b)]

    def find(self, a: str, b: str) -> DuplicatePair | None:
        return next((p for p in self.pairs if {p.a, p.b} == {a, b}), None)


def load_duplicates(store: ArchiveStore) -> DuplicatesFile:
    path = store.duplicates_path
    if not path.exists():
        return DuplicatesFile()
    try:
        return DuplicatesFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError) as e:
        raise ArchiveError(f"Tệp bản trùng {path.name} không đọc được: {e}") from e


def save_duplicates(store: ArchiveStore, data: DuplicatesFile) -> None:
    data.pairs.sort(key=lambda p: (p.a, p.b))
    atomic_write_json(store.duplicates_path, data.model_dump(mode="json"))


# --- text similarity ------------------------------------------------------------------------------
def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashed character ``size``-grams of the folded text with everything but letters and digits removed:
    diacritics, case, split or joined words and line breaks (what OCR gets wrong most) do not count, and
    one misread letter breaks ``size`` shingles, not the five words around it (word shingles kept 0.59
    of moderately noised copies without their symbol at the same threshold, these keep all)."""
    s = _NOT_ALNUM.sub("", fold(text).replace("đ", "d"))
    if len(s) < size:
        return {_h(s)} if s else set()
    return {_h(s[i:i + size]) for i in range(len(s) - size + 1)}


def _h(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little") & _MASK


_SEEDS = [(_h(f"a{i}") | 1, _h(f"b{i}")) for i in range(PERMUTATIONS)]


def minhash(sh: set[int]) -> tuple[int, ...]:
    if not sh:
        return tuple([_MASK] * PERMUTATIONS)
    return tuple(min((a * x + b) & _MASK for x in sh) for a, b in _SEEDS)


_SIGNATURES: dict[bytes, tuple[int, ...] | None] = {}
_MAX_CACHED = 100_000  # about 60 MB of signatures; beyond it the cache starts over


def signature(text: str) -> tuple[int, ...] | None:
    """The MinHash signature of a text, cached by the text's digest: a refresh after one change computes
    the changed documents' signatures only (measured: 20 ms per document, 48 documents 1 s without it)."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    if key not in _SIGNATURES:
        if len(_SIGNATURES) >= _MAX_CACHED:
            _SIGNATURES.clear()
        sh = shingles(text)
        _SIGNATURES[key] = minhash(sh) if sh else None
    return _SIGNATURES[key]


def bands(sig: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
    rows = PERMUTATIONS // BANDS
    return [(i, sig[i * rows:(i + 1) * rows]) for i in range(BANDS)]


def jaccard(x: set[int], y: set[int]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


# --- the rules ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DocKey:
    """What the rules compare of one document."""
    id: str
    symbol_key: str | None
    date: str | None
    issuer: str | None  # the first body of the issuer scope, folded
    text: str
    born_digital: bool
    ingested_at: str

    @classmethod
    def of(cls, doc_id: str, md: DocumentMetadata, text: str, born_digital: bool, ingested_at: str) -> DocKey:
        scope = issuer_scope(md)
        return cls(doc_id, md.symbol_key or None, md.date or None, fold(scope[0]) if scope else None, text,
                   born_digital, ingested_at)


def _conflict(x: DocKey, y: DocKey) -> bool:
    """Known and different: a symbol, a date or an issuer. Such documents are never one by text alone."""
    return any(a and b and a != b for a, b in ((x.symbol_key, y.symbol_key), (x.date, y.date), (x.issuer, y.issuer)))


def duplicate_reason(x: DocKey, y: DocKey, similarity: float) -> str | None:
    """``"key"``, ``"text"`` or None for two documents and their shingle Jaccard."""
    same_key = bool(x.symbol_key and x.date and x.issuer) and \
        (x.symbol_key, x.date, x.issuer) == (y.symbol_key, y.date, y.issuer)
    if same_key and similarity >= KEY_TEXT_THRESHOLD:
        return "key"
    if similarity >= TEXT_THRESHOLD and not _conflict(x, y):
        return "text"
    return None


def choose_original(x: DocKey, y: DocKey) -> str:
    """Born-digital before a scan, then the one ingested first, then the smaller id (stable)."""
    return min((x, y), key=lambda d: (not d.born_digital, d.ingested_at, d.id)).id


def find_pairs(docs: Iterable[DocKey]) -> list[DuplicatePair]:
    """Every duplicate pair among ``docs``: candidates by symbol key and by MinHash band, each confirmed
    with the exact shingle Jaccard and the rules above."""
    items = list(docs)
    sh: dict[str, set[int]] = {}

    def shingles_of(d: DocKey) -> set[int]:  # only for candidates: most documents never need theirs kept
        if d.id not in sh:
            sh[d.id] = shingles(d.text)
        return sh[d.id]

    buckets: dict[object, list[int]] = {}
    for i, d in enumerate(items):
        if d.symbol_key:
            buckets.setdefault(("k", d.symbol_key), []).append(i)
        sig = signature(d.text)
        for band in bands(sig) if sig is not None else []:
            buckets.setdefault(band, []).append(i)
    seen: set[tuple[int, int]] = set()
    out: list[DuplicatePair] = []
    for members in buckets.values():
        for ai in range(len(members)):
            for bi in range(ai + 1, len(members)):
                pair = (members[ai], members[bi])
                if pair in seen:
                    continue
                seen.add(pair)
                x, y = items[pair[0]], items[pair[1]]
                sim = jaccard(shingles_of(x), shingles_of(y))
                reason = duplicate_reason(x, y, sim)
                if reason:
                    a, b = sorted((x.id, y.id))
                    out.append(DuplicatePair(a=a, b=b, reason=reason, similarity=round(sim, 3),
                                             original=choose_original(x, y)))
    return sorted(out, key=lambda p: (p.a, p.b))


def merge_detected(old: DuplicatesFile, detected: list[DuplicatePair], live_ids: set[str]) -> DuplicatesFile:
    """Detected pairs now, plus every editor decision (kept even if detection no longer finds the pair);
    pairs of documents no longer in the archive are dropped."""
    decided = {(p.a, p.b): p for p in old.pairs if p.status != "detected" and {p.a, p.b} <= live_ids}
    pairs = list(decided.values()) + [p for p in detected if (p.a, p.b) not in decided]
    return DuplicatesFile(pairs=sorted(pairs, key=lambda p: (p.a, p.b)))
