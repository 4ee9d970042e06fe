"""Assisted coding: articles in, candidate events out; reviewed rows added to an events file."""

import datetime as dt
import io

import pandas as pd
import pytest

from tracker.__main__ import main
from tracker.coding import AddError, add_candidates
from tracker.load import check_path
from tracker.extract import Article, ArticleError, date_of, evaluate, extract_events, extracted, gold_articles, read_article
from tests.conftest import event_row, to_csv


def by_rules(article: Article, dyad: str | None = None) -> pd.DataFrame:
    """The candidates of the hand-written method: the rules each test below pins are also the
    learned selector's features (its filters), so they are tested as the rules give them."""
    return extract_events(article, dyad, method="rules")

SEED = next(a for a in gold_articles() if a["id"] == "seed-000")  # its event-carrying sentences, as quoted
PAGE = """<!doctype html><html><head><title>Pakistan reopens Torkham</title>
<meta property="og:site_name" content="Example News"><link rel="canonical" href="https://example.org/torkham">
<meta property="article:published_time" content="2025-03-24"></head><body><nav>Home | World</nav>
<script>document.title = "pwned"; alert(1)</script><article><h1>Pakistan reopens Torkham</h1>
<p>Pakistan reopened the Torkham border crossing with Afghanistan on Sunday after a closure of almost four weeks,
officials said, allowing trucks to resume trade between the two countries.</p>
<p>Torkham had been closed since late February after clashes between Pakistani and Afghan forces.</p>
</article></body></html>"""


def test_a_saved_page_gives_its_text_metadata_and_events_without_running_scripts():
    article = read_article(PAGE.encode(), "page.html", today=dt.date(2026, 1, 1))
    assert "alert" not in article.text and "Home | World" not in article.text
    assert (article.published, article.outlet, article.url) == (dt.date(2025, 3, 24), "Example News", "https://example.org/torkham")
    candidates = extract_events(article)
    first = candidates.iloc[0]
    assert (first["dyad"], first["event_type"], first["date"], first["location"]) == ("AFG-PAK", "border_reopening", "2025-03-23", "Torkham")
    assert first["evidence"] in article.text and first["source1_url"] == "https://example.org/torkham"
    assert "had been closed" not in " ".join(candidates["evidence"])  # background is not a new event


@pytest.mark.parametrize("expression, day, precision", [
    ("on Saturday", dt.date(2025, 5, 24), "day"), ("on Monday", dt.date(2025, 5, 26), "day"),
    ("yesterday", dt.date(2025, 5, 25), "day"), ("on April 19", dt.date(2025, 4, 19), "day"),
    ("on 19 April 2024", dt.date(2024, 4, 19), "day"), ("in December", dt.date(2024, 12, 1), "month"),
    ("a day earlier", dt.date(2025, 5, 25), "day"), ("two days before", dt.date(2025, 5, 24), "day"),
    ("between Sunday, 11 May, and Thursday, 15 May", dt.date(2025, 5, 15), "day"),  # the dates, not the weekdays, give the days
    ("on Thursday, January 24", dt.date(2025, 1, 24), "day"),
])
def test_dates_are_resolved_against_the_publication_date(expression, day, precision):
    found = date_of(f"Pakistan and Afghanistan held talks {expression}.", dt.date(2025, 5, 26))  # a Monday
    assert found[:2] == (day, precision)


def test_the_seed_article_gives_several_events_each_with_its_sentence():
    text = SEED["text"]
    candidates = extract_events(Article(text=text, published=dt.date(2025, 5, 26)))
    assert {"high_level_visit", "trade_easing", "militant_crackdown"} <= set(candidates["event_type"])
    dar = candidates[(candidates["event_type"] == "high_level_visit") & (candidates["date"] == "2025-04-19")]
    assert len(dar) == 1 and dar.iloc[0][["initiator", "target"]].tolist() == ["PAK", "AFG"]
    assert all(e in text for e in candidates["evidence"])
    assert candidates["event_id"].is_unique


@pytest.mark.parametrize("data, reason", [
    (b"", "is empty"), (b"\x00\x01\x02" * 100, "binary"), (b"x" * 3_000_000, "MB"),
    ("Die Grenze wurde am Samstag von der Regierung in Islamabad geschlossen, sagten die Behörden.".encode(), "English"),
    (b"<html><body><script>alert(1)</script></body></html>", "no article text"),
])
def test_bad_input_is_refused_in_one_line(data, reason):
    with pytest.raises(ArticleError, match=reason):
        read_article(data, "in.txt", published=dt.date(2025, 1, 1))


def test_a_future_publication_date_is_refused():
    with pytest.raises(ArticleError, match="future"):
        read_article(SEED["text"].encode(), "seed.txt", published=dt.date(2030, 1, 1), today=dt.date(2026, 1, 1))


def test_an_article_about_neither_country_gives_no_candidates():
    article = Article(text="The city council of Springfield approved a new park budget on Monday after a debate.",
                      published=dt.date(2025, 1, 6))
    assert extract_events(article).empty


def test_cli_extract_then_add_appends_and_keeps_the_file(tmp_path, capsys):
    events = tmp_path / "events.csv"
    events.write_text(to_csv([event_row("AFG-PAK-20240101-old", "2024-01-01", "talks", location="Kabul")]))
    before = events.read_bytes()
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    out = tmp_path / "candidates.csv"
    assert main(["extract", str(page), "--out", str(out)]) == 0
    candidates = pd.read_csv(out)
    assert {"evidence", "extract_confidence", "rules"} <= set(candidates.columns)
    assert main(["add", str(out), "--to", str(events)]) == 0
    after = events.read_bytes()
    assert after.startswith(before)  # nothing existing is changed, renumbered or dropped
    added = pd.read_csv(io.BytesIO(after))
    assert len(added) == 1 + len(candidates) and added["event_id"].is_unique
    assert main(["add", str(out), "--to", str(events)]) == 1  # the same again: near-duplicates, refused
    assert events.read_bytes() == after
    assert "near-duplicate of" in capsys.readouterr().err


def test_add_leaves_the_file_unchanged_if_any_row_is_invalid(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(to_csv([event_row("AFG-PAK-20240101-old", "2024-01-01", "talks")]))
    before = events.read_bytes()
    candidates = tmp_path / "c.csv"
    candidates.write_text(to_csv([event_row("", "2025-01-02", "talks", summary="Good"),
                                  event_row("", "2025-13-02", "talks", summary="Bad date")]))
    with pytest.raises(AddError) as error:
        add_candidates(candidates, events)
    assert any("c.csv:3: date" in line for line in error.value.lines)
    assert events.read_bytes() == before


def test_add_gives_stable_ids_and_never_reuses_one(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(to_csv([event_row("AFG-PAK-20250102-talks", "2024-01-01", "talks")]))
    candidates = tmp_path / "c.csv"
    candidates.write_text(to_csv([event_row("AFG-PAK-20250102-talks", "2025-01-02", "talks", summary="New talks"),
                                  event_row("", "2025-01-05", "agreement", summary="An agreement")]))
    assert add_candidates(candidates, events) == ["AFG-PAK-20250102-talks-2", "AFG-PAK-20250105-agreement"]


def test_the_gold_set_and_the_evaluation():
    articles = gold_articles()
    assert len(articles) >= 25 and {"dev", "holdout", "holdout2"} <= {a["split"] for a in articles}
    assert any(a["id"] == "seed-000" for a in articles)
    for article in articles:
        # a lead and the few sentences after it, as a user pastes them: never a whole article
        assert len(article["text"]) <= 1250 and all(e["evidence"] in article["text"] for e in article["events"])
    report = evaluate([a for a in articles if a["split"] == "dev"]).set_index("measure")["percent"]
    assert report["events: recall"] >= 80 and report["events: precision"] >= 70  # the rules were written on these
    assert report["date exact (of matched events)"] >= 80


def test_the_evaluation_reads_no_place_as_no_place():
    article = {"text": "Pakistan summoned Afghanistan's envoy on Monday.", "published": "2025-05-27", "url": "", "outlet": "",
               "events": [{"dyad": "AFG-PAK", "event_type": "diplomatic_protest", "date": "2025-05-26", "location": "",
                           "initiator": "PAK", "target": "AFG", "fatalities_best": None}]}
    report = evaluate([article]).set_index("measure")["percent"]
    assert report["events: recall"] == 100 and report["location exact (of matched events)"] == 100


def test_a_date_known_only_to_its_month_matches_any_day_of_that_month():
    article = {"text": "Pakistan summoned Afghanistan's envoy on Monday.", "published": "2025-05-27", "url": "", "outlet": "",
               "events": [{"dyad": "AFG-PAK", "event_type": "diplomatic_protest", "date": "2025-05-01",
                           "date_precision": "month", "initiator": "PAK", "target": "AFG"}]}
    recall = lambda **kw: evaluate([article], **kw).set_index("measure")["percent"]["events: recall"]  # noqa: E731
    assert recall() == 100 and recall(by_month=False) == 0  # the candidate is dated Monday 26 May
    article["events"][0]["date"] = "2025-04-01"  # April: another month, no match
    assert recall() == 0


def test_extract_eval_prints_every_split(capsys):
    assert main(["extract-eval"]) == 0
    printed = capsys.readouterr().out
    assert "## dev" in printed and "## holdout" in printed and "events: recall" in printed and "strict matcher" in printed


def test_add_to_a_long_form_file_puts_the_pages_in_its_sources_table(tmp_path):
    rows = [event_row("AFG-PAK-20240101-old", "2024-01-01", "talks")]
    facts = [c for c in rows[0] if not c.startswith("source")]
    (tmp_path / "events.csv").write_text(to_csv(rows, columns=facts))
    (tmp_path / "sources.csv").write_text("event_id,url,outlet,published,checked,quote,gives\n"
                                          "AFG-PAK-20240101-old,https://example.org/report,Example Outlet,,,,\n")
    candidates = tmp_path / "c.csv"
    candidates.write_text(to_csv([{**event_row("", "2025-03-23", "border_reopening", summary="Torkham reopened"),
                                   "evidence": "Pakistan reopened the Torkham border crossing on Sunday."}],
                                 columns=[*facts, "source1_url", "source1_outlet", "evidence"]))
    assert add_candidates(candidates, tmp_path / "events.csv") == ["AFG-PAK-20250323-border-reopening"]
    events, problems = check_path(tmp_path / "events.csv", "events.csv")
    assert problems.empty and len(events) == 2
    assert "source1_url" not in (tmp_path / "events.csv").read_text().splitlines()[0]
    pages = pd.read_csv(tmp_path / "sources.csv", keep_default_na=False)
    assert pages.iloc[-1][["event_id", "quote"]].tolist() == ["AFG-PAK-20250323-border-reopening",
                                                              "Pakistan reopened the Torkham border crossing on Sunday."]


def test_a_weak_pattern_makes_a_candidate_in_the_lead_but_not_later_in_the_report():
    goodwill = "Pakistan praised Afghanistan's leaders on Monday."
    lead = by_rules(Article(text=goodwill, published=dt.date(2025, 5, 26)))
    assert lead["event_type"].tolist() == ["cooperative_statement"]
    filler = "Officials in Islamabad met traders on Sunday. Trucks waited at the crossing for hours on Sunday."
    later = by_rules(Article(text=f"Pakistan reopened Torkham on Sunday. {filler} {goodwill}",
                                   published=dt.date(2025, 5, 26)))
    assert "cooperative_statement" not in set(later["event_type"])


def _types(text: str, published: dt.date) -> set[str]:
    """The event types the extractor finds in a text published on that day."""
    return set(by_rules(Article(text=text, published=published))["event_type"])


@pytest.mark.parametrize("sentence, expected, absent", [
    ("Foreign Minister Ishaq Dar will make a trip to Kabul tomorrow to meet Afghan officials.", set(), "high_level_visit"),
    ("Army chief Asim Munir visited the Quetta garrison on Monday, where he was briefed on Afghanistan.", set(), "high_level_visit"),
    ("Pakistan and Afghanistan signed a deal on Monday to reduce tariffs on eight farm items.", {"trade_easing"}, "trade_restriction"),
    ("Pakistani Rangers violated the ceasefire on Monday by firing at an Indian border post.", {"border_clash"}, "ceasefire"),
    ("India and Pakistan held talks on Monday, the first since the Pahalgam attack and the Indian airstrikes.", {"talks"},
     "cross_border_strike"),
    # session 6: told as past, or not the two states' own act
    ("India recently upgraded its technical mission in Kabul to a full embassy.", set(), "diplomatic_upgrade"),
    ("On Monday, Afghanistan had termed Pakistan's claims of Indian missile strikes baseless.", set(), "cross_border_strike"),
    ("Jaishankar said on Monday that Indian relief supplies had been handed over to Afghan authorities.",
     {"humanitarian_aid"}, "talks"),
    ("Pakistan's Foreign Office on Monday noted the visit of US Vice President Vance to India.", set(), "high_level_visit"),
    ("Jaishankar and Bilawal were in Goa on Friday for the SCO Council of Foreign Ministers meeting.", set(), "talks"),
    ("Bilawal spoke to the press in Goa on Friday about India.", set(), "talks"),
    ("Pakistan and Afghanistan agreed on Monday to maintain the ceasefire.", set(), "ceasefire"),
    ("Pakistan and Afghanistan agreed on Monday to strengthen bilateral cooperation.", set(), "agreement"),
    ("Afghanistan's ban on the import of medicines from Pakistan took effect on Monday.", {"trade_restriction"},
     "humanitarian_aid"),
    ("Pakistan warned Kabul of retaliation on Monday, on the eve of the third round of talks with Afghanistan.", {"threat"},
     "talks"),
    ("If the negotiations with Afghanistan fail, Pakistan will respond, Asif said on Monday.", set(), "talks"),
    ("Pakistan's Foreign Office on Monday announced the visit of Afghan Foreign Minister Muttaqi to Islamabad.", set(),
     "high_level_visit"),
    ("Attacks on border posts by the Afghan Taliban killed three Pakistani soldiers on Monday.", {"border_clash"},
     "militant_attack"),
    # session 7: not done, offered, habitual, an earlier month's, a third country's act
    ("Pakistan did not close the Torkham border on Monday, officials said.", set(), "border_closure"),
    ("The trip was delayed on Monday when a waiver was not granted to Muttaqi by India.", set(), "trade_easing"),
    ("India on Monday expressed readiness to provide a wide range of humanitarian assistance to Afghanistan.", set(),
     "humanitarian_aid"),
    ("India has repeatedly attempted to resolve this issue through dialogue with Pakistan, Singh said on Monday.", set(),
     "talks"),
    ("Pakistan and Afghanistan held talks in Riyadh on Sunday to ease the strain after April's border clashes.", {"talks"},
     "border_clash"),
    ("Her visit to Kabul on Monday came at a time when the TTP announced an end to its ceasefire with Pakistan.",
     {"high_level_visit"}, "ceasefire"),
    ("The Taliban seek ties with China, the first country to appoint an ambassador to Kabul, on Monday.", set(),
     "diplomatic_upgrade"),
    ("Pakistan has seen hundreds of thousands of Afghan migrants expelled since April, Kabul said on Monday.", set(),
     "deportation"),
    ("India issued flood alerts to Pakistan on Monday, warning of a high probability of flooding in the Tawi.",
     {"cooperative_statement"}, "threat"),
    ("Pakistan on Monday announced a 10 per cent processing fee on goods under the Afghan transit trade agreement.",
     {"trade_restriction"}, "trade_easing"),
    ("Speaking at a meeting with industrialists on Monday, Baradar accused Pakistan of undermining Afghan trade.",
     {"diplomatic_protest"}, "talks"),
    ("The Taliban on Monday accused Pakistan of airstrikes on Kabul, as clashes between the two entered a third week.",
     {"cross_border_strike", "diplomatic_protest"}, "border_clash"),
    ("Pakistan will release 200 Indian fishermen as a humanitarian gesture, Bilawal announced on Monday.", set(),
     "humanitarian_aid"),
    ("Floods hit Pakistan on Monday and international aid began trickling in, as Modi sent condolences.", set(),
     "humanitarian_aid"),
    ("An earlier visit to India by Muttaqi was called off, officials said on Monday.", set(), "high_level_visit"),
    ("Dar will make his much-awaited trip to Kabul tomorrow, the Foreign Office said on Monday.", set(), "high_level_visit"),
    ("The FO spokesperson confirmed the date of the foreign minister's one-day visit to Kabul on Monday.", set(),
     "high_level_visit"),
    ("The DGMOs' talks on Monday focused on reinforcing the commitment to ceasefire between India and Pakistan.",
     {"talks"}, "ceasefire"),
    ("On Monday India and Pakistan exchanged lists of their nuclear installations as part of a bilateral agreement.",
     {"cooperative_statement"}, "agreement"),
    ("Efforts to resolve the prolonged closure of the Torkham border hit an impasse on Monday.", set(), "border_closure"),
    ("Asif said on Monday the current ceasefire with Afghanistan technically stands.", set(), "ceasefire"),
    ("The prime minister, chairing a meeting on Afghan coal imports on Monday, voiced concern over prices.", set(), "talks"),
    # session 8: a place after "to" is not an intention; not aware of; a treaty of 1893; a state of affairs
    ("India's ambassador to Qatar held talks with a Taliban leader in Doha on Monday.", {"talks"}, "high_level_visit"),
    ("The Foreign Office said on Monday it was not aware of the reported talks with Afghanistan.", set(), "talks"),
    ("The Durand Line Agreement between Afghanistan and Pakistan was signed back in 1893.", set(), "agreement"),
    ("The Torkham crossing has been closed for more than two weeks, Pakistani traders said on Monday.", set(),
     "border_closure"),
    ("Pakistan and Afghanistan agreed to a truce, but the crossings remain closed, traders said on Monday.", set(),
     "border_closure"),
    ("Pakistan claimed on Monday that many Afghan fighters died in the latest round of strikes.", set(), "talks"),
    ("Andrabi suggested on Monday that if reopening the border with Afghanistan leads to violence, it should stay shut.",
     set(), "border_reopening"),
    ("Islamabad accuses the Afghan Taliban of supporting the Pakistani Taliban, a charge Kabul denies.", set(),
     "diplomatic_protest"),
    ("Kabul on Monday condemned the bombing, calling it a barbaric act and a clear aggression by Islamabad.",
     {"diplomatic_protest"}, "cooperative_statement"),
    # session 9: a game is not a clash
    ("The tri-series kicks off on Monday, with Pakistan taking on Afghanistan in the opening clash.", set(), "border_clash"),
    ("Pakistani and Afghan forces clashed at Torkham on Monday.", {"border_clash"}, "talks"),
    # an attack named as known is what the news is about; "did not hold bilateral talks"
    ("India on Monday banned all imports from Pakistan over the Pahalgam terrorist attack.", {"trade_restriction"},
     "militant_attack"),
    ("A terrorist attack near the Afghan border on Monday killed 12 Pakistani soldiers.", {"militant_attack"}, "talks"),
    ("Jaishankar and Bilawal, who did not hold bilateral talks, spoke in Goa on Monday.", set(), "talks"),
    ("Pakistan and Afghanistan agreed on Monday to ensure effective implementation of the ceasefire.", set(), "ceasefire"),
    ("Candidates backed by jailed former prime minister Imran Khan's Pakistan Tehreek-e-Insaf won most seats on Monday, "
     "India noted.", set(), "militant_crackdown"),
    ("The firing on Monday was the third ceasefire violation in 24 days by Pakistan Rangers, India said.", {"border_clash"},
     "ceasefire"),
    ("India on Monday regretted the accidental firing of a missile that landed in Pakistan.", set(), "high_level_visit"),
    ("Indian officials discussed India's humanitarian assistance with the Taliban in Kabul on Monday.", {"talks"},
     "humanitarian_aid"),
    ("India and Afghanistan on Monday emphasised their desire for humanitarian cooperation.", set(), "humanitarian_aid"),
    ("Human rights observers on Monday condemned the incident in Kunar, Afghanistan, blamed on Pakistan.", set(),
     "cooperative_statement"),
    ("The sniper attack on Pakistan's embassy in Kabul on Monday was mounted from an elevated position near the embassy.",
     set(), "diplomatic_upgrade"),
    ("India on Monday condemned the cowardly attack on a gurdwara in Kabul, Afghanistan.", {"cooperative_statement"},
     "diplomatic_protest"),
    ("Pakistan and Afghanistan also met in the opening match of the tri-series on Monday.", set(), "talks"),
    ("Sharif convened a meeting of the National Command Authority on Monday, after India's strikes on Pakistan.", set(),
     "talks"),
    ("Under the Afghan Transit Trade Agreement, Pakistan on Monday stopped the transit of 212 items to Afghanistan.", set(),
     "agreement"),
    ("Pakistan and Afghanistan agreed on Monday to collaborate against terrorism.", set(), "agreement"),
    ("The Afghan ministry on Monday condemned the attack and called it their right to defend their land and sovereignty "
     "against Pakistan.", {"diplomatic_protest"}, "cooperative_statement"),
    # session 11: militants killed by forces are no attack on the state; aid still to come, or counted up, is not given
    ("Pakistani security forces on Monday killed five heavily armed TTP terrorists near the Afghan border.", set(),
     "militant_attack"),
    ("Nine soldiers were martyred on Monday in a TTP attack near the Afghan border, and forces killed five terrorists.",
     {"militant_attack"}, "talks"),
    ("Islamabad said on Monday it will also send aid including wheat to Afghanistan.", set(), "humanitarian_aid"),
    ("India is all set to deliver humanitarian assistance to Afghanistan, the MEA said on Monday.", set(), "humanitarian_aid"),
    ("India has already sent 40,000 tonnes of wheat aid to Afghanistan, Kabul said on Monday.", set(), "humanitarian_aid"),
    ("India sent a consignment of medicines to Afghanistan on Monday.", {"humanitarian_aid"}, "talks"),
    # a meeting where a decision was taken is its setting; talks a minister "would hold" are not yet held
    ("Pakistan on Monday banned imports from Afghanistan; the decision was taken in a meeting of the Economic "
     "Coordination Committee.", {"trade_restriction"}, "talks"),
    ('Qureshi would hold "high-level delegation" talks with his Afghan counterpart, a spokesperson said on Monday.', set(),
     "talks"),
    ("In what is said to be the first such meeting, India's envoy held talks with Afghanistan's defence minister in Kabul "
     "on Monday.", {"talks"}, "high_level_visit"),
    # an accusation in a relative clause or the passive is a standing charge, not this week's protest
    ("Pakistan and its intelligence agency have been accused of supporting the Taliban in Afghanistan.", set(),
     "diplomatic_protest"),
    ("Amid a surge in attacks, which Pakistan blames on the TTP hiding in Afghanistan, Asif spoke on Monday.", set(),
     "diplomatic_protest"),
    ("Pakistan on Monday accused Afghanistan of sheltering the TTP.", {"diplomatic_protest"}, "talks"),
    # a spell of clashes is what the news follows; forces inflicting losses on terrorists fight a group
    ("Pakistan and Afghanistan agreed on Monday to an immediate ceasefire after a week of deadly border clashes.",
     {"ceasefire"}, "border_clash"),
    ("Talks in Istanbul ended on Monday, after deadly clashes this month between Pakistan and Afghanistan.", set(),
     "border_clash"),
    ("Pakistani soldiers near the Afghan border repulsed the attacks on Monday, inflicting heavy casualties on the "
     "terrorists.", set(), "border_clash"),
    ("Pakistani and Afghan forces clashed at the Chaman border on Monday.", {"border_clash"}, "talks"),
    # a visit to a site, a garrison or the injured is no visit between the states; rockets that landed are no visitors
    ("Arafat Jamal, UNHCR Representative in Afghanistan, visited the Torkham border crossing with Pakistan on Monday.",
     set(), "high_level_visit"),
    ("Pakistan's army chief visited the injured soldiers at CMH Quetta on Monday, after the attack from Afghanistan.",
     set(), "high_level_visit"),
    ("The Afghan rockets landed in a village in Pakistani territory on Monday.", set(), "high_level_visit"),
    ("Pakistan's foreign minister visited Kabul, Afghanistan, on Monday.", {"high_level_visit"}, "talks"),
    # session 11, after holdout19: a response given is no threat, an attack "met with" a reply no talks; a game;
    # "accuses" with no date is a standing charge; a condemnation with a quoted word is still solidarity
    ("In a befitting response on Monday, Pakistani forces killed eight Afghan Taliban fighters at the border.", set(),
     "threat"),
    ("The Pakistani attack on Monday was met with a powerful response from the Indian Army.", set(), "talks"),
    ("Both teams enter this blockbuster clash between India and Pakistan on Monday in strong form.", set(), "border_clash"),
    ("Fakhar Zaman looked threatening with some aggressive strokeplay against Afghanistan on Monday.", set(), "threat"),
    ("Pakistan accuses Kabul of harbouring armed groups, including the TTP.", set(), "diplomatic_protest"),
    ("On Monday, Pakistan accuses Kabul of harbouring the TTP in a new dossier.", {"diplomatic_protest"}, "talks"),
    ('Modi on Monday condemned the "cowardly" terrorist attack on a gurdwara in Kabul, Afghanistan.',
     {"cooperative_statement"}, "diplomatic_protest"),
    # a truce breached, ended, doubted or still to be secured is no new ceasefire; agreeing to a request is no agreement
    ("The breach of the ceasefire on Monday by Pakistan's army on the LoC with India coincides with operations in Kathua.",
     set(), "ceasefire"),
    ("Pakistan's Andrabi confirmed on Monday that the ceasefire with Afghanistan had broken down.", set(), "ceasefire"),
    ('Asif said on Monday "I have my doubts that this ceasefire will hold" with Afghanistan.', set(), "ceasefire"),
    ("China's mediation between Pakistan and Afghanistan seeks to secure a lasting ceasefire, Beijing said on Monday.",
     set(), "ceasefire"),
    ("Pakistan and Afghanistan agreed to a ceasefire on Monday.", {"ceasefire"}, "talks"),
    ("Pakistan on Monday agreed to the Taliban's request and placed an exemption for Afghan drivers.", set(), "agreement"),
    ("Pakistan and Afghanistan on Monday signed an agreement on transit trade.", {"agreement"}, "talks"),
    # a delegation welcomed at the airport is a visitor received; what "currently" holds is a state of affairs
    ("Muttaqi on Monday welcomed the Pakistani delegation at the Kabul International Airport.", set(),
     "cooperative_statement"),
    ("Currently, Pakistan only allows Afghanistan to export goods to India, traders said on Monday.", set(), "trade_easing"),
    ("Muttaqi on Monday welcomed Pakistan's decision to reopen the Torkham border.", {"cooperative_statement"}, "talks"),
    # "a day after" an act is its occasion, like "comes after"
    ("A day after a suicide bombing in Peshawar, Mujahid on Monday accused Pakistan of strikes in Khost, Afghanistan.",
     {"diplomatic_protest"}, "militant_attack"),
    # session 12: an envoy taking up a post, a war feared, the clashes that strained relations
    ("Afghanistan's new ambassador arrived in Islamabad, Pakistan, on Monday to take charge of his post.", set(),
     "high_level_visit"),
    ("Pakistan and India on Monday agreed to a ceasefire, easing the threat of a war between the two countries.",
     {"ceasefire"}, "threat"),
    ("Dar met Muttaqi in Kabul on Monday amid strained relations, fuelled by border clashes and attacks by the TTP.",
     {"talks"}, "border_clash"),
    ("India-Pakistan clashes are rare outside major tournaments, and the two meet on Monday.", set(), "border_clash"),
    ("Polio continues to threaten the health of children in Pakistan and Afghanistan, officials said on Monday.", set(),
     "threat"),
    ("The US said on Monday it was aware of a threat of a terrorist attack in Karachi, Pakistan, from Afghanistan.", set(),
     "threat"),
    ("India and Pakistan on Monday ruled out any bilateral talks on the sidelines of the SCO summit.", set(), "talks"),
    ("Transport unions on Monday criticized Pakistan's visa policy for Afghan truckers.", set(), "diplomatic_protest"),
    ("The clashes on Monday made the Qatar-mediated ceasefire between Pakistan and Afghanistan appear increasingly shaky.",
     {"border_clash"}, "ceasefire"),
    ("India and Pakistan both claim Kashmir, each accusing the other of stoking militancy, officials said on Monday.", set(),
     "diplomatic_protest"),
    ("This is the first time the national team of Pakistan is visiting India, officials said on Monday.", set(),
     "high_level_visit"),
    ("Saudi Arabia on Monday entered discussions to mediate a ceasefire between Pakistan and Afghanistan.", set(),
     "ceasefire"),
    ("The clash on Monday showed a pattern of provocations by Afghan forces that Pakistan has long condemned.",
     {"border_clash"}, "diplomatic_protest"),
    ("In view of requests of pilgrims regarding the removal of the USD 20 service charge levied by Pakistan per pilgrim "
     "per visit, India on Monday urged Pakistan to waive it.", set(), "high_level_visit"),
    ("Experts on Monday criticized the Afghan consul, calling for him to be declared persona non grata by Pakistan.",
     set(), "diplomatic_downgrade"),
    ("Pakistan and Afghanistan officials met on Monday but failed to reach a consensus on reopening the Chaman border.",
     {"talks"}, "border_reopening"),
    ("Pakistan's foreign ministry was not available on Monday for comment about the retaliation by Afghanistan.", set(),
     "threat"),
    ("Officials at Torkham said on Monday they had lined up trucks that would enter Afghanistan from Pakistan.", set(),
     "threat"),
    ("Pakistan says India backs the BLA. New Delhi rejects the claim.", set(), "diplomatic_protest"),
    ("Pakistan on Monday hosted a state visit by Kazakh President Tokayev to Islamabad, days after India's remarks.", set(),
     "high_level_visit"),
    ("After three days of talks, Pakistan and Afghanistan failed to reach any agreement on Monday.", set(), "agreement"),
])
def test_what_a_sentence_does_not_report(sentence, expected, absent):
    found = set(by_rules(Article(text=sentence, published=dt.date(2025, 5, 26)), dyad=None)["event_type"])
    assert expected <= found and absent not in found


@pytest.mark.parametrize("sentence, event_type", [
    ("Pakistan on Monday halts all trade with India.", "trade_restriction"),
    # session 10: words of acts the lexicon lacked
    ("Pakistani forces on Monday repelled a cross-border attack by the Afghan Taliban at four locations.", "border_clash"),
    ("Afghan forces on Monday attacked Pakistani border posts in Kurram.", "border_clash"),
    ("The Taliban said on Monday that its forces had captured military posts along the Durand Line from Pakistan.",
     "border_clash"),
    ("Fighting continued on Monday along the Pakistan-Afghanistan border.", "border_clash"),
    ("Hostilities erupted on Monday between Afghanistan and Pakistan.", "border_clash"),
    ("Taliban forces on Monday stopped the Pakistani military from erecting a border fence in Afghanistan.", "border_clash"),
    ("Indian troops on Monday opened heavy fire on Pakistani posts.", "border_clash"),
    ("Pakistan on Monday conducted operations against seven TTP camps in Afghanistan.", "cross_border_strike"),
    ("Pakistani mortar fire from across the frontier hit Afghanistan's Kunar province on Monday.", "cross_border_strike"),
    ("Pakistan's envoy in Kabul survived an assassination attempt on Monday.", "militant_attack"),
    ("On Monday a suicide bomber rammed a truck into a military checkpoint in Pakistan; the TTP claimed it.",
     "militant_attack"),
    ("Pakistan on Monday approached the Afghan authorities to highlight the severity of the situation.",
     "diplomatic_protest"),
    ("Pakistan on Monday demanded strict action from Kabul against the attackers.", "diplomatic_protest"),
    ("Pakistan on Monday reaffirmed its unwavering support to the Afghan people.", "cooperative_statement"),
    ("The Afghan minister on Monday conveyed his appreciation to India for the aid.", "cooperative_statement"),
    ("Afghanistan said on Monday it is open to negotiations with Pakistan.", "cooperative_statement"),
    ("Pakistan on Monday released 200 Indian fishermen.", "cooperative_statement"),
    ("Pakistan's DGMO on Monday called his Indian counterpart.", "talks"),
    ("The Afghan and Pakistani delegations presented their concerns in Doha on Monday.", "talks"),
    ("Pakistan on Monday recalled its head of mission from Kabul.", "diplomatic_downgrade"),
    ("India on Monday evacuated its ambassador and embassy staff from Kabul, Afghanistan.", "diplomatic_downgrade"),
    ("Pakistan on Monday decided to revoke trade relations with India.", "trade_restriction"),
    ("Kabul on Monday told Afghan traders to halt or reduce trade with Pakistan.", "trade_restriction"),
    ("Rajnath Singh said on Monday that India will enter Pakistan to kill terrorists who escape.", "threat"),
    ("Ishaq Dar represented Pakistan at the signing ceremony held in Kabul on Monday.", "high_level_visit"),
    ("Modi on Monday expressed sympathy for the Pakistan flood victims.", "cooperative_statement"),
    ("The Taliban government in Afghanistan on Monday called for dialogue with Pakistan.", "cooperative_statement"),
    ("Kabul on Monday appeared to blame Pakistan for the act of aggression.", "diplomatic_protest"),
    ("Khawaja Asif on Monday vehemently rebuked Afghanistan for not honouring the Doha agreement.", "diplomatic_protest"),
    ("Munir on Monday pledged a swift and strong response to any act of aggression against Pakistan, a warning to India.",
     "threat"),
    ("Afghanistan said on Monday it will not leave this act by Pakistan unanswered.", "threat"),
    ("India on Monday resumed its diplomatic presence in Kabul, Afghanistan.", "diplomatic_upgrade"),
    ("Afghanistan on Monday appointed diplomat Noor Ahmed Noor to its Embassy in New Delhi.", "diplomatic_upgrade"),
    ("The armies of India and Pakistan exchanged small arms fire on Monday.", "border_clash"),
    ("Afghanistan said on Monday that medicines imported from Pakistan will no longer be processed.", "trade_restriction"),
    ("India on Monday brought back home the Indian ambassador and its staff at the embassy in Kabul, Afghanistan.",
     "diplomatic_downgrade"),
    ("In a strong retort against Imran Khan's comments, India said on Monday Pakistan harbours terrorists.",
     "diplomatic_protest"),
    ("The Taliban said on Monday that Pakistan's decision to expel Afghans was unacceptable.", "diplomatic_protest"),
    ("Pakistan said on Monday that it had formally taken up the matter with India.", "diplomatic_protest"),
    ("Baradar on Monday asked Afghan traders to scale back trade with Pakistan.", "trade_restriction"),
    ("India on Monday granted clearance for entry of 160 Afghan trucks through Attari, Afghanistan's minister said.",
     "trade_easing"),
    ("Afghan forces on Monday renewed attacks against Pakistani troops along the border.", "border_clash"),
    ("Islamabad on Monday suspended cargo transport under the Afghan Transit Trade Agreement.", "trade_restriction"),
    ("Late on Monday night, Pakistan banned the use of its ports by Indian flag carriers.", "trade_restriction"),
    ("Pakistan on Monday allowed 150 Afghan trucks to enter India via the Wagah border.", "trade_easing"),
    ("Pakistan on Monday announced to suspend the trade ties with India and the downgrading of diplomatic ties.",
     "trade_restriction"),
    ("Pakistan on Monday announced to suspend the trade ties with India and the downgrading of diplomatic ties.",
     "diplomatic_downgrade"),
    ("Pakistan on Monday extended the time period for the transit of Indian aid to Afghanistan.", "trade_easing"),
    ("India on Monday extended the Notice to Airmen restricting Pakistani aircraft from its airspace.", "border_closure"),
    ("India said on Monday it remains fully committed to the sovereignty of Afghanistan.", "cooperative_statement"),
    ("The MEA spoke on Monday after the failure of peace talks between Pakistan and Afghanistan in Turkey.",
     "talks_breakdown"),
    ("Pakistan on Monday unveiled a dossier on violations by the Indian authorities.", "diplomatic_protest"),
    ("Pakistan's committee on Monday reviewed the Indian measures and termed them 'unilateral, unjust'.",
     "diplomatic_protest"),
    ("Pakistani aircraft on Monday launched overnight strikes on Kabul, Afghanistan.", "cross_border_strike"),
    ("Jaishankar held a significant diplomatic engagement on Monday with Afghanistan's Muttaqi.", "talks"),
    ("The Taliban on Monday welcomed the assistance from India.", "cooperative_statement"),
    ("Jaishankar held a phone conversation with Afghan foreign minister Muttaqi on Monday.", "talks"),
    ("Pakistan decided on Monday to close the Wagah border post with India with immediate effect.", "border_closure"),
    ("Pakistan on Monday extended the ban on its airspace for Indian aircraft.", "border_closure"),
    ("Pakistan on Monday suspended all visas issued to Indian nationals.", "deportation"),
    ("Modi on Monday sent his best wishes to the people of Pakistan.", "cooperative_statement"),
    ("India on Monday announced the initiation of air freight corridors connecting Kabul with Delhi.", "trade_easing"),
    ("Afghan forces on Monday targeted Pakistan's military centres along the border with heavy weapons.", "border_clash"),
    ("India on Monday suspended the exchange of all mail and parcels with Pakistan.", "trade_restriction"),
    ("Pakistan's embassy in Kabul came under attack on Monday, the Foreign Office said.", "militant_attack"),
    ("The Taliban said on Monday they retaliated by launching heavy weapons at the Pakistani military.", "border_clash"),
    ("The BSF said on Monday that Pakistan violated the truce by firing at its post.", "border_clash"),
    ("Pakistan on Tuesday denied use of its airspace to an Indian flight, inaugurated by Amit Shah last month.", "border_closure"),
    ("The MEA on Monday condemned the bombing at the Islamabad mosque, Pakistan's capital.", "cooperative_statement"),
    ("Pakistan on Monday decided to allow the transportation of Indian wheat to Afghanistan.", "trade_easing"),
    ("Modi on Monday offered heartfelt condolences to the flood victims in Pakistan.", "cooperative_statement"),
    ("Pakistan's foreign secretary disclosed on Thursday that India was involved in recent killings.", "diplomatic_protest"),
    ("Baradar on Monday ordered importers to stop importing medicines from Pakistan.", "trade_restriction"),
    ("India on Wednesday announced the closure of the Kartarpur corridor to Pakistan.", "border_closure"),
    ("India on Wednesday carried out precision strikes on nine sites in Pakistan.", "cross_border_strike"),
    ("Pakistan on Monday closed the Wagah border post, cancelled visas given to Indian nationals under the SAARC "
     "scheme and declared India's defence advisers persona non grata.", "deportation"),
    ("Following the Pakistani strikes on Afghan soil, Afghanistan's Mujahid on Monday condemned the attack.", "diplomatic_protest"),
    ("Pakistan registered a formal protest with Afghan authorities on Monday over the consul general's behaviour.",
     "diplomatic_protest"),
    ("Pakistan's military said on Monday that the suicide attack was planned in neighbouring Afghanistan.", "diplomatic_protest"),
    ("Pakistan's caretaker government on Monday banned 212 items of Afghan transit trade.", "trade_restriction"),
    ("India had carried out precision strikes on nine sites in Pakistan early on Monday, the army said.", "cross_border_strike"),
    ("Baradar on Monday gave importers three months to end all business dealings with Pakistan.", "trade_restriction"),
    ("Khawaja Asif on Monday hinted at the possibility of cross-border strikes on hideouts in Afghanistan.", "threat"),
    ("India has issued a notice to Pakistan for modification of the Indus Waters Treaty on Monday.", "diplomatic_protest"),
    ("The previously issued visas to all Afghan nationals who are not in India stand invalidated, India said on Monday.",
     "deportation"),
    ("Pakistan and Afghanistan on Monday declared a temporary pause in escalating fighting.", "ceasefire"),
    ("Afghanistan's operation against Pakistani posts has now been halted, Mujahid said on Monday.", "ceasefire"),
    ("Under the agreement signed with Afghanistan on Monday, Pakistan's tariffs will be lowered to 27%.", "trade_easing"),
    ("Intense fighting broke out on Monday between Pakistani forces and the Afghan Taliban at the border.", "border_clash"),
    ("Pakistan on Monday upgraded its Kabul post to full ambassadorial status.", "diplomatic_upgrade"),
    ("India sent 27 tonnes of relief material to Afghanistan on Monday.", "humanitarian_aid"),
    ("India on Monday hit out at Pakistan's foreign minister for his remarks at the UN.", "diplomatic_protest"),
    ("On Monday the Taliban welcomed India's decision to reopen its embassy in Kabul.", "cooperative_statement"),
    ("A Taliban spokesperson on Monday thanked the Government of India for the medicines.", "cooperative_statement"),
    ("All forms of trade with India suspended on Monday, Pakistan said.", "trade_restriction"),
    ("Unidentified armed men on Monday fired upon Pakistan's diplomatic mission in Kabul.", "militant_attack"),
    ("Pakistan on Monday notified a list of items that Afghanistan cannot import through Pakistani ports.",
     "trade_restriction"),
    ("At least eight people were killed in India's Operation Sindoor early on Monday, Pakistan said.", "cross_border_strike"),
    ("Airspace to all Indian-owned or operated flights closed on Monday, Pakistan said.", "border_closure"),
    ("Qureshi said on Monday that Indian and Afghan intelligence agencies seem to be involved in the attack.",
     "diplomatic_protest"),
    ("After two days of discussions, Afghan and Pakistani officials agreed on trade and transit on Monday.", "agreement"),
    ("Kabul on Monday condemned the recent attack on tourists in Pahalgam, India.", "cooperative_statement"),
    ("The Afghan Embassy in New Delhi on Monday released a statement announcing its permanent closure.",
     "diplomatic_downgrade"),
    ("Pakistan's army chief on Monday issued a stern warning to the Afghan Taliban.", "diplomatic_protest"),
    ("Khawaja Asif said on Monday that India is waging a proxy war against Pakistan from Afghanistan.", "diplomatic_protest"),
    ("India said on Monday that Pakistan provides safe havens to terrorists.", "diplomatic_protest"),
    ("Pakistan has bombed a fuel depot near Kandahar airport, Afghanistan's Mujahid said on Monday.", "cross_border_strike"),
    ("Mujahid said on Monday that Pakistani aircraft carried out the attack in Khost, Afghanistan.", "cross_border_strike"),
    ("Pakistan on Monday announced a temporary pause in its military operation in Afghanistan for Eid.", "ceasefire"),
    ("Pakistan on Monday issued a fresh NOTAM keeping Indian aircraft out of its skies.", "border_closure"),
    ("Mujahid said on Monday the Taliban had arrested the man responsible for the attack on Pakistan's embassy.",
     "militant_crackdown"),
    ("A Pakistani delegation led by the defence minister is in Kabul, Afghanistan, the Foreign Office said on Monday.",
     "high_level_visit"),
    ("The Afghan Taliban on Monday stopped the return of Afghans from Pakistan through the Torkham border.", "border_closure"),
    ("All trade with India, including to and from any third country through Pakistan, is suspended forthwith, Pakistan "
     "said on Monday.", "trade_restriction"),
    ("India on Monday dispatched a consignment of medical supplies to Kabul, Afghanistan.", "humanitarian_aid"),
    ("Pakistan and Afghanistan have decided to establish a coordination mechanism at the border, officials said on Monday.",
     "agreement"),
    ("Khawaja Asif claimed on Monday that TTP militants are using Afghanistan soil to attack Pakistan.", "diplomatic_protest"),
    ("Asif said on Monday that India is backing the Afghan Taliban in Kabul.", "diplomatic_protest"),
    ("Pakistan's army said on Monday its forces killed 40 Indian-backed terrorists in Balochistan.", "diplomatic_protest"),
    ("The movement of such a group can't take place without the active complicity of the Pakistani Army, India said on "
     "Monday.", "diplomatic_protest"),
    ("Sharif said on Monday that a group backed by India was behind the attack on a school bus in Pakistan.",
     "diplomatic_protest"),
    ('India said on Monday that "Pakistan\'s actions constituted provocation".', "diplomatic_protest"),
    ("Dar said on Monday that any future aggression by India would be met with a firm response.", "threat"),
    ('Pakistan\'s Foreign Office on Monday urged the Afghan government to take "strong action" against the attackers.',
     "diplomatic_protest"),
    ("The Foreign Office on Monday dismissed the Afghan Taliban's latest offer to mediate with the TTP.", "diplomatic_protest"),
    ("Taliban consuls on Monday reopened offices at the Afghan embassy in New Delhi, India.", "diplomatic_upgrade"),
    # session 12: words of acts the lexicon lacked
    ("Pakistan on Monday condemned a terrorist attack on a hospital in Kabul, Afghanistan.", "cooperative_statement"),
    ("Pakistan on Monday closed all crossings with Afghanistan.", "border_closure"),
    ("India's deputy high commissioner was called to the Foreign Office in Islamabad, Pakistan, on Monday.",
     "diplomatic_protest"),
    ("Pakistan's army chief on Monday contacted his Afghan counterpart about the border.", "talks"),
    ("Pakistan has not allowed trucks carrying Afghan goods to cross into India since Monday.", "trade_restriction"),
    ("Pakistani warplanes pounded Kunar province, Afghanistan, on Monday.", "cross_border_strike"),
    ("Pakistani and Afghan troops traded fire at the Chaman border on Monday.", "border_clash"),
    ("Afghan forces fired mortars at Pakistani posts in Kurram on Monday.", "border_clash"),
    ("Thousands of Afghans were forcibly returned from Pakistan on Monday.", "deportation"),
    ("The Taliban on Monday handed over three TTP commanders to Pakistan.", "militant_crackdown"),
    ("Pakistan on Monday resumed the transit of Afghan goods through Karachi.", "trade_easing"),
    ("Pakistan's ambassador on Monday paid a courtesy call on Afghanistan's foreign minister in Kabul.", "talks"),
    # after holdout22 was scored, and words common in such reports
    ("India on Monday shut its consulate in Kandahar, Afghanistan.", "diplomatic_downgrade"),
    ("India said on Monday it seeks to strengthen its relationship with Afghanistan.", "cooperative_statement"),
    ('Sharif said on Monday the killings by Afghan forces "deserve the harshest condemnation".', "diplomatic_protest"),
    ("Pakistan said on Monday it expected Kabul to address its security concerns.", "diplomatic_protest"),
    ("Indian forces on Monday targeted military installations in Pakistan.", "cross_border_strike"),
    ("Drone incursions from Pakistan into India were reported on Monday.", "cross_border_strike"),
    ("The foreign ministers of India and Afghanistan conferred on Monday about trade.", "talks"),
    ("Pakistan on Monday blocked Afghan transit cargo at Karachi port.", "trade_restriction"),
    ("India on Monday reduced the strength of Pakistan's High Commission in New Delhi.", "diplomatic_downgrade"),
    ("India on Monday delivered vaccines to Kabul, Afghanistan.", "humanitarian_aid"),
    ("Pakistani police on Monday rounded up hundreds of Afghans in Karachi.", "deportation"),
    ("India on Monday struck nine sites in Pakistan.", "cross_border_strike"),
    ("Pakistan said on Monday it shot down five Indian jets.", "border_clash"),
    ("Pakistani troops on Monday shelled villages in Kunar, Afghanistan.", "border_clash"),
    ("Pakistan on Monday conveyed its concerns to Kabul over the attacks.", "diplomatic_protest"),
    ("India on Monday lashed out at Pakistan.", "diplomatic_protest"),
    ("Traffic resumed at the Chaman crossing between Pakistan and Afghanistan on Monday.", "border_reopening"),
    # after holdout23 was scored
    ("The Afghan embassy in New Delhi, India, announced permanent closure of operations on Monday.", "diplomatic_downgrade"),
    ("The Taliban on Monday retaliated by targeting Pakistani military installations.", "border_clash"),
    ("Dar phoned the Afghan foreign minister on Monday.", "talks"),
    ("Sharif said on Monday he was deeply saddened by the earthquake in Herat, Afghanistan.", "cooperative_statement"),
    ("India said on Monday that Pakistan continues to practise cross-border terrorism.", "diplomatic_protest"),
    ("India on Monday expelled a Pakistani official; the official has been asked to leave within 24 hours.",
     "diplomatic_downgrade"),
    # after holdout24 was scored
    ("ISLAMABAD: Afghanistan's foreign minister Muttaqi arrived here on Monday.", "high_level_visit"),
    ("Sharif on Monday felicitated Modi on his third term as India's prime minister.", "cooperative_statement"),
    ("The DG ISPR said on Monday that if India attacked, Pakistan would give a befitting reply.", "threat"),
    ("Asif said on Monday the Taliban in Afghanistan had begun exporting terror to Pakistan.", "diplomatic_protest"),
    ("Trade with Afghanistan came to a standstill at the Torkham border on Monday.", "trade_restriction"),
    # after holdout25 was scored
    ("Pakistan on Monday carried out intelligence-based operations in the border regions inside Afghanistan.",
     "cross_border_strike"),
    ('Jaishankar said he had a "good conversation" with Muttaqi of Afghanistan on Monday.', "talks"),
    # after holdout26 was scored
    ("The Taliban government on Monday sent an envoy to run the Afghan embassy in Islamabad, Pakistan.",
     "diplomatic_upgrade"),
    # after holdout27 was scored
    ("The DG ISPR on Monday once again confirmed the Indo-Afghan nexus in terrorism in Balochistan, Pakistan.",
     "diplomatic_protest"),
    ("Pakistan on Monday launched an operation to destroy a training facility in Paktika, Afghanistan.",
     "cross_border_strike"),
    ("Afghanistan said on Monday its forces hit several points inside Pakistan.", "cross_border_strike"),
    # after holdout28 was scored
    ("The Taliban on Monday cancelled a visit by a Pakistani military delegation to Kandahar, Afghanistan.",
     "talks_breakdown"),
    ("India on Monday raised the issue of the flight with Pakistan through diplomatic channels.", "diplomatic_protest"),
    ("Pakistan's Tarar said on Monday that targets linked to the Afghan Taliban were struck in Kabul and Kandahar.",
     "cross_border_strike"),
    ("India and Afghanistan on Monday activated the air freight corridor between New Delhi and Kabul.", "trade_easing"),
    # after holdout29 was scored
    ("India on Monday prohibited the import of all goods originating in Pakistan.", "trade_restriction"),
    ("The Torkham crossing between Afghanistan and Pakistan faced closure on Monday after an exchange of fire.",
     "border_closure"),
    ("The peace talks in Istanbul between Pakistan and Afghanistan fell apart on Monday.", "talks_breakdown"),
    # after holdout30 was scored
    ("Jaishankar on Monday held a brief discussion with Dar of Pakistan.", "talks"),
    ("India's Jaishankar and Pakistan's Dar held an \"informal interaction\" in Islamabad on Monday.", "talks"),
    ("Pakistan said on Monday its airspace is not available for Indian aircraft.", "border_closure"),
    ("Pakistan's foreign minister Qureshi on Monday made his first visit to the Afghan capital.", "high_level_visit"),
    # after holdout31 was scored
    ("A Pakistani officer of the High Commission was expelled by India on Monday for espionage.", "diplomatic_downgrade"),
    ("India said on Monday it was deeply concerned at reports of an attack on a gurdwara in Kabul, Afghanistan.",
     "cooperative_statement"),
    # after holdout32 was scored
    ("Suhail Shaheen of Afghanistan on Monday strongly condemned the Pahalgam terrorist attack in India.",
     "cooperative_statement"),
    ("Afghanistan's defence ministry said on Monday its forces are fully prepared to counter any further aggression by "
     "Pakistan.", "threat"),
    ("Asif vowed on Monday that Pakistan will use all its resources to protect its land from Afghanistan.", "threat"),
    ("Asif said on Monday that Pakistan may respond in the same manner if attacked from Afghanistan.", "threat"),
    # after holdout33 was scored
    ("Afghanistan's foreign minister Muttaqi left for New Delhi on Monday at the invitation of India.", "high_level_visit"),
    # after holdout34 was scored
    ("Pakistan International Airlines on Monday suspended flights to Kabul, Afghanistan, citing Taliban interference.",
     "trade_restriction"),
    ("Pakistan on Monday gave registered Afghan refugees a six-month extension of stay.", "deportation"),
])
def test_the_lexicon_knows_these_acts(sentence, event_type):
    assert event_type in _types(sentence, dt.date(2025, 5, 26))


def test_standing_in_solidarity_is_a_statement_even_after_the_lead():
    text = ("Pakistan on Monday sent 105 tonnes of relief goods to Afghanistan after the earthquake. "
            "The trucks crossed at Torkham. The goods include tents and food. "
            "Pakistan stands in solidarity with the people of Afghanistan, the minister said.")
    assert "cooperative_statement" in _types(text, dt.date(2025, 5, 26))


def test_what_decides_between_candidates():
    from tracker.extract import types_of
    # of equal strength, the type named first: the lead's main verb
    assert types_of("Pakistan on Monday slammed India for remarks made at a meeting.")[0][0] == "diplomatic_protest"
    # airspace and a land crossing shut on one day are two closures, not one
    both = by_rules(Article(text="Pakistan closed its airspace to Indian airlines on Monday. "
                                       "Pakistan also closed the Wagah border with India on Monday.", published=dt.date(2025, 5, 26)))
    assert both["event_type"].tolist() == ["border_closure", "border_closure"]
    # states named in an office's title are not the parties
    met = by_rules(Article(text="The joint secretary of India's Pakistan-Afghanistan-Iran division met Afghan "
                                      "defence minister Yaqoob in Kabul on Monday.", published=dt.date(2025, 5, 26)))
    assert set(met["dyad"]) == {"AFG-IND"}
    # a dateline is where the report was filed, not where the event happened
    filed = by_rules(Article(text="ISLAMABAD (AP) — Pakistan summoned a senior Afghan diplomat on Monday.",
                                   published=dt.date(2026, 2, 23)))
    assert filed["location"].isna().all()
    shut = by_rules(Article(text="LANDIKOTAL: Pakistan closed the Torkham border with Afghanistan on Monday.",
                                  published=dt.date(2026, 2, 23)))
    assert shut["location"].tolist() == ["Torkham"]
    # a later sentence dated well before the news tells its background, and so does an undated one after it
    context = by_rules(Article(text="Pakistan's envoy visited Kabul on Thursday for talks with the Taliban. "
                                          "On September 6, TTP fighters attacked two border posts in Chitral. "
                                          "During the exchange of fire, 12 TTP terrorists were killed.",
                                     published=dt.date(2023, 9, 22)))
    assert context["event_type"].tolist() == ["high_level_visit"]
    # "Azizi's visit comes as …", "must travel to India": no new visit
    for text in ("Afghan minister Azizi arrived in New Delhi on Wednesday. India and Afghanistan agreed on trade on Monday. "
                 "Azizi's visit comes as Pakistan keeps its border with Afghanistan shut.",
                 "All Afghan nationals must travel to India on e-visas only, the Indian government said on Wednesday."):
        visits = by_rules(Article(text=text, published=dt.date(2025, 11, 25)))
        assert (visits["event_type"] == "high_level_visit").sum() <= 1 and "must" not in " ".join(
            visits.loc[visits["event_type"] == "high_level_visit", "evidence"])
    # a strike is between the two states named nearest it; a third that condemns it is not a party
    strike = by_rules(Article(text="India on Sunday strongly condemned Pakistan's airstrikes on Afghan territory.",
                                    published=dt.date(2026, 2, 22)))
    assert strike.set_index("event_type").loc["cross_border_strike", "dyad"] == "AFG-PAK"
    # a sentence dated earlier than the lead tells the past: it does not date what follows it
    report = by_rules(Article(text="Pakistan's embassy in Kabul came under attack on Friday, the Foreign Office said. "
                                         "The envoy took charge on November 4. The Afghan foreign ministry condemned the incident.",
                                    published=dt.date(2022, 12, 2)))
    assert set(report["date"]) == {"2022-12-02"}
    # an undated mention of the visit already reported is not another visit
    visit = by_rules(Article(text="Afghan minister Azizi arrived in New Delhi on Wednesday for talks with India. "
                                        "India and Afghanistan announced air freight corridors on Monday. "
                                        "His visit comes amid efforts to revive trade between India and Afghanistan.",
                                   published=dt.date(2025, 11, 25)))
    assert (visit["event_type"] == "high_level_visit").sum() == 1


def test_a_visit_already_named_is_one_visit_unless_the_sentence_says_it_took_place():
    told = "Pakistan's foreign minister Dar flew to Kabul on Saturday. "
    again = by_rules(Article(text=told + "Officials said on Saturday that Dar's visit to Kabul comes amid strained ties with Afghanistan.",
                                   published=dt.date(2025, 4, 19)))
    assert again["event_type"].tolist() == ["high_level_visit"]
    held = by_rules(Article(text="Dar's visit to Kabul, long in planning, occurred as Pakistan enforces visas for Afghans.",
                                  published=dt.date(2025, 4, 19)))
    assert held["event_type"].tolist() == ["high_level_visit"]
    these = by_rules(Article(text="Pakistan and Afghanistan held talks in Kabul on Monday. "
                                        "\"Local people will be taken into confidence in these talks with Afghanistan,\" he said.",
                                   published=dt.date(2025, 4, 19)))
    assert these["event_type"].tolist() == ["talks"]
    first = by_rules(Article(text="Muttaqi held talks with Dar in Islamabad on Friday. "
                                        "This is the first visit of Muttaqi to Pakistan since the formation of the government.",
                                   published=dt.date(2023, 5, 5)))
    assert first["event_type"].tolist() == ["talks"]  # the visit it names is the one the lead gave, not a new one


def test_talks_on_a_visit_are_their_own_event():
    visit = "Pakistan's foreign minister Dar arrived in Kabul on Saturday. "
    met = by_rules(Article(text=visit + "Dar met Afghan Prime Minister Akhund in Kabul on Saturday.",
                                 published=dt.date(2025, 4, 19)))
    assert met["event_type"].tolist() == ["high_level_visit", "talks"]  # two acts: the coder may reject either
    one = by_rules(Article(text="Dar arrived in Kabul on Saturday and met Afghan Prime Minister Akhund.",
                                 published=dt.date(2025, 4, 19)))
    assert one["event_type"].tolist() == ["high_level_visit"]  # in one sentence the meeting is part of the visit


def test_after_a_step_back_only_a_strong_act_is_news_again():
    lead = "Pakistan's embassy in Kabul came under attack on Friday. Nizamani took charge of his post on November 4. "
    strong = by_rules(Article(text=lead + "The Afghan foreign ministry condemned the incident.",
                                    published=dt.date(2022, 12, 2)))
    assert "cooperative_statement" in set(strong["event_type"])
    weak = by_rules(Article(text=lead + "Kabul welcomed the envoy warmly.", published=dt.date(2022, 12, 2)))
    assert "cooperative_statement" not in set(weak["event_type"])  # a weak pattern after the step back: background


def test_the_dyad_is_read_from_the_parties_not_the_dateline():
    condemned = by_rules(Article(text="Islamabad, Apr 23 (PTI) Afghanistan's Taliban government on Wednesday "
                                            "condemned the terror attack on tourists in Jammu and Kashmir.",
                                       published=dt.date(2025, 4, 23)))
    assert condemned[["dyad", "event_type"]].values.tolist() == [["AFG-IND", "cooperative_statement"]]
    own = "Pakistan will not play its match against India, the government said on Sunday. "
    alone = by_rules(Article(text=own + "Interior Minister Mohsin Naqvi met Prime Minister Shehbaz Sharif on Sunday "
                                              "in Islamabad to discuss the matter.", published=dt.date(2026, 2, 1)))
    assert "talks" not in set(alone["event_type"])  # one state's officials meeting each other
    counterpart = by_rules(Article(text=own + "Foreign Minister Dar met his counterpart on Sunday in Islamabad.",
                                         published=dt.date(2026, 2, 1)))
    assert "talks" in set(counterpart["event_type"])


def test_a_counter_move_of_the_same_type_is_a_second_event():
    text = ("India declared a Pakistani official at the High Commission in New Delhi persona non grata on Tuesday. "
            "In response, Pakistan declared an Indian staff member in Islamabad persona non grata on Tuesday.")
    both = by_rules(Article(text=text, published=dt.date(2025, 5, 14)))
    assert both["event_type"].tolist() == ["diplomatic_downgrade", "diplomatic_downgrade"]
    retold = by_rules(Article(text=text.replace("In response, Pakistan declared an Indian staff member in Islamabad",
                                                      "The official was declared"), published=dt.date(2025, 5, 14)))
    assert retold["event_type"].tolist() == ["diplomatic_downgrade"]
    also = by_rules(Article(text="Pakistan on Tuesday announced a 10 per cent processing fee on Afghan transit trade. "
                                       "The caretaker government has also banned 212 items of Afghan transit trade.",
                                  published=dt.date(2023, 10, 5)))
    assert also["event_type"].tolist() == ["trade_restriction", "trade_restriction"]


def test_the_other_sides_answer_is_a_second_statement():
    text = ("India on Tuesday rejected Pakistan Prime Minister Shehbaz Sharif's allegations about the Islamabad blast. "
            "Sharif accused groups active with Indian support of being involved in the strike.")
    both = by_rules(Article(text=text, published=dt.date(2025, 11, 12)))
    assert both[["event_type", "initiator"]].values.tolist() == [["diplomatic_protest", "IND"], ["diplomatic_protest", "PAK"]]
    one_side = by_rules(Article(text=text.replace("Sharif accused groups", "India also accused groups"),
                                      published=dt.date(2025, 11, 12)))
    assert one_side["event_type"].tolist() == ["diplomatic_protest"]  # the same side again: one statement


@pytest.mark.parametrize("text, published, absent", [
    ("Four Pakistani soldiers were martyred on Monday in a clash with TTP terrorists near the Afghan border.",
     dt.date(2023, 9, 6), "border_clash"),
    ("On Monday the TRF warned of more such attacks on tourists in Jammu and Kashmir, India, and blamed Pakistan's critics.",
     dt.date(2024, 6, 10), "threat"),
    ("Pakistan on Monday was reportedly threatening to withdraw from the Asia Cup after the row with India.",
     dt.date(2025, 9, 16), "threat"),
    ("The attack on Monday prompted a swift response from Indian authorities against Pakistan.", dt.date(2025, 4, 22), "threat"),
    ("At the Kabul airport on Monday, Pakistan's Dar was welcomed by Afghanistan's deputy foreign minister.",
     dt.date(2025, 4, 19), "cooperative_statement"),
    ("India said on Monday that Pakistan certainly lacks credentials to cast aspersions at the Mother of Democracy.",
     dt.date(2022, 12, 16), "diplomatic_upgrade"),
    ("Pakistan on Monday appointed Ambassador Asif Durrani as Special Representative on Afghanistan.",
     dt.date(2023, 5, 24), "diplomatic_upgrade"),
    ("Former chief ministers of Jammu and Kashmir, Ghulam Nabi Azad and Mehbooba Mufti, strongly condemned "
     "the attack in Poonch, India, on Monday; Pakistan was blamed.", dt.date(2023, 12, 22), "cooperative_statement"),
    ("Congress leader Rahul Gandhi on Monday criticised Pakistan over the Kathua attack in India.",
     dt.date(2024, 7, 9), "diplomatic_protest"),
    ("On Monday more Afghans left Pakistan under threat of arrest and forced removal.", dt.date(2025, 6, 4), "threat"),
    ("The Taliban government on Monday called for talks with Pakistan to resolve the conflict.", dt.date(2026, 2, 27), "talks"),
    # after holdout30 was scored: a recap, a danger, a response made, who visits, a deadlock ended, a meeting about the other
    ("This month's deadly border clashes between Pakistan and Afghanistan led to the closure of crossings, officials "
     "said on Monday.", dt.date(2025, 10, 31), "border_clash"),
    ("This month's deadly border clashes between Pakistan and Afghanistan led to the closure of crossings, officials "
     "said on Monday.", dt.date(2025, 10, 31), "border_closure"),
    ("India and Afghanistan have a common commitment to growth, which is threatened by cross-border terrorism, "
     "Jaishankar said on Monday.", dt.date(2025, 10, 10), "threat"),
    ("The Taliban on Monday refuted Pakistan's claims, leading to heightened fears of retaliation.", dt.date(2024, 12, 26), "threat"),
    ("Pakistani strikes hit Kabul on Monday, prompting Afghan forces to retaliate by destroying border posts.",
     dt.date(2026, 3, 6), "threat"),
    ("India said on Monday the agreement lets Indian pilgrims visit the gurdwara in Kartarpur, Pakistan.",
     dt.date(2024, 10, 23), "high_level_visit"),
    ("An Afghan envoy arrived in New Delhi, India, on Monday and will soon take charge of the embassy.",
     dt.date(2026, 1, 12), "high_level_visit"),
    ("Pakistan said on Monday it will let wheat from India cross the Wagah border, ending an impasse with India.",
     dt.date(2022, 2, 14), "talks_breakdown"),
    ("Pakistan's Imran Khan made the announcement on Monday at a high-level meeting on Afghanistan.",
     dt.date(2022, 2, 14), "talks"),
    ("India's BSF on Monday shot down a Pakistani drone carrying narcotics near Amritsar, India.", dt.date(2023, 5, 23),
     "border_clash"),
    # after holdout31 was scored: a meeting told in the pluperfect, history, a retaliation made, talks to come, an act
    # awaited or long past, a game, a forum's decision
    ("Pakistan on Monday upgraded its mission in Kabul, Afghanistan, to an embassy. Dar had met with Muttaqi, "
     "Afghanistan's foreign minister, in Kabul last month.", dt.date(2025, 6, 3), "talks"),
    ("Historically, India and Afghanistan shared friendly ties, but New Delhi shuttered its Kabul embassy following the "
     "Taliban's return to power.", dt.date(2025, 10, 8), "diplomatic_downgrade"),
    ("Kabul said on Monday the operations were conducted in direct retaliation for Pakistani airstrikes.", dt.date(2026, 3, 4),
     "threat"),
    ("Talks will address bilateral cooperation with India, Afghanistan's Muttaqi said on Monday.", dt.date(2025, 10, 8), "talks"),
    ("Hundreds of trucks were stranded on Monday, waiting for the reopening of the Torkham border between Pakistan and "
     "Afghanistan.", dt.date(2024, 5, 21), "border_reopening"),
    ("The conflict between Pakistan and Afghanistan reignites tensions just months after a ceasefire mediated by Qatar.",
     dt.date(2026, 2, 27), "ceasefire"),
    ("Pakistan was quick to retaliate on Monday when their attacker made an attempt on goal against India.",
     dt.date(2021, 12, 22), "threat"),
    ("The Organization of Islamic Cooperation (OIC) on Sunday agreed to establish a humanitarian trust fund for "
     "Afghanistan, in Islamabad, Pakistan.", dt.date(2021, 12, 20), "agreement"),
    # after holdout32 was scored: what marks the tensions, what a protest is over, what talks are to prevent, a truce kept
    ("This visit on Monday comes amid significant tensions, marked by Pakistan's deportation of Afghan refugees and "
     "border clashes.", dt.date(2025, 4, 18), "border_clash"),
    ("Pakistan summoned a senior Afghan diplomat on Monday over repeated cross-border clashes.", dt.date(2022, 12, 17),
     "border_clash"),
    ("Pakistan's Defence Minister Khawaja Asif has said that peace talks with Afghanistan, held in Istanbul to prevent "
     "renewed border clashes, have collapsed.", dt.date(2025, 11, 8), "border_clash"),
    ("Pakistan's Asif told GEO News on Friday that the ceasefire with Afghanistan would remain in place only as long as "
     "no attacks are launched from Afghan territory.", dt.date(2025, 11, 8), "ceasefire"),
    # after holdout33 was scored: an act being expedited, what exchanges centre on, a multilateral meeting, a result
    # told, forces fighting militants
    ("Pakistani officials on Monday said steps are being taken to expedite the reopening of the Torkham border with "
     "Afghanistan.", dt.date(2024, 7, 23), "border_reopening"),
    ("Muttaqi of Afghanistan on Monday said the exchanges with Pakistan will centre on enhanced trade and facilitation "
     "of transit trade.", dt.date(2021, 11, 10), "trade_easing"),
    ("Muttaqi of Afghanistan participated on Monday in multilateral talks with officials from Russia, China, Iran and "
     "Pakistan.", dt.date(2025, 10, 8), "talks"),
    ("Shops in Dand Patan, Afghanistan, were destroyed on Monday as a result of military clashes between Pakistan and "
     "Afghanistan.", dt.date(2024, 5, 26), "border_clash"),
    ("Pakistan summoned Afghanistan's envoy on Monday over a militant attack in Bajaur. Security forces responded "
     "swiftly, eliminating 12 militants in the ensuing exchange of fire.", dt.date(2026, 2, 19), "border_clash"),
    # after holdout34 was scored: people crossing to visit relatives, a single drone downed, a militant commander killed
    ("Thousands cross the Chaman border between Pakistan and Afghanistan every day, including traders and people "
     "visiting relatives.", dt.date(2022, 2, 28), "high_level_visit"),
    ("India's BSF said on Monday its troops fired at the drone coming from Pakistan and brought it down.",
     dt.date(2022, 5, 9), "border_clash"),
    ("Pakistan said clashes with Afghanistan erupted at Kurram on Monday. Reports suggested that a senior Fitna "
     "al-Khawarij commander was killed.", dt.date(2025, 10, 15), "militant_attack"),
])
def test_who_speaks_and_of_what_decide_whether_there_is_an_act(text, published, absent):
    assert absent not in _types(text, published)


def test_who_speaks_and_against_whom_decide_the_event():
    sport = ("The Pakistan Cricket Board filed a complaint with the ICC on Monday after India's players refused to shake "
             "hands. The Indian team said the decision was in solidarity with the victims of the Pahalgam attack.")
    assert by_rules(Article(text=sport, published=dt.date(2025, 9, 16))).empty
    forces = "Pakistani soldiers were killed on Monday in a clash with Afghan forces near the border."
    assert "border_clash" in _types(forces, dt.date(2023, 9, 6))  # with the other state's forces, still a clash
    match = ("India underlined their title credentials with a 47-run victory over Afghanistan on Monday. "
             "Suryakumar threatened the boundary all round the ground.")
    assert by_rules(Article(text=match, published=dt.date(2024, 6, 20))).empty
    fans = "Upset by events on the field, Afghan fans clashed with Pakistan fans at the Sharjah cricket stadium on Monday."
    assert by_rules(Article(text=fans, published=dt.date(2022, 9, 8))).empty
    commented = ("India condemns the air strikes by Pakistan in Afghanistan's territory on Monday, leading to the death "
                 "of several civilians.")
    strikes = by_rules(Article(text=commented, published=dt.date(2026, 3, 14))).set_index("event_type")["dyad"]
    assert strikes["cross_border_strike"] == "AFG-PAK"  # India speaks of the strikes; it is not a party to them


def test_an_attack_in_india_with_no_state_named_is_of_the_india_pakistan_dyad():
    text = ("Afghanistan's Taliban government on Wednesday condemned the terror attack on tourists in Jammu and Kashmir. "
            "The Taliban also expressed condolences to the families. Kabul's ties with Pakistan have been tense. "
            "Terrorists killed 26 people, mostly tourists, in Pahalgam on Tuesday.")
    found = by_rules(Article(text=text, published=dt.date(2025, 4, 23)))
    assert found.loc[found["event_type"] == "militant_attack", "dyad"].tolist() == ["IND-PAK"]
    assert "AFG-IND" in set(found.loc[found["event_type"] == "cooperative_statement", "dyad"])


def test_states_in_a_title_and_goods_handed_over_are_not_what_they_seem():
    title = "Singh, the MEA's pointperson for Pakistan, Afghanistan and Iran, met Muttaqi in Kabul on Monday."
    assert by_rules(Article(text=title, published=dt.date(2024, 11, 6)))["dyad"].tolist() == ["AFG-IND"]
    relief = "Pakistan on Monday formally handed over a large consignment of relief goods to Afghan authorities."
    assert by_rules(Article(text=relief, published=dt.date(2025, 9, 4)))["event_type"].tolist() == ["humanitarian_aid"]


def test_a_link_to_another_story_is_not_the_articles_text():
    text = ("India on Monday cleared 160 Afghan trucks at the Attari border, Afghanistan's minister said.\n"
            "Also Read | Jammu and Kashmir: Police arrest 3 terrorist associates affiliated with Lashkar-e-Taiba.")
    assert "militant_crackdown" not in _types(text, dt.date(2025, 5, 16))


def test_a_danger_named_is_not_a_threat_made():
    for text in ("Pakistan on Monday raised the growing threat of terrorism from Afghanistan.",
                 "Pakistan said on Monday the variation in flow caused by India could threaten its food security.",
                 "Pakistan on Monday voiced concern over outfits inside Afghanistan that continue to threaten Pakistan's security."):
        assert "threat" not in _types(text, dt.date(2025, 12, 18))
    made = "Pakistan on Monday threatened to strike TTP hideouts in Afghanistan."
    assert "threat" in _types(made, dt.date(2025, 12, 18))


def test_a_truce_honoured_is_not_a_new_ceasefire():
    text = "At the flag meeting on Monday, India and Pakistan agreed to honour the truce deal along the LoC."
    assert "ceasefire" not in _types(text, dt.date(2025, 4, 10))


def test_aid_is_an_event_when_given_not_when_a_purpose():
    given = "India on Saturday dispatched 20,000 metric tons of wheat to Afghanistan."
    assert by_rules(Article(text=given, published=dt.date(2022, 6, 4)))["event_type"].tolist() == ["humanitarian_aid"]
    trade = next(a for a in gold_articles() if a["id"] == "timesofislamabad-2025-11-12-afghanistan-tells-traders-halt-pakistan-trade")
    announced = "Afghanistan on Monday announced that medicines imported from Pakistan will no longer be processed."
    assert "humanitarian_aid" not in _types(announced, dt.date(2026, 1, 21))
    assert "Medicines and pharmaceutical products should now be sourced" in trade["text"]  # goods in trade, not aid
    assert "humanitarian_aid" not in set(by_rules(Article(text=trade["text"], published=dt.date(2025, 11, 12)))["event_type"])


def test_a_year_a_comparison_counts_from_does_not_make_the_news_background():
    visit = ("Afghanistan's foreign minister arrived in India on Thursday for talks, in the first such visit by a leader "
             "of the group since it seized power in 2021.")
    assert by_rules(Article(text=visit, published=dt.date(2025, 10, 9)))["event_type"].tolist() == ["high_level_visit"]
    since = "Tensions have persisted between Pakistan and Afghanistan since deadly border clashes on Sunday killed dozens."
    assert "border_clash" not in _types(since, dt.date(2026, 2, 18))
    assert "border_clash" in set(by_rules(Article(text=since.replace("since", "after"), published=dt.date(2026, 2, 18)))["event_type"])


def test_an_act_of_the_previous_night_is_dated_a_day_earlier():
    found = by_rules(Article(text="On Wednesday, the Taliban summoned Pakistan's charge d'affaires in Kabul over an "
                                        "airstrike carried out the previous night by the Pakistani military in Paktika.",
                                   published=dt.date(2024, 12, 25))).set_index("event_type")["date"]
    assert found["diplomatic_protest"] == "2024-12-25" and found["cross_border_strike"] == "2024-12-24"
    accused = by_rules(Article(text="Kabul: Afghanistan's Taliban government early Friday accused Pakistan's military "
                                          "of targeting homes in overnight airstrikes in Kabul.",
                                     published=dt.date(2026, 3, 13))).set_index("event_type")["date"]
    assert accused["diplomatic_protest"] == "2026-03-13"  # the accusation is of the morning, the strikes of the night


def test_an_attack_told_again_with_its_own_earlier_day_takes_that_day():
    text = ("Pakistan on Wednesday condoled the deaths of tourists in the terrorist attack in Pahalgam, India. "
            "Terrorists opened fire in Pahalgam on Tuesday afternoon, killing 26 people.")
    found = by_rules(Article(text=text, published=dt.date(2025, 4, 23))).set_index("event_type")
    assert found.loc["militant_attack", "date"] == "2025-04-22"  # one attack, of the day the second sentence gives
    assert "a later sentence gives the act's own day" in found.loc["militant_attack", "rules"]


def test_an_attack_in_india_with_no_state_named_is_india_pakistan_on_india():
    found = by_rules(Article(text="Terrorists ambushed an army truck near Poonch on Monday, killing five soldiers.",
                                   published=dt.date(2025, 5, 26)))
    attack = found.set_index("event_type").loc["militant_attack"]
    assert (attack["dyad"], attack["target"]) == ("IND-PAK", "IND")  # the state where it took place is the one attacked


def test_a_deadline_is_no_date_of_the_act():
    found = by_rules(Article(text="Pakistan has extended the validity of Afghan refugee Proof of Registration "
                                        "cards until June 30.", published=dt.date(2024, 4, 26)))
    assert found.set_index("event_type").loc["deportation", "date"] == "2024-04-26"  # the report's day, not last June 30


def test_a_datelines_date_gives_way_to_the_date_the_sentence_tells():
    told = date_of("New Delhi, May 16 (PTI) The phone call between Jaishankar and Muttaqi on Thursday was the first.",
                   dt.date(2025, 5, 16))
    assert told[0] == dt.date(2025, 5, 15)
    only = date_of("New Delhi, May 16 (PTI) India cleared 160 Afghan trucks at Attari.", dt.date(2025, 5, 16))
    assert only[0] == dt.date(2025, 5, 16)  # no other date: the report's day


def test_a_date_a_comparison_counts_from_is_not_the_sentences_date():
    from tracker.extract import date_of

    assert date_of("It was the first meeting since the Taliban took over on August 15.", dt.date(2021, 8, 31)) is None
    assert date_of("They met on Monday, the first time since the takeover on August 15.", dt.date(2021, 8, 31))[0] == \
        dt.date(2021, 8, 30)


def test_a_title_or_an_initial_does_not_end_the_sentence():
    text = "An Indian delegation led by J.P. Singh met Mr. Muttaqi in Kabul, Afghanistan, on Monday. The two discussed trade."
    found = by_rules(Article(text=text, published=dt.date(2025, 5, 26)))
    assert found["evidence"].iloc[0] == text.split(" The two")[0]


def test_a_hard_wrapped_paste_is_read_as_whole_sentences():
    wrapped = ("KABUL (AP) — Pakistan and Afghanistan on Wednesday declared\na temporary pause in fighting, two days\n"
               "after Kabul blamed Islamabad for a deadly airstrike in the\nAfghan capital that it said killed 400 people.")
    found = by_rules(Article(text=wrapped, published=dt.date(2026, 3, 19)))
    assert "ceasefire" in set(found["event_type"])
    assert all("\n" not in evidence for evidence in found["evidence"])
    headline = by_rules(Article(text="Pakistan closes Torkham\nPakistan closed Torkham on Monday.",
                                      published=dt.date(2025, 5, 27)))
    assert headline["evidence"].tolist() == ["Pakistan closed Torkham on Monday."]


def test_a_subheading_is_never_the_evidence():
    text = ("The Afghan government has initiated a crackdown on TTP facilitators, a shift for Pakistan.\n"
            "Express Tribune reported this development today.\nCrackdown on TTP-Linked Afghan Nationals\n"
            "Sources confirmed that the Taliban arrested several Afghan nationals recruiting for the TTP.")
    found = by_rules(Article(text=text, published=dt.date(2025, 5, 27)))
    assert found["event_type"].tolist() == ["militant_crackdown"]
    assert found["evidence"].tolist() == ["Sources confirmed that the Taliban arrested several Afghan nationals recruiting for the TTP."]


def test_earlier_this_week_is_a_day_between_the_weeks_monday_and_publication():
    thursday = dt.date(2026, 2, 19)
    day, precision, rule = date_of("Pakistan protested over an attack earlier this week.", thursday)
    assert day == dt.date(2026, 2, 17) and precision == "day" and "check the day" in rule


def test_the_documented_figures_are_the_evaluations():
    """docs/extraction.md's "now" column is what extract-eval prints today, set by set."""
    import re

    from tracker.paths import ROOT

    table = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8").split("| set |")[1].split("\n\n")[0]
    documented = {m[0]: (float(m[1]), float(m[2])) for m in re.findall(r"^\| (\w+) \|.*\| ([\d.]+)% / ([\d.]+)% \|$", table, re.M)}
    articles = gold_articles()
    splits = {a["split"] for a in articles}
    assert set(documented) == splits | {"all"}
    coded = extracted(articles, "rules")  # each article extracted once
    for split, (precision, recall) in documented.items():
        report = evaluate([a for a in articles if split in ("all", a["split"])], coded=coded).set_index("measure")["percent"]
        assert (report["events: precision"], report["events: recall"]) == (precision, recall), split


def test_a_second_coding_is_scored_with_the_same_matcher():
    from tracker.extract import second_coding

    articles = {a["id"]: a for a in gold_articles()}
    second = second_coding()
    assert len(second) >= 25 and set(second) <= set(articles)
    for article_id, events in second.items():  # the second coder read the same sentences
        assert all(e["evidence"] in articles[article_id]["text"] for e in events)
    one = articles["seed-000"]
    same = evaluate([one], coded={"seed-000": one["events"]}).set_index("measure")["percent"]
    assert same["events: precision"] == same["events: recall"] == 100
    shifted = [{**e, "date": "2020-01-01"} for e in one["events"]]  # dates far off: nothing matches
    assert evaluate([one], coded={"seed-000": shifted}).set_index("measure")["right"]["events: recall"] == 0
