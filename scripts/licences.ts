/**
 * Build-time licence list for the About screen: every third-party package whose code ended up
 * in a bundle (esbuild's metafile for main and preload, Vite's module ids for the renderer),
 * with the version and licence from its own package.json. Written to dist/licences.json, which
 * ships in the asar. Electron's and Chromium's own notices ship beside the app as LICENSE and
 * LICENSES.chromium.html.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface PackageLicence {
  name: string;
  version: string;
  licence: string;
}

/** The package folder of a bundled file, or undefined for the project's own sources. */
export function packageDirOf(file: string): string | undefined {
  const normalised = file.replaceAll('\\', '/');
  const at = normalised.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = normalised.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return name ? normalised.slice(0, at) + 'node_modules/' + name : undefined;
}

function licenceOf(pkg: { license?: unknown; licenses?: unknown }): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license === 'object' && typeof (pkg.license as { type?: unknown }).type === 'string')
    return (pkg.license as { type: string }).type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l: { type?: string }) => l.type ?? 'UNKNOWN').join(' OR ');
  return 'UNKNOWN';
}

export function collectLicences(files: Iterable<string>, root: string): PackageLicence[] {
  const dirs = new Set<string>();
  for (const file of files) {
    const dir = packageDirOf(path.isAbsolute(file) ? file : path.join(root, file));
    if (dir) dirs.add(dir);
  }
  const byName = new Map<string, PackageLicence>();
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
      license?: unknown;
      licenses?: unknown;
    };
    if (!pkg.name) continue;
    byName.set(`${pkg.name}@${pkg.version}`, { name: pkg.name, version: pkg.version ?? '', licence: licenceOf(pkg) });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}
