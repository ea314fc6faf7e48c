"""Levels in each system's own words."""

from sulieu.level_names import level_label


def test_a_peoples_committee_is_not_named_as_a_party_committee() -> None:
    assert level_label("province", "state") == "Cấp tỉnh"
    assert level_label("province", "party") == "Tỉnh/Thành ủy"
    assert level_label("district", None) == "Huyện/Quận ủy"
    assert level_label(None, "state") == "" and level_label("other", "party") == "other"
