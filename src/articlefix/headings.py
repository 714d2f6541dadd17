"""Which short lines of plain text are headings: a title's shape, and what follows it.

Two kinds of article meet here. In a blog post nearly every short line before text is a
heading; scraped news puts bylines, dates, captions, credits, dialogue, links and cut sentences
on short lines of their own. So a heading needs a title's shape (short, no sentence ending, not
page furniture: :func:`not_a_title` names why not) and text after it that it introduces (one of
:data:`EVIDENCE`, whose name goes into the report).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

_SENTENCE_END = (".", ",", ";", ":", "…", "!", "。", "，", "；", "：", "！")
_OPENERS = "\"“„«»‘’'¿¡$€£(["
_MONTH_NAMES = (
    "jan january januar janvier enero feb february februar févr février febrero mar march "
    "märz mars marzo apr april avr avril abril may mai mayo jun june juni juin junio jul july "
    "juli juil juillet julio aug august août agosto sep sept september septembre septiembre "
    "oct october okt oktober octobre octubre nov november novembre noviembre dec december dez "
    "dezember déc décembre diciembre"
)
_MONTHS = frozenset(_MONTH_NAMES.split())
# Page furniture, recognised by how it starts: a byline (the word and a capitalised name, so
# "By the numbers" may still be a title), a credit word and its credit, a dated "published"
# line, a field of an event notice ("Ort: Rathaus", "Where: online"; none of the 2,624
# headings of the dev news set and three blogs starts so, five of their other lines do), a
# link prompt or button, a bullet, a time, a bracketed note, a link or an image.
_FURNITURE_START = re.compile(
    r"(?:(?:posted|written|published|powered|sponsored|presented|text|texte)\s+)?"
    r"(?:by|von|par|por)\s+(?-i:[A-ZÀ-Þ])|"
    r"(?:photos?|fotos?|bild(?:er)?|images?|credits?|crédits?|sources?|quellen?|"
    r"illustrations?|grafik|video)(?:\s*[:/©|]|\s*credit|\s+(?:by|von|courtesy)\b)|"
    r"(?:posted|published|updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|"
    r"actualizado|stand)(?:\s*:|\s+(?:on|at|am|um|le|el|il|\d))|"
    r"(?:date|time|where|when|venue|location|datum|zeit|ort|wann|wo|lieu|heure|fecha|hora|"
    r"lugar)\s*:|"
    r"(?:lire aussi|à lire aussi|read more|continue reading|weiterlesen|mehr zum thema|"
    r"leer más|lee también|sign up|subscribe|advertisement|anzeige|werbung|get it|buy it|"
    r"buy now|shop now|see it now|order now)\b|"
    r"(?:related|see also|siehe auch|auch interessant|share|teilen|partager|watch|listen)"
    r"\s*[:>»›|]|"
    r"[•*·▪►–—-]|\W*$|\d{1,2}:\d{2}\b|!?[(\[]",
    re.IGNORECASE,
)
# Furniture anywhere in the line, found in its case-folded text by plain substring tests (a
# regex over all of them took 12 µs a line): a link, a copyright, a photo agency; a credit
# word before its colon ("Bild: dpa").
_MARKS = (
    "http://", "https://", "www.", "pic.twitter", ".com", ".org", ".net", "©", "(c)",
    "getty images", "shutterstock", "istock", "picture alliance", "picture-alliance",
    "imago images",
)  # fmt: skip
_CREDIT = re.compile(r"\b(?:photo|foto|bild|image|credit|crédit|quelle|source)s?\s*:")
_NUMERIC_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d{4}-\d{2}-\d{2}\b")
_DATE_SPLIT = re.compile(r"[\s.,]+")
# Speech: a quotation that closes right after sentence punctuation or a comma (“Go,” she
# said; He said: “It is over.”), or is followed by one (« Non », dit-il): dialogue, no title.
_SPEECH = re.compile(r"[,.!?…][\"”“’‘'»«›‹)\]]|[\"”“»«]\s*,\s")
# A button or a link on a line of its own: a page's controls, or a prompt that ends in an arrow
# ("Más en Opinión ›", "All stories →").
_BUTTON = re.compile(
    r"(?:save|share|print|e-?mail|tweet|like|reply|comment|follow|more|menu|close|"
    r"back to top|found this helpful|was this helpful\??)\s*",
    re.IGNORECASE,
)
_ARROWS = ("›", "→", ">>", "»")
# A sentence that starts with its clause: "If any node has no loads, generate a warning".
_CLAUSE = re.compile(
    r"(?:if|when|while|because|although|unless|once|since|wenn|falls|weil|obwohl|sobald|"
    r"si|quand|lorsque|puisque|cuando|aunque|porque)\b[^,]*,\s",
    re.IGNORECASE,
)
# A wire story's dateline: a place and its country or state in capitals ("BAAR, SWITZERLAND",
# "WASHINGTON, D.C."); no heading of the 2,624 in the dev news set and three blogs is one.
_DATELINE = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]*,\s*[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]*")
# Two clauses joined by a semicolon: a sentence. No heading of the 2,624 in the dev news set and
# the three blogs (Julia, Rust, Go) has one ("tl;dr" has no space after it).
_CLAUSES = re.compile(r"\w;\s")
# A question put to someone ("Herr Teuber, was ...?"): an interview, not a title.
_QUESTION = re.compile(r",.*\?$")
# Two or more people's names in a row: the authors of a section, not its title.
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+"
_PERSON = rf"{_CAP}(?:\s+(?:de|van|von|der|da|di|le|la)?\s*{_CAP}){{1,2}}"
_NAMES = re.compile(
    rf"{_PERSON}(?:\s*,\s*{_PERSON})+(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*{_PERSON})?"
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
_CUT = frozenset(_CUT_WORDS.split())
# Numbers in a line of data: a table row or a results line ("LOW Lowe's 113.40 1.62 1.41%"),
# where at least three words, and two in five, are numbers.
_DATA_NUMBERS = 3
_DATA_SHARE = 0.4
_NUMBER = re.compile(r"[-+$€£]?\d[\d.,:/%-]*")
_GLUED_CELLS = re.compile(r"[^\W\d_]{2}\d{2,}[A-ZÀ-Þ]")
# CJK scripts write no spaces: there a character stands for about half a word. Compiled on
# first use: its three wide ranges take the compiler about 1.5 ms, a tenth of a one-file run's
# budget, and only text with a character from U+3040 up can hold one.
_CJK = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
_CJK_FIRST = "\u3040"
#: Most words a title has (measured on the dev news set: real subheads go up to 18).
TITLE_WORDS = 18
#: Fewest letters of a lower-case first word that names a section ("rustup", "cargo fix").
_NAME_CHARS = 3
#: Most words of such a line: names are short ("cargo install updates packages when outdated").
_NAME_WORDS = 6
#: Most characters a title has.
TITLE_CHARS = 140
#: Words from which a paragraph is "long": before one, a short line is a heading two times in
#: three on news (measured on the dev set when the rule was written).
LONG_WORDS = 24
#: Most words a title may have when the only evidence is a longer sentence after it: blog
#: subheads are short (a plain "<= 12 words, next line longer" rule got F1 0.805 on them).
SHORT_TITLE_WORDS = 12


def size(text: str) -> int:
    """Words, counted up to 26 (no rule needs more); a CJK character counts half a word."""
    words = len(text.split(None, LONG_WORDS + 1))
    head = text[: 4 * LONG_WORDS]
    if words > LONG_WORDS or head.isascii() or max(head) < _CJK_FIRST:
        return words
    return words + len(re.findall(_CJK, head)) // 2  # re caches the compiled pattern


def long(text: str) -> bool:
    """24 words or more. Printable text has no blank but the space, so a line with fewer than
    23 spaces is told without splitting it (most lines of template-like text)."""
    if text.count(" ") < LONG_WORDS - 1 and text.isprintable() and text.isascii():
        return False
    return size(text) >= LONG_WORDS


def headline_case(text: str) -> bool:
    """Most words capitalised, as headline style writes them ("Why Monitor Your Systems")."""
    tokens = text.split()
    if len(tokens) < 2:
        return False
    allowed = 0.15 * len(tokens)  # lower-case words allowed: most lines fail within a few words
    for token in tokens:
        if not token[0].isupper():
            allowed -= 1
            if allowed <= 0:
                return False
    return True


def _starts_like_a_title(text: str) -> bool:
    """Not a continuation: the first word is capitalised somewhere ("iPhone", "„Die …"), or
    starts with a digit, or with a letter of a script without case (Chinese, Arabic)."""
    first = text.lstrip(_OPENERS).split(maxsplit=1)
    if not first:
        return False
    head = first[0][0]
    caseless = head.isalpha() and head.lower() == head.upper()
    return head.isdigit() or caseless or any(ch.isupper() for ch in first[0])


def _named_after(text: str, after: str) -> bool:
    """A lower-case line whose first word the text after it uses: the name of what that text
    is about ("cargo fix", then "Cargo has a new subcommand: cargo fix."), not a cut sentence
    going on (a function word, or a word the next paragraph does not take up)."""
    words = text.split(maxsplit=_NAME_WORDS)
    word = words[0]
    if len(words) > _NAME_WORDS or len(word) < _NAME_CHARS or word in _CUT:
        return False
    return f" {word}" in f" {after}"


def not_a_title(text: str) -> str | None:
    """Why this short line is no title, or None: each reason is a kind of page text."""
    if _FURNITURE_START.match(text):
        return "byline, credit, date, bullet, note or link prompt"
    if _BUTTON.fullmatch(text) or (text.endswith(_ARROWS) and "«" not in text):
        return "a button or a link"
    low = text.casefold()
    if any(mark in low for mark in _MARKS) or (":" in low and _CREDIT.search(low)):
        return "link or credit in the line"
    if _dated(low):
        return "a date in the line"
    if "," in text and _DATELINE.fullmatch(text):
        return "a dateline"
    if _SPEECH.search(text):
        return "dialogue or a quoted sentence"
    if text.endswith("?") and _QUESTION.search(text):
        return "a question put to someone"
    if ";" in text and _CLAUSES.search(text):
        return "two clauses joined by a semicolon"
    if text.rsplit(None, 1)[-1].casefold() in _CUT:
        return "cut off in mid-sentence"
    if _NAMES.fullmatch(text):
        return "a list of names"
    if _CLAUSE.match(text):
        return "a sentence that starts with its clause"
    if _data(text):
        return "a line of data"
    return None


def _dated(low: str) -> bool:
    """A date: a day or year beside a month's name ("3 March", "Nov. 19", "mars 2024"), or in
    figures ("12.03.2024", "2024-03-12")."""
    if not any(ch.isdigit() for ch in low):
        return False
    if _NUMERIC_DATE.search(low):
        return True
    words = _DATE_SPLIT.split(low)
    for word, following in pairwise(words):
        if word in _MONTHS and following[:1].isdigit():
            return True
        if following in _MONTHS and word.isdigit() and len(word) <= 2:
            return True
    return False


def _data(text: str) -> bool:
    """Figures, not words: a row of numbers, no letter at all, or table cells that lost the
    spaces between them ("EFFECTIFS22J. Delaplace23T. Monconduit")."""
    if not any(ch.isalpha() for ch in text) or _GLUED_CELLS.search(text):
        return True
    words = text.split()
    numbers = sum(1 for word in words if _NUMBER.fullmatch(word))
    return numbers >= _DATA_NUMBERS and numbers >= _DATA_SHARE * len(words)


def title_shape(text: str, after: str = "") -> bool:
    """Short, no sentence ending, a title's start (or, lower-case, the name of what ``after``
    is about), and none of :func:`not_a_title`'s kinds."""
    return (
        len(text) <= TITLE_CHARS
        and not text.endswith(_SENTENCE_END)
        and 0 < size(text) <= TITLE_WORDS
        and (_starts_like_a_title(text) or _named_after(text, after))
        and not_a_title(text) is None
    )


def short_title(text: str) -> bool:
    """Short enough to be a title when what follows it says little."""
    return size(text) <= SHORT_TITLE_WORDS


def _before_long(text: str, after: str, before: str) -> bool:
    return long(after)


def _in_headline_case(text: str, after: str, before: str) -> bool:
    return headline_case(text)


def _before_sentence(text: str, after: str, before: str = "") -> bool:
    """A short line that a longer sentence follows: how a blog post's subheads stand."""
    return (
        short_title(text)
        and size(after) > size(text)
        and after.rstrip().endswith(_BODY_END)
        and _starts_like_a_title(after)
    )


#: How much longer than a title the unpunctuated line below it must be: a list's items are of a
#: length. Measured: 1.0x, 1.5x, 2.0x gave dev news heading F1 0.753, 0.754, 0.754; the Julia
#: blog posts 0.876, 0.875, 0.873; at 1.0x the first items of a list of short lines are tagged.
CLEARLY_LONGER = 1.5


def _between_paragraphs(text: str, after: str, before: str) -> bool:
    """A short line after a sentence's end and before a clearly longer line, however that one
    ends (a scraper that drops a code block, a formula or a link leaves it without its stop):
    how a blog post's subheads stand. Not in a list: there the line above is an item, or a
    lead-in that ends with a colon (measured at 1.0x: dev news 0.747 without the colon test,
    0.749 with it; Julia posts 0.878 and 0.876)."""
    return (
        short_title(text)
        and size(after) >= CLEARLY_LONGER * size(text)
        and before.rstrip().endswith(_BODY_END)
        and not before.rstrip().endswith(":")
        and _starts_like_a_title(after)
    )


def introduces(text: str, after: str) -> bool:
    """``text`` is a title that ``after`` follows as body text: the evidence beside its case."""
    return title_shape(text, after) and (long(after) or _before_sentence(text, after))


# How a sentence ends; not ")", which ends list items ("Small plants (from a nursery)").
_BODY_END = (".", "!", "?", "…", ":", '"', "”", "»", "“", "。", "！", "？", "：")

#: What may follow a heading, tried in order; the name goes into the report.
EVIDENCE: tuple[tuple[str, Callable[[str, str, str], bool]], ...] = (
    ("short line before a long paragraph", _before_long),
    ("short line in headline case before text", _in_headline_case),
    ("short line before a longer sentence", _before_sentence),
    ("short line between paragraphs, before a longer line", _between_paragraphs),
)
