"""Baseline: the schema every install had before migrations (release 231169d).

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('advisingnote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('portfolio_code', sa.String(length=16), nullable=False),
    sa.Column('counselor', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('next_step', sa.String(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('advisingnote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advisingnote_portfolio_code'), ['portfolio_code'], unique=False)

    op.create_table('classgroup',
    sa.Column('class_code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('created_by', sa.String(), nullable=False),
    sa.Column('group_fields', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('class_code')
    )
    op.create_table('classmember',
    sa.Column('class_code', sa.String(length=16), nullable=False),
    sa.Column('portfolio_code', sa.String(length=16), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=True),
    sa.Column('groups', sa.String(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('class_code', 'portfolio_code')
    )
    op.create_table('counselor',
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('password_hash', sa.String(), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('credential',
    sa.Column('verified_by', sa.String(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('credential_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('issuer', sa.String(), nullable=False),
    sa.Column('cost', sa.Float(), nullable=False),
    sa.Column('fee_waiver', sa.Boolean(), nullable=False),
    sa.Column('prep_hours', sa.Integer(), nullable=False),
    sa.Column('exam', sa.String(), nullable=False),
    sa.Column('stacks_into', sa.String(), nullable=False),
    sa.Column('soc_codes', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('credential_id')
    )
    op.create_table('dualenrollmentcourse',
    sa.Column('verified_by', sa.String(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('college', sa.String(length=120), nullable=False),
    sa.Column('course_code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('credits', sa.Float(), nullable=False),
    sa.Column('student_cost', sa.Float(), nullable=False),
    sa.Column('delivery', sa.String(length=20), nullable=False),
    sa.Column('schedule', sa.String(), nullable=False),
    sa.Column('transfers_to', sa.String(), nullable=False),
    sa.Column('program_codes', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('college', 'course_code')
    )
    op.create_table('employer',
    sa.Column('verified_by', sa.String(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('industry', sa.String(), nullable=False),
    sa.Column('location', sa.String(), nullable=False),
    sa.Column('contact_role', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('favourite',
    sa.Column('portfolio_code', sa.String(length=16), nullable=False),
    sa.Column('onet_code', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('portfolio_code', 'onet_code')
    )
    op.create_table('planstep',
    sa.Column('portfolio_code', sa.String(length=16), nullable=False),
    sa.Column('onet_code', sa.String(length=10), nullable=False),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('portfolio_code', 'onet_code', 'step')
    )
    op.create_table('program',
    sa.Column('verified_by', sa.String(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('grades', sa.String(length=10), nullable=False),
    sa.Column('courses', sa.String(), nullable=False),
    sa.Column('career_cluster', sa.String(), nullable=False),
    sa.Column('subcluster', sa.String(), nullable=False),
    sa.Column('soc_codes', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('quizattempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resume_code', sa.String(length=16), nullable=False),
    sa.Column('band', sa.String(length=8), nullable=False),
    sa.Column('form', sa.String(length=8), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quizattempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quizattempt_resume_code'), ['resume_code'], unique=True)

    op.create_table('retake',
    sa.Column('resume_code', sa.String(length=16), nullable=False),
    sa.Column('portfolio_code', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('resume_code')
    )
    with op.batch_alter_table('retake', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retake_portfolio_code'), ['portfolio_code'], unique=False)

    op.create_table('sharelink',
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('portfolio_code', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('token')
    )
    with op.batch_alter_table('sharelink', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sharelink_portfolio_code'), ['portfolio_code'], unique=False)

    op.create_table('workbasedlearning',
    sa.Column('verified_by', sa.String(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('opportunity_id', sa.String(length=40), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('employer', sa.String(), nullable=False),
    sa.Column('soc_codes', sa.String(), nullable=False),
    sa.Column('paid', sa.Boolean(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('min_grade', sa.Integer(), nullable=False),
    sa.Column('location', sa.String(), nullable=False),
    sa.Column('commute_minutes', sa.Integer(), nullable=False),
    sa.Column('transportation_provided', sa.Boolean(), nullable=False),
    sa.Column('virtual_option', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('opportunity_id')
    )
    op.create_table('answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['quizattempt.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('attempt_id', 'item_id')
    )
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_attempt_id'), ['attempt_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_attempt_id'))

    op.drop_table('answer')
    op.drop_table('workbasedlearning')
    with op.batch_alter_table('sharelink', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sharelink_portfolio_code'))

    op.drop_table('sharelink')
    with op.batch_alter_table('retake', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retake_portfolio_code'))

    op.drop_table('retake')
    with op.batch_alter_table('quizattempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quizattempt_resume_code'))

    op.drop_table('quizattempt')
    op.drop_table('program')
    op.drop_table('planstep')
    op.drop_table('favourite')
    op.drop_table('employer')
    op.drop_table('dualenrollmentcourse')
    op.drop_table('credential')
    op.drop_table('counselor')
    op.drop_table('classmember')
    op.drop_table('classgroup')
    with op.batch_alter_table('advisingnote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advisingnote_portfolio_code'))

    op.drop_table('advisingnote')
