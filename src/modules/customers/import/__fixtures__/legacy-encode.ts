// Encodes text into a single-byte code page, for building fixtures and test inputs. Node's TextEncoder
// only writes UTF-8, so the table is the inverse of what TextDecoder reads for each of the 256 bytes.

const tables = new Map<string, Map<string, number>>();

function tableFor(encoding: string): Map<string, number> {
  let table = tables.get(encoding);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(encoding);
    for (let byte = 255; byte >= 0; byte--) table.set(decoder.decode(Uint8Array.of(byte)), byte);
    tables.set(encoding, table);
  }
  return table;
}

export function encodeLegacy(text: string, encoding: 'windows-1251' | 'koi8-r' | 'ibm866' | 'windows-1252'): Buffer {
  const table = tableFor(encoding);
  const bytes: number[] = [];
  for (const ch of text) {
    const byte = table.get(ch);
    if (byte === undefined) throw new Error(`${JSON.stringify(ch)} cannot be written in ${encoding}`);
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}
