/**
 * Reads back a CSV file this app wrote (csv-writer.ts), one record at a time, for the .xlsx
 * conversion (xlsx-writer.ts). RFC 4180 as csvCell writes it: fields quoted when they hold a
 * quote, comma, CR or LF; records end with CRLF; a UTF-8 BOM first. The file is read in 64 KiB
 * chunks and the records of one chunk are handed out before the next is read, so memory stays
 * flat whatever the file's size.
 */
import { createReadStream } from 'node:fs';

/** Yields each record's fields (the header too). Throws when the file ends inside a quoted field. */
export async function* readCsvRecords(filePath: string): AsyncGenerator<string[]> {
  const stream = createReadStream(filePath, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  // Inside quotes, a quote was just read: either the first of an escaped "" or the closing one.
  let quoteSeen = false;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = chunk;
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      const done: string[][] = [];
      for (let i = 0; i < text.length; i++) {
        const ch = text[i] as string;
        if (inQuotes) {
          if (quoteSeen) {
            quoteSeen = false;
            if (ch === '"') {
              field += '"';
              continue;
            }
            inQuotes = false; // the closing quote: this character is read as outside quotes
          } else if (ch === '"') {
            quoteSeen = true;
            continue;
          } else {
            // Runs of plain characters are copied in one go (notes can be long).
            const next = text.indexOf('"', i);
            const end = next < 0 ? text.length : next;
            field += text.slice(i, end);
            i = end - 1;
            continue;
          }
        }
        if (ch === '"' && field === '') inQuotes = true;
        else if (ch === ',') {
          record.push(field);
          field = '';
        } else if (ch === '\n') {
          record.push(field);
          done.push(record);
          field = '';
          record = [];
        } else if (ch !== '\r') field += ch; // CR only ends a record (CRLF); in a value it is quoted
      }
      yield* done;
    }
  } finally {
    stream.destroy();
  }
  if (inQuotes && !quoteSeen) throw new Error('The file ends inside a quoted field.');
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}
