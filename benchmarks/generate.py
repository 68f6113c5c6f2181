"""Generate realistic English news articles about country pairs, with the facts they state.

A benchmark corpus of any size, deterministic from a seed and streamed (never
held in memory): wire stories on visits and agreements, ministry press
releases with bulleted outcomes, business press quoting customs figures, and
embassy pages. Most sentences state nothing in scope, as in real news. Each
article comes with its gold records (the spec's JSON Lines records, evidence
offsets included) and each gold record names the world fact it reports.

The facts live in a small seeded world: per country pair a trade series, an
investment and aid series, visitor, worker, student, company and flight
counts, and a calendar of visits, summits, agreements, upgrades, meetings and
credentials. Articles report these facts the way the press does, so the same
fact repeats across articles with realistic disagreement: rounding ("about
$1.2 billion"), a second statistics source with its own figure (a trade
association against customs), pledged packages against disbursed aid,
cumulative totals against annual flows, and now and then a digit error
(x10, transposed digits). Gold records carry ``fact`` (the world fact's id),
``truth`` (its value) and ``variant`` (how the text departs from it).

As a library (other benchmarks import it)::

    from generate import iter_articles          # with benchmarks/ on sys.path
    for article in iter_articles(1000, seed=7):
        article.id, article.text, article.published, article.gold()

On the command line::

    python benchmarks/generate.py 1000 --seed 7 --format jsonl --out corpus.jsonl --gold gold.jsonl
    python benchmarks/generate.py 200 --format txt --out corpus/ [--per-folder 1000] [--facts facts.jsonl]

``--format txt`` writes ``<id>.txt`` files with ``.meta.json`` sidecars (like
``examples/en``); gold ``doc`` fields are then the ids ``bilateral`` gives
those files when it reads the folder (the path relative to it). ``jsonl``
writes one article a line: ``{"id", "text", "published", "url", "title",
"publisher", "language", "pair", "style"}``. Article ``i`` depends only on
``(seed, i)``: the first k articles of n are the k articles of k.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import json
import math
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# --- Countries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    code: str
    name: str                      # as the press writes it most
    formal: str                    # a formal name ("the Republic of Korea")
    demonym: str
    capital: str
    head: str                      # title of the head of government the press names
    given: tuple[str, ...]         # name parts: invented people, never real ones
    family: tuple[str, ...]
    family_first: bool
    customs: str                   # the official source of trade statistics
    association: str               # a second source with its own trade figures
    agency: str                    # who gives aid or promotes investment
    wire: str                      # a (fictional) news agency at home
    currency: str | None = None    # a currency its press quotes ("KRW")
    per_usd: float = 1.0


COUNTRIES: dict[str, Country] = {c.code: c for c in [
    Country("KH", "Cambodia", "the Kingdom of Cambodia", "Cambodian", "Phnom Penh", "Prime Minister",
            ("Vanna", "Sophal", "Dara", "Sothea", "Bunthoeun", "Chanthy", "Rithy", "Sokha"),
            ("Sok", "Chea", "Prak", "Sar", "Keo", "Meas", "Ouk", "Tep"), True,
            "the General Department of Customs and Excise", "the Cambodia Chamber of Commerce",
            "the Council for the Development of Cambodia", "Mekong Wire"),
    Country("KR", "South Korea", "the Republic of Korea", "Korean", "Seoul", "President",
            ("Min-jun", "Seo-yeon", "Ji-hoon", "Hye-jin", "Dong-hyun", "Young-soo", "Sung-ho"),
            ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon", "Han"), True,
            "the Korea Customs Service", "the Korea International Trade Association", "KOICA",
            "Han River News", "KRW", 1300.0),
    Country("VN", "Vietnam", "the Socialist Republic of Vietnam", "Vietnamese", "Hanoi", "Prime Minister",
            ("Van Duc", "Thi Lan", "Minh Tuan", "Quoc Hung", "Thanh Son", "Huu Nghia"),
            ("Nguyen", "Tran", "Le", "Pham", "Vo", "Hoang", "Dang"), True,
            "the General Department of Vietnam Customs", "the Vietnam Chamber of Commerce and Industry",
            "the Foreign Investment Agency", "Red River Newswire"),
    Country("JP", "Japan", "Japan", "Japanese", "Tokyo", "Prime Minister",
            ("Hiroshi", "Kenji", "Yoko", "Takeshi", "Naoko", "Shinji", "Emiko"),
            ("Tanaka", "Suzuki", "Watanabe", "Ito", "Nakamura", "Kobayashi", "Yamada"), False,
            "the Ministry of Finance in Tokyo", "the Japan External Trade Organization", "JICA",
            "Pacific Press Agency", "JPY", 140.0),
    Country("KE", "Kenya", "the Republic of Kenya", "Kenyan", "Nairobi", "President",
            ("David", "Grace", "Samuel", "Mercy", "Peter", "Faith", "Joseph"),
            ("Kamau", "Otieno", "Wanjiru", "Mwangi", "Kiprop", "Achieng", "Njoroge"), False,
            "the Kenya National Bureau of Statistics", "the Kenya Association of Manufacturers",
            "the Kenya Investment Authority", "East Africa Wire"),
    Country("CN", "China", "the People's Republic of China", "Chinese", "Beijing", "Premier",
            ("Wei", "Jianguo", "Xiaoming", "Haiyan", "Guoqiang", "Lihua"),
            ("Wang", "Zhang", "Liu", "Chen", "Zhao", "Huang", "Zhou"), True,
            "the General Administration of Customs in Beijing", "the Ministry of Commerce in Beijing",
            "the China International Development Cooperation Agency", "Great Wall Newswire", "CNY", 7.1),
    Country("LA", "Laos", "the Lao People's Democratic Republic", "Lao", "Vientiane", "Prime Minister",
            ("Bounmy", "Somsack", "Khamphao", "Viengthong", "Phonesavanh", "Sengphet"),
            ("Phommachanh", "Keomany", "Vongsay", "Chanthavong", "Sayavong", "Inthavong"), False,
            "the Lao Ministry of Industry and Commerce", "the Lao National Chamber of Commerce",
            "the Investment Promotion Department in Vientiane", "Vientiane Wire"),
    Country("TH", "Thailand", "the Kingdom of Thailand", "Thai", "Bangkok", "Prime Minister",
            ("Somchai", "Pimchanok", "Kittisak", "Wanida", "Surachai", "Nattaya"),
            ("Srisuk", "Chaiyaporn", "Thongdee", "Rattanakul", "Boonmee", "Sukprasert"), False,
            "the Thai Commerce Ministry", "the Thai Chamber of Commerce",
            "the Thailand International Cooperation Agency", "Chao Phraya Press", "THB", 35.0),
    Country("ID", "Indonesia", "the Republic of Indonesia", "Indonesian", "Jakarta", "President",
            ("Budi", "Sri", "Agus", "Retno", "Joko", "Dewi", "Hendra"),
            ("Santoso", "Wibowo", "Hartono", "Lestari", "Kusuma", "Pratama", "Siregar"), False,
            "Statistics Indonesia", "the Indonesian Chamber of Commerce and Industry",
            "the Investment Coordinating Board", "Nusantara Wire"),
    Country("AU", "Australia", "the Commonwealth of Australia", "Australian", "Canberra", "Prime Minister",
            ("James", "Sarah", "Michael", "Emma", "Andrew", "Claire", "Daniel"),
            ("Mitchell", "Thompson", "Walsh", "Campbell", "Harris", "Reid", "Fletcher"), False,
            "the Australian Bureau of Statistics", "the Department of Foreign Affairs and Trade",
            "the Department of Foreign Affairs and Trade", "Southern Cross Press", "AUD", 1.5),
    Country("PH", "the Philippines", "the Republic of the Philippines", "Filipino", "Manila", "President",
            ("Jose", "Maria", "Ramon", "Cristina", "Antonio", "Teresa", "Rodel"),
            ("Santos", "Reyes", "Cruz", "Bautista", "Villanueva", "Mendoza", "Ramos"), False,
            "the Philippine Statistics Authority", "the Philippine Exporters Confederation",
            "the Board of Investments in Manila", "Archipelago Newswire"),
    Country("MN", "Mongolia", "Mongolia", "Mongolian", "Ulaanbaatar", "Prime Minister",
            ("Batbold", "Enkhbayar", "Oyuntsetseg", "Tsendsuren", "Ganzorig", "Altantsetseg"),
            ("Dorj", "Erdene", "Bat-Ochir", "Tumur", "Gombo", "Sukhbaatar"), False,
            "the Mongolian Customs General Administration", "the Mongolian National Chamber of Commerce",
            "the Invest Mongolia Agency", "Steppe News Agency"),
    Country("BD", "Bangladesh", "the People's Republic of Bangladesh", "Bangladeshi", "Dhaka", "Prime Minister",
            ("Abdul", "Nasreen", "Mohammad", "Farida", "Kamal", "Shirin", "Tanvir"),
            ("Rahman", "Hossain", "Chowdhury", "Ahmed", "Karim", "Sultana", "Haque"), False,
            "the Bangladesh Bureau of Statistics", "the Federation of Bangladesh Chambers of Commerce",
            "the Bangladesh Investment Development Authority", "Delta News Service"),
    Country("IN", "India", "the Republic of India", "Indian", "New Delhi", "Prime Minister",
            ("Rajesh", "Anita", "Vikram", "Priya", "Suresh", "Meena", "Arvind"),
            ("Sharma", "Iyer", "Mehta", "Nair", "Gupta", "Rao", "Kulkarni"), False,
            "the Commerce Ministry in New Delhi", "the Confederation of Indian Industry",
            "the Development Partnership Administration", "Subcontinent Press", "INR", 83.0),
    Country("BR", "Brazil", "the Federative Republic of Brazil", "Brazilian", "Brasilia", "President",
            ("João", "Ana", "Carlos", "Mariana", "Paulo", "Luiza", "Rafael"),
            ("Silva", "Oliveira", "Souza", "Pereira", "Almeida", "Ferreira", "Barbosa"), False,
            "the Foreign Trade Secretariat in Brasilia", "the Brazilian Foreign Trade Association",
            "the Brazilian Trade and Investment Promotion Agency", "Planalto Wire"),
    Country("GH", "Ghana", "the Republic of Ghana", "Ghanaian", "Accra", "President",
            ("Kwame", "Ama", "Kofi", "Akosua", "Yaw", "Efua", "Kwabena"),
            ("Mensah", "Owusu", "Boateng", "Asante", "Osei", "Addo", "Darko"), False,
            "the Ghana Statistical Service", "the Association of Ghana Industries",
            "the Ghana Investment Promotion Centre", "Gold Coast Wire"),
    Country("DE", "Germany", "the Federal Republic of Germany", "German", "Berlin", "Chancellor",
            ("Thomas", "Katrin", "Stefan", "Julia", "Markus", "Anja", "Florian"),
            ("Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner", "Krause"), False,
            "the Federal Statistical Office in Wiesbaden", "the German Chamber of Commerce Abroad",
            "the German development agency GIZ", "Rhine Press Agency", "EUR", 0.92),
]}

# (host, partner, weight): the partner is the richer side of the pair (investor,
# donor, destination of workers and students); the host receives its visitors.
PAIRS: tuple[tuple[str, str, int], ...] = (
    ("KH", "KR", 8), ("VN", "JP", 3), ("KE", "CN", 3), ("LA", "TH", 2), ("ID", "AU", 2),
    ("PH", "JP", 2), ("MN", "KR", 2), ("BD", "IN", 2), ("BR", "CN", 2), ("KH", "JP", 2),
    ("VN", "KR", 2), ("GH", "DE", 1), ("LA", "CN", 1), ("KH", "CN", 2),
)
_PAIR_CUM = list(__import__("itertools").accumulate(w for _, _, w in PAIRS))

FIRST_YEAR, LAST_YEAR = 1995, 2025      # the world's series
PUB_FIRST, PUB_LAST = 2008, 2025         # publication dates
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MON = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
           "eleventh", "twelfth")


def ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def sym(a: str, b: str) -> tuple[str, str]:
    """A symmetric pair in alphabetical order, as the spec writes it."""
    return (a, b) if a <= b else (b, a)


# --- The world: facts that articles report -------------------------------------------------------


@dataclass(frozen=True)
class WorldEvent:
    id: str
    event: str
    date: dt.date
    frm: str
    to: str
    actors: tuple[str, ...] = ()
    days: int = 1
    detail: str = ""           # the agreement's name, the new partnership level, ...
    pledge: float = 0.0        # aid pledged on the occasion (USD), 0 if none
    pledge_years: tuple[int, int] = (0, 0)


@dataclass
class PairWorld:
    host: Country
    partner: Country
    established: dt.date
    severed: int | None
    restored: int | None
    embassy: int                                   # partner's embassy opened in the host's capital
    trade: dict[int, float]                        # two-way trade, USD
    host_exports: dict[int, float]                 # host -> partner, USD
    fdi: dict[int, float]                          # partner -> host, annual approvals, USD
    oda: dict[int, float]                          # partner -> host, disbursed, USD
    arrivals: dict[int, int]                       # partner's visitors in host
    workers: dict[int, int]                        # host's workers in partner, end of year
    students: dict[int, int]                       # host's students in partner
    companies: dict[int, int]                      # partner's companies in host
    flights: dict[int, int]                        # direct flights a week
    events: list[WorldEvent]
    noise: int                                     # seeds per-pair second sources and partial years

    @property
    def key(self) -> str:
        return f"{self.host.code}-{self.partner.code}"

    def since_start(self) -> int:
        return self.restored or self.established.year

    def cumulative(self, series: dict[int, float], start: int, end: int) -> float:
        return sum(v for y, v in series.items() if start <= y <= end)

    def partial(self, name: str, year: int, months: int) -> float:
        """The first ``months`` months of ``year`` of series ``name``: a share of the year, its own seasonality."""
        r = random.Random(f"{self.noise}/{name}/{year}/{months}")
        return getattr(self, name)[year] * months / 12 * r.uniform(0.9, 1.08)

    def source_figure(self, year: int, source: str) -> float:
        """A second source's trade figure: its own, stable from article to article."""
        r = random.Random(f"{self.noise}/{source}/{year}")
        return self.trade[year] * (1 + r.choice((-1, 1)) * r.uniform(0.06, 0.35))


def _series(rng: random.Random, base: float, growth: tuple[float, float], covid: float = 1.0,
            start: int = FIRST_YEAR) -> dict[int, float]:
    out, v = {}, base
    for year in range(start, LAST_YEAR + 1):
        v *= 1 + rng.uniform(*growth)
        out[year] = v * (covid if year in (2020, 2021) else 1.0)
    return out


class World:
    """Facts of every pair and country, made on first use from the seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    @functools.cache  # noqa: B019 - one World per seed, kept for the process's life on purpose
    def leaders(self, code: str, office: str) -> tuple[tuple[int, str], ...]:
        """(first year, name) of each holder of ``office`` in country ``code``."""
        c = COUNTRIES[code]
        rng = random.Random(f"{self.seed}/leaders/{code}/{office}")
        out, year = [], 1988
        while year <= LAST_YEAR + 1:
            first, last = rng.choice(c.given), rng.choice(c.family)
            out.append((year, f"{last} {first}" if c.family_first else f"{first} {last}"))
            year += rng.randint(3, 8)
        return tuple(out)

    def leader(self, code: str, when: dt.date, office: str = "head") -> str:
        name = ""
        for year, who in self.leaders(code, office):
            if year <= when.year:
                name = who
        return name

    @functools.cache  # noqa: B019
    def gdp_growth(self, code: str) -> dict[int, float]:
        rng = random.Random(f"{self.seed}/gdp/{code}")
        trend = rng.uniform(1.5, 7.5)
        out = {y: round(trend + rng.gauss(0, 1.1), 1) for y in range(FIRST_YEAR, LAST_YEAR + 2)}
        out[2020] = round(rng.uniform(-6.5, -0.5), 1)
        return out

    @functools.cache  # noqa: B019
    def pair(self, host: str, partner: str) -> PairWorld:
        rng = random.Random(f"{self.seed}/pair/{host}-{partner}")
        h, p = COUNTRIES[host], COUNTRIES[partner]
        est_year = rng.randint(1950, 1992)
        established = dt.date(est_year, rng.randint(1, 12), rng.randint(1, 28))
        severed = restored = None
        if rng.random() < 0.35 and est_year < 1985:
            severed = rng.randint(est_year + 2, min(est_year + 15, 1990))
            restored = rng.randint(severed + 3, 1997)
        embassy = rng.randint(max(restored or est_year, 1990), 2005)
        trade = _series(rng, rng.uniform(4e7, 2e9), (-0.06, 0.2), 0.85)
        share = rng.uniform(0.15, 0.45)
        host_exports = {y: v * min(0.9, share * rng.uniform(0.85, 1.15) * (1 + (y - 1995) * 0.01))
                        for y, v in trade.items()}
        fdi = {y: v * rng.uniform(0.02, 0.12) for y, v in trade.items()}
        oda = _series(rng, rng.uniform(5e6, 8e7), (-0.1, 0.18), 1.1)
        arrivals = {y: int(v) for y, v in _series(rng, rng.uniform(1e4, 4e5), (-0.05, 0.2), 0.12).items()}
        workers = {y: int(v) for y, v in _series(rng, rng.uniform(300, 8000), (0.0, 0.22), 0.8).items()}
        students = {y: int(v) for y, v in _series(rng, rng.uniform(50, 1500), (0.0, 0.15)).items()}
        companies = {y: int(v) for y, v in _series(rng, rng.uniform(20, 300), (0.0, 0.12)).items()}
        flights = {y: max(2, int(v)) for y, v in _series(rng, rng.uniform(2, 12), (-0.03, 0.15), 0.2).items()}
        world = PairWorld(h, p, established, severed, restored, embassy, trade, host_exports, fdi, oda,
                          arrivals, workers, students, companies, flights, [], rng.randrange(1 << 30))
        world.events = self._events(world, rng)
        return world

    def _events(self, w: PairWorld, rng: random.Random) -> list[WorldEvent]:
        h, p = w.host.code, w.partner.code
        a, b = sym(h, p)
        events: list[WorldEvent] = []

        def add(kind: str, date: dt.date, frm: str, to: str, **kw: Any) -> WorldEvent:
            ev = WorldEvent(f"{w.key}/{kind}/{date.isoformat()}/{frm}", kind, date, frm, to, **kw)
            events.append(ev)
            return ev

        fta = rng.randint(2009, 2023) if rng.random() < 0.6 else None
        upgrade = rng.randint(2012, 2025) if rng.random() < 0.7 else None
        for year in range(2004, LAST_YEAR + 1):
            if rng.random() < 0.55:
                visitor, host = (h, p) if rng.random() < 0.55 else (p, h)
                day = dt.date(year, rng.randint(1, 12), rng.randint(1, 25))
                who, met = self.leader(visitor, day), self.leader(host, day)
                pledge, years = 0.0, (0, 0)
                if rng.random() < 0.5:
                    pledge = round(w.oda.get(year, 5e7) * rng.uniform(2.5, 6) / 1e6) * 1e6
                    years = (year + 1, year + rng.randint(3, 5))
                upgraded = upgrade == year
                add("visit", day, visitor, host, actors=(who,), days=rng.randint(2, 4), pledge=pledge,
                    pledge_years=years, detail="upgrade" if upgraded else "")
                add("summit", day + dt.timedelta(days=1), host, "", actors=(who, met))
                if upgraded:
                    add("partnership.upgraded", day + dt.timedelta(days=1), a, b, actors=(who, met),
                        detail=rng.choice(("a Strategic Partnership", "a Comprehensive Strategic Partnership",
                                           "a Strategic Cooperative Partnership")))
                if fta == year:
                    add("agreement.signed", day + dt.timedelta(days=1), a, b, actors=(),
                        detail=f"the {w.partner.name.removeprefix('the ')}-{w.host.name.removeprefix('the ')} "
                               "Free Trade Agreement")
                    add("agreement.in_force", dt.date(year + 1, rng.choice((1, 7, 12)), 1), a, b,
                        detail="the free trade agreement")
                elif rng.random() < 0.5:
                    add("agreement.signed", day + dt.timedelta(days=1), a, b,
                        detail=rng.choice(("a memorandum of understanding on labour cooperation",
                                           "an agreement on visa exemption for official passports",
                                           "an air services agreement", "a double taxation agreement",
                                           "a memorandum of understanding on rural development",
                                           "a loan agreement for a ring road")))
            if rng.random() < 0.4:
                where = rng.choice((h, p))
                add("meeting", dt.date(year, rng.randint(1, 12), rng.randint(1, 26)), a, b, detail=where)
            if year % 3 == rng.randint(0, 2):
                day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                add("credentials.presented", day, p, h, actors=(self._person(rng, p),))
        events.sort(key=lambda e: e.date)
        return events

    @staticmethod
    def _person(rng: random.Random, code: str) -> str:
        c = COUNTRIES[code]
        first, last = rng.choice(c.given), rng.choice(c.family)
        return f"{last} {first}" if c.family_first else f"{first} {last}"


# --- Writing figures as the press does ------------------------------------------------------------


def _sig(v: float, digits: int, how: Callable[[float], float] = round) -> float:
    if v == 0:
        return 0.0
    scale = 10 ** (digits - 1 - math.floor(math.log10(abs(v))))
    return how(v * scale) / scale


def _num(v: float) -> str:
    """A number without trailing zeros: 1.50 -> 1.5, 12.0 -> 12."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return s


APPROX_WORDS = {"about": ("about", "around", "some", "roughly", "approximately"),
                "over": ("more than", "over"), "under": ("nearly", "almost", "less than")}


@dataclass
class Figure:
    text: str
    value: float
    approx: str | None
    variant: str


def money(v: float, rng: random.Random, *, variant: str | None = None, currency: str = "USD",
          allow_error: bool = True) -> Figure:
    """A money amount written as the press does, and the value the words state."""
    if variant is None:
        roll = rng.random()
        variant = ("exact" if roll < 0.62 else "about" if roll < 0.8 else "over" if roll < 0.9 else "under"
                   if roll < 0.97 or not allow_error else "error")
    approx = variant if variant in APPROX_WORDS else None
    if variant == "exact":
        shown = _sig(v, rng.choice((3, 3, 4)))
    elif variant == "over":
        shown = _sig(v, 2, math.floor)
    elif variant == "under":
        shown = _sig(v, 2, math.ceil)
    else:
        shown = _sig(v, 2)
    if variant == "error":
        shown = _sig(v, 3)
        digits = f"{shown:.6g}"
        swap = [i for i in range(len(digits) - 1) if digits[i].isdigit() and digits[i + 1].isdigit()
                and digits[i] != digits[i + 1]]
        if swap and rng.random() < 0.5:
            i = rng.choice(swap)
            shown = float(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:])
            variant = "transposed"
        else:
            shown = shown * rng.choice((10, 0.1))
            variant = "magnitude"
    scale, word = (1e12, "trillion") if shown >= 1e12 else (1e9, "billion") if shown >= 1e9 else (1e6, "million")
    n = _num(shown / scale)
    if currency == "USD":
        form = rng.random()
        if form < 0.5:
            text = f"${n} {word}"
        elif form < 0.65:
            text = f"US${n} {word}"
        elif form < 0.75 and word != "trillion":
            text = f"${n}{'bn' if word == 'billion' else 'm'}"
        elif form < 0.87:
            text = f"USD {n} {word}"
        else:
            text = f"{n} {word} US dollars"
    else:
        names = {"JPY": "yen", "KRW": "won", "CNY": "yuan", "THB": "baht", "INR": "rupees", "EUR": "euros",
                 "AUD": "Australian dollars"}
        text = f"{currency} {n} {word}" if rng.random() < 0.5 else f"{n} {word} {names[currency]}"
    value = float(f"{shown / scale:.6g}") * scale
    if approx:
        text = f"{rng.choice(APPROX_WORDS[approx])} {text}"
    return Figure(text, value, approx, variant)


def count(v: int, rng: random.Random, *, variant: str | None = None) -> Figure:
    if variant is None:
        roll = rng.random()
        variant = "exact" if roll < 0.55 else "about" if roll < 0.78 else "over" if roll < 0.92 else "under"
    approx = variant if variant in APPROX_WORDS else None
    if variant == "exact":
        shown = float(v)
    else:
        how = {"over": math.floor, "under": math.ceil}.get(variant, round)
        shown = _sig(v, 2, how)
    if shown >= 1e6 and shown % 1e4 == 0:
        text = f"{_num(shown / 1e6)} million"
    else:
        text = f"{int(shown):,}"
    if approx:
        text = f"{rng.choice(APPROX_WORDS[approx])} {text}"
    return Figure(text, shown, approx, variant)


def pct(v: float, rng: random.Random) -> Figure:
    shown = round(abs(v), 1)
    unit = rng.choice((" per cent", " per cent", "%", " percent"))
    return Figure(f"{_num(shown)}{unit}", shown, None, "exact")


# --- Records ------------------------------------------------------------------------------------


def claim(indicator: str, value: float, unit: str, frm: str, to: str | None, *, period: tuple[str | None, str | None]
          | None, measure: str = "level", scope: str = "flow", status: str = "actual", approx: str | None = None,
          fact: str, truth: float | None = None, variant: str = "exact", **extra: Any) -> dict[str, Any]:
    if indicator in ("trade.total", "flights.weekly"):
        frm, to = sym(frm, to or "")
    rec = {"type": "claim", "indicator": indicator, "measure": measure, "value": value, "low": None, "high": None,
           "unit": unit, "period": None if period is None else {"start": period[0], "end": period[1]},
           "scope": scope, "from": frm, "to": to, "status": status, "approx": approx,
           "fact": fact, "truth": value if truth is None else truth, "variant": variant}
    rec.update(extra)
    return rec


def event(ev: WorldEvent, *, date: str | None = None, status: str = "actual", actors: tuple[str, ...] | None = None,
          frm: str | None = None, to: str | None = None) -> dict[str, Any]:
    return {"type": "event", "event": ev.event, "date": date or ev.date.isoformat(),
            "from": frm or ev.frm, "to": (to if to is not None else ev.to) or None,
            "actors": list(ev.actors if actors is None else actors), "status": status, "fact": ev.id}


def fact_id(w: PairWorld, indicator: str, period: tuple[str | None, str | None] | None, *, status: str = "actual",
            scope: str = "flow", measure: str = "level", frm: str = "", to: str = "") -> str:
    span = "" if period is None else f"{period[0] or ''}..{period[1] or ''}"
    return f"{w.key}/{indicator}/{frm}>{to}/{measure}/{scope}/{status}/{span}"


# --- Articles -----------------------------------------------------------------------------------


@dataclass
class Sentence:
    text: str
    records: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Article:
    id: str
    text: str
    published: str
    title: str
    publisher: str
    url: str
    pair: tuple[str, str]
    style: str
    records: list[dict[str, Any]]     # gold records without "doc"

    def meta(self) -> dict[str, Any]:
        """The ``.meta.json`` sidecar of the spec."""
        return {"published": self.published, "url": self.url, "title": self.title, "publisher": self.publisher,
                "language": "en"}

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines form: ``{"id", "text", "published", "url", ...}``."""
        return {"id": self.id, "text": self.text, **self.meta(), "pair": "-".join(self.pair), "style": self.style}

    def gold(self, doc: str | None = None) -> list[dict[str, Any]]:
        """The gold records, with ``doc`` set (to the article id unless given)."""
        return [{**r, "doc": doc or self.id} for r in self.records]


class Writer:
    """Builds one article: paragraphs of sentences, with each sentence's offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.records: list[dict[str, Any]] = []
        self._open = False

    def line(self, *sentences: Sentence | str) -> None:
        """A paragraph (one line) of sentences; a ``str`` is a sentence with nothing in scope."""
        if self.parts:
            self._add("\n")
        for i, s in enumerate(sentences):
            if i:
                self._add(" ")
            s = Sentence(s) if isinstance(s, str) else s
            start = self.size
            self._add(s.text)
            for r in s.records:
                self.records.append({**r, "evidence": {"start": start, "end": self.size, "text": s.text}})

    def _add(self, piece: str) -> None:
        self.parts.append(piece)
        self.size += len(piece)

    def text(self) -> str:
        return "".join(self.parts) + "\n"


class Context:
    """What the templates of one article share."""

    def __init__(self, world: World, w: PairWorld, rng: random.Random, published: dt.date) -> None:
        self.world, self.w, self.rng, self.pub = world, w, rng, published
        self.h, self.p = w.host, w.partner
        self.used: set[str] = set()

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def name(self, c: Country, *, subject: bool = True) -> str:
        """A country as the press names it: its name, mostly; now and then its formal name or capital."""
        roll = self.rng.random()
        if roll < 0.78:
            n = c.name
        elif roll < 0.92:
            n = c.formal
        else:
            n = c.capital if subject else c.name
        return n

    def cap(self, s: str) -> str:
        return s[0].upper() + s[1:]

    def year_words(self, year: int) -> tuple[str, tuple[str, str]]:
        """How the article names a whole year: "in 2023" or "last year"."""
        y = str(year)
        if year == self.pub.year - 1 and self.rng.random() < 0.5:
            return "last year", (y, y)
        return f"in {y}", (y, y)


# Sentences that state nothing in scope: what surrounds the figures in real news.
# They may name the pair's countries and carry numbers (prices, rates, seats) that
# are not indicators of the spec.
OUT_OF_SCOPE = {
    "diplomacy": [
        "The two sides also exchanged views on regional and international issues of common concern.",
        "{hn} officials described the atmosphere as warm and cordial.",
        "Security was tight around the venue, with several streets closed to traffic for the afternoon.",
        "The leaders stressed the importance of a rules-based order in the region.",
        "A joint statement is expected to be issued at the end of the trip.",
        "{hd} diplomats said the programme had been arranged at short notice.",
        "Both sides called for restraint in the South China Sea and for dialogue to settle disputes.",
        "The delegation includes ministers for trade, agriculture and education.",
        "Dozens of students waving small flags lined the road from the airport.",
        "Opposition lawmakers in {pc} questioned the cost of the programme but did not object to it.",
        "Observers said the choice of venue was meant to signal continuity.",
        "The spokesperson declined to say whether security cooperation had been raised.",
        "A state banquet was held in the evening at the Royal Palace, with traditional music and dance.",
        "The foreign ministry said more details would be released in due course.",
        "Human rights groups urged the guests to raise the cases of detained activists.",
    ],
    "economy": [
        "The central bank kept its policy rate at {rate} per cent for a {ordinal} straight meeting.",
        "Consumer prices rose {infl} per cent year on year in {month}, the statistics office said.",
        "The local currency traded at about {fx} to the dollar, little changed from a week earlier.",
        "Fuel prices at the pump went up by {cents} cents a litre over the month.",
        "Garment factories employ hundreds of thousands of workers, most of them women.",
        "Analysts warned that higher shipping costs could squeeze margins for exporters.",
        "Rice farmers in the north-west complained that low prices left them with little profit.",
        "A kilogram of fragrant rice fetched about {price} dollars at the border.",
        "The stock exchange index closed {index} points higher on the day.",
        "The government expects tax revenue to rise as more businesses register.",
        "Economists said a weaker dollar would make imported machinery cheaper.",
        "Electricity tariffs for industrial users will be reviewed in {month}.",
        "The new special economic zone covers {ha} hectares near the port.",
        "Several manufacturers said they were struggling to find skilled technicians.",
        "Tourism operators said hotel occupancy was still below pre-pandemic levels.",
    ],
    "local": [
        "Heavy rain flooded several districts of {hc} on {weekday}, snarling traffic for hours.",
        "The national football team lost {score} in a friendly in front of {crowd} spectators.",
        "Police said {n} people were injured when a bus overturned on a provincial road.",
        "The city plans to plant {trees} trees along the riverside this year.",
        "A new bridge over the river is due to open to traffic next spring.",
        "Schools in the capital will close early for the holiday season.",
        "Health officials reported a rise in dengue cases and urged residents to remove standing water.",
        "The festival drew large crowds to the riverfront over the long weekend.",
        "Power cuts affected parts of the city for up to {hours} hours a day during the dry season.",
        "The ministry said it would hire {n} more teachers for rural schools.",
    ],
    "quote": [
        "\"We are very pleased with the results,\" said {official}, a spokesperson for the ministry.",
        "\"There is still a lot of untapped potential,\" {official} told reporters.",
        "\"Our friendship has stood the test of time,\" {official} said in a speech.",
        "\"We need more direct investment in manufacturing, not only in property,\" said {official}, an economist.",
        "\"Both sides want to see results that ordinary people can feel,\" {official} said.",
        "\"The numbers are encouraging, but the base is still small,\" said {official}, a trade analyst.",
    ],
    "region": [
        "Regional ministers are due to gather later in the year to discuss climate resilience and food security.",
        "Water levels on the river have fallen sharply, worrying fishing communities downstream.",
        "Shipping lines said congestion at the main container ports had eased since the spring.",
        "The development bank cut its growth outlook for the region, citing weak demand in Europe.",
        "Several governments in the region are racing to build data centres and undersea cables.",
        "Migrant rights groups say recruitment fees remain too high and contracts too opaque.",
        "A regional forum on cyber security opened with a call for common standards.",
        "Airlines are adding capacity on regional routes as business travel recovers.",
        "Haze from agricultural fires has returned to several cities, prompting health warnings.",
        "The rainy season arrived late this year, delaying the planting of the main rice crop.",
        "Central banks across the region have been cautious about cutting interest rates.",
        "Demand for electric motorcycles is growing fast in the region's crowded cities.",
        "Scholars at the conference debated how small states can balance between larger powers.",
        "Construction of the new expressway has been slowed by land disputes along its route.",
        "Officials said the new online visa system had cut waiting times at border checkpoints.",
        "Universities are expanding courses taught in English to attract students from abroad.",
    ],
    "embassy": [
        "Home | About the Embassy | Consular Services | News | Contact",
        "Office hours: Monday to Friday, 8:30 to 12:00 and 14:00 to 17:30.",
        "Visa applications are received in the morning only.",
        "A single-entry tourist visa costs {fee} dollars; fees are not refundable.",
        "Address: No. {n}, Street {street}, {hc}.",
        "Telephone: +{tel}",
        "Copyright the Embassy. All rights reserved.",
        "Please bring your passport and two recent photographs.",
    ],
}


def _filler(ctx: Context, group: str, template: str | None = None) -> str:
    rng = ctx.rng
    t = template or rng.choice(OUT_OF_SCOPE[group])
    if "{" not in t:
        return t
    return t.format(
        hn=ctx.h.demonym, hd=ctx.h.demonym, pc=ctx.p.capital, hc=ctx.h.capital, rate=_num(rng.randint(10, 90) / 10),
        ordinal=rng.choice(ORDINAL[1:6]), infl=_num(rng.randint(5, 60) / 10), month=rng.choice(MONTHS),
        cents=rng.randint(2, 15), price=_num(rng.randint(40, 120) / 100), index=_num(rng.randint(1, 300) / 10),
        ha=rng.randrange(200, 3000, 50), weekday=rng.choice(WEEKDAYS), score=f"{rng.randint(0, 3)}-{rng.randint(0, 3)}",
        crowd=f"{rng.randint(5, 60)},{rng.randint(0, 999):03d}", n=rng.randint(3, 400), trees=f"{rng.randrange(500, 9000, 100):,}",
        hours=rng.randint(2, 8), official=ctx.world._person(rng, ctx.rng.choice((ctx.h.code, ctx.p.code))),
        fee=rng.choice((25, 30, 35, 40, 50)), fx=f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}", street=rng.randint(2, 400), tel=f"{rng.randint(20, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(100, 999)} {rng.randint(100, 999)}",
    )


def fillers(ctx: Context, groups: tuple[str, ...], k: int) -> list[str]:
    """``k`` out-of-scope sentences, none repeated within the article."""
    out: list[str] = []
    for _ in range(k * 3):
        if len(out) == k:
            break
        group = ctx.rng.choice(groups)
        template = ctx.rng.choice(OUT_OF_SCOPE[group])
        if template not in ctx.used:
            ctx.used.add(template)
            out.append(_filler(ctx, group, template))
    return out


# --- In-scope sentences: each returns the sentence and its gold records ------------------------


def s_trade_year(ctx: Context, year: int, *, source: str | None = None) -> Sentence:
    """Two-way trade in a year, maybe with its change and a named source."""
    w, rng = ctx.w, ctx.rng
    when, period = ctx.year_words(year)
    truth = w.trade[year]
    variant = None
    if source == "association":
        v = w.source_figure(year, w.partner.association)
        fig = money(v, rng, variant="exact")
        fig.variant = "second_source"
        attributed = w.partner.association
    else:
        fig = money(truth, rng)
        attributed = w.host.customs if source == "customs" else None
    variant = fig.variant
    fid = fact_id(w, "trade.total", period)
    rec = [claim("trade.total", fig.value, "USD", w.host.code, w.partner.code, period=period, approx=fig.approx,
                 fact=fid, truth=truth, variant=variant, **({"attributed_to": attributed} if attributed else {}))]
    a, b = ctx.name(w.host), ctx.name(w.partner, subject=False)
    prev = w.trade.get(year - 1)
    if prev and rng.random() < 0.55 and source != "association":
        change = (truth - prev) / prev * 100
        c = pct(change, rng)
        verb = ctx.pick("rose", "grew", "increased", "climbed") if change >= 0 else ctx.pick("fell", "declined", "dropped")
        rec.append(claim("trade.total", c.value if change >= 0 else -c.value, "percent", w.host.code, w.partner.code,
                         period=period, measure="change_pct", fact=fact_id(w, "trade.total", period, measure="change_pct"),
                         truth=round(change, 1)))
        text = ctx.pick(f"Bilateral trade between {a} and {b} {verb} {c.text} to {fig.text} {when}",
                        f"Two-way trade {verb} {c.text} {when} to {fig.text}")
        text = ctx.cap(text)
    else:
        text = ctx.pick(f"Bilateral trade between {a} and {b} reached {fig.text} {when}",
                        f"Trade between {a} and {b} amounted to {fig.text} {when}",
                        f"Two-way trade stood at {fig.text} {when}",
                        f"{ctx.cap(a)}'s trade with {b} totalled {fig.text} {when}")
    if attributed:
        text += f", according to {attributed}"
    return Sentence(ctx.cap(text) + ".", rec)


def s_trade_partial(ctx: Context, year: int, months: int) -> list[Sentence]:
    """A customs report of the first months of a year: totals, change, both directions."""
    w, rng = ctx.w, ctx.rng
    period = (f"{year}-01", f"{year}-{months:02d}")
    total = w.partial("trade", year, months)
    prev = w.partial("trade", year - 1, months)
    exp = w.partial("host_exports", year, months)
    exp_prev = w.partial("host_exports", year - 1, months)
    imp, imp_prev = total - exp, prev - exp_prev
    if year == ctx.pub.year and rng.random() < 0.5:
        when = f"in the first {COUNT_WORDS[months - 1]} months of the year" if months > 1 else "in January"
    else:
        when = ctx.pick(f"in the first {COUNT_WORDS[months - 1]} months of {year}",
                        f"between January and {MONTHS[months - 1]} {year}")
        if months == 6:
            when = ctx.pick(when, f"in the first half of {year}")
        if months == 1:
            when = f"in January {year}"
    t, c = money(total, rng, variant=ctx.pick("exact", "exact", "about")), pct((total - prev) / prev * 100, rng)
    h, p = w.host.code, w.partner.code
    up = total >= prev
    verb = ctx.pick("up", "an increase of") if up else ctx.pick("down", "a decrease of")
    fid = fact_id(w, "trade.total", period)
    first = Sentence(
        f"{ctx.cap(ctx.name(w.host))}'s trade with {ctx.name(w.partner, subject=False)} reached {t.text} {when}, "
        f"{verb} {c.text} from the same period last year, according to figures from {w.host.customs}.",
        [claim("trade.total", t.value, "USD", h, p, period=period, approx=t.approx, fact=fid, truth=total,
               variant=t.variant, attributed_to=w.host.customs),
         claim("trade.total", c.value if up else -c.value, "percent", h, p, period=period, measure="change_pct",
               fact=fact_id(w, "trade.total", period, measure="change_pct"))])
    e = money(exp, rng, variant="exact")
    ec = pct((exp - exp_prev) / exp_prev * 100, rng)
    i = money(imp, rng, variant="exact")
    ic = pct((imp - imp_prev) / imp_prev * 100, rng)
    ev = "rose" if exp >= exp_prev else "fell"
    iv = "rose" if imp >= imp_prev else "fell"
    second = Sentence(
        f"{ctx.h.demonym} exports to {w.partner.name} {ev} {ec.text} to {e.text}, while imports from "
        f"{w.partner.name} {iv} {ic.text} to {i.text}.",
        [claim("trade.exports", ec.value if exp >= exp_prev else -ec.value, "percent", h, p, period=period,
               measure="change_pct", fact=fact_id(w, "trade.exports", period, measure="change_pct", frm=h, to=p)),
         claim("trade.exports", e.value, "USD", h, p, period=period, fact=fact_id(w, "trade.exports", period, frm=h, to=p),
               truth=exp),
         claim("trade.exports", ic.value if imp >= imp_prev else -ic.value, "percent", p, h, period=period,
               measure="change_pct", fact=fact_id(w, "trade.exports", period, measure="change_pct", frm=p, to=h)),
         claim("trade.exports", i.value, "USD", p, h, period=period, fact=fact_id(w, "trade.exports", period, frm=p, to=h),
               truth=imp)])
    return [first, second]


def s_exports_year(ctx: Context, year: int) -> Sentence:
    w, rng = ctx.w, ctx.rng
    when, period = ctx.year_words(year)
    h, p = w.host.code, w.partner.code
    if rng.random() < 0.5:
        v = w.host_exports[year]
        fig = money(v, rng)
        text = ctx.pick(f"{ctx.h.demonym} exports to {w.partner.name} were worth {fig.text} {when}",
                        f"{ctx.cap(w.host.name)} exported goods worth {fig.text} to {w.partner.name} {when}")
        frm, to = h, p
    else:
        v = w.trade[year] - w.host_exports[year]
        fig = money(v, rng)
        text = ctx.pick(f"{ctx.p.demonym} exports to {w.host.name} came to {fig.text} {when}",
                        f"{ctx.cap(w.host.name)} imported {fig.text} worth of goods from {w.partner.name} {when}")
        frm, to = p, h
    return Sentence(ctx.cap(text) + ".", [claim("trade.exports", fig.value, "USD", frm, to, period=period,
                                                approx=fig.approx, fact=fact_id(w, "trade.exports", period, frm=frm, to=to),
                                                truth=v, variant=fig.variant)])


def s_trade_rank(ctx: Context, year: int) -> Sentence:
    w = ctx.w
    rank = 2 + (w.noise + year) % 11
    when, period = ctx.year_words(year)
    return Sentence(
        f"{ctx.cap(w.partner.name)} was {w.host.name}'s {ordinal_suffix(rank)} largest trading partner {when}.",
        [claim("trade.total", rank, "rank", w.host.code, w.partner.code, period=period, measure="rank", scope="point",
               fact=fact_id(w, "trade.total", period, measure="rank"))])


def s_trade_target(ctx: Context) -> Sentence:
    w, rng = ctx.w, ctx.rng
    year = ctx.pub.year + rng.choice((3, 5, 7))
    base = w.trade[min(ctx.pub.year, LAST_YEAR)]
    v = round(base * rng.uniform(1.5, 3) / 1e8) * 1e8
    fig = money(v, rng, variant="exact")
    text = ctx.pick(f"The two sides aim to raise bilateral trade to {fig.text} by {year}.",
                    f"The two countries have set a target of {fig.text} in two-way trade by {year}.")
    return Sentence(text, [claim("trade.total", fig.value, "USD", w.host.code, w.partner.code, period=(None, str(year)),
                                 status="target", fact=fact_id(w, "trade.total", (None, str(year)), status="target"),
                                 truth=v)])


def s_fdi_year(ctx: Context, year: int) -> Sentence:
    w, rng = ctx.w, ctx.rng
    when, period = ctx.year_words(year)
    v = w.fdi[year]
    fig = money(v, rng)
    text = ctx.pick(f"{ctx.p.demonym} investment in {w.host.name} reached {fig.text} {when}",
                    f"{ctx.p.demonym} companies invested {fig.text} in {w.host.name} {when}",
                    f"{ctx.cap(w.host.agency)} approved {fig.text} of {ctx.p.demonym} investment {when}")
    return Sentence(ctx.cap(text) + ".", [claim("investment.fdi", fig.value, "USD", w.partner.code, w.host.code,
                                                period=period, approx=fig.approx, truth=v, variant=fig.variant,
                                                fact=fact_id(w, "investment.fdi", period, frm=w.partner.code,
                                                             to=w.host.code))])


def s_fdi_cumulative(ctx: Context, year: int) -> Sentence:
    w, rng = ctx.w, ctx.rng
    start = max(FIRST_YEAR, w.since_start())
    v = w.cumulative(w.fdi, start, year)
    variant = None
    if rng.random() < 0.15:
        # The host's investment board counts approved projects only: a lower, stable figure.
        v_shown = v * random.Random(f"{w.noise}/fdi-board/{year}").uniform(0.55, 0.8)
        variant = "second_source"
    else:
        v_shown = v
    fig = money(v_shown, rng, allow_error=False)
    h, p = w.host.code, w.partner.code
    if rng.random() < 0.5:
        period: tuple[str | None, str | None] = (None, str(year))
        text = ctx.pick(f"As of {year}, cumulative {ctx.p.demonym} investment in {w.host.name} stood at {fig.text}",
                        f"{ctx.cap(w.partner.name)}'s total investment in {w.host.name} came to {fig.text} as of the end of {year}")
    else:
        period = (str(start), str(year))
        text = (f"{ctx.p.demonym} investors poured a total of {fig.text} into {w.host.name} between {start} and "
                f"{year}, {ctx.pick('official data show', 'according to government figures')}")
    rec = claim("investment.fdi", fig.value, "USD", p, h, period=period, scope="cumulative", approx=fig.approx,
                fact=fact_id(w, "investment.fdi", (None, str(year)), scope="cumulative", frm=p, to=h), truth=v,
                variant=variant or fig.variant)
    if variant:
        rec["attributed_to"] = w.host.agency
        text += f", according to {w.host.agency}"
    return Sentence(ctx.cap(text) + ".", [rec])


def s_fdi_rank(ctx: Context) -> Sentence:
    w = ctx.w
    rank = 1 + w.noise % 5
    word = "largest" if rank == 1 else f"{ORDINAL[rank - 1]} largest"
    return Sentence(f"{ctx.cap(w.partner.name)} is the {word} foreign investor in {w.host.name}.",
                    [claim("investment.fdi", rank, "rank", w.partner.code, w.host.code, period=None, measure="rank",
                           scope="point", fact=fact_id(w, "investment.fdi", None, measure="rank"))])


def s_oda_cumulative(ctx: Context, year: int) -> Sentence:
    w, rng = ctx.w, ctx.rng
    start = max(FIRST_YEAR, w.since_start())
    v = w.cumulative(w.oda, start, year)
    fig = money(v, rng, allow_error=False)
    p, h = w.partner.code, w.host.code
    if rng.random() < 0.5:
        period: tuple[str | None, str | None] = (str(start), str(year))
        text = (f"From {start} to {year}, {w.partner.name} provided {w.host.name} with a total of {fig.text} in "
                f"official development assistance, {ctx.pick('according to the embassy', 'the aid agency said')}")
    else:
        period = (None, str(year))
        text = f"As of {year}, {ctx.p.demonym} development assistance to {w.host.name} totalled {fig.text}"
    return Sentence(ctx.cap(text) + ".", [claim("aid.oda", fig.value, "USD", p, h, period=period, scope="cumulative",
                                                approx=fig.approx, truth=v, variant=fig.variant,
                                                fact=fact_id(w, "aid.oda", (None, str(year)), scope="cumulative",
                                                             frm=p, to=h))])


def s_oda_year(ctx: Context, year: int) -> Sentence:
    w, rng = ctx.w, ctx.rng
    when, period = ctx.year_words(year)
    v = w.oda[year]
    fig = money(v, rng)
    agency = w.partner.agency
    text = ctx.pick(f"{ctx.cap(agency)} disbursed {fig.text} in grants and concessional loans to {w.host.name} {when}",
                    f"{ctx.p.demonym} aid to {w.host.name} amounted to {fig.text} {when}")
    return Sentence(ctx.cap(text) + ".", [claim("aid.oda", fig.value, "USD", w.partner.code, w.host.code, period=period,
                                                approx=fig.approx, truth=v, variant=fig.variant,
                                                fact=fact_id(w, "aid.oda", period, frm=w.partner.code, to=w.host.code))])


def s_pledge(ctx: Context, ev: WorldEvent, subject: str) -> Sentence:
    w, rng = ctx.w, ctx.rng
    y1, y2 = ev.pledge_years
    use_local = w.partner.currency and rng.random() < 0.2
    if use_local:
        cur = w.partner.currency or "USD"
        fig = money(ev.pledge * w.partner.per_usd, rng, variant="exact", currency=cur)
    else:
        cur = "USD"
        fig = money(ev.pledge, rng, variant=ctx.pick("exact", "exact", "about", "over"))
    kind = ctx.pick("concessional loans", "grants and concessional loans", "development assistance")
    text = ctx.pick(f"{subject} pledged {fig.text} in {kind} for {y1}-{y2}",
                    f"{subject} agreed to provide {fig.text} in {kind} to {w.host.name} from {y1} to {y2}")
    period = (str(y1), str(y2))
    return Sentence(ctx.cap(text) + ".", [claim("aid.oda", fig.value, cur, w.partner.code, w.host.code, period=period,
                                                status="pledged", approx=fig.approx, truth=ev.pledge,
                                                variant="local_currency" if use_local else fig.variant,
                                                fact=f"{ev.id}/pledge")])


PEOPLE = ("arrivals", "workers", "students", "companies")


def people_kinds(rng: random.Random, k: int) -> list[str]:
    return rng.sample(PEOPLE, k)


def s_people(ctx: Context, year: int, kind: str) -> Sentence:
    """One of the people indicators: visitors, workers, students, companies."""
    w, rng = ctx.w, ctx.rng
    h, p = w.host.code, w.partner.code
    if kind == "arrivals":
        v = w.arrivals[year]
        fig = count(v, rng)
        when, period = ctx.year_words(year)
        text = ctx.pick(f"{ctx.cap(w.host.name)} received {fig.text} {ctx.p.demonym} visitors {when}",
                        f"Some {fig.text.removeprefix('about ').removeprefix('some ').removeprefix('around ')} {ctx.p.demonym} tourists visited {w.host.name} {when}",
                        f"Arrivals from {w.partner.name} reached {fig.text} {when}, the tourism ministry said")
        rec = claim("tourism.arrivals", fig.value, "count", p, h, period=period, approx=fig.approx, truth=v,
                    variant=fig.variant, fact=fact_id(w, "tourism.arrivals", period, frm=p, to=h))
    else:
        v, ind, frm, to, noun = {
            "workers": (w.workers[year], "people.workers", h, p, f"{ctx.h.demonym} migrant workers"),
            "students": (w.students[year], "people.students", h, p, f"{ctx.h.demonym} students"),
            "companies": (w.companies[year], "companies.count", p, h, f"{ctx.p.demonym} companies"),
        }[kind]
        fig = count(v, rng)
        where = w.partner.name if to == p else w.host.name
        verb = {"workers": "were working in", "students": "were studying in", "companies": "were operating in"}[kind]
        period = (None, str(year))
        text = ctx.pick(f"{noun.capitalize() if noun[0].islower() else noun} in {where} numbered {fig.text} as of {year}",
                        f"As of the end of {year}, {fig.text} {noun} {verb} {where}",
                        f"There were {fig.text} {noun} {verb} {where} as of {year}")
        rec = claim(ind, fig.value, "count", frm, to, period=period, scope="point", approx=fig.approx, truth=v,
                    variant=fig.variant, fact=fact_id(w, ind, period, scope="point", frm=frm, to=to))
    return Sentence(ctx.cap(text) + ".", [rec])


def s_flights(ctx: Context, year: int) -> Sentence:
    w = ctx.w
    n = w.flights[year]
    period = (str(year), str(year))
    text = ctx.pick(f"Airlines operated {n} direct flights a week between {w.host.capital} and {w.partner.capital} in {year}.",
                    f"In {year} there were {n} weekly flights between the two capitals.")
    return Sentence(text, [claim("flights.weekly", n, "count", w.host.code, w.partner.code, period=period, scope="point",
                                 fact=fact_id(w, "flights.weekly", period, scope="point"))])


def s_gdp(ctx: Context) -> Sentence:
    w, rng = ctx.w, ctx.rng
    growth = ctx.world.gdp_growth(w.host.code)
    year = ctx.pub.year
    v = growth[year]
    fig = pct(v, rng)
    value = fig.value if v >= 0 else -fig.value
    if v < 0:
        text = f"The {ctx.h.demonym} economy is projected to contract {fig.text} in {year}, the finance ministry said."
    else:
        text = ctx.pick(f"The {ctx.h.demonym} economy is projected to grow {fig.text} in {year}, the finance ministry said.",
                        f"The {ctx.h.demonym} government expects GDP growth of {fig.text} in {year}.")
    return Sentence(text, [claim("economy.gdp_growth", value, "percent", w.host.code, None,
                                 period=(str(year), str(year)), status="projected",
                                 fact=f"{w.host.code}/economy.gdp_growth/{year}/projected")])


# --- Events -----------------------------------------------------------------------------------


def when_event(ctx: Context, date: dt.date, *, relative: bool) -> str:
    """How an article dates an event: "on Tuesday" near publication, else the date."""
    gap = (ctx.pub - date).days
    if relative and 0 <= gap <= 5:
        return f"on {WEEKDAYS[date.weekday()]}"
    roll = ctx.rng.random()
    if roll < 0.5:
        return f"on {date.day} {MONTHS[date.month - 1]} {date.year}"
    if roll < 0.8:
        return f"on {MONTHS[date.month - 1]} {date.day}, {date.year}"
    return f"in {MONTHS[date.month - 1]} {date.year}"


def _date_of(phrase: str, date: dt.date) -> str:
    return date.strftime("%Y-%m") if phrase.startswith("in ") else date.isoformat()


def s_visit(ctx: Context, ev: WorldEvent, *, relative: bool) -> Sentence:
    visitor, host = COUNTRIES[ev.frm], COUNTRIES[ev.to]
    who = ev.actors[0]
    met = ctx.world.leader(host.code, ev.date)
    phrase = when_event(ctx, ev.date, relative=relative)
    kind = ctx.pick("an official visit", "a state visit", "a three-day official visit", "a working visit")
    date = _date_of(phrase, ev.date)
    summit = WorldEvent(ev.id.replace("/visit/", "/summit/"), "summit", ev.date, host.code, "")
    if ctx.rng.random() < 0.5:
        text = (f"{visitor.demonym} {visitor.head} {who} arrived in {host.capital} {phrase} for {kind} "
                f"and held talks with {host.head} {met}.")
        recs = [event(ev, date=date), event(summit, date=date, actors=(who, met))]
    else:
        text = f"{visitor.head} {who} of {visitor.name} paid {kind} to {host.name} {phrase}."
        recs = [event(ev, date=date)]
    return Sentence(ctx.cap(text), recs)


def s_planned_visit(ctx: Context) -> Sentence | None:
    w = ctx.w
    later = [e for e in w.events if e.event == "visit" and ctx.pub < e.date <= ctx.pub + dt.timedelta(days=400)]
    if not later:
        return None
    ev = later[0]
    visitor, host = COUNTRIES[ev.frm], COUNTRIES[ev.to]
    who = ctx.world.leader(visitor.code, ctx.pub)
    if ev.date.year == ctx.pub.year:
        when, date = f"in {MONTHS[ev.date.month - 1]}", ev.date.strftime("%Y-%m")
    else:
        when, date = "next year", str(ev.date.year)
    text = ctx.pick(f"{visitor.head} {who} is expected to visit {host.name} {when}, officials said.",
                    f"{visitor.head} {who} will travel to {host.capital} {when}, the foreign ministry said.")
    return Sentence(text, [event(ev, date=date, status="planned", actors=(who,))])


def s_agreement(ctx: Context, ev: WorldEvent, *, relative: bool) -> Sentence:
    phrase = when_event(ctx, ev.date, relative=relative)
    date = _date_of(phrase, ev.date)
    if ev.event == "agreement.in_force":
        text = ctx.pick(f"{ctx.cap(ev.detail)} entered into force {phrase}.",
                        f"{ctx.cap(ev.detail)} between {ctx.w.host.name} and {ctx.w.partner.name} took effect {phrase}.")
        return Sentence(text, [event(ev, date=date)])
    a, b = ctx.name(ctx.w.host), ctx.name(ctx.w.partner, subject=False)
    text = ctx.pick(f"{ctx.cap(a)} and {b} signed {ev.detail} {phrase}.",
                    f"The two governments signed {ev.detail} {phrase}, officials said.")
    return Sentence(text, [event(ev, date=date)])


def s_upgrade(ctx: Context, ev: WorldEvent, *, relative: bool) -> Sentence:
    phrase = when_event(ctx, ev.date, relative=relative)
    date = _date_of(phrase, ev.date)
    text = ctx.pick(f"The two countries elevated their relations to {ev.detail} {phrase}.",
                    f"{ctx.cap(ctx.w.host.name)} and {ctx.w.partner.name} upgraded their ties to {ev.detail} {phrase}.")
    return Sentence(text, [event(ev, date=date)])


def s_meeting(ctx: Context, ev: WorldEvent, *, relative: bool) -> Sentence:
    phrase = when_event(ctx, ev.date, relative=relative)
    date = _date_of(phrase, ev.date)
    city = COUNTRIES[ev.detail].capital
    n = 1 + ev.date.year % 9
    text = ctx.pick(f"The {ORDINAL[n - 1]} meeting of the {ctx.h.demonym}-{ctx.p.demonym} Joint Commission was held "
                    f"in {city} {phrase}.",
                    f"Officials of the two countries met in {city} {phrase} for the joint committee on trade and "
                    "investment.")
    return Sentence(text, [event(ev, date=date)])


def s_credentials(ctx: Context, ev: WorldEvent, *, relative: bool) -> Sentence:
    phrase = when_event(ctx, ev.date, relative=relative)
    date = _date_of(phrase, ev.date)
    text = (f"The new {ctx.p.demonym} Ambassador, {ev.actors[0]}, presented his credentials {phrase} in "
            f"{ctx.h.capital}.")
    return Sentence(text, [event(ev, date=date)])


def s_established(ctx: Context) -> Sentence:
    w, rng = ctx.w, ctx.rng
    d = w.established
    fid = f"{w.key}/relations.established/{d.isoformat()}"
    a, b = sym(w.host.code, w.partner.code)
    recs = []
    if rng.random() < 0.5:
        text = f"{ctx.cap(w.host.name)} and {w.partner.name} established diplomatic relations on {d.day} {MONTHS[d.month - 1]} {d.year}"
        date = d.isoformat()
    else:
        text = f"The two countries established diplomatic relations in {d.year}"
        date = str(d.year)
    recs.append({"type": "event", "event": "relations.established", "date": date, "from": a, "to": b, "actors": [],
                 "status": "actual", "fact": fid})
    if w.severed and w.restored:
        text += ctx.pick(f", cut them in {w.severed} and restored them in {w.restored}",
                         f"; ties were severed in {w.severed} and restored in {w.restored}")
        recs.append({"type": "event", "event": "relations.severed", "date": str(w.severed), "from": a, "to": b,
                     "actors": [], "status": "actual", "fact": f"{w.key}/relations.severed/{w.severed}"})
        recs.append({"type": "event", "event": "relations.restored", "date": str(w.restored), "from": a, "to": b,
                     "actors": [], "status": "actual", "fact": f"{w.key}/relations.restored/{w.restored}"})
    return Sentence(text + ".", recs)


def s_embassy(ctx: Context) -> Sentence:
    w = ctx.w
    text = ctx.pick(f"The {ctx.p.demonym} Embassy in {w.host.capital} was opened in {w.embassy}.",
                    f"{ctx.cap(w.partner.name)} opened its embassy in {w.host.capital} in {w.embassy}.")
    return Sentence(text,
                    [{"type": "event", "event": "mission.opened", "date": str(w.embassy), "from": w.partner.code,
                      "to": w.host.code, "actors": [], "status": "actual",
                      "fact": f"{w.key}/mission.opened/{w.embassy}"}])


# --- Styles -------------------------------------------------------------------------------------


def _pub_date(rng: random.Random) -> dt.date:
    start = dt.date(PUB_FIRST, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(PUB_LAST, 12, 31).toordinal()))


def _news_events(w: PairWorld) -> list[WorldEvent]:
    return [e for e in w.events if PUB_FIRST <= e.date.year <= PUB_LAST and e.event != "summit"]


def style_wire(world: World, w: PairWorld, rng: random.Random, out: Writer) -> tuple[dt.date, str, str]:
    ev = rng.choice(_news_events(w))
    pub = ev.date + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    ctx = Context(world, w, rng, pub)
    lead = EVENT_SENTENCES[ev.event](ctx, ev, relative=True)
    agency = rng.choice((w.host.wire, w.partner.wire, "Asia Pacific Wire"))
    city = (COUNTRIES[ev.to].capital if ev.event == "visit" else COUNTRIES[ev.detail].capital
            if ev.event == "meeting" else w.host.capital)
    dateline = f"{city.upper()}, {MON[pub.month - 1]} {pub.day} ({agency}) - "
    lead = Sentence(dateline + lead.text, lead.records)
    title = {"visit": f"{COUNTRIES[ev.frm].demonym} leader in {COUNTRIES[ev.to].capital} for talks",
             "agreement.signed": f"{w.host.name.removeprefix('the ').capitalize()}, {w.partner.name.removeprefix('the ')} sign new deal",
             "agreement.in_force": "Trade pact takes effect",
             "partnership.upgraded": f"{w.host.capital} and {w.partner.capital} upgrade ties",
             "meeting": "Joint commission meets",
             "credentials.presented": f"New {w.partner.demonym} envoy presents credentials"}.get(ev.event, "Talks")
    out.line(title)
    out.line(lead, *fillers(ctx, ("diplomacy",), rng.randint(0, 2)))
    if ev.event == "visit" and ev.pledge and rng.random() < 0.7:
        subject = ctx.pick(f"{w.partner.name.removeprefix('the ').capitalize()}", f"The {w.partner.demonym} side",
                           w.partner.capital)
        out.line(s_pledge(ctx, ev, subject), *fillers(ctx, ("diplomacy", "quote"), rng.randint(0, 1)))
    out.line(*fillers(ctx, ("diplomacy", "quote"), rng.randint(1, 3)))
    background: list[Callable[[], Sentence | None]] = [
        lambda: s_established(ctx), lambda: s_trade_year(ctx, pub.year - 1), lambda: s_fdi_cumulative(ctx, pub.year - 1),
        lambda: s_people(ctx, pub.year - 1, rng.choice(PEOPLE)), lambda: s_planned_visit(ctx), lambda: s_oda_cumulative(ctx, pub.year - 1),
        lambda: s_trade_target(ctx),
    ]
    for make in rng.sample(background, rng.randint(1, 3)):
        s = make()
        if s is not None:
            out.line(s, *fillers(ctx, ("diplomacy", "economy", "quote"), rng.randint(0, 2)))
    for _ in range(rng.randint(2, 5)):
        out.line(*fillers(ctx, ("diplomacy", "economy", "local", "region", "quote"), rng.randint(2, 4)))
    return pub, title, agency


def style_release(world: World, w: PairWorld, rng: random.Random, out: Writer) -> tuple[dt.date, str, str]:
    visits = [e for e in _news_events(w) if e.event == "visit"]
    ev = rng.choice(visits)
    pub = ev.date + dt.timedelta(days=ev.days + rng.randint(0, 2))
    ctx = Context(world, w, rng, pub)
    visitor, host = COUNTRIES[ev.frm], COUNTRIES[ev.to]
    publisher = f"Ministry of Foreign Affairs of {visitor.formal}"
    title = f"Joint Press Release on the Official Visit of the {visitor.head} of {visitor.formal}"
    out.line("PRESS RELEASE")
    out.line(title)
    end = ev.date + dt.timedelta(days=ev.days - 1)
    span = (f"from {ev.date.day} to {end.day} {MONTHS[ev.date.month - 1]} {ev.date.year}" if end.month == ev.date.month
            else f"on {ev.date.day} {MONTHS[ev.date.month - 1]} {ev.date.year}")
    met = world.leader(host.code, ev.date)
    out.line(Sentence(f"At the invitation of {host.head} {met}, {visitor.head} {ev.actors[0]} of {visitor.formal} paid "
                      f"an official visit to {host.formal} {span}.", [event(ev)]))
    summit = WorldEvent(ev.id.replace("/visit/", "/summit/"), "summit", ev.date, host.code, "")
    out.line(Sentence(f"The two leaders held talks in {host.capital} in a cordial and friendly atmosphere.",
                      [event(summit, date=ev.date.strftime("%Y-%m"), actors=())]),
             *fillers(ctx, ("diplomacy",), rng.randint(0, 1)))
    out.line("The two sides welcomed the following outcomes:")
    bullets: list[Sentence] = []
    subject = f"The {w.partner.demonym} side"
    if ev.pledge:
        bullets.append(s_pledge(ctx, ev, subject))
    same_trip = [e for e in w.events if e.event in ("agreement.signed", "partnership.upgraded")
                 and 0 <= (e.date - ev.date).days <= 2]
    for e in same_trip:
        if e.event == "agreement.signed":
            bullets.append(Sentence(f"The signing of {e.detail} on {e.date.day} {MONTHS[e.date.month - 1]} {e.date.year}.",
                                    [event(e)]))
        else:
            bullets.append(Sentence(f"The elevation of bilateral relations to {e.detail}.",
                                    [event(e, date=e.date.strftime("%Y-%m"))]))
    if rng.random() < 0.5:
        bullets.append(s_trade_target(ctx))
    bullets.append(Sentence(ctx.pick("Closer cooperation in agriculture, digital technology and vocational training.",
                                     "Continued exchanges between young people, artists and journalists.",
                                     "Joint efforts against cross-border crime and online scams.")))
    for b in bullets:
        out.line(Sentence("- " + b.text, b.records))
    if rng.random() < 0.6:
        out.line(s_trade_year(ctx, pub.year - 1, source="customs" if rng.random() < 0.3 else None))
    for _ in range(rng.randint(1, 3)):
        out.line(*fillers(ctx, ("diplomacy", "region"), rng.randint(2, 3)))
    out.line(f"{visitor.capital}, {pub.day} {MONTHS[pub.month - 1]} {pub.year}")
    return pub, title, publisher


def style_business(world: World, w: PairWorld, rng: random.Random, out: Writer) -> tuple[dt.date, str, str]:
    topic = rng.choice(("annual", "annual", "partial", "partial", "investment", "people"))
    year = rng.randint(PUB_FIRST, PUB_LAST - 1)
    publisher = rng.choice((f"{w.host.capital} Business Review", "Regional Economic Monitor",
                            f"The {w.host.demonym} Economic Daily"))
    if topic == "partial":
        months = rng.randint(2, 11)
        year = rng.randint(PUB_FIRST, PUB_LAST)
        pub = dt.date(year, months + 1 if months < 12 else 12, rng.randint(8, 26))
    else:
        pub = dt.date(year + 1, rng.randint(1, 4), rng.randint(1, 28))
    ctx = Context(world, w, rng, pub)
    title = {"annual": f"Trade with {w.partner.name} {'grows' if w.trade[year] > w.trade[year - 1] else 'slips'} in {year}",
             "partial": f"{w.host.demonym} trade with {w.partner.name.removeprefix('the ')}: the latest customs figures",
             "investment": f"{w.partner.demonym} investors keep faith with {w.host.name.removeprefix('the ')}",
             "people": f"People-to-people ties with {w.partner.name.removeprefix('the ')} deepen"}[topic]
    out.line(title)
    out.line(f"By {world._person(rng, w.host.code)}")
    out.line(*fillers(ctx, ("economy",), rng.randint(1, 2)))
    if topic == "annual":
        out.line(s_trade_year(ctx, year, source="customs"), *fillers(ctx, ("economy",), rng.randint(0, 1)))
        out.line(s_exports_year(ctx, year), *fillers(ctx, ("economy", "quote"), rng.randint(0, 2)))
        if rng.random() < 0.4:
            out.line(s_trade_rank(ctx, year))
        if rng.random() < 0.5:
            out.line(s_trade_year(ctx, year, source="association"), "Analysts attribute the gap to goods shipped "
                     "through third countries and to differences in valuation.")
    elif topic == "partial":
        out.line(*s_trade_partial(ctx, year, months), *fillers(ctx, ("economy", "quote"), rng.randint(0, 2)))
        if rng.random() < 0.4 and year - 1 >= PUB_FIRST:
            out.line(s_trade_year(ctx, year - 1))
    elif topic == "investment":
        out.line(s_fdi_year(ctx, year), *fillers(ctx, ("economy",), rng.randint(0, 1)))
        out.line(s_fdi_cumulative(ctx, year), *fillers(ctx, ("economy", "quote"), rng.randint(0, 2)))
        if rng.random() < 0.4:
            out.line(s_fdi_rank(ctx))
        if rng.random() < 0.5:
            out.line(s_people(ctx, year, "companies"))
    else:
        for kind in people_kinds(rng, rng.randint(2, 3)):
            out.line(s_people(ctx, year, kind), *fillers(ctx, ("economy", "quote", "local"), rng.randint(0, 2)))
        if rng.random() < 0.5:
            out.line(s_flights(ctx, year))
    for _ in range(rng.randint(2, 5)):
        out.line(*fillers(ctx, ("economy", "quote", "local", "region"), rng.randint(2, 4)))
    if rng.random() < 0.3:
        out.line(s_gdp(ctx))
    return pub, title, publisher


def style_embassy(world: World, w: PairWorld, rng: random.Random, out: Writer) -> tuple[dt.date, str, str]:
    pub = _pub_date(rng)
    year = min(pub.year - 1, LAST_YEAR)
    ctx = Context(world, w, rng, pub)
    title = f"{w.host.name.removeprefix('the ').capitalize()}-{w.partner.name.removeprefix('the ')} Relations"
    publisher = f"Embassy of {w.partner.formal} in {w.host.formal}"
    out.line(OUT_OF_SCOPE["embassy"][0])
    ctx.used.add(OUT_OF_SCOPE["embassy"][0])
    out.line(title)
    out.line(s_established(ctx), s_embassy(ctx))
    visits = [e for e in w.events if e.event == "visit" and e.date < pub]
    if visits:
        ev = rng.choice(visits[-4:])
        out.line(s_visit(ctx, ev, relative=False), *fillers(ctx, ("diplomacy",), rng.randint(0, 1)))
    out.line("Economic Cooperation")
    makers: list[Callable[[], Sentence]] = [lambda: s_oda_cumulative(ctx, year), lambda: s_fdi_cumulative(ctx, year),
                                            lambda: s_trade_year(ctx, year), lambda: s_fdi_rank(ctx)]
    for make in rng.sample(makers, rng.randint(2, 4)):
        out.line(make())
    out.line("People-to-people Exchanges")
    kinds = people_kinds(rng, 2)
    out.line(s_people(ctx, year, kinds[0]), s_people(ctx, year, kinds[1]) if rng.random() < 0.5
             else _filler(ctx, "diplomacy"))
    if rng.random() < 0.5:
        out.line(s_flights(ctx, year))
    out.line(*fillers(ctx, ("embassy",), rng.randint(2, 4)))
    return pub, title, publisher


STYLES: dict[str, Callable[[World, PairWorld, random.Random, Writer], tuple[dt.date, str, str]]] = {
    "wire": style_wire, "release": style_release, "business": style_business, "embassy": style_embassy,
}
STYLE_WEIGHTS = (("wire", 35), ("release", 15), ("business", 35), ("embassy", 15))
EVENT_SENTENCES: dict[str, Callable[..., Sentence]] = {
    "visit": s_visit, "agreement.signed": s_agreement, "agreement.in_force": s_agreement,
    "partnership.upgraded": s_upgrade, "meeting": s_meeting, "credentials.presented": s_credentials,
}


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())[:60]


# --- The public API -----------------------------------------------------------------------------


@functools.cache
def world(seed: int) -> World:
    return World(seed)


def article(i: int, seed: int = 0) -> Article:
    """Article number ``i`` of the corpus of ``seed``: it depends on nothing else."""
    rng = random.Random(f"{seed}/article/{i}")
    wd = world(seed)
    k = rng.randrange(_PAIR_CUM[-1])
    host, partner, _ = next(p for p, c in zip(PAIRS, _PAIR_CUM, strict=True) if k < c)
    w = wd.pair(host, partner)
    style = rng.choices([s for s, _ in STYLE_WEIGHTS], [n for _, n in STYLE_WEIGHTS])[0]
    out = Writer()
    pub, title, publisher = STYLES[style](wd, w, rng, out)
    text = out.text()
    records = _fix_bullets(text, out.records)
    doc_id = f"g{seed}-{i:07d}"
    url = f"https://example.org/{_slug(publisher)}/{pub:%Y/%m}/{_slug(title)}-{i}"
    return Article(doc_id, text, pub.isoformat(), title, publisher, url, (host, partner), style, records)


def _fix_bullets(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # "- " opens a bulleted line; the sentence (and its evidence) starts after it.
    out = []
    for r in records:
        ev = r["evidence"]
        start = ev["start"]
        if text.startswith("- ", start):
            start += 2
            r = {**r, "evidence": {"start": start, "end": ev["end"], "text": text[start:ev["end"]]}}
        out.append(r)
    return out


def iter_articles(n: int, seed: int = 0, *, start: int = 0) -> Iterator[Article]:
    """Articles ``start`` .. ``start + n - 1`` of the corpus of ``seed``, one at a time."""
    for i in range(start, start + n):
        yield article(i, seed)


def iter_facts(seed: int = 0) -> Iterator[dict[str, Any]]:
    """The world's facts for every pair: the truth that articles report, with ids as in gold ``fact``."""
    wd = world(seed)
    for host, partner, _ in PAIRS:
        w = wd.pair(host, partner)
        h, p = host, partner
        for y in range(FIRST_YEAR, LAST_YEAR + 1):
            period = (str(y), str(y))
            for ind, v, frm, to, scope in (
                ("trade.total", w.trade[y], h, p, "flow"), ("trade.exports", w.host_exports[y], h, p, "flow"),
                ("trade.exports", w.trade[y] - w.host_exports[y], p, h, "flow"),
                ("investment.fdi", w.fdi[y], p, h, "flow"), ("aid.oda", w.oda[y], p, h, "flow"),
                ("tourism.arrivals", w.arrivals[y], p, h, "flow"), ("flights.weekly", w.flights[y], h, p, "point"),
            ):
                unit = "count" if ind in ("tourism.arrivals", "flights.weekly") else "USD"
                fr, t = sym(frm, to) if ind in ("trade.total", "flights.weekly") else (frm, to)
                fid = fact_id(w, ind, period, scope=scope, **({} if ind in ("trade.total", "flights.weekly")
                                                               else {"frm": frm, "to": to}))
                yield {"fact": fid, "indicator": ind, "value": v, "unit": unit, "period": period, "scope": scope,
                       "from": fr, "to": t, "status": "actual"}
            asof = (None, str(y))
            for ind, v, frm, to, scope in (
                ("people.workers", w.workers[y], h, p, "point"), ("people.students", w.students[y], h, p, "point"),
                ("companies.count", w.companies[y], p, h, "point"),
                ("investment.fdi", w.cumulative(w.fdi, max(FIRST_YEAR, w.since_start()), y), p, h, "cumulative"),
                ("aid.oda", w.cumulative(w.oda, max(FIRST_YEAR, w.since_start()), y), p, h, "cumulative"),
            ):
                unit = "USD" if ind in ("investment.fdi", "aid.oda") else "count"
                yield {"fact": fact_id(w, ind, asof, scope=scope, frm=frm, to=to), "indicator": ind, "value": v,
                       "unit": unit, "period": asof, "scope": scope, "from": frm, "to": to, "status": "actual"}
        for e in w.events:
            yield {"fact": e.id, "event": e.event, "date": e.date.isoformat(), "from": e.frm, "to": e.to or None,
                   "actors": list(e.actors), "status": "actual"}
            if e.pledge:
                yield {"fact": f"{e.id}/pledge", "indicator": "aid.oda", "value": e.pledge, "unit": "USD",
                       "period": [str(y) for y in e.pledge_years], "scope": "flow", "from": p, "to": h,
                       "status": "pledged"}


# --- Writing a corpus ---------------------------------------------------------------------------


def html_page(a: Article, *, heavy: bool = False) -> bytes:
    """The article as a news site's HTML page: navigation, the article, a footer, the date in a meta tag.

    ``heavy`` pages carry what real news pages do around the article (about
    40 KB): a long menu, scripts and styles, a sidebar of other headlines, a
    footer of links. Main-text extraction costs grow with them.
    """
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in a.text.splitlines()[1:])
    title = html.escape(a.title)
    head = extra = ""
    if heavy:
        rng = random.Random(a.id)
        sections = ["World", "Asia", "Business", "Markets", "Politics", "Sport", "Culture", "Travel", "Opinion",
                    "Science", "Technology", "Health", "Weather", "Video", "Podcasts", "Newsletters"]
        menu = "".join(f"<li><a href=\"/{s.lower()}/{i}\">{s} {i}</a></li>" for s in sections for i in range(6))
        script = "".join(f"var k{i}=\"{rng.getrandbits(128):032x}\";" for i in range(250))
        style = "".join(f".c{i}{{margin:{i % 9}px;color:#{rng.getrandbits(24):06x}}}" for i in range(200))
        related = "".join(f"<li><a href=\"/news/{rng.getrandbits(32)}\">{html.escape(_filler_headline(rng))}</a>"
                          "</li>" for _ in range(30))
        footer = "".join(f"<a href=\"/about/{i}\">About us {i}</a> " for i in range(60))
        head = f"<style>{style}</style><script>{script}</script>"
        extra = (f"<aside><h2>Most read</h2><ul>{related}</ul></aside><div class=\"ad\">Advertisement</div>"
                 f"<footer>{footer}</footer>")
        menu = f"<nav><ul>{menu}</ul></nav>"
    else:
        menu = "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/business\">Business</a></nav>"
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"{a.published}\">{head}</head><body>"
            f"{menu}<article><h1>{title}</h1>{paragraphs}</article>{extra}"
            f"<footer>All rights reserved. <a href=\"/privacy\">Privacy</a></footer></body></html>").encode()


def _filler_headline(rng: random.Random) -> str:
    return rng.choice(HEADLINE_WORDS[0]) + " " + rng.choice(HEADLINE_WORDS[1]) + " " + rng.choice(HEADLINE_WORDS[2])


HEADLINE_WORDS = (
    ("Storm", "Council", "Court", "Airline", "Museum", "Central bank", "Coach", "Festival", "Police", "Startup"),
    ("delays", "approves", "rejects", "unveils", "cuts", "expands", "reviews", "defends", "wins", "opens"),
    ("new plan", "budget", "appeal", "season", "route", "rates", "exhibition", "inquiry", "deal", "campus"),
)


def write_warc(path: str, articles: Iterator[Article] | list[Article], *, noise: bool = True,
               heavy: bool = False) -> list[str]:
    """A web archive (gzipped WARC, warcio) of the articles' pages; returns their URLs in order.

    With ``noise``, each page comes with its request record, and the archive
    ends with an image and a 404 page, as a crawl's does.
    """
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    urls = []
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(uri: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        for a in articles:
            uri = a.url
            urls.append(uri)
            if noise:
                request = f"GET {uri} HTTP/1.1\r\n\r\n".encode()
                writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(request)))
            response(uri, html_page(a, heavy=heavy))
        if noise:
            response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n....", ctype="image/png")
            response("https://example.org/missing", b"<html><body>Not found</body></html>", status="404 Not Found")
    return urls



def write_corpus(n: int, seed: int, fmt: str, out: str, *, gold: str | None = None, facts: str | None = None,
                 per_folder: int = 0, start: int = 0, progress: bool = False) -> int:
    """Write ``n`` articles as a folder of .txt files (with sidecars) or as JSON Lines; returns bytes of text."""
    total = 0
    gold_file = open(gold, "w", encoding="utf-8") if gold else None  # noqa: SIM115 - closed below
    jsonl = open(out, "w", encoding="utf-8") if fmt == "jsonl" else None  # noqa: SIM115
    made: set[str] = set()
    t0 = time.perf_counter()
    try:
        for k, a in enumerate(iter_articles(n, seed, start=start)):
            total += len(a.text)
            if jsonl is not None:
                jsonl.write(json.dumps(a.to_json(), ensure_ascii=False) + "\n")
                doc = a.id
            else:
                sub = f"{(start + k) // per_folder:05d}" if per_folder else ""
                folder = os.path.join(out, sub)
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
                name = f"{a.id}.txt"
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write(a.text)
                with open(os.path.join(folder, name + ".meta.json"), "w", encoding="utf-8") as f:
                    json.dump(a.meta(), f, ensure_ascii=False)
                doc = f"{sub}/{name}" if sub else name
            if gold_file is not None:
                for r in a.gold(doc):
                    gold_file.write(json.dumps(r, ensure_ascii=False) + "\n")
            if progress and (k + 1) % 10000 == 0:
                rate = (k + 1) / (time.perf_counter() - t0)
                print(f"{k + 1:,} articles, {rate:,.0f}/s", file=sys.stderr)
    finally:
        for f in (gold_file, jsonl):
            if f is not None:
                f.close()
    if facts:
        with open(facts, "w", encoding="utf-8") as f:
            for fact in iter_facts(seed):
                f.write(json.dumps(fact, ensure_ascii=False) + "\n")
    return total


def check(n: int, seed: int = 0) -> dict[str, Any]:
    """Extract ``n`` generated articles with ``bilateral.extract`` and score it on their gold, per style."""
    import bilateral
    from bilateral.evaluate import score

    gold: dict[str, list[dict[str, Any]]] = {}
    pred: dict[str, list[dict[str, Any]]] = {}
    for a in iter_articles(n, seed):
        gold.setdefault(a.style, []).extend(a.gold())
        pred.setdefault(a.style, []).extend(
            r.to_dict() for r in bilateral.extract(a.text, published=a.published, doc_id=a.id))
    scores = {style: score(gold[style], pred[style]) for style in sorted(gold)}
    scores["all"] = score([g for gs in gold.values() for g in gs], [p for ps in pred.values() for p in ps])
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0, help="index of the first article (to extend a corpus)")
    ap.add_argument("--format", dest="fmt", choices=("txt", "jsonl"), default="jsonl")
    ap.add_argument("--out", help="a folder (txt) or a .jsonl file")
    ap.add_argument("--check", action="store_true",
                    help="write nothing: extract the n articles with bilateral and print F1 against their gold")
    ap.add_argument("--gold", help="also write the gold records (JSON Lines) here")
    ap.add_argument("--facts", help="also write the world's facts (JSON Lines) here")
    ap.add_argument("--per-folder", type=int, default=0, help="txt: at most this many articles per sub-folder")
    args = ap.parse_args(argv)
    if args.check:
        print(f"bilateral.extract on {args.n:,} generated articles (seed {args.seed}) against their gold:")
        for style, sc in check(args.n, args.seed).items():
            print(f"  {style:<10} P {sc.precision:.3f}  R {sc.recall:.3f}  F1 {sc.f1:.3f}  "
                  f"({sc.tp} found, {sc.fn} missed, {sc.fp} spurious)")
        return 0
    if not args.out:
        ap.error("--out is required (or --check)")
    t0 = time.perf_counter()
    chars = write_corpus(args.n, args.seed, args.fmt, args.out, gold=args.gold, facts=args.facts,
                         per_folder=args.per_folder, start=args.start, progress=True)
    dt_s = time.perf_counter() - t0
    print(f"{args.n:,} articles ({chars / 1e6:.1f} M characters) in {dt_s:.1f} s: {args.n / dt_s:,.0f} articles/s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
