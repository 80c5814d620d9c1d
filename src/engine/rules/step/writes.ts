import type { Cmd } from '../../shell/command.js';
import { parseArgs } from '../../shell/options.js';
import { resolvePath, showPath, type ResolvedPath } from '../../shell/paths.js';
import { display, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';

/**
 * `step:workspace-write` (yellow) and `step:outside-write` (red): where a command writes. A write
 * into the project is yellow; into `.git/`, under `~`, to any other absolute place, out through
 * `..`, after a `cd` the engine cannot follow, or to a target it cannot know is red.
 */
export function writeTarget(cmd: Cmd, target: WordValue, rc: RuleContext, how: string): Reason[] {
  const r = resolvePath(target.text, cmd.cwd, rc.ctx);
  return judgeWrite(cmd, r, display(target), how);
}

export function judgeWrite(cmd: Cmd, r: ResolvedPath, shownTarget: string, how: string): Reason[] {
  switch (r.place) {
    case 'dev':
    case 'runner-file':
      return [];
    case 'tmp':
      return [reason('step:workspace-write', 'yellow', cmd, `${how} \`${shownTarget}\`, a temporary file outside the project`)];
    case 'workspace':
      return [reason('step:workspace-write', 'yellow', cmd, `${how} \`${shownTarget}\` in the project`)];
    case 'git':
      return [reason('step:outside-write', 'red', cmd, `${how} \`${shownTarget}\` inside .git/ (hooks and config run code on later git commands)`)];
    case 'home':
      return [reason('step:outside-write', 'red', cmd, `${how} \`${showPath(r)}\` under the home directory, outside the workspace`)];
    case 'unknown':
      return [reason('step:outside-write', 'red', cmd, `${how} \`${shownTarget}\`, a target the engine cannot know (unknown expansion): it may be outside the workspace`)];
    default:
      return [reason('step:outside-write', 'red', cmd, `${how} \`${shownTarget}\` outside the workspace`)];
  }
}

const OUTPUT_OPS = new Set(['>', '>>', '&>', '&>>', '>|', '<>', '>&']);

/** Writes through redirections (`> f`, `>> f`, `&> f`). */
export function redirectWrites(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  for (const r of cmd.redirects) {
    if (r.kind !== 'file' || !r.target || !OUTPUT_OPS.has(r.op)) continue;
    if (r.target.text.startsWith('/dev/tcp/') || r.target.text.startsWith('/dev/udp/')) continue;
    out.push(...writeTarget(cmd, r.target, rc, `redirects output (${r.op}) to`));
  }
  return out;
}

/** Output options a command writes through (`-o`, `--output`, `--prefix`, ...): red outside the workspace. */
const OUTPUT_OPTIONS = ['-o', '-O', '--output', '--target', '--prefix', '--directory', '--out', '--outdir', '--out-dir', '--output-dir', '--output-file', '--output-directory', '--target-dir', '--install-dir', '--root', '--dest', '--destination'];
/** Commands where `-o`/`-O` are flags or mean something else, or that judge their own outputs. */
const OWN_OUTPUTS = new Set([
  'git', 'make', 'gmake', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ssh', 'scp', 'sftp', 'ps', 'mount', 'curl', 'wget', 'tar', 'find', 'ls', 'unzip',
  'cp', 'mv', 'install', 'ln', 'jq', 'sed', 'awk', 'gawk', 'sort', 'read', 'set', 'shopt',
  'bash', 'sh', 'zsh', 'dash', 'ksh', 'mkdir', 'echo', 'printf', 'cat', 'less', 'head', 'tail', 'gh', 'kubectl', 'helm', 'nc', 'ncat', 'rsync',
]);

export function outputOptions(cmd: Cmd, rc: RuleContext): Reason[] {
  if (OWN_OUTPUTS.has(cmd.name)) return [];
  const out: Reason[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as WordValue).text;
    for (const opt of OUTPUT_OPTIONS) {
      let value: WordValue | null = null;
      if (t === opt) value = args[i + 1] ?? null;
      else if (opt.startsWith('--') && t.startsWith(opt + '=')) value = { ...(args[i] as WordValue), text: t.slice(opt.length + 1) };
      else if (!opt.startsWith('--') && t.startsWith(opt) && t.length > 2 && (t[2] === '/' || t[2] === '~' || t[2] === '.')) value = { ...(args[i] as WordValue), text: t.slice(2) };
      if (!value) continue;
      const r = resolvePath(value.text, cmd.cwd, rc.ctx);
      if (r.place === 'home' || r.place === 'outside' || r.place === 'git') out.push(...judgeWrite(cmd, r, display(value), `writes through \`${opt}\` to`));
    }
  }
  return out;
}

function operands(cmd: Cmd, values: string[]): { files: WordValue[]; target: WordValue | null } {
  const p = parseArgs(cmd.args, { values });
  const t = p.options.find((o) => o.name === '-t' || o.name === '--target-directory');
  return { files: p.positionals, target: t?.value ?? null };
}

/** Commands whose purpose is writing files: `cp`, `mv`, `ln`, `tee`, `mkdir`, `touch`, `sed -i`, `chmod`, ... */
export function writeCommand(cmd: Cmd, rc: RuleContext): Reason[] | null {
  const out: Reason[] = [];
  switch (cmd.name) {
    case 'tee': {
      const p = parseArgs(cmd.args, {});
      for (const f of p.positionals) out.push(...writeTarget(cmd, f, rc, 'writes (tee) to'));
      if (p.positionals.length === 0) return [reason('step:read-only', 'green', cmd, 'tee with no file only copies its input to the output')];
      return out;
    }
    case 'cp':
    case 'install': {
      const { files, target } = operands(cmd, ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group', '--backup']);
      if (cmd.name === 'install' && cmd.args.some((a) => a.text === '-d' || a.text === '--directory')) {
        for (const f of files) out.push(...writeTarget(cmd, f, rc, 'creates directory'));
        return out;
      }
      const dest = target ?? files[files.length - 1] ?? null;
      if (!dest) return [reason('step:workspace-write', 'yellow', cmd, `${cmd.name} with no destination`)];
      if (cmd.hiddenArgs && !target) return [reason('step:outside-write', 'red', cmd, `${cmd.name} whose destination comes from xargs input the engine cannot see`)];
      out.push(...writeTarget(cmd, dest, rc, 'copies to'));
      return out;
    }
    case 'mv': {
      const { files, target } = operands(cmd, ['-t', '--target-directory', '-S', '--suffix', '--backup']);
      const all = target ? [...files, target] : files;
      if (all.length === 0) return [reason('step:workspace-write', 'yellow', cmd, 'mv with no operands')];
      if (cmd.hiddenArgs) out.push(reason('step:outside-write', 'red', cmd, 'mv of paths from xargs input the engine cannot see'));
      for (const f of all) out.push(...writeTarget(cmd, f, rc, 'moves'));
      return out;
    }
    case 'ln': {
      const { files, target } = operands(cmd, ['-t', '--target-directory', '-S', '--suffix', '--backup']);
      const all = target ? [...files, target] : files;
      for (const f of all) out.push(...writeTarget(cmd, f, rc, 'links'));
      return out.length ? out : [reason('step:workspace-write', 'yellow', cmd, 'creates a link')];
    }
    case 'mkdir':
    case 'touch': {
      const p = parseArgs(cmd.args, { values: ['-m', '--mode', '-d', '--date', '-r', '--reference', '-t'] });
      for (const f of p.positionals) out.push(...writeTarget(cmd, f, rc, cmd.name === 'mkdir' ? 'creates directory' : 'touches'));
      return out.length ? out : [reason('step:workspace-write', 'yellow', cmd, `${cmd.name} in the project`)];
    }
    case 'chmod':
    case 'chown':
    case 'chgrp':
    case 'chattr':
    case 'setfacl': {
      const p = parseArgs(cmd.args, { values: ['--reference'] });
      const files = cmd.args.some((a) => a.text.startsWith('--reference')) ? p.positionals : p.positionals.slice(1);
      for (const f of files) out.push(...writeTarget(cmd, f, rc, `changes permissions (${cmd.name}) of`));
      return out.length ? out : [reason('step:workspace-write', 'yellow', cmd, `${cmd.name} in the project`)];
    }
    case 'patch': {
      const p = parseArgs(cmd.args, { values: ['-d', '--directory', '-o', '--output', '-i', '--input', '-p', '--strip', '-r', '--reject-file', '-B', '--prefix', '-D', '-F', '-V', '-z', '--suffix'] });
      for (const o of p.options) {
        if ((o.name === '-d' || o.name === '--directory' || o.name === '-o' || o.name === '--output' || o.name === '-r') && o.value) out.push(...writeTarget(cmd, o.value, rc, 'patches'));
      }
      for (const f of p.positionals.slice(0, 1)) out.push(...writeTarget(cmd, f, rc, 'patches'));
      return out.length ? out : [reason('step:workspace-write', 'yellow', cmd, 'applies a patch in the project')];
    }
    case 'tar':
    case 'bsdtar':
    case 'gtar': {
      const first = cmd.args[0]?.text ?? '';
      const cluster = first.startsWith('-') ? first.slice(1) : first;
      const p = parseArgs(cmd.args.slice(first.startsWith('-') ? 0 : 1), { values: ['-C', '--directory', '-f', '--file', '-T', '--files-from', '-X', '--exclude-from', '--exclude', '-b', '--blocking-factor', '-I', '--use-compress-program', '--transform', '--xform', '--owner', '--group', '--mode', '--strip-components'] });
      const creating = /c|r|u/.test(cluster.replace(/[^a-zA-Z]/g, '')) && !cluster.startsWith('-') ? true : p.options.some((o) => ['-c', '--create', '-r', '--append', '-u', '--update'].includes(o.name));
      const extracting = (!first.startsWith('-') && cluster.includes('x')) || p.options.some((o) => o.name === '-x' || o.name === '--extract' || o.name === '--get');
      for (const o of p.options) {
        if ((o.name === '-C' || o.name === '--directory') && o.value && extracting) out.push(...writeTarget(cmd, o.value, rc, 'extracts into'));
        if ((o.name === '-f' || o.name === '--file') && o.value && creating && o.value.text !== '-') out.push(...writeTarget(cmd, o.value, rc, 'writes the archive'));
        if (o.name === '-I' || o.name === '--use-compress-program' || o.name.startsWith('--to-command') || o.name === '--checkpoint-action') out.push(reason('step:unknown', 'yellow', cmd, `tar ${o.name} runs a program`));
      }
      if (!first.startsWith('-') && cluster.includes('f') && creating) {
        const f = cmd.args[1];
        if (f && f.text !== '-') out.push(...writeTarget(cmd, f, rc, 'writes the archive'));
      }
      if (extracting && !out.some((r) => r.rule === 'step:outside-write' || r.rule === 'step:workspace-write')) out.push(reason('step:workspace-write', 'yellow', cmd, 'extracts an archive into the current directory'));
      return out.length ? out : [reason('step:read-only', 'green', cmd, 'lists an archive')];
    }
    case 'unzip': {
      const p = parseArgs(cmd.args, { values: ['-d', '-x', '-P'] });
      if (p.options.some((o) => o.name === '-l' || o.name === '-t' || o.name === '-v' || o.name === '-Z')) return [reason('step:read-only', 'green', cmd, 'lists an archive')];
      const d = p.options.find((o) => o.name === '-d');
      if (d?.value) return writeTarget(cmd, d.value, rc, 'extracts into');
      return [reason('step:workspace-write', 'yellow', cmd, 'extracts an archive into the current directory')];
    }
    default:
      return null;
  }
}

/** `sed`: `-n` and plain filters read; `-i` writes its files. */
export function sedCommand(cmd: Cmd, rc: RuleContext): Reason[] {
  const p = parseArgs(cmd.args, { values: ['-e', '--expression', '-f', '--file', '-l', '--line-length', '-s'] });
  const inPlace = cmd.args.some((a) => /^-[a-zA-Z]*i/.test(a.text) && !a.text.startsWith('--')) || p.options.some((o) => o.name === '--in-place');
  const scripts = p.options.filter((o) => (o.name === '-e' || o.name === '--expression') && o.value).map((o) => o.value as WordValue);
  const usesFile = p.options.some((o) => o.name === '-f' || o.name === '--file');
  const files = scripts.length || usesFile ? p.positionals : p.positionals.slice(1);
  if (!scripts.length && p.positionals[0]) scripts.push(p.positionals[0]);
  const out: Reason[] = [];
  if (inPlace) {
    for (const f of files) out.push(...writeTarget(cmd, f, rc, 'edits in place (sed -i)'));
    if (!files.length) out.push(reason('step:workspace-write', 'yellow', cmd, 'sed -i edits files in place'));
    return out;
  }
  // GNU sed's `e` runs a shell command and `w`/`W` write files: such programs are not read-only.
  const risky = usesFile || scripts.some((s) => !s.known || /(^|[;{}\s\d/$!])[ewW](\s|$|;)|\/[gpIi0-9]*[ew]\s*\S*$/.test(s.text));
  if (risky) {
    // Where the written file is visible, judge it as any other write (`w /etc/x` writes outside).
    const written: Reason[] = [];
    for (const s of scripts) {
      if (!s.known) continue;
      for (const m of s.text.matchAll(/(?:^|[;{}\s\d/$!])[wW]\s*(\S[^;\n}]*)/g)) {
        const target = (m[1] ?? '').trim();
        if (target && target !== '/dev/stdout' && target !== '/dev/stderr') written.push(...judgeWrite(cmd, resolvePath(target, cmd.cwd, rc.ctx), target, 'writes a file from a sed program (`w`)'));
      }
    }
    return [...written, reason('step:unknown', 'yellow', cmd, 'sed program that may run commands (`e`) or write files (`w`), or comes from a file')];
  }
  return [reason('step:read-only', 'green', cmd, 'sed filter: reads and prints')];
}
