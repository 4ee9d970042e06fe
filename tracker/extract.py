"""Assisted coding: a news article in, candidate events out, each with the sentence it rests on.

Rules, and a learned selector over them (docs/extraction.md has both in full, with their limits):
1. Text. A saved web page is reduced to its article text by trafilatura (offline: the page is read
   from the file); its title, outlet, date and canonical URL come from the page's metadata.
2. Sentences. The text is split into sentences; a sentence about the past (a year before the
   publication's, "had closed", "last year", "in the past") is background, not a new event.
3. Type. Each sentence is matched against the lexicon in data/lexicon.csv (a regular expression
   per event type, with a strength); the strongest match is the sentence's type, and a second
   type is kept when its pattern is as strong and matches another part of the sentence.
4. Dyad and actors. States are recognised by name, demonym, capital and government ("Islamabad",
   "the Taliban"), armed groups by name (TTP, BLA, ISKP, JeM, LeT); the dyad is the pair named in
   the sentence, or else the article's pair (`dyad`), or the pair whose border a named crossing is on.
   The first state or group named acts (initiator), the other is acted on (target); for attacks
   the group is the initiator, for arrests of militants the group is the target.
5. Date. A date in the sentence ("April 19", "on Saturday", "yesterday", "last week") is resolved
   against the publication date with dateparser; none in the sentence: the last one of the
   article before it; none at all: the publication day (said so in the rules that fired). A
   month alone gives month precision. A date after publication is dropped, never guessed.
6. Place and figures. Places from the gazetteer (data/places.csv); fatalities from "N killed",
   "killing N", "at least N", "N to M"; the level of the actors from titles (minister, envoy …).
7. Choice. By default (method "learned") every lexicon hit is weighed by the selector
   (tracker/selector.py, weights in data/selector.csv): the hand-written filters are among its
   tokens, and those that say an act did not happen veto a hit. With method "rules" the filters
   decide as written (`by_rules`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from tracker import selector
from tracker.paths import DATA_DIR
from tracker.schema import COLUMNS

LEXICON_CSV = DATA_DIR / "lexicon.csv"
MAX_BYTES = 2_000_000  # an article is at most this long (a page with its markup: more is not an article)
CANDIDATE_COLUMNS = [*COLUMNS, "evidence", "extract_confidence", "rules"]

# States: what names them in a news sentence, and the government that acts for them.
STATE_NAMES = {
    "PAK": r"pakistan(i|is|'s)?|islamabad|rawalpindi|\bispr\b|\bfo\b(?= spokes)|shehbaz|sharif|ishaq dar|\bdar\b|asim munir|"
           r"khawaja asif|\bisi\b|qureshi|bilawal|hina rabbani|\bkhar\b|imran khan|zardari|naqvi|\bkakar\b|jilani|andrabi|"
           r"sadiq khan|durrani",
    "AFG": r"afghan(istan|s|istan's)?|kabul|taliban|islamic emirate|mujahid|muttaqi|haqqani|akhundzada|baradar|\biea\b|"
           r"balkhi|\bakhund\b|fitrat|takal",
    "IND": r"india(n|ns|'s)?|new delhi|\bdelhi\b|\bmea\b|jaishankar|modi|\bbsf\b|border security force|\biaf\b|"
           r"rajnath|doval|misri|bagchi|jaiswal|amit shah",
}
THIRD_PARTIES = (r"\b(US|U\.S\.|United States|American|China|Chinese|Russia|Russian|Iran|Iranian|Saudi|Qatar|Qatari|Turkey|"
                 r"Turkish|T\u00fcrkiye|UAE|Emirati|British|UK|UN|United Nations|EU|European|Uzbek|Tajik|Kazakh|Kazakhstan|"
                 r"Kyrgyz|Turkmen|Japan|Japanese|German|Germany|French|France|Bangladesh|Sri Lankan?|"
                 r"WFP|World Food Programme|UNICEF|UNHCR|WHO|OIC|Organi[sz]ation of Islamic Cooperation|World Bank|IMF|ADB)\b")
STATE_FORCES_ON_POSTS = (r"\b(attacks?|attacked|assault(ed)?)\b[^.]{0,60}\bby (the )?(afghan|pakistani|indian) "
                         r"(taliban|forces|troops|army|soldiers|border guards)\b")  # a state's forces attacking: a clash
MULTILATERAL = (r"\b([Mm]ultilateral|SCO|Shanghai Cooperation Organi[sz]ation|"
                r"[Ss]ummit|[Cc]onference|General Assembly|UNGA|Security Council|"
                r"SAARC|BRICS|OIC|G20|G-20|[Mm]oscow [Ff]ormat|Council of Foreign Ministers)\b")
STATE_FORCE_ACT = (r"\b(pakistani|pakistan's|indian|india's|afghan|afghanistan's|taliban)\b[^.]{0,20}\b(strikes?|air ?strikes?|"
                   r"shelling|bombing|bombardment|forces|troops|jets|army|military)\b")
OFFICE_TITLE = (r"\b\w+(-\w+)+ (division|desk|wing|bureau|department)\b|"
                r"\b(division|desk|wing|point-?\s?person) (for|of|dealing with) (\w+,? (and )?){1,4}")  # states in an office's title are not parties
DEMONYMS = r"afghan|pakistani|indian"  # "the Afghan capital" is the state's own
CAPITALS = {"PAK": r"islamabad|pakistan", "AFG": r"kabul|afghanistan", "IND": r"new delhi|delhi|india|goa"}
GROUPS = {  # armed groups, and the dyad each bears on (the state it fights, the state it is said to operate from)
    "TTP": (r"\bttp\b|tehreek-?e-?taliban|tehrik-?i-?taliban|fitna al-?khawarij|khawarij|jamaat-ul-ahrar", "AFG-PAK"),
    "BLA": (r"\bbla\b|baloch liberation army|fitna al-?hindustan", "AFG-PAK"),
    "ISKP": (r"\biskp\b|islamic state|\bis-?k\b|daesh", "AFG-PAK"),
    "JeM": (r"\bjem\b|jaish-?e-?mohammed", "IND-PAK"),
    "LeT": (r"\blet\b|lashkar-?e-?(taiba|tayyiba)", "IND-PAK"),
    "TRF": (r"\btrf\b|the resistance front", "IND-PAK"),
}
GROUP_NAMES = "|".join(pattern for pattern, _ in GROUPS.values())
CROSSINGS = {  # a crossing named without the states names their dyad
    "AFG-PAK": r"torkham|chaman|spin boldak|kharlachi|ghulam khan|angoor adda|durand line",
    "IND-PAK": r"wagah|attari|kartarpur|line of control|\bloc\b|indus waters",
}
LEVELS = [  # the highest level named in the sentence, for visits, talks and agreements
    ("head_of_government", r"prime minister|president|\bpm\b|supreme leader"),
    ("minister", r"minister|\bfm\b"),
    ("military", r"army chief|chief of army staff|\bcoas\b|general|dgmo|military"),
    ("envoy", r"envoy|special representative|ambassador|high commissioner|charg[eé]"),
    ("official", r"official|secretary|delegation|spokes(man|person)"),
]
SUBSUMES = {  # a type that, in the same sentence, is part of another (a meeting on a visit, the closure a reopening ends)
    "ceasefire": ("agreement", "talks"), "talks_breakdown": ("talks", "agreement", "ceasefire"),
    "border_reopening": ("border_closure",), "high_level_visit": ("talks",), "agreement_suspension": ("agreement",),
    "diplomatic_downgrade": ("deportation",),  # diplomats expelled are not a deportation of nationals (when near it)
}
NEAR_ONLY = {("diplomatic_downgrade", "deportation")}  # subsumed only within NEAR characters: elsewhere, visas cancelled are their own
NEAR = 40  # characters: words this close describe one act
LEAD_SENTENCES = 3  # a news report gives its new events in its first sentences ...
LATE_MIN_STRENGTH = 2  # ... after them, only a pattern this strong makes a candidate (a weak one is context)
CARRIED_MIN_STRENGTH = 3  # ... and an undated sentence after it is background too, unless a pattern this strong says an act
STEP_BACK_DAYS = 3  # a later sentence dated this much before the news already given tells its background
RECENT_DAYS = 60  # a news report's new events are this recent; an older dated mention is context
UNDATED = "date: the publication day (no date in the text)"
MIN_SECOND_STRENGTH = 2  # a sentence's second type needs a pattern at least this strong, elsewhere in it
VIOLENT_TYPES = ("militant_attack", "cross_border_strike", "border_clash")  # acts with fatalities, dated by the night they began
ACTOR_TYPES = ("high_level_visit", "talks", "agreement")
THIRD_PARTY_TYPES = ("diplomatic_upgrade", "diplomatic_downgrade", "humanitarian_aid", "trade_easing", "trade_restriction",
                     "agreement", "agreement_suspension", "deportation", "border_closure", "border_reopening")
INTENDED_TYPES = ("high_level_visit", "talks")  # announced or wished for, not yet held: no event
BACKGROUND = (r"\b(had (been )?(closed|shut|signed|launched|agreed|deported|killed|erupted|broken out)|last (year|month)|in the past|"
              r"(?<!the )previously|repeatedly|years ago|months ago|since 20\d\d|since (january|february|march|april|june|july|august|september|"
              r"october|november|december)|earlier this (year|month)|reached earlier|historically)\b")
# before the act only: "India recently upgraded", "his recent visit", "this month's deadly clashes" (not "involved in recent killings")
RECENT = r"\b(recent(ly)?|(an|the|his|her|its|their) earlier|previous|(this|last) (week|month|year)['’]s)\b"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "dozens": None, "dozen": 12}
KILLED = r"(killed|dead|died|martyred|lost their lives|deaths|fatalities)"
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
DATELINE = (rf"^\s*[A-Z][A-Za-z]+( [A-Z][A-Za-z]+)?(/[A-Z][A-Za-z]+)?( \[[^\]]*\])?"
            rf"(,? (({MONTHS})\.? \d{{1,2}}|\d{{1,2}} ({MONTHS}))(,? \d{{4}})?)?"
            r"(\s*\([^)]*\)\s*(:|—|–|-{1,2})?|\s*(:|—|–|-{1,2}))\s*")  # "ISLAMABAD (AP) —", "New Delhi [India], December 22 (ANI):"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
AN_AGGRESSION = (r"\b(aggression|barbaric|provocative act|(violation|breach) of (\w+['’]s |its |our |their )?"
                 r"(sovereignty|territorial integrity|airspace)|defend(ing)? (its|their|our) (land|territory|soil|sovereignty))\b")
# what the condemned act is called, or the right it is answered with: the other state's
OTHER_SIDE = (r"\b(counterparts?|two sides|both sides|two countries|both countries|two neighbou?rs|bilateral|delegations?|envoys?|"
              r"ambassadors?|high commissioners?|charg[eé]|visiting|guest|hosts?|hosted)\b")  # a meeting's other party, unnamed
SPORT = (r"\b(cricket|T20|ODI|World Cup|Asia Cup|tournaments?|national (cricket |hockey )?team|tri-series|(?<!a )series(?! of)|"
         r"fixture|match(es)?|stadium|innings|"
         r"wickets?|fans|PCB|BCCI|ICC|\d+-run|boundar(y|ies)|bowl(er|ers|ing|ed)|batt(ing|er|ers)|batsm[ae]n|Super (8|Eight)s?|"
         r"semi-?finals?|hockey|(both|the two) teams|overs|strokeplay|on goal|goalkeeper|penalty corners?|"
         r"equali[sz]er)\b")  # a sentence about a game
NIGHT_BEFORE = r"[^.;]{0,60}?\b(overnight|the previous night|the night before)\b"  # "strikes carried out the previous night"
DAYS_BACK = r"(a|one|two|three) days? (earlier|before)|the previous day|the day before"
DAY_MONTH = rf"\b\d{{1,2}}(st|nd|rd|th)? ({MONTHS})\b\.?(,? \d{{4}}\b)?"  # "19 April", "19th April 2024"
MONTH_DAY = rf"\b({MONTHS})\.? \d{{1,2}}(st|nd|rd|th)?\b(,? \d{{4}}\b)?"  # "April 19", "Apr. 19, 2024"
DATE_PATTERNS = [  # each found expression is resolved by dateparser against the publication date
    DAY_MONTH,
    MONTH_DAY,
    r"\b(yesterday|today|last night|tonight|this morning)\b",
    r"(?<!earlier )\b(last|this) week\b",
    r"\bearlier this week\b",  # between the week's Monday and the day before publication: the middle of it
    rf"\b({DAYS_BACK})\b",  # counted back from publication
]


class ArticleError(ValueError):
    """An input that is not an article that can be coded: the message says why, in one line."""


@dataclass(frozen=True)
class Article:
    text: str
    published: dt.date
    url: str = ""
    outlet: str = ""
    title: str = ""
    notes: tuple[str, ...] = ()


@dataclass
class Candidate:
    dyad: str
    event_type: str
    date: dt.date
    date_precision: str
    initiator: str
    target: str
    evidence: str
    location: str | None = None
    province: str | None = None
    fatalities: tuple[int | None, int | None, int | None] = (None, None, None)
    actor_level: str | None = None
    rules: list[str] = field(default_factory=list)
    probability: float | None = None  # the selector's, for a learned candidate


# ---- 1. the article's text and metadata ----

def read_article(data: bytes, name: str, *, url: str | None = None, published: dt.date | None = None,
                 outlet: str | None = None, today: dt.date | None = None) -> Article:
    """The article text of a saved page (HTML) or of plain text, with its metadata; raises
    ArticleError with a one-line reason for anything that cannot be coded."""
    today = today or dt.date.today()
    if not data.strip():
        raise ArticleError(f"{name}: is empty")
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: is {len(data) / 1e6:.1f} MB; an article is at most {MAX_BYTES // 1_000_000} MB "
                           "(save the article's page alone, or paste its text)")
    if b"\x00" in data[:4096]:
        raise ArticleError(f"{name}: is a binary file, not a web page or text")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = data.decode("cp1252", errors="replace")
    meta: dict[str, str] = {}
    if re.search(r"<(html|body|article|p|div|head)\b", raw[:20_000], re.I):
        raw, meta = _page_text(raw)
        if not raw:
            raise ArticleError(f"{name}: the page has no article text (a menu, a login wall or a page of links?)")
    text = _clean(raw)
    if len(text) < 40:
        raise ArticleError(f"{name}: has no article text ({len(text)} characters)")
    if not looks_english(text):
        raise ArticleError(f"{name}: does not look like English text; the coding rules are written for English "
                           "news (translate it first)")
    day = published or _iso_day(meta.get("date"))
    notes = []
    if day is None:
        day = today
        notes.append("no publication date in the page: today is used; give the date it was published "
                     "(--published YYYY-MM-DD, or Published in the dashboard)")
    if day > today:
        raise ArticleError(f"{name}: its publication date {day} is in the future")
    return Article(text=text, published=day, url=url or meta.get("url") or "", outlet=outlet or meta.get("sitename") or "",
                   title=meta.get("title") or "", notes=tuple(notes))


def _page_text(page: str) -> tuple[str, dict[str, str]]:
    import trafilatura  # only for web pages (about 0.3 s to import)

    text = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True) or ""
    found = trafilatura.extract_metadata(page)
    meta = {k: getattr(found, k, None) or "" for k in ("title", "sitename", "date", "url")} if found else {}
    return text, meta


def _clean(text: str) -> str:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", text, flags=re.S | re.I)
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[ \t]+", " ", text).strip()
    text = re.sub(r"(?im)^\s*(also read|read more|read also|see also|related)\b.*$", "", text)  # a link to another story
    return "\n\n".join(_unwrapped(paragraph) for paragraph in re.split(r"\n\s*\n", text))


def _unwrapped(paragraph: str) -> str:
    """A paragraph hard-wrapped at a line width (most of its lines end inside a sentence) as one line;
    a line break before a lower-case word is inside a sentence in any paragraph."""
    lines = paragraph.split("\n")
    inside = sum(not re.search(r"[.!?:\"')\]]\s*$", line) for line in lines[:-1])
    if len(lines) >= 3 and inside >= 2 * (len(lines) - 1) / 3:
        return " ".join(line.strip() for line in lines)
    return re.sub(r"\s*\n\s*(?=[a-z])", " ", paragraph)


def _iso_day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


ENGLISH = {"the", "and", "of", "to", "in", "a", "on", "said", "was", "for", "with", "that", "has", "by", "is", "from"}


def looks_english(text: str) -> bool:
    words = re.findall(r"[A-Za-z]+", text[:20_000].lower())
    letters = sum(c.isalpha() for c in text[:20_000])
    latin = sum(c.isascii() and c.isalpha() for c in text[:20_000])
    return bool(words) and latin >= 0.8 * max(letters, 1) and sum(w in ENGLISH for w in words) >= 0.08 * len(words)


# ---- 2-6. sentences to candidates ----

TITLES = ("Mr", "Mrs", "Ms", "Dr", "Lt", "Gen", "Col", "Maj", "Capt", "Brig", "Adm", "Sen", "Gov", "Prof", "Jr", "Sr", "St")
NOT_AN_END = "".join(rf"(?<!\b{title}\.)" for title in TITLES) + r"(?<!\b[A-Z]\.)"  # "Mr. Muttaqi", "J.P. Singh"


def sentences(text: str) -> list[str]:
    parts = re.split(rf"(?:(?<=[.!?]){NOT_AN_END}|(?<=[.!?][\"')\]]))\s+(?=[\"'(]?[A-Z0-9])|\n+", text)
    return [p.strip() for p in parts if len(p.strip()) > 15]


@lru_cache(maxsize=4)
def lexicon(path: str = str(LEXICON_CSV)) -> list[tuple[str, re.Pattern, int]]:
    table = pd.read_csv(path, dtype={"event_type": str, "pattern": str})
    return [(t, re.compile(p, re.I), int(s)) for t, p, s in zip(table["event_type"], table["pattern"], table["strength"])]


@lru_cache(maxsize=1)
def gazetteer() -> list[tuple[str, re.Pattern, str | None, str | None]]:
    """(place, pattern, province, country), longest name first."""
    from tracker.load import read_places

    places = read_places()
    places = places.loc[places["place"].str.len().sort_values(ascending=False).index]  # longest name first
    blank = pd.Series(None, index=places.index)
    province, country = (places[c] if c in places else blank for c in ("province", "country"))
    return [(p, re.compile(rf"\b{re.escape(p)}\b", re.I), None if pd.isna(v) else v, None if pd.isna(c) else c)
            for p, v, c in zip(places["place"], province, country)]


@lru_cache(maxsize=1)
def places_and_provinces() -> list[tuple[re.Pattern, str]]:
    """(pattern, country) for every gazetteer place and every province that lies in one country only."""
    countries: dict[str, set] = {}
    for _, _, province, country in gazetteer():
        if province and country:
            countries.setdefault(province, set()).add(country)
    provinces = [(re.compile(rf"\b{re.escape(p)}\b", re.I), next(iter(c))) for p, c in countries.items() if len(c) == 1]
    return [(pattern, country) for _, pattern, _, country in gazetteer() if country] + provinces


def types_of(sentence: str) -> list[tuple[str, int, tuple[int, int]]]:
    """The event types the sentence matches: (type, strength, where), strongest first, one per type;
    of equal strength the one named first (a lead sentence's main verb comes early)."""
    found: dict[str, tuple[int, tuple[int, int]]] = {}
    for event_type, pattern, strength in lexicon():
        match = pattern.search(sentence)
        if match and strength > found.get(event_type, (0, None))[0]:
            found[event_type] = (strength, match.span())
    return sorted(((t, s, span) for t, (s, span) in found.items()), key=lambda x: (-x[1], x[2][0]))


def _without_dateline(sentence: str) -> str:
    """The sentence with its dateline blanked ("Islamabad, Apr 23 (PTI)" is where it was filed, not a party)."""
    dateline = re.match(DATELINE, sentence, re.I)
    if dateline and re.search(r"[(\d]|^\s*[A-Z]{3,}\b", dateline.group(0)):
        return " " * dateline.end() + sentence[dateline.end():]
    return sentence


def _named(sentence: str) -> list[tuple[int, str]]:
    """States and groups named in the sentence, in order of first mention: (position, code)."""
    named = []
    sentence = re.sub(OFFICE_TITLE, lambda m: " " * len(m.group(0)), sentence)  # "the Pakistan-Afghanistan-Iran division"
    sentence = _without_dateline(sentence)
    for code, pattern in STATE_NAMES.items():
        match = re.search(pattern, sentence, re.I)
        if match:
            named.append((match.start(), code))
    for code, (pattern, _) in GROUPS.items():
        match = re.search(pattern, sentence, re.I)
        if match:
            named.append((match.start(), code))
    return sorted(named)


def article_dyad(text: str) -> str | None:
    """The pair of states the article names most (None if it names fewer than two, and no crossing)."""
    counts = {code: len(re.findall(pattern, text, re.I)) for code, pattern in STATE_NAMES.items()}
    for dyad, pattern in CROSSINGS.items():
        for code in dyad.split("-"):
            counts[code] += len(re.findall(pattern, text, re.I))
    for pattern, dyad in GROUPS.values():
        for code in dyad.split("-"):
            counts[code] += len(re.findall(pattern, text, re.I))
    ranked = [c for c, n in sorted(counts.items(), key=lambda x: -x[1]) if n > 0]
    return "-".join(sorted(ranked[:2])) if len(ranked) >= 2 else None


def _dyad_of(sentence: str, named: list[tuple[int, str]], fallback: str | None) -> str | None:
    states = [c for _, c in named if c in STATE_NAMES]
    distinct = list(dict.fromkeys(states))
    if len(distinct) >= 2:
        return "-".join(sorted(distinct[:2]))
    if distinct:  # one state named, and a place of another: "Kabul condemned the attack in Pahalgam"
        elsewhere = _countries_of_places(sentence) - {distinct[0]}
        if len(elsewhere) == 1:
            return "-".join(sorted([distinct[0], *elsewhere]))
    if distinct and fallback and distinct[0] in fallback.split("-"):
        return fallback
    for code, (_, dyad) in GROUPS.items():
        if code in (c for _, c in named) and (not distinct or distinct[0] in dyad):
            return dyad
    for dyad, pattern in CROSSINGS.items():
        if re.search(pattern, sentence, re.I) and (not distinct or distinct[0] in dyad):
            return dyad
    if fallback and (not distinct or distinct[0] in fallback.split("-")):
        return fallback
    return None


def _actors(event_type: str, dyad: str, named: list[tuple[int, str]], sentence: str = "") -> tuple[str, str, list[str]]:
    codes = list(dict.fromkeys(c for _, c in named))
    states = [c for c in codes if c in dyad.split("-")]
    groups = [c for c in codes if c in GROUPS]
    other = lambda state: next(c for c in dyad.split("-") if c != state)  # noqa: E731
    if event_type == "militant_attack":
        where = _countries_of_places(sentence) & set(dyad.split("-"))
        if len(where) == 1:  # "in Pahalgam": the state where the attack took place
            return (groups[0] if groups else "unknown"), where.pop(), ["actors: attack by the group named on the state where it took place"]
        victim = "PAK" if "PAK" in dyad and dyad != "AFG-IND" else (states[0] if states else "unknown")
        return (groups[0] if groups else "unknown"), victim, ["actors: attack by the group named on the state attacked"]
    if event_type == "militant_crackdown":
        actor = states[0] if states else "unknown"
        return actor, (groups[0] if groups else (other(actor) if actor != "unknown" else "unknown")), ["actors: arrests by the state named first"]
    if event_type == "high_level_visit":
        for code, pattern in CAPITALS.items():
            if code in dyad and re.search(rf"\b(to|in|visit(ed|s|ing)?|arrived in|landed in|trip to) ({pattern})\b", sentence, re.I):
                return other(code), code, ["actors: the visitor acts on the state visited"]
    if states:
        return states[0], other(states[0]), ["actors: the state named first acts"]
    return "unknown", "unknown", ["actors: none named"]


def _fatalities(sentence: str) -> tuple[int | None, int | None, int | None]:
    number = r"(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")"
    text = sentence.lower()
    found = (re.search(rf"\b(between )?{number} (to|and|-) {number}\b[^.]{{0,40}}\b{KILLED}", text)
             or re.search(rf"\b(at least |over |more than |some |about |nearly )?{number}\b[^.;]{{0,50}}\b{KILLED}", text)
             or re.search(rf"\b(killing|killed|kills) (at least |over |more than |some )?{number}\b", text))
    if not found:
        return None, None, None
    values = [NUMBER_WORDS.get(g, None) if g in NUMBER_WORDS else int(g.replace(",", ""))
              for g in found.groups() if g and re.fullmatch(number, g)]
    values = [v for v in values if v is not None]
    if not values:
        return None, None, None
    if len(values) >= 2 and "between" in (found.group(0) or "") or len(values) >= 2:
        low, high = min(values[:2]), max(values[:2])
        return low, low, high
    return values[0], values[0], values[0]


def _level(sentence: str) -> str | None:
    for level, pattern in LEVELS:
        if re.search(pattern, sentence, re.I):
            return level
    return None


def _place(sentence: str) -> tuple[str | None, str | None]:
    sentence = re.sub(DATELINE, "", sentence, flags=re.I)  # "ISLAMABAD (AP) —" is where the report was filed
    for place, pattern, province, _ in gazetteer():
        if pattern.search(sentence):
            return place, province
    return None, None


def _resolve(expression: str, published: dt.date) -> tuple[dt.date, str] | None:
    import dateparser  # only when coding (about 0.5 s to import)

    base = dt.datetime.combine(published, dt.time(12))
    expression = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", expression.strip().rstrip(",."))
    parsed = dateparser.parse(expression, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None
    day = parsed.date()
    if day > published and not re.search(r"\d{4}", expression):
        day = day.replace(year=day.year - 1)  # "April 19" in a January article: last April
    return day, "day"


def date_of(sentence: str, published: dt.date) -> tuple[dt.date, str, str] | None:
    """The date a sentence gives (day, precision, rule), resolved against the publication date.
    Of several ("on Wednesday, after the April 22 attack") the latest not after publication: a news
    sentence reports its new event beside older ones."""
    lowered = sentence.lower()
    found: list[tuple[dt.date, str, str, int]] = []  # (day, precision, rule, where)
    for pattern in DATE_PATTERNS:
        for match in re.finditer(pattern, lowered):
            text = match.group(0)
            if text in ("last night", "tonight"):
                day = published - dt.timedelta(days=1) if text == "last night" else published
            elif text == "earlier this week":
                day = published - dt.timedelta(days=max(1, (published.weekday() + 1) // 2))
            elif re.fullmatch(DAYS_BACK, text):
                day = published - dt.timedelta(days=NUMBER_WORDS.get(text.split()[0], 1))  # "a day", "the day before": 1
            else:
                resolved = _resolve(text, published)
                if not resolved:
                    continue
                day = resolved[0]
            note = " (a week before publication; check the day)" if text.startswith(("last week", "this week", "earlier this week")) else ""
            found.append((day, "day", f"date: '{text.strip()}'{note}", match.start()))
    for match in re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", lowered):
        if re.match(rf",? (the )?({DAY_MONTH}|{MONTH_DAY})", lowered[match.end():]):
            continue  # "Sunday, 21 July": the date that follows gives the day
        back = (published.weekday() - WEEKDAYS.index(match.group(1))) % 7
        found.append((published - dt.timedelta(days=back), "day", f"date: '{match.group(1)}' (the last before publication)",
                      match.start()))
    found = [f for f in found if f[0] <= published and not _since(lowered, f[3])
             and not re.search(r"\b(until|till|up to|through|deadline( of)?|valid (until|till|up to))\s+(the\s+)?$", lowered[:f[3]])]
    if found:  # a deadline ("extended … until June 30") is no date of the act
        filed = len(sentence) - len(_without_dateline(sentence).lstrip())  # "New Delhi, May 16 (PTI)": the report's day
        told = [f for f in found if f[3] >= filed]
        return max(told or found, key=lambda f: f[0])[:3]
    month = re.search(rf"\b(in|since|during|early|late|mid-?|this|a|last) ?({MONTHS})\b(?! \d)", lowered)
    if month and not _since(lowered, month.start(2)):
        resolved = _resolve(f"1 {month.group(2)}", published)
        if resolved:
            return resolved[0].replace(day=1), "month", f"date: '{month.group(2)}' (month only)"
    return None


def _since(lowered: str, start: int) -> bool:
    """'the first engagement since the Taliban took over on August 15': the date a comparison counts
    from, not the sentence's own."""
    return bool(re.search(r"\bsince\b[^,;.()]{0,60}$", lowered[:start]))


def _in_a_since_phrase(sentence: str, span: tuple[int, int]) -> bool:
    """'tensions have persisted since deadly border clashes in October': the act a comparison counts
    from, not the news ('sources have since confirmed' is an adverb)."""
    return bool(re.search(r"\bsince (?!\w+ed\b)[^,;.()]{0,60}$", sentence[:span[0]], re.I))


def is_background(sentence: str, published: dt.date) -> bool:
    compared = re.sub(r"\bsince\b[^,;.()]{0,60}", "", sentence, flags=re.I)  # "the first such visit since it seized power in 2021"
    years = [int(y) for y in re.findall(r"\b(20\d\d|1[89]\d\d)\b", compared)]
    told_earlier = _pluperfect(sentence) and not _dated_within(sentence, published, STEP_BACK_DAYS)  # "had conducted … on Wednesday"
    return bool(re.search(BACKGROUND, sentence, re.I) or told_earlier) or (bool(years) and max(years) < published.year - 0)


def _dated_within(sentence: str, published: dt.date, days: int) -> bool:
    dated = date_of(sentence, published)
    return bool(dated) and dated[1] == "day" and (published - dated[0]).days <= days


def _up_to_clause_end(sentence: str, span: tuple[int, int]) -> str:
    """The sentence up to the end of the clause holding `span`: a past told after it, in a clause of
    its own ("… denied its airspace to the flight, inaugurated by Shah last month"), is not its time."""
    end = re.search(r"[,;:(—–]", sentence[span[1]:])
    return sentence[:span[1] + end.start()] if end else sentence


def _pluperfect(sentence: str) -> bool:
    """'Afghanistan had termed …', 'India had expelled …', 'Dar had met …': told as earlier than the
    news, unless the news reports it ('he said the supplies had been handed over')."""
    match = re.search(r"\bhad (been |initially |earlier |already |also )?"
                      r"(\w+(ed|en)|met|held|made|sent|struck|shut|led|began|left|took|gave|hit|fought|spoke)\b", sentence, re.I)
    return bool(match) and not re.search(r"\b(said|says|announced|told|confirmed|stated|added|reported|claimed|informed)\b",
                                         sentence[:match.start()], re.I)


def extract_events(article: Article, dyad: str | None = None, method: str = "learned") -> pd.DataFrame:
    """Candidate events of an article: one row per bilateral event it reports, in the events schema
    plus evidence, extract_confidence and the rules that fired. `method` "learned" lets the
    selector weigh every lexicon hit (tracker/selector.py); "rules" applies the hand-written filters."""
    if method not in selector.METHODS:
        raise ValueError(f"method: {method!r} is not one of {', '.join(selector.METHODS)}")
    found = by_rules(article, dyad) if method == "rules" else selected(article, dyad, selector.weights())
    return _table(found, article)


def by_rules(article: Article, dyad: str | None = None) -> list[Candidate]:
    """The candidates the hand-written filters keep, in the order the article gives them."""
    fallback = dyad or article_dyad(article.text)
    found: list[Candidate] = []
    last_date = None
    in_context = False  # the sentence before told the past: an undated one after it goes on telling it
    for position, sentence in enumerate(sentences(_clean(article.text))):
        dated = date_of(sentence, article.published)
        if dated and (article.published - dated[0]).days > RECENT_DAYS:
            continue  # dated long before the report: context
        if dated and last_date and (last_date[0] - dated[0]).days > STEP_BACK_DAYS:
            in_context = True
            continue  # a step back from the news already given: its background
        carried = in_context and not dated  # undated after a step back: background unless a strong act
        in_context = carried
        types = [t for t in types_of(sentence) if not is_background(_up_to_clause_end(sentence, t[2]), article.published)
                 and not _a_spell(sentence, t[2])
                 and not re.search(RECENT, sentence[:t[2][0]], re.I) and not _of_an_earlier_month(sentence, t[2], article.published)
                 and not _in_a_since_phrase(sentence, t[2])]
        if is_background(sentence, article.published) and not types:
            continue  # about the past: context, not news
        if dated and (last_date is None or dated[0] >= last_date[0]):
            last_date = dated  # a later sentence dated earlier tells the past; it does not date what follows
        named = _named(sentence)
        if any(c in GROUPS for _, c in named) and re.search(rf"\b{KILLED}\b", sentence, re.I) \
                and "militant_attack" not in (t for t, _, _ in types):
            types.append(("militant_attack", 3, (len(sentence), len(sentence))))  # a group named, people killed
            types.sort(key=lambda x: -x[1])
        if not types:
            continue
        pair = _dyad_of(sentence, named, fallback)
        in_india_unnamed = not any(c in STATE_NAMES for _, c in named) and _countries_of_places(sentence) == {"IND"}
        if pair is None and in_india_unnamed:  # an attack in India, no state named anywhere: India-Pakistan (below)
            types = [t for t in types if t[0] == "militant_attack"]
            pair = "IND-PAK" if types else None
        if pair is None or (dyad and pair != dyad):
            continue
        types = [_as_reported(t, sentence) for t in types if _is_news(t, sentence, position, dated)]
        if position >= LEAD_SENTENCES:  # past the lead, a report's news gives way to context
            types = [t for t in types if t[1] >= LATE_MIN_STRENGTH]
        if carried:
            types = [t for t in types if t[1] >= CARRIED_MIN_STRENGTH]
        if not types:
            continue
        chosen = [types[0]]
        for candidate_type in types[1:]:  # further types where another part of the sentence says so
            if candidate_type[1] >= MIN_SECOND_STRENGTH and not any(_overlap(candidate_type[2], c[2]) for c in chosen):
                chosen.append(candidate_type)
        chosen = _one_sentence_types(chosen, sentence, named)
        when = dated or (last_date and (*last_date[:2], f"{last_date[2]} (from an earlier sentence)")) \
            or (article.published, "day", UNDATED)
        place, province = _place(sentence)
        chosen = [c for c in chosen if (c[0] != "high_level_visit" or _visits_the_dyad(sentence, pair, named))
                  and not _a_third_party_acts(sentence, c) and not (c[0] == "talks" and _one_side_meets(sentence, c[2], named))]
        for event_type, strength, span in chosen:
            candidate = _candidate(event_type, strength, span, sentence, named, pair, when, place, province,
                                   in_india_unnamed, dyad)
            if candidate is None:
                continue
            same = next((c for c in found if _one_act(c, candidate) and _closes(c) == _closes(candidate)
                         and not _another_act(sentence) and not _answers(c, candidate)), None)
            if same is None:
                found.append(candidate)
            elif _weakly_dated(same) and not _weakly_dated(candidate):  # a dated report of it (after a headline)
                found[found.index(same)] = candidate
            elif candidate.event_type in VIOLENT_TYPES and candidate.date < same.date and _dated_here(candidate):
                found[found.index(same)] = replace(same, date=candidate.date, date_precision=candidate.date_precision, rules=[
                    *same.rules[:2], f"{candidate.rules[2]} (a later sentence gives the act's own day)", *same.rules[3:]])
    return found


def _candidate(event_type: str, strength: int, span: tuple[int, int], sentence: str, named: list[tuple[int, str]],
               pair: str, when: tuple, place: str | None, province: str | None, in_india_unnamed: bool,
               dyad: str | None) -> Candidate | None:
    """The candidate a type found in a sentence makes: its dyad, actors, day, place and figures (None
    if its dyad is not the one asked for)."""
    event_pair, pair_rule = pair, f"dyad: {pair}"
    if event_type in ("cross_border_strike", "border_clash") and len({c for _, c in named if c in STATE_NAMES}) == 3:
        nearest = _pair_at(sentence, span, named)  # "India condemns Pakistan's airstrikes on Afghan territory"
        if nearest != pair:
            event_pair, pair_rule = nearest, f"dyad: {nearest} (the two states named nearest the act; a third comments on it)"
    if event_type == "militant_attack" and in_india_unnamed:
        event_pair, pair_rule = "IND-PAK", "dyad: IND-PAK (an attack in India, no state named: the dyad of attacks there)"
    if dyad and event_pair != dyad:
        return None
    initiator, target, actor_rules = _actors(event_type, event_pair, named, sentence)
    day, day_rule = when[0], when[2]
    if when[1] == "day" and event_type in VIOLENT_TYPES and re.match(NIGHT_BEFORE, sentence[span[1]:], re.I):
        day, day_rule = day - dt.timedelta(days=1), f"{day_rule}, less a day ('overnight', 'the previous night')"
    return Candidate(
        dyad=event_pair, event_type=event_type, date=day, date_precision=when[1], initiator=initiator,
        target=target, evidence=sentence, location=place, province=province,
        fatalities=_fatalities(sentence) if event_type in VIOLENT_TYPES else (None, None, None),
        actor_level=_level(sentence) if event_type in ACTOR_TYPES else None,
        rules=[f"type: {event_type} (strength {strength})", pair_rule, day_rule, *actor_rules])


def _is_news(found: tuple[str, int, tuple[int, int]], sentence: str, position: int, dated) -> bool:
    """Whether a type found in a sentence reports a new event, not its cause, an intention, a
    ceasefire only kept up, a multilateral meeting, or a mention of a visit already given."""
    event_type, _, span = found
    return not (_conditional(sentence, span) or _a_standing_claim(sentence, span, dated) or _a_cause(sentence, span)
                or _a_circumstance(sentence, span) or _ongoing(sentence, span) or _a_denied_claim(sentence, span)
                or _negated(sentence, span) or _offered(sentence, span) or _called_for(sentence, span)
                or (event_type in INTENDED_TYPES and _intended(sentence, span))
                or (event_type == "ceasefire" and _kept_up(sentence, span))
                or _a_game(event_type, sentence, span)
                or _long_after(sentence, span) or _awaited(sentence, span)
                or (event_type == "border_clash" and _with_militants(sentence, span))
                or (event_type in ("border_clash", "cross_border_strike") and _smuggling(sentence))
                or (event_type == "threat" and (_a_danger(sentence, span) or _a_response_given(sentence, span)
                                                or _goods_crossing(sentence, span)))
                or (event_type == "agreement" and (_a_framework(sentence, span) or re.match(
                    r"agreed to (the |their |his |her |its |our )?(\w+['’]s? )?(request|demand)s?\b", sentence[span[0]:], re.I)))
                or (event_type == "humanitarian_aid" and (not _given(sentence) or _a_tally(sentence)))
                or (event_type == "diplomatic_upgrade" and re.search(r"\bspecial (representative|envoy)\b", sentence, re.I))
                or (event_type == "militant_attack" and (_an_attack_named(sentence, span) or _militants_killed(sentence)))
                or (event_type not in ("talks", "high_level_visit") and _a_topic(sentence, span))
                or (event_type in ("cooperative_statement", "diplomatic_protest", "threat") and _no_government_speaks(sentence, span))
                or (event_type == "talks_breakdown" and _an_impasse_ended(sentence, span))
                or (event_type == "talks" and (_multilateral(sentence) or _a_setting(sentence, span)
                                               or _talks_to_come(sentence, span) or _a_meeting_about(sentence, span)
                                               or re.search(r"\b(was|were|been|be|is|are)\s+$", sentence[:span[0]], re.I)))  # "was met with a response"
                or (event_type in INTENDED_TYPES and position > 0 and not dated and _referred_back(sentence, span)))


def _as_reported(found: tuple[str, int, tuple[int, int]], sentence: str) -> tuple[str, int, tuple[int, int]]:
    """Condemning an attack is solidarity; condemning the other state's strike or forces, a protest."""
    event_type, strength, span = found
    if event_type == "cooperative_statement" and re.match(r"condemn", sentence[span[0]:], re.I) \
            and (re.search(STATE_FORCE_ACT, sentence, re.I) or re.search(AN_AGGRESSION, sentence, re.I)):
        return "diplomatic_protest", strength, span
    return found


def _one_sentence_types(chosen: list, sentence: str, named: list[tuple[int, str]]) -> list:
    """The types a sentence keeps once they are read together: one that is part of another goes (a
    meeting on a visit; diplomats expelled, not nationals deported, when the words are near); aid
    words beside a trade measure are goods ("a ban on the import of medicines"); an attack on posts
    by a state's forces, with no group named, is a clash."""
    chosen = [c for c in chosen if not any(c[0] in SUBSUMES.get(other[0], ()) and (
        (other[0], c[0]) not in NEAR_ONLY or abs(other[2][0] - c[2][0]) < NEAR) for other in chosen)]
    chosen = [c for c in chosen if not (c[0] == "humanitarian_aid" and any(
        o[0].startswith("trade_") and abs(o[2][0] - c[2][0]) < NEAR for o in chosen))]
    if not any(c in GROUPS for _, c in named) and re.search(STATE_FORCES_ON_POSTS, sentence, re.I):
        chosen = [("border_clash", *c[1:]) if c[0] == "militant_attack" else c for c in chosen]
    return chosen


def _visits_the_dyad(sentence: str, dyad: str, named: list[tuple[int, str]]) -> bool:
    """Whether a visit goes to one of the dyad's states (a capital, the country, or a visiting
    delegation) by one of them, not to a third country ("while on a visit to the United States"),
    nor by a third country ("the visit of US Vice President Vance to India"), nor to a place in the
    visitor's own ("the army chief visited the Quetta garrison"), nor an envoy arriving to take up a
    post ("will soon take charge"), nor pilgrims, tourists or people visiting (relatives), nor a fee
    "per visit"."""
    if re.search(rf"\bvisit (of|by) (the )?{THIRD_PARTIES}", sentence):
        return False  # "the visit of US Vice President Vance to India"
    if re.search(r"\b(to|will( soon)?) (take|assume) (up )?(charge|(his|her|the) (new )?(post|duties|role|office|assignment))\b",
                 sentence, re.I):
        return False  # "has arrived in New Delhi to take charge": an envoy taking up a post, not a visit
    if re.search(r"\b(pilgrims|tourists|devotees|yatrees|zaireen|fans|students|patients|people|families|travell?ers|visitors)"
                 r"\s+(\w+\s+)?visit(ing|s|ed)?\b", sentence, re.I):
        return False  # "Indian pilgrims visiting the holy Gurdwara": not an official visit
    if re.search(r"\b(per|each|every) visit\b", sentence, re.I):
        return False  # "a service charge of USD 20 per pilgrim per visit": a fee, not a visit
    ours = "|".join(CAPITALS[c] for c in dyad.split("-"))
    elsewhere = re.search(rf"\b(visit(ed|s|ing)?|trip|travel(led)?|arrived) (to|in) (the )?"
                          rf"(?!(?i:{ours}|({DEMONYMS}) capital))([A-Z][a-z]+)", sentence)
    if elsewhere:
        return False
    visit = re.search(r"\b(visit(ed|s|ing)?|arrived in|travel(led)? to|landed in|trip to)\b", sentence, re.I)
    if not visit:
        return True
    if re.match(r"\s+the\s+([\w-]+\s+){0,4}(garrison|site|headquarters|cell|cent(re|er)|crossing|camps?|hospital|border|"
                r"office|corps|check ?post|area|valley|district|soldiers|troops|victims|families)\b", sentence[visit.end():], re.I):
        return False  # "visited the Torkham border crossing", "visiting the attack site": a place, not the other state
    visitor = next((c for at, c in reversed(named) if c in STATE_NAMES and at < visit.start()), None)
    return visitor is None or _place_country(sentence[visit.end():visit.end() + 40]) != visitor


def _a_third_party_acts(sentence: str, found: tuple[str, int, tuple[int, int]]) -> bool:
    """'… ties with China, the first country to formally appoint an ambassador to Kabul': the country
    named nearest before the act is a third one, so the act is not the dyad's."""
    event_type, _, span = found
    if event_type in THIRD_PARTY_TYPES:
        before = sentence[:span[0]]
        third = [m.end() for m in re.finditer(rf"{THIRD_PARTIES}|\b(international|global)(?= (aid|assistance|relief|community|"
                                              r"donors?|organi[sz]ations?|agencies)\b)", sentence) if m.end() <= span[0]]
        ours = [m.end() for pattern in STATE_NAMES.values() for m in re.finditer(pattern, before, re.I)]
        return bool(third) and max(third) > max(ours, default=-1)
    return False


def _countries_of_places(sentence: str) -> set[str]:
    """The states whose gazetteer places or provinces the sentence names (not its dateline)."""
    filed_from = _without_dateline(sentence)
    return {country for pattern, country in places_and_provinces() if country in STATE_NAMES and pattern.search(filed_from)}


def _place_country(text: str) -> str | None:
    """The country of the first gazetteer place named in `text`."""
    return next((country for _, pattern, _, country in gazetteer() if pattern.search(text)), None)


def _closes(candidate: Candidate) -> str | None:
    """What a closure or reopening is of: airspace and a land crossing shut on one day are two events."""
    if candidate.event_type not in ("border_closure", "border_reopening"):
        return None
    return "airspace" if re.search(r"\bairspace\b", candidate.evidence, re.I) else "land"


def _another_act(sentence: str) -> bool:
    """'In response, Pakistan declared an Indian staff member persona non grata', 'In a concurrent move,
    India banned all imports', 'the government has also banned 212 items': a second act of the same
    type, not the first told again."""
    return bool(re.match(r"\W*(in (a )?(response|retaliation|reply|concurrent move|separate move|parallel move|tit-for-tat move)|"
                         r"separately|in a separate development)\s*,", sentence, re.I)
                or re.search(r"\b(has|have) also \w+ed\b", sentence, re.I))


STATEMENT_TYPES = ("diplomatic_protest", "cooperative_statement", "threat")
ANSWER = r"\b(responded|responding|in response|repl(y|ied|ies)|react(ed|ing)?|rebut(ted|tal)?|reject(ed|s)?|dismiss(ed|es|ing)|hit back|retort(ed)?|thank(ed|s|ing)?|slamm?(ed)?|accus(ed|es|ing)|countered)\b"


def _answers(earlier: Candidate, later: Candidate) -> bool:
    """Whether a statement is the other side's, answering one already found (an accusation and its
    rebuttal, congratulations and thanks): two events, one by each state."""
    return later.event_type in STATEMENT_TYPES and {earlier.initiator, later.initiator} == set(later.dyad.split("-")) \
        and bool(re.search(ANSWER, later.evidence, re.I))


def _dated_here(candidate: Candidate) -> bool:
    """Dated by a date its own sentence gives (not the publication day, nor carried from before)."""
    return not any(UNDATED in rule or "from an earlier sentence" in rule or "check the day" in rule for rule in candidate.rules)


def _weakly_dated(candidate: Candidate) -> bool:
    """Dated only by the publication day or by 'this week' / 'last week', or told in a heading."""
    return any(UNDATED in rule or "check the day" in rule for rule in candidate.rules) or _a_heading(candidate.evidence)


def _a_heading(line: str) -> bool:
    """'Crackdown on TTP-Linked Afghan Nationals': a short line in title case with no full stop
    heads what follows; a sentence that tells the same act is the better evidence."""
    words = line.split()
    return (len(words) <= 10 and not re.search(r"[.!?\"')\]]\s*$", line)
            and sum(w[:1].isupper() or not w[:1].isalpha() for w in words) >= 0.6 * len(words))


def _a_cause(sentence: str, span: tuple[int, int]) -> bool:
    """Whether the words at `span` sit in a clause giving the cause or the occasion of the event
    ("… reopened following clashes", "due to an exchange of fire", "comes a week after he met",
    "tensions marked by border clashes", "summoned … over repeated clashes", "talks to prevent renewed
    clashes"): background, not another event."""
    return bool(re.search(r"\b(following|follows|followed|due to|because of|in response to|amid|(fuell?ed|triggered|sparked) by|in retaliation (to|for)|"
                          r"in the aftermath of|since the|subsequent|at a time when|as a result of|"
                          r"to (prevent|avoid|avert|defuse|forestall)|"
                          r"over (the )?(repeated|recent|continued|continuing|ongoing|frequent|persistent)|marked by|"
                          r"(comes|came) [^,.;]{0,25}\bafter|(comes|came) (even )?as|"
                          r"(^|\W)(a|one|two|three|four|five|several|few|\d+) (days?|hours?|weeks?) after)\b[^,.;]{0,80}$",
                          sentence[:span[1]], re.I))


def _of_an_earlier_month(sentence: str, span: tuple[int, int], published: dt.date) -> bool:
    """'after October's border clashes' in a December report: an earlier month's act, named as such."""
    month = re.search(rf"\b({MONTHS})['’]s\s+(\w+[\s-]+){{0,2}}$", sentence[:span[0]], re.I)
    return bool(month) and dt.datetime.strptime(month.group(1)[:3], "%b").month != published.month


def _conditional(sentence: str, span: tuple[int, int]) -> bool:
    """'if reopening the border leads to violence', 'unless Kabul acts': a condition, not an act."""
    return bool(re.search(r"\b(if|unless|whether)\s+(\w+['’]?\w*\s+){0,3}$", sentence[:span[0]], re.I)
                or re.search(r"\b(if|unless)\b", sentence[span[0]:span[1]], re.I))  # "border, … that if reopening"


def _a_standing_claim(sentence: str, span: tuple[int, int], dated=None) -> bool:
    """'Islamabad accuses the Afghan Taliban of supporting the TTP, a charge Kabul denies', 'Pakistan
    accuses Kabul of harbouring …' or 'Kabul rejects the claim' with no date, 'attacks, which Pakistan
    blames on the TTP', 'each accusing the other', what a state 'has long condemned': a standing
    position, not this week's statement."""
    return bool(re.search(r",\s*(a|an) (charge|allegation|claim|accusation)s? (that )?(\w+ ){0,3}(denies|rejects|has (long |repeatedly )?denied)\b",
                          sentence[span[1]:], re.I)
                or (re.match(r"(accuses|blames|rejects? the (claim|allegation|charge)s?)\b", sentence[span[0]:], re.I) and not dated)
                or re.search(r"\beach (accusing|blaming) the other\b", sentence[max(0, span[0] - 15):span[1] + 15], re.I)
                or re.search(r"\b(has|have) long\s+$", sentence[:span[0]], re.I)
                or (re.match(r"(accus|blam)", sentence[span[0]:], re.I)
                    and re.search(r"(\b(which|who|whom)\s+(\w+['’]?\w*\s+){0,3}|\b(have|has|had) been\s+|\b(is|are|was|were)\s+)$",
                                  sentence[:span[0]], re.I)))


def _called_for(sentence: str, span: tuple[int, int]) -> bool:
    """'calling for Shakir to be declared persona non grata': an act asked for, not done."""
    return bool(re.search(r"\b(call(s|ed|ing)? for|demand(s|ed|ing)?)\b[^.;]{0,60}\bto be\b[^.;]{0,60}$", sentence[:span[0]], re.I))


def _negated(sentence: str, span: tuple[int, int]) -> bool:
    """'did not close', 'no talks were held', 'a waiver was not granted', 'ruled out any talks',
    'failed to reach any agreement': the act did not happen."""
    return bool(re.search(r"\b(not|never|no|neither|nor|ruled out( any)?|fail(ed)? to)\s+(\w+\s+){0,2}$|n['’]t\s+(\w+\s+){0,2}$",
                          sentence[:span[0]], re.I)
                or re.search(r"\b(not aware of|unaware of|no (knowledge|information) (of|about))\s+(\w+\s+){0,3}$", sentence[:span[0]], re.I)
                or re.match(r"\W*(\w+\W+)?(was|were|is|are|has been|have been|had been) (not|never)\b", sentence[span[1]:], re.I))


def _ongoing(sentence: str, span: tuple[int, int]) -> bool:
    """'Efforts to resolve the prolonged closure of Torkham', 'crossings remain closed', 'has been
    closed for more than two weeks': a state of affairs going on, not a new act."""
    before, upto, after = sentence[:span[0]], sentence[:span[1]], sentence[span[1]:]
    return bool(re.search(r"\b(prolonged|ongoing|continued|continuing|protracted|lengthy|months-long|weeks-long|persisting|current)\s+"
                          r"(\w+[\s-]+){0,1}$", before, re.I)
                or re.search(r"\b(currently|at present|presently)\b,?[^,;]{0,40}$", before, re.I)  # "Currently, Pakistan only allows …"
                or re.search(r"\bremain(s|ed|ing)?\s+\w+$", upto, re.I)  # "crossings remain closed"
                or (re.search(r"\b(has|have) (now |already )?been\s+\w+$", upto, re.I)  # "has been closed for more than two weeks"
                    and re.match(r"\W*(\w+\W+){0,3}?(for (more than |over |nearly |almost |about |the (past|last) )?(\w+ )?(days|weeks|months|years)|since)\b",
                                 after, re.I)))


def _a_denied_claim(sentence: str, span: tuple[int, int]) -> bool:
    """'Afghanistan termed Pakistan's claims of Indian missile strikes baseless': a claim denied."""
    return bool(re.search(r"\b(claims?|reports?|allegations?|accusations?) (of|that)\s+(\S+\s+){0,4}$", sentence[:span[0]], re.I)
                and re.search(r"\b(baseless|false|unfounded|fabricated|denied|deny|denies|rejected|rejects|dismissed)\b", sentence, re.I))


def _offered(sentence: str, span: tuple[int, int]) -> bool:
    """'expressed readiness to provide a wide range of humanitarian assistance', 'is willing to
    reopen': offered, not done."""
    return bool(re.search(r"\b(ready|readiness|willing(ness)?|prepared|keen|eager|desire|wish(es)?|hopes?|hoped) to\s+"
                          r"(\w+['’]?\w*[\s-]+){0,6}$", sentence[:span[0]], re.I))


def _a_circumstance(sentence: str, span: tuple[int, int]) -> bool:
    """'… accused Pakistan of airstrikes, as clashes between the two entered their third week', 'will
    release fishermen as a humanitarian gesture': what goes on around the news, or what it is called,
    not another event."""
    return bool(re.search(r"((^|[,;—–]\s*)as\s+(the\s+)?|\bas\s+an?\s+)(\w+[\s-]+)?$", sentence[:span[0]], re.I)
                or re.search(r"\b(as part of|under|in line with|in accordance with)\s+(a|an|the|its|their)\s+(\w+[\s-]+){0,3}$",
                             sentence[:span[0]], re.I))


def _intended(sentence: str, span: tuple[int, int]) -> bool:
    """Whether the words at `span` follow a future or an intention ("will make a trip to Kabul
    tomorrow", "a willingness to engage in dialogue", "announced the visit of", "on the eve of the
    third round of talks"):
    a meeting or visit not yet held is not an event."""
    return bool(re.search(r"\b(will|would|shall|must|should|may|might|to(?!\s+((?-i:[A-Z])|be\b))|towards|plans?|intends?|announc(ed|es)|(on the )?eve of|"
                          r"call(ed|s|ing)? for|urg(ed|es|ing)|"
                          r"ahead of|if|unless)\s+"
                          r"(\w+['’]?\w*[\s\"'“”-]+){0,4}$", sentence[:span[0]], re.I)
                or re.search(r"\b(tomorrow|next (week|month)|later this (week|month)|upcoming|scheduled (to|for)|expected to|"
                             r"(the )?dates? (of|for) (the |his |her )?(\w+ ){0,2}\w+['’]s)\b",
                             sentence, re.I))


def _long_after(sentence: str, span: tuple[int, int]) -> bool:
    """'just months after a ceasefire mediated by Qatar': an act the news is measured from, long past."""
    return bool(re.search(r"\b(months|years) (after|since)\s+(a|an|the|its|their)\s+([\w-]+\s+){0,3}$", sentence[:span[0]], re.I))


def _awaited(sentence: str, span: tuple[int, int]) -> bool:
    """'trucks stranded waiting for the reopening of the highway', 'the crossing is set to reopen',
    'steps to expedite the reopening': an act still awaited, not done."""
    return bool(re.search(r"\b(wait(ing|s|ed)? for|await(ing|s|ed)?|expedit(e|es|ed|ing)|(is|are|was|were) (set|due|poised) to)"
                          r"\s+(the\s+)?(\w+\s+){0,3}$",
                          sentence[:span[0]], re.I))


def _talks_to_come(sentence: str, span: tuple[int, int]) -> bool:
    """'Talks will address bilateral cooperation', 'The meeting is expected to focus on trade': talks
    that open the sentence and are still to come."""
    return bool(re.match(r"\W*((the|these|such|bilateral|further) )?$", sentence[:span[0]], re.I)
                and re.match(r"\s+(will|would|shall|(is|are) (expected|set|due|scheduled) to)\b", sentence[span[1]:], re.I))


def _kept_up(sentence: str, span: tuple[int, int]) -> bool:
    """Whether a ceasefire is only being kept or reinforced ("agreed to maintain the ceasefire",
    "to reinforce the ceasefire agreement reached in Doha", "would remain in place"), still sought, or
    failing ("appears increasingly shaky"): the ceasefire is not new."""
    return bool(re.search(r"\b(maintain|uphold|observ|respect|honou?r|abide by|reinforc|consolidat|preserv|implement|monitor)\w*\s+(of\s+)?"
                          r"(the |a |an |its )?(commitment to (the )?)?((existing|fragile|current|ongoing|temporary)\s+)?$",
                          sentence[:span[0]], re.I)
                or re.search(r"\b(breach(es|ed)?|violat\w*|ending|ended|end|secure|securing|doubts?|enforc\w*|mediat(e|ing)|"
                             r"broker(ing)?|negotiat(e|ing)|push(ing)? for)\s+(of\s+|that\s+)?(\w+\s+){0,3}$",
                             sentence[:span[0]], re.I)  # a truce broken, ended, or still to be secured or mediated
                or re.match(r"\W*(\w+\W+){0,4}?(will (not )?(hold|be broken)|(had |has )?broken down|broke down|collapsed|"
                            r"(appears?|looks?|seems?|remains?|is) (increasingly )?(shaky|fragile|in doubt|under strain)|"
                            r"(would|will) remain in (place|force|effect))\b", sentence[span[1]:], re.I))


def _pair_at(sentence: str, span: tuple[int, int], named: list[tuple[int, str]] = ()) -> str:
    """The two states named nearest the words at `span`; a state named as the one who speaks of
    them ("India condemns the air strikes by Pakistan in Afghanistan") is not one of the two."""
    distance = {code: min(abs(m.start() - span[0]) for m in re.finditer(pattern, sentence, re.I))
                for code, pattern in STATE_NAMES.items() if re.search(pattern, sentence, re.I)}
    states = [(at, code) for at, code in named if code in STATE_NAMES]
    if states and states[0][0] < span[0] and re.search(SPEAKS_OF, sentence[states[0][0]:span[0]], re.I):
        distance.pop(states[0][1], None)
    return "-".join(sorted(sorted(distance, key=distance.get)[:2]))


SPEAKS_OF = r"\b(condemn(s|ed|ing)?|denounc(es|ed)|criticis(es|ed)|criticiz(es|ed)|slamm(ed)|reject(s|ed)|said|says|welcom(es|ed)|called)\b"


def _referred_back(sentence: str, span: tuple[int, int]) -> bool:
    """'His visit comes amid …', 'this meeting was held behind closed doors': an undated mention of a
    visit or meeting the report has already given, not another."""
    return bool(re.search(r"(\b(his|her|their|its|the|this|that|these|those)|\w['’]s)\s+"
                          r"((first|latest|second|third|maiden|last|such|high-level|official|\w+-day)\s+){0,2}$", sentence[:span[0]], re.I)
                and not re.match(r"[^.;]{0,40}?\b(occurred|took place)\b", sentence[span[1]:], re.I))  # "Dar's visit, long in planning, occurred as …"


def _a_setting(sentence: str, span: tuple[int, int]) -> bool:
    """'Speaking at a meeting with industrialists, Baradar urged …', 'convened a meeting of the
    National Command Authority', 'after the NSC meeting': the meeting is where a statement was made
    or a time, not talks between the two."""
    return bool(re.search(r"\b((speaking|addressing|said|told|remarks|statement|spoke)\s+(at|to|during|in)|told|addressed|chairing|chaired|"
                          r"convened|convening|after|following|(taken|made|decided|announced) (at|in|during)|"
                          r"presid(ing|ed) over)\s+(a|an|the)\s+(\w+[\s-]+){0,2}$",
                          sentence[:span[0]], re.I))


def _one_side_meets(sentence: str, span: tuple[int, int], named: list[tuple[int, str]]) -> bool:
    """'Pakistan's Interior Minister meeting Prime Minister Shehbaz Sharif': people meeting where one
    state alone is named, and no word of the other side, are that state's own (not "the meeting", told
    before)."""
    return (len({c for _, c in named if c in STATE_NAMES}) == 1 and not re.search(OTHER_SIDE, sentence, re.I)
            and not re.search(r"\b(the|a|this|that|their|its)\s+$", sentence[:span[0]], re.I))


def _no_government_speaks(sentence: str, span: tuple[int, int]) -> bool:
    """'Human rights observers have condemned the incident': a statement by people who are not a
    government is no state's statement."""
    return bool(re.search(r"\b(observers|rights groups|activists|analysts|experts|residents|locals|critics|traders|journalists|"
                          r"fans|protesters|villagers|elders|opposition (parties|leaders)|(transport|traders['’]?|business) associations?|(trade )?unions|"
                          r"(Congress|BJP|PTI|PML-N|PPP|JUI-F|party) (leader|chief|president|MP|spokesperson)( [A-Z]\w+){0,3})"
                          r"\s+((have|has|had|also|strongly|on \w+day)\s+){0,2}$",
                          sentence[:span[0]], re.I)
                or re.search(SPORTS_BODY, sentence[:span[0]])
                or re.search(rf"({GROUP_NAMES})\W*\s+((has|have|had|also|on \w+day)\s+){{0,2}}$", sentence[:span[0]], re.I))  # "the TRF warned"


SPORTS_BODY = (r"^\W*((The )?([A-Z]\w+ ){0,2}(Cricket Board|[Tt]eam|[Ss]quad|[Pp]layers|[Cc]aptain|PCB|BCCI|ICC)\b|Former\b)")
# "The Pakistan Cricket Board (PCB) filed a complaint", "Former chief ministers … condemned": no government


def _a_topic(sentence: str, span: tuple[int, int]) -> bool:
    """'The delegation discussed India's humanitarian assistance', 'no consensus on reopening the
    border': what talks were about is their topic, not another act."""
    return bool(re.search(r"\b(discuss(ed|es|ing)?|talks (on|about|for)|focus(ed|es)? on|cent(re|er)(d|ed|s)? on|"
                          r"deliberat(ed|ions) on|consensus on|"
                          r"negotiations (on|for|over))\b[^.;]{0,60}$", sentence[:span[0]], re.I))


def _an_attack_named(sentence: str, span: tuple[int, int]) -> bool:
    """'over the Pahalgam terrorist attack', 'behind the Zhob Cantt attack': an attack named as known,
    with no one killed in the sentence, is what the news is about, not the news."""
    return bool(re.match(r"(terror(ist)? |suicide )?(attack|bombing|blast)\b", sentence[span[0]:span[1]], re.I)
                and re.search(r"\bthe\s+([\w-]+\s+){0,3}$", sentence[:span[0]], re.I)
                and not re.search(rf"\b({KILLED}|killing|wounded|injured)\b", sentence, re.I))


def _militants_killed(sentence: str) -> bool:
    """'Security forces killed five heavily-armed terrorists', '15 to 20 Afghan Taliban have been killed',
    'a senior Fitna al-Khawarij commander was killed':
    the dead are the militants or fighters, killed by forces; no attack on the state."""
    return bool(re.search(r"\b(killed|kill(ing)?|neutrali[sz]ed|eliminated) (all |at least |more than |over |some )?(\d+|\w+) "
                          r"(\S+ ){0,3}(terrorists|militants|khawarij|insurgents|fighters)\b"
                          r"|\b(terrorists|militants|khawarij|insurgents|fighters|taliban|commanders?) "
                          r"(have been|were|was|had been) killed\b",
                          sentence, re.I)
                and not re.search(r"\b(martyr(ed|dom)|(soldiers|personnel|troops|civilians|policemen|people)\b[^.;]{0,40}\b(killed|dead|died|injured|wounded))",
                                  sentence, re.I))


def _a_spell(sentence: str, span: tuple[int, int]) -> bool:
    """'after a week of deadly border clashes', 'months of tensions and clashes', 'clashes in recent
    weeks', 'deadly clashes this month': a spell of acts the news follows, not one new act."""
    return bool(re.search(r"\b((a|one|two|three|four|several|many|\d+) (days?|weeks?|months?|years?)|days|weeks|months|years) of "
                          r"(\w+[\s,-]+){0,4}$", sentence[:span[0]], re.I)
                or re.match(r"\w*(\s+\w+){0,2}\s+(in (the )?recent (days|weeks|months)|(earlier )?this month|since (late |early )?\w+)\b",
                            sentence[span[0]:], re.I))


def _goods_crossing(sentence: str, span: tuple[int, int]) -> bool:
    """'trucks that would enter Afghanistan': goods crossing, not forces threatened."""
    return bool(re.search(r"\b(trucks|vehicles|containers|goods|cargo|consignments|shipments)\b[^.;]{0,30}$", sentence[:span[0]], re.I))


def _smuggling(sentence: str) -> bool:
    """'BSF shot down a Pakistani drone carrying narcotics', 'troops fired at the drone and brought it
    down': smugglers met at the border (a single drone downed is one), not the other state's forces."""
    return bool(re.search(r"\b(narcotics|drugs|heroin|contraband|smuggl\w+)\b", sentence, re.I)
                or re.search(r"\b(a|the)\s+(\w+\s+)?drone\b(?!s)[^.;]{0,80}\b(shot down|brought (it )?down)\b|"
                             r"\b(shot|brought) down (a|the)\s+(\w+\s+)?drone\b(?!s)", sentence, re.I))


def _an_impasse_ended(sentence: str, span: tuple[int, int]) -> bool:
    """'… via the Wagah border, ending an impasse over the transportation of aid': a deadlock
    broken, not talks broken off."""
    return bool(re.search(r"\b(end(s|ed|ing)?|broke|break(s|ing)?|resolv(e|ed|es|ing))\s+(an?|the)\s+(\w+\s+)?$",
                          sentence[:span[0]], re.I))


def _a_meeting_about(sentence: str, span: tuple[int, int]) -> bool:
    """'at a high-level meeting on Afghanistan': one side's meeting about the other (or a forum's),
    not talks between them."""
    return bool(re.match(r"(meeting|talks|consultations?|dialogue|discussions?) on (afghanistan|pakistan|india)\b",
                         sentence[span[0]:], re.I))


def _a_danger(sentence: str, span: tuple[int, int]) -> bool:
    """'the growing threat of terrorism', 'could threaten its food security', 'outfits that continue to
    threaten Pakistan's security', 'left under threat of arrest', 'a commitment which is threatened by
    cross-border terrorism', 'heightened fears of retaliation': a danger to something, or feared, not
    one state threatening the other."""
    return bool(re.search(r"\bunder (the )?$", sentence[:span[0]], re.I)
                or re.search(r"\bfears? (of|over)\s+$", sentence[:span[0]], re.I)
                or re.match(r"threatened by\b|threat of (an? |the )?(terror|war|conflict|escalation|nuclear)|"
                            r"threat(en(s|ed|ing)?)?\s+([\w'’-]+\s+){0,3}?(security|stability|peace|"
                            r"livelihoods?|food|econom\w*|lives|agricultur\w*|health|well-being|children)\b", sentence[span[0]:], re.I))


def _a_response_given(sentence: str, span: tuple[int, int]) -> bool:
    """'in a befitting response, the forces killed', 'delivered a robust retaliation', 'comment about
    the retaliation', 'conducted in direct retaliation for', 'retaliate by destroying military posts':
    a response made or already named, not threatened."""
    before = sentence[:span[0]]
    if re.match(r"retaliat\w* (by|with) \w+ing\b", sentence[span[0]:], re.I):
        return True  # "prompting Afghan defenses to retaliate by destroying military posts": the act itself
    return bool((re.search(r"respon|retaliat|reply", sentence[span[0]:span[1]], re.I)
                 and re.search(r"\b(in|with|delivered|gave|given|giving)\s+(a|an|the)\s+([\w-]+\s+){0,2}$", before, re.I))
                or (re.match(r"retaliat", sentence[span[0]:], re.I)
                    and re.search(r"\b(the|this|that|its|their|in|in direct|in swift)\s+$", before, re.I)))


MILITANTS = rf"(terrorists|militants|insurgents|khawarij|khwarij|{GROUP_NAMES})"  # an armed group, by name or by kind


def _with_militants(sentence: str, span: tuple[int, int]) -> bool:
    """'Four soldiers were martyred in a clash with TTP terrorists', 'eliminating 12 militants in the
    ensuing exchange of fire' (militants named before it, no state): forces fighting an armed group,
    not the other state's forces."""
    return bool(re.match(rf"\w*\s+with\s+(the\s+)?(\w+\s+){{0,2}}{MILITANTS}", sentence[span[0]:], re.I)
                or re.search(r"\b(casualties|losses) (to|on) the (terrorists|militants|insurgents|khawarij)\b", sentence, re.I)
                or (re.search(rf"\b{MILITANTS}\b[^.;]{{0,60}}$", sentence[:span[0]], re.I)
                    and not any(at < span[0] and code in STATE_NAMES for at, code in _named(sentence))))


def _a_game(event_type: str, sentence: str, span: tuple[int, int]) -> bool:
    """A sentence about a sport reports a game, not a bilateral act: 'the opening clash' of a cricket
    series, 'the two sides also met in the opening match' (a bare 'clash' or 'met'), 'title
    credentials', threatening to withdraw from the Asia Cup."""
    if not re.search(SPORT, sentence, re.I):
        return False
    return event_type not in ("border_clash", "talks") or bool(re.fullmatch(r"clash(es|ed)?|met|meeting", sentence[span[0]:span[1]], re.I))


AID_GIVEN = (r"\b(sen[dt]|sending|dispatch(ed|es|ing)?|despatch(ed)?|deliver(ed|s|ing)?|ship(ped|ment|ments)?|hand(ed|s)? over|"
             r"provid(ed|es|ing)|provide aid|suppl(ied|ies)|donat(ed|es|ion)|gift(ed)?|pledg(ed|es)|arriv(ed|es)|reach(ed|es)|"
             r"crossed|landed|took flight|flown|airlift(ed)?|consignments?|convoys?|tranche|batch|collected|received)\b")


def _given(sentence: str) -> bool:
    """Whether a sentence tells aid given (sent, delivered, handed over, pledged), not aid as a purpose,
    a commitment or goods in trade ("committed to extending humanitarian support", "cargo of food items")."""
    return any(not re.search(r"\b(will|to|set to|plans? to|is to)\s+(\w+\s+){0,2}$", sentence[:m.start()], re.I)
               for m in re.finditer(AID_GIVEN, sentence, re.I))


def _a_tally(sentence: str) -> bool:
    """'India has already sent 40,000 tonnes of wheat', 'contributions, which have included multiple
    shipments': aid counted up to now, not a new consignment."""
    return bool(re.search(r"\b(already|so far|to date|till date|thus far|until now|over the (past|last) (\w+ )?(years|months)|"
                          r"(have|has) included|multiple shipments|contributions)\b", sentence, re.I))


def _a_framework(sentence: str, span: tuple[int, int]) -> bool:
    """'under the Afghan Transit Trade Agreement': an agreement named as the frame of another act."""
    return bool(re.search(r"\b(under|under to|in line with|as per) (the |a |an |its )?([\w'-]+\s+){0,5}$", sentence[:span[0]], re.I))


def _multilateral(sentence: str) -> bool:
    """A meeting of a multilateral forum (an SCO ministers' meeting, a UN debate) that the two attend,
    with no word of the two meeting each other: not bilateral talks."""
    return bool(re.search(MULTILATERAL, sentence)) and not re.search(r"\b(met|bilateral|sidelines|one-on-one|between the two)\b", sentence, re.I)


# ---- the learned selector: every lexicon hit, with the filters it trips, weighed by data/selector.csv ----

SPAN_FILTERS = {  # the rules' filters, each a feature of a hit: (sentence, span) -> bool
    "a spell": _a_spell, "since": _in_a_since_phrase, "conditional": _conditional, "a cause": _a_cause,
    "a circumstance": _a_circumstance, "ongoing": _ongoing, "denied": _a_denied_claim, "negated": _negated,
    "offered": _offered, "called for": _called_for, "intended": _intended, "kept up": _kept_up, "long after": _long_after,
    "awaited": _awaited, "with militants": _with_militants, "a danger": _a_danger, "a response given": _a_response_given,
    "goods crossing": _goods_crossing, "a framework": _a_framework, "an attack named": _an_attack_named, "a topic": _a_topic,
    "no government speaks": _no_government_speaks, "an impasse ended": _an_impasse_ended, "a setting": _a_setting,
    "talks to come": _talks_to_come, "a meeting about": _a_meeting_about, "referred back": _referred_back,
}
SENTENCE_FILTERS = {"smuggling": _smuggling, "given": _given, "a tally": _a_tally, "militants killed": _militants_killed,
                    "multilateral": _multilateral, "pluperfect": _pluperfect}


def _filters(found: tuple[str, int, tuple[int, int]], sentence: str, position: int, dated, published: dt.date,
             named: list[tuple[int, str]], pair: str, last_date, carried: bool) -> list[str]:
    """The names of the rules' filters a hit trips: what the hand-written method would drop it for."""
    event_type, _, span = found
    tripped = [name for name, test in SPAN_FILTERS.items() if test(sentence, span)]
    tripped += [name for name, test in SENTENCE_FILTERS.items() if test(sentence)]
    checks = {
        "a standing claim": _a_standing_claim(sentence, span, dated), "a game": _a_game(event_type, sentence, span),
        "background clause": is_background(_up_to_clause_end(sentence, span), published),
        "background": is_background(sentence, published), "recent": bool(re.search(RECENT, sentence[:span[0]], re.I)),
        "an earlier month": _of_an_earlier_month(sentence, span, published),
        "dated long before": bool(dated) and (published - dated[0]).days > RECENT_DAYS,
        "a step back": bool(dated and last_date) and (last_date[0] - dated[0]).days > STEP_BACK_DAYS,
        "after a step back": carried,
        "no visit to the dyad": event_type == "high_level_visit" and not _visits_the_dyad(sentence, pair, named),
        "a third party acts": _a_third_party_acts(sentence, found),
        "one side meets": event_type == "talks" and _one_side_meets(sentence, span, named),
        "not news": not _is_news(found, sentence, position, dated),
        "passive": bool(re.search(r"\b(was|were|been|be|is|are)\s+$", sentence[:span[0]], re.I)),
        "a heading": _a_heading(sentence),
    }
    return tripped + [name for name, tripped_it in checks.items() if tripped_it]


def hits(article: Article, dyad: str | None = None) -> list[tuple[Candidate, dict]]:
    """Every lexicon hit in a sentence with a dyad, as the candidate it would make and its description
    for the selector (selector.tokens), in the article's order."""
    fallback = dyad or article_dyad(article.text)
    found: list[tuple[Candidate, dict]] = []
    last_date, in_context = None, False
    for position, sentence in enumerate(sentences(_clean(article.text))):
        dated = date_of(sentence, article.published)
        stepped_back = bool(dated and last_date) and (last_date[0] - dated[0]).days > STEP_BACK_DAYS
        carried = in_context and not dated
        dated_before = last_date
        if dated and (last_date is None or dated[0] >= last_date[0]) and (article.published - dated[0]).days <= RECENT_DAYS:
            last_date = dated
        in_context = stepped_back or carried
        named = _named(sentence)
        pair = _dyad_of(sentence, named, fallback)
        in_india_unnamed = not any(c in STATE_NAMES for _, c in named) and _countries_of_places(sentence) == {"IND"}
        types = types_of(sentence)
        if any(c in GROUPS for _, c in named) and re.search(rf"\b{KILLED}\b", sentence, re.I) \
                and "militant_attack" not in (t for t, _, _ in types):
            types.append(("militant_attack", 3, (len(sentence), len(sentence))))  # a group named, people killed
        if pair is None and in_india_unnamed:  # an attack in India, no state named anywhere: India-Pakistan
            types, pair = [t for t in types if t[0] == "militant_attack"], "IND-PAK"
        if pair is None:
            continue
        when = dated or (dated_before and (*dated_before[:2], f"{dated_before[2]} (from an earlier sentence)")) \
            or (article.published, "day", UNDATED)
        place, province = _place(sentence)
        for rank, hit in enumerate(types):
            event_type, strength, span = hit = _as_reported(hit, sentence)
            candidate = _candidate(event_type, strength, span, sentence, named, pair, when, place, province,
                                   in_india_unnamed, dyad)
            if candidate is None:
                continue
            found.append((candidate, {
                "event_type": event_type, "strength": strength, "rank": rank, "position": position,
                "dated": "here" if dated else "before" if dated_before else "publication", "date_precision": when[1],
                "states": len({c for _, c in named if c in STATE_NAMES}), "dyad": candidate.dyad,
                "match": sentence[span[0]:span[1]],
                "filters": _filters(hit, sentence, position, dated, article.published, named, pair, dated_before, carried),
                "part_of": [other[0] for other in types if event_type in SUBSUMES.get(other[0], ())],
                "before": re.findall(r"\w+", sentence[:span[0]].lower())[-4:],
                "after": re.findall(r"\w+", sentence[span[1]:].lower())[:4], "sentence": sentence}))
    return found


def selected(article: Article, dyad: str | None, table: dict[str, float]) -> list[Candidate]:
    """The candidates the selector keeps of an article's hits (with `table`, its weights)."""
    return _select(hits(article, dyad), table)


def _select(found: list[tuple[Candidate, dict]], table: dict[str, float]) -> list[Candidate]:
    """The hits weighed at THRESHOLD or more, in the article's order. Where two are one event (same dyad
    and type, within two days) the more probable stays, unless only the other is dated in its own sentence."""
    scored = sorted(((selector.probability(selector.tokens(h), table), n, c) for n, (c, h) in enumerate(found)
                     if not selector.vetoed(h)), key=lambda x: (-x[0], x[1]))
    kept: list[tuple[int, Candidate]] = []
    for chance, order, candidate in scored:
        if chance < selector.THRESHOLD:
            break
        candidate = replace(candidate, probability=chance,
                            rules=[candidate.rules[0], f"selector: probability {chance:.2f}", *candidate.rules[1:]])
        same = next((n for n, (_, c) in enumerate(kept) if _one_act(c, candidate)), None)
        if same is None:
            kept.append((order, candidate))
        elif _weakly_dated(kept[same][1]) and not _weakly_dated(candidate):  # a dated report of it (after a headline)
            kept[same] = (order, candidate)
    return [c for _, c in sorted(kept, key=lambda x: x[0])]


def _one_act(a: Candidate, b: Candidate) -> bool:
    """Two candidates of one act: the same dyad and type, within two days."""
    return a.dyad == b.dyad and a.event_type == b.event_type and abs((a.date - b.date).days) <= 2


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _table(found: list[Candidate], article: Article) -> pd.DataFrame:
    rows = []
    taken: set[str] = set()
    for c in found:
        score = c.probability if c.probability is not None else 0.5 + 0.1 * ("publication day" not in " ".join(c.rules)) \
            + 0.2 * (c.initiator != "unknown") + 0.1 * (c.location is not None) + 0.1 * (c.date_precision == "day")
        rows.append({
            "event_id": unique_id(c.dyad, c.date, c.event_type, taken),
            "date": c.date.isoformat(), "date_precision": c.date_precision, "dyad": c.dyad, "event_type": c.event_type,
            "initiator": c.initiator, "target": c.target, "summary": _summary(c.evidence),
            "location": c.location, "province": c.province,
            "fatalities_best": c.fatalities[0], "fatalities_low": c.fatalities[1], "fatalities_high": c.fatalities[2],
            "actor_level": c.actor_level, "confidence": "single_source",
            "source1_url": article.url or None, "source1_outlet": article.outlet or None,
            "source1_date": article.published.isoformat(),
            "notes": "Coded with assistance from one article: review before adding.",
            "evidence": c.evidence, "extract_confidence": round(min(score, 1.0), 2), "rules": "; ".join(c.rules),
        })
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def _summary(sentence: str) -> str:
    return sentence if len(sentence) <= 300 else sentence[:297].rsplit(" ", 1)[0] + "…"


def unique_id(dyad: str, day: dt.date, slug: str, taken: set[str]) -> str:
    """`<DYAD>-<YYYYMMDD>-<slug>`, with -2, -3 … where taken; added to `taken`."""
    base = f"{dyad}-{day:%Y%m%d}-{re.sub(r'[^a-z0-9]+', '-', slug.lower()).strip('-')}"
    event_id, n = base, 2
    while event_id in taken:
        event_id, n = f"{base}-{n}", n + 1
    taken.add(event_id)
    return event_id


# ---- measuring the rules on the gold set ----

GOLD_DIR = DATA_DIR.parent / "tests" / "fixtures" / "articles"
FIELDS = ("date", "initiator", "target", "location", "fatalities_best")


def gold_articles(folder=GOLD_DIR) -> list[dict]:
    import json

    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def _candidates_of(gold: dict, method: str = "learned") -> list[dict]:
    """The extractor's candidates for one gold article, as rows."""
    return extract_events(article_of(gold), method=method).to_dict("records")


def article_of(gold: dict) -> Article:
    """A gold article as the extractor reads it."""
    return Article(text=gold["text"], published=dt.date.fromisoformat(gold["published"]), url=gold["url"], outlet=gold["outlet"])


def training_hits(articles: list[dict], found: dict | None = None) -> tuple[list[list[str]], list[int]]:
    """Each gold article's hits (from `found`, its id to its hits, where given), as the selector's
    tokens, and whether each is a gold event: the first hit, in the article's order, of each event's
    dyad and type within its time (as `evaluate` matches)."""
    token_lists, labels = [], []
    for gold in articles:
        its_hits = found[gold["id"]] if found else hits(article_of(gold))
        rows, events = [_row(c) for c, _ in its_hits], set()
        for event in gold["events"]:
            match = next((n for n, row in enumerate(rows) if n not in events and _matches(row, event)), None)
            if match is not None:
                events.add(match)
        weighed = [(n, h) for n, (_, h) in enumerate(its_hits) if not selector.vetoed(h)]
        token_lists += [selector.tokens(h) for _, h in weighed]
        labels += [int(n in events) for n, _ in weighed]
    return token_lists, labels


def _row(candidate: Candidate) -> dict:
    """What `_matches` reads of a candidate."""
    return {"dyad": candidate.dyad, "event_type": candidate.event_type, "date": candidate.date.isoformat(),
            "date_precision": candidate.date_precision}


def held_out_sets(articles: list[dict]) -> list[str]:
    """The held-out sets the selector is cross-validated on: holdout11 onward, coded blind 40-64 at a time."""
    return sorted({a["split"] for a in articles if re.fullmatch(r"holdout\d+", a.get("split", "")) and int(a["split"][7:]) >= 11},
                  key=lambda s: int(s[7:]))


def cross_validated(articles: list[dict], found: dict | None = None) -> dict[str, list[dict]]:
    """Each held-out set's candidates from a selector trained on every other article: what the
    learned method gives on articles it was not trained on (an article's id to its rows; `found`,
    each article's hits, where already read)."""
    found = found or {gold["id"]: hits(article_of(gold)) for gold in articles}
    coded = {}
    for split in held_out_sets(articles):
        table = selector.train(*training_hits([a for a in articles if a.get("split") != split], found))
        table = dict(zip(table["token"], table["weight"]))
        for gold in (a for a in articles if a.get("split") == split):
            coded[gold["id"]] = _table(_select(found[gold["id"]], table), article_of(gold)).to_dict("records")
    return coded

def extracted(articles: list[dict], method: str = "learned") -> dict[str, list[dict]]:
    """The extractor's candidates for each gold article, its id to its rows: extract once, score in many views."""
    return {gold["id"]: _candidates_of(gold, method) for gold in articles}


def _same_time(candidate: dict, event: dict, by_month: bool = True) -> bool:
    """Dates within two days; a date known only to its month (precision "month", on either side)
    agrees with any day of that month (with `by_month`: the strict matcher compares the 1st)."""
    if by_month and "month" in (candidate.get("date_precision"), event.get("date_precision")):
        return str(candidate["date"])[:7] == str(event["date"])[:7]
    return abs((dt.date.fromisoformat(str(candidate["date"])) - dt.date.fromisoformat(str(event["date"]))).days) <= 2


def _matches(candidate: dict, event: dict, by_month: bool = True) -> bool:
    """A candidate (as a row) is the coded event: dyad and type agree, and the time (`_same_time`)."""
    return candidate["dyad"] == event["dyad"] and candidate["event_type"] == event["event_type"] \
        and _same_time(candidate, event, by_month)


def evaluate(articles: list[dict], coded=None, by_month: bool = True, method: str = "learned") -> pd.DataFrame:
    """Precision and recall of events (dyad and type agree, date within two days, or in the month of a
    date known only to its month) and, over matched
    events, how often each field is exactly right: one row per measure, with its count. The events
    scored are the extractor's, or, with `coded` (an article's id to its events), another coder's;
    `by_month=False` is the strict matcher, which holds a month-precision date to its 1st; `method`
    is the extractor's (see `extract_events`)."""
    matched = found = expected = 0
    right = dict.fromkeys(FIELDS, 0)
    for gold in articles:
        candidates = _candidates_of(gold, method) if coded is None else list(coded[gold["id"]])
        events = list(gold["events"])
        found, expected = found + len(candidates), expected + len(events)
        for event in events:
            match = next((c for c in candidates if _matches(c, event, by_month)), None)
            if match is None:
                continue
            candidates.remove(match)
            matched += 1
            for name in FIELDS:
                given, wanted = match.get(name), event.get(name)
                right[name] += _same(given, wanted)
    rows = [("events: precision", matched, found), ("events: recall", matched, expected)]
    rows += [(f"{name} exact (of matched events)", right[name], matched) for name in FIELDS]
    return pd.DataFrame([(m, n, d, round(100 * n / d, 1) if d else None) for m, n, d in rows],
                        columns=["measure", "right", "of", "percent"])


SECOND_CODER_DIR = GOLD_DIR.parent / "second_coder"


def second_coding(folder=SECOND_CODER_DIR) -> dict[str, list[dict]]:
    """Events coded a second time, blind, by another coder: an article's id to its events."""
    import json

    return {p.stem: json.loads(p.read_text(encoding="utf-8"))["events"] for p in sorted(folder.glob("*.json"))}


def _same(given, wanted) -> bool:
    missing = lambda v: v is None or v == "" or (isinstance(v, float) and v != v)  # noqa: E731  (no place: None, "" or NaN)
    if missing(given) or missing(wanted):
        return missing(given) and missing(wanted)
    return str(given).casefold() == str(wanted).casefold() if not isinstance(wanted, (int, float)) else float(given) == float(wanted)
