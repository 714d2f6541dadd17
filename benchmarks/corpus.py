"""Deterministic benchmark inputs: scraped-news dumps in the seed's style, and template lines.

``mixed``: articles of 15-20 KB concatenated, one paragraph per line (one article in eight
blank-line separated and hard-wrapped), in French words taken from the seed. Each article holds
headings, pull quotes with attributions, site boilerplate that recurs in every article, and
the repeats a scraper produces: exact copies, copied runs of paragraphs, near copies (quote
marks, spacing, case, an agency credit, two letters swapped, mojibake) and hard negatives
(a copy with one figure or one name changed: different content, to be kept).

``adversarial``: sports results that all look alike (same opening, same shape, same teams)
but each line is unique content: nothing may be removed, and nothing may go quadratic.

The same size and kind always give the same bytes (``random.Random`` with a string seed).
"""

from __future__ import annotations

import random
import re
import textwrap
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed.txt"
_WORD = re.compile(r"[^\W\d_]+(?:’[^\W\d_]+)?")
_CP1252 = [bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256)]
BOILERPLATE = (
    "Lire aussi : notre dossier complet sur la guerre en Ukraine",
    "Abonnez-vous à notre newsletter pour recevoir l’essentiel de l’actualité chaque matin.",
    "Photo : AFP",
    "Publicité",
    "Partager sur Facebook Partager sur X Copier le lien",
    "Cet article vous a été offert par la rédaction. Soutenez un journalisme indépendant.",
)
_TEAMS = (
    "Lyon", "Marseille", "Nice", "Lens", "Rennes", "Lille", "Monaco", "Nantes", "Reims",
    "Brest", "Toulouse", "Strasbourg", "Montpellier", "Auxerre", "Angers", "Le Havre",
    "Saint-Étienne", "Paris SG",
)  # fmt: skip
_PLAYERS = (
    "Dupont", "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand",
    "Morel", "Fournier", "Girard", "Bonnet", "Lambert", "Fontaine", "Rousseau", "Vincent",
)  # fmt: skip


def _vocabulary() -> tuple[list[str], list[str]]:
    words = _WORD.findall(SEED.read_text(encoding="utf-8"))
    lower = sorted({w for w in words if w.islower() and len(w) > 1})
    names = sorted({w for w in words if w[0].isupper() and w[1:].islower() and len(w) > 3})
    return lower, names + list(_PLAYERS)


class _Writer:
    """One generator state: the vocabulary and a seeded random source."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.words, self.names = _vocabulary()

    def sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(self.words) for _ in range(rng.randint(8, 28))]
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(words))
            words[at] = rng.choice(self.names) if rng.random() < 0.6 else self.figure()
        if rng.random() < 0.25:
            at = rng.randrange(len(words) - 3)
            words[at] = "“" + words[at]
            words[at + 3] += "”"
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice("....!?")

    def figure(self) -> str:
        rng = self.rng
        return rng.choice(
            (f"{rng.randint(2, 99)},{rng.randint(1, 9)} milliards", str(rng.randint(2, 2030)),
             f"{rng.randint(2, 95)} %", f"le {rng.randint(1, 28)} novembre")
        )  # fmt: skip

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))

    def heading(self) -> str:
        words = [self.rng.choice(self.words) for _ in range(self.rng.randint(3, 8))]
        words[self.rng.randrange(len(words))] = self.rng.choice(self.names)
        return " ".join(words).capitalize()

    def near_copy(self, text: str) -> str:
        """A copy that differs only in ways articlefix must see through."""
        rng = self.rng
        kind = rng.randrange(6)
        if kind == 0:
            return text.replace("’", "'").replace("“", '"').replace("”", '"')
        if kind == 1:
            return text.replace(" ", "  ", 3) + " "
        if kind == 2:
            return text.upper() if len(text) < 80 else text[0].lower() + text[1:]
        if kind == 3:
            return text + " (AFP)"
        if kind == 4:
            return "".join(_CP1252[b] for b in text.encode("utf-8"))  # UTF-8 read as cp1252
        long = [w for w in text.split() if w.isalpha() and len(w) > 6]
        if not long:
            return text
        word = rng.choice(long)
        at = rng.randrange(1, len(word) - 2)
        swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        return text.replace(word, swapped, 1)

    def hard_negative(self, text: str) -> str:
        """One figure or one name changed: looks like a copy, is new content."""
        words = text.split()
        at = self.rng.randrange(len(words))
        words[at] = self.figure() if self.rng.random() < 0.5 else self.rng.choice(self.names)
        return " ".join(words)

    def article(self) -> str:
        rng = self.rng
        lines = [self.heading()]
        for n in range(rng.randint(28, 40)):
            if n and n % 7 == 0:
                lines.append(self.heading())
            lines.append(self.paragraph())
            if rng.random() < 0.06:
                quote = "“" + self.sentence() + "”"
                lines += [quote, f"{rng.choice(self.names)}, {self.heading()}"]
            if rng.random() < 0.05:
                lines.append(rng.choice(BOILERPLATE))
            if n > 4:
                lines += self.repeats(lines)
        if rng.random() < 0.125:
            return "\n\n".join(textwrap.fill(line, 72) for line in lines)
        return "\n".join(lines)

    def repeats(self, lines: list[str]) -> list[str]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.06:
            return [rng.choice(lines[:-1])]
        if roll < 0.08:
            start = rng.randrange(len(lines) - 4)
            return lines[start : start + rng.randint(3, 6)]
        if roll < 0.13:
            return [self.near_copy(rng.choice(lines[:-1]))]
        if roll < 0.17:
            return [self.hard_negative(rng.choice(lines[:-1]))]
        return []


def mixed(size: int) -> bytes:
    """``size`` bytes (to the last whole line) of concatenated articles."""
    writer = _Writer(f"mixed-{size}")
    parts: list[bytes] = []
    total = 0
    while total < size:
        part = (writer.article() + "\n\n").encode("utf-8")
        parts.append(part)
        total += len(part)
    return _cut(b"".join(parts), size)


def adversarial(size: int) -> bytes:
    """``size`` bytes of sports results: one shape, every line unique."""
    writer = _Writer(f"adversarial-{size}")
    rng, seen, lines, total = writer.rng, set(), [], 0
    while total < size:
        home, away = rng.sample(_TEAMS, 2)
        goals = [f"{rng.choice(_PLAYERS)} {rng.randint(1, 90)}e" for _ in range(rng.randint(1, 3))]
        line = (
            f"Ligue 1, {rng.randint(1, 38)}e journée : {home} {rng.randint(0, 5)}-"
            f"{rng.randint(0, 5)} {away} (buts : {', '.join(goals)})"
        )
        if line not in seen:
            seen.add(line)
            lines.append(line)
            total += len(line.encode("utf-8")) + 1
    return _cut("\n".join(lines).encode("utf-8") + b"\n", size)


def _cut(data: bytes, size: int) -> bytes:
    end = data.rfind(b"\n", 0, size + 1)
    return data[: end + 1] if end > 0 else data


KINDS = {"mixed": mixed, "adversarial": adversarial}


def ensure(kind: str, size: int, folder: Path) -> Path:
    """The input file, generated once and reused (same bytes every time)."""
    path = folder / f"{kind}-{size}.txt"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(KINDS[kind](size))
        tmp.replace(path)
    return path
