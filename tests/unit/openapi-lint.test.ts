import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'keygate-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type LintProblem = { ruleId: string; severity: string; message: string; location: { pointer: string }[] };

describe('the OpenAPI document, for client generators', () => {
  it('passes `redocly lint` (redocly.yaml: the recommended rules) with no error and no warning', () => {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format=json'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        // Offline: no usage data (also `telemetry: off` in redocly.yaml) and no update check against npm.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
      },
    );
    expect(run.error).toBeUndefined();
    expect(run.stdout, run.stderr).toMatch(/^\s*\{/);
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: LintProblem[] };
    const problems = report.problems.map(
      (problem) => `${problem.severity} ${problem.ruleId} at ${problem.location.map((l) => l.pointer).join(', ')}: ${problem.message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('names every operation with a stable operationId (generated clients call them by it)', () => {
    const operationIds = Object.values(openApiDocument().paths).flatMap((operations) =>
      Object.values(operations).map((operation) => (operation as { operationId: string }).operationId),
    );
    expect(operationIds.sort()).toEqual(
      [
        'verifyToken',
        'revokeTokens',
        'receiveGitHubSecretScanning',
        'listApiAccess',
        'createApiAccess',
        'getApiAccess',
        'updateApiAccess',
        'deleteApiAccess',
        'regenerateApiAccess',
        'bulkDeleteApiAccess',
        'listRoles',
        'createRole',
        'getRole',
        'updateRole',
        'deleteRole',
        'getOpenApiDocument',
        'listAuditLog',
        'listWebhooks',
        'createWebhook',
        'getWebhook',
        'updateWebhook',
        'deleteWebhook',
        'rotateWebhookSecret',
        'sendWebhookTest',
        'listWebhookDeliveries',
      ].sort(),
    );
  });
});
