import { compareVersions } from '../../../src/analysis/formats/shared.js';

test('versions sort as runners sort them', () => {
  const versions = ['1.10', 'R__views', '1.2', '2', '1.1', '00000000000000', '2019-02-26-002946', '99999999999999999999'];
  expect([...versions].sort(compareVersions)).toEqual([
    '00000000000000',
    '1.1',
    '1.2',
    '1.10',
    '2',
    '2019-02-26-002946',
    '99999999999999999999',
    'R__views',
  ]);
});
