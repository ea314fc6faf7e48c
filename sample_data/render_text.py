"""Plain text, Markdown and HTML forms of a sample document (laid out like the seeds)."""

from __future__ import annotations

import html

from sample_data.catalog import Prepared, strip_marker


def _signature(p: Prepared) -> list[str]:
    sig = list(p.doc.signer)
    if not sig:
        return []
    return [*sig[:-1], "", "", sig[-1]]


def _header_lines(p: Prepared) -> list[str]:
    if p.doc.header_style == "none":
        # Like seeds 001/004: the file starts at the place and date, the issuing body is not printed.
        return [p.date_line, "", "*", p.left[-1], ""]
    lines = [*p.left]
    if p.left_note:
        lines.append(p.left_note)
    return [*lines, "", *p.right, "", p.date_line, ""]


def plain_lines(p: Prepared, *, with_distribution: bool = True, with_signature: bool = True) -> list[str]:
    """The document as lines of plain text, paragraphs separated by blank lines."""
    out = _header_lines(p)
    if p.title:
        out += [*p.title, "-----", ""]
    if p.recipients:
        out += ["Kính gửi:", *p.recipients, ""]
    for blk in p.blocks:
        out += [strip_marker(blk), ""]
    if with_distribution and p.doc.distribution:
        out += ["Nơi nhận:", *p.doc.distribution, ""]
    if with_signature:
        out += _signature(p)
    return out


def to_txt(p: Prepared) -> str:
    return "\n".join(plain_lines(p)).rstrip() + "\n"


def to_markdown(p: Prepared) -> str:
    out: list[str] = []
    left = p.left
    body_lines = left[:-2] if p.doc.body.system == "party" else left[:-1]
    out += ["**" + "\n".join(body_lines) + "**", ""]
    if p.doc.body.system == "party":
        out += ["*", ""]
    out += [left[-1], ""]
    if p.left_note:
        out += [f"*{p.left_note}*", ""]
    out += ["**" + "\n".join(p.right) + "**", "", f"*{p.date_line}*", ""]
    if p.title:
        out += [f"## {p.title[0]}", ""]
        out += [*p.title[1:], "", "-----", ""]
    if p.recipients:
        out += ["Kính gửi:", "", *p.recipients, ""]
    for blk in p.blocks:
        if blk.startswith(("## ", "### ", "#c ")):
            out += [f"**{strip_marker(blk)}**", ""]
        else:
            out += [blk, ""]
    if p.doc.distribution:
        out += ["***Nơi nhận:***", "", *p.doc.distribution, ""]
    sig = list(p.doc.signer)
    if sig:
        out += ["**" + "\n".join(sig[:-1]) + "**", "", "", f"**{sig[-1]}**"]
    return "\n".join(out).rstrip() + "\n"


def to_html(p: Prepared) -> str:
    """A provincial portal page carrying the document (navigation and footer around it)."""
    e = html.escape
    d = p.doc
    portal = d.body.name.removeprefix("Ủy ban nhân dân ")
    title = f"{d.doc_type} số {p.left[-1].removeprefix('Số: ').removeprefix('Số ')} - {p.subject}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        "<style>table.hdr{width:100%;border-collapse:collapse}table.hdr td{vertical-align:top;text-align:center;width:50%}"
        "p.b{text-align:justify;text-indent:1cm}.sig{margin-left:55%;text-align:center;font-weight:bold}</style>",
        "</head>",
        "<body>",
        f'<nav><a href="/">Cổng thông tin điện tử {e(portal)}</a> › <a href="/van-ban">Văn bản chỉ đạo điều hành</a></nav>',
        "<main><article>",
        '<table class="hdr"><tr>',
        "<td><b>" + "<br>".join(e(x) for x in p.left[:-1]) + "</b><br>" + e(p.left[-1])
        + (f"<br><i>{e(p.left_note)}</i>" if p.left_note else "") + "</td>",
        "<td><b>" + "<br>".join(e(x) for x in p.right) + f"</b><br><i>{e(p.date_line)}</i></td>",
        "</tr></table>",
    ]
    if p.title:
        parts.append("<h2 style='text-align:center'>" + "<br>".join(e(x) for x in p.title) + "</h2>")
    if p.recipients:
        parts.append("<p>Kính gửi:</p><ul>" + "".join(f"<li>{e(r.lstrip('- '))}</li>" for r in p.recipients) + "</ul>")
    for blk in p.blocks:
        if blk.startswith(("## ", "### ", "#c ")):
            parts.append(f"<p><b>{e(strip_marker(blk))}</b></p>")
        else:
            parts.append(f'<p class="b">{e(blk)}</p>')
    if d.distribution:
        parts.append("<p><b><i>Nơi nhận:</i></b><br>" + "<br>".join(e(x) for x in d.distribution) + "</p>")
    if d.signer:
        parts.append('<p class="sig">' + "<br>".join(e(x) for x in d.signer[:-1]) + f"<br><br><br>{e(d.signer[-1])}</p>")
    parts += [
        "</article></main>",
        f"<footer>Bản quyền thuộc {e(d.body.name)}. Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
