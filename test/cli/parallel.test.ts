import { slices } from '../../src/cli/parallel.js';
import { migrationOf } from '../helpers/rule-tester.js';

const migration = (size: number, name: string) => ({ ...migrationOf('x'.repeat(size)), name, path: `m/${name}.sql` });

describe('slices', () => {
  it('cuts migrations into contiguous slices of about equal size, keeping their order', () => {
    const all = [migration(100, 'a'), migration(100, 'b'), migration(100, 'c'), migration(100, 'd')];
    const cut = slices(all, 2);
    expect(cut.map((s) => s.map((m) => m.name))).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('never makes an empty slice, nor more slices than asked', () => {
    const all = [migration(1000, 'big'), migration(1, 'small')];
    const cut = slices(all, 4);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(cut.every((s) => s.length > 0)).toBe(true);
    expect(cut.flat().map((m) => m.name)).toEqual(['big', 'small']);
  });
});
