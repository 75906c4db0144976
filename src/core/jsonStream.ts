// Splits a stream of concatenated JSON values (as `go list -json` and `go env -json` print them)
// into the individual values, without assuming one value per line.

export interface JsonStreamResult {
  values: unknown[];
  /** Text that could not be parsed (a truncated tail, garbage between values). */
  errors: string[];
}

export function parseJsonStream(text: string): JsonStreamResult {
  const values: unknown[] = [];
  const errors: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c /* \ */) escaped = true;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (depth === 0 && start >= 0) {
        const chunk = text.slice(start, i + 1);
        try {
          values.push(JSON.parse(chunk));
        } catch (err) {
          errors.push(`invalid JSON value at offset ${start}: ${(err as Error).message}`);
        }
        start = -1;
      } else if (depth < 0) {
        errors.push(`unbalanced '${String.fromCharCode(c)}' at offset ${i}`);
        depth = 0;
      }
    } else if (depth === 0 && c > 0x20) {
      errors.push(`unexpected character at offset ${i}`);
      // skip to the next plausible value start
      while (i + 1 < text.length && text[i + 1] !== '{' && text[i + 1] !== '[') i++;
    }
  }
  if (depth > 0 && start >= 0) errors.push(`truncated JSON value at offset ${start}`);
  return { values, errors };
}
