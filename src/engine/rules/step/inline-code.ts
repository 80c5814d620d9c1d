import type { Policy } from '../../../policy/types.js';
import type { Reason } from '../../types.js';
import { credentialInPath } from './credential-paths.js';

/**
 * `step:inline-code`: program text given on a command line (`python -c`, `node -e`, ...) or as a
 * `shell: python` / `shell: pwsh` step. Yellow; red when the code spawns processes, deletes files,
 * opens connections, reads the environment or hides what it does. Best effort (the docs say so):
 * a token search over program text, not a parser per language.
 */
interface Signal {
  token: RegExp;
  what: string;
}

const s = (token: RegExp, what: string): Signal => ({ token, what });

const COMMON: Signal[] = [
  s(/\bos\s*\.\s*system\b|\bsystem\s*\(|\bpopen\b|\bsubprocess\b|\bchild_process\b|\bspawn\w*\b|\bexec\w*\s*\(|\bexecSync\b|\bexecFile\w*\b|\bpty\s*\.|\bshell_exec\b|\bpassthru\b|\bproc_open\b|\bpcntl_exec\b|\bIO\s*\.\s*popen\b|\bKernel\s*\.|%x\s*[({[]|\bqx\s*[({[]|\bfork\s*\(|\bDeno\s*\.\s*(run|Command)\b|\bBun\s*\.\s*(spawn|\$)\b|\bStart-Process\b|\bInvoke-Command\b|\bInvoke-Item\b/i, 'spawns processes'),
  s(/\beval\s*\(|\beval\b|\b__import__\b|\bgetattr\s*\(|\bimportlib\b|\bcompile\s*\(|\bnew\s+Function\b|\bFunction\s*\(|\bvm\s*\.\s*run\w*|\b(?:require|import)\s*\(\s*(?:[^'"`\s)]|(?:'[^']*'|"[^"]*"|`[^`]*`)\s*\+|`[^`]*\$\{)|\bInvoke-Expression\b|\biex\b|\bb64decode\b|\bbase64\b|\batob\s*\(|\bBuffer\s*\.\s*from\s*\([^)]*base64|\bFromBase64String\b|\bcreate_function\b|\bassert\s*\(|\bmarshal\b|\bpickle\s*\.\s*loads?\b|\bcodecs\s*\.\s*decode\b|\bbytes\s*\.\s*fromhex\b|\bchr\s*\(\s*\d+\s*\)\s*\+|String\s*\.\s*fromCharCode/i, 'hides what it runs (eval, dynamic imports, decoded strings)'),
  s(/\brmtree\b|\bunlink\w*\b|\bremove\w*\b|\brmdir\w*\b|\brmSync\b|\bfs\s*\.\s*rm\b|\bos\s*\.\s*rm\b|\bdelete\s*\(|\bRemove-Item\b|\bFileUtils\s*\.\s*rm\w*|\bFile\s*\.\s*delete\b|\btruncate\b|\bshred\b/i, 'deletes files'),
  s(/\bsocket\w*\b|\bhttps?\b|\burllib\w*\b|\brequests\b|\bfetch\s*\(|\bfetch\b|\bXMLHttpRequest\b|\bWebSocket\b|\bnet\s*\.\s*(connect|createConnection|Socket)\b|\bdgram\b|\btls\s*\.\s*connect\b|\baxios\b|\bhttpx\b|\baiohttp\b|\bftplib\b|\bsmtplib\b|\bparamiko\b|\bNet::HTTP\b|\bopen-uri\b|\bLWP\b|\bIO::Socket\b|\bcurl_\w+|\bfsockopen\b|\bfile_get_contents\s*\(\s*['"]https?:|\bInvoke-WebRequest\b|\bInvoke-RestMethod\b|\biwr\b|\birm\b|\bNet\.WebClient\b|\bDownloadString\b|\bDownloadFile\b|\bStart-BitsTransfer\b/i, 'opens network connections'),
  s(/\bos\s*\.\s*environ\b|\bos\s*\.\s*getenv\b|\bgetenv\s*\(|\bprocess\s*\.\s*env\b|\bENV\s*\[|\bENV\s*\.\s*(fetch|to_h|each|keys|values)\b|%ENV\b|\$ENV\s*\{|\$_ENV\b|\$_SERVER\b|\bDeno\s*\.\s*env\b|\bBun\s*\.\s*env\b|\$env:|\benv:\\?|\bGet-ChildItem\s+env:|\bSys\s*\.\s*getenv\b|\bSystem\s*\.\s*getenv\b|\bEnvironment\s*\.\s*GetEnvironmentVariable\w*/i, 'reads the environment (tokens live there)'),
];

const QUOTED = /(['"`])((?:\\.|(?!\1).)*)\1/g;

export function classifyInlineCode(language: string, code: string, _policy: Policy): Reason[] {
  const lang = language.toLowerCase();
  const out: Reason[] = [];
  for (const sig of COMMON) {
    const m = sig.token.exec(code);
    if (m) {
      const line = code.slice(0, m.index).split('\n').length;
      out.push({ rule: 'step:inline-code', zone: 'red', message: `inline ${lang} code ${sig.what} (\`${m[0].trim()}\`)`, line });
    }
  }
  for (const m of code.matchAll(QUOTED)) {
    const hit = credentialInPath(m[2] ?? '');
    if (hit) {
      out.push({ rule: 'step:credential-access', zone: 'red', message: `inline ${lang} code names the credential path ${hit}`, line: code.slice(0, m.index).split('\n').length });
      break;
    }
  }
  if (out.length === 0) {
    out.push({ rule: 'step:inline-code', zone: 'yellow', message: `inline ${lang} code: runs as written (best-effort check found no process, file deletion, network or environment access)`, line: 1 });
  }
  return out;
}
