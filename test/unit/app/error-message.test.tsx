// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorMessage } from '../../../src/renderer/app/ErrorMessage.js';

afterEach(cleanup);

describe('ErrorMessage', () => {
  it('CB-10: hostile server text is rendered as text, never as markup, and labelled as from the server', () => {
    const { container, getByTestId } = render(
      <ErrorMessage
        error={{
          code: 'AUTH_DENIED',
          message: 'Access was declined in the browser.',
          hint: 'Start again.',
          serverText: '<img src=x onerror="window.__pwned=1">',
        }}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(getByTestId('error-AUTH_DENIED').textContent).toContain('Message from the server: <img src=x onerror="window.__pwned=1">');
    expect(getByTestId('error-AUTH_DENIED').getAttribute('role')).toBe('alert');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
