import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function runMain(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('npm start', () => {
  it('exits 1 with one line for each missing variable, not a stack trace', () => {
    const { code, stderr } = runMain({});

    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^selfhost-check: SLACK_SIGNING_SECRET is not set/),
      expect.stringMatching(/^selfhost-check: SLACK_BOT_TOKEN is not set/),
    ]);
  });
});
