import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron binary, if one is installed, WITHOUT triggering the electron package's lazy
 * download (require('electron') would try to fetch it, and our machines cannot).
 */
export function findElectronBinary(): string | undefined {
  const pkg = path.resolve('node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
