/**
 * Chromium playing the user's system browser. The app's BrowserLauncher port opens the
 * authorize URL here (in its own context, so it shares nothing with the app page). The
 * helpers fill the simulator's login and consent pages. A private-use-scheme callback is read
 * from the 303 Location header (Chromium cannot open it) and handed to the app's deep-link
 * intake exactly as the OS would; loopback callbacks are really followed by Chromium; https
 * (paste-back) callbacks land on a stub page and their address is kept for the test to paste.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CALLBACK_SCHEME } from '../../../src/shared/csp.js';

export interface SignInOptions {
  email?: string;
  password?: string;
  /** Click Deny instead of Allow on the consent page. */
  deny?: boolean;
  timeoutMs?: number;
}

export interface SignInOutcome {
  /** The callback address the browser was sent to (any of the three kinds). */
  callbackUrl: string;
  kind: 'private-scheme' | 'loopback' | 'paste-back';
}

export class SystemBrowser {
  readonly opened: string[] = [];
  private context?: BrowserContext;
  private intercepting = false;
  private waiting: Array<(page: Page) => void> = [];
  private pending: Page[] = [];
  private callbacks = new WeakMap<Page, Promise<SignInOutcome>>();

  constructor(
    private readonly browser: Browser,
    private readonly deliverDeepLink: (url: string) => Promise<unknown>,
    private readonly defaultUser: { email: string; password: string },
  ) {}

  /** BrowserLauncher.open: what shell.openExternal does in the app. */
  async open(url: string): Promise<void> {
    this.opened.push(url);
    // Request interception stops Chromium from reporting the 303 to a private-use scheme, so
    // the https stub is installed only for flows whose redirect URI is https (paste-back), in
    // a fresh context.
    const redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
    if (redirectUri.startsWith('https:')) {
      await this.context?.close().catch(() => undefined);
      this.context = await this.browser.newContext();
      await this.context.route(/^https:\/\/oauth\.pstmn\.io\//, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<!doctype html><title>Postman callback</title><p>Copy this address.</p>',
        }),
      );
    } else if (!this.context || this.intercepting) {
      await this.context?.close().catch(() => undefined);
      this.context = await this.browser.newContext();
    }
    this.intercepting = redirectUri.startsWith('https:');
    const page = await this.context.newPage();
    let resolveOutcome!: (o: SignInOutcome) => void;
    this.callbacks.set(page, new Promise<SignInOutcome>((r) => (resolveOutcome = r)));
    page.on('response', (response) => {
      const location = response.headers()['location'];
      if (location && location.toLowerCase().startsWith(`${CALLBACK_SCHEME}:`)) {
        resolveOutcome({ callbackUrl: location, kind: 'private-scheme' });
        void this.deliverDeepLink(location);
      }
      // The app's listener answers a valid callback with a 303 to /done, so the callback
      // address itself never commits (no framenavigated): it is seen as a response.
      const u = response.url();
      if (response.frame() === page.mainFrame() && /^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(u) && /[?&](code|error)=/.test(u)) {
        resolveOutcome({ callbackUrl: u, kind: 'loopback' });
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const u = frame.url();
      if (u.startsWith('https://oauth.pstmn.io/')) resolveOutcome({ callbackUrl: u, kind: 'paste-back' });
    });
    // Navigation errors are expected when the AS redirects to the private-use scheme.
    void page.goto(url).catch(() => undefined);
    const waiter = this.waiting.shift();
    if (waiter) waiter(page);
    else this.pending.push(page);
  }

  /** The next page opened by the app (waits for it). */
  nextPage(timeoutMs = 60_000): Promise<Page> {
    const ready = this.pending.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The app did not open the system browser in time.')), timeoutMs);
      this.waiting.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
  }

  /** Completes (or denies) the sign-in on the simulator's pages in the next opened page. */
  async signIn(options: SignInOptions = {}): Promise<SignInOutcome> {
    const timeout = options.timeoutMs ?? 60_000;
    const page = await this.nextPage(timeout);
    const outcome = this.callbacks.get(page)!;
    let done = false;
    void outcome.then(() => (done = true));
    const deadline = Date.now() + timeout;
    while (!done && Date.now() < deadline) {
      const step = await Promise.race([
        page.waitForSelector('input[name="login"]', { timeout: 500 }).then(
          () => 'login' as const,
          () => undefined,
        ),
        page.waitForSelector(options.deny ? 'button:has-text("Deny")' : 'button:has-text("Allow")', { timeout: 500 }).then(
          () => 'consent' as const,
          () => undefined,
        ),
        outcome.then(() => 'done' as const),
      ]);
      // Each page is acted on once: after a click, wait until that page is gone (or the
      // callback arrived) so a slow navigation never gets a second submit.
      if (step === 'login') {
        await page.fill('input[name="login"]', options.email ?? this.defaultUser.email);
        await page.fill('input[name="password"]', options.password ?? this.defaultUser.password);
        await page.click('button[type="submit"]').catch(() => undefined);
        await this.leave(page, 'input[name="login"]', outcome);
      } else if (step === 'consent') {
        const button = options.deny ? 'button:has-text("Deny")' : 'button:has-text("Allow")';
        await page.click(button).catch(() => undefined);
        await this.leave(page, button, outcome);
      }
    }
    if (!done) throw new Error('The sign-in in the system browser did not reach the callback.');
    return outcome;
  }

  private async leave(page: Page, selector: string, outcome: Promise<SignInOutcome>): Promise<void> {
    await Promise.race([page.waitForSelector(selector, { state: 'detached', timeout: 30_000 }).catch(() => undefined), outcome]);
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
  }
}
