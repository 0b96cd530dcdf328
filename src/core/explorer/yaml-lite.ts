/**
 * A small YAML reader for OpenAPI files, so "import OpenAPI" accepts the YAML Pleo publishes
 * without shipping a YAML library in the app. It covers what OpenAPI generators emit: block
 * mappings and sequences, plain / single- / double-quoted scalars (multi-line, folded), block
 * scalars (| and >), one-line or multi-line flow collections, comments. Anchors, aliases, tags
 * and multiple documents are refused with a clear message rather than guessed.
 * Keys are stored as own properties (never through the prototype), and nesting is capped.
 */

export class YamlError extends Error {
  constructor(message: string, readonly line: number) {
    super(`${message} (line ${line})`);
    this.name = 'YamlError';
  }
}

const MAX_DEPTH = 200;

export function parseYamlLite(text: string): unknown {
  const parser = new Parser(text);
  return parser.parseDocument();
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function resolvePlain(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (s === '.inf' || s === '+.inf') return Infinity;
  if (s === '-.inf') return -Infinity;
  if (s === '.nan') return NaN;
  return s;
}

function unescapeDouble(s: string, line: number): string {
  return s.replace(/\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|U[0-9A-Fa-f]{8}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '0': return '\0';
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case ' ': return ' ';
      case 'b': return '\b';
      case 'e': return '\x1b';
      case 'N': return '\u0085';
      case '_': return '\u00a0';
      case 'L': return '\u2028';
      case 'P': return '\u2029';
      case 'u':
      case 'x':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      case '\t': return '\t';
      default:
        throw new YamlError(`Unknown escape \\${e}`, line);
    }
  });
}

/** Folds the lines of a quoted scalar: one break becomes a space, n+1 breaks become n newlines. */
function foldQuoted(rawLines: string[], double: boolean): string {
  let out = '';
  let pendingBreaks = 0;
  let joinWithoutSpace = false;
  rawLines.forEach((raw, idx) => {
    let seg = raw;
    if (idx > 0) seg = seg.replace(/^[ \t]+/, '');
    const last = idx === rawLines.length - 1;
    let escapedBreak = false;
    if (!last) {
      // Trailing whitespace is dropped unless it was escaped; "\" at the end joins lines.
      const m = double ? /(\\*)$/.exec(seg.replace(/[ \t]+$/, '')) : null;
      if (m && m[1]!.length % 2 === 1) {
        seg = seg.replace(/[ \t]+$/, '').slice(0, -1);
        escapedBreak = true;
      } else {
        seg = seg.replace(/[ \t]+$/, '');
      }
    }
    if (idx > 0) {
      if (seg === '' && !last) {
        pendingBreaks++;
        return;
      }
      if (joinWithoutSpace) out += '';
      else if (pendingBreaks > 0) out += '\n'.repeat(pendingBreaks);
      else out += ' ';
    }
    pendingBreaks = 0;
    joinWithoutSpace = escapedBreak;
    out += seg;
  });
  return out;
}

interface Peeked {
  indent: number;
  text: string;
}

class Parser {
  private readonly lines: string[];
  private i = 0;

  constructor(text: string) {
    this.lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  }

  parseDocument(): unknown {
    const first = this.peek();
    if (!first) return null;
    const value = this.parseBlock(first.indent, 0);
    const rest = this.peek();
    if (rest) throw new YamlError('Unexpected content (bad indentation?)', this.i + 1);
    return value;
  }

  /** Next content line (skipping blanks and comments), without consuming it. */
  private peek(): Peeked | undefined {
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i]!;
      const text = raw.trim();
      if (text === '' || text.startsWith('#')) {
        this.i++;
        continue;
      }
      if (text === '---' && this.i === 0) {
        this.i++;
        continue;
      }
      if (text === '---' || text === '...') {
        if (text === '---') throw new YamlError('Files with several YAML documents are not supported', this.i + 1);
        this.i = this.lines.length;
        return undefined;
      }
      const indentText = raw.slice(0, raw.length - raw.trimStart().length);
      if (indentText.includes('\t')) throw new YamlError('Tabs are not allowed for indentation', this.i + 1);
      return { indent: indentText.length, text };
    }
    return undefined;
  }

  private parseBlock(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new YamlError('Nesting is too deep', this.i + 1);
    const next = this.peek();
    if (!next) return null;
    if (isSeqItem(next.text)) return this.parseSequence(next.indent, depth);
    if (findKeySeparator(next.text) !== undefined) return this.parseMapping(next.indent, depth);
    // A scalar on its own line(s).
    const line = this.lines[this.i]!;
    return this.parseValue(line.slice(next.indent), next.indent - 1, depth);
  }

  private parseSequence(indent: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const next = this.peek();
      if (!next || next.indent !== indent || !isSeqItem(next.text)) break;
      const line = this.lines[this.i]!;
      const after = line.slice(indent + 1);
      const content = after.trimStart();
      if (content === '' || content.startsWith('#')) {
        this.i++;
        const child = this.peek();
        out.push(child && child.indent > indent ? this.parseBlock(child.indent, depth + 1) : null);
        continue;
      }
      // Replace "- " by spaces so the item's content sits at its own column, then parse it.
      const col = indent + 1 + (after.length - content.length);
      this.lines[this.i] = ' '.repeat(col) + content;
      out.push(this.parseBlock(col, depth + 1));
    }
    return out;
  }

  private parseMapping(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const next = this.peek();
      if (!next || next.indent < indent) break;
      if (next.indent > indent) throw new YamlError('Bad indentation', this.i + 1);
      if (isSeqItem(next.text)) break;
      const sep = findKeySeparator(next.text);
      if (sep === undefined) throw new YamlError('Expected "key: value"', this.i + 1);
      const rawKey = next.text.slice(0, sep).trim();
      const key = this.parseKey(rawKey);
      const line = this.lines[this.i]!;
      const rest = line.slice(next.indent + sep + 1);
      setOwn(out, key, this.parseValue(rest, indent, depth + 1));
    }
    return out;
  }

  private parseKey(raw: string): string {
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) return unescapeDouble(raw.slice(1, -1), this.i + 1);
    if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) return raw.slice(1, -1).replace(/''/g, "'");
    if (/^[&*!]/.test(raw) || raw === '<<') throw new YamlError('Anchors, aliases, tags and merge keys are not supported', this.i + 1);
    if (raw.startsWith('?')) throw new YamlError('Complex keys are not supported', this.i + 1);
    return raw;
  }

  /**
   * Parses the value that starts in `rest` on the current line (which it consumes), with
   * `parentIndent` the indentation of the key owning it.
   */
  private parseValue(rest: string, parentIndent: number, depth: number): unknown {
    const trimmed = rest.trim();
    const lineNo = this.i + 1;
    if (trimmed === '' || trimmed.startsWith('#')) {
      this.i++;
      const next = this.peek();
      if (next && next.indent > parentIndent) return this.parseBlock(next.indent, depth);
      if (next && next.indent === parentIndent && isSeqItem(next.text)) return this.parseSequence(next.indent, depth);
      return null;
    }
    const first = trimmed[0]!;
    if (first === '&' || first === '*' || first === '!') throw new YamlError('Anchors, aliases and tags are not supported', lineNo);
    if (first === '|' || first === '>') return this.readBlockScalar(trimmed, parentIndent);
    if (first === '"' || first === "'") return this.readQuoted(rest, parentIndent);
    if (first === '[' || first === '{') return this.readFlow(rest);
    return this.readPlain(rest, parentIndent);
  }

  private readPlain(rest: string, parentIndent: number): unknown {
    const parts = [stripComment(rest).trim()];
    this.i++;
    let blank = 0;
    // Continuation lines: indented deeper than the owning key.
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i]!;
      const t = raw.trim();
      if (t === '') {
        blank++;
        this.i++;
        continue;
      }
      const indent = raw.length - raw.trimStart().length;
      if (indent <= parentIndent || t.startsWith('#')) break;
      parts.push(blank > 0 ? '\n'.repeat(blank) + stripComment(t).trim() : ' ' + stripComment(t).trim());
      blank = 0;
      this.i++;
    }
    if (blank > 0) {
      // Blank lines after the scalar belong to no one; step back so peek() skips them.
      this.i -= 0;
    }
    const text = parts.join('');
    return parts.length === 1 ? resolvePlain(text) : text;
  }

  private readQuoted(rest: string, _parentIndent: number): string {
    const startLine = this.i + 1;
    const lead = rest.length - rest.trimStart().length;
    const quote = rest[lead]!;
    const double = quote === '"';
    let text = rest;
    let pos = lead + 1;
    const rawLines: string[] = [];
    let current = '';
    for (;;) {
      if (pos >= text.length) {
        rawLines.push(current);
        current = '';
        this.i++;
        if (this.i >= this.lines.length) throw new YamlError('Unclosed quoted string', startLine);
        text = this.lines[this.i]!;
        pos = 0;
        continue;
      }
      const ch = text[pos]!;
      if (double && ch === '\\') {
        current += text.slice(pos, pos + 2);
        pos += 2;
        continue;
      }
      if (ch === quote) {
        if (!double && text[pos + 1] === "'") {
          current += "''";
          pos += 2;
          continue;
        }
        rawLines.push(current);
        break;
      }
      current += ch;
      pos++;
    }
    const after = stripComment(text.slice(pos + 1)).trim();
    if (after !== '') throw new YamlError('Unexpected text after a quoted string', this.i + 1);
    this.i++;
    const folded = foldQuoted(rawLines, double);
    return double ? unescapeDouble(folded, startLine) : folded.replace(/''/g, "'");
  }

  private readBlockScalar(header: string, parentIndent: number): string {
    const m = /^([|>])([-+]?)([1-9]?)([-+]?)\s*(#.*)?$/.exec(header);
    if (!m) throw new YamlError('Bad block scalar header', this.i + 1);
    const literal = m[1] === '|';
    const chomp = m[2] || m[4] || '';
    const explicit = m[3] ? Number(m[3]) : 0;
    this.i++;
    const body: string[] = [];
    let contentIndent = explicit ? parentIndent + explicit : -1;
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i]!;
      if (raw.trim() === '') {
        body.push('');
        this.i++;
        continue;
      }
      const indent = raw.length - raw.trimStart().length;
      if (contentIndent < 0) contentIndent = indent;
      if (indent < contentIndent || indent <= parentIndent) break;
      body.push(raw.slice(contentIndent));
      this.i++;
    }
    // Trailing blank lines: kept with "+", dropped otherwise.
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    let text: string;
    if (literal) {
      text = body.join('\n');
    } else {
      text = '';
      let prev: 'none' | 'text' | 'more' | 'empty' = 'none';
      for (const line of body) {
        if (line === '') {
          text += '\n';
          prev = prev === 'none' ? 'none' : 'empty';
          continue;
        }
        const more = /^[ \t]/.test(line);
        if (prev === 'text' && !more) text += ' ';
        else if (prev === 'more' || (prev === 'text' && more)) text += '\n';
        else if (prev === 'empty' && more) text += '';
        text += line;
        prev = more ? 'more' : 'text';
      }
      // "a\n\nb": an empty line between two text lines yields one newline, not two.
      text = text.replace(/([^\n])\n(\n+)(?=[^\n])/g, (_m, c: string, n: string) => c + n);
    }
    if (body.length === 0) return chomp === '+' ? '\n'.repeat(trailing) : '';
    if (chomp === '-') return text;
    if (chomp === '+') return text + '\n' + '\n'.repeat(trailing);
    return text + '\n';
  }

  /** Flow collections ([...] and {...}), possibly spread over several lines. */
  private readFlow(rest: string): unknown {
    const startLine = this.i + 1;
    let text = rest.trim();
    this.i++;
    let guard = 0;
    while (!flowBalanced(text)) {
      if (this.i >= this.lines.length || guard++ > 10_000) throw new YamlError('Unclosed [ or {', startLine);
      text += ' ' + this.lines[this.i]!.trim();
      this.i++;
    }
    const reader = new FlowReader(stripComment(text), startLine);
    const value = reader.value(0);
    reader.end();
    return value;
  }
}

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ') || text.startsWith('-\t');
}

/** Index of the ":" that separates a key from its value, or undefined when the line is not a pair. */
function findKeySeparator(text: string): number | undefined {
  if (text.startsWith('"') || text.startsWith("'")) {
    const q = text[0]!;
    let i = 1;
    while (i < text.length) {
      if (q === '"' && text[i] === '\\') {
        i += 2;
        continue;
      }
      if (text[i] === q) {
        if (q === "'" && text[i + 1] === "'") {
          i += 2;
          continue;
        }
        break;
      }
      i++;
    }
    const after = text.slice(i + 1);
    const m = /^\s*:(\s|$)/.exec(after);
    return m ? i + 1 + after.indexOf(':') : undefined;
  }
  if (text.startsWith('[') || text.startsWith('{')) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#' && i > 0 && /\s/.test(text[i - 1]!)) return undefined;
    if (c === ':' && (i === text.length - 1 || text[i + 1] === ' ' || text[i + 1] === '\t')) return i;
  }
  return undefined;
}

function stripComment(s: string): string {
  let inS = false;
  let inD = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'" && !inD) inS = !inS;
    else if (c === '"' && !inS && s[i - 1] !== '\\') inD = !inD;
    else if (c === '#' && !inS && !inD && (i === 0 || /\s/.test(s[i - 1]!))) return s.slice(0, i);
  }
  return s;
}

function flowBalanced(s: string): boolean {
  let depth = 0;
  let inS = false;
  let inD = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inD) {
      if (c === '\\') i++;
      else if (c === '"') inD = false;
    } else if (inS) {
      if (c === "'") inS = false;
    } else if (c === '"') inD = true;
    else if (c === "'") inS = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) break;
  }
  return depth <= 0 && !inS && !inD;
}

class FlowReader {
  private pos = 0;
  constructor(private readonly s: string, private readonly line: number) {}

  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }

  end(): void {
    this.ws();
    if (this.pos < this.s.length) throw new YamlError('Unexpected text after a flow collection', this.line);
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new YamlError('Nesting is too deep', this.line);
    this.ws();
    const c = this.s[this.pos];
    if (c === '[') {
      this.pos++;
      const out: unknown[] = [];
      this.ws();
      if (this.s[this.pos] === ']') {
        this.pos++;
        return out;
      }
      for (;;) {
        out.push(this.value(depth + 1));
        this.ws();
        const d = this.s[this.pos++];
        if (d === ']') return out;
        if (d !== ',') throw new YamlError('Expected "," or "]"', this.line);
        this.ws();
        if (this.s[this.pos] === ']') {
          this.pos++;
          return out;
        }
      }
    }
    if (c === '{') {
      this.pos++;
      const out: Record<string, unknown> = {};
      this.ws();
      if (this.s[this.pos] === '}') {
        this.pos++;
        return out;
      }
      for (;;) {
        this.ws();
        const key = String(this.scalar(true) ?? '');
        this.ws();
        let v: unknown = null;
        if (this.s[this.pos] === ':') {
          this.pos++;
          v = this.value(depth + 1);
        }
        setOwn(out, key, v);
        this.ws();
        const d = this.s[this.pos++];
        if (d === '}') return out;
        if (d !== ',') throw new YamlError('Expected "," or "}"', this.line);
        this.ws();
        if (this.s[this.pos] === '}') {
          this.pos++;
          return out;
        }
      }
    }
    return this.scalar(false);
  }

  private scalar(isKey: boolean): unknown {
    const c = this.s[this.pos];
    if (c === '"' || c === "'") {
      const start = ++this.pos;
      let raw = '';
      for (;;) {
        if (this.pos >= this.s.length) throw new YamlError('Unclosed quoted string', this.line);
        const ch = this.s[this.pos]!;
        if (c === '"' && ch === '\\') {
          raw += this.s.slice(this.pos, this.pos + 2);
          this.pos += 2;
          continue;
        }
        if (ch === c) {
          if (c === "'" && this.s[this.pos + 1] === "'") {
            raw += "''";
            this.pos += 2;
            continue;
          }
          this.pos++;
          break;
        }
        raw += ch;
        this.pos++;
      }
      void start;
      return c === '"' ? unescapeDouble(raw, this.line) : raw.replace(/''/g, "'");
    }
    const start = this.pos;
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos]!;
      if (ch === ',' || ch === ']' || ch === '}') break;
      if (ch === ':' && (isKey || /[\s,\]}]/.test(this.s[this.pos + 1] ?? ' '))) break;
      this.pos++;
    }
    const text = this.s.slice(start, this.pos).trim();
    if (/^[&*!]/.test(text)) throw new YamlError('Anchors, aliases and tags are not supported', this.line);
    return isKey ? text : resolvePlain(text);
  }
}
