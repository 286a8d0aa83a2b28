"""The baseline's council tables, as revision 0001 creates them: convocations, factions, deputies, sessions, votes, choices,
decisions, the vote summaries."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table('convocations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('started_on', sa.Date(), nullable=False),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.Column('composition', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('number')
    )
    op.create_table('deputies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convocation_id', sa.Integer(), nullable=False),
        sa.Column('full_name', sa.Text(), nullable=False),
        sa.Column('name_key', sa.Text(), nullable=False),
        sa.Column('gender', sa.String(length=1), nullable=True),
        sa.Column('is_mayor', sa.Boolean(), nullable=False),
        sa.Column('mandate_from', sa.Date(), nullable=True),
        sa.Column('mandate_to', sa.Date(), nullable=True),
        sa.Column('voter_id', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['convocation_id'], ['convocations.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('convocation_id', 'name_key', name='uq_deputies_convocation_name_key'),
        sa.UniqueConstraint('convocation_id', 'voter_id', name='uq_deputies_convocation_voter_id')
    )
    op.create_table('factions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convocation_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('short_name', sa.String(length=40), nullable=True),
        sa.Column('color', sa.String(length=7), nullable=True),
        sa.ForeignKeyConstraint(['convocation_id'], ['convocations.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('convocation_id', 'name', name='uq_factions_convocation_name')
    )
    op.create_table('plenary_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convocation_id', sa.Integer(), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['convocation_id'], ['convocations.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('convocation_id', 'held_on', 'name', name='uq_plenary_sessions_day_name')
    )
    op.create_index(op.f('ix_plenary_sessions_held_on'), 'plenary_sessions', ['held_on'], unique=False)
    op.create_table('deputy_line_month_stats',
        sa.Column('deputy_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('faction_id', sa.Integer(), nullable=False),
        sa.Column('voted', sa.Integer(), nullable=False),
        sa.Column('same', sa.Integer(), nullable=False),
        sa.Column('not_voting', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], ),
        sa.ForeignKeyConstraint(['faction_id'], ['factions.id'], ),
        sa.PrimaryKeyConstraint('deputy_id', 'month', 'faction_id')
    )
    op.create_table('deputy_month_stats',
        sa.Column('deputy_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('faction_id', sa.Integer(), nullable=True),
        sa.Column('held', sa.Integer(), nullable=False),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.Column('voted', sa.Integer(), nullable=False),
        sa.Column('not_voting', sa.Integer(), nullable=False),
        sa.Column('with_line', sa.Integer(), nullable=False),
        sa.Column('rebellions', sa.Integer(), nullable=False),
        sa.Column('rebellions_not_voting', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], ),
        sa.ForeignKeyConstraint(['faction_id'], ['factions.id'], )
    )
    op.create_index('ix_deputy_month_stats_month', 'deputy_month_stats', ['month'], unique=False)
    op.create_index('ux_deputy_month_stats', 'deputy_month_stats', ['deputy_id', 'month', 'faction_id'], unique=True)
    op.create_table('deputy_pair_month_stats',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('deputy_a', sa.Integer(), nullable=False),
        sa.Column('deputy_b', sa.Integer(), nullable=False),
        sa.Column('both_voted', sa.Integer(), nullable=False),
        sa.Column('same', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['deputy_a'], ['deputies.id'], ),
        sa.ForeignKeyConstraint(['deputy_b'], ['deputies.id'], ),
        sa.PrimaryKeyConstraint('month', 'deputy_a', 'deputy_b')
    )
    op.create_table('faction_memberships',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('deputy_id', sa.Integer(), nullable=False),
        sa.Column('faction_id', sa.Integer(), nullable=False),
        sa.Column('from_on', sa.Date(), nullable=True),
        sa.Column('to_on', sa.Date(), nullable=True),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], ),
        sa.ForeignKeyConstraint(['faction_id'], ['factions.id'], ),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_faction_memberships_batch_id'), 'faction_memberships', ['batch_id'], unique=False)
    op.create_index(op.f('ix_faction_memberships_deputy_id'), 'faction_memberships', ['deputy_id'], unique=False)
    op.create_index(op.f('ix_faction_memberships_faction_id'), 'faction_memberships', ['faction_id'], unique=False)
    op.create_table('faction_month_stats',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('faction_id', sa.Integer(), nullable=False),
        sa.Column('members', sa.Integer(), nullable=False),
        sa.Column('votes', sa.Integer(), nullable=False),
        sa.Column('rice_sum', sa.Float(), nullable=False),
        sa.Column('rice_n', sa.Integer(), nullable=False),
        sa.Column('agreement_sum', sa.Float(), nullable=False),
        sa.Column('agreement_n', sa.Integer(), nullable=False),
        sa.Column('with_line', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['faction_id'], ['factions.id'], ),
        sa.PrimaryKeyConstraint('month', 'faction_id')
    )
    op.create_table('faction_pair_month_stats',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('faction_a', sa.Integer(), nullable=False),
        sa.Column('faction_b', sa.Integer(), nullable=False),
        sa.Column('both_lines', sa.Integer(), nullable=False),
        sa.Column('same', sa.Integer(), nullable=False),
        sa.Column('both_for', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['faction_a'], ['factions.id'], ),
        sa.ForeignKeyConstraint(['faction_b'], ['factions.id'], ),
        sa.PrimaryKeyConstraint('month', 'faction_a', 'faction_b')
    )
    op.create_table('votes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('source_key', sa.Text(), nullable=False),
        sa.Column('voted_at', sa.DateTime(), nullable=False),
        sa.Column('agenda_item', sa.String(length=40), nullable=True),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('adopted', sa.Boolean(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('n_for', sa.Integer(), nullable=False),
        sa.Column('n_against', sa.Integer(), nullable=False),
        sa.Column('n_abstain', sa.Integer(), nullable=False),
        sa.Column('n_not_voting', sa.Integer(), nullable=False),
        sa.Column('n_present', sa.Integer(), nullable=False),
        sa.Column('n_absent', sa.Integer(), nullable=True),
        sa.Column('tally_mismatch', sa.Boolean(), nullable=False),
        sa.Column('untitled', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('date_disagrees', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.ForeignKeyConstraint(['session_id'], ['plenary_sessions.id'], ),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('source_key')
    )
    op.create_index(op.f('ix_votes_batch_id'), 'votes', ['batch_id'], unique=False)
    op.create_index(op.f('ix_votes_session_id'), 'votes', ['session_id'], unique=False)
    op.create_index(op.f('ix_votes_unit_id'), 'votes', ['unit_id'], unique=False)
    op.create_index(op.f('ix_votes_voted_at'), 'votes', ['voted_at'], unique=False)
    op.create_table('decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convocation_id', sa.Integer(), nullable=False),
        sa.Column('vote_id', sa.Integer(), nullable=True),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('adopted_on', sa.Date(), nullable=False),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.ForeignKeyConstraint(['convocation_id'], ['convocations.id'], ),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
        sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('convocation_id', 'number', name='uq_decisions_convocation_number')
    )
    op.create_index(op.f('ix_decisions_adopted_on'), 'decisions', ['adopted_on'], unique=False)
    op.create_index(op.f('ix_decisions_batch_id'), 'decisions', ['batch_id'], unique=False)
    op.create_index(op.f('ix_decisions_unit_id'), 'decisions', ['unit_id'], unique=False)
    op.create_table('vote_choices',
        sa.Column('vote_id', sa.Integer(), nullable=False),
        sa.Column('slot', sa.Integer(), nullable=False),
        sa.Column('deputy_id', sa.Integer(), nullable=True),
        sa.Column('choice', sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], ),
        sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('vote_id', 'slot')
    )
    op.create_index('ux_vote_choices_deputy_vote', 'vote_choices', ['deputy_id', 'vote_id'], unique=True)
    op.create_table('vote_faction_tallies',
        sa.Column('vote_id', sa.Integer(), nullable=False),
        sa.Column('faction_id', sa.Integer(), nullable=False),
        sa.Column('n_for', sa.Integer(), nullable=False),
        sa.Column('n_against', sa.Integer(), nullable=False),
        sa.Column('n_abstain', sa.Integer(), nullable=False),
        sa.Column('n_not_voting', sa.Integer(), nullable=False),
        sa.Column('n_absent', sa.Integer(), nullable=False),
        sa.Column('line', sa.String(length=12), nullable=True),
        sa.Column('cohesion', sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(['faction_id'], ['factions.id'], ),
        sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('vote_id', 'faction_id')
    )
    op.create_index('ix_vote_faction_tallies_cohesion', 'vote_faction_tallies', ['cohesion'], unique=False)
