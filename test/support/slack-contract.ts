import { readFileSync } from 'node:fs';

/**
 * Checks one Slack Web API call against the method's description in
 * ../shared/reference/slack/methods/ (scraped from Slack's reference): every required argument
 * is present, the token counting when it came as an Authorization header, no argument is
 * unknown, and integers, booleans and arrays are what they claim.
 */

const METHODS_DIR = new URL('../../../shared/reference/slack/methods/', import.meta.url);

/**
 * Bolt sets the workspace's team_id on its Web API client for every call, and Slack accepts
 * team_id on every method (org-wide apps need it), though the method pages omit it.
 */
const ACCEPTED_ON_EVERY_METHOD = ['team_id'];

interface ArgSpec {
  type?: string;
  anyOf?: { type?: string }[];
  items?: { required?: string[] };
}

interface MethodSpec {
  http_method: string;
  args: { required?: string[]; properties?: Record<string, ArgSpec> };
}

export type Args = Record<string, unknown>;
export type Headers = Record<string, string | string[] | undefined>;

const cache = new Map<string, MethodSpec | null>();

export function methodSpec(method: string): MethodSpec | null {
  if (!/^[a-zA-Z.]+$/.test(method)) return null;
  if (!cache.has(method)) {
    try {
      const text = readFileSync(new URL(`${method}.json`, METHODS_DIR), 'utf8');
      cache.set(method, JSON.parse(text) as MethodSpec);
    } catch {
      cache.set(method, null);
    }
  }
  return cache.get(method) ?? null;
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A request body as arguments: JSON, or a form whose every value is a string. */
export function decodeBody(body: unknown): Args {
  if (typeof body === 'object' && body !== null) return body as Args;
  if (typeof body !== 'string' || body.length === 0) return {};
  if (body.trimStart().startsWith('{')) return JSON.parse(body) as Args;
  return Object.fromEntries(new URLSearchParams(body));
}

function typesOf(spec: ArgSpec): string[] {
  if (spec.type !== undefined) return [spec.type];
  return (spec.anyOf ?? []).flatMap((option) => (option.type === undefined ? [] : [option.type]));
}

function fitsType(value: unknown, type: string): boolean {
  const text = typeof value === 'string' ? value : undefined;
  switch (type) {
    case 'integer':
      return Number.isInteger(value) || (text !== undefined && /^-?\d+$/.test(text));
    case 'boolean':
      return typeof value === 'boolean' || (text !== undefined && /^(true|false|1|0)$/.test(text));
    case 'array':
      return Array.isArray(value) || (text !== undefined && Array.isArray(safeJson(text)));
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function arrayItemProblems(name: string, value: unknown, spec: ArgSpec): string[] {
  const required = spec.items?.required ?? [];
  const items = typeof value === 'string' ? safeJson(value) : value;
  if (!Array.isArray(items) || required.length === 0) return [];

  return items.flatMap((item, index) =>
    required
      .filter((key) => typeof item !== 'object' || item === null || !(key in item))
      .map((key) => `${name}[${index}] lacks required "${key}"`),
  );
}

function argumentProblems(method: string, args: Args, spec: MethodSpec): string[] {
  const properties = spec.args.properties ?? {};
  return Object.entries(args).flatMap(([name, value]) => {
    const argSpec = properties[name];
    if (argSpec === undefined) {
      return ACCEPTED_ON_EVERY_METHOD.includes(name)
        ? []
        : [`${method}: unknown argument "${name}"`];
    }
    const types = typesOf(argSpec);
    const fits = types.length === 0 || types.some((type) => fitsType(value, type));
    const typeProblem = fits ? [] : [`${method}: "${name}" is not ${types.join(' or ')}`];
    return [...typeProblem, ...arrayItemProblems(`${method}: ${name}`, value, argSpec)];
  });
}

/** Every way the call breaks the method's documented contract; empty when it keeps it. */
export function webApiProblems(method: string, body: unknown, headers: Headers = {}): string[] {
  const spec = methodSpec(method);
  if (spec === null) return [`${method}: no such method in the reference`];

  const args = decodeBody(body);
  const bearer = /^Bearer \S+$/.test(header(headers, 'Authorization') ?? '');
  const present = new Set([...Object.keys(args), ...(bearer ? ['token'] : [])]);
  const missing = (spec.args.required ?? [])
    .filter((name) => !present.has(name))
    .map((name) => `${method}: required argument "${name}" missing`);

  return [...missing, ...argumentProblems(method, args, spec)];
}
