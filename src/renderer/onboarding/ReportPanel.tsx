import { useState } from 'react';
import type { ReportModel } from '../../shared/onboarding.js';
import type { AppError } from '../../shared/result.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { Sensitive } from '../app/Sensitive.js';
import { partner } from '../partner.js';
import { ReportPreview } from './ReportPreview.js';

/** One-click readiness report for stakeholders: save as HTML (or PDF in the desktop app), preview. */
export function ReportPanel({
  environmentId,
  pdfAvailable,
  simulator = false,
}: {
  environmentId: string;
  pdfAvailable: boolean;
  simulator?: boolean;
}) {
  const [status, setStatus] = useState('');
  const [savedPath, setSavedPath] = useState<string | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [preview, setPreview] = useState<ReportModel | undefined>();
  const save = async (format: 'html' | 'pdf') => {
    setError(undefined);
    setSavedPath(undefined);
    setStatus('Saving…');
    const r = await partner().report.export({ environmentId, format });
    if (!r.ok) {
      setStatus('');
      setError(r.error);
    } else {
      setStatus(r.value.saved ? 'Report saved' : 'Not saved: you cancelled.');
      setSavedPath(r.value.saved ? r.value.path : undefined);
    }
  };
  const togglePreview = async () => {
    if (preview) return setPreview(undefined);
    const r = await partner().report.preview({ environmentId });
    if (r.ok) setPreview(r.value.model);
    else setError(r.error);
  };
  return (
    <section className="report-panel" aria-labelledby="report-heading">
      <h3 id="report-heading">Readiness report</h3>
      {simulator && (
        <p className="notice notice-warning" role="note" data-testid="report-simulator-note">
          <span aria-hidden="true">◆ </span>
          On the simulator the report is a <strong>rehearsal</strong>: it is marked SIMULATOR and does not show access to Pleo staging.
        </p>
      )}
      <p>
        A one-page summary of this checklist and its evidence for your stakeholders. Secrets are never included and identifiers are
        shortened, so it is safe to share or show on screen.
      </p>
      <div className="step-actions">
        <button type="button" className="primary" onClick={() => void save('html')} data-testid="report-save-html">
          Save report (HTML)
        </button>
        <button
          type="button"
          onClick={() => void save('pdf')}
          disabled={!pdfAvailable}
          aria-describedby={pdfAvailable ? undefined : 'pdf-note'}
          data-testid="report-save-pdf"
        >
          Save as PDF
        </button>
        <button type="button" onClick={() => void togglePreview()} aria-expanded={!!preview} data-testid="report-preview-toggle">
          {preview ? 'Hide preview' : 'Preview report'}
        </button>
      </div>
      {!pdfAvailable && (
        <p id="pdf-note" className="muted">
          PDF export is only available in the desktop app. The HTML report opens in any browser, which can print it to PDF.
        </p>
      )}
      <p role="status" aria-live="polite" className="form-status">
        {status}
        {savedPath && (
          <>
            {' to '}
            <Sensitive value={savedPath} label="File location" />
          </>
        )}
        {status === 'Report saved' && '.'}
      </p>
      {error && <ErrorMessage error={error} />}
      {preview && <ReportPreview model={preview} />}
    </section>
  );
}
