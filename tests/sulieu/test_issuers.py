"""The one issuer scope rule (``sulieu.issuers``), on the bodies the sample archive and the seeds name."""

from __future__ import annotations

import pytest

from sulieu.issuers import committee_name, issuer_scope, province_committee
from sulieu.model import DocumentMetadata


@pytest.mark.parametrize(("issuer", "parent", "level", "province", "scope"), [
    ("Ban Tuyên giáo Thành ủy Hải Phòng", "Thành ủy Hải Phòng", "province", "Hải Phòng",
     ["Ban Tuyên giáo Thành ủy Hải Phòng", "Thành ủy Hải Phòng"]),
    ("Ủy ban nhân dân thành phố Hải Phòng", None, "province", "Hải Phòng",
     ["Ủy ban nhân dân thành phố Hải Phòng", "Thành ủy Hải Phòng"]),
    ("Ủy ban nhân dân quận Lê Chân", None, "district", "Hải Phòng",
     ["Ủy ban nhân dân quận Lê Chân", "Quận ủy Lê Chân", "Thành ủy Hải Phòng"]),
    ("Đảng ủy xã Tam Đa", "Đảng bộ huyện Vĩnh Bảo", "commune", "Hải Phòng",
     ["Đảng ủy xã Tam Đa", "Huyện ủy Vĩnh Bảo", "Thành ủy Hải Phòng"]),
    ("Ban Chấp hành Đảng bộ huyện Văn Lâm", "Đảng bộ tỉnh Hưng Yên", "district", "Hưng Yên",
     ["Huyện ủy Văn Lâm", "Tỉnh ủy Hưng Yên"]),
    ("Ban Tuyên giáo Trung ương", "Ban Chấp hành Trung ương Đảng", "central", None,
     ["Ban Tuyên giáo Trung ương", "Ban Chấp hành Trung ương"]),
    ("Văn phòng Tỉnh uỷ Hưng Yên", None, "province", "Hưng Yên", ["Văn phòng Tỉnh ủy Hưng Yên", "Tỉnh ủy Hưng Yên"]),
    ("Ủy ban Kiểm tra Huyện ủy Kim Động", None, "district", "Hưng Yên",
     ["Ủy ban Kiểm tra Huyện ủy Kim Động", "Huyện ủy Kim Động", "Tỉnh ủy Hưng Yên"]),
])
def test_scope_names_the_issuer_and_every_body_above_it(issuer, parent, level, province, scope):
    md = DocumentMetadata(issuer=issuer, issuer_parent=parent, level=level, province=province)
    assert issuer_scope(md) == scope


def test_one_spelling_per_body():
    assert committee_name("Ban Thường vụ Thành uỷ Hải Phòng") == "Thành ủy Hải Phòng"
    assert committee_name("Đảng bộ thành phố Hải Phòng") == "Thành ủy Hải Phòng"
    assert committee_name("Ban Chấp hành Trung ương Đảng") == "Ban Chấp hành Trung ương"
    assert province_committee("Hưng Yên") == "Tỉnh ủy Hưng Yên" and province_committee("Hà Nội") == "Thành ủy Hà Nội"
    assert issuer_scope(DocumentMetadata()) == []
