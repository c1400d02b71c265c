// The Node half of the customer import: rows of the stored file → chunks of COPY text for the staging
// table, with the rejected rows collected on the way. It is an async generator that yields to the event
// loop after every small batch, so the next chunk is mapped while the database writes the previous one:
// on two cores the mapping (CPU in Node) and the writing (CPU in PostgreSQL) overlap instead of adding up.

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CustomerRowMapper } from './customer-rows.js';
import type { IssueCollector } from './issues.js';
import type { SourceRow } from './parse.js';

export interface MappedChunk {
  /** COPY text of the staged rows, in pieces. */
  copy: string[];
  staged: number;
  /** The staged rows' cells by line, for rows the database rejects (their cells go into the report). */
  cells: Map<number, string[]>;
}

export interface ChunkStats { rowsRead: number; mappingMs: number }

export async function* mapChunks(rows: AsyncIterable<SourceRow[]>, mapper: CustomerRowMapper, collector: IssueCollector, chunkRows: number, stats: ChunkStats): AsyncGenerator<MappedChunk> {
  let chunk: MappedChunk = { copy: [], staged: 0, cells: new Map() };
  for await (const batch of rows) {
    const started = performance.now();
    let text = '';
    for (const row of batch) {
      const outcome = mapper.map(row);
      collector.warn(row.line, outcome.warnings, row.cells);
      if (outcome.kind === 'rejected') {
        collector.reject(row.line, outcome.problems, row.cells);
        continue;
      }
      text += outcome.copy;
      chunk.staged++;
      chunk.cells.set(row.line, row.cells);
      if (chunk.staged >= chunkRows) {
        chunk.copy.push(text);
        text = '';
        yield chunk;
        chunk = { copy: [], staged: 0, cells: new Map() };
      }
    }
    if (text !== '') chunk.copy.push(text);
    stats.rowsRead += batch.length;
    stats.mappingMs += performance.now() - started;
    // Lets the database's answers in between batches, so its next statement is not kept waiting.
    await yieldToEventLoop();
  }
  if (chunk.staged > 0) yield chunk;
}
