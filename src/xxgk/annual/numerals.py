"""Numbers as reports write them: 357, 3,570, 589.9万, 二百, 二〇二三, 十一."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CN_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_LARGE: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join([*CN_DIGITS, *CN_UNITS, *CN_LARGE])
# Full-width digits and separators read as ASCII, one character each so positions hold.
FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


def parse_chinese_number(text: str) -> int | None:
    """二百 → 200, 十一 → 11, 一百零五 → 105, 三万五千 → 35000; 二〇二三 → 2023 (digit by digit).

    None when `text` is not a Chinese numeral.
    """
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if not any(ch in CN_UNITS or ch in CN_LARGE for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))  # 二〇二三 or 三
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # 二三百: two digits in a row inside a counted number
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            total = (total + section + (digit or 0)) * CN_LARGE[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str, multiplier: str = "") -> int | None:
    """An arabic or Chinese number, with thousands separators and a 万/千 multiplier."""
    text = text.translate(FULLWIDTH).replace(",", "").strip()
    scale = {"": 1, "千": 1000, **CN_LARGE}[multiplier]
    try:
        value = Decimal(text)
    except InvalidOperation:
        chinese = parse_chinese_number(text)
        return None if chinese is None else chinese * scale
    return int(value * scale)
