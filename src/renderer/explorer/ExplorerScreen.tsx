/**
 * The explorer's entry in the shell. The explorer itself (request builder, viewer, worker
 * client, virtualiser) is loaded as a separate chunk the first time the screen opens, so it
 * does not weigh on the app's start-up (bundle size: B3 in docs/benchmarks.md).
 */
import { lazy, Suspense } from 'react';

const ExplorerView = lazy(() => import('./ExplorerView.js').then((m) => ({ default: m.ExplorerView })));

export function ExplorerScreen({ navigate }: { navigate?: (id: 'connect' | 'doctor') => void }) {
  return (
    <Suspense
      fallback={
        <section aria-labelledby="explorer-heading">
          <h2 id="explorer-heading">API explorer</h2>
          <p role="status">Loading the explorer…</p>
        </section>
      }
    >
      <ExplorerView navigate={navigate} />
    </Suspense>
  );
}
