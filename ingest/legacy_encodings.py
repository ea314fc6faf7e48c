"""Pre-Unicode Vietnamese encodings: TCVN3 (ABC, ``.VnTime`` fonts), VNI-Windows, CP1258.

Older Party documents were typed in TCVN3 or VNI fonts. Their PDF text layers and
plain-text exports carry Latin-1 look-alikes (``Céng hoµ x· héi`` for ``Cộng hoà xã
hội``). Nothing in the bytes says which encoding was used, so each candidate decoding
is scored by how Vietnamese it reads and the best one wins.

TCVN3 here is the ABC/VN3 table: lower-case letters plus the seven upper-case base
letters; upper-case toned letters came from separate ``.VnTimeH`` fonts that reuse the
lower-case codes (their text decodes to lower case; see ``decode_tcvn3(upper=True)``).
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC) code point -> Unicode letter. Written out letter by letter, tones in the
# order: grave, acute, hook, tilde, dot below.
_TCVN3_ROWS = {
    "a": "µ¸¶·¹", "ă": "»¾¼½Æ", "â": "ÇÊÈÉË",
    "e": "ÌÐÎÏÑ", "ê": "ÒÕÓÔÖ",
    "i": "×ÝØÜÞ",
    "o": "ßãáâä", "ô": "åèæçé", "ơ": "êíëìî",
    "u": "ïóñòô", "ư": "õøö÷ù",
    "y": "úýûüþ",
}
_TONES = "\u0300\u0301\u0309\u0303\u0323"
TCVN3_TO_UNICODE: dict[str, str] = {
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ",
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
}
for _base, _codes in _TCVN3_ROWS.items():
    for _tone, _code in zip(_TONES, _codes, strict=True):
        TCVN3_TO_UNICODE[_code] = unicodedata.normalize("NFC", _base + _tone)
_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)
UNICODE_TO_TCVN3: dict[str, str] = {v: k for k, v in TCVN3_TO_UNICODE.items()}

# VNI-Windows: a base letter followed by a modifier byte. Modifiers (lower case; the
# upper-case forms are the Latin-1 capitals of the same letters).
_VNI_TONE = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
# Letters VNI encodes as one byte (lower case).
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for base in "aeiouy":
        for tone, mod in _VNI_TONE.items():
            table[unicodedata.normalize("NFC", base + tone)] = base + mod
    for base in "aeo":
        for tone, mod in _VNI_CIRC.items():
            table[unicodedata.normalize("NFC", base + "\u0302" + tone)] = base + mod
    for tone, mod in _VNI_BREVE.items():
        table[unicodedata.normalize("NFC", "a\u0306" + tone)] = "a" + mod
    for base in ("ơ", "ư"):
        for tone, mod in _VNI_TONE.items():
            table[unicodedata.normalize("NFC", base + tone)] = _VNI_SINGLE[base] + mod
    table.update(_VNI_SINGLE)  # toned i and ỵ are single bytes, overriding the pairs above
    upper = {k.upper(): v.upper() for k, v in table.items()}
    table.update(upper)
    return table


UNICODE_TO_VNI: dict[str, str] = _build_vni()
VNI_TO_UNICODE: dict[str, str] = {v: k for k, v in UNICODE_TO_VNI.items()}
# Longest sequences first so "oä" wins over "o" + "ä".
_VNI_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True) if len(k) == 2)
    + "|["
    + "".join(re.escape(k) for k in VNI_TO_UNICODE if len(k) == 1)
    + "]"
)

# Characters that appear in legacy text but never in Unicode Vietnamese: their presence
# is the cheap trigger for trying a legacy decoding at all.
_VI_LETTERS = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư")
_TCVN3_SIGNS = frozenset(set(TCVN3_TO_UNICODE) - _VI_LETTERS)
_VNI_SIGNS = frozenset(set("".join(VNI_TO_UNICODE)) - _VI_LETTERS - set("aeiouyAEIOUY"))
LEGACY_SIGNS = _TCVN3_SIGNS | _VNI_SIGNS
LEGACY_SIGNS_RE = re.compile("[" + "".join(sorted(LEGACY_SIGNS)) + "]")
_UNICODE_VI = re.compile("[\u0100-\u024f\u1ea0-\u1ef9]")


def could_be_legacy(text: str) -> bool:
    """Legacy text read as Latin-1 never holds ă, ơ, ư, đ or precomposed toned letters."""
    return _UNICODE_VI.search(text) is None


def decode_tcvn3(text: str, *, upper: bool = False) -> str:
    """TCVN3 text (bytes read as Latin-1) to Unicode; ``upper`` for ``.VnTimeH``-style fonts."""
    out = text.translate(_TCVN3_TABLE)
    return out.upper() if upper else out


def encode_tcvn3(text: str) -> str:
    """Unicode to TCVN3 (as Latin-1 characters); upper-case toned letters lose their case."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = UNICODE_TO_TCVN3.get(ch)
        if code is None and ch.lower() != ch:
            code = UNICODE_TO_TCVN3.get(ch.lower())
        out.append(code if code is not None else ch)
    return "".join(out)


def decode_vni(text: str) -> str:
    """VNI-Windows text (bytes read as Latin-1/CP1252) to Unicode."""
    return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group()], text)


def encode_vni(text: str) -> str:
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# --- How Vietnamese does a text read? ------------------------------------------------

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_NUCLEUS = r"[aăâeêioôơuưy]{1,3}"
_CODA = r"(?:ch|ng|nh|c|m|n|p|t)?"
_SYLLABLE_RE = re.compile(f"{_ONSET}{_NUCLEUS}{_CODA}")
_WORD_RE = re.compile(r"[^\W\d_]+")
_TONE_SET = frozenset(_TONES)


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_SET)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_SET))
    return _SYLLABLE_RE.fullmatch(base) is not None


def vietnamese_score(text: str) -> float:
    """Share of letter runs that are well-formed Vietnamese syllables (0..1).

    Stray legacy signs count as failures, so garbled text scores low even when its
    ASCII letters happen to form syllables.
    """
    words = _WORD_RE.findall(text)
    signs = sum(1 for c in text if c in LEGACY_SIGNS)
    if not words and not signs:
        return 0.0
    good = sum(1 for w in words if _is_syllable(w))
    return good / (len(words) + signs)


def has_legacy_signs(text: str, *, min_ratio: float = 0.005) -> bool:
    if not text:
        return False
    signs = sum(1 for c in text if c in LEGACY_SIGNS)
    return signs >= 2 and signs / max(1, len(text)) >= min_ratio


def fix_legacy_text(text: str, *, min_gain: float = 0.15) -> tuple[str, str | None]:
    """Convert TCVN3 or VNI text that arrived as Latin-1 look-alikes; Unicode passes through.

    Works line by line, because one document often mixes a Unicode header with a legacy
    body. Returns the text and the encoding that was applied to most lines (or None).
    """
    if not LEGACY_SIGNS_RE.search(text):
        return text, None
    counts: dict[str, int] = {}
    out_lines = []
    for line in text.split("\n"):
        fixed, enc = _fix_line(line, min_gain)
        if enc:
            counts[enc] = counts.get(enc, 0) + 1
        out_lines.append(fixed)
    if not counts:
        return text, None
    return "\n".join(out_lines), max(counts, key=lambda k: counts[k])


_LEGACY_WORD_RE = re.compile("(?:[^\\W\\d_]|" + LEGACY_SIGNS_RE.pattern + "){2,}")


def _fix_line(line: str, min_gain: float) -> tuple[str, str | None]:
    # Legacy text read as Latin-1 never holds ă, ơ, ư, đ or the precomposed toned letters:
    # a line that does is already Unicode, whatever "©" or "«" it also contains.
    if not LEGACY_SIGNS_RE.search(line) or _UNICODE_VI.search(line):
        return line, None
    # A lone "×", "÷", "£" or "Ö" in Unicode text is a symbol, not a legacy letter: legacy
    # text always has signs inside words ("§Ýnh", "L\xadu").
    if not any(LEGACY_SIGNS_RE.search(w) and re.search("[A-Za-z]", w) for w in _LEGACY_WORD_RE.findall(line)):
        return line, None
    base = vietnamese_score(line)
    best, best_enc, best_score = line, None, base
    for enc, fn in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        candidate = fn(line)
        score = vietnamese_score(candidate)
        if score > best_score:
            best, best_enc, best_score = candidate, enc, score
    if best_enc and best_score - base >= min_gain and best_score >= 0.5:
        return best, best_enc
    return line, None


# --- PDF text layers: the font name says which encoding ----------------------------

_STYLE_SUFFIX = re.compile(r"[-,]?(Bold|Italic|Oblique|BoldItalic|BoldOblique|Regular|Roman|Normal|MT|PS)+$", re.I)


def font_encoding(font_name: str) -> tuple[str | None, bool]:
    """(encoding, upper) for a PDF base font name: ``.VnTimeH`` -> ("tcvn3", True), ``VNI-Times`` -> ("vni", False)."""
    base = font_name.rsplit("+", 1)[-1].split(",")[0]
    if base.upper().startswith(("VNI-", "VNI ", "VNI_")):
        return "vni", False
    if re.match(r"\.?Vn[A-Z0-9]", base):
        core = _STYLE_SUFFIX.sub("", base)
        return "tcvn3", core.endswith("H")
    return None, False


def decode_by_fonts(text: str, fonts: list[str]) -> tuple[str, str | None]:
    """Decode each run of characters by its font; ``fonts[i]`` is the font of ``text[i]``.

    Returns the text unchanged and None when no legacy font is present (then the caller
    falls back to scoring). Exact where scoring guesses, and the only way to restore the
    capitals of ``.VnTimeH`` headings.
    """
    if len(fonts) != len(text):
        return text, None
    kinds = [font_encoding(f) for f in fonts]
    # Generated characters (spaces, line ends) have no font: they join the run before them.
    for i, (kind, _) in enumerate(kinds):
        if kind is None and not fonts[i] and i:
            kinds[i] = kinds[i - 1]
    if not any(k for k, _ in kinds):
        return text, None
    out: list[str] = []
    used: dict[str, int] = {}
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and kinds[j] == kinds[i]:
            j += 1
        run = text[i:j]
        enc, upper = kinds[i]
        if enc and not could_be_legacy(run):
            enc = None  # Unicode typed in a legacy-named font (Word substitutes glyphs): keep it
        if enc == "tcvn3":
            run = decode_tcvn3(run, upper=upper)
        elif enc == "vni":
            run = decode_vni(run)
        if enc:
            used[enc] = used.get(enc, 0) + (j - i)
        out.append(run)
        i = j
    return "".join(out), max(used, key=lambda k: used[k])


# --- Bytes of unknown encoding --------------------------------------------------------

_SCORE_SAMPLE = 64 * 1024


def _utf16_guess(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a Vietnamese text file; returns (NFC text, encoding name).

    Order: BOMs, UTF-8, BOM-less UTF-16, then CP1258 / TCVN3 / VNI chosen by score.
    Raises UnicodeDecodeError only if nothing fits (the caller reports the file).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _finish(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _finish(data.decode("utf-16", errors="replace"), "utf-16")
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    guess = _utf16_guess(data)
    if guess:
        return _finish(data.decode(guess, errors="replace"), guess)
    # Choose on a sample (scoring is the slow part), then decode the whole file.
    sample = data[:_SCORE_SAMPLE]
    scores: list[tuple[float, str]] = []
    try:
        scores.append((vietnamese_score(unicodedata.normalize("NFC", sample.decode("cp1258"))), "cp1258"))
    except UnicodeDecodeError:
        pass
    latin = sample.decode("latin-1")
    scores.append((vietnamese_score(decode_tcvn3(latin)), "tcvn3"))
    scores.append((vietnamese_score(decode_vni(latin)), "vni"))
    _, enc = max(scores, key=lambda c: c[0])
    if enc == "cp1258":
        text = data.decode("cp1258", errors="replace")
    elif enc == "tcvn3":
        text = decode_tcvn3(data.decode("latin-1"))
    else:
        text = decode_vni(data.decode("latin-1"))
    return unicodedata.normalize("NFC", text), enc


def _finish(text: str, encoding: str) -> tuple[str, str]:
    text = unicodedata.normalize("NFC", text)
    fixed, legacy = fix_legacy_text(text)
    if legacy:
        return fixed, f"{encoding}+{legacy}"
    return text, encoding
