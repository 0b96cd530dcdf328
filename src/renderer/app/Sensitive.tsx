import { usePresenterMode } from './presenter-context.js';

/**
 * Wrap any value that should not be shown on a projector (Client ID, subject, fingerprints,
 * emails). In presenter mode it is replaced by a mask with an accessible label.
 */
export function Sensitive({ value, label }: { value: string; label?: string }) {
  const presenter = usePresenterMode();
  if (presenter) {
    return (
      <span className="sensitive masked" aria-label={`${label ?? 'Value'} hidden in presenter mode`} data-sensitive="masked">
        ••••••
      </span>
    );
  }
  return (
    <span className="sensitive" data-sensitive="shown">
      {value}
    </span>
  );
}
