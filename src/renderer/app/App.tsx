import { useEffect, useRef, useState } from 'react';
import { EnvironmentBanner } from './EnvironmentBanner.js';
import { Notices } from './Notices.js';
import { PresenterContext } from './presenter-context.js';
import { screens, type ScreenId } from './screens.js';
import { SignInStatus } from './SignInStatus.js';
import { usePreferences } from './use-preferences.js';

/**
 * The app shell: a header that always says where you are (environment band) and what state you
 * are in (sign-in), a sticky sidebar built from the screen list, and the active screen, which
 * scrolls on its own so the header and the sidebar never scroll away.
 */
export function App() {
  const { prefs, update } = usePreferences();
  const [active, setActive] = useState<ScreenId>('checklist');
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    performance.mark('app/firstRender');
    // "Interactive": handlers are wired once the first effect ran after commit.
    requestAnimationFrame(() => performance.mark('app/interactive'));
  }, []);
  const navigate = (id: ScreenId) => {
    setActive(id);
    mainRef.current?.scrollTo?.({ top: 0 });
  };
  const current = screens.find((s) => s.id === active) ?? screens[0]!;
  const Screen = current.component;
  return (
    <PresenterContext.Provider value={prefs.presenterMode}>
      <div className="app-shell">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="app-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              P
            </span>
            <h1>Pleo Partner Desktop</h1>
          </div>
          <div className="header-status">
            <SignInStatus navigate={navigate} />
          </div>
          <div className="header-controls">
            <label className="switch-label">
              <input
                type="checkbox"
                role="switch"
                checked={prefs.presenterMode}
                aria-checked={prefs.presenterMode}
                onChange={(e) => void update({ presenterMode: e.currentTarget.checked })}
                data-testid="presenter-switch"
              />
              Presenter mode
            </label>
            <label className="theme-label">
              Theme{' '}
              <select value={prefs.theme} onChange={(e) => void update({ theme: e.currentTarget.value as 'system' | 'light' | 'dark' })}>
                <option value="system">System</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          </div>
        </header>
        <EnvironmentBanner />
        <Notices />
        <div className="app-body">
          <nav aria-label="Main" className="app-nav">
            <ul>
              {screens.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="nav-button"
                    aria-current={s.id === active ? 'page' : undefined}
                    onClick={() => navigate(s.id)}
                    data-testid={`nav-${s.id}`}
                  >
                    <span className="nav-icon" aria-hidden="true">
                      {s.icon ?? '•'}
                    </span>
                    {s.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" className="app-main" tabIndex={-1} ref={mainRef} data-screen={current.id}>
            <Screen navigate={navigate} />
          </main>
        </div>
      </div>
    </PresenterContext.Provider>
  );
}
