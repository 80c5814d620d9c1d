import type { Reason } from '../../types.js';
import type { AddedText } from './added-text.js';

/**
 * `content:test-exec`: test and build-hook code whose added lines spawn processes, open network
 * connections or read the environment. Tests and build hooks run in CI with its token, so such code
 * is not green even though the path rules call tests green.
 */

/** Build hooks: files a tool runs on its own during install, build or test. */
const BUILD_HOOK =
  /(?:^|\/)(?:conftest\.py|setup\.py|noxfile\.py|build\.rs|[^/]+\.config\.[cm]?[jt]s|gulpfile\.[cm]?[jt]s|gruntfile\.[cm]?[jt]s|(?:jest|vitest|playwright)\.setup\.[cm]?[jt]s|setupTests\.[cm]?[jt]s|globalSetup\.[cm]?[jt]s)$/i;

export function isBuildHook(path: string): boolean {
  return BUILD_HOOK.test(path);
}

interface Capability {
  what: string;
  re: RegExp;
}

/** The spec's list and its family across languages (Node, Python, Go, Rust, Ruby, Java, Deno, Bun). */
const CAPABILITIES: readonly Capability[] = [
  {
    what: 'spawns processes',
    re: /\bchild_process\b|\bsubprocess\b|\bos\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawn)\b|\bexec(?:Sync|File|FileSync|a|aSync|aCommand)?\s*\(|\bspawn(?:Sync)?\s*\(|\bfork\s*\(|\bpopen\s*\(|\bPopen\b|\bpexpect\b|\bshelljs\b|\bexeca\b|['"]zx['"]|\bDeno\.(?:run|Command)\b|\bBun\.(?:spawn|spawnSync|\$)|\bCommand::new\b|\bstd::process\b|\bexec\.Command(?:Context)?\b|"os\/exec"|\bRuntime\.getRuntime\(\)\.exec\b|\bProcessBuilder\b|\bKernel\.(?:system|exec|spawn)\b|\bIO\.popen\b|%x\{|\bOpen3\b/,
  },
  {
    what: 'opens network connections',
    re: /\bfetch\s*\(|\bhttps?\.(?:request|get)\b|\bsocket\b|\bWebSocket\b|\burllib\d?\b|\brequests\.|\bhttpx\b|\baiohttp\b|\bhttp\.client\b|\bXMLHttpRequest\b|\baxios\b|\bnode-fetch\b|\bundici\b|\bgot\s*\(|\bnet\.(?:connect|createConnection|Socket|Dial)\b|"net\/http"|\bhttp\.(?:Get|Post|NewRequest)\b|\bTcpStream\b|\bUdpSocket\b|\breqwest\b|\bureq\b|\bNet::HTTP\b|\bHttpClient\b|\bURLConnection\b|\bsmtplib\b|\bftplib\b|\bparamiko\b/i,
  },
  {
    what: 'reads the environment',
    re: /\bprocess\.env\b|\bos\.environ\b|\bos\.getenv\b|\bgetenv\s*\(|\bos\.(?:Getenv|Environ|LookupEnv)\b|\benv::var(?:s|_os)?\b|\bstd::env\b|\bENV\[|\bENV\.fetch\b|\bSystem\.getenv\b|\bDeno\.env\b|\bBun\.env\b|\bimport\.meta\.env\b/,
  },
];

export function testExecReasons(added: AddedText, kind: 'test' | 'build hook'): Reason[] {
  const reasons: Reason[] = [];
  const lines = added.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const found: string[] = [];
    for (const c of CAPABILITIES) {
      const m = c.re.exec(line);
      if (m) found.push(`${c.what} (\`${m[0].trim()}\`)`);
    }
    if (found.length === 0) continue;
    reasons.push({
      rule: 'content:test-exec',
      zone: 'yellow',
      message: `${kind} code that ${found.join(' and ')}: ${kind === 'test' ? 'tests run' : 'build hooks run'} in CI with its token, so a reviewer should check what it runs, reaches or reads`,
      line: added.lineNumbers[i]!,
    });
  }
  return reasons;
}
