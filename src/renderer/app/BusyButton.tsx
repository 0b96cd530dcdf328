import type { ReactNode } from 'react';

/**
 * A button that starts a slow action. While `busy` it is disabled, marked aria-busy (screen
 * readers announce it) and its text says what is happening, so nobody presses it twice.
 */
export function BusyButton({
  busy,
  busyLabel,
  children,
  onClick,
  disabled = false,
  className,
  testId,
}: {
  busy: boolean;
  /** What it does while busy, e.g. "Checking…". */
  busyLabel: string;
  /** What it does, e.g. "Check credentials". */
  children: ReactNode;
  /** Runs the action; a promise it returns is not awaited (the caller sets `busy` and shows errors). */
  onClick(): unknown;
  /** Disabled for another reason than being busy. */
  disabled?: boolean;
  className?: string;
  testId: string;
}) {
  return (
    <button
      type="button"
      className={className}
      onClick={() => void onClick()}
      disabled={disabled || busy}
      aria-busy={busy}
      data-testid={testId}
    >
      {busy ? busyLabel : children}
    </button>
  );
}
