/** B4 page: the app's real response pane (ResponseViewer + its worker), fed the fixture as text. */
import { createRoot } from 'react-dom/client';
import { ResponseViewer } from '../../src/renderer/explorer/viewer/ResponseViewer.js';
import '../../src/renderer/app/styles.css';
import './bench.css';
import { runBench } from './harness.js';

// ?tree=1 forces the tree at every size (the user's "Build the tree view" opt-in above 10 MB).
const forceTree = new URLSearchParams(location.search).get('tree') === '1';

void runBench(
  (text, root) =>
    new Promise((resolve) => {
      new PerformanceObserver((list, obs) => {
        if (list.getEntriesByName('viewer/shown').length) {
          obs.disconnect();
          resolve(() => document.querySelector<HTMLElement>('.jv-scroll')!);
        }
      }).observe({ type: 'mark' });
      createRoot(root).render(
        <ResponseViewer body={text} bodyKind="json" sizeBytes={text.length} treeThresholdBytes={forceTree ? Infinity : undefined} />,
      );
    }),
);
