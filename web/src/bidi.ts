// Names and addresses are written in any script. Isolating them keeps a Russian name with «quotes»
// or a Latin outlet name intact inside an Arabic sentence, and the reverse (FSI … PDI, Unicode bidi).
export const isolate = (text: string): string => `\u2068${text}\u2069`;
