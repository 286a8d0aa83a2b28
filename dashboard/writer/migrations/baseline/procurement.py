"""The baseline's procurement tables, as revision 0001 creates them: tenders, their contact points (internal), consultations."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
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
    op.create_index(op.f('ix_consultations_batch_id'), 'consultations', ['batch_id'], unique=False)
    op.create_index(op.f('ix_consultations_started_on'), 'consultations', ['started_on'], unique=False)
    op.create_index(op.f('ix_consultations_unit_id'), 'consultations', ['unit_id'], unique=False)
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
    op.create_index(op.f('ix_tenders_batch_id'), 'tenders', ['batch_id'], unique=False)
    op.create_index(op.f('ix_tenders_buyer_edrpou'), 'tenders', ['buyer_edrpou'], unique=False)
    op.create_index(op.f('ix_tenders_published_on'), 'tenders', ['published_on'], unique=False)
    op.create_index(op.f('ix_tenders_unit_id'), 'tenders', ['unit_id'], unique=False)
    op.create_table('tender_contacts_internal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tender_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=True),
        sa.Column('email', sa.Text(), nullable=True),
        sa.Column('phone', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['tender_id'], ['tenders.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_tender_contacts_internal_tender_id'), 'tender_contacts_internal', ['tender_id'], unique=False)
