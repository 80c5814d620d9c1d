import type { FileStatus } from '../types.js';
import { DiffParseError, type DiffFile, type Hunk, type ParsedDiff } from './types.js';
import { unquoteGitPath } from './quoted-path.js';

/*
 * A reader for `git diff -M` output and `git format-patch` series. Hand-written because the npm diff
 * parsers (parse-diff, gitdiff-parser) split hunks on header-looking lines, drop modes and binary
 * markers, or throw on cut-off input; here the hunk line counts decide what belongs to a hunk, every
 * file header form git emits is kept, and anything cut short is reported instead of guessed.
 */

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const MAIL_START = /^From [0-9a-f]{40} /;

interface Builder {
  file: DiffFile;
  /** Paths from `diff --git`; used when no ---/+++ or rename lines say better. */
  headerOld: string | null;
  headerNew: string | null;
  sawMinus: boolean;
  sawPlus: boolean;
  newFile: boolean;
  deletedFile: boolean;
  rename: boolean;
  copy: boolean;
}

function emptyFile(): DiffFile {
  return {
    oldPath: null,
    newPath: null,
    status: 'modified',
    oldMode: null,
    newMode: null,
    binary: false,
    similarity: null,
    hunks: [],
    added: [],
    truncated: false,
  };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** `a/x` -> `x` (the diff's side prefix), quoted paths unescaped, `/dev/null` -> null. */
function sidePath(raw: string, prefix: 'a/' | 'b/'): string | null {
  let p = raw;
  // git appends a tab after paths containing spaces in ---/+++ lines of some diffs
  const tab = p.indexOf('\t');
  if (tab >= 0 && !p.startsWith('"')) p = p.slice(0, tab);
  if (p.startsWith('"')) p = unquoteGitPath(p).path;
  if (p === '/dev/null') return null;
  if (p.startsWith(prefix)) return p.slice(2);
  return p;
}

/** Splits `diff --git a/X b/Y` into X and Y, including quoted and space-containing paths. */
export function splitGitHeader(rest: string): [string | null, string | null] {
  if (rest.startsWith('"')) {
    const first = unquoteGitPath(rest);
    const tail = rest.slice(first.consumed).trimStart();
    const second = tail.startsWith('"') ? unquoteGitPath(tail).path : tail;
    return [strip(first.path, 'a/'), strip(second, 'b/')];
  }
  const quoteAt = rest.indexOf(' "');
  if (quoteAt >= 0) {
    return [strip(rest.slice(0, quoteAt), 'a/'), strip(unquoteGitPath(rest.slice(quoteAt + 1)).path, 'b/')];
  }
  // Unquoted: both sides are the same length when the path did not change (`a/P b/P`).
  if (rest.startsWith('a/')) {
    const half = (rest.length - 1) / 2;
    if (Number.isInteger(half) && rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) {
      const p = rest.slice(2, half);
      return [p, p];
    }
    const sep = rest.indexOf(' b/');
    if (sep > 0) return [rest.slice(2, sep), rest.slice(sep + 3)];
  }
  const space = rest.indexOf(' ');
  if (space > 0) return [rest.slice(0, space), rest.slice(space + 1)];
  return [null, null];
}

function strip(p: string, prefix: string): string {
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

function finish(b: Builder, problems: string[]): DiffFile {
  const f = b.file;
  if (b.newFile && b.deletedFile) problems.push(`${b.headerNew ?? b.headerOld ?? '?'}: the header says the file is both new and deleted`);
  if (f.oldPath === null && !b.newFile && !b.sawMinus) f.oldPath = b.headerOld;
  if (f.newPath === null && !b.deletedFile && !b.sawPlus) f.newPath = b.headerNew;
  if (b.newFile) f.oldPath = null;
  if (b.deletedFile) f.newPath = null;
  if (f.oldPath === null && f.newPath === null) {
    // Fail closed: keep the file visible under whatever name the header had, and report it.
    problems.push(`a file header names no path (${b.headerNew ?? b.headerOld ?? 'none'})`);
    f.newPath = b.headerNew ?? b.headerOld ?? '(unnamed file)';
    b.deletedFile = false;
  }
  let status: FileStatus;
  if (b.newFile || (f.oldPath === null && f.newPath !== null)) status = 'added';
  else if (b.deletedFile || (f.newPath === null && f.oldPath !== null)) status = 'removed';
  else if (b.rename) status = 'renamed';
  else if (b.copy) status = 'copied';
  else if (f.hunks.length === 0 && !f.binary && f.oldMode !== f.newMode) status = 'changed';
  else status = 'modified';
  f.status = status;
  return f;
}

export function parseDiff(input: string): ParsedDiff {
  const lines = input.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const files: DiffFile[] = [];
  const problems: string[] = [];
  let cur: Builder | null = null;
  let hunk: Hunk | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  let inBinaryPatch = false;
  let sawMail = false;
  /** Between a mail's `From <sha>` line and its first diff header: headers and message, not diff lines. */
  let inMailText = false;
  /** After the last hunk of a patch mail: `-- ` then the git version. */
  let inSignature = false;

  /** Ends the current hunk; one that did not reach its header's counts was cut short. */
  const endHunk = () => {
    if (hunk && (oldLeft > 0 || newLeft > 0) && cur) {
      cur.file.truncated = true;
      problems.push(`${cur.file.newPath ?? cur.file.oldPath ?? cur.headerNew ?? '?'}: a hunk ends ${oldLeft + newLeft} line(s) short of its header's counts`);
    }
    oldLeft = newLeft = 0;
  };

  const close = () => {
    endHunk();
    hunk = null;
    if (cur) files.push(finish(cur, problems));
    cur = null;
    inBinaryPatch = false;
  };

  const start = (headerOld: string | null, headerNew: string | null) => {
    close();
    inMailText = false;
    inSignature = false;
    cur = {
      file: emptyFile(),
      headerOld,
      headerNew,
      sawMinus: false,
      sawPlus: false,
      newFile: false,
      deletedFile: false,
      rename: false,
      copy: false,
    };
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;

    // Inside a hunk the counts decide: a line that looks like a header is still content.
    if (hunk && cur && (oldLeft > 0 || newLeft > 0)) {
      const c = raw.charCodeAt(0);
      const h: Hunk = hunk;
      if (c === 43 /* + */ && newLeft > 0) {
        const text = stripCr(raw.slice(1));
        h.lines.push({ kind: '+', text, newLine: newNo });
        (cur as Builder).file.added.push({ line: newNo, text });
        newNo++;
        newLeft--;
        continue;
      }
      if (c === 45 /* - */ && oldLeft > 0) {
        h.lines.push({ kind: '-', text: stripCr(raw.slice(1)), oldLine: oldNo });
        oldNo++;
        oldLeft--;
        continue;
      }
      if ((c === 32 /* space */ || raw === '' || raw === '\r') && oldLeft > 0 && newLeft > 0) {
        h.lines.push({ kind: ' ', text: stripCr(raw.slice(1)), oldLine: oldNo, newLine: newNo });
        oldNo++;
        newNo++;
        oldLeft--;
        newLeft--;
        continue;
      }
      if (c === 92 /* \ */) continue; // "\ No newline at end of file"
      // Anything else ends the hunk early: the input was cut or edited.
      endHunk();
    }

    const line = stripCr(raw);

    if (line.startsWith('diff --git ')) {
      const [o, n] = splitGitHeader(line.slice('diff --git '.length));
      start(o, n);
      continue;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      close();
      problems.push(`combined (merge) diff for ${line.slice(line.indexOf(' ', 5) + 1)} is not supported: review it as a plain diff`);
      inBinaryPatch = true; // skip its body
      continue;
    }
    if (MAIL_START.test(line)) {
      close();
      sawMail = true;
      inMailText = true;
      continue;
    }
    if (inMailText) continue;
    if (inBinaryPatch) continue;

    if (inSignature) continue;
    if (line === '-- ' && (sawMail || files.length > 0 || cur)) {
      close();
      inSignature = true;
      continue;
    }

    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && (!cur || (cur as Builder).file.hunks.length > 0 || hunk === null)) {
      // A plain unified diff (no `diff --git` line) starts a new file here; in a git diff it belongs to cur.
      const b = cur as Builder | null;
      if (!b || b.file.hunks.length > 0 || b.sawMinus) start(null, null);
      const c2 = cur as unknown as Builder;
      c2.sawMinus = true;
      c2.file.oldPath = sidePath(line.slice(4), 'a/');
      const plus = stripCr(lines[i + 1] as string);
      c2.sawPlus = true;
      c2.file.newPath = sidePath(plus.slice(4), 'b/');
      if (c2.file.oldPath === null) c2.newFile = true;
      if (c2.file.newPath === null) c2.deletedFile = true;
      i++;
      continue;
    }

    const m = HUNK_HEADER.exec(line);
    if (m) {
      if (!cur) {
        problems.push(`a hunk header at input line ${i + 1} belongs to no file`);
        continue;
      }
      endHunk();
      const b = cur as Builder;
      const h: Hunk = {
        oldStart: Number(m[1]),
        oldCount: m[2] === undefined ? 1 : Number(m[2]),
        newStart: Number(m[3]),
        newCount: m[4] === undefined ? 1 : Number(m[4]),
        lines: [],
      };
      b.file.hunks.push(h);
      hunk = h;
      oldLeft = h.oldCount;
      newLeft = h.newCount;
      oldNo = h.oldStart === 0 ? 1 : h.oldStart;
      newNo = h.newStart === 0 ? 1 : h.newStart;
      continue;
    }

    if (!cur) {
      if (line.startsWith('Binary files ')) problems.push(`a binary-file line at input line ${i + 1} belongs to no file`);
      continue; // preamble (e.g. a commit message pasted above the diff)
    }
    const b = cur as Builder;
    const f = b.file;
    if (hunk !== null) {
      // After a complete hunk only another hunk, a new file or the mail signature may follow.
      if (line === '' || line.startsWith('\\')) continue; // blank, or "\ No newline at end of file"
      problems.push(`${f.newPath ?? f.oldPath ?? b.headerNew ?? '?'}: unexpected line after a complete hunk (input line ${i + 1}); the hunk counts do not match its content`);
      continue;
    }
    if (line.startsWith('new file mode ')) {
      b.newFile = true;
      f.newMode = line.slice(14).trim();
    } else if (line.startsWith('deleted file mode ')) {
      b.deletedFile = true;
      f.oldMode = line.slice(18).trim();
    } else if (line.startsWith('old mode ')) {
      f.oldMode = line.slice(9).trim();
    } else if (line.startsWith('new mode ')) {
      f.newMode = line.slice(9).trim();
    } else if (line.startsWith('rename from ')) {
      b.rename = true;
      f.oldPath = unquoteMaybe(line.slice(12));
    } else if (line.startsWith('rename to ')) {
      b.rename = true;
      f.newPath = unquoteMaybe(line.slice(10));
    } else if (line.startsWith('copy from ')) {
      b.copy = true;
      f.oldPath = unquoteMaybe(line.slice(10));
    } else if (line.startsWith('copy to ')) {
      b.copy = true;
      f.newPath = unquoteMaybe(line.slice(8));
    } else if (line.startsWith('similarity index ') || line.startsWith('dissimilarity index ')) {
      const n = Number.parseInt(line.slice(line.indexOf('index ') + 6), 10);
      f.similarity = Number.isNaN(n) ? null : n;
    } else if (line.startsWith('index ')) {
      const mode = /^index [0-9a-f]+\.\.[0-9a-f]+ (\d{6})$/.exec(line);
      if (mode) f.oldMode = f.newMode = mode[1] as string;
    } else if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
      f.binary = true;
      const pair = /^Binary files (.*) and (.*) differ$/.exec(line);
      if (pair) {
        const o = sidePath(pair[1] as string, 'a/');
        const n = sidePath(pair[2] as string, 'b/');
        if (o === null && f.oldPath === null) b.newFile = true;
        if (n === null && f.newPath === null) b.deletedFile = true;
      }
    } else if (line === 'GIT binary patch') {
      f.binary = true;
      inBinaryPatch = true;
    } else if (line === '') {
      // blank line between extended headers: harmless
    } else {
      problems.push(`${f.newPath ?? b.headerNew ?? '?'}: unrecognised diff header line ${i + 1}: ${line.slice(0, 80)}`);
    }
  }
  close();

  if (files.length === 0 && !sawMail && input.trim() !== '' && problems.length === 0) {
    throw new DiffParseError('the input is not a unified diff: no `diff --git`, `---`/`+++` or patch-mail header found');
  }
  return { files, problems };
}

function unquoteMaybe(p: string): string {
  return p.startsWith('"') ? unquoteGitPath(p).path : p;
}
