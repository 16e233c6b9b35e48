/**
 * A small glob matcher for config overrides, over repository-relative POSIX paths:
 * `**` spans any number of directories (zero included), `*` any run of characters inside one
 * path segment, `?` one character other than `/`. As in .gitignore, a pattern without `/`
 * matches the file name at any depth (`*.sql` is `**\/*.sql`). No braces or classes: config
 * globs name migration directories, which these cover.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const atSegmentStart = i === 0 || pattern[i - 1] === '/';
      const atSegmentEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
      if (atSegmentStart && atSegmentEnd) {
        if (i + 2 === pattern.length) {
          source += '.*';
          i += 1;
        } else {
          // `**/` also matches no directory at all: `db/**/x.sql` matches `db/x.sql`.
          source += '(?:[^/]*/)*';
          i += 2;
        }
        continue;
      }
      source += '[^/]*';
      i += 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

const cache = new Map<string, RegExp>();

export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (re === undefined) {
    re = globToRegExp(glob);
    cache.set(glob, re);
  }
  return re.test(path);
}
