import { findExpressions } from './expressions.js';

/**
 * A `run:` script as the shell will see it. GitHub pastes `${{ ... }}` into the text before the
 * shell starts, so its value is unknown at review time: each expression becomes a shell variable
 * (`${GHA_EXPR_1}`) that the shell rules treat as an unknown expansion, which is exactly what it
 * is. Secret expressions get a name the shell rules recognise as a credential. Line breaks inside
 * an expression are kept so that script lines stay the workflow's lines.
 */
export interface PreparedScript {
  script: string;
  /** Placeholder variable name -> the expression it stands for. */
  placeholders: Map<string, string>;
}

export const PLACEHOLDER_PREFIX = 'GHA_EXPR_';
const SECRET_PREFIX = 'GHA_SECRET_';

export function prepareScript(text: string): PreparedScript {
  const placeholders = new Map<string, string>();
  let out = '';
  let last = 0;
  let n = 0;
  for (const span of findExpressions(text)) {
    n++;
    const expression = text.slice(span.start, span.end);
    const secret = /\bsecrets\b|\bgithub\s*\.\s*token\b/i.test(expression);
    const name = `${secret ? SECRET_PREFIX : PLACEHOLDER_PREFIX}${n}`;
    placeholders.set(name, expression);
    const newlines = expression.split('\n').length - 1;
    out += text.slice(last, span.start) + '${' + name + '}' + '\n'.repeat(newlines);
    last = span.end;
  }
  out += text.slice(last);
  return { script: out, placeholders };
}
