"""Server-rendered SVG bar charts: accessible, escaped, proportional."""

import re
import xml.etree.ElementTree as ET

from django.utils import translation

from bettertogether.positions.charts import bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_chart_is_an_accessible_svg_with_one_bar_per_item():
    with translation.override("en"):  # the value labels use the language's thousands separator
        svg = bar_chart("Positions by quarter", [("2021Q3", 756), ("2021Q4", 3030), ("2022Q1", 0)], chart_id="c1")
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Positions by quarter"
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 3
    widths = [int(b.get("width")) for b in bars]
    assert widths[1] > widths[0] > widths[2] == 0
    assert abs(widths[0] / widths[1] - 756 / 3030) < 0.01
    values = [t.text for t in root.findall(f"{SVG}text") if t.get("class") == "chart-value"]
    assert values == ["756", "3,030", "0"]
    assert " style=" not in svg  # the CSP forbids inline styles


def test_labels_are_escaped_and_shortened():
    hostile = '<script>alert("x")</script> & "quotes"'
    svg = bar_chart(hostile, [(hostile, 5), ("A" * 80, 3)], chart_id='x" onload="alert(1)')
    assert "<script>" not in svg and 'onload="alert' not in svg
    root = ET.fromstring(svg)
    labels = [t.text for t in root.findall(f"{SVG}text") if t.get("class") == "chart-label"]
    assert labels[0].startswith("<script>")  # shown as text, after XML unescaping
    assert labels[1].endswith("…") and len(labels[1]) <= 34
    assert root.find(f"{SVG}title").text == hostile


def test_empty_chart_is_still_valid():
    root = ET.fromstring(bar_chart("Nothing", [], chart_id="empty"))
    assert root.findall(f"{SVG}rect") == []
    assert re.match(r"0 0 \d+ \d+", root.get("viewBox"))


def test_values_follow_the_language():
    with translation.override("fr"):
        svg = bar_chart("Postes", [("2021Q4", 3030)], chart_id="fr")
    values = [t.text for t in ET.fromstring(svg).findall(f"{SVG}text") if t.get("class") == "chart-value"]
    assert values == ["3\u202f030"] or values == ["3\xa0030"]
