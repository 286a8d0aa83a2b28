"""Every formula of the dashboard, one module per domain: pages and queries never compute a figure themselves.

Each formula is a plain Python function with unit tests; where the database computes it too, its SQL twin
(`*_sql`, a SQLAlchemy expression) stands beside it and a test checks one against the other. Vocabularies
(vote kinds, choices) live here as data, so pages, queries and the writer share one list.
"""

DEFINITIONS = {
    "votes": ("choices", "attendance", "rebellion", "rice", "agreement", "pair", "map", "majority"),
    "petitions": ("clock", "working_days", "on_time", "outcome"),
    "media": ("mention", "outlet", "share", "tone"),
    "website": ("visitors", "visits", "pageviews", "bounce", "channels", "summaries", "streams"),
    "consultations": ("status", "results", "share", "card"),
    "procurement": ("lots", "competitive_value_share", "average_bidders", "single_bidder_share", "cancelled_share",
                    "unsuccessful_share", "awarded_to_expected", "buyers"),
    "scorecard": ("roll_calls", "sessions_streamed", "petitions_on_time", "consultation_results", "open_procurement",
                  "decisions_on_time"),
}
"""The methodology page's definitions, per domain in order: `method_<domain>` heads them, `method_<domain>_<name>`
(locales/methodology.toml) says each."""
