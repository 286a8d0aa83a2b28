"""The council: convocations, factions, deputies, sessions, votes, choices, decisions, and the vote summaries the
writer keeps after every import."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from dashboard.schema.base import batch_ref, metadata, public_flag, unit_ref

# --- Council, deputies and votes ---------------------------------------------------------------

convocations = Table(
    "convocations", metadata,
    Column("id", Integer, primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("composition", Integer, nullable=False, doc="seats including the mayor: the base of art. 59's majority"),
)

factions = Table(
    "factions", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("short_name", String(40)),
    Column("color", String(7), doc="chart colour, #rrggbb"),
    UniqueConstraint("convocation_id", "name", name="uq_factions_convocation_name"),
)

deputies = Table(
    "deputies", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"), nullable=False),
    Column("full_name", Text, nullable=False),
    Column("name_key", Text, nullable=False, doc="normalised surname and initials that match every spelling; "
           "a namesake's ends in ' #2'"),
    Column("gender", String(1), doc="f / m, for the printed forms of choices"),
    Column("is_mayor", Boolean, nullable=False, default=False),
    Column("mandate_from", Date),
    Column("mandate_to", Date),
    Column("voter_id", Text, doc="the source's identity of the deputy (Resolution 835 voterId); empty: known by name"),
    UniqueConstraint("convocation_id", "name_key", name="uq_deputies_convocation_name_key"),
    UniqueConstraint("convocation_id", "voter_id", name="uq_deputies_convocation_voter_id"),
)

faction_memberships = Table(
    "faction_memberships", metadata,
    Column("id", Integer, primary_key=True),
    Column("deputy_id", Integer, ForeignKey("deputies.id"), nullable=False, index=True),
    Column("faction_id", Integer, ForeignKey("factions.id"), nullable=False, index=True),
    Column("from_on", Date, doc="empty: since the start of the convocation"),
    Column("to_on", Date, doc="empty: until now"),
    batch_ref(),
)

plenary_sessions = Table(
    "plenary_sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"), nullable=False),
    Column("held_on", Date, nullable=False, index=True),
    Column("name", Text, nullable=False),
    UniqueConstraint("convocation_id", "held_on", "name", name="uq_plenary_sessions_day_name"),
)

votes = Table(
    "votes", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("plenary_sessions.id"), nullable=False, index=True),
    Column("source_key", Text, nullable=False, unique=True, doc="stable key from the source, e.g. evoting:211216_1"),
    Column("voted_at", DateTime, nullable=False),
    Column("agenda_item", String(40)),
    Column("title", Text, nullable=False),
    Column("kind", String(20), nullable=False, doc="decision / amendment / procedural / registration"),
    Column("adopted", Boolean, nullable=False, doc="the source's own result"),
    unit_ref(),
    Column("n_for", Integer, nullable=False),
    Column("n_against", Integer, nullable=False),
    Column("n_abstain", Integer, nullable=False),
    Column("n_not_voting", Integer, nullable=False),
    Column("n_present", Integer, nullable=False, doc="the source's total: present deputies only"),
    Column("n_absent", Integer, doc="the source's count of absent deputies, when it gives one"),
    Column("tally_mismatch", Boolean, nullable=False, default=False, doc="source counts differ from its list"),
    Column("untitled", Boolean, nullable=False, default=False, server_default=false(),
           doc="the source gives no title: a placeholder stands in"),
    Column("date_disagrees", Boolean, nullable=False, default=False, server_default=false(),
           doc="the vote's time and its file name give different days"),
    Column("choices_recorded", Boolean, nullable=False, default=False, server_default=false(),
           doc="vote_choices holds its deputies' choices (kept by vote_summaries): the scorecard's roll calls"),
    public_flag(),
    batch_ref(),
    # Covering: the scorecard's roll calls of a year read the index alone, not a probe of the choices (0006).
    Index("ix_votes_day_covering", "voted_at", "unit_id", "is_public", "choices_recorded"),
)

vote_choices = Table(
    "vote_choices", metadata,
    Column("vote_id", Integer, ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True),
    Column("slot", Integer, primary_key=True, doc="position in the source list; unnamed slots keep theirs"),
    Column("deputy_id", Integer, ForeignKey("deputies.id"), doc="empty for an unnamed slot"),
    Column("choice", String(12), nullable=False, doc="for / against / abstain / not_voting / absent"),
    Index("ux_vote_choices_deputy_vote", "deputy_id", "vote_id", unique=True),  # one choice per deputy and vote
)

decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"),
           doc="the convocation in force on adopted_on, or the register's column; empty: none known"),
    Column("vote_id", Integer, ForeignKey("votes.id", ondelete="SET NULL"),
           doc="the roll-call vote that adopted it (importers.reference.link_decisions)"),
    Column("number", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("adopted_on", Date, nullable=False),
    Column("published_on", Date),
    Column("url", Text, doc="the decision's text on the council's site"),
    unit_ref(),
    public_flag(),
    batch_ref(),
    UniqueConstraint("convocation_id", "number", name="uq_decisions_convocation_number"),
    # Covering: the overview's decisions per year and convocation (0005) and the scorecard's decisions on time (0006)
    # read the index alone.
    Index("ix_decisions_day_covering", "adopted_on", "convocation_id", "unit_id", "is_public", "published_on"),
)

# --- Vote summaries (kept by dashboard.writer after every import) -------------------------------

vote_faction_tallies = Table(
    "vote_faction_tallies", metadata,
    Column("vote_id", Integer, ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True),
    Column("faction_id", Integer, ForeignKey("factions.id"), primary_key=True),
    Column("n_for", Integer, nullable=False),
    Column("n_against", Integer, nullable=False),
    Column("n_abstain", Integer, nullable=False),
    Column("n_not_voting", Integer, nullable=False),
    Column("n_absent", Integer, nullable=False),
    Column("line", String(12), doc="plurality of for / against / abstain among present members; empty on a tie"),
    Column("cohesion", Float, doc="Agreement Index where it is ranked (five members or more, not a registration)"),
    Index("ix_vote_faction_tallies_cohesion", "cohesion"),
)

deputy_month_stats = Table(
    "deputy_month_stats", metadata,
    Column("deputy_id", Integer, ForeignKey("deputies.id"), nullable=False),
    Column("month", Date, nullable=False, doc="first day of the month"),
    Column("faction_id", Integer, ForeignKey("factions.id"), doc="faction at the time of those votes; empty: none"),
    Column("held", Integer, nullable=False, doc="votes held while a member, registration excluded"),
    Column("present", Integer, nullable=False),
    Column("voted", Integer, nullable=False, doc="for + against + abstain"),
    Column("not_voting", Integer, nullable=False),
    Column("with_line", Integer, nullable=False, doc="present on a vote where the own faction had a line"),
    Column("rebellions", Integer, nullable=False, doc="for / against / abstain differing from the line"),
    Column("rebellions_not_voting", Integer, nullable=False, doc="«не голосував» on a vote with a line"),
    Index("ux_deputy_month_stats", "deputy_id", "month", "faction_id", unique=True),
    Index("ix_deputy_month_stats_month", "month"),
)

deputy_pair_month_stats = Table(
    "deputy_pair_month_stats", metadata,
    Column("month", Date, primary_key=True),
    Column("deputy_a", Integer, ForeignKey("deputies.id"), primary_key=True),
    Column("deputy_b", Integer, ForeignKey("deputies.id"), primary_key=True, doc="deputy_a < deputy_b"),
    Column("both_voted", Integer, nullable=False, doc="votes where both chose for / against / abstain"),
    Column("same", Integer, nullable=False),
)

faction_month_stats = Table(
    "faction_month_stats", metadata,
    Column("month", Date, primary_key=True, doc="first day of the month"),
    Column("faction_id", Integer, ForeignKey("factions.id"), primary_key=True),
    Column("members", Integer, nullable=False, doc="most members on one vote, registration excluded"),
    Column("votes", Integer, nullable=False,
           doc="votes counted for cohesion: more than four members on the vote, registration excluded"),
    Column("rice_sum", Float, nullable=False, doc="sum of Rice over counted votes where it is defined"),
    Column("rice_n", Integer, nullable=False, doc="counted votes where Rice is defined (someone for or against)"),
    Column("agreement_sum", Float, nullable=False, doc="sum of the Agreement Index over counted votes"),
    Column("agreement_n", Integer, nullable=False, doc="counted votes where the Agreement Index is defined"),
    Column("with_line", Integer, nullable=False, doc="counted votes where the faction had a line"),
)

faction_pair_month_stats = Table(
    "faction_pair_month_stats", metadata,
    Column("month", Date, primary_key=True, doc="first day of the month"),
    Column("faction_a", Integer, ForeignKey("factions.id"), primary_key=True),
    Column("faction_b", Integer, ForeignKey("factions.id"), primary_key=True, doc="faction_a < faction_b"),
    Column("both_lines", Integer, nullable=False, doc="votes where both had a line, registration excluded"),
    Column("same", Integer, nullable=False, doc="of those, votes where the lines were equal"),
    Column("both_for", Integer, nullable=False, doc="of those, votes where both lines were «за»"),
)

deputy_line_month_stats = Table(
    "deputy_line_month_stats", metadata,
    Column("deputy_id", Integer, ForeignKey("deputies.id"), primary_key=True),
    Column("month", Date, primary_key=True, doc="first day of the month"),
    Column("faction_id", Integer, ForeignKey("factions.id"), primary_key=True, doc="any faction, not only the own"),
    Column("voted", Integer, nullable=False, doc="the deputy chose for / against / abstain and the faction had a line"),
    Column("same", Integer, nullable=False, doc="of those, the deputy's choice was the faction's line"),
    Column("not_voting", Integer, nullable=False, doc="the deputy chose «не голосував» and the faction had a line"),
)
