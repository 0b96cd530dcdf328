/**
 * The preload's schema-free channel names (src/shared/contract/channel-names.ts) against the
 * contract, and the preload bundle against zod. channel-names-check.ts fails typecheck first;
 * this repeats the comparison at run time and proves the point of the split: the preload
 * bundle carries no schemas. Defect: the preload was 764 KB, 98 % zod, to list channel names.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { preloadBundleOptions } from '../../../scripts/bundle-options.js';
import { eventNameList, requestChannelNameList } from '../../../src/shared/contract/channel-names.js';
import { channelNames, eventNames } from '../../../src/shared/contract/index.js';

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('schema-free channel names for the preload', () => {
  it('list exactly the contract request channels (add a new channel to channel-names.ts)', () => {
    const missing = channelNames.filter((n) => !(requestChannelNameList as readonly string[]).includes(n));
    const extra = requestChannelNameList.filter((n) => !(channelNames as readonly string[]).includes(n));
    expect({ missingFromChannelNamesTs: missing, notInContract: extra }).toEqual({ missingFromChannelNamesTs: [], notInContract: [] });
    expect(new Set(requestChannelNameList).size).toBe(requestChannelNameList.length);
  });

  it('list exactly the contract events', () => {
    expect(sorted(eventNameList)).toEqual(sorted(eventNames));
    expect(new Set(eventNameList).size).toBe(eventNameList.length);
  });

  it('the preload bundle contains no zod and no contract schemas, and stays small', async () => {
    const result = await build({ ...preloadBundleOptions('src/preload/index.ts', 'preload.cjs'), write: false, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    expect(inputs.filter((i) => /-channels\.ts$|define\.ts$/.test(i))).toEqual([]);
    const bytes = result.outputFiles![0]!.contents.byteLength;
    expect(bytes).toBeLessThan(20_000);
  });
});
