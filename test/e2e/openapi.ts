/**
 * Checks requests against GitHub's REST description (@octokit/openapi). The description is
 * 13 MB; only the operations the app may call are extracted (with their $refs resolved) and
 * compiled, once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const OPERATIONS = [
  ['POST', '/app/installations/{installation_id}/access_tokens'],
  ['POST', '/repos/{owner}/{repo}/check-runs'],
  ['PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls'],
  ['GET', '/repos/{owner}/{repo}/compare/{basehead}'],
  ['GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}'],
  ['GET', '/repos/{owner}/{repo}/contents/{path}'],
  // The checklist gate (src/github/checklist).
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs'],
  ['GET', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['GET', '/repos/{owner}/{repo}/collaborators/{username}/permission'],
  ['GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}'],
] as const;

interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface CompiledOperation {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  params: Param[];
  body?: { required: boolean; validate: ValidateFunction };
}

let compiled: CompiledOperation[] | undefined;

function resolveRefs(node: unknown, root: Record<string, unknown>, depth = 0): unknown {
  if (depth > 40 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, root, depth + 1));
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string') {
    const target = obj.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    return resolveRefs(target, root, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    // Examples are documentation; OpenAPI's `example` is not a JSON Schema keyword.
    if (k === 'example' || k === 'examples') continue;
    out[k] = resolveRefs(v, root, depth + 1);
  }
  return out;
}

function load(): CompiledOperation[] {
  if (compiled) return compiled;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, any>> } & Record<string, unknown>;
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  compiled = OPERATIONS.map(([method, template]) => {
    const operation = spec.paths[template]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${template} is not in GitHub's OpenAPI description`);
    const params = (resolveRefs(operation.parameters ?? [], spec) as Param[]).filter((p) => p.in !== 'header');
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const regex = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'basehead' || name === 'path' ? '(.+)' : '([^/]+)'))}$`);
    const schema = operation.requestBody ? resolveRefs(operation.requestBody.content?.['application/json']?.schema, spec) : undefined;
    return {
      method,
      template,
      regex,
      names,
      params,
      ...(schema ? { body: { required: Boolean(operation.requestBody.required), validate: ajv.compile(schema as object) } } : {}),
    };
  });
  return compiled;
}

export interface Validation {
  readonly operation?: string;
  readonly problems: string[];
}

function checkType(value: string, schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return true;
  if (schema.type === 'integer') return /^-?\d+$/.test(value);
  if (schema.type === 'number') return !Number.isNaN(Number(value));
  if (schema.type === 'boolean') return value === 'true' || value === 'false';
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  return true;
}

/** Validates one request (path without the `/api/v3` prefix). */
export function validateRequest(method: string, path: string, query: URLSearchParams, body: unknown): Validation {
  const operations = load();
  for (const op of operations) {
    if (op.method !== method) continue;
    const match = op.regex.exec(path);
    if (!match) continue;
    const problems: string[] = [];
    const name = `${method} ${op.template}`;
    op.names.forEach((n, i) => {
      const p = op.params.find((x) => x.in === 'path' && x.name === n);
      if (!checkType(decodeURIComponent(match[i + 1] as string), p?.schema)) problems.push(`path parameter ${n} has the wrong type`);
    });
    for (const [key, value] of query) {
      const p = op.params.find((x) => x.in === 'query' && x.name === key);
      if (!p) problems.push(`unknown query parameter ${key}`);
      else if (!checkType(value, p.schema)) problems.push(`query parameter ${key}=${value} has the wrong type`);
      if (key === 'per_page' && Number(value) > 100) problems.push('per_page above 100');
    }
    for (const p of op.params) if (p.in === 'query' && p.required && !query.has(p.name)) problems.push(`missing query parameter ${p.name}`);
    if (op.body) {
      if (body === undefined) {
        if (op.body.required) problems.push('missing request body');
      } else if (!op.body.validate(body)) {
        problems.push(...(op.body.validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message}`));
      }
    }
    return { operation: name, problems };
  }
  return { problems: [`${method} ${path} is not an operation the app is expected to call`] };
}
