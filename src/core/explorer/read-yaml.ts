/**
 * Reads the YAML of an imported OpenAPI file with js-yaml (a maintained YAML 1.2 parser), with
 * limits against hostile input:
 * - size: text longer than MAX_YAML_CHARS is refused before parsing;
 * - depth: js-yaml's own `maxDepth` stops deep nesting before its recursion can exhaust the stack;
 * - aliases: js-yaml shares one object per anchor, so "billion laughs" costs little to parse, but
 *   every later walk (ours, JSON.stringify, structured clone over IPC) would expand it. The
 *   result is therefore walked once with aliases expanded, and refused past MAX_EXPANDED_NODES
 *   nodes or when an alias makes it refer to itself.
 * CORE_SCHEMA resolves null, booleans and numbers only: timestamps stay strings (JSON-compatible)
 * and merge keys (`<<`) and other YAML 1.1 types are not interpreted. js-yaml stores a
 * `__proto__` key as an own property, so no prototype is ever touched.
 */
import { CORE_SCHEMA, load, type LoadOptions } from 'js-yaml';

export const MAX_YAML_CHARS = 2_000_000;
export const MAX_YAML_DEPTH = 100;
/** Pleo's largest file has about 25,000 nodes; leave room for big specs, not for bombs. */
export const MAX_EXPANDED_NODES = 1_000_000;

export class YamlLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlLimitError';
  }
}

export function readYaml(text: string): unknown {
  if (text.length > MAX_YAML_CHARS) throw new YamlLimitError(`The YAML text is larger than ${MAX_YAML_CHARS} characters.`);
  // `maxDepth` exists in js-yaml 4.3 but not yet in @types/js-yaml 4.0.9.
  const options: LoadOptions & { maxDepth: number } = { schema: CORE_SCHEMA, maxDepth: MAX_YAML_DEPTH, json: false };
  const value = load(text, options);
  checkExpansion(value);
  return value;
}

/** Counts nodes as a consumer that follows every alias would see them (iteratively: no stack). */
function checkExpansion(root: unknown): void {
  let nodes = 0;
  // Each frame is a container and whether it is being entered or left, so the "path" set
  // (containers open on the way down) catches an alias that points back at an ancestor.
  const stack: Array<{ value: object; leave: boolean }> = [];
  const onPath = new Set<object>();
  const push = (v: unknown) => {
    nodes++;
    if (nodes > MAX_EXPANDED_NODES)
      throw new YamlLimitError(`The YAML expands to more than ${MAX_EXPANDED_NODES} values (aliases used as a bomb?).`);
    if (v !== null && typeof v === 'object') stack.push({ value: v, leave: false });
  };
  push(root);
  while (stack.length > 0) {
    const frame = stack.pop() as { value: object; leave: boolean };
    if (frame.leave) {
      onPath.delete(frame.value);
      continue;
    }
    if (onPath.has(frame.value)) throw new YamlLimitError('The YAML refers to itself through an alias.');
    onPath.add(frame.value);
    stack.push({ value: frame.value, leave: true });
    const children = Array.isArray(frame.value) ? frame.value : Object.values(frame.value);
    for (const child of children) push(child);
  }
}
