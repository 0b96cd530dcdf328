import type { ReactNode } from 'react';

/** A checkbox inside its label: the whole text toggles it and is its accessible name. */
export function Checkbox({
  checked,
  onChange,
  className,
  testId,
  children,
}: {
  checked: boolean;
  onChange(checked: boolean): void;
  className: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <label className={className}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} data-testid={testId} />
      {children}
    </label>
  );
}
