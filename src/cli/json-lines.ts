/**
 * The line (1-based) where each value of a JSON text starts, by its path
 * (`targets.2.by`), so a problem found in the parsed value can name the line to edit.
 * The text is assumed to parse; an unexpected character ends the walk early.
 */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text.charAt(at))) {
      if (text.charAt(at) === "\n") line++;
      at++;
    }
  };
  const readString = (): string => {
    const start = at;
    at++;
    while (at < text.length && text.charAt(at) !== '"') at += text.charAt(at) === "\\" ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    lines.set(path, line);
    const first = text.charAt(at);
    const join = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
    if (first === "{") {
      at++;
      skipSpace();
      while (at < text.length && text.charAt(at) !== "}") {
        const key = readString();
        skipSpace();
        at++; // the colon
        readValue(join(key));
        skipSpace();
        if (text.charAt(at) === ",") at++;
        skipSpace();
      }
      at++;
    } else if (first === "[") {
      at++;
      skipSpace();
      for (let index = 0; at < text.length && text.charAt(at) !== "]"; index++) {
        readValue(join(index));
        skipSpace();
        if (text.charAt(at) === ",") at++;
        skipSpace();
      }
      at++;
    } else if (first === '"') {
      readString();
    } else {
      while (at < text.length && !/[\s,\]}]/.test(text.charAt(at))) at++;
    }
  };
  readValue("");
  return lines;
}

/** The line of a JSON text a syntax error points at, from the parser's "position N". */
export function syntaxErrorLine(text: string, error: unknown): number | undefined {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!position) return undefined;
  return text.slice(0, Number(position[1])).split("\n").length;
}
