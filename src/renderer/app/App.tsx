import { useEffect, useState } from 'react';
import { EnvironmentBanner } from './EnvironmentBanner.js';
import { Notices } from './Notices.js';
import { PresenterContext } from './presenter-context.js';
import { screens, type ScreenId } from './screens.js';
import { usePreferences } from './use-preferences.js';

/**
 * The app shell: environment banner, navigation, presenter-mode switch, theme, and the
 * active screen. Navigation is a list of buttons with aria-current (simple, keyboard-native).
 */
export function App() {
  const { prefs, update } = usePreferences();
  const [active, setActive] = useState<ScreenId>('checklist');
  useEffect(() => {
    performance.mark('app/firstRender');
    // "Interactive": handlers are wired once the first effect ran after commit.
    requestAnimationFrame(() => performance.mark('app/interactive'));
  }, []);
  const Screen = screens.find((s) => s.id === active)?.component ?? screens[0]!.component;
  return (
    <PresenterContext.Provider value={prefs.presenterMode}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <h1>Pleo Partner Desktop</h1>
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
                  onClick={() => setActive(s.id)}
                  data-testid={`nav-${s.id}`}
                >
                  {s.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          <Screen navigate={setActive} />
        </main>
      </div>
    </PresenterContext.Provider>
  );
}
