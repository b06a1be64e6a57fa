"""How the search reads words: case-folded, "ё" as "е", and a word's forms found by its beginning.

A deliberately small stand-in for a stemmer, used the same way by both databases: PostgreSQL
stems what it gets as well; SQLite and the highlighting have nothing else.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200  # bounds the number of words too: every one of them must match
MIN_WORD_LENGTH = 2

WORD = re.compile(r"[^\W_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(text: str | None) -> str | None:
    """Case-folded, with "ё" as "е": how the search compares text."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


def query_words(query: str) -> list[str]:
    """The words of a query worth searching for, folded, without repeats."""
    words: list[str] = []
    for word in WORD.findall(fold(query)):
        if len(word) >= MIN_WORD_LENGTH and word not in words:
            words.append(word)
    return words


def prefix(word: str) -> str:
    """What a word's forms start with: Russian words lose a short ending, English plurals an "s".

    PostgreSQL stems the result as well, so short Russian words keep their ending here (its
    stemmer already finds "цена" for "цены"; "заво…" would also find "завтра").
    """
    if CYRILLIC.search(word):
        if len(word) >= 7:
            return word[:-2]
        if len(word) == 6:
            return word[:-1]
        return word
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def loose_prefix(word: str) -> str:
    """``prefix`` for plain substring matching (SQLite, highlighting), which has no stemmer:
    Russian words of four or five letters lose their last letter too ("цены" → "цен")."""
    if CYRILLIC.search(word) and 4 <= len(word) <= 5:
        return word[:-1]
    return prefix(word)


def starts_a_word(text: str, word_prefix: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(word_prefix)}", text) is not None
