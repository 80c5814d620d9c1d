import type { Reason } from '../../types.js';
import type { AddedText } from './added-text.js';

/**
 * `content:hidden-unicode`: characters that change how code reads without being seen (Trojan Source,
 * CVE-2021-42574) or hide text from a reviewer: bidi controls U+202A-U+202E, U+2066-U+2069, U+200E,
 * U+200F, U+061C; zero-width U+200B-U+200D, U+2060 and U+FEFF except a byte-order mark at the start of
 * the file; tag characters U+E0000-U+E007F (invisible ASCII, used to smuggle instructions to models).
 * Also the family's other invisible formatting characters: U+180E (an old zero-width space), the
 * invisible operators U+2061-U+2064, and the variation selectors supplement U+E0100-U+E01EF, which
 * carry no glyph and are used to hide bytes the same way tag characters are.
 */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060-\u2064\u180E\uFEFF]|[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

const NAMES: Record<number, string> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

function describe(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp >= 0xe0000 && cp <= 0xe007f) return `${hex} (TAG character)`;
  if (cp >= 0xe0100) return `${hex} (VARIATION SELECTOR)`;
  return `${hex} (${NAMES[cp] ?? 'invisible'})`;
}

function kindOf(cp: number): string {
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c)
    return 'a bidi control reorders how the line is displayed, so code can read differently from how it runs (Trojan Source)';
  if (cp >= 0xe0000) return 'invisible tag or selector characters can hide text from a reviewer (instructions smuggled to a model)';
  return 'a zero-width character is invisible in review and can make identical-looking names differ';
}

/** A byte-order mark is allowed at the very start of the file: line 1, column 1. */
export function hiddenUnicodeReasons(added: AddedText): Reason[] {
  const { text, lineNumbers } = added;
  HIDDEN.lastIndex = 0;
  if (!HIDDEN.test(text)) return [];
  const reasons: Reason[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    HIDDEN.lastIndex = 0;
    const found: string[] = [];
    let firstKind = '';
    for (let m = HIDDEN.exec(line); m; m = HIDDEN.exec(line)) {
      const cp = m[0].codePointAt(0)!;
      if (cp === 0xfeff && m.index === 0 && lineNumbers[i] === 1) continue;
      if (!firstKind) firstKind = kindOf(cp);
      const d = `${describe(cp)} at column ${m.index + 1}`;
      if (!found.includes(d)) found.push(d);
    }
    if (found.length === 0) continue;
    const shown = found.slice(0, 5).join(', ') + (found.length > 5 ? `, and ${found.length - 5} more` : '');
    reasons.push({
      rule: 'content:hidden-unicode',
      zone: 'red',
      message: `invisible Unicode ${shown}: ${firstKind}; remove it or write it as an escape`,
      line: lineNumbers[i]!,
    });
  }
  return reasons;
}
