"""Phone numbers as links: one reading of a number for every page (tel:, sms:, WhatsApp).

North American numbers of 10 digits (or 11 starting with 1) get their +1 country code; short codes
such as 2-1-1, 911 or 21167 stay as they are.
"""

from __future__ import annotations


def dialable(number: str) -> str:
    """The number in international form (+15065550199) or, for short codes, its bare digits; '' if none."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) == 10:
        return f"+1{digits}"
    if len(digits) == 11 and digits.startswith("1"):
        return f"+{digits}"
    return digits


def tel_uri(number: str) -> str:
    digits = dialable(number)
    return f"tel:{digits}" if digits else ""


def sms_uri(number: str) -> str:
    digits = dialable(number)
    return f"sms:{digits}" if digits else ""


def whatsapp_uri(number: str) -> str:
    """wa.me takes the full international number as digits only; short codes have no WhatsApp."""
    digits = dialable(number).lstrip("+")
    return f"https://wa.me/{digits}" if len(digits) >= 11 else ""
