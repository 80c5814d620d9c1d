import type { Policy } from '../../../policy/types.js';
import type { Reason } from '../../types.js';
import { hostAllower } from '../step/hosts.js';
import type { NewSide } from './new-side.js';

/**
 * PowerShell scripts (`*.ps1`): the bash parser cannot read PowerShell and no PowerShell grammar ships
 * with the engine, so the red families of the step rules are recognised here from PowerShell's own
 * cmdlet names and aliases, line by line (best effort, fail-closed where the line hides its command):
 * download-and-run, encoded or evaluated commands, downloads from hosts off the allow list, recursive
 * or forced deletes, and secret reads.
 */
interface PsRule {
  step: string;
  what: string;
  test: (line: string, allowed: (host: string) => boolean) => boolean;
}

const DOWNLOAD = /\b(?:Invoke-WebRequest|iwr|Invoke-RestMethod|irm|Start-BitsTransfer|curl|wget|DownloadString|DownloadFile|DownloadData|OpenRead)\b/i;
const EVAL = /\b(?:Invoke-Expression|iex)\b|\[ScriptBlock\]::Create|\.Invoke\(\)|&\s*\(\s*\$/i;
const ENCODED = /\s-(?:e|ec|enc|enco|encod|encode|encoded|encodedc|encodedcommand)\s+[A-Za-z0-9+/=]{8,}|FromBase64String/i;
const DELETE = /\b(?:Remove-Item|ri|rm|rmdir|rd|del|erase)\b[^|;]*\s-(?:r|re|rec|recu|recur|recurs|recurse|fo|for|forc|force)\b/i;
const SECRET_READ = /\b(?:Get-Secret|ConvertFrom-SecureString|Get-StoredCredential|Export-Clixml)\b|\$env:[A-Za-z_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|_KEY)\b|Get-ChildItem\s+env:|\bls\s+env:|\bdir\s+env:/i;
const URL = /\bhttps?:\/\/([^\s/'"`:)]+)/gi;

const RULES: readonly PsRule[] = [
  { step: 'step:remote-exec', what: 'downloads code and runs it', test: (l) => DOWNLOAD.test(l) && EVAL.test(l) },
  { step: 'step:obfuscated', what: 'runs an encoded or evaluated command', test: (l) => ENCODED.test(l) || EVAL.test(l) },
  {
    step: 'step:network',
    what: 'reaches a host not on the allow list',
    test: (l, allowed) => {
      if (!DOWNLOAD.test(l) && !/\b(?:Net\.WebClient|Net\.Sockets|Test-NetConnection|Invoke-RestMethod)\b/i.test(l)) return false;
      URL.lastIndex = 0;
      let any = false;
      for (let m = URL.exec(l); m; m = URL.exec(l)) {
        any = true;
        if (!allowed(m[1]!.toLowerCase())) return true;
      }
      // A download whose target is a variable cannot be checked: fail closed.
      return !any && /\$\w/.test(l);
    },
  },
  { step: 'step:delete', what: 'deletes recursively or by force', test: (l) => DELETE.test(l) },
  { step: 'step:credential-access', what: 'reads secrets or the environment', test: (l) => SECRET_READ.test(l) },
];

export function powershellReasons(side: NewSide, policy: Policy): Reason[] {
  const allowed = hostAllower(policy);
  const reasons: Reason[] = [];
  for (const run of side.runs) {
    for (const l of run) {
      if (!l.added) continue;
      const code = l.text.replace(/(^|\s)#.*$/, '$1').trim();
      if (code === '') continue;
      for (const r of RULES) {
        if (!r.test(code, allowed)) continue;
        reasons.push({
          rule: 'content:dangerous-command',
          zone: 'red',
          message: `PowerShell script runs a red command (${r.step}): \`${code.slice(0, 120)}\` ${r.what}`,
          line: l.line,
        });
        break;
      }
    }
  }
  return reasons;
}
