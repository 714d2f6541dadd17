"""A small made-up crawl for the site boilerplate tests: pages of one site, each an article
wrapped in the site's chrome, with the truth of which lines are which.

Not the eval's generator: other words, other chrome, other layouts, so that the tests check
the idea (same text, same template, links to titles) rather than one generator's choices.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

WORDS = [
    "council",
    "harbour",
    "budget",
    "river",
    "school",
    "station",
    "market",
    "winter",
    "report",
    "plan",
    "vote",
    "bridge",
    "festival",
    "museum",
    "tram",
    "library",
    "hospital",
    "farmers",
    "teachers",
    "drivers",
    "water",
    "energy",
    "housing",
    "rents",
    "prices",
    "workers",
    "union",
    "court",
    "judge",
    "mayor",
    "region",
    "village",
    "coast",
    "forest",
    "road",
]
VERBS = [
    "approved",
    "rejected",
    "delayed",
    "expanded",
    "debated",
    "funded",
    "reviewed",
    "opened",
    "closed",
]
NAMES = ["Ada Moreau", "Ben Okafor", "Chloe Lindqvist", "Dan Weiss", "Eva Novak", "Femi Adeyemi"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Page:
    url: str
    text: str
    title: str
    content: list[str]
    chrome: list[str]


def sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words - 2)]
    return f"The {picked[0]} {rng.choice(VERBS)} " + " ".join(picked[1:]) + "."


def crawl(pages: int = 14, seed: int = 3, host: str = "news.example") -> list[Page]:
    """``pages`` pages of one site; page 1 quotes a paragraph of page 0, and pages 2 and 3
    share a section heading: content that a few pages share."""
    rng = random.Random(seed)
    titles = [f"{rng.choice(WORDS).title()} {rng.choice(VERBS)} after {n + 2} weeks of talks"
              for n in range(pages)]  # fmt: skip
    bodies = [[sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(4, 8))]
              for _ in range(pages)]  # fmt: skip
    bodies[1 % pages].insert(2, bodies[0][1])
    for k in (2, 3):
        bodies[k % pages].insert(2, "What the council said")
    out = []
    for n in range(pages):
        others = [t for k, t in enumerate(titles) if k != n]
        byline = f"Written by {rng.choice(NAMES)} on {rng.randint(1, 28)} {rng.choice(MONTHS)} 2024"
        chrome_top = ["Front page / Local / Sport / Weather", "We use cookies. Accept or refuse."]
        chrome_mid = [byline, "Share: mail / print / copy link"]
        related = ["Also on this site", *rng.sample(others, min(3, len(others)))]
        chrome_end = [*related, f"{rng.randint(2, 400)} reader comments",
                      "© 2024 Example Local News"]  # fmt: skip
        lines = chrome_top + [titles[n]] + chrome_mid + bodies[n] + chrome_end
        out.append(Page(f"https://{host}/story/{n}", "\n".join(lines) + "\n", titles[n],
                        [titles[n], *bodies[n]], chrome_top + chrome_mid + chrome_end))  # fmt: skip
    return out
