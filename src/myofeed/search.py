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
# query operators a reader may type out of habit ("rash AND trial", "rash OR trial"): ignored, like every
# other query syntax, else each would be one more word a post must hold. In lower case they are stop words
# too (PostgreSQL's english configuration already drops them); NEAR only as FTS5 writes it, in capitals,
# since "near" is a word people search for.
_OPERATORS = frozenset({"and", "or", "not"})
_UPPER_OPERATORS = frozenset({"NEAR"})


def search_words(text: str) -> tuple[str, ...]:
    """The distinct words of `text`, lowercased, in order, without query operators (AND, OR, NOT, NEAR): at
    most MAX_WORDS of at most MAX_WORD characters."""
    text = unicodedata.normalize("NFKC", text[: MAX_INPUT * 2])[:MAX_INPUT]
    out: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group(0).casefold()[:MAX_WORD]
        if word in _OPERATORS or m.group(0) in _UPPER_OPERATORS:
            continue
        if word not in out:
            out.append(word)
            if len(out) == MAX_WORDS:
                break
    return tuple(out)

