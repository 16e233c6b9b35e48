import { matchesGlob } from '../../../src/analysis/formats/glob.js';

test.each([
  // `**` spans directories, zero included
  ['db/**/*.sql', 'db/a/b/x.sql', true],
  ['db/**/*.sql', 'db/x.sql', true],
  ['db/**', 'db/a/x.sql', true],
  ['**/migrations/*.sql', 'migrations/1.sql', true],
  // `*` stays inside a segment
  ['db/*.sql', 'db/a/x.sql', false],
  ['db/*.sql', 'db/x.sql', true],
  // `?` is one non-slash character
  ['db/V?__x.sql', 'db/V1__x.sql', true],
  ['db/V?__x.sql', 'db/V10__x.sql', false],
  // no slash: the file name at any depth, as in .gitignore
  ['*.up.sql', 'a/b/1_x.up.sql', true],
  ['*.up.sql', 'a/b/1_x.down.sql', false],
  // regex characters are literal
  ['db/(a)+.sql', 'db/(a)+.sql', true],
  ['db/a.sql', 'db/abzsql', false],
  ['./db/*.sql', 'db/x.sql', true],
])('%s ~ %s -> %s', (glob, path, expected) => {
  expect(matchesGlob(path, glob)).toBe(expected);
});
