/** How a run of digits with dots and commas reads, the way Vietnamese users write numbers. */
export type NumeralReading =
  | {
      kind: "number";
      value: number;
      /** Set when the text is digits only: how many there are ("5" → 1, "500" → 3). */
      plainDigits?: number;
    }
  /** "1,500": a decimal comma (1,5) or an English thousands comma (1.500); the bot asks. */
  | { kind: "ambiguous"; asDecimal: number; asThousands: number }
  | { kind: "malformed" };

function isGrouped(text: string, separator: string): boolean {
  const [first, ...rest] = text.split(separator);
  return (
    first !== undefined &&
    /^\d{1,3}$/.test(first) &&
    rest.length > 0 &&
    rest.every((group) => /^\d{3}$/.test(group))
  );
}

function decimal(whole: string, fraction: string): NumeralReading {
  return { kind: "number", value: Number(`${whole}.${fraction}`) };
}

/**
 * Reads digits written with Vietnamese separators: "1,5" and "1.5" are decimals, "1.500" and
 * "1.500.000" are thousands, "1.500,5" mixes both; a lone comma before three digits is ambiguous.
 */
export function readNumeral(text: string): NumeralReading {
  if (/^\d+$/.test(text)) return { kind: "number", value: Number(text), plainDigits: text.length };
  if (!/^\d+(?:[.,]\d+)+$/.test(text)) return { kind: "malformed" };
  const hasDot = text.includes(".");
  const hasComma = text.includes(",");
  if (hasDot && hasComma) {
    // Whichever separator comes last is the decimal one: "1.500,5" and "1,500.5".
    const decimalSeparator = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    const groupSeparator = decimalSeparator === "." ? "," : ".";
    const [whole = "", fraction = "", ...rest] = text.split(decimalSeparator);
    if (rest.length > 0 || !isGrouped(whole, groupSeparator)) return { kind: "malformed" };
    return decimal(whole.split(groupSeparator).join(""), fraction);
  }
  const separator = hasDot ? "." : ",";
  const parts = text.split(separator);
  if (parts.length > 2) {
    return isGrouped(text, separator)
      ? { kind: "number", value: Number(parts.join("")) }
      : { kind: "malformed" };
  }
  const [whole = "", fraction = ""] = parts;
  // "0.500" can only be a decimal; "1.500" looks like thousands.
  const thousandsShaped = fraction.length === 3 && whole.length <= 3 && !whole.startsWith("0");
  if (!thousandsShaped) return decimal(whole, fraction);
  const asThousands = Number(whole + fraction);
  if (separator === ".") return { kind: "number", value: asThousands };
  return { kind: "ambiguous", asDecimal: Number(`${whole}.${fraction}`), asThousands };
}
