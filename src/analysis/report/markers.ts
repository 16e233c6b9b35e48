/**
 * Hidden HTML comments the app leaves in what it posts, so a later run (or another replica)
 * can tell what it already said. GitHub renders none of them. They are only trusted on
 * comments the app itself authored: the caller filters by author before parsing, because
 * anyone can paste a marker into their own comment.
 */

const PREFIX = 'migration-review';

/** Fingerprints are hex today; accept a wider, still safe alphabet so old markers keep parsing. */
const FINGERPRINT = /^[A-Za-z0-9_-]{4,128}$/;
const FINDING_MARKER = /<!-- migration-review:finding ([A-Za-z0-9_-]{4,128}) -->/g;

/** `<!-- migration-review:finding <fingerprint> -->` */
export function findingMarker(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint)) throw new Error(`not a finding fingerprint: ${JSON.stringify(fingerprint)}`);
  return `<!-- ${PREFIX}:finding ${fingerprint} -->`;
}

/** Every finding fingerprint marked in a body, in order, without duplicates. */
export function parseFindingMarkers(body: string | null | undefined): string[] {
  if (!body) return [];
  const seen = new Set<string>();
  for (const match of body.matchAll(FINDING_MARKER)) seen.add(match[1] as string);
  return [...seen];
}

/** Marks a review body as the app's review of one head sha. */
export function reviewMarker(sha: string): string {
  return `<!-- ${PREFIX}:review ${sha} -->`;
}

export function parseReviewMarker(body: string | null | undefined): string | undefined {
  return body?.match(/<!-- migration-review:review ([0-9a-f]{7,64}) -->/)?.[1];
}

export interface MarkedFinding {
  readonly fingerprint: string;
  /** The words next to the marker (severity label and Markdown stripped), for "resolved" lists. */
  readonly description: string;
}

/**
 * Markers with what they mark: in a review body each list entry is `- <marker>text`; in an
 * inline comment the marker stands alone and the text follows on the next line.
 */
export function parseMarkedFindings(body: string | null | undefined): MarkedFinding[] {
  if (!body) return [];
  const out = new Map<string, MarkedFinding>();
  const lines = body.split(/\r?\n/);
  lines.forEach((line, i) => {
    for (const match of line.matchAll(FINDING_MARKER)) {
      const fingerprint = match[1] as string;
      if (out.has(fingerprint)) continue;
      const after = line.slice((match.index ?? 0) + match[0].length).trim();
      const text = after || (lines[i + 1] ?? '').trim();
      out.set(fingerprint, { fingerprint, description: plain(text) });
    }
  });
  return [...out.values()];
}

function plain(text: string): string {
  const stripped = text
    .replace(/<!--.*?-->/g, '')
    .replace(/^[^\w`]*\*\*(Error|Warning|Info)\*\*\s*/u, '')
    .replace(/\s*\(\[docs\]\([^)]*\)\)\s*$/, '')
    .trim();
  return stripped.length > 200 ? `${stripped.slice(0, 197)}...` : stripped;
}
