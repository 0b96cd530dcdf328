/**
 * The Electron side of the export (issue 14), against stubs: the save dialog that chooses the
 * CSV path (nothing is written by the dialog itself; the export streams to the path later).
 * Unverified here: the real native dialog (no Electron binary on this machine).
 */
import { describe, expect, it } from 'vitest';
import { fileSaver } from '../../../src/main/electron-adapters.js';

describe('export: choosing the CSV path', () => {
  it('asks with a CSV filter and the suggested name, returns the chosen path, nothing when cancelled', async () => {
    const asked: unknown[] = [];
    let answer: { canceled: boolean; filePath?: string } = { canceled: false, filePath: '/home/p/export.csv' };
    const dialog = { showSaveDialog: async (...args: unknown[]) => (asked.push(args.at(-1)), answer) };
    const saver = fileSaver(dialog as never, () => undefined);
    expect(await saver.choosePath!({ suggestedName: 'pleo-export.csv', filters: [{ name: 'CSV file', extensions: ['csv'] }] })).toEqual({
      path: '/home/p/export.csv',
    });
    expect(asked[0]).toEqual({ defaultPath: 'pleo-export.csv', filters: [{ name: 'CSV file', extensions: ['csv'] }] });
    answer = { canceled: true };
    expect(await saver.choosePath!({ suggestedName: 'x.csv' })).toEqual({});
  });
});
