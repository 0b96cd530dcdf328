/**
 * B4 peer (b), the reference design for large responses: pretty-print in a worker, then a
 * read-only CodeMirror 6 editor with JSON highlighting, line numbers and folding. Only this
 * bench page imports CodeMirror; it is never part of the app bundle (B3 checks that).
 */
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { foldGutter, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import './bench.css';
import { runBench } from './harness.js';

void runBench(
  (text, root) =>
    new Promise((resolve) => {
      const worker = new Worker(new URL('./cm6-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<string>) => {
        const view = new EditorView({
          state: EditorState.create({
            doc: e.data,
            extensions: [
              lineNumbers(),
              foldGutter(),
              syntaxHighlighting(defaultHighlightStyle),
              json(),
              EditorState.readOnly.of(true),
              EditorView.editable.of(false),
            ],
          }),
          parent: root,
        });
        root.classList.add('bench-cm');
        resolve(() => view.scrollDOM);
      };
      worker.postMessage(text);
    }),
);
