"""The baseline's media tables, as revision 0001 creates them: outlets, media mentions, public events."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table('outlets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('name_key', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('scope', sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name_key')
    )
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
    op.create_index(op.f('ix_media_mentions_batch_id'), 'media_mentions', ['batch_id'], unique=False)
    op.create_index('ix_media_mentions_outlet_day', 'media_mentions', ['outlet_id', 'published_on'], unique=False)
    op.create_index('ix_media_mentions_published_on', 'media_mentions', ['published_on'], unique=False)
    op.create_index(op.f('ix_media_mentions_unit_id'), 'media_mentions', ['unit_id'], unique=False)
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
    op.create_index(op.f('ix_public_events_batch_id'), 'public_events', ['batch_id'], unique=False)
    op.create_index(op.f('ix_public_events_held_on'), 'public_events', ['held_on'], unique=False)
    op.create_index(op.f('ix_public_events_unit_id'), 'public_events', ['unit_id'], unique=False)
