import type { Kysely } from 'kysely';

/**
 * Progressive delivery. `rollouts` holds each rollout's state machine (JSON as text), what the
 * flags of its environment were when it started (restored on abort), and its claim: a runner
 * raises `revision` with a guarded UPDATE and holds `claimed_until` while it works, so two
 * servers on one database never run one step twice. `rollout_analysis_runs` keeps every
 * analysis run with its measurements and judge verdicts. Services get their rollout specs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON { default?, environments? } of RolloutSpec, or NULL: every deployment all at once.
  await db.schema.alterTable('services').addColumn('rollout', 'text').execute();
  await db.schema
    .createTable('rollouts')
    .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('deployment_id', 'varchar(64)', (column) => column.notNull())
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('environment', 'varchar(63)', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('stable_version', 'text')
    .addColumn('spec', 'text', (column) => column.notNull())
    // progressing, paused, succeeded, aborted, frozen.
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('current_step', 'integer', (column) => column.notNull())
    .addColumn('weight', 'integer', (column) => column.notNull())
    .addColumn('message', 'text')
    // The rest of the machine's state: { pause, attempt, acceptedRuns, timerAt }.
    .addColumn('machine', 'text', (column) => column.notNull())
    // When the runner should look at it next (timer or measurement due); NULL: only by hand.
    .addColumn('next_action_at', 'text')
    // Set when the deployment rolls forward: what a frozen rollout asks of the fix release.
    .addColumn('roll_forward', 'text')
    // JSON array of the environment's flags ({ key, definition }) when the rollout started.
    .addColumn('flag_snapshot', 'text', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('rollouts_due')
    .on('rollouts')
    .columns(['status', 'next_action_at'])
    .execute();
  await db.schema
    .createIndex('rollouts_scope')
    .on('rollouts')
    .columns(['service', 'environment', 'created_at'])
    .execute();
  await db.schema
    .createIndex('rollouts_deployment')
    .on('rollouts')
    .column('deployment_id')
    .execute();
  await db.schema
    .createTable('rollout_analysis_runs')
    .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('rollout_id', 'varchar(64)', (column) => column.notNull())
    .addColumn('attempt', 'integer', (column) => column.notNull())
    // A step index, or background, pre-promotion, post-promotion.
    .addColumn('origin', 'varchar(32)', (column) => column.notNull())
    // JSON AnalysisRef: the templates and the run's own arguments.
    .addColumn('ref', 'text', (column) => column.notNull())
    .addColumn('phase', 'varchar(16)', (column) => column.notNull())
    // JSON arrays: every measurement taken, and every judge verdict whole (evidence).
    .addColumn('measurements', 'text', (column) => column.notNull())
    .addColumn('judgements', 'text', (column) => column.notNull())
    .addColumn('next_measurement_at', 'text')
    .addColumn('started_at', 'text', (column) => column.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('rollout_analysis_runs_rollout')
    .on('rollout_analysis_runs')
    .columns(['rollout_id', 'attempt', 'started_at'])
    .execute();
}
