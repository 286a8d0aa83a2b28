"""The baseline's website tables, as revision 0001 creates them: website traffic (daily and monthly), pages and their path rules, live streams."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
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
    op.create_index(op.f('ix_broadcasts_batch_id'), 'broadcasts', ['batch_id'], unique=False)
    op.create_index(op.f('ix_broadcasts_started_at'), 'broadcasts', ['started_at'], unique=False)
    op.create_index(op.f('ix_broadcasts_unit_id'), 'broadcasts', ['unit_id'], unique=False)
    op.create_table('channel_traffic_daily',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        sa.Column('visits', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.PrimaryKeyConstraint('day', 'channel')
    )
    op.create_index(op.f('ix_channel_traffic_daily_batch_id'), 'channel_traffic_daily', ['batch_id'], unique=False)
    op.create_table('channel_traffic_monthly',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        sa.Column('visits', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.PrimaryKeyConstraint('month', 'channel')
    )
    op.create_index(op.f('ix_channel_traffic_monthly_batch_id'), 'channel_traffic_monthly', ['batch_id'], unique=False)
    op.create_table('device_traffic_daily',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('device', sa.String(length=20), nullable=False),
        sa.Column('visits', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.PrimaryKeyConstraint('day', 'device')
    )
    op.create_index(op.f('ix_device_traffic_daily_batch_id'), 'device_traffic_daily', ['batch_id'], unique=False)
    op.create_table('device_traffic_monthly',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('device', sa.String(length=20), nullable=False),
        sa.Column('visits', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.PrimaryKeyConstraint('month', 'device')
    )
    op.create_index(op.f('ix_device_traffic_monthly_batch_id'), 'device_traffic_monthly', ['batch_id'], unique=False)
    op.create_table('site_page_rules',
        sa.Column('prefix', sa.Text(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
        sa.PrimaryKeyConstraint('prefix')
    )
    op.create_index(op.f('ix_site_page_rules_batch_id'), 'site_page_rules', ['batch_id'], unique=False)
    op.create_table('site_pages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('path', sa.Text(), nullable=False),
        sa.Column('title', sa.Text(), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('path')
    )
    op.create_index(op.f('ix_site_pages_unit_id'), 'site_pages', ['unit_id'], unique=False)
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
    op.create_index(op.f('ix_site_traffic_daily_batch_id'), 'site_traffic_daily', ['batch_id'], unique=False)
    op.create_table('page_traffic_daily',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('page_id', sa.Integer(), nullable=False),
        sa.Column('pageviews', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.ForeignKeyConstraint(['page_id'], ['site_pages.id'], ),
        sa.PrimaryKeyConstraint('day', 'page_id')
    )
    op.create_index(op.f('ix_page_traffic_daily_batch_id'), 'page_traffic_daily', ['batch_id'], unique=False)
    op.create_table('page_traffic_monthly',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('page_id', sa.Integer(), nullable=False),
        sa.Column('pageviews', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ),
        sa.ForeignKeyConstraint(['page_id'], ['site_pages.id'], ),
        sa.PrimaryKeyConstraint('month', 'page_id')
    )
    op.create_index(op.f('ix_page_traffic_monthly_batch_id'), 'page_traffic_monthly', ['batch_id'], unique=False)
    op.create_index('ix_page_traffic_monthly_page', 'page_traffic_monthly', ['page_id'], unique=False)
