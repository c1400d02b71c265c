// Uploaded bytes → text. Files come from Excel on Windows (Windows-1251 in Russia and Ukraine, -1252 in
// Western Europe), from old DOS-era accounting programs (CP866), from Unix systems (KOI8-R), and from
// everything modern (UTF-8, with or without a BOM; UTF-16 from "Unicode text" exports). A BOM decides;
// valid UTF-8 is UTF-8; otherwise each legacy candidate is decoded and scored by how much the result
// looks like names and words, and the best one wins. The caller may force an encoding instead.

export const LEGACY_ENCODINGS = ['windows-1251', 'koi8-r', 'ibm866', 'windows-1252'] as const;
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | (typeof LEGACY_ENCODINGS)[number];

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** How the encoding was chosen. */
  detectedBy: 'forced' | 'bom' | 'utf8-valid' | 'utf16-zeros' | 'score';
}

/** Enough of a file to tell its encoding; scoring the whole of a 100 MB file would add nothing. */
const SAMPLE_BYTES = 64 * 1024;

// Russian letter frequencies (per mille) in ordinary text; names follow them closely enough.
const RUSSIAN_FREQUENCY: Readonly<Record<string, number>> = {
  о: 110, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30, п: 28, у: 26,
  я: 20, ы: 19, ь: 17, г: 17, з: 17, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7, ю: 6, ц: 5, щ: 4, э: 3, ф: 3,
  // ё is rare in running text but common in names (Фёдор, Пётр, Артём, Королёв).
  ъ: 0.4, ё: 3, і: 5, ї: 1, є: 1, ґ: 0.3, ў: 1,
};
// Characters that legitimately appear in Cyrillic or Western text outside words.
const PLAUSIBLE_SYMBOLS = new Set([...'«»№–—…°€“”„‘’•±§©®™·×\u00A0']);

function scoreWord(word: string): number {
  const letters = Array.from(word);
  const nonAscii = letters.filter((ch) => ch > '\u007f');
  if (nonAscii.length === 0) return 0;
  const cyrillic = letters.filter((ch) => /\p{Script=Cyrillic}/u.test(ch)).length;
  const latin = letters.filter((ch) => /\p{Script=Latin}/u.test(ch)).length;
  // A word that mixes scripts is the signature of a wrong code page ("MьllerJьrgen").
  if (cyrillic > 0 && latin > 0) return -2 * nonAscii.length;
  // Case inside a word: "Иванова" and "ИВАНОВА" are words, "иВАНОВА" and "ИвАнОвА" come from a wrong table.
  const rest = letters.slice(1);
  const upperRest = rest.filter((ch) => ch !== ch.toLowerCase()).length;
  const casePenalty = upperRest > 0 && upperRest < rest.length ? -3 * Math.min(upperRest, rest.length - upperRest) : 0;
  if (cyrillic > 0) {
    let score = 0;
    for (const ch of letters) {
      const frequency = RUSSIAN_FREQUENCY[ch.toLowerCase()];
      // Above-average letters add, rare ones subtract, so a text of щ, ъ, ф and э loses to one of о, е, а.
      score += frequency === undefined ? -4 : Math.log2((frequency + 0.5) / 30);
    }
    return score + casePenalty;
  }
  // Latin with accents: "Müller", "José" have a few; a word made mostly of them is Cyrillic read as 1252.
  const share = nonAscii.length / letters.length;
  return (share <= 0.5 ? 2 * nonAscii.length : -2 * nonAscii.length) + casePenalty;
}

/** C0 controls other than tab and line breaks, and C1 controls (what 0x80–0x9F become in ISO-8859 tables). */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || (code >= 0x7f && code <= 0x9f);
}

/** How plausible a decoded text is: words score by their letters, odd symbols and control characters cost. */
export function plausibility(text: string): number {
  let score = 0;
  for (const match of text.matchAll(/\p{L}+|[^\p{L}\s\p{N}]/gu)) {
    const token = match[0];
    if (/\p{L}/u.test(token)) score += scoreWord(token);
    else if (token > '\u007f' && !PLAUSIBLE_SYMBOLS.has(token)) score -= 8; // box drawing, ¤, ¦, ¸...
    else if (isControl(token.charCodeAt(0))) score -= 5;
  }
  return score;
}

function decodeWith(bytes: Uint8Array, encoding: TextEncodingName): string {
  // TextDecoder strips a matching BOM by itself.
  return new TextDecoder(encoding).decode(bytes);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: text in Latin or Cyrillic has a zero (or 0x04) byte in every other position. */
function utf16ByZeros(sample: Uint8Array): TextEncodingName | null {
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Detects the encoding from the start of a file (see the top of this file). */
export function detectEncoding(bytes: Uint8Array): Omit<DecodedText, 'text'> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', detectedBy: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', detectedBy: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', detectedBy: 'bom' };
  let sample = bytes.subarray(0, SAMPLE_BYTES);
  const utf16 = utf16ByZeros(sample);
  if (utf16) return { encoding: utf16, detectedBy: 'utf16-zeros' };
  // The sample may cut a multi-byte character in half: drop up to three trailing bytes of an incomplete one.
  if (bytes.length > SAMPLE_BYTES) {
    let end = sample.length;
    while (end > sample.length - 4 && end > 0 && ((sample[end - 1] as number) & 0xc0) === 0x80) end--;
    if (end > 0 && (sample[end - 1] as number) >= 0xc0) end--;
    sample = sample.subarray(0, end);
  }
  if (isValidUtf8(sample)) return { encoding: 'utf-8', detectedBy: 'utf8-valid' };
  let best: TextEncodingName = LEGACY_ENCODINGS[0];
  let bestScore = -Infinity;
  for (const encoding of LEGACY_ENCODINGS) {
    const score = plausibility(decodeWith(sample, encoding));
    if (score > bestScore) {
      best = encoding;
      bestScore = score; // on a tie the earlier (more common) encoding stays
    }
  }
  return { encoding: best, detectedBy: 'score' };
}

/** Decodes an uploaded file, detecting its encoding unless `encoding` forces one. */
export function decodeBytes(bytes: Uint8Array, options: { encoding?: TextEncodingName } = {}): DecodedText {
  const detected = options.encoding ? { encoding: options.encoding, detectedBy: 'forced' as const } : detectEncoding(bytes);
  let text = decodeWith(bytes, detected.encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM of a forced encoding other than its own
  return { text, ...detected };
}
