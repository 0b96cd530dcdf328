// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { AnswerExplanation } from '../../../src/renderer/explorer/AnswerExplanation.js';
import { PaginationBar } from '../../../src/renderer/explorer/PaginationBar.js';

afterEach(cleanup);

describe('answer explanation', () => {
  it('API-09 shows server text as text: no markup, no links, canary unset', () => {
    const evil = '<img src=x onerror="window.__canary=1"><script>window.__canary=2</script><a href="javascript:alert(1)">x</a>';
    const { container } = render(
      <AnswerExplanation
        explanation={{
          code: 'API_FORBIDDEN',
          title: 'Not allowed (403)',
          message: 'm',
          pleoError: { type: 'ACCESS_DENIED', message: evil },
          redirectTo: 'javascript:alert(1)',
          scopes: { required: ['users:read'], granted: [], missing: ['users:read'], fromHeader: false },
        }}
      />,
    );
    expect(container.querySelector('img, script, a')).toBeNull();
    expect(screen.getByTestId('pleo-error').textContent).toContain('<img src=x');
    expect((window as unknown as { __canary?: number }).__canary).toBeUndefined();
    expect(screen.getByTestId('missing-scopes').textContent).toBe('users:read');
    expect(screen.getByRole('alert').getAttribute('data-testid')).toBe('error-API_FORBIDDEN');
  });

  it('API-05 counts down the Retry-After wait', () => {
    const now = 1_000_000;
    render(
      <AnswerExplanation
        now={() => now}
        explanation={{ code: 'RATE_LIMITED', title: 'Too many requests (429)', message: 'wait', retryAfterSeconds: 5, retryAt: now + 5000 }}
      />,
    );
    expect(screen.getByTestId('retry-after').textContent).toMatch(/try again in 5 seconds/);
  });

  it('pagination bar: counts, disabled buttons at the ends, and fetch-all progress', () => {
    render(
      <PaginationBar
        info={{ hasNextPage: true, hasPreviousPage: false, endCursor: 'B', count: 10, total: 25 }}
        pageNumber={1}
        busy={false}
        progress={{ requestId: 'r', pages: 2, items: 20, total: 25, done: false }}
        onPage={() => undefined}
        onFetchAll={() => undefined}
        onCancel={() => undefined}
      />,
    );
    expect(screen.getByTestId('page-status').textContent).toBe('Page 1: 10 items of 25');
    expect((screen.getByTestId('page-previous') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('page-next') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('fetch-all-progress').textContent).toContain('2 pages, 20 of 25 items');
    expect(screen.getByTestId('fetch-all-cancel')).toBeTruthy();
  });
});
