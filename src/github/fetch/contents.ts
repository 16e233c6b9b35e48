/**
 * File contents at given commits, batched: one GraphQL query reads up to
 * `BLOBS_PER_QUERY` blobs by `<rev>:<path>` expression (aliases on `repository.object`),
 * instead of one REST call per file. Blobs GitHub truncates in GraphQL (large files, over
 * 1 MB and more) are read through the git blobs API, which serves up to 100 MB.
 *
 * Requests: ⌈expressions / BLOBS_PER_QUERY⌉ + one per large blob.
 */
import type { EventScope } from '../types.js';

/**
 * Aliases per query. GitHub limits a query by node count (500,000) and by time (10 s); a
 * few hundred blob lookups stay far below both, and the text they return is what the
 * analysis reads anyway.
 */
export const BLOBS_PER_QUERY = 250;
/** Above this, read the blob through REST even if GraphQL returned text. */
export const LARGE_BLOB_BYTES = 1024 * 1024;

/** `HEAD` in an expression is the default branch: configuration is never read from the PR. */
export const DEFAULT_BRANCH_REV = 'HEAD';

export interface BlobQuery {
  readonly owner: string;
  readonly repo: string;
  /** `<sha>:<path>` or `HEAD:<path>` expressions. */
  readonly expressions: readonly string[];
  /** Expressions to read from the owner's `.github` repository (org-wide config fallback). */
  readonly orgExpressions?: readonly string[];
}

export interface BlobResults {
  /** Text by expression; null when the path does not exist there or the file is binary. */
  readonly repo: ReadonlyMap<string, string | null>;
  readonly org: ReadonlyMap<string, string | null>;
  /** Requests made (for logs and the benchmark). */
  readonly requests: number;
}

interface RawBlob {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

const BLOB_FIELDS = 'fragment blob on Blob { oid byteSize isBinary isTruncated text }';

export function buildBlobQuery(count: number, orgCount: number): string {
  const vars = ['$owner: String!', '$repo: String!'];
  const repoFields: string[] = [];
  const orgFields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$e${i}: String!`);
    repoFields.push(`b${i}: object(expression: $e${i}) { ...blob }`);
  }
  for (let i = 0; i < orgCount; i++) {
    vars.push(`$o${i}: String!`);
    orgFields.push(`b${i}: object(expression: $o${i}) { ...blob }`);
  }
  const org = orgCount ? `\n  org: repository(owner: $owner, name: ".github") {\n    ${orgFields.join('\n    ')}\n  }` : '';
  return `query blobs(${vars.join(', ')}) {\n  repository(owner: $owner, name: $repo) {\n    ${repoFields.join('\n    ') || '__typename'}\n  }${org}\n}\n${BLOB_FIELDS}`;
}

type BlobsResponse = {
  repository: Record<string, RawBlob | null> | null;
  org?: Record<string, RawBlob | null> | null;
};

/** Runs a query whose only tolerated errors are "not found" on the org `.github` repository. */
async function runQuery(scope: EventScope, query: string, variables: Record<string, string>): Promise<BlobsResponse> {
  try {
    return await scope.octokit.graphql<BlobsResponse>(query, variables);
  } catch (error) {
    // An owner without a `.github` repository (or one the installation cannot see) is normal.
    // Duck-typed: @octokit/graphql's GraphqlResponseError is not a direct dependency of ours.
    const partial = error as { name?: string; data?: BlobsResponse; errors?: { type?: string; path?: unknown[] }[] };
    if (
      partial.name === 'GraphqlResponseError' &&
      partial.data &&
      partial.errors?.every((e) => e.type === 'NOT_FOUND' && e.path?.[0] === 'org')
    ) {
      return partial.data;
    }
    throw error;
  }
}

async function blobText(scope: EventScope, owner: string, repo: string, blob: RawBlob | null | undefined, counter: { n: number }): Promise<string | null> {
  if (!blob || blob.isBinary) return null;
  if (!blob.isTruncated && blob.text !== null && blob.byteSize <= LARGE_BLOB_BYTES) return blob.text;
  counter.n++;
  const { data } = await scope.octokit.rest.git.getBlob({ owner, repo, file_sha: blob.oid });
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
}

export async function fetchBlobs(scope: EventScope, query: BlobQuery): Promise<BlobResults> {
  const unique = [...new Set(query.expressions)];
  const orgExpressions = [...new Set(query.orgExpressions ?? [])];
  const repoOut = new Map<string, string | null>();
  const orgOut = new Map<string, string | null>();
  const counter = { n: 0 };
  const chunks = Math.max(1, Math.ceil(unique.length / BLOBS_PER_QUERY));
  for (let c = 0; c < chunks; c++) {
    const part = unique.slice(c * BLOBS_PER_QUERY, (c + 1) * BLOBS_PER_QUERY);
    const orgPart = c === 0 ? orgExpressions : [];
    if (part.length === 0 && orgPart.length === 0) break;
    const variables: Record<string, string> = { owner: query.owner, repo: query.repo };
    part.forEach((e, i) => (variables[`e${i}`] = e));
    orgPart.forEach((e, i) => (variables[`o${i}`] = e));
    counter.n++;
    const data = await runQuery(scope, buildBlobQuery(part.length, orgPart.length), variables);
    for (let i = 0; i < part.length; i++) {
      repoOut.set(part[i] as string, await blobText(scope, query.owner, query.repo, data.repository?.[`b${i}`], counter));
    }
    for (let i = 0; i < orgPart.length; i++) {
      orgOut.set(orgPart[i] as string, await blobText(scope, query.owner, '.github', data.org?.[`b${i}`], counter));
    }
  }
  return { repo: repoOut, org: orgOut, requests: counter.n };
}

export function expression(rev: string, path: string): string {
  return `${rev}:${path}`;
}
