/**
 * Updates one benchmark's section of docs/benchmarks.md between markers, creating the file
 * (and the section) when missing, so each benchmark owns its section and reruns replace it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DOC = path.join(REPO, 'docs', 'benchmarks.md');

export function updateBenchSection(id: string, markdown: string): void {
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  mkdirSync(path.dirname(DOC), { recursive: true });
  let doc = existsSync(DOC)
    ? readFileSync(DOC, 'utf8')
    : "# Benchmark results\n\nMeasured on this project's build machine (2 cores, Debian 12, Node 20, Debian Chromium; no Electron). The definitions, peers and targets come from the team's benchmark brief; each section names its peer and checks its targets as ratios within the same run. Each section is rewritten by its benchmark script; compare ratios within one run, not absolute times across runs.\n";
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  doc = a >= 0 && b > a ? doc.slice(0, a) + block + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, doc);
}

export function machineLine(): string {
  return `${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
export const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
};
export const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
