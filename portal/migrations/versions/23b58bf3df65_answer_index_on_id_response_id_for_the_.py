"""answer index on (id, response_id) for the insights counts

Revision ID: 23b58bf3df65
Revises: aae7ea790142
Create Date: 2026-12-06 22:44:00.689348

The insights counts (portal/insights/queries.py) join every tagged answer to its response. With
this index PostgreSQL reads the answers' (id, response_id) from a narrow index instead of the
whole answer table with its texts: see benchmarks/README.md for the figures. Building it takes
a few seconds on a million answers, during which new answers wait (they are not refused).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '23b58bf3df65'
down_revision = 'aae7ea790142'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index('ix_answer_id_response_id', ['id', 'response_id'], unique=False)


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index('ix_answer_id_response_id')
