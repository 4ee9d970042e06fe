"""Figure builders, tested as data: what each trace, axis and annotation holds."""

import pandas as pd

from tracker import charts
from tracker.index import event_weights, tension_index
from tracker.schema import EVENT_TYPES


def test_every_type_has_a_fixed_colour_by_direction():
    assert set(charts.TYPE_COLORS) == set(EVENT_TYPES)
    assert len(set(charts.TYPE_COLORS.values())) == len(EVENT_TYPES)


def test_index_timeline_marks_events_on_the_line_and_labels_the_largest(sample_events):
    afpk = sample_events[sample_events["dyad"] == "AFG-PAK"]
    fig = charts.index_timeline(tension_index(afpk), afpk, title="T", subtitle="S", label_top=2)
    lines = [t for t in fig.data if t.mode == "lines"]
    markers = [t for t in fig.data if t.mode == "markers"]
    assert len(lines) == 1 and sum(len(t.x) for t in markers) == len(afpk)
    labels = [a.text for a in fig.layout.annotations if a.showarrow]
    assert labels == ["Strike on Barmal", "Clash at Torkham"]  # the two largest weights, in date order
    assert fig.layout.yaxis.range == (0, 100)
    assert fig.layout.title.text.startswith("T<br>") and "S" in fig.layout.title.text


def test_events_per_month_stacks_counts_by_type(sample_events):
    fig = charts.events_per_month(sample_events)
    assert fig.layout.barmode == "stack"
    assert sum(sum(trace.y) for trace in fig.data) == len(sample_events)
    assert {trace.name for trace in fig.data} == {"Airstrike / cross-border strike", "Talks / dialogue", "High-level visit",
                                                  "Trade easing", "Border clash", "Militant attack"}


def test_map_draws_located_events_over_bundled_borders(sample_events):
    located = sample_events.assign(latitude=33.0, longitude=70.0)
    located.loc[located.index[0], ["latitude", "longitude"]] = [40.71, -74.01]  # New York: off the map
    fig = charts.events_map(located)
    assert fig.data[0].name == "borders" and len(fig.data[0].x) > 1000
    assert sum(len(t.x) for t in fig.data[1:]) == len(sample_events) - 1
    note = fig.layout.annotations[-1].text
    assert f"{len(sample_events) - 1} of {len(sample_events)} events mapped; 1 elsewhere" in note


def test_map_without_located_events_still_draws(sample_events):
    fig = charts.events_map(sample_events.assign(latitude=float("nan"), longitude=float("nan")))
    assert len(fig.data) == 1 and "0 of 8 events mapped" in fig.layout.annotations[-1].text


def test_labels_that_would_overlap_go_to_different_levels():
    import pandas as pd
    dates = pd.to_datetime(["2025-01-01", "2025-01-03", "2025-06-01", "2025-01-05"]).sort_values()
    texts = pd.Series(["a long label of forty characters......."] * 4)
    levels = charts.label_levels(pd.Series(dates), texts, span_days=365)
    assert levels[:3] == [0, 1, 2]  # three labels within days of each other stack up
    assert levels[3] == 0  # a label months later reuses the first level


def test_annotations_follow_the_users_choice(sample_events):
    afpk = sample_events[sample_events["dyad"] == "AFG-PAK"]
    fig = charts.index_timeline(tension_index(afpk), afpk, annotate=["A3"])
    assert [a.text for a in fig.layout.annotations if a.showarrow] == ["Foreign minister visits Kabul"]


def test_event_text_is_never_markup_in_figures(sample_events):
    hostile = sample_events.assign(summary='<a href="javascript:alert(1)">click</a> & <b>bold</b>')
    hostile["summary"] = hostile["summary"] + hostile["event_id"]  # keep summaries distinct
    afpk = hostile[hostile["dyad"] == "AFG-PAK"]
    for fig in (charts.index_timeline(tension_index(afpk), afpk, subtitle="<img src=x onerror=alert(1)>"),
                charts.events_map(afpk.assign(latitude=33.0, longitude=70.0))):
        text = fig.to_json()
        assert "<a href" not in text and "<b>" not in text and "<img" not in text
        assert "&lt;a href" in text


def test_analyst_view_charts(sample_events):
    from tracker.tables import compare_periods, weekly_intensity
    heat = charts.weekly_heatmap(weekly_intensity(sample_events))
    assert heat.data[0].type == "heatmap" and heat.data[0].z.sum() == len(sample_events)
    index = tension_index(sample_events)
    table = compare_periods(sample_events, index, ("2025-01-01", "2025-03-31"), ("2025-04-01", "2025-06-30"))
    fig = charts.period_comparison(table, (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-03-31")),
                                   (pd.Timestamp("2025-04-01"), pd.Timestamp("2025-06-30")))
    assert [t.name for t in fig.data] == ["01 Jan 2025 to 31 Mar 2025", "01 Apr 2025 to 30 Jun 2025"]
    assert "mean index" in fig.layout.title.text
    indpak = sample_events[sample_events["dyad"] == "IND-PAK"]
    both = charts.dyad_comparison(index, indpak)
    assert [t.name for t in both.data if t.mode == "lines"] == ["AFG-IND index", "AFG-PAK index", "IND-PAK index"]
    assert sum(len(t.x) for t in both.data if t.mode == "markers") == len(indpak)
    afpk = sample_events[sample_events["dyad"] == "AFG-PAK"]
    many = charts.dyad_comparison(index, afpk)  # one legend entry per type, in codebook order, beside the plot
    names = [t.name.removeprefix("AFG-PAK: ") for t in many.data if t.mode == "markers"]
    assert names == [charts.TYPE_LABELS[t] for t in EVENT_TYPES if t in set(afpk["event_type"])]
    assert many.layout.legend.orientation == "v" and many.layout.legend.x > 1


def test_charts_aggregate_very_many_events(monkeypatch, sample_events):
    monkeypatch.setattr(charts, "MAX_MARKERS", 3)
    monkeypatch.setattr(charts, "MAX_MAP_POINTS", 3)
    afpk = sample_events[sample_events["dyad"] == "AFG-PAK"]
    fig = charts.index_timeline(tension_index(afpk), afpk)
    assert sum(len(t.x) for t in fig.data if t.mode == "markers") == 3
    assert "the 3 most significant of 6 events" in fig.layout.annotations[-1].text
    compared = charts.dyad_comparison(tension_index(sample_events), afpk)
    marked = pd.concat([pd.Series(t.x) for t in compared.data if t.mode == "markers"])
    weights = event_weights(afpk).abs()
    assert sorted(marked) == sorted(afpk.loc[weights.nlargest(3).index, "date"])  # the 3 most significant
    assert "the 3 most significant of 6 events" in compared.layout.annotations[-1].text
    located = afpk.assign(latitude=[33.0, 33.0, 34.0, 34.0, 34.0, 35.0], longitude=70.0)
    places = charts.events_map(located)
    assert list(places.data[1].customdata[:, 1]) == [2, 3, 1]  # events per place


def test_curated_index_and_gdelt_goldstein_on_one_chart(sample_events):
    afpk = sample_events[sample_events["dyad"] == "AFG-PAK"]
    goldstein = pd.DataFrame({"date": pd.date_range("2025-01-01", periods=10), "dyad": "AFG-PAK",
                              "goldstein_sum": -5.0, "goldstein_mean": -5.0, "events": 1})
    names = lambda fig: [t.name for t in fig.data]  # noqa: E731
    both = charts.index_and_goldstein(tension_index(afpk), goldstein, "both")
    assert names(both) == ["AFG-PAK curated index", "AFG-PAK GDELT Goldstein, 7-day mean"]
    assert both.data[1].yaxis == "y2" and tuple(both.layout.yaxis2.range) == (10, -10)
    assert names(charts.index_and_goldstein(tension_index(afpk), goldstein, "goldstein")) == ["AFG-PAK GDELT Goldstein, 7-day mean"]
    assert names(charts.index_and_goldstein(tension_index(afpk), goldstein, "index")) == ["AFG-PAK curated index"]
