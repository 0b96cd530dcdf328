/**
 * Keyboard and screen-reader users lose their place when the control they pressed is disabled
 * or replaced while its action runs (the browser moves focus to the page itself). `keepFocus`
 * runs the action and, if focus was lost, puts it back on that control when it is usable again,
 * or else on `fallback` (a heading with tabIndex -1 that names the new state).
 */
export async function keepFocus<T>(action: () => Promise<T>, fallback: () => HTMLElement | null): Promise<T> {
  const trigger = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  try {
    return await action();
  } finally {
    // After React has rendered the action's result.
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected && !(active as HTMLButtonElement).disabled) return;
      if (trigger?.isConnected && !(trigger as HTMLButtonElement).disabled) trigger.focus();
      else fallback()?.focus();
    });
  }
}
