"""The baseline's petitions tables, as revision 0001 creates them: petitions, signature snapshots, authors (internal), the working-day calendar."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table('petition_working_days',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('is_working', sa.Boolean(), nullable=False),
        sa.Column('ordinal', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day')
    )
    op.create_index('ix_petition_working_days_ordinal', 'petition_working_days', ['ordinal'], unique=False)
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
    op.create_index(op.f('ix_petitions_batch_id'), 'petitions', ['batch_id'], unique=False)
    op.create_index(op.f('ix_petitions_submitted_on'), 'petitions', ['submitted_on'], unique=False)
    op.create_index(op.f('ix_petitions_unit_id'), 'petitions', ['unit_id'], unique=False)
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
