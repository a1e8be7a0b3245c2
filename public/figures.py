"""The Year in figures: charts of a selection of projects, drawn as accessible SVG on the server.

The counting is done by events.selectors; this module turns counts into charts (labels in the
reader's language, links to the matching list, bar geometry) and CSV files. No JavaScript.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from events import selectors
from events.models import Theme
from partners.districts import FederalDistrict
from partners.models import TOP_LEVEL_KINDS, Country, Partner, Territory

# Geometry of a chart, in SVG user units: one row per bar, its label above it (legible on a
# phone, where the chart is drawn about as wide as its viewBox).
WIDTH = 320
ROW = 40
BAR = 14
LABEL_CHARS = 44  # longer labels are shortened in the drawing; the table gives them whole
MOST_ACTIVE_PARTNERS = 10


@dataclass
class Bar:
    label: str
    value: int
    url: str = ""

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1].rstrip() + "…"


@dataclass
class Chart:
    slug: str
    title: str
    category: str  # heading of the label column
    bars: list[Bar]
    note: str = ""
    unit: str = field(default_factory=lambda: gettext("Projects"))

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW + 4

    @property
    def rows(self) -> list[dict]:
        """Each bar with its geometry: label baseline, bar top and length, value position."""
        top = max((bar.value for bar in self.bars), default=0) or 1
        room = WIDTH - 40  # space for the number after the longest bar
        rows = []
        for index, bar in enumerate(self.bars):
            y = index * ROW
            length = round(room * bar.value / top, 1) if bar.value else 0
            # Numbers as text: the template would write 181,5 in French, which SVG does not read.
            rows.append(
                {
                    "bar": bar,
                    "label_y": str(y + 14),
                    "bar_y": str(y + 20),
                    "length": f"{max(length, 2) if bar.value else 0:g}",
                    "value_x": f"{length + 6:g}",
                    "value_y": str(y + 20 + BAR - 3),
                }
            )
        return rows

    @property
    def description(self) -> str:
        """The chart read aloud: every label and its number (the SVG's <desc>)."""
        return "; ".join(f"{bar.label}: {bar.value}" for bar in self.bars) or gettext("No data.")


CHART_SLUGS = ("themes", "regions", "districts", "subjects", "months", "twinnings", "partners")


def build_charts(projects, query: str) -> list[Chart]:
    """Every chart of the page for `projects` (already filtered); `query` is the current selection's
    query string, which the bars' links to the list extend."""
    list_url = _list_url_builder(query)
    top_level = Territory.objects.filter(kind__in=TOP_LEVEL_KINDS)
    territories = selectors.counted_territories(top_level, projects)
    regions = sorted((t for t in territories if t.country == Country.FRANCE), key=lambda t: (-t.n, t.name))
    subjects = sorted((t for t in territories if t.country == Country.RUSSIA), key=lambda t: (-t.n, t.name))
    themes = sorted(selectors.counted(Theme.objects.all(), projects), key=lambda t: t.position)
    russian_top_level = [t for t in selectors.slug_table(top_level).values() if t.country == Country.RUSSIA]
    districts = selectors.projects_by_federal_district(projects, russian_top_level)
    year = settings.PROGRAMME_YEAR
    months = selectors.dated_projects_by_month(projects, year)
    ages = selectors.pairs_by_twinning_age(projects, year)
    partners = selectors.counted(Partner.objects.all(), projects, limit=MOST_ACTIVE_PARTNERS)
    return [
        Chart(
            "themes",
            gettext("Projects by theme"),
            gettext("Theme"),
            [Bar(t.name, t.n, list_url(theme=t.slug)) for t in themes],
            note=gettext("A project may have several themes."),
        ),
        Chart(
            "regions",
            gettext("Projects by French region"),
            gettext("French region"),
            [Bar(t.name, t.n, list_url(region=t.slug)) for t in regions],
        ),
        Chart(
            "districts",
            gettext("Projects by Russian federal district"),
            gettext("Federal district"),
            [Bar(_district_label(d), n) for d, n in districts],
        ),
        Chart(
            "subjects",
            gettext("Projects by Russian federal subject"),
            gettext("Federal subject"),
            [Bar(t.name, t.n, list_url(territory=t.slug)) for t in subjects],
        ),
        Chart(
            "months",
            gettext("Dated projects by month of %(year)s") % {"year": year},
            gettext("Month"),
            [
                Bar(
                    date_format(date(year, m, 1), "F Y").capitalize(),
                    n,
                    list_url(month=f"{year}-{m:02d}"),
                )
                for m, n in enumerate(months, start=1)
            ],
            note=gettext(
                "Projects dated to the day or the month, counted in every month they cover; "
                "projects planned for a quarter, a half-year or the whole year are not counted here."
            ),
        ),
        Chart(
            "twinnings",
            gettext("Partnerships by age of their twinning in %(year)s") % {"year": year},
            gettext("Age of the twinning"),
            [
                Bar(_age_label(low, high), n)
                for (low, high), n in zip(selectors.TWINNING_AGES, ages["brackets"], strict=True)
            ]
            + [
                Bar(gettext("twinning, year not known"), ages["unknown_year"]),
                Bar(gettext("not a twinning"), ages["not_twinned"]),
            ],
            unit=gettext("Partnerships"),
        ),
        Chart(
            "partners",
            ngettext("The most active partner", "The %(count)s most active partners", MOST_ACTIVE_PARTNERS)
            % {"count": MOST_ACTIVE_PARTNERS},
            gettext("Partner"),
            [Bar(p.name, p.n, list_url(partner=p.slug)) for p in partners],
        ),
    ]


def chart_csv(chart: Chart) -> str:
    """The chart's table as CSV (UTF-8 with a byte order mark, which spreadsheet programs need)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([chart.category, chart.unit])
    for bar in chart.bars:
        writer.writerow([bar.label, bar.value])
    return out.getvalue()


def _list_url_builder(query: str):
    base = reverse("events:project-list")
    prefix = f"{base}?{query}&" if query else f"{base}?"

    def build(**params):
        return prefix + urlencode(params)

    return build


DISTRICT_NOT_RECORDED = pgettext_lazy("federal district", "not recorded")


def _district_label(code: str) -> str:
    return str(FederalDistrict(code).label) if code else str(DISTRICT_NOT_RECORDED)


AGE_LABEL = gettext_lazy("%(low)s–%(high)s years")


def _age_label(low: int, high: int | None) -> str:
    if high is None:
        return gettext("%(low)s years or more") % {"low": low}
    if low == 0:
        return gettext("less than %(high)s years") % {"high": high + 1}
    return AGE_LABEL % {"low": low, "high": high}
