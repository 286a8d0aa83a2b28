"""The schema as the first release with migrations found it: every table that `init-db` created before.

A council's database made by that release has no `alembic_version` table; `init-db` stamps it with this
revision and upgrades it from here (dashboard.writer.migrate).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('convocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('composition', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_table('import_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('format', sa.String(length=40), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('rows_read', sa.Integer(), nullable=False),
    sa.Column('rows_written', sa.Integer(), nullable=False),
    sa.Column('rows_skipped', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batches_sha256'), ['sha256'], unique=False)

    op.create_table('outlets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name_key')
    )
    op.create_table('petition_working_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working', sa.Boolean(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    with op.batch_alter_table('petition_working_days', schema=None) as batch_op:
        batch_op.create_index('ix_petition_working_days_ordinal', ['ordinal'], unique=False)

    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_uk', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('edrpou', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('edrpou')
    )
    op.create_table('broadcasts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.Text(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('platform', sa.String(length=30), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('views', sa.Integer(), nullable=False),
    sa.Column('live_views', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('identity')
    )
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_broadcasts_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_broadcasts_started_at'), ['started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_broadcasts_unit_id'), ['unit_id'], unique=False)

    op.create_table('channel_traffic_daily',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.PrimaryKeyConstraint('day', 'channel')
    )
    with op.batch_alter_table('channel_traffic_daily', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_channel_traffic_daily_batch_id'), ['batch_id'], unique=False)

    op.create_table('channel_traffic_monthly',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.PrimaryKeyConstraint('month', 'channel')
    )
    with op.batch_alter_table('channel_traffic_monthly', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_channel_traffic_monthly_batch_id'), ['batch_id'], unique=False)

    op.create_table('consultations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('online_poll', sa.Boolean(), nullable=False),
    sa.Column('responses', sa.Integer(), nullable=True),
    sa.Column('results_published_on', sa.Date(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultations_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consultations_started_on'), ['started_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_consultations_unit_id'), ['unit_id'], unique=False)

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
    op.create_table('device_traffic_daily',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('device', sa.String(length=20), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.PrimaryKeyConstraint('day', 'device')
    )
    with op.batch_alter_table('device_traffic_daily', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_traffic_daily_batch_id'), ['batch_id'], unique=False)

    op.create_table('device_traffic_monthly',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('device', sa.String(length=20), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.PrimaryKeyConstraint('month', 'device')
    )
    with op.batch_alter_table('device_traffic_monthly', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_traffic_monthly_batch_id'), ['batch_id'], unique=False)

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
    op.create_table('import_problems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('location', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('import_problems', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_problems_batch_id'), ['batch_id'], unique=False)

    op.create_table('kpi_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kpi', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kpi', 'year', 'unit_id', name='uq_kpi_targets_kpi_year_unit')
    )
    with op.batch_alter_table('kpi_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpi_targets_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kpi_targets_unit_id'), ['unit_id'], unique=False)

    op.create_table('media_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.Text(), nullable=False),
    sa.Column('outlet_id', sa.Integer(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('topic', sa.String(length=60), nullable=True),
    sa.Column('tone', sa.String(length=10), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlets.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('identity')
    )
    with op.batch_alter_table('media_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_media_mentions_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index('ix_media_mentions_outlet_day', ['outlet_id', 'published_on'], unique=False)
        batch_op.create_index('ix_media_mentions_published_on', ['published_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_mentions_unit_id'), ['unit_id'], unique=False)

    op.create_table('petitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=80), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('signatures', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('threshold_reached_on', sa.Date(), nullable=True),
    sa.Column('consideration_started_on', sa.Date(), nullable=True),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('response_url', sa.Text(), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petitions_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_submitted_on'), ['submitted_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_unit_id'), ['unit_id'], unique=False)

    op.create_table('plenary_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convocation_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['convocation_id'], ['convocations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('convocation_id', 'held_on', 'name', name='uq_plenary_sessions_day_name')
    )
    with op.batch_alter_table('plenary_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plenary_sessions_held_on'), ['held_on'], unique=False)

    op.create_table('public_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('identity')
    )
    with op.batch_alter_table('public_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_public_events_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_public_events_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_public_events_unit_id'), ['unit_id'], unique=False)

    op.create_table('site_page_rules',
    sa.Column('prefix', sa.Text(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('prefix')
    )
    with op.batch_alter_table('site_page_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_page_rules_batch_id'), ['batch_id'], unique=False)

    op.create_table('site_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('path')
    )
    with op.batch_alter_table('site_pages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_pages_unit_id'), ['unit_id'], unique=False)

    op.create_table('site_traffic_daily',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('visitors', sa.Integer(), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=True),
    sa.Column('pageviews', sa.Integer(), nullable=False),
    sa.Column('bounce_rate', sa.Float(), nullable=True),
    sa.Column('avg_visit_seconds', sa.Float(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.PrimaryKeyConstraint('day')
    )
    with op.batch_alter_table('site_traffic_daily', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_traffic_daily_batch_id'), ['batch_id'], unique=False)

    op.create_table('tenders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ocid', sa.String(length=80), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('buyer_edrpou', sa.String(length=10), nullable=True),
    sa.Column('buyer_name', sa.Text(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=True),
    sa.Column('method_type', sa.String(length=60), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('expected_value', sa.Float(), nullable=True),
    sa.Column('awarded_value', sa.Float(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('bidders', sa.Integer(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('awarded_on', sa.Date(), nullable=True),
    sa.Column('cpv', sa.String(length=20), nullable=True),
    sa.Column('is_public', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ocid')
    )
    with op.batch_alter_table('tenders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenders_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenders_buyer_edrpou'), ['buyer_edrpou'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenders_published_on'), ['published_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_tenders_unit_id'), ['unit_id'], unique=False)

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
    with op.batch_alter_table('deputy_month_stats', schema=None) as batch_op:
        batch_op.create_index('ix_deputy_month_stats_month', ['month'], unique=False)
        batch_op.create_index('ux_deputy_month_stats', ['deputy_id', 'month', 'faction_id'], unique=True)

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
    with op.batch_alter_table('faction_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_faction_memberships_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_faction_memberships_deputy_id'), ['deputy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_faction_memberships_faction_id'), ['faction_id'], unique=False)

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
    op.create_table('page_traffic_daily',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('pageviews', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['page_id'], ['site_pages.id'], ),
    sa.PrimaryKeyConstraint('day', 'page_id')
    )
    with op.batch_alter_table('page_traffic_daily', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_traffic_daily_batch_id'), ['batch_id'], unique=False)

    op.create_table('page_traffic_monthly',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('pageviews', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
    sa.ForeignKeyConstraint(['page_id'], ['site_pages.id'], ),
    sa.PrimaryKeyConstraint('month', 'page_id')
    )
    with op.batch_alter_table('page_traffic_monthly', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_traffic_monthly_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index('ix_page_traffic_monthly_page', ['page_id'], unique=False)

    op.create_table('petition_authors_internal',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('contact', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id')
    )
    op.create_table('petition_signature_snapshots',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('signatures', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id', 'taken_on')
    )
    op.create_table('tender_contacts_internal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tender_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('phone', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tender_contacts_internal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tender_contacts_internal_tender_id'), ['tender_id'], unique=False)

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
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_voted_at'), ['voted_at'], unique=False)

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
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_adopted_on'), ['adopted_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_unit_id'), ['unit_id'], unique=False)

    op.create_table('vote_choices',
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('deputy_id', sa.Integer(), nullable=True),
    sa.Column('choice', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['deputy_id'], ['deputies.id'], ),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('vote_id', 'slot')
    )
    with op.batch_alter_table('vote_choices', schema=None) as batch_op:
        batch_op.create_index('ux_vote_choices_deputy_vote', ['deputy_id', 'vote_id'], unique=True)

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
    with op.batch_alter_table('vote_faction_tallies', schema=None) as batch_op:
        batch_op.create_index('ix_vote_faction_tallies_cohesion', ['cohesion'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('vote_faction_tallies', schema=None) as batch_op:
        batch_op.drop_index('ix_vote_faction_tallies_cohesion')

    op.drop_table('vote_faction_tallies')
    with op.batch_alter_table('vote_choices', schema=None) as batch_op:
        batch_op.drop_index('ux_vote_choices_deputy_vote')

    op.drop_table('vote_choices')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_unit_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_batch_id'))
        batch_op.drop_index(batch_op.f('ix_decisions_adopted_on'))

    op.drop_table('decisions')
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_voted_at'))
        batch_op.drop_index(batch_op.f('ix_votes_unit_id'))
        batch_op.drop_index(batch_op.f('ix_votes_session_id'))
        batch_op.drop_index(batch_op.f('ix_votes_batch_id'))

    op.drop_table('votes')
    with op.batch_alter_table('tender_contacts_internal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tender_contacts_internal_tender_id'))

    op.drop_table('tender_contacts_internal')
    op.drop_table('petition_signature_snapshots')
    op.drop_table('petition_authors_internal')
    with op.batch_alter_table('page_traffic_monthly', schema=None) as batch_op:
        batch_op.drop_index('ix_page_traffic_monthly_page')
        batch_op.drop_index(batch_op.f('ix_page_traffic_monthly_batch_id'))

    op.drop_table('page_traffic_monthly')
    with op.batch_alter_table('page_traffic_daily', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_traffic_daily_batch_id'))

    op.drop_table('page_traffic_daily')
    op.drop_table('faction_pair_month_stats')
    op.drop_table('faction_month_stats')
    with op.batch_alter_table('faction_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_faction_memberships_faction_id'))
        batch_op.drop_index(batch_op.f('ix_faction_memberships_deputy_id'))
        batch_op.drop_index(batch_op.f('ix_faction_memberships_batch_id'))

    op.drop_table('faction_memberships')
    op.drop_table('deputy_pair_month_stats')
    with op.batch_alter_table('deputy_month_stats', schema=None) as batch_op:
        batch_op.drop_index('ux_deputy_month_stats')
        batch_op.drop_index('ix_deputy_month_stats_month')

    op.drop_table('deputy_month_stats')
    op.drop_table('deputy_line_month_stats')
    with op.batch_alter_table('tenders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenders_unit_id'))
        batch_op.drop_index(batch_op.f('ix_tenders_published_on'))
        batch_op.drop_index(batch_op.f('ix_tenders_buyer_edrpou'))
        batch_op.drop_index(batch_op.f('ix_tenders_batch_id'))

    op.drop_table('tenders')
    with op.batch_alter_table('site_traffic_daily', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_site_traffic_daily_batch_id'))

    op.drop_table('site_traffic_daily')
    with op.batch_alter_table('site_pages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_site_pages_unit_id'))

    op.drop_table('site_pages')
    with op.batch_alter_table('site_page_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_site_page_rules_batch_id'))

    op.drop_table('site_page_rules')
    with op.batch_alter_table('public_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_public_events_unit_id'))
        batch_op.drop_index(batch_op.f('ix_public_events_held_on'))
        batch_op.drop_index(batch_op.f('ix_public_events_batch_id'))

    op.drop_table('public_events')
    with op.batch_alter_table('plenary_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plenary_sessions_held_on'))

    op.drop_table('plenary_sessions')
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petitions_unit_id'))
        batch_op.drop_index(batch_op.f('ix_petitions_submitted_on'))
        batch_op.drop_index(batch_op.f('ix_petitions_batch_id'))

    op.drop_table('petitions')
    with op.batch_alter_table('media_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_mentions_unit_id'))
        batch_op.drop_index('ix_media_mentions_published_on')
        batch_op.drop_index('ix_media_mentions_outlet_day')
        batch_op.drop_index(batch_op.f('ix_media_mentions_batch_id'))

    op.drop_table('media_mentions')
    with op.batch_alter_table('kpi_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpi_targets_unit_id'))
        batch_op.drop_index(batch_op.f('ix_kpi_targets_batch_id'))

    op.drop_table('kpi_targets')
    with op.batch_alter_table('import_problems', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_problems_batch_id'))

    op.drop_table('import_problems')
    op.drop_table('factions')
    with op.batch_alter_table('device_traffic_monthly', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_traffic_monthly_batch_id'))

    op.drop_table('device_traffic_monthly')
    with op.batch_alter_table('device_traffic_daily', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_traffic_daily_batch_id'))

    op.drop_table('device_traffic_daily')
    op.drop_table('deputies')
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultations_unit_id'))
        batch_op.drop_index(batch_op.f('ix_consultations_started_on'))
        batch_op.drop_index(batch_op.f('ix_consultations_batch_id'))

    op.drop_table('consultations')
    with op.batch_alter_table('channel_traffic_monthly', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_channel_traffic_monthly_batch_id'))

    op.drop_table('channel_traffic_monthly')
    with op.batch_alter_table('channel_traffic_daily', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_channel_traffic_daily_batch_id'))

    op.drop_table('channel_traffic_daily')
    with op.batch_alter_table('broadcasts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_broadcasts_unit_id'))
        batch_op.drop_index(batch_op.f('ix_broadcasts_started_at'))
        batch_op.drop_index(batch_op.f('ix_broadcasts_batch_id'))

    op.drop_table('broadcasts')
    op.drop_table('units')
    with op.batch_alter_table('petition_working_days', schema=None) as batch_op:
        batch_op.drop_index('ix_petition_working_days_ordinal')

    op.drop_table('petition_working_days')
    op.drop_table('outlets')
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batches_sha256'))

    op.drop_table('import_batches')
    op.drop_table('convocations')
