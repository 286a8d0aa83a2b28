"""Locales that scale: every key used exists in both languages, every key defined is used, either by name in
the code or through a family of keys built from a vocabulary (declared here beside the enum it comes from)."""

import re

from dashboard import auth
from dashboard.i18n import messages
from dashboard.metrics import DEFINITIONS, consultations, media, overview, petitions, procurement, scorecard, votes
from dashboard.navigation import DEPUTY_METRICS, PAGES
from dashboard.settings import AUDIENCES, LANGUAGES
from queries import publish, queue, status, targets
from report.text import PARAGRAPHS
from tests.support import PROJECT_ROOT

RESOLUTION_835 = ("uid", "date", "authorityName", "authorityId", "authorityCattutc", "convocation", "legislativeSession",
                  "number", "title", "projectNumber", "votingFor", "votingAgainst", "votingAbstain", "notVoting",
                  "absent", "votingResult", "textUrl", "text", "motionUid", "voterId", "voterName", "motionTitle", "result")
"""The columns of Resolution 835's motions and votings (docs/formats.md): datapackage.json describes each."""
WEBSITE_CARDS = ("visitors_a_day", "visits", "pageviews", "bounce_rate")
FAMILIES = {
    "choice_": [*votes.CHOICES, *(f"{c}_f" for c in votes.GENDERED_CHOICES)],
    "votes_kind_": votes.KINDS, "votes_order_": votes.ORDERS, "vote_tally_": (*votes.CHOICES, "present"),
    "vote_line_": votes.LINE_CHOICES, "deputies_": DEPUTY_METRICS, "factions_": ("agreement", "rice"),
    "kpi_": [k.key for k in overview.KPIS] + [f"{k.key}_{s}" for k in overview.KPIS for s in ("counts", "why")]
    + [f"basis_{b}" for b in overview.BASES] + sorted({k.noun.removeprefix("kpi_") for k in overview.KPIS}),
    "source_": overview.SOURCES, "method_source_": overview.SOURCES, "overview_kind_": overview.OUTLET_KINDS,
    "audience_": AUDIENCES, "role_": auth.ROLES, "targets_measure_": targets.MEASURES, "queue_kind_": queue.KINDS, "page_": [entry.name for entry in PAGES], "section_": [e.section.removeprefix("section_")
                                                                                    for e in PAGES],
    "petitions_status_": petitions.STATUSES, "petitions_outcome_": petitions.OUTCOMES, "petitions_step_": petitions.FUNNEL,
    "consultations_status_": consultations.STATUSES,
    "procurement_method_": procurement.METHODS, "procurement_status_": procurement.STATUSES,
    "procurement_indicator_": procurement.INDICATORS,
    "media_kind_": media.KINDS, "media_scope_": media.SCOPES, "media_event_": media.EVENT_KINDS,
    "media_bucket_": media.BUCKETS, "media_split_": media.SPLITS, "media_measure_": media.MEASURES,
    "media_filter_": ("kind", "scope", "topic", "tone", "outlet"),
    "website_filter_": ("channel", "kind"), "website_weekday_": tuple("1234567"),
    **{f"{entry.name}_tab_": entry.sections for entry in PAGES if entry.sections},
    **{f"{entry.name}_part_": entry.parts for entry in PAGES if entry.parts},
    "website_card_": [*WEBSITE_CARDS, *(f"{card}_help" for card in WEBSITE_CARDS)],
    "website_channels_": ("title", "help"), "website_devices_": ("help",),
    "period_": ("year", "range"), "quality_card_state_": status.CARD_STATES, **{f"method_{domain}_": names for domain, names in DEFINITIONS.items()},
    "method_": tuple(DEFINITIONS),
    "deputy_rebellion_choice_": votes.CHOICES, "media_col_share_": media.TONES,
    "website_period_": ("current", "previous", "year_before"), "procurement_scope_": ("selection", "council"),
    "col_change_": ("visitors_a_day", "visits", "pageviews", "bounce_rate"),
    "data_": [*(dataset.name for dataset in publish.published()), *publish.PAIR.values()],
    "report_": [f"{key}_{end}" for _message, cases, _governing in PARAGRAPHS for key, case in cases.items()
                for end in (case, "what")] + [f"{message.removeprefix('report_')}_chart" for message, *_ in PARAGRAPHS if message != "report_p_outlets"],
    "report_kind_": media.KINDS, "report_ordinal_": ("one", "two", "few", "other"),
    "scorecard_indicator_": scorecard.INDICATORS, "scorecard_why_": scorecard.REASONS,
    "data_column_": ("link", "color", "adopted", "faction_short", "on_time", "tender_id", "kind", "events",
                     *RESOLUTION_835),
}


def code_text() -> str:
    files = [PROJECT_ROOT / "app.py", *(PROJECT_ROOT / "pages").glob("*.py"), *(PROJECT_ROOT / "dashboard").glob("*.py"),
             *(PROJECT_ROOT / "report").glob("*.py"),
             *(PROJECT_ROOT / "dashboard" / "metrics").glob("*.py"), *(PROJECT_ROOT / "queries").glob("*.py")]
    return "\n".join(path.read_text() for path in files)


def test_every_message_has_both_languages():
    for key, entry in messages().items():
        for lang in LANGUAGES:
            assert entry.get(lang), f"{key} has no {lang}"


def test_every_key_used_is_defined():
    defined = set(messages())
    used = set(re.findall(r"""\bt\(\s*["']([a-z][a-z0-9_]+)["']""", code_text()))
    assert used - defined == set()
    for prefix, members in FAMILIES.items():
        assert {f"{prefix}{m}" for m in members} - defined == set(), prefix


def test_every_key_defined_is_used():
    text = code_text()
    family_keys = {f"{prefix}{m}" for prefix, members in FAMILIES.items() for m in members}
    unused = [key for key in messages() if key not in family_keys and f'"{key}"' not in text
              and f"'{key}'" not in text]
    assert unused == []
