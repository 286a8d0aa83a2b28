"""The baseline's reference tables, as revision 0001 creates them: import batches and their problems, structural units, KPI targets."""

import sqlalchemy as sa
from alembic import op


def create() -> None:
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
    op.create_index(op.f('ix_import_batches_sha256'), 'import_batches', ['sha256'], unique=False)
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
    op.create_table('import_problems',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=False),
        sa.Column('location', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_import_problems_batch_id'), 'import_problems', ['batch_id'], unique=False)
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
    op.create_index(op.f('ix_kpi_targets_batch_id'), 'kpi_targets', ['batch_id'], unique=False)
    op.create_index(op.f('ix_kpi_targets_unit_id'), 'kpi_targets', ['unit_id'], unique=False)
