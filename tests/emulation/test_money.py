import pytest

from emulation.money import MoneyError, format_vnd, parse_vnd

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text,value",
    [
        ("200.000.000", 200_000_000),
        ("200000000", 200_000_000),
        ("200 000 000", 200_000_000),
        ("200,000,000", 200_000_000),
        ("200 triệu", 200_000_000),
        ("200 trieu", 200_000_000),
        ("1,5 tỷ", 1_500_000_000),
        ("45 triệu đồng", 45_000_000),
        ("45.000.000 đ", 45_000_000),
        ("50 nghìn", 50_000),
        ("", None),
        ("  ", None),
    ],
)
def test_parse_vnd_accepts_what_people_type(text, value):
    assert parse_vnd(text) == value


@pytest.mark.parametrize(
    "text", ["-5", "abc", "12.34.5", "1e9", "200 đô", "99999999999999999999", "1,2,3", "0x10"]
)
def test_parse_vnd_rejects_with_a_message(text):
    with pytest.raises(MoneyError) as exc:
        parse_vnd(text)
    assert str(exc.value)


def test_format_vnd():
    assert format_vnd(200_000_000) == "200.000.000 đ"
    assert format_vnd(0) == "0 đ"
