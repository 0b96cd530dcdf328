/** B4 peer (a): what naive code does — the minified text in one <pre>. */
import './bench.css';
import { runBench } from './harness.js';

void runBench(async (text, root) => {
  const pre = document.createElement('pre');
  pre.className = 'bench-pre';
  pre.textContent = text;
  root.appendChild(pre);
  return () => pre;
});
