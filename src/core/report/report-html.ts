/**
 * Renders the readiness report to one self-contained HTML file: inline CSS, no scripts, no
 * external resources (a CSP meta tag forbids both, in case a viewer is lenient). Every value
 * is HTML-escaped. Status is given as text and icon, never by colour alone.
 */
import { progressHeadline, type ReportModel } from '../../shared/onboarding.js';
import { reportStepStatus } from '../../shared/report-step-status.js';
import { escapeHtml } from '../oauth/server-text.js';

/** "2026-05-01 14:03 UTC": stable across machines and locales. */
export function formatUtc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const CSS = `
:root{color-scheme:light dark;--fg:#1a1a1f;--bg:#fff;--muted:#4a4a55;--line:#c5c5cf;--ok:#14622f;--err:#a4161a;--warn:#7a4a00}
@media (prefers-color-scheme:dark){:root{--fg:#f1f1f5;--bg:#15151a;--muted:#c2c2cc;--line:#4a4a58;--ok:#7fdc9a;--err:#ff8a8a;--warn:#ffc869}}
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);background:var(--bg);max-width:60rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
.meta{color:var(--muted);margin:0 0 1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.progress{font-size:1.1rem;font-weight:600}
.step{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:.75rem 0;break-inside:avoid}
.step h3{margin:0;font-size:1.05rem}.status{font-weight:700}.s-done{color:var(--ok)}.s-failed{color:var(--err)}.s-in-progress{color:var(--warn)}
.proof{color:var(--muted);margin:.25rem 0}table{border-collapse:collapse;width:100%;margin-top:.5rem;table-layout:fixed}
th:nth-child(1){width:10rem}th:nth-child(2){width:9.5rem}th:nth-child(3){width:32%}
th,td{text-align:left;vertical-align:top;border-top:1px solid var(--line);padding:.3rem .5rem}th{font-size:.85rem;color:var(--muted)}
.notes{color:var(--muted);font-size:.9rem}
.sim-band{border:3px solid #7a4a00;background:#fff4d6;color:#3d2600;padding:.6rem 1rem;border-radius:8px;font-weight:700;margin:0 0 1rem}
.s-self{color:var(--warn)}
`;

export function renderReportHtml(m: ReportModel): string {
  const steps = m.steps
    .map((s) => {
      const { icon, label } = reportStepStatus(s);
      const evidence = s.evidence.length
        ? `<table><thead><tr><th scope="col">When</th><th scope="col">How</th><th scope="col">What was checked</th><th scope="col">Result</th></tr></thead><tbody>${s.evidence
            .map(
              (e) =>
                `<tr><td>${escapeHtml(formatUtc(e.at))}</td><td>${e.how === 'manual' ? 'Manual confirmation' : 'Automatic check'}</td><td>${escapeHtml(e.checked)}</td><td>${escapeHtml(e.result)}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : s.comingNext
          ? ''
          : '<p class="proof">No evidence recorded yet.</p>';
      return `<section class="step"><h3>${s.number}. ${escapeHtml(s.title)} — <span class="status s-${s.selfConfirmed ? 'self' : s.status}"><span aria-hidden="true">${icon}</span> ${label}</span></h3><p class="proof">${escapeHtml(s.proofText)}</p>${evidence}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(m.title)} — ${escapeHtml(m.environmentName)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${m.simulator ? '<p class="sim-band" role="note">SIMULATOR — dummy data. This rehearsal does not show access to Pleo staging.</p>\n' : ''}<h1>${escapeHtml(m.title)}</h1>
<p class="meta">Generated ${escapeHtml(formatUtc(m.generatedAt))} by Pleo Partner Desktop ${escapeHtml(m.appVersion)}</p>
<dl>
${m.company ? `<dt>Company</dt><dd>${escapeHtml(m.company)}</dd>\n` : ''}<dt>Environment</dt><dd>${escapeHtml(m.environmentName)}</dd>
<dt>API</dt><dd>${escapeHtml(m.apiBase)}</dd>
<dt>Client ID</dt><dd>${escapeHtml(m.clientIdMasked)}</dd>
</dl>
<p class="progress">${escapeHtml(progressHeadline(m))}</p>
<h2>Checklist</h2>
${steps}
${(m.sections ?? []).map(renderSection).join('\n')}
<h2>About this report</h2>
<ul class="notes">${m.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>
</main>
</body>
</html>
`;
}

/** A section another feature added (see core/report/report-sections.ts): facts and notes, escaped. */
function renderSection(section: NonNullable<ReportModel['sections']>[number]): string {
  const facts = section.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const notes = section.notes?.length ? `<ul class="notes">${section.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return `<h2>${escapeHtml(section.title)}</h2>\n<section class="step"><dl>${facts}</dl>${notes}</section>`;
}
