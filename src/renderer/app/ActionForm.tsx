import type { ComponentProps } from 'react';

/**
 * A form whose submit (a submit button, or Enter in a field) runs `onSubmit` in the app instead
 * of reloading the page; a promise it returns is not awaited (the action shows its own errors).
 * Every other prop goes to the <form>.
 */
export function ActionForm({ onSubmit, ...props }: Omit<ComponentProps<'form'>, 'onSubmit'> & { onSubmit(): unknown }) {
  return (
    <form
      {...props}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    />
  );
}
