import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CALLBACK_IDS } from '../../src/blocks/action-ids.ts';
import { COMMAND } from '../../src/blocks/texts.ts';
import { BOT_SCOPES } from '../../src/slack/scopes.ts';
import { methodSpec } from '../support/slack-contract.ts';

const REFERENCE = new URL('../../../shared/reference/slack/', import.meta.url);
const SCHEMA_BASE = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';

// The Web API methods the app calls, whose bot scopes the manifest must grant.
const METHODS_CALLED = [
  'chat.postMessage',
  'files.getUploadURLExternal',
  'files.completeUploadExternal',
  'users.info',
  'chat.postEphemeral',
  'users.info',
  'views.open',
  'views.publish',
];

function schema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, REFERENCE), 'utf8')) as Record<string, unknown>;
}

function validator() {
  // Unknown keywords still fail; Slack's schema leaves `type` implied beside `required`.
  const ajv = new Ajv({ allErrors: true, strictTypes: false, formats: { uri: URL.canParse } });
  // Slack's schema annotates with `_note` and writes a colour pattern under `regex`, keywords
  // JSON Schema does not have: the note is a comment, the pattern is enforced.
  ajv.addKeyword({ keyword: '_note' });
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
  });
  // The root schema routes on _metadata.major_version to these, by their published URLs.
  ajv.addSchema(schema('manifest.schema.1.0.0.json'), `${SCHEMA_BASE}manifest.schema.1.0.0.json`);
  ajv.addSchema(schema('manifest.schema.2.0.0.json'), `${SCHEMA_BASE}manifest.schema.2.0.0.json`);
  return ajv.compile(schema('manifest.schema.json'));
}

interface Manifest {
  _metadata: { major_version: number };
  features: {
    slash_commands: { command: string; usage_hint?: string }[];
    shortcuts?: { type: string; callback_id: string }[];
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: Record<string, unknown>;
}

const manifest = parse(
  readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'),
) as Manifest;

describe('manifest.yml', () => {
  it('validates against Slack manifest schema', () => {
    const validate = validator();

    const valid = validate(manifest);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a schema that rejects a broken manifest', () => {
    const validate = validator();
    const noSlash = { ...manifest, features: { slash_commands: [{ command: 'no-slash' }] } };
    const badColour = {
      ...manifest,
      display_information: { name: 'selfhost-check', background_color: 'purple' },
    };

    expect(validate(noSlash)).toBe(false);
    expect(validate(badColour)).toBe(false);
  });

  it('declares the command the app listens to, with a usage hint', () => {
    const [command] = manifest.features.slash_commands;

    expect(command?.command).toBe(COMMAND);
    expect(command?.usage_hint).toBeTruthy();
  });

  it('declares the global shortcut and the Home tab the app listens to', () => {
    const settings = manifest.settings as { event_subscriptions?: { bot_events?: string[] } };

    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'global', callback_id: CALLBACK_IDS.shortcut }),
    ]);
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(settings.event_subscriptions?.bot_events).toContain('app_home_opened');
  });

  it('grants every bot scope the called methods need', () => {
    const needed = METHODS_CALLED.flatMap((method) => {
      const spec = methodSpec(method) as unknown as { scope: { bot?: string[] } };
      return spec.scope.bot ?? [];
    });

    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', ...new Set(needed)]),
    );
  });

  it('asks for the same bot scopes as the OAuth install flow', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('turns on Socket Mode and interactivity, and stays in one workspace', () => {
    expect(manifest._metadata.major_version).toBe(1);
    expect(manifest.settings).toMatchObject({
      socket_mode_enabled: true,
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
    });
  });
});
