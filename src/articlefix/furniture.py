"""Short lines of page text that are no title, by kind: what :func:`not_a_title` names.

Scraped news puts bylines, dates, captions, credits, buttons, dialogue, related-article links,
cut sentences and rows of figures on lines of their own, as short as a subhead. Each kind is
told by its own evidence in the line alone; ``headings.title_shape`` asks here last.
"""

from __future__ import annotations

import re
from itertools import pairwise

from articlefix.patterns import compiled

_MONTH_NAMES = (
    "jan january januar janvier enero feb february februar févr février febrero mar march "
    "märz mars marzo apr april avr avril abril may mai mayo jun june juni juin junio jul july "
    "juli juil juillet julio aug august août agosto sep sept september septembre septiembre "
    "oct october okt oktober octobre octubre nov november novembre noviembre dec december dez "
    "dezember déc décembre diciembre"
)
_MONTHS = frozenset(_MONTH_NAMES.split())
# The patterns kept as strings compile on first use (``re`` keeps them): each is tried only on a
# line that a cheap test lets through (a colon, a digit, a comma, a "?", a ";"), and compiling
# them at import took about 1.3 ms of a one-file run (the names pattern 0.7 ms); the seed's
# short lines need none of them.
# Page furniture, recognised by how it starts: a byline (the word and a capitalised name, so
# "By the numbers" may still be a title), a credit word and its credit, a dated "published"
# line, a field of an event notice ("Ort: Rathaus", "Where: online"; none of the 2,624
# headings of the dev news set and three blogs starts so, five of their other lines do), a
# link prompt or button, a bullet, a time, a bracketed note, a link or an image.
# The words it starts with, by kind ("|" between them, as in the pattern).
_WORDS = (
    "posted|written|published|powered|sponsored|presented|text|texte",
    "by|von|par|por",
    "photos?|fotos?|bild(?:er)?|images?|credits?|crédits?|sources?|quellen?|"
    "illustrations?|grafik|video",
    "posted|published|updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|"
    "actualizado|stand",
    "date|time|where|when|venue|location|datum|zeit|ort|wann|wo|lieu|heure|fecha|hora|lugar",
    "lire aussi|à lire aussi|read more|continue reading|weiterlesen|mehr zum thema|"
    "leer más|lee también|sign up|subscribe|advertisement|anzeige|werbung|get it|buy it|"
    "buy now|shop now|see it now|order now",
    "related|see also|siehe auch|auch interessant|share|teilen|partager|watch|listen",
)
_BY_VERB, _BY, _CREDIT_WORD, _DATED, _FIELD, _PROMPT, _LINK = _WORDS
_FURNITURE_START = (
    rf"(?:(?:{_BY_VERB})\s+)?(?:{_BY})\s+(?-i:[A-ZÀ-Þ])|"
    rf"(?:{_CREDIT_WORD})(?:\s*[:/©|]|\s*credit|\s+(?:by|von|courtesy)\b)|"
    rf"(?:{_DATED})(?:\s*:|\s+(?:on|at|am|um|le|el|il|\d))|"
    rf"(?:{_FIELD})\s*:|"
    rf"(?:{_PROMPT})\b|"
    rf"(?:{_LINK})\s*[:>»›|]|"
    r"[•*·▪►–—-]|\W*$|\d{1,2}:\d{2}\b|!?[(\[]"
)
# The first three letters of each word (all of a two-letter one): a line that starts with
# ASCII letters beginning none of them is no furniture without the regex, which compiles (0.9
# ms) only for a line that may be. A word that starts with an ASCII letter has letters as its
# next two characters, or is a two-letter word ("by", "wo") that a space or a colon follows.
_HEADS = frozenset(word[:3] for words in _WORDS for word in words.split("|"))
#: Letters of a line's start compared with :data:`_HEADS`.
_HEAD_LETTERS = 3
# Furniture anywhere in the line, found in its case-folded text by plain substring tests (a
# regex over all of them took 12 µs a line): a link, a copyright, a photo agency; a credit
# word before its colon ("Bild: dpa").
_MARKS = (
    "http://", "https://", "www.", "pic.twitter", ".com", ".org", ".net", "©", "(c)",
    "getty images", "shutterstock", "istock", "picture alliance", "picture-alliance",
    "imago images",
)  # fmt: skip
_CREDIT = r"\b(?:photo|foto|bild|image|credit|crédit|quelle|source)s?\s*:"
_NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d{4}-\d{2}-\d{2}\b"
_DATE_SPLIT = r"[\s.,]+"
# Speech: a quotation that closes right after sentence punctuation or a comma (“Go,” she
# said; He said: “It is over.”), or is followed by one (« Non », dit-il): dialogue, no title.
# Either way the line holds a comma or sentence punctuation, looked for first.
_SPEECH = r"[,.!?…][\"”“’‘'»«›‹)\]]|[\"”“»«]\s*,\s"
_SPEECH_MARKS = tuple(",.!?…")
# A button or a link on a line of its own: a page's controls, or a prompt that ends in an arrow
# ("Más en Opinión ›", "All stories →").
_BUTTON = (
    r"(?:save|share|print|e-?mail|tweet|like|reply|comment|follow|more|menu|close|"
    r"back to top|found this helpful|was this helpful\??)\s*"
)
#: Characters of the longest button ("found this helpful"): a longer line, less its trailing
#: blanks, is none (case-insensitive matching takes one character for one).
BUTTON_CHARS = 18
_ARROWS = ("›", "→", ">>", "»")
# A sentence that starts with its clause: "If any node has no loads, generate a warning".
_CLAUSE = (
    r"(?:if|when|while|because|although|unless|once|since|wenn|falls|weil|obwohl|sobald|"
    r"si|quand|lorsque|puisque|cuando|aunque|porque)\b[^,]*,\s"
)
# A wire story's dateline: a place and its country or state in capitals ("BAAR, SWITZERLAND",
# "WASHINGTON, D.C."); no heading of the 2,624 in the dev news set and three blogs is one.
_DATELINE = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]*,\s*[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]*"
# Two clauses joined by a semicolon: a sentence. No heading of the 2,624 in the dev news set and
# the three blogs (Julia, Rust, Go) has one ("tl;dr" has no space after it).
_CLAUSES = r"\w;\s"
# A question put to someone ("Herr Teuber, was ...?"): an interview, not a title. Not one that
# a discourse word opens ("So, where's the model?", "But, how does it work?"): a subhead.
_QUESTION = (
    r"(?!(?:so|but|and|or|ok|okay|well|now|then|yes|no|und|aber|also|doch|alors|et|mais|donc|"
    r"pero|y|entonces|pues)\b)[^,]*,.*\?$"
)
# Two or more people's names in a row: the authors of a section, not its title.
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+"
_PERSON = rf"{_CAP}(?:\s+(?:de|van|von|der|da|di|le|la)?\s*{_CAP}){{1,2}}"
_NAMES = (
    rf"{_PERSON}(?:\s*,\s*{_PERSON})+"
    rf"(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*{_PERSON})?"
)
# A line cut in mid-sentence ends on a word that needs one after it (articles, conjunctions,
# prepositions that take an object): "Your options are limited: either", "Anmeldung unter".
_CUT_WORDS = (
    "the a an and or of as that which whose if than but nor either your our their its my "
    "whether because although "
    "der die das den dem des ein eine einen einem einer und oder dass wenn als von für gegen "
    "ohne sowie "
    "le la les un une des du de et ou à au aux dans pour par sur avec que qui dont "
    "el los las y o del en con por para se "
    # Prepositions that take an object: none ends any of the 2,291 headings of three blogs
    # (Julia, Rust, Go); two non-headings of the dev news set end on one ("Anmeldung unter").
    # Not "from" ("Who we heard from"), nor German particles that end a sentence's verb ("an",
    # "auf", "aus", "nach", "zu", "mit": "So sieht der Trend aus").
    "with into onto unter bei zum zur beim vom sous vers chez sans desde hasta sobre sin"
)
#: Words a line cannot end on, as it would be cut off in mid-sentence.
CUT_WORDS = frozenset(_CUT_WORDS.split())
# Numbers in a line of data: a table row or a results line ("LOW Lowe's 113.40 1.62 1.41%"),
# where at least three words, and two in five, are numbers. Measured (dev news heading F1; the
# blogs unchanged): 2 or 3 numbers 0.754, 4 0.753; a share of 0.3 0.755, 0.4 0.754, 0.5 0.753.
_DATA_NUMBERS = 3
_DATA_SHARE = 0.4
#: Most digits of a day of the month, as written beside its month's name ("3 March").
_DAY_DIGITS = 2
# Both need a digit, looked for first: they compile (0.16 ms) for the first line with one.
_NUMBER = r"[-+$€£]?\d[\d.,:/%-]*"
_GLUED_CELLS = r"[^\W\d_]{2}\d{2,}[A-ZÀ-Þ]"


def _furniture_start(text: str) -> bool:
    """``_FURNITURE_START`` matches the line's start: told from its first letters where they
    are ASCII (case-insensitive matching is plain ``lower`` for them; a letter such as "ſ",
    which matches "s", or "é" goes to the regex, as does any line that starts with no letter)."""
    head = text[:_HEAD_LETTERS]
    n = next((i for i, ch in enumerate(head) if not (ch.isascii() and ch.isalpha())), len(head))
    if n and not (n < len(head) and head[n].isalpha()) and head[:n].lower() not in _HEADS:
        return False
    return compiled(_FURNITURE_START, re.IGNORECASE).match(text) is not None


def not_a_title(text: str) -> str | None:
    """Why this short line is no title, or None: each reason is a kind of page text."""
    if _furniture_start(text):
        return "byline, credit, date, bullet, note or link prompt"
    if (
        len(text.rstrip()) <= BUTTON_CHARS and compiled(_BUTTON, re.IGNORECASE).fullmatch(text)
    ) or (text.endswith(_ARROWS) and "«" not in text):
        return "a button or a link"
    low = text.casefold()
    if any(map(low.__contains__, _MARKS)) or (":" in low and compiled(_CREDIT).search(low)):
        return "link or credit in the line"
    if _dated(low):
        return "a date in the line"
    if "," in text and compiled(_DATELINE).fullmatch(text):
        return "a dateline"
    if any(map(text.__contains__, _SPEECH_MARKS)) and compiled(_SPEECH).search(text):
        return "dialogue or a quoted sentence"
    if text.endswith("?") and compiled(_QUESTION, re.IGNORECASE).match(text):
        return "a question put to someone"
    if ";" in text and compiled(_CLAUSES).search(text):
        return "two clauses joined by a semicolon"
    if text.rsplit(None, 1)[-1].casefold() in CUT_WORDS:
        return "cut off in mid-sentence"
    if "," in text and compiled(_NAMES).fullmatch(text):  # both need a comma
        return "a list of names"
    if "," in text and compiled(_CLAUSE, re.IGNORECASE).match(text):
        return "a sentence that starts with its clause"
    if _data(text):
        return "a line of data"
    return None


def _dated(low: str) -> bool:
    """A date: a day or year beside a month's name ("3 March", "Nov. 19", "mars 2024"), or in
    figures ("12.03.2024", "2024-03-12")."""
    if not any(map(str.isdigit, low)):
        return False
    if compiled(_NUMERIC_DATE).search(low):
        return True
    words = compiled(_DATE_SPLIT).split(low)
    if _MONTHS.isdisjoint(words):  # both tests below need a month's name
        return False
    for word, following in pairwise(words):
        if word in _MONTHS and following[:1].isdigit():
            return True
        if following in _MONTHS and word.isdigit() and len(word) <= _DAY_DIGITS:
            return True
    return False


def _data(text: str) -> bool:
    """Figures, not words: a row of numbers, no letter at all, or table cells that lost the
    spaces between them ("EFFECTIFS22J. Delaplace23T. Monconduit")."""
    if not any(map(str.isalpha, text)):
        return True
    if not compiled(r"\d").search(
        text
    ):  # glued cells and numbers need a digit; most lines have none
        return False
    if compiled(_GLUED_CELLS).search(text):
        return True
    words = text.split()
    numbers = len(list(filter(compiled(_NUMBER).fullmatch, words)))
    return numbers >= _DATA_NUMBERS and numbers >= _DATA_SHARE * len(words)
