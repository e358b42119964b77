"""What a reader typed into the search box -> the words storage searches for.

Pure and total: any string (query syntax, quotes, control characters, megabytes)
gives a short tuple of plain words, so no input can reach a backend's query
language as syntax. Every backend then asks for posts holding all the words.
"""

from __future__ import annotations

import re
import unicodedata

MAX_INPUT = 200  # characters read from the box; a longer query is cut, not refused
MAX_WORDS = 8
MAX_WORD = 40  # characters per word: longer runs are no word anyone searches for
# letters and digits; "_" is a word character to `re` but a separator to FTS5 and PostgreSQL
_WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> tuple[str, ...]:
    """The distinct words of `text`, lowercased, in order: at most MAX_WORDS of at most MAX_WORD characters."""
    text = unicodedata.normalize("NFKC", text[: MAX_INPUT * 2])[:MAX_INPUT]
    out: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group(0).casefold()[:MAX_WORD]
        if word not in out:
            out.append(word)
            if len(out) == MAX_WORDS:
                break
    return tuple(out)

