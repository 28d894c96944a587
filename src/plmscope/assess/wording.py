"""Small helpers for writing reasons in plain English."""

from __future__ import annotations


def join_and(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def join_or(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b or c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def first_upper(text: str) -> str:
    """Capitalise the first letter only (keeps 'PLMS')."""
    return text[:1].upper() + text[1:]
