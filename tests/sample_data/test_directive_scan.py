"""Directives printed as committees print them: layouts drawn from seeds, regions as ground truth, a red seal."""

from __future__ import annotations

import numpy as np

from sample_data.catalog import prepared_all
from sample_data.directive_scan import ScanLayout, directive_text, render_directive, shortened


def _doc(i: int = 2):
    ps = [p for p in prepared_all() if p.doc.signer and p.doc.distribution and not p.doc.is_book]
    return shortened(ps[i], 1)


def _red(img) -> int:
    a = np.asarray(img, dtype=np.int16)
    return int(((a[..., 0] - np.maximum(a[..., 1], a[..., 2])) > 80).sum())


def test_seeds_give_different_layouts():
    layouts = {ScanLayout.from_seed(s) for s in range(12)}
    assert len(layouts) == 12
    assert len({lay.family for lay in layouts}) >= 3
    assert len({round(lay.footer_gap) for lay in layouts}) >= 4


def test_regions_hold_what_was_printed_side_by_side():
    p = _doc()
    page = render_directive(p, seed=5, marks=("MẬT",))[-1]
    regions = page.info["regions"]
    assert regions["footer_left"][0] == "Nơi nhận:"
    assert regions["footer_right"] == list(p.doc.signer)
    assert regions["marks"] == ["MẬT"]
    assert page.info["ground_truth"].splitlines()[-1] == p.doc.signer[-1]


def test_the_seal_is_red_and_only_there_when_asked():
    p = _doc()
    with_seal = render_directive(p, seed=3, seal=True)[-1]
    without = render_directive(p, seed=3, seal=False)[-1]
    assert _red(with_seal) > 5000 and _red(without) == 0


def test_the_text_form_carries_the_same_marks():
    text = directive_text(_doc(), ("KHẨN", "DỰ THẢO"))
    assert "\nDỰ THẢO\nKHẨN\n" in text
