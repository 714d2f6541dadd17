"""Dedup quality on a corpus of our own: every near-copy kind goes, every look-alike stays.

Each row pastes a paragraph's variant into a small article in its language. A formatting-only
variant must be removed (and reported with the block it repeats); a content change must be
kept (and reported as "similar, kept"). Languages: the ones the evaluation set covers.
"""

from __future__ import annotations

import textwrap

import pytest

from articlefix import Options, candidates, clean, labels, whitelist
from articlefix.whitelist import difference

FILLER = {
    "en": [
        "The council met on Tuesday evening to discuss the budget for the coming year.",
        "Residents filled the hall and many had to stand at the back of the room.",
        "A final vote is expected before the end of the month, officials said.",
    ],
    "de": [
        "Der Gemeinderat kam am Dienstagabend zusammen, um den Haushalt zu beraten.",
        "Viele Anwohner waren gekommen und mussten im hinteren Teil des Saals stehen.",
        "Eine endgültige Abstimmung wird noch vor Ende des Monats erwartet.",
    ],
    "fr": [
        "Le conseil municipal s’est réuni mardi soir pour examiner le budget annuel.",
        "De nombreux habitants ont assisté à la séance, certains debout au fond.",
        "Un vote définitif est attendu avant la fin du mois, selon la mairie.",
    ],
    "es": [
        "El consejo se reunió el martes por la noche para debatir el presupuesto.",
        "Muchos vecinos llenaron la sala y algunos tuvieron que quedarse de pie.",
        "Se espera una votación final antes de que termine el mes, dijeron.",
    ],
}

ORIGINAL = {
    "en": "The mayor said the new bridge – a toll bridge – would cost 12 million dollars "
    "and open in 2026, "
    "after two years of delays caused by a dispute with the builder over steel prices.",
    "de": "Der Bürgermeister sagte, die neue Brücke werde 12 Millionen Euro kosten und 2026 "
    "eröffnet, nach zwei Jahren Verzögerung wegen eines Streits mit der Baufirma.",
    "fr": "Le maire a déclaré que le nouveau pont coûterait 12 millions d’euros et ouvrirait "
    "en 2026, après deux ans de retard dus à un litige avec le constructeur.",
    "es": "El alcalde dijo que el nuevo puente costará 12 millones de euros y abrirá en 2026, "
    "tras dos años de retraso por una disputa con la constructora sobre el acero.",
}

# (kind, lang, variant of ORIGINAL[lang]) — formatting only: the later copy must go.
NEAR_COPIES = [
    ("exact", "en", lambda t: t),
    ("spaces", "de", lambda t: "\t " + t.replace(" ", "  ", 4) + "  "),
    ("quotes", "fr", lambda t: t.replace("’", "'")),
    ("case", "es", lambda t: t.upper()),
    ("agency", "en", lambda t: t + " (AFP)"),
    ("agency", "de", lambda t: t + " (dpa)"),
    ("agency", "es", lambda t: t + " (Reuters)"),
    ("typo-fixed", "en", lambda t: t.replace("builder", "biulder")),
    ("typo-fixed", "fr", lambda t: t.replace("constructeur", "consrtucteur")),
    ("mojibake", "de", lambda t: t.encode("utf-8").decode("cp1252", "replace")),
    ("mojibake", "fr", lambda t: t.encode("utf-8").decode("cp1252", "replace")),
    ("dashes", "en", lambda t: t.replace("–", "-")),
]

# (kind, lang, variant) — different content: the later block must stay.
HARD_NEGATIVES = [
    ("number", "en", lambda t: t.replace("12 million", "13 million")),
    ("number", "de", lambda t: t.replace("2026", "2027")),
    ("number", "es", lambda t: t.replace("12", "120")),
    ("negation", "en", lambda t: t.replace("would cost", "would not cost")),
    ("negation", "de", lambda t: t.replace("werde 12", "werde nicht 12")),
    ("negation", "fr", lambda t: t.replace("coûterait", "ne coûterait pas")),
    ("negation", "es", lambda t: t.replace("costará", "no costará")),
    ("name", "en", lambda t: t.replace("The mayor", "The governor")),
    ("name", "fr", lambda t: t.replace("Le maire", "Le préfet")),
    ("word", "de", lambda t: t.replace("Brücke", "Straße")),
    ("bracket", "en", lambda t: t.replace("steel prices.", "steel prices (estimate).")),
    ("one-letter", "en", lambda t: t.replace("two years", "two yeara")),
    ("swap-in-short-word", "en", lambda t: t.replace("would cost", "would csot")),
]


def article(lang: str, *inserted: str) -> str:
    """Filler, the original, more filler, then the inserted blocks, one paragraph a line."""
    lines = [FILLER[lang][0], ORIGINAL[lang], FILLER[lang][1], *inserted, FILLER[lang][2]]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("kind", "lang", "make"), NEAR_COPIES, ids=[f"{k}-{lang}" for k, lang, _ in NEAR_COPIES]
)
def test_near_copy_is_removed_and_reported(kind: str, lang: str, make: object) -> None:
    assert callable(make)
    variant = make(ORIGINAL[lang])
    result = clean(article(lang, variant))
    assert result.markdown.count("\n\n") == 3, result.markdown  # four blocks out of five
    (removal,) = result.report.removed
    assert (removal.position, removal.repeats) == (4, 2)
    assert removal.reason.startswith(("exact repeat", "near copy"))


@pytest.mark.parametrize(
    ("kind", "lang", "make"), HARD_NEGATIVES, ids=[f"{k}-{lang}" for k, lang, _ in HARD_NEGATIVES]
)
def test_look_alike_is_kept_and_reported(kind: str, lang: str, make: object) -> None:
    assert callable(make)
    variant = make(ORIGINAL[lang])
    assert variant != ORIGINAL[lang]
    result = clean(article(lang, variant))
    assert result.report.removed == ()
    assert result.markdown.count("\n\n") == 4
    (similar,) = result.report.similar_kept
    assert (similar.position, similar.resembles) == (4, 2)
    assert similar.difference


def test_rewrapped_copy_in_wrapped_layout_is_removed() -> None:
    paragraphs = [*FILLER["en"], ORIGINAL["en"]]
    first = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
    copy = textwrap.fill(ORIGINAL["en"], 50)
    result = clean(first + "\n\n" + copy + "\n")
    assert [r.position for r in result.report.removed] == [5]


def test_run_pasted_three_times_with_new_blocks_between() -> None:
    run = [
        "Q:",
        "What did the study find about sleep and memory in older adults?",
        "A:",
        "Participants who slept seven hours remembered more words the next day.",
    ]
    new = [
        f"New paragraph number {n} with words that appear nowhere else at all."
        for n in ("one", "two", "three")
    ]
    lines = ["An introduction that sets the scene for the interview below.", *run]
    for extra in new:
        lines += [extra, *run]
    result = clean("\n".join(lines) + "\n")
    text = result.markdown
    assert text.count("Q:") == 1 and text.count("A:") == 1
    assert all(extra in text for extra in new)
    assert len(result.report.removed) == 12


def test_short_label_alone_is_kept_but_a_long_exact_repeat_goes() -> None:
    """The newsletter line goes because the text shows a paste elsewhere (the run at the end):
    alone, a short exact repeat cannot be told from an author's lead-in (test_paste.py)."""
    body = [
        "Photo",
        "The first paragraph of the story is long enough to count as body text.",
        "SIGN UP FOR OUR NEWSLETTER",
        "The second paragraph says something else entirely about the matter.",
        "Photo",
        "A third paragraph, also unique, closes the short story for today.",
        "SIGN UP FOR OUR NEWSLETTER",
        "The first paragraph of the story is long enough to count as body text.",
    ]
    result = clean("\n".join(body) + "\n")
    assert result.markdown.count("Photo") == 2
    assert result.markdown.count("The first paragraph") == 1
    assert result.markdown.count("SIGN UP") == 1


def test_teaser_before_its_paragraph_keeps_full_text_at_first_place() -> None:
    full = (
        "Scientists in Norway have found a way to store solar heat in salt for months, "
        "which could change how northern towns heat their homes in winter."
    )
    teaser = "Scientists in Norway have found a way to store solar heat…"
    lines = [teaser, "A paragraph that is between the two and says other things.", full]
    result = clean("\n".join(lines) + "\n")
    blocks = result.markdown.strip().split("\n\n")
    assert blocks == [full, lines[1]]
    assert result.report.removed[0].reason.startswith("fuller text")


def test_teaser_after_its_paragraph_goes() -> None:
    full = (
        "Scientists in Norway have found a way to store solar heat in salt for months, "
        "which could change how northern towns heat their homes in winter."
    )
    lines = [
        full,
        "A paragraph that is between the two and says other things.",
        "Scientists in Norway have found a way to store sol...",
    ]
    assert clean("\n".join(lines) + "\n").markdown.count("Scientists") == 1


def test_an_expanded_teaser_is_the_full_paragraph_for_later_teasers() -> None:
    """Once a teaser holds its paragraph, a later, longer teaser of it goes (as a rerun sees)."""
    full = (
        "Scientists in Norway have found a way to store solar heat in salt for months, "
        "which could change how northern towns heat their homes in winter."
    )
    other = "A paragraph that is between the two and says other things."
    lines = [
        "Scientists in Norway have found…",
        other,
        full,
        "Another paragraph that comes between them with other words.",
        "Scientists in Norway have found a way to store solar heat in salt…",
    ]
    result = clean("\n".join(lines) + "\n")
    assert result.markdown.strip().split("\n\n") == [full, other, lines[3]]
    assert clean(result.markdown).markdown == result.markdown


def test_every_teaser_kept_before_the_full_paragraph_goes_with_it() -> None:
    """Two teasers cut at different letters, then the paragraph: one place, one text."""
    full = (
        "Scientists in Norway have found a way to store solar heat in salt for months, "
        "which could change how northern towns heat their homes in winter."
    )
    other = "A paragraph that is between the two and says other things."
    lines = ["Scientists in Norway have fou…", other, "Scientists in Norway have found…", full]
    result = clean("\n".join(lines) + "\n")
    assert result.markdown.strip().split("\n\n") == [full, other]
    assert clean(result.markdown).markdown == result.markdown


def test_a_label_seen_many_times_still_goes_in_a_pasted_run() -> None:
    """Its originals are its nearest places, not the first few of an article full of them."""
    sections = [
        [f"Section {n} begins with a sentence of its own, number {n}.", "Photo",
         f"And section {n} ends with another sentence that is unique, {n}."]
        for n in range(20)
    ]  # fmt: skip
    pasted = sections[19]  # the last section, pasted again: its label goes with it
    lines = [line for section in sections for line in section] + pasted
    result = clean("\n".join(lines) + "\n")
    assert result.markdown.count("Photo") == 20
    assert "short label in a repeated run" in {r.reason for r in result.report.removed}
    assert clean(result.markdown).markdown == result.markdown


def test_a_quote_pasted_again_takes_its_attribution_line_with_it() -> None:
    """The report names what went: the attribution line, not a "short label"."""
    quote = "« We will open the quay in the spring, two years later than planned, we said. »"
    who = "— Jane Doe, Harbour Authority"
    other = "Another paragraph stands between them, with words of its own and no repeats."
    result = clean("\n".join([quote, who, other, quote, who]) + "\n")
    assert result.markdown == f"> {quote}\n>\n> {who}\n\n{other}\n"
    assert [(r.position, r.reason) for r in result.report.removed] == [
        (4, "exact repeat"),
        (5, "attribution line in a repeated run"),
    ]


def test_teasers_growing_longer_end_in_one_place() -> None:
    """Each longer teaser moves into the first one's place, which stays a teaser."""
    cuts = [
        "Scientists in Norway have found…",
        "Scientists in Norway have found a way to store…",
        "Scientists in Norway have found a way to store solar heat in salt…",
    ]
    other = "A paragraph that is between the two and says other things."
    again = "Another paragraph between them, which says other things again."
    result = clean("\n".join([cuts[0], other, cuts[1], again, cuts[2]]) + "\n")
    assert result.markdown.strip().split("\n\n") == [cuts[2], other, again]
    assert clean(result.markdown).markdown == result.markdown


def test_natural_prefix_without_ellipsis_is_kept() -> None:
    """An article may repeat its lead sentence inside a longer paragraph: that is content."""
    lines = [
        "The river rose by two metres overnight.",
        "Another paragraph stands between them, with other words.",
        "The river rose by two metres overnight. Farmers moved their cattle to higher ground.",
    ]
    result = clean("\n".join(lines) + "\n")
    assert result.report.removed == ()


def test_glued_blocks_are_a_repeat() -> None:
    a = "The first paragraph has its own words and a full stop."
    b = "The second paragraph follows it with different words entirely."
    lines = [a, b, "Something new in between the original and the glued copy.", f"{a} {b}"]
    result = clean("\n".join(lines) + "\n")
    assert result.markdown.count("first paragraph") == 1
    assert "glued" in result.report.removed[0].reason


def test_template_lines_are_all_kept() -> None:
    lines = [
        f"Match {n}: Rovers {n % 5} - {(n * 7) % 4} United, attendance {1000 + n * 37}"
        for n in range(300)
    ]
    result = clean("\n".join(lines) + "\n")
    assert result.report.removed == ()
    assert result.report.blocks_out == 300


def test_a_key_shared_by_many_blocks_stops_bringing_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Template lines that all start alike cost no comparisons once their key is full."""
    calls = []
    monkeypatch.setattr(whitelist, "extract", lambda *a, **k: calls.append(a) or [])
    lines = [
        f"Ligue 1, 6e journée : Club{n} {n % 5}-{n % 3} Other{n} (buts : Name{n} {n}e)"
        for n in range(2000)
    ]
    result = clean("\n".join(lines) + "\n")
    assert result.report.blocks_out == 2000
    assert 0 < len(calls) < candidates.POSTINGS


@pytest.mark.parametrize("line", ["Photo", "a", "#"])
def test_the_label_pass_grows_linearly_with_repeated_labels(
    monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    """Thousands of one-word lines: the pass looks at each a bounded number of times (counted,
    not timed). Before, each removal next to the label's first place queued every later place
    again: 4,000 ``Photo`` lines took 1.7 s, a million ``a`` lines were killed at 120 s."""
    looks: list[int] = []
    kept = labels.LabelRuns._kept

    def counted(self: labels.LabelRuns, j: int) -> bool:
        looks.append(j)
        return kept(self, j)

    monkeypatch.setattr(labels.LabelRuns, "_kept", counted)
    outputs = []
    for count in (1000, 2000):
        looks.clear()
        outputs.append(clean(f"{line}\n" * count).markdown)
        assert len(looks) <= 10 * count
    assert outputs[0] == outputs[1]  # only the first copies stay, whatever the count


@pytest.mark.parametrize(
    ("a", "b", "harmless"),
    [
        ("the freeodm: of", "the freedom: of", True),
        ("in Barcleona-Catalunya,", "in Barcelona-Catalunya,", True),
        ("cost 12 m", "cost 21 m", False),  # digits never count as a typo
        ("an olde car", "an oled car", False),  # "olde" is a short word
        ("a word", "a word more", False),
    ],
)
def test_difference_whitelist(a: str, b: str, harmless: bool) -> None:
    assert (difference(a, b) == "") is harmless


@pytest.mark.parametrize(
    ("a", "b", "said"),
    [
        ("Crowds in Queens, 12 deep", "Crowds in Patrick, 12 deep", "'Queens,' became 'Patrick,'"),
        ("The “Mayor” said it was done", "the Mayor said it was not done", "'not' added"),
        ("« Non » a dit Jean", "Non a dit Marie", "'Jean' became 'Marie'"),
        ("a b c d e f g", "a x c y e z g w", "'b' became 'x'; 'd' became 'y'; 'f' became 'z'; "
         "and 1 more difference"),
    ],
)  # fmt: skip
def test_difference_is_named_in_the_words_as_written(a: str, b: str, said: str) -> None:
    """Aligned by normal form (case and quote marks never count), shown as the text has it."""
    assert difference(a, b) == said


def test_clean_articles_come_out_whole() -> None:
    for lang, filler in FILLER.items():
        text = "\n".join([*filler, ORIGINAL[lang]]) + "\n"
        result = clean(text, Options(tag=False))
        assert result.report.removed == ()
        assert result.markdown == "\n\n".join([*filler, ORIGINAL[lang]]) + "\n"


def test_hidden_characters_are_reported_and_kept() -> None:
    text = "Pay to account \u202e1234\u202c today, said the bank.\nA zero\u200bwidth join.\n"
    result = clean(text)
    assert "\u202e" in result.markdown and "\u200b" in result.markdown
    bidi, zero = result.report.warnings
    assert bidi.startswith("2 bidirectional control") and "line 1" in bidi
    assert zero.startswith("1 zero-width") and "line 2" in zero
